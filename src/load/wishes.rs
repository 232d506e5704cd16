//! Participants' wishes: the `wishes` object on sellers and buyers, merged
//! with the optional `wishes.csv`, checked and capped at `max_wishes`.
//!
//! Every wish keeps where it was written, so each problem names its place
//! (JSON: file, line, column and path; CSV: file, line, column and column
//! name) and a conflict names both places. The checks: the named id exists
//! (else a "did you mean"), is on the other side, is not the participant
//! itself, is not listed twice, and is not in both `meet` and `avoid`.
//! `meet` ranks order the list (gaps close up: ranks 1, 3, 7 become the 1st,
//! 2nd and 3rd choice); past `max_wishes` the rest are ignored with a warning.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::diagnostic::{Diagnostic, PathSeg, Position, Severity};
use super::json::{Element, JsonFile, locate};
use super::participants::RawParticipant;
use super::wishes_csv;
use super::wishes_merge::merge;
use crate::model::{Side, Wishes};

pub const WISHES_FILE: &str = "wishes.csv";
/// The longest `meet` list honoured when the event does not say.
pub const DEFAULT_MAX_WISHES: u32 = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WishKind {
    /// Wants to meet; the rank as written (1 is the most wanted).
    Meet(u32),
    Avoid,
}

/// Where a wish was written.
#[derive(Debug, Clone)]
pub enum Origin {
    /// The value at `path` (from the top of `side`'s file) in the element
    /// starting at byte `base`.
    Json {
        side: Side,
        base: usize,
        path: Vec<PathSeg>,
    },
    Csv {
        position: Position,
        column: &'static str,
    },
}

/// One wish as written, before its ids are checked.
#[derive(Debug, Clone)]
pub struct Written {
    pub from: String,
    pub from_origin: Origin,
    pub to: String,
    pub kind: WishKind,
    pub origin: Origin,
}

/// One side's file with its participants' ids (in file order) and their
/// JSON wishes, taken out of the raw elements before the other checks.
pub struct SideWishes<'a> {
    pub file: &'a JsonFile,
    pub ids: Vec<String>,
    pub written: Vec<Written>,
}

/// Whether `dir` has a wishes.csv, or something there that reading would
/// report (anything but "not found").
pub fn csv_present(dir: &Path) -> bool {
    match std::fs::metadata(dir.join(WISHES_FILE)) {
        Ok(_) => true,
        Err(err) => err.kind() != std::io::ErrorKind::NotFound,
    }
}

/// Ids are compared as the participant checks store them (NFKC, trimmed:
/// a wish for `Ｓ００１` names `S001`).
fn normal_id(id: &str) -> String {
    super::limits::normalise_id(id)
}

/// Takes the `wishes` out of each raw element.
pub fn take_side<'f, 'a, R: RawParticipant<'a>>(
    file: &'f JsonFile,
    side: Side,
    raw: &mut [Element<R>],
) -> SideWishes<'f> {
    let mut ids = Vec::with_capacity(raw.len());
    let mut written = Vec::new();
    for element in raw.iter_mut() {
        let (id, wishes) = element.value.id_and_wishes();
        ids.push(normal_id(id));
        let Some(wishes) = wishes else { continue };
        let from = ids.last().cloned().unwrap_or_default();
        let at = |list: &str, j: usize| Origin::Json {
            side,
            base: element.offset,
            path: vec![
                PathSeg::Index(element.index),
                PathSeg::Key("wishes".into()),
                PathSeg::Key(list.into()),
                PathSeg::Index(j),
            ],
        };
        let from_origin = Origin::Json {
            side,
            base: element.offset,
            path: vec![PathSeg::Index(element.index), PathSeg::Key("id".into())],
        };
        for (j, to) in wishes.meet.iter().enumerate() {
            written.push(Written {
                from: from.clone(),
                from_origin: from_origin.clone(),
                to: normal_id(to),
                kind: WishKind::Meet(j as u32 + 1),
                origin: at("meet", j),
            });
        }
        for (j, to) in wishes.avoid.iter().enumerate() {
            written.push(Written {
                from: from.clone(),
                from_origin: from_origin.clone(),
                to: normal_id(to),
                kind: WishKind::Avoid,
                origin: at("avoid", j),
            });
        }
    }
    SideWishes { file, ids, written }
}

/// Each participant's checked wishes, by id.
#[derive(Debug, Default)]
pub struct CheckedWishes {
    pub sellers: HashMap<String, Wishes>,
    pub buyers: HashMap<String, Wishes>,
}

/// Places problems of both JSON files and the CSV file.
pub(super) struct Places<'a> {
    sellers: &'a JsonFile,
    buyers: &'a JsonFile,
    csv: PathBuf,
}

impl Places<'_> {
    fn json(&self, side: Side) -> &JsonFile {
        match side {
            Side::Seller => self.sellers,
            Side::Buyer => self.buyers,
        }
    }

    pub(super) fn problem(
        &self,
        origin: &Origin,
        severity: Severity,
        message: String,
        hint: String,
    ) -> Diagnostic {
        match origin {
            Origin::Json { side, base, path } => {
                self.json(*side)
                    .problem_in(severity, *base, path, message, Some(hint))
            }
            Origin::Csv { position, column } => {
                wishes_csv::problem(&self.csv, severity, *position, column, message, hint)
            }
        }
    }

    /// `file:line:column`, for naming the other place of a conflict.
    pub(super) fn place(&self, origin: &Origin) -> String {
        match origin {
            Origin::Json { side, base, path } => {
                let file = self.json(*side);
                let local = path.get(1..).unwrap_or_default();
                file.place(base + locate(&file.text[*base..], local))
            }
            Origin::Csv { position, .. } => {
                format!(
                    "{}:{}:{}",
                    self.csv.display(),
                    position.line,
                    position.column
                )
            }
        }
    }
}

/// Checks and merges the JSON wishes of both sides with `dir/wishes.csv`
/// (when present), capping meet lists at `max_wishes`.
pub fn check_wishes(
    dir: &Path,
    sellers: SideWishes,
    buyers: SideWishes,
    max_wishes: u32,
    problems: &mut Vec<Diagnostic>,
) -> CheckedWishes {
    let places = Places {
        sellers: sellers.file,
        buyers: buyers.file,
        csv: dir.join(WISHES_FILE),
    };
    let ids = Ids::new(&sellers.ids, &buyers.ids);
    let mut all: Vec<(Side, Written)> = Vec::new();
    all.extend(sellers.written.into_iter().map(|w| (Side::Seller, w)));
    all.extend(buyers.written.into_iter().map(|w| (Side::Buyer, w)));
    match std::fs::read(&places.csv) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => {
                for row in wishes_csv::read_rows(&places.csv, &text, problems) {
                    if let Some(side) = ids.side_of_sender(&row, &places, problems) {
                        all.push((side, row));
                    }
                }
            }
            Err(err) => problems.push(Diagnostic::file_error(
                &places.csv,
                format!(
                    "not valid UTF-8 (first bad byte at offset {})",
                    err.utf8_error().valid_up_to()
                ),
                "save the file as UTF-8 CSV",
            )),
        },
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
        Err(err) => problems.push(Diagnostic::file_error(
            &places.csv,
            format!("cannot read: {err}"),
            "check the file's permissions, or remove it",
        )),
    }
    let valid: Vec<(Side, Written)> = all
        .into_iter()
        .filter(|(side, w)| ids.check_target(*side, w, &places, problems))
        .collect();
    merge(valid, max_wishes, &places, problems)
}

/// Every id of both sides, for checking the ids a wish names: in file
/// order (for suggestions), and hashed once they are needed, so a million
/// participants with many wishes cost one pass, not one per wish.
struct Ids<'a> {
    sellers: &'a [String],
    buyers: &'a [String],
    known: std::sync::OnceLock<[IdSet<'a>; 2]>,
}

type IdSet<'a> = std::collections::HashSet<&'a str, foldhash::fast::RandomState>;

impl<'a> Ids<'a> {
    fn new(sellers: &'a [String], buyers: &'a [String]) -> Self {
        Ids {
            sellers,
            buyers,
            known: std::sync::OnceLock::new(),
        }
    }

    fn of(&self, side: Side) -> &[String] {
        match side {
            Side::Seller => self.sellers,
            Side::Buyer => self.buyers,
        }
    }

    /// Whether `id` is one of `side`'s ids.
    fn has(&self, side: Side, id: &str) -> bool {
        let [sellers, buyers] = self.known.get_or_init(|| {
            let set = |ids: &'a [String]| ids.iter().map(String::as_str).collect();
            [set(self.sellers), set(self.buyers)]
        });
        match side {
            Side::Seller => sellers.contains(id),
            Side::Buyer => buyers.contains(id),
        }
    }

    /// Which side a CSV row's `from_id` is on (an id on both sides is read
    /// as the side that `to_id` is not on).
    fn side_of_sender(
        &self,
        w: &Written,
        places: &Places,
        problems: &mut Vec<Diagnostic>,
    ) -> Option<Side> {
        let seller = self.has(Side::Seller, &w.from);
        let buyer = self.has(Side::Buyer, &w.from);
        match (seller, buyer) {
            (true, false) => Some(Side::Seller),
            (false, true) => Some(Side::Buyer),
            (true, true) if self.has(Side::Seller, &w.to) => Some(Side::Buyer),
            (true, true) => Some(Side::Seller),
            (false, false) => {
                let all: Vec<&String> = self.sellers.iter().chain(self.buyers).collect();
                problems.push(places.problem(
                    &w.from_origin,
                    Severity::Error,
                    format!("unknown participant id {:?}", w.from),
                    did_you_mean(
                        &w.from,
                        &all,
                        "check the id against sellers.json and buyers.json",
                    ),
                ));
                None
            }
        }
    }

    /// Whether the id a wish names is someone on the other side.
    fn check_target(
        &self,
        from_side: Side,
        w: &Written,
        places: &Places,
        problems: &mut Vec<Diagnostic>,
    ) -> bool {
        let other = from_side.other();
        let (mine, theirs) = (from_side.word(), other.word());
        let (message, hint) = if w.to.is_empty() {
            ("the id is empty".to_string(), format!("name a {theirs} id"))
        } else if w.to == w.from {
            (
                format!("{:?} wishes about themselves", w.from),
                format!("a wish names a {theirs} to meet or avoid; remove this one"),
            )
        } else if self.has(other, &w.to) {
            return true;
        } else if self.has(from_side, &w.to) {
            (
                format!("{:?} is a {mine}: a {mine}'s wishes name {theirs}s", w.to),
                format!("{mine}s meet only {theirs}s; remove this wish"),
            )
        } else {
            let known: Vec<&String> = self.of(other).iter().collect();
            (
                format!("unknown {theirs} id {:?}", w.to),
                did_you_mean(
                    &w.to,
                    &known,
                    &format!("check the id against the {theirs} file"),
                ),
            )
        };
        problems.push(places.problem(&w.origin, Severity::Error, message, hint));
        false
    }
}

fn did_you_mean(id: &str, known: &[&String], otherwise: &str) -> String {
    let lower = id.to_lowercase();
    known
        .iter()
        .map(|k| (strsim::jaro_winkler(&lower, &k.to_lowercase()), *k))
        .filter(|(similarity, _)| *similarity >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map_or_else(
            || otherwise.to_string(),
            |(_, k)| format!("did you mean {k:?}?"),
        )
}
