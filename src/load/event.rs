//! Checking `event.json` and expanding its days into meeting slots.

use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;

pub use super::check::{Checker, key};
use super::common::has_unsafe_chars;
use super::diagnostic::{Diagnostic, PathSeg};
use super::json::JsonFile;
use super::limits::{FieldKind, MAX_BREAKS, MAX_DAYS, YEARS, too_long, too_many};
use super::raw::{RawDay, RawEvent};
use crate::model::{Event, EventDay, TimeRange};

mod slots;

pub use slots::expand_slots;
use slots::{changes_near, day_slots, open_minutes};

/// Dates are `YYYY-MM-DD` exactly, in the years [`YEARS`]; jiff does the
/// calendar checks.
pub fn parse_date(text: &str) -> Option<Date> {
    if text.len() != 10 {
        return None;
    }
    text.parse::<Date>()
        .ok()
        .filter(|d| YEARS.contains(&d.year()))
}

/// Times are `HH:MM` exactly: slots start on whole minutes, so seconds are
/// refused rather than silently dropped. jiff checks the ranges.
pub fn parse_time(text: &str) -> Option<Time> {
    if text.len() != 5 || text.as_bytes().get(2) != Some(&b':') {
        return None;
    }
    text.parse::<Time>().ok()
}

pub fn check_event(
    file: &JsonFile,
    raw: RawEvent,
    problems: &mut Vec<Diagnostic>,
) -> Option<Event> {
    let mut check = Checker {
        file,
        base: 0,
        prefix: Vec::new(),
        problems,
    };
    let errors_before = check.problems.iter().filter(|p| p.is_error()).count();
    if raw.name.trim().is_empty() {
        check.error(
            &[key("name")],
            "the event name is empty",
            "give the event a name",
        );
    }
    for (field, text, kind) in [
        ("name", &raw.name, FieldKind::Name),
        ("venue", &raw.venue, FieldKind::Name),
        ("timezone", &raw.timezone, FieldKind::Term),
    ] {
        if let Some(message) = too_long(text, kind) {
            check.error(&[key(field)], message, "shorten it");
        } else if has_unsafe_chars(text) {
            check.error(
                &[key(field)],
                format!(
                    "contains a control character, escape sequence or invisible character: {text:?}"
                ),
                "remove the invisible characters (often pasted from a terminal or a document)",
            );
        }
    }
    if let Some(message) = too_many(raw.days.len(), MAX_DAYS, "days") {
        check.error(
            &[key("days"), PathSeg::Index(MAX_DAYS)],
            message,
            "split the event into several summits",
        );
        return None;
    }
    let zone = TimeZone::get(&raw.timezone).ok();
    if zone.is_none() {
        check.error(
            &[key("timezone")],
            format!("unknown time zone \"{}\"", raw.timezone),
            "use an IANA time-zone name such as America/Los_Angeles or Asia/Shanghai",
        );
    }
    if raw.slot_minutes == 0 || raw.slot_minutes > 24 * 60 {
        check.error(
            &[key("slot_minutes")],
            format!(
                "expected a slot length between 1 and 1440 minutes, found {}",
                raw.slot_minutes
            ),
            "one-to-one meetings usually last 15 to 30 minutes",
        );
    }
    if raw.tables == 0 {
        check.error(
            &[key("tables")],
            "expected at least 1 table, found 0",
            "set tables to the number of meeting tables in the room",
        );
    }
    if raw.default_max_meetings == 0 {
        check.warning(
            &[key("default_max_meetings")],
            "default_max_meetings is 0: participants without their own limit get no meetings",
            "set it to the usual number of meetings per participant, e.g. 8",
        );
    }
    if raw.days.is_empty() {
        check.error(
            &[key("days")],
            "the event has no days",
            "add at least one day",
        );
    }
    let mut days: Vec<EventDay> = Vec::new();
    for (i, raw_day) in raw.days.iter().enumerate() {
        let path = [key("days"), PathSeg::Index(i)];
        if let Some(day) = check_day(&mut check, &path, raw_day, raw.slot_minutes, zone.as_ref()) {
            if let Some(previous) = days.iter().position(|d| d.date == day.date) {
                check.error(
                    &[key("days"), PathSeg::Index(i), key("date")],
                    format!("day {} appears twice (also days[{previous}])", day.date),
                    "merge the two entries into one day",
                );
            }
            days.push(day);
        }
    }
    days.sort_by_key(|d| d.date);
    let errors_after = check.problems.iter().filter(|p| p.is_error()).count();
    (errors_after == errors_before).then_some(Event {
        name: raw.name,
        venue: raw.venue,
        timezone: raw.timezone,
        days,
        slot_minutes: raw.slot_minutes,
        tables: raw.tables,
        interpreters: raw.interpreters,
        default_max_meetings: raw.default_max_meetings,
    })
}

fn check_day(
    check: &mut Checker,
    path: &[PathSeg],
    raw: &RawDay,
    slot_minutes: u32,
    zone: Option<&TimeZone>,
) -> Option<EventDay> {
    let at = |field: &str| [path, &[key(field)]].concat();
    if let Some(message) = too_many(raw.breaks.len(), MAX_BREAKS, "breaks") {
        check.error(
            &[path, &[key("breaks"), PathSeg::Index(MAX_BREAKS)]].concat(),
            message,
            "merge breaks that follow each other",
        );
        return None;
    }
    let date = check.date(&at("date"), &raw.date);
    let start = check.time(&at("start"), &raw.start);
    let end = check.time(&at("end"), &raw.end);
    let (date, start, end) = (date?, start?, end?);
    let (from, to) = ((raw.start.as_str(), start), (raw.end.as_str(), end));
    let hint = "end must be later than start on the same day";
    if !runs_forward(check, &at("end"), "day", from, to, hint) {
        return None;
    }
    let mut breaks = Vec::new();
    for (i, raw_break) in raw.breaks.iter().enumerate() {
        let break_path = [path, &[key("breaks"), PathSeg::Index(i)]].concat();
        let from = check.time(&[&break_path[..], &[key("from")]].concat(), &raw_break.from);
        let to = check.time(&[&break_path[..], &[key("to")]].concat(), &raw_break.to);
        let (Some(from), Some(to)) = (from, to) else {
            continue;
        };
        let span = ((raw_break.from.as_str(), from), (raw_break.to.as_str(), to));
        let hint = "a break's `to` must be later than its `from`";
        if !runs_forward(check, &break_path, "break", span.0, span.1, hint) {
            continue;
        }
        if from < start || to > end {
            check.error(
                &break_path,
                format!(
                    "the break {}-{} is outside the day {}-{}",
                    raw_break.from, raw_break.to, raw.start, raw.end
                ),
                "move the break inside the day's opening hours or remove it",
            );
        } else if let Some(other) = breaks
            .iter()
            .find(|b: &&TimeRange| from < b.to && b.from < to)
        {
            check.error(
                &break_path,
                format!(
                    "the break {}-{} overlaps the break {}-{}",
                    raw_break.from, raw_break.to, other.from, other.to
                ),
                "merge overlapping breaks into one",
            );
        } else {
            breaks.push(TimeRange { from, to });
        }
    }
    breaks.sort_by_key(|b| b.from);
    let day = EventDay {
        date,
        start,
        end,
        breaks,
    };
    if slot_minutes == 0 {
        return Some(day);
    }
    let slots = day_slots(&day, slot_minutes, zone, 0, 0);
    let skipped = match zone {
        Some(zone) if changes_near(zone, date) => {
            day_slots(&day, slot_minutes, None, 0, 0).len() - slots.len()
        }
        _ => 0,
    };
    if skipped > 0 {
        check.warning(
            path,
            format!(
                "{skipped} slot(s) on {date} would start, end or lose time in a daylight-saving \
                 change and are left out"
            ),
            "move the day's hours away from the clock change if those slots are needed",
        );
    }
    if slots.is_empty() {
        check.error(
            path,
            format!(
                "no {slot_minutes}-minute slot fits between {} and {} and its breaks",
                raw.start, raw.end
            ),
            "shorten slot_minutes or lengthen the day",
        );
    } else {
        let unused = open_minutes(&day) - slots.len() as i64 * i64::from(slot_minutes);
        if unused > 0 && skipped == 0 {
            check.warning(
                path,
                format!(
                    "{unused} minutes of this day are too short for a {slot_minutes}-minute slot and stay unused"
                ),
                "align the day's start, end and breaks to the slot length",
            );
        }
    }
    Some(day)
}

/// True when a day or a break (`what`) ends after it starts; otherwise an
/// error at `path` says so, with the times as written, and `hint`. `from`
/// and `to` are each the text as written and the time read from it.
fn runs_forward(
    check: &mut Checker,
    path: &[PathSeg],
    what: &str,
    from: (&str, Time),
    to: (&str, Time),
    hint: &str,
) -> bool {
    if to.1 > from.1 {
        return true;
    }
    check.error(
        path,
        format!("the {what} ends at {} before it starts at {}", to.0, from.0),
        hint,
    );
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::{date, time};

    #[test]
    fn times_and_dates_parse_strictly() {
        assert_eq!(parse_time("09:30"), Some(time(9, 30, 0, 0)));
        assert_eq!(parse_time("9:30"), None);
        assert_eq!(parse_time("25:00"), None);
        assert_eq!(parse_time("09:00:30"), None);
        assert_eq!(parse_time("09:00:60"), None);
        assert_eq!(parse_date("9999-12-31"), None);
        assert_eq!(parse_date("1969-12-31"), None);
        assert_eq!(parse_date("2017-02-29"), None);
        assert_eq!(parse_date("2017-10-11"), Some(date(2017, 10, 11)));
    }
}
