//! Where everything goes on the screen, computed from the terminal size
//! alone. Views draw into these areas and `update` uses the same ones to
//! turn a mouse click into a row and to size a page, so the two agree.

use ratatui::layout::{Constraint, Layout, Rect};

use super::action::Tab;

/// The frame's four bands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Frame {
    pub tabs: Rect,
    pub body: Rect,
    pub status: Rect,
    pub footer: Rect,
}

pub fn frame(width: u16, height: u16) -> Frame {
    let area = Rect::new(0, 0, width, height);
    let [tabs, body, status, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    Frame {
        tabs,
        body,
        status,
        footer,
    }
}

/// The Buyers and Sellers tabs: the list, the candidates and the reasons
/// of the selected candidate. Side by side on wide terminals, stacked on
/// narrow ones so each keeps readable columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListsLayout {
    pub list: Rect,
    pub candidates: Rect,
    pub reasons: Rect,
}

pub fn lists(body: Rect) -> ListsLayout {
    let (list, detail) = if body.width >= 150 {
        let [l, d] = Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
            .areas(body);
        (l, d)
    } else {
        let [l, d] =
            Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(body);
        (l, d)
    };
    // The reasons grow with the terminal: two lines at 80×24, up to seven.
    let reasons_height = (detail.height * 2 / 5).clamp(4, 9);
    let [candidates, reasons] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(reasons_height)]).areas(detail);
    ListsLayout {
        list,
        candidates,
        reasons,
    }
}

/// The Slate tab: the grid and the itineraries of the meeting under the
/// cursor.
pub fn slate(body: Rect) -> (Rect, Rect) {
    if body.width >= 130 {
        let [g, i] = Layout::horizontal([Constraint::Min(60), Constraint::Length(48)]).areas(body);
        (g, i)
    } else {
        let [g, i] = Layout::vertical([Constraint::Min(8), Constraint::Length(9)]).areas(body);
        (g, i)
    }
}

/// The rows of a bordered table: inside the border, below the header line.
pub fn table_rows(block: Rect) -> Rect {
    let inner = inner(block);
    Rect {
        y: inner.y.saturating_add(1),
        height: inner.height.saturating_sub(1),
        ..inner
    }
}

/// Inside a one-cell border.
pub fn inner(block: Rect) -> Rect {
    Rect {
        x: block.x.saturating_add(1),
        y: block.y.saturating_add(1),
        width: block.width.saturating_sub(2),
        height: block.height.saturating_sub(2),
    }
}

/// Width of the slot-time column at the grid's left.
pub const GRID_TIME: u16 = 6;
/// Width of one table column in the grid when it shows ids.
pub const GRID_CELL: u16 = 12;
/// Width of one table column when it shows short company names: two
/// names of seven columns, a separator and the marks.
pub const GRID_NAME_CELL: u16 = 17;

/// Width of one table column, by what the cells show.
pub fn grid_cell(show_ids: bool) -> u16 {
    if show_ids { GRID_CELL } else { GRID_NAME_CELL }
}

/// How many table columns fit in the grid block.
pub fn grid_tables(grid: Rect, show_ids: bool) -> u32 {
    u32::from(inner(grid).width.saturating_sub(GRID_TIME) / grid_cell(show_ids)).max(1)
}

/// The label of each tab in the tab bar, and where the bar starts.
pub const TABS_START: u16 = 12;

pub fn tab_label(tab: Tab) -> String {
    let n = Tab::ALL.iter().position(|t| *t == tab).unwrap_or(0) + 1;
    format!(" {n} {} ", tab.title())
}

/// The tab whose label is at column `x` of the tab bar.
pub fn tab_at(x: u16) -> Option<Tab> {
    let mut start = TABS_START;
    for tab in Tab::ALL {
        let w = tab_label(tab).chars().count() as u16;
        if (start..start + w).contains(&x) {
            return Some(tab);
        }
        start += w + 1;
    }
    None
}
