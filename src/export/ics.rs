//! `schedule.ics`: the slate as an iCalendar file (RFC 5545).
//!
//! Times are written as local time with `TZID=<IANA zone>` (for example
//! `DTSTART;TZID=America/Los_Angeles:20171011T090000`), which Google
//! Calendar, Outlook and Apple Calendar all recognise, plus a `VTIMEZONE`
//! built from jiff's time-zone data for readers that need the rules spelled
//! out.

use std::fmt::Write as _;

use icalendar::{Calendar, Component, Event, EventLike, Property};
use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

use super::versioned::{CancelledMeeting, Versioning};
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
    let event = &summit.event;
    let tz = time_zone(summit)?;
    let stamp = dtstamp.strftime("%Y%m%dT%H%M%SZ").to_string();

    let mut header = Calendar::empty();
    header
        .append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new("PRODID", PRODID))
        .append_property(Property::new("CALSCALE", "GREGORIAN"))
        .append_property(Property::new("METHOD", "PUBLISH"))
        .name(&clean_text(&versioning.calendar_name(&event.name)))
        .append_property(Property::new("X-WR-TIMEZONE", event.timezone.as_str()));
    for (key, value) in versioning.header_properties() {
        header.append_property(Property::new(key, &value));
    }
    // icalendar 0.17 has no VTIMEZONE type, and its generic component adds
    // DTSTAMP and a random UID to whatever it writes. So the calendar is
    // written as header, zone, events, footer; every piece except the
    // VTIMEZONE still comes from icalendar.
    let mut text = String::new();
    write!(text, "{header}").map_err(render_error)?;
    let Some(mut text) = text.strip_suffix(END_CALENDAR).map(str::to_owned) else {
        return Err(ExportError::Render {
            file: super::SCHEDULE_ICS,
            detail: "icalendar did not end the calendar with END:VCALENDAR".to_owned(),
        });
    };

    let dates = || {
        (rows.iter().map(|row| row.slot.date)).chain(versioning.cancelled.iter().map(|c| c.date))
    };
    if let (Some(first), Some(last)) = (dates().min(), dates().max()) {
        let zone = vtimezone::render(&tz, &event.timezone, first, last)
            .map_err(|source| time_error(summit, format!("the dates {first} to {last}"), source))?;
        text.push_str(&zone);
    }

    let mut uids = std::collections::BTreeSet::new();
    for row in rows {
        let mut vevent = meeting_event(summit, &tz, row, &stamp, &mut uids)?;
        if let Some(sequence) = versioning.sequence_of(row.meeting.seller, row.meeting.buyer) {
            vevent.sequence(sequence);
        }
        write!(text, "{}", vevent.try_into_string().map_err(render_error)?)
            .map_err(render_error)?;
    }
    for cancelled in versioning.cancelled {
        let vevent = cancelled_event(summit, &tz, cancelled, &stamp)?;
        write!(text, "{}", vevent.try_into_string().map_err(render_error)?)
            .map_err(render_error)?;
    }
    text.push_str(END_CALENDAR);
    Ok(refold(&text))
}

/// Folds content lines so none is longer than 75 octets (RFC 5545 §3.1).
///
/// icalendar 0.17 folds too, but its last continuation line can reach 76
/// octets with multi-byte text (found by the property tests with Chinese
/// names). So its folds are undone and redone here: a continuation starts
/// with one space, which counts toward the 75, and a fold never splits a
/// UTF-8 character. Unfolding is exact because content lines never start
/// with a space, and values cannot contain a line break (icalendar escapes
/// `\n` and `clean_text` removes `\r`).
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

/// One VEVENT. `uids` holds the UIDs used so far, to keep them unique.
fn meeting_event(
    summit: &Summit,
    tz: &TimeZone,
    row: &Row<'_>,
    stamp: &str,
    uids: &mut std::collections::BTreeSet<String>,
) -> Result<Event, ExportError> {
    let event = &summit.event;
    let (seller, buyer, meeting) = (row.seller, row.buyer, row.meeting);
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
    let buyer_names = if buyer.company_zh.trim().is_empty() {
        buyer.company.clone()
    } else {
        format!("{} ({})", buyer.company, buyer.company_zh)
    };
    let description = format!(
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
    );

    Ok(Event::new()
        .uid(&clean_text(&uid))
        .add_property("DTSTAMP", stamp)
        .append_property(zoned_property("DTSTART", &start, &event.timezone))
        .append_property(zoned_property("DTEND", &end, &event.timezone))
        .summary(&clean_text(&format!(
            "Meeting: {} × {}",
            seller.company, buyer.company
        )))
        .location(&clean_text(&location))
        .description(&clean_text(&description))
        .done())
}

/// A meeting cancelled since the published version: the same UID it had,
/// a higher `SEQUENCE` and `STATUS:CANCELLED`, so calendar programs remove
/// it (RFC 5545 §3.8.1.11 and §3.8.7.4).
fn cancelled_event(
    summit: &Summit,
    tz: &TimeZone,
    cancelled: &CancelledMeeting,
    stamp: &str,
) -> Result<Event, ExportError> {
    let event = &summit.event;
    let start = local_time(summit, tz, cancelled.date, cancelled.start)?;
    let end = local_time(summit, tz, cancelled.date, cancelled.end)?;
    Ok(Event::new()
        .uid(&clean_text(&meeting_uid(
            &event.name,
            &cancelled.seller_id,
            &cancelled.buyer_id,
        )))
        .add_property("DTSTAMP", stamp)
        .append_property(zoned_property("DTSTART", &start, &event.timezone))
        .append_property(zoned_property("DTEND", &end, &event.timezone))
        .sequence(cancelled.sequence)
        .status(icalendar::EventStatus::Cancelled)
        .summary(&clean_text(&format!(
            "Cancelled: meeting {} × {}",
            cancelled.seller_company, cancelled.buyer_company
        )))
        .done())
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
fn fnv1a64(parts: &[&str]) -> u64 {
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

/// The civil time `date time` in the event's zone, as iCalendar local time.
/// Going through jiff resolves a time in a DST gap to the instant it really
/// means (02:30 on spring-forward day becomes 03:30).
fn local_time(
    summit: &Summit,
    tz: &TimeZone,
    date: Date,
    time: jiff::civil::Time,
) -> Result<String, ExportError> {
    let zoned = tz
        .to_zoned_datetime(date.to_datetime(time))
        .map_err(|source| time_error(summit, format!("{date} {time}"), source))?;
    Ok(zoned.strftime("%Y%m%dT%H%M%S").to_string())
}

fn zoned_property(key: &str, local: &str, tzid: &str) -> Property {
    Property::new(key, local).add_parameter("TZID", tzid).done()
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

fn render_error(err: std::fmt::Error) -> ExportError {
    ExportError::Render {
        file: super::SCHEDULE_ICS,
        detail: err.to_string(),
    }
}
