//! The SQL behind slate versions: rows in and out of `slate_version` and
//! `slate_meeting`, on a connection or transaction handed in by `Store`.

use std::path::Path;

use jiff::Timestamp;
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::pack;
use super::{NewVersion, Origin, Publication, VERSION_COLUMNS, VersionInfo, VersionMeeting};
use crate::model::MeetingStatus;
use crate::store::error::{AtPath, StoreError};

pub(super) fn latest_number(conn: &Connection, path: &Path) -> Result<Option<i64>, StoreError> {
    conn.prepare_cached("SELECT max(id) FROM slate_version")
        .and_then(|mut stmt| stmt.query_row([], |row| row.get(0)))
        .at(path)
}

pub(super) fn insert_version(
    conn: &Connection,
    path: &Path,
    new: &NewVersion<'_>,
    rolled_back_from: Option<i64>,
) -> Result<i64, StoreError> {
    let figures = serde_json::to_string(new.figures)
        .map_err(|e| StoreError::Invalid(format!("slate figures: {e}")))?;
    let count = i64::try_from(new.meetings.len())
        .map_err(|_| StoreError::Invalid("too many meetings".to_string()))?;
    let mut stmt = conn
        .prepare_cached(
            "INSERT INTO slate_version
                 (made_at, staff, origin, log_position, params, seed, figures, meeting_count,
                  rolled_back_from)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
             RETURNING id",
        )
        .at(path)?;
    stmt.query_row(
        params![
            Timestamp::now().to_string(),
            new.staff,
            new.origin.label(),
            new.log_position,
            new.params.to_string(),
            new.seed.to_string(),
            figures,
            count,
            rolled_back_from,
        ],
        |row| row.get(0),
    )
    .at(path)
}

pub(super) fn amend_version(
    conn: &Connection,
    path: &Path,
    number: i64,
    new: &NewVersion<'_>,
) -> Result<(), StoreError> {
    let figures = serde_json::to_string(new.figures)
        .map_err(|e| StoreError::Invalid(format!("slate figures: {e}")))?;
    let count = i64::try_from(new.meetings.len())
        .map_err(|_| StoreError::Invalid("too many meetings".to_string()))?;
    conn.execute(
        "UPDATE slate_version SET amended_at = ?1, log_position = ?2, figures = ?3,
             meeting_count = ?4
         WHERE id = ?5",
        params![
            Timestamp::now().to_string(),
            new.log_position,
            figures,
            count,
            number
        ],
    )
    .at(path)?;
    Ok(())
}

/// Writes the meetings of a new version `number` as one packed row.
pub(super) fn insert_meetings(
    conn: &Connection,
    path: &Path,
    number: i64,
    meetings: &[VersionMeeting],
) -> Result<(), StoreError> {
    let packed = pack::pack(meetings).map_err(|e| StoreError::Invalid(e.0))?;
    conn.prepare_cached("INSERT INTO slate_pack (version, meetings) VALUES (?1, ?2)")
        .and_then(|mut stmt| stmt.execute(params![number, packed]))
        .at(path)?;
    Ok(())
}

/// Replaces the meetings of version `number` (a draft amended), including
/// the rows of a draft saved before packing.
pub(super) fn replace_meetings(
    conn: &Connection,
    path: &Path,
    number: i64,
    meetings: &[VersionMeeting],
) -> Result<(), StoreError> {
    for sql in [
        "DELETE FROM slate_meeting WHERE version = ?1",
        "DELETE FROM slate_pack WHERE version = ?1",
    ] {
        conn.prepare_cached(sql)
            .and_then(|mut stmt| stmt.execute([number]))
            .at(path)?;
    }
    insert_meetings(conn, path, number, meetings)
}

pub(super) fn all_infos(conn: &Connection, path: &Path) -> Result<Vec<VersionInfo>, StoreError> {
    let sql = format!("SELECT {VERSION_COLUMNS} FROM slate_version ORDER BY id");
    let mut stmt = conn.prepare_cached(&sql).at(path)?;
    let raws = stmt
        .query_map([], RawVersion::from_row)
        .at(path)?
        .collect::<Result<Vec<_>, _>>()
        .at(path)?;
    raws.into_iter().map(|r| r.into_info(path)).collect()
}

pub(super) fn read_info(
    conn: &Connection,
    path: &Path,
    number: i64,
) -> Result<VersionInfo, StoreError> {
    let sql = format!("SELECT {VERSION_COLUMNS} FROM slate_version WHERE id = ?1");
    let raw = conn
        .prepare_cached(&sql)
        .and_then(|mut stmt| stmt.query_row([number], RawVersion::from_row).optional())
        .at(path)?;
    raw.ok_or(StoreError::NoSuchVersion(number))?
        .into_info(path)
}

/// The meetings of version `number`, sorted by seller id then buyer id:
/// its packed row, or the rows of a version saved before packing.
pub(super) fn read_meetings(
    conn: &Connection,
    path: &Path,
    number: i64,
) -> Result<Vec<VersionMeeting>, StoreError> {
    let packed: Option<Vec<u8>> = conn
        .prepare_cached("SELECT meetings FROM slate_pack WHERE version = ?1")
        .and_then(|mut stmt| stmt.query_row([number], |row| row.get(0)).optional())
        .at(path)?;
    if let Some(bytes) = packed {
        return pack::unpack(&bytes).map_err(|detail| StoreError::BadRow {
            path: path.to_path_buf(),
            id: number,
            detail: format!("slate version {number}: packed meetings: {detail}"),
        });
    }
    let mut stmt = conn
        .prepare_cached(
            "SELECT seller_id, buyer_id, date, start, end, table_no, score, interpreter, status
             FROM slate_meeting WHERE version = ?1 ORDER BY seller_id, buyer_id",
        )
        .at(path)?;
    let mut rows = stmt.query([number]).at(path)?;
    let mut out = Vec::new();
    while let Some(row) = rows.next().at(path)? {
        out.push(meeting_from_row(row, path, number)?);
    }
    Ok(out)
}

fn meeting_from_row(row: &Row<'_>, path: &Path, number: i64) -> Result<VersionMeeting, StoreError> {
    let bad = |detail: String| StoreError::BadRow {
        path: path.to_path_buf(),
        id: number,
        detail: format!("slate version {number}: {detail}"),
    };
    let text = |i: usize| row.get::<_, String>(i).at(path);
    let (date, start, end, status) = (text(2)?, text(3)?, text(4)?, text(8)?);
    let status = match status.as_str() {
        "locked" => MeetingStatus::Locked,
        "accepted" => MeetingStatus::Accepted,
        "proposed" => MeetingStatus::Proposed,
        other => return Err(bad(format!("status {other:?}"))),
    };
    let table: i64 = row.get(5).at(path)?;
    Ok(VersionMeeting {
        seller_id: text(0)?,
        buyer_id: text(1)?,
        date: date
            .parse()
            .map_err(|e| bad(format!("date {date:?}: {e}")))?,
        start: start
            .parse()
            .map_err(|e| bad(format!("time {start:?}: {e}")))?,
        end: end.parse().map_err(|e| bad(format!("time {end:?}: {e}")))?,
        table: u32::try_from(table).map_err(|_| bad(format!("table {table}")))?,
        score: row.get(6).at(path)?,
        interpreter: row.get(7).at(path)?,
        status,
    })
}

/// The columns of a `slate_version` row before we trust them.
struct RawVersion {
    id: i64,
    texts: [String; 6],
    log_position: i64,
    meeting_count: i64,
    rolled_back_from: Option<i64>,
    optional: [Option<String>; 4],
}

impl RawVersion {
    fn from_row(row: &Row<'_>) -> rusqlite::Result<RawVersion> {
        Ok(RawVersion {
            id: row.get(0)?,
            // made_at, staff, origin, params, seed, figures
            texts: [
                row.get(1)?,
                row.get(2)?,
                row.get(3)?,
                row.get(5)?,
                row.get(6)?,
                row.get(7)?,
            ],
            log_position: row.get(4)?,
            meeting_count: row.get(8)?,
            rolled_back_from: row.get(9)?,
            // amended_at, published_at, published_by, publish_note
            optional: [row.get(10)?, row.get(11)?, row.get(12)?, row.get(13)?],
        })
    }

    fn into_info(self, path: &Path) -> Result<VersionInfo, StoreError> {
        let id = self.id;
        let bad = |detail: String| StoreError::BadRow {
            path: path.to_path_buf(),
            id,
            detail: format!("slate version {id}: {detail}"),
        };
        let time = |text: &str| {
            text.parse::<Timestamp>()
                .map_err(|e| bad(format!("time {text:?}: {e}")))
        };
        let [made_at, staff, origin, params, seed, figures] = self.texts;
        let [amended_at, published_at, published_by, publish_note] = self.optional;
        let published = match (published_at, published_by) {
            (Some(at), Some(staff)) => Some(Publication {
                at: time(&at)?,
                staff,
                note: publish_note,
            }),
            _ => None,
        };
        Ok(VersionInfo {
            number: id,
            made_at: time(&made_at)?,
            staff,
            origin: Origin::parse(&origin).ok_or_else(|| bad(format!("origin {origin:?}")))?,
            log_position: self.log_position,
            params: serde_json::from_str(&params).map_err(|e| bad(format!("params: {e}")))?,
            seed: seed
                .parse()
                .map_err(|e| bad(format!("seed {seed:?}: {e}")))?,
            figures: serde_json::from_str(&figures).map_err(|e| bad(format!("figures: {e}")))?,
            meetings: usize::try_from(self.meeting_count)
                .map_err(|_| bad(format!("meeting count {}", self.meeting_count)))?,
            rolled_back_from: self.rolled_back_from,
            amended_at: amended_at.as_deref().map(time).transpose()?,
            published,
        })
    }
}
