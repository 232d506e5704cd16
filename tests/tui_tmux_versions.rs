//! End to end: a slate version survives a restart of the desk. The desk
//! schedules (a version is saved), a meeting is moved (the draft is
//! amended), the desk quits and starts again on the same store: it opens
//! on that version with the meeting where it was moved.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/tmux.rs"]
mod tmux;

use std::time::Duration;

use matchslate::store::Store;
use tmux::{start_desk, wait_for_file};

#[test]
fn a_slate_version_survives_a_restart_of_the_desk() {
    let Some(desk) = start_desk("versions") else {
        return;
    };
    let session = &desk.session;
    session.wait_for("Why S", Duration::from_secs(60));
    session.keys(&["a"]);
    session.wait_for("accepted · e2e-staff", Duration::from_secs(10));
    session.keys(&["s"]);
    session.wait_for("scheduled ", Duration::from_secs(120));
    session.keys(&["3"]);
    session.wait_for("v1 draft", Duration::from_secs(10));
    // Pick up the first meeting on the slate (its cell, found by a jump),
    // drop it on a free table (checked below through the store).
    let store = Store::open(&desk.db).unwrap();
    let first = store.version_meetings(1).unwrap();
    let m = first
        .iter()
        .min_by_key(|m| (m.date, m.start, m.table))
        .unwrap()
        .clone();
    // Another table at the same time: both participants are free then.
    let taken = |table: u32| {
        (first.iter()).any(|o| o.date == m.date && o.start == m.start && o.table == table)
    };
    let table = (0..40).rev().find(|&t| !taken(t)).unwrap();
    let at = m.start.strftime("%H:%M").to_string();
    session.keys(&["t"]);
    session.keys(&["-l", &format!("T{} {at}", m.table + 1)]);
    session.keys(&["Enter"]);
    session.keys(&["m"]);
    session.wait_for("moving ", Duration::from_secs(10));
    session.keys(&["t"]);
    session.keys(&["-l", &format!("T{} {at}", table + 1)]);
    session.keys(&["Enter"]);
    session.keys(&["m"]);
    session.wait_for("now locked;", Duration::from_secs(20));
    session.keys(&["q"]);
    let code = wait_for_file(&desk.exit, Duration::from_secs(10));
    assert_eq!(code.trim(), "exit=0");

    let moved = store.version_meetings(1).unwrap();
    let now = moved
        .iter()
        .find(|o| (&o.seller_id, &o.buyer_id) == (&m.seller_id, &m.buyer_id))
        .unwrap();
    assert_eq!((now.start, now.table), (m.start, table));

    let desk = desk.restart("versions-again");
    let session = &desk.session;
    session.wait_for("Why S", Duration::from_secs(60));
    session.keys(&["3"]);
    session.wait_for("v1 draft", Duration::from_secs(20));
    session.keys(&["t"]);
    session.keys(&["-l", &format!("T{} {at}", table + 1)]);
    session.keys(&["Enter"]);
    let screen = session.wait_for(
        &format!(">{} {at} T{}", m.date.strftime("%a"), table + 1),
        Duration::from_secs(10),
    );
    assert!(
        screen.contains(&m.seller_id) && screen.contains(&m.buyer_id),
        "{screen}"
    );
    session.keys(&["q"]);
    let code = wait_for_file(&desk.exit, Duration::from_secs(10));
    assert_eq!(code.trim(), "exit=0");
}
