//! What the desk's Buyers and Sellers tabs need about wishes: each
//! participant's wishes made and received, met or not on a slate; staff
//! adding or removing one by ids (participants phone in changes); and the
//! one-line summary of wishes met.

use std::collections::HashSet;

use super::{OpenSummit, SummitError};
use crate::model::{Side, Slate, WishChange};
use crate::wishes::{PairWish, Tally, WishReport};

/// What a wish asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WishKind {
    /// To meet, at this rank (1 = first choice).
    Meet { rank: u32 },
    /// Not to meet.
    Avoid,
}

/// One wish made by or about a participant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WishEntry {
    /// The counterpart's index (on the other side) and id.
    pub other: usize,
    pub other_id: String,
    pub kind: WishKind,
    /// Each asked to meet the other.
    pub mutual: bool,
    /// The pair meets on the slate.
    pub met: bool,
}

/// A participant's wishes: the ones they made and the ones others made
/// about them, own meet wishes by rank, then avoids, then by counterpart.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ParticipantWishes {
    pub made: Vec<WishEntry>,
    pub received: Vec<WishEntry>,
}

impl ParticipantWishes {
    /// Meet wishes they made that the slate does not meet.
    pub fn unmet_made(&self) -> usize {
        (self.made.iter())
            .filter(|w| matches!(w.kind, WishKind::Meet { .. }) && !w.met)
            .count()
    }

    /// "met 2 of 5": their own meet wishes met.
    pub fn made_line(&self) -> String {
        let meet = (self.made.iter()).filter(|w| matches!(w.kind, WishKind::Meet { .. }));
        let (met, all) = meet.fold((0, 0), |(m, a), w| (m + usize::from(w.met), a + 1));
        format!("met {met} of {all}")
    }
}

fn kind_of(wish: PairWish, side: Side) -> Option<WishKind> {
    if wish.avoids(side) {
        Some(WishKind::Avoid)
    } else {
        wish.rank_of(side).map(|rank| WishKind::Meet { rank })
    }
}

/// Wishes met of all meet wishes (mutual pairs counted once): "wishes met
/// 34 of 50 (mutual 5 of 6, one-sided 29 of 44)".
pub fn wishes_met_line(report: &WishReport) -> String {
    let one_sided = Tally {
        met: report.from_buyers.all.met + report.from_sellers.all.met,
        made: report.from_buyers.all.made + report.from_sellers.all.made,
    };
    format!(
        "wishes met {} of {} (mutual {} of {}, one-sided {} of {})",
        report.mutual.met + one_sided.met,
        report.mutual.made + one_sided.made,
        report.mutual.met,
        report.mutual.made,
        one_sided.met,
        one_sided.made
    )
}

impl OpenSummit {
    /// `index` on `side`'s wishes made and received, each marked met when
    /// the pair meets on `slate`.
    pub fn participant_wishes(&self, side: Side, index: usize, slate: &Slate) -> ParticipantWishes {
        let summit = self.summit();
        let other_side = match side {
            Side::Seller => Side::Buyer,
            Side::Buyer => Side::Seller,
        };
        let meets: HashSet<(usize, usize)> =
            slate.meetings.iter().map(|m| (m.seller, m.buyer)).collect();
        let mut out = ParticipantWishes::default();
        for (other, wish) in self.wishes().of(side, index) {
            let pair = match side {
                Side::Seller => (index, other),
                Side::Buyer => (other, index),
            };
            let other_id = match side {
                Side::Seller => summit.buyers.get(other).map(|b| b.id.clone()),
                Side::Buyer => summit.sellers.get(other).map(|s| s.id.clone()),
            }
            .unwrap_or_default();
            let entry = |kind| WishEntry {
                other,
                other_id: other_id.clone(),
                kind,
                mutual: wish.is_mutual(),
                met: meets.contains(&pair),
            };
            if let Some(kind) = kind_of(wish, side) {
                out.made.push(entry(kind));
            }
            if let Some(kind) = kind_of(wish, other_side) {
                out.received.push(entry(kind));
            }
        }
        let order = |w: &WishEntry| match w.kind {
            WishKind::Meet { rank } => (0, rank, w.other),
            WishKind::Avoid => (1, 0, w.other),
        };
        out.made.sort_by_key(order);
        out.received.sort_by_key(order);
        out
    }

    /// Records a wish on a participant's behalf by ids: `from_id` (a seller
    /// or a buyer) about `to_id` on the other side. A row in the store, by
    /// this staff member, undoable with [`OpenSummit::undo_wish`].
    pub fn wish_by_id(
        &mut self,
        from_id: &str,
        to_id: &str,
        change: WishChange,
    ) -> Result<(), SummitError> {
        let (side, who) = self.find_participant(from_id)?;
        let other = match side {
            Side::Seller => self.buyer_index(to_id),
            Side::Buyer => self.seller_index(to_id),
        }?;
        self.wish(side, who, other, change)
    }

    /// Re-applies this staff member's latest undone wish change; false
    /// when none (the desk's Ctrl-r after `u` took one back).
    pub fn redo_wish(&mut self) -> Result<bool, SummitError> {
        let done = self.store.redo_wish(self.staff())?.is_some();
        self.after_own_write()?;
        Ok(done)
    }
}
