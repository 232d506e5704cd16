//! Finding where a JSON path's value starts in the raw text, for placing
//! problems found after parsing (duplicate ids, times outside the event).

use std::collections::HashMap;

use serde::Deserialize;
use serde_json::value::RawValue;

use super::diagnostic::PathSeg;

/// The byte offset, inside `text`, of the value at `path`; where the path
/// goes missing, the offset of the deepest value found.
pub fn locate(text: &str, path: &[PathSeg]) -> usize {
    let start = text.as_ptr() as usize;
    let leading = text.len() - text.trim_start().len();
    let mut current: &str = &text[leading..];
    for seg in path {
        // Parse only the first value: `current` runs on to the end of the file.
        let mut de = serde_json::Deserializer::from_str(current);
        let next: Option<&RawValue> = match seg {
            PathSeg::Index(i) => Vec::<&RawValue>::deserialize(&mut de)
                .ok()
                .and_then(|items| items.get(*i).copied()),
            PathSeg::Key(k) => HashMap::<String, &RawValue>::deserialize(&mut de)
                .ok()
                .and_then(|map| map.get(k).copied()),
        };
        match next {
            Some(raw) => current = raw.get(),
            None => break,
        }
    }
    current.as_ptr() as usize - start
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locate_finds_nested_values() {
        let text = r#"{"a": [1, {"b": "x"}], "c": 2}"#;
        let path = [
            PathSeg::Key("a".into()),
            PathSeg::Index(1),
            PathSeg::Key("b".into()),
        ];
        assert_eq!(&text[locate(text, &path)..], r#""x"}], "c": 2}"#);
        // A missing step stops at the deepest value found.
        let missing = [PathSeg::Key("a".into()), PathSeg::Index(7)];
        assert_eq!(locate(text, &missing), text.find('[').unwrap());
    }
}
