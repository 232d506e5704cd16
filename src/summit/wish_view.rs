//! The one wish view (the desk's Why box and filter, `summit::ParticipantWishes`):
//! one participant's wishes as the desk lists them: made and received,
//! meet (with rank) or avoid, and whether the slate meets each; who has
//! wishes the slate leaves unmet; and the one "wishes met x of y" figure.

use std::collections::HashSet;

use crate::model::{Side, Slate};
use crate::wishes::{PairWish, WishIndex};

/// One participant's wish about another, or the other's about them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wish {
    /// Wants to meet; 1 is the first choice.
    Meet {
        rank: u32,
    },
    Avoid,
}

/// Everything wished between one participant and one counterpart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WishLine {
    /// The counterpart's index on the other side.
    pub other: usize,
    /// This participant's wish about the counterpart.
    pub made: Option<Wish>,
    /// The counterpart's wish about this participant.
    pub received: Option<Wish>,
    /// Whether the slate has the pair meet; `None` without a slate.
    pub met: Option<bool>,
}

impl WishLine {
    /// Someone asked to meet, and no one asked not to.
    pub fn wanted(&self) -> bool {
        let meet = |w: Option<Wish>| matches!(w, Some(Wish::Meet { .. }));
        let avoid = |w: Option<Wish>| w == Some(Wish::Avoid);
        (meet(self.made) || meet(self.received)) && !avoid(self.made) && !avoid(self.received)
    }

    /// A wanted pair the slate does not have meet.
    pub fn unmet(&self) -> bool {
        self.wanted() && self.met == Some(false)
    }
}

fn wish_of(pair: &PairWish, side: Side) -> Option<Wish> {
    if pair.avoids(side) {
        Some(Wish::Avoid)
    } else {
        pair.rank_of(side).map(|rank| Wish::Meet { rank })
    }
}

/// `who`'s (on `side`) wishes, made and received: own meet wishes first by
/// rank, then the rest by counterpart.
pub fn participant_wishes(
    wishes: &WishIndex,
    side: Side,
    who: usize,
    slate: Option<&Slate>,
) -> Vec<WishLine> {
    let meets: Option<HashSet<usize>> = slate.map(|slate| {
        slate
            .meetings
            .iter()
            .filter_map(|m| match side {
                Side::Seller => (m.seller == who).then_some(m.buyer),
                Side::Buyer => (m.buyer == who).then_some(m.seller),
            })
            .collect()
    });
    wishes
        .of(side, who)
        .into_iter()
        .map(|(other, pair)| WishLine {
            other,
            made: wish_of(&pair, side),
            received: wish_of(&pair, side.other()),
            met: meets.as_ref().map(|m| m.contains(&other)),
        })
        .filter(|line| line.made.is_some() || line.received.is_some())
        .collect()
}

/// Per participant of `side` (`count` of them): whether a pair it wished
/// for, or was wished for in, is wanted and not on `slate`.
pub fn with_unmet_wishes(wishes: &WishIndex, side: Side, count: usize, slate: &Slate) -> Vec<bool> {
    let met: HashSet<(usize, usize)> = slate.meetings.iter().map(|m| (m.seller, m.buyer)).collect();
    let mut unmet = vec![false; count];
    for ((seller, buyer), pair) in wishes.pairs() {
        let wanted =
            !pair.is_avoided() && (pair.seller_rank.is_some() || pair.buyer_rank.is_some());
        if wanted && !met.contains(&(seller, buyer)) {
            let who = match side {
                Side::Seller => seller,
                Side::Buyer => buyer,
            };
            if let Some(flag) = unmet.get_mut(who) {
                *flag = true;
            }
        }
    }
    unmet
}

/// How many of `who`'s own meet wishes (on `side`) are met, of how many it
/// made, for the participant lists' "wishes met / made" column; `None` when
/// it made none. `meets(other)` says whether the slate has the pair meet. A
/// wish for a counterpart who asked to avoid the pair cannot be met and is
/// not counted.
pub fn own_wishes_met(
    wishes: &WishIndex,
    side: Side,
    who: usize,
    meets: impl Fn(usize) -> bool,
) -> Option<(usize, usize)> {
    let own: Vec<usize> = (wishes.of(side, who).into_iter())
        .filter(|(_, pair)| pair.rank_of(side).is_some() && !pair.is_avoided())
        .map(|(other, _)| other)
        .collect();
    if own.is_empty() {
        return None;
    }
    Some((own.iter().filter(|&&o| meets(o)).count(), own.len()))
}

/// Wanted pairs (a mutual wish counts once) on `slate`, of all wanted pairs.
pub fn wishes_met(wishes: &WishIndex, slate: &Slate) -> (usize, usize) {
    let met: HashSet<(usize, usize)> = slate.meetings.iter().map(|m| (m.seller, m.buyer)).collect();
    let wanted = wishes
        .pairs()
        .into_iter()
        .filter(|(_, w)| !w.is_avoided() && (w.seller_rank.is_some() || w.buyer_rank.is_some()))
        .map(|(pair, _)| pair)
        .collect::<Vec<_>>();
    let on_slate = wanted.iter().filter(|p| met.contains(p)).count();
    (on_slate, wanted.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Meeting, MeetingStatus};

    fn index() -> WishIndex {
        // S0 and B0 want each other; B1 wants S0 (2nd choice); S0 avoids B2.
        WishIndex::from_pairs([
            (
                (0, 0),
                PairWish {
                    seller_rank: Some(1),
                    buyer_rank: Some(1),
                    ..PairWish::default()
                },
            ),
            (
                (0, 1),
                PairWish {
                    buyer_rank: Some(2),
                    ..PairWish::default()
                },
            ),
            (
                (0, 2),
                PairWish {
                    seller_avoids: true,
                    ..PairWish::default()
                },
            ),
        ])
    }

    fn slate(pairs: &[(usize, usize)]) -> Slate {
        Slate {
            meetings: pairs
                .iter()
                .enumerate()
                .map(|(i, &(seller, buyer))| Meeting {
                    seller,
                    buyer,
                    slot: i,
                    table: 0,
                    score: 50.0,
                    interpreter: false,
                    status: MeetingStatus::Proposed,
                })
                .collect(),
            total_score: 0.0,
            upper_bound: 0.0,
            unscheduled: Vec::new(),
        }
    }

    #[test]
    fn a_participant_sees_wishes_made_and_received_with_the_slate() {
        let lines = participant_wishes(&index(), Side::Seller, 0, Some(&slate(&[(0, 0)])));
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert_eq!(lines[0].other, 0);
        assert_eq!(lines[0].made, Some(Wish::Meet { rank: 1 }));
        assert_eq!(lines[0].received, Some(Wish::Meet { rank: 1 }));
        assert_eq!(lines[0].met, Some(true));
        let b1 = lines.iter().find(|l| l.other == 1).unwrap();
        assert_eq!((b1.made, b1.received), (None, Some(Wish::Meet { rank: 2 })));
        assert!(b1.unmet());
        let b2 = lines.iter().find(|l| l.other == 2).unwrap();
        assert_eq!(b2.made, Some(Wish::Avoid));
        assert!(!b2.wanted() && !b2.unmet(), "an avoid is kept when not met");
        let before = participant_wishes(&index(), Side::Buyer, 1, None);
        assert_eq!(before[0].met, None);
        assert!(!before[0].unmet(), "nothing is unmet before a slate");
    }

    #[test]
    fn who_has_unmet_wishes_and_how_many_are_met() {
        let on = slate(&[(0, 0)]);
        assert_eq!(
            with_unmet_wishes(&index(), Side::Buyer, 3, &on),
            [false, true, false]
        );
        assert_eq!(with_unmet_wishes(&index(), Side::Seller, 1, &on), [true]);
        assert_eq!(wishes_met(&index(), &on), (1, 2));
        assert_eq!(wishes_met(&index(), &slate(&[(0, 0), (0, 1)])), (2, 2));
        assert_eq!(
            with_unmet_wishes(&index(), Side::Seller, 1, &slate(&[(0, 0), (0, 1)])),
            [false]
        );
    }

    #[test]
    fn own_wishes_met_counts_only_the_participants_own_meet_wishes() {
        let w = index();
        // S0 made one meet wish (B0) and avoids B2; B1's wish is B1's own.
        assert_eq!(own_wishes_met(&w, Side::Seller, 0, |_| false), Some((0, 1)));
        assert_eq!(
            own_wishes_met(&w, Side::Seller, 0, |b| b == 0),
            Some((1, 1))
        );
        assert_eq!(own_wishes_met(&w, Side::Buyer, 1, |s| s == 0), Some((1, 1)));
        // B2 made no wish (S0's avoid is S0's), so there is nothing to show.
        assert_eq!(own_wishes_met(&w, Side::Buyer, 2, |_| true), None);
    }
}
