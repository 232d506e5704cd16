//! The VEVENTs of `schedule.ics`: one per meeting, one per meeting
//! cancelled since the published version, and their stable UIDs.

use jiff::civil::Date;
use jiff::tz::{AmbiguousOffset, TimeZone};

use super::lines::{line, text_line};
use super::time_error;
use crate::export::versioned::CancelledMeeting;
use crate::export::{ExportError, Row, format_score, yes_no};
use crate::model::Summit;

/// What one event's lines carry besides the row itself.
#[derive(Clone, Copy)]
pub(super) struct EventText<'a> {
    pub(super) stamp: &'a str,
    pub(super) description: &'a str,
    /// Present when the export comes from a stored version.
    pub(super) sequence: Option<u32>,
}

/// A meeting cancelled since the published version: the same UID it had,
/// a higher `SEQUENCE` and `STATUS:CANCELLED`, so calendar programs remove
/// it (RFC 5545 §3.8.1.11 and §3.8.7.4).
pub(super) fn cancelled_event(
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
    text_line(text, "SUMMARY", &summary);
    text_line(text, "UID", &uid);
    line(text, "END", "", "VEVENT");
    Ok(())
}

/// One VEVENT. `uids` holds the UIDs used so far, to keep them unique.
pub(super) fn meeting_event(
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
    text_line(text, "DESCRIPTION", description);
    line(text, "DTEND", &end.params, &end.value);
    line(text, "DTSTAMP", "", stamp);
    line(text, "DTSTART", &start.params, &start.value);
    text_line(text, "LOCATION", &location);
    if let Some(sequence) = sequence {
        line(text, "SEQUENCE", "", &sequence.to_string());
    }
    let summary = format!("Meeting: {} × {}", seller.company, buyer.company);
    text_line(text, "SUMMARY", &summary);
    text_line(text, "UID", &uid);
    line(text, "END", "", "VEVENT");
    Ok(())
}

/// What staff read in `schedule.ics`: ids, slot, score and status.
pub(super) fn staff_description(row: &Row<'_>) -> String {
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
pub(crate) fn fnv1a64(parts: &[&str]) -> u64 {
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
