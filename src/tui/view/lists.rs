//! The Buyers and Sellers lists, virtualised: only the rows on screen are
//! built, so a million sellers cost no more to draw than twenty.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::model::Side;
use crate::summit::own_wishes_met;
use crate::wishes::WishIndex;

use super::super::app::{App, Pane};
use super::super::filter::{Haystack, tags};
use super::super::layout;
use super::widgets::{cell, col, pane, plain, spaced};

/// Column widths for a list `width` columns wide.
struct Columns {
    id: usize,
    company: usize,
    zh: usize,
    place: usize,
    tags: usize,
    meetings: usize,
    need: usize,
    /// Own wishes met / made; 0 wide when nobody in the summit wished.
    wish: usize,
}

fn columns(side: Side, width: usize, id_width: usize, wishes: bool) -> Columns {
    let (zh, place) = match side {
        Side::Buyer => (16, 10),
        Side::Seller => (0, 5),
    };
    // One more column for the cursor mark, and a space.
    let (id, meetings, need) = (id_width + 2, 5, 4);
    // One space after every column but the last.
    let wish = if wishes { 5 } else { 0 };
    let gaps = if zh > 0 { 6 } else { 5 } + usize::from(wishes);
    let fixed = id + zh + place + meetings + need + wish + gaps;
    let flex = width.saturating_sub(fixed);
    let company = (flex * 11 / 20).max(1);
    Columns {
        id,
        company,
        zh,
        place,
        tags: flex.saturating_sub(company),
        meetings,
        need,
        wish,
    }
}

pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    let Some(side) = app.side() else { return };
    let Some(desk) = app.desk() else { return };
    let summit = desk.summit();
    let list = app.list(side);
    let filter = &list.filter;
    let name = if side == Side::Buyer {
        "Buyers"
    } else {
        "Sellers"
    };
    let mut title = if filter.query().is_empty() && filter.only() {
        format!(" {name} · {} of {} ", filter.len(), filter.total())
    } else if filter.query().is_empty() {
        format!(" {name} · {} ", filter.total())
    } else {
        format!(
            " {name} · {} of {} match \"{}\" ",
            filter.len(),
            filter.total(),
            filter.query()
        )
    };
    if filter.only() {
        title.push_str("· unmet wishes only ");
    }
    if filter.searching() {
        title.push_str("· searching… ");
    }
    if filter.hidden() > 0 {
        title.push_str(&format!("· {} weak hidden ", filter.hidden()));
    }
    if let Some(why) = filter.why(list.scroll.selected) {
        title.push_str(&format!("· by {why} "));
    }
    let focused = app.pane() == Pane::Main;
    let block = pane(
        app,
        super::super::text::fit(&title, usize::from(area.width.saturating_sub(2))),
        focused,
    );
    let inner = layout::inner(area);
    frame.render_widget(block, area);
    let wishes = desk.wishes();
    let cols = columns(
        side,
        usize::from(inner.width),
        list.id_width,
        !wishes.is_empty(),
    );
    let t = app.theme();
    let mut lines = Vec::with_capacity(usize::from(inner.height));
    let mut header = Vec::new();
    header.extend(col(" ID", cols.id, t.header));
    header.extend(col("Company", cols.company, t.header));
    if cols.zh > 0 {
        header.extend(col("中文名", cols.zh, t.header));
    }
    let (place, tag_name) = match side {
        Side::Buyer => ("City", "Interests"),
        Side::Seller => ("State", "Categories"),
    };
    header.extend(col(place, cols.place, t.header));
    header.extend(col(tag_name, cols.tags, t.header));
    header.extend(col(" Mtgs", cols.meetings, t.header));
    if cols.wish > 0 {
        header.extend(col(" Wish", cols.wish, t.header));
    }
    header.extend(plain("Need", cols.need, t.header));
    lines.push(Line::from(header));

    let rows = usize::from(inner.height.saturating_sub(1));
    let mut hay = Haystack::default();
    for row in list.scroll.offset..(list.scroll.offset + rows).min(filter.len()) {
        let Some(index) = filter.row(row) else { break };
        hay.fill(summit, side, index);
        let marks = filter.highlights(&hay);
        let within = |range: &std::ops::Range<usize>| -> Vec<usize> {
            marks
                .iter()
                .filter(|&&m| range.contains(&m))
                .map(|m| m - range.start)
                .collect()
        };
        let (id, company, zh, place, tag_text, max) = match side {
            Side::Buyer => {
                let b = &summit.buyers[index];
                (
                    &b.id,
                    &b.company,
                    b.company_zh.as_str(),
                    &b.city,
                    tags_or_hs(&b.interests, &b.hs_codes),
                    b.max_meetings,
                )
            }
            Side::Seller => {
                let s = &summit.sellers[index];
                (
                    &s.id,
                    &s.company,
                    "",
                    &s.state,
                    tags_or_hs(&s.categories, &s.hs_codes),
                    s.max_meetings,
                )
            }
        };
        let has = match side {
            Side::Buyer => app.buyer_meetings().get(index),
            Side::Seller => app.seller_meetings().get(index),
        }
        .copied()
        .unwrap_or(0);
        let base = Style::new();
        let m = t.matched;
        let mut spans: Vec<Span> = Vec::new();
        // A visible cursor mark, for screen readers, capture-pane and
        // terminals where reverse video is hard to see.
        let selected = row == list.scroll.selected;
        let id_marks: Vec<usize> = within(&hay.id).into_iter().map(|i| i + 1).collect();
        let id = format!("{}{id}", if selected { '>' } else { ' ' });
        spans.extend(spaced(cell(&id, cols.id, &id_marks, t.dim, m)));
        spans.extend(spaced(cell(
            company,
            cols.company,
            &within(&hay.company),
            base,
            m,
        )));
        if cols.zh > 0 {
            spans.extend(spaced(cell(zh, cols.zh, &within(&hay.company_zh), base, m)));
        }
        spans.extend(spaced(cell(
            place,
            cols.place,
            &within(&hay.place),
            base,
            m,
        )));
        spans.extend(spaced(cell(
            &tag_text,
            cols.tags,
            &within(&hay.tags),
            base,
            m,
        )));
        let need = max.saturating_sub(has);
        spans.extend(col(&format!("{has:>2}/{max:<2}"), cols.meetings, base));
        if cols.wish > 0 {
            spans.extend(col(&wish_cell(app, &wishes, side, index), cols.wish, base));
        }
        let need_style = if need == 0 { t.ok } else { base };
        spans.extend(plain(&format!("{need:>3}"), cols.need, need_style));
        let mut line = Line::from(spans);
        if selected {
            line = line.patch_style(if focused {
                t.selected
            } else {
                t.selected_unfocused
            });
        }
        lines.push(line);
    }
    if filter.is_empty() {
        let text = if filter.searching() {
            "searching…"
        } else if filter.query().is_empty() {
            "no participants in this summit"
        } else {
            "nothing matches; Esc clears the filter"
        };
        lines.push(Line::styled(format!("  {text}"), t.dim));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// Own meet wishes met / made ("1/3"; "-/3" before a slate), blank when
/// the participant made none.
fn wish_cell(app: &App, wishes: &WishIndex, side: Side, who: usize) -> String {
    let index = app.slate_index();
    let meets = |other: usize| match side {
        Side::Seller => index.meets(who, other),
        Side::Buyer => index.meets(other, who),
    };
    match own_wishes_met(wishes, side, who, meets) {
        None => String::new(),
        Some((met, made)) if app.slate().is_some() => format!("{met:>2}/{made:<2}"),
        Some((_, made)) => format!(" -/{made:<2}"),
    }
}

/// The words a participant wrote, or its HS codes when it gave only codes
/// ("HS 0802, 0813"), so no row shows a blank.
fn tags_or_hs(words: &[String], hs: &[String]) -> String {
    if words.is_empty() && !hs.is_empty() {
        format!("HS {}", hs.join(", "))
    } else {
        tags(words)
    }
}
