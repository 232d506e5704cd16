//! The desk's whole state. Only `update` changes it; views only read it.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::sync::mpsc::Sender;
use std::time::Duration;

use crate::model::{DecisionKind, Side, Slate};
use crate::summit::{Staleness, meeting_counts};

use super::action::{Action, OpenFailure, Tab};
use super::desk::{Candidate, Desk, Progress, Scheduled};
use super::filter::ListFilter;
use super::keys::Scope;
use super::slate_index::SlateIndex;
use super::theme::Theme;

pub use super::scroll::Scroll;

/// The smallest terminal the desk draws into; below it a message says so.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// How many candidates are ranked for the selected participant.
pub const CANDIDATES: usize = 50;

/// How long one scheduling run may take before it returns its best slate.
/// A cap, not a target: the scheduler usually stops sooner on its own, and
/// staff can stop it early with `s`.
pub const SCHEDULE_TIME: Duration = Duration::from_secs(30);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    /// The participant list, or the slate grid.
    Main,
    /// The candidates, or the itineraries.
    Detail,
}

/// The Buyers or Sellers list.
#[derive(Debug)]
pub struct ListState {
    pub side: Side,
    /// Columns for the id: the longest id (capped), so ids are never cut
    /// on a summit of a million.
    pub id_width: usize,
    pub filter: ListFilter,
    pub scroll: Scroll,
}

impl ListState {
    pub fn new(side: Side, rows: usize) -> ListState {
        ListState {
            side,
            id_width: 4,
            filter: ListFilter::new(rows),
            scroll: Scroll::default(),
        }
    }

    /// The participant index of the selected row, if the list is not empty.
    pub fn selected(&self) -> Option<usize> {
        self.filter.row(self.scroll.selected)
    }
}

/// The candidates shown for the selected participant, computed lazily.
#[derive(Debug, Default)]
pub struct CandidateState {
    /// Whose candidates `list` holds; `None` before the first ranking.
    pub owner: Option<(Side, usize)>,
    pub list: Vec<Candidate>,
    pub scroll: Scroll,
}

/// The slate grid's cursor.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GridCursor {
    pub day: usize,
    /// Slot row within the day.
    pub row: usize,
    /// Table, 0-based.
    pub table: u32,
    pub row_offset: usize,
    pub table_offset: u32,
}

/// A scheduling run in progress on the worker thread.
#[derive(Debug)]
pub struct ScheduleRun {
    pub last: Option<Progress>,
    /// Seconds since the run was asked for (counted by ticks), shown while
    /// a large summit's input is prepared and no progress comes yet.
    pub waited: u64,
    /// Set to ask the worker to stop early with its best slate so far.
    pub stop: Arc<AtomicBool>,
}

/// What a prompt at the bottom of the screen is asking for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    Note {
        seller: usize,
        buyer: usize,
    },
    /// The input starts as the slate's place for the pair when there is
    /// one, so Enter confirms it.
    Lock {
        seller: usize,
        buyer: usize,
    },
    /// A prompt that was refused (the reason is the status line): it still
    /// takes the keyboard, so text typed for it never runs as commands,
    /// until Enter or Esc.
    Refused,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub kind: PromptKind,
    pub input: String,
}

/// A line of feedback above the footer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

/// Where the desk is in its life.
#[derive(Debug)]
pub enum Phase {
    /// `seconds` counts ticks, so staff see that a large summit is still
    /// being read.
    Loading {
        data: PathBuf,
        seconds: u64,
    },
    Failed {
        failure: OpenFailure,
        scroll: usize,
    },
    Ready,
}

pub struct App {
    pub phase: Phase,
    pub desk: Option<Box<dyn Desk>>,
    pub theme: Theme,
    pub width: u16,
    pub height: u16,
    pub tab: Tab,
    pub pane: Pane,
    pub help: Option<usize>,
    pub filtering: bool,
    pub prompt: Option<Prompt>,
    pub buyers: ListState,
    pub sellers: ListState,
    pub candidates: CandidateState,
    /// Meetings per participant: scheduled ones when there is a slate,
    /// accepted and locked decisions before.
    pub seller_meetings: Vec<u32>,
    pub buyer_meetings: Vec<u32>,
    /// The slate with the rules it was built under, for checking moves.
    pub scheduled: Option<Scheduled>,
    pub slate_index: SlateIndex,
    /// How far the decisions have moved on since the slate was built.
    pub staleness: Staleness,
    pub grid: GridCursor,
    pub itinerary_scroll: usize,
    pub summary_scroll: usize,
    /// The meeting picked up to be moved (index into the slate).
    pub moving: Option<usize>,
    pub schedule: Option<ScheduleRun>,
    pub status: Option<Status>,
    pub quit: bool,
    /// Where worker threads report; `None` in tests that run no workers.
    pub jobs: Option<Sender<Action>>,
    pub schedule_time: Duration,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("phase", &self.phase)
            .field("tab", &self.tab)
            .field("pane", &self.pane)
            .finish_non_exhaustive()
    }
}

impl App {
    /// A desk waiting for the summit in `data` to open.
    pub fn loading(data: PathBuf, theme: Theme, width: u16, height: u16) -> App {
        App {
            phase: Phase::Loading { data, seconds: 0 },
            desk: None,
            theme,
            width,
            height,
            tab: Tab::Buyers,
            pane: Pane::Main,
            help: None,
            filtering: false,
            prompt: None,
            buyers: ListState::new(Side::Buyer, 0),
            sellers: ListState::new(Side::Seller, 0),
            candidates: CandidateState::default(),
            seller_meetings: Vec::new(),
            buyer_meetings: Vec::new(),
            scheduled: None,
            slate_index: SlateIndex::default(),
            staleness: Staleness::default(),
            grid: GridCursor::default(),
            itinerary_scroll: 0,
            summary_scroll: 0,
            moving: None,
            schedule: None,
            status: None,
            quit: false,
            jobs: None,
            schedule_time: SCHEDULE_TIME,
        }
    }

    /// A desk on an already open summit (tests start here).
    pub fn ready(desk: Box<dyn Desk>, theme: Theme, width: u16, height: u16) -> App {
        let mut app = App::loading(PathBuf::new(), theme, width, height);
        app.open(desk);
        app
    }

    pub(super) fn open(&mut self, desk: Box<dyn Desk>) {
        let summit = desk.summit();
        self.buyers = ListState::new(Side::Buyer, summit.buyers.len());
        self.sellers = ListState::new(Side::Seller, summit.sellers.len());
        let widest = |ids: &mut dyn Iterator<Item = &String>| {
            ids.map(|id| super::text::width(id))
                .max()
                .unwrap_or(0)
                .clamp(4, 12)
        };
        self.buyers.id_width = widest(&mut summit.buyers.iter().map(|b| &b.id));
        self.sellers.id_width = widest(&mut summit.sellers.iter().map(|s| &s.id));
        let warnings = desk.warnings().len();
        self.desk = Some(desk);
        self.phase = Phase::Ready;
        self.recount();
        if warnings > 0 {
            self.status = Some(Status {
                text: format!(
                    "{warnings} warning(s) in the data; run `matchslate validate` to see them"
                ),
                error: false,
            });
        }
    }

    pub fn list(&self, side: Side) -> &ListState {
        match side {
            Side::Buyer => &self.buyers,
            Side::Seller => &self.sellers,
        }
    }

    pub fn list_mut(&mut self, side: Side) -> &mut ListState {
        match side {
            Side::Buyer => &mut self.buyers,
            Side::Seller => &mut self.sellers,
        }
    }

    /// The side listed on the current tab, if it lists participants.
    pub fn side(&self) -> Option<Side> {
        match self.tab {
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
        if self.candidates.owner != Some((side, owner)) {
            return None;
        }
        self.candidates.list.get(self.candidates.scroll.selected)
    }

    /// True when the selected participant's candidates still need ranking.
    pub fn candidates_stale(&self) -> bool {
        match (self.side(), self.desk.is_some()) {
            (Some(side), true) => {
                let owner = self.list(side).selected().map(|i| (side, i));
                owner.is_some() && self.candidates.owner != owner
            }
            _ => false,
        }
    }

    /// True while deferred work waits for an idle moment.
    pub fn has_work(&self) -> bool {
        self.buyers.filter.scanning() || self.sellers.filter.scanning() || self.candidates_stale()
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
        self.width < MIN_WIDTH || self.height < MIN_HEIGHT
    }

    /// The scopes whose key bindings apply now, most specific first.
    pub fn scopes(&self) -> Vec<Scope> {
        if self.prompt.is_some() || self.filtering {
            return vec![Scope::Always, Scope::Typing];
        }
        if self.help.is_some() {
            return vec![Scope::Always, Scope::Help, Scope::NotTyping];
        }
        match self.phase {
            Phase::Loading { .. } | Phase::Failed { .. } => vec![Scope::Always, Scope::NotTyping],
            Phase::Ready => {
                let tab = match self.tab {
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

    /// The current slate, once scheduled.
    pub fn slate(&self) -> Option<&Slate> {
        self.scheduled.as_ref().map(Scheduled::slate)
    }

    /// Recounts meetings per participant after decisions or the slate
    /// changed.
    pub(super) fn recount(&mut self) {
        let Some(desk) = &self.desk else { return };
        let summit = desk.summit();
        let (sellers, buyers) = (summit.sellers.len(), summit.buyers.len());
        (self.seller_meetings, self.buyer_meetings) = match &self.scheduled {
            Some(scheduled) => {
                self.staleness = scheduled.staleness(&desk.decided_pairs());
                let dropped = &self.staleness.dropped;
                let meetings = (scheduled.slate().meetings.iter().enumerate())
                    .filter(|(i, _)| dropped.binary_search(i).is_err());
                meeting_counts(sellers, buyers, meetings.map(|(_, m)| (m.seller, m.buyer)))
            }
            None => {
                self.staleness = Staleness::default();
                let decided = desk.decided_pairs().into_iter();
                let kept = decided.filter(|(_, _, kind)| *kind != DecisionKind::Rejected);
                meeting_counts(sellers, buyers, kept.map(|(s, b, _)| (s, b)))
            }
        };
    }

    pub(super) fn say(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: false,
        });
    }

    pub(super) fn complain(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: true,
        });
    }
}
