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
    // The time of the decision changes from run to run.
    let text = screen(&app);
    let stable: String = text
        .lines()
        .map(|l| match l.find(" at 20") {
            Some(i) => format!("{} at YYYY-MM-DD HH:MM{}", &l[..i], &l[i + 20..]),
            None => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    insta::assert_snapshot!("real_candidates_with_reasons", stable);
    let c = app.selected_candidate().cloned();
    let c = c.unwrap_or_else(|| panic!("a candidate is selected"));
    let info = app
        .desk
        .as_ref()
        .and_then(|d| d.decision(c.seller, c.buyer))
        .cloned();
    assert_eq!(info.as_ref().map(|i| i.kind), Some(DecisionKind::Accepted));
    assert_eq!(info.as_ref().map(|i| i.staff.as_str()), Some("ana"));
    assert_eq!(info.and_then(|i| i.note).as_deref(), Some("bring samples"));
    cmd(&mut app, Command::Undo);
    cmd(&mut app, Command::Undo);
    assert_eq!(
        app.desk
            .as_ref()
            .and_then(|d| d.decision(c.seller, c.buyer)),
        None
    );
}
