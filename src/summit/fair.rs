//! The fair-slate use cases: which candidates the scheduler starts from
//! and fetches on demand, who was left short, and why one participant got
//! the meetings they got.

use std::collections::HashSet;

use rayon::prelude::*;

use super::slate::Scheduled;
use super::{Prepared, SummitError};
use crate::matching::Breakdown;
use crate::model::{DecisionKind, Side, Summit};
use crate::schedule::{
    self, CandidateSource, Considered, Explanation, Fairness, InterpreterDay, Pair, PairStatus,
    ScheduleInput, TableChange,
};

/// Proposed pairs per buyer handed to the scheduler at first, at most;
/// buyers whose held-back pairs could matter get more on demand (see
/// `schedule::CandidateSource`), so this is a starting point, not a cap.
pub const FIRST_CANDIDATES_PER_BUYER: usize = 60;

/// At least this many proposed pairs per buyer at first.
const FEWEST_FIRST_CANDIDATES: usize = 20;

/// A buyer's first list holds this many candidates per meeting it can
/// expect, so the search has others to turn to when a favourite seller is
/// full.
const CANDIDATES_PER_EXPECTED_MEETING: usize = 7;

/// Each seller's best buyers are proposed too, so every seller with a good
/// match is a candidate somewhere, whatever their place in the file.
pub const CANDIDATES_PER_SELLER: usize = 2;

/// Counterparts beyond the candidates `explain` looks at (rejected and
/// weak pairs among a participant's best).
const EXPLAIN_TOP: usize = 10;

/// A pair the matcher proposes, as the scheduler takes it: its score and
/// interpreter need from the matcher's breakdown, no staff decision, no wish.
pub(super) fn proposed_pair(seller: usize, buyer: usize, breakdown: &Breakdown) -> Pair {
    Pair {
        seller,
        buyer,
        score: f64::from(breakdown.score),
        interpreter: breakdown.interpreter,
        status: PairStatus::Proposed,
        wish: Default::default(),
    }
}

/// How many of each buyer's best sellers the scheduler gets at first:
/// [`CANDIDATES_PER_EXPECTED_MEETING`] per meeting a buyer can expect
/// (the event's table-slots, or the buyers' max meetings if fewer, shared
/// among the buyers), within 20 and [`FIRST_CANDIDATES_PER_BUYER`]. Where
/// tables are scarce (a million sellers meeting 10,000 buyers at 500
/// tables: two meetings per buyer) this ranks a third as deep; the
/// on-demand fetch still adds more wherever the bound says they matter.
pub(super) fn first_candidates_per_buyer(summit: &Summit) -> usize {
    let buyers = summit.buyers.len().max(1);
    let table_slots = summit.slots.len() as u64 * u64::from(summit.event.tables);
    let wanted: u64 = summit
        .buyers
        .iter()
        .map(|b| u64::from(b.max_meetings))
        .sum();
    let expected = table_slots.min(wanted).div_ceil(buyers as u64) as usize;
    (expected * CANDIDATES_PER_EXPECTED_MEETING)
        .clamp(FEWEST_FIRST_CANDIDATES, FIRST_CANDIDATES_PER_BUYER)
}

/// Adds each seller's best buyers (scoring `min_score`, not decided) to
/// `input`, in seller order, ranked in parallel.
///
/// Skipped when the buyers' lists already name more distinct sellers than
/// the event has table-slots: then every meeting the event can hold can go
/// to a different seller from those lists (the seller floor is met as far
/// as tables allow), and a seller's own best buyers cannot raise the score
/// either (each pair is at most its buyer's worst listed one). Ranking a
/// million sellers would only change which sellers meet, at a cost
/// linear in sellers.
pub(super) fn add_seller_candidates(
    prepared: &Prepared,
    input: &mut ScheduleInput,
    decided: &HashSet<(usize, usize)>,
    min_score: f64,
) {
    let table_slots = input.slots.len() * input.tables as usize;
    let mut named = vec![false; input.sellers.len()];
    let mut distinct = 0;
    for pair in &input.candidates {
        if let Some(seen) = named.get_mut(pair.seller)
            && !*seen
            && pair.score >= min_score
        {
            *seen = true;
            distinct += 1;
        }
    }
    drop(named);
    if distinct > table_slots {
        return;
    }
    let matcher = &prepared.matcher;
    let mut known: HashSet<(usize, usize)> = input
        .candidates
        .iter()
        .map(|p| (p.seller, p.buyer))
        .collect();
    let ranked: Vec<_> = (0..input.sellers.len())
        .into_par_iter()
        .map_init(
            || matcher.seen_buyers(),
            |seen, seller| matcher.top_buyers_scored(seller, CANDIDATES_PER_SELLER, seen),
        )
        .collect();
    for (seller, top) in ranked.into_iter().enumerate() {
        for scored in top {
            let buyer = scored.other as usize;
            let score = f64::from(scored.breakdown.score);
            if score >= min_score
                && !decided.contains(&(seller, buyer))
                && known.insert((seller, buyer))
            {
                input
                    .candidates
                    .push(proposed_pair(seller, buyer, &scored.breakdown));
            }
        }
    }
}

/// More of each buyer's ranked sellers on demand, from the matcher's exact
/// top-K, skipping decided pairs and pairs under `min_score`.
pub(super) fn candidate_source<'a>(
    prepared: &'a Prepared,
    first: &[Vec<(usize, f64)>],
    decided: &'a HashSet<(usize, usize)>,
    min_score: f64,
) -> CandidateSource<'a> {
    let mut given: Vec<usize> = first.iter().map(Vec::len).collect();
    let asked = first_candidates_per_buyer(&prepared.summit);
    let held_back = first
        .iter()
        .map(|top| match top.last() {
            Some(&(_, score)) if top.len() >= asked && score >= min_score => score,
            _ => 0.0,
        })
        .collect();
    let matcher = &prepared.matcher;
    let mut seen = matcher.seen_sellers();
    CandidateSource {
        held_back,
        fetch: Box::new(move |buyer: usize, count: usize| {
            let Some(already) = given.get(buyer).copied() else {
                return (Vec::new(), 0.0);
            };
            let want = already + count;
            let top = matcher.top_sellers_scored(buyer, want, &mut seen);
            let full = top.len() >= want;
            let mut last = 0.0;
            let pairs = top
                .iter()
                .skip(already)
                .map(|s| (s.other as usize, s.breakdown))
                .inspect(|(_, b)| last = f64::from(b.score))
                .filter(|&(seller, b)| {
                    f64::from(b.score) >= min_score && !decided.contains(&(seller, buyer))
                })
                .map(|(seller, b)| proposed_pair(seller, buyer, &b))
                .collect();
            given[buyer] = want;
            let next = if full && last >= min_score { last } else { 0.0 };
            (pairs, next)
        }),
    }
}

impl Scheduled {
    /// Meetings per participant against their floors, per side.
    pub fn fairness(&self) -> Fairness {
        schedule::fairness(self.input(), self.slate(), self.floors())
    }

    /// Every table change of a seller within a day.
    pub fn table_changes(&self) -> Vec<TableChange> {
        schedule::table_changes(self.input(), self.slate())
    }

    pub fn interpreter_use(&self) -> Vec<InterpreterDay> {
        schedule::interpreter_use(self.input(), self.slate())
    }

    /// Why `id` on `side` got the meetings they got: the best unmet
    /// counterparts (rejected and weak ones included) and what blocks each.
    pub fn explain(
        &self,
        prepared: &Prepared,
        side: Side,
        id: &str,
        decision: impl Fn(usize, usize) -> Option<DecisionKind>,
    ) -> Result<Explanation, SummitError> {
        let index = match side {
            Side::Seller => prepared.seller_index(id)?,
            Side::Buyer => prepared.buyer_index(id)?,
        };
        let top = match side {
            Side::Seller => prepared.candidates_for_seller(index, EXPLAIN_TOP),
            Side::Buyer => prepared.candidates_for_buyer(index, EXPLAIN_TOP),
        };
        let considered: Vec<Considered> = top
            .iter()
            .map(|c| {
                let (other, pair) = match side {
                    Side::Seller => (c.buyer, (index, c.buyer)),
                    Side::Buyer => (c.seller, (c.seller, index)),
                };
                Considered {
                    other,
                    score: f64::from(c.score),
                    rejected: decision(pair.0, pair.1) == Some(DecisionKind::Rejected),
                }
            })
            .collect();
        schedule::explain(
            self.input(),
            self.slate(),
            side,
            index,
            &considered,
            self.min_score(),
        )
        .ok_or_else(|| SummitError::UnknownParticipant {
            side: if side == Side::Seller {
                "seller"
            } else {
                "buyer"
            },
            id: id.to_string(),
        })
    }
}

/// A participant below their floor, with the first reason for it.
#[derive(Debug, Clone, PartialEq)]
pub struct LeftShort {
    pub side: Side,
    pub id: String,
    pub meetings: u32,
    pub floor: u32,
    /// Their best unmet counterpart and what blocks it, in words.
    pub why: Option<String>,
}

impl Scheduled {
    /// Participants below their floor, buyers first, fewest meetings first,
    /// at most `limit` of them explained.
    pub fn left_short(
        &self,
        prepared: &Prepared,
        decision: impl Fn(usize, usize) -> Option<DecisionKind> + Copy,
        limit: usize,
    ) -> Vec<LeftShort> {
        let figures = self.fairness();
        let summit = &prepared.summit;
        let buyers = figures.buyers.below_floor.iter().map(|&e| (Side::Buyer, e));
        let sellers = figures
            .sellers
            .below_floor
            .iter()
            .map(|&e| (Side::Seller, e));
        buyers
            .chain(sellers)
            .take(limit)
            .filter_map(|(side, (index, meetings, floor))| {
                let id = match side {
                    Side::Seller => summit.sellers.get(index)?.id.clone(),
                    Side::Buyer => summit.buyers.get(index)?.id.clone(),
                };
                let why = self
                    .explain(prepared, side, &id, decision)
                    .ok()
                    .and_then(|explained| explained.first_unmet_line(self.input()));
                Some(LeftShort {
                    side,
                    id,
                    meetings,
                    floor,
                    why,
                })
            })
            .collect()
    }
}
