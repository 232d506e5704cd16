//! Locks are kept by day and start time, not by slot index, so that a
//! change to the event (another slot length, a day added in front) cannot
//! silently move them. The rest of matchslate speaks slot indices; the
//! store translates through the event's slots, and a lock whose day and
//! time is no longer a slot is reported as orphaned instead of moved.

use std::collections::HashMap;

use jiff::civil::{Date, Time};

use crate::model::Slot;

/// Where a lock is, as the store keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LockPlace {
    pub date: Date,
    pub start: Time,
    /// 0-based.
    pub table: u32,
}

impl std::fmt::Display for LockPlace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {} table {}",
            self.date,
            self.start.strftime("%H:%M"),
            u64::from(self.table) + 1
        )
    }
}

/// The event's slots by index and by (day, start).
#[derive(Debug, Clone, Default)]
pub(crate) struct Calendar {
    starts: Vec<(Date, Time)>,
    index: HashMap<(Date, Time), usize>,
}

impl Calendar {
    pub fn new(slots: &[Slot]) -> Calendar {
        let starts: Vec<(Date, Time)> = slots.iter().map(|s| (s.date, s.start)).collect();
        let index = starts.iter().enumerate().map(|(i, &k)| (k, i)).collect();
        Calendar { starts, index }
    }

    pub fn start_of(&self, slot: usize) -> Option<(Date, Time)> {
        self.starts.get(slot).copied()
    }

    pub fn slot_at(&self, date: Date, start: Time) -> Option<usize> {
        self.index.get(&(date, start)).copied()
    }

    pub fn len(&self) -> usize {
        self.starts.len()
    }
}

/// A lock as read from a row: its stored slot index, and its day and time
/// when the row has them (rows written before version 2 do not).
pub(crate) struct StoredLock {
    pub slot: usize,
    pub table: u32,
    pub at: Option<(Date, Time)>,
}

/// A stored lock resolved against the event: the slot it is in now, its
/// place, and whether it is orphaned (its day and time is no slot).
pub(crate) struct ResolvedLock {
    pub slot: usize,
    pub place: Option<LockPlace>,
    pub orphan: bool,
}

/// Without a calendar the stored slot index is taken as it is (tests, and
/// tools that never see the event).
pub(crate) fn resolve(lock: &StoredLock, calendar: Option<&Calendar>) -> ResolvedLock {
    let place = |(date, start): (Date, Time)| LockPlace {
        date,
        start,
        table: lock.table,
    };
    match (calendar, lock.at) {
        (None, at) => ResolvedLock {
            slot: lock.slot,
            place: at.map(place),
            orphan: false,
        },
        (Some(cal), Some((date, start))) => match cal.slot_at(date, start) {
            Some(slot) => ResolvedLock {
                slot,
                place: Some(place((date, start))),
                orphan: false,
            },
            None => ResolvedLock {
                slot: lock.slot,
                place: Some(place((date, start))),
                orphan: true,
            },
        },
        (Some(cal), None) => match cal.start_of(lock.slot) {
            Some(at) => ResolvedLock {
                slot: lock.slot,
                place: Some(place(at)),
                orphan: false,
            },
            None => ResolvedLock {
                slot: lock.slot,
                place: None,
                orphan: true,
            },
        },
    }
}

/// How staff read a lock's place in messages.
pub(crate) fn describe(slot: usize, table: u32, calendar: Option<&Calendar>) -> String {
    match calendar.and_then(|c| c.start_of(slot)) {
        Some((date, start)) => LockPlace { date, start, table }.to_string(),
        None => format!("slot {} table {}", slot + 1, u64::from(table) + 1),
    }
}

/// True when some lock rows were written before locks had a day and time.
pub(crate) fn has_unpinned_locks(
    conn: &rusqlite::Connection,
    path: &std::path::Path,
) -> Result<bool, super::StoreError> {
    use super::error::AtPath;
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM decision_log WHERE kind = 'locked' AND lock_date IS NULL)",
        [],
        |row| row.get(0),
    )
    .at(path)
}

/// The migration of stores from before version 2: gives every lock stored
/// by slot index the day and time that slot has in the event now (the
/// event the locks were made for, as far as anyone can know). Locks whose
/// index is past the event's last slot stay as they are, and are orphans.
pub(crate) fn pin_legacy_locks(
    conn: &rusqlite::Connection,
    path: &std::path::Path,
    cal: &Calendar,
) -> Result<(), super::StoreError> {
    use super::error::AtPath;
    let mut stmt = conn
        .prepare(
            "UPDATE decision_log SET lock_date = ?1, lock_start = ?2
             WHERE kind = 'locked' AND lock_date IS NULL AND slot = ?3",
        )
        .at(path)?;
    for (slot, (date, start)) in cal.starts.iter().enumerate() {
        let Ok(slot) = i64::try_from(slot) else {
            break;
        };
        stmt.execute(rusqlite::params![date.to_string(), start.to_string(), slot])
            .at(path)?;
    }
    Ok(())
}
