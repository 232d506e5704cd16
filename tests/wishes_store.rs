#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Staff-entered wishes in the store: rows with who and when, applied in
//! order, undone and redone per staff member, never lost on reopening.

use matchslate::model::{Side, WishChange};
use matchslate::store::{NewWish, Store, WishAction};

fn wish<'a>(staff: &'a str, from_id: &'a str, to_id: &'a str, change: WishChange) -> NewWish<'a> {
    let from = if from_id.starts_with('S') {
        Side::Seller
    } else {
        Side::Buyer
    };
    NewWish {
        from,
        from_id,
        to_id,
        change,
        staff,
    }
}

fn in_force(store: &Store) -> Vec<(String, String, WishChange)> {
    store
        .wishes_in_force()
        .unwrap()
        .into_iter()
        .map(|r| (r.from_id, r.to_id, r.change))
        .collect()
}

#[test]
fn staff_wishes_are_rows_undone_and_redone_per_staff() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("matchslate.db");
    let store = Store::open(&path).unwrap();
    let meet = WishChange::Meet { rank: 1 };
    let row = store
        .record_wish(&wish("ana", "B017", "S003", meet))
        .unwrap();
    assert_eq!((row.staff.as_str(), row.action), ("ana", WishAction::Set));
    store
        .record_wish(&wish("bo", "S004", "B017", WishChange::Avoid))
        .unwrap();
    assert_eq!(in_force(&store).len(), 2);

    // Ana's undo takes back Ana's change, not Bo's later one.
    let undone = store.undo_wish("ana").unwrap().expect("something to undo");
    assert_eq!(undone.action, WishAction::Undo);
    assert_eq!(undone.reverts, Some(row.id));
    assert_eq!(
        in_force(&store),
        [("S004".to_string(), "B017".to_string(), WishChange::Avoid)]
    );
    assert!(store.undo_wish("ana").unwrap().is_none());
    store.redo_wish("ana").unwrap().expect("something to redo");
    assert_eq!(in_force(&store).len(), 2);
    assert!(store.redo_wish("ana").unwrap().is_none());

    // A reopened store has every row, oldest first, for the audit.
    drop(store);
    let again = Store::open(&path).unwrap();
    let log = again.wish_log().unwrap();
    let actions: Vec<WishAction> = log.iter().map(|r| r.action).collect();
    assert_eq!(
        actions,
        [
            WishAction::Set,
            WishAction::Set,
            WishAction::Undo,
            WishAction::Redo
        ]
    );
    assert_eq!(in_force(&again)[0].2, meet);
}

#[test]
fn a_new_change_clears_the_redo_stack() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("m.db")).unwrap();
    store
        .record_wish(&wish("ana", "B001", "S001", WishChange::Meet { rank: 2 }))
        .unwrap();
    store.undo_wish("ana").unwrap();
    store
        .record_wish(&wish("ana", "B001", "S002", WishChange::Remove))
        .unwrap();
    assert!(store.redo_wish("ana").unwrap().is_none());
    assert_eq!(
        in_force(&store),
        [("B001".to_string(), "S002".to_string(), WishChange::Remove)]
    );
}
