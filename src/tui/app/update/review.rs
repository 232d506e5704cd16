//! Decisions on pairs: accept, reject, clear, lock, notes, undo and redo,
//! and other staff's decisions arriving from the store.

use crate::model::{DecisionKind, Summit};

use crate::summit::{check_lock, place_input, place_label};
use crate::tui::action::Command;
use crate::tui::app::{App, Prompt, PromptKind};
use crate::tui::desk::Verdict;
use crate::tui::text::clean;

/// "S001 Columbia Ridge Orchards ↔ B001 Shanghai Fresh Link Trading".
pub fn pair_label(summit: &Summit, seller: usize, buyer: usize) -> String {
    let s = summit.sellers.get(seller);
    let b = summit.buyers.get(buyer);
    format!(
        "{} {} ↔ {} {}",
        s.map_or("?", |s| &s.id),
        s.map_or("?", |s| &s.company),
        b.map_or("?", |b| &b.id),
        b.map_or("?", |b| &b.company),
    )
}

/// "S058·B002": a pair by its ids, for messages that list several.
pub fn pair_ids(summit: &Summit, seller: usize, buyer: usize) -> String {
    let s = summit.sellers.get(seller).map_or("?", |s| &s.id);
    let b = summit.buyers.get(buyer).map_or("?", |b| &b.id);
    format!("{s}·{b}")
}

pub fn decide(app: &mut App, command: Command) {
    let Some(c) = app.selected_candidate() else {
        app.complain("select a candidate first (Tab to the candidates, j/k to choose)");
        return;
    };
    let (seller, buyer) = (c.seller, c.buyer);
    let action = match command {
        Command::Accept => Verdict::Accept,
        Command::Reject => Verdict::Reject,
        Command::Clear => Verdict::Clear,
        Command::Lock => {
            let placed = app.slate().and_then(|slate| {
                slate
                    .meetings
                    .iter()
                    .find(|m| m.seller == seller && m.buyer == buyer)
            });
            // With a slate, the prompt starts at the slate's place: Enter
            // confirms it, or staff type another.
            let offered = placed.zip(app.desk.as_ref()).and_then(|(m, desk)| {
                let input = place_input(desk.summit(), m.slot, m.table)?;
                let ids = pair_ids(desk.summit(), seller, buyer);
                let place = place_label(desk.summit(), m.slot, m.table);
                Some((input, format!("{ids} meets at {place} on the slate")))
            });
            app.ui.status = None;
            let input = match offered {
                Some((input, hint)) => {
                    app.say(hint);
                    input
                }
                None => String::new(),
            };
            app.ui.prompt = Some(Prompt {
                kind: PromptKind::Lock { seller, buyer },
                input,
            });
            return;
        }
        Command::Note => {
            let existing = app.desk.as_ref().and_then(|d| d.decision(seller, buyer));
            match existing {
                Some(info) => {
                    app.ui.status = None;
                    app.ui.prompt = Some(Prompt {
                        kind: PromptKind::Note { seller, buyer },
                        input: clean(info.note.as_deref().unwrap_or("")).into_owned(),
                    })
                }
                None => refuse(
                    app,
                    "decide on the pair first (a accept, x reject), then add a note",
                ),
            }
            return;
        }
        _ => return,
    };
    apply(app, seller, buyer, action);
}

/// Refuses a prompt while still taking the keyboard: what staff type next
/// was meant for the prompt and must not run as commands.
fn refuse(app: &mut App, reason: &str) {
    app.complain(format!("{reason} · Enter or Esc to go on"));
    app.ui.prompt = Some(Prompt {
        kind: PromptKind::Refused,
        input: String::new(),
    });
}

/// Saves the decision; `false` (with the reason on the status line) when
/// the store refused it.
fn apply(app: &mut App, seller: usize, buyer: usize, verdict: Verdict) -> bool {
    let Some(desk) = &mut app.desk else {
        return false;
    };
    // A decision that changes nothing is not sent: no log row, no undo step.
    let now = desk.decision(seller, buyer).map(|d| d.kind);
    if now == verdict.kind() {
        let ids = pair_ids(desk.summit(), seller, buyer);
        let state = now.map_or("undecided".to_string(), |kind| match kind {
            DecisionKind::Locked { slot, table } => {
                format!("locked at {}", place_label(desk.summit(), slot, table))
            }
            other => other.label().to_string(),
        });
        app.say(format!("{ids} is already {state}; nothing changed"));
        return true;
    }
    let result = desk.decide(seller, buyer, verdict, None);
    let label = pair_label(desk.summit(), seller, buyer);
    let staff = desk.staff().to_string();
    match result {
        Ok(()) => {
            let verb = match verdict {
                Verdict::Accept => "accepted".to_string(),
                Verdict::Reject => "rejected".to_string(),
                Verdict::Clear => "cleared".to_string(),
                Verdict::Lock { slot, table } => {
                    format!("locked at {}", place_label(desk.summit(), slot, table))
                }
            };
            app.recount();
            super::slate::sync_statuses(app);
            app.say(format!("{verb} {label} (by {staff})"));
            true
        }
        Err(e) => {
            app.complain(format!("could not save the decision: {e}"));
            false
        }
    }
}

pub fn submit_prompt(app: &mut App) {
    let Some(prompt) = app.ui.prompt.take() else {
        return;
    };
    match prompt.kind {
        PromptKind::Note { seller, buyer } => {
            let Some(desk) = &mut app.desk else { return };
            let note = prompt.input.trim();
            match desk.set_note(seller, buyer, (!note.is_empty()).then_some(note)) {
                Ok(()) => app.say("note saved"),
                Err(e) => app.complain(format!("could not save the note: {e}")),
            }
        }
        PromptKind::Lock { seller, buyer } => match parse_lock(app, &prompt.input) {
            Ok((slot, table)) => {
                if !apply(app, seller, buyer, Verdict::Lock { slot, table }) {
                    // Refused (a clash): the prompt stays, so what is typed
                    // next corrects it rather than running as commands.
                    app.ui.prompt = Some(prompt);
                }
            }
            Err(e) => {
                app.complain(e);
                // Keep what was typed so it can be corrected.
                app.ui.prompt = Some(prompt);
            }
        },
        PromptKind::Refused => app.say("nothing saved"),
    }
}

/// "DAY HH:MM TABLE" as printed on the slate ("1 09:20 5"), or "SLOT
/// TABLE" with the slot counted through the event; all counted from 1.
fn parse_lock(app: &App, input: &str) -> Result<(usize, u32), String> {
    let Some(desk) = &app.desk else {
        return Err("no summit open".into());
    };
    let summit = desk.summit();
    let tables = summit.event.tables;
    let usage = format!(
        "type a day, a start time and a table (1-{tables}), e.g. \"1 09:20 5\", or a slot (1-{}) and a table",
        summit.slots.len()
    );
    let words: Vec<&str> = input.split_whitespace().collect();
    let (slot, table) = match words[..] {
        [day, time, table] => {
            let day: usize = day.parse().map_err(|_| usage.clone())?;
            let slot = summit
                .slots
                .iter()
                .find(|s| s.day + 1 == day && s.start.strftime("%H:%M").to_string() == time)
                .ok_or_else(|| format!("no slot starts at {time} on day {day}; {usage}"))?;
            (slot.index, table)
        }
        [slot, table] => {
            let slot: usize = slot.parse().map_err(|_| usage.clone())?;
            // Counted from 1; 0 wraps to a slot no event has.
            (slot.wrapping_sub(1), table)
        }
        _ => return Err(usage),
    };
    let table: u32 = table.parse().map_err(|_| usage.clone())?;
    let table = table.wrapping_sub(1);
    check_lock(summit, slot, table).map_err(|_| usage)?;
    Ok((slot, table))
}

pub fn undo(app: &mut App, redo: bool) {
    let Some(desk) = &mut app.desk else { return };
    let result = if redo { desk.redo() } else { desk.undo() };
    let word = if redo { "redo" } else { "undo" };
    match result {
        Ok(true) => {
            app.recount();
            super::slate::sync_statuses(app);
            app.say(if redo {
                "redid your last undone decision"
            } else {
                "undid your last decision"
            });
        }
        Ok(false) => app.say(format!("nothing to {word}")),
        Err(e) => app.complain(format!("could not {word}: {e}")),
    }
}

/// Picks up decisions made in other terminals.
pub fn poll_store(app: &mut App) {
    let Some(desk) = &mut app.desk else { return };
    match desk.refresh_if_changed() {
        Ok(true) => {
            app.recount();
            super::slate::sync_statuses(app);
            app.say("decisions updated by other staff");
        }
        Ok(false) => {}
        Err(e) => app.complain(format!("could not read the decision store: {e}")),
    }
}
