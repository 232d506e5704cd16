//! Slate versions in the desk: runs saved, moves amending the staff
//! member's own draft, publish and rollback after a prompt, the changes
//! since the published version, and versions from other terminals.

use std::path::Path;

use crate::model::{DecisionKind, Slate};
use crate::summit::SummitOptions;

use super::super::action::{Action, Command, JobMsg, Tab};
use super::super::app::App;
use super::super::desk::open_desk;
use super::super::memory::MemoryDesk;
use super::super::theme::Theme;
use super::*;

/// A desk on the demo data with its store at `db`, as `staff`.
fn desk_on(db: &Path, staff: &str) -> App {
    let options = SummitOptions {
        data: data_dir(),
        db: Some(db.to_path_buf()),
        staff: staff.to_string(),
    };
    let desk = open_desk(&options).unwrap_or_else(|e| panic!("{e:?}"));
    let mut app = App::ready(desk, Theme::new(false), 140, 30);
    settle(&mut app);
    app
}

/// Two meetings on day 1 (slots 0 and 1, table 1), the rest free.
fn two_meetings() -> Slate {
    slate_of(vec![meeting(0, 0, 0, 0), meeting(1, 1, 1, 0)])
}

/// The slate as it comes back from a run: saved as a version at once.
fn schedule_inline(app: &mut App) {
    let scheduled = MemoryDesk::scheduled(&demo_summit(), two_meetings());
    act(app, Action::Job(JobMsg::Scheduled(scheduled)));
}

fn typed(app: &mut App, command: Command, text: &str) {
    cmd(app, command);
    type_text(app, text);
    cmd(app, Command::Submit);
}

fn number(app: &App) -> Option<i64> {
    app.version().map(|v| v.stamp.number)
}

fn places(app: &App) -> Vec<(usize, usize, usize, u32)> {
    let mut v: Vec<_> = (app.slate().map(|s| s.meetings.clone()).unwrap_or_default())
        .iter()
        .map(|m| (m.seller, m.buyer, m.slot, m.table))
        .collect();
    v.sort();
    v
}

#[test]
fn a_run_is_a_version_moves_amend_the_draft_publish_and_rollback_ask_first() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = dir.path().join("v.db");
    let mut app = desk_on(&db, "ana");
    assert_eq!(number(&app), None);
    schedule_inline(&mut app);
    cmd(&mut app, Command::GoTab(Tab::Slate));
    assert_eq!(number(&app), Some(1));
    assert!(screen(&app).contains("v1 draft by ana · nothing published yet"));

    // The first move amends ana's own draft: still version 1.
    cmd(&mut app, Command::Move);
    typed(&mut app, Command::Jump, "T3 10:00");
    cmd(&mut app, Command::Move);
    assert_eq!(number(&app), Some(1), "{}", screen(&app));
    assert!(app.version().is_some_and(|v| v.stamp.amended_at.is_some()));
    let kind = app.desk().and_then(|d| d.decision(0, 0)).map(|d| d.kind);
    assert_eq!(kind, Some(DecisionKind::Locked { slot: 3, table: 2 }));

    // Publishing asks first: keys typed meanwhile are the note, never
    // commands, and Esc publishes nothing.
    cmd(&mut app, Command::Publish);
    type_text(&mut app, "sent 9am");
    cmd(&mut app, Command::Cancel);
    assert!(app.version().is_some_and(|v| !v.stamp.published));
    typed(&mut app, Command::Publish, "sent to all");
    assert!(app.version().is_some_and(|v| v.stamp.published));
    assert!(screen(&app).contains("v1 published · what participants have"));

    // A move after publishing starts a new draft, counted against v1.
    typed(&mut app, Command::Jump, "T3 10:00");
    cmd(&mut app, Command::Move);
    typed(&mut app, Command::Jump, "T5 11:00");
    cmd(&mut app, Command::Move);
    assert_eq!(number(&app), Some(2), "{}", screen(&app));
    let text = screen(&app);
    assert!(
        text.contains("v2 draft by ana · 1 change since published v1"),
        "{text}"
    );
    cmd(&mut app, Command::Changes);
    let text = screen(&app);
    assert!(
        text.contains("v1 → v2: 0 added, 0 cancelled, 1 moved"),
        "{text}"
    );
    assert!(
        text.contains("moved with B001: Wed 10:00 T3 → Wed 11:00 T5"),
        "{text}"
    );
    assert!(
        text.contains("moved with S001: Wed 10:00 T3 → Wed 11:00 T5"),
        "{text}"
    );
    cmd(&mut app, Command::Cancel);
    assert!(app.changes().is_none());

    // A restarted desk opens on the latest version, meetings where they were.
    let moved = places(&app);
    drop(app);
    let mut again = desk_on(&db, "bob");
    assert_eq!(number(&again), Some(2));
    assert_eq!(places(&again), moved);

    // Rollback asks which version, offering the published one, and makes
    // a new version equal to it.
    cmd(&mut again, Command::Rollback);
    assert_eq!(again.prompt().map(|p| p.input.as_str()), Some("1"));
    cmd(&mut again, Command::Submit);
    assert_eq!(number(&again), Some(3));
    let text = screen(&again);
    assert!(
        text.contains("rolled back: slate v3 is a copy of v1"),
        "{text}"
    );
    let at = |app: &App| {
        app.slate()
            .and_then(|s| s.meetings.iter().find(|m| (m.seller, m.buyer) == (0, 0)))
            .map(|m| (m.slot, m.table))
    };
    assert_eq!(at(&again), Some((3, 2)));
}

#[test]
fn a_version_saved_in_another_terminal_shows_up_on_the_next_tick() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = dir.path().join("v.db");
    let mut ana = desk_on(&db, "ana");
    let mut bob = desk_on(&db, "bob");
    let mut carl = desk_on(&db, "carl");
    schedule_inline(&mut ana);
    assert_eq!(bob.slate(), None);
    // On workers, as in the terminal: what the tick says before the
    // version arrives must not call ana's version "decisions".
    let (tx, rx) = std::sync::mpsc::channel();
    carl.use_workers(tx);
    act(&mut carl, Action::Tick);
    let said = screen(&carl);
    assert!(!said.contains("decisions updated"), "{said}");
    // Said at once, not only when the version has arrived.
    assert!(said.contains("slate v1 was saved elsewhere"), "{said}");
    let reply = rx.recv_timeout(std::time::Duration::from_secs(30));
    act(&mut carl, reply.unwrap_or_else(|e| panic!("{e}")));
    let said = screen(&carl);
    assert!(said.contains("showing slate v1 draft by ana"), "{said}");
    act(&mut bob, Action::Tick);
    assert_eq!(number(&bob), Some(1));
    assert_eq!(places(&bob), places(&ana));
    // Ana's move amends her draft; bob's desk follows it.
    cmd(&mut ana, Command::GoTab(Tab::Slate));
    cmd(&mut ana, Command::Move);
    typed(&mut ana, Command::Jump, "T2 09:40");
    cmd(&mut ana, Command::Move);
    act(&mut bob, Action::Tick);
    assert_eq!(places(&bob), places(&ana));
    assert!(screen(&bob).contains("v1 draft by ana"));
}

#[test]
fn a_swap_is_one_undo_step() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = dir.path().join("v.db");
    let mut app = desk_on(&db, "ana");
    schedule_inline(&mut app);
    cmd(&mut app, Command::GoTab(Tab::Slate));
    cmd(&mut app, Command::Move);
    cmd(&mut app, Command::Down);
    cmd(&mut app, Command::Move);
    let kind = |app: &App, s, b| app.desk().and_then(|d| d.decision(s, b)).map(|d| d.kind);
    assert_eq!(
        kind(&app, 0, 0),
        Some(DecisionKind::Locked { slot: 1, table: 0 })
    );
    assert_eq!(
        kind(&app, 1, 1),
        Some(DecisionKind::Locked { slot: 0, table: 0 })
    );
    cmd(&mut app, Command::Undo);
    assert_eq!((kind(&app, 0, 0), kind(&app, 1, 1)), (None, None));
}

#[test]
fn publishing_with_nothing_saved_or_twice_is_refused_with_a_reason() {
    let mut app = super::app(140, 30);
    cmd(&mut app, Command::GoTab(Tab::Slate));
    cmd(&mut app, Command::Publish);
    assert!(app.prompt().is_none());
    assert!(screen(&app).contains("no saved slate to publish yet"));
    schedule_inline(&mut app);
    typed(&mut app, Command::Publish, "");
    cmd(&mut app, Command::Publish);
    assert!(app.prompt().is_none());
    assert!(screen(&app).contains("slate v1 is published already"));
    cmd(&mut app, Command::Changes);
    assert!(screen(&app).contains("No changes: participants have this slate."));
}
