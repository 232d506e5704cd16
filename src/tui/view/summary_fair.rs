//! The Summary tab's fairness: meetings per participant on each side
//! (min / median / max, with none, below their floor), the "needs
//! attention" list (Enter explains one), and the event report on summit
//! day, in the words `matchslate schedule` and `report` use.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::super::app::App;
use super::super::desk::SideFairness;
use super::super::text::{clean, fit};
use super::widgets::pane;
use crate::model::Side;
use crate::summit::EventReport;

/// Per side: min, median and max meetings, how many have none although a
/// candidate fits, and how many are below their floor.
pub fn figures(frame: &mut Frame, app: &App, area: Rect) {
    let t = app.theme();
    let block = pane(app, " Meetings per participant ", false);
    let width = usize::from(area.width.saturating_sub(2));
    let lines = match (app.slate(), &app.summary().fairness) {
        (None, _) => vec![
            Line::from("No slate yet."),
            Line::styled("Press s to schedule.", t.dim),
        ],
        (Some(_), None) => vec![Line::styled("working out the figures…", t.dim)],
        (Some(_), Some(f)) => {
            let row = |label: &str, side: &SideFairness| {
                let short = !side.below_floor.is_empty();
                Line::from(vec![
                    Span::raw(format!(
                        "{label:<8}{:>5}{:>8}{:>6}{:>7}",
                        side.min,
                        side.median,
                        side.max,
                        side.none.len()
                    )),
                    Span::styled(
                        format!("{:>13}", side.below_floor.len()),
                        if short { t.warning } else { t.ok },
                    ),
                ])
            };
            let mut lines = vec![
                Line::styled(
                    fit("           min  median   max   none  below floor", width),
                    t.header,
                ),
                row("buyers", &f.buyers),
                row("sellers", &f.sellers),
            ];
            lines.extend(f.floors_beyond_tables().into_iter().map(|short| {
                let text = format!(
                    "{} floors need {} meetings; the tables allow {}",
                    short.whose(),
                    short.needed,
                    short.room
                );
                Line::styled(fit(&text, width), t.warning)
            }));
            lines
        }
    };
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// Lines [`figures`] adds for sides whose floors the tables cannot hold.
pub fn shortfall_lines(app: &App) -> u16 {
    (app.summary().fairness.as_ref()).map_or(0, |f| f.floors_beyond_tables().len() as u16)
}

/// Participants below their floor, buyers first; the selected one is
/// explained by Enter.
pub fn attention(frame: &mut Frame, app: &App, area: Rect) {
    let t = app.theme();
    let summary = app.summary();
    let count = summary.attention_len();
    let title = if summary.fairness.is_some() {
        format!(" Needs attention · {count} below their floor · Enter: why ")
    } else {
        " Needs attention ".to_string()
    };
    let width = usize::from(area.width.saturating_sub(2));
    let rows = usize::from(area.height.saturating_sub(2)).max(1);
    let block = pane(app, fit(&title, width), true);
    let Some(desk) = app.desk() else { return };
    let summit = desk.summit();
    if summary.fairness.is_none() {
        frame.render_widget(block, area);
        return;
    }
    if count == 0 {
        let line = Line::styled("everyone has reached their floor", t.ok);
        frame.render_widget(Paragraph::new(line).block(block), area);
        return;
    }
    // The selection stays on screen; only the rows shown are formatted, as
    // with a million sellers many may be short.
    let first = (summary.selected + 1).saturating_sub(rows);
    let lines: Vec<Line> = (summary.attention().enumerate())
        .skip(first)
        .take(rows)
        .map(|(at, (side, index, meetings, floor))| {
            let (kind, id, company) = match side {
                Side::Buyer => summit.buyers.get(index).map(|b| {
                    (
                        "buyer ",
                        b.id.as_str(),
                        format!("{} {}", b.company_zh, b.company),
                    )
                }),
                Side::Seller => summit
                    .sellers
                    .get(index)
                    .map(|s| ("seller", s.id.as_str(), s.company.clone())),
            }
            .unwrap_or(("?     ", "", String::new()));
            let count = format!("{meetings} of {floor} ");
            let name = fit(
                &clean(&format!("{kind} {id} {company}")),
                width.saturating_sub(count.len() + 1),
            );
            let pad = width.saturating_sub(super::super::text::width(&name) + count.len());
            let style = if at == summary.selected {
                t.selected
            } else {
                t.base
            };
            Line::styled(format!("{name}{}{count}", " ".repeat(pad)), style)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// The event report's figures, as `matchslate report` writes them.
pub fn report(frame: &mut Frame, app: &App, report: &EventReport, area: Rect) {
    let t = app.theme();
    let width = usize::from(area.width.saturating_sub(2));
    let block = pane(app, " Summit day: plan against reality ", false);
    let figures = report.figures();
    let label = figures.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
    let lines: Vec<Line> = figures
        .iter()
        .map(|(name, value)| {
            let value = clean(value);
            let room = width.saturating_sub(super::super::text::width(&value) + 1);
            Line::from(vec![
                Span::styled(fit(&format!("{name:<label$}"), room), t.dim),
                Span::raw(format!(" {value}")),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
