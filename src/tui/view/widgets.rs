//! Small drawing helpers shared by the views.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType};

use super::super::app::App;
use super::super::text::{char_width, clean, fitting};

/// A bordered pane, its border brighter when it has the focus.
pub fn pane<'a>(app: &App, title: impl Into<Line<'a>>, focused: bool) -> Block<'a> {
    let style = if focused {
        app.theme().border_focused
    } else {
        app.theme().border
    };
    Block::bordered()
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(style)
        .title(title)
}

/// One table cell exactly `cols` columns wide: cleaned, cut with `…`
/// without halving a wide character, and with the characters whose
/// positions are in `marks` drawn in `marked`.
pub fn cell(
    text: &str,
    cols: usize,
    marks: &[usize],
    base: Style,
    marked: Style,
) -> Vec<Span<'static>> {
    let text = clean(text);
    let (kept, cut) = fitting(&text, cols);
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut run = String::new();
    let mut run_marked = false;
    let mut used = 0;
    for (i, c) in text.chars().take(kept).enumerate() {
        let w = char_width(c);
        let is_marked = marks.contains(&i);
        if is_marked != run_marked && !run.is_empty() {
            let style = if run_marked { marked } else { base };
            spans.push(Span::styled(std::mem::take(&mut run), style));
        }
        run_marked = is_marked;
        run.push(c);
        used += w;
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, if run_marked { marked } else { base }));
    }
    let mut tail = String::new();
    if cut && cols > 0 {
        tail.push('…');
        used += 1;
    }
    tail.extend(std::iter::repeat_n(' ', cols.saturating_sub(used)));
    if !tail.is_empty() {
        spans.push(Span::styled(tail, base));
    }
    spans
}

/// A table column: a cell and one space after it, so a full cell never
/// runs into the next column.
pub fn spaced(mut cell: Vec<Span<'static>>) -> Vec<Span<'static>> {
    cell.push(Span::raw(" "));
    cell
}

/// A plain column with no highlights (with its trailing space).
pub fn col(text: &str, cols: usize, style: Style) -> Vec<Span<'static>> {
    spaced(plain(text, cols, style))
}

/// A plain cell with no highlights.
pub fn plain(text: &str, cols: usize, style: Style) -> Vec<Span<'static>> {
    cell(text, cols, &[], style, style)
}

/// A horizontal bar of `value / max` in `cols` columns, with eighth
/// blocks for the fraction.
pub fn bar(value: f64, max: f64, cols: usize) -> String {
    const EIGHTHS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
    let fraction = if max > 0.0 {
        (value / max).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let eighths = (fraction * cols as f64 * 8.0).round() as usize;
    let mut out: String = std::iter::repeat_n('█', eighths / 8).collect();
    if !eighths.is_multiple_of(8) {
        out.push(EIGHTHS[eighths % 8]);
    }
    let used = out.chars().count();
    out.extend(std::iter::repeat_n(' ', cols.saturating_sub(used)));
    out
}

/// A line with `keys` in the key style and `words` plain, for footers.
pub fn key_hint(app: &App, keys: &str, words: &str) -> [Span<'static>; 2] {
    [
        Span::styled(format!(" {keys}"), app.theme().key),
        Span::styled(format!(" {words} "), app.theme().base),
    ]
}
