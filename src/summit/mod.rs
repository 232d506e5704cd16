//! One open summit and the use cases both front ends call: load and check,
//! rank, decide, undo, schedule, export. A workflow is written here once,
//! not once per front end.

mod slate;

pub use slate::{
    CANDIDATES_PER_BUYER, DEFAULT_MIN_SCORE, DEFAULT_OUT, meeting_counts, with_good_candidates,
};

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::load::json::JsonFile;
use crate::load::{self, Diagnostic, PathSeg, Severity};
use crate::matching::{Candidate, Matcher};
use crate::model::{DecisionKind, Side, Summit};
use crate::store::{self, Store, StoreError};
use crate::taxonomy::{self, Taxonomy};

/// The default decision database, beside the data.
pub const DB_FILE: &str = "matchslate.db";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummitOptions {
    pub data: PathBuf,
    /// `DIR/matchslate.db` when absent.
    pub db: Option<PathBuf>,
    pub staff: String,
}

impl SummitOptions {
    pub fn db_path(&self) -> PathBuf {
        self.db.clone().unwrap_or_else(|| self.data.join(DB_FILE))
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SummitError {
    #[error("the summit data has {} error(s)", .0.iter().filter(|p| p.is_error()).count())]
    Invalid(Vec<Diagnostic>),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Export(#[from] crate::export::ExportError),
    #[error("no {side} with id \"{id}\" in this summit")]
    UnknownParticipant { side: &'static str, id: String },
}

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

/// A decision as shown to staff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionInfo {
    pub kind: DecisionKind,
    pub staff: String,
    /// When, in UTC, `YYYY-MM-DD HH:MM`.
    pub at: String,
    pub note: Option<String>,
}

pub use store::Action as DecideAction;

/// A prepared summit with its decision store open.
pub struct OpenSummit {
    pub prepared: Prepared,
    /// The summit folder, for default output paths.
    pub data_dir: PathBuf,
    pub staff: String,
    store: Store,
    decisions: HashMap<(usize, usize), DecisionInfo>,
    /// Decisions naming ids that are not in the data (edited since).
    pub stale_decisions: usize,
    change_token: i64,
}

impl std::ops::Deref for OpenSummit {
    type Target = Prepared;
    fn deref(&self) -> &Prepared {
        &self.prepared
    }
}

impl OpenSummit {
    pub fn open(options: &SummitOptions) -> Result<OpenSummit, SummitError> {
        let prepared = prepare_with_warnings(&options.data)?;
        let store = Store::open(&options.db_path())?;
        let change_token = store.change_token()?;
        let mut open = OpenSummit {
            prepared,
            data_dir: options.data.clone(),
            staff: options.staff.clone(),
            store,
            decisions: HashMap::new(),
            stale_decisions: 0,
            change_token,
        };
        open.reload_decisions()?;
        Ok(open)
    }

    fn reload_decisions(&mut self) -> Result<(), SummitError> {
        let sellers: HashMap<&str, usize> = self
            .prepared
            .summit
            .sellers
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), i))
            .collect();
        let buyers: HashMap<&str, usize> = self
            .prepared
            .summit
            .buyers
            .iter()
            .enumerate()
            .map(|(i, b)| (b.id.as_str(), i))
            .collect();
        let mut decisions = HashMap::new();
        let mut stale = 0;
        for d in self.store.current()? {
            match (
                sellers.get(d.seller_id.as_str()),
                buyers.get(d.buyer_id.as_str()),
            ) {
                (Some(&s), Some(&b)) => {
                    let at = d.at.strftime("%Y-%m-%d %H:%M").to_string();
                    decisions.insert(
                        (s, b),
                        DecisionInfo {
                            kind: d.kind,
                            staff: d.staff,
                            at,
                            note: d.note,
                        },
                    );
                }
                _ => stale += 1,
            }
        }
        self.decisions = decisions;
        self.stale_decisions = stale;
        Ok(())
    }

    pub fn decision(&self, seller: usize, buyer: usize) -> Option<&DecisionInfo> {
        self.decisions.get(&(seller, buyer))
    }

    /// Every current decision, by (seller, buyer) index.
    pub fn decisions(&self) -> &HashMap<(usize, usize), DecisionInfo> {
        &self.decisions
    }

    pub fn decide(
        &mut self,
        seller: usize,
        buyer: usize,
        action: DecideAction,
        note: Option<&str>,
    ) -> Result<(), SummitError> {
        let decision = store::NewDecision {
            seller_id: &self.prepared.summit.sellers[seller].id,
            buyer_id: &self.prepared.summit.buyers[buyer].id,
            action,
            staff: &self.staff,
            note,
        };
        self.store.record(&decision)?;
        self.after_own_write()
    }

    /// Adds or replaces the note on a pair's current decision.
    pub fn set_note(
        &mut self,
        seller: usize,
        buyer: usize,
        note: Option<&str>,
    ) -> Result<(), SummitError> {
        let (s, b) = (
            &self.prepared.summit.sellers[seller].id,
            &self.prepared.summit.buyers[buyer].id,
        );
        self.store.set_note(s, b, &self.staff, note)?;
        self.after_own_write()
    }

    /// Undoes this staff member's latest decision; false when there is none.
    pub fn undo(&mut self) -> Result<bool, SummitError> {
        let done = self.store.undo(&self.staff)?.is_some();
        self.after_own_write()?;
        Ok(done)
    }

    pub fn redo(&mut self) -> Result<bool, SummitError> {
        let done = self.store.redo(&self.staff)?.is_some();
        self.after_own_write()?;
        Ok(done)
    }

    fn after_own_write(&mut self) -> Result<(), SummitError> {
        self.reload_decisions()?;
        self.change_token = self.store.change_token()?;
        Ok(())
    }

    /// Reloads decisions when another process wrote some; true if it did.
    pub fn refresh_if_changed(&mut self) -> Result<bool, SummitError> {
        let token = self.store.change_token()?;
        if token == self.change_token {
            return Ok(false);
        }
        self.change_token = token;
        self.reload_decisions()?;
        Ok(true)
    }

    pub fn log(&self) -> Result<Vec<store::LogEntry>, SummitError> {
        Ok(self.store.log()?)
    }
}
