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
//! Lexicographic, not weighted; the tiers live in one place, `objective`:
//!
//! 1. accepted and locked pairs scheduled;
//! 2. coverage: every participant with a usable candidate gets at least
//!    their floor (see [`Floors`]: buyers 3, sellers 1 by default, capped
//!    by max_meetings, free slots and partners), worst-off first (max-min);
//! 3. total score, in integer millionths of a point (exact sums);
//! 4. sellers keep one table per day (no slot covered by more sellers'
//!    day spans than there are tables); every change left is reported by
//!    [`table_changes`];
//! 5. fewest holes (runs of empty slots between two meetings of a day).
//!
//! Equal scores are ordered by a seeded shuffle, never by input order, so
//! registration order does not decide who meets whom.
//! Scores are clamped to 0..=100 (NaN counts as 0). Slots past the end of a
//! participant's `available` count as unavailable. If a pair appears twice,
//! only its first candidate counts. Locked pairs that conflict with each
//! other or with availability, tables or max_meetings keep the first in
//! input order; the rest are reported, never moved elsewhere.
//!
//! # How it searches
//! 1. `bound`: a Lagrangian max-weight b-matching (min-cost flow) bounds the
//!    total score; see [`upper_bound`]. With a [`CandidateSource`], its dual
//!    prices also bound the pairs the caller held back (`dual`), buyers
//!    whose held-back pairs could matter get more candidates (`supply`),
//!    and the bound covers the whole, untruncated candidate set.
//! 2. `construct`: locked meetings first, then must-haves hardest first, then
//!    the pairs of the bound's relaxed solution (re-solved with must-haves
//!    forced in and a bonus for floor meetings), then each participant below
//!    their floor, level by level, then the rest by score, each into the
//!    slot that opens the fewest holes. Following the relaxed solution is what lifts the large
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
//! 7. `tables`: table numbers are given last; locked tables stay fixed and
//!    each seller-day takes one table free at all its meetings.
//!
//! Every stage stops on a deterministic move budget or stagnation count, so
//! the same input and seed give the same slate, unless the time limit or the
//! progress callback cuts the search short (then the best slate so far is
//! returned, topped up with whatever still fits a free slot, and
//! [`SolveReport`] says which stage was cut short). The search stops at 90%
//! of the time limit so the final steps fit in it; after a caller's stop
//! they get 50 ms. "Small slates"
//! are those with at most 20,000 candidate-slot pairs: there the moves go
//! deeper, which on tiny instances reaches the exhaustive optimum.

mod bitset;
mod bound;
mod chain;
mod check;
mod compact;
mod construct;
mod dual;
mod eject;
mod explain;
mod explain_text;
mod explore;
mod fairness;
mod finish;
mod flow;
mod greedy_hint;
mod holes_bound;
mod improve;
mod instance;
mod lite;
mod manual;
mod metrics;
mod multiplier;
mod names;
mod objective;
mod pacer;
mod place;
mod reasons;
mod relaxation;
mod repair;
mod repair_fill;
mod repair_grid;
mod slate_view;
mod solve;
mod state;
mod supply;
pub mod synthetic;
mod topup;

use std::ops::ControlFlow;
use std::time::Duration;

use crate::model::{Slate, Slot};

pub use bound::upper_bound;
pub use check::{Violation, check};
pub use explain::{Blocker, Considered, Explanation, Hint, Unmet, explain, pair_blocker};
pub use fairness::{
    Fairness, FloorShortfall, InterpreterDay, SideFairness, TableChange, fairness, interpreter_use,
    table_changes,
};
pub use manual::{ManualMove, MoveRefused, apply_move, check_move};
pub use metrics::count_holes;
pub use repair::{Added, Lost, Repair, RepairFigures, RepairInput, repair};
pub use solve::solve_with;

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

/// What the participants wished about a pair, as the objective counts it
/// (the weights themselves are set in `crate::wishes`). An avoided pair is
/// never scheduled unless staff accepted or locked it; a mutual wish is its
/// own tier, right after must-haves; a one-sided wish's `weight` counts in
/// the tier after coverage. Mutual and avoided pairs ignore `weight`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct WishTier {
    pub mutual: bool,
    pub weight: u64,
    pub avoided: bool,
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
    pub wish: WishTier,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ScheduleInput {
    pub slots: Vec<Slot>,
    pub tables: u32,
    pub interpreters: u32,
    pub sellers: Vec<Participant>,
    pub buyers: Vec<Participant>,
    pub candidates: Vec<Pair>,
    /// Only candidates scoring at least this (or must-haves) count towards
    /// a participant's floor (see [`Floors`]).
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
    /// Which stage is running.
    pub phase: Phase,
}

/// Which stage of the search is running.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Phase {
    Bound,
    Construct,
    Place,
    Improve,
    Explore,
    Compact,
    Tables,
}

impl Phase {
    pub fn name(self) -> &'static str {
        match self {
            Phase::Bound => "bound",
            Phase::Construct => "construct",
            Phase::Place => "place",
            Phase::Improve => "improve",
            Phase::Explore => "explore",
            Phase::Compact => "compact",
            Phase::Tables => "tables",
        }
    }
}

impl std::fmt::Display for Phase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Meeting floors: the coverage tier of the objective. A participant's
/// floor is its side's number here, but never more than its max_meetings,
/// its free slots, or the partners it could meet. 0 turns a side off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Floors {
    pub buyers: u32,
    pub sellers: u32,
}

impl Default for Floors {
    fn default() -> Self {
        Floors {
            buyers: 3,
            sellers: 1,
        }
    }
}

/// More candidates on demand, from the caller's exact ranking (for a
/// summit, the matcher's top-K). Plain data in and out, so the scheduler
/// knows nothing of how pairs are scored.
pub struct CandidateSource<'a> {
    /// Per buyer: the best score among its pairs that qualify (score at
    /// least the minimum, not rejected) but are not in
    /// `ScheduleInput::candidates`; 0 when there are none.
    pub held_back: Vec<f64>,
    /// `fetch(buyer, count)`: the buyer's next `count` qualifying pairs
    /// after those handed over so far, best first, and its new held-back
    /// score.
    pub fetch: Box<dyn FnMut(usize, usize) -> (Vec<Pair>, f64) + 'a>,
}

/// Which upper bound a run measured its slate against. Each is a valid
/// bound on every slate; the later ones are looser.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BoundKind {
    /// The LP relaxation solved exactly ([`upper_bound`]).
    Exact,
    /// The same LP solved exactly over the candidates handed over, with
    /// the ones held back (not yet ranked) allowed for through its dual
    /// prices: at least the exact value of the whole LP.
    ExactHeldBack,
    /// The same LP's Lagrangian dual at prices for the table and
    /// interpreter limits, with one min-cost flow: at least the exact
    /// value, usually within a fraction of a percent of it.
    #[default]
    Lagrangian,
    /// The prices alone, with one side's limits dropped and no flow (the
    /// flow ran out of its work budget or time, or came out higher).
    Lite,
}

impl BoundKind {
    pub fn describe(self) -> &'static str {
        match self {
            BoundKind::Exact => "the exact LP bound",
            BoundKind::ExactHeldBack => "the exact LP bound with unranked candidates priced",
            BoundKind::Lagrangian => "the LP's Lagrangian bound",
            BoundKind::Lite => "a priced bound without a flow",
        }
    }

    /// What the bound is, for an organiser: every kind forgets which slot
    /// each meeting takes.
    pub fn in_words(self) -> &'static str {
        match self {
            BoundKind::Exact => "the best total when slots are ignored, computed exactly",
            BoundKind::ExactHeldBack => {
                "the best total when slots are ignored, computed exactly for the candidates \
                 ranked, with room for the better candidates not ranked yet"
            }
            BoundKind::Lagrangian => {
                "the best total when slots are ignored, with tables and interpreters priced \
                 (a fraction of a percent above the exact figure)"
            }
            BoundKind::Lite => {
                "a quick estimate with slots ignored, tables and interpreters priced and one \
                 side's meeting caps dropped (looser than an exact figure)"
            }
        }
    }
}

/// What a run did besides the slate: what the time limit cut short, and
/// how many candidates were fetched on demand.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SolveReport {
    /// The stage running when the time limit or the caller stopped the
    /// search, if either did; the stages after it ran only their cheap
    /// final steps.
    pub cut_short: Option<Phase>,
    /// The caller (not the clock) stopped it.
    pub stopped_by_caller: bool,
    /// The bound's flow did not finish: `Slate::upper_bound` is a cruder
    /// bound, and the share of it is provisional.
    pub bound_provisional: bool,
    /// Which bound `Slate::upper_bound` is.
    pub bound: BoundKind,
    pub fetched_candidates: usize,
}

/// A slate, the input it was built from (the caller's, plus any candidates
/// fetched on demand: meetings index its pairs), and the run's report.
#[derive(Debug, Clone)]
pub struct Solved {
    pub slate: Slate,
    pub input: ScheduleInput,
    pub report: SolveReport,
}

/// Builds the best slate it can find, with the default floors and no
/// candidates on demand.
///
/// `on_progress` is called roughly every 100 ms, never more often; returning
/// `ControlFlow::Break(())` stops the search and returns the best slate so far.
pub fn solve(
    input: &ScheduleInput,
    options: &ScheduleOptions,
    on_progress: &mut dyn FnMut(&Progress) -> ControlFlow<()>,
) -> Slate {
    solve_with(input, options, Floors::default(), None, on_progress).slate
}
