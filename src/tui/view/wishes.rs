//! The selected participant's wishes, made and received, on one line:
//! `wishes: S017 1st ✓ · S003 2nd unmet · avoids S020 · asked by B005 2nd ✓`.

use ratatui::text::{Line, Span};

use crate::model::Side;
use crate::summit::{Wish, participant_wishes};

use super::super::app::App;

pub fn line(app: &App, side: Side, who: usize) -> Option<Line<'static>> {
    let desk = app.desk()?;
    let summit = desk.summit();
    let wishes = desk.wishes();
    let lines = participant_wishes(&wishes, side, who, app.slate());
    if lines.is_empty() {
        return None;
    }
    let t = app.theme();
    let id = |other: usize| match side {
        Side::Seller => summit.buyers.get(other).map_or("?", |b| b.id.as_str()),
        Side::Buyer => summit.sellers.get(other).map_or("?", |s| s.id.as_str()),
    };
    let mut spans = vec![Span::styled("wishes: ", t.header)];
    for (i, w) in lines.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", t.dim));
        }
        let what = match (w.made, w.received) {
            (Some(Wish::Meet { rank }), Some(Wish::Meet { .. })) => {
                format!(
                    "★ {} {} (mutual)",
                    id(w.other),
                    crate::wishes::ordinal(rank)
                )
            }
            (Some(Wish::Meet { rank }), _) => {
                format!("{} {}", id(w.other), crate::wishes::ordinal(rank))
            }
            (Some(Wish::Avoid), _) => format!("avoids {}", id(w.other)),
            (None, Some(Wish::Meet { rank })) => {
                format!("asked by {} {}", id(w.other), crate::wishes::ordinal(rank))
            }
            (None, Some(Wish::Avoid)) => format!("avoided by {}", id(w.other)),
            (None, None) => continue,
        };
        spans.push(Span::raw(what));
        if w.unmet() {
            spans.push(Span::styled(" unmet", t.warning));
        } else if w.wanted() && w.met == Some(true) {
            spans.push(Span::styled(" ✓", t.ok));
        }
    }
    Some(Line::from(spans))
}
