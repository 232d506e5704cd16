//! The desk's whole state. Only `update` (a child module, so it alone sees
//! the private fields) changes it; views get `&App` and read accessors.

mod panels;
mod read;
mod slate_read;
mod state;
mod update;

use std::collections::VecDeque;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::Sender;
use std::time::Duration;

use crate::model::{DecisionKind, Side, Summit};
use crate::summit::{ParticipantSearch, Staleness, meeting_counts};

use super::action::{Action, Command, JobKind, OpenFailure, Tab};
use super::desk::{Desk, Recorder, Scheduled};
use super::slate_index::SlateIndex;
use super::theme::Theme;

pub use super::scroll::Scroll;
pub use panels::{CheckinPanel, ExplainPanel, SummaryState};
pub use state::{
    CandidateState, GridCursor, ListState, Pane, Phase, Prompt, PromptKind, ScheduleRun, Status,
};
pub use update::{open_latest, settle, spawn_open, update};

/// The smallest terminal the desk draws into; below it a message says so.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// How many candidates are ranked for the selected participant.
pub const CANDIDATES: usize = 50;

/// How long one scheduling run may take before it returns its best slate.
/// A cap, not a target: the scheduler usually stops sooner on its own, and
/// staff can stop it early with `s`.
pub const SCHEDULE_TIME: Duration = Duration::from_secs(30);

/// The desk's whole state. Every field is private: only this module and
/// `update` (its child) can change it, so "only update changes state" is
/// checked by the compiler; views and tests read through the accessors.
pub struct App {
    phase: Phase,
    desk: Option<Box<dyn Desk>>,
    ui: Screen,
    lists: Lists,
    slate_tab: SlateTab,
    summary: SummaryState,
    panels: Panels,
    meetings: Meetings,
    jobs: Jobs,
}

/// What floats over the tabs, each closed by Esc.
#[derive(Default)]
struct Panels {
    explain: Option<ExplainPanel>,
    checkin: Option<CheckinPanel>,
}

/// What every tab shares: the frame, the focus and the modal layers.
struct Screen {
    theme: Theme,
    width: u16,
    height: u16,
    tab: Tab,
    pane: Pane,
    help: Option<usize>,
    filtering: bool,
    prompt: Option<Prompt>,
    status: Option<Status>,
    quit: bool,
}

/// The Buyers and Sellers tabs: a list each, and the candidates of the
/// participant selected on the visible one.
struct Lists {
    buyers: ListState,
    sellers: ListState,
    candidates: CandidateState,
    /// The summit's participant search, once open.
    search: Option<Arc<ParticipantSearch>>,
    /// A list whose query changed while a filter job ran: searched next.
    search_again: Option<Side>,
}

/// The Slate tab: the slate, its grid cursor, the itineraries beside it
/// and a meeting picked up to be moved.
#[derive(Default)]
struct SlateTab {
    /// The slate with the rules it was built under, for checking moves.
    scheduled: Option<Scheduled>,
    index: SlateIndex,
    /// How far the decisions have moved on since the slate was built.
    staleness: Staleness,
    grid: GridCursor,
    itinerary_scroll: usize,
    /// The meeting picked up to be moved (index into the slate).
    moving: Option<usize>,
    /// A move is on the recorder's worker: the next waits for its result.
    move_saving: bool,
    /// The stored version the slate is, once saved or opened.
    version: Option<crate::summit::VersionStatus>,
    /// The decision-log position the running schedule read.
    run_position: Option<i64>,
    /// A read of the latest version is on its way: don't ask again.
    opening: bool,
    /// The short company names cells show, once worked out.
    names: Option<super::short_names::ShortNames>,
    /// Cells show ids instead of company names.
    show_ids: bool,
    /// The changes since the published version, shown in place of the
    /// itineraries while `Some`.
    changes: Option<Changes>,
    /// The summit day's marks on meetings and the clock's "now" line.
    day: SlateDay,
    /// A version the welcome desk saved and announced ("saved the repair
    /// as slate version 2"): opening it need not say so again.
    announced: Option<i64>,
}

/// What the summit day recorded, as the Slate tab marks it.
#[derive(Default)]
struct SlateDay {
    /// Attendance and outcomes; `None` before the first read (and on a
    /// desk without a store).
    marks: Option<crate::summit::DayMarks>,
    /// The venue clock when the marks were read.
    now: Option<jiff::civil::DateTime>,
    /// Read again at the next tick: the slate or the store changed.
    due: bool,
    /// Ticks since the last read, so the "now" line moves on.
    age: u32,
}

/// The changes panel: what the store said, and its scroll.
#[derive(Debug, Default)]
pub struct Changes {
    /// `None` when nothing is published yet.
    pub diff: Option<crate::summit::SlateDiff>,
    pub scroll: usize,
}

/// Meetings per participant: scheduled ones when there is a slate,
/// accepted and locked decisions before. Shown on the lists and the summary.
#[derive(Default)]
struct Meetings {
    sellers: Vec<u32>,
    buyers: Vec<u32>,
}

/// Work on worker threads (see `update/jobs.rs`).
struct Jobs {
    /// Where worker threads report; `None` runs jobs inline (tests and
    /// benchmarks), so actions stay synchronous there.
    tx: Option<Sender<Action>>,
    /// The kinds with a job running: one of each at most.
    running: Vec<JobKind>,
    schedule: Option<ScheduleRun>,
    /// Writes decisions with its own store connection; away on a worker
    /// while a write runs, `None` before the summit opens.
    recorder: Option<Box<dyn Recorder>>,
    /// Writes waiting for the recorder, oldest first.
    recordings: VecDeque<update::RecordJob>,
    /// Steps that read the decisions (schedule, export), asked for while
    /// writes were pending: they run once the writes are in.
    after_recording: Vec<Command>,
    /// The decision log's position when the desk last read it, so a change
    /// in the store is told apart: decisions, or only a slate version or
    /// the summit day.
    log_seen: Option<i64>,
    /// This session's undo steps, oldest first, and the undone ones: `u`
    /// takes back the latest, a decision or a wish (two logs in the store).
    steps: Vec<update::Step>,
    undone: Vec<update::Step>,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("phase", &self.phase)
            .field("tab", &self.ui.tab)
            .field("pane", &self.ui.pane)
            .finish_non_exhaustive()
    }
}

impl App {
    /// A desk waiting for the summit in `data` to open.
    pub fn loading(data: PathBuf, theme: Theme, width: u16, height: u16) -> App {
        App {
            phase: Phase::Loading { data, seconds: 0 },
            desk: None,
            ui: Screen {
                theme,
                width,
                height,
                tab: Tab::Buyers,
                pane: Pane::Main,
                help: None,
                filtering: false,
                prompt: None,
                status: None,
                quit: false,
            },
            lists: Lists {
                buyers: ListState::new(Side::Buyer, 0),
                sellers: ListState::new(Side::Seller, 0),
                candidates: CandidateState::default(),
                search: None,
                search_again: None,
            },
            slate_tab: SlateTab::default(),
            summary: SummaryState::default(),
            panels: Panels::default(),
            meetings: Meetings::default(),
            jobs: Jobs {
                tx: None,
                running: Vec::new(),
                schedule: None,
                recorder: None,
                recordings: VecDeque::new(),
                after_recording: Vec::new(),
                log_seen: None,
                steps: Vec::new(),
                undone: Vec::new(),
            },
        }
    }

    /// The desk the terminal runs: opening, scheduling, export and
    /// decisions report on `tx` from worker threads.
    pub fn with_workers(
        data: PathBuf,
        theme: Theme,
        width: u16,
        height: u16,
        tx: Sender<Action>,
    ) -> App {
        let mut app = App::loading(data, theme, width, height);
        app.jobs.tx = Some(tx);
        app
    }

    /// A desk on an already open summit with no workers: every job runs
    /// inline (tests and benchmarks start here).
    pub fn ready(desk: Box<dyn Desk>, theme: Theme, width: u16, height: u16) -> App {
        let mut app = App::loading(PathBuf::new(), theme, width, height);
        match desk.recorder() {
            Ok(recorder) => {
                let search = desk.search();
                app.open(desk, recorder, search);
                update::open_latest(&mut app);
            }
            Err(e) => {
                app.phase = Phase::Failed {
                    failure: OpenFailure::Other(e),
                    scroll: 0,
                }
            }
        }
        app
    }

    /// From now on, jobs run on workers reporting on `tx`, as in the
    /// terminal; for tests of the worker paths.
    #[cfg(test)]
    pub fn use_workers(&mut self, tx: Sender<Action>) {
        self.jobs.tx = Some(tx);
    }

    fn open(
        &mut self,
        desk: Box<dyn Desk>,
        recorder: Box<dyn Recorder>,
        search: Option<Arc<ParticipantSearch>>,
    ) {
        self.jobs.recorder = Some(recorder);
        self.lists.search = search;
        let summit = desk.summit();
        self.lists.buyers = ListState::new(Side::Buyer, summit.buyers.len());
        self.lists.sellers = ListState::new(Side::Seller, summit.sellers.len());
        let widest = |ids: &mut dyn Iterator<Item = &String>| {
            ids.map(|id| super::text::width(id))
                .max()
                .unwrap_or(0)
                .clamp(4, 12)
        };
        self.lists.buyers.id_width = widest(&mut summit.buyers.iter().map(|b| &b.id));
        self.lists.sellers.id_width = widest(&mut summit.sellers.iter().map(|s| &s.id));
        let warnings = desk.warnings().len();
        self.jobs.log_seen = desk.log_position().ok();
        self.desk = Some(desk);
        self.phase = Phase::Ready;
        self.recount();
        if warnings > 0 {
            self.say(format!(
                "{warnings} warning(s) in the data; run `matchslate validate` to see them"
            ));
        }
    }

    fn list_mut(&mut self, side: Side) -> &mut ListState {
        match side {
            Side::Buyer => &mut self.lists.buyers,
            Side::Seller => &mut self.lists.sellers,
        }
    }

    /// Recounts meetings per participant after decisions or the slate
    /// changed.
    fn recount(&mut self) {
        let Some(desk) = &self.desk else { return };
        let summit = desk.summit();
        let (sellers, buyers) = (summit.sellers.len(), summit.buyers.len());
        let tab = &mut self.slate_tab;
        (self.meetings.sellers, self.meetings.buyers) = match &tab.scheduled {
            Some(scheduled) => {
                tab.staleness = scheduled.staleness(&desk.decided_pairs());
                let dropped = &tab.staleness.dropped;
                let meetings = (scheduled.slate().meetings.iter().enumerate())
                    .filter(|(i, _)| dropped.binary_search(i).is_err());
                meeting_counts(sellers, buyers, meetings.map(|(_, m)| (m.seller, m.buyer)))
            }
            None => {
                tab.staleness = Staleness::default();
                let decided = desk.decided_pairs().into_iter();
                let kept = decided.filter(|(_, _, kind)| *kind != DecisionKind::Rejected);
                meeting_counts(sellers, buyers, kept.map(|(s, b, _)| (s, b)))
            }
        };
    }

    fn say(&mut self, text: impl Into<String>) {
        self.ui.status = Some(Status {
            text: text.into(),
            error: false,
        });
    }

    fn complain(&mut self, text: impl Into<String>) {
        self.ui.status = Some(Status {
            text: text.into(),
            error: true,
        });
    }
}

/// The global slot indices of day `day` (slots are in time order, so a
/// day's slots are contiguous).
pub fn day_slots(summit: &Summit, day: usize) -> Range<usize> {
    let start = summit.slots.partition_point(|s| s.day < day);
    let end = summit.slots.partition_point(|s| s.day <= day);
    start..end
}
