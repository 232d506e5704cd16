//! Decisions on pairs: accept, reject, clear, lock, notes, undo and redo,
//! and other staff's decisions arriving from the store.

use crate::model::{DecisionKind, Summit};

use crate::summit::{check_lock, place_input, place_label};
use crate::tui::action::{Command, Saved};
use crate::tui::app::{App, Prompt, PromptKind};
use crate::tui::desk::{Decision, Recorder, Verdict};

use super::record;
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
    apply(app, seller, buyer, action, None);
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

/// Queues the decision for the store. `retry` is the lock as typed at the
/// prompt, which opens again with it if the store refuses the lock.
fn apply(app: &mut App, seller: usize, buyer: usize, verdict: Verdict, retry: Option<String>) {
    record::step(app, record::Step::Decision);
    record::record(
        app,
        Box::new(move |recorder| {
            let retry_lock = retry.map(|input| (seller, buyer, input));
            decide_now(recorder, seller, buyer, verdict, retry_lock)
        }),
    );
}

/// On the recording worker: saves the decision, unless it changes nothing
/// (then no log row and no undo step are written).
fn decide_now(
    recorder: &mut dyn Recorder,
    seller: usize,
    buyer: usize,
    verdict: Verdict,
    retry_lock: Option<(usize, usize, String)>,
) -> Saved {
    let now = recorder.decided(seller, buyer);
    if now == verdict.kind() {
        let summit = recorder.summit();
        let ids = pair_ids(summit, seller, buyer);
        let state = now.map_or("undecided".to_string(), |kind| match kind {
            DecisionKind::Locked { slot, table } => {
                format!("locked at {}", place_label(summit, slot, table))
            }
            other => other.label().to_string(),
        });
        return said(format!("{ids} is already {state}; nothing changed"), false);
    }
    let result = recorder.decide(Decision {
        seller,
        buyer,
        verdict,
        note: None,
    });
    let summit = recorder.summit();
    match result {
        Ok(()) => {
            let verb = match verdict {
                Verdict::Accept => "accepted".to_string(),
                Verdict::Reject => "rejected".to_string(),
                Verdict::Clear => "cleared".to_string(),
                Verdict::Lock { slot, table } => {
                    format!("locked at {}", place_label(summit, slot, table))
                }
            };
            let label = pair_label(summit, seller, buyer);
            let staff = recorder.staff();
            said(format!("{verb} {label} (by {staff})"), true)
        }
        Err(e) => Saved {
            retry_lock,
            ..failed(format!("could not save the decision: {e}"))
        },
    }
}

/// A write's result for the status line; `changed` when decisions changed.
fn said(text: String, changed: bool) -> Saved {
    Saved {
        text,
        error: false,
        changed,
        retry_lock: None,
        version: None,
    }
}

fn failed(text: String) -> Saved {
    Saved {
        error: true,
        ..said(text, false)
    }
}

pub fn submit_prompt(app: &mut App) {
    let Some(prompt) = app.ui.prompt.take() else {
        return;
    };
    match prompt.kind {
        PromptKind::Note { seller, buyer } => {
            let note = prompt.input.trim().to_string();
            let job = move |recorder: &mut dyn Recorder| match recorder.set_note(
                seller,
                buyer,
                (!note.is_empty()).then_some(&note),
            ) {
                Ok(()) => said("note saved".to_string(), false),
                Err(e) => failed(format!("could not save the note: {e}")),
            };
            record::step(app, record::Step::Decision);
            record::record(app, Box::new(job));
        }
        PromptKind::Lock { seller, buyer } => match parse_lock(app, &prompt.input) {
            Ok((slot, table)) => {
                let lock = Verdict::Lock { slot, table };
                apply(app, seller, buyer, lock, Some(prompt.input));
            }
            Err(e) => {
                app.complain(e);
                // Keep what was typed so it can be corrected.
                app.ui.prompt = Some(prompt);
            }
        },
        PromptKind::Refused => app.say("nothing saved"),
        PromptKind::Publish { .. } | PromptKind::Rollback => {
            super::slate_versions::submit(app, prompt)
        }
        PromptKind::Jump => super::slate_grid::jump(app, prompt),
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
    if record::next_step(app, redo) == record::Step::Wish {
        super::wish::undo(app, redo);
        return;
    }
    let job = move |recorder: &mut dyn Recorder| {
        let result = if redo {
            recorder.redo()
        } else {
            recorder.undo()
        };
        let word = if redo { "redo" } else { "undo" };
        match result {
            Ok(true) if redo => said("redid your last undone decision".to_string(), true),
            Ok(true) => said("undid your last decision".to_string(), true),
            Ok(false) => said(format!("nothing to {word}"), false),
            Err(e) => failed(format!("could not {word}: {e}")),
        }
    };
    record::record(app, Box::new(job));
}

/// The desk read its own write back: remember the decision log's
/// position, so the next change is not taken for other staff's decisions.
pub fn seen_own_write(app: &mut App) {
    app.jobs.log_seen = app.desk.as_ref().and_then(|d| d.log_position().ok());
}

/// Picks up decisions made in other terminals.
pub fn poll_store(app: &mut App) {
    // The desk's own writes are read back when they are done, not
    // announced as other staff's.
    if app.writing() {
        return;
    }
    let Some(desk) = &mut app.desk else { return };
    match desk.refresh_if_changed() {
        Ok(true) => {
            let position = desk.log_position().ok();
            let decisions = position != app.jobs.log_seen;
            app.jobs.log_seen = position;
            let latest = desk.latest_stamp().ok().flatten();
            let shown = app.slate_tab.version.as_ref().map(|v| v.stamp);
            app.recount();
            super::slate::sync_statuses(app);
            super::day_marks::due(app);
            // Say what changed: another terminal's slate version is opened
            // (and named) by the version poll right after.
            if decisions {
                app.say("decisions updated by other staff");
            } else if latest.is_none() || latest == shown {
                app.say("attendance, outcomes or wishes updated by other staff");
            }
        }
        Ok(false) => {}
        Err(e) => app.complain(format!("could not read the decision store: {e}")),
    }
}
