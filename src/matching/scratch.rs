//! Per-query scratch space for the threshold ranking ([`super::rank`]):
//! which classes a query has scored, and what its bounds have worked out
//! about the others, reused from one query to the next on a thread.

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

/// What the current query has learnt about one class.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Note {
    /// The query that wrote `reach` and `first_key`.
    round: u32,
    pub(super) reach: Option<Reachable>,
    /// The least tie key among the class's members.
    pub(super) first_key: Option<TieKey>,
}

/// Per-thread scratch space, per class: which this query has scored, and
/// what it has worked out about the others (a class is reached through
/// several lists).
pub struct Seen {
    stamp: Vec<u32>,
    notes: Vec<Note>,
    round: u32,
}

impl Seen {
    pub fn new(size: usize) -> Seen {
        Seen {
            stamp: vec![0; size],
            notes: vec![Note::default(); size],
            round: 0,
        }
    }

    pub(super) fn next_round(&mut self) {
        self.round = self.round.wrapping_add(1);
        if self.round == 0 {
            self.stamp.iter_mut().for_each(|s| *s = 0);
            self.notes.iter_mut().for_each(|n| *n = Note::default());
            self.round = 1;
        }
    }

    pub(super) fn visited(&self, i: u32) -> bool {
        self.stamp[i as usize] == self.round
    }

    pub(super) fn visit(&mut self, i: u32) {
        self.stamp[i as usize] = self.round;
    }

    pub(super) fn note(&mut self, i: u32) -> &mut Note {
        let note = &mut self.notes[i as usize];
        if note.round != self.round {
            *note = Note {
                round: self.round,
                ..Note::default()
            };
        }
        note
    }
}
