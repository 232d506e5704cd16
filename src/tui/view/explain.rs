//! The explain panel: the same lines as `matchslate explain` for one
//! participant, drawn over the tab until Esc.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

use super::super::app::{App, ExplainPanel};
use super::super::text::{clean, fit};
use super::widgets::pane;
use crate::model::Side;

pub fn render(frame: &mut Frame, app: &App, panel: &ExplainPanel, area: Rect) {
    let t = app.theme();
    let width = usize::from(area.width.saturating_sub(2));
    let who =
        app.desk().and_then(|desk| {
            let summit = desk.summit();
            match panel.side {
                Side::Buyer => (summit.buyers.get(panel.index))
                    .map(|b| format!("buyer {} {}", b.id, b.company)),
                Side::Seller => (summit.sellers.get(panel.index))
                    .map(|s| format!("seller {} {}", s.id, s.company)),
            }
        });
    let title = format!(
        " Why: {} · Esc closes · j/k scroll ",
        who.unwrap_or_default()
    );
    let block = pane(app, fit(&clean(&title), width), true);
    let lines: Vec<Line> = match &panel.result {
        None => vec![Line::styled("working it out…", t.dim)],
        Some(Err(e)) => vec![Line::styled(clean(e).into_owned(), t.error)],
        Some(Ok(done)) => {
            let mut lines = Vec::new();
            if done.on_fresh_slate {
                lines.push(Line::styled(
                    "on a slate built to explain this (not kept: press s to schedule)",
                    t.dim,
                ));
            }
            let text = done.diagnosis.text_lines();
            lines.extend(text.iter().skip(panel.scroll).map(|line| {
                let style = if line.starts_with("hint:") {
                    t.warning
                } else if line.ends_with(':') && !line.starts_with(' ') {
                    t.header
                } else {
                    t.base
                };
                Line::styled(clean(line).into_owned(), style)
            }));
            lines
        }
    };
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(ratatui::widgets::Wrap { trim: false })
            .block(block),
        area,
    );
}
