//! `?`: every key binding, straight from the key table.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::super::app::App;
use super::super::keys::{BINDINGS, Scope};
use super::super::layout;
use super::widgets::pane;

/// Scopes in the order the help screen lists them.
const ORDER: [Scope; 10] = [
    Scope::Desk,
    Scope::Lists,
    Scope::Slate,
    Scope::Summary,
    Scope::Explain,
    Scope::Checkin,
    Scope::NotTyping,
    Scope::Typing,
    Scope::Help,
    Scope::Always,
];

pub fn lines(app: &App) -> Vec<Line<'static>> {
    let t = app.theme();
    let mut lines = Vec::new();
    for scope in ORDER {
        if !lines.is_empty() {
            lines.push(Line::from(""));
        }
        lines.push(Line::styled(scope.title(), t.header));
        for b in BINDINGS.iter().filter(|b| b.scope == scope) {
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<10} ", b.label), t.key),
                Span::raw(b.help),
            ]));
        }
    }
    // The mouse is not in the key table: it needs no memorising.
    lines.push(Line::from(""));
    lines.push(Line::styled("Mouse", t.header));
    lines.push(Line::from(
        "  click a row, a grid cell or a tab to select it; the wheel scrolls the pane under it",
    ));
    lines
}

pub fn render(frame: &mut Frame, app: &App, scroll: usize) {
    // The whole body, so nothing of the screen below shows at its edges.
    let area = layout::frame(app.width(), app.height()).body;
    let all = lines(app);
    let rows = usize::from(area.height.saturating_sub(2));
    let scroll = scroll.min(all.len().saturating_sub(rows));
    let block = pane(app, " Keys · Esc or ? closes · j/k scroll ", true);
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(all.into_iter().skip(scroll).collect::<Vec<_>>()).block(block),
        area,
    );
}
