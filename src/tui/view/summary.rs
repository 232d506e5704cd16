//! The Summary tab: meetings per participant, who has none, interpreter
//! load per slot and how close the slate is to its upper bound.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Gauge, Paragraph, Sparkline};

use super::super::app::App;
use super::super::text::{clean, fit};
use super::widgets::{bar, pane};

pub fn render(frame: &mut Frame, app: &App, body: Rect) {
    let [top, bottom] =
        Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(body);
    let [hist, bound] =
        Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(top);
    let [missing, interp] =
        Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(bottom);
    histogram(frame, app, hist);
    percent(frame, app, bound);
    without(frame, app, missing);
    interpreters(frame, app, interp);
}

/// How many participants have 0, 1, 2… meetings, sellers and buyers side
/// by side.
fn histogram(frame: &mut Frame, app: &App, area: Rect) {
    let t = app.theme();
    let what = if app.slate().is_some() {
        " Meetings per participant "
    } else {
        " Accepted pairs per participant (no slate yet) "
    };
    let max = app
        .seller_meetings()
        .iter()
        .chain(app.buyer_meetings())
        .copied()
        .max()
        .unwrap_or(0) as usize;
    let mut sellers = vec![0usize; max + 1];
    let mut buyers = vec![0usize; max + 1];
    app.seller_meetings()
        .iter()
        .for_each(|&n| sellers[n as usize] += 1);
    app.buyer_meetings()
        .iter()
        .for_each(|&n| buyers[n as usize] += 1);
    let biggest = sellers.iter().chain(&buyers).copied().max().unwrap_or(0) as f64;
    let inner_width = usize::from(area.width.saturating_sub(2));
    // "nn │" then two bars with their counts.
    let bar_cols = inner_width.saturating_sub(4 + 2 * 8) / 2;
    let mut lines = vec![Line::from(vec![
        Span::styled("mtg  ", t.header),
        Span::styled(format!("{:<w$}", "sellers", w = bar_cols + 8), t.header),
        Span::styled("buyers", t.header),
    ])];
    let rows = usize::from(area.height.saturating_sub(3));
    // With more counts than rows, show the top ones; the tail is rare.
    for n in 0..=max.min(rows.saturating_sub(1)) {
        lines.push(Line::from(vec![
            Span::styled(format!("{n:>3} │"), t.dim),
            Span::styled(bar(sellers[n] as f64, biggest, bar_cols), t.bar),
            Span::raw(format!(" {:>6} ", sellers[n])),
            Span::styled(bar(buyers[n] as f64, biggest, bar_cols), t.accepted),
            Span::raw(format!(" {:>6}", buyers[n])),
        ]));
    }
    frame.render_widget(Paragraph::new(lines).block(pane(app, what, false)), area);
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

/// Participants without a single meeting, sellers first.
fn without(frame: &mut Frame, app: &App, area: Rect) {
    let t = app.theme();
    let Some(desk) = app.desk() else { return };
    let summit = desk.summit();
    let sellers = app.seller_meetings().iter().filter(|&&n| n == 0).count();
    let buyers = app.buyer_meetings().iter().filter(|&&n| n == 0).count();
    let title = format!(" Without meetings · {sellers} sellers, {buyers} buyers ");
    let width = usize::from(area.width.saturating_sub(2));
    let rows = usize::from(area.height.saturating_sub(2));
    // Only the rows on screen are formatted: with a million sellers most
    // may have no meeting.
    let seller_rows = app
        .seller_meetings()
        .iter()
        .enumerate()
        .filter(|(_, n)| **n == 0)
        .filter_map(|(i, _)| summit.sellers.get(i))
        .map(|s| format!("seller {} {} ({})", s.id, s.company, s.state));
    let buyer_rows = app
        .buyer_meetings()
        .iter()
        .enumerate()
        .filter(|(_, n)| **n == 0)
        .filter_map(|(i, _)| summit.buyers.get(i))
        .map(|b| format!("buyer  {} {} {}", b.id, b.company_zh, b.company));
    let lines: Vec<Line> = seller_rows
        .chain(buyer_rows)
        .skip(app.summary_scroll())
        .take(rows)
        .map(|s| Line::from(fit(&clean(&s), width)))
        .collect();
    let lines = if lines.is_empty() && app.summary_scroll() == 0 {
        vec![Line::styled("everyone has at least one meeting", t.ok)]
    } else {
        lines
    };
    frame.render_widget(
        Paragraph::new(lines).block(pane(app, fit(&title, width), true)),
        area,
    );
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
