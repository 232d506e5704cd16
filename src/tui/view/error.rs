//! Screens with no summit behind them: loading, the problems that stopped
//! it from opening, and a terminal too small to draw in.

use std::path::Path;

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use crate::load::Severity;

use super::super::action::OpenFailure;
use super::super::app::{App, MIN_HEIGHT, MIN_WIDTH};
use super::super::layout;
use super::super::text::clean;
use super::widgets::pane;

pub fn too_small(frame: &mut Frame, app: &App) {
    let lines = vec![
        Line::styled("Terminal too small", app.theme().error),
        Line::from(format!(
            "{}×{} now, {MIN_WIDTH}×{MIN_HEIGHT} needed.",
            app.width(),
            app.height()
        )),
        Line::from("Enlarge the window, or press q to quit."),
    ];
    let [area] = Layout::vertical([Constraint::Length(3)])
        .flex(Flex::Center)
        .areas(frame.area());
    frame.render_widget(
        Paragraph::new(lines).centered().wrap(Wrap { trim: true }),
        area,
    );
}

pub fn loading(frame: &mut Frame, app: &App, data: &Path, seconds: u64) {
    let body = layout::frame(app.width(), app.height()).body;
    let [area] = Layout::vertical([Constraint::Length(1)])
        .flex(Flex::Center)
        .areas(body);
    let mut text = format!(
        "Opening the summit in {}…",
        clean(&data.display().to_string())
    );
    if seconds > 0 {
        text.push_str(&format!(" {seconds} s"));
    }
    frame.render_widget(Paragraph::new(text).centered(), area);
}

/// Every problem, each as `validate` prints it (file:line:column first),
/// scrollable; nothing else can be done until the data is fixed.
pub fn failed(frame: &mut Frame, app: &App, failure: &OpenFailure, scroll: usize) {
    let t = app.theme();
    let body = layout::frame(app.width(), app.height());
    let area = ratatui::layout::Rect {
        height: body.body.height + body.tabs.height + body.status.height,
        ..body.tabs
    };
    let mut lines = Vec::new();
    let title = match failure {
        OpenFailure::Invalid(problems) => {
            let errors = problems.iter().filter(|p| p.is_error()).count();
            let warnings = problems.len() - errors;
            for p in problems {
                let style = match p.severity {
                    Severity::Error => t.error,
                    Severity::Warning => t.warning,
                };
                // A problem prints as one line plus an indented hint.
                for (i, part) in p.to_string().lines().enumerate() {
                    lines.push(Line::styled(
                        clean(part).into_owned(),
                        if i == 0 { style } else { t.base },
                    ));
                }
            }
            lines.push(Line::from(""));
            lines.push(Line::styled(
                "Fix the files and start matchslate again (`matchslate validate` prints the same list).",
                t.dim,
            ));
            format!(" The summit cannot be opened: {errors} error(s), {warnings} warning(s) ")
        }
        OpenFailure::Other(message) => {
            for part in message.lines() {
                lines.push(Line::styled(clean(part).into_owned(), t.error));
            }
            " The summit cannot be opened ".to_string()
        }
    };
    let rows = usize::from(area.height.saturating_sub(2));
    let scroll = scroll.min(lines.len().saturating_sub(rows));
    let lines: Vec<Line> = lines.into_iter().skip(scroll).collect();
    frame.render_widget(
        Paragraph::new(lines)
            .block(pane(app, title, true))
            .wrap(Wrap { trim: false }),
        area,
    );
}
