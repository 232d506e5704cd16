//! A drop after a jump on a generated summit's full slate, as the
//! benchmark does it at 20,000 × 2,000: pick up at T1, jump to the last
//! table (free), drop; then pick the meeting up there and bring it back.

use crate::generate::{GenerateOptions, generate};
use crate::model::MeetingStatus;
use crate::summit::{OpenSummit, SlateOptions, SummitOptions};

use super::super::action::{Action, Command, Tab};
use super::super::app::App;
use super::*;

/// Every cell but the last table of each slot holds a meeting (the
/// benchmark's slate), saved as a version the desk opens on.
fn full_slate(dir: &std::path::Path) -> OpenSummit {
    let options = GenerateOptions {
        sellers: 300,
        buyers: 60,
        seed: 7,
    };
    generate(dir, &options).unwrap_or_else(|e| panic!("{e}"));
    let open = OpenSummit::open(&SummitOptions {
        data: dir.to_path_buf(),
        db: Some(dir.join("drop.db")),
        staff: "ana".to_string(),
    })
    .unwrap_or_else(|e| panic!("{e}"));
    let slate = crate::generate::full_slate(open.summit(), 4, usize::MAX);
    (open.save_run(&slate, &SlateOptions::default(), 0)).unwrap_or_else(|e| panic!("{e}"));
    open
}

/// The desk on [`full_slate`], settled on its Slate tab, and the event's
/// table count.
fn slate_desk(dir: &std::path::Path) -> (App, u32) {
    let open = full_slate(dir);
    let tables = open.summit().event.tables;
    let mut app = App::ready(Box::new(open), crate::tui::Theme::new(false), 160, 48);
    settle(&mut app);
    cmd(&mut app, Command::GoTab(Tab::Slate));
    (app, tables)
}

fn jump(app: &mut App, to: &str) {
    cmd(app, Command::Jump);
    type_text(app, to);
    cmd(app, Command::Submit);
}

#[test]
fn a_meeting_dropped_after_a_jump_is_found_there_and_comes_back() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (mut app, tables) = slate_desk(dir.path());
    let last = format!("T{tables}");
    for (from, to) in [("T1", last.as_str()), (last.as_str(), "T1")] {
        jump(&mut app, from);
        cmd(&mut app, Command::Move);
        assert!(
            app.moving().is_some(),
            "nothing picked up at {from}: {:?}\n{}",
            app.status(),
            screen(&app)
        );
        jump(&mut app, to);
        act(&mut app, Action::Cmd(Command::Move));
        assert!(
            app.moving().is_none() && !app.status().is_some_and(|s| s.error),
            "the drop at {to} was refused: {:?}",
            app.status()
        );
    }
}

/// The drop runs on the recorder's worker through the one summit use case:
/// the UI thread only copies the slate, the grid follows the worker's
/// answer, and a second drop meanwhile waits rather than racing the first.
#[test]
fn a_drop_is_checked_and_saved_on_the_worker_and_the_grid_follows() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (mut app, tables) = slate_desk(dir.path());
    jump(&mut app, "T1");
    cmd(&mut app, Command::Move);
    let picked = app.moving().unwrap_or_else(|| panic!("nothing picked up"));
    jump(&mut app, &format!("T{tables}"));
    let (tx, rx) = std::sync::mpsc::channel();
    app.use_workers(tx);
    let before = app.slate().map(|s| s.meetings[picked]);
    update(&mut app, Action::Cmd(Command::Move));
    assert_eq!(app.moving(), None);
    assert_eq!(
        app.slate().map(|s| s.meetings[picked]),
        before,
        "moved before the store said so"
    );
    assert!(
        screen(&app).contains("checking and saving the move"),
        "{}",
        screen(&app)
    );
    // Another pick-up and drop while the first is saved: refused, kept.
    jump(&mut app, "T2");
    cmd(&mut app, Command::Move);
    jump(&mut app, "T3");
    update(&mut app, Action::Cmd(Command::Move));
    assert!(app.moving().is_some());
    assert!(
        screen(&app).contains("still being saved"),
        "{}",
        screen(&app)
    );
    let reply = rx.recv_timeout(std::time::Duration::from_secs(60));
    update(&mut app, reply.unwrap_or_else(|e| panic!("{e}")));
    let after = app.slate().map(|s| s.meetings[picked]);
    assert_eq!(
        after.map(|m| (m.table, m.status)),
        Some((tables - 1, MeetingStatus::Locked))
    );
    assert!(
        screen(&app).contains("now locked; saved in slate v1 draft by ana"),
        "{}",
        screen(&app)
    );
}
