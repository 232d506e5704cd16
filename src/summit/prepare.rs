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

    /// The seller whose id is `id` once normalised as the loader does (so a
    /// typed `" S001"` finds `S001`).
    pub fn seller_index(&self, id: &str) -> Result<usize, SummitError> {
        let ids = self.summit.sellers.iter().map(|s| s.id.as_str());
        index_of("seller", ids, id)
    }

    pub fn buyer_index(&self, id: &str) -> Result<usize, SummitError> {
        let ids = self.summit.buyers.iter().map(|b| b.id.as_str());
        index_of("buyer", ids, id)
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
    prepare_placed(dir).map(|(prepared, _)| prepared)
}

/// [`prepare`], with where each participant starts in its file.
fn prepare_placed(dir: &Path) -> Result<(Prepared, load::Offsets), SummitError> {
    let loaded = load::load_summit(dir);
    let offsets = loaded.offsets;
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
    let prepared = Prepared {
        summit,
        matcher,
        warnings: problems,
    };
    Ok((prepared, offsets))
}

/// [`prepare`], plus a warning for every seller category and buyer
/// interest no category matches, placed exactly. Placing them reads the
/// text of a file with such terms again (not parsing it: each participant's
/// place is kept from loading), so only the front ends that show warnings
/// ask for them.
pub fn prepare_with_warnings(dir: &Path) -> Result<Prepared, SummitError> {
    let (mut prepared, offsets) = prepare_placed(dir)?;
    let unmapped = unmapped_warnings(dir, &prepared.summit, &prepared.matcher, &offsets);
    prepared.warnings.extend(unmapped);
    Ok(prepared)
}

/// "no category for 'flux capacitors'" at the term's exact place.
fn unmapped_warnings(
    dir: &Path,
    summit: &Summit,
    matcher: &Matcher,
    offsets: &load::Offsets,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let unmapped = matcher.unmapped(summit);
    for (side, file_name, starts) in [
        (Side::Seller, load::SELLERS_FILE, &offsets.sellers),
        (Side::Buyer, load::BUYERS_FILE, &offsets.buyers),
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
            out.extend(file.place_in_elements(found, starts));
        }
    }
    out
}

/// Terms of the summit in `dir` that only the broad layers (HS,
/// dictionary) or no layer knew, with proposed curated categories written
/// to `dir/taxonomy.suggested.json` for staff to review and merge by hand.
pub fn suggest_taxonomy(
    dir: &Path,
) -> Result<
    (
        Vec<crate::matching::suggest::Suggestion>,
        std::path::PathBuf,
    ),
    SummitError,
> {
    use crate::matching::suggest;
    let prepared = prepare(dir)?;
    let found = suggest::suggest(&prepared.summit, &prepared.matcher);
    let path = suggest::write_patch(dir, &found)?;
    Ok((found, path))
}

/// Where `id`, normalised as the loader does, stands among `ids`.
fn index_of<'a>(
    side: &'static str,
    mut ids: impl Iterator<Item = &'a str>,
    id: &str,
) -> Result<usize, SummitError> {
    let id = crate::load::normalise_id(id);
    ids.position(|known| known == id)
        .ok_or(SummitError::UnknownParticipant { side, id })
}
