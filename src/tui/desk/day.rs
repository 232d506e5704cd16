//! The summit day at the welcome desk: the check-in view, attendance marks,
//! "repair from now" and the event report. A [`DayDesk`] has a store
//! connection of its own, so each request runs on a worker thread.

use jiff::civil::{Date, DateTime};

use crate::store::{DayEntry, DayState, DaySubject, Presence};
use crate::summit::{
    CheckinRow, DayMarks, DayRepair, EventReport, OpenSummit, SlateOptions, SummitError,
};

/// Sets the venue clock for rehearsals and tests (`2017-10-11T11:00`);
/// without it the desk reads the real clock in the event's time zone.
pub const NOW_VAR: &str = "MATCHSLATE_NOW";

/// The day's participants as the welcome desk sees them at `now`.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckinView {
    pub day: Date,
    pub now: DateTime,
    /// Sellers first, then buyers.
    pub rows: Vec<CheckinRow>,
}

/// What the welcome desk asks for.
#[derive(Debug, Clone)]
pub enum DayRequest {
    /// The check-in view at the venue clock's now.
    View,
    /// Records a participant's attendance today (late and left at the
    /// venue clock's now), then the view again.
    Mark { id: String, mark: Mark },
    /// Proposes a repair of the rest of the summit from now on.
    Repair,
    /// Saves a proposed repair as a new, unpublished slate version.
    Apply(Box<DayRepair>),
    /// The event report, when there is a slate to compare with.
    Report,
    /// Undoes this staff member's latest check-in or outcome, then the
    /// view again.
    Undo,
    /// The attendance and outcomes the Slate tab marks meetings with, and
    /// the venue clock for its "now" line.
    Marks,
}

/// The attendance keys of the check-in view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mark {
    Present,
    Absent,
    /// Arrives now: free from now on.
    Late,
    /// Leaves now: free until now.
    Left,
}

/// The worker's answer; errors are display text.
#[derive(Debug, Clone)]
pub enum DayReply {
    View(Result<CheckinView, String>),
    Marked {
        said: Result<String, String>,
        view: Result<CheckinView, String>,
    },
    Proposed(Result<Box<DayRepair>, String>),
    /// The version number saved, or why not.
    Applied(Result<i64, String>),
    /// `Ok(None)`: no slate saved yet, so nothing to report.
    Report(Result<Option<Box<EventReport>>, String>),
    Marks {
        marks: Result<DayMarks, String>,
        now: DateTime,
    },
}

/// The summit day's use cases on a store connection of its own.
pub struct DayDesk {
    open: OpenSummit,
    clock: Option<DateTime>,
}

impl DayDesk {
    pub fn open(summit: &OpenSummit) -> Result<DayDesk, String> {
        let open = summit.for_worker().map_err(|e| e.to_string())?;
        let clock = match std::env::var(NOW_VAR) {
            Ok(text) => Some(text.trim().parse::<DateTime>().map_err(|e| {
                format!("{NOW_VAR}={text:?} is not a date and time like 2017-10-11T11:00: {e}")
            })?),
            Err(_) => None,
        };
        Ok(DayDesk { open, clock })
    }

    /// The same desk with the venue clock set to `now` (rehearsals, tests).
    pub fn with_clock(mut self, now: DateTime) -> DayDesk {
        self.clock = Some(now);
        self
    }

    fn now(&self) -> DateTime {
        self.clock.unwrap_or_else(|| self.open.venue_now())
    }

    pub fn run(self, request: DayRequest) -> DayReply {
        let days = self.days();
        let text = |e: SummitError| desk_words(e, &days);
        match request {
            DayRequest::View => DayReply::View(self.view().map_err(text)),
            DayRequest::Mark { id, mark } => {
                let now = self.now();
                let (day, at) = (now.date(), now.time());
                let presence = match mark {
                    Mark::Present => Presence::Present,
                    Mark::Absent => Presence::Absent,
                    Mark::Late => Presence::Late { until: at },
                    Mark::Left => Presence::Left { from: at },
                };
                let said = (self.open.checkin(&id, presence, Some(day), None))
                    .map(|entry| match entry {
                        Some(_) => format!("{id}: {} on {day}", describe(presence)),
                        None => format!("{id} was already {}", describe(presence)),
                    })
                    .map_err(text);
                DayReply::Marked {
                    said,
                    view: self.view().map_err(text),
                }
            }
            DayRequest::Repair => DayReply::Proposed(
                (self.open.repair(self.now(), &SlateOptions::default()))
                    .map(Box::new)
                    .map_err(text),
            ),
            DayRequest::Apply(repair) => DayReply::Applied(
                (self.open.apply_repair(&repair, &SlateOptions::default()))
                    .map(|version| version.number)
                    .map_err(text),
            ),
            DayRequest::Undo => DayReply::Marked {
                said: self
                    .open
                    .undo_day()
                    .map(|entry| undone(entry.as_ref()))
                    .map_err(text),
                view: self.view().map_err(text),
            },
            DayRequest::Marks => DayReply::Marks {
                marks: self.open.day_marks().map_err(text),
                now: self.now(),
            },
            DayRequest::Report if !self.summit_begun() => DayReply::Report(Ok(None)),
            DayRequest::Report => DayReply::Report(match self.open.event_report() {
                Ok(report) => Ok(Some(Box::new(report))),
                Err(SummitError::NoSlate) => Ok(None),
                Err(e) => Err(e.to_string()),
            }),
        }
    }

    /// True on and after the summit's first day: reality can differ from
    /// the plan.
    fn summit_begun(&self) -> bool {
        let days = &self.open.summit().event.days;
        days.first()
            .is_some_and(|first| self.now().date() >= first.date)
    }

    fn days(&self) -> Vec<Date> {
        self.open
            .summit()
            .event
            .days
            .iter()
            .map(|d| d.date)
            .collect()
    }

    fn view(&self) -> Result<CheckinView, SummitError> {
        let now = self.now();
        let day = self.open.event_day(Some(now.date()))?;
        let rows = self.open.checkin_rows(day, now.time(), "")?;
        Ok(CheckinView { day, now, rows })
    }
}

/// An error in the desk's words: a day outside the summit names the
/// summit's days and how to rehearse one (the library's own words tell the
/// CLI's user to pass `--day`, which the desk has not).
fn desk_words(e: SummitError, days: &[Date]) -> String {
    match e {
        SummitError::NotAnEventDay { day, .. } => {
            let list: Vec<String> = days
                .iter()
                .map(|d| d.strftime("%a %Y-%m-%d").to_string())
                .collect();
            let example = days
                .first()
                .map_or_else(|| "2017-10-11T09:00".to_string(), |d| format!("{d}T09:00"));
            format!(
                "today ({}) is not a day of this summit; its days are {}. \
                 To rehearse one, start the desk with {NOW_VAR}={example}",
                day.strftime("%a %Y-%m-%d"),
                list.join(", ")
            )
        }
        other => other.to_string(),
    }
}

/// What an undo of the day log did: "undone: B007 on 2017-10-11 has no
/// check-in again".
fn undone(entry: Option<&DayEntry>) -> String {
    let Some(entry) = entry else {
        return "nothing of yours to undo on the summit day".to_string();
    };
    let subject = entry.subject.who();
    match entry.state {
        DayState::Presence(p) => format!("undone: {subject} is {} again", describe(p)),
        DayState::Outcome(o) => format!("undone: {subject} is {} again", o.word()),
        DayState::Cleared => match entry.subject {
            DaySubject::Attendance { .. } => format!("undone: {subject} has no check-in again"),
            DaySubject::Outcome { .. } => format!("undone: {subject} has no outcome again"),
        },
    }
}

/// "absent", "late until 10:40", "left at 15:00".
pub fn describe(presence: Presence) -> String {
    match presence {
        Presence::Present => "present".to_string(),
        Presence::Absent => "absent".to_string(),
        Presence::Late { until } => format!("late, from {}", until.strftime("%H:%M")),
        Presence::Left { from } => format!("left at {}", from.strftime("%H:%M")),
    }
}
