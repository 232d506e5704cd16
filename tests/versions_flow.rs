//! Slate versions end to end through the CLI: schedule → publish → decide →
//! schedule → diff (exactly the changes the two exports show) → export
//! with the cancelled meeting → change notices → rollback.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use icalendar::{Calendar, Component};

#[path = "support/cli.rs"]
mod cli;

/// `matchslate --data DIR --staff ann ARGS…`, which must succeed.
fn matchslate(dir: &Path, args: &[&str]) -> String {
    cli::ok(cli::matchslate(dir, &[&["--staff", "ann"], args].concat()))
}

type Pair = (String, String);
/// (day, start, table) by pair, from an exported schedule.csv.
type Places = BTreeMap<Pair, (String, String, String)>;

fn places(csv_path: &Path) -> (Places, Vec<(String, String)>) {
    let mut reader = csv::Reader::from_path(csv_path).expect("schedule.csv");
    let headers = reader.headers().expect("headers").clone();
    let col = |name: &str| headers.iter().position(|h| h == name).expect(name);
    let (day, start, table, seller, buyer) = (
        col("day"),
        col("start"),
        col("table"),
        col("seller_id"),
        col("buyer_id"),
    );
    let (slate, published) = (col("slate"), col("published"));
    let mut out = Places::new();
    let mut stamps = Vec::new();
    for row in reader.records() {
        let row = row.expect("row");
        out.insert(
            (row[seller].to_string(), row[buyer].to_string()),
            (
                row[day].to_string(),
                row[start].to_string(),
                row[table].to_string(),
            ),
        );
        stamps.push((row[slate].to_string(), row[published].to_string()));
    }
    (out, stamps)
}

fn events(ics_path: &Path) -> BTreeMap<String, (Option<u32>, Option<icalendar::EventStatus>)> {
    let text = std::fs::read_to_string(ics_path).expect("ics");
    let calendar: Calendar = text.parse().expect("the ICS parses with icalendar");
    calendar
        .events()
        .map(|e| {
            let uid = e.get_uid().expect("uid").to_string();
            (uid, (e.get_sequence(), e.get_status()))
        })
        .collect()
}

fn uid_of<'a>(
    events: &'a BTreeMap<String, (Option<u32>, Option<icalendar::EventStatus>)>,
    pair: &Pair,
) -> (&'a String, Option<u32>, Option<icalendar::EventStatus>) {
    let prefix = format!("{}-{}-", pair.0, pair.1);
    let (uid, (seq, status)) = events
        .iter()
        .find(|(uid, _)| uid.starts_with(&prefix))
        .unwrap_or_else(|| panic!("no event for {pair:?}"));
    (uid, *seq, *status)
}

#[test]
fn schedule_publish_decide_schedule_diff_export_rollback() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path();
    let options = matchslate::generate::GenerateOptions {
        sellers: 30,
        buyers: 10,
        seed: 5,
    };
    matchslate::generate::generate(data, &options).expect("generate");
    let (out1, out2, out3) = (data.join("out1"), data.join("out2"), data.join("out3"));
    let schedule = |out: &Path| {
        let args = [
            "schedule",
            "--time-limit",
            "3",
            "--out",
            out.to_str().unwrap(),
        ];
        matchslate(data, &args)
    };

    // Version 1, published.
    assert!(schedule(&out1).contains("saved as slate version 1"));
    let (v1, stamps) = places(&out1.join("schedule.csv"));
    assert!(
        stamps
            .iter()
            .all(|s| s == &("1".to_string(), "no".to_string()))
    );
    assert!(v1.len() >= 2, "a slate to work with");
    matchslate(data, &["slate", "publish", "1", "--note", "mailed"]);

    // Decide: reject one scheduled pair, lock another at another table.
    let mut pairs = v1.iter();
    let (rejected, _) = pairs.next().unwrap();
    let (locked, (_, _, table)) = pairs.next().unwrap();
    let slot_of_locked = {
        let mut reader = csv::Reader::from_path(out1.join("schedule.csv")).unwrap();
        let headers = reader.headers().unwrap().clone();
        let slot = headers.iter().position(|h| h == "slot").unwrap();
        reader
            .records()
            .map(|r| r.unwrap())
            .find(|r| r[5] == locked.0 && r[7] == locked.1)
            .map(|r| r[slot].to_string())
            .unwrap()
    };
    let new_table = if table == "1" { "2" } else { "1" };
    matchslate(
        data,
        &[
            "decide",
            "reject",
            "--seller",
            &rejected.0,
            "--buyer",
            &rejected.1,
        ],
    );
    matchslate(
        data,
        &[
            "decide",
            "lock",
            "--seller",
            &locked.0,
            "--buyer",
            &locked.1,
            "--slot",
            &slot_of_locked,
            "--table",
            new_table,
        ],
    );

    // Version 2.
    assert!(schedule(&out2).contains("saved as slate version 2"));
    let (v2, stamps) = places(&out2.join("schedule.csv"));
    assert!(
        stamps
            .iter()
            .all(|s| s == &("2".to_string(), "no".to_string()))
    );
    assert!(!v2.contains_key(rejected));
    assert_eq!(v2[locked].2, new_table);

    // The diff is exactly what the two exports show.
    let mut expected: BTreeSet<(String, Pair)> = BTreeSet::new();
    for (pair, place) in &v1 {
        match v2.get(pair) {
            None => expected.insert(("cancelled".into(), pair.clone())),
            Some(now) if now != place => expected.insert(("moved".into(), pair.clone())),
            Some(_) => false,
        };
    }
    for pair in v2.keys().filter(|p| !v1.contains_key(*p)) {
        expected.insert(("added".into(), pair.clone()));
    }
    let json: serde_json::Value = serde_json::from_str(&matchslate(
        data,
        &["slate", "diff", "1", "--format", "json"],
    ))
    .expect("diff json");
    assert_eq!(json["to"], 2);
    let got: BTreeSet<(String, Pair)> = json["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let s = |k: &str| c[k].as_str().unwrap().to_string();
            (s("change"), (s("seller_id"), s("buyer_id")))
        })
        .collect();
    assert_eq!(got, expected);
    assert!(got.contains(&("cancelled".into(), rejected.clone())));
    assert!(got.contains(&("moved".into(), locked.clone())));
    let moved = json["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["seller_id"] == locked.0.as_str() && c["buyer_id"] == locked.1.as_str())
        .unwrap();
    assert_eq!(moved["to"]["table"].to_string(), new_table);

    // The re-run's calendar: moved meetings keep their UID with a higher
    // SEQUENCE; the rejected meeting is cancelled, not left as a ghost.
    let before = events(&out1.join("schedule.ics"));
    matchslate(data, &["export", "--out", out3.to_str().unwrap()]);
    let after = events(&out3.join("schedule.ics"));
    let (uid1, seq1, _) = uid_of(&before, locked);
    let (uid2, seq2, status) = uid_of(&after, locked);
    assert_eq!(uid1, uid2);
    assert!(seq2 > seq1, "{seq1:?} then {seq2:?}");
    assert_eq!(status, None);
    let (old_uid, old_seq, _) = uid_of(&before, rejected);
    let (cancel_uid, cancel_seq, status) = uid_of(&after, rejected);
    assert_eq!(old_uid, cancel_uid);
    assert_eq!(status, Some(icalendar::EventStatus::Cancelled));
    assert!(cancel_seq > old_seq);
    let cancelled = after
        .values()
        .filter(|(_, s)| *s == Some(icalendar::EventStatus::Cancelled))
        .count();
    let expected_cancelled = expected.iter().filter(|(c, _)| c == "cancelled").count();
    assert_eq!(cancelled, expected_cancelled);

    // Change notices for the participants of the changed meetings only.
    let notices_dir = data.join("notices-out");
    matchslate(
        data,
        &[
            "export",
            "--changes-since",
            "1",
            "--out",
            notices_dir.to_str().unwrap(),
        ],
    );
    let notice = std::fs::read_to_string(
        notices_dir
            .join("notices")
            .join(format!("seller-{}.txt", rejected.0)),
    )
    .expect("a notice for the rejected pair's seller");
    assert!(notice.contains("Cancelled meetings:"), "{notice}");
    let affected: BTreeSet<String> = expected
        .iter()
        .flat_map(|(_, (s, b))| [format!("seller-{s}.txt"), format!("buyer-{b}.txt")])
        .collect();
    let written: BTreeSet<String> = std::fs::read_dir(notices_dir.join("notices"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(written, affected);

    // Rollback makes version 3 equal to version 1; nothing is deleted.
    assert!(matchslate(data, &["slate", "rollback", "1"]).contains("made slate version 3"));
    let json: serde_json::Value = serde_json::from_str(&matchslate(
        data,
        &["slate", "diff", "1", "3", "--format", "json"],
    ))
    .unwrap();
    assert_eq!(json["changes"].as_array().unwrap().len(), 0);
    let list: serde_json::Value =
        serde_json::from_str(&matchslate(data, &["slates", "--format", "json"])).unwrap();
    let states: Vec<(i64, bool)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|v| (v["number"].as_i64().unwrap(), !v["published"].is_null()))
        .collect();
    assert_eq!(states, [(1, true), (2, false), (3, false)]);
}
