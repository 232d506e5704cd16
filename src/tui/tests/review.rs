//! Reviewing pairs: candidates, decisions with who made them, notes,
//! undo/redo and decisions arriving from another terminal.

use crate::model::DecisionKind;
use crate::summit::DecisionInfo;

use super::super::action::{Action, Command, Tab};
use super::super::app::{App, Pane};
use super::super::memory::MemoryDesk;
use super::*;

fn decision(app: &App, seller: usize, buyer: usize) -> Option<DecisionInfo> {
    app.desk()
        .as_ref()
        .and_then(|d| d.decision(seller, buyer))
        .cloned()
}

fn kind(app: &App, seller: usize, buyer: usize) -> Option<DecisionKind> {
    decision(app, seller, buyer).map(|d| d.kind)
}

fn selected_pair(app: &App) -> (usize, usize) {
    match app.selected_candidate() {
        Some(c) => (c.seller, c.buyer),
        None => panic!("no candidate selected"),
    }
}

#[test]
fn candidates_with_reasons_for_the_selected_buyer() {
    let mut app = app(120, 40);
    // B010 wants ginseng and dried seafood.
    cmd(&mut app, Command::Find);
    type_text(&mut app, "B010");
    cmd(&mut app, Command::Submit);
    cmd(&mut app, Command::NextPane);
    cmd(&mut app, Command::Down);
    insta::assert_snapshot!("candidates_with_reasons", screen(&app));
    assert_eq!(app.candidates().list.len(), crate::tui::app::CANDIDATES);
}

#[test]
fn accept_reject_clear_are_saved_at_once_and_show_who() {
    let mut app = app(120, 40);
    cmd(&mut app, Command::NextPane);
    let (s, b) = selected_pair(&app);
    cmd(&mut app, Command::Accept);
    assert_eq!(kind(&app, s, b), Some(DecisionKind::Accepted));
    let text = screen(&app);
    assert!(text.contains("✓ accepted · ana"), "{text}");
    assert!(
        text.contains("accepted S"),
        "status says what happened: {text}"
    );
    assert_eq!(app.seller_meetings()[s], 1);
    assert_eq!(app.buyer_meetings()[b], 1);
    cmd(&mut app, Command::Reject);
    assert_eq!(kind(&app, s, b), Some(DecisionKind::Rejected));
    assert_eq!(
        app.buyer_meetings()[b],
        0,
        "a rejected pair is not a meeting"
    );
    cmd(&mut app, Command::Clear);
    assert_eq!(kind(&app, s, b), None);
}

#[test]
fn the_list_pane_acts_on_the_highlighted_candidate_too() {
    let mut app = app(120, 40);
    assert_eq!(app.pane(), Pane::Main);
    let (s, b) = selected_pair(&app);
    cmd(&mut app, Command::Reject);
    assert_eq!(kind(&app, s, b), Some(DecisionKind::Rejected));
}

#[test]
fn undo_and_redo_go_through_the_log() {
    let mut app = app(120, 40);
    cmd(&mut app, Command::NextPane);
    let (s, b) = selected_pair(&app);
    cmd(&mut app, Command::Accept);
    cmd(&mut app, Command::Undo);
    assert_eq!(kind(&app, s, b), None);
    cmd(&mut app, Command::Redo);
    assert_eq!(kind(&app, s, b), Some(DecisionKind::Accepted));
    cmd(&mut app, Command::Undo);
    cmd(&mut app, Command::Undo);
    assert!(screen(&app).contains("nothing to undo"));
}

#[test]
fn notes_are_added_to_decisions_and_shown_safely() {
    let mut app = app(120, 40);
    cmd(&mut app, Command::NextPane);
    let (s, b) = selected_pair(&app);
    cmd(&mut app, Command::Note);
    // No note without a decision: the refusal holds the keyboard until Esc.
    assert_eq!(
        app.prompt().map(|p| p.kind),
        Some(super::super::app::PromptKind::Refused)
    );
    cmd(&mut app, Command::Cancel);
    cmd(&mut app, Command::Accept);
    cmd(&mut app, Command::Note);
    assert!(app.prompt().is_some());
    type_text(&mut app, "meet at booth 12");
    cmd(&mut app, Command::Submit);
    let note = decision(&app, s, b).and_then(|d| d.note);
    assert_eq!(note.as_deref(), Some("meet at booth 12"));
    assert!(screen(&app).contains("note: meet at booth 12"));
}

#[test]
fn hostile_text_from_the_database_never_reaches_the_terminal() {
    let mut summit = demo_summit();
    summit.sellers[0].company = "Evil\x1b]0;pwned\x07 Corp".to_string();
    let mut desk = MemoryDesk::new(summit, "ana\x1b[2J");
    use super::super::desk::Recorder;
    let evil_note = "\x1b[31mred\x1b[0m\r\nsecond line\u{202E}";
    // Every candidate of buyer 0 gets a decision with the note.
    for seller in 0..desk.summit.sellers.len() {
        let _ = desk.decide(crate::summit::Decision {
            seller,
            buyer: 0,
            verdict: crate::summit::Verdict::Accept,
            note: Some(evil_note),
        });
    }
    let mut app = App::ready(Box::new(desk), crate::tui::Theme::new(false), 120, 40);
    settle(&mut app);
    cmd(&mut app, Command::GoTab(Tab::Sellers));
    settle(&mut app);
    cmd(&mut app, Command::GoTab(Tab::Buyers));
    let terminal = draw(&app);
    for cell in terminal.backend().buffer().content() {
        for c in cell.symbol().chars() {
            assert!(
                !c.is_control(),
                "control character {c:?} reached the screen"
            );
            assert!(
                !('\u{202A}'..='\u{202E}').contains(&c),
                "bidi override reached the screen"
            );
        }
    }
    assert!(screen(&app).contains("note: \u{FFFD}[31mred"));
}

#[test]
fn decisions_from_another_terminal_appear_on_the_next_tick() {
    // Another process writes to the store; the desk learns of it on a tick.
    let desk = MemoryDesk::new(demo_summit(), "ana");
    let elsewhere = desk.elsewhere.clone();
    let mut app = App::ready(Box::new(desk), crate::tui::Theme::new(false), 120, 40);
    settle(&mut app);
    let (s, b) = selected_pair(&app);
    let info = DecisionInfo {
        kind: DecisionKind::Accepted,
        staff: "bo".to_string(),
        at: jiff::Timestamp::constant(1_507_712_400, 0),
        note: None,
    };
    elsewhere
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push((s, b, info));
    act(&mut app, Action::Tick);
    let text = screen(&app);
    assert!(text.contains("decisions updated by other staff"), "{text}");
    assert!(text.contains("✓ accepted · bo"), "{text}");
    // 09:00 UTC, shown in the event's zone (Los Angeles) with its name.
    assert!(text.contains("at 2017-10-11 02:00 PDT"), "{text}");
    assert_eq!(app.buyer_meetings()[b], 1);
}

#[test]
fn lock_asks_for_a_slot_and_table_without_a_slate() {
    let mut app = app(120, 40);
    let (s, b) = selected_pair(&app);
    cmd(&mut app, Command::Lock);
    type_text(&mut app, "99 1");
    cmd(&mut app, Command::Submit);
    assert!(app.prompt().is_some(), "a bad slot keeps the prompt open");
    assert!(screen(&app).contains("type a day, a start time and a table"));
    for _ in 0..4 {
        cmd(&mut app, Command::Backspace);
    }
    type_text(&mut app, "3 12");
    cmd(&mut app, Command::Submit);
    assert!(app.prompt().is_none());
    assert_eq!(
        kind(&app, s, b),
        Some(DecisionKind::Locked { slot: 2, table: 11 })
    );
    // The way the slate prints it: day 2 starts at slot 21 (0-based).
    cmd(&mut app, Command::Lock);
    type_text(&mut app, "2 09:20 5");
    cmd(&mut app, Command::Submit);
    assert_eq!(
        kind(&app, s, b),
        Some(DecisionKind::Locked { slot: 22, table: 4 })
    );
}
