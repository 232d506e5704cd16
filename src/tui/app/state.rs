//! The desk's state, in plain types: what each tab shows and where its
//! cursors are. `App` holds them privately; views read them through `&App`.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use crate::model::Side;

use super::super::action::OpenFailure;
use super::super::desk::{Candidate, Progress};
use super::super::filter::ListFilter;
use super::super::scroll::Scroll;

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
    /// The candidates shown: all of them, or those the filter kept, best
    /// match first.
    pub list: Vec<Candidate>,
    pub scroll: Scroll,
    /// Every candidate ranked, whatever the filter keeps.
    pub all: Vec<Candidate>,
    /// The candidates' `/` filter; empty for none.
    pub query: String,
    /// Per row of `list` under a filter: what matched.
    pub why: Vec<String>,
    /// Matches too weak to show.
    pub hidden: usize,
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
    /// Publish this version; the input is an optional note.
    Publish {
        number: i64,
    },
    /// Roll back: the input is the version to copy.
    Rollback,
    /// Jump on the grid: a table number or a time ("T12", "12", "10:40").
    Jump,
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
