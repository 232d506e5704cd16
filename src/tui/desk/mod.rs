//! What the review desk needs from an open summit, as one trait.
//!
//! The TUI talks to the library only through [`Desk`], which the real
//! `summit::OpenSummit` implements; unit tests use an in-memory desk, so
//! screens can be driven and snapshotted without SQLite or the matcher.
//! Errors cross this boundary as display text: the TUI only ever shows
//! them, it never branches on their kind.

mod day;
mod diagnose;
mod open;

use std::ops::ControlFlow;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use crate::load::Diagnostic;
use crate::model::{DecisionKind, Slate, Summit};
use crate::summit::ParticipantSearch;
use crate::wishes::WishIndex;

pub use day::{
    CheckinView, DayDesk, DayReply, DayRequest, Mark, NOW_VAR, describe as describe_presence,
};
pub use diagnose::{DiagnoseJob, Diagnosed, diagnose_job};
pub use open::open_desk;

pub use crate::matching::Candidate;
pub use crate::schedule::{Fairness, Progress, SideFairness};
pub use crate::summit::{
    Decision, DecisionInfo, DeskVersion, Scheduled, SlateDiff, SlateMove as Move, SlateOptions,
    Verdict, VersionStamp, VersionStatus,
};

/// Called with each progress report; `Break` asks the scheduler to stop
/// early and return the best slate found so far.
pub type ProgressSink<'a> = &'a mut dyn FnMut(&Progress) -> ControlFlow<()>;

/// A scheduling run packaged for a worker thread: it owns shared,
/// immutable data only, never the desk or its store connection.
pub type ScheduleJob = Box<dyn FnOnce(ProgressSink<'_>) -> Scheduled + Send>;

/// Writing the export files, packaged for a worker thread: the slate and
/// the stored version it is, if it is one as it stands; returns the folder
/// written.
pub type ExportJob =
    Box<dyn FnOnce(&Slate, Option<crate::export::SlateStamp>) -> Result<PathBuf, String> + Send>;

/// Records staff decisions. The desk is one; [`Desk::recorder`] makes
/// another with a store connection of its own, which moves to a worker
/// thread so the store writes never block the UI.
pub trait Recorder: Send {
    fn summit(&self) -> &Summit;
    /// The staff name written with each decision.
    fn staff(&self) -> &str;
    /// The pair's decision as this recorder's connection sees it now.
    fn decided(&self, seller: usize, buyer: usize) -> Option<DecisionKind>;
    fn decide(&mut self, decision: Decision<'_>) -> Result<(), String>;
    /// Adds, replaces or (with `None`) removes the note on the pair's
    /// current decision.
    fn set_note(&mut self, seller: usize, buyer: usize, note: Option<&str>) -> Result<(), String>;
    /// `Ok(false)` when there was nothing to undo.
    fn undo(&mut self) -> Result<bool, String>;
    fn redo(&mut self) -> Result<bool, String>;
    /// The latest slate version, ready for the grid; `None` before any.
    fn open_latest_slate(&mut self) -> Result<Option<DeskVersion>, String>;
    /// Saves a scheduling run as a new version.
    fn save_run(
        &mut self,
        slate: &Slate,
        options: &SlateOptions,
        position: i64,
    ) -> Result<VersionStatus, String>;
    /// Staff's move or swap (`summit`'s one use case for it): checked
    /// against the slate's rules, each moved meeting locked at its new
    /// place (one undo step) and this staff member's draft amended, in one
    /// transaction; only then does `scheduled` follow. Nothing changes
    /// when anything is refused.
    fn move_and_save(
        &mut self,
        scheduled: &mut Scheduled,
        moves: &[Move],
    ) -> Result<VersionStatus, String>;
    /// Marks version `number` as what participants were given.
    fn publish(&mut self, number: i64, note: Option<&str>) -> Result<VersionStatus, String>;
    /// Makes a new version equal to version `number`; returns its number.
    fn rollback(&mut self, number: i64) -> Result<i64, String>;
    /// What changed from the published version to `number`; `None` when
    /// nothing was published.
    fn diff_from_published(&mut self, number: i64) -> Result<Option<SlateDiff>, String>;
    /// Records a wish on a participant's behalf: `who` on side `from`
    /// about `other` on the other side (participants phone in changes).
    fn wish(
        &mut self,
        _from: crate::model::Side,
        _who: usize,
        _other: usize,
        _change: crate::model::WishChange,
    ) -> Result<(), String> {
        Err("wishes need the summit's store".to_string())
    }
    /// The decisions and wishes as this recorder read them after its
    /// latest write, for the desk to take over without reading them
    /// again; `None` when the desk reads them itself.
    fn read_back(&self) -> Option<crate::summit::ReadBack> {
        None
    }
    /// Undoes this staff member's latest wish change; `Ok(false)` if none.
    fn undo_wish(&mut self) -> Result<bool, String> {
        Err("wishes need the summit's store".to_string())
    }
    /// Redoes the latest wish change undone; `Ok(false)` if none.
    fn redo_wish(&mut self) -> Result<bool, String> {
        Err("wishes need the summit's store".to_string())
    }
}

pub trait Desk: Recorder {
    /// Warnings found while loading (errors never get this far).
    fn warnings(&self) -> &[Diagnostic];
    fn candidates_for_buyer(&self, buyer: usize, k: usize) -> Vec<Candidate>;
    fn candidates_for_seller(&self, seller: usize, k: usize) -> Vec<Candidate>;
    fn decision(&self, seller: usize, buyer: usize) -> Option<&DecisionInfo>;
    /// Every decided pair `(seller, buyer, kind)`, for per-participant counts.
    fn decided_pairs(&self) -> Vec<(usize, usize, DecisionKind)>;
    /// `Ok(true)` when the decisions changed since last seen (another
    /// process, or this desk's recorder on its worker).
    fn refresh_if_changed(&mut self) -> Result<bool, String>;
    /// Takes over what a recorder read back after its write (see
    /// [`Recorder::read_back`]).
    fn adopt(&mut self, _read: crate::summit::ReadBack) {}
    /// A recorder with a store connection of its own, for a worker thread.
    fn recorder(&self) -> Result<Box<dyn Recorder>, String>;
    /// The scheduler packaged for a worker thread: cheap to make, the
    /// input is built and solved on the worker.
    fn schedule_job(&self, time_limit: Duration) -> ScheduleJob;
    /// The export packaged for a worker thread.
    fn export_job(&self) -> ExportJob;
    /// The summit's participant search (the `/` filter); building it reads
    /// every participant once, so the desk asks once, on its opening worker.
    fn search(&self) -> Option<Arc<ParticipantSearch>>;
    /// The wishes in force (the files' and staff-entered ones).
    fn wishes(&self) -> Arc<WishIndex>;
    /// Explaining one participant, packaged for a worker thread: on
    /// `scheduled`, or on a slate it builds when there is none.
    fn diagnose_job(
        &self,
        _scheduled: Option<Scheduled>,
        _side: crate::model::Side,
        _index: usize,
    ) -> DiagnoseJob {
        Box::new(|| Err("explaining needs the summit's matcher and store".to_string()))
    }
    /// The summit day's desk (check-in, repair, report), with a store
    /// connection of its own for a worker thread.
    fn day_desk(&self) -> Result<DayDesk, String> {
        Err("the summit day needs the summit's store".to_string())
    }
    /// The latest slate version's stamp, read every tick to notice a
    /// version saved in another terminal; `None` before any.
    fn latest_stamp(&self) -> Result<Option<VersionStamp>, String>;
    /// The decision-log position a slate built now is built from.
    fn log_position(&self) -> Result<i64, String>;
}
