//! The optimising scheduler: given participants, slots, tables and candidate
//! pairs, build a [`Slate`] of one-to-one meetings that never breaks a hard
//! rule, and say how close it is to optimal.
//!
//! Plain data in, plain data out: no files, no SQL, no terminal. The caller
//! has already filtered candidates (rejected pairs are absent, proposed pairs
//! pass the minimum score, accepted and locked pairs are present whatever
//! their score).
//!
//! # Hard rules
//! Nobody is in two meetings in one slot; a meeting is only in a slot both
//! sides are available; at most `tables` meetings per slot, each at a distinct
//! table; at most `interpreters` interpreted meetings per slot; nobody exceeds
//! `max_meetings`; a pair meets at most once; only candidate pairs meet;
//! locked meetings sit exactly at their slot and table; every accepted or
//! locked pair is either scheduled or listed in [`Slate::unscheduled`] with a
//! reason a person can act on. [`check`] verifies all of them.
//!
//! # Objective
//! Slates are compared by the tuple, lexicographically (first field first):
//!
//! 1. `must`: the number of accepted and locked pairs scheduled (must-haves
//!    come before any score);
//! 2. `score`: the total score of scheduled meetings, counted in integer
//!    millionths of a point, so ties are exact and sums do not drift;
//! 3. `covered`: the number of participants with at least one candidate
//!    scoring `>= good_score` who get at least one meeting;
//! 4. `holes`, minimised: a hole is a maximal run of one or more empty slots
//!    strictly between two of a participant's meetings on one day, summed
//!    over all participants. Consecutive slot indices on the same day are
//!    adjacent (a lunch break between two slots is not a hole).
//!
//! The comparison is a true lexicographic order, not a weighted sum, so no
//! amount of coverage or compactness ever buys back a millionth of a point.
//! (With scores spread over 0..100, two slates rarely tie on score, so
//! coverage mostly decides between equal-score alternatives; holes decide
//! within the same set of meetings, which is what compaction works on.)
//! Scores are clamped to 0..=100 (NaN counts as 0). Slots past the end of a
//! participant's `available` count as unavailable. If a pair appears twice,
//! only its first candidate counts. Locked pairs that conflict with each
//! other or with availability, tables or max_meetings keep the first in
//! input order; the rest are reported, never moved elsewhere.
//!
//! # How it searches
//! 1. `bound`: a Lagrangian max-weight b-matching (min-cost flow) bounds the
//!    total score; see [`upper_bound`].
//! 2. `construct`: locked meetings first, then must-haves hardest first, then
//!    the pairs of the bound's relaxed solution (re-solved with must-haves
//!    forced in), then the rest by score, each into the slot that opens the
//!    fewest holes. Following the relaxed solution is what lifts the large
//!    synthetic summit from 90% to 99%+ of the bound: a greedy by score
//!    alone starves buyers whose favourite sellers are popular.
//! 3. `place`: a tabu ejection search places the must-haves still missing.
//! 4. `improve`: insert unscheduled pairs by ejecting what is in the way and
//!    re-seating the ejected meetings elsewhere (ejection chains; on small
//!    slates deeper ones, with freed participants backfilling).
//! 5. `explore` (small slates only): a tabu search over such insertions
//!    that accepts worse steps to leave local optima, keeping the best.
//! 6. `compact`: simulated annealing over Kempe-chain slot swaps (which
//!    include single moves and two-meeting swaps) to close holes, in rounds,
//!    stopping early at a per-participant lower bound on holes.
//! 7. `tables`: table numbers are given last; locked tables stay fixed and a
//!    seller keeps the same table from slot to slot when it is free.
//!
//! Every stage stops on a deterministic move budget or stagnation count, so
//! the same input and seed give the same slate, unless the time limit or the
//! progress callback cuts the search short (then the best slate so far is
//! returned, topped up with whatever still fits a free slot). "Small slates"
//! are those with at most 20,000 candidate-slot pairs: there the moves go
//! deeper, which on tiny instances reaches the exhaustive optimum.

mod bitset;
mod bound;
mod chain;
mod check;
mod compact;
mod construct;
mod eject;
mod explore;
mod finish;
mod flow;
mod holes_bound;
mod improve;
mod instance;
mod manual;
mod metrics;
mod objective;
mod pacer;
mod place;
mod reasons;
mod repair;
mod repair_fill;
mod repair_grid;
mod state;
pub mod synthetic;

use std::ops::ControlFlow;
use std::time::Duration;

use crate::model::{Slate, Slot};

pub use bound::upper_bound;
pub use check::{Violation, check};
pub use manual::{ManualMove, MoveRefused, apply_move, check_move};
pub use metrics::count_holes;
pub use repair::{Added, Lost, Repair, RepairFigures, RepairInput, repair};

/// One side of a possible meeting, as the scheduler sees it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Participant {
    /// How people know this participant (an id such as `S012`); used only in
    /// reasons and messages.
    pub name: String,
    pub max_meetings: u32,
    /// One entry per slot, `true` when free. Slots past the end of the vector
    /// count as unavailable.
    pub available: Vec<bool>,
}

impl Participant {
    pub(crate) fn is_available(&self, slot: usize) -> bool {
        self.available.get(slot).copied().unwrap_or(false)
    }
}

/// Where staff stand on a candidate pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PairStatus {
    Proposed,
    Accepted,
    /// Must meet exactly here (slot and table are 0-based).
    Locked {
        slot: usize,
        table: u32,
    },
}

impl PairStatus {
    pub fn is_must_have(self) -> bool {
        !matches!(self, PairStatus::Proposed)
    }

    pub fn is_locked(self) -> bool {
        matches!(self, PairStatus::Locked { .. })
    }
}

/// A pair that may meet. `seller` and `buyer` index
/// [`ScheduleInput::sellers`] and [`ScheduleInput::buyers`].
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    pub seller: usize,
    pub buyer: usize,
    /// 0..=100; values outside are clamped, NaN counts as 0.
    pub score: f64,
    pub interpreter: bool,
    pub status: PairStatus,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ScheduleInput {
    pub slots: Vec<Slot>,
    pub tables: u32,
    pub interpreters: u32,
    pub sellers: Vec<Participant>,
    pub buyers: Vec<Participant>,
    pub candidates: Vec<Pair>,
    /// Participants with a candidate scoring at least this should get at least
    /// one meeting where possible.
    pub good_score: f64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduleOptions {
    /// A cap, not a target: the search normally stops earlier on its own
    /// deterministic criteria.
    pub time_limit: Duration,
    pub seed: u64,
}

impl Default for ScheduleOptions {
    fn default() -> Self {
        ScheduleOptions {
            time_limit: Duration::from_secs(2),
            seed: 0,
        }
    }
}

/// A snapshot sent to the caller roughly every 100 ms during [`solve`].
#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    pub elapsed: Duration,
    /// Total score of the current slate.
    pub score: f64,
    pub upper_bound: f64,
    pub meetings: usize,
    /// Which stage is running: `bound`, `construct`, `place`, `improve`,
    /// `explore`, `compact` or `tables`.
    pub phase: &'static str,
}

/// Builds the best slate it can find.
///
/// `on_progress` is called roughly every 100 ms, never more often; returning
/// `ControlFlow::Break(())` stops the search and returns the best slate so far.
pub fn solve(
    input: &ScheduleInput,
    options: &ScheduleOptions,
    on_progress: &mut dyn FnMut(&Progress) -> ControlFlow<()>,
) -> Slate {
    let mut pacer = pacer::Pacer::new(options.time_limit, on_progress);
    let problem = instance::Instance::new(input);
    let bound = bound::bound_for(&problem, &mut pacer);
    pacer.set_bound(bound.value);
    let mut plan = state::Plan::new(&problem);
    let mut rng = pacer::search_rng(options.seed);
    construct::construct(&mut plan, &bound.chosen, &mut pacer);
    place::place_must_haves(&mut plan, &mut rng, &mut pacer);
    improve::improve(&mut plan, &mut pacer);
    explore::explore(&mut plan, &mut rng, &mut pacer);
    compact::compact(&mut plan, &mut rng, &mut pacer);
    // Compaction moved meetings around; that can open room for insertions.
    improve::improve(&mut plan, &mut pacer);
    if pacer.stopped() {
        construct::fill_free_slots(&mut plan);
    }
    pacer.enter("tables", &plan);
    finish::build_slate(input, &problem, &plan, pacer.bound())
}
