//! The desk's whole state. Only `update` (a child module, so it alone sees
//! the private fields) changes it; views get `&App` and read accessors.

mod state;
mod update;

use std::collections::VecDeque;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::mpsc::Sender;
use std::time::Duration;

use crate::model::{DecisionKind, Side, Slate, Summit};
use crate::summit::{Staleness, meeting_counts};

use super::action::{Action, Command, JobKind, OpenFailure, Tab};
use super::desk::{Candidate, Desk, Recorder, Scheduled};
use super::keys::Scope;
use super::slate_index::SlateIndex;
use super::theme::Theme;

pub use super::scroll::Scroll;
pub use state::{
    CandidateState, GridCursor, ListState, Pane, Phase, Prompt, PromptKind, ScheduleRun, Status,
};
pub use update::{settle, spawn_open, update};

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
    summary: SummaryTab,
    meetings: Meetings,
    jobs: Jobs,
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
}

/// The Summary tab.
#[derive(Default)]
struct SummaryTab {
    scroll: usize,
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
    schedule_time: Duration,
    /// Writes decisions with its own store connection; away on a worker
    /// while a write runs, `None` before the summit opens.
    recorder: Option<Box<dyn Recorder>>,
    /// Writes waiting for the recorder, oldest first.
    recordings: VecDeque<update::RecordJob>,
    /// Steps that read the decisions (schedule, export), asked for while
    /// writes were pending: they run once the writes are in.
    after_recording: Vec<Command>,
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
            },
            slate_tab: SlateTab::default(),
            summary: SummaryTab::default(),
            meetings: Meetings::default(),
            jobs: Jobs {
                tx: None,
                running: Vec::new(),
                schedule: None,
                schedule_time: SCHEDULE_TIME,
                recorder: None,
                recordings: VecDeque::new(),
                after_recording: Vec::new(),
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
            Ok(recorder) => app.open(desk, recorder),
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

    fn open(&mut self, desk: Box<dyn Desk>, recorder: Box<dyn Recorder>) {
        self.jobs.recorder = Some(recorder);
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
        self.desk = Some(desk);
        self.phase = Phase::Ready;
        self.recount();
        if warnings > 0 {
            self.say(format!(
                "{warnings} warning(s) in the data; run `matchslate validate` to see them"
            ));
        }
    }

    pub fn phase(&self) -> &Phase {
        &self.phase
    }

    /// The open summit; `None` while it opens or when it failed to.
    pub fn desk(&self) -> Option<&dyn Desk> {
        self.desk.as_deref()
    }

    pub fn theme(&self) -> &Theme {
        &self.ui.theme
    }

    pub fn width(&self) -> u16 {
        self.ui.width
    }

    pub fn height(&self) -> u16 {
        self.ui.height
    }

    pub fn tab(&self) -> Tab {
        self.ui.tab
    }

    pub fn pane(&self) -> Pane {
        self.ui.pane
    }

    /// The help screen's scroll offset while it is open.
    pub fn help(&self) -> Option<usize> {
        self.ui.help
    }

    /// True while the list filter has the keyboard.
    pub fn filtering(&self) -> bool {
        self.ui.filtering
    }

    pub fn prompt(&self) -> Option<&Prompt> {
        self.ui.prompt.as_ref()
    }

    pub fn status(&self) -> Option<&Status> {
        self.ui.status.as_ref()
    }

    pub fn quit(&self) -> bool {
        self.ui.quit
    }

    pub fn buyers(&self) -> &ListState {
        &self.lists.buyers
    }

    pub fn sellers(&self) -> &ListState {
        &self.lists.sellers
    }

    pub fn list(&self, side: Side) -> &ListState {
        match side {
            Side::Buyer => &self.lists.buyers,
            Side::Seller => &self.lists.sellers,
        }
    }

    fn list_mut(&mut self, side: Side) -> &mut ListState {
        match side {
            Side::Buyer => &mut self.lists.buyers,
            Side::Seller => &mut self.lists.sellers,
        }
    }

    pub fn candidates(&self) -> &CandidateState {
        &self.lists.candidates
    }

    pub fn seller_meetings(&self) -> &[u32] {
        &self.meetings.sellers
    }

    pub fn buyer_meetings(&self) -> &[u32] {
        &self.meetings.buyers
    }

    /// The slate with the rules it was built under, once scheduled.
    pub fn scheduled(&self) -> Option<&Scheduled> {
        self.slate_tab.scheduled.as_ref()
    }

    /// The current slate, once scheduled.
    pub fn slate(&self) -> Option<&Slate> {
        self.scheduled().map(Scheduled::slate)
    }

    pub fn slate_index(&self) -> &SlateIndex {
        &self.slate_tab.index
    }

    pub fn staleness(&self) -> &Staleness {
        &self.slate_tab.staleness
    }

    pub fn grid(&self) -> GridCursor {
        self.slate_tab.grid
    }

    pub fn itinerary_scroll(&self) -> usize {
        self.slate_tab.itinerary_scroll
    }

    /// The meeting picked up to be moved (index into the slate).
    pub fn moving(&self) -> Option<usize> {
        self.slate_tab.moving
    }

    pub fn summary_scroll(&self) -> usize {
        self.summary.scroll
    }

    /// The scheduling run in progress, if any.
    pub fn schedule(&self) -> Option<&ScheduleRun> {
        self.jobs.schedule.as_ref()
    }

    /// The global slot under the grid cursor.
    pub fn cursor_slot(&self) -> Option<usize> {
        let slots = day_slots(self.desk()?.summit(), self.slate_tab.grid.day);
        let slot = slots.start + self.slate_tab.grid.row;
        slots.contains(&slot).then_some(slot)
    }

    /// The side listed on the current tab, if it lists participants.
    pub fn side(&self) -> Option<Side> {
        match self.ui.tab {
            Tab::Buyers => Some(Side::Buyer),
            Tab::Sellers => Some(Side::Seller),
            Tab::Slate | Tab::Summary => None,
        }
    }

    /// The candidate under the cursor, if the candidates belong to the
    /// participant selected now.
    pub fn selected_candidate(&self) -> Option<&Candidate> {
        let side = self.side()?;
        let owner = self.list(side).selected()?;
        let candidates = &self.lists.candidates;
        if candidates.owner != Some((side, owner)) {
            return None;
        }
        candidates.list.get(candidates.scroll.selected)
    }

    /// True when the selected participant's candidates still need ranking.
    pub fn candidates_stale(&self) -> bool {
        match (self.side(), self.desk.is_some()) {
            (Some(side), true) => {
                let owner = self.list(side).selected().map(|i| (side, i));
                owner.is_some() && self.lists.candidates.owner != owner
            }
            _ => false,
        }
    }

    /// True while deferred work waits for an idle moment.
    pub fn has_work(&self) -> bool {
        self.lists.buyers.filter.scanning()
            || self.lists.sellers.filter.scanning()
            || self.candidates_stale()
    }

    /// How the desk ends: failure when the summit never opened (the
    /// bad-data screen), success otherwise.
    pub fn exit_code(&self) -> std::process::ExitCode {
        match self.phase {
            Phase::Failed { .. } => std::process::ExitCode::FAILURE,
            Phase::Loading { .. } | Phase::Ready => std::process::ExitCode::SUCCESS,
        }
    }

    pub fn too_small(&self) -> bool {
        self.ui.width < MIN_WIDTH || self.ui.height < MIN_HEIGHT
    }

    /// The scopes whose key bindings apply now, most specific first.
    pub fn scopes(&self) -> Vec<Scope> {
        if self.ui.prompt.is_some() || self.ui.filtering {
            return vec![Scope::Always, Scope::Typing];
        }
        if self.ui.help.is_some() {
            return vec![Scope::Always, Scope::Help, Scope::NotTyping];
        }
        match self.phase {
            Phase::Loading { .. } | Phase::Failed { .. } => vec![Scope::Always, Scope::NotTyping],
            Phase::Ready => {
                let tab = match self.ui.tab {
                    Tab::Buyers | Tab::Sellers => Some(Scope::Lists),
                    Tab::Slate => Some(Scope::Slate),
                    Tab::Summary => None,
                };
                let mut scopes = vec![Scope::Always];
                scopes.extend(tab);
                scopes.extend([Scope::Desk, Scope::NotTyping]);
                scopes
            }
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
