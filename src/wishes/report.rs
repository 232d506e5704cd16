//! How well a slate honours the wishes: per tier and side, met of made.

use std::collections::HashSet;

use super::WishIndex;
use crate::model::Side;

/// `met` of `made`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally {
    pub met: usize,
    pub made: usize,
}

impl Tally {
    fn add(&mut self, met: bool) {
        self.made += 1;
        self.met += usize::from(met);
    }
}

/// One side's one-sided wishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct OneSided {
    /// Wishes of rank 1.
    pub first_choices: Tally,
    pub all: Tally,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WishReport {
    /// Pairs where each asked to meet the other.
    pub mutual: Tally,
    pub from_buyers: OneSided,
    pub from_sellers: OneSided,
    /// Avoided pairs on the slate (only ever there because staff accepted
    /// or locked them), by (seller, buyer).
    pub avoided_met: Vec<(usize, usize)>,
}

impl WishReport {
    pub fn side(&self, side: Side) -> &OneSided {
        match side {
            Side::Buyer => &self.from_buyers,
            Side::Seller => &self.from_sellers,
        }
    }
}

/// Tallies the wishes in `index` against the slate's meetings, given as
/// (seller, buyer) pairs.
pub fn wish_report(
    index: &WishIndex,
    meetings: impl IntoIterator<Item = (usize, usize)>,
) -> WishReport {
    let met: HashSet<(usize, usize)> = meetings.into_iter().collect();
    let mut report = WishReport::default();
    for (pair, wish) in index.pairs() {
        let on_slate = met.contains(&pair);
        if wish.is_avoided() {
            if on_slate {
                report.avoided_met.push(pair);
            }
        } else if wish.is_mutual() {
            report.mutual.add(on_slate);
        } else if let Some((side, rank)) = wish.one_sided() {
            let tally = match side {
                Side::Buyer => &mut report.from_buyers,
                Side::Seller => &mut report.from_sellers,
            };
            tally.all.add(on_slate);
            if rank == 1 {
                tally.first_choices.add(on_slate);
            }
        }
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wishes::PairWish;

    #[test]
    fn tallies_count_each_tier_and_side() {
        let index = WishIndex::from_pairs([
            (
                (0, 0),
                PairWish {
                    seller_rank: Some(1),
                    buyer_rank: Some(2),
                    ..PairWish::default()
                },
            ),
            (
                (0, 1),
                PairWish {
                    buyer_rank: Some(1),
                    ..PairWish::default()
                },
            ),
            (
                (1, 1),
                PairWish {
                    buyer_rank: Some(2),
                    ..PairWish::default()
                },
            ),
            (
                (1, 0),
                PairWish {
                    seller_rank: Some(1),
                    ..PairWish::default()
                },
            ),
            (
                (2, 0),
                PairWish {
                    seller_avoids: true,
                    buyer_rank: Some(1),
                    ..PairWish::default()
                },
            ),
        ]);
        let report = wish_report(&index, [(0, 0), (1, 1), (2, 0), (2, 1)]);
        assert_eq!(report.mutual, Tally { met: 1, made: 1 });
        assert_eq!(report.from_buyers.first_choices, Tally { met: 0, made: 1 });
        assert_eq!(report.from_buyers.all, Tally { met: 1, made: 2 });
        assert_eq!(report.from_sellers.all, Tally { met: 0, made: 1 });
        assert_eq!(report.avoided_met, [(2, 0)]);
    }
}
