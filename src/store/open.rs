//! Opening the database file safely, and versioned schema migrations.
//!
//! The rule is that a file which is not ours is never written: before any
//! read-write connection exists we check the file header ourselves, then
//! inspect the database through a read-only connection. Only a file that is
//! empty, missing, or carries our application id gets a writable connection.

use std::fs::File;
use std::io::Read;
use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use super::error::{AtPath, StoreError};

/// Written into the SQLite header (`PRAGMA application_id`) by the first
/// migration, so that our files can be told apart from other applications'
/// SQLite files even if they happen to use `user_version` too. ("MSLT")
pub(crate) const APPLICATION_ID: i64 = 0x4d53_4c54;

/// How long a connection waits for another process's write to finish before
/// giving up with `StoreError::Busy`.
pub(crate) const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Schema migrations; step `i` takes the database from `user_version` `i` to
/// `i + 1`. Append new steps; never edit a released one, since databases in
/// the field already ran it.
const MIGRATIONS: &[&str] = &[
    // Version 1: the append-only decision log. Each row records the state the
    // pair is in *after* the row (kind, slot, table_no, note), so the current
    // state is simply the latest row per pair, and undo/redo rows are plain
    // rows too. `action` says why the row exists; `reverts_id` links an undo
    // row to the row it undid, and a redo row to the undo it reversed.
    "CREATE TABLE decision_log (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        action     TEXT    NOT NULL CHECK (action IN ('decide', 'note', 'undo', 'redo')),
        seller_id  TEXT    NOT NULL CHECK (length(seller_id) > 0),
        buyer_id   TEXT    NOT NULL CHECK (length(buyer_id) > 0),
        kind       TEXT    NOT NULL CHECK (kind IN ('accepted', 'rejected', 'locked', 'clear')),
        slot       INTEGER CHECK (slot >= 0),
        table_no   INTEGER CHECK (table_no >= 0),
        staff      TEXT    NOT NULL CHECK (length(staff) > 0),
        at         TEXT    NOT NULL,
        note       TEXT,
        reverts_id INTEGER REFERENCES decision_log (id),
        CHECK ((kind = 'locked') = (slot IS NOT NULL AND table_no IS NOT NULL)),
        CHECK (kind = 'locked' OR (slot IS NULL AND table_no IS NULL)),
        CHECK ((action IN ('undo', 'redo')) = (reverts_id IS NOT NULL))
    );
    CREATE INDEX decision_log_pair ON decision_log (seller_id, buyer_id, id);
    CREATE INDEX decision_log_staff ON decision_log (staff, id);",
    // Version 2: staff-entered wishes (see `store::wishes`).
    super::wishes::MIGRATION,
];

/// The schema version this build writes and understands.
pub(crate) const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// The first 16 bytes of every SQLite 3 database file.
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Opens (creating if missing) and migrates the store at `path`, refusing
/// anything that is not a matchslate database.
pub(crate) fn open_checked(path: &Path) -> Result<Connection, StoreError> {
    check_folder(path)?;
    let exists = match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => {
            return Err(StoreError::IsAFolder {
                path: path.to_path_buf(),
            });
        }
        Ok(_) => true,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
        Err(source) => {
            return Err(StoreError::Io {
                path: path.to_path_buf(),
                source,
            });
        }
    };
    if exists && let Some(header) = read_header(path)? {
        check_header_marks(path, &header)?;
        inspect_read_only(path)?;
    }

    // Without CREATE for an existing file, so that if it vanished since the
    // check we fail instead of silently starting an empty log.
    let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if !exists {
        flags |= OpenFlags::SQLITE_OPEN_CREATE;
    }
    let conn = Connection::open_with_flags(path, flags).at(path)?;
    conn.busy_timeout(BUSY_TIMEOUT).at(path)?;
    migrate(&conn, path)?;
    // WAL lets readers keep reading while another process writes. It is set
    // after the migration checked the file is ours, because switching the
    // journal mode rewrites the header.
    let mode: String = conn
        .pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))
        .at(path)?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(StoreError::NoWal {
            path: path.to_path_buf(),
            mode,
        });
    }
    conn.pragma_update(None, "foreign_keys", true).at(path)?;
    Ok(conn)
}

/// Refuses paths whose folder is missing: creating folders silently would
/// hide a typo in the path behind an empty decision log.
fn check_folder(path: &Path) -> Result<(), StoreError> {
    let folder = match path.parent() {
        // A bare file name lives in the current folder, which exists.
        Some(p) if p.as_os_str().is_empty() => return Ok(()),
        Some(p) => p,
        None => {
            return Err(StoreError::IsAFolder {
                path: path.to_path_buf(),
            });
        }
    };
    if folder.is_dir() {
        Ok(())
    } else {
        Err(StoreError::MissingFolder {
            path: path.to_path_buf(),
            folder: folder.to_path_buf(),
        })
    }
}

/// Reads the 100-byte file header, or `None` for an empty file: that is what
/// SQLite itself leaves behind for a database that was never written, so it
/// is initialised. Anything else must start with the SQLite magic.
fn read_header(path: &Path) -> Result<Option<[u8; 100]>, StoreError> {
    let io_err = |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut file = File::open(path).map_err(io_err)?;
    let mut header = Vec::with_capacity(100);
    file.by_ref()
        .take(100)
        .read_to_end(&mut header)
        .map_err(io_err)?;
    if header.is_empty() {
        return Ok(None);
    }
    if !header.starts_with(SQLITE_MAGIC) {
        return Err(StoreError::NotSqlite {
            path: path.to_path_buf(),
            detail: "its first bytes are not an SQLite header".to_string(),
        });
    }
    match <[u8; 100]>::try_from(header.as_slice()) {
        Ok(header) => Ok(Some(header)),
        Err(_) => Err(StoreError::Corrupt {
            path: path.to_path_buf(),
            detail: "the file is shorter than an SQLite header".to_string(),
        }),
    }
}

/// Refuses, from the raw header alone, SQLite files that are visibly not
/// ours. This matters for databases in WAL mode: even a read-only SQLite
/// connection to one creates `-wal` and `-shm` files beside it, and we do
/// not want to leave those next to another application's database.
fn check_header_marks(path: &Path, header: &[u8; 100]) -> Result<(), StoreError> {
    // Offsets from https://sqlite.org/fileformat.html#the_database_header.
    // The page size and the fixed payload fractions tell a real header from
    // noise behind the magic string, so we do not blame "another
    // application" for what is really damage.
    let page_size = u32::from(u16::from_be_bytes([header[16], header[17]]));
    let page_size_ok = page_size == 1 || (page_size.is_power_of_two() && page_size >= 512);
    if !page_size_ok || header[21..24] != [64, 32, 32] {
        return Err(StoreError::Corrupt {
            path: path.to_path_buf(),
            detail: "its SQLite header is invalid".to_string(),
        });
    }
    let app_id = i64::from(u32::from_be_bytes([
        header[68], header[69], header[70], header[71],
    ]));
    let wal = header[18] == 2 || header[19] == 2;
    let detail = if app_id != 0 && app_id != APPLICATION_ID {
        format!("its application id is {app_id:#x}")
    } else if app_id == 0 && wal {
        // Our first migration sets the application id before the store is
        // switched to WAL, so a WAL file without it was made by someone else.
        "it uses write-ahead logging but has no matchslate mark".to_string()
    } else {
        return Ok(());
    };
    Err(StoreError::Foreign {
        path: path.to_path_buf(),
        detail,
    })
}

/// Looks at an existing SQLite file through a read-only connection and
/// decides whether we may write to it.
fn inspect_read_only(path: &Path) -> Result<(), StoreError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).at(path)?;
    conn.busy_timeout(BUSY_TIMEOUT).at(path)?;
    // quick_check reads every page, so damage is found now rather than in
    // the middle of a migration or a staff member's session.
    let check: String = conn
        .pragma_query_value(None, "quick_check", |row| row.get(0))
        .at(path)?;
    if check != "ok" {
        return Err(StoreError::Corrupt {
            path: path.to_path_buf(),
            detail: check,
        });
    }
    classify(&conn, path)
}

/// Decides from the header fields and the schema whether the database is
/// ours (or empty) and of a version we understand. Used both read-only before
/// opening and again inside the migration transaction, because another
/// process may have initialised the file in between.
fn classify(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let app_id: i64 = conn
        .pragma_query_value(None, "application_id", |row| row.get(0))
        .at(path)?;
    let version = user_version(conn, path)?;
    let tables = table_names(conn, path)?;
    if app_id == APPLICATION_ID {
        if version > SCHEMA_VERSION {
            return Err(StoreError::TooNew {
                path: path.to_path_buf(),
                found: version,
                supported: SCHEMA_VERSION,
            });
        }
        if version >= 1 && !tables.iter().any(|t| t == "decision_log") {
            return Err(StoreError::Corrupt {
                path: path.to_path_buf(),
                detail: "its decision_log table is missing".to_string(),
            });
        }
        return Ok(());
    }
    if app_id == 0 && version == 0 && tables.is_empty() {
        return Ok(());
    }
    let detail = if app_id != 0 {
        format!("its application id is {app_id:#x}")
    } else if tables.is_empty() {
        format!("it is empty but has user_version {version}")
    } else {
        format!("it has tables {}", tables.join(", "))
    };
    Err(StoreError::Foreign {
        path: path.to_path_buf(),
        detail,
    })
}

fn user_version(conn: &Connection, path: &Path) -> Result<i64, StoreError> {
    conn.pragma_query_value(None, "user_version", |row| row.get(0))
        .at(path)
}

fn table_names(conn: &Connection, path: &Path) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .at(path)?;
    let names = stmt
        .query_map([], |row| row.get(0))
        .at(path)?
        .collect::<Result<Vec<String>, _>>()
        .at(path)?;
    Ok(names)
}

/// Applies the missing migration steps in one write transaction, so that a
/// crash or a concurrent opener never sees a half-migrated schema.
fn migrate(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let tx = rusqlite::Transaction::new_unchecked(conn, TransactionBehavior::Immediate).at(path)?;
    // Checked again under the write lock: the read-only look happened before
    // we held any lock.
    classify(&tx, path)?;
    let from = user_version(&tx, path)?;
    let Ok(start) = usize::try_from(from) else {
        return Err(StoreError::Corrupt {
            path: path.to_path_buf(),
            detail: format!("negative schema version {from}"),
        });
    };
    if start == MIGRATIONS.len() {
        // Nothing to write; committing an empty transaction is harmless but
        // rolling back makes the "untouched" intent plain.
        return tx.rollback().at(path);
    }
    for (step, sql) in MIGRATIONS.iter().enumerate().skip(start) {
        tx.execute_batch(sql).at(path)?;
        if step == 0 {
            tx.pragma_update(None, "application_id", APPLICATION_ID)
                .at(path)?;
        }
        tx.pragma_update(None, "user_version", step as i64 + 1)
            .at(path)?;
    }
    tx.commit().at(path)
}
