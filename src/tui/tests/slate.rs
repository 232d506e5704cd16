//! Scheduling on a worker, the slate grid, moving meetings, the summary
//! and export.

use std::sync::mpsc;
use std::time::Duration;

use crate::model::{Meeting, MeetingStatus, Slate};

use super::super::action::{Action, Command, Tab};
use super::super::app::App;
use super::*;

/// A small hand-made slate: three meetings on day 1, one on day 2.
fn slate() -> Slate {
    let m = |seller, buyer, slot, table, status, interpreter| Meeting {
        interpreter,
        status,
        ..meeting(seller, buyer, slot, table)
    };
    slate_of(vec![
        m(0, 0, 0, 0, MeetingStatus::Accepted, true),
        m(1, 4, 0, 1, MeetingStatus::Proposed, true),
        m(2, 11, 1, 0, MeetingStatus::Locked, false),
        m(0, 1, 22, 3, MeetingStatus::Proposed, false),
    ])
}

fn with_slate(width: u16, height: u16) -> App {
    let mut app = app(width, height);
    act(
        &mut app,
        Action::Job(super::super::action::JobMsg::Scheduled(
            super::super::memory::MemoryDesk::scheduled(&demo_summit(), slate()),
        )),
    );
    app
}

#[test]
fn scheduling_runs_on_a_worker_and_reports_back() {
    let mut app = app(120, 40);
    // Accept two pairs so the greedy scheduler has something to place.
    cmd(&mut app, Command::Accept);
    cmd(&mut app, Command::Down);
    cmd(&mut app, Command::Accept);
    let (tx, rx) = mpsc::channel();
    app.use_workers(tx);
    cmd(&mut app, Command::Schedule);
    assert!(app.schedule().is_some());
    assert!(screen(&app).contains("scheduling: starting"));
    // Wait on the channel, as the event loop does, until the slate comes.
    while app.slate().is_none() {
        match rx.recv_timeout(Duration::from_secs(30)) {
            Ok(action) => {
                let progress = matches!(
                    action,
                    Action::Job(super::super::action::JobMsg::Progress(_))
                );
                act(&mut app, action);
                if progress {
                    assert!(screen(&app).contains("% of bound"), "progress shows");
                }
            }
            Err(e) => panic!("the worker never reported: {e}"),
        }
    }
    assert!(app.schedule().is_none());
    assert_eq!(app.slate().map(|s| s.meetings.len()), Some(2));
    assert!(screen(&app).contains("scheduled 2 meetings"));
}

#[test]
fn slate_grid_by_slots_and_tables_with_itineraries() {
    let mut app = with_slate(140, 30);
    cmd(&mut app, Command::GoTab(Tab::Slate));
    insta::assert_snapshot!("slate_grid", screen(&app));
    cmd(&mut app, Command::NextDay);
    let text = screen(&app);
    assert!(text.contains("Day 2/2"), "{text}");
    // S001 with B002, the one meeting on day 2, by short names.
    assert!(text.contains("Columb·Zhengzh"), "{text}");
}

#[test]
fn moving_a_meeting_to_a_free_cell_locks_it() {
    let mut app = with_slate(140, 30);
    cmd(&mut app, Command::GoTab(Tab::Slate));
    cmd(&mut app, Command::Move);
    assert_eq!(app.moving(), Some(0));
    // Two tables right, three slots down: free.
    cmd(&mut app, Command::Right);
    cmd(&mut app, Command::Right);
    cmd(&mut app, Command::Down);
    cmd(&mut app, Command::Down);
    cmd(&mut app, Command::Down);
    cmd(&mut app, Command::Move);
    let m = app.slate().map(|s| s.meetings[0]);
    assert_eq!(
        m.map(|m| (m.slot, m.table, m.status)),
        Some((3, 2, MeetingStatus::Locked))
    );
    let kind = app.desk().and_then(|d| d.decision(0, 0)).map(|d| d.kind);
    assert_eq!(
        kind,
        Some(crate::model::DecisionKind::Locked { slot: 3, table: 2 })
    );
    let text = screen(&app);
    assert!(text.contains("moved S001 Columbia Ridge Orchards ↔ B001 Shanghai Fresh Link Trading to Wed 10:00 · T3; now locked; saved in slate v1 draft"), "{text}");
}

#[test]
fn swapping_two_meetings_locks_both() {
    let mut app = with_slate(140, 30);
    cmd(&mut app, Command::GoTab(Tab::Slate));
    cmd(&mut app, Command::Move);
    cmd(&mut app, Command::Down);
    cmd(&mut app, Command::Move);
    let slate = app
        .slate()
        .as_ref()
        .map(|s| s.meetings.clone())
        .unwrap_or_default();
    assert_eq!((slate[0].slot, slate[0].table), (1, 0));
    assert_eq!((slate[2].slot, slate[2].table), (0, 0));
    assert!(slate[0].status == MeetingStatus::Locked && slate[2].status == MeetingStatus::Locked);
}

#[test]
fn a_move_that_breaks_a_hard_rule_is_refused_with_the_reason() {
    let mut app = with_slate(140, 30);
    cmd(&mut app, Command::GoTab(Tab::Slate));
    // Meeting 3 (S001 with B002, day 2) cannot go to slot 0: S001 already
    // meets B001 there.
    cmd(&mut app, Command::NextDay);
    for _ in 0..3 {
        cmd(&mut app, Command::Right);
    }
    let row = 22 - super::super::app::day_slots(&demo_summit(), 1).start;
    for _ in 0..row {
        cmd(&mut app, Command::Down);
    }
    cmd(&mut app, Command::Move);
    assert_eq!(app.moving(), Some(3));
    cmd(&mut app, Command::PrevDay);
    cmd(&mut app, Command::Move);
    let text = screen(&app);
    assert!(
        text.contains("cannot move there: seller S001 would be in 2 meetings at the 09:00 slot"),
        "{text}"
    );
    assert_eq!(app.slate().map(|s| s.meetings[3].slot), Some(22));
}

#[test]
fn summary_shows_meetings_idle_participants_interpreters_and_bound() {
    let mut app = with_slate(120, 36);
    cmd(&mut app, Command::GoTab(Tab::Summary));
    let text = screen(&app);
    insta::assert_snapshot!("summary", text);
    assert!(text.contains("80.0%"));
    assert!(text.contains("peak 2/6"));
}

#[test]
fn export_says_where_it_wrote() {
    let mut app = app(120, 40);
    cmd(&mut app, Command::Export);
    assert!(screen(&app).contains("nothing to export yet"));
    act(
        &mut app,
        Action::Job(super::super::action::JobMsg::Scheduled(
            super::super::memory::MemoryDesk::scheduled(&demo_summit(), slate()),
        )),
    );
    cmd(&mut app, Command::Export);
    assert!(screen(&app).contains("buyers.csv, schedule.ics and print/ to export"));
}

#[test]
fn a_worker_that_panics_is_reported_and_the_desk_carries_on() {
    let mut desk = super::super::memory::MemoryDesk::new(demo_summit(), "ana");
    desk.scheduler_panics = true;
    let mut app = App::ready(Box::new(desk), crate::tui::Theme::new(false), 120, 40);
    settle(&mut app);
    let (tx, rx) = mpsc::channel();
    app.use_workers(tx);
    cmd(&mut app, Command::Schedule);
    match rx.recv_timeout(Duration::from_secs(30)) {
        Ok(action) => act(&mut app, action),
        Err(e) => panic!("the worker never reported: {e}"),
    }
    assert!(app.schedule().is_none());
    let text = screen(&app);
    assert!(
        text.contains("the background job failed: the scheduler fell over"),
        "{text}"
    );
    cmd(&mut app, Command::Down);
    assert_eq!(app.buyers().scroll.selected, 1, "the desk still answers");
}

#[test]
fn the_desk_keeps_answering_while_the_worker_builds_the_slate() {
    let mut app = app(120, 40);
    cmd(&mut app, Command::Accept);
    let (tx, rx) = mpsc::channel();
    app.use_workers(tx);
    cmd(&mut app, Command::Schedule);
    // The worker owns shared data only: the lists stay and keys work
    // before it has reported anything.
    assert!(app.desk().is_some());
    cmd(&mut app, Command::Down);
    assert_eq!(app.buyers().scroll.selected, 1);
    while app.slate().is_none() {
        match rx.recv_timeout(Duration::from_secs(30)) {
            Ok(action) => act(&mut app, action),
            Err(e) => panic!("the worker never reported: {e}"),
        }
    }
    assert_eq!(app.slate().map(|s| s.meetings.len()), Some(1));
    cmd(&mut app, Command::GoTab(Tab::Slate));
    assert!(screen(&app).contains("Day 1/2"));
}

#[test]
fn undoing_a_move_unlocks_the_meeting_on_the_slate() {
    let mut app = with_slate(140, 30);
    cmd(&mut app, Command::GoTab(Tab::Slate));
    cmd(&mut app, Command::Move);
    cmd(&mut app, Command::Right);
    cmd(&mut app, Command::Right);
    cmd(&mut app, Command::Move);
    let status = |app: &App| app.slate().map(|s| s.meetings[0].status);
    assert_eq!(status(&app), Some(MeetingStatus::Locked));
    cmd(&mut app, Command::Undo);
    assert_eq!(status(&app), Some(MeetingStatus::Proposed));
    cmd(&mut app, Command::Redo);
    assert_eq!(status(&app), Some(MeetingStatus::Locked));
}
