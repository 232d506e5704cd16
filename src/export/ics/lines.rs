//! Content lines of an iCalendar file (RFC 5545 §3.1 and §3.3.11): one
//! line written, text values cleaned and escaped, and long lines folded.

/// Appends one unfolded content line.
pub(super) fn line(text: &mut String, key: &str, params: &str, value: &str) {
    text.push_str(key);
    text.push_str(params);
    text.push(':');
    text.push_str(value);
    text.push_str("\r\n");
}

/// RFC 5545 §3.3.11 TEXT escaping, as icalendar does it, in one pass.
pub(super) fn escape_text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

/// A TEXT property: `value` cleaned of control characters and escaped.
pub(super) fn text_line(text: &mut String, key: &str, value: &str) {
    line(text, key, "", &escape_text(&clean_text(value)));
}

/// Text values may not hold control characters other than tab (RFC 5545
/// §3.3.11); icalendar escapes `\n` but would write a bare `\r` as is, which
/// breaks the line structure. Line breaks become `\n`, other controls spaces.
pub(super) fn clean_text(text: &str) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .map(|c| match c {
            '\r' => '\n',
            '\n' | '\t' => c,
            c if c.is_control() => ' ',
            c => c,
        })
        .collect()
}

/// Folds content lines so none is longer than 75 octets (RFC 5545 §3.1), in
/// time linear in the text: each fold looks at most a few characters back.
///
/// A continuation starts with one space, which counts toward the 75, and a
/// fold never splits a UTF-8 character. Any folds already in `text` are
/// undone first; that is exact because content lines never start with a
/// space, and values cannot contain a line break (`escape_text` writes `\n`
/// and `clean_text` removes `\r`).
pub(super) fn refold(text: &str) -> String {
    const FIRST: usize = 75;
    const CONTINUATION: usize = FIRST - 1;
    let unfolded = text.replace("\r\n ", "");
    let mut out = String::with_capacity(unfolded.len() + unfolded.len() / 24);
    for line in unfolded.split_terminator("\r\n") {
        let mut rest = line;
        let mut limit = FIRST;
        while rest.len() > limit {
            // The longest prefix within the limit that ends on a character
            // boundary (a character is at most 4 bytes, so it is never
            // empty), preferring not to start the continuation with a space:
            // some readers wrongly strip all leading white space when
            // unfolding, which would glue two words together.
            let cuts = || {
                (1..=limit)
                    .rev()
                    .filter_map(|cut| rest.split_at_checked(cut))
            };
            let Some((head, tail)) = cuts()
                .take(8)
                .find(|(_, tail)| !tail.starts_with([' ', '\t']))
                .or_else(|| cuts().next())
            else {
                break;
            };
            out.push_str(head);
            out.push_str("\r\n ");
            rest = tail;
            limit = CONTINUATION;
        }
        out.push_str(rest);
        out.push_str("\r\n");
    }
    out
}
