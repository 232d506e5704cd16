//! The decision log: staff decisions about seller-buyer pairs, kept in an
//! SQLite file beside the summit data (`DIR/matchslate.db` by default).
//!
//! Every change is appended as a row and nothing is ever updated or deleted,
//! so the log is the audit trail and the current state is derived from it
//! (the latest row per pair). Undo and redo are rows as well. Several staff
//! may work at once from separate processes: each write is one `BEGIN
//! IMMEDIATE` transaction in WAL mode, waiting up to five seconds for another
//! writer; readers never wait, and see others' decisions on their next
//! query; a UI polls [`Store::change_token`] to know when to query again.
//!
//! The store also keeps every slate as a numbered version (see
//! [`Store::save_version`]), each written in one transaction.

mod calendar;
mod clash;
mod day;
mod day_types;
mod day_undo;
mod diff;
mod disk;
mod error;
mod open;
mod position;
mod rows;
mod schema;
mod undo;
mod versions;
mod wishes;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, Transaction, TransactionBehavior};

use calendar::Calendar;
pub use calendar::LockPlace;
use clash::Change;
pub use diff::{MeetingChange, diff, sequences};
use error::AtPath;
pub use error::{ClashReason, LockClash, Refusal, StoreError};
pub use position::LogPosition;
use rows::NewRow;
mod types;
pub use day_types::{
    Attendance, DayAction, DayEntry, DayState, DaySubject, MeetingOutcome, Outcome, Presence,
};
pub use types::{CurrentDecision, LogAction, LogEntry, NewDecision, Verdict};
pub use versions::{Figures, NewVersion, Origin, Publication, VersionInfo, VersionMeeting};
pub use wishes::{NewWish, WishAction, WishRow};

use crate::model::Slot;

/// One connection to a decision store. Not shared between threads: each
/// thread or process opens its own, which is what SQLite's locking expects.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// The event's slots, to keep locks by day and time.
    calendar: Option<Calendar>,
    read_only: bool,
    network_fs: Option<&'static str>,
}

impl Store {
    /// Opens the store at `path`, creating the file if it is missing and
    /// bringing its schema up to date. The folder must already exist. Files
    /// that are not SQLite, are damaged, belong to another application or
    /// come from a newer matchslate are refused and left untouched. A store
    /// whose file or folder cannot be written opens read-only. Locks are
    /// read and written by slot index only; see [`Store::open_for_event`].
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let opened = open::open_checked(path)?;
        Ok(Store {
            conn: opened.conn,
            path: path.to_path_buf(),
            calendar: None,
            read_only: opened.read_only,
            network_fs: disk::network_file_system(path),
        })
    }

    /// [`Store::open`] for an event with these slots: locks are stored by
    /// day and start time and read back as the slot at that day and time
    /// (older locks stored by index get their day and time now). A lock
    /// whose day and time is no longer a slot is left out of
    /// [`Store::current`] and listed by [`Store::orphaned_locks`].
    pub fn open_for_event(path: &Path, slots: &[Slot]) -> Result<Store, StoreError> {
        let mut store = Store::open(path)?;
        let calendar = Calendar::new(slots);
        // Checked with a plain read first, so opening takes no write lock
        // (and never waits for another writer) once the locks are pinned.
        if !store.read_only && calendar::has_unpinned_locks(&store.conn, &store.path)? {
            store.write(|tx| calendar::pin_legacy_locks(tx, &store.path, &calendar))?;
        }
        store.calendar = Some(calendar);
        Ok(store)
    }

    /// The path the store was opened with.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// True when the store's file or folder cannot be written: everything
    /// can be read, every write fails with [`StoreError::ReadOnly`].
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// A warning for staff when the store cannot be shared safely: it is on
    /// a network file system, where SQLite's write-ahead log does not work.
    pub fn storage_warning(&self) -> Option<String> {
        self.network_fs.map(|fs| {
            format!(
                "decision store {} is on a network file system ({fs}); SQLite's write-ahead \
                 log needs a local disk, so decisions may be lost or the store damaged: keep \
                 the summit folder on the disk of the machine staff log in to",
                self.path.display()
            )
        })
    }

    /// The schema version this build creates and reads.
    pub fn schema_version() -> i64 {
        open::SCHEMA_VERSION
    }

    /// Appends a decision and returns the stored row, or `None` when it
    /// would change nothing (the pair already has this decision and note).
    /// A lock that clashes with another is refused with
    /// [`StoreError::LockClash`].
    pub fn record(&self, d: &NewDecision<'_>) -> Result<Option<LogEntry>, StoreError> {
        Ok(self
            .record_step(std::slice::from_ref(d))?
            .into_iter()
            .next())
    }

    /// Records several decisions as one step: one transaction, one undo
    /// (a swap is two locks). Decisions that change nothing are skipped;
    /// the rows written are returned. All must be by the same staff member
    /// and on different pairs.
    pub fn record_step(&self, ds: &[NewDecision<'_>]) -> Result<Vec<LogEntry>, StoreError> {
        check_step(ds)?;
        self.write(|tx| self.record_step_in(tx, ds))
    }
}

/// A step's decisions are one staff member's, on different pairs, with
/// ids and staff names given.
fn check_step(ds: &[NewDecision<'_>]) -> Result<(), StoreError> {
    let Some(first) = ds.first() else {
        return Ok(());
    };
    for (i, d) in ds.iter().enumerate() {
        check_text("seller id", d.seller_id)?;
        check_text("buyer id", d.buyer_id)?;
        check_text("staff name", d.staff)?;
        if d.staff != first.staff {
            return Err(StoreError::Invalid(
                "one step is one staff member's".to_string(),
            ));
        }
        if ds[..i]
            .iter()
            .any(|e| (e.seller_id, e.buyer_id) == (d.seller_id, d.buyer_id))
        {
            return Err(StoreError::Invalid(format!(
                "{}·{} appears twice in one step",
                d.seller_id, d.buyer_id
            )));
        }
    }
    Ok(())
}

impl Store {
    /// [`Store::record_step`]'s writes, in a transaction already begun;
    /// `ds` already passed [`check_step`].
    fn record_step_in(
        &self,
        tx: &Connection,
        ds: &[NewDecision<'_>],
    ) -> Result<Vec<LogEntry>, StoreError> {
        let cal = self.calendar.as_ref();
        let Some(first) = ds.first() else {
            return Ok(Vec::new());
        };
        let mut changes = Vec::new();
        for d in ds {
            let latest = rows::latest_for_pair(tx, &self.path, cal, d.seller_id, d.buyer_id, None)?;
            let (kind, note, orphan) = latest
                .map(|e| (e.kind, e.note, e.orphan))
                .unwrap_or_default();
            if !orphan && kind == d.action.kind() && note.as_deref() == d.note {
                continue;
            }
            changes.push(Change {
                seller_id: d.seller_id.to_string(),
                buyer_id: d.buyer_id.to_string(),
                kind: d.action.kind(),
                note: d.note.map(str::to_string),
                reverts: None,
            });
        }
        self.apply(tx, LogAction::Decide, first.staff, &changes)
    }

    /// Replaces the note on the pair's current decision, keeping its kind
    /// (`None` removes the note). Fails with `NoDecision` if the pair is
    /// undecided, as a note explains a decision. Returns `None` when the
    /// note is already that.
    pub fn set_note(
        &self,
        seller_id: &str,
        buyer_id: &str,
        staff: &str,
        note: Option<&str>,
    ) -> Result<Option<LogEntry>, StoreError> {
        check_text("seller id", seller_id)?;
        check_text("buyer id", buyer_id)?;
        check_text("staff name", staff)?;
        let cal = self.calendar.as_ref();
        self.write(|tx| {
            let latest = rows::latest_for_pair(tx, &self.path, cal, seller_id, buyer_id, None)?;
            let Some(latest) = latest.filter(|e| e.kind.is_some()) else {
                return Err(StoreError::NoDecision {
                    seller_id: seller_id.to_string(),
                    buyer_id: buyer_id.to_string(),
                });
            };
            if latest.note.as_deref() == note {
                return Ok(None);
            }
            let written = rows::insert(
                tx,
                &self.path,
                cal,
                &NewRow {
                    action: LogAction::Note,
                    seller_id,
                    buyer_id,
                    kind: latest.kind,
                    staff,
                    note,
                    reverts: None,
                    step: None,
                },
            )?;
            Ok(Some(written))
        })
    }

    /// Every decided pair, sorted by buyer id then seller id (byte order).
    /// Cleared pairs are absent, and so are orphaned locks.
    pub fn current(&self) -> Result<Vec<CurrentDecision>, StoreError> {
        Ok(self
            .latest_rows()?
            .iter()
            .filter(|e| !e.orphan)
            .filter_map(LogEntry::to_current)
            .collect())
    }

    /// Locks in force whose day and time is no longer a slot of the event
    /// (it changed since they were made), for staff to lock again.
    pub fn orphaned_locks(&self) -> Result<Vec<LogEntry>, StoreError> {
        Ok(self
            .latest_rows()?
            .into_iter()
            .filter(|e| e.orphan)
            .collect())
    }

    fn latest_rows(&self) -> Result<Vec<LogEntry>, StoreError> {
        // The inner query reads only the (seller_id, buyer_id, id) index, so
        // this stays fast with tens of thousands of rows.
        let sql = format!(
            "SELECT {} FROM decision_log
             WHERE id IN (SELECT max(id) FROM decision_log GROUP BY seller_id, buyer_id)
               AND kind <> 'clear'
             ORDER BY buyer_id, seller_id",
            rows::LOG_COLUMNS
        );
        rows::query_entries(&self.conn, &self.path, self.calendar.as_ref(), &sql, [])
    }

    /// The current decision on one pair, if any.
    pub fn current_pair(
        &self,
        seller_id: &str,
        buyer_id: &str,
    ) -> Result<Option<CurrentDecision>, StoreError> {
        let cal = self.calendar.as_ref();
        let latest = rows::latest_for_pair(&self.conn, &self.path, cal, seller_id, buyer_id, None)?;
        Ok(latest
            .filter(|e| !e.orphan)
            .as_ref()
            .and_then(LogEntry::to_current))
    }

    /// The whole log, oldest first.
    pub fn log(&self) -> Result<Vec<LogEntry>, StoreError> {
        let sql = format!("SELECT {} FROM decision_log ORDER BY id", rows::LOG_COLUMNS);
        rows::query_entries(&self.conn, &self.path, self.calendar.as_ref(), &sql, [])
    }

    /// The id of the latest log row (0 for an empty log): the decision-log
    /// position a slate built now is built from.
    pub fn log_position(&self) -> Result<i64, StoreError> {
        self.conn
            .query_row("SELECT coalesce(max(id), 0) FROM decision_log", [], |row| {
                row.get(0)
            })
            .at(&self.path)
    }

    /// Writes `changes` as one step after checking that its locks clash
    /// with none in force: the first row stands for the step, the others
    /// point to it.
    fn apply(
        &self,
        tx: &Connection,
        action: LogAction,
        staff: &str,
        changes: &[Change],
    ) -> Result<Vec<LogEntry>, StoreError> {
        let cal = self.calendar.as_ref();
        clash::check(tx, &self.path, cal, changes)?;
        let mut written: Vec<LogEntry> = Vec::with_capacity(changes.len());
        for change in changes {
            let row = NewRow {
                action,
                seller_id: &change.seller_id,
                buyer_id: &change.buyer_id,
                kind: change.kind,
                staff,
                note: change.note.as_deref(),
                reverts: change.reverts,
                step: written.first().map(|first| first.id),
            };
            written.push(rows::insert(tx, &self.path, cal, &row)?);
        }
        Ok(written)
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
        if self.read_only {
            return Err(StoreError::ReadOnly {
                path: self.path.clone(),
            });
        }
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
