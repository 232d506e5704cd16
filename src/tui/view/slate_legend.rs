//! The slate grid's legend, in its bottom border: what the marks and the
//! colours mean, and the keys for getting around a large grid.

use ratatui::text::{Line, Span};

use super::super::app::App;
use super::super::text;

/// The mark after a meeting that needs an interpreter.
pub const INTERPRETER: &str = "ⁱ";

/// " ⁱ interpreter · × rejected since · locked accepted proposed · # ids ·
/// t jump · H/L tables ", cut from the end to `width`.
pub fn legend(app: &App, width: usize) -> Line<'static> {
    let t = app.theme();
    let ids = if app.show_ids() { "# names" } else { "# ids" };
    let parts: Vec<Span<'static>> = vec![
        Span::raw(" "),
        Span::styled(INTERPRETER, t.warning),
        Span::raw(" interpreter · × rejected since · "),
        Span::styled("locked", t.locked),
        Span::raw(" "),
        Span::styled("accepted", t.accepted),
        Span::raw(" "),
        Span::styled("proposed", t.proposed),
        Span::raw(format!(" · {ids}")),
        Span::raw(" · t jump"),
        Span::raw(" · H/L tables"),
        Span::raw(" · v changes "),
    ];
    let mut used = 0;
    let mut kept = Vec::new();
    for span in parts {
        let w = text::width(&span.content);
        if used + w > width {
            break;
        }
        used += w;
        kept.push(span);
    }
    Line::from(kept)
}
