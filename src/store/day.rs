//! The summit day log: attendance and meeting outcomes, appended as rows
//! with who and when, never updated or deleted, in their own table beside
//! the decision log. The current state of a subject is its latest row, so
//! undo and redo are rows too, per staff member, as for decisions.

use std::path::Path;

use jiff::Timestamp;
use jiff::civil::{Date, Time};
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::day_types::{
    Attendance, DayAction, DayEntry, DayState, DaySubject, MeetingOutcome, Outcome, Presence,
};
use super::error::{AtPath, StoreError};
use super::{Store, check_text};

/// Schema step: the day log. For attendance `key_a` is the participant id
/// and `key_b` the day (YYYY-MM-DD); for an outcome they are the seller and
/// buyer ids. `time` is the arrival of a late participant or the departure
/// of one who left.
pub(crate) const DAY_LOG_SQL: &str = "CREATE TABLE day_log (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        action     TEXT NOT NULL CHECK (action IN ('record', 'undo', 'redo')),
        subject    TEXT NOT NULL CHECK (subject IN ('attendance', 'outcome')),
        key_a      TEXT NOT NULL CHECK (length(key_a) > 0),
        key_b      TEXT NOT NULL CHECK (length(key_b) > 0),
        state      TEXT NOT NULL CHECK (state IN ('present', 'absent', 'late', 'left',
                                                  'held', 'no-show', 'cancelled', 'clear')),
        time       TEXT,
        note       TEXT,
        staff      TEXT NOT NULL CHECK (length(staff) > 0),
        at         TEXT NOT NULL,
        reverts_id INTEGER REFERENCES day_log (id),
        CHECK ((state IN ('late', 'left')) = (time IS NOT NULL)),
        CHECK ((action IN ('undo', 'redo')) = (reverts_id IS NOT NULL))
    );
    CREATE INDEX day_log_key ON day_log (subject, key_a, key_b, id);
    CREATE INDEX day_log_staff ON day_log (staff, id);";

const COLUMNS: &str = "id, action, subject, key_a, key_b, state, time, note, staff, at, reverts_id";

fn keys(subject: &DaySubject) -> (&'static str, String, String) {
    match subject {
        DaySubject::Attendance {
            participant_id,
            day,
        } => ("attendance", participant_id.clone(), day.to_string()),
        DaySubject::Outcome {
            seller_id,
            buyer_id,
        } => ("outcome", seller_id.clone(), buyer_id.clone()),
    }
}

fn state_columns(state: DayState) -> (&'static str, Option<String>) {
    match state {
        DayState::Presence(p) => (p.word(), p.time().map(|t| t.strftime("%H:%M").to_string())),
        DayState::Outcome(o) => (o.word(), None),
        DayState::Cleared => ("clear", None),
    }
}

fn action_word(action: DayAction) -> &'static str {
    match action {
        DayAction::Record => "record",
        DayAction::Undo => "undo",
        DayAction::Redo => "redo",
    }
}

/// Reads one row, refusing values the CHECK constraints let through but we
/// cannot use (a hand-edited database).
fn from_row(row: &Row<'_>, path: &Path) -> rusqlite::Result<Result<DayEntry, StoreError>> {
    let id: i64 = row.get(0)?;
    let action: String = row.get(1)?;
    let subject: String = row.get(2)?;
    let key_a: String = row.get(3)?;
    let key_b: String = row.get(4)?;
    let state: String = row.get(5)?;
    let time: Option<String> = row.get(6)?;
    let note: Option<String> = row.get(7)?;
    let staff: String = row.get(8)?;
    let at: String = row.get(9)?;
    let reverts: Option<i64> = row.get(10)?;
    let bad = |detail: String| StoreError::BadRow {
        path: path.to_path_buf(),
        id,
        detail,
    };
    Ok((|| {
        let action = match action.as_str() {
            "record" => DayAction::Record,
            "undo" => DayAction::Undo,
            "redo" => DayAction::Redo,
            other => return Err(bad(format!("action {other:?}"))),
        };
        let subject = match subject.as_str() {
            "attendance" => DaySubject::Attendance {
                participant_id: key_a,
                day: key_b
                    .parse::<Date>()
                    .map_err(|e| bad(format!("day {key_b:?}: {e}")))?,
            },
            _ => DaySubject::Outcome {
                seller_id: key_a,
                buyer_id: key_b,
            },
        };
        let time = time
            .map(|t| {
                t.parse::<Time>()
                    .map_err(|e| bad(format!("time {t:?}: {e}")))
            })
            .transpose()?;
        let state = match (state.as_str(), time) {
            ("present", _) => DayState::Presence(Presence::Present),
            ("absent", _) => DayState::Presence(Presence::Absent),
            ("late", Some(until)) => DayState::Presence(Presence::Late { until }),
            ("left", Some(from)) => DayState::Presence(Presence::Left { from }),
            ("clear", _) => DayState::Cleared,
            (word, _) => match MeetingOutcome::from_word(word) {
                Some(o) => DayState::Outcome(o),
                None => return Err(bad(format!("state {word:?}"))),
            },
        };
        let at = at
            .parse::<Timestamp>()
            .map_err(|e| bad(format!("time {at:?}: {e}")))?;
        Ok(DayEntry {
            id,
            action,
            subject,
            state,
            note,
            staff,
            at,
            reverts,
        })
    })())
}

pub(crate) fn query(
    conn: &Connection,
    path: &Path,
    sql: &str,
    params: impl rusqlite::Params,
) -> Result<Vec<DayEntry>, StoreError> {
    let mut stmt = conn.prepare_cached(sql).at(path)?;
    let rows = stmt.query_map(params, |row| from_row(row, path)).at(path)?;
    let mut out = Vec::new();
    for row in rows {
        out.push(row.at(path)??);
    }
    Ok(out)
}

/// The subject's latest row, or its latest row before `before`.
pub(crate) fn latest(
    conn: &Connection,
    path: &Path,
    subject: &DaySubject,
    before: Option<i64>,
) -> Result<Option<DayEntry>, StoreError> {
    let (kind, a, b) = keys(subject);
    let sql = format!(
        "SELECT {COLUMNS} FROM day_log
         WHERE subject = ?1 AND key_a = ?2 AND key_b = ?3 AND id < ?4
         ORDER BY id DESC LIMIT 1"
    );
    let found = query(
        conn,
        path,
        &sql,
        params![kind, a, b, before.unwrap_or(i64::MAX)],
    )?;
    Ok(found.into_iter().next())
}

pub(crate) fn by_id(conn: &Connection, path: &Path, id: i64) -> Result<DayEntry, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM day_log WHERE id = ?1");
    query(conn, path, &sql, [id])?
        .into_iter()
        .next()
        .ok_or_else(|| StoreError::Invalid(format!("day log row {id} does not exist")))
}

/// One row to append.
pub(crate) struct NewDayRow<'a> {
    pub action: DayAction,
    pub subject: &'a DaySubject,
    pub state: DayState,
    pub note: Option<&'a str>,
    pub staff: &'a str,
    pub reverts: Option<i64>,
}

pub(crate) fn insert(
    conn: &Connection,
    path: &Path,
    row: &NewDayRow<'_>,
) -> Result<DayEntry, StoreError> {
    let (kind, a, b) = keys(row.subject);
    let (state, time) = state_columns(row.state);
    let id: i64 = conn
        .query_row(
            "INSERT INTO day_log (action, subject, key_a, key_b, state, time, note, staff, at,
                                  reverts_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id",
            params![
                action_word(row.action),
                kind,
                a,
                b,
                state,
                time,
                row.note,
                row.staff,
                Timestamp::now().to_string(),
                row.reverts
            ],
            |r| r.get(0),
        )
        .optional()
        .at(path)?
        .ok_or_else(|| StoreError::Sqlite {
            path: path.to_path_buf(),
            source: rusqlite::Error::QueryReturnedNoRows,
        })?;
    by_id(conn, path, id)
}

impl Store {
    /// Records that `participant_id` is present, absent, late or left on
    /// `day`. Returns the row written, or `None` when it changes nothing.
    pub fn checkin(
        &self,
        participant_id: &str,
        day: Date,
        presence: Presence,
        staff: &str,
        note: Option<&str>,
    ) -> Result<Option<DayEntry>, StoreError> {
        check_text("participant id", participant_id)?;
        let subject = DaySubject::Attendance {
            participant_id: participant_id.to_string(),
            day,
        };
        self.record_day(&subject, DayState::Presence(presence), staff, note)
    }

    /// Records what happened to the meeting of `seller_id` and `buyer_id`
    /// (`None` clears it). Returns the row written, or `None` when it
    /// changes nothing.
    pub fn set_outcome(
        &self,
        seller_id: &str,
        buyer_id: &str,
        outcome: Option<MeetingOutcome>,
        staff: &str,
        note: Option<&str>,
    ) -> Result<Option<DayEntry>, StoreError> {
        check_text("seller id", seller_id)?;
        check_text("buyer id", buyer_id)?;
        let subject = DaySubject::Outcome {
            seller_id: seller_id.to_string(),
            buyer_id: buyer_id.to_string(),
        };
        let state = outcome.map_or(DayState::Cleared, DayState::Outcome);
        self.record_day(&subject, state, staff, note)
    }

    fn record_day(
        &self,
        subject: &DaySubject,
        state: DayState,
        staff: &str,
        note: Option<&str>,
    ) -> Result<Option<DayEntry>, StoreError> {
        check_text("staff name", staff)?;
        self.write(|tx| {
            let before = latest(tx, &self.path, subject, None)?;
            let (old_state, old_note) = before
                .map(|e| (e.state, e.note))
                .unwrap_or((DayState::Cleared, None));
            if old_state == state && old_note.as_deref() == note {
                return Ok(None);
            }
            let row = NewDayRow {
                action: DayAction::Record,
                subject,
                state,
                note,
                staff,
                reverts: None,
            };
            insert(tx, &self.path, &row).map(Some)
        })
    }

    /// Every participant-day with a recorded attendance, by day then id.
    pub fn attendance(&self) -> Result<Vec<Attendance>, StoreError> {
        Ok(self
            .latest_day_rows("attendance")?
            .into_iter()
            .filter_map(|e| match (e.subject, e.state) {
                (
                    DaySubject::Attendance {
                        participant_id,
                        day,
                    },
                    DayState::Presence(presence),
                ) => Some(Attendance {
                    participant_id,
                    day,
                    presence,
                    note: e.note,
                    staff: e.staff,
                    at: e.at,
                }),
                _ => None,
            })
            .collect())
    }

    /// Every meeting with a recorded outcome, by buyer then seller id.
    pub fn outcomes(&self) -> Result<Vec<Outcome>, StoreError> {
        Ok(self
            .latest_day_rows("outcome")?
            .into_iter()
            .filter_map(|e| match (e.subject, e.state) {
                (
                    DaySubject::Outcome {
                        seller_id,
                        buyer_id,
                    },
                    DayState::Outcome(outcome),
                ) => Some(Outcome {
                    seller_id,
                    buyer_id,
                    outcome,
                    note: e.note,
                    staff: e.staff,
                    at: e.at,
                }),
                _ => None,
            })
            .collect())
    }

    /// The whole day log, oldest first.
    pub fn day_log(&self) -> Result<Vec<DayEntry>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM day_log ORDER BY id");
        query(&self.conn, &self.path, &sql, [])
    }

    fn latest_day_rows(&self, subject: &str) -> Result<Vec<DayEntry>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM day_log
             WHERE id IN (SELECT max(id) FROM day_log WHERE subject = ?1 GROUP BY key_a, key_b)
             ORDER BY key_b, key_a"
        );
        query(&self.conn, &self.path, &sql, [subject])
    }
}
