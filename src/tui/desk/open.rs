//! The real desk: an open summit with its SQLite decision store.

use std::path::PathBuf;
use std::time::Duration;

use crate::load::Diagnostic;
use crate::model::{DecisionKind, Slate, Summit};
use crate::schedule::{self, ManualMove, ScheduleOptions};
use crate::summit::{DEFAULT_MIN_SCORE, OpenSummit, SummitError, SummitOptions};

use super::super::action::OpenFailure;
use super::{Candidate, DecideAction, DecisionInfo, Desk, Move, MoveRules, ScheduleJob};

/// Opens the summit (on a worker thread: for a large summit this takes a
/// while) and sorts failures into "the data has problems" and the rest.
pub fn open_desk(options: &SummitOptions) -> Result<Box<dyn Desk>, OpenFailure> {
    match OpenSummit::open(options) {
        Ok(open) => Ok(Box::new(open)),
        Err(SummitError::Invalid(problems)) => Err(OpenFailure::Invalid(problems)),
        Err(other) => Err(OpenFailure::Other(other.to_string())),
    }
}

impl Desk for OpenSummit {
    fn summit(&self) -> &Summit {
        &self.prepared.summit
    }

    fn staff(&self) -> &str {
        &self.staff
    }

    fn warnings(&self) -> &[Diagnostic] {
        &self.prepared.warnings
    }

    fn candidates_for_buyer(&self, buyer: usize, k: usize) -> Vec<Candidate> {
        self.prepared.candidates_for_buyer(buyer, k)
    }

    fn candidates_for_seller(&self, seller: usize, k: usize) -> Vec<Candidate> {
        self.prepared.candidates_for_seller(seller, k)
    }

    fn decision(&self, seller: usize, buyer: usize) -> Option<&DecisionInfo> {
        OpenSummit::decision(self, seller, buyer)
    }

    fn decided_pairs(&self) -> Vec<(usize, usize, DecisionKind)> {
        self.decisions()
            .iter()
            .map(|(&(s, b), d)| (s, b, d.kind))
            .collect()
    }

    fn decide(
        &mut self,
        seller: usize,
        buyer: usize,
        action: DecideAction,
        note: Option<&str>,
    ) -> Result<(), String> {
        OpenSummit::decide(self, seller, buyer, action, note).map_err(|e| e.to_string())
    }

    fn set_note(&mut self, seller: usize, buyer: usize, note: Option<&str>) -> Result<(), String> {
        OpenSummit::set_note(self, seller, buyer, note).map_err(|e| e.to_string())
    }

    fn undo(&mut self) -> Result<bool, String> {
        OpenSummit::undo(self).map_err(|e| e.to_string())
    }

    fn redo(&mut self) -> Result<bool, String> {
        OpenSummit::redo(self).map_err(|e| e.to_string())
    }

    fn refresh_if_changed(&mut self) -> Result<bool, String> {
        OpenSummit::refresh_if_changed(self).map_err(|e| e.to_string())
    }

    fn schedule_job(&self, time_limit: Duration) -> Result<ScheduleJob, String> {
        let input = self.schedule_input(DEFAULT_MIN_SCORE);
        let options = ScheduleOptions {
            time_limit,
            seed: 0,
        };
        Ok(Box::new(move |progress| {
            let slate = schedule::solve(&input, &options, progress);
            // The rules travel with the slate: a move is checked against
            // the input the slate was built from.
            let rules: MoveRules = Box::new(move |slate: &Slate, moves: &[Move]| {
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
                    _ => return Err("only a move or a swap can be checked".to_string()),
                };
                schedule::check_move(&input, slate, request).map_err(|refused| refused.reason)
            });
            (slate, rules)
        }))
    }

    fn export(&self, slate: &Slate) -> Result<PathBuf, String> {
        OpenSummit::export(self, slate, None).map_err(|e| e.to_string())
    }
}
