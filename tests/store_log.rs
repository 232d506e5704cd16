//! Recording decisions and reading them back: the log and the current state.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use matchslate::model::DecisionKind;
use matchslate::store::{LogAction, NewDecision, Store, StoreError, Verdict as Action};

fn fresh() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("matchslate.db")).expect("open fresh store");
    (dir, store)
}

fn decide<'a>(seller: &'a str, buyer: &'a str, action: Action, staff: &'a str) -> NewDecision<'a> {
    NewDecision {
        seller_id: seller,
        buyer_id: buyer,
        action,
        staff,
        note: None,
    }
}

#[test]
fn recorded_decisions_come_back_in_log_and_current() {
    let (_dir, store) = fresh();
    let before = jiff::Timestamp::now();
    let first = store
        .record(&NewDecision {
            note: Some("both make valves; 中文 ok"),
            ..decide("S1", "B2", Action::Accept, "ann")
        })
        .expect("record")
        .expect("a change");
    store
        .record(&decide("S2", "B1", Action::Reject, "bo"))
        .expect("record");
    store
        .record(&decide(
            "S1",
            "B1",
            Action::Lock { slot: 7, table: 3 },
            "ann",
        ))
        .expect("record");

    assert_eq!(first.action, LogAction::Decide);
    assert_eq!(first.kind, Some(DecisionKind::Accepted));
    assert_eq!(first.reverts, None);
    assert!(first.at >= before && first.at <= jiff::Timestamp::now());

    let log = store.log().expect("log");
    assert_eq!(log.len(), 3);
    assert_eq!(log[0], first);
    assert!(log.windows(2).all(|w| w[0].id < w[1].id));

    let current = store.current().expect("current");
    let summary: Vec<_> = current
        .iter()
        .map(|c| {
            (
                c.buyer_id.as_str(),
                c.seller_id.as_str(),
                c.kind,
                c.staff.as_str(),
            )
        })
        .collect();
    // Sorted by buyer, then seller.
    assert_eq!(
        summary,
        [
            (
                "B1",
                "S1",
                DecisionKind::Locked { slot: 7, table: 3 },
                "ann"
            ),
            ("B1", "S2", DecisionKind::Rejected, "bo"),
            ("B2", "S1", DecisionKind::Accepted, "ann"),
        ]
    );
    assert_eq!(
        current[2].note.as_deref(),
        Some("both make valves; 中文 ok")
    );
    assert_eq!(current[2].at, first.at);
}

#[test]
fn latest_decision_wins_and_clear_removes_the_pair() {
    let (_dir, store) = fresh();
    store
        .record(&decide("S1", "B1", Action::Accept, "ann"))
        .expect("record");
    store
        .record(&decide("S1", "B1", Action::Reject, "bo"))
        .expect("record");
    let pair = store
        .current_pair("S1", "B1")
        .expect("pair")
        .expect("decided");
    assert_eq!(
        (pair.kind, pair.staff.as_str()),
        (DecisionKind::Rejected, "bo")
    );

    let cleared = store
        .record(&decide("S1", "B1", Action::Clear, "ann"))
        .expect("record")
        .expect("a change");
    assert_eq!(cleared.kind, None);
    assert!(store.current().expect("current").is_empty());
    assert_eq!(store.current_pair("S1", "B1").expect("pair"), None);
    // The history stays.
    assert_eq!(store.log().expect("log").len(), 3);
}

#[test]
fn lock_keeps_large_slot_and_table() {
    let (_dir, store) = fresh();
    let lock = Action::Lock {
        slot: i64::MAX as usize,
        table: u32::MAX,
    };
    store
        .record(&decide("S1", "B1", lock, "ann"))
        .expect("record");
    let pair = store
        .current_pair("S1", "B1")
        .expect("pair")
        .expect("decided");
    assert_eq!(pair.kind, lock.kind().expect("a lock is a decision"));
}

#[test]
fn slot_beyond_sqlite_integers_is_refused() {
    let (_dir, store) = fresh();
    let lock = Action::Lock {
        slot: usize::MAX,
        table: 0,
    };
    let err = store.record(&decide("S1", "B1", lock, "ann")).unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)), "{err}");
    assert!(store.log().expect("log").is_empty());
}

#[test]
fn empty_ids_and_staff_are_refused() {
    let (_dir, store) = fresh();
    for d in [
        decide("", "B1", Action::Accept, "ann"),
        decide("S1", " ", Action::Accept, "ann"),
        decide("S1", "B1", Action::Accept, ""),
    ] {
        let err = store.record(&d).unwrap_err();
        assert!(matches!(err, StoreError::Invalid(_)), "{err}");
    }
    assert!(store.log().expect("log").is_empty());
}

#[test]
fn a_note_can_be_added_to_an_existing_decision() {
    let (_dir, store) = fresh();
    let lock = Action::Lock { slot: 2, table: 1 };
    store
        .record(&decide("S1", "B1", lock, "ann"))
        .expect("record");
    let row = store
        .set_note("S1", "B1", "bo", Some("interpreter needed"))
        .expect("note")
        .expect("a change");
    assert_eq!(row.action, LogAction::Note);
    let pair = store
        .current_pair("S1", "B1")
        .expect("pair")
        .expect("decided");
    assert_eq!(pair.kind, DecisionKind::Locked { slot: 2, table: 1 });
    assert_eq!(pair.note.as_deref(), Some("interpreter needed"));
    assert_eq!(pair.staff, "bo");

    store.set_note("S1", "B1", "bo", None).expect("remove note");
    let pair = store
        .current_pair("S1", "B1")
        .expect("pair")
        .expect("decided");
    assert_eq!(pair.note, None);
}

#[test]
fn a_note_needs_a_decision() {
    let (_dir, store) = fresh();
    let err = store.set_note("S1", "B1", "ann", Some("hi")).unwrap_err();
    assert!(matches!(err, StoreError::NoDecision { .. }), "{err}");
    store
        .record(&decide("S1", "B1", Action::Accept, "ann"))
        .expect("record");
    store
        .record(&decide("S1", "B1", Action::Clear, "ann"))
        .expect("record");
    let err = store.set_note("S1", "B1", "ann", Some("hi")).unwrap_err();
    assert!(matches!(err, StoreError::NoDecision { .. }), "{err}");
    assert_eq!(store.log().expect("log").len(), 2);
}

#[test]
fn current_keeps_only_the_latest_row_per_pair() {
    let (_dir, store) = fresh();
    // Many pairs, several rows each; only the latest per pair counts.
    for round in 0..3 {
        for s in 0..12 {
            for b in 0..10 {
                let action = if (s + b + round) % 3 == 0 {
                    Action::Clear
                } else {
                    Action::Accept
                };
                store
                    .record(&decide(
                        &format!("S{s:02}"),
                        &format!("B{b:02}"),
                        action,
                        "ann",
                    ))
                    .expect("record");
            }
        }
    }
    let current = store.current().expect("current");
    let expected = (0..12)
        .flat_map(|s| (0..10).map(move |b| (s, b)))
        .filter(|(s, b)| (s + b + 2) % 3 != 0)
        .count();
    assert_eq!(current.len(), expected);
    assert!(
        current
            .windows(2)
            .all(|w| (&w[0].buyer_id, &w[0].seller_id) < (&w[1].buyer_id, &w[1].seller_id))
    );
}

#[test]
fn default_staff_is_never_empty() {
    assert!(!matchslate::store::default_staff().trim().is_empty());
}
