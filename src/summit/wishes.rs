//! The wishes use cases: the wishes in force (the files' plus staff's),
//! staff adding or removing one on a participant's behalf (undoable rows
//! in the store), wishes in the scheduler's input, the warning when staff
//! accept an avoided pair, and how well a slate honours the wishes.

use std::collections::HashSet;
use std::sync::Arc;

use super::{OpenSummit, Prepared, SummitError};
use crate::model::{Side, Slate, WishChange};
use crate::schedule::{CandidateSource, ScheduleInput, WishTier};
use crate::store::NewWish;
use crate::wishes::{
    PairWish, StaffWish, WishIndex, WishReport, apply_staff_wishes, ordinal, wish_report,
};

/// The scheduler's view of a pair's wishes.
pub fn wish_tier(wish: PairWish) -> WishTier {
    WishTier {
        mutual: wish.is_mutual(),
        weight: wish.weight(),
        avoided: wish.is_avoided(),
    }
}

impl OpenSummit {
    /// Rebuilds the wishes in force from the files and the store.
    pub(super) fn reload_wishes(&mut self) -> Result<(), SummitError> {
        let changes: Vec<StaffWish> = (self.store.wishes_in_force()?.into_iter())
            .map(|row| StaffWish {
                from: row.from,
                from_id: row.from_id,
                to_id: row.to_id,
                change: row.change,
            })
            .collect();
        // Most reloads follow a decision: the wishes stand as they were.
        if self.staff_wishes.as_ref() == Some(&changes) {
            return Ok(());
        }
        let (changed, _stale) = apply_staff_wishes(&self.prepared.summit, &changes);
        self.wishes = Arc::new(WishIndex::with_changes(&self.prepared.summit, &changed));
        self.staff_wishes = Some(changes);
        Ok(())
    }

    /// Every pair's wishes in force (the files' and staff-entered ones).
    pub fn wishes(&self) -> &Arc<WishIndex> {
        &self.wishes
    }

    /// Records a wish on `from`'s behalf (participants phone in changes):
    /// `who` (on side `from`) about `other` (on the other side).
    pub fn wish(
        &mut self,
        from: Side,
        who: usize,
        other: usize,
        change: WishChange,
    ) -> Result<(), SummitError> {
        let (seller, buyer) = match from {
            Side::Seller => (who, other),
            Side::Buyer => (other, who),
        };
        let (s, b) = super::decide::pair(&self.prepared.summit, seller, buyer)?;
        let (from_id, to_id) = match from {
            Side::Seller => (&s.id, &b.id),
            Side::Buyer => (&b.id, &s.id),
        };
        self.store.record_wish(&NewWish {
            from,
            from_id,
            to_id,
            change,
            staff: &self.options.staff,
        })?;
        self.after_own_write()
    }

    /// Undoes this staff member's latest wish change; false when none.
    pub fn undo_wish(&mut self) -> Result<bool, SummitError> {
        let done = self.store.undo_wish(&self.options.staff)?.is_some();
        self.after_own_write()?;
        Ok(done)
    }

    /// "B017 asked not to meet S003": the warning when staff accept or lock
    /// an avoided pair (their decision wins).
    pub fn avoid_warning(&self, seller: usize, buyer: usize) -> Option<String> {
        let summit = &self.prepared.summit;
        let (s, b) = (summit.sellers.get(seller)?, summit.buyers.get(buyer)?);
        let wish = self.wishes.get(seller, buyer);
        let who = wish.avoided_by(&s.id, &b.id)?;
        let whom = match (wish.seller_avoids, wish.buyer_avoids) {
            (true, true) => "each other".to_string(),
            (true, false) => b.id.clone(),
            _ => s.id.clone(),
        };
        Some(format!(
            "{who} asked not to meet {whom}; staff's decision wins, the pair may meet"
        ))
    }

    /// How well `slate` honours the wishes in force.
    pub fn wish_report(&self, slate: &Slate) -> WishReport {
        wish_report(
            &self.wishes,
            slate.meetings.iter().map(|m| (m.seller, m.buyer)),
        )
    }
}

/// Wishes in the scheduler's input: every pair gets its tier; a wished
/// pair missing (for instance below the minimum score) is added, as wishes
/// are not filtered by score; avoided pairs staff did not decide are
/// dropped (the scheduler would skip them anyway).
pub(super) fn add_wishes(
    prepared: &Prepared,
    wishes: &WishIndex,
    input: &mut ScheduleInput,
    decided: &HashSet<(usize, usize)>,
) {
    input
        .candidates
        .retain(|pair| pair.status.is_must_have() || !wishes.is_avoided(pair.seller, pair.buyer));
    let mut known: HashSet<(usize, usize)> = input
        .candidates
        .iter()
        .map(|p| (p.seller, p.buyer))
        .collect();
    for pair in &mut input.candidates {
        pair.wish = wish_tier(wishes.get(pair.seller, pair.buyer));
    }
    for ((seller, buyer), wish) in wishes.pairs() {
        let wanted = wish.seller_rank.is_some() || wish.buyer_rank.is_some();
        if !wanted || wish.is_avoided() || decided.contains(&(seller, buyer)) {
            continue;
        }
        if known.insert((seller, buyer)) {
            let breakdown = prepared.matcher.evaluate(seller, buyer);
            let mut pair = super::fair::proposed_pair(seller, buyer, &breakdown);
            pair.wish = wish_tier(wish);
            input.candidates.push(pair);
        }
    }
}

/// Pairs fetched on demand carry their wishes too, and avoided ones never
/// come back.
pub(super) fn wish_aware(source: &mut CandidateSource<'_>, wishes: Arc<WishIndex>) {
    let mut inner = std::mem::replace(&mut source.fetch, Box::new(|_, _| (Vec::new(), 0.0)));
    source.fetch = Box::new(move |buyer, count| {
        let (pairs, next) = inner(buyer, count);
        let pairs = pairs
            .into_iter()
            .filter(|p| p.status.is_must_have() || !wishes.is_avoided(p.seller, p.buyer))
            .map(|mut p| {
                p.wish = wish_tier(wishes.get(p.seller, p.buyer));
                p
            })
            .collect();
        (pairs, next)
    });
}

/// One line per tier and side: "mutual 25 of 27 · buyers' first choices
/// 10 of 12, all 30 of 60 · sellers' ...".
pub fn wish_summary(report: &WishReport) -> String {
    let side = |name: &str, s: &crate::wishes::OneSided| {
        format!(
            "{name}' one-sided: first choices {} of {}, all {} of {}",
            s.first_choices.met, s.first_choices.made, s.all.met, s.all.made
        )
    };
    format!(
        "mutual {} of {} · {} · {}",
        report.mutual.met,
        report.mutual.made,
        side("buyers", &report.from_buyers),
        side("sellers", &report.from_sellers)
    )
}

/// "B017 asked to meet you, 1st choice" and the like, for `viewer`.
pub fn wish_reasons(
    prepared: &Prepared,
    wishes: &WishIndex,
    seller: usize,
    buyer: usize,
    viewer: Side,
) -> Vec<String> {
    let summit = &prepared.summit;
    match (summit.sellers.get(seller), summit.buyers.get(buyer)) {
        (Some(s), Some(b)) => wishes.get(seller, buyer).reasons(&s.id, &b.id, viewer),
        _ => Vec::new(),
    }
}

/// "1st choice" for a rank.
pub fn choice(rank: u32) -> String {
    format!("{} choice", ordinal(rank))
}

/// A wish of or for one participant that the slate does not meet, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct UnmetWish {
    /// Index on the other side.
    pub other: usize,
    pub wish: PairWish,
    /// "your 1st choice", "they asked for you, 2nd choice", "mutual: ...".
    pub what: String,
    /// The first thing that keeps the pair apart.
    pub cause: String,
}

impl super::Scheduled {
    /// `index` on `side`'s wishes (made and received) that this slate does
    /// not meet, each with its blocking cause, own wishes first by rank.
    pub fn unmet_wishes(
        &self,
        wishes: &WishIndex,
        side: Side,
        index: usize,
        rejected: impl Fn(usize, usize) -> bool,
    ) -> Vec<UnmetWish> {
        let other_side = side.other();
        let met: HashSet<(usize, usize)> = self
            .slate()
            .meetings
            .iter()
            .map(|m| (m.seller, m.buyer))
            .collect();
        let mut out = Vec::new();
        for (other, wish) in wishes.of(side, index) {
            let (seller, buyer) = match side {
                Side::Seller => (index, other),
                Side::Buyer => (other, index),
            };
            let (mine, theirs) = (wish.rank_of(side), wish.rank_of(other_side));
            if met.contains(&(seller, buyer)) || (mine.is_none() && theirs.is_none()) {
                continue;
            }
            let what = match (mine, theirs) {
                (Some(m), Some(t)) => format!("mutual: your {}, their {}", choice(m), choice(t)),
                (Some(m), None) => format!("your {}", choice(m)),
                (None, Some(t)) => format!("they asked for you, {}", choice(t)),
                (None, None) => continue,
            };
            let cause = if wish.avoids(other_side) {
                "the counterpart asked not to meet".to_string()
            } else if wish.avoids(side) {
                "you asked not to meet them".to_string()
            } else if rejected(seller, buyer) {
                "staff rejected the pair".to_string()
            } else {
                self.blocker_line(side, index, other)
            };
            out.push(UnmetWish {
                other,
                wish,
                what,
                cause,
            });
        }
        out
    }

    /// The scheduler's first blocking cause for one pair, in words.
    fn blocker_line(&self, side: Side, index: usize, other: usize) -> String {
        let (seller, buyer) = match side {
            Side::Seller => (index, other),
            Side::Buyer => (other, index),
        };
        let input = self.input();
        let score = input
            .candidates
            .iter()
            .find(|p| (p.seller, p.buyer) == (seller, buyer))
            .map_or(0.0, |p| p.score);
        let blocker = crate::schedule::pair_blocker(input, self.slate(), side, seller, buyer);
        let explained = crate::schedule::Explanation {
            side,
            index,
            name: String::new(),
            meetings: 0,
            max_meetings: 0,
            free_slots: 0,
            candidates: 0,
            unmet: vec![crate::schedule::Unmet {
                other,
                score,
                blocker,
            }],
            hints: Vec::new(),
        };
        let line = explained.first_unmet_line(input).unwrap_or_default();
        // "B017 (85.0): why" → "why"; the caller names the counterpart.
        line.split_once("): ")
            .map_or(line.clone(), |(_, why)| why.to_string())
    }
}

/// An unmet wish as `explain` reports it: the counterpart by id.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct UnmetWishLine {
    /// The counterpart's id.
    pub id: String,
    /// The participant's own rank for the counterpart, if they asked.
    pub own_rank: Option<u32>,
    /// The counterpart's rank for the participant, if they asked.
    pub their_rank: Option<u32>,
    pub mutual: bool,
    /// "your 1st choice", "they asked for you, 2nd choice", ...
    pub what: String,
    /// What keeps the pair apart.
    pub cause: String,
}

/// `explain`'s JSON: the explanation's fields, and the unmet wishes.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ExplainedWithWishes<'a> {
    #[serde(flatten)]
    pub explanation: &'a crate::schedule::Explanation,
    pub unmet_wishes: Vec<UnmetWishLine>,
}

impl super::Scheduled {
    /// [`Scheduled::unmet_wishes`](super::Scheduled::unmet_wishes) with
    /// counterparts named by id, for printing and JSON.
    pub fn unmet_wish_lines(
        &self,
        prepared: &Prepared,
        wishes: &WishIndex,
        side: Side,
        index: usize,
        rejected: impl Fn(usize, usize) -> bool,
    ) -> Vec<UnmetWishLine> {
        let summit = &prepared.summit;
        let other_side = side.other();
        self.unmet_wishes(wishes, side, index, rejected)
            .into_iter()
            .map(|u| UnmetWishLine {
                id: match side {
                    Side::Seller => summit.buyers.get(u.other).map(|b| b.id.clone()),
                    Side::Buyer => summit.sellers.get(u.other).map(|s| s.id.clone()),
                }
                .unwrap_or_default(),
                own_rank: u.wish.rank_of(side),
                their_rank: u.wish.rank_of(other_side),
                mutual: u.wish.is_mutual(),
                what: u.what,
                cause: u.cause,
            })
            .collect()
    }
}
