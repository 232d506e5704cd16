//! The checks every participant gets, seller or buyer: text limits and
//! safety, list sizes, id, company, terms, HS codes, languages and
//! availability against the event.

use super::diagnostic::PathSeg;
use super::event::{Checker, key, parse_date, parse_time};
use super::limits::{FieldKind, MAX_LIST_ITEMS, too_long, too_many};
use super::raw::{RawAvailability, Text};
use crate::model::{DatedRange, Event};

/// Strings that would corrupt a terminal or a spreadsheet if shown, or
/// disguise what they say (see [`crate::text::is_unsafe`]).
pub fn has_unsafe_chars(text: &str) -> bool {
    crate::text::has_unsafe(text)
}

/// HS codes are 2 to 10 digits, optionally grouped with dots (`0809.29`).
pub fn is_hs_code(code: &str) -> bool {
    let digits = code.chars().filter(|c| c.is_ascii_digit()).count();
    (2..=10).contains(&digits)
        && code.chars().all(|c| c.is_ascii_digit() || c == '.')
        && !code.starts_with('.')
        && !code.ends_with('.')
        && !code.contains("..")
}

/// The fields every participant has, borrowed for the shared checks.
pub struct Common<'a> {
    /// The id normalised (see [`super::limits::normalise_id`]).
    pub id: &'a str,
    /// The id as written, for the text checks.
    pub raw_id: &'a str,
    pub company: &'a str,
    pub terms: (&'a str, &'a [String]),
    pub hs_codes: &'a [String],
    pub languages: Option<&'a [Text<'a>]>,
    pub available: Option<&'a [RawAvailability<'a>]>,
    /// The side's own text fields, checked after id and company and
    /// before the languages.
    pub texts: Vec<(TextAt, &'a str)>,
    /// The side's own list fields and their lengths, for the item limit
    /// (checked before languages and available).
    pub lists: Vec<(&'static str, usize)>,
}

impl<'a> Common<'a> {
    /// Every text field to check, in the order the file's fields are
    /// described: id, company, the side's own, languages.
    fn all_texts(&self) -> impl Iterator<Item = (TextAt, &'a str)> + '_ {
        let shared = [field("id", self.raw_id), field("company", self.company)];
        let languages = texts("languages", self.languages.unwrap_or_default());
        shared
            .into_iter()
            .chain(self.texts.iter().copied())
            .chain(languages)
    }

    /// Every list field and its length: the side's own, then languages and
    /// available.
    fn all_lists(&self) -> impl Iterator<Item = (&'static str, usize)> + '_ {
        let shared = [
            ("languages", self.languages.map_or(0, <[_]>::len)),
            ("available", self.available.map_or(0, <[_]>::len)),
        ];
        self.lists.iter().copied().chain(shared)
    }
}

/// Where a text field sits in its participant: `company`, `categories[2]`.
/// Kept as plain data and turned into a path only for a problem, so a
/// million sound participants allocate no paths.
#[derive(Debug, Clone, Copy)]
pub struct TextAt {
    field: &'static str,
    item: Option<usize>,
}

impl TextAt {
    fn path(self) -> Vec<PathSeg> {
        let mut path = vec![key(self.field)];
        path.extend(self.item.map(PathSeg::Index));
        path
    }
}

pub fn field<'a>(field: &'static str, value: &'a str) -> (TextAt, &'a str) {
    (TextAt { field, item: None }, value)
}

pub fn texts<'a, S: AsRef<str>>(
    field: &'static str,
    values: &'a [S],
) -> impl Iterator<Item = (TextAt, &'a str)> + 'a {
    values.iter().enumerate().map(move |(i, v)| {
        let at = TextAt {
            field,
            item: Some(i),
        };
        (at, v.as_ref())
    })
}

/// What the shared checks found: the participant's availability when every
/// check passed, and whether its id can be compared for duplicates.
pub struct CommonChecked {
    pub available: Option<Vec<DatedRange>>,
    pub id_comparable: bool,
}

pub fn check_common(check: &mut Checker, event: Option<&Event>, common: &Common) -> CommonChecked {
    let mut ok = true;
    for (field, len) in common.all_lists() {
        if let Some(message) = too_many(len, MAX_LIST_ITEMS, "entries") {
            check.error(
                &[key(field), PathSeg::Index(MAX_LIST_ITEMS)],
                message,
                "keep the most useful entries; see \"Input limits\" in README.md",
            );
            ok = false;
        }
    }
    let mut id_ok = true;
    for (at, text) in common.all_texts() {
        let is_id = at.field == "id";
        let kind = match at.field {
            "company" | "company_zh" => FieldKind::Name,
            _ => FieldKind::Term,
        };
        if let Some(message) = too_long(text, kind) {
            check.error(
                &at.path(),
                message,
                "shorten it; see \"Input limits\" in README.md",
            );
            ok = false;
            id_ok &= !is_id;
        } else if has_unsafe_chars(text) {
            check.error(
                &at.path(),
                format!(
                    "contains a control character, escape sequence or invisible character: {text:?}"
                ),
                "remove the invisible characters (often pasted from a terminal or a document)",
            );
            ok = false;
            id_ok &= !is_id;
        }
    }
    // An id that is too long or unsafe is reported above, not compared;
    // duplicates are found once every participant is checked.
    let id_comparable = id_ok && !common.id.is_empty();
    if id_ok && common.id.is_empty() {
        check.error(
            &[key("id")],
            "the id is empty",
            "give every participant a unique id such as S001",
        );
        ok = false;
    }
    if common.company.trim().is_empty() {
        check.error(
            &[key("company")],
            "the company name is empty",
            "fill in the company name",
        );
        ok = false;
    }
    let (terms_field, terms) = common.terms;
    let has_terms = terms.iter().any(|t| !t.trim().is_empty());
    if !has_terms && common.hs_codes.is_empty() {
        check.error(
            &[],
            format!("neither {terms_field} nor hs_codes are given"),
            format!(
                "add at least one of {terms_field} or hs_codes so the participant can be matched"
            ),
        );
        ok = false;
    }
    for (i, term) in terms.iter().enumerate() {
        if term.trim().is_empty() {
            check.warning(
                &[key(terms_field), PathSeg::Index(i)],
                "empty entry is ignored",
                "remove the empty string",
            );
        }
    }
    for (i, code) in common.hs_codes.iter().enumerate() {
        if !is_hs_code(code) {
            check.error(
                &[key("hs_codes"), PathSeg::Index(i)],
                format!("expected an HS code of 2 to 10 digits, found \"{code}\""),
                "write HS codes like 08, 0809 or 0809.29",
            );
            ok = false;
        }
    }
    if let Some(languages) = common.languages {
        for (i, lang) in languages.iter().enumerate() {
            let valid =
                (2..=3).contains(&lang.len()) && lang.chars().all(|c| c.is_ascii_alphabetic());
            if !valid {
                check.warning(
                    &[key("languages"), PathSeg::Index(i)],
                    format!("expected a language code like en or zh, found \"{lang}\""),
                    "use ISO 639-1 codes: en, zh, es, ja, ko ...",
                );
            }
        }
    }
    let mut ranges = Vec::new();
    for (i, raw) in common.available.unwrap_or_default().iter().enumerate() {
        let path = [key("available"), PathSeg::Index(i)];
        match check_availability(check, &path, raw, event) {
            Some(range) => ranges.push(range),
            None => ok = false,
        }
    }
    CommonChecked {
        available: ok.then_some(ranges),
        id_comparable,
    }
}

pub fn check_availability(
    check: &mut Checker,
    path: &[PathSeg],
    raw: &RawAvailability,
    event: Option<&Event>,
) -> Option<DatedRange> {
    let at = |field: &str| [path, &[key(field)]].concat();
    // Paths are built only for a problem: most ranges have none.
    let date = parse_date(&raw.date).or_else(|| check.date(&at("date"), &raw.date));
    let from = parse_time(&raw.from).or_else(|| check.time(&at("from"), &raw.from));
    let to = parse_time(&raw.to).or_else(|| check.time(&at("to"), &raw.to));
    let (date, from, to) = (date?, from?, to?);
    if to <= from {
        check.error(
            path,
            format!(
                "available until {} before it starts at {}",
                raw.to, raw.from
            ),
            "`to` must be later than `from`",
        );
        return None;
    }
    // Without a valid event the range cannot be checked against it; the
    // event's own errors are reported already.
    let Some(event) = event else {
        return Some(DatedRange { date, from, to });
    };
    let Some(day) = event.days.iter().find(|d| d.date == date) else {
        let dates: Vec<String> = event.days.iter().map(|d| d.date.to_string()).collect();
        check.error(
            &at("date"),
            format!("{date} is not a day of the event"),
            format!("the event's days are {}", dates.join(", ")),
        );
        return None;
    };
    if from < day.start || to > day.end {
        check.error(
            path,
            format!(
                "availability {}-{} on {date} is outside the event's hours {}-{}",
                raw.from,
                raw.to,
                day.start.strftime("%H:%M"),
                day.end.strftime("%H:%M")
            ),
            "keep availability within the day's opening hours",
        );
        return None;
    }
    Some(DatedRange { date, from, to })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hs_codes_accept_dotted_and_plain_forms() {
        for good in [
            "08",
            "0809",
            "0809.29",
            "080929",
            "2204.21.50",
            "1234567890",
        ] {
            assert!(is_hs_code(good), "{good}");
        }
        for bad in ["8", "08x", ".08", "0809.", "08..09", "12345678901", ""] {
            assert!(!is_hs_code(bad), "{bad}");
        }
    }

    #[test]
    fn escape_sequences_and_bidi_overrides_are_unsafe() {
        assert!(has_unsafe_chars("Acme\u{1b}[31m"));
        assert!(has_unsafe_chars("line\nbreak"));
        assert!(has_unsafe_chars("abc\u{202E}cba"));
        assert!(!has_unsafe_chars("上海鲜链贸易有限公司 & Co."));
        for invisible in [
            "\u{200b}",
            "\u{200d}",
            "\u{2060}",
            "\u{feff}",
            "\u{200f}",
            "\u{e0041}",
        ] {
            assert!(
                has_unsafe_chars(&format!("S0{invisible}01")),
                "{invisible:?}"
            );
        }
        assert!(!has_unsafe_chars("Ｓ００１ \u{3000}\u{a0}é"));
    }
}
