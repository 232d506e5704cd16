//! Checking `event.json` and expanding its days into meeting slots.

use jiff::civil::{Date, Time};
use jiff::{SignedDuration, tz::TimeZone};

pub use super::check::{Checker, key};
use super::diagnostic::{Diagnostic, PathSeg};
use super::json::JsonFile;
use super::raw::{RawDay, RawEvent};
use crate::model::{Event, EventDay, Slot, TimeRange};

/// Dates are `YYYY-MM-DD` exactly; jiff does the calendar checks.
pub fn parse_date(text: &str) -> Option<Date> {
    if text.len() != 10 {
        return None;
    }
    text.parse::<Date>().ok()
}

/// Times are `HH:MM` (seconds allowed but unusual); jiff checks the ranges.
pub fn parse_time(text: &str) -> Option<Time> {
    if !(text.len() == 5 || text.len() == 8) || text.as_bytes().get(2) != Some(&b':') {
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
    if TimeZone::get(&raw.timezone).is_err() {
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
        if let Some(day) = check_day(&mut check, &path, raw_day, raw.slot_minutes) {
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
) -> Option<EventDay> {
    let at = |field: &str| [path, &[key(field)]].concat();
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
    let slots = day_slots(&day, slot_minutes, 0, 0);
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
        if unused > 0 {
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

/// Slots of one day, numbered from `first_index`.
fn day_slots(day: &EventDay, slot_minutes: u32, day_index: usize, first_index: usize) -> Vec<Slot> {
    let length = SignedDuration::from_mins(i64::from(slot_minutes));
    let mut slots = Vec::new();
    for stretch in open_stretches(day) {
        let mut start = stretch.from;
        while let Ok(end) = start.checked_add(length) {
            // checked_add refuses to pass midnight, so `end > start` holds.
            if end > stretch.to || end <= start {
                break;
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
    let mut slots = Vec::new();
    for (day_index, day) in event.days.iter().enumerate() {
        let day_slots = day_slots(day, event.slot_minutes, day_index, slots.len());
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
    fn times_and_dates_parse_strictly() {
        assert_eq!(parse_time("09:30"), Some(time(9, 30, 0, 0)));
        assert_eq!(parse_time("9:30"), None);
        assert_eq!(parse_time("25:00"), None);
        assert_eq!(parse_date("2017-02-29"), None);
        assert_eq!(parse_date("2017-10-11"), Some(date(2017, 10, 11)));
    }
}
