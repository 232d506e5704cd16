//! The Summary tab: fairness figures and who needs attention (see
//! `summary_fair`), how close the slate is to its upper bound, and the
//! interpreter load per slot (or, on summit day, the event report).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Gauge, Paragraph, Sparkline};

use super::super::app::App;
use super::summary_fair;
use super::widgets::pane;

pub fn render(frame: &mut Frame, app: &App, body: Rect) {
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(body);
    let [figures, attention] = Layout::vertical([
        Constraint::Length(5 + summary_fair::shortfall_lines(app)),
        Constraint::Min(3),
    ])
    .areas(left);
    let [bound, below] = Layout::vertical([Constraint::Length(9), Constraint::Min(3)]).areas(right);
    summary_fair::figures(frame, app, figures);
    summary_fair::attention(frame, app, attention);
    percent(frame, app, bound);
    match &app.summary().report {
        Some(Ok(Some(report))) => summary_fair::report(frame, app, report, below),
        _ => interpreters(frame, app, below),
    }
}

fn percent(frame: &mut Frame, app: &App, area: Rect) {
    let t = app.theme();
    let block = pane(app, " Percent of the upper bound ", false);
    let Some(slate) = app.slate() else {
        let text = vec![
            Line::from("No slate yet."),
            Line::styled("Press s to schedule.", t.dim),
        ];
        frame.render_widget(Paragraph::new(text).block(block), area);
        return;
    };
    let inner = super::super::layout::inner(area);
    frame.render_widget(block, area);
    let [gauge, facts] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inner);
    let pct = super::super::text::percent(slate);
    frame.render_widget(
        Gauge::default()
            .ratio((pct / 100.0).clamp(0.0, 1.0))
            .label(format!("{pct:.1}%"))
            .gauge_style(t.bar)
            .use_unicode(true),
        gauge,
    );
    let lines = vec![
        Line::from(format!("score        {:.1}", slate.total_score)),
        Line::from(format!("upper bound  {:.1}", slate.upper_bound)),
        Line::from(format!("meetings     {}", slate.meetings.len())),
        Line::from(
            match app
                .desk()
                .map(|d| crate::summit::wishes_met(&d.wishes(), slate))
            {
                Some((met, wanted)) if wanted > 0 => format!("wishes met   {met} of {wanted}"),
                _ => "wishes met   none made".to_string(),
            },
        ),
        Line::from(format!(
            "locked       {}",
            slate
                .meetings
                .iter()
                .filter(|m| m.status == crate::model::MeetingStatus::Locked)
                .count()
        )),
        Line::styled(
            format!("not placed   {}", slate.unscheduled.len()),
            if slate.unscheduled.is_empty() {
                t.base
            } else {
                t.warning
            },
        ),
    ];
    frame.render_widget(Paragraph::new(lines), facts);
}

/// Meetings needing an interpreter in each slot, against the number of
/// interpreters.
fn interpreters(frame: &mut Frame, app: &App, area: Rect) {
    let t = app.theme();
    let Some(desk) = app.desk() else { return };
    let summit = desk.summit();
    let capacity = summit.event.interpreters;
    let block = pane(
        app,
        format!(" Interpreter load per slot (of {capacity}) "),
        false,
    );
    let Some(slate) = app.slate() else {
        frame.render_widget(Paragraph::new("No slate yet.").block(block), area);
        return;
    };
    let mut load = vec![0u64; summit.slots.len()];
    for m in slate.meetings.iter().filter(|m| m.interpreter) {
        if let Some(n) = load.get_mut(m.slot) {
            *n += 1;
        }
    }
    let peak = load.iter().copied().max().unwrap_or(0);
    let full = load.iter().filter(|&&n| n >= u64::from(capacity)).count();
    let peak_at = load
        .iter()
        .position(|&n| n == peak)
        .and_then(|i| summit.slots.get(i))
        .map(|s| s.date.strftime("%a ").to_string() + &s.start.strftime("%H:%M").to_string())
        .unwrap_or_default();
    let inner = super::super::layout::inner(area);
    frame.render_widget(block, area);
    let [spark, facts] = Layout::vertical([Constraint::Min(1), Constraint::Length(2)]).areas(inner);
    frame.render_widget(
        Sparkline::default()
            .data(&load)
            .max(u64::from(capacity).max(peak).max(1))
            .style(t.bar),
        spark,
    );
    frame.render_widget(
        Paragraph::new(vec![
            Line::from(format!("peak {peak}/{capacity} at {peak_at}")),
            Line::from(format!("{full} of {} slots at capacity", load.len())),
        ]),
        facts,
    );
}
