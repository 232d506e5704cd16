//! A worker that records decisions hands what it read back to the desk
//! (`read_back` / `adopt`), so the desk does not read the store again; no
//! decision written by anyone else meanwhile is lost or overwritten.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use matchslate::model::DecisionKind;
use matchslate::summit::{Decision, OpenSummit, SummitOptions, Verdict};

fn open(db: &Path, staff: &str) -> OpenSummit {
    let options = SummitOptions {
        data: Path::new(env!("CARGO_MANIFEST_DIR")).join("data"),
        db: Some(db.to_path_buf()),
        staff: staff.to_string(),
    };
    OpenSummit::open(&options).unwrap()
}

fn decide(summit: &mut OpenSummit, seller: usize, verdict: Verdict) {
    let decision = Decision {
        seller,
        buyer: 0,
        verdict,
        note: None,
    };
    summit.decide(decision).unwrap();
}

fn kind(summit: &OpenSummit, seller: usize) -> Option<DecisionKind> {
    summit.decision(seller, 0).map(|d| d.kind)
}

#[test]
fn the_desk_takes_the_workers_read_and_still_sees_other_terminals() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    let mut desk = open(&db, "ana");
    let mut worker = desk.for_worker().unwrap();
    let mut other = open(&db, "ben");

    decide(&mut worker, 0, Verdict::Accept);
    let first = worker.read_back();
    desk.adopt(first.clone());
    assert_eq!(kind(&desk, 0), Some(DecisionKind::Accepted));
    // The worker's own write is not news once adopted; it still counts as
    // a change of the store.
    assert!(desk.refresh_if_changed().unwrap());
    assert!(!desk.refresh_if_changed().unwrap());

    // Another terminal writes after the worker read back: the desk finds it.
    decide(&mut other, 1, Verdict::Reject);
    assert!(desk.refresh_if_changed().unwrap());
    assert_eq!(kind(&desk, 1), Some(DecisionKind::Rejected));

    // A read back older than what the desk holds is ignored, so the other
    // terminal's decision is not overwritten by it.
    desk.adopt(first);
    assert_eq!(kind(&desk, 1), Some(DecisionKind::Rejected));
    assert_eq!(kind(&desk, 0), Some(DecisionKind::Accepted));
}

#[test]
fn a_write_between_the_workers_and_the_handover_is_not_lost() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    let mut desk = open(&db, "ana");
    let mut worker = desk.for_worker().unwrap();
    let mut other = open(&db, "ben");

    decide(&mut worker, 0, Verdict::Accept);
    let read = worker.read_back();
    // Another terminal's decision lands before the desk takes the read.
    decide(&mut other, 1, Verdict::Accept);
    desk.adopt(read);
    assert_eq!(kind(&desk, 1), None);
    assert!(desk.refresh_if_changed().unwrap());
    assert_eq!(kind(&desk, 0), Some(DecisionKind::Accepted));
    assert_eq!(kind(&desk, 1), Some(DecisionKind::Accepted));

    // Undo is a log row too: handed over like any write.
    assert!(worker.undo().unwrap());
    desk.adopt(worker.read_back());
    assert_eq!(kind(&desk, 0), None);
    assert_eq!(kind(&desk, 1), Some(DecisionKind::Accepted));
}
