//! Keeps the search within its time cap and reports progress at most every
//! 100 ms. The clock only ever stops the search; it never decides which move
//! comes next, so runs that end before the cap are deterministic.

use std::ops::ControlFlow;
use std::time::{Duration, Instant};

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use super::instance::SCORE_UNIT;
use super::state::Plan;
use super::{Phase, Progress};

const REPORT_EVERY: Duration = Duration::from_millis(100);

/// The search proper stops at this share of the time limit, leaving the
/// rest for the cheap final steps (filling free slots, tables), so the
/// whole run stays within the limit.
const SEARCH_SHARE: f64 = 0.9;

/// The bound may use at most this share of the time limit: past it the
/// bound gives up (a cruder, provisional bound stands in) so the search
/// itself always gets time.
const BOUND_SHARE: f64 = 0.4;

/// The final fill after the clock stopped the search ends at this multiple
/// of the time limit.
const FILL_UNTIL: f64 = 1.08;

/// However late, the final fill gets this long: a slate with nothing on
/// it helps nobody.
const MIN_FILL: Duration = Duration::from_millis(20);

/// After the caller asks to stop, the final fill gets at most this long.
const GRACE_AFTER_STOP: Duration = Duration::from_millis(50);

/// How many `tick`s pass between looks at the clock.
const TICKS_PER_CLOCK_READ: u32 = 64;

pub(super) type SearchRng = ChaCha8Rng;

pub(super) fn search_rng(seed: u64) -> SearchRng {
    ChaCha8Rng::seed_from_u64(seed)
}

pub(super) struct Pacer<'c> {
    started: Instant,
    time_limit: Duration,
    last_report: Instant,
    on_progress: &'c mut dyn FnMut(&Progress) -> ControlFlow<()>,
    phase: Phase,
    bound: f64,
    ticks: u32,
    stopped: bool,
    cut_short: Option<Phase>,
    stopped_by_caller: bool,
    /// When set, work past the stop (the final fill) ends at this instant.
    finish_by: Option<Instant>,
    /// The bound used up its share of the time.
    bound_over: bool,
}

impl<'c> Pacer<'c> {
    pub fn new(
        time_limit: Duration,
        on_progress: &'c mut dyn FnMut(&Progress) -> ControlFlow<()>,
    ) -> Self {
        let now = Instant::now();
        Pacer {
            started: now,
            time_limit,
            last_report: now,
            on_progress,
            phase: Phase::Bound,
            bound: 0.0,
            ticks: 0,
            stopped: false,
            cut_short: None,
            stopped_by_caller: false,
            finish_by: None,
            bound_over: false,
        }
    }

    pub fn set_bound(&mut self, bound: f64) {
        self.bound = bound;
    }

    pub fn bound(&self) -> f64 {
        self.bound
    }

    /// Whether the search must stop (time cap reached or caller asked).
    pub fn stopped(&self) -> bool {
        self.stopped
    }

    /// The stage that was running when the search was stopped, if it was.
    pub fn cut_short(&self) -> Option<Phase> {
        self.cut_short
    }

    pub fn stopped_by_caller(&self) -> bool {
        self.stopped_by_caller
    }

    /// For the final fill after a stop: whether there is still time.
    /// It may run until the time limit, or briefly after a caller's stop.
    pub fn may_finish(&mut self) -> bool {
        let now = Instant::now();
        let deadline = *self.finish_by.get_or_insert_with(|| {
            if self.stopped_by_caller {
                now + GRACE_AFTER_STOP
            } else {
                // The fill always gets some time (a slate with nothing on
                // it helps nobody), ending within 8% past the limit.
                (self.started + self.time_limit.mul_f64(FILL_UNTIL)).max(now + MIN_FILL)
            }
        });
        now < deadline
    }

    pub fn enter(&mut self, phase: Phase, plan: &Plan) {
        self.phase = phase;
        self.ticks = 0;
        // Once stopped, nothing more is reported: the caller may be gone.
        if !self.stopped {
            self.look_at_clock(|| summary(plan));
        }
    }

    /// Called once per unit of work; returns `false` once the search must
    /// stop. Reads the clock only every few ticks.
    pub fn tick(&mut self, plan: &Plan) -> bool {
        self.tick_with(|| summary(plan))
    }

    /// `tick` for work that must finish whatever the clock says (the
    /// construction: cheap, and without it a slate may leave buyers with
    /// nothing): still reports progress, and returns `false` only once the
    /// caller asked to stop.
    pub fn tick_essential(&mut self, plan: &Plan) -> bool {
        if self.stopped_by_caller {
            return false;
        }
        self.ticks += 1;
        if self.ticks >= TICKS_PER_CLOCK_READ {
            self.ticks = 0;
            self.look_at_clock_for(|| summary(plan), false);
        }
        !self.stopped_by_caller
    }

    /// `tick` for work that has no plan yet (the bound), which also ends
    /// once the bound's share of the time is used.
    pub fn tick_with(&mut self, summary: impl FnOnce() -> (f64, usize)) -> bool {
        if self.must_end_bound() {
            return false;
        }
        self.ticks += 1;
        if self.ticks >= TICKS_PER_CLOCK_READ {
            self.ticks = 0;
            self.look_at_clock(summary);
        }
        !self.must_end_bound()
    }

    fn must_end_bound(&self) -> bool {
        self.stopped || (self.phase == Phase::Bound && self.bound_over)
    }

    /// Whether at least `share` of the time limit has passed (reads the
    /// clock; for steps that cannot stop midway, before starting one).
    pub fn past(&self, share: f64) -> bool {
        self.started.elapsed().as_secs_f64() >= self.time_limit.as_secs_f64() * share
    }

    /// Whether the bound ran out of its share of the time.
    pub fn bound_over(&self) -> bool {
        self.bound_over
    }

    fn look_at_clock(&mut self, summary: impl FnOnce() -> (f64, usize)) {
        self.look_at_clock_for(summary, true);
    }

    /// Reports progress when due; with `may_stop`, also stops the search
    /// once its share of the time limit is used.
    fn look_at_clock_for(&mut self, summary: impl FnOnce() -> (f64, usize), may_stop: bool) {
        let now = Instant::now();
        let elapsed = now.duration_since(self.started);
        if self.phase == Phase::Bound
            && elapsed.as_secs_f64() >= self.time_limit.as_secs_f64() * BOUND_SHARE
        {
            self.bound_over = true;
        }
        if may_stop && elapsed.as_secs_f64() >= self.time_limit.as_secs_f64() * SEARCH_SHARE {
            self.stop();
            return;
        }
        if now.duration_since(self.last_report) >= REPORT_EVERY {
            self.last_report = now;
            let (score, meetings) = summary();
            let progress = Progress {
                elapsed,
                score,
                upper_bound: self.bound.max(score),
                meetings,
                phase: self.phase,
            };
            if (self.on_progress)(&progress).is_break() {
                self.stopped_by_caller = true;
                self.stop();
            }
        }
    }

    fn stop(&mut self) {
        self.stopped = true;
        self.cut_short.get_or_insert(self.phase);
    }
}

fn summary(plan: &Plan) -> (f64, usize) {
    (
        plan.objective().score as f64 / SCORE_UNIT,
        plan.meeting_count(),
    )
}
