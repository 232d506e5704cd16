//! The slate grid: days, the cursor, and moving or swapping meetings.

use std::ops::Range;

use crate::model::{DecisionKind, MeetingStatus, Summit};

use super::super::action::Command;
use super::super::app::App;
use super::super::desk::{DecideAction, Move};
use super::super::slate_index::SlateIndex;
use super::review::pair_label;

/// The global slot indices of day `day` (slots are in time order, so a
/// day's slots are contiguous).
pub fn day_slots(summit: &Summit, day: usize) -> Range<usize> {
    let start = summit.slots.partition_point(|s| s.day < day);
    let end = summit.slots.partition_point(|s| s.day <= day);
    start..end
}

/// Keeps the slate's meeting statuses in step with the decisions, after an
/// undo or another terminal's change. A pair rejected since scheduling
/// shows as proposed; the next run drops it.
pub fn sync_statuses(app: &mut App) {
    let (Some(desk), Some(slate)) = (&app.desk, &mut app.slate) else {
        return;
    };
    for m in &mut slate.meetings {
        m.status = match desk.decision(m.seller, m.buyer).map(|d| d.kind) {
            Some(DecisionKind::Locked { .. }) => MeetingStatus::Locked,
            Some(DecisionKind::Accepted) => MeetingStatus::Accepted,
            Some(DecisionKind::Rejected) | None => MeetingStatus::Proposed,
        };
    }
}

pub fn sideways(app: &mut App, command: Command) {
    let tables = app
        .desk
        .as_ref()
        .map_or(1, |d| d.summit().event.tables.max(1));
    app.grid.table = match command {
        Command::Left => app.grid.table.saturating_sub(1),
        _ => (app.grid.table + 1).min(tables - 1),
    };
}

pub fn change_day(app: &mut App, command: Command) {
    let days = app
        .desk
        .as_ref()
        .map_or(1, |d| d.summit().event.days.len().max(1));
    app.grid.day = match command {
        Command::PrevDay => app.grid.day.saturating_sub(1),
        _ => (app.grid.day + 1).min(days - 1),
    };
    app.grid.row = 0;
    app.grid.row_offset = 0;
}

/// The global slot under the grid cursor.
pub fn cursor_slot(app: &App) -> Option<usize> {
    let desk = app.desk.as_ref()?;
    let slots = day_slots(desk.summit(), app.grid.day);
    let slot = slots.start + app.grid.row;
    slots.contains(&slot).then_some(slot)
}

/// `m`: pick up the meeting under the cursor, or drop the one picked up.
pub fn pick_or_drop(app: &mut App) {
    let (Some(slate), Some(slot)) = (&app.slate, cursor_slot(app)) else {
        app.complain("no slate yet: press s to schedule");
        return;
    };
    let table = app.grid.table;
    let here = app.slate_index.at(slot, table);
    let Some(picked) = app.moving else {
        match here {
            Some(i) => {
                app.moving = Some(i);
                if let Some(desk) = &app.desk {
                    let m = slate.meetings[i];
                    let label = pair_label(desk.summit(), m.seller, m.buyer);
                    app.say(format!(
                        "moving {label}: go to a cell and press m (Esc cancels)"
                    ));
                }
            }
            None => app.complain("no meeting in this cell"),
        }
        return;
    };
    let Some(from) = slate.meetings.get(picked).copied() else {
        app.moving = None;
        return;
    };
    if here == Some(picked) {
        app.moving = None;
        app.say("move cancelled");
        return;
    }
    let mut moves = vec![Move {
        meeting: picked,
        slot,
        table,
    }];
    if let Some(other) = here {
        moves.push(Move {
            meeting: other,
            slot: from.slot,
            table: from.table,
        });
    }
    let checked = match &app.rules {
        Some(rules) => rules(slate, &moves),
        None => Err("the slate's rules are unknown".to_string()),
    };
    let Some(desk) = &mut app.desk else { return };
    if let Err(reason) = checked {
        app.complain(format!("cannot move there: {reason}"));
        return;
    }
    // Record each moved meeting as locked first, so the store and the
    // slate never disagree: if the store refuses, the slate is unchanged.
    for mv in &moves {
        let m = slate.meetings[mv.meeting];
        let lock = DecideAction::Lock {
            slot: mv.slot,
            table: mv.table,
        };
        if let Err(e) = desk.decide(m.seller, m.buyer, lock, None) {
            app.complain(format!("could not lock the moved meeting: {e}"));
            return;
        }
    }
    let label = pair_label(desk.summit(), from.seller, from.buyer);
    let Some(slate) = &mut app.slate else { return };
    for mv in &moves {
        let m = &mut slate.meetings[mv.meeting];
        m.slot = mv.slot;
        m.table = mv.table;
        m.status = MeetingStatus::Locked;
    }
    app.slate_index = SlateIndex::new(slate);
    app.moving = None;
    let verb = if moves.len() == 2 { "swapped" } else { "moved" };
    let when = app
        .desk
        .as_ref()
        .and_then(|d| d.summit().slots.get(slot).copied())
        .map(|s| format!("{} {}", s.date.strftime("%a"), s.start.strftime("%H:%M")))
        .unwrap_or_else(|| format!("slot {}", slot + 1));
    app.say(format!(
        "{verb} {label} to {when} table {}; now locked",
        table + 1
    ));
}
