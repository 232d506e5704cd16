//! Change notices: one per affected participant, nobody else; the CSV for
//! organisers; English for everyone and Chinese too for buyers who read it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/export_fixture.rs"]
mod fixture;

use jiff::civil::date;
use matchslate::export::{
    CHANGES_HEADER, NoticeChange, NoticePlace, NoticeVersions, PairChange, notices, write_notices,
};
use matchslate::model::Side;

fn place(day: i8, hour: i8, table: u32) -> NoticePlace {
    NoticePlace {
        date: date(2017, 10, day),
        start: fixture::at(hour, 0),
        end: fixture::at(hour, 30),
        table,
    }
}

fn changes() -> Vec<PairChange> {
    vec![
        // S01 meets B01 later and at another table.
        PairChange {
            seller: 0,
            buyer: 0,
            change: NoticeChange::Moved {
                from: place(11, 9, 3),
                to: place(12, 10, 1),
            },
        },
        // S02 and B01's meeting is cancelled.
        PairChange {
            seller: 1,
            buyer: 0,
            change: NoticeChange::Cancelled {
                from: place(11, 9, 4),
            },
        },
        // S01 gets a new meeting with B02.
        PairChange {
            seller: 0,
            buyer: 1,
            change: NoticeChange::Added {
                to: place(11, 9, 7),
            },
        },
    ]
}

#[test]
fn one_notice_per_affected_participant_and_none_for_the_others() {
    let found = notices(&changes());
    let who: Vec<(Side, usize, usize)> = found
        .iter()
        .map(|n| (n.side, n.participant, n.changes.len()))
        .collect();
    // S03 and B03 had no change and get nothing.
    assert_eq!(
        who,
        vec![
            (Side::Seller, 0, 2),
            (Side::Seller, 1, 1),
            (Side::Buyer, 0, 2),
            (Side::Buyer, 1, 1),
        ]
    );
}

#[test]
fn notices_in_english_and_in_chinese_for_buyers_who_read_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut summit = fixture::summit();
    summit.buyers[0].languages = vec!["zh".into(), "en".into()];
    summit.buyers[1].languages = vec!["en".into()];
    let versions = NoticeVersions { since: 3, now: 5 };
    let files = write_notices(dir.path(), &summit, &notices(&changes()), versions).expect("write");
    let names: Vec<String> = files
        .notices
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            "seller-S01.txt",
            "seller-S02.txt",
            "buyer-B01.txt",
            "buyer-B02.txt"
        ]
    );

    let s01 = std::fs::read_to_string(&files.notices[0]).expect("S01");
    assert!(
        s01.contains("(version 3)") && s01.contains("now version 5"),
        "{s01}"
    );
    assert!(s01.contains(
        "- Wed 11 Oct 2017, 09:00–09:30, table 8: with Guangzhou \"Golden\" Foods, Ltd. Import Dept (B02)"
    ), "{s01}");
    assert!(
        s01.contains(
            "- with Shanghai Fresh Link Trading (B01): now Thu 12 Oct 2017, 10:00–10:30, table 2; \
         was Wed 11 Oct 2017, 09:00–09:30, table 4"
        ),
        "{s01}"
    );
    assert!(!s01.contains("洽谈"), "sellers get English only");

    let b01 = std::fs::read_to_string(&files.notices[2]).expect("B01");
    assert!(
        b01.starts_with("Pacific Agri-Food Trade Summit：您的洽谈安排有变动\n"),
        "{b01}"
    );
    assert!(b01.contains("上海鲜链贸易有限公司（B01）："), "{b01}");
    assert!(b01.contains(
        "- 与Columbia Ridge Orchards（S01）的洽谈：原定2017年10月11日（星期三）09:00–09:30，4号桌，\
         现改为2017年10月12日（星期四）10:00–10:30，2号桌"
    ), "{b01}");
    assert!(b01.contains("已取消的洽谈："), "{b01}");
    // And the English follows for the same buyer.
    assert!(b01.contains("Cancelled meetings:\n- with "), "{b01}");
    let b02 = std::fs::read_to_string(&files.notices[3]).expect("B02");
    assert!(!b02.contains("洽谈"), "a buyer without zh gets English");

    let mut reader = csv::Reader::from_path(&files.changes_csv).expect("csv");
    assert_eq!(reader.headers().expect("headers"), &CHANGES_HEADER[..]);
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.expect("row").iter().map(str::to_string).collect())
        .collect();
    assert_eq!(rows.len(), 6, "each change once per side");
    assert_eq!(
        rows[0],
        [
            "S01",
            "seller",
            "Columbia Ridge Orchards",
            "added",
            "B02",
            "Guangzhou \"Golden\" Foods, Ltd.\nImport Dept",
            "",
            "",
            "",
            "",
            "2017-10-11",
            "09:00",
            "09:30",
            "8"
        ]
    );
    let moved = rows
        .iter()
        .find(|r| r[0] == "B01" && r[3] == "moved")
        .expect("moved");
    assert_eq!(
        &moved[6..],
        [
            "2017-10-11",
            "09:00",
            "09:30",
            "4",
            "2017-10-12",
            "10:00",
            "10:30",
            "2"
        ]
    );
}
