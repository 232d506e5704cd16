//! The line above the Slate and Summary tabs when the decisions have moved
//! on since the slate was built.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::super::app::App;
use super::super::text::fit;

/// Draws the banner when the slate is stale and returns the area left.
pub fn banner(frame: &mut Frame, app: &App, body: Rect) -> Rect {
    let Some(since) = app.staleness().describe() else {
        return body;
    };
    let dropped = match app.staleness().dropped.len() {
        0 => String::new(),
        1 => "; 1 meeting rejected since is struck through (×) and left out of exports".into(),
        n => {
            format!("; {n} meetings rejected since are struck through (×) and left out of exports")
        }
    };
    let text = format!(" {since}{dropped}; press s to rebuild");
    let [line, rest] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(body);
    let width = usize::from(line.width);
    frame.render_widget(
        Paragraph::new(Line::styled(fit(&text, width), app.theme().error)),
        line,
    );
    rest
}
