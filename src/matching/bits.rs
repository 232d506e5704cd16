//! Summit-wide bit sets for languages and certifications, so that a bound
//! compares two participants' sets in a few instructions.
//!
//! The first 63 distinct texts of a kind get a bit each; bit 63 stands for
//! every text beyond them, and then the bounds assume the best (a shared
//! language, a requirement met), so they stay bounds.

use std::collections::HashMap;
use std::sync::Arc;

use super::profile::Profile;
use super::score::certification_matches;

/// The bit shared by every text beyond the first 63 of its kind.
pub const OTHER: u64 = 1 << 63;

/// Whether two participants may share a language: surely when their bits
/// meet, possibly when either speaks a language without its own bit.
pub fn may_share_language(a: u64, b: u64) -> bool {
    a & b != 0 || (a | b) & OTHER != 0
}

/// Bits for one kind of text, in the order first seen.
#[derive(Debug, Default)]
struct Table {
    bits: HashMap<Arc<str>, u64>,
    texts: Vec<Arc<str>>,
}

impl Table {
    fn add(&mut self, text: &Arc<str>) {
        if self.bits.contains_key(text) {
            return;
        }
        let bit = if self.texts.len() < 63 {
            self.texts.push(Arc::clone(text));
            1u64 << (self.texts.len() - 1)
        } else {
            OTHER
        };
        self.bits.insert(Arc::clone(text), bit);
    }

    fn of(&self, texts: &[Arc<str>]) -> u64 {
        (texts.iter())
            .map(|t| self.bits.get(t).copied().unwrap_or(OTHER))
            .fold(0, |a, b| a | b)
    }
}

/// The summit's languages and certifications as bits.
#[derive(Debug, Default)]
pub struct Bits {
    languages: Table,
    /// Certifications sellers hold.
    held: Table,
    /// Certifications buyers require.
    required: Table,
    /// Per required certification (by bit): the held ones that meet it,
    /// with [`OTHER`] (a held certification without a bit might).
    met_by: Vec<u64>,
}

impl Bits {
    pub fn new(sellers: &[Profile], buyers: &[Profile]) -> Bits {
        let mut bits = Bits::default();
        for p in sellers.iter().chain(buyers) {
            p.languages.iter().for_each(|l| bits.languages.add(l));
        }
        for p in sellers {
            p.certifications.iter().for_each(|c| bits.held.add(c));
        }
        for p in buyers {
            p.certifications.iter().for_each(|c| bits.required.add(c));
        }
        bits.met_by = (bits.required.texts.iter())
            .map(|required| {
                (bits.held.texts.iter().enumerate())
                    .filter(|(_, held)| certification_matches(held, required))
                    .fold(OTHER, |mask, (i, _)| mask | 1 << i)
            })
            .collect();
        bits
    }

    pub fn languages(&self, p: &Profile) -> u64 {
        self.languages.of(&p.languages)
    }

    /// A seller's certifications held.
    pub fn held(&self, seller: &Profile) -> u64 {
        self.held.of(&seller.certifications)
    }

    /// A buyer's certifications required.
    pub fn required(&self, buyer: &Profile) -> u64 {
        self.required.of(&buyer.certifications)
    }

    /// How many required certifications surely go unmet: at most as many as
    /// the pair's score counts as missing, for a requirement given twice
    /// counts twice there, and one without a bit is taken as met.
    pub fn missing_at_least(&self, held: u64, required: u64) -> u32 {
        let mut rest = required & !OTHER;
        let mut missing = 0;
        while rest != 0 {
            let r = rest.trailing_zeros() as usize;
            rest &= rest - 1;
            let met_by = self.met_by.get(r).copied().unwrap_or(OTHER);
            if met_by & held == 0 {
                missing += 1;
            }
        }
        missing
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(certifications: &[&str], languages: &[&str]) -> Profile {
        Profile {
            certifications: certifications.iter().map(|&c| Arc::from(c)).collect(),
            languages: languages.iter().map(|&l| Arc::from(l)).collect(),
            ..Profile::default()
        }
    }

    #[test]
    fn one_held_certification_can_meet_two_requirements() {
        let sellers = [profile(&["usda organic"], &["en"]), profile(&[], &["zh"])];
        let buyers = [profile(&["organic", "usda organic", "halal"], &["zh"])];
        let bits = Bits::new(&sellers, &buyers);
        let required = bits.required(&buyers[0]);
        // "usda organic" meets both organic requirements; only halal is missing.
        assert_eq!(bits.missing_at_least(bits.held(&sellers[0]), required), 1);
        assert_eq!(bits.missing_at_least(bits.held(&sellers[1]), required), 3);
        assert!(!may_share_language(
            bits.languages(&sellers[0]),
            bits.languages(&buyers[0])
        ));
        assert!(may_share_language(
            bits.languages(&sellers[1]),
            bits.languages(&buyers[0])
        ));
    }

    #[test]
    fn texts_beyond_the_bits_are_assumed_to_match() {
        let held: Vec<String> = (0..70).map(|i| format!("h{i:02}")).collect();
        let held: Vec<&str> = held.iter().map(String::as_str).collect();
        let required: Vec<String> = (0..70).map(|i| format!("r{i:02}")).collect();
        let required: Vec<&str> = required.iter().map(String::as_str).collect();
        let sellers = [profile(&held, &["en"]), profile(&["h01"], &["en"])];
        let buyers = [profile(&["h66"], &["en"]), profile(&required, &["en"])];
        let bits = Bits::new(&sellers, &buyers);
        // h66 has no bit of its own: a seller holding texts without bits may
        // meet it, one holding only h01 surely does not.
        let wants_h66 = bits.required(&buyers[0]);
        assert_eq!(bits.missing_at_least(bits.held(&sellers[0]), wants_h66), 0);
        assert_eq!(bits.missing_at_least(bits.held(&sellers[1]), wants_h66), 1);
        // h66 took the first bit: 62 of these 70 requirements have bits and
        // count, the 8 sharing the last one are taken as met.
        let wants_all = bits.required(&buyers[1]);
        assert_eq!(bits.missing_at_least(bits.held(&sellers[1]), wants_all), 62);
    }
}
