//! The slate grid: days, the cursor, and moving or swapping meetings.

use super::review::pair_label;
use crate::summit::MoveError;
use crate::tui::action::Command;
use crate::tui::app::App;
use crate::tui::desk::Move;
use crate::tui::slate_index::SlateIndex;

/// Keeps the slate's meeting statuses in step with the decisions, after an
/// undo or another terminal's change.
pub fn sync_statuses(app: &mut App) {
    let (Some(desk), Some(scheduled)) = (&app.desk, &mut app.slate_tab.scheduled) else {
        return;
    };
    scheduled.sync_statuses(|seller, buyer| desk.decision(seller, buyer).map(|d| d.kind));
}

pub fn sideways(app: &mut App, command: Command) {
    let tables = app
        .desk
        .as_ref()
        .map_or(1, |d| d.summit().event.tables.max(1));
    app.slate_tab.grid.table = match command {
        Command::Left => app.slate_tab.grid.table.saturating_sub(1),
        _ => (app.slate_tab.grid.table + 1).min(tables - 1),
    };
}

pub fn change_day(app: &mut App, command: Command) {
    let days = app
        .desk
        .as_ref()
        .map_or(1, |d| d.summit().event.days.len().max(1));
    app.slate_tab.grid.day = match command {
        Command::PrevDay => app.slate_tab.grid.day.saturating_sub(1),
        _ => (app.slate_tab.grid.day + 1).min(days - 1),
    };
    app.slate_tab.grid.row = 0;
    app.slate_tab.grid.row_offset = 0;
}

/// `m`: pick up the meeting under the cursor, or drop the one picked up.
pub fn pick_or_drop(app: &mut App) {
    let scheduled = app.slate_tab.scheduled.as_ref();
    let (Some(slate), Some(slot)) = (scheduled.map(|s| s.slate()), app.cursor_slot()) else {
        app.complain("no slate yet: press s to schedule");
        return;
    };
    let table = app.slate_tab.grid.table;
    let here = app.slate_tab.index.at(slot, table);
    let Some(picked) = app.slate_tab.moving else {
        match here {
            Some(i) => {
                app.slate_tab.moving = Some(i);
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
        app.slate_tab.moving = None;
        return;
    };
    if here == Some(picked) {
        app.slate_tab.moving = None;
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
    let (Some(desk), Some(scheduled)) = (&mut app.desk, &mut app.slate_tab.scheduled) else {
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
    app.slate_tab.index = SlateIndex::new(scheduled.slate());
    app.slate_tab.moving = None;
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
