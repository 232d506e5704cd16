//! The slate grid: days, the cursor, and moving or swapping meetings.

use std::ops::Range;

use crate::model::Summit;

use super::super::action::Command;
use super::super::app::App;
use super::super::desk::Move;
use super::super::slate_index::SlateIndex;
use super::review::pair_label;
use crate::summit::MoveError;

/// The global slot indices of day `day` (slots are in time order, so a
/// day's slots are contiguous).
pub fn day_slots(summit: &Summit, day: usize) -> Range<usize> {
    let start = summit.slots.partition_point(|s| s.day < day);
    let end = summit.slots.partition_point(|s| s.day <= day);
    start..end
}

/// Keeps the slate's meeting statuses in step with the decisions, after an
/// undo or another terminal's change.
pub fn sync_statuses(app: &mut App) {
    let (Some(desk), Some(scheduled)) = (&app.desk, &mut app.scheduled) else {
        return;
    };
    scheduled.sync_statuses(|seller, buyer| desk.decision(seller, buyer).map(|d| d.kind));
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
    let scheduled = app.scheduled.as_ref();
    let (Some(slate), Some(slot)) = (scheduled.map(|s| s.slate()), cursor_slot(app)) else {
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
    let (Some(desk), Some(scheduled)) = (&mut app.desk, &mut app.scheduled) else {
        return;
    };
    // Each moved meeting is recorded as locked before the slate changes,
    // so the store and the slate never disagree.
    let moved = scheduled.apply_move(&moves, |seller, buyer, lock| {
        desk.decide(seller, buyer, lock, None)
    });
    match moved {
        Ok(()) => {}
        Err(MoveError::Refused(reason)) => {
            app.complain(format!("cannot move there: {reason}"));
            return;
        }
        Err(MoveError::Lock(e)) => {
            app.complain(format!("could not lock the moved meeting: {e}"));
            return;
        }
    }
    let label = pair_label(desk.summit(), from.seller, from.buyer);
    app.slate_index = SlateIndex::new(scheduled.slate());
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
