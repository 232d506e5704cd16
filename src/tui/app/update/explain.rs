//! The explain panel: why a participant got the meetings they got, worked
//! out on a worker (it may build a slate first) and drawn over the tab.

use crate::model::Side;
use crate::tui::action::{Command, JobKind, JobMsg, Tab};
use crate::tui::app::{App, ExplainPanel};
use crate::tui::desk::Diagnosed;

use super::{jobs, nav};

/// `w` (or Enter on the Summary tab): explain the participant selected on
/// the tab in view.
pub fn open(app: &mut App) {
    let who = match app.ui.tab {
        Tab::Buyers | Tab::Sellers => app
            .side()
            .and_then(|side| app.list(side).selected().map(|i| (side, i))),
        Tab::Summary => (app.summary.attention())
            .nth(app.summary.selected)
            .map(|(side, index, _, _)| (side, index)),
        Tab::Slate => app
            .cursor_slot()
            .and_then(|slot| app.slate_tab.index.at(slot, app.slate_tab.grid.table))
            .and_then(|m| app.slate().and_then(|s| s.meetings.get(m)))
            .map(|m| (Side::Buyer, m.buyer)),
    };
    match who {
        Some((side, index)) => start(app, side, index),
        None => app.complain("nobody selected to explain"),
    }
}

/// Explains `index` on `side` on the current slate (or on one built for
/// it when there is none), one at a time.
pub fn start(app: &mut App, side: Side, index: usize) {
    if jobs::busy(app, JobKind::Explain) {
        app.complain("still explaining the last participant; try again when it shows");
        return;
    }
    let Some(desk) = &app.desk else { return };
    let job = desk.diagnose_job(app.slate_tab.scheduled.clone(), side, index);
    if app.slate_tab.scheduled.is_none() {
        app.say("no slate yet: building one to explain on (it is not kept; press s to schedule)");
    }
    app.panels.explain = Some(ExplainPanel {
        side,
        index,
        result: None,
        scroll: 0,
    });
    jobs::start(app, JobKind::Explain, move |_| JobMsg::Diagnosed(job()));
}

pub fn diagnosed(app: &mut App, result: Result<Diagnosed, String>) {
    if let Some(panel) = &mut app.panels.explain {
        panel.result = Some(result);
    }
}

pub fn failed(app: &mut App, message: &str) {
    diagnosed(app, Err(format!("explaining failed: {message}")));
}

/// Keys while the panel is open: scroll, or close.
pub fn command(app: &mut App, command: Command) {
    let page = usize::from(app.ui.height);
    let Some(panel) = &mut app.panels.explain else {
        return;
    };
    match command {
        Command::Cancel | Command::Explain => app.panels.explain = None,
        Command::Up
        | Command::Down
        | Command::PageUp
        | Command::PageDown
        | Command::Home
        | Command::End => {
            let lines = match &panel.result {
                Some(Ok(done)) => done.diagnosis.text_lines().len(),
                _ => 0,
            };
            panel.scroll = nav::scroll_by(panel.scroll, command, page, lines.saturating_sub(1));
        }
        _ => {}
    }
}
