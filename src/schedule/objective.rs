//! The objective compared between plans, and tie-breaking helpers.

use std::cmp::Ordering;

/// The objective of the module docs; compare with `Ord` (greater is better).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct Objective {
    pub must: i64,
    pub score: i64,
    pub covered: i64,
    pub holes: i64,
}

impl Objective {
    fn key(&self) -> (i64, i64, i64, i64) {
        (self.must, self.score, self.covered, -self.holes)
    }
}

impl PartialOrd for Objective {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Objective {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key().cmp(&other.key())
    }
}

/// A cheap deterministic shuffle of candidate indices for tie-breaking.
pub(super) fn scramble(cand: u32, salt: u32) -> u32 {
    cand.wrapping_mul(0x9E37_79B1) ^ salt
}
