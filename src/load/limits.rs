//! How big input may be, and how ids are normalised before they are
//! compared.
//!
//! Every limit is far above what a real summit needs and low enough that no
//! later step (matching, scheduling, export) can be made slow or
//! memory-hungry by one oversized field. The README's "Input limits" section
//! lists them; keep the two in step.

use unicode_normalization::UnicodeNormalization;

/// Largest input file read, in bytes. Checked before reading, so a device
/// such as /dev/zero or a huge file is refused without filling memory.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024 * 1024;
/// Participants in one of sellers.json or buyers.json (the benchmarks run
/// a million sellers).
pub const MAX_PARTICIPANTS: usize = 2_000_000;
/// Entries in one list field (categories, interests, keywords, hs_codes,
/// certifications, languages, available).
pub const MAX_LIST_ITEMS: usize = 200;
/// Days of one event.
pub const MAX_DAYS: usize = 366;
/// Breaks of one day.
pub const MAX_BREAKS: usize = 48;
/// Characters in a name: company, company_zh, the event's name and venue.
pub const MAX_NAME_CHARS: usize = 300;
/// Characters in an id and in every other text: a term, a certification,
/// a city, a state, a buyer type, a language, an HS code.
pub const MAX_TERM_CHARS: usize = 100;
/// The first and last years a date may fall in.
pub const YEARS: std::ops::RangeInclusive<i16> = 1970..=2199;

/// Which limit applies to a text field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    Name,
    Term,
}

impl FieldKind {
    pub fn max_chars(self) -> usize {
        match self {
            FieldKind::Name => MAX_NAME_CHARS,
            FieldKind::Term => MAX_TERM_CHARS,
        }
    }
}

/// The message for a text over its limit, or `None` when it fits. Counting
/// stops at the limit, so an enormous field costs no more than a short one.
pub fn too_long(text: &str, kind: FieldKind) -> Option<String> {
    let max = kind.max_chars();
    // No more bytes than the limit: no more characters either.
    if text.len() <= max {
        return None;
    }
    (text.chars().nth(max).is_some()).then(|| {
        format!(
            "too long: {} characters, at most {max} are allowed",
            text.chars().count()
        )
    })
}

/// The message for a list over its limit, or `None` when it fits.
pub fn too_many(len: usize, max: usize, what: &str) -> Option<String> {
    (len > max).then(|| format!("too many {what}: {len}, at most {max} are allowed"))
}

/// An id as it is compared and stored: NFKC-normalised (so a full-width
/// `Ｓ００１` is `S001`) with every Unicode space trimmed from both ends
/// (including no-break and ideographic spaces, which NFKC turns into plain
/// ones or leaves as spaces). Typed ids go through the same function, so
/// `" S001"` in a file and `S001` on the command line are one participant.
pub fn normalise_id(raw: &str) -> String {
    // Plain ASCII without padding is already in NFKC: the common case,
    // a million times per file, costs one copy.
    if raw.is_ascii() && raw.trim().len() == raw.len() {
        return raw.to_string();
    }
    let normalised: String = raw.trim().nfkc().collect();
    normalised.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_lose_every_kind_of_padding_and_width() {
        for padded in [
            " S001",
            "S001 ",
            "\u{a0}S001",
            "S001\u{3000}",
            "\tS001\n",
            "Ｓ００１",
        ] {
            assert_eq!(normalise_id(padded), "S001", "{padded:?}");
        }
        assert_eq!(normalise_id("S 001"), "S 001");
        assert_eq!(normalise_id("\u{3000}"), "");
    }

    #[test]
    fn limits_count_characters_not_bytes() {
        let chinese = "中".repeat(MAX_NAME_CHARS);
        assert_eq!(too_long(&chinese, FieldKind::Name), None);
        let over = "中".repeat(MAX_NAME_CHARS + 1);
        assert_eq!(
            too_long(&over, FieldKind::Name).as_deref(),
            Some("too long: 301 characters, at most 300 are allowed")
        );
        assert!(too_long(&"a".repeat(101), FieldKind::Term).is_some());
        assert_eq!(too_many(200, MAX_LIST_ITEMS, "entries"), None);
        assert!(too_many(201, MAX_LIST_ITEMS, "entries").is_some());
    }
}
