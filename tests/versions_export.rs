//! Files exported from a stored slate version: CSVs with `slate` and
//! `published` columns, an ICS whose name and X- properties carry the
//! version, a SEQUENCE per event and cancelled meetings with
//! STATUS:CANCELLED under their old UID.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/export_fixture.rs"]
mod fixture;

use std::collections::HashMap;

use icalendar::{Calendar, Component};
use matchslate::export::{CancelledMeeting, SlateStamp, Versioning, write_version};

fn versioned_export(published: bool) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let summit = fixture::summit();
    let slate = fixture::slate();
    // S01·B02 moved twice; S02·B01 once; others never.
    let sequences: HashMap<(usize, usize), u32> = [((0, 1), 2), ((1, 0), 1)].into();
    let cancelled = vec![CancelledMeeting {
        seller_id: "S03".into(),
        seller_company: "Idle Valley Farms".into(),
        buyer_id: "B03".into(),
        buyer_company: "Chengdu Quiet Imports".into(),
        date: jiff::civil::date(2017, 10, 12),
        start: fixture::at(10, 0),
        end: fixture::at(10, 30),
        sequence: 3,
    }];
    let versioning = Versioning {
        stamp: Some(SlateStamp {
            version: 7,
            published,
        }),
        sequences: Some(&sequences),
        cancelled: &cancelled,
    };
    let stamp: jiff::Timestamp = "2017-09-01T12:00:00Z".parse().unwrap();
    write_version(dir.path(), &summit, &slate, &versioning, stamp).expect("export");
    let ics = std::fs::read_to_string(dir.path().join("schedule.ics")).expect("ics");
    (dir, ics)
}

#[test]
fn every_csv_ends_with_slate_and_published_columns() {
    let (dir, _) = versioned_export(true);
    for file in ["schedule.csv", "sellers.csv", "buyers.csv"] {
        let mut reader = csv::Reader::from_path(dir.path().join(file)).expect(file);
        let headers = reader.headers().expect("headers").clone();
        let n = headers.len();
        assert_eq!(
            (&headers[n - 2], &headers[n - 1]),
            ("slate", "published"),
            "{file}"
        );
        let mut rows = 0;
        for record in reader.records() {
            let record = record.expect("record");
            assert_eq!(record.len(), n, "{file}");
            assert_eq!((&record[n - 2], &record[n - 1]), ("7", "yes"), "{file}");
            rows += 1;
        }
        assert!(rows > 0, "{file}");
    }
    // The columns before them are those of a plain export, so the schedule
    // header starts exactly as documented.
    let text = std::fs::read_to_string(dir.path().join("schedule.csv")).expect("csv");
    assert!(text.starts_with(&format!(
        "{},slate,published\n",
        matchslate::export::SCHEDULE_HEADER.join(",")
    )));
    // The itineraries keep their byte-order mark.
    let bytes = std::fs::read(dir.path().join("buyers.csv")).expect("bytes");
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
}

#[test]
fn the_calendar_names_its_version_and_sequences_its_events() {
    let (_dir, text) = versioned_export(false);
    let calendar: Calendar = text.parse().expect("parses with icalendar");
    let name = calendar.property_value("X-WR-CALNAME").expect("name");
    assert_eq!(name, "Pacific Agri-Food Trade Summit (slate 7, draft)");
    assert_eq!(calendar.property_value("X-MATCHSLATE-SLATE"), Some("7"));
    assert_eq!(
        calendar.property_value("X-MATCHSLATE-PUBLISHED"),
        Some("no")
    );

    let by_uid: HashMap<&str, &icalendar::Event> = calendar
        .events()
        .map(|e| (e.get_uid().expect("uid"), e))
        .collect();
    assert_eq!(by_uid.len(), 5, "four meetings and one cancellation");
    let sequence = |prefix: &str| {
        let (_, event) = by_uid
            .iter()
            .find(|(uid, _)| uid.starts_with(prefix))
            .unwrap_or_else(|| panic!("no event {prefix}"));
        event.get_sequence()
    };
    assert_eq!(sequence("S01-B02-"), Some(2));
    assert_eq!(sequence("S02-B01-"), Some(1));
    assert_eq!(sequence("S01-B01-"), Some(0));
    let (_, cancelled) = by_uid
        .iter()
        .find(|(uid, _)| uid.starts_with("S03-B03-"))
        .expect("the cancelled meeting");
    assert_eq!(
        cancelled.get_status(),
        Some(icalendar::EventStatus::Cancelled)
    );
    assert_eq!(cancelled.get_sequence(), Some(3));
    assert!(text.contains("DTSTART;TZID=America/Los_Angeles:20171012T100000\r\n"));
    // DTSTAMP is the version's time, so calendars see the update as newer.
    assert!(text.contains("DTSTAMP:20170901T120000Z\r\n"));
}
