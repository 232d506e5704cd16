//! `schedule.ics`: the slate as an iCalendar file (RFC 5545).
//!
//! Times are written as local time with `TZID=<IANA zone>` (for example
//! `DTSTART;TZID=America/Los_Angeles:20171011T090000`), which Google
//! Calendar, Outlook and Apple Calendar all recognise, plus a `VTIMEZONE`
//! built from jiff's time-zone data for readers that need the rules spelled
//! out. A time in the repeated hour of a fall-back change is ambiguous as
//! local time, so it is written in UTC at the offset jiff resolves.
//!
//! Content lines are written here, not by icalendar, whose folding takes
//! time quadratic in a line's length; the tests parse the output with it.

mod events;
mod lines;

use std::io::Write;
use std::path::Path;

use jiff::Timestamp;
use jiff::tz::TimeZone;

pub(super) use super::versioned::Versioning;
use super::{ExportError, Row, resolve, vtimezone};
use crate::model::{Slate, Summit};
pub(super) use events::fnv1a64;
use events::{EventText, cancelled_event, meeting_event, staff_description};
use lines::{line, refold, text_line};

/// Identifies this program in `PRODID`. Deliberately without the version, so
/// upgrading matchslate does not change the bytes of an export.
const PRODID: &str = "-//matchslate//matchslate trade summit scheduler//EN";

/// The text of `schedule.ics`, stamped with `dtstamp`.
///
/// `DTSTAMP` must be a UTC time; [`default_dtstamp`] gives a deterministic
/// one. Pass a later stamp (such as the time of the export) when an updated
/// slate should replace events already imported into a calendar: some apps
/// only update an event whose stamp has moved forward.
pub fn schedule_ics(
    summit: &Summit,
    slate: &Slate,
    dtstamp: Timestamp,
) -> Result<String, ExportError> {
    render(summit, &resolve(summit, slate)?, dtstamp)
}

/// The `DTSTAMP` [`crate::export::write_slate`] uses: midnight at the start
/// of the event's first day, in the event's time zone. It depends only on
/// the event, so re-exporting gives identical bytes.
pub fn default_dtstamp(summit: &Summit, slate: &Slate) -> Result<Timestamp, ExportError> {
    default_dtstamp_for(summit, &resolve(summit, slate)?)
}

pub(super) fn default_dtstamp_for(
    summit: &Summit,
    rows: &[Row<'_>],
) -> Result<Timestamp, ExportError> {
    // Without event days, fall back to the earliest meeting, then to the Unix
    // epoch (an empty calendar has no event that carries the stamp anyway).
    let first_day = summit
        .event
        .days
        .first()
        .map(|day| day.date)
        .or_else(|| rows.iter().map(|row| row.slot.date).min());
    let Some(first_day) = first_day else {
        return Ok(Timestamp::UNIX_EPOCH);
    };
    let tz = time_zone(summit)?;
    first_day
        .to_zoned_datetime(tz)
        .map(|zoned| zoned.timestamp())
        .map_err(|source| time_error(summit, format!("the first day {first_day}"), source))
}

pub(super) fn render(
    summit: &Summit,
    rows: &[Row<'_>],
    dtstamp: Timestamp,
) -> Result<String, ExportError> {
    render_with(summit, rows, dtstamp, &Versioning::default())
}

/// [`render`], plus what a stored slate version adds: its number and state
/// in the calendar's name and `X-MATCHSLATE-*` properties, a `SEQUENCE` on
/// every event, and the meetings cancelled since the published version.
pub(super) fn render_with(
    summit: &Summit,
    rows: &[Row<'_>],
    dtstamp: Timestamp,
    versioning: &Versioning<'_>,
) -> Result<String, ExportError> {
    render_described(summit, rows, dtstamp, versioning, &|_, row| {
        staff_description(row)
    })
}

/// Like [`render_with`], with each event's description written by `describe`
/// (given the row's position in `rows`): the print folder's per-participant
/// calendars describe a meeting for its participant, without the score,
/// status and slot number staff see.
pub(super) fn render_described(
    summit: &Summit,
    rows: &[Row<'_>],
    dtstamp: Timestamp,
    versioning: &Versioning<'_>,
    describe: &dyn Fn(usize, &Row<'_>) -> String,
) -> Result<String, ExportError> {
    let mut bytes = Vec::new();
    write_described(&mut bytes, summit, rows, dtstamp, versioning, describe)?;
    String::from_utf8(bytes).map_err(|err| ExportError::Render {
        file: super::SCHEDULE_ICS,
        detail: err.to_string(),
    })
}

/// [`render_with`] written into `out` as it is made, an event at a time.
pub(super) fn write_with(
    out: &mut dyn Write,
    summit: &Summit,
    rows: &[Row<'_>],
    dtstamp: Timestamp,
    versioning: &Versioning<'_>,
) -> Result<(), ExportError> {
    write_described(out, summit, rows, dtstamp, versioning, &|_, row| {
        staff_description(row)
    })
}

/// [`render_described`] written into `out` as it is made, an event at a
/// time.
fn write_described(
    out: &mut dyn Write,
    summit: &Summit,
    rows: &[Row<'_>],
    dtstamp: Timestamp,
    versioning: &Versioning<'_>,
    describe: &dyn Fn(usize, &Row<'_>) -> String,
) -> Result<(), ExportError> {
    let event = &summit.event;
    let tz = time_zone(summit)?;
    let stamp = dtstamp.strftime("%Y%m%dT%H%M%SZ").to_string();

    // icalendar's own writer folds lines in quadratic time (a long company
    // name took minutes), so content lines are written here, with its
    // escaping rules; each piece (the header, an event) is folded by
    // `refold` and written before the next is made.
    let mut text = String::new();
    let mut flush = |text: &mut String| {
        let written = out.write_all(refold(text).as_bytes());
        text.clear();
        written.map_err(super::write_error(Path::new(super::SCHEDULE_ICS)))
    };
    for (key, value) in [
        ("BEGIN", "VCALENDAR"),
        ("VERSION", "2.0"),
        ("PRODID", PRODID),
        ("CALSCALE", "GREGORIAN"),
        ("METHOD", "PUBLISH"),
    ] {
        line(&mut text, key, "", value);
    }
    let name = versioning.calendar_name(&event.name);
    text_line(&mut text, "NAME", &name);
    text_line(&mut text, "X-WR-CALNAME", &name);
    line(&mut text, "X-WR-TIMEZONE", "", &event.timezone);
    for (key, value) in versioning.header_properties() {
        text_line(&mut text, key, &value);
    }

    let dates = || {
        (rows.iter().map(|row| row.slot.date)).chain(versioning.cancelled.iter().map(|c| c.date))
    };
    if let (Some(first), Some(last)) = (dates().min(), dates().max()) {
        let zone = vtimezone::render(&tz, &event.timezone, first, last)
            .map_err(|source| time_error(summit, format!("the dates {first} to {last}"), source))?;
        text.push_str(&zone);
    }
    flush(&mut text)?;

    let mut uids = std::collections::BTreeSet::new();
    for (position, row) in rows.iter().enumerate() {
        let description = describe(position, row);
        let sequence = versioning.sequence_of(row.meeting.seller, row.meeting.buyer);
        let written = EventText {
            stamp: &stamp,
            description: &description,
            sequence,
        };
        meeting_event(&mut text, summit, &tz, row, &written, &mut uids)?;
        flush(&mut text)?;
    }
    for cancelled in versioning.cancelled {
        cancelled_event(&mut text, summit, &tz, cancelled, &stamp)?;
        flush(&mut text)?;
    }
    text.push_str(END_CALENDAR);
    flush(&mut text)
}

const END_CALENDAR: &str = "END:VCALENDAR\r\n";

fn time_zone(summit: &Summit) -> Result<TimeZone, ExportError> {
    let name = &summit.event.timezone;
    TimeZone::get(name).map_err(|source| ExportError::TimeZone {
        name: name.clone(),
        source,
    })
}

fn time_error(summit: &Summit, what: String, source: jiff::Error) -> ExportError {
    ExportError::Time {
        what,
        zone: summit.event.timezone.clone(),
        source,
    }
}
