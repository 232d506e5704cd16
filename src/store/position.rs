//! Where the decision and wish logs stand: the ids of their latest rows.
//! Both logs are append-only, so a reader that holds the position its
//! copy was read at knows whether anyone (any connection, any process)
//! wrote since, which SQLite's `data_version` cannot say across
//! connections: it counts commits by connections other than one's own.

use super::Store;
use super::error::{AtPath, StoreError};

/// The ids of the latest decision-log and wish-log rows (0 for none).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct LogPosition {
    pub decisions: i64,
    pub wishes: i64,
}

impl LogPosition {
    /// True when `self` was read no earlier than `other` (logs only grow).
    pub fn at_or_after(self, other: LogPosition) -> bool {
        self.decisions >= other.decisions && self.wishes >= other.wishes
    }
}

impl Store {
    /// The decision and wish logs' position now.
    pub fn position(&self) -> Result<LogPosition, StoreError> {
        self.conn
            .query_row(
                "SELECT (SELECT coalesce(max(id), 0) FROM decision_log),
                        (SELECT coalesce(max(id), 0) FROM wish_log)",
                [],
                |row| {
                    Ok(LogPosition {
                        decisions: row.get(0)?,
                        wishes: row.get(1)?,
                    })
                },
            )
            .at(&self.path)
    }
}
