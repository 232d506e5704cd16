//! Slate versions: every slate saved as a numbered version with its
//! meetings, the parameters and seed it was made with, the decision-log
//! position it was built from, its figures, and who made it and when.
//!
//! A version is written in one transaction, so a crash mid-save leaves the
//! earlier versions as they were. Published versions are immutable and no
//! version is ever deleted (both enforced by triggers, see `schema`).

use std::collections::BTreeMap;

use jiff::Timestamp;
use jiff::civil::{Date, Time};
use rusqlite::params;
use serde::{Deserialize, Serialize};

mod pack;
mod sql;

use sql::{
    all_infos, amend_version, insert_meetings, insert_version, latest_number, read_info,
    read_meetings, replace_meetings,
};

use super::error::{AtPath, StoreError};
use super::{LogEntry, NewDecision, Store, check_step, check_text};
use crate::model::MeetingStatus;

/// One meeting of a saved slate, by participant ids and civil time, so it
/// keeps its meaning when the data files or the event change.
#[derive(Debug, Clone, PartialEq)]
pub struct VersionMeeting {
    pub seller_id: String,
    pub buyer_id: String,
    pub date: Date,
    pub start: Time,
    pub end: Time,
    /// 0-based.
    pub table: u32,
    pub score: f64,
    pub interpreter: bool,
    pub status: MeetingStatus,
}

/// What made a version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Origin {
    /// A scheduler run (CLI or desk).
    Schedule,
    /// Moves and swaps in the desk.
    Desk,
    /// A copy of an earlier version.
    Rollback,
}

impl Origin {
    pub fn label(self) -> &'static str {
        match self {
            Origin::Schedule => "schedule",
            Origin::Desk => "desk",
            Origin::Rollback => "rollback",
        }
    }

    fn parse(text: &str) -> Option<Origin> {
        [Origin::Schedule, Origin::Desk, Origin::Rollback]
            .into_iter()
            .find(|o| o.label() == text)
    }
}

/// A slate's figures: its score, the upper bound, and fairness figures by
/// name (for example the fewest meetings any buyer got).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Figures {
    pub score: f64,
    pub upper_bound: f64,
    #[serde(default)]
    pub fairness: BTreeMap<String, f64>,
}

impl Figures {
    /// The score as a percentage of the bound (100 when the bound is 0).
    pub fn percent_of_bound(&self) -> f64 {
        if self.upper_bound <= 0.0 {
            100.0
        } else {
            (100.0 * self.score / self.upper_bound).min(100.0)
        }
    }
}

/// A slate to save.
#[derive(Debug, Clone, Copy)]
pub struct NewVersion<'a> {
    pub meetings: &'a [VersionMeeting],
    /// The parameters the slate was made with (minimum score, time limit…).
    pub params: &'a serde_json::Value,
    pub seed: u64,
    pub figures: &'a Figures,
    /// [`Store::log_position`] when the decisions were read.
    pub log_position: i64,
    pub staff: &'a str,
    pub origin: Origin,
}

/// When and by whom a version was published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Publication {
    pub at: Timestamp,
    pub staff: String,
    pub note: Option<String>,
}

/// A saved version, without its meetings.
#[derive(Debug, Clone, PartialEq)]
pub struct VersionInfo {
    pub number: i64,
    pub made_at: Timestamp,
    pub staff: String,
    pub origin: Origin,
    pub log_position: i64,
    pub params: serde_json::Value,
    pub seed: u64,
    pub figures: Figures,
    pub meetings: usize,
    /// For a rollback, the version it copies.
    pub rolled_back_from: Option<i64>,
    /// When desk moves last amended this draft.
    pub amended_at: Option<Timestamp>,
    pub published: Option<Publication>,
}

pub(super) const VERSION_COLUMNS: &str = "id, made_at, staff, origin, log_position, params, seed, figures, \
     meeting_count, rolled_back_from, amended_at, published_at, published_by, publish_note";

impl Store {
    /// Saves a slate as a new version, in one transaction.
    pub fn save_version(&self, new: &NewVersion<'_>) -> Result<VersionInfo, StoreError> {
        check_text("staff name", new.staff)?;
        self.write(|tx| {
            let number = insert_version(tx, &self.path, new, None)?;
            insert_meetings(tx, &self.path, number, new.meetings)?;
            read_info(tx, &self.path, number)
        })
    }

    /// Saves a desk edit: it amends the latest version when that is an
    /// unpublished draft by the same staff member, so a run of moves makes
    /// one version rather than one per key press; otherwise it saves a new
    /// version.
    pub fn save_draft(&self, new: &NewVersion<'_>) -> Result<VersionInfo, StoreError> {
        check_text("staff name", new.staff)?;
        self.write(|tx| self.save_draft_in(tx, new))
    }

    /// [`Store::save_draft`]'s writes, in a transaction already begun.
    pub(super) fn save_draft_in(
        &self,
        tx: &rusqlite::Connection,
        new: &NewVersion<'_>,
    ) -> Result<VersionInfo, StoreError> {
        let latest = latest_number(tx, &self.path)?;
        let own_draft = match latest {
            Some(n) => {
                let info = read_info(tx, &self.path, n)?;
                (info.published.is_none() && info.staff == new.staff).then_some(n)
            }
            None => None,
        };
        let number = match own_draft {
            Some(n) => {
                amend_version(tx, &self.path, n, new)?;
                replace_meetings(tx, &self.path, n, new.meetings)?;
                n
            }
            None => {
                let n = insert_version(tx, &self.path, new, None)?;
                insert_meetings(tx, &self.path, n, new.meetings)?;
                n
            }
        };
        read_info(tx, &self.path, number)
    }

    /// Records desk moves (`ds`, their locks) and saves `draft` (the slate
    /// with the moves made) as this staff member's draft, in one
    /// transaction: both land or neither does. The draft's log position is
    /// the step's last row. See [`Store::save_draft`].
    pub fn record_step_with_draft(
        &self,
        ds: &[NewDecision<'_>],
        draft: &NewVersion<'_>,
    ) -> Result<(Vec<LogEntry>, VersionInfo), StoreError> {
        check_step(ds)?;
        check_text("staff name", draft.staff)?;
        if ds.iter().any(|d| d.staff != draft.staff) {
            return Err(StoreError::Invalid(
                "a move's locks and its draft are one staff member's".to_string(),
            ));
        }
        self.write(|tx| {
            let rows = self.record_step_in(tx, ds)?;
            let position: i64 = tx
                .query_row("SELECT coalesce(max(id), 0) FROM decision_log", [], |row| {
                    row.get(0)
                })
                .at(&self.path)?;
            let draft = NewVersion {
                log_position: position,
                ..*draft
            };
            let info = self.save_draft_in(tx, &draft)?;
            Ok((rows, info))
        })
    }

    /// Every version, oldest first.
    pub fn versions(&self) -> Result<Vec<VersionInfo>, StoreError> {
        all_infos(&self.conn, &self.path)
    }

    /// Version `number`, or [`StoreError::NoSuchVersion`].
    pub fn version(&self, number: i64) -> Result<VersionInfo, StoreError> {
        read_info(&self.conn, &self.path, number)
    }

    /// The latest version, if any was saved.
    pub fn latest_version(&self) -> Result<Option<VersionInfo>, StoreError> {
        latest_number(&self.conn, &self.path)?
            .map(|n| read_info(&self.conn, &self.path, n))
            .transpose()
    }

    /// The latest published version, if any.
    pub fn latest_published(&self) -> Result<Option<VersionInfo>, StoreError> {
        let n: Option<i64> = self
            .conn
            .query_row(
                "SELECT max(id) FROM slate_version WHERE published_at IS NOT NULL",
                [],
                |row| row.get(0),
            )
            .at(&self.path)?;
        n.map(|n| read_info(&self.conn, &self.path, n)).transpose()
    }

    /// The meetings of version `number`, by seller id then buyer id.
    pub fn version_meetings(&self, number: i64) -> Result<Vec<VersionMeeting>, StoreError> {
        read_info(&self.conn, &self.path, number)?;
        read_meetings(&self.conn, &self.path, number)
    }

    /// Marks version `number` as what participants were given. Change
    /// notices are measured against the latest published version.
    pub fn publish(
        &self,
        number: i64,
        staff: &str,
        note: Option<&str>,
    ) -> Result<VersionInfo, StoreError> {
        check_text("staff name", staff)?;
        self.write(|tx| {
            let info = read_info(tx, &self.path, number)?;
            if info.published.is_some() {
                return Err(StoreError::Published { version: number });
            }
            tx.execute(
                "UPDATE slate_version SET published_at = ?1, published_by = ?2, publish_note = ?3
                 WHERE id = ?4",
                params![Timestamp::now().to_string(), staff, note, number],
            )
            .at(&self.path)?;
            read_info(tx, &self.path, number)
        })
    }

    /// Makes a new version equal to version `number` (same meetings,
    /// parameters and figures). Nothing is deleted.
    pub fn rollback(&self, number: i64, staff: &str) -> Result<VersionInfo, StoreError> {
        check_text("staff name", staff)?;
        self.write(|tx| {
            let from = read_info(tx, &self.path, number)?;
            let meetings = read_meetings(tx, &self.path, number)?;
            let new = NewVersion {
                meetings: &meetings,
                params: &from.params,
                seed: from.seed,
                figures: &from.figures,
                log_position: from.log_position,
                staff,
                origin: Origin::Rollback,
            };
            let made = insert_version(tx, &self.path, &new, Some(number))?;
            insert_meetings(tx, &self.path, made, &meetings)?;
            read_info(tx, &self.path, made)
        })
    }
}
