//! Several connections on one file at once, as when several staff work from
//! separate terminals. Each thread opens its own `Store`, like a process would.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Barrier;

use matchslate::model::DecisionKind;
use matchslate::store::{NewDecision, Store, Verdict as Action};

fn record(store: &Store, seller: &str, buyer: &str, action: Action, staff: &str) {
    store
        .record(&NewDecision {
            seller_id: seller,
            buyer_id: buyer,
            action,
            staff,
            note: Some("concurrent"),
        })
        .expect("record");
}

/// Runs `threads` workers that all open the store and start at the same
/// moment, so opening (including the first migration) and writing overlap.
fn run_together(path: &Path, threads: usize, work: impl Fn(usize, &Store) + Sync) {
    let start = Barrier::new(threads);
    std::thread::scope(|scope| {
        for t in 0..threads {
            let (start, work) = (&start, &work);
            scope.spawn(move || {
                start.wait();
                let store = Store::open(path).expect("open in thread");
                work(t, &store);
            });
        }
    });
}

#[test]
fn concurrent_writers_lose_nothing() {
    const THREADS: usize = 6;
    const EACH: usize = 40;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("matchslate.db");
    run_together(&path, THREADS, |t, store| {
        for i in 0..EACH {
            // Each writer has its own pairs and also fights over a shared one.
            record(
                store,
                &format!("S{t}"),
                &format!("B{i:02}"),
                Action::Accept,
                &format!("staff{t}"),
            );
            if i % 10 == 0 {
                // A note of its own, so every write changes the pair: a
                // write that changes nothing is not logged.
                store
                    .record(&NewDecision {
                        seller_id: "SHARED",
                        buyer_id: "B",
                        action: Action::Reject,
                        staff: &format!("staff{t}"),
                        note: Some(&format!("shared {t} {i}")),
                    })
                    .expect("record")
                    .expect("a change");
            }
        }
    });

    let store = Store::open(&path).expect("open after");
    let log = store.log().expect("log");
    let shared_rows = THREADS * EACH.div_ceil(10);
    assert_eq!(log.len(), THREADS * EACH + shared_rows);
    let ids: BTreeSet<i64> = log.iter().map(|e| e.id).collect();
    assert_eq!(ids.len(), log.len());
    for t in 0..THREADS {
        let mine = log
            .iter()
            .filter(|e| e.staff == format!("staff{t}") && e.seller_id != "SHARED")
            .count();
        assert_eq!(mine, EACH, "rows of staff{t}");
    }
    let current = store.current().expect("current");
    assert_eq!(current.len(), THREADS * EACH + 1);
    assert!(
        current
            .iter()
            .filter(|c| c.seller_id != "SHARED")
            .all(|c| c.note.as_deref() == Some("concurrent"))
    );
}

#[test]
fn a_reader_sees_another_connections_writes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("matchslate.db");
    let reader = Store::open(&path).expect("open reader");
    let writer = Store::open(&path).expect("open writer");

    let before = reader.change_token().expect("token");
    assert_eq!(
        reader.change_token().expect("token"),
        before,
        "no change yet"
    );
    record(&writer, "S1", "B1", Action::Accept, "bo");
    let after = reader.change_token().expect("token");
    assert_ne!(after, before);
    let current = reader.current().expect("current");
    assert_eq!(current.len(), 1);
    assert_eq!(current[0].kind, DecisionKind::Accepted);

    // The reader's own writes do not count: it already knows them.
    record(&reader, "S2", "B1", Action::Reject, "ann");
    assert_eq!(reader.change_token().expect("token"), after);
}

#[test]
fn the_same_staff_undoing_from_two_terminals_undoes_each_action_once() {
    const ACTIONS: usize = 12;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("matchslate.db");
    {
        let store = Store::open(&path).expect("open");
        for i in 0..ACTIONS {
            record(&store, &format!("S{i:02}"), "B", Action::Accept, "ann");
        }
    }
    run_together(&path, 2, |_, store| {
        for _ in 0..ACTIONS / 2 {
            store
                .undo("ann")
                .expect("undo")
                .expect("something left to undo");
        }
    });

    let store = Store::open(&path).expect("open after");
    assert!(store.current().expect("current").is_empty());
    assert_eq!(store.undo("ann").expect("undo"), None);
    let undone: BTreeSet<i64> = store
        .log()
        .expect("log")
        .iter()
        .filter_map(|e| e.reverts)
        .collect();
    assert_eq!(undone.len(), ACTIONS);
}
