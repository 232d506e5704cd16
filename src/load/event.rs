//! Checking `event.json` and expanding its days into meeting slots.

use jiff::SignedDuration;
use jiff::civil::{Date, Time};
use jiff::tz::{AmbiguousOffset, TimeZone};

pub use super::check::{Checker, key};
use super::diagnostic::{Diagnostic, PathSeg};
use super::json::JsonFile;
use super::limits::{FieldKind, MAX_BREAKS, MAX_DAYS, YEARS, too_long, too_many};
use super::participants::has_unsafe_chars;
use super::raw::{RawDay, RawEvent};
use crate::model::{Event, EventDay, Slot, TimeRange};

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
    if end <= start {
        check.error(
            &at("end"),
            format!(
                "the day ends at {} before it starts at {}",
                raw.end, raw.start
            ),
            "end must be later than start on the same day",
        );
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
        if to <= from {
            check.error(
                &break_path,
                format!(
                    "the break ends at {} before it starts at {}",
                    raw_break.to, raw_break.from
                ),
                "a break's `to` must be later than its `from`",
            );
        } else if from < start || to > end {
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

/// The stretches of a day between its breaks.
fn open_stretches(day: &EventDay) -> Vec<TimeRange> {
    let mut stretches = Vec::new();
    let mut from = day.start;
    for b in &day.breaks {
        if b.from > from {
            stretches.push(TimeRange { from, to: b.from });
        }
        from = from.max(b.to);
    }
    if day.end > from {
        stretches.push(TimeRange { from, to: day.end });
    }
    stretches
}

fn open_minutes(day: &EventDay) -> i64 {
    open_stretches(day)
        .iter()
        .map(|r| (r.to - r.from).get_minutes())
        .sum()
}

/// True when the slot `start`-`end` on `date` is real civil time in
/// `zone`: neither end falls in a daylight-saving gap (02:30 on
/// spring-forward day does not exist) and the meeting lasts exactly `length`
/// (a slot straddling a fall-back change would last an hour longer). An
/// ambiguous time in the repeated hour resolves as jiff's `compatible` does,
/// to its first occurrence; exports label it with that offset.
fn is_real_time(
    zone: &TimeZone,
    date: Date,
    start: Time,
    end: Time,
    length: SignedDuration,
) -> bool {
    let instant = |time: Time| {
        let ambiguous = zone.to_ambiguous_timestamp(date.to_datetime(time));
        if matches!(ambiguous.offset(), AmbiguousOffset::Gap { .. }) {
            return None;
        }
        ambiguous.compatible().ok()
    };
    match (instant(start), instant(end)) {
        (Some(from), Some(to)) => to.duration_since(from) == length,
        _ => false,
    }
}

/// True when `zone` changes its offset within a day of `date` (either
/// side), so that some civil time of `date` may be skipped or repeated. Most
/// days have none, and their slots need no further check.
fn changes_near(zone: &TimeZone, date: Date) -> bool {
    let Ok(midnight) = zone
        .to_ambiguous_timestamp(date.to_datetime(Time::midnight()))
        .compatible()
    else {
        return true;
    };
    let day = SignedDuration::from_hours(24);
    let (Ok(from), Ok(to)) = (midnight.checked_sub(day), midnight.checked_add(day * 2)) else {
        return true;
    };
    zone.following(from)
        .next()
        .is_some_and(|change| change.timestamp() <= to)
}

/// Slots of one day, numbered from `first_index`. With a `zone`, slots
/// that are not real civil time there (see [`is_real_time`]) are left out.
fn day_slots(
    day: &EventDay,
    slot_minutes: u32,
    zone: Option<&TimeZone>,
    day_index: usize,
    first_index: usize,
) -> Vec<Slot> {
    let length = SignedDuration::from_mins(i64::from(slot_minutes));
    let zone = zone.filter(|zone| changes_near(zone, day.date));
    let mut slots = Vec::new();
    for stretch in open_stretches(day) {
        let mut start = stretch.from;
        while let Ok(end) = start.checked_add(length) {
            // checked_add refuses to pass midnight, so `end > start` holds.
            if end > stretch.to || end <= start {
                break;
            }
            if zone.is_some_and(|zone| !is_real_time(zone, day.date, start, end, length)) {
                start = end;
                continue;
            }
            slots.push(Slot {
                index: first_index + slots.len(),
                day: day_index,
                date: day.date,
                start,
                end,
            });
            start = end;
        }
    }
    slots
}

/// Every meeting slot of the event in time order, honouring breaks.
pub fn expand_slots(event: &Event) -> Vec<Slot> {
    let zone = TimeZone::get(&event.timezone).ok();
    let mut slots = Vec::new();
    for (day_index, day) in event.days.iter().enumerate() {
        let day_slots = day_slots(
            day,
            event.slot_minutes,
            zone.as_ref(),
            day_index,
            slots.len(),
        );
        slots.extend(day_slots);
    }
    slots
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::{date, time};

    fn day(d: Date, start: Time, end: Time, breaks: &[(Time, Time)]) -> EventDay {
        EventDay {
            date: d,
            start,
            end,
            breaks: breaks
                .iter()
                .map(|&(from, to)| TimeRange { from, to })
                .collect(),
        }
    }

    fn event(days: Vec<EventDay>, slot_minutes: u32) -> Event {
        Event {
            name: "t".into(),
            venue: String::new(),
            timezone: "America/Los_Angeles".into(),
            days,
            slot_minutes,
            tables: 1,
            interpreters: 0,
            default_max_meetings: 8,
        }
    }

    #[test]
    fn the_issue_example_gives_39_slots() {
        let e = event(
            vec![
                day(
                    date(2017, 10, 11),
                    time(9, 0, 0, 0),
                    time(17, 0, 0, 0),
                    &[(time(12, 0, 0, 0), time(13, 0, 0, 0))],
                ),
                day(date(2017, 10, 12), time(9, 0, 0, 0), time(15, 0, 0, 0), &[]),
            ],
            20,
        );
        let slots = expand_slots(&e);
        assert_eq!(slots.len(), 39);
        assert_eq!(slots.iter().filter(|s| s.day == 0).count(), 21);
        // No slot of the first day touches its lunch break; indices run in
        // time order.
        assert!(
            slots
                .iter()
                .filter(|s| s.day == 0)
                .all(|s| s.end <= time(12, 0, 0, 0) || s.start >= time(13, 0, 0, 0))
        );
        assert_eq!(slots[8].end, time(12, 0, 0, 0));
        assert_eq!(slots[9].start, time(13, 0, 0, 0));
        assert!(slots.iter().enumerate().all(|(i, s)| s.index == i));
        assert_eq!(slots[21].date, date(2017, 10, 12));
    }

    #[test]
    fn leftover_minutes_make_no_partial_slot() {
        // 09:00-10:10 with 30-minute slots: two slots, 10 minutes unused.
        let e = event(
            vec![day(
                date(2020, 1, 1),
                time(9, 0, 0, 0),
                time(10, 10, 0, 0),
                &[],
            )],
            30,
        );
        let slots = expand_slots(&e);
        assert_eq!(slots.len(), 2);
        assert_eq!(slots[1].end, time(10, 0, 0, 0));
    }

    #[test]
    fn a_slot_never_crosses_midnight() {
        let e = event(
            vec![day(
                date(2020, 1, 1),
                time(23, 0, 0, 0),
                time(23, 59, 0, 0),
                &[],
            )],
            45,
        );
        let slots = expand_slots(&e);
        assert_eq!(slots.len(), 1);
    }

    #[test]
    fn no_slot_starts_ends_or_stretches_in_a_clock_change() {
        // Spring forward in Los Angeles: 02:00-02:59 does not exist.
        let spring = event(
            vec![day(
                date(2017, 3, 12),
                time(1, 0, 0, 0),
                time(4, 0, 0, 0),
                &[],
            )],
            20,
        );
        let starts: Vec<Time> = expand_slots(&spring).iter().map(|s| s.start).collect();
        let hm = |h, m| time(h, m, 0, 0);
        assert_eq!(
            starts,
            [hm(1, 0), hm(1, 20), hm(3, 0), hm(3, 20), hm(3, 40)]
        );
        // Fall back: 01:00-01:59 happens twice; the slot from 01:40 to
        // 02:00 would last 80 minutes, so it is left out.
        let autumn = event(
            vec![day(
                date(2017, 11, 5),
                time(0, 0, 0, 0),
                time(3, 0, 0, 0),
                &[],
            )],
            20,
        );
        let starts: Vec<Time> = expand_slots(&autumn).iter().map(|s| s.start).collect();
        assert_eq!(starts.len(), 8);
        assert!(!starts.contains(&hm(1, 40)));
        assert!(starts.contains(&hm(1, 20)) && starts.contains(&hm(2, 0)));
        // Indices stay dense.
        assert!(
            expand_slots(&autumn)
                .iter()
                .enumerate()
                .all(|(i, s)| s.index == i)
        );
    }

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
