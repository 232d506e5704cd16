//! Scheduling a summit: turning ranked candidates and staff decisions into
//! the scheduler's plain input, running it (on any thread), and staff's
//! moves on the slate it returns.

mod request;

use std::collections::HashSet;
use std::time::Duration;

use super::Verdict;
use super::stale::Basis;
use crate::model::{DecisionKind, MeetingStatus, Slate};
use crate::schedule::{
    self, Floors, ManualMove, MoveRefused, ScheduleInput, ScheduleOptions, SolveReport,
};

pub use request::{RunTimes, ScheduleRequest};
pub(super) use request::{decided_pair, free_slots};

/// Default minimum score for a proposed pair, and for a participant to count
/// as having a good candidate.
pub const DEFAULT_MIN_SCORE: f64 = 40.0;

/// The folder exports go to when none is given: `DIR/out`.
pub const DEFAULT_OUT: &str = "out";

/// How a slate is built. The desk and the CLI pass their own time caps.
#[derive(Debug, Clone, PartialEq)]
pub struct SlateOptions {
    /// Minimum score for a proposed pair, and for a participant to count as
    /// having a good candidate.
    pub min_score: f64,
    /// A cap, not a target: the search normally stops earlier.
    pub time_limit: Duration,
    pub seed: u64,
    /// Meetings each buyer and seller should get at least (the coverage
    /// tier of the scheduler's objective).
    pub floors: Floors,
}

impl Default for SlateOptions {
    fn default() -> Self {
        SlateOptions {
            min_score: DEFAULT_MIN_SCORE,
            time_limit: ScheduleOptions::default().time_limit,
            seed: 0,
            floors: Floors::default(),
        }
    }
}

/// Staff's move of one meeting to another slot and table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SlateMove {
    /// Index into `Slate::meetings`.
    pub meeting: usize,
    pub slot: usize,
    pub table: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoveError {
    /// The move would break a hard rule; the reason says which.
    #[error("{0}")]
    Refused(String),
    /// The store refused to record the moved meetings as locked; the slate
    /// is unchanged.
    #[error("{0}")]
    Lock(String),
}

/// A slate and the input it was built from, so staff's moves are checked
/// against the rules the slate was built under.
#[derive(Debug, Clone)]
pub struct Scheduled {
    /// Shared: the desk hands a copy of the slate to a worker for each
    /// move, and the input (every participant's hours, every candidate)
    /// never changes after the run.
    input: std::sync::Arc<ScheduleInput>,
    slate: Slate,
    report: SolveReport,
    floors: Floors,
    basis: Basis,
    times: RunTimes,
}

impl Scheduled {
    /// A slate built from no decisions; see [`Scheduled::with_basis`].
    pub fn new(input: ScheduleInput, slate: Slate) -> Scheduled {
        Scheduled {
            input: std::sync::Arc::new(input),
            slate,
            report: SolveReport::default(),
            floors: Floors::default(),
            basis: Basis::default(),
            times: RunTimes::default(),
        }
    }

    /// The same slate, recorded as built from these decisions.
    pub fn with_basis(mut self, decided: Vec<((usize, usize), DecisionKind)>) -> Scheduled {
        self.basis = Basis::new(decided);
        self
    }

    /// The decisions this slate was built from.
    pub fn basis(&self) -> &Basis {
        &self.basis
    }

    /// What the run did besides the slate: stages the time limit cut
    /// short, a provisional bound, candidates fetched on demand.
    pub fn report(&self) -> &SolveReport {
        &self.report
    }

    /// How long building the input and the search took (zero for a
    /// slate not built by a run).
    pub fn times(&self) -> RunTimes {
        self.times
    }

    pub fn floors(&self) -> Floors {
        self.floors
    }

    /// The minimum score the slate was built with.
    pub fn min_score(&self) -> f64 {
        self.input.good_score
    }

    pub fn slate(&self) -> &Slate {
        &self.slate
    }

    pub fn input(&self) -> &ScheduleInput {
        &self.input
    }

    /// `Ok` when the moves, made together (a swap is two), keep every hard
    /// rule the slate keeps now.
    pub fn check_move(&self, moves: &[SlateMove]) -> Result<(), MoveError> {
        let request = match *moves {
            [one] => ManualMove::Relocate {
                meeting: one.meeting,
                slot: one.slot,
                table: one.table,
            },
            [first, second] => ManualMove::Swap {
                first: first.meeting,
                second: second.meeting,
            },
            _ => {
                return Err(MoveError::Refused(
                    "only a move or a swap can be checked".to_string(),
                ));
            }
        };
        schedule::check_move(&self.input, &self.slate, request)
            .map_err(|MoveRefused { reason }| MoveError::Refused(reason))
    }

    /// Checks the moves, records each moved meeting as locked at its new
    /// place through `lock` (the store, so the next run keeps it there),
    /// then moves it on the slate. If a lock fails the slate is unchanged.
    pub fn apply_move<E: std::fmt::Display>(
        &mut self,
        moves: &[SlateMove],
        mut lock: impl FnMut(usize, usize, Verdict) -> Result<(), E>,
    ) -> Result<(), MoveError> {
        self.check_move(moves)?;
        for mv in moves {
            let m = self.slate.meetings[mv.meeting];
            let verdict = Verdict::Lock {
                slot: mv.slot,
                table: mv.table,
            };
            lock(m.seller, m.buyer, verdict).map_err(|e| MoveError::Lock(e.to_string()))?;
        }
        for mv in moves {
            let m = &mut self.slate.meetings[mv.meeting];
            // The slate shows this lock: it is not a decision made since.
            let kind = DecisionKind::Locked {
                slot: mv.slot,
                table: mv.table,
            };
            self.basis.record((m.seller, m.buyer), kind);
            m.slot = mv.slot;
            m.table = mv.table;
            m.status = MeetingStatus::Locked;
        }
        Ok(())
    }

    /// Keeps the meetings' statuses in step with the decisions, after an
    /// undo or another terminal's change. A pair rejected since scheduling
    /// shows as proposed; the next run drops it.
    pub fn sync_statuses(&mut self, decision: impl Fn(usize, usize) -> Option<DecisionKind>) {
        for m in &mut self.slate.meetings {
            m.status = match decision(m.seller, m.buyer) {
                Some(DecisionKind::Locked { .. }) => MeetingStatus::Locked,
                Some(DecisionKind::Accepted) => MeetingStatus::Accepted,
                Some(DecisionKind::Rejected) | None => MeetingStatus::Proposed,
            };
        }
    }

    /// Meetings per participant, and who was left without one.
    pub fn stats(&self) -> SlateStats {
        let (seller_meetings, buyer_meetings) = meeting_counts(
            self.input.sellers.len(),
            self.input.buyers.len(),
            self.slate.meetings.iter().map(|m| (m.seller, m.buyer)),
        );
        let mut good_sellers = HashSet::new();
        let mut good_buyers = HashSet::new();
        for c in (self.input.candidates.iter()).filter(|c| c.score >= self.input.good_score) {
            good_sellers.insert(c.seller);
            good_buyers.insert(c.buyer);
        }
        let short = |good: &HashSet<usize>, counts: &[u32]| {
            good.iter()
                .filter(|&&i| counts.get(i).is_some_and(|&n| n == 0))
                .count()
        };
        SlateStats {
            sellers_without: seller_meetings.iter().filter(|&&n| n == 0).count(),
            buyers_without: buyer_meetings.iter().filter(|&&n| n == 0).count(),
            sellers_left_short: short(&good_sellers, &seller_meetings),
            buyers_left_short: short(&good_buyers, &buyer_meetings),
            seller_meetings,
            buyer_meetings,
        }
    }
}

/// What a slate gives each participant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlateStats {
    /// Meetings per seller and per buyer, by index.
    pub seller_meetings: Vec<u32>,
    pub buyer_meetings: Vec<u32>,
    /// Participants with no meeting at all.
    pub sellers_without: usize,
    pub buyers_without: usize,
    /// Of those, the ones that had a candidate scoring the slate's minimum
    /// score or more: left short by the slate, not by the data.
    pub sellers_left_short: usize,
    pub buyers_left_short: usize,
}

/// Meetings per seller and per buyer for `pairs` (seller, buyer); pairs
/// naming no participant are ignored. The one count the slate's stats and
/// the desk's lists (decided pairs before a slate exists) share.
pub fn meeting_counts(
    sellers: usize,
    buyers: usize,
    pairs: impl Iterator<Item = (usize, usize)>,
) -> (Vec<u32>, Vec<u32>) {
    let mut s = vec![0; sellers];
    let mut b = vec![0; buyers];
    for (seller, buyer) in pairs {
        if let Some(n) = s.get_mut(seller) {
            *n += 1;
        }
        if let Some(n) = b.get_mut(buyer) {
            *n += 1;
        }
    }
    (s, b)
}
