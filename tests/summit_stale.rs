#![allow(clippy::unwrap_used, clippy::expect_used)]
//! A slate knows the decisions it was built from: decisions made since are
//! counted, and an export leaves out pairs rejected since.

use std::ops::ControlFlow;
use std::path::Path;

use matchslate::summit::{Decision, OpenSummit, SlateOptions, SummitOptions, Verdict};

fn open(db: &Path) -> OpenSummit {
    let options = SummitOptions {
        data: Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good"),
        db: Some(db.to_path_buf()),
        staff: "ann".to_string(),
    };
    OpenSummit::open(&options).unwrap()
}

#[test]
fn rejected_since_the_slate_is_counted_and_left_out_of_the_export() {
    let dir = tempfile::tempdir().unwrap();
    let mut open = open(&dir.path().join("m.db"));
    let slate = open.schedule(&SlateOptions::default(), &mut |_| ControlFlow::Continue(()));
    assert!(!open.staleness(&slate).is_stale());
    let m = slate.slate().meetings[0];
    open.decide(Decision {
        seller: m.seller,
        buyer: m.buyer,
        verdict: Verdict::Reject,
        note: None,
    })
    .unwrap();
    let staleness = open.staleness(&slate);
    assert_eq!(staleness.changed, 1);
    assert_eq!(
        staleness.describe().as_deref(),
        Some("1 decision since this slate")
    );
    assert_eq!(staleness.dropped, vec![0]);
    let out = dir.path().join("out");
    let exported = open.export_current(&slate, Some(&out)).unwrap();
    assert_eq!(exported.dropped, vec![(m.seller, m.buyer)]);
    let csv = std::fs::read_to_string(out.join("schedule.csv")).unwrap();
    let s = &open.summit().sellers[m.seller].id;
    let b = &open.summit().buyers[m.buyer].id;
    let rows = csv
        .lines()
        .filter(|l| l.contains(&format!(",{s},")) && l.contains(&format!(",{b},")));
    assert_eq!(rows.count(), 0, "{csv}");
    assert_eq!(
        csv.lines().count(),
        slate.slate().meetings.len(),
        "header + all but one"
    );
}

#[test]
fn a_moved_meeting_is_part_of_the_slate_not_a_decision_since() {
    let dir = tempfile::tempdir().unwrap();
    let mut open = open(&dir.path().join("m.db"));
    let mut slate = open.schedule(&SlateOptions::default(), &mut |_| ControlFlow::Continue(()));
    let summit = open.summit().clone();
    let busy: std::collections::HashSet<_> = slate
        .slate()
        .meetings
        .iter()
        .map(|m| (m.slot, m.table))
        .collect();
    // The first free cell that takes the first meeting.
    let free = (0..summit.slots.len())
        .flat_map(|slot| (0..summit.event.tables).map(move |table| (slot, table)))
        .filter(|cell| !busy.contains(cell))
        .find(|&(slot, table)| {
            let mv = matchslate::summit::SlateMove {
                meeting: 0,
                slot,
                table,
            };
            slate.check_move(&[mv]).is_ok()
        });
    let Some((slot, table)) = free else { return };
    let mv = matchslate::summit::SlateMove {
        meeting: 0,
        slot,
        table,
    };
    slate
        .apply_move(&[mv], |seller, buyer, verdict| {
            open.decide(Decision {
                seller,
                buyer,
                verdict,
                note: None,
            })
        })
        .unwrap();
    assert_eq!(open.staleness(&slate).changed, 0);
}
