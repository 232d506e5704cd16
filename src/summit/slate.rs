//! Scheduling and exporting a summit: turning ranked candidates and staff
//! decisions into the scheduler's plain input, and its slate into files.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{OpenSummit, SummitError};
use crate::model::{DatedRange, DecisionKind, Slate, Slot};
use crate::schedule::{Pair as SchedulePair, PairStatus, Participant, ScheduleInput};

/// Proposed pairs per buyer handed to the scheduler: far more than anyone
/// can meet (max_meetings is typically 6 to 12), so the optimiser has room,
/// while a summit of a million sellers stays tractable.
pub const CANDIDATES_PER_BUYER: usize = 60;

/// Default minimum score for a proposed pair, and for a participant to count
/// as having a good candidate.
pub const DEFAULT_MIN_SCORE: f64 = 40.0;

/// The folder exports go to when none is given: `DIR/out`.
pub const DEFAULT_OUT: &str = "out";

fn free_slots(available: &[DatedRange], slots: &[Slot]) -> Vec<bool> {
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

impl OpenSummit {
    /// The scheduler's input: every buyer's best sellers scoring at least
    /// `min_score`, minus rejected pairs, plus every accepted or locked pair
    /// whatever its score.
    pub fn schedule_input(&self, min_score: f64) -> ScheduleInput {
        let summit = &self.prepared.summit;
        let matcher = &self.prepared.matcher;
        let ranked = matcher.rank_all_buyers(CANDIDATES_PER_BUYER);
        let decisions = self.decisions();
        let mut candidates: Vec<SchedulePair> = Vec::new();
        let mut seen: HashSet<(usize, usize)> = HashSet::new();
        for (buyer, top) in ranked.iter().enumerate() {
            for scored in top {
                let seller = scored.other as usize;
                let score = f64::from(scored.breakdown.score);
                if score < min_score || decisions.contains_key(&(seller, buyer)) {
                    continue;
                }
                seen.insert((seller, buyer));
                candidates.push(SchedulePair {
                    seller,
                    buyer,
                    score,
                    interpreter: scored.breakdown.interpreter,
                    status: PairStatus::Proposed,
                    wish: Default::default(),
                });
            }
        }
        let mut decided: Vec<(&(usize, usize), &super::DecisionInfo)> = decisions.iter().collect();
        // Deterministic order, whatever the hash map's.
        decided.sort_by_key(|(pair, _)| **pair);
        for (&(seller, buyer), info) in decided {
            let status = match info.kind {
                DecisionKind::Rejected => continue,
                DecisionKind::Accepted => PairStatus::Accepted,
                DecisionKind::Locked { slot, table } => PairStatus::Locked { slot, table },
            };
            let breakdown = matcher.evaluate(seller, buyer);
            candidates.push(SchedulePair {
                seller,
                buyer,
                score: f64::from(breakdown.score),
                interpreter: breakdown.interpreter,
                status,
                wish: Default::default(),
            });
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
        ScheduleInput {
            slots: summit.slots.clone(),
            tables: summit.event.tables,
            interpreters: summit.event.interpreters,
            sellers,
            buyers,
            candidates,
            good_score: min_score,
        }
    }

    /// Writes the slate's four files to `out` (default `DIR/out`) and
    /// returns the folder written.
    pub fn export(&self, slate: &Slate, out: Option<&Path>) -> Result<PathBuf, SummitError> {
        let folder = out.map_or_else(|| self.data_dir.join(DEFAULT_OUT), Path::to_path_buf);
        crate::export::write_slate(&folder, &self.prepared.summit, slate)?;
        Ok(folder)
    }
}

/// How many meetings each seller and buyer has on a slate.
pub fn meeting_counts(slate: &Slate, sellers: usize, buyers: usize) -> (Vec<u32>, Vec<u32>) {
    let mut s = vec![0; sellers];
    let mut b = vec![0; buyers];
    for m in &slate.meetings {
        s[m.seller] += 1;
        b[m.buyer] += 1;
    }
    (s, b)
}

/// Participants with at least one candidate scoring `min_score` or more.
pub fn with_good_candidates(
    input: &ScheduleInput,
    min_score: f64,
) -> (HashSet<usize>, HashSet<usize>) {
    let mut sellers = HashSet::new();
    let mut buyers = HashSet::new();
    for c in input.candidates.iter().filter(|c| c.score >= min_score) {
        sellers.insert(c.seller);
        buyers.insert(c.buyer);
    }
    (sellers, buyers)
}
