//! The objective compared between plans: the one place that says what a
//! better slate is. Tiers are compared lexicographically, first field first;
//! no amount of a later tier ever buys back a unit of an earlier one.
//!
//! 1. `must`: accepted and locked pairs scheduled.
//! 2. `mutual`: mutual wishes met (pairs where each asked to meet the
//!    other), each counting 1.
//! 3. `coverage`: meeting floors, max-min. `coverage[k]` counts the
//!    participants (both sides together) whose floor is above `k` and who
//!    have more than `k` meetings. Comparing the array first entry first
//!    raises the worst-off first: everyone below their floor gets a first
//!    meeting before anyone gets a second one below theirs.
//! 4. `wished`: one-sided wishes met, each weighted by its rank and side
//!    (the weights are set in `crate::wishes` and arrive as
//!    [`WishTier::weight`](super::WishTier)).
//! 5. `score`: total score in millionths of a point (exact sums).
//! 6. `table_overflow`, minimised: per slot, how many sellers' day spans
//!    (first to last meeting of a day) cover it beyond the tables, summed.
//!    At zero every seller can keep one table for the whole day.
//! 7. `holes`, minimised: maximal runs of empty slots between two of a
//!    participant's meetings on one day, summed over participants.
//!
//! A new tier is a field here plus one line in `cmp` (and its upkeep in
//! `Plan::place` / `unplace`).

use std::cmp::Ordering;

/// Floors above this many meetings are counted as this many: the coverage
/// tier is about the worst-off, and a fixed array keeps `Objective` `Copy`.
pub(super) const COVERAGE_LEVELS: usize = 12;

/// Compare with `Ord` (greater is better).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct Objective {
    pub must: i64,
    pub mutual: i64,
    pub coverage: [i64; COVERAGE_LEVELS],
    pub wished: i64,
    pub score: i64,
    pub table_overflow: i64,
    pub holes: i64,
}

impl PartialOrd for Objective {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Objective {
    fn cmp(&self, other: &Self) -> Ordering {
        self.must
            .cmp(&other.must)
            .then_with(|| self.mutual.cmp(&other.mutual))
            .then_with(|| self.coverage.cmp(&other.coverage))
            .then_with(|| self.wished.cmp(&other.wished))
            .then_with(|| self.score.cmp(&other.score))
            .then_with(|| other.table_overflow.cmp(&self.table_overflow))
            .then_with(|| other.holes.cmp(&self.holes))
    }
}

/// What one meeting adds to the tiers a single pair decides (all but
/// coverage, table overflow and holes, which depend on the whole plan), in
/// tier order: the search's measure of how much a meeting is worth keeping.
/// Compared lexicographically, field by field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub(super) struct Worth {
    pub must: i64,
    pub mutual: i64,
    pub wished: i64,
    pub score: i64,
}

impl Worth {
    /// The gain from `before` to `after` on these tiers.
    pub fn gained(before: &Objective, after: &Objective) -> Worth {
        Worth {
            must: after.must - before.must,
            mutual: after.mutual - before.mutual,
            wished: after.wished - before.wished,
            score: after.score - before.score,
        }
    }
}

impl std::ops::Add for Worth {
    type Output = Worth;
    fn add(self, o: Worth) -> Worth {
        Worth {
            must: self.must + o.must,
            mutual: self.mutual + o.mutual,
            wished: self.wished + o.wished,
            score: self.score + o.score,
        }
    }
}

impl std::ops::Sub for Worth {
    type Output = Worth;
    fn sub(self, o: Worth) -> Worth {
        Worth {
            must: self.must - o.must,
            mutual: self.mutual - o.mutual,
            wished: self.wished - o.wished,
            score: self.score - o.score,
        }
    }
}

/// A cheap deterministic shuffle of candidate indices for tie-breaking;
/// `salt` comes from the run's seed, so registration order never decides.
pub(super) fn scramble(cand: u32, salt: u32) -> u32 {
    (cand ^ salt).wrapping_mul(0x9E37_79B1).rotate_left(13) ^ salt.rotate_right(7)
}
