//! The decision log: staff decisions about seller-buyer pairs, kept in an
//! SQLite file beside the summit data (`DIR/matchslate.db` by default).
//!
//! Every change is appended as a row and nothing is ever updated or deleted,
//! so the log is the audit trail and the current state is derived from it
//! (the latest row per pair). Undo and redo are rows as well. Several staff
//! may work at once from separate processes: each write is one `BEGIN
//! IMMEDIATE` transaction in WAL mode, waiting up to five seconds for another
//! writer, and readers see others' decisions on their next query; a UI polls
//! [`Store::change_token`] to know when to query again.

mod error;
mod open;
mod rows;
mod wishes;

use std::path::{Path, PathBuf};

use jiff::Timestamp;
use rusqlite::{Connection, Transaction, TransactionBehavior};

use error::AtPath;
pub use error::StoreError;
use rows::NewRow;
pub use wishes::{NewWish, WishAction, WishRow};

use crate::model::DecisionKind;

/// What a staff member decides about a pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// The pair must meet.
    Accept,
    /// The pair must never meet.
    Reject,
    /// The pair must meet at this slot and table (both 0-based).
    Lock { slot: usize, table: u32 },
    /// Back to undecided.
    Clear,
}

impl Verdict {
    /// The pair's state after this action; `None` means undecided.
    pub fn kind(self) -> Option<DecisionKind> {
        match self {
            Verdict::Accept => Some(DecisionKind::Accepted),
            Verdict::Reject => Some(DecisionKind::Rejected),
            Verdict::Lock { slot, table } => Some(DecisionKind::Locked { slot, table }),
            Verdict::Clear => None,
        }
    }
}

/// A decision to record. Ids are the participants' string ids from the data
/// files, which stay stable when the data is edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewDecision<'a> {
    pub seller_id: &'a str,
    pub buyer_id: &'a str,
    pub action: Verdict,
    pub staff: &'a str,
    pub note: Option<&'a str>,
}

/// The effective decision on one pair: who set it last, when, and its note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CurrentDecision {
    pub seller_id: String,
    pub buyer_id: String,
    pub kind: DecisionKind,
    pub staff: String,
    pub at: Timestamp,
    pub note: Option<String>,
}

/// Why a log row was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LogAction {
    /// An ordinary decision (accept, reject, lock or clear).
    Decide,
    /// A note added to or removed from the existing decision.
    Note,
    /// Undid row `reverts`, restoring the pair's state from before it.
    Undo,
    /// Reversed the undo row `reverts`, re-applying what it undid.
    Redo,
}

/// One row of the append-only log. `kind` and `note` are the pair's state
/// after this row (`kind: None` means cleared), whatever the action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogEntry {
    pub id: i64,
    pub action: LogAction,
    pub seller_id: String,
    pub buyer_id: String,
    pub kind: Option<DecisionKind>,
    pub staff: String,
    pub at: Timestamp,
    pub note: Option<String>,
    /// For `Undo`, the row undone; for `Redo`, the undo row reversed.
    pub reverts: Option<i64>,
}

impl LogEntry {
    /// The pair's decision after this row, if it is not cleared.
    pub fn to_current(&self) -> Option<CurrentDecision> {
        Some(CurrentDecision {
            seller_id: self.seller_id.clone(),
            buyer_id: self.buyer_id.clone(),
            kind: self.kind?,
            staff: self.staff.clone(),
            at: self.at,
            note: self.note.clone(),
        })
    }
}

/// One connection to a decision store. Not shared between threads: each
/// thread or process opens its own, which is what SQLite's locking expects.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens the store at `path`, creating the file if it is missing and
    /// bringing its schema up to date. The folder must already exist. Files
    /// that are not SQLite, are damaged, belong to another application or
    /// come from a newer matchslate are refused and left untouched.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let conn = open::open_checked(path)?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
        })
    }

    /// The path the store was opened with.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version this build creates and reads.
    pub fn schema_version() -> i64 {
        open::SCHEMA_VERSION
    }

    /// Appends a decision and returns the stored row.
    pub fn record(&self, d: &NewDecision<'_>) -> Result<LogEntry, StoreError> {
        check_text("seller id", d.seller_id)?;
        check_text("buyer id", d.buyer_id)?;
        check_text("staff name", d.staff)?;
        self.write(|tx| {
            rows::insert(
                tx,
                &self.path,
                &NewRow {
                    action: LogAction::Decide,
                    seller_id: d.seller_id,
                    buyer_id: d.buyer_id,
                    kind: d.action.kind(),
                    staff: d.staff,
                    note: d.note,
                    reverts: None,
                },
            )
        })
    }

    /// Replaces the note on the pair's current decision, keeping its kind
    /// (`None` removes the note). Fails with `NoDecision` if the pair is
    /// undecided, as a note explains a decision.
    pub fn set_note(
        &self,
        seller_id: &str,
        buyer_id: &str,
        staff: &str,
        note: Option<&str>,
    ) -> Result<LogEntry, StoreError> {
        check_text("seller id", seller_id)?;
        check_text("buyer id", buyer_id)?;
        check_text("staff name", staff)?;
        self.write(|tx| {
            let latest = rows::latest_for_pair(tx, &self.path, seller_id, buyer_id, None)?;
            let Some(kind) = latest.and_then(|e| e.kind) else {
                return Err(StoreError::NoDecision {
                    seller_id: seller_id.to_string(),
                    buyer_id: buyer_id.to_string(),
                });
            };
            rows::insert(
                tx,
                &self.path,
                &NewRow {
                    action: LogAction::Note,
                    seller_id,
                    buyer_id,
                    kind: Some(kind),
                    staff,
                    note,
                    reverts: None,
                },
            )
        })
    }

    /// Every decided pair, sorted by buyer id then seller id (byte order).
    /// Cleared pairs are absent.
    pub fn current(&self) -> Result<Vec<CurrentDecision>, StoreError> {
        // The inner query reads only the (seller_id, buyer_id, id) index, so
        // this stays fast with tens of thousands of rows.
        let sql = format!(
            "SELECT {} FROM decision_log
             WHERE id IN (SELECT max(id) FROM decision_log GROUP BY seller_id, buyer_id)
               AND kind <> 'clear'
             ORDER BY buyer_id, seller_id",
            rows::LOG_COLUMNS
        );
        let entries = rows::query_entries(&self.conn, &self.path, &sql, [])?;
        Ok(entries.iter().filter_map(LogEntry::to_current).collect())
    }

    /// The current decision on one pair, if any.
    pub fn current_pair(
        &self,
        seller_id: &str,
        buyer_id: &str,
    ) -> Result<Option<CurrentDecision>, StoreError> {
        let latest = rows::latest_for_pair(&self.conn, &self.path, seller_id, buyer_id, None)?;
        Ok(latest.as_ref().and_then(LogEntry::to_current))
    }

    /// The whole log, oldest first.
    pub fn log(&self) -> Result<Vec<LogEntry>, StoreError> {
        let sql = format!("SELECT {} FROM decision_log ORDER BY id", rows::LOG_COLUMNS);
        rows::query_entries(&self.conn, &self.path, &sql, [])
    }

    /// Undoes `staff`'s latest action that is not undone yet, by appending a
    /// row that puts the pair back in the state it had just before that
    /// action (even if someone else changed the pair since; the log keeps
    /// both). Returns `None` when there is nothing to undo.
    pub fn undo(&self, staff: &str) -> Result<Option<LogEntry>, StoreError> {
        self.write(|tx| {
            let stacks = rows::stacks_for(tx, &self.path, staff)?;
            let Some(&target_id) = stacks.undo.last() else {
                return Ok(None);
            };
            let target = rows::by_id(tx, &self.path, target_id)?;
            let before = rows::latest_for_pair(
                tx,
                &self.path,
                &target.seller_id,
                &target.buyer_id,
                Some(target_id),
            )?;
            let entry = rows::insert(
                tx,
                &self.path,
                &NewRow {
                    action: LogAction::Undo,
                    seller_id: &target.seller_id,
                    buyer_id: &target.buyer_id,
                    kind: before.as_ref().and_then(|e| e.kind),
                    staff,
                    note: before.as_ref().and_then(|e| e.note.as_deref()),
                    reverts: Some(target_id),
                },
            )?;
            Ok(Some(entry))
        })
    }

    /// Re-applies `staff`'s most recently undone action. Returns `None` when
    /// there is nothing to redo, including after a new decision by `staff`.
    pub fn redo(&self, staff: &str) -> Result<Option<LogEntry>, StoreError> {
        self.write(|tx| {
            let stacks = rows::stacks_for(tx, &self.path, staff)?;
            let Some(&undo_id) = stacks.redo.last() else {
                return Ok(None);
            };
            let undo_row = rows::by_id(tx, &self.path, undo_id)?;
            let Some(undone_id) = undo_row.reverts else {
                return Err(StoreError::BadRow {
                    path: self.path.clone(),
                    id: undo_id,
                    detail: "undo row without the row it undid".to_string(),
                });
            };
            let undone = rows::by_id(tx, &self.path, undone_id)?;
            let entry = rows::insert(
                tx,
                &self.path,
                &NewRow {
                    action: LogAction::Redo,
                    seller_id: &undone.seller_id,
                    buyer_id: &undone.buyer_id,
                    kind: undone.kind,
                    staff,
                    note: undone.note.as_deref(),
                    reverts: Some(undo_id),
                },
            )?;
            Ok(Some(entry))
        })
    }

    /// A number that changes whenever another connection (in this process or
    /// another) commits to the database. Our own writes do not change it:
    /// the caller already knows about them. Cheap enough to poll every second.
    pub fn change_token(&self) -> Result<i64, StoreError> {
        self.conn
            .pragma_query_value(None, "data_version", |row| row.get(0))
            .at(&self.path)
    }

    /// Runs `f` in a `BEGIN IMMEDIATE` transaction: taking the write lock up
    /// front means the undo stacks read inside `f` cannot change before our
    /// row lands, and a busy database is waited for at BEGIN rather than
    /// failing halfway through.
    fn write<T>(
        &self,
        f: impl FnOnce(&Transaction<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let tx =
            Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate).at(&self.path)?;
        // On error the transaction is dropped, which rolls it back.
        let value = f(&tx)?;
        tx.commit().at(&self.path)?;
        Ok(value)
    }
}

/// The name to record as `staff` when none is given: the OS user name from
/// `USER` (Unix) or `USERNAME` (Windows), else `"staff"`.
pub fn default_staff() -> String {
    ["USER", "USERNAME"]
        .iter()
        .filter_map(|var| std::env::var(var).ok())
        .map(|name| name.trim().to_string())
        .find(|name| !name.is_empty())
        .unwrap_or_else(|| "staff".to_string())
}

fn check_text(what: &str, value: &str) -> Result<(), StoreError> {
    if value.trim().is_empty() {
        Err(StoreError::Invalid(format!("{what} is empty")))
    } else {
        Ok(())
    }
}
