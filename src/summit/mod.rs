//! The use cases, written once: every workflow the CLI and the desk offer
//! lives here, with typed results, and the front ends only parse input and
//! draw output. A new use case (explain, wishes, versions, repair, print)
//! goes here too, as a method of [`OpenSummit`] or [`Scheduled`].
//!
//! - [`prepare`]: load and check a summit, build its matcher ([`Prepared`],
//!   immutable, shared by threads as an `Arc`).
//! - [`OpenSummit`]: a prepared summit with its decision store: decide
//!   (lock ranges checked), notes, undo, redo, other staff's changes.
//! - [`OpenSummit::schedule`] / [`ScheduleRequest`]: build a slate, on this
//!   thread or a worker's; [`Scheduled`] checks and applies staff's moves
//!   and counts meetings ([`SlateStats`]).
//! - [`OpenSummit::export`] / [`Exporter`]: write the slate's files.

mod decide;
mod folder;
mod place;
mod prepare;
mod slate;
mod stale;
mod unplaced;

pub use decide::{DecisionInfo, LockError, check_lock};
pub use folder::{data_dir, default_data_dir};
pub use place::{place_input, place_label};
pub use prepare::{Prepared, prepare, prepare_with_warnings};
pub use slate::{
    CANDIDATES_PER_BUYER, DEFAULT_MIN_SCORE, DEFAULT_OUT, MoveError, ScheduleRequest, Scheduled,
    SlateMove, SlateOptions, SlateStats, meeting_counts,
};
pub use stale::{Basis, Exported, Staleness};
pub use unplaced::{Unplaced, unplaced_headline};

/// What staff decide about a pair (the store's type; named here so the
/// front ends need not reach into the store).
pub use crate::store::Verdict;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::load::Diagnostic;
use crate::model::{Slate, Summit};
use crate::store::{Store, StoreError};

/// The default decision database, beside the data.
pub const DB_FILE: &str = "matchslate.db";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummitOptions {
    pub data: PathBuf,
    /// `DIR/matchslate.db` when absent.
    pub db: Option<PathBuf>,
    pub staff: String,
}

impl SummitOptions {
    pub fn db_path(&self) -> PathBuf {
        self.db.clone().unwrap_or_else(|| self.data.join(DB_FILE))
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SummitError {
    #[error("the summit data has {} error(s)", .0.iter().filter(|p| p.is_error()).count())]
    Invalid(Vec<Diagnostic>),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Export(#[from] crate::export::ExportError),
    #[error("no {side} with id \"{id}\" in this summit")]
    UnknownParticipant { side: &'static str, id: String },
    #[error(transparent)]
    Lock(#[from] LockError),
}

/// A prepared summit with its decision store open. The prepared part is
/// shared; the store connection belongs to this value's thread (SQLite
/// wants one per thread): a worker that records decisions opens its own
/// with [`OpenSummit::for_worker`].
pub struct OpenSummit {
    prepared: Arc<Prepared>,
    options: SummitOptions,
    store: Store,
    decisions: HashMap<(usize, usize), DecisionInfo>,
    stale_decisions: usize,
    change_token: i64,
}

impl OpenSummit {
    pub fn open(options: &SummitOptions) -> Result<OpenSummit, SummitError> {
        let prepared = Arc::new(prepare_with_warnings(&options.data)?);
        OpenSummit::with_prepared(prepared, options)
    }

    /// The same summit with its own store connection, for another thread.
    pub fn for_worker(&self) -> Result<OpenSummit, SummitError> {
        OpenSummit::with_prepared(Arc::clone(&self.prepared), &self.options)
    }

    fn with_prepared(
        prepared: Arc<Prepared>,
        options: &SummitOptions,
    ) -> Result<OpenSummit, SummitError> {
        let store = Store::open(&options.db_path())?;
        let change_token = store.change_token()?;
        let mut open = OpenSummit {
            prepared,
            options: options.clone(),
            store,
            decisions: HashMap::new(),
            stale_decisions: 0,
            change_token,
        };
        open.reload_decisions()?;
        Ok(open)
    }

    /// The immutable summit, taxonomy and matcher, shareable with workers.
    pub fn prepared(&self) -> &Arc<Prepared> {
        &self.prepared
    }

    pub fn summit(&self) -> &Summit {
        &self.prepared.summit
    }

    /// The staff name written with each decision.
    pub fn staff(&self) -> &str {
        &self.options.staff
    }

    /// The summit folder, for default output paths.
    pub fn data_dir(&self) -> &Path {
        &self.options.data
    }

    /// Decisions naming ids that are not in the data (edited since).
    pub fn stale_decisions(&self) -> usize {
        self.stale_decisions
    }

    /// The export use case, detached from this thread's store.
    pub fn exporter(&self) -> Exporter {
        Exporter {
            prepared: Arc::clone(&self.prepared),
            data_dir: self.options.data.clone(),
        }
    }

    /// Writes the slate's four files to `out` (default `DIR/out`) and
    /// returns the folder written.
    pub fn export(&self, slate: &Slate, out: Option<&Path>) -> Result<PathBuf, SummitError> {
        self.exporter().export(slate, out)
    }
}

/// Writes a slate's files; owns only shared, immutable data, so it can run
/// on a worker thread.
#[derive(Clone)]
pub struct Exporter {
    prepared: Arc<Prepared>,
    data_dir: PathBuf,
}

impl Exporter {
    /// Writes schedule.csv, sellers.csv, buyers.csv and schedule.ics to
    /// `out` (default `DIR/out`) and returns the folder written.
    pub fn export(&self, slate: &Slate, out: Option<&Path>) -> Result<PathBuf, SummitError> {
        let folder = out.map_or_else(|| self.data_dir.join(DEFAULT_OUT), Path::to_path_buf);
        crate::export::write_slate(&folder, &self.prepared.summit, slate)?;
        Ok(folder)
    }
}
