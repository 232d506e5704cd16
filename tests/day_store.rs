//! The summit day log in the store: attendance and outcomes as rows with who
//! and when, current state, undo and redo per staff member, and refusals.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use jiff::civil::{date, time};
use matchslate::store::{DayAction, DayState, MeetingOutcome, Presence, Store, StoreError};

fn fresh() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("matchslate.db")).expect("open fresh store");
    (dir, store)
}

#[test]
fn checkin_rows_carry_who_and_the_latest_wins() {
    let (_dir, store) = fresh();
    let day = date(2026, 5, 12);
    let first = store
        .checkin("B007", day, Presence::Absent, "ana", None)
        .unwrap()
        .expect("a row");
    assert_eq!(first.staff, "ana");
    assert_eq!(first.action, DayAction::Record);
    let late = Presence::Late {
        until: time(11, 30, 0, 0),
    };
    store
        .checkin("B007", day, late, "bo", Some("flight delayed"))
        .unwrap()
        .expect("a row");
    // The same state again writes nothing.
    assert!(
        store
            .checkin("B007", day, late, "bo", Some("flight delayed"))
            .unwrap()
            .is_none()
    );
    store
        .checkin("S001", date(2026, 5, 13), Presence::Present, "ana", None)
        .unwrap();
    let now = store.attendance().unwrap();
    assert_eq!(now.len(), 2);
    assert_eq!(now[0].participant_id, "B007");
    assert_eq!(now[0].presence, late);
    assert_eq!(now[0].staff, "bo");
    assert_eq!(now[0].note.as_deref(), Some("flight delayed"));
    assert_eq!(now[1].participant_id, "S001");
    assert_eq!(store.day_log().unwrap().len(), 3);
}

#[test]
fn presence_cuts_hours() {
    let late = Presence::Late {
        until: time(11, 0, 0, 0),
    };
    assert!(!late.allows(time(10, 30, 0, 0), time(11, 0, 0, 0)));
    assert!(late.allows(time(11, 0, 0, 0), time(11, 30, 0, 0)));
    let left = Presence::Left {
        from: time(15, 0, 0, 0),
    };
    assert!(left.allows(time(14, 30, 0, 0), time(15, 0, 0, 0)));
    assert!(!left.allows(time(14, 45, 0, 0), time(15, 15, 0, 0)));
    assert!(!Presence::Absent.allows(time(9, 0, 0, 0), time(9, 30, 0, 0)));
    assert!(Presence::Present.allows(time(9, 0, 0, 0), time(9, 30, 0, 0)));
}

#[test]
fn outcomes_record_clear_undo_and_redo() {
    let (_dir, store) = fresh();
    store
        .set_outcome(
            "S001",
            "B002",
            Some(MeetingOutcome::NoShow),
            "ana",
            Some("buyer missing"),
        )
        .unwrap();
    store
        .set_outcome("S001", "B002", Some(MeetingOutcome::Held), "ana", None)
        .unwrap();
    assert_eq!(store.outcomes().unwrap()[0].outcome, MeetingOutcome::Held);
    let undone = store.undo_day("ana").unwrap().expect("something to undo");
    assert_eq!(undone.state, DayState::Outcome(MeetingOutcome::NoShow));
    assert_eq!(undone.note.as_deref(), Some("buyer missing"));
    assert_eq!(store.outcomes().unwrap()[0].outcome, MeetingOutcome::NoShow);
    store.undo_day("ana").unwrap().expect("second undo");
    assert!(store.outcomes().unwrap().is_empty());
    assert!(store.undo_day("ana").unwrap().is_none());
    store.redo_day("ana").unwrap().expect("redo");
    assert_eq!(store.outcomes().unwrap()[0].outcome, MeetingOutcome::NoShow);
    // Clearing is a row too, and leaves no outcome.
    store
        .set_outcome("S001", "B002", None, "ana", None)
        .unwrap();
    assert!(store.outcomes().unwrap().is_empty());
    // A new row empties the redo stack.
    assert!(store.redo_day("ana").unwrap().is_none());
}

#[test]
fn undo_is_refused_over_a_colleagues_later_change() {
    let (_dir, store) = fresh();
    let day = date(2026, 5, 12);
    store
        .checkin("B001", day, Presence::Absent, "ana", None)
        .unwrap();
    store
        .checkin("B001", day, Presence::Present, "bo", None)
        .unwrap();
    let err = store.undo_day("ana").unwrap_err();
    assert!(matches!(err, StoreError::DayRefused { .. }), "{err}");
    let message = err.to_string();
    assert!(
        message.contains("bo") && message.contains("B001"),
        "{message}"
    );
    assert_eq!(store.attendance().unwrap()[0].presence, Presence::Present);
    // Bo's own undo works, back to Ana's absent.
    store.undo_day("bo").unwrap().expect("bo undoes");
    assert_eq!(store.attendance().unwrap()[0].presence, Presence::Absent);
}

#[test]
fn the_day_log_survives_reopening_and_is_shared() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("matchslate.db");
    let one = Store::open(&path).unwrap();
    let two = Store::open(&path).unwrap();
    let left = Presence::Left {
        from: time(15, 0, 0, 0),
    };
    one.checkin("S003", date(2026, 5, 12), left, "ana", None)
        .unwrap();
    assert_eq!(two.attendance().unwrap()[0].presence, left);
    drop(one);
    drop(two);
    let again = Store::open(&path).unwrap();
    assert_eq!(again.attendance().unwrap()[0].presence, left);
    assert!(
        again
            .checkin(" ", date(2026, 5, 12), left, "ana", None)
            .is_err()
    );
}
