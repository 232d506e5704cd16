//! What participants' wishes mean for a pair: its mark (★ mutual, → from
//! the buyer, ← from the seller, ✗ avoided), its weight in the scheduler's
//! objective and the reason shown to people. Plain data from `model`; the
//! match score is never changed by a wish, so "% of bound" stays about fit.
//!
//! # Weights (the one place they are set)
//! A **mutual** wish (each lists the other in `meet`) is its own objective
//! tier, above everything but staff decisions: each counts 1, whatever the
//! ranks. A **one-sided** wish weighs [`one_sided_weight`]: 12000 divided
//! by one more than the rank for a seller's wish (6000 for a 1st choice,
//! 4000 for a 2nd, 3000 for a 3rd … 1090 for a 10th), and 5% more for a
//! buyer's wish at the same rank (6300, 4200, 3150 …), since the summit
//! exists for the buyers. The curve falls steeply, so a first choice counts
//! most, but a buyer's 2nd choice (4200) still weighs less than a seller's
//! 1st (6000): rank comes first, the side only breaks ties (up to rank 20,
//! past any usual `max_wishes`). An **avoid** is not a weight but a hard rule:
//! the pair is never proposed and never met unless staff accepted or locked
//! it.

mod report;
mod staff;
pub mod synthetic;

use std::collections::HashMap;

pub use crate::model::WishChange;
pub use report::{OneSided, Tally, WishReport, wish_report};
pub use staff::{StaffWish, apply, apply_staff_wishes};

use crate::model::{Side, Summit, Wishes};

/// How a pair is marked in rankings and on the desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WishMark {
    /// Each asked to meet the other.
    Mutual,
    /// The buyer asked to meet the seller.
    FromBuyer,
    /// The seller asked to meet the buyer.
    FromSeller,
    /// One of them asked not to meet the other.
    Avoided,
}

impl WishMark {
    pub fn symbol(self) -> &'static str {
        match self {
            WishMark::Mutual => "★",
            WishMark::FromBuyer => "→",
            WishMark::FromSeller => "←",
            WishMark::Avoided => "✗",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            WishMark::Mutual => "mutual wish",
            WishMark::FromBuyer => "wished by the buyer",
            WishMark::FromSeller => "wished by the seller",
            WishMark::Avoided => "avoided",
        }
    }
}

/// The weight of a one-sided `meet` wish of rank `rank` (1 = first choice)
/// made by `from`; see the module docs. Rank 0 counts as 1.
pub fn one_sided_weight(from: Side, rank: u32) -> u64 {
    let by_rank = 12_000 / (u64::from(rank.max(1)) + 1);
    match from {
        Side::Seller => by_rank,
        Side::Buyer => by_rank + by_rank / 20,
    }
}

/// Everything wished about one seller-buyer pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PairWish {
    /// The seller's rank for this buyer in its `meet` list (1 = first).
    pub seller_rank: Option<u32>,
    pub buyer_rank: Option<u32>,
    pub seller_avoids: bool,
    pub buyer_avoids: bool,
}

impl PairWish {
    pub fn is_avoided(&self) -> bool {
        self.seller_avoids || self.buyer_avoids
    }

    /// Each wants the other, and neither avoids the other.
    pub fn is_mutual(&self) -> bool {
        !self.is_avoided() && self.seller_rank.is_some() && self.buyer_rank.is_some()
    }

    /// The one side that wants the pair alone, and its rank.
    pub fn one_sided(&self) -> Option<(Side, u32)> {
        if self.is_avoided() {
            return None;
        }
        match (self.seller_rank, self.buyer_rank) {
            (Some(rank), None) => Some((Side::Seller, rank)),
            (None, Some(rank)) => Some((Side::Buyer, rank)),
            _ => None,
        }
    }

    /// The weight of a one-sided wish; 0 for mutual, avoided or no wish.
    pub fn weight(&self) -> u64 {
        self.one_sided()
            .map_or(0, |(side, rank)| one_sided_weight(side, rank))
    }

    pub fn mark(&self) -> Option<WishMark> {
        if self.is_avoided() {
            Some(WishMark::Avoided)
        } else if self.is_mutual() {
            Some(WishMark::Mutual)
        } else {
            match self.one_sided() {
                Some((Side::Buyer, _)) => Some(WishMark::FromBuyer),
                Some((Side::Seller, _)) => Some(WishMark::FromSeller),
                None => None,
            }
        }
    }

    /// Who asked not to meet, as ids: "S004", "B017" or "S004 and B017".
    pub fn avoided_by(&self, seller_id: &str, buyer_id: &str) -> Option<String> {
        match (self.seller_avoids, self.buyer_avoids) {
            (true, true) => Some(format!("{seller_id} and {buyer_id}")),
            (true, false) => Some(seller_id.to_string()),
            (false, true) => Some(buyer_id.to_string()),
            (false, false) => None,
        }
    }

    /// The reasons to show someone on side `viewer` looking at the pair,
    /// e.g. "B017 asked to meet you, 1st choice".
    pub fn reasons(&self, seller_id: &str, buyer_id: &str, viewer: Side) -> Vec<String> {
        let mut out = Vec::new();
        let sides = [
            (
                Side::Seller,
                seller_id,
                self.seller_rank,
                self.seller_avoids,
            ),
            (Side::Buyer, buyer_id, self.buyer_rank, self.buyer_avoids),
        ];
        for (side, id, rank, avoids) in sides {
            let other = if side == Side::Seller {
                buyer_id
            } else {
                seller_id
            };
            let who = if side == viewer { "you" } else { id };
            let whom = if side == viewer { other } else { "you" };
            if avoids {
                out.push(format!("{who} asked not to meet {whom}"));
            } else if let Some(rank) = rank {
                out.push(format!(
                    "{who} asked to meet {whom}, {} choice",
                    ordinal(rank)
                ));
            }
        }
        if self.is_mutual() {
            out.insert(0, "mutual wish".to_string());
        }
        out
    }
}

/// 1st, 2nd, 3rd, 4th … 11th, 12th, 13th … 21st.
pub fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// Every pair anybody wished about, by (seller, buyer) index.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WishIndex {
    pairs: HashMap<(usize, usize), PairWish>,
}

impl WishIndex {
    /// From the participants' wishes (ids naming no participant are skipped:
    /// loading has reported them).
    pub fn new(summit: &Summit) -> WishIndex {
        WishIndex::with_changes(summit, &HashMap::new())
    }

    /// From the participants' wishes, with `changed` (see
    /// [`apply_staff_wishes`]) in place of theirs for those it names.
    pub fn with_changes(summit: &Summit, changed: &HashMap<(Side, usize), Wishes>) -> WishIndex {
        let ids = |side: Side| -> HashMap<&str, usize> {
            let names: Vec<&str> = match side {
                Side::Seller => summit.sellers.iter().map(|s| s.id.as_str()).collect(),
                Side::Buyer => summit.buyers.iter().map(|b| b.id.as_str()).collect(),
            };
            names
                .into_iter()
                .enumerate()
                .map(|(i, id)| (id, i))
                .collect()
        };
        let (sellers, buyers) = (ids(Side::Seller), ids(Side::Buyer));
        let mut pairs: HashMap<(usize, usize), PairWish> = HashMap::new();
        let seller_lists = summit.sellers.iter().map(|s| &s.wishes).enumerate();
        let buyer_lists = summit.buyers.iter().map(|b| &b.wishes).enumerate();
        let all = seller_lists
            .map(|(i, w)| (Side::Seller, i, w))
            .chain(buyer_lists.map(|(i, w)| (Side::Buyer, i, w)));
        for (side, who, own) in all {
            let wishes = changed.get(&(side, who)).unwrap_or(own);
            let others = if side == Side::Seller {
                &buyers
            } else {
                &sellers
            };
            let key = |other: usize| match side {
                Side::Seller => (who, other),
                Side::Buyer => (other, who),
            };
            for (i, id) in wishes.meet.iter().enumerate() {
                if let Some(&other) = others.get(id.as_str()) {
                    let wish = pairs.entry(key(other)).or_default();
                    let rank = Some(i as u32 + 1);
                    match side {
                        Side::Seller => wish.seller_rank = rank,
                        Side::Buyer => wish.buyer_rank = rank,
                    }
                }
            }
            for id in &wishes.avoid {
                if let Some(&other) = others.get(id.as_str()) {
                    let wish = pairs.entry(key(other)).or_default();
                    match side {
                        Side::Seller => wish.seller_avoids = true,
                        Side::Buyer => wish.buyer_avoids = true,
                    }
                }
            }
        }
        WishIndex { pairs }
    }

    /// From pairs directly (tests, synthetic summits).
    pub fn from_pairs(pairs: impl IntoIterator<Item = ((usize, usize), PairWish)>) -> WishIndex {
        WishIndex {
            pairs: pairs.into_iter().collect(),
        }
    }

    pub fn get(&self, seller: usize, buyer: usize) -> PairWish {
        self.pairs
            .get(&(seller, buyer))
            .copied()
            .unwrap_or_default()
    }

    pub fn mark(&self, seller: usize, buyer: usize) -> Option<WishMark> {
        self.get(seller, buyer).mark()
    }

    pub fn is_avoided(&self, seller: usize, buyer: usize) -> bool {
        self.get(seller, buyer).is_avoided()
    }

    /// Every wished-about pair, sorted by (seller, buyer).
    pub fn pairs(&self) -> Vec<((usize, usize), PairWish)> {
        let mut all: Vec<_> = self.pairs.iter().map(|(k, v)| (*k, *v)).collect();
        all.sort_unstable_by_key(|(k, _)| *k);
        all
    }

    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// The pairs one participant wished about or was wished about in, as
    /// (counterpart index, wish), their own meet wishes first by rank, then
    /// the rest by counterpart.
    pub fn of(&self, side: Side, who: usize) -> Vec<(usize, PairWish)> {
        let mut out: Vec<(usize, PairWish)> = self
            .pairs
            .iter()
            .filter_map(|(&(s, b), &w)| match side {
                Side::Seller if s == who => Some((b, w)),
                Side::Buyer if b == who => Some((s, w)),
                _ => None,
            })
            .collect();
        out.sort_unstable_by_key(|&(other, w)| (w.rank_of(side).unwrap_or(u32::MAX), other));
        out
    }
}

impl PairWish {
    /// `side`'s own meet rank for this pair.
    pub fn rank_of(&self, side: Side) -> Option<u32> {
        match side {
            Side::Seller => self.seller_rank,
            Side::Buyer => self.buyer_rank,
        }
    }

    /// Whether `side` asked not to meet.
    pub fn avoids(&self, side: Side) -> bool {
        match side {
            Side::Seller => self.seller_avoids,
            Side::Buyer => self.buyer_avoids,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_choice_counts_most_and_buyers_break_ties() {
        for rank in 1..20 {
            let seller = one_sided_weight(Side::Seller, rank);
            let buyer = one_sided_weight(Side::Buyer, rank);
            assert!(buyer > seller, "rank {rank}");
            assert!(one_sided_weight(Side::Seller, rank + 1) < seller);
            // Rank comes before side: a buyer's next choice is still lighter.
            assert!(
                one_sided_weight(Side::Buyer, rank + 1) < seller,
                "rank {rank}"
            );
        }
        assert_eq!(one_sided_weight(Side::Seller, 1), 6000);
        assert_eq!(one_sided_weight(Side::Buyer, 1), 6300);
    }

    #[test]
    fn marks_and_reasons_follow_who_asked() {
        let mutual = PairWish {
            seller_rank: Some(2),
            buyer_rank: Some(1),
            ..PairWish::default()
        };
        assert_eq!(mutual.mark(), Some(WishMark::Mutual));
        assert_eq!(mutual.weight(), 0, "mutual wishes are their own tier");
        assert_eq!(
            mutual.reasons("S003", "B017", Side::Seller),
            [
                "mutual wish",
                "you asked to meet B017, 2nd choice",
                "B017 asked to meet you, 1st choice"
            ]
        );
        let from_buyer = PairWish {
            buyer_rank: Some(3),
            ..PairWish::default()
        };
        assert_eq!(from_buyer.mark(), Some(WishMark::FromBuyer));
        assert_eq!(from_buyer.weight(), 3150);
        let avoided = PairWish {
            seller_rank: Some(1),
            buyer_avoids: true,
            ..PairWish::default()
        };
        assert_eq!(avoided.mark(), Some(WishMark::Avoided));
        assert_eq!(avoided.weight(), 0);
        assert_eq!(avoided.avoided_by("S003", "B017").as_deref(), Some("B017"));
        assert_eq!(
            avoided.reasons("S003", "B017", Side::Seller)[1],
            "B017 asked not to meet you"
        );
        assert_eq!(PairWish::default().mark(), None);
    }

    #[test]
    fn ordinals() {
        let got: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 101].map(ordinal).to_vec();
        assert_eq!(
            got,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st"
            ]
        );
    }
}
