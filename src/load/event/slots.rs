//! A day's meeting slots: the open stretches between its breaks cut into
//! slots of the event's length, leaving out those that are not real civil
//! time in the event's zone (a daylight-saving gap or repeated hour).

use jiff::SignedDuration;
use jiff::civil::{Date, Time};
use jiff::tz::{AmbiguousOffset, TimeZone};

use crate::model::{Event, EventDay, Slot, TimeRange};

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

pub(super) fn open_minutes(day: &EventDay) -> i64 {
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
pub(super) fn changes_near(zone: &TimeZone, date: Date) -> bool {
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
pub(super) fn day_slots(
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

    /// An event of one day without breaks.
    fn one_day(d: Date, start: Time, end: Time, slot_minutes: u32) -> Event {
        event(vec![day(d, start, end, &[])], slot_minutes)
    }

    fn hm(hour: i8, minute: i8) -> Time {
        time(hour, minute, 0, 0)
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
        let e = one_day(date(2020, 1, 1), hm(9, 0), hm(10, 10), 30);
        let slots = expand_slots(&e);
        assert_eq!(slots.len(), 2);
        assert_eq!(slots[1].end, time(10, 0, 0, 0));
    }

    #[test]
    fn a_slot_never_crosses_midnight() {
        let e = one_day(date(2020, 1, 1), hm(23, 0), hm(23, 59), 45);
        let slots = expand_slots(&e);
        assert_eq!(slots.len(), 1);
    }

    #[test]
    fn no_slot_starts_ends_or_stretches_in_a_clock_change() {
        // Spring forward in Los Angeles: 02:00-02:59 does not exist.
        let spring = one_day(date(2017, 3, 12), hm(1, 0), hm(4, 0), 20);
        let starts: Vec<Time> = expand_slots(&spring).iter().map(|s| s.start).collect();
        assert_eq!(
            starts,
            [hm(1, 0), hm(1, 20), hm(3, 0), hm(3, 20), hm(3, 40)]
        );
        // Fall back: 01:00-01:59 happens twice; the slot from 01:40 to
        // 02:00 would last 80 minutes, so it is left out.
        let autumn = one_day(date(2017, 11, 5), hm(0, 0), hm(3, 0), 20);
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
}
