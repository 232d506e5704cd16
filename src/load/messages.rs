//! Turning serde_json's messages into ones people can act on: what was
//! expected, what was found, and a hint.

/// serde_json appends " at line L column C"; the position is shown apart.
pub fn tidy_serde_message(err: &serde_json::Error) -> String {
    let text = err.to_string();
    let text = match text.rfind(" at line ") {
        Some(cut) => text[..cut].to_string(),
        None => text,
    };
    // serde_json meets a `\ud800` that no low surrogate follows as the end
    // of a hex escape; say what is really wrong.
    match text.as_str() {
        "unexpected end of hex escape"
        | "lone leading surrogate in hex escape"
        | "invalid unicode code point" => format!(
            "{text}: a lone UTF-16 surrogate escape (\\ud800 to \\udfff) is not a character; \
             write the character itself, or a complete pair such as \\ud83c\\udf4e"
        ),
        _ => text,
    }
}

pub fn syntax_hint(err: &serde_json::Error, what: &str) -> String {
    match err.classify() {
        serde_json::error::Category::Eof => {
            "the file ends too early: check for a missing `]` or `}`".to_string()
        }
        serde_json::error::Category::Data => {
            format!("the file must be `[ ... ]`, a list of {what}")
        }
        _ => "fix the JSON syntax here (a missing comma or quote is the usual cause)".to_string(),
    }
}

pub fn found_at_top(text: &str) -> String {
    match text.trim_start().chars().next() {
        Some('{') => "found an object".to_string(),
        Some('"') => "found a string".to_string(),
        Some(c) if c == '-' || c.is_ascii_digit() => "found a number".to_string(),
        Some(_) => "found something else".to_string(),
        None => "found an empty file".to_string(),
    }
}

/// Rewrites serde's "invalid type: string \"six\", expected u32" into
/// "expected a whole number (0 or more), found \"six\"".
pub fn explain_data_error(err: &serde_json::Error) -> (String, Option<String>) {
    let text = tidy_serde_message(err);
    let body = text
        .strip_prefix("invalid type: ")
        .or_else(|| text.strip_prefix("invalid value: "));
    if let Some(body) = body
        && let Some((found, expected)) = body.rsplit_once(", expected ")
    {
        let expected = friendly_expected(expected);
        let found = friendly_found(found);
        let hint = Some(format!("write {expected} here"));
        return (format!("expected {expected}, found {found}"), hint);
    }
    if let Some(field) = text.strip_prefix("missing field ") {
        return (
            format!("missing required field {field}"),
            Some(format!("add {field}; see the file format in README.md")),
        );
    }
    (text, None)
}

fn friendly_expected(expected: &str) -> String {
    match expected {
        "u8" | "u16" | "u32" | "u64" | "usize" => "an unsigned integer".to_string(),
        "i8" | "i16" | "i32" | "i64" | "isize" => "an integer".to_string(),
        "f32" | "f64" => "a number".to_string(),
        "a sequence" => "a list `[...]`".to_string(),
        "a boolean" => "true or false".to_string(),
        other if other.starts_with("struct ") => "an object `{...}`".to_string(),
        other => other.to_string(),
    }
}

fn friendly_found(found: &str) -> String {
    if let Some(s) = found.strip_prefix("string ") {
        return s.to_string();
    }
    for prefix in ["integer ", "floating point ", "boolean "] {
        if let Some(v) = found.strip_prefix(prefix) {
            return v.trim_matches('`').to_string();
        }
    }
    match found {
        "map" => "an object".to_string(),
        "sequence" => "a list".to_string(),
        "null" => "null".to_string(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lone_surrogate_is_named() {
        for text in [r#""\ud800""#, r#""\ud800x""#, r#""\udc00""#] {
            let err = serde_json::from_str::<String>(text).unwrap_err();
            let message = tidy_serde_message(&err);
            assert!(
                message.contains("lone UTF-16 surrogate"),
                "{text}: {message}"
            );
        }
    }

    #[test]
    fn type_errors_say_expected_and_found() {
        let err = serde_json::from_str::<u32>("\"six\"").unwrap_err();
        let (message, _) = explain_data_error(&err);
        assert_eq!(message, "expected an unsigned integer, found \"six\"");
        let err = serde_json::from_str::<u32>("-3").unwrap_err();
        assert_eq!(
            explain_data_error(&err).0,
            "expected an unsigned integer, found -3"
        );
    }
}
