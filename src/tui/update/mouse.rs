//! Mouse: a click selects what is under it (and focuses its pane), the
//! wheel scrolls the pane under the pointer.

use ratatui::layout::{Position, Rect};

use super::super::action::{Command, Tab};
use super::super::app::{App, Pane, Phase};
use super::super::layout;
use super::nav;

fn hit(area: Rect, x: u16, y: u16) -> bool {
    area.contains(Position { x, y })
}

pub fn click(app: &mut App, x: u16, y: u16) {
    if !matches!(app.phase, Phase::Ready) || app.help.is_some() || app.too_small() {
        return;
    }
    let frame = layout::frame(app.width, app.height);
    if hit(frame.tabs, x, y) {
        if let Some(tab) = layout::tab_at(x) {
            app.tab = tab;
            app.pane = Pane::Main;
            // The filter being typed belongs to the tab being left.
            app.filtering = false;
        }
        return;
    }
    match app.tab {
        Tab::Buyers | Tab::Sellers => {
            let areas = layout::lists(frame.body);
            let list_rows = layout::table_rows(areas.list);
            let cand_rows = layout::table_rows(areas.candidates);
            if hit(list_rows, x, y) {
                app.pane = Pane::Main;
                let Some(side) = app.side() else { return };
                let list = app.list_mut(side);
                let row = list.scroll.offset + usize::from(y - list_rows.y);
                if row < list.filter.len() {
                    list.scroll.selected = row;
                }
            } else if hit(cand_rows, x, y) {
                app.pane = Pane::Detail;
                let row = app.candidates.scroll.offset + usize::from(y - cand_rows.y);
                if row < app.candidates.list.len() {
                    app.candidates.scroll.selected = row;
                }
            } else if hit(areas.list, x, y) {
                app.pane = Pane::Main;
            } else if hit(areas.candidates, x, y) || hit(areas.reasons, x, y) {
                app.pane = Pane::Detail;
            }
        }
        Tab::Slate => {
            let (grid, itinerary) = layout::slate(frame.body);
            let rows = layout::table_rows(grid);
            if hit(rows, x, y) {
                app.pane = Pane::Main;
                let col = x - rows.x;
                if col >= layout::GRID_TIME {
                    let table = app.grid.table_offset
                        + u32::from((col - layout::GRID_TIME) / layout::GRID_CELL);
                    let tables = app.desk.as_ref().map_or(0, |d| d.summit().event.tables);
                    if table < tables {
                        app.grid.table = table;
                    }
                }
                let len = app.desk.as_ref().map_or(0, |d| {
                    super::slate::day_slots(d.summit(), app.grid.day).len()
                });
                let row = app.grid.row_offset + usize::from(y - rows.y);
                if row < len {
                    app.grid.row = row;
                }
            } else if hit(itinerary, x, y) {
                app.pane = Pane::Detail;
            }
        }
        Tab::Summary => {}
    }
}

/// Three rows per wheel notch, in whichever pane is under the pointer.
pub fn scroll(app: &mut App, x: u16, y: u16, down: bool) {
    let command = if down { Command::Down } else { Command::Up };
    if app.help.is_some() || matches!(app.phase, Phase::Failed { .. }) {
        for _ in 0..3 {
            super::command(app, command);
        }
        return;
    }
    let body = layout::frame(app.width, app.height).body;
    let pane = match app.tab {
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
    let focused = app.pane;
    app.pane = pane;
    for _ in 0..3 {
        nav::go(app, command);
    }
    app.pane = focused;
}
