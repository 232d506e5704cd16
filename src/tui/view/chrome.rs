//! The tab bar, the status line and the footer.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::super::action::Tab;
use super::super::app::{App, PromptKind};
use super::super::keys::{self, Scope};
use super::super::layout::{self, TABS_START};
use super::super::text::{self, fit};
use super::widgets::key_hint;

pub fn tabs(frame: &mut Frame, app: &App, area: Rect) {
    let mut spans = vec![Span::styled(
        fit(" matchslate ", usize::from(TABS_START)),
        app.theme().header,
    )];
    for tab in Tab::ALL {
        let style = if tab == app.tab() {
            app.theme().tab_active
        } else {
            app.theme().base
        };
        spans.push(Span::styled(layout::tab_label(tab), style));
        spans.push(Span::raw(" "));
    }
    let used: usize = spans.iter().map(|s| text::width(&s.content)).sum();
    let room = usize::from(area.width).saturating_sub(used + 1);
    let right = match (app.schedule(), app.desk()) {
        (Some(run), _) => match &run.last {
            // Until the bound is known there is no percentage to give.
            Some(p) if p.upper_bound <= 0.0 => format!(
                "scheduling {:.1}s · {}: computing the bound… ",
                p.elapsed.as_secs_f64(),
                p.phase
            ),
            Some(p) => format!(
                "scheduling {:.1}s · {} · score {:.1} · {:.1}% of bound · {} meetings ",
                p.elapsed.as_secs_f64(),
                p.phase,
                p.score,
                100.0 * p.score / p.upper_bound,
                p.meetings
            ),
            None => "scheduling: starting… ".to_string(),
        },
        (None, Some(desk)) => format!("{} · staff {} ", desk.summit().event.name, desk.staff()),
        (None, None) => String::new(),
    };
    let right = fit(&right, room);
    let pad = room.saturating_sub(text::width(&right)) + 1;
    spans.push(Span::raw(" ".repeat(pad)));
    let style = if app.schedule().is_some() {
        app.theme().warning
    } else {
        app.theme().dim
    };
    spans.push(Span::styled(right, style));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The line above the footer: a prompt, the filter being typed, or the
/// last message.
pub fn status(frame: &mut Frame, app: &App, area: Rect) {
    let width = usize::from(area.width);
    if let Some(prompt) = app.prompt() {
        let label = match prompt.kind {
            PromptKind::Note { .. } => "note: ",
            PromptKind::Lock { .. } if !prompt.input.is_empty() => {
                "lock here? Enter locks, or type another day, time and table: "
            }
            PromptKind::Lock { .. } => "lock at day, time and table (e.g. 1 09:20 5): ",
            PromptKind::Refused => "refused: ",
            PromptKind::Publish { .. } => "publish? optional note, Enter publishes: ",
            PromptKind::Rollback => "roll back to version: ",
            PromptKind::Jump => "jump to table or time: ",
        };
        // A complaint about what was typed shows after it, so the prompt
        // stays open for a correction.
        // So does a hint, such as the place a lock prompt offers.
        let (complaint, hint_style) = match app.status() {
            Some(s) => (
                format!("  {}", s.text),
                if s.error {
                    app.theme().error
                } else {
                    app.theme().dim
                },
            ),
            None => (String::new(), app.theme().dim),
        };
        let input = fit(&prompt.input, width.saturating_sub(label.len() + 1));
        let cursor_x = area.x + (label.len() + text::width(&input)) as u16;
        let room = width.saturating_sub(label.len() + text::width(&input) + 1);
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(label, app.theme().key),
                Span::raw(input),
                Span::raw(" "),
                Span::styled(fit(&complaint, room), hint_style),
            ])),
            area,
        );
        frame.set_cursor_position(Position::new(
            cursor_x.min(area.right().saturating_sub(1)),
            area.y,
        ));
        return;
    }
    if app.filtering() {
        if let Some(side) = app.side() {
            let (typed, count) = if app.filtering_candidates() {
                let c = app.candidates();
                (
                    c.query.as_str(),
                    format!("  {} of {} candidates", c.list.len(), c.all.len()),
                )
            } else {
                let filter = &app.list(side).filter;
                (
                    filter.query(),
                    format!("  {} of {}", filter.len(), filter.total()),
                )
            };
            let query = fit(typed, width.saturating_sub(count.len() + 2));
            let cursor_x = area.x + 1 + text::width(&query) as u16;
            frame.render_widget(
                Paragraph::new(Line::from(vec![
                    Span::styled("/", app.theme().key),
                    Span::raw(query),
                    Span::styled(count, app.theme().dim),
                ])),
                area,
            );
            frame.set_cursor_position(Position::new(cursor_x, area.y));
        }
        return;
    }
    if let Some(status) = app.status() {
        let style = if status.error {
            app.theme().error
        } else {
            app.theme().ok
        };
        frame.render_widget(
            Paragraph::new(Span::styled(fit(&status.text, width), style)),
            area,
        );
    }
}

/// The few keys that matter here, from the key table. The general ones
/// (help, quit) and those of any tab (undo, schedule, export: the way back
/// from a mistake and the way out to files) always stay, at the end; the
/// screen's own are dropped from their end when the terminal is narrow.
pub fn footer(frame: &mut Frame, app: &App, area: Rect) {
    let scopes = app.scopes();
    let hint = |(keys, words): (&'static str, &'static str)| key_hint(app, keys, words);
    let width = |spans: &[Span]| -> usize { spans.iter().map(|s| text::width(&s.content)).sum() };
    let kept_scopes: Vec<Scope> = [Scope::Desk, Scope::NotTyping]
        .into_iter()
        .filter(|s| scopes.contains(s))
        .collect();
    let general: Vec<Span> = keys::footer(&kept_scopes).flat_map(hint).collect();
    let specific = scopes
        .iter()
        .filter(|s| !kept_scopes.contains(s))
        .copied()
        .collect::<Vec<_>>();
    let mut spans = Vec::new();
    let room = usize::from(area.width).saturating_sub(width(&general));
    let mut used = 0;
    for entry in keys::footer(&specific) {
        let pair = hint(entry);
        let len = width(&pair);
        if used + len > room {
            break;
        }
        used += len;
        spans.extend(pair);
    }
    spans.extend(general);
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
