//! Staff-entered wishes: participants phone in "we want to meet B017" or
//! "not S004", and staff record it on their behalf. Like decisions, each
//! change is an appended row (who, when) in `wish_log`, never written into
//! the JSON, and undo and redo are rows too, so every change can be undone
//! and audited.

use std::collections::HashMap;
use std::path::Path;

use jiff::Timestamp;
use rusqlite::{Connection, Row, params};

use super::error::{AtPath, StoreError};
use super::{Store, check_text};
use crate::model::{Side, WishChange};

/// The migration creating `wish_log` (registered in `open::MIGRATIONS`).
/// A row's `wish` and `rank` are the change it records; undo and redo rows
/// repeat the pair and change of the row they revert, for reading the log.
pub(crate) const MIGRATION: &str = "CREATE TABLE wish_log (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        action     TEXT    NOT NULL CHECK (action IN ('set', 'undo', 'redo')),
        from_side  TEXT    NOT NULL CHECK (from_side IN ('seller', 'buyer')),
        from_id    TEXT    NOT NULL CHECK (length(from_id) > 0),
        to_id      TEXT    NOT NULL CHECK (length(to_id) > 0),
        wish       TEXT    NOT NULL CHECK (wish IN ('meet', 'avoid', 'remove')),
        rank       INTEGER CHECK (rank >= 1),
        staff      TEXT    NOT NULL CHECK (length(staff) > 0),
        at         TEXT    NOT NULL,
        reverts_id INTEGER REFERENCES wish_log (id),
        CHECK ((wish = 'meet') = (rank IS NOT NULL)),
        CHECK ((action IN ('undo', 'redo')) = (reverts_id IS NOT NULL))
    );
    CREATE INDEX wish_log_staff ON wish_log (staff, id);";

const COLUMNS: &str = "id, action, from_side, from_id, to_id, wish, rank, staff, at, reverts_id";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WishAction {
    Set,
    /// Undid the `Set` row `reverts`.
    Undo,
    /// Reversed the undo row `reverts`.
    Redo,
}

/// One row of `wish_log`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WishRow {
    pub id: i64,
    pub action: WishAction,
    pub from: Side,
    pub from_id: String,
    pub to_id: String,
    pub change: WishChange,
    pub staff: String,
    pub at: Timestamp,
    pub reverts: Option<i64>,
}

/// A wish to record on a participant's behalf.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewWish<'a> {
    pub from: Side,
    pub from_id: &'a str,
    pub to_id: &'a str,
    pub change: WishChange,
    pub staff: &'a str,
}

impl Store {
    /// Appends a staff-entered wish and returns its row.
    pub fn record_wish(&self, w: &NewWish<'_>) -> Result<WishRow, StoreError> {
        check_text("participant id", w.from_id)?;
        check_text("participant id", w.to_id)?;
        check_text("staff name", w.staff)?;
        self.write(|tx| insert(tx, &self.path, WishAction::Set, w, None))
    }

    /// The whole wish log, oldest first.
    pub fn wish_log(&self) -> Result<Vec<WishRow>, StoreError> {
        read_all(&self.conn, &self.path)
    }

    /// The `Set` rows in force (not undone), oldest first: applied in this
    /// order over the participants' own wishes they give the current ones.
    pub fn wishes_in_force(&self) -> Result<Vec<WishRow>, StoreError> {
        Ok(in_force(&read_all(&self.conn, &self.path)?))
    }

    /// Undoes `staff`'s latest wish change still in force; `None` if none.
    pub fn undo_wish(&self, staff: &str) -> Result<Option<WishRow>, StoreError> {
        self.step_wish(staff, WishAction::Undo)
    }

    /// Re-applies `staff`'s latest undone wish change; `None` if none.
    pub fn redo_wish(&self, staff: &str) -> Result<Option<WishRow>, StoreError> {
        self.step_wish(staff, WishAction::Redo)
    }

    /// Writes an undo (or redo) row reverting the top of `staff`'s undo
    /// (or redo) stack.
    fn step_wish(&self, staff: &str, action: WishAction) -> Result<Option<WishRow>, StoreError> {
        self.write(|tx| {
            let rows = read_all(tx, &self.path)?;
            let (undo, redo) = stacks(&rows, staff);
            let stack = if action == WishAction::Redo {
                redo
            } else {
                undo
            };
            let Some(target) = stack.last().copied() else {
                return Ok(None);
            };
            let Some(row) = rows.iter().find(|r| r.id == target) else {
                return Ok(None);
            };
            let again = as_new(row, staff);
            insert(tx, &self.path, action, &again, Some(target)).map(Some)
        })
    }
}

fn as_new<'a>(row: &'a WishRow, staff: &'a str) -> NewWish<'a> {
    NewWish {
        from: row.from,
        from_id: &row.from_id,
        to_id: &row.to_id,
        change: row.change,
        staff,
    }
}

/// The `Set` rows not undone, in order.
fn in_force(rows: &[WishRow]) -> Vec<WishRow> {
    let mut active: HashMap<i64, bool> = HashMap::new();
    let mut undone_by: HashMap<i64, i64> = HashMap::new();
    for row in rows {
        match (row.action, row.reverts) {
            (WishAction::Set, _) => {
                active.insert(row.id, true);
            }
            (WishAction::Undo, Some(set)) => {
                active.insert(set, false);
                undone_by.insert(row.id, set);
            }
            (WishAction::Redo, Some(undo)) => {
                if let Some(&set) = undone_by.get(&undo) {
                    active.insert(set, true);
                }
            }
            _ => {}
        }
    }
    rows.iter()
        .filter(|r| r.action == WishAction::Set && active.get(&r.id) == Some(&true))
        .cloned()
        .collect()
}

/// `staff`'s undo stack (`Set` row ids) and redo stack (`Undo` row ids); a
/// new change clears the redo stack, as in any editor.
fn stacks(rows: &[WishRow], staff: &str) -> (Vec<i64>, Vec<i64>) {
    let (mut undo, mut redo) = (Vec::new(), Vec::new());
    for row in rows.iter().filter(|r| r.staff == staff) {
        match row.action {
            WishAction::Set => {
                undo.push(row.id);
                redo.clear();
            }
            WishAction::Undo => {
                undo.retain(|&id| Some(id) != row.reverts);
                redo.push(row.id);
            }
            WishAction::Redo => {
                redo.retain(|&id| Some(id) != row.reverts);
                let set = rows
                    .iter()
                    .find(|r| Some(r.id) == row.reverts)
                    .and_then(|u| u.reverts);
                undo.extend(set);
            }
        }
    }
    (undo, redo)
}

fn insert(
    conn: &Connection,
    path: &Path,
    action: WishAction,
    w: &NewWish<'_>,
    reverts: Option<i64>,
) -> Result<WishRow, StoreError> {
    let at = Timestamp::now();
    let (wish, rank) = match w.change {
        WishChange::Meet { rank } => ("meet", Some(i64::from(rank.max(1)))),
        WishChange::Avoid => ("avoid", None),
        WishChange::Remove => ("remove", None),
    };
    let action_text = match action {
        WishAction::Set => "set",
        WishAction::Undo => "undo",
        WishAction::Redo => "redo",
    };
    let side = match w.from {
        Side::Seller => "seller",
        Side::Buyer => "buyer",
    };
    conn.execute(
        "INSERT INTO wish_log (action, from_side, from_id, to_id, wish, rank, staff, at, reverts_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![action_text, side, w.from_id, w.to_id, wish, rank, w.staff, at.to_string(), reverts],
    )
    .at(path)?;
    Ok(WishRow {
        id: conn.last_insert_rowid(),
        action,
        from: w.from,
        from_id: w.from_id.to_string(),
        to_id: w.to_id.to_string(),
        change: w.change,
        staff: w.staff.to_string(),
        at,
        reverts,
    })
}

fn read_all(conn: &Connection, path: &Path) -> Result<Vec<WishRow>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM wish_log ORDER BY id");
    let mut stmt = conn.prepare_cached(&sql).at(path)?;
    let raws = stmt
        .query_map([], raw_row)
        .at(path)?
        .collect::<Result<Vec<_>, _>>()
        .at(path)?;
    raws.into_iter().map(|raw| parse(raw, path)).collect()
}

type RawWishRow = (
    i64,
    String,
    String,
    String,
    String,
    String,
    Option<i64>,
    String,
    String,
    Option<i64>,
);

fn raw_row(row: &Row<'_>) -> rusqlite::Result<RawWishRow> {
    Ok((
        row.get(0)?,
        row.get(1)?,
        row.get(2)?,
        row.get(3)?,
        row.get(4)?,
        row.get(5)?,
        row.get(6)?,
        row.get(7)?,
        row.get(8)?,
        row.get(9)?,
    ))
}

/// Trusts nothing a hand-edited database may hold.
fn parse(raw: RawWishRow, path: &Path) -> Result<WishRow, StoreError> {
    let (id, action, side, from_id, to_id, wish, rank, staff, at, reverts) = raw;
    let bad = |detail: String| StoreError::BadRow {
        path: path.to_path_buf(),
        id,
        detail: format!("wish_log: {detail}"),
    };
    let action = match action.as_str() {
        "set" => WishAction::Set,
        "undo" => WishAction::Undo,
        "redo" => WishAction::Redo,
        other => return Err(bad(format!("unknown action {other:?}"))),
    };
    let from = match side.as_str() {
        "seller" => Side::Seller,
        "buyer" => Side::Buyer,
        other => return Err(bad(format!("unknown side {other:?}"))),
    };
    let change = match (wish.as_str(), rank) {
        ("meet", Some(rank)) => WishChange::Meet {
            rank: u32::try_from(rank).map_err(|_| bad(format!("rank {rank}")))?,
        },
        ("avoid", None) => WishChange::Avoid,
        ("remove", None) => WishChange::Remove,
        (wish, rank) => return Err(bad(format!("wish {wish:?} with rank {rank:?}"))),
    };
    let at = at
        .parse::<Timestamp>()
        .map_err(|e| bad(format!("time {at:?}: {e}")))?;
    Ok(WishRow {
        id,
        action,
        from,
        from_id,
        to_id,
        change,
        staff,
        at,
        reverts,
    })
}
