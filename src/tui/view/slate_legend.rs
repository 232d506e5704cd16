//! The slate grid's legend, in its bottom border: what the marks and the
//! colours mean, and the keys for getting around a large grid.

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use super::super::app::App;
use super::super::text;
use crate::model::Side;
use crate::summit::MeetingMark;

/// The mark after a meeting that needs an interpreter.
pub const INTERPRETER: &str = "ⁱ";

/// The mark after the time of the slot under way (the "now" line).
pub const NOW: &str = "▶";

/// The mark before a meeting the summit day has recorded something about.
pub fn day_glyph(mark: MeetingMark) -> &'static str {
    match mark {
        MeetingMark::Held => "✓",
        MeetingMark::NoShow => "!",
        MeetingMark::Cancelled => "–",
        MeetingMark::Absent(_) => "∅",
        MeetingMark::CheckedIn => "•",
    }
}

/// A marked meeting's style: met and checked in keep their colour, the
/// rest say the meeting did not or will not happen.
pub fn day_style(app: &App, mark: MeetingMark, status: Style) -> Style {
    let t = app.theme();
    match mark {
        MeetingMark::Held => t.ok,
        MeetingMark::CheckedIn => status,
        MeetingMark::NoShow => t.error,
        MeetingMark::Cancelled => t.dim.add_modifier(Modifier::CROSSED_OUT),
        MeetingMark::Absent(_) => t.warning,
    }
}

/// The summit day's part of the legend, when anything is recorded: each
/// mark and the "now" line.
fn day_parts(app: &App) -> Vec<Span<'static>> {
    let mut parts = Vec::new();
    if app.has_day_marks() {
        let marks = [
            MeetingMark::Held,
            MeetingMark::NoShow,
            MeetingMark::Cancelled,
            MeetingMark::Absent(Side::Buyer),
            MeetingMark::CheckedIn,
        ];
        for mark in marks {
            let word = match mark {
                MeetingMark::Absent(_) => "absent",
                other => other.word(),
            };
            let style = day_style(app, mark, app.theme().base);
            parts.push(Span::styled(format!("{} {word}", day_glyph(mark)), style));
            parts.push(Span::raw(" · "));
        }
    }
    // The clock's mark only on the summit's days.
    let days = app
        .desk()
        .map(|d| &d.summit().event.days[..])
        .unwrap_or(&[]);
    let now = app
        .venue_now()
        .filter(|now| days.iter().any(|d| d.date == now.date()));
    if let Some(now) = now {
        parts.push(Span::styled(
            format!("{NOW} now {}", now.strftime("%H:%M")),
            app.theme().matched,
        ));
        parts.push(Span::raw(" · "));
    }
    parts
}

/// " ⁱ interpreter · × rejected since · locked accepted proposed · # ids ·
/// t jump · H/L tables ", cut from the end to `width`.
pub fn legend(app: &App, width: usize) -> Line<'static> {
    let t = app.theme();
    let ids = if app.show_ids() { "# names" } else { "# ids" };
    let mut parts: Vec<Span<'static>> = vec![
        Span::raw(" "),
        Span::styled(INTERPRETER, t.warning),
        Span::raw(" interpreter · × rejected since · "),
    ];
    parts.extend(day_parts(app));
    parts.extend([
        Span::styled("locked", t.locked),
        Span::raw(" "),
        Span::styled("accepted", t.accepted),
        Span::raw(" "),
        Span::styled("proposed", t.proposed),
        Span::raw(format!(" · {ids}")),
        Span::raw(" · t jump"),
        Span::raw(" · H/L tables"),
        Span::raw(" · v changes "),
    ]);
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
