//! `schedule.ics`: parses back, one VEVENT per meeting with zone-local times,
//! stable UIDs, a correct VTIMEZONE, and RFC 5545 line rules.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/export_fixture.rs"]
mod fixture;

use icalendar::{Calendar, Component, EventLike};
use jiff::civil::date;
use matchslate::export::{ExportError, default_dtstamp, schedule_ics};
use matchslate::model::{Slate, Summit};

fn ics(summit: &Summit, slate: &Slate) -> String {
    let stamp = default_dtstamp(summit, slate).unwrap();
    schedule_ics(summit, slate, stamp).unwrap()
}

fn parse(text: &str) -> Calendar {
    text.parse::<Calendar>().expect("our ICS parses back")
}

/// The VTIMEZONE block, from BEGIN to END, as plain lines.
fn vtimezone(text: &str) -> Vec<&str> {
    let lines: Vec<&str> = text.split("\r\n").collect();
    let start = lines.iter().position(|l| *l == "BEGIN:VTIMEZONE").unwrap();
    let end = lines.iter().position(|l| *l == "END:VTIMEZONE").unwrap();
    lines[start..=end].to_vec()
}

#[test]
fn one_vevent_per_meeting_with_tzid_times() {
    let text = ics(&fixture::summit(), &fixture::slate());
    let calendar = parse(&text);
    let events: Vec<_> = calendar.events().collect();
    assert_eq!(events.len(), 4);

    let first = events[0];
    let dtstart = first.properties().get("DTSTART").unwrap();
    assert_eq!(dtstart.value(), "20171011T090000");
    assert_eq!(
        dtstart
            .get_param_as("TZID", |v| Some(v.to_owned()))
            .as_deref(),
        Some("America/Los_Angeles")
    );
    let dtend = first.properties().get("DTEND").unwrap();
    assert_eq!(dtend.value(), "20171011T093000");
    assert!(text.contains("DTSTART;TZID=America/Los_Angeles:20171012T090000\r\n"));
}

#[test]
fn summary_location_and_description() {
    let text = ics(&fixture::summit(), &fixture::slate());
    let calendar = parse(&text);
    let third = calendar.events().nth(2).unwrap();
    assert_eq!(
        third.get_summary(),
        Some("Meeting: Columbia Ridge Orchards × Shanghai Fresh Link Trading")
    );
    assert_eq!(
        third.get_location(),
        Some("Table 12, Seattle Convention Center")
    );
    let description = third.get_description().unwrap();
    for part in [
        "[S01]",
        "[B01]",
        "上海鲜链贸易有限公司",
        "Score: 85.0",
        "Interpreter: yes",
        "Status: proposed",
        "table 12",
    ] {
        assert!(description.contains(part), "{part:?} in {description:?}");
    }
}

#[test]
fn uids_are_unique_stable_and_follow_the_pair_not_the_slot() {
    let summit = fixture::summit();
    let slate = fixture::slate();
    let uids = |slate: &Slate| -> Vec<String> {
        parse(&ics(&summit, slate))
            .events()
            .map(|e| e.get_uid().unwrap().to_owned())
            .collect()
    };
    let first = uids(&slate);
    let mut unique = first.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 4);
    assert_eq!(first, uids(&slate));

    // Moving S01–B02 (the last meeting) to another slot keeps its UID.
    let mut moved = slate.clone();
    moved.meetings[0].slot = 5;
    assert_eq!(uids(&moved)[3], first[3]);

    // The same pair twice (never in a valid slate) still gets two UIDs.
    let mut doubled = slate.clone();
    let mut copy = doubled.meetings[0];
    copy.slot = 4;
    doubled.meetings.push(copy);
    let doubled_uids = uids(&doubled);
    assert_eq!(doubled_uids.len(), 5);
    assert_ne!(doubled_uids[3], doubled_uids[4]);
}

#[test]
fn dtstamp_is_utc_midnight_of_the_first_day_in_the_event_zone() {
    let text = ics(&fixture::summit(), &fixture::slate());
    // Midnight PDT (UTC-7) on 2017-10-11.
    assert_eq!(text.matches("DTSTAMP:20171011T070000Z\r\n").count(), 4);
}

#[test]
fn lines_follow_rfc5545() {
    let text = ics(&fixture::summit(), &fixture::slate());
    assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    assert!(!text.replace("\r\n", "").contains('\n'), "no bare LF");
    assert!(!text.replace("\r\n", "").contains('\r'), "no bare CR");
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "line over 75 octets: {line:?}");
    }
    // Exactly one VTIMEZONE, before the first event.
    assert_eq!(text.matches("BEGIN:VTIMEZONE").count(), 1);
    assert!(text.find("BEGIN:VTIMEZONE") < text.find("BEGIN:VEVENT"));
}

#[test]
fn carriage_returns_in_names_do_not_break_lines() {
    let mut summit = fixture::summit();
    summit.sellers[0].company = "Columbia\rRidge\u{7}".into();
    let text = ics(&summit, &fixture::slate());
    assert!(!text.replace("\r\n", "").contains('\r'));
    assert!(text.contains("Columbia\\nRidge "));
}

#[test]
fn vtimezone_in_summer_is_one_daylight_observance() {
    let text = ics(&fixture::summit(), &fixture::slate());
    assert_eq!(
        vtimezone(&text),
        [
            "BEGIN:VTIMEZONE",
            "TZID:America/Los_Angeles",
            "BEGIN:DAYLIGHT",
            "DTSTART:20170312T020000",
            "TZOFFSETFROM:-0800",
            "TZOFFSETTO:-0700",
            "TZNAME:PDT",
            "END:DAYLIGHT",
            "END:VTIMEZONE",
        ]
    );
}

#[test]
fn vtimezone_across_the_end_of_dst_lists_both_observances() {
    // DST ended in Los Angeles at 02:00 on Sunday 2017-11-05.
    let summit = fixture::summit_in("America/Los_Angeles", date(2017, 11, 4));
    let text = ics(&summit, &fixture::slate());
    assert_eq!(
        vtimezone(&text)[2..vtimezone(&text).len() - 1],
        [
            "BEGIN:DAYLIGHT",
            "DTSTART:20170312T020000",
            "TZOFFSETFROM:-0800",
            "TZOFFSETTO:-0700",
            "TZNAME:PDT",
            "END:DAYLIGHT",
            "BEGIN:STANDARD",
            "DTSTART:20171105T020000",
            "TZOFFSETFROM:-0700",
            "TZOFFSETTO:-0800",
            "TZNAME:PST",
            "END:STANDARD",
        ]
    );
    // Day two's meeting is in PST: 09:00 local, DTSTAMP still day one.
    assert!(text.contains("DTSTART;TZID=America/Los_Angeles:20171105T090000\r\n"));
}

#[test]
fn vtimezone_for_shanghai_and_for_a_zone_without_transitions() {
    let summit = fixture::summit_in("Asia/Shanghai", date(2017, 10, 11));
    let zone = ics(&summit, &fixture::slate());
    let lines = vtimezone(&zone);
    assert_eq!(lines[1], "TZID:Asia/Shanghai");
    assert_eq!(lines[2], "BEGIN:STANDARD");
    assert!(lines.contains(&"TZOFFSETTO:+0800"));
    assert!(zone.contains("DTSTAMP:20171010T160000Z"));

    let summit = fixture::summit_in("UTC", date(2017, 10, 11));
    let utc = ics(&summit, &fixture::slate());
    assert_eq!(
        vtimezone(&utc)[1..vtimezone(&utc).len() - 1],
        [
            "TZID:UTC",
            "BEGIN:STANDARD",
            "DTSTART:19700101T000000",
            "TZOFFSETFROM:+0000",
            "TZOFFSETTO:+0000",
            "TZNAME:UTC",
            "END:STANDARD",
        ]
    );
}

#[test]
fn a_slot_in_the_spring_forward_gap_is_moved_to_the_real_instant() {
    let mut summit = fixture::summit_in("America/Los_Angeles", date(2017, 3, 12));
    summit.slots[0].start = fixture::at(2, 30);
    summit.slots[0].end = fixture::at(3, 30);
    let text = ics(&summit, &fixture::slate());
    // 02:30 does not exist that day; jiff resolves it to 03:30 PDT.
    assert!(text.contains("DTSTART;TZID=America/Los_Angeles:20170312T033000\r\n"));
}

#[test]
fn empty_slate_gives_a_valid_calendar_without_events_or_zone() {
    let text = ics(&fixture::summit(), &Slate::default());
    assert_eq!(parse(&text).events().count(), 0);
    assert!(!text.contains("VTIMEZONE"));
}

#[test]
fn unknown_time_zone_is_an_error_naming_it() {
    let summit = fixture::summit_in("Mars/Olympus_Mons", date(2017, 10, 11));
    let stamp = jiff::Timestamp::UNIX_EPOCH;
    let err = schedule_ics(&summit, &fixture::slate(), stamp).unwrap_err();
    assert!(matches!(err, ExportError::TimeZone { .. }), "{err:?}");
    assert!(err.to_string().contains("Mars/Olympus_Mons"));
}

#[test]
fn schedule_ics_snapshot() {
    let text = ics(&fixture::summit(), &fixture::slate());
    // insta stores text with LF; CRLF is checked in `lines_follow_rfc5545`.
    insta::assert_snapshot!(text.replace("\r\n", "\n"));
}

#[test]
fn long_multibyte_names_fold_within_75_octets_and_read_back() {
    // Found by the property test: icalendar 0.17's own folding let the last
    // continuation line reach 76 octets with text like this.
    let name = "🍎,,🍎,,,,,🍎🍎,,=,,=上海鲜链上海鲜链;上海鲜链=;;;";
    let mut summit = fixture::summit();
    summit.sellers[0].company = name.into();
    let text = ics(&summit, &fixture::slate());
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "line over 75 octets: {line:?}");
    }
    let calendar = parse(&text);
    let event = calendar.events().nth(2).unwrap();
    assert_eq!(
        event.get_summary(),
        Some(format!("Meeting: {name} × Shanghai Fresh Link Trading").as_str())
    );
}
