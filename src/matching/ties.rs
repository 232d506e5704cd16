//! The order among equal scores: a seeded pseudo-random key per pair.
//!
//! Breaking ties by id (or by file order) lets registration decide who
//! meets whom: with 1,336 sellers at 100.0 for one buyer, the lowest ids
//! took every place. A hash of the seed and both ids orders each pair
//! instead, so every tied seller has the same chance, buyer after buyer.
//! The same seed and ids always give the same order, and reordering the
//! files changes nothing; the participant's index only settles two equal
//! 64-bit keys, which keeps the order total and the ranking exact.

use std::hash::BuildHasher;

use foldhash::quality::FixedState;

/// The tie seed used unless a caller picks another.
pub const DEFAULT_TIE_SEED: u64 = 0x6d61_7463_6873_6c74;

/// A participant's id, hashed once; the pair key mixes two of these.
pub fn id_hash(id: &str) -> u64 {
    FixedState::with_seed(0).hash_one(id)
}

/// Where a pair falls among pairs of equal score: lower comes first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct TieKey {
    hash: u64,
    who: u32,
}

impl TieKey {
    /// The participant on the other side of the pair.
    pub fn who(&self) -> u32 {
        self.who
    }
}

/// The tie keys of one query's pairs.
pub struct Ties<'a> {
    state: FixedState,
    query: u64,
    query_is_buyer: bool,
    /// Id hashes of the other side, by index.
    others: &'a [u64],
}

impl<'a> Ties<'a> {
    /// Ties among the sellers ranked for one buyer.
    pub fn for_buyer(seed: u64, buyer: u64, sellers: &'a [u64]) -> Ties<'a> {
        Ties {
            state: FixedState::with_seed(seed),
            query: buyer,
            query_is_buyer: true,
            others: sellers,
        }
    }

    /// Ties among the buyers ranked for one seller.
    pub fn for_seller(seed: u64, seller: u64, buyers: &'a [u64]) -> Ties<'a> {
        Ties {
            state: FixedState::with_seed(seed),
            query: seller,
            query_is_buyer: false,
            others: buyers,
        }
    }

    /// The key of the pair of the query and `who` (an index on the other
    /// side). A pair gets the same key whichever side asks.
    pub fn key(&self, who: u32) -> TieKey {
        let other = self.others.get(who as usize).copied().unwrap_or(0);
        self.key_of(who, other)
    }

    /// [`Ties::key`] for `who` whose id hash the caller already has
    /// (ranking reads a class's hashes in member order).
    pub fn key_of(&self, who: u32, other: u64) -> TieKey {
        let pair = if self.query_is_buyer {
            (other, self.query)
        } else {
            (self.query, other)
        };
        TieKey {
            hash: self.state.hash_one(pair),
            who,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pair_has_one_key_whichever_side_asks() {
        let sellers = [id_hash("S1"), id_hash("S2")];
        let buyers = [id_hash("B1"), id_hash("B2")];
        for (s, &sh) in sellers.iter().enumerate() {
            for (b, &bh) in buyers.iter().enumerate() {
                let from_buyer = Ties::for_buyer(7, bh, &sellers).key(s as u32).hash;
                let from_seller = Ties::for_seller(7, sh, &buyers).key(b as u32).hash;
                assert_eq!(from_buyer, from_seller);
            }
        }
    }

    #[test]
    fn the_seed_changes_the_order_and_the_same_seed_keeps_it() {
        let sellers: Vec<u64> = (0..64).map(|i| id_hash(&format!("S{i:03}"))).collect();
        let order = |seed| {
            let ties = Ties::for_buyer(seed, id_hash("B1"), &sellers);
            let mut who: Vec<u32> = (0..64).collect();
            who.sort_by_key(|&w| ties.key(w));
            who
        };
        assert_eq!(order(1), order(1));
        assert_ne!(order(1), order(2));
        assert_ne!(order(1), (0..64).collect::<Vec<u32>>());
    }
}
