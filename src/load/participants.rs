//! Checking sellers and buyers beyond their JSON shape: each participant
//! on its own (in parallel, see [`super::common`]), then ids against each
//! other.

use std::collections::HashMap;

use foldhash::fast::RandomState;
use rayon::prelude::*;

use super::common::{Common, check_common, field, texts};
use super::diagnostic::{Diagnostic, PathSeg};
use super::event::{Checker, key};
use super::json::{Element, JsonFile};
use super::limits::normalise_id;
use super::raw::{RawBuyer, RawSeller, Text};
use crate::model::{Buyer, Event, Seller};

/// One participant checked on its own.
struct Checked<T> {
    /// The participant, when every check passed.
    participant: Option<T>,
    /// Its normalised id when the participant failed other checks but the
    /// id can still be compared with the others'.
    failed_id: Option<String>,
    /// The id as written, when normalising changed it.
    written: Option<String>,
}

impl<T> Checked<T> {
    fn passed(participant: T, written: Option<String>) -> Checked<T> {
        Checked {
            participant: Some(participant),
            failed_id: None,
            written,
        }
    }

    /// A participant that failed a check: its id still takes part in the
    /// duplicate check when it could be read.
    fn failed(id_comparable: bool, id: String, written: Option<String>) -> Checked<T> {
        Checked {
            participant: None,
            failed_id: id_comparable.then_some(id),
            written,
        }
    }
}

/// The id normalised, and as written when that differs (the common case, a
/// clean id, makes one string).
fn split_id(raw: Text) -> (String, Option<String>) {
    let id = normalise_id(&raw);
    if id == *raw {
        (id, None)
    } else {
        (id, Some(raw.0.into_owned()))
    }
}

/// Runs `one` on every parsed element (in parallel) with a checker placed
/// at it, then finds duplicate ids in file order: the first place an id is
/// seen keeps it, a later one is an error naming both places. Keeps the
/// participants that pass.
fn check_all<R: Send, T: Send>(
    file: &JsonFile,
    raw: Vec<Element<R>>,
    problems: &mut Vec<Diagnostic>,
    id_of: impl Fn(&T) -> &str,
    one: impl Fn(&mut Checker, R) -> Checked<T> + Sync,
) -> Vec<T> {
    let checked: Vec<(usize, usize, Checked<T>, Vec<Diagnostic>)> = raw
        .into_par_iter()
        .map(|element| {
            let mut own = Vec::new();
            let mut check = Checker {
                file,
                base: element.offset,
                prefix: vec![PathSeg::Index(element.index)],
                problems: &mut own,
            };
            let result = one(&mut check, element.value);
            (element.index, element.offset, result, own)
        })
        .collect();
    // For each participant whose id was seen before: where it was first.
    let mut first_seen: Vec<Option<usize>> = vec![None; checked.len()];
    {
        let mut first: HashMap<&str, usize, RandomState> =
            HashMap::with_capacity_and_hasher(checked.len(), RandomState::default());
        for (k, (_, base, result, _)) in checked.iter().enumerate() {
            let id = match (&result.participant, &result.failed_id) {
                (Some(participant), _) => id_of(participant),
                (None, Some(id)) => id.as_str(),
                (None, None) => continue,
            };
            match first.get(id) {
                Some(&first_base) => first_seen[k] = Some(first_base),
                None => {
                    first.insert(id, *base);
                }
            }
        }
    }
    let mut out = Vec::with_capacity(checked.len());
    for ((index, base, result, own), first_base) in checked.into_iter().zip(first_seen) {
        problems.extend(own);
        let Some(first_base) = first_base else {
            out.extend(result.participant);
            continue;
        };
        let id = match (&result.participant, &result.failed_id) {
            (Some(participant), _) => id_of(participant),
            (_, failed) => failed.as_deref().unwrap_or_default(),
        };
        let first = first_base + super::json::locate(&file.text[first_base..], &[key("id")]);
        let written = match &result.written {
            Some(raw) => format!(" (written {raw:?})"),
            None => String::new(),
        };
        let mut check = Checker {
            file,
            base,
            prefix: vec![PathSeg::Index(index)],
            problems,
        };
        check.error(
            &[key("id")],
            format!(
                "duplicate id \"{id}\"{written}: also used at {}",
                file.place(first)
            ),
            "ids must be unique; rename one of the two",
        );
    }
    out
}

fn languages_or(languages: Option<Vec<Text>>, default: &str) -> Vec<String> {
    match languages {
        Some(list) if !list.is_empty() => list.into_iter().map(lower_trimmed).collect(),
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
    check_all(
        file,
        raw,
        problems,
        |p: &Seller| &p.id,
        |check, s| {
            let (id, written) = split_id(s.id);
            let raw_id = written.as_deref().unwrap_or(&id);
            let mut all_texts = vec![
                field("id", raw_id),
                field("company", &s.company),
                field("state", &s.state),
            ];
            all_texts.extend(texts("categories", &s.categories));
            all_texts.extend(texts("keywords", &s.keywords));
            all_texts.extend(texts("certifications", &s.certifications));
            if let Some(langs) = &s.languages {
                all_texts.extend(texts("languages", langs));
            }
            let common = Common {
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
            let checked = check_common(check, event, &common);
            let Some(available) = checked.available else {
                return Checked::failed(checked.id_comparable, id, written);
            };
            let seller = Seller {
                id,
                company: trimmed(s.company),
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
            };
            Checked::passed(seller, written)
        },
    )
}

pub fn check_buyers(
    file: &JsonFile,
    raw: Vec<Element<RawBuyer>>,
    event: Option<&Event>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Buyer> {
    let default_max = event.map_or(8, |e| e.default_max_meetings);
    check_all(
        file,
        raw,
        problems,
        |p: &Buyer| &p.id,
        |check, b| {
            let (id, written) = split_id(b.id);
            let raw_id = written.as_deref().unwrap_or(&id);
            let mut all_texts = vec![
                field("id", raw_id),
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
            let common = Common {
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
            let checked = check_common(check, event, &common);
            let Some(available) = checked.available else {
                return Checked::failed(checked.id_comparable, id, written);
            };
            let buyer = Buyer {
                id,
                company: trimmed(b.company),
                company_zh: trimmed(b.company_zh),
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
            };
            Checked::passed(buyer, written)
        },
    )
}

fn non_empty(list: Vec<String>) -> Vec<String> {
    list.into_iter().filter(|s| !s.trim().is_empty()).collect()
}

/// `text` without surrounding whitespace.
fn trimmed(text: Text) -> String {
    text.trim().to_string()
}

/// A language code trimmed and in lower case (copied once).
fn lower_trimmed(code: Text) -> String {
    let clean = code
        .bytes()
        .all(|b| b.is_ascii_graphic() && !b.is_ascii_uppercase());
    if clean {
        code.0.into_owned()
    } else {
        code.trim().to_lowercase()
    }
}
