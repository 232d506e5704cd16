//! How much of one buyer's interests a class of sellers can meet, for a
//! tighter bound while ranking.
//!
//! A pair's topical relevance is its best component scaled by the share of
//! the buyer's interests the seller meets closely (0.9 + 0.1 × share), plus
//! up to 5% when HS codes agree on a category match. A seller of one of
//! three things asked for cannot reach the score of one selling all three,
//! however well that one thing matches; so the bound counts the interests
//! a seller's categories could meet, instead of assuming all of them.

use super::classes::Classes;
use super::profile::{HsCode, Profile};
use super::rank::Reachable;
use super::score::{SECOND_MATCH_MIN, hs_agreement_of_bytes, term_bit};

/// Float noise allowed between this bound's products and the score's.
const SLACK: f32 = 1e-4;

/// An HS code as the bound reads it: its first six bytes (all that
/// [`hs_agreement_of_bytes`] tells apart), its weight, and whether a
/// category implied it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct PackedHs {
    prefix: [u8; 6],
    len: u8,
    implied: bool,
    weight: f32,
}

impl PackedHs {
    fn of(code: &HsCode) -> PackedHs {
        let bytes = code.digits.as_bytes();
        let len = bytes.len().min(6);
        let mut prefix = [0; 6];
        prefix[..len].copy_from_slice(&bytes[..len]);
        PackedHs {
            prefix,
            len: len as u8,
            implied: code.implied(),
            weight: code.weight,
        }
    }

    fn digits(&self) -> &[u8] {
        &self.prefix[..usize::from(self.len)]
    }
}

/// What the bound reads of each class of sellers, from its first member,
/// class after class in flat lists: reading it from a million profiles
/// (each with its own buffers) cost several cache misses a class, most of
/// ranking's time at that size. Most classes are read from the [`Sketch`]
/// in their posting entries instead; this holds every class whole.
#[derive(Default)]
pub(super) struct ClassReach {
    /// Category hits (node, similarity).
    hits: Vec<(u32, f32)>,
    /// HS codes, in the profile's order.
    hs: Vec<PackedHs>,
    /// Per class, then one more for the end: where its hits and codes start,
    /// and `HAS_*` flags.
    start: Vec<Start>,
}

#[derive(Clone, Copy)]
struct Start {
    hits: u32,
    hs: u32,
    flags: u8,
}

const HAS_HS: u8 = 1;
const HAS_OWN_HS: u8 = 2;
const HAS_LOOSE: u8 = 4;

fn flags_of(p: &Profile) -> u8 {
    u8::from(!p.hs.is_empty()) * HAS_HS
        + u8::from(p.hs.iter().any(|c| !c.implied())) * HAS_OWN_HS
        + u8::from(!p.loose.is_empty()) * HAS_LOOSE
}

/// What [`Reach::of`] reads of a class: its category hits and flags.
#[derive(Clone, Copy)]
pub(super) struct Meets<'a> {
    hits: &'a [(u32, f32)],
    flags: u8,
}

impl ClassReach {
    pub fn new(profiles: &[Profile], classes: &Classes) -> ClassReach {
        let mut reach = ClassReach::default();
        for rep in classes.representatives() {
            let p = &profiles[rep as usize];
            reach.push_start(flags_of(p));
            reach
                .hits
                .extend(p.hits.iter().map(|h| (h.node, h.similarity)));
            reach.hs.extend(p.hs.iter().map(PackedHs::of));
        }
        reach.push_start(0);
        reach
    }

    fn push_start(&mut self, flags: u8) {
        self.start.push(Start {
            hits: self.hits.len() as u32,
            hs: self.hs.len() as u32,
            flags,
        });
    }

    fn span(&self, class: u32) -> Option<(&Start, &Start)> {
        let c = class as usize;
        Some((self.start.get(c)?, self.start.get(c + 1)?))
    }

    pub fn meets(&self, class: u32) -> Option<Meets<'_>> {
        let (from, to) = self.span(class)?;
        Some(Meets {
            hits: self.hits.get(from.hits as usize..to.hits as usize)?,
            flags: from.flags,
        })
    }

    /// The class's HS codes, for [`Reach::hs_agreement`].
    pub fn hs(&self, class: u32) -> Option<&[PackedHs]> {
        let (from, to) = self.span(class)?;
        self.hs.get(from.hs as usize..to.hs as usize)
    }
}

/// How many category hits a [`Sketch`] carries: in a generated million
/// sellers, 94% of the classes have at most three (most have two).
const SKETCH_HITS: usize = 3;

/// What [`Reach::of`] reads of a class, carried in each of its posting
/// entries so that most bounds read nothing else: the entries are read in
/// order, the class's own record would be a cache miss.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Sketch {
    hits: [(u32, f32); SKETCH_HITS],
    /// How many of `hits` hold the class's hits; more than `SKETCH_HITS`
    /// when the class has more (then [`ClassReach`] is read).
    count: u8,
    flags: u8,
}

impl Sketch {
    pub fn of(p: &Profile) -> Sketch {
        let mut sketch = Sketch {
            count: p.hits.len().min(usize::from(u8::MAX)) as u8,
            flags: flags_of(p),
            ..Sketch::default()
        };
        for (slot, hit) in sketch.hits.iter_mut().zip(&p.hits) {
            *slot = (hit.node, hit.similarity);
        }
        sketch
    }

    /// The class's hits and flags, when they all fit.
    pub(super) fn meets(&self) -> Option<Meets<'_>> {
        Some(Meets {
            hits: self.hits.get(..usize::from(self.count))?,
            flags: self.flags,
        })
    }
}

/// One buyer's interests as a class of sellers can meet them.
pub(super) struct Reach {
    /// (seller category, the buyer interest's bit, the most that
    /// category earns against it before the seller's own similarity), by
    /// category.
    links: Vec<(u32, u64, f32)>,
    /// How many interests the buyer names (the share's denominator).
    asked: usize,
    /// Whether an HS code read from an interest can meet one more.
    by_hs: bool,
    /// Whether a plain-text interest can meet one more.
    by_text: bool,
    /// What HS agreement on a category match can add: 0.05 when the buyer
    /// has a category to match (else 0).
    bonus: f32,
    /// Whether the buyer has an HS code of its own or read from an
    /// interest: codes that categories imply on both sides never agree.
    own_hs: bool,
    /// The buyer's HS codes.
    hs: Vec<PackedHs>,
}

impl Reach {
    /// `related[node]`: the seller categories related to a buyer category,
    /// with their credit.
    pub fn for_buyer(buyer: &Profile, related: &[Vec<(u32, f32)>]) -> Reach {
        let mut links: Vec<(u32, u64, f32)> = (buyer.hits.iter())
            .flat_map(|bh| {
                let list = related.get(bh.node as usize).map_or(&[][..], Vec::as_slice);
                list.iter()
                    .map(move |&(node, credit)| (node, term_bit(bh.term), bh.similarity * credit))
            })
            .collect();
        links.sort_unstable_by_key(|l| l.0);
        Reach {
            links,
            asked: buyer.terms.len(),
            by_hs: buyer.hs.iter().any(|c| c.term.is_some()),
            by_text: !buyer.loose.is_empty(),
            bonus: if buyer.hits.is_empty() { 0.0 } else { 0.05 },
            own_hs: buyer.hs.iter().any(|c| !c.implied()),
            hs: buyer.hs.iter().map(PackedHs::of).collect(),
        }
    }

    /// What a seller class's topical relevance can reach against this
    /// buyer, its HS agreement bounded by 1 (see [`Reach::hs_agreement`]).
    pub fn of(&self, class: Meets<'_>) -> Reachable {
        let mut share = 1.0;
        if self.asked > 0 {
            let mut met = 0u64;
            for &(node, similarity) in class.hits {
                let from = self.links.partition_point(|l| l.0 < node);
                for &(_, bit, value) in self.links[from..].iter().take_while(|l| l.0 == node) {
                    if similarity * value >= SECOND_MATCH_MIN - SLACK {
                        met |= bit;
                    }
                }
            }
            let mut count = met.count_ones() as usize;
            count += usize::from(self.by_hs && class.flags & HAS_HS != 0);
            count += usize::from(self.by_text && class.flags & HAS_LOOSE != 0);
            share = (count as f32 / self.asked.min(64) as f32).min(1.0);
        }
        // The bonus is 5% of the lesser of the category match (at most the
        // best component) and the HS agreement, which needs a code not
        // implied by a category on one side.
        let bonus = self.bonus > 0.0 && (self.own_hs || class.flags & HAS_OWN_HS != 0);
        Reachable {
            multiple: 0.9 + 0.1 * share,
            bonus: if bonus { self.bonus } else { 0.0 },
            hs: if bonus { 1.0 } else { 0.0 },
            hs_exact: !bonus,
        }
    }

    /// The HS component of the class's pair score, as
    /// [`super::score::Scorer::evaluate`] finds it: what [`Reach::of`]
    /// bounds by 1, worked out when that bound is not enough.
    pub fn hs_agreement(&self, class: &[PackedHs]) -> f32 {
        let mut best = 0.0f32;
        for sc in class {
            for bc in &self.hs {
                if sc.implied && bc.implied {
                    continue;
                }
                let agreement = hs_agreement_of_bytes(sc.digits(), bc.digits());
                best = best.max(agreement * sc.weight * bc.weight);
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::score::hs_agreement;

    #[test]
    fn packed_codes_agree_as_their_digits_do() {
        let codes = [
            "",
            "0",
            "08",
            "080",
            "0809",
            "08092",
            "080929",
            "0809290010",
            "0809290090",
            "080921",
            "0802",
            "22",
            "2204215",
            "中国",
            "中国08",
        ];
        let pack = |digits: &str| {
            PackedHs::of(&HsCode {
                digits: digits.into(),
                weight: 1.0,
                own: Some(0),
                node: None,
                term: None,
            })
        };
        for a in codes {
            for b in codes {
                assert_eq!(
                    hs_agreement_of_bytes(pack(a).digits(), pack(b).digits()),
                    hs_agreement(a, b),
                    "{a} against {b}"
                );
            }
        }
    }
}
