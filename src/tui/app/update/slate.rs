//! The slate grid: days, the cursor, and moving or swapping meetings.

use super::record;
use super::review::pair_label;
use crate::summit::place_label;
use crate::tui::action::{Command, Saved, VersionNews};
use crate::tui::app::App;
use crate::tui::desk::{Move, Recorder};

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
    if app.slate_tab.move_saving {
        app.complain("the last move is still being saved; drop again in a moment");
        return;
    }
    let (Some(desk), Some(scheduled)) = (&app.desk, &app.slate_tab.scheduled) else {
        return;
    };
    // The one summit use case (`OpenSummit::move_and_save`) runs on the
    // recorder's worker with a copy of the slate (its input is shared, so
    // the copy is cheap): it checks the move against the rules the slate
    // was built under (a whole-slate check, kept off the UI thread), locks
    // the moved meetings (one undo step) and amends this staff member's
    // draft in one transaction, and only then moves the meetings. The grid
    // follows when it reports; a refusal changes nothing.
    let mut scheduled = scheduled.clone();
    let label = pair_label(desk.summit(), from.seller, from.buyer);
    let when = place_label(desk.summit(), slot, table);
    app.slate_tab.moving = None;
    app.slate_tab.move_saving = true;
    let verb = if moves.len() == 2 { "swapped" } else { "moved" };
    app.say(format!(
        "checking and saving the move of {label} to {when}…"
    ));
    record::step(app, record::Step::Decision);
    record::record(
        app,
        Box::new(move |recorder: &mut dyn Recorder| {
            match recorder.move_and_save(&mut scheduled, &moves) {
                Ok(status) => Saved {
                    text: format!(
                        "{verb} {label} to {when}; now locked; saved in slate {}",
                        status.headline()
                    ),
                    error: false,
                    changed: true,
                    retry_lock: None,
                    version: Some(Box::new(VersionNews::Moved(Some(Box::new((
                        scheduled, status,
                    )))))),
                },
                Err(e) => Saved {
                    text: format!("cannot move there: {e}"),
                    error: true,
                    changed: false,
                    retry_lock: None,
                    version: Some(Box::new(VersionNews::Moved(None))),
                },
            }
        }),
    );
}
