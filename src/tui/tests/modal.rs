//! Prompts are modes: what is typed into one never reaches the tabs, a
//! refused prompt still takes its input, and `L` on a scheduled pair
//! offers the slate's place and waits for Enter.

use std::ops::ControlFlow;
use std::time::Duration;

use crate::model::DecisionKind;

use super::super::action::{Action, Command, JobMsg, Tab};
use super::super::app::{App, PromptKind};
use super::*;

fn decision(app: &App, seller: usize, buyer: usize) -> Option<DecisionKind> {
    let desk = app.desk()?;
    desk.decision(seller, buyer).map(|d| d.kind)
}

fn selected(app: &App) -> (usize, usize) {
    let c = app.selected_candidate().map(|c| (c.seller, c.buyer));
    c.unwrap_or_else(|| panic!("no candidate selected"))
}

/// Types keys the way the terminal does: commands where bound, else text.
fn keys(app: &mut App, text: &str) {
    use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    for c in text.chars() {
        let event = Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        act(app, Action::Terminal(event));
    }
}

#[test]
fn a_refused_note_takes_the_keyboard_until_enter_or_esc() {
    let mut app = app(120, 30);
    let pair = selected(&app);
    cmd(&mut app, Command::Note);
    assert_eq!(app.prompt().map(|p| p.kind), Some(PromptKind::Refused));
    assert!(screen(&app).contains("decide on the pair first"));
    // "call back later" holds a, c, e, l: accept, clear, export, focus.
    keys(&mut app, "call back later 3");
    assert_eq!(
        decision(&app, pair.0, pair.1),
        None,
        "typed text ran as a command"
    );
    assert_eq!(app.tab(), Tab::Buyers);
    cmd(&mut app, Command::Cancel);
    assert!(app.prompt().is_none());
    assert!(screen(&app).contains("nothing saved"));
    // Now keys are commands again.
    keys(&mut app, "a");
    assert_eq!(decision(&app, pair.0, pair.1), Some(DecisionKind::Accepted));
}

#[test]
fn lock_with_a_slate_offers_the_slates_place_and_waits_for_enter() {
    let mut app = app(140, 30);
    cmd(&mut app, Command::Accept);
    let pair = selected(&app);
    let job = app.desk().map(|d| d.schedule_job(Duration::from_secs(1)));
    let Some(job) = job else { panic!("no desk") };
    act(
        &mut app,
        Action::Job(JobMsg::Scheduled(job(&mut |_| ControlFlow::Continue(())))),
    );
    keys(&mut app, "L");
    // Nothing locked yet: the prompt shows where and waits.
    assert_eq!(decision(&app, pair.0, pair.1), Some(DecisionKind::Accepted));
    assert_eq!(app.prompt().map(|p| p.input.as_str()), Some("1 09:00 1"));
    let text = screen(&app);
    assert!(text.contains("lock here? Enter locks"), "{text}");
    assert!(
        text.contains("S001·B001 meets at Wed 09:00 · T1 on the slate"),
        "{text}"
    );
    // Typing edits the place rather than switching tabs.
    for _ in 0..9 {
        cmd(&mut app, Command::Backspace);
    }
    keys(&mut app, "1 09:20 5");
    assert_eq!(app.tab(), Tab::Buyers);
    cmd(&mut app, Command::Submit);
    assert!(app.prompt().is_none());
    assert_eq!(
        decision(&app, pair.0, pair.1),
        Some(DecisionKind::Locked { slot: 1, table: 4 })
    );
    assert!(screen(&app).contains("locked at Wed 09:20 · T5"));
}

#[test]
fn a_lock_prompt_with_bad_input_keeps_its_input_and_the_keyboard() {
    let mut app = app(120, 30);
    keys(&mut app, "L");
    keys(&mut app, "9 25:00 x");
    cmd(&mut app, Command::Submit);
    assert_eq!(app.prompt().map(|p| p.input.as_str()), Some("9 25:00 x"));
    keys(&mut app, "3");
    assert_eq!(app.tab(), Tab::Buyers);
}

#[test]
fn a_decision_that_changes_nothing_is_not_sent() {
    let mut app = app(120, 30);
    let pair = selected(&app);
    // Clearing an undecided pair: nothing to undo afterwards.
    cmd(&mut app, Command::Clear);
    assert!(screen(&app).contains("is already undecided; nothing changed"));
    cmd(&mut app, Command::Undo);
    assert!(screen(&app).contains("nothing to undo"));
    // Accepting twice is one step: one undo leaves it undecided.
    cmd(&mut app, Command::Accept);
    cmd(&mut app, Command::Accept);
    assert!(screen(&app).contains("is already accepted; nothing changed"));
    cmd(&mut app, Command::Undo);
    assert_eq!(decision(&app, pair.0, pair.1), None);
}
