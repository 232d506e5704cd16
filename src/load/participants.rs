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
use super::raw::{RawBuyer, RawSeller, RawWishes, Text};
use crate::model::{Buyer, DatedRange, Event, Seller};

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

/// What a side's raw participant says of itself; the checks and the
/// conversion around it are written once, in [`check_side`].
pub trait RawParticipant<'a>: Send {
    type Model: Send;
    /// The id as written, taken out (the model keeps it normalised).
    fn take_id(&mut self) -> Text<'a>;
    /// The id as written and the JSON wishes, taken out for the wish
    /// checks.
    fn id_and_wishes(&mut self) -> (&str, Option<RawWishes>);
    /// The fields the shared checks read, with the side's own texts and
    /// lists.
    fn common<'s>(&'s self, id: &'s str, raw_id: &'s str) -> Common<'s>;
    /// The participant, once every check passed.
    fn into_model(self, id: String, available: Vec<DatedRange>, default_max: u32) -> Self::Model;
    fn model_id(model: &Self::Model) -> &str;
}

/// Checks one side's participants (see [`check_all`]).
pub fn check_side<'a, R: RawParticipant<'a>>(
    file: &JsonFile,
    raw: Vec<Element<R>>,
    event: Option<&Event>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<R::Model> {
    let default_max = event.map_or(8, |e| e.default_max_meetings);
    check_all(file, raw, problems, R::model_id, |check, mut raw| {
        let (id, written) = split_id(raw.take_id());
        let raw_id = written.as_deref().unwrap_or(&id);
        let checked = check_common(check, event, &raw.common(&id, raw_id));
        match checked.available {
            Some(available) => Checked::passed(raw.into_model(id, available, default_max), written),
            None => Checked::failed(checked.id_comparable, id, written),
        }
    })
}

impl<'a> RawParticipant<'a> for RawSeller<'a> {
    type Model = Seller;

    fn take_id(&mut self) -> Text<'a> {
        std::mem::take(&mut self.id)
    }

    fn id_and_wishes(&mut self) -> (&str, Option<RawWishes>) {
        (&self.id, self.wishes.take())
    }

    fn common<'s>(&'s self, id: &'s str, raw_id: &'s str) -> Common<'s> {
        let mut own = vec![field("state", &self.state)];
        own.extend(texts("categories", &self.categories));
        own.extend(texts("keywords", &self.keywords));
        own.extend(texts("certifications", &self.certifications));
        Common {
            id,
            raw_id,
            company: &self.company,
            terms: ("categories", &self.categories),
            hs_codes: &self.hs_codes,
            languages: self.languages.as_deref(),
            available: self.available.as_deref(),
            texts: own,
            lists: vec![
                ("categories", self.categories.len()),
                ("keywords", self.keywords.len()),
                ("hs_codes", self.hs_codes.len()),
                ("certifications", self.certifications.len()),
            ],
        }
    }

    fn into_model(self, id: String, available: Vec<DatedRange>, default_max: u32) -> Seller {
        Seller {
            id,
            company: trimmed(self.company),
            state: self.state,
            categories: non_empty(self.categories),
            keywords: non_empty(self.keywords),
            hs_codes: self.hs_codes,
            certifications: self.certifications,
            languages: languages_or(self.languages, "en"),
            max_meetings: self.max_meetings.unwrap_or(default_max),
            available,
            // Filled in by `wishes` once both sides are read.
            wishes: Default::default(),
        }
    }

    fn model_id(model: &Seller) -> &str {
        &model.id
    }
}

impl<'a> RawParticipant<'a> for RawBuyer<'a> {
    type Model = Buyer;

    fn take_id(&mut self) -> Text<'a> {
        std::mem::take(&mut self.id)
    }

    fn id_and_wishes(&mut self) -> (&str, Option<RawWishes>) {
        (&self.id, self.wishes.take())
    }

    fn common<'s>(&'s self, id: &'s str, raw_id: &'s str) -> Common<'s> {
        let mut own = vec![
            field("company_zh", &self.company_zh),
            field("city", &self.city),
            field("buyer_type", &self.buyer_type),
        ];
        own.extend(texts("interests", &self.interests));
        own.extend(texts(
            "required_certifications",
            &self.required_certifications,
        ));
        Common {
            id,
            raw_id,
            company: &self.company,
            terms: ("interests", &self.interests),
            hs_codes: &self.hs_codes,
            languages: self.languages.as_deref(),
            available: self.available.as_deref(),
            texts: own,
            lists: vec![
                ("interests", self.interests.len()),
                ("hs_codes", self.hs_codes.len()),
                (
                    "required_certifications",
                    self.required_certifications.len(),
                ),
            ],
        }
    }

    fn into_model(self, id: String, available: Vec<DatedRange>, default_max: u32) -> Buyer {
        Buyer {
            id,
            company: trimmed(self.company),
            company_zh: trimmed(self.company_zh),
            city: self.city,
            buyer_type: self.buyer_type,
            interests: non_empty(self.interests),
            hs_codes: self.hs_codes,
            required_certifications: self.required_certifications,
            languages: languages_or(self.languages, "zh"),
            max_meetings: self.max_meetings.unwrap_or(default_max),
            available,
            // Filled in by `wishes` once both sides are read.
            wishes: Default::default(),
        }
    }

    fn model_id(model: &Buyer) -> &str {
        &model.id
    }
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
