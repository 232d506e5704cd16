//! Undo and redo, per staff member. Each staff member's stacks are rebuilt
//! from their own log rows, counted in steps (a swap's two locks are one
//! step). Reversing a step is refused when someone else has changed one of
//! its pairs since: undo must never erase a colleague's later decision.

use std::collections::HashMap;
use std::path::Path;

use rusqlite::Connection;

use super::calendar::Calendar;
use super::error::{AtPath, Refusal, StoreError};
use super::rows::{self, LOG_COLUMNS};
use super::{LogAction, LogEntry, Store, clash};
use crate::model::DecisionKind;

/// One staff member's undo and redo stacks, as step ids (the id of each
/// step's first row). The undo stack holds steps that applied states
/// (decisions, notes, redos); the redo stack holds undo steps.
#[derive(Debug, Default)]
pub(super) struct Stacks {
    pub(super) undo: Vec<i64>,
    pub(super) redo: Vec<i64>,
}

fn stacks_for(conn: &Connection, path: &Path, staff: &str) -> Result<Stacks, StoreError> {
    stacks_from(
        conn,
        path,
        "SELECT id, action, reverts_id, coalesce(step, id)
         FROM decision_log WHERE staff = ?1 ORDER BY id",
        staff,
    )
}

/// Rebuilds one staff member's stacks from their rows, read by `sql` as
/// (id, action, reverts_id, step) oldest first, from the decision log or
/// the day log (whose rows are one-row steps): a row that applies a state
/// ("decide", "note", "record") pushes its step, an undo moves the step it
/// undid to the redo stack, a redo moves it back.
pub(super) fn stacks_from(
    conn: &Connection,
    path: &Path,
    sql: &str,
    staff: &str,
) -> Result<Stacks, StoreError> {
    let mut stmt = conn.prepare_cached(sql).at(path)?;
    let rows = stmt
        .query_map([staff], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, Option<i64>>(2)?,
                row.get::<_, i64>(3)?,
            ))
        })
        .at(path)?;
    let mut stacks = Stacks::default();
    let mut step_of: HashMap<i64, i64> = HashMap::new();
    for row in rows {
        let (id, action, reverts, step) = row.at(path)?;
        step_of.insert(id, step);
        match (action.as_str(), reverts) {
            ("decide" | "note" | "record", _) => {
                push_step(&mut stacks.undo, step);
                // A fresh decision makes the undone future unreachable, as in
                // any editor.
                stacks.redo.clear();
            }
            ("undo", Some(target)) => {
                if let Some(&undone) = step_of.get(&target) {
                    remove_latest(&mut stacks.undo, undone);
                }
                push_step(&mut stacks.redo, step);
            }
            ("redo", Some(undo_row)) => {
                if let Some(&undo_step) = step_of.get(&undo_row) {
                    remove_latest(&mut stacks.redo, undo_step);
                }
                push_step(&mut stacks.undo, step);
            }
            (other, _) => {
                return Err(StoreError::BadRow {
                    path: path.to_path_buf(),
                    id,
                    detail: format!("action {other:?} with reverts_id {reverts:?}"),
                });
            }
        }
    }
    Ok(stacks)
}

/// The rows of a step share its id, so a step is pushed once.
fn push_step(stack: &mut Vec<i64>, step: i64) {
    if stack.last() != Some(&step) {
        stack.push(step);
    }
}

/// Removes `id` from a stack. It is normally the top, as every undo and redo
/// is computed under the write lock; searching keeps a hand-edited log from
/// derailing the stacks.
fn remove_latest(stack: &mut Vec<i64>, id: i64) {
    if let Some(pos) = stack.iter().rposition(|&x| x == id) {
        stack.remove(pos);
    }
}

fn step_rows(
    conn: &Connection,
    path: &Path,
    cal: Option<&Calendar>,
    step: i64,
) -> Result<Vec<LogEntry>, StoreError> {
    let sql =
        format!("SELECT {LOG_COLUMNS} FROM decision_log WHERE id = ?1 OR step = ?1 ORDER BY id");
    rows::query_entries(conn, path, cal, &sql, [step])
}

/// Someone else's latest row on the pair after row `after`, if any.
fn changed_by_others(
    conn: &Connection,
    path: &Path,
    cal: Option<&Calendar>,
    row: &LogEntry,
    staff: &str,
) -> Result<Option<LogEntry>, StoreError> {
    let sql = format!(
        "SELECT {LOG_COLUMNS} FROM decision_log
         WHERE seller_id = ?1 AND buyer_id = ?2 AND id > ?3 AND staff <> ?4
         ORDER BY id DESC LIMIT 1"
    );
    let found = rows::query_entries(
        conn,
        path,
        cal,
        &sql,
        rusqlite::params![row.seller_id, row.buyer_id, row.id, staff],
    )?;
    Ok(found.into_iter().next())
}

/// How a refusal names a log row: as the change of yours it talks about
/// ("accept", "lock", ...) and as what someone else did to the pair
/// ("rejected", "undid a change to", ...).
fn words(entry: &LogEntry) -> (&'static str, &'static str) {
    match (entry.action, entry.kind) {
        (LogAction::Note, _) => ("note", "changed the note on"),
        (LogAction::Undo, _) => ("undo", "undid a change to"),
        (LogAction::Redo, _) => ("redo", "redid a change to"),
        (LogAction::Decide, None) => ("clear", "cleared"),
        (LogAction::Decide, Some(DecisionKind::Accepted)) => ("accept", "accepted"),
        (LogAction::Decide, Some(DecisionKind::Rejected)) => ("reject", "rejected"),
        (LogAction::Decide, Some(DecisionKind::Locked { .. })) => ("lock", "locked"),
    }
}

impl Store {
    /// Undoes `staff`'s latest step that is not undone yet (one decision, or
    /// both locks of a swap), by appending rows that put each pair back in
    /// the state it had just before. Refused with [`StoreError::Refused`],
    /// naming who and when, if anyone else has changed one of its pairs
    /// since. Returns the rows written, or `None` when there is nothing to
    /// undo.
    pub fn undo(&self, staff: &str) -> Result<Option<Vec<LogEntry>>, StoreError> {
        let cal = self.calendar.as_ref();
        self.write(|tx| {
            let stacks = stacks_for(tx, &self.path, staff)?;
            let Some(&step) = stacks.undo.last() else {
                return Ok(None);
            };
            let targets = step_rows(tx, &self.path, cal, step)?;
            self.refuse_if_changed(tx, "undo", &targets, staff)?;
            let mut changes = Vec::new();
            for target in &targets {
                let before = rows::latest_for_pair(
                    tx,
                    &self.path,
                    cal,
                    &target.seller_id,
                    &target.buyer_id,
                    Some(target.id),
                )?;
                changes.push(clash::Change {
                    seller_id: target.seller_id.clone(),
                    buyer_id: target.buyer_id.clone(),
                    kind: before.as_ref().and_then(|e| e.kind),
                    note: before.and_then(|e| e.note),
                    reverts: Some(target.id),
                });
            }
            let written = self.apply(tx, LogAction::Undo, staff, &changes)?;
            Ok(Some(written))
        })
    }

    /// Re-applies `staff`'s most recently undone step. Returns `None` when
    /// there is nothing to redo, including after a new decision by `staff`;
    /// refused like [`Store::undo`] if someone else changed a pair since.
    pub fn redo(&self, staff: &str) -> Result<Option<Vec<LogEntry>>, StoreError> {
        let cal = self.calendar.as_ref();
        self.write(|tx| {
            let stacks = stacks_for(tx, &self.path, staff)?;
            let Some(&step) = stacks.redo.last() else {
                return Ok(None);
            };
            let undo_rows = step_rows(tx, &self.path, cal, step)?;
            let mut undone_rows = Vec::new();
            for undo_row in &undo_rows {
                let Some(undone_id) = undo_row.reverts else {
                    return Err(StoreError::BadRow {
                        path: self.path.clone(),
                        id: undo_row.id,
                        detail: "undo row without the row it undid".to_string(),
                    });
                };
                undone_rows.push(rows::by_id(tx, &self.path, cal, undone_id)?);
            }
            self.refuse_if_changed(tx, "redo", &undo_rows, staff)?;
            let changes: Vec<clash::Change> = undo_rows
                .iter()
                .zip(&undone_rows)
                .map(|(undo_row, undone)| clash::Change {
                    seller_id: undone.seller_id.clone(),
                    buyer_id: undone.buyer_id.clone(),
                    kind: undone.kind,
                    note: undone.note.clone(),
                    reverts: Some(undo_row.id),
                })
                .collect();
            let written = self.apply(tx, LogAction::Redo, staff, &changes)?;
            Ok(Some(written))
        })
    }

    /// Refuses when another staff member wrote one of `rows`' pairs after
    /// that row (one of yours).
    fn refuse_if_changed(
        &self,
        tx: &Connection,
        what: &'static str,
        rows: &[LogEntry],
        staff: &str,
    ) -> Result<(), StoreError> {
        for row in rows {
            if let Some(other) =
                changed_by_others(tx, &self.path, self.calendar.as_ref(), row, staff)?
            {
                return Err(StoreError::Refused(Box::new(Refusal {
                    what,
                    seller_id: row.seller_id.clone(),
                    buyer_id: row.buyer_id.clone(),
                    yours: words(row).0,
                    by: other.staff.clone(),
                    did: words(&other).1,
                    at: other.at,
                })));
            }
        }
        Ok(())
    }
}
