//! Text that reaches the terminal: sanitised and fitted to a width.
//!
//! Names and notes come from files and from the shared database, so they
//! are untrusted: a control character or a bidi override could move the
//! cursor, change colours or reorder what staff see. Everything drawn from
//! data goes through [`clean`] first. Widths are counted in terminal
//! columns with `unicode-width` (a Chinese character takes two), and text is
//! never cut in the middle of a character.

use std::borrow::Cow;

use unicode_width::UnicodeWidthChar;

/// Shown in place of a character that must not reach the terminal.
pub const REPLACEMENT: char = '\u{FFFD}';

/// True for characters that could steer the terminal or hide text: C0/C1
/// controls (ESC, BEL, CR...), every bidi control (marks, embeddings,
/// overrides, isolates), the line/paragraph separators, and characters that
/// draw nothing (zero-width spaces and joiners, word joiners, soft hyphens,
/// byte-order marks, variation selectors, fillers, tags), with which `S001`
/// and `S0\u{200B}01` look alike. The one rule: the loader refuses such
/// text in ids and every text field, and the desk and the CLI make it
/// visible.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{034F}'
                | '\u{061C}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{17B4}'
                | '\u{17B5}'
                | '\u{180B}'..='\u{180F}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}'
                | '\u{FFA0}'
                | '\u{FFF0}'..='\u{FFF8}'
                | '\u{E0000}'..='\u{E0FFF}'
        )
}

/// True when `s` holds any [`is_unsafe`] character.
pub fn has_unsafe(s: &str) -> bool {
    // Printable ASCII is never unsafe: the common case, checked bytewise.
    if s.bytes().all(|b| matches!(b, 0x20..=0x7e)) {
        return false;
    }
    s.chars().any(is_unsafe)
}

/// `s` with every unsafe character replaced: whitespace controls (tab,
/// newline) become a space so a note stays readable on one line, anything
/// else becomes U+FFFD so staff can see that something odd was there.
pub fn clean(s: &str) -> Cow<'_, str> {
    if !has_unsafe(s) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                '\t' | '\n' | '\r' => ' ',
                c if is_unsafe(c) => REPLACEMENT,
                c => c,
            })
            .collect(),
    )
}

/// Terminal columns taken by one (already clean) character.
pub fn char_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// Terminal columns taken by clean text.
pub fn width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// How many leading characters of clean text `s` fit in `max` columns,
/// and whether the text is cut. A cut keeps one column for the `…`, and a
/// wide character that would straddle the edge is dropped whole, never
/// halved. Every fitter (here and the desk's highlighted cells) uses it.
pub fn fitting(s: &str, max: usize) -> (usize, bool) {
    if width(s) <= max {
        return (s.chars().count(), false);
    }
    let room = max.saturating_sub(1);
    let mut used = 0;
    let mut kept = 0;
    for c in s.chars() {
        let w = char_width(c);
        if used + w > room {
            break;
        }
        used += w;
        kept += 1;
    }
    (kept, true)
}

/// `s` cleaned and cut to at most `max` columns. A cut text ends in `…`, so
/// the result may be one column narrower than `max` (see [`fitting`]).
pub fn fit(s: &str, max: usize) -> String {
    let s = clean(s);
    let (kept, cut) = fitting(&s, max);
    let mut out: String = s.chars().take(kept).collect();
    if cut && max > 0 {
        out.push('…');
    }
    out
}

/// `fit` and then padded with spaces to exactly `cols` columns, for table
/// cells laid out by hand.
pub fn cell(s: &str, cols: usize) -> String {
    let mut out = fit(s, cols);
    let used = width(&out);
    out.extend(std::iter::repeat_n(' ', cols.saturating_sub(used)));
    out
}

/// The slate's percentage of its bound for display: never "-0.0" (an
/// empty slate's score can be negative zero).
pub fn percent(slate: &crate::model::Slate) -> f64 {
    slate.percent_of_bound().max(0.0) + 0.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_never_pass() {
        assert_eq!(clean("plain"), Cow::Borrowed("plain"));
        assert_eq!(clean("a\x1b[31mb"), "a\u{FFFD}[31mb");
        assert_eq!(clean("line\nbreak\ttab"), "line break tab");
        assert_eq!(clean("x\u{202E}evil\u{7}"), "x\u{FFFD}evil\u{FFFD}");
        assert_eq!(clean("\u{9b}2J"), "\u{FFFD}2J");
    }

    #[test]
    fn chinese_counts_two_columns_and_is_never_halved() {
        assert_eq!(width("上海鲜链"), 8);
        assert_eq!(fit("上海鲜链贸易", 12), "上海鲜链贸易");
        // 7 columns: three characters (6) then no room for a fourth plus
        // the ellipsis, so "上海鲜…" (7 columns).
        assert_eq!(fit("上海鲜链贸易", 7), "上海鲜…");
        // 6 columns: two characters and the ellipsis, one column spare.
        assert_eq!(fit("上海鲜链贸易", 6), "上海…");
        assert_eq!(width(&cell("上海鲜链贸易", 6)), 6);
        assert_eq!(fit("abc", 0), "");
        assert_eq!(fit("abcdef", 4), "abc…");
    }

    #[test]
    fn cells_are_exactly_as_wide_as_asked() {
        for text in [
            "",
            "S001",
            "上海",
            "Columbia Ridge Orchards",
            "天津港晟国际贸易有限公司",
        ] {
            for cols in 0..20 {
                assert_eq!(width(&cell(text, cols)), cols, "{text:?} in {cols}");
            }
        }
    }
}
