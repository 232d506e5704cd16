//! Everything that can change the desk's state. Terminal events, worker
//! messages and timer ticks all become an [`Action`] before `update` sees
//! them, so tests drive the App exactly as the terminal does.

use std::sync::Arc;

use crate::load::Diagnostic;
use crate::model::Side;
use crate::summit::{Exported, ParticipantSearch, SearchResults};

use super::desk::{Desk, DeskVersion, Progress, Recorder, Scheduled, SlateDiff, VersionStatus};

/// The four tabs, in display order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tab {
    Buyers,
    Sellers,
    Slate,
    Summary,
}

impl Tab {
    pub const ALL: [Tab; 4] = [Tab::Buyers, Tab::Sellers, Tab::Slate, Tab::Summary];

    pub fn title(self) -> &'static str {
        match self {
            Tab::Buyers => "Buyers",
            Tab::Sellers => "Sellers",
            Tab::Slate => "Slate",
            Tab::Summary => "Summary",
        }
    }
}

/// A command bound to a key in the key table. Plain and `Copy`, so the
/// table can be a `static`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    Quit,
    Help,
    GoTab(Tab),
    NextPane,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
    Find,
    /// Show only participants with wishes the slate leaves unmet, or all.
    UnmetWishes,
    /// The selected participant wishes to meet the selected candidate (or
    /// no longer does).
    WishMeet,
    /// The selected participant asks not to meet the selected candidate
    /// (or no longer does).
    WishAvoid,
    Accept,
    Reject,
    Clear,
    Lock,
    Note,
    Undo,
    Redo,
    Schedule,
    Export,
    PrevDay,
    NextDay,
    Move,
    /// Open the explain panel on the selected participant.
    Explain,
    /// Open the check-in view.
    Checkin,
    /// Record the selected participant's attendance (check-in view).
    Mark(super::desk::Mark),
    /// Propose a repair of the rest of the summit from now on.
    Repair,
    /// Publish the slate's version (asks first).
    Publish,
    /// Roll back to an earlier version (asks which).
    Rollback,
    /// Show or hide the changes since the published version.
    Changes,
    /// Cells show company names or ids.
    Ids,
    /// Jump to a table or a time (asks which).
    Jump,
    /// A screenful of tables left or right.
    PrevTables,
    NextTables,
    /// Enter in a text field or prompt.
    Submit,
    /// Esc: leave a text field, clear the filter, cancel a move, close help.
    Cancel,
    Backspace,
}

/// Why the summit could not be opened, for the error screen.
#[derive(Debug, Clone, PartialEq)]
pub enum OpenFailure {
    /// The data has problems: every one, in `validate`'s words.
    Invalid(Vec<Diagnostic>),
    /// Anything else (the database, the file system), as one message.
    Other(String),
}

/// The kinds of background work. At most one job of a kind runs at a
/// time (gitui's single-flight jobs): a second request is queued or
/// refused with a message, never run beside the first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobKind {
    Open,
    Schedule,
    Export,
    /// A decision, note, undo or redo written to the store.
    Record,
    /// A participant list's `/` filter searching the summit.
    Filter,
    /// One participant explained (may build a slate first).
    Explain,
    /// Meetings per participant against their floors, for the summary.
    Fairness,
    /// The summit day: check-in view, attendance, repair, report.
    Day,
    /// The attendance and outcomes the Slate tab marks meetings with; apart
    /// from `Day`, so a refresh never makes the welcome desk wait.
    DayMarks,
}

/// A desk that opened, with the recorder its worker writes decisions with.
pub struct Opened {
    pub desk: Box<dyn Desk>,
    pub recorder: Box<dyn Recorder>,
    /// The participant search, built on the worker with the desk.
    pub search: Option<Arc<ParticipantSearch>>,
}

/// What a recording job did, for the status line.
#[derive(Debug)]
pub struct Saved {
    pub text: String,
    pub error: bool,
    /// True when a decision changed: meeting counts and the slate follow.
    pub changed: bool,
    /// A lock typed at the prompt that the store refused, as
    /// `(seller, buyer, input)`: the prompt opens again with it, so what is
    /// typed next corrects it rather than running as commands.
    pub retry_lock: Option<(usize, usize, String)>,
    /// What a slate-version write or read brought back for the Slate tab.
    pub version: Option<Box<VersionNews>>,
}

/// What the store said about slate versions, for the Slate tab.
#[derive(Debug)]
pub enum VersionNews {
    /// The latest version, opened for the grid (`None`: there is none),
    /// and the short company names the grid's cells show, when asked for.
    Opened {
        latest: Option<Box<DeskVersion>>,
        names: Option<super::short_names::ShortNames>,
    },
    /// The desk's slate is now saved as this version.
    Saved(VersionStatus),
    /// The changes since the published version (`None`: none published).
    Changes(Option<SlateDiff>),
    /// A move or swap the store took: the slate as moved and the draft it
    /// amended; `None` when it was refused and the slate stays as it was.
    Moved(Option<Box<(Scheduled, VersionStatus)>>),
}

/// Messages from worker threads.
pub enum JobMsg {
    Opened(Result<Opened, OpenFailure>),
    Progress(Progress),
    Scheduled(Scheduled),
    /// The export worker's result: the folder written and the meetings
    /// left out (rejected since the slate), or why not.
    Exported(Result<Exported, String>),
    /// A recording job's result, with the recorder handed back for the next
    /// and the decisions and wishes it read back after writing.
    Saved {
        recorder: Box<dyn Recorder>,
        saved: Saved,
        read: Option<crate::summit::ReadBack>,
    },
    /// A list filter's matches for `query`.
    Filtered {
        side: Side,
        query: String,
        results: SearchResults,
    },
    /// A worker thread failed (it panicked); the message says how.
    Failed(JobKind, String),
    Diagnosed(Result<super::desk::Diagnosed, String>),
    Fairness(Box<super::desk::Fairness>),
    Day(super::desk::DayReply),
}

impl JobMsg {
    /// The kind of job this message ends, if it ends one (progress does not).
    pub fn ends(&self) -> Option<JobKind> {
        match self {
            JobMsg::Opened(_) => Some(JobKind::Open),
            JobMsg::Progress(_) => None,
            JobMsg::Scheduled(_) => Some(JobKind::Schedule),
            JobMsg::Exported(_) => Some(JobKind::Export),
            JobMsg::Saved { .. } => Some(JobKind::Record),
            JobMsg::Filtered { .. } => Some(JobKind::Filter),
            JobMsg::Failed(kind, _) => Some(*kind),
            JobMsg::Diagnosed(_) => Some(JobKind::Explain),
            JobMsg::Fairness(_) => Some(JobKind::Fairness),
            JobMsg::Day(super::desk::DayReply::Marks { .. }) => Some(JobKind::DayMarks),
            JobMsg::Day(_) => Some(JobKind::Day),
        }
    }
}

impl std::fmt::Debug for JobMsg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            JobMsg::Opened(Ok(_)) => f.write_str("Opened(Ok(..))"),
            JobMsg::Opened(Err(e)) => write!(f, "Opened(Err({e:?}))"),
            JobMsg::Progress(p) => write!(f, "Progress({p:?})"),
            JobMsg::Scheduled(s) => {
                write!(f, "Scheduled({} meetings)", s.slate().meetings.len())
            }
            JobMsg::Exported(r) => write!(f, "Exported({r:?})"),
            JobMsg::Saved { saved, .. } => write!(f, "Saved({saved:?})"),
            JobMsg::Filtered {
                side,
                query,
                results,
            } => {
                write!(
                    f,
                    "Filtered({side:?}, {query:?}, {} rows)",
                    results.hits.len()
                )
            }
            JobMsg::Failed(kind, m) => write!(f, "Failed({kind:?}, {m:?})"),
            JobMsg::Diagnosed(r) => write!(f, "Diagnosed(ok: {})", r.is_ok()),
            JobMsg::Fairness(_) => f.write_str("Fairness(..)"),
            JobMsg::Day(reply) => write!(f, "Day({reply:?})"),
        }
    }
}

#[derive(Debug)]
pub enum Action {
    Cmd(Command),
    /// A character typed into the filter or a prompt.
    Input(char),
    Resize {
        width: u16,
        height: u16,
    },
    Click {
        x: u16,
        y: u16,
    },
    Scroll {
        x: u16,
        y: u16,
        down: bool,
    },
    /// About once a second: look for other staff's decisions.
    Tick,
    /// The event loop is idle: do one slice of deferred work (a chunk of a
    /// large filter, the selected row's candidates).
    Work,
    Job(JobMsg),
    /// A raw terminal event from the reader thread; the event loop turns
    /// it into one of the actions above before `update` sees it.
    Terminal(crossterm::event::Event),
}
