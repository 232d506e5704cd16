//! Wishes for the desk and its tests, on the one wish view
//! (`wish_view::participant_wishes`, one [`WishLine`] per counterpart):
//! each participant's wishes made and received as two lists, met or not on
//! a slate; staff adding or removing one by ids (participants phone in
//! changes), undo and redo; and the one-line summary of wishes met.

use super::wish_view::{Wish, WishLine, participant_wishes};
use super::{OpenSummit, SummitError};
use crate::model::{Side, Slate, WishChange};
use crate::wishes::{Tally, WishReport};

/// What a wish asks: the wish view's [`Wish`] (meet at a rank, or avoid).
pub type WishKind = Wish;

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
    /// The wish view's lines split into wishes made and received;
    /// `other_id` names a counterpart.
    pub fn from_lines(lines: &[WishLine], other_id: impl Fn(usize) -> String) -> ParticipantWishes {
        let mut out = ParticipantWishes::default();
        for line in lines {
            let mutual = matches!(
                (line.made, line.received),
                (Some(Wish::Meet { .. }), Some(Wish::Meet { .. }))
            );
            let entry = |kind| WishEntry {
                other: line.other,
                other_id: other_id(line.other),
                kind,
                mutual,
                met: line.met == Some(true),
            };
            out.made.extend(line.made.map(entry));
            out.received.extend(line.received.map(entry));
        }
        let order = |w: &WishEntry| match w.kind {
            Wish::Meet { rank } => (0, rank, w.other),
            Wish::Avoid => (1, 0, w.other),
        };
        out.made.sort_by_key(order);
        out.received.sort_by_key(order);
        out
    }

    /// Meet wishes they made that the slate does not meet.
    pub fn unmet_made(&self) -> usize {
        (self.made.iter())
            .filter(|w| matches!(w.kind, Wish::Meet { .. }) && !w.met)
            .count()
    }

    /// "met 2 of 5": their own meet wishes met.
    pub fn made_line(&self) -> String {
        let meet = (self.made.iter()).filter(|w| matches!(w.kind, Wish::Meet { .. }));
        let (met, all) = meet.fold((0, 0), |(m, a), w| (m + usize::from(w.met), a + 1));
        format!("met {met} of {all}")
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
        let lines = participant_wishes(self.wishes(), side, index, Some(slate));
        ParticipantWishes::from_lines(&lines, |other| {
            match side {
                Side::Seller => summit.buyers.get(other).map(|b| b.id.clone()),
                Side::Buyer => summit.sellers.get(other).map(|s| s.id.clone()),
            }
            .unwrap_or_default()
        })
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
