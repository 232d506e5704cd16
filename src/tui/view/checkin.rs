//! The check-in view (summit day): the day's participants with their
//! attendance and next meeting, or a proposed repair from now with its
//! figures and every changed meeting, drawn over the tab.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::super::app::{App, CheckinPanel};
use super::super::desk::describe_presence;
use super::super::text::{clean, fit};
use super::widgets::pane;
use crate::model::Side;
use crate::store::{MeetingChange, VersionMeeting};
use crate::summit::DayRepair;

pub fn render(frame: &mut Frame, app: &App, panel: &CheckinPanel, area: Rect) {
    frame.render_widget(Clear, area);
    match &panel.proposal {
        Some(repair) => proposal(frame, app, repair, panel.proposal_scroll, area),
        None => rows(frame, app, panel, area),
    }
}

fn rows(frame: &mut Frame, app: &App, panel: &CheckinPanel, area: Rect) {
    let t = app.theme();
    let width = usize::from(area.width.saturating_sub(2));
    let height = usize::from(area.height.saturating_sub(3)).max(1);
    let find = if panel.typing || !panel.query.is_empty() {
        format!(" · /{}{}", panel.query, if panel.typing { "▏" } else { "" })
    } else {
        String::new()
    };
    let (title, view) = match &panel.view {
        None => (" Check-in ".to_string(), None),
        Some(Err(e)) => {
            // The worker's words already say what to do (which days the
            // summit has, how to rehearse one); long ones wrap.
            let line = Line::styled(clean(e).into_owned(), t.error);
            let block = pane(app, " Check-in ", true);
            let text = Paragraph::new(line).wrap(ratatui::widgets::Wrap { trim: true });
            frame.render_widget(text.block(block), area);
            return;
        }
        Some(Ok(view)) => (
            format!(
                " Check-in · {} · now {} · {} of {}{find} ",
                view.day.strftime("%a %Y-%m-%d"),
                view.now.strftime("%H:%M"),
                panel.shown.len(),
                view.rows.len()
            ),
            Some(view),
        ),
    };
    let block = pane(app, fit(&clean(&title), width), true);
    let Some(_) = view else {
        let line = Line::styled("reading the day…", t.dim);
        frame.render_widget(Paragraph::new(line).block(block), area);
        return;
    };
    let mut lines = vec![Line::styled(
        fit(
            "     id       company                     attendance          today  next meeting",
            width,
        ),
        t.header,
    )];
    let first = (panel.scroll.selected + 1).saturating_sub(height);
    for at in first..(first + height).min(panel.shown.len()) {
        let Some(row) = panel.row(at) else { break };
        let side = if row.side == Side::Seller { "S" } else { "B" };
        let presence = row.presence.map_or("—".to_string(), describe_presence);
        let next = row.next.as_ref().map_or(String::new(), |n| {
            format!(
                "{} T{} with {} {}",
                n.start.strftime("%H:%M"),
                n.table + 1,
                n.with_id,
                n.with_company
            )
        });
        let text = format!(
            "{side}  {:<8} {:<27} {:<19} {:>5}  {next}",
            fit(&clean(&row.id), 8),
            fit(&clean(&row.company), 27),
            presence,
            row.meetings_today
        );
        let style = if at == panel.scroll.selected {
            t.selected
        } else if matches!(row.presence, Some(crate::store::Presence::Absent)) {
            t.dim
        } else {
            t.base
        };
        lines.push(Line::styled(fit(&clean(&text), width), style));
    }
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

fn place(m: &VersionMeeting) -> String {
    format!("{} T{}", m.start.strftime("%a %H:%M"), m.table + 1)
}

/// The proposed repair: its figures, then each changed meeting.
fn proposal(frame: &mut Frame, app: &App, repair: &DayRepair, scroll: usize, area: Rect) {
    let t = app.theme();
    let width = usize::from(area.width.saturating_sub(2));
    let f = repair.figures();
    let title = format!(
        " Repair of slate version {} from {} · Enter saves it as a new version · Esc discards ",
        repair.base.number,
        repair.now.strftime("%H:%M")
    );
    let block = pane(app, fit(&title, width), true);
    let figure = |name: &str, value: String| {
        Line::from(vec![
            Span::styled(format!("{name:<28}"), t.dim),
            Span::raw(value),
        ])
    };
    let mut lines = vec![
        figure("meetings kept", (f.kept + f.past).to_string()),
        figure("meetings moved", f.moved.to_string()),
        figure("meetings lost to absences", f.lost_to_absences.to_string()),
        figure("meetings lost otherwise", f.lost_otherwise.to_string()),
        figure(
            "replacements found",
            format!(
                "{} (for {} of the {} who lost a meeting)",
                f.replacements, f.replaced_participants, f.lost_participants
            ),
        ),
        figure(
            "meetings given to walk-ins",
            format!(
                "{} ({} walk-ins)",
                f.walk_in_meetings,
                repair.walk_ins.len()
            ),
        ),
        figure(
            "participants whose agenda changed",
            f.changed_participants.to_string(),
        ),
        Line::from(""),
    ];
    let changes = repair.changes.iter().map(|change| {
        let m = change.meeting();
        let pair = format!("{} · {}", m.seller_id, m.buyer_id);
        let (what, style) = match change {
            MeetingChange::Added(m) => (format!("added      {}  {pair}", place(m)), t.ok),
            MeetingChange::Cancelled(m) => (format!("cancelled  {}  {pair}", place(m)), t.warning),
            MeetingChange::Moved { from, to } => (
                format!("moved      {} → {}  {pair}", place(from), place(to)),
                t.base,
            ),
        };
        Line::styled(fit(&clean(&what), width), style)
    });
    lines.extend(changes);
    if repair.changes.is_empty() {
        lines.push(Line::styled("no meeting changes", t.dim));
    }
    let lines: Vec<Line> = lines.into_iter().skip(scroll).collect();
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
