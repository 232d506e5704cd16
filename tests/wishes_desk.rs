//! Wishes for the desk and for `explain`: a participant's wishes made and
//! received with met or not, staff adding and removing one by ids, the
//! summary line, and explain's JSON and text naming each unmet wish's cause.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::ops::ControlFlow;
use std::path::Path;
use std::process::Command;

use matchslate::model::{Side, WishChange};
use matchslate::summit::{OpenSummit, SlateOptions, SummitOptions, WishKind, wishes_met_line};

/// The wishes fixture, where S001 avoids B003, plus B003 asking to meet
/// S001 first: a wish that can never be met.
fn summit_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/wishes/good");
    for entry in std::fs::read_dir(&fixture).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
    }
    let mut csv = std::fs::read_to_string(dir.path().join("wishes.csv")).unwrap();
    csv.push_str("B003,S001,meet,1\n");
    std::fs::write(dir.path().join("wishes.csv"), csv).unwrap();
    dir
}

#[test]
fn wishes_made_and_received_are_marked_met_and_staff_can_change_them() {
    let dir = summit_dir();
    let options = SummitOptions {
        data: dir.path().to_path_buf(),
        db: None,
        staff: "desk".to_string(),
    };
    let mut open = OpenSummit::open(&options).unwrap();
    let slate_options = SlateOptions {
        time_limit: std::time::Duration::from_millis(500),
        ..SlateOptions::default()
    };
    let scheduled = open.schedule(&slate_options, &mut |_| ControlFlow::Continue(()));
    let slate = scheduled.slate().clone();
    let b3 = open.buyer_index("B003").unwrap();
    let s1 = open.seller_index("S001").unwrap();
    let mine = open.participant_wishes(Side::Buyer, b3, &slate);
    let wish = mine.made.iter().find(|w| w.other_id == "S001").unwrap();
    assert_eq!(wish.kind, WishKind::Meet { rank: 1 });
    assert!(!wish.met, "S001 avoids B003");
    assert!(mine.unmet_made() >= 1);
    assert!(mine.made_line().starts_with("met "));
    let theirs = open.participant_wishes(Side::Seller, s1, &slate);
    let avoid = theirs.made.iter().find(|w| w.other_id == "B003").unwrap();
    assert_eq!(avoid.kind, WishKind::Avoid);
    assert!(theirs.received.iter().any(|w| w.other_id == "B003"));
    // Met flags follow the slate.
    for w in &theirs.made {
        let met = slate
            .meetings
            .iter()
            .any(|m| (m.seller, m.buyer) == (s1, w.other));
        assert_eq!(w.met, met, "{w:?}");
    }

    // Staff remove B003's wish and add one for S002, by ids.
    open.wish_by_id("B003", "S001", WishChange::Remove).unwrap();
    open.wish_by_id("B003", "S002", WishChange::Meet { rank: 1 })
        .unwrap();
    let changed = open.participant_wishes(Side::Buyer, b3, &slate);
    assert!(changed.made.iter().all(|w| w.other_id != "S001"));
    assert_eq!(changed.made[0].other_id, "S002");
    assert!(open.wish_by_id("B003", "B001", WishChange::Avoid).is_err());
    assert!(open.undo_wish().unwrap());
    let undone = open.participant_wishes(Side::Buyer, b3, &slate);
    assert!(undone.made.iter().all(|w| w.other_id != "S002"));

    let line = wishes_met_line(&open.wish_report(&slate));
    let report = open.wish_report(&slate);
    let met = report.mutual.met + report.from_buyers.all.met + report.from_sellers.all.met;
    let made = report.mutual.made + report.from_buyers.all.made + report.from_sellers.all.made;
    assert!(
        line.starts_with(&format!("wishes met {met} of {made} (mutual ")),
        "{line}"
    );
}

#[test]
fn explain_names_the_cause_of_each_unmet_wish_in_json_and_text() {
    let dir = summit_dir();
    let run = |format: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_matchslate"))
            .arg("--data")
            .arg(dir.path())
            .args([
                "explain",
                "--buyer",
                "B003",
                "--time-limit",
                "0.5",
                "--format",
                format,
            ])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    assert_eq!(json["side"], "buyer");
    let unmet = json["unmet_wishes"].as_array().unwrap();
    let s1 = unmet.iter().find(|w| w["id"] == "S001").unwrap();
    assert_eq!(s1["own_rank"], 1);
    assert_eq!(s1["cause"], "the counterpart asked not to meet");
    assert_eq!(s1["what"], "your 1st choice");
    let text = run("text");
    assert!(
        text.contains("S001 (your 1st choice): the counterpart asked not to meet"),
        "{text}"
    );
}
