//! Reading a summit folder (`event.json`, `sellers.json`, `buyers.json`) into
//! a validated [`Summit`], reporting every problem in one pass.
//!
//! Loading never changes an input file and never panics on bad input: each
//! problem becomes a [`Diagnostic`] with file, line, column, JSON path and a
//! hint. Errors stop a run; warnings (unknown fields, unused minutes) do not.

mod check;
mod common;
pub mod diagnostic;
mod event;
mod fields;
pub mod json;
pub mod limits;
mod locate;
mod messages;
mod parse;
mod participants;
mod raw;
mod read;
pub mod wishes;
mod wishes_csv;
mod wishes_merge;

use std::path::Path;

pub use common::{has_unsafe_chars, is_hs_code};
pub use diagnostic::{Diagnostic, PathSeg, Position, Severity};
pub use event::{expand_slots, parse_date, parse_time};
pub use limits::normalise_id;

use crate::model::{Side, Summit};
use json::JsonFile;
use participants::RawParticipant;
use raw::{RawBuyer, RawEvent, RawSeller};

pub const EVENT_FILE: &str = "event.json";
pub const SELLERS_FILE: &str = "sellers.json";
pub const BUYERS_FILE: &str = "buyers.json";

/// What loading a folder found: the summit when there were no errors, and
/// every problem (errors and warnings) in file order.
#[derive(Debug)]
pub struct Loaded {
    pub summit: Option<Summit>,
    pub problems: Vec<Diagnostic>,
    /// Where each seller and buyer starts in its file, for placing later
    /// problems (unmapped terms) without parsing the files again.
    pub offsets: Offsets,
}

/// Byte offsets of the elements of sellers.json and buyers.json, by
/// element index (with a summit, the participant's index).
#[derive(Debug, Default)]
pub struct Offsets {
    pub sellers: Vec<usize>,
    pub buyers: Vec<usize>,
}

impl Loaded {
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.problems.iter().filter(|p| p.is_error())
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.problems.iter().filter(|p| !p.is_error())
    }
}

/// Loads and checks the summit in `dir`.
pub fn load_summit(dir: &Path) -> Loaded {
    let mut problems = Vec::new();
    if !dir.is_dir() {
        problems.push(Diagnostic::file_error(
            dir,
            "summit folder not found",
            "pass --data DIR with a folder holding event.json, sellers.json and buyers.json",
        ));
        return Loaded {
            summit: None,
            problems,
            offsets: Offsets::default(),
        };
    }
    let mut max_wishes = wishes::DEFAULT_MAX_WISHES;
    let event = read(&dir.join(EVENT_FILE), &mut problems).and_then(|file| {
        let raw: RawEvent = file.parse_value(&fields::event_fields(), &mut problems)?;
        max_wishes = raw.max_wishes.unwrap_or(max_wishes);
        event::check_event(&file, raw, &mut problems)
    });
    let seller_file = read(&dir.join(SELLERS_FILE), &mut problems);
    let buyer_file = read(&dir.join(BUYERS_FILE), &mut problems);
    let mut seller_raw = (seller_file.as_ref()).map(|file| {
        file.parse_array::<RawSeller>("sellers", &fields::seller_fields(), &mut problems)
    });
    let mut buyer_raw = (buyer_file.as_ref())
        .map(|file| file.parse_array::<RawBuyer>("buyers", &fields::buyer_fields(), &mut problems));
    let offsets = Offsets {
        sellers: (seller_raw.iter().flatten()).map(|e| e.offset).collect(),
        buyers: (buyer_raw.iter().flatten()).map(|e| e.offset).collect(),
    };
    // Wishes are checked against every id of both sides: gathered only
    // when some wish is written (a million ids copied for nothing else).
    let any_wishes = wishes::csv_present(dir)
        || (seller_raw.iter().flatten()).any(|e| e.value.wishes.is_some())
        || (buyer_raw.iter().flatten()).any(|e| e.value.wishes.is_some());
    let seller_wishes = any_wishes
        .then(|| take_wishes(seller_file.as_ref(), seller_raw.as_mut(), Side::Seller))
        .flatten();
    let buyer_wishes = any_wishes
        .then(|| take_wishes(buyer_file.as_ref(), buyer_raw.as_mut(), Side::Buyer))
        .flatten();
    let mut sellers = (seller_file.as_ref().zip(seller_raw))
        .map(|(file, raw)| participants::check_side(file, raw, event.as_ref(), &mut problems));
    let mut buyers = (buyer_file.as_ref().zip(buyer_raw))
        .map(|(file, raw)| participants::check_side(file, raw, event.as_ref(), &mut problems));
    if let (Some(from_sellers), Some(from_buyers)) = (seller_wishes, buyer_wishes) {
        let mut checked =
            wishes::check_wishes(dir, from_sellers, from_buyers, max_wishes, &mut problems);
        for seller in sellers.iter_mut().flatten() {
            seller.wishes = checked.sellers.remove(&seller.id).unwrap_or_default();
        }
        for buyer in buyers.iter_mut().flatten() {
            buyer.wishes = checked.buyers.remove(&buyer.id).unwrap_or_default();
        }
    }
    // Checks run per file in passes (shape, then meaning); show each file's
    // problems in reading order. The sort is stable, so file order stays.
    let file_rank = |p: &Diagnostic| {
        [EVENT_FILE, SELLERS_FILE, BUYERS_FILE, wishes::WISHES_FILE]
            .iter()
            .position(|name| p.file.file_name().is_some_and(|f| f == *name))
    };
    problems.sort_by_key(|p| (file_rank(p), p.position));
    let has_errors = problems.iter().any(Diagnostic::is_error);
    let summit = match (event, sellers, buyers) {
        (Some(event), Some(sellers), Some(buyers)) if !has_errors => {
            let slots = expand_slots(&event);
            Some(Summit {
                event,
                slots,
                sellers,
                buyers,
            })
        }
        _ => None,
    };
    Loaded {
        summit,
        problems,
        offsets,
    }
}

/// One side's JSON wishes taken out of its parsed elements, when the file
/// was read.
fn take_wishes<'f, 'a, R: RawParticipant<'a>>(
    file: Option<&'f JsonFile>,
    raw: Option<&mut Vec<json::Element<R>>>,
    side: Side,
) -> Option<wishes::SideWishes<'f>> {
    Some(wishes::take_side(file?, side, raw?))
}

fn read(path: &Path, problems: &mut Vec<Diagnostic>) -> Option<JsonFile> {
    JsonFile::read(path).map_err(|p| problems.push(p)).ok()
}
