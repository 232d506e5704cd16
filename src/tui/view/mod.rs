//! Drawing: pure functions from `&App` to a frame. Nothing here changes
//! state, and everything drawn from data goes through `text::clean`.

mod candidates;
mod checkin;
mod chrome;
mod error;
mod explain;
mod help;
mod lists;
mod slate;
mod slate_changes;
mod slate_legend;
mod stale;
mod summary;
mod summary_fair;
mod widgets;
mod wishes;

use ratatui::Frame;

use super::action::Tab;
use super::app::{App, Phase};
use super::layout;

/// Lines on the help screen, for `update` to bound its scrolling.
pub fn help_len(app: &App) -> usize {
    help::lines(app).len()
}

pub fn render(frame: &mut Frame, app: &App) {
    if app.too_small() {
        error::too_small(frame, app);
        return;
    }
    let areas = layout::frame(app.width(), app.height());
    match app.phase() {
        Phase::Loading { data, seconds } => error::loading(frame, app, data, *seconds),
        Phase::Failed { failure, scroll } => error::failed(frame, app, failure, *scroll),
        Phase::Ready => {
            chrome::tabs(frame, app, areas.tabs);
            match app.tab() {
                Tab::Buyers | Tab::Sellers => {
                    let parts = layout::lists(areas.body);
                    lists::render(frame, app, parts.list);
                    candidates::render(frame, app, parts.candidates, parts.reasons);
                }
                Tab::Slate => {
                    let body = stale::banner(frame, app, areas.body);
                    let (grid, itinerary) = layout::slate(body);
                    slate::grid(frame, app, grid);
                    if app.changes().is_some() {
                        slate_changes::render(frame, app, itinerary);
                    } else {
                        slate::itineraries(frame, app, itinerary);
                    }
                }
                Tab::Summary => {
                    let body = stale::banner(frame, app, areas.body);
                    summary::render(frame, app, body);
                }
            }
            if let Some(panel) = app.explain_panel() {
                explain::render(frame, app, panel, areas.body);
            } else if let Some(panel) = app.checkin_panel() {
                checkin::render(frame, app, panel, areas.body);
            }
            chrome::status(frame, app, areas.status);
        }
    }
    chrome::footer(frame, app, areas.footer);
    if let Some(scroll) = app.help() {
        help::render(frame, app, scroll);
    }
}
