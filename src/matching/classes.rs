//! Participants that score alike, grouped so that each group is scored once
//! per query.
//!
//! A million sellers name a few thousand phrases, so hundreds of thousands
//! of them share every feature a pair score reads: their categories with
//! similarities, their HS codes in order, their unmapped words, their
//! certifications and languages. Such sellers form one class; a query scores
//! the class once and orders its members by the seeded tie key of
//! [`super::ties`], so the ranking stays the one that scoring every seller
//! gives (`tests/matching_rank.rs` checks this).

use std::collections::HashMap;

use foldhash::fast::RandomState;
use rayon::prelude::*;

use super::profile::Profile;

/// Participants grouped into classes; class ids follow each class's first
/// member, so the same input always gives the same classes.
#[derive(Debug, Default)]
pub struct Classes {
    /// The class of each participant.
    pub of: Vec<u32>,
    /// Members of class `c`: `members[start[c]..start[c + 1]]`, by index.
    members: Vec<u32>,
    start: Vec<u32>,
}

impl Classes {
    /// Every participant its own class (for a side whose scores depend on
    /// more than [`seller_key`] reads, such as buyers).
    pub fn singletons(count: usize) -> Classes {
        let ids: Vec<u32> = (0..count as u32).collect();
        Classes {
            of: ids.clone(),
            members: ids,
            start: (0..=count as u32).collect(),
        }
    }

    /// Sellers grouped by everything [`super::score::Scorer::evaluate`]
    /// reads of a seller.
    pub fn of_sellers(profiles: &[Profile]) -> Classes {
        let keys: Vec<Vec<u8>> = profiles.par_iter().map(seller_key).collect();
        let mut ids: HashMap<&[u8], u32, RandomState> = HashMap::default();
        let of: Vec<u32> = (keys.iter())
            .map(|key| {
                let next = ids.len() as u32;
                *ids.entry(key.as_slice()).or_insert(next)
            })
            .collect();
        Classes::from_labels(of, ids.len())
    }

    fn from_labels(of: Vec<u32>, count: usize) -> Classes {
        let mut start = vec![0u32; count + 1];
        for &c in &of {
            start[c as usize + 1] += 1;
        }
        for c in 0..count {
            start[c + 1] += start[c];
        }
        let mut fill = start.clone();
        let mut members = vec![0u32; of.len()];
        for (who, &c) in of.iter().enumerate() {
            let slot = &mut fill[c as usize];
            members[*slot as usize] = who as u32;
            *slot += 1;
        }
        Classes { of, members, start }
    }

    pub fn len(&self) -> usize {
        self.start.len().saturating_sub(1)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The members of a class, by index; the first stands for the class.
    pub fn members(&self, class: u32) -> &[u32] {
        &self.members[self.span(class)]
    }

    /// Where a class's members sit in member order (empty for no class):
    /// the same span of an array from [`Classes::in_member_order`] holds
    /// their values.
    pub fn span(&self, class: u32) -> std::ops::Range<usize> {
        let c = class as usize;
        match (self.start.get(c), self.start.get(c + 1)) {
            (Some(&from), Some(&to)) => from as usize..to as usize,
            _ => 0..0,
        }
    }

    /// Per-participant values rearranged into member order, class after
    /// class, so that reading one class's values is one sequential read
    /// (a participant without a value gets the default, keeping the spans).
    pub fn in_member_order<T: Copy + Default>(&self, per_participant: &[T]) -> Vec<T> {
        (self.members.iter())
            .map(|&m| per_participant.get(m as usize).copied().unwrap_or_default())
            .collect()
    }

    /// One member of each class, by class.
    pub fn representatives(&self) -> impl Iterator<Item = u32> + '_ {
        (0..self.len() as u32).map(|c| self.members(c)[0])
    }
}

fn put_text(key: &mut Vec<u8>, text: &str) {
    key.extend_from_slice(&(text.len() as u32).to_le_bytes());
    key.extend_from_slice(text.as_bytes());
}

fn put_count(key: &mut Vec<u8>, count: usize) {
    key.extend_from_slice(&(count as u32).to_le_bytes());
}

/// Everything a seller's pair scores depend on, as bytes that are equal
/// exactly when two sellers score alike against every buyer:
/// - categories with similarities, as a set (the score takes maxima and a
///   set of the buyer's interests met; which seller term gave a match only
///   shows in reasons, which are built from each seller's own profile);
/// - HS codes with weights and whether a category implied them, in order
///   (among equally good code pairs the first decides which buyer interest
///   counts as met);
/// - unmapped terms' words, in order, for the same reason;
/// - certifications and languages, as sets (a pair needs one held
///   certification per requirement and one shared language).
pub fn seller_key(p: &Profile) -> Vec<u8> {
    let mut key = Vec::with_capacity(64);
    let mut hits: Vec<(u32, u32)> = (p.hits.iter())
        .map(|h| (h.node, h.similarity.to_bits()))
        .collect();
    hits.sort_unstable();
    put_count(&mut key, hits.len());
    for (node, similarity) in hits {
        key.extend_from_slice(&node.to_le_bytes());
        key.extend_from_slice(&similarity.to_le_bytes());
    }
    put_count(&mut key, p.hs.len());
    for code in &p.hs {
        put_text(&mut key, &code.digits);
        key.extend_from_slice(&code.weight.to_bits().to_le_bytes());
        key.push(u8::from(code.implied()));
    }
    put_count(&mut key, p.loose.len());
    for (_, words) in &p.loose {
        put_count(&mut key, words.len());
        for word in words.iter() {
            put_text(&mut key, word);
        }
    }
    for texts in [&p.certifications, &p.languages] {
        let mut set: Vec<&str> = texts.iter().map(|t| &**t).collect();
        set.sort_unstable();
        set.dedup();
        put_count(&mut key, set.len());
        for text in set {
            put_text(&mut key, text);
        }
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_are_grouped_by_label_in_index_order() {
        let classes = Classes::from_labels(vec![0, 1, 0, 2, 1, 0], 3);
        assert_eq!(classes.len(), 3);
        assert_eq!(classes.members(0), &[0, 2, 5]);
        assert_eq!(classes.members(1), &[1, 4]);
        assert_eq!(classes.members(2), &[3]);
        assert_eq!(classes.members(3), &[] as &[u32]);
        let values = classes.in_member_order(&[10, 11, 12, 13, 14, 15]);
        assert_eq!(values, vec![10, 12, 15, 11, 14, 13]);
        assert_eq!(&values[classes.span(1)], &[11, 14]);
        assert_eq!(classes.representatives().collect::<Vec<_>>(), vec![0, 1, 3]);
    }

    #[test]
    fn singletons_are_one_class_each() {
        let classes = Classes::singletons(3);
        assert_eq!(classes.len(), 3);
        assert_eq!(classes.members(1), &[1]);
        assert_eq!(classes.of, vec![0, 1, 2]);
    }
}
