//! Locks never clash, and are kept by day and time: two processes racing
//! for one table get one lock between them, a clash names the lock it
//! clashes with, and an event change that orphans a lock is reported
//! instead of moving it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::Command;

use jiff::civil::{Date, date, time};
use matchslate::model::{DecisionKind, Slot};
use matchslate::store::{ClashReason, NewDecision, Store, StoreError, Verdict as Action};

fn lock(seller: &str, buyer: &str, slot: usize, table: u32, staff: &str) -> NewDecision<'static> {
    NewDecision {
        seller_id: Box::leak(seller.to_string().into_boxed_str()),
        buyer_id: Box::leak(buyer.to_string().into_boxed_str()),
        action: Action::Lock { slot, table },
        staff: Box::leak(staff.to_string().into_boxed_str()),
        note: None,
    }
}

/// Slots of `minutes` from 09:00 to 10:00 on each day.
fn slots(days: &[Date], minutes: i64) -> Vec<Slot> {
    let mut out = Vec::new();
    for (day, &d) in days.iter().enumerate() {
        let mut start = time(9, 0, 0, 0);
        while start < time(10, 0, 0, 0) {
            let end = start + jiff::SignedDuration::from_mins(minutes);
            out.push(Slot {
                index: out.len(),
                day,
                date: d,
                start,
                end,
            });
            start = end;
        }
    }
    out
}

const DAY1: Date = date(2026, 5, 12);

#[test]
fn a_clashing_lock_is_refused_naming_the_lock_it_clashes_with() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("matchslate.db");
    let store = Store::open_for_event(&path, &slots(&[DAY1], 20)).expect("open");
    store
        .record(&lock("S037", "B001", 1, 4, "ann"))
        .expect("lock");

    // The same buyer, slot and table as the existing lock: finding 3.
    let err = store
        .record(&lock("S098", "B001", 1, 4, "bob"))
        .unwrap_err();
    let StoreError::LockClash(clash) = &err else {
        panic!("expected a clash, got {err}");
    };
    assert_eq!(clash.reason, ClashReason::Buyer);
    assert_eq!(
        (
            clash.with_seller.as_str(),
            clash.with_buyer.as_str(),
            clash.with_staff.as_str()
        ),
        ("S037", "B001", "ann")
    );
    assert_eq!(
        err.to_string(),
        "cannot lock S098·B001 at 2026-05-12 09:20 table 5: buyer B001 already has a locked \
         meeting then, S037·B001 (locked by ann)"
    );
    // The seller twice at once, at another table.
    let err = store
        .record(&lock("S037", "B777", 1, 9, "bob"))
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::LockClash(c) if c.reason == ClashReason::Seller),
        "{err}"
    );
    // Two meetings at one table at once.
    let err = store
        .record(&lock("S500", "B500", 1, 4, "bob"))
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::LockClash(c) if c.reason == ClashReason::Table),
        "{err}"
    );
    // Nothing of the refused locks was written.
    assert_eq!(store.log().expect("log").len(), 1);
    // Elsewhere, or once the first lock is cleared, it is fine.
    store
        .record(&lock("S098", "B001", 2, 4, "bob"))
        .expect("another slot");
    store
        .record(&NewDecision {
            action: Action::Clear,
            ..lock("S037", "B001", 0, 0, "ann")
        })
        .expect("clear");
    store
        .record(&lock("S500", "B500", 1, 4, "bob"))
        .expect("the table is free now");
}

const CHILD: &str = "MATCHSLATE_LOCKS_CHILD";

/// Run as a child process: opens the store and records one lock or one
/// undo, printing the outcome.
#[test]
#[ignore = "a child process of the two-process tests"]
fn child_decides() {
    let job = std::env::var(CHILD).expect("run by a two-process test");
    let parts: Vec<&str> = job.split(' ').collect();
    let store = Store::open_for_event(Path::new(parts[0]), &slots(&[DAY1], 20)).expect("open");
    let outcome = match parts[1] {
        "lock" => store
            .record(&lock(
                parts[2],
                parts[3],
                parts[4].parse().unwrap(),
                0,
                parts[5],
            ))
            .map(|_| "locked".to_string()),
        "accept" | "reject" => store
            .record(&NewDecision {
                action: if parts[1] == "accept" {
                    Action::Accept
                } else {
                    Action::Reject
                },
                ..lock(parts[2], parts[3], 0, 0, parts[5])
            })
            .map(|_| "decided".to_string()),
        "undo" => store
            .undo(parts[5])
            .map(|rows| format!("undid {}", rows.map_or(0, |r| r.len()))),
        other => panic!("unknown job {other}"),
    };
    match outcome {
        Ok(done) => println!("OUTCOME ok {done}"),
        Err(e) => println!("OUTCOME refused {e}"),
    }
}

fn spawn(path: &Path, job: &str) -> std::process::Child {
    Command::new(std::env::current_exe().expect("test binary"))
        .args([
            "--ignored",
            "--exact",
            "child_decides",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD, format!("{} {job}", path.display()))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn child")
}

fn outcome(child: std::process::Child) -> String {
    let out = child.wait_with_output().expect("child output");
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    text.lines()
        // The test harness may print its own words before ours on a line.
        .find_map(|l| l.split_once("OUTCOME ").map(|(_, rest)| rest))
        .unwrap_or_else(|| panic!("no outcome in {text}"))
        .to_string()
}

#[test]
fn processes_racing_for_one_table_get_one_lock_between_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("matchslate.db");
    drop(Store::open(&path).expect("create"));
    // Four staff lock four different pairs at the same slot and table 1 at
    // once; the check and the write are one transaction, so one wins.
    let children: Vec<_> = (0..4)
        .map(|i| spawn(&path, &format!("lock S{i} B{i} 2 staff{i}")))
        .collect();
    let outcomes: Vec<String> = children.into_iter().map(outcome).collect();
    let won = outcomes.iter().filter(|o| *o == "ok locked").count();
    assert_eq!(won, 1, "{outcomes:?}");
    for lost in outcomes.iter().filter(|o| *o != "ok locked") {
        assert!(
            lost.starts_with("refused cannot lock S") && lost.contains("the table already has"),
            "{lost}"
        );
    }
    let store = Store::open(&path).expect("open");
    assert_eq!(store.current().expect("current").len(), 1);
}

#[test]
fn undo_across_processes_is_refused_with_who_and_when() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("matchslate.db");
    drop(Store::open(&path).expect("create"));
    assert_eq!(
        outcome(spawn(&path, "accept S023 B002 0 bob")),
        "ok decided"
    );
    assert_eq!(
        outcome(spawn(&path, "reject S023 B002 0 ann")),
        "ok decided"
    );
    let refused = outcome(spawn(&path, "undo S023 B002 0 bob"));
    assert!(
        refused.starts_with("refused ann rejected S023·B002 at ")
            && refused.ends_with(" after your accept; undo refused"),
        "{refused}"
    );
    let store = Store::open(&path).expect("open");
    let pair = store
        .current_pair("S023", "B002")
        .expect("pair")
        .expect("decided");
    assert_eq!(
        (pair.kind, pair.staff.as_str()),
        (DecisionKind::Rejected, "ann")
    );
    // Ann's own undo, from yet another process, goes through.
    assert_eq!(outcome(spawn(&path, "undo S023 B002 0 ann")), "ok undid 1");
}

#[test]
fn locks_keep_their_day_and_time_when_the_event_changes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("matchslate.db");
    let day0 = date(2026, 5, 11);
    {
        let store = Store::open_for_event(&path, &slots(&[DAY1], 20)).expect("open");
        // 09:20 on day 1, table 3.
        store.record(&lock("S1", "B1", 1, 2, "ann")).expect("lock");
        let row = &store.log().expect("log")[0];
        let place = row.place.expect("a lock has a place");
        assert_eq!(
            (place.date, place.start, place.table),
            (DAY1, time(9, 20, 0, 0), 2)
        );
    }
    {
        // A day added in front: 09:20 on day 1 is slot 4 now, not slot 1.
        let store = Store::open_for_event(&path, &slots(&[day0, DAY1], 20)).expect("open");
        let pair = store
            .current_pair("S1", "B1")
            .expect("pair")
            .expect("locked");
        assert_eq!(pair.kind, DecisionKind::Locked { slot: 4, table: 2 });
        assert!(store.orphaned_locks().expect("orphans").is_empty());
    }
    {
        // 30-minute slots: there is no 09:20 any more. Before, the lock
        // silently moved to slot 1, 09:30; now it is orphaned and reported.
        let store = Store::open_for_event(&path, &slots(&[DAY1], 30)).expect("open");
        assert_eq!(store.current_pair("S1", "B1").expect("pair"), None);
        assert!(store.current().expect("current").is_empty());
        let orphans = store.orphaned_locks().expect("orphans");
        assert_eq!(orphans.len(), 1);
        assert_eq!(
            orphans[0].place.expect("place").to_string(),
            "2026-05-12 09:20 table 3"
        );
        // Locking it again at a real slot resolves it.
        store
            .record(&lock("S1", "B1", 1, 2, "ann"))
            .expect("relock");
        assert!(store.orphaned_locks().expect("orphans").is_empty());
    }
}

#[test]
fn locks_of_an_older_store_get_their_day_and_time_on_first_open() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("matchslate.db");
    {
        // A version-1 store, as matchslate wrote it before locks had times.
        let raw = rusqlite::Connection::open(&path).expect("raw");
        raw.execute_batch(
            "CREATE TABLE decision_log (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                action TEXT NOT NULL CHECK (action IN ('decide', 'note', 'undo', 'redo')),
                seller_id TEXT NOT NULL CHECK (length(seller_id) > 0),
                buyer_id TEXT NOT NULL CHECK (length(buyer_id) > 0),
                kind TEXT NOT NULL CHECK (kind IN ('accepted', 'rejected', 'locked', 'clear')),
                slot INTEGER CHECK (slot >= 0),
                table_no INTEGER CHECK (table_no >= 0),
                staff TEXT NOT NULL CHECK (length(staff) > 0),
                at TEXT NOT NULL,
                note TEXT,
                reverts_id INTEGER REFERENCES decision_log (id),
                CHECK ((kind = 'locked') = (slot IS NOT NULL AND table_no IS NOT NULL)),
                CHECK (kind = 'locked' OR (slot IS NULL AND table_no IS NULL)),
                CHECK ((action IN ('undo', 'redo')) = (reverts_id IS NOT NULL))
            );
            CREATE INDEX decision_log_pair ON decision_log (seller_id, buyer_id, id);
            CREATE INDEX decision_log_staff ON decision_log (staff, id);
            PRAGMA application_id = 1297304660;
            PRAGMA user_version = 1;
            INSERT INTO decision_log (action, seller_id, buyer_id, kind, slot, table_no, staff, at)
            VALUES ('decide', 'S1', 'B1', 'locked', 2, 0, 'ann', '2026-05-01T10:00:00Z'),
                   ('decide', 'S2', 'B2', 'locked', 7, 0, 'ann', '2026-05-01T10:00:00Z');",
        )
        .expect("version-1 store");
    }
    {
        let store = Store::open_for_event(&path, &slots(&[DAY1], 20)).expect("migrate");
        let current = store.current().expect("current");
        assert_eq!(current.len(), 1);
        assert_eq!(
            current[0].place.expect("pinned").to_string(),
            "2026-05-12 09:40 table 1"
        );
        // Slot 8 (index 7) is past this event's last slot: orphaned.
        let orphans = store.orphaned_locks().expect("orphans");
        assert_eq!(orphans.len(), 1);
        assert_eq!(orphans[0].seller_id, "S2");
    }
    // Pinned for good: with 30-minute slots, 09:40 is no slot.
    let store = Store::open_for_event(&path, &slots(&[DAY1], 30)).expect("open");
    assert_eq!(store.orphaned_locks().expect("orphans").len(), 2);
}
