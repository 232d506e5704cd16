//! Property tests: whatever participants type, the CSV reads back to what
//! they typed (plus the neutralising quote) and the calendar stays valid.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/export_fixture.rs"]
mod fixture;

use icalendar::{Calendar, Component};
use matchslate::export::{default_dtstamp, schedule_csv, schedule_ics};
use proptest::prelude::*;

/// Text with the awkward parts over-represented: separators, quotes, line
/// breaks, formula starters, CJK and emoji (multi-byte, for line folding).
fn awkward_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just(",".to_owned()),
            Just("\"".to_owned()),
            Just(";".to_owned()),
            Just("\\".to_owned()),
            Just("\n".to_owned()),
            Just("\r\n".to_owned()),
            Just("=".to_owned()),
            Just("-".to_owned()),
            Just("@".to_owned()),
            Just("上海鲜链".to_owned()),
            Just("🍎".to_owned()),
            "[ -~]{0,12}",
        ],
        0..30,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn csv_cells_read_back_as_written(seller in awkward_text(), buyer in awkward_text()) {
        let mut summit = fixture::summit();
        summit.sellers[0].company = seller.clone();
        summit.buyers[0].company = buyer.clone();
        let bytes = schedule_csv(&summit, &fixture::slate()).unwrap();
        let mut reader = csv::Reader::from_reader(bytes.as_slice());
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        prop_assert_eq!(rows.len(), 4);
        // Row 3 (slot 2, table 12) is S01 with B01.
        let expect = |text: &str| {
            if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                format!("'{text}")
            } else {
                text.to_owned()
            }
        };
        prop_assert_eq!(rows[2][6].to_owned(), expect(&seller));
        prop_assert_eq!(rows[2][8].to_owned(), expect(&buyer));
    }

    #[test]
    fn calendar_stays_well_formed(seller in awkward_text(), venue in awkward_text()) {
        let mut summit = fixture::summit();
        summit.sellers[0].company = seller.clone();
        summit.event.venue = venue;
        let slate = fixture::slate();
        let text = schedule_ics(&summit, &slate, default_dtstamp(&summit, &slate).unwrap()).unwrap();
        let body = text.replace("\r\n", "");
        prop_assert!(!body.contains('\r') && !body.contains('\n'));
        for line in text.split("\r\n") {
            prop_assert!(line.len() <= 75, "line over 75 octets: {:?}", line);
        }
        let calendar: Calendar = text.parse().unwrap();
        prop_assert_eq!(calendar.events().count(), 4);
        let event = calendar.events().nth(2).unwrap();
        // Line breaks in names come back as `\n`; the rest is unchanged.
        let expected = format!(
            "Meeting: {} × Shanghai Fresh Link Trading",
            seller.replace("\r\n", "\n").replace('\r', "\n")
        );
        prop_assert_eq!(event.get_summary(), Some(expected.as_str()));
        prop_assert!(event.properties().contains_key("DTSTART"));
    }
}
