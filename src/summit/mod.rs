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
//! - [`OpenSummit::export`] / [`Exporter`]: write the slate's files (CSV, ICS and the print/ folder).

mod day;
mod day_code;
mod day_desk;
mod day_marks;
mod decide;
mod desk_slate;
mod diagnose;
mod fair;
mod folder;
mod place;
mod prepare;
mod print;
mod report;
mod search;
mod slate;
mod stale;
mod unplaced;
mod versions;
mod versions_desk;
mod versions_export;
mod wish_view;
mod wishes;
mod wishes_desk;

pub use day::DayRepair;
pub use day_code::{CodeError, describe as describe_meeting};
pub use day_desk::{CheckinRow, NextMeeting};
pub use day_marks::{DayMarks, MeetingMark};
pub use decide::{Decision, DecisionInfo, LockError, ReadBack, check_lock};
pub use desk_slate::{DeskVersion, ParticipantChange, VersionStamp, VersionStatus};
pub use diagnose::{Diagnoser, Diagnosis};
pub use fair::{CANDIDATES_PER_SELLER, FIRST_CANDIDATES_PER_BUYER, LeftShort};
pub use folder::{data_dir, default_data_dir};
pub use place::{place_input, place_label};
pub use prepare::{Prepared, prepare, prepare_with_warnings, suggest_taxonomy};
pub use report::{
    EventReport, NoShowRate, OutcomeCounts, ParticipantReport, REPORT_FILES, REPORT_GAPS,
};
pub use search::{MIN_SCORE, ParticipantSearch, SearchHit, SearchResults, Tier};
pub use slate::{
    DEFAULT_MIN_SCORE, DEFAULT_OUT, MoveError, ScheduleRequest, Scheduled, SlateMove, SlateOptions,
    SlateStats, meeting_counts,
};
pub use stale::{Basis, Exported, Staleness};
pub use unplaced::{Unplaced, unplaced_headline};
pub use versions::{LoadedVersion, SlateDiff, version_meetings};
pub use versions_desk::{ParticipantChanges, SlateStatus, changes_by_participant};
pub use versions_export::ExportedVersion;
pub use wish_view::{
    Wish, WishLine, own_wishes_met, participant_wishes, wishes_met, with_unmet_wishes,
};
pub use wishes::{
    ExplainedWithWishes, UnmetWish, UnmetWishLine, choice, wish_reasons, wish_summary, wish_tier,
};
pub use wishes_desk::{ParticipantWishes, WishEntry, WishKind, wishes_met_line};

/// What staff decide about a pair (the store's type; named here so the
/// front ends need not reach into the store).
pub use crate::store::Verdict;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::load::Diagnostic;
use crate::model::{Slate, Summit};
use crate::store::{LogPosition, Store, StoreError};

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
    #[error(transparent)]
    Code(#[from] CodeError),
    #[error(transparent)]
    Move(#[from] MoveError),
    #[error(transparent)]
    Suggest(#[from] crate::matching::suggest::SuggestError),
    #[error("no slate has been saved yet; run `matchslate schedule` first")]
    NoSlate,
    #[error("{day} is not a day of this summit (its days: {}); pass --day with one of them", days.join(", "))]
    NotAnEventDay {
        day: jiff::civil::Date,
        days: Vec<String>,
    },
    #[error(
        "slate version {version} has meetings that no longer fit the summit (a participant or a \
         slot is gone): {}; schedule again",
        meetings.join(", ")
    )]
    Misfits { version: i64, meetings: Vec<String> },
}

/// A prepared summit with its decision store open. The prepared part is
/// shared; the store connection belongs to this value's thread (SQLite
/// wants one per thread): a worker that records decisions opens its own
/// with [`OpenSummit::for_worker`].
pub struct OpenSummit {
    prepared: Arc<Prepared>,
    options: SummitOptions,
    store: Store,
    /// Shared, so a worker hands the ones it read back to the desk for
    /// nothing (see [`OpenSummit::read_back`]).
    decisions: Arc<HashMap<(usize, usize), DecisionInfo>>,
    /// (seller id, buyer id) of decisions naming ids not in the data.
    stale_decisions: Vec<(String, String)>,
    /// `data_version` when last looked: it moves when another connection
    /// commits anything.
    change_token: i64,
    /// Where the decision and wish logs stood when `decisions` and
    /// `wishes` were read (or read no earlier than).
    position: LogPosition,
    /// The wishes in force: the files' with staff's changes over them.
    wishes: Arc<crate::wishes::WishIndex>,
    /// The staff-entered wishes `wishes` was built with (`None` before the
    /// first build): a reload rebuilds it only when they changed.
    staff_wishes: Option<Vec<crate::wishes::StaffWish>>,
    /// Participants' indices by id, built once and shared with workers:
    /// every reload of the decisions looks their ids up.
    ids: Arc<decide::ParticipantIds>,
}

impl OpenSummit {
    pub fn open(options: &SummitOptions) -> Result<OpenSummit, SummitError> {
        let prepared = Arc::new(prepare_with_warnings(&options.data)?);
        // Ranking indexes are built on first use; the desk ranks on its UI
        // thread, so build them here, behind its loading screen.
        prepared.matcher.build_indexes();
        OpenSummit::with_prepared(prepared, options, None)
    }

    /// The same summit with its own store connection, for another thread.
    pub fn for_worker(&self) -> Result<OpenSummit, SummitError> {
        let ids = Some(Arc::clone(&self.ids));
        OpenSummit::with_prepared(Arc::clone(&self.prepared), &self.options, ids)
    }

    fn with_prepared(
        prepared: Arc<Prepared>,
        options: &SummitOptions,
        ids: Option<Arc<decide::ParticipantIds>>,
    ) -> Result<OpenSummit, SummitError> {
        // Locks are kept by day and time; the event's slots translate them.
        let store = Store::open_for_event(&options.db_path(), &prepared.summit.slots)?;
        let change_token = store.change_token()?;
        let ids = ids.unwrap_or_else(|| Arc::new(decide::ParticipantIds::of(&prepared.summit)));
        let mut open = OpenSummit {
            prepared,
            options: options.clone(),
            store,
            decisions: Arc::default(),
            stale_decisions: Vec::new(),
            change_token,
            position: LogPosition::default(),
            wishes: Arc::default(),
            staff_wishes: None,
            ids,
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
        self.stale_decisions.len()
    }

    /// The (seller id, buyer id) of each decision naming a participant no
    /// longer in the data, in the log's order, so a front end can say which
    /// decisions a schedule leaves out.
    pub fn orphaned_decisions(&self) -> &[(String, String)] {
        &self.stale_decisions
    }

    /// The export use case, detached from this thread's store.
    pub fn exporter(&self) -> Exporter {
        Exporter {
            prepared: Arc::clone(&self.prepared),
            data_dir: self.options.data.clone(),
        }
    }

    /// Writes the slate's files (CSV, ICS and print/) to `out` (default
    /// `DIR/out`) and returns the folder written.
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
    /// Writes schedule.csv, sellers.csv, buyers.csv, schedule.ics and the
    /// print/ folder to `out` (default `DIR/out`), as one set, and returns
    /// the folder written. The printed pages carry the export time.
    pub fn export(&self, slate: &Slate, out: Option<&Path>) -> Result<PathBuf, SummitError> {
        self.export_stamped(slate, out, None)
    }

    /// [`Exporter::export`] of a slate that is the stored version `version`
    /// (as it stands): every file says which version it is and whether it
    /// is published, the printed pages beside the export time.
    pub fn export_stamped(
        &self,
        slate: &Slate,
        out: Option<&Path>,
        version: Option<crate::export::SlateStamp>,
    ) -> Result<PathBuf, SummitError> {
        let folder = out.map_or_else(|| self.data_dir.join(DEFAULT_OUT), Path::to_path_buf);
        let stamp = crate::export::print::VersionStamp {
            number: version.and_then(|v| u32::try_from(v.version).ok()),
            published: version.is_some_and(|v| v.published),
            exported_at: jiff::Timestamp::now(),
        };
        let print = self.prepared.print_input(slate, stamp);
        let versioning = crate::export::Versioning {
            stamp: version,
            ..Default::default()
        };
        crate::export::write_export(&folder, &print, &versioning, None)?;
        Ok(folder)
    }
}
