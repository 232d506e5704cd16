//! Building the scheduler's input from a summit (ranking every buyer, the
//! staff decisions, wishes) and running it, on whatever thread calls it.

use std::collections::HashSet;
use std::ops::ControlFlow;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use super::super::fair::{
    add_seller_candidates, candidate_source, first_candidates_per_buyer, proposed_pair,
};
use super::super::{OpenSummit, Prepared};
use super::{Scheduled, SlateOptions};
use crate::model::{DatedRange, DecisionKind, Slot};
use crate::schedule::{
    self, Pair as SchedulePair, PairStatus, Participant, Progress, ScheduleInput, ScheduleOptions,
};

pub(in crate::summit) fn free_slots(available: &[DatedRange], slots: &[Slot]) -> Vec<bool> {
    slots
        .iter()
        .map(|slot| {
            available.is_empty()
                || available
                    .iter()
                    .any(|r| r.date == slot.date && r.from <= slot.start && slot.end <= r.to)
        })
        .collect()
}

/// Everything a scheduling run needs, detached from the store: the shared
/// summit and a snapshot of the decisions. Cheap to make on the UI thread;
/// building the input (ranking every buyer) and solving happen in
/// [`ScheduleRequest::run`], on whatever thread calls it.
pub struct ScheduleRequest {
    prepared: Arc<Prepared>,
    /// Sorted by pair, so the input never depends on a hash map's order.
    decided: Vec<((usize, usize), DecisionKind)>,
    wishes: Arc<crate::wishes::WishIndex>,
}

/// How long a run's two halves took on the wall clock: building the
/// scheduler's input (ranking) and the search itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RunTimes {
    pub input: Duration,
    pub solve: Duration,
}

impl OpenSummit {
    pub fn schedule_request(&self) -> ScheduleRequest {
        let mut decided: Vec<_> = (self.decisions().iter())
            .map(|(&pair, info)| (pair, info.kind))
            .collect();
        decided.sort_by_key(|(pair, _)| *pair);
        ScheduleRequest {
            prepared: Arc::clone(self.prepared()),
            decided,
            wishes: Arc::clone(self.wishes()),
        }
    }

    /// Builds the slate on this thread; see [`ScheduleRequest::run`].
    pub fn schedule(
        &self,
        options: &SlateOptions,
        progress: &mut dyn FnMut(&Progress) -> ControlFlow<()>,
    ) -> Scheduled {
        self.schedule_request().run(options, progress)
    }
}

impl ScheduleRequest {
    /// The scheduler's first input: every buyer's best sellers and (where
    /// they can matter, see `add_seller_candidates`) every seller's best
    /// buyers scoring at least `min_score`, minus decided pairs, plus every
    /// accepted or locked pair whatever its score (rejected pairs never
    /// meet). More come on demand in [`Self::run`].
    pub fn input(&self, min_score: f64) -> ScheduleInput {
        self.first_input(min_score).0
    }

    /// The input, and each buyer's ranked list as given (seller, score).
    fn first_input(&self, min_score: f64) -> (ScheduleInput, Vec<Vec<(usize, f64)>>) {
        let summit = &self.prepared.summit;
        let matcher = &self.prepared.matcher;
        let ranked = matcher.rank_all_buyers(first_candidates_per_buyer(summit));
        let first = ranked
            .iter()
            .map(|top| {
                top.iter()
                    .map(|s| (s.other as usize, f64::from(s.breakdown.score)))
                    .collect()
            })
            .collect();
        let decided = self.decided_pairs();
        let mut candidates: Vec<SchedulePair> = Vec::new();
        for (buyer, top) in ranked.iter().enumerate() {
            for scored in top {
                let seller = scored.other as usize;
                let score = f64::from(scored.breakdown.score);
                if score < min_score || decided.contains(&(seller, buyer)) {
                    continue;
                }
                candidates.push(proposed_pair(seller, buyer, &scored.breakdown));
            }
        }
        drop(ranked);
        for &((seller, buyer), kind) in &self.decided {
            candidates.extend(decided_pair(matcher, seller, buyer, kind));
        }
        let participant = |id: &str, max_meetings: u32, available: &[DatedRange]| Participant {
            name: id.to_string(),
            max_meetings,
            available: free_slots(available, &summit.slots),
        };
        let sellers = (summit.sellers.par_iter())
            .map(|s| participant(&s.id, s.max_meetings, &s.available))
            .collect();
        let buyers = (summit.buyers.par_iter())
            .map(|b| participant(&b.id, b.max_meetings, &b.available))
            .collect();
        let mut input = ScheduleInput {
            slots: summit.slots.clone(),
            tables: summit.event.tables,
            interpreters: summit.event.interpreters,
            sellers,
            buyers,
            candidates,
            good_score: min_score,
        };
        add_seller_candidates(&self.prepared, &mut input, &decided, min_score);
        super::super::wishes::add_wishes(&self.prepared, &self.wishes, &mut input, &decided);
        (input, first)
    }

    fn decided_pairs(&self) -> HashSet<(usize, usize)> {
        self.decided.iter().map(|(p, _)| *p).collect()
    }

    /// Builds the input and solves it. `progress` is called about every
    /// 100 ms; `Break` stops early with the best slate so far.
    pub fn run(
        &self,
        options: &SlateOptions,
        progress: &mut dyn FnMut(&Progress) -> ControlFlow<()>,
    ) -> Scheduled {
        let started = Instant::now();
        let (input, first) = self.first_input(options.min_score);
        let decided = self.decided_pairs();
        let mut source = candidate_source(&self.prepared, &first, &decided, options.min_score);
        super::super::wishes::wish_aware(&mut source, Arc::clone(&self.wishes));
        let solve = ScheduleOptions {
            time_limit: options.time_limit,
            seed: options.seed,
        };
        let input_done = Instant::now();
        let solved =
            schedule::solve_with(&input, &solve, options.floors, Some(&mut source), progress);
        drop(input);
        let mut scheduled = Scheduled::new(solved.input, solved.slate);
        scheduled.report = solved.report;
        scheduled.floors = options.floors;
        scheduled.times = RunTimes {
            input: input_done - started,
            solve: input_done.elapsed(),
        };
        scheduled.with_basis(self.decided.clone())
    }
}

/// A staff decision as the scheduler sees it: an accepted or locked pair
/// with the matcher's score; `None` for a rejection (never a candidate).
pub(in crate::summit) fn decided_pair(
    matcher: &crate::matching::Matcher,
    seller: usize,
    buyer: usize,
    kind: DecisionKind,
) -> Option<SchedulePair> {
    let status = match kind {
        DecisionKind::Rejected => return None,
        DecisionKind::Accepted => PairStatus::Accepted,
        DecisionKind::Locked { slot, table } => PairStatus::Locked { slot, table },
    };
    let breakdown = matcher.evaluate(seller, buyer);
    Some(SchedulePair {
        seller,
        buyer,
        score: f64::from(breakdown.score),
        interpreter: breakdown.interpreter,
        status,
        wish: Default::default(),
    })
}
