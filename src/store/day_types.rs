//! The plain data of the summit day log: who turned up (attendance) and what
//! happened to each meeting (outcomes), as staff record them at the desk.

use jiff::Timestamp;
use jiff::civil::{Date, Time};

/// Whether a participant is at the summit on one day. A participant with no
/// attendance row counts as present.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Presence {
    Present,
    /// Not coming that day.
    Absent,
    /// Arrives late: available only from `until` on.
    Late {
        until: Time,
    },
    /// Left early: available only before `from`.
    Left {
        from: Time,
    },
}

impl Presence {
    /// Whether someone with this presence can attend a meeting over
    /// `[start, end)` that day.
    pub fn allows(self, start: Time, end: Time) -> bool {
        match self {
            Presence::Present => true,
            Presence::Absent => false,
            Presence::Late { until } => start >= until,
            Presence::Left { from } => end <= from,
        }
    }

    /// "present", "absent", "late", "left": the word stored and shown.
    pub fn word(self) -> &'static str {
        match self {
            Presence::Present => "present",
            Presence::Absent => "absent",
            Presence::Late { .. } => "late",
            Presence::Left { .. } => "left",
        }
    }

    pub(crate) fn time(self) -> Option<Time> {
        match self {
            Presence::Late { until } => Some(until),
            Presence::Left { from } => Some(from),
            Presence::Present | Presence::Absent => None,
        }
    }
}

/// What happened to a planned meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MeetingOutcome {
    Held,
    /// One side (or both) did not turn up.
    NoShow,
    /// Called off before it was due.
    Cancelled,
}

impl MeetingOutcome {
    /// "held", "no-show", "cancelled": the word stored and typed at the CLI.
    pub fn word(self) -> &'static str {
        match self {
            MeetingOutcome::Held => "held",
            MeetingOutcome::NoShow => "no-show",
            MeetingOutcome::Cancelled => "cancelled",
        }
    }

    /// The outcome a word names, as [`MeetingOutcome::word`] spells it.
    pub fn from_word(word: &str) -> Option<MeetingOutcome> {
        [
            MeetingOutcome::Held,
            MeetingOutcome::NoShow,
            MeetingOutcome::Cancelled,
        ]
        .into_iter()
        .find(|o| o.word() == word)
    }
}

/// What a day-log row is about.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum DaySubject {
    /// One participant (seller or buyer id) on one day.
    Attendance { participant_id: String, day: Date },
    /// One seller-buyer meeting.
    Outcome { seller_id: String, buyer_id: String },
}

impl DaySubject {
    /// Who, or which meeting: "B007 on 2026-05-12", "S001·B007".
    pub fn who(&self) -> String {
        match self {
            DaySubject::Attendance {
                participant_id,
                day,
            } => format!("{participant_id} on {day}"),
            DaySubject::Outcome {
                seller_id,
                buyer_id,
            } => format!("{seller_id}·{buyer_id}"),
        }
    }

    /// "attendance" or "outcome".
    pub fn noun(&self) -> &'static str {
        match self {
            DaySubject::Attendance { .. } => "attendance",
            DaySubject::Outcome { .. } => "outcome",
        }
    }
}

/// A subject's state after a row; `Cleared` means nothing recorded (a
/// participant counts as present, a meeting has no outcome).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DayState {
    Presence(Presence),
    Outcome(MeetingOutcome),
    Cleared,
}

/// Why a day-log row was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DayAction {
    Record,
    /// Undid row `reverts`, restoring the subject's state from before it.
    Undo,
    /// Reversed the undo row `reverts`.
    Redo,
}

/// One row of the append-only day log: the subject's state after the row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayEntry {
    pub id: i64,
    pub action: DayAction,
    pub subject: DaySubject,
    pub state: DayState,
    pub note: Option<String>,
    pub staff: String,
    pub at: Timestamp,
    pub reverts: Option<i64>,
}

/// A participant's current attendance on one day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attendance {
    pub participant_id: String,
    pub day: Date,
    pub presence: Presence,
    pub note: Option<String>,
    pub staff: String,
    pub at: Timestamp,
}

/// A meeting's current outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub seller_id: String,
    pub buyer_id: String,
    pub outcome: MeetingOutcome,
    pub note: Option<String>,
    pub staff: String,
    pub at: Timestamp,
}
