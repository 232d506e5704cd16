//! Locks never clash: before a step is written, every lock it sets is
//! checked against the locks in force and against the step's other locks.
//! Two locks clash when they are in the same slot and share the seller, the
//! buyer or the table.

use std::collections::HashSet;
use std::path::Path;

use rusqlite::Connection;

use super::calendar::{self, Calendar};
use super::error::{ClashReason, LockClash, StoreError};
use super::rows::{self, LOG_COLUMNS};
use crate::model::DecisionKind;

/// One pair's new state within a step (`kind: None` clears it).
#[derive(Debug, Clone)]
pub(crate) struct Change {
    pub seller_id: String,
    pub buyer_id: String,
    pub kind: Option<DecisionKind>,
    pub note: Option<String>,
    /// For undo and redo rows, the row reversed.
    pub reverts: Option<i64>,
}

struct Lock<'a> {
    seller_id: &'a str,
    buyer_id: &'a str,
    slot: usize,
    table: u32,
    staff: &'a str,
}

/// Refuses the step if one of its locks clashes, naming the lock it
/// clashes with. Pairs the step changes are judged by their new state, so a
/// swap (two locks trading places) passes.
pub(crate) fn check(
    conn: &Connection,
    path: &Path,
    cal: Option<&Calendar>,
    changes: &[Change],
) -> Result<(), StoreError> {
    let new_locks: Vec<Lock<'_>> = changes
        .iter()
        .filter_map(|c| match c.kind {
            Some(DecisionKind::Locked { slot, table }) => Some(Lock {
                seller_id: &c.seller_id,
                buyer_id: &c.buyer_id,
                slot,
                table,
                staff: "",
            }),
            _ => None,
        })
        .collect();
    if new_locks.is_empty() {
        return Ok(());
    }
    let changed: HashSet<(&str, &str)> = changes
        .iter()
        .map(|c| (c.seller_id.as_str(), c.buyer_id.as_str()))
        .collect();
    let slots: HashSet<usize> = new_locks.iter().map(|l| l.slot).collect();
    // Only locks in force (the latest row of their pair) that are in one of
    // the step's slots and not orphaned by an event change.
    let sql = format!(
        "SELECT {LOG_COLUMNS} FROM decision_log d
         WHERE kind = 'locked'
           AND id = (SELECT max(id) FROM decision_log e
                     WHERE e.seller_id = d.seller_id AND e.buyer_id = d.buyer_id)"
    );
    let in_force = rows::query_entries(conn, path, cal, &sql, [])?;
    let existing: Vec<Lock<'_>> = in_force
        .iter()
        .filter(|e| !e.orphan && !changed.contains(&(e.seller_id.as_str(), e.buyer_id.as_str())))
        .filter_map(|e| match e.kind {
            Some(DecisionKind::Locked { slot, table }) if slots.contains(&slot) => Some(Lock {
                seller_id: &e.seller_id,
                buyer_id: &e.buyer_id,
                slot,
                table,
                staff: &e.staff,
            }),
            _ => None,
        })
        .collect();
    for (i, lock) in new_locks.iter().enumerate() {
        for other in existing.iter().chain(&new_locks[..i]) {
            if let Some(reason) = clash(lock, other) {
                return Err(StoreError::LockClash(Box::new(LockClash {
                    seller_id: lock.seller_id.to_string(),
                    buyer_id: lock.buyer_id.to_string(),
                    place: calendar::describe(lock.slot, lock.table, cal),
                    with_seller: other.seller_id.to_string(),
                    with_buyer: other.buyer_id.to_string(),
                    with_staff: other.staff.to_string(),
                    reason,
                })));
            }
        }
    }
    Ok(())
}

fn clash(a: &Lock<'_>, b: &Lock<'_>) -> Option<ClashReason> {
    if a.slot != b.slot {
        None
    } else if a.seller_id == b.seller_id {
        Some(ClashReason::Seller)
    } else if a.buyer_id == b.buyer_id {
        Some(ClashReason::Buyer)
    } else if a.table == b.table {
        Some(ClashReason::Table)
    } else {
        None
    }
}
