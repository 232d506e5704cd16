//! What the review desk needs from an open summit, as one trait.
//!
//! The TUI talks to the library only through [`Desk`], which the real
//! `summit::OpenSummit` implements; unit tests use an in-memory desk, so
//! screens can be driven and snapshotted without SQLite or the matcher.
//! Errors cross this boundary as display text: the TUI only ever shows
//! them, it never branches on their kind.

mod open;

use std::ops::ControlFlow;
use std::path::PathBuf;
use std::time::Duration;

use crate::load::Diagnostic;
use crate::model::{DecisionKind, Slate, Summit};

pub use open::open_desk;

pub use crate::matching::Candidate;
pub use crate::schedule::Progress;
pub use crate::summit::{DecideAction, DecisionInfo};

/// Called with each progress report; `Break` asks the scheduler to stop
/// early and return the best slate found so far.
pub type ProgressSink<'a> = &'a mut dyn FnMut(&Progress) -> ControlFlow<()>;

/// The hard rules a slate was built under, to check staff's moves and
/// swaps against: `Err` says in words which rule a move would break. The
/// moves are made together (a swap is two).
pub type MoveRules = Box<dyn Fn(&Slate, &[Move]) -> Result<(), String> + Send>;

/// A scheduling run packaged with its input, ready to move to a worker
/// thread: it owns plain data only, never the desk. It returns the slate
/// and the rules it was built under.
pub type ScheduleJob = Box<dyn FnOnce(ProgressSink<'_>) -> (Slate, MoveRules) + Send>;

/// A move of one meeting to another slot and table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Move {
    /// Index into `Slate::meetings`.
    pub meeting: usize,
    pub slot: usize,
    pub table: u32,
}

pub trait Desk: Send {
    fn summit(&self) -> &Summit;
    /// The staff name written with each decision.
    fn staff(&self) -> &str;
    /// Warnings found while loading (errors never get this far).
    fn warnings(&self) -> &[Diagnostic];
    fn candidates_for_buyer(&self, buyer: usize, k: usize) -> Vec<Candidate>;
    fn candidates_for_seller(&self, seller: usize, k: usize) -> Vec<Candidate>;
    fn decision(&self, seller: usize, buyer: usize) -> Option<&DecisionInfo>;
    /// Every decided pair `(seller, buyer, kind)`, for per-participant counts.
    fn decided_pairs(&self) -> Vec<(usize, usize, DecisionKind)>;
    fn decide(
        &mut self,
        seller: usize,
        buyer: usize,
        action: DecideAction,
        note: Option<&str>,
    ) -> Result<(), String>;
    /// Adds, replaces or (with `None`) removes the note on the pair's
    /// current decision.
    fn set_note(&mut self, seller: usize, buyer: usize, note: Option<&str>) -> Result<(), String>;
    /// `Ok(false)` when there was nothing to undo.
    fn undo(&mut self) -> Result<bool, String>;
    fn redo(&mut self) -> Result<bool, String>;
    /// `Ok(true)` when another process changed the decisions.
    fn refresh_if_changed(&mut self) -> Result<bool, String>;
    /// The scheduler packaged for a worker thread, or why it cannot run.
    fn schedule_job(&self, time_limit: Duration) -> Result<ScheduleJob, String>;
    /// Writes the export files and returns the folder written.
    fn export(&self, slate: &Slate) -> Result<PathBuf, String>;
}
