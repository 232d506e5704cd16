//! Mouse: a click selects what is under it (and focuses its pane), the
//! wheel scrolls the pane under the pointer.

use ratatui::layout::{Position, Rect};

use super::nav;
use crate::tui::action::{Command, Tab};
use crate::tui::app::{App, Pane, Phase};
use crate::tui::layout;

fn hit(area: Rect, x: u16, y: u16) -> bool {
    area.contains(Position { x, y })
}

pub fn click(app: &mut App, x: u16, y: u16) {
    if !matches!(app.phase, Phase::Ready) || app.ui.help.is_some() || app.too_small() {
        return;
    }
    let frame = layout::frame(app.ui.width, app.ui.height);
    if hit(frame.tabs, x, y) {
        if let Some(tab) = layout::tab_at(x) {
            app.ui.tab = tab;
            app.ui.pane = Pane::Main;
            // The filter being typed belongs to the tab being left.
            app.ui.filtering = false;
        }
        return;
    }
    match app.ui.tab {
        Tab::Buyers | Tab::Sellers => {
            let areas = layout::lists(frame.body);
            let list_rows = layout::table_rows(areas.list);
            let cand_rows = layout::table_rows(areas.candidates);
            if hit(list_rows, x, y) {
                app.ui.pane = Pane::Main;
                let Some(side) = app.side() else { return };
                let list = app.list_mut(side);
                let row = list.scroll.offset + usize::from(y - list_rows.y);
                if row < list.filter.len() {
                    list.scroll.selected = row;
                }
            } else if hit(cand_rows, x, y) {
                app.ui.pane = Pane::Detail;
                let row = app.lists.candidates.scroll.offset + usize::from(y - cand_rows.y);
                if row < app.lists.candidates.list.len() {
                    app.lists.candidates.scroll.selected = row;
                }
            } else if hit(areas.list, x, y) {
                app.ui.pane = Pane::Main;
            } else if hit(areas.candidates, x, y) || hit(areas.reasons, x, y) {
                app.ui.pane = Pane::Detail;
            }
        }
        Tab::Slate => {
            let (grid, itinerary) = layout::slate(frame.body);
            let rows = layout::table_rows(grid);
            if hit(rows, x, y) {
                app.ui.pane = Pane::Main;
                let col = x - rows.x;
                if col >= layout::GRID_TIME {
                    let table = app.slate_tab.grid.table_offset
                        + u32::from(
                            (col - layout::GRID_TIME) / layout::grid_cell(app.slate_tab.show_ids),
                        );
                    let tables = app.desk.as_ref().map_or(0, |d| d.summit().event.tables);
                    if table < tables {
                        app.slate_tab.grid.table = table;
                    }
                }
                let len = app.desk.as_ref().map_or(0, |d| {
                    crate::tui::app::day_slots(d.summit(), app.slate_tab.grid.day).len()
                });
                let row = app.slate_tab.grid.row_offset + usize::from(y - rows.y);
                if row < len {
                    app.slate_tab.grid.row = row;
                }
            } else if hit(itinerary, x, y) {
                app.ui.pane = Pane::Detail;
            }
        }
        Tab::Summary => {}
    }
}

/// Three rows per wheel notch, in whichever pane is under the pointer.
pub fn scroll(app: &mut App, x: u16, y: u16, down: bool) {
    let command = if down { Command::Down } else { Command::Up };
    if app.ui.help.is_some() || matches!(app.phase, Phase::Failed { .. }) {
        for _ in 0..3 {
            super::command(app, command);
        }
        return;
    }
    let body = layout::frame(app.ui.width, app.ui.height).body;
    let pane = match app.ui.tab {
        Tab::Buyers | Tab::Sellers => {
            let areas = layout::lists(body);
            if hit(areas.list, x, y) {
                Pane::Main
            } else {
                Pane::Detail
            }
        }
        Tab::Slate => {
            if hit(layout::slate(body).0, x, y) {
                Pane::Main
            } else {
                Pane::Detail
            }
        }
        Tab::Summary => Pane::Main,
    };
    let focused = app.ui.pane;
    app.ui.pane = pane;
    for _ in 0..3 {
        nav::go(app, command);
    }
    app.ui.pane = focused;
}
