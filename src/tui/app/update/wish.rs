//! Wishes entered at the desk on a participant's behalf (participants
//! phone in changes): `+` toggles "wants to meet" the selected candidate
//! (at the end of their list), `-` toggles "asks not to meet". Each change
//! is a row in the store's wish log with staff's name, written on the
//! recorder's worker like a decision, shown at once in the Why box, and
//! taken back by `u`.

use crate::model::{Side, WishChange};
use crate::summit::{Wish, participant_wishes};
use crate::tui::action::{Command, Saved};
use crate::tui::app::App;
use crate::tui::desk::Recorder;

use super::record;

pub fn toggle(app: &mut App, command: Command) {
    let (Some(side), Some(c)) = (app.side(), app.selected_candidate()) else {
        app.complain("select a candidate first (Tab to the candidates, j/k to choose)");
        return;
    };
    let Some(desk) = &app.desk else { return };
    let (seller, buyer) = (c.seller, c.buyer);
    let (who, other) = match side {
        Side::Seller => (seller, buyer),
        Side::Buyer => (buyer, seller),
    };
    let wishes = desk.wishes();
    let lines = participant_wishes(&wishes, side, who, None);
    let own = (lines.iter())
        .find(|l| l.other == other)
        .and_then(|l| l.made);
    let meets = (lines.iter()).filter(|l| matches!(l.made, Some(Wish::Meet { .. })));
    let change = match (command, own) {
        (Command::WishMeet, Some(Wish::Meet { .. })) | (Command::WishAvoid, Some(Wish::Avoid)) => {
            WishChange::Remove
        }
        (Command::WishAvoid, _) => WishChange::Avoid,
        // A new meet wish goes at the end of their list.
        _ => WishChange::Meet {
            rank: u32::try_from(meets.count())
                .unwrap_or(u32::MAX)
                .saturating_add(1),
        },
    };
    let summit = desk.summit();
    let id = |side: Side, index: usize| match side {
        Side::Seller => summit.sellers.get(index).map_or("?", |s| s.id.as_str()),
        Side::Buyer => summit.buyers.get(index).map_or("?", |b| b.id.as_str()),
    };
    let other_side = side.other();
    let (from, to) = (id(side, who).to_string(), id(other_side, other).to_string());
    let text = match change {
        WishChange::Meet { rank } => format!(
            "{from} wishes to meet {to} ({} choice)",
            crate::wishes::ordinal(rank)
        ),
        WishChange::Avoid => format!("{from} asks not to meet {to}"),
        WishChange::Remove => format!("{from} no longer has a wish about {to}"),
    };
    record::step(app, record::Step::Wish);
    record::record(
        app,
        Box::new(move |recorder: &mut dyn Recorder| {
            match recorder.wish(side, who, other, change) {
                Ok(()) => {
                    let staff = recorder.staff();
                    said(format!("{text} (entered by {staff})"), false)
                }
                Err(e) => failed(format!("could not save the wish: {e}")),
            }
        }),
    );
}

/// `u` or Ctrl-r when this session's latest step was a wish.
pub fn undo(app: &mut App, redo: bool) {
    let job = move |recorder: &mut dyn Recorder| {
        let (result, word) = if redo {
            (recorder.redo_wish(), "redo")
        } else {
            (recorder.undo_wish(), "undo")
        };
        match result {
            Ok(true) if redo => said("redid your last undone wish change".to_string(), false),
            Ok(true) => said("undid your last wish change".to_string(), false),
            Ok(false) => said(format!("no wish change to {word}"), false),
            Err(e) => failed(format!("could not {word} the wish change: {e}")),
        }
    };
    record::record(app, Box::new(job));
}

fn said(text: String, error: bool) -> Saved {
    Saved {
        text,
        error,
        // Wishes change no decision; the Why box reads them at once.
        changed: false,
        retry_lock: None,
        version: None,
    }
}

fn failed(text: String) -> Saved {
    said(text, true)
}
