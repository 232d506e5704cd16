//! Moving the selection and keeping it on screen.

use crate::model::Side;

use crate::tui::action::{Command, Tab};
use crate::tui::app::day_slots;
use crate::tui::app::{App, Pane, Scroll};
use crate::tui::layout;

/// Rows in a page of the pane that has focus.
pub fn page(app: &App) -> usize {
    let body = layout::frame(app.ui.width, app.ui.height).body;
    let rows = match (app.ui.tab, app.ui.pane) {
        (Tab::Buyers | Tab::Sellers, Pane::Main) => layout::table_rows(layout::lists(body).list),
        (Tab::Buyers | Tab::Sellers, Pane::Detail) => {
            layout::table_rows(layout::lists(body).candidates)
        }
        (Tab::Slate, Pane::Main) => layout::table_rows(layout::slate(body).0),
        (Tab::Slate, Pane::Detail) => layout::inner(layout::slate(body).1),
        (Tab::Summary, _) => layout::inner(body),
    };
    usize::from(rows.height).max(1)
}

fn delta(command: Command, page: usize, len: usize) -> isize {
    let page = page as isize;
    match command {
        Command::Up => -1,
        Command::Down => 1,
        Command::PageUp => -page,
        Command::PageDown => page,
        Command::Home => isize::MIN / 2,
        Command::End => len as isize,
        _ => 0,
    }
}

/// A plain scroll offset moved by a navigation command, kept within
/// `0..=max` so scrolling back never has to undo overshoot.
pub fn scroll_by(offset: usize, command: Command, page: usize, max: usize) -> usize {
    offset
        .saturating_add_signed(delta(command, page.saturating_sub(4).max(1), max))
        .min(max)
}

/// How far the help screen can scroll: its lines less those that fit.
pub fn help_max(app: &App) -> usize {
    let rows = usize::from(layout::inner(layout::frame(app.ui.width, app.ui.height).body).height);
    crate::tui::view::help_len(app).saturating_sub(rows)
}

/// How far the error screen can scroll.
pub fn failure_max(app: &App, failure: &crate::tui::action::OpenFailure) -> usize {
    use crate::tui::action::OpenFailure;
    let lines = match failure {
        OpenFailure::Invalid(problems) => {
            problems
                .iter()
                .map(|p| p.to_string().lines().count())
                .sum::<usize>()
                + 2
        }
        OpenFailure::Other(message) => message.lines().count(),
    };
    lines.saturating_sub(usize::from(app.ui.height.saturating_sub(4)))
}

pub fn go(app: &mut App, command: Command) {
    let page = page(app);
    match (app.ui.tab, app.ui.pane) {
        (Tab::Buyers | Tab::Sellers, Pane::Main) => {
            let side = app.side().unwrap_or(Side::Buyer);
            let list = app.list_mut(side);
            let len = list.filter.len();
            list.scroll.step(delta(command, page, len), len);
        }
        (Tab::Buyers | Tab::Sellers, Pane::Detail) => {
            let len = app.lists.candidates.list.len();
            app.lists
                .candidates
                .scroll
                .step(delta(command, page, len), len);
        }
        (Tab::Slate, Pane::Main) => {
            let len = app
                .desk
                .as_ref()
                .map_or(0, |d| day_slots(d.summit(), app.slate_tab.grid.day).len());
            let mut s = Scroll {
                selected: app.slate_tab.grid.row,
                offset: app.slate_tab.grid.row_offset,
            };
            s.step(delta(command, page, len), len);
            app.slate_tab.grid.row = s.selected;
        }
        (Tab::Slate, Pane::Detail) if app.slate_tab.changes.is_some() => {
            super::slate_versions::scroll_changes(app, command, page);
        }
        (Tab::Slate, Pane::Detail) => {
            // Two participants' meetings and their headings.
            let max = app.desk.as_ref().map_or(0, |d| {
                let s = d.summit();
                (s.slots.len() * 2 + 3).saturating_sub(page)
            });
            app.slate_tab.itinerary_scroll =
                scroll_by(app.slate_tab.itinerary_scroll, command, page + 4, max);
        }
        (Tab::Summary, _) => super::summary::go(app, command, page),
    }
}

/// Scrolls every pane so its selection is visible in its current size.
pub fn reveal(app: &mut App) {
    let body = layout::frame(app.ui.width, app.ui.height).body;
    let lists = layout::lists(body);
    let list_rows = usize::from(layout::table_rows(lists.list).height);
    for list in [&mut app.lists.buyers, &mut app.lists.sellers] {
        let len = list.filter.len();
        list.scroll.to(list.scroll.selected, len);
        list.scroll.reveal(list_rows);
    }
    let len = app.lists.candidates.list.len();
    app.lists
        .candidates
        .scroll
        .to(app.lists.candidates.scroll.selected, len);
    app.lists
        .candidates
        .scroll
        .reveal(usize::from(layout::table_rows(lists.candidates).height));
    let grid = layout::slate(body).0;
    let mut rows = Scroll {
        selected: app.slate_tab.grid.row,
        offset: app.slate_tab.grid.row_offset,
    };
    rows.reveal(usize::from(layout::table_rows(grid).height));
    app.slate_tab.grid.row_offset = rows.offset;
    let tables = layout::grid_tables(grid, app.slate_tab.show_ids);
    if app.slate_tab.grid.table < app.slate_tab.grid.table_offset {
        app.slate_tab.grid.table_offset = app.slate_tab.grid.table;
    } else if app.slate_tab.grid.table >= app.slate_tab.grid.table_offset + tables {
        app.slate_tab.grid.table_offset = app.slate_tab.grid.table + 1 - tables;
    }
}
