//! The CSV files: exact header, cell content, order, spreadsheet safety,
//! quoting and the itineraries' "no meetings" rows.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/export_fixture.rs"]
mod fixture;

use matchslate::export::{
    BUYERS_HEADER, SCHEDULE_HEADER, SELLERS_HEADER, buyers_csv, neutralise, schedule_csv,
    sellers_csv,
};
use matchslate::model::Slate;

const BOM: &str = "\u{feff}";

fn text(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).expect("CSV output is UTF-8")
}

/// Parses CSV text back with the csv crate: header plus records.
fn parse(csv_text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let header = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.expect("record").iter().map(str::to_owned).collect())
        .collect();
    (header, rows)
}

#[test]
fn schedule_header_is_exact_and_has_no_bom() {
    let out = text(schedule_csv(&fixture::summit(), &fixture::slate()).unwrap());
    let first_line = out.lines().next().unwrap();
    assert_eq!(
        first_line,
        "day,start,end,slot,table,seller_id,seller_company,buyer_id,buyer_company,score,interpreter,status"
    );
    assert_eq!(first_line, SCHEDULE_HEADER.join(","));
}

#[test]
fn schedule_rows_are_sorted_by_slot_then_table_with_one_based_numbers() {
    let out = text(schedule_csv(&fixture::summit(), &fixture::slate()).unwrap());
    let (_, rows) = parse(&out);
    let when: Vec<_> = rows
        .iter()
        .map(|r| {
            (
                r[0].as_str(),
                r[1].as_str(),
                r[2].as_str(),
                r[3].as_str(),
                r[4].as_str(),
            )
        })
        .collect();
    assert_eq!(
        when,
        [
            ("2017-10-11", "09:00", "09:30", "1", "4"),
            ("2017-10-11", "09:30", "10:00", "2", "3"),
            ("2017-10-11", "09:30", "10:00", "2", "12"),
            ("2017-10-12", "09:00", "09:30", "4", "1"),
        ]
    );
}

#[test]
fn schedule_row_content() {
    let out = text(schedule_csv(&fixture::summit(), &fixture::slate()).unwrap());
    let (_, rows) = parse(&out);
    // Slot 2, table 12: Columbia Ridge Orchards with Shanghai Fresh Link.
    assert_eq!(
        rows[2],
        [
            "2017-10-11",
            "09:30",
            "10:00",
            "2",
            "12",
            "S01",
            "Columbia Ridge Orchards",
            "B01",
            "Shanghai Fresh Link Trading",
            "85.0",
            "yes",
            "proposed"
        ]
    );
    // Score rounded to one decimal; interpreter no; locked / accepted.
    assert_eq!(rows[0][9..], ["72.3", "no", "accepted"]);
    assert_eq!(rows[3][9..], ["60.5", "no", "locked"]);
}

#[test]
fn formula_like_cells_are_neutralised_and_numbers_are_not() {
    let out = text(schedule_csv(&fixture::summit(), &fixture::slate()).unwrap());
    let (_, rows) = parse(&out);
    assert_eq!(rows[0][6], "'=HYPERLINK(\"http://evil.example\",\"click\")");
    assert!(rows.iter().all(|r| r[9].parse::<f64>().is_ok()));

    for dangerous in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
        assert_eq!(neutralise(dangerous), format!("'{dangerous}"));
    }
    for harmless in ["Acme", "", "1-2", "a=b", " =1", "上海"] {
        assert_eq!(neutralise(harmless), harmless);
    }
}

#[test]
fn ids_are_neutralised_too() {
    let mut summit = fixture::summit();
    summit.sellers[0].id = "-S01".into();
    summit.buyers[0].id = "@B01".into();
    let out = text(schedule_csv(&summit, &fixture::slate()).unwrap());
    let (_, rows) = parse(&out);
    assert_eq!(
        (rows[2][5].as_str(), rows[2][7].as_str()),
        ("'-S01", "'@B01")
    );
}

#[test]
fn commas_quotes_and_newlines_round_trip() {
    let out = text(schedule_csv(&fixture::summit(), &fixture::slate()).unwrap());
    assert!(out.contains("\"Guangzhou \"\"Golden\"\" Foods, Ltd.\nImport Dept\""));
    let (_, rows) = parse(&out);
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[1][8], "Guangzhou \"Golden\" Foods, Ltd.\nImport Dept");
    assert!(rows.iter().all(|r| r.len() == SCHEDULE_HEADER.len()));
}

#[test]
fn sellers_itinerary_lists_meetings_in_time_order_and_idle_sellers() {
    let out = text(sellers_csv(&fixture::summit(), &fixture::slate()).unwrap());
    assert!(out.starts_with(BOM), "itineraries carry a BOM for Excel");
    let (header, rows) = parse(&out);
    assert_eq!(header, SELLERS_HEADER);
    let summary: Vec<_> = rows
        .iter()
        .map(|r| (r[0].as_str(), r[5].as_str(), r[7].as_str(), r[12].as_str()))
        .collect();
    assert_eq!(
        summary,
        [
            ("S01", "2", "B01", "proposed"),
            ("S01", "4", "B02", "locked"),
            ("S02", "1", "B01", "accepted"),
            ("S02", "2", "B02", "proposed"),
            ("S03", "", "", "no meetings"),
        ]
    );
    assert_eq!(rows[2][1], "'=HYPERLINK(\"http://evil.example\",\"click\")");
    // Buyer counterparts carry both names.
    assert_eq!(
        rows[0][8..10],
        ["Shanghai Fresh Link Trading", "上海鲜链贸易有限公司"]
    );
    // The idle seller's row is complete: id and name, empty meeting cells.
    assert_eq!(rows[4][1], "Idle Valley Farms");
    assert!(rows[4][2..12].iter().all(String::is_empty));
}

#[test]
fn buyers_itinerary_lists_meetings_in_time_order_and_idle_buyers() {
    let out = text(buyers_csv(&fixture::summit(), &fixture::slate()).unwrap());
    assert!(out.starts_with(BOM));
    let (header, rows) = parse(&out);
    assert_eq!(header, BUYERS_HEADER);
    let summary: Vec<_> = rows
        .iter()
        .map(|r| {
            (
                r[0].as_str(),
                r[2].as_str(),
                r[3].as_str(),
                r[4].as_str(),
                r[8].as_str(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("B01", "上海鲜链贸易有限公司", "2017-10-11", "09:00", "S02"),
            ("B01", "上海鲜链贸易有限公司", "2017-10-11", "09:30", "S01"),
            ("B02", "广州金色食品有限公司", "2017-10-11", "09:30", "S02"),
            ("B02", "广州金色食品有限公司", "2017-10-12", "09:00", "S01"),
            ("B03", "成都静进口有限公司", "", "", ""),
        ]
    );
    assert_eq!(rows[1][7], "12", "1-based table");
    assert_eq!(rows[1][9], "Columbia Ridge Orchards");
    assert_eq!(rows[4][12], "no meetings");
}

#[test]
fn empty_slate_gives_header_only_schedule_and_all_idle_itineraries() {
    let summit = fixture::summit();
    let empty = Slate::default();
    let out = text(schedule_csv(&summit, &empty).unwrap());
    assert_eq!(out, format!("{}\n", SCHEDULE_HEADER.join(",")));
    let (_, rows) = parse(&text(buyers_csv(&summit, &empty).unwrap()));
    assert_eq!(rows.len(), summit.buyers.len());
    assert!(rows.iter().all(|r| r[12] == "no meetings"));
}

#[test]
fn meeting_order_in_the_slate_does_not_change_the_bytes() {
    let summit = fixture::summit();
    let slate = fixture::slate();
    let mut reversed = slate.clone();
    reversed.meetings.reverse();
    assert_eq!(
        schedule_csv(&summit, &slate).unwrap(),
        schedule_csv(&summit, &reversed).unwrap()
    );
    assert_eq!(
        sellers_csv(&summit, &slate).unwrap(),
        sellers_csv(&summit, &reversed).unwrap()
    );
}

#[test]
fn schedule_csv_snapshot() {
    let out = text(schedule_csv(&fixture::summit(), &fixture::slate()).unwrap());
    insta::assert_snapshot!(out);
}
