//! A slate older than the decisions: the tabs say so, rejected pairs are
//! struck through and never exported.

use std::ops::ControlFlow;
use std::time::Duration;

use ratatui::style::Modifier;

use super::super::action::{Action, Command, JobMsg, Tab};
use super::super::app::App;
use super::*;

/// Accepts the first two candidates of B001 and schedules them here.
fn scheduled_two() -> App {
    let mut app = app(140, 30);
    cmd(&mut app, Command::Accept);
    cmd(&mut app, Command::Down);
    cmd(&mut app, Command::Accept);
    let job = app.desk().map(|d| d.schedule_job(Duration::from_secs(1)));
    let Some(job) = job else { panic!("no desk") };
    let scheduled = job(&mut |_| ControlFlow::Continue(()));
    act(&mut app, Action::Job(JobMsg::Scheduled(scheduled)));
    app
}

#[test]
fn a_fresh_slate_says_nothing_about_staleness() {
    let mut app = scheduled_two();
    assert_eq!(app.staleness().changed, 0);
    cmd(&mut app, Command::GoTab(Tab::Slate));
    assert!(!screen(&app).contains("since this slate"));
}

#[test]
fn a_pair_rejected_after_scheduling_is_struck_through_and_not_exported() {
    let mut app = scheduled_two();
    // Back to the first candidate, now reject it.
    cmd(&mut app, Command::Up);
    cmd(&mut app, Command::Reject);
    assert_eq!(app.staleness().changed, 1);
    assert_eq!(app.staleness().dropped.len(), 1);
    for tab in [Tab::Slate, Tab::Summary] {
        cmd(&mut app, Command::GoTab(tab));
        let text = screen(&app);
        assert!(text.contains("1 decision since this slate"), "{text}");
    }
    cmd(&mut app, Command::GoTab(Tab::Slate));
    // The cursor on the second meeting, so the first shows its × mark.
    cmd(&mut app, Command::Down);
    insta::assert_snapshot!("stale_slate", screen(&app));
    // The rejected meeting's cell is drawn crossed out.
    let terminal = draw(&app);
    let buffer = terminal.backend().buffer();
    let crossed = (buffer.content.iter())
        .filter(|c| c.modifier.contains(Modifier::CROSSED_OUT))
        .count();
    assert!(crossed > 0, "no cell is struck through");
    cmd(&mut app, Command::Export);
    let text = screen(&app);
    assert!(
        text.contains("left out 1 meeting rejected since this slate: S"),
        "{text}"
    );
}

#[test]
fn accepting_again_after_a_clear_counts_as_no_change() {
    let mut app = scheduled_two();
    cmd(&mut app, Command::Clear);
    assert_eq!(app.staleness().changed, 1);
    assert!(
        app.staleness().dropped.is_empty(),
        "cleared pairs still meet"
    );
    cmd(&mut app, Command::Accept);
    assert_eq!(app.staleness().changed, 0);
}

#[test]
fn a_locked_pair_left_off_the_slate_is_named_as_locked() {
    use crate::model::{Slate, Unscheduled};
    use crate::schedule::PairStatus;
    let mut app = app(140, 30);
    let summit = demo_summit();
    let mut input = super::super::memory::MemoryDesk::input(&summit, &[(0, 0)]);
    input.candidates[0].status = PairStatus::Locked { slot: 1, table: 4 };
    let slate = Slate {
        unscheduled: vec![Unscheduled {
            seller: 0,
            buyer: 0,
            reason: "B001 is busy then".to_string(),
        }],
        ..Slate::default()
    };
    let scheduled = crate::summit::Scheduled::new(input, slate);
    act(&mut app, Action::Job(JobMsg::Scheduled(scheduled)));
    let text = screen(&app);
    assert!(
        text.contains("1 locked pair could not be placed: S001·B001 (locked): B001 is busy then"),
        "{text}"
    );
}
