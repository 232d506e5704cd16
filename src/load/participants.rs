//! Checking sellers and buyers beyond their JSON shape.

use std::collections::HashMap;

use foldhash::fast::RandomState;

use super::diagnostic::{Diagnostic, PathSeg};
use super::event::{Checker, key};
use super::json::{Element, JsonFile};
use super::limits::{FieldKind, MAX_LIST_ITEMS, normalise_id, too_long, too_many};
use super::raw::{RawAvailability, RawBuyer, RawSeller};
use crate::model::{Buyer, DatedRange, Event, Seller};

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
struct Common<'a> {
    /// The id as written, and normalised (see [`normalise_id`]).
    raw_id: &'a str,
    id: &'a str,
    company: &'a str,
    terms: (&'a str, &'a [String]),
    hs_codes: &'a [String],
    languages: Option<&'a [String]>,
    available: Option<&'a [RawAvailability]>,
    texts: Vec<(TextAt, &'a str)>,
    /// Every list field and its length, for the item limit.
    lists: Vec<(&'static str, usize)>,
}

/// Where a text field sits in its participant: `company`, `categories[2]`.
/// Kept as plain data and turned into a path only for a problem, so a
/// million sound participants allocate no paths.
#[derive(Debug, Clone, Copy)]
struct TextAt {
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

fn field<'a>(field: &'static str, value: &'a str) -> (TextAt, &'a str) {
    (TextAt { field, item: None }, value)
}

fn texts<'a>(
    field: &'static str,
    values: &'a [String],
) -> impl Iterator<Item = (TextAt, &'a str)> + 'a {
    values.iter().enumerate().map(move |(i, v)| {
        let at = TextAt {
            field,
            item: Some(i),
        };
        (at, v.as_str())
    })
}

/// Where each id was first seen, to name both places of a duplicate: the
/// start of its participant, where the id is found again only when a
/// duplicate needs naming.
#[derive(Default)]
struct Seen {
    first_base: HashMap<String, usize, RandomState>,
}

/// Runs `one` on every parsed element with a checker placed at it, keeping
/// the participants that pass.
fn check_all<R, T>(
    file: &JsonFile,
    raw: Vec<Element<R>>,
    problems: &mut Vec<Diagnostic>,
    mut one: impl FnMut(&mut Checker, &mut Seen, R) -> Option<T>,
) -> Vec<T> {
    let mut seen = Seen::default();
    let mut out = Vec::with_capacity(raw.len());
    for element in raw {
        let mut check = Checker {
            file,
            base: element.offset,
            prefix: vec![PathSeg::Index(element.index)],
            problems,
        };
        if let Some(participant) = one(&mut check, &mut seen, element.value) {
            out.push(participant);
        }
    }
    out
}

fn check_common(
    check: &mut Checker,
    event: Option<&Event>,
    seen: &mut Seen,
    common: &Common,
) -> Option<Vec<DatedRange>> {
    let mut ok = true;
    for &(field, len) in &common.lists {
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
    for &(at, text) in &common.texts {
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
    if !id_ok {
        // An id that is too long or unsafe is reported above, not compared.
    } else if common.id.is_empty() {
        check.error(
            &[key("id")],
            "the id is empty",
            "give every participant a unique id such as S001",
        );
        ok = false;
    } else if let Some(&first_base) = seen.first_base.get(common.id) {
        let first = first_base + super::json::locate(&check.file.text[first_base..], &[key("id")]);
        let where_first = check.file.place(first);
        let written = if common.raw_id == common.id {
            String::new()
        } else {
            format!(" (written {:?})", common.raw_id)
        };
        check.error(
            &[key("id")],
            format!(
                "duplicate id \"{}\"{written}: also used at {where_first}",
                common.id
            ),
            "ids must be unique; rename one of the two",
        );
        ok = false;
    } else {
        seen.first_base.insert(common.id.to_string(), check.base);
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
    ok.then_some(ranges)
}

fn check_availability(
    check: &mut Checker,
    path: &[PathSeg],
    raw: &RawAvailability,
    event: Option<&Event>,
) -> Option<DatedRange> {
    let at = |field: &str| [path, &[key(field)]].concat();
    let date = check.date(&at("date"), &raw.date);
    let from = check.time(&at("from"), &raw.from);
    let to = check.time(&at("to"), &raw.to);
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

fn languages_or(languages: Option<Vec<String>>, default: &str) -> Vec<String> {
    match languages {
        Some(list) if !list.is_empty() => {
            list.into_iter().map(|l| l.trim().to_lowercase()).collect()
        }
        _ => vec![default.to_string()],
    }
}

pub fn check_sellers(
    file: &JsonFile,
    raw: Vec<Element<RawSeller>>,
    event: Option<&Event>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Seller> {
    let default_max = event.map_or(8, |e| e.default_max_meetings);
    check_all(file, raw, problems, |check, seen, s| {
        let mut all_texts = vec![
            field("id", &s.id),
            field("company", &s.company),
            field("state", &s.state),
        ];
        all_texts.extend(texts("categories", &s.categories));
        all_texts.extend(texts("keywords", &s.keywords));
        all_texts.extend(texts("certifications", &s.certifications));
        if let Some(langs) = &s.languages {
            all_texts.extend(texts("languages", langs));
        }
        let id = normalise_id(&s.id);
        let common = Common {
            raw_id: &s.id,
            id: &id,
            company: &s.company,
            terms: ("categories", &s.categories),
            hs_codes: &s.hs_codes,
            languages: s.languages.as_deref(),
            available: s.available.as_deref(),
            texts: all_texts,
            lists: vec![
                ("categories", s.categories.len()),
                ("keywords", s.keywords.len()),
                ("hs_codes", s.hs_codes.len()),
                ("certifications", s.certifications.len()),
                ("languages", s.languages.as_ref().map_or(0, Vec::len)),
                ("available", s.available.as_ref().map_or(0, Vec::len)),
            ],
        };
        let available = check_common(check, event, seen, &common)?;
        Some(Seller {
            id,
            company: s.company.trim().to_string(),
            state: s.state,
            categories: non_empty(s.categories),
            keywords: non_empty(s.keywords),
            hs_codes: s.hs_codes,
            certifications: s.certifications,
            languages: languages_or(s.languages, "en"),
            max_meetings: s.max_meetings.unwrap_or(default_max),
            available,
            // Filled in by `wishes` once both sides are read.
            wishes: Default::default(),
        })
    })
}

pub fn check_buyers(
    file: &JsonFile,
    raw: Vec<Element<RawBuyer>>,
    event: Option<&Event>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Buyer> {
    let default_max = event.map_or(8, |e| e.default_max_meetings);
    check_all(file, raw, problems, |check, seen, b| {
        let mut all_texts = vec![
            field("id", &b.id),
            field("company", &b.company),
            field("company_zh", &b.company_zh),
            field("city", &b.city),
            field("buyer_type", &b.buyer_type),
        ];
        all_texts.extend(texts("interests", &b.interests));
        all_texts.extend(texts("required_certifications", &b.required_certifications));
        if let Some(langs) = &b.languages {
            all_texts.extend(texts("languages", langs));
        }
        let id = normalise_id(&b.id);
        let common = Common {
            raw_id: &b.id,
            id: &id,
            company: &b.company,
            terms: ("interests", &b.interests),
            hs_codes: &b.hs_codes,
            languages: b.languages.as_deref(),
            available: b.available.as_deref(),
            texts: all_texts,
            lists: vec![
                ("interests", b.interests.len()),
                ("hs_codes", b.hs_codes.len()),
                ("required_certifications", b.required_certifications.len()),
                ("languages", b.languages.as_ref().map_or(0, Vec::len)),
                ("available", b.available.as_ref().map_or(0, Vec::len)),
            ],
        };
        let available = check_common(check, event, seen, &common)?;
        Some(Buyer {
            id,
            company: b.company.trim().to_string(),
            company_zh: b.company_zh.trim().to_string(),
            city: b.city,
            buyer_type: b.buyer_type,
            interests: non_empty(b.interests),
            hs_codes: b.hs_codes,
            required_certifications: b.required_certifications,
            languages: languages_or(b.languages, "zh"),
            max_meetings: b.max_meetings.unwrap_or(default_max),
            available,
            // Filled in by `wishes` once both sides are read.
            wishes: Default::default(),
        })
    })
}

fn non_empty(list: Vec<String>) -> Vec<String> {
    list.into_iter().filter(|s| !s.trim().is_empty()).collect()
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
