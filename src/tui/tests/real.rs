//! The desk on the real matcher and SQLite store: what staff actually see.

use crate::model::DecisionKind;

use super::super::action::Command;
use super::*;

#[test]
fn real_candidates_with_the_matchers_reasons_and_a_stored_decision() {
    let (_dir, mut app) = real_app(120, 40);
    cmd(&mut app, Command::NextPane);
    cmd(&mut app, Command::Down);
    cmd(&mut app, Command::Accept);
    cmd(&mut app, Command::Note);
    type_text(&mut app, "bring samples");
    cmd(&mut app, Command::Submit);
    // No snapshot here: the matcher's scores and words are tuned often,
    // and this screen must follow them, not pin them. It shows what the
    // matcher says, with the stored decision and note first.
    let text = screen(&app);
    let c = app.selected_candidate().cloned();
    let c = c.unwrap_or_else(|| panic!("a candidate is selected"));
    let info = app
        .desk()
        .and_then(|d| d.decision(c.seller, c.buyer))
        .cloned();
    assert_eq!(info.as_ref().map(|i| i.kind), Some(DecisionKind::Accepted));
    assert_eq!(info.as_ref().map(|i| i.staff.as_str()), Some("ana"));
    assert_eq!(info.and_then(|i| i.note).as_deref(), Some("bring samples"));
    assert!(text.contains("✓ accepted · ana ✎ at 20"), "{text}");
    assert!(text.contains("note: bring samples"), "{text}");
    // The box may cut the last reasons; the first is always there.
    let shown = c
        .reasons
        .iter()
        .filter(|r| text.contains(&format!("• {r}")))
        .count();
    assert!(
        shown >= 1 && !c.reasons.is_empty(),
        "{:?} not on\n{text}",
        c.reasons
    );
    cmd(&mut app, Command::Undo);
    cmd(&mut app, Command::Undo);
    assert_eq!(
        app.desk()
            .as_ref()
            .and_then(|d| d.decision(c.seller, c.buyer)),
        None
    );
}
