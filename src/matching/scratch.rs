//! Per-query scratch space for the threshold ranking ([`super::rank`]):
//! which classes a query has scored and, for the few tied at the last
//! place, their least tie key; reused from one query to the next on a
//! thread. Also what a class can reach against a query ([`Reachable`]).

use super::ties::TieKey;

/// What one class can reach against a query: for a best component `c`,
/// its topical relevance is at most `multiple × c + bonus × min(c, hs)`.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Reachable {
    pub multiple: f32,
    pub bonus: f32,
    pub hs: f32,
    /// Whether `hs` is the pair's HS agreement rather than a cheaper bound.
    pub hs_exact: bool,
}

impl Reachable {
    pub(super) fn topical(&self, component: f32) -> f32 {
        // The slack absorbs float noise between this sum and the score's.
        (component * self.multiple + self.bonus * component.min(self.hs) + 1e-4).min(1.0)
    }
}

/// Per-thread scratch space, per class: which this query has scored, and
/// the least tie key among its members once worked out (a class is
/// reached through several lists). What a class can reach is not kept:
/// at a million sellers it was worked out anew for 99% of the classes
/// that needed it, and keeping it cost a cache miss per class.
pub struct Seen {
    stamp: Vec<u32>,
    /// (the query that wrote it, the key).
    first_keys: Vec<(u32, Option<TieKey>)>,
    round: u32,
}

impl Seen {
    pub fn new(size: usize) -> Seen {
        Seen {
            stamp: vec![0; size],
            first_keys: vec![(0, None); size],
            round: 0,
        }
    }

    pub(super) fn next_round(&mut self) {
        self.round = self.round.wrapping_add(1);
        if self.round == 0 {
            self.stamp.iter_mut().for_each(|s| *s = 0);
            self.first_keys.iter_mut().for_each(|n| *n = (0, None));
            self.round = 1;
        }
    }

    pub(super) fn visited(&self, i: u32) -> bool {
        self.stamp[i as usize] == self.round
    }

    pub(super) fn visit(&mut self, i: u32) {
        self.stamp[i as usize] = self.round;
    }

    /// The least tie key among class `i`'s members, from `work_out` the
    /// first time this query asks.
    pub(super) fn first_key(
        &mut self,
        i: u32,
        work_out: impl FnOnce() -> Option<TieKey>,
    ) -> Option<TieKey> {
        let round = self.round;
        let slot = &mut self.first_keys[i as usize];
        if slot.0 != round {
            *slot = (round, work_out());
        }
        slot.1
    }
}
