//! `v` on the Slate tab: what changed since the published version, per
//! participant, in place of the itineraries.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use crate::model::Side;
use crate::store::{MeetingChange, VersionMeeting};

use super::super::app::{App, Pane};
use super::super::text::clean;
use super::widgets::pane;

/// "Wed 09:20 T5".
fn place(m: &VersionMeeting) -> String {
    format!(
        "{} {} T{}",
        m.date.strftime("%a"),
        m.start.strftime("%H:%M"),
        u64::from(m.table) + 1
    )
}

/// The panel's lines: a heading per participant, a line per change.
pub fn lines(app: &App) -> (String, Vec<Line<'static>>) {
    let t = app.theme();
    let Some(changes) = app.changes() else {
        return (String::new(), Vec::new());
    };
    let Some(diff) = &changes.diff else {
        let text = "Nothing is published yet: press P to publish this version; \
                    changes are counted from the published one.";
        return (" Changes · v hides ".into(), vec![Line::from(text)]);
    };
    let (added, cancelled, moved) = diff.totals();
    let title = format!(
        " v{} → v{}: {added} added, {cancelled} cancelled, {moved} moved ",
        diff.from, diff.to
    );
    let mut lines = Vec::new();
    if diff.changes.is_empty() {
        lines.push(Line::from("No changes: participants have this slate."));
    }
    let mut last: Option<(Side, &str)> = None;
    for row in diff.per_participant() {
        if last != Some((row.side, row.id)) {
            let side = row.side.word();
            lines.push(Line::styled(format!("{side} {}", clean(row.id)), t.header));
            last = Some((row.side, row.id));
        }
        let with = clean(row.with);
        let text = match row.change {
            MeetingChange::Added(m) => format!(" added with {with}: {}", place(m)),
            MeetingChange::Cancelled(m) => {
                format!(" cancelled with {with}: was {}", place(m))
            }
            MeetingChange::Moved { from, to } => {
                format!(" moved with {with}: {} → {}", place(from), place(to))
            }
        };
        lines.push(Line::from(text));
    }
    (title, lines)
}

pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    let (title, lines) = lines(app);
    let block = pane(app, title, app.pane() == Pane::Detail)
        .title_bottom(" v or Esc hides · Tab, j/k scroll ");
    let scroll = app.changes().map_or(0, |c| c.scroll);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0)),
        area,
    );
}
