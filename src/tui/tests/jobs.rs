//! Decisions written on a worker: in order, one at a time, and read back
//! before anything that depends on them.

use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use crate::model::DecisionKind;

use super::super::action::{Action, Command, JobMsg};
use super::super::app::App;
use super::*;

/// Feeds the workers' messages to the App, as the event loop does, until
/// `done` holds.
fn run_until(app: &mut App, rx: &Receiver<Action>, done: impl Fn(&App) -> bool) {
    while !done(app) {
        match rx.recv_timeout(Duration::from_secs(30)) {
            Ok(action) => act(app, action),
            Err(e) => panic!("the worker never reported: {e}"),
        }
    }
}

fn kind(app: &App, seller: usize, buyer: usize) -> Option<DecisionKind> {
    app.desk()
        .and_then(|d| d.decision(seller, buyer))
        .map(|d| d.kind)
}

#[test]
fn decisions_are_saved_on_a_worker_in_the_order_staff_made_them() {
    let mut app = app(120, 40);
    let (tx, rx) = mpsc::channel();
    app.use_workers(tx);
    let first = app.selected_candidate().map(|c| (c.seller, c.buyer));
    let Some((seller, buyer)) = first else {
        panic!("no candidate selected")
    };
    // Three writes on one pair before the first is back: none may be
    // dropped or run out of order, or the pair would not end rejected.
    cmd(&mut app, Command::Accept);
    assert_eq!(
        kind(&app, seller, buyer),
        None,
        "not saved on the UI thread"
    );
    cmd(&mut app, Command::Clear);
    cmd(&mut app, Command::Reject);
    run_until(&mut app, &rx, |app| {
        kind(app, seller, buyer) == Some(DecisionKind::Rejected)
            && app.status().is_some_and(|s| s.text.starts_with("rejected"))
    });
    // Undo goes the same way and steps back one write.
    cmd(&mut app, Command::Undo);
    run_until(&mut app, &rx, |app| kind(app, seller, buyer).is_none());
    assert!(screen(&app).contains("undid your last decision"));
}

#[test]
fn scheduling_waits_for_the_decisions_just_made_and_polling_stays_quiet() {
    let mut app = app(120, 40);
    let (tx, rx) = mpsc::channel();
    app.use_workers(tx);
    cmd(&mut app, Command::Accept);
    cmd(&mut app, Command::Schedule);
    assert!(app.schedule().is_none(), "waits for the write");
    // The write is in the store once its message is sent; a tick before
    // the message is handled must not take it for other staff's.
    let saved = match rx.recv_timeout(Duration::from_secs(30)) {
        Ok(action) => action,
        Err(e) => panic!("the worker never reported: {e}"),
    };
    act(&mut app, Action::Tick);
    assert!(!screen(&app).contains("updated by other staff"));
    act(&mut app, saved);
    assert!(app.schedule().is_some(), "starts once the write is in");
    run_until(&mut app, &rx, |app| app.slate().is_some());
    assert_eq!(app.slate().map(|s| s.meetings.len()), Some(1));
}

#[test]
fn a_second_export_while_one_runs_is_refused_with_a_message() {
    let mut app = app(120, 40);
    act(
        &mut app,
        Action::Job(JobMsg::Scheduled(
            super::super::memory::MemoryDesk::scheduled(&demo_summit(), Default::default()),
        )),
    );
    let (tx, rx) = mpsc::channel();
    app.use_workers(tx);
    cmd(&mut app, Command::Export);
    cmd(&mut app, Command::Export);
    assert!(screen(&app).contains("an export is still being written"));
    run_until(&mut app, &rx, |app| {
        app.status()
            .is_some_and(|s| s.text.starts_with("wrote schedule.csv"))
    });
}
