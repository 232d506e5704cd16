//! The Slate tab: a grid of slots (rows) by tables (columns) for one day,
//! and the itineraries of the seller and buyer in the cell under the
//! cursor.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::model::{Meeting, MeetingStatus, Side, Slate, Summit};

use super::super::app::day_slots;
use super::super::app::{App, Pane};
use super::super::layout::{self, GRID_TIME};
use super::super::text::{char_width, clean, fit};
use super::widgets::{pane, plain};

fn status_style(app: &App, status: MeetingStatus) -> Style {
    match status {
        MeetingStatus::Locked => app.theme().locked,
        MeetingStatus::Accepted => app.theme().accepted,
        MeetingStatus::Proposed => app.theme().proposed,
    }
}

pub fn grid(frame: &mut Frame, app: &App, area: Rect) {
    let Some(desk) = app.desk() else { return };
    let summit = desk.summit();
    let t = app.theme();
    let focused = app.pane() == Pane::Main;
    let Some(slate) = app.slate() else {
        let block = pane(app, " Slate ", focused);
        let mut lines = vec![Line::from("No slate yet.")];
        lines.push(Line::from(match app.schedule() {
            Some(_) => {
                "The scheduler is running in the background; its progress is at the top right."
            }
            None => "Press s to schedule: it runs in the background and you can keep reviewing.",
        }));
        frame.render_widget(Paragraph::new(lines).block(block), area);
        return;
    };
    let day = app.grid().day;
    let days = summit.event.days.len();
    let date = summit
        .event
        .days
        .get(day)
        .map(|d| d.date.strftime("%a %Y-%m-%d").to_string())
        .unwrap_or_default();
    let slots = day_slots(summit, day);
    let on_day = slate
        .meetings
        .iter()
        .filter(|m| slots.contains(&m.slot))
        .count();
    let tables = layout::grid_tables(area, app.show_ids());
    let first = app.grid().table_offset;
    let last = (first + tables).min(summit.event.tables);
    let weekday = summit
        .event
        .days
        .get(day)
        .map(|d| d.date.strftime("%a").to_string());
    let title = title(
        app,
        [
            &format!("Day {}/{} {date}", day + 1, days.max(1)),
            &format!(
                "Day {}/{} {}",
                day + 1,
                days.max(1),
                weekday.unwrap_or_default()
            ),
        ],
        &format!("tables {}-{} of {}", first + 1, last, summit.event.tables),
        &format!(
            "{on_day} meetings · {:.1}% of bound",
            super::super::text::percent(slate)
        ),
        usize::from(area.width.saturating_sub(2)),
    );
    let block = pane(
        app,
        fit(&title, usize::from(area.width.saturating_sub(2))),
        focused,
    )
    .title_bottom(super::slate_legend::legend(
        app,
        usize::from(area.width.saturating_sub(2)),
    ));
    frame.render_widget(block, area);
    let inner = layout::inner(area);
    let cell = usize::from(layout::grid_cell(app.show_ids()));
    let mut header = plain("Time", usize::from(GRID_TIME), t.header);
    for table in first..last {
        header.extend(plain(&format!(" T{}", table + 1), cell, t.header));
    }
    let mut lines = vec![Line::from(header)];
    let rows = usize::from(inner.height.saturating_sub(1));
    let now_slot = now_slot(app, summit, slots.clone());
    for row in app.grid().row_offset..(app.grid().row_offset + rows).min(slots.len()) {
        let slot = slots.start + row;
        let Some(s) = summit.slots.get(slot) else {
            break;
        };
        // The "now" line: the slot under way (or the next one, in a
        // break) carries the mark after its time.
        let (time, time_style) = if now_slot == Some(slot) {
            (
                format!("{}{}", s.start.strftime("%H:%M"), super::slate_legend::NOW),
                t.matched,
            )
        } else {
            (s.start.strftime("%H:%M").to_string(), t.dim)
        };
        let mut spans = plain(&time, usize::from(GRID_TIME), time_style);
        for table in first..last {
            let here = app.slate_index().at(slot, table);
            let meeting = here.and_then(|i| slate.meetings.get(i));
            let (text, mut style) = match meeting {
                Some(m) => (label(app, summit, m, cell - 3), status_style(app, m.status)),
                None => ("·".to_string(), t.dim),
            };
            // Meetings that need an interpreter carry a mark after the names.
            let flag = if meeting.is_some_and(|m| m.interpreter) {
                super::slate_legend::INTERPRETER
            } else {
                " "
            };
            // The summit day: held, no-show, cancelled, someone absent.
            let day = meeting.and_then(|m| app.day_mark(m));
            if let Some(mark) = day {
                style = super::slate_legend::day_style(app, mark, style);
            }
            if here.is_some() && here == app.moving() {
                style = t.matched;
            }
            // Rejected since the slate was built: struck through, marked ×
            // (the banner above says so), and never exported.
            let dropped = here.is_some_and(|i| app.staleness().dropped.binary_search(&i).is_ok());
            if dropped {
                style = style.add_modifier(Modifier::CROSSED_OUT);
            }
            // The cursor cell gets a visible mark as well as reverse video.
            let text = if row == app.grid().row && table == app.grid().table {
                style = style.patch(if focused {
                    t.selected
                } else {
                    t.selected_unfocused
                });
                format!(">{text}")
            } else if dropped {
                format!("×{text}")
            } else if let Some(mark) = day {
                format!("{}{text}", super::slate_legend::day_glyph(mark))
            } else {
                format!(" {text}")
            };
            let mut cell_spans = plain(&text, cell - 2, style);
            cell_spans.push(Span::styled(flag, t.warning));
            cell_spans.push(Span::raw(" "));
            spans.extend(cell_spans);
        }
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The slot of the "now" line on the day shown: the one under way at the
/// venue clock, else the next to start; `None` on another day or after the
/// day's last slot.
fn now_slot(app: &App, summit: &Summit, slots: std::ops::Range<usize>) -> Option<usize> {
    let now = app.venue_now()?;
    slots.into_iter().find(|&i| {
        (summit.slots.get(i)).is_some_and(|s| s.date == now.date() && s.end > now.time())
    })
}

/// The grid's title: the version ("v2 draft by ana · 3 changes since
/// published v1"), the day and the tables shown, and the day's figures,
/// dropping the least needed parts first when the pane is narrow.
fn title(app: &App, [day, brief]: [&str; 2], tables: &str, figures: &str, width: usize) -> String {
    let (full, short) = match app.version() {
        Some(v) => {
            let state = if v.stamp.published {
                "published"
            } else {
                "draft"
            };
            (
                format!("{} · ", v.headline()),
                format!("v{} {state} · ", v.stamp.number),
            )
        }
        None => (String::new(), String::new()),
    };
    let tries = [
        format!(" {full}{day} · {tables} · {figures} "),
        format!(" {full}{day} · {tables} "),
        format!(" {full}{brief} · {tables} "),
        format!(" {short}{day} · {tables} "),
    ];
    let last = format!(" {short}{brief} · {tables} ");
    let fits = tries.iter().find(|t| super::super::text::width(t) <= width);
    fit(fits.unwrap_or(&last), width)
}

/// What a cell shows of a meeting in `cols` columns: the two short
/// company names ("Columbia Ri·Fresh Link"), each given half, or the ids
/// ("S001·B002") when staff asked for ids.
fn label(app: &App, summit: &Summit, m: &Meeting, cols: usize) -> String {
    let ids = (
        summit.sellers.get(m.seller).map_or("?", |s| s.id.as_str()),
        summit.buyers.get(m.buyer).map_or("?", |b| b.id.as_str()),
    );
    let names = app.short_names().filter(|_| !app.show_ids());
    let Some(names) = names else {
        return format!("{}·{}", ids.0, ids.1);
    };
    let seller = names.sellers.get(m.seller).map_or(ids.0, String::as_str);
    let buyer = names.buyers.get(m.buyer).map_or(ids.1, String::as_str);
    let half = cols.saturating_sub(1) / 2;
    format!(
        "{}·{}",
        cut(seller, half),
        cut(buyer, cols.saturating_sub(1) - half)
    )
}

/// The first `cols` columns of a name, cut without an ellipsis: in a cell
/// every letter counts, and the itinerary beside shows the whole name.
fn cut(name: &str, cols: usize) -> String {
    let mut used = 0;
    clean(name)
        .chars()
        .take_while(|&c| {
            used += char_width(c);
            used <= cols
        })
        .collect()
}

pub fn itineraries(frame: &mut Frame, app: &App, area: Rect) {
    let focused = app.pane() == Pane::Detail;
    let (Some(desk), Some(slate)) = (app.desk(), app.slate()) else {
        frame.render_widget(pane(app, " Itineraries ", focused), area);
        return;
    };
    let summit = desk.summit();
    let t = app.theme();
    let slot = app.cursor_slot();
    let here = slot.and_then(|s| app.slate_index().at(s, app.grid().table));
    let mut lines = Vec::new();
    match here.and_then(|i| slate.meetings.get(i)) {
        None => lines.push(Line::styled(
            format!("empty cell · table {}", app.grid().table + 1),
            t.dim,
        )),
        Some(m) => {
            lines.extend(itinerary(app, summit, slate, (Side::Seller, m.seller), m));
            lines.push(Line::from(""));
            lines.extend(itinerary(app, summit, slate, (Side::Buyer, m.buyer), m));
        }
    }
    // Long lines wrap (a company name and "(interpreter)" are never cut);
    // the scroll counts wrapped rows.
    let block = pane(app, " Itineraries ", focused);
    let scroll = u16::try_from(app.itinerary_scroll()).unwrap_or(u16::MAX);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        area,
    );
}

/// One participant's meetings in time order, the one under the cursor
/// marked.
fn itinerary<'a>(
    app: &App,
    summit: &Summit,
    slate: &Slate,
    (side, who): (Side, usize),
    current: &Meeting,
) -> Vec<Line<'a>> {
    let t = app.theme();
    let heading = match side {
        Side::Seller => summit
            .sellers
            .get(who)
            .map(|s| format!("{} {} ({})", s.id, s.company, s.state)),
        Side::Buyer => summit
            .buyers
            .get(who)
            .map(|b| format!("{} {} {}", b.id, b.company_zh, b.company)),
    }
    .unwrap_or_default();
    let mut mine: Vec<(usize, &Meeting)> = slate
        .meetings
        .iter()
        .enumerate()
        .filter(|(_, m)| match side {
            Side::Seller => m.seller == who,
            Side::Buyer => m.buyer == who,
        })
        .collect();
    mine.sort_by_key(|(_, m)| (m.slot, m.table));
    let mut lines = vec![Line::styled(clean(&heading).into_owned(), t.header)];
    for (i, m) in mine {
        let dropped = app.staleness().dropped.binary_search(&i).is_ok();
        let when = summit
            .slots
            .get(m.slot)
            .map(|s| s.date.strftime("%a ").to_string() + &s.start.strftime("%H:%M").to_string())
            .unwrap_or_default();
        let other = match side {
            Side::Seller => summit
                .buyers
                .get(m.buyer)
                .map(|b| format!("{} {}", b.id, b.company)),
            Side::Buyer => summit
                .sellers
                .get(m.seller)
                .map(|s| format!("{} {}", s.id, s.company)),
        }
        .unwrap_or_default();
        let mark = if std::ptr::eq(m, current) { ">" } else { " " };
        let interp = if m.interpreter { " (interpreter)" } else { "" };
        let day = app
            .day_mark(m)
            .map_or(String::new(), |mark| format!(" · {}", mark.word()));
        let interp = format!("{interp}{day}");
        let head = format!("{mark}{when} T{:<3}", m.table + 1);

        let (label, mut style) = (m.status.label(), status_style(app, m.status));
        let label = if dropped {
            style = style.add_modifier(Modifier::CROSSED_OUT);
            "rejected since"
        } else {
            label
        };
        lines.push(Line::from(vec![
            Span::raw(head),
            Span::styled(
                clean(&format!("[{label}] {other}{interp}")).into_owned(),
                style,
            ),
        ]));
    }
    lines
}
