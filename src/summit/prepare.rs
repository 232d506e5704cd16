//! Loading a summit: the data, its taxonomy and the matcher, checked and
//! ready to rank. The result is immutable and shared (`Arc`) by every
//! thread of a front end.

use std::path::Path;

use super::SummitError;
use crate::load::json::JsonFile;
use crate::load::{self, Diagnostic, PathSeg, Severity};
use crate::matching::{Candidate, Matcher};
use crate::model::{Side, Summit};
use crate::taxonomy::{self, Taxonomy};

/// A validated summit with its taxonomy and matcher, ready to rank.
pub struct Prepared {
    pub summit: Summit,
    pub matcher: Matcher,
    /// Warnings from loading, and terms no category matched.
    pub warnings: Vec<Diagnostic>,
}

impl Prepared {
    pub fn taxonomy(&self) -> &Taxonomy {
        &self.matcher.taxonomy
    }

    pub fn seller_index(&self, id: &str) -> Result<usize, SummitError> {
        self.summit
            .sellers
            .iter()
            .position(|s| s.id == id)
            .ok_or_else(|| SummitError::UnknownParticipant {
                side: "seller",
                id: id.to_string(),
            })
    }

    pub fn buyer_index(&self, id: &str) -> Result<usize, SummitError> {
        self.summit
            .buyers
            .iter()
            .position(|b| b.id == id)
            .ok_or_else(|| SummitError::UnknownParticipant {
                side: "buyer",
                id: id.to_string(),
            })
    }

    pub fn candidates_for_buyer(&self, buyer: usize, k: usize) -> Vec<Candidate> {
        self.matcher.top_sellers(&self.summit, buyer, k)
    }

    pub fn candidates_for_seller(&self, seller: usize, k: usize) -> Vec<Candidate> {
        self.matcher.top_buyers(&self.summit, seller, k)
    }
}

/// Loads the summit in `dir`, its taxonomy (or the built-in one) and builds
/// the matcher. Every problem of every file is reported at once.
pub fn prepare(dir: &Path) -> Result<Prepared, SummitError> {
    let loaded = load::load_summit(dir);
    let (taxonomy, taxonomy_problems) = taxonomy::load_taxonomy(dir);
    let mut problems = loaded.problems;
    problems.extend(taxonomy_problems);
    let (Some(summit), Some(taxonomy)) = (loaded.summit, taxonomy) else {
        return Err(SummitError::Invalid(problems));
    };
    if problems.iter().any(Diagnostic::is_error) {
        return Err(SummitError::Invalid(problems));
    }
    let matcher = Matcher::new(&summit, taxonomy);
    Ok(Prepared {
        summit,
        matcher,
        warnings: problems,
    })
}

/// [`prepare`], plus a warning for every seller category and buyer
/// interest no category matches, placed exactly. Placing them reads the
/// files again, so only the front ends that show warnings ask for them.
pub fn prepare_with_warnings(dir: &Path) -> Result<Prepared, SummitError> {
    let mut prepared = prepare(dir)?;
    let unmapped = unmapped_warnings(dir, &prepared.summit, &prepared.matcher);
    prepared.warnings.extend(unmapped);
    Ok(prepared)
}

/// "no category for 'flux capacitors'" at the term's exact place.
fn unmapped_warnings(dir: &Path, summit: &Summit, matcher: &Matcher) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let unmapped = matcher.unmapped(summit);
    for (side, file_name) in [
        (Side::Seller, load::SELLERS_FILE),
        (Side::Buyer, load::BUYERS_FILE),
    ] {
        let found: Vec<_> = unmapped
            .iter()
            .filter(|u| u.side == side)
            .map(|u| {
                let path = vec![
                    PathSeg::Index(u.participant),
                    PathSeg::Key(u.field.to_string()),
                    PathSeg::Index(u.position),
                ];
                let message = format!(
                    "no category for \"{}\"; it is matched as plain text only",
                    u.text
                );
                let hint =
                    "add it as a synonym to a category in taxonomy.json, or fix its spelling"
                        .to_string();
                (Severity::Warning, path, message, hint)
            })
            .collect();
        if found.is_empty() {
            continue;
        }
        if let Ok(file) = JsonFile::read(&dir.join(file_name)) {
            out.extend(file.place_in_array(found));
        }
    }
    out
}
