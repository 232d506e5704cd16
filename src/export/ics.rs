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

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::{AmbiguousOffset, TimeZone};

use super::versioned::CancelledMeeting;
pub(super) use super::versioned::Versioning;
use super::{ExportError, Row, format_score, resolve, vtimezone, yes_no};
use crate::model::{Slate, Summit};

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
    let event = &summit.event;
    let tz = time_zone(summit)?;
    let stamp = dtstamp.strftime("%Y%m%dT%H%M%SZ").to_string();

    // icalendar's own writer folds lines in quadratic time (a long company
    // name took minutes), so content lines are written here, with its
    // escaping rules, and folded once at the end by `refold`.
    let mut text = String::new();
    for (key, value) in [
        ("BEGIN", "VCALENDAR"),
        ("VERSION", "2.0"),
        ("PRODID", PRODID),
        ("CALSCALE", "GREGORIAN"),
        ("METHOD", "PUBLISH"),
    ] {
        line(&mut text, key, "", value);
    }
    let name = escape_text(&clean_text(&versioning.calendar_name(&event.name)));
    line(&mut text, "NAME", "", &name);
    line(&mut text, "X-WR-CALNAME", "", &name);
    line(&mut text, "X-WR-TIMEZONE", "", &event.timezone);
    for (key, value) in versioning.header_properties() {
        line(&mut text, key, "", &escape_text(&clean_text(&value)));
    }

    let dates = || {
        (rows.iter().map(|row| row.slot.date)).chain(versioning.cancelled.iter().map(|c| c.date))
    };
    if let (Some(first), Some(last)) = (dates().min(), dates().max()) {
        let zone = vtimezone::render(&tz, &event.timezone, first, last)
            .map_err(|source| time_error(summit, format!("the dates {first} to {last}"), source))?;
        text.push_str(&zone);
    }

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
    }
    for cancelled in versioning.cancelled {
        cancelled_event(&mut text, summit, &tz, cancelled, &stamp)?;
    }
    text.push_str(END_CALENDAR);
    Ok(refold(&text))
}

/// Folds content lines so none is longer than 75 octets (RFC 5545 §3.1), in
/// time linear in the text: each fold looks at most a few characters back.
///
/// A continuation starts with one space, which counts toward the 75, and a
/// fold never splits a UTF-8 character. Any folds already in `text` are
/// undone first; that is exact because content lines never start with a
/// space, and values cannot contain a line break (`escape_text` writes `\n`
/// and `clean_text` removes `\r`).
fn refold(text: &str) -> String {
    const FIRST: usize = 75;
    const CONTINUATION: usize = FIRST - 1;
    let unfolded = text.replace("\r\n ", "");
    let mut out = String::with_capacity(unfolded.len() + unfolded.len() / 24);
    for line in unfolded.split_terminator("\r\n") {
        let mut rest = line;
        let mut limit = FIRST;
        while rest.len() > limit {
            // The longest prefix within the limit that ends on a character
            // boundary (a character is at most 4 bytes, so it is never
            // empty), preferring not to start the continuation with a space:
            // some readers wrongly strip all leading white space when
            // unfolding, which would glue two words together.
            let cuts = || {
                (1..=limit)
                    .rev()
                    .filter_map(|cut| rest.split_at_checked(cut))
            };
            let Some((head, tail)) = cuts()
                .take(8)
                .find(|(_, tail)| !tail.starts_with([' ', '\t']))
                .or_else(|| cuts().next())
            else {
                break;
            };
            out.push_str(head);
            out.push_str("\r\n ");
            rest = tail;
            limit = CONTINUATION;
        }
        out.push_str(rest);
        out.push_str("\r\n");
    }
    out
}

const END_CALENDAR: &str = "END:VCALENDAR\r\n";

/// What one event's lines carry besides the row itself.
#[derive(Clone, Copy)]
struct EventText<'a> {
    stamp: &'a str,
    description: &'a str,
    /// Present when the export comes from a stored version.
    sequence: Option<u32>,
}

/// A meeting cancelled since the published version: the same UID it had,
/// a higher `SEQUENCE` and `STATUS:CANCELLED`, so calendar programs remove
/// it (RFC 5545 §3.8.1.11 and §3.8.7.4).
fn cancelled_event(
    text: &mut String,
    summit: &Summit,
    tz: &TimeZone,
    cancelled: &CancelledMeeting,
    stamp: &str,
) -> Result<(), ExportError> {
    let event = &summit.event;
    let start = local_time(summit, tz, cancelled.date, cancelled.start)?;
    let end = local_time(summit, tz, cancelled.date, cancelled.end)?;
    let uid = meeting_uid(&event.name, &cancelled.seller_id, &cancelled.buyer_id);
    let summary = format!(
        "Cancelled: meeting {} × {}",
        cancelled.seller_company, cancelled.buyer_company
    );
    line(text, "BEGIN", "", "VEVENT");
    line(text, "DTEND", &end.params, &end.value);
    line(text, "DTSTAMP", "", stamp);
    line(text, "DTSTART", &start.params, &start.value);
    line(text, "SEQUENCE", "", &cancelled.sequence.to_string());
    line(text, "STATUS", "", "CANCELLED");
    line(text, "SUMMARY", "", &escape_text(&clean_text(&summary)));
    line(text, "UID", "", &escape_text(&clean_text(&uid)));
    line(text, "END", "", "VEVENT");
    Ok(())
}

/// One VEVENT. `uids` holds the UIDs used so far, to keep them unique.
fn meeting_event(
    text: &mut String,
    summit: &Summit,
    tz: &TimeZone,
    row: &Row<'_>,
    written: &EventText<'_>,
    uids: &mut std::collections::BTreeSet<String>,
) -> Result<(), ExportError> {
    let EventText {
        stamp,
        description,
        sequence,
    } = *written;
    let event = &summit.event;
    let (seller, buyer) = (row.seller, row.buyer);
    let start = local_time(summit, tz, row.slot.date, row.slot.start)?;
    let end = local_time(summit, tz, row.slot.date, row.slot.end)?;

    let mut uid = meeting_uid(&event.name, &seller.id, &buyer.id);
    // A pair meets once in a valid slate; if not, the slot tells the copies
    // apart (still deterministic, since rows are sorted).
    if uids.contains(&uid) {
        uid = format!("slot{}-{uid}", row.slot_number());
    }
    uids.insert(uid.clone());

    let location = if event.venue.trim().is_empty() {
        format!("Table {}", row.table_number())
    } else {
        format!("Table {}, {}", row.table_number(), event.venue)
    };
    // Properties in icalendar's order (alphabetical), so the bytes match
    // what it wrote before.
    line(text, "BEGIN", "", "VEVENT");
    line(
        text,
        "DESCRIPTION",
        "",
        &escape_text(&clean_text(description)),
    );
    line(text, "DTEND", &end.params, &end.value);
    line(text, "DTSTAMP", "", stamp);
    line(text, "DTSTART", &start.params, &start.value);
    line(text, "LOCATION", "", &escape_text(&clean_text(&location)));
    if let Some(sequence) = sequence {
        line(text, "SEQUENCE", "", &sequence.to_string());
    }
    let summary = format!("Meeting: {} × {}", seller.company, buyer.company);
    line(text, "SUMMARY", "", &escape_text(&clean_text(&summary)));
    line(text, "UID", "", &escape_text(&clean_text(&uid)));
    line(text, "END", "", "VEVENT");
    Ok(())
}

/// What staff read in `schedule.ics`: ids, slot, score and status.
fn staff_description(row: &Row<'_>) -> String {
    let (seller, buyer, meeting) = (row.seller, row.buyer, row.meeting);
    let buyer_names = if buyer.company_zh.trim().is_empty() {
        buyer.company.clone()
    } else {
        format!("{} ({})", buyer.company, buyer.company_zh)
    };
    format!(
        "Seller: {} [{}]\nBuyer: {} [{}]\nSlot {}, table {}\nScore: {}\nInterpreter: {}\nStatus: {}",
        seller.company,
        seller.id,
        buyer_names,
        buyer.id,
        row.slot_number(),
        row.table_number(),
        format_score(meeting.score),
        yes_no(meeting.interpreter),
        meeting.status.label(),
    )
}

/// Appends one unfolded content line.
fn line(text: &mut String, key: &str, params: &str, value: &str) {
    text.push_str(key);
    text.push_str(params);
    text.push(':');
    text.push_str(value);
    text.push_str("\r\n");
}

/// RFC 5545 §3.3.11 TEXT escaping, as icalendar does it, in one pass.
fn escape_text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

/// A stable UID for the meeting of a pair at an event: readable ids plus a
/// hash of all three, so ids containing the separator cannot collide. Moving
/// the meeting to another slot keeps its UID, so a re-import updates the
/// calendar entry instead of adding a second one.
fn meeting_uid(event_name: &str, seller_id: &str, buyer_id: &str) -> String {
    let hash = fnv1a64(&[event_name, seller_id, buyer_id]);
    format!("{seller_id}-{buyer_id}-{hash:016x}@matchslate")
}

/// 64-bit FNV-1a over the parts, each followed by a 0 byte. Used instead of
/// std's `DefaultHasher`, whose output may change between Rust releases.
pub(super) fn fnv1a64(parts: &[&str]) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash = OFFSET;
    for part in parts {
        for &byte in part.as_bytes().iter().chain(&[0]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(PRIME);
        }
    }
    hash
}

/// A DTSTART or DTEND value and its parameters.
struct DateValue {
    params: String,
    value: String,
}

/// The civil time `date time` in the event's zone. Usually local time with
/// the zone's TZID; a time in the repeated hour of a fall-back change would
/// be ambiguous that way, so it is written in UTC, at the offset jiff
/// resolves (the first occurrence, which the CSV labels too).
fn local_time(
    summit: &Summit,
    tz: &TimeZone,
    date: Date,
    time: jiff::civil::Time,
) -> Result<DateValue, ExportError> {
    let ambiguous = tz.to_ambiguous_zoned_datetime(date.to_datetime(time));
    let is_fold = matches!(ambiguous.offset(), AmbiguousOffset::Fold { .. });
    let zoned = ambiguous
        .compatible()
        .map_err(|source| time_error(summit, format!("{date} {time}"), source))?;
    Ok(if is_fold {
        DateValue {
            params: String::new(),
            value: zoned.timestamp().strftime("%Y%m%dT%H%M%SZ").to_string(),
        }
    } else {
        DateValue {
            params: format!(";TZID={}", summit.event.timezone),
            value: zoned.strftime("%Y%m%dT%H%M%S").to_string(),
        }
    })
}

/// Text values may not hold control characters other than tab (RFC 5545
/// §3.3.11); icalendar escapes `\n` but would write a bare `\r` as is, which
/// breaks the line structure. Line breaks become `\n`, other controls spaces.
fn clean_text(text: &str) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .map(|c| match c {
            '\r' => '\n',
            '\n' | '\t' => c,
            c if c.is_control() => ' ',
            c => c,
        })
        .collect()
}

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
