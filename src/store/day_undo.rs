//! Undo and redo of the day log, per staff member, as for decisions: each
//! staff member's stacks are rebuilt from their own rows, and reversing a
//! row is refused when someone else has changed its subject since.

use std::path::Path;

use rusqlite::Connection;

use super::day::{self, NewDayRow};
use super::day_types::{DayAction, DayEntry, DayState, DaySubject};
use super::error::StoreError;
use super::undo::{Stacks, stacks_from};
use super::{Store, check_text};

/// This staff member's day-log stacks: each row is a step of its own.
fn stacks_for(conn: &Connection, path: &Path, staff: &str) -> Result<Stacks, StoreError> {
    stacks_from(
        conn,
        path,
        "SELECT id, action, reverts_id, id FROM day_log WHERE staff = ?1 ORDER BY id",
        staff,
    )
}

/// How a refusal names a subject: "B007 on 2026-05-12", "S001·B007".
fn subject_words(subject: &DaySubject) -> String {
    format!("the {} of {}", subject.noun(), subject.who())
}

impl Store {
    /// Undoes `staff`'s latest check-in or outcome not undone yet, putting
    /// its subject back as it was just before. Refused with
    /// [`StoreError::DayRefused`] if someone else changed that subject
    /// since. Returns the row written, or `None` when there is nothing to
    /// undo.
    pub fn undo_day(&self, staff: &str) -> Result<Option<DayEntry>, StoreError> {
        check_text("staff name", staff)?;
        self.write(|tx| {
            let stacks = stacks_for(tx, &self.path, staff)?;
            let Some(&target_id) = stacks.undo.last() else {
                return Ok(None);
            };
            let target = day::by_id(tx, &self.path, target_id)?;
            self.refuse_day_if_changed(tx, "undo", &target, staff)?;
            let before = day::latest(tx, &self.path, &target.subject, Some(target.id))?;
            let (state, note) = before.map_or((DayState::Cleared, None), |e| (e.state, e.note));
            let row = NewDayRow {
                action: DayAction::Undo,
                subject: &target.subject,
                state,
                note: note.as_deref(),
                staff,
                reverts: Some(target.id),
            };
            day::insert(tx, &self.path, &row).map(Some)
        })
    }

    /// Re-applies `staff`'s most recently undone check-in or outcome.
    /// Returns `None` when there is nothing to redo (also after a new row by
    /// `staff`); refused like [`Store::undo_day`].
    pub fn redo_day(&self, staff: &str) -> Result<Option<DayEntry>, StoreError> {
        check_text("staff name", staff)?;
        self.write(|tx| {
            let stacks = stacks_for(tx, &self.path, staff)?;
            let Some(&undo_id) = stacks.redo.last() else {
                return Ok(None);
            };
            let undo_row = day::by_id(tx, &self.path, undo_id)?;
            let Some(undone_id) = undo_row.reverts else {
                return Err(StoreError::BadRow {
                    path: self.path.clone(),
                    id: undo_id,
                    detail: "undo row without the row it undid".to_string(),
                });
            };
            let undone = day::by_id(tx, &self.path, undone_id)?;
            self.refuse_day_if_changed(tx, "redo", &undo_row, staff)?;
            let row = NewDayRow {
                action: DayAction::Redo,
                subject: &undone.subject,
                state: undone.state,
                note: undone.note.as_deref(),
                staff,
                reverts: Some(undo_id),
            };
            day::insert(tx, &self.path, &row).map(Some)
        })
    }

    fn refuse_day_if_changed(
        &self,
        tx: &Connection,
        what: &'static str,
        row: &DayEntry,
        staff: &str,
    ) -> Result<(), StoreError> {
        let Some(last) = day::latest(tx, &self.path, &row.subject, None)? else {
            return Ok(());
        };
        if last.id > row.id && last.staff != staff {
            return Err(StoreError::DayRefused {
                what,
                subject: subject_words(&row.subject),
                by: last.staff,
                at: last.at,
            });
        }
        Ok(())
    }
}
