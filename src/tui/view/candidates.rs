//! The selected participant's ranked candidates, with score bars, the
//! decision on each pair and who made it; below, the matcher's reasons for
//! the candidate under the cursor.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::model::{DecisionKind, Side};

use super::super::app::{App, Pane};
use super::super::desk::{Candidate, DecisionInfo};
use super::super::layout;
use super::super::text::{clean, fit};
use super::widgets::{bar, col, pane, plain};

fn decision_style(app: &App, kind: DecisionKind) -> Style {
    match kind {
        DecisionKind::Accepted => app.theme().accepted,
        DecisionKind::Rejected => app.theme().rejected,
        DecisionKind::Locked { .. } => app.theme().locked,
    }
}

fn decision_text(info: &DecisionInfo) -> String {
    let mark = match info.kind {
        DecisionKind::Accepted => "✓ accepted",
        DecisionKind::Rejected => "✗ rejected",
        DecisionKind::Locked { .. } => "■ locked",
    };
    let note = if info.note.as_deref().is_some_and(|n| !n.is_empty()) {
        " ✎"
    } else {
        ""
    };
    format!("{mark} · {}{note}", info.staff)
}

pub fn render(frame: &mut Frame, app: &App, area: Rect, reasons: Rect) {
    let (Some(side), Some(desk)) = (app.side(), app.desk()) else {
        return;
    };
    let summit = desk.summit();
    let owner = app.list(side).selected();
    let fresh = owner.is_some() && app.candidates().owner == owner.map(|o| (side, o));
    let who = match (side, owner) {
        (Side::Buyer, Some(b)) => summit
            .buyers
            .get(b)
            .map(|b| format!("{} {} {}", b.id, b.company, b.company_zh)),
        (Side::Seller, Some(s)) => summit
            .sellers
            .get(s)
            .map(|s| format!("{} {} ({})", s.id, s.company, s.state)),
        _ => None,
    };
    let state = app.candidates();
    let filter = if state.query.is_empty() || !fresh {
        String::new()
    } else {
        let why =
            (state.why.get(state.scroll.selected)).map_or(String::new(), |w| format!("· by {w} "));
        format!(
            "· {} of {} match \"{}\" {why}",
            state.list.len(),
            state.all.len(),
            state.query
        )
    };
    let title = match &who {
        Some(who) => format!(" Candidates for {who} {filter}"),
        None => " Candidates ".to_string(),
    };
    let focused = app.pane() == Pane::Detail;
    let block = pane(
        app,
        fit(&title, usize::from(area.width.saturating_sub(2))),
        focused,
    );
    frame.render_widget(block, area);
    let inner = layout::inner(area);
    let t = app.theme();
    let width = usize::from(inner.width);
    // # | ID | Company | Place | Score | Decision
    // The score column: an 8-column bar, a space and the number.
    let partner_side = side.other();
    let id = app.list(partner_side).id_width;
    let (rank, place, score) = (3, 10, 14);
    let decision = (width / 5).clamp(18, 28);
    let company = width.saturating_sub(rank + id + place + score + decision + 5);
    let mut lines = vec![Line::from(
        [
            col("#", rank, t.header),
            col("ID", id, t.header),
            col("Company", company, t.header),
            col(
                if side == Side::Buyer { "State" } else { "City" },
                place,
                t.header,
            ),
            col("Score", score, t.header),
            plain("Decision", decision, t.header),
        ]
        .concat(),
    )];
    if !fresh {
        let text = if owner.is_some() {
            "ranking…"
        } else {
            "no participant selected"
        };
        lines.push(Line::styled(format!("  {text}"), t.dim));
    } else if app.candidates().list.is_empty() && !app.candidates().query.is_empty() {
        lines.push(Line::styled(
            "  no candidate matches; Esc clears the filter",
            t.dim,
        ));
    } else if app.candidates().list.is_empty() {
        lines.push(Line::styled(
            "  no candidates: nothing in common with anyone",
            t.dim,
        ));
    }
    let top = app
        .candidates()
        .list
        .iter()
        .map(|c| c.score)
        .fold(0.0f32, f32::max);
    // Bars are drawn against the best candidate shown, so differences show
    // among close scores. (A list whose best is at most 1 is drawn against
    // 1: only the in-memory test desk scores that low.)
    let scale = if top <= 1.0 { 1.0 } else { f64::from(top) };
    let rows = usize::from(inner.height.saturating_sub(1));
    let scroll = app.candidates().scroll;
    if fresh {
        for (i, c) in app
            .candidates()
            .list
            .iter()
            .enumerate()
            .skip(scroll.offset)
            .take(rows)
        {
            let (cid, cname, cplace) = partner(app, side, c);
            let info = desk.decision(c.seller, c.buyer);
            let mut spans = Vec::new();
            let mark = if i == scroll.selected { '>' } else { ' ' };
            spans.extend(col(&format!("{mark}{:>2}", i + 1), rank, t.dim));
            spans.extend(col(&cid, id, t.dim));
            spans.extend(col(&cname, company, Style::new()));
            spans.extend(col(&cplace, place, Style::new()));
            spans.push(Span::styled(bar(f64::from(c.score), scale, 8), t.bar));
            spans.extend(col(&format!(" {:>5.1}", c.score), score - 8, Style::new()));
            match &info {
                Some(info) => spans.extend(plain(
                    &decision_text(info),
                    decision,
                    decision_style(app, info.kind),
                )),
                None => spans.extend(plain("·", decision, t.dim)),
            }
            let mut line = Line::from(spans);
            if i == scroll.selected {
                line = line.patch_style(if focused {
                    t.selected
                } else {
                    t.selected_unfocused
                });
            }
            lines.push(line);
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
    render_reasons(frame, app, reasons, fresh);
}

/// The other side's id, name and place for a candidate row.
fn partner(app: &App, side: Side, c: &Candidate) -> (String, String, String) {
    let Some(desk) = app.desk() else {
        return Default::default();
    };
    let summit = desk.summit();
    match side {
        Side::Buyer => summit
            .sellers
            .get(c.seller)
            .map_or_else(Default::default, |s| {
                (s.id.clone(), s.company.clone(), s.state.clone())
            }),
        Side::Seller => summit
            .buyers
            .get(c.buyer)
            .map_or_else(Default::default, |b| {
                (
                    b.id.clone(),
                    format!("{} {}", b.company_zh, b.company),
                    b.city.clone(),
                )
            }),
    }
}

fn render_reasons(frame: &mut Frame, app: &App, area: Rect, fresh: bool) {
    let t = app.theme();
    let (Some(side), Some(desk)) = (app.side(), app.desk()) else {
        return;
    };
    let selected = if fresh {
        app.selected_candidate()
    } else {
        None
    };
    // The selected participant's own wishes first: staff take calls about them.
    let owner = app.list(side).selected();
    let wish_line = owner.and_then(|who| super::wishes::line(app, side, who));
    let Some(c) = selected else {
        let lines: Vec<Line> = wish_line.into_iter().collect();
        frame.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: true })
                .block(pane(app, " Why ", false)),
            area,
        );
        return;
    };
    let (cid, _, _) = partner(app, side, c);
    let block = pane(
        app,
        format!(" Why {} · score {:.1} ", fit(&cid, 12), c.score),
        false,
    );
    // The decision and its note first: with many reasons the box is full.
    let mut lines: Vec<Line> = wish_line.into_iter().collect();
    if let Some(info) = desk.decision(c.seller, c.buyer) {
        let mut spans = vec![
            Span::styled(decision_text(info), decision_style(app, info.kind)),
            Span::styled(format!(" at {}", info.at_in(desk.summit())), t.dim),
        ];
        if let DecisionKind::Locked { slot, table } = info.kind {
            spans.push(Span::raw(format!(
                " ({})",
                crate::summit::place_label(desk.summit(), slot, table)
            )));
        }
        lines.push(Line::from(spans));
        if let Some(note) = info.note.as_deref().filter(|n| !n.is_empty()) {
            lines.push(Line::from(vec![
                Span::styled("note: ", t.header),
                Span::raw(clean(note).into_owned()),
            ]));
        }
    }
    if c.interpreter {
        lines.push(Line::styled("needs an interpreter", t.warning));
    }
    // One reason per line when they fit; otherwise run them together and
    // let them wrap, so the last ones (fit, certifications) stay in view.
    let room = usize::from(area.height.saturating_sub(2));
    if lines.len() + c.reasons.len() <= room {
        for reason in &c.reasons {
            lines.push(Line::from(format!("• {}", clean(reason))));
        }
    } else {
        let joined: Vec<String> = c
            .reasons
            .iter()
            .map(|r| format!("• {}", clean(r)))
            .collect();
        lines.push(Line::from(joined.join("  ")));
    }
    frame.render_widget(
        Paragraph::new(lines).block(block).wrap(Wrap { trim: true }),
        area,
    );
}
