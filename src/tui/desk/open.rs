//! The real desk: an open summit with its SQLite decision store.

use std::sync::Arc;
use std::time::Duration;

use crate::load::Diagnostic;
use crate::model::{DecisionKind, Summit};
use crate::summit::{OpenSummit, ParticipantSearch, SlateOptions, SummitError, SummitOptions};

use super::super::action::OpenFailure;
use super::{
    Candidate, Decision, DecisionInfo, Desk, DeskVersion, ExportJob, Recorder, ScheduleJob,
    SlateDiff, VersionStamp, VersionStatus,
};
use crate::model::Slate;

/// Opens the summit (on a worker thread: for a large summit this takes a
/// while) and sorts failures into "the data has problems" and the rest.
pub fn open_desk(options: &SummitOptions) -> Result<Box<dyn Desk>, OpenFailure> {
    match OpenSummit::open(options) {
        Ok(open) => Ok(Box::new(open)),
        Err(SummitError::Invalid(problems)) => Err(OpenFailure::Invalid(problems)),
        Err(other) => Err(OpenFailure::Other(other.to_string())),
    }
}

impl Recorder for OpenSummit {
    fn summit(&self) -> &Summit {
        OpenSummit::summit(self)
    }

    fn staff(&self) -> &str {
        OpenSummit::staff(self)
    }

    fn decided(&self, seller: usize, buyer: usize) -> Option<DecisionKind> {
        OpenSummit::decision(self, seller, buyer).map(|d| d.kind)
    }

    fn decide(&mut self, decision: Decision<'_>) -> Result<(), String> {
        OpenSummit::decide(self, decision).map_err(|e| e.to_string())
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

    fn open_latest_slate(&mut self) -> Result<Option<DeskVersion>, String> {
        OpenSummit::open_latest_slate(self).map_err(|e| e.to_string())
    }

    fn save_run(
        &mut self,
        slate: &Slate,
        options: &SlateOptions,
        position: i64,
    ) -> Result<VersionStatus, String> {
        self.save_desk_run(slate, options, position)
            .map_err(|e| e.to_string())
    }

    fn move_and_save(
        &mut self,
        scheduled: &mut super::Scheduled,
        moves: &[super::Move],
    ) -> Result<VersionStatus, String> {
        OpenSummit::move_and_save(self, scheduled, moves)
            .and_then(|info| self.version_status(info.number))
            .map_err(|e| e.to_string())
    }

    fn publish(&mut self, number: i64, note: Option<&str>) -> Result<VersionStatus, String> {
        OpenSummit::publish(self, number, note)
            .and_then(|info| self.version_status(info.number))
            .map_err(|e| e.to_string())
    }

    fn rollback(&mut self, number: i64) -> Result<i64, String> {
        OpenSummit::rollback(self, number)
            .map(|info| info.number)
            .map_err(|e| e.to_string())
    }

    fn diff_from_published(&mut self, number: i64) -> Result<Option<SlateDiff>, String> {
        OpenSummit::diff_from_published(self, number).map_err(|e| e.to_string())
    }

    fn wish(
        &mut self,
        from: crate::model::Side,
        who: usize,
        other: usize,
        change: crate::model::WishChange,
    ) -> Result<(), String> {
        OpenSummit::wish(self, from, who, other, change).map_err(|e| e.to_string())
    }

    fn read_back(&self) -> Option<crate::summit::ReadBack> {
        Some(OpenSummit::read_back(self))
    }

    fn undo_wish(&mut self) -> Result<bool, String> {
        OpenSummit::undo_wish(self).map_err(|e| e.to_string())
    }

    fn redo_wish(&mut self) -> Result<bool, String> {
        OpenSummit::redo_wish(self).map_err(|e| e.to_string())
    }
}

impl Desk for OpenSummit {
    fn warnings(&self) -> &[Diagnostic] {
        &self.prepared().warnings
    }

    fn candidates_for_buyer(&self, buyer: usize, k: usize) -> Vec<Candidate> {
        self.prepared().candidates_for_buyer(buyer, k)
    }

    fn candidates_for_seller(&self, seller: usize, k: usize) -> Vec<Candidate> {
        self.prepared().candidates_for_seller(seller, k)
    }

    fn decision(&self, seller: usize, buyer: usize) -> Option<&DecisionInfo> {
        OpenSummit::decision(self, seller, buyer)
    }

    fn decided_pairs(&self) -> Vec<(usize, usize, DecisionKind)> {
        OpenSummit::decided_pairs(self)
    }

    fn refresh_if_changed(&mut self) -> Result<bool, String> {
        OpenSummit::refresh_if_changed(self).map_err(|e| e.to_string())
    }

    fn adopt(&mut self, read: crate::summit::ReadBack) {
        OpenSummit::adopt(self, read);
    }

    fn recorder(&self) -> Result<Box<dyn Recorder>, String> {
        match self.for_worker() {
            Ok(worker) => Ok(Box::new(worker)),
            Err(e) => Err(format!("cannot open the decision store for recording: {e}")),
        }
    }
    fn schedule_job(&self, time_limit: Duration) -> ScheduleJob {
        let request = self.schedule_request();
        let options = SlateOptions {
            time_limit,
            ..SlateOptions::default()
        };
        Box::new(move |progress| request.run(&options, progress))
    }

    fn search(&self) -> Option<Arc<ParticipantSearch>> {
        Some(Arc::new(ParticipantSearch::new(Arc::clone(
            self.prepared(),
        ))))
    }

    fn wishes(&self) -> Arc<crate::wishes::WishIndex> {
        Arc::clone(OpenSummit::wishes(self))
    }

    fn diagnose_job(
        &self,
        scheduled: Option<super::Scheduled>,
        side: crate::model::Side,
        index: usize,
    ) -> super::DiagnoseJob {
        super::diagnose_job(self, scheduled, side, index)
    }

    fn day_desk(&self) -> Result<super::DayDesk, String> {
        super::DayDesk::open(self)
    }

    fn export_job(&self) -> ExportJob {
        let exporter = self.exporter();
        Box::new(move |slate, version| {
            (exporter.export_stamped(slate, None, version)).map_err(|e| e.to_string())
        })
    }

    fn latest_stamp(&self) -> Result<Option<VersionStamp>, String> {
        OpenSummit::latest_stamp(self).map_err(|e| e.to_string())
    }

    fn log_position(&self) -> Result<i64, String> {
        OpenSummit::log_position(self).map_err(|e| e.to_string())
    }
}
