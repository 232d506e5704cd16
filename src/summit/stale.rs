//! A slate knows the decisions it was built from, so staff see when it has
//! gone stale ("3 decisions since this slate") and an export never writes a
//! meeting whose pair was rejected after the slate was built.

use std::path::{Path, PathBuf};

use super::{Exporter, OpenSummit, Scheduled, SummitError};
use crate::model::{DecisionKind, Slate};

/// The decisions a slate was built from, sorted by pair for lookups.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Basis(Vec<((usize, usize), DecisionKind)>);

impl Basis {
    pub fn new(mut decided: Vec<((usize, usize), DecisionKind)>) -> Basis {
        decided.sort_by_key(|(pair, _)| *pair);
        decided.dedup_by_key(|(pair, _)| *pair);
        Basis(decided)
    }

    fn get(&self, pair: (usize, usize)) -> Option<DecisionKind> {
        let i = self.0.binary_search_by_key(&pair, |(p, _)| *p).ok()?;
        self.0.get(i).map(|(_, kind)| *kind)
    }

    /// Records a decision the slate itself reflects (a moved meeting's
    /// lock), so it does not count as made since.
    pub(super) fn record(&mut self, pair: (usize, usize), kind: DecisionKind) {
        match self.0.binary_search_by_key(&pair, |(p, _)| *p) {
            Ok(i) => self.0[i].1 = kind,
            Err(i) => self.0.insert(i, (pair, kind)),
        }
    }
}

/// How far the decisions have moved on since a slate was built.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Staleness {
    /// Pairs whose decision differs from the one the slate was built from
    /// (made, changed or cleared since).
    pub changed: usize,
    /// Meetings (indexes into the slate) whose pair is rejected now: struck
    /// through on the grid and left out of every export.
    pub dropped: Vec<usize>,
}

impl Staleness {
    pub fn is_stale(&self) -> bool {
        self.changed > 0
    }

    /// "3 decisions since this slate", or `None` when it is current.
    pub fn describe(&self) -> Option<String> {
        match self.changed {
            0 => None,
            1 => Some("1 decision since this slate".to_string()),
            n => Some(format!("{n} decisions since this slate")),
        }
    }
}

/// What an export wrote, and the meetings it left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    pub folder: PathBuf,
    /// Pairs `(seller, buyer)` rejected since the slate was built.
    pub dropped: Vec<(usize, usize)>,
}

impl Scheduled {
    /// Compares the decisions now (`(seller, buyer, kind)`, any order) with
    /// the ones this slate was built from.
    pub fn staleness(&self, now: &[(usize, usize, DecisionKind)]) -> Staleness {
        let basis = self.basis();
        let mut current: Vec<((usize, usize), DecisionKind)> =
            now.iter().map(|&(s, b, kind)| ((s, b), kind)).collect();
        current.sort_by_key(|(pair, _)| *pair);
        let lookup = |pair| {
            (current.binary_search_by_key(&pair, |(p, _)| *p).ok())
                .and_then(|i| current.get(i).map(|(_, kind)| *kind))
        };
        let changed_or_new = (current.iter())
            .filter(|(pair, kind)| basis.get(*pair) != Some(*kind))
            .count();
        let cleared = (basis.0.iter())
            .filter(|(pair, _)| lookup(*pair).is_none())
            .count();
        let dropped = (self.slate().meetings.iter().enumerate())
            .filter(|(_, m)| lookup((m.seller, m.buyer)) == Some(DecisionKind::Rejected))
            .map(|(i, _)| i)
            .collect();
        Staleness {
            changed: changed_or_new + cleared,
            dropped,
        }
    }

    /// The slate as it may be exported now: without the meetings whose
    /// pair was rejected since.
    pub fn exportable(&self, staleness: &Staleness) -> (Slate, Vec<(usize, usize)>) {
        let mut slate = self.slate().clone();
        let mut dropped = Vec::new();
        let mut kept = Vec::with_capacity(slate.meetings.len());
        for (i, m) in slate.meetings.iter().enumerate() {
            if staleness.dropped.binary_search(&i).is_ok() {
                dropped.push((m.seller, m.buyer));
                slate.total_score -= m.score;
            } else {
                kept.push(*m);
            }
        }
        slate.meetings = kept;
        (slate, dropped)
    }
}

impl Exporter {
    /// Writes the slate's files as the decisions stand now (`now` as
    /// [`Scheduled::staleness`] takes them), leaving out pairs rejected
    /// since the slate was built, and says which.
    pub fn export_current(
        &self,
        scheduled: &Scheduled,
        now: &[(usize, usize, DecisionKind)],
        out: Option<&Path>,
    ) -> Result<Exported, SummitError> {
        let (slate, dropped) = scheduled.exportable(&scheduled.staleness(now));
        let folder = self.export(&slate, out)?;
        Ok(Exported { folder, dropped })
    }
}

impl OpenSummit {
    /// Every decided pair `(seller, buyer, kind)`, in pair order.
    pub fn decided_pairs(&self) -> Vec<(usize, usize, DecisionKind)> {
        let mut pairs: Vec<_> = (self.decisions().iter())
            .map(|(&(s, b), d)| (s, b, d.kind))
            .collect();
        pairs.sort_by_key(|&(s, b, _)| (s, b));
        pairs
    }

    /// How far this store's decisions have moved on since `scheduled`.
    pub fn staleness(&self, scheduled: &Scheduled) -> Staleness {
        scheduled.staleness(&self.decided_pairs())
    }

    /// Exports `scheduled` as the decisions stand now; see
    /// [`Exporter::export_current`].
    pub fn export_current(
        &self,
        scheduled: &Scheduled,
        out: Option<&Path>,
    ) -> Result<Exported, SummitError> {
        self.exporter()
            .export_current(scheduled, &self.decided_pairs(), out)
    }
}
