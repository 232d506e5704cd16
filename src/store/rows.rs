//! Reading and writing `decision_log` rows, and replaying one staff member's
//! rows into undo/redo stacks. Everything here runs on a connection or
//! transaction handed in by `Store`, which owns the transaction boundaries.

use std::path::Path;

use jiff::Timestamp;
use rusqlite::{Connection, Row, params};

use super::calendar::{self, Calendar, StoredLock};
use super::error::{AtPath, StoreError};
use super::{LogAction, LogEntry};
use crate::model::DecisionKind;

/// Column list shared by every query that builds a `LogEntry`, so the order
/// matches `RawRow::from_row` in one place.
pub(crate) const LOG_COLUMNS: &str = "id, action, seller_id, buyer_id, kind, slot, table_no, \
     staff, at, note, reverts_id, lock_date, lock_start, step";

/// A row to append. `kind` is the state the pair is in after the row (`None`
/// for cleared), as the schema stores states rather than deltas.
pub(crate) struct NewRow<'a> {
    pub action: LogAction,
    pub seller_id: &'a str,
    pub buyer_id: &'a str,
    pub kind: Option<DecisionKind>,
    pub staff: &'a str,
    pub note: Option<&'a str>,
    pub reverts: Option<i64>,
    /// The id of the step's first row, for the other rows of a many-row step.
    pub step: Option<i64>,
}

/// The columns as SQLite returned them, before we trust them: a database
/// edited by hand can hold anything the CHECK constraints let through.
struct RawRow {
    id: i64,
    action: String,
    seller_id: String,
    buyer_id: String,
    kind: String,
    slot: Option<i64>,
    table: Option<i64>,
    staff: String,
    at: String,
    note: Option<String>,
    reverts: Option<i64>,
    lock_date: Option<String>,
    lock_start: Option<String>,
    step: Option<i64>,
}

impl RawRow {
    fn from_row(row: &Row<'_>) -> rusqlite::Result<RawRow> {
        Ok(RawRow {
            id: row.get(0)?,
            action: row.get(1)?,
            seller_id: row.get(2)?,
            buyer_id: row.get(3)?,
            kind: row.get(4)?,
            slot: row.get(5)?,
            table: row.get(6)?,
            staff: row.get(7)?,
            at: row.get(8)?,
            note: row.get(9)?,
            reverts: row.get(10)?,
            lock_date: row.get(11)?,
            lock_start: row.get(12)?,
            step: row.get(13)?,
        })
    }

    fn into_entry(self, path: &Path, cal: Option<&Calendar>) -> Result<LogEntry, StoreError> {
        let id = self.id;
        let bad = |detail: String| StoreError::BadRow {
            path: path.to_path_buf(),
            id,
            detail,
        };
        let action = match self.action.as_str() {
            "decide" => LogAction::Decide,
            "note" => LogAction::Note,
            "undo" => LogAction::Undo,
            "redo" => LogAction::Redo,
            other => return Err(bad(format!("unknown action {other:?}"))),
        };
        let at_place = match (&self.lock_date, &self.lock_start) {
            (Some(date), Some(start)) => Some((
                date.parse()
                    .map_err(|e| bad(format!("lock date {date:?}: {e}")))?,
                start
                    .parse()
                    .map_err(|e| bad(format!("lock time {start:?}: {e}")))?,
            )),
            (None, None) => None,
            (date, start) => return Err(bad(format!("lock date {date:?} with time {start:?}"))),
        };
        let mut place = None;
        let mut orphan = false;
        let kind = match (self.kind.as_str(), self.slot, self.table) {
            ("accepted", None, None) => Some(DecisionKind::Accepted),
            ("rejected", None, None) => Some(DecisionKind::Rejected),
            ("clear", None, None) => None,
            ("locked", Some(slot), Some(table)) => {
                let slot = usize::try_from(slot).map_err(|_| bad(format!("slot {slot}")))?;
                let table = u32::try_from(table).map_err(|_| bad(format!("table {table}")))?;
                let stored = StoredLock {
                    slot,
                    table,
                    at: at_place,
                };
                let resolved = calendar::resolve(&stored, cal);
                place = resolved.place;
                orphan = resolved.orphan;
                Some(DecisionKind::Locked {
                    slot: resolved.slot,
                    table,
                })
            }
            (kind, slot, table) => {
                return Err(bad(format!(
                    "kind {kind:?} with slot {slot:?} and table {table:?}"
                )));
            }
        };
        let at = self
            .at
            .parse::<Timestamp>()
            .map_err(|e| bad(format!("time {:?}: {e}", self.at)))?;
        Ok(LogEntry {
            id,
            action,
            seller_id: self.seller_id,
            buyer_id: self.buyer_id,
            kind,
            staff: self.staff,
            at,
            note: self.note,
            reverts: self.reverts,
            step: self.step,
            place,
            orphan,
        })
    }
}

/// Runs a query returning `LOG_COLUMNS` rows and converts them all.
pub(crate) fn query_entries(
    conn: &Connection,
    path: &Path,
    cal: Option<&Calendar>,
    sql: &str,
    params: impl rusqlite::Params,
) -> Result<Vec<LogEntry>, StoreError> {
    let mut stmt = conn.prepare_cached(sql).at(path)?;
    let raws = stmt
        .query_map(params, RawRow::from_row)
        .at(path)?
        .collect::<Result<Vec<_>, _>>()
        .at(path)?;
    raws.into_iter()
        .map(|raw| raw.into_entry(path, cal))
        .collect()
}

/// [`query_entries`] of a query that returns one row at most (by id,
/// `LIMIT 1`, `RETURNING`).
fn query_entry(
    conn: &Connection,
    path: &Path,
    cal: Option<&Calendar>,
    sql: &str,
    params: impl rusqlite::Params,
) -> Result<Option<LogEntry>, StoreError> {
    Ok(query_entries(conn, path, cal, sql, params)?
        .into_iter()
        .next())
}

/// Appends a row stamped with the current time and returns it as stored.
/// With a calendar, a lock is stored with its day and start time too.
pub(crate) fn insert(
    conn: &Connection,
    path: &Path,
    cal: Option<&Calendar>,
    row: &NewRow<'_>,
) -> Result<LogEntry, StoreError> {
    let mut lock_at = None;
    let (kind, slot, table) = match row.kind {
        None => ("clear", None, None),
        Some(DecisionKind::Accepted) => ("accepted", None, None),
        Some(DecisionKind::Rejected) => ("rejected", None, None),
        Some(DecisionKind::Locked { slot, table }) => {
            if let Some(cal) = cal {
                let at = cal.start_of(slot).ok_or_else(|| {
                    StoreError::Invalid(format!(
                        "slot {} is not in the event, which has {} slots",
                        slot + 1,
                        cal.len()
                    ))
                })?;
                lock_at = Some((at.0.to_string(), at.1.to_string()));
            }
            // rusqlite binds only signed integers by default; a slot beyond
            // i64 cannot come from a real event, so it is refused, not wrapped.
            let slot = i64::try_from(slot)
                .map_err(|_| StoreError::Invalid(format!("slot {slot} is too large")))?;
            ("locked", Some(slot), Some(i64::from(table)))
        }
    };
    let action = match row.action {
        LogAction::Decide => "decide",
        LogAction::Note => "note",
        LogAction::Undo => "undo",
        LogAction::Redo => "redo",
    };
    let (lock_date, lock_start) = lock_at.unzip();
    let sql = format!(
        "INSERT INTO decision_log
             (action, seller_id, buyer_id, kind, slot, table_no, staff, at, note, reverts_id,
              lock_date, lock_start, step)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
         RETURNING {LOG_COLUMNS}"
    );
    let entry = query_entry(
        conn,
        path,
        cal,
        &sql,
        params![
            action,
            row.seller_id,
            row.buyer_id,
            kind,
            slot,
            table,
            row.staff,
            Timestamp::now().to_string(),
            row.note,
            row.reverts,
            lock_date,
            lock_start,
            row.step,
        ],
    )?;
    entry.ok_or_else(|| StoreError::Sqlite {
        path: path.to_path_buf(),
        source: rusqlite::Error::QueryReturnedNoRows,
    })
}

pub(crate) fn by_id(
    conn: &Connection,
    path: &Path,
    cal: Option<&Calendar>,
    id: i64,
) -> Result<LogEntry, StoreError> {
    let sql = format!("SELECT {LOG_COLUMNS} FROM decision_log WHERE id = ?1");
    query_entry(conn, path, cal, &sql, [id])?.ok_or_else(|| StoreError::BadRow {
        path: path.to_path_buf(),
        id,
        detail: "referenced by the undo history but missing".to_string(),
    })
}

/// The latest row for a pair, optionally only among rows older than
/// `before`: that is the pair's state just before row `before` was written.
pub(crate) fn latest_for_pair(
    conn: &Connection,
    path: &Path,
    cal: Option<&Calendar>,
    seller_id: &str,
    buyer_id: &str,
    before: Option<i64>,
) -> Result<Option<LogEntry>, StoreError> {
    let sql = format!(
        "SELECT {LOG_COLUMNS} FROM decision_log
         WHERE seller_id = ?1 AND buyer_id = ?2 AND id < ?3
         ORDER BY id DESC LIMIT 1"
    );
    let before = before.unwrap_or(i64::MAX);
    query_entry(conn, path, cal, &sql, params![seller_id, buyer_id, before])
}
