//! Opening the database file safely, and versioned schema migrations.
//!
//! The rule is that a file which is not ours is never written: before any
//! read-write connection exists we check the file header ourselves, then
//! inspect the database through a read-only connection. Only a file that is
//! empty, missing, or carries our application id gets a writable connection.

use std::fs::File;
use std::io::Read;
use std::path::Path;
use std::time::{Duration, Instant};

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use super::disk;
use super::error::{AtPath, StoreError};

/// Written into the SQLite header (`PRAGMA application_id`) by the first
/// migration, so that our files can be told apart from other applications'
/// SQLite files even if they happen to use `user_version` too. ("MSLT")
pub(crate) const APPLICATION_ID: i64 = 0x4d53_4c54;

/// How long a connection waits for another process's write to finish before
/// giving up with `StoreError::Busy`.
pub(crate) const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

use super::schema::MIGRATIONS;
pub(crate) use super::schema::SCHEMA_VERSION;

/// The first 16 bytes of every SQLite 3 database file.
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// An open connection, and whether it may write.
pub(crate) struct Opened {
    pub conn: Connection,
    pub read_only: bool,
}

/// Opens (creating if missing) and migrates the store at `path`, refusing
/// anything that is not a matchslate database. A store whose file or folder
/// cannot be written is opened read-only, provided its schema is current.
pub(crate) fn open_checked(path: &Path) -> Result<Opened, StoreError> {
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
    let writable = disk::writable(path, exists);
    let header = if exists { read_header(path)? } else { None };
    if let Some(header) = &header {
        check_header_marks(path, header)?;
        let conn = connect_read_only(path)?;
        inspect(&conn, path)?;
        if !writable {
            if user_version(&conn, path)? < SCHEMA_VERSION {
                return Err(StoreError::ReadOnlyOld {
                    path: path.to_path_buf(),
                });
            }
            return Ok(Opened {
                conn,
                read_only: true,
            });
        }
    }
    if !writable {
        return Err(StoreError::ReadOnlyNew {
            path: path.to_path_buf(),
        });
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
    // journal mode rewrites the header. Read first: a store already in WAL
    // needs no lock for it, so opening never waits for another writer.
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |row| row.get(0))
        .at(path)?;
    if !mode.eq_ignore_ascii_case("wal") {
        let mode = switch_to_wal(&conn, path)?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::NoWal {
                path: path.to_path_buf(),
                mode,
            });
        }
    }
    conn.pragma_update(None, "foreign_keys", true).at(path)?;
    Ok(Opened {
        conn,
        read_only: false,
    })
}

/// Switches the journal to WAL and returns the mode SQLite reports. The
/// switch needs every other connection out of the file, and SQLite answers
/// "busy" at once rather than through the busy timeout when another
/// connection opening the new store at the same moment holds it: so the
/// switch is retried for as long as that timeout (seen with six terminals
/// opening a new store together).
fn switch_to_wal(conn: &Connection, path: &Path) -> Result<String, StoreError> {
    let deadline = Instant::now() + BUSY_TIMEOUT;
    loop {
        match (conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))).at(path)
        {
            Err(StoreError::Busy { .. }) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(5));
            }
            answer => return answer,
        }
    }
}

/// A read-only connection. In a folder we cannot write, SQLite cannot
/// create the `-shm` file a WAL database needs; when no `-wal` file holds
/// unmerged changes the file alone is the whole database, so it is opened
/// as immutable instead.
fn connect_read_only(path: &Path) -> Result<Connection, StoreError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    let conn = Connection::open_with_flags(file_uri(path, "mode=ro"), flags).at(path)?;
    conn.busy_timeout(BUSY_TIMEOUT).at(path)?;
    let probe = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |row| {
        row.get::<_, i64>(0)
    });
    match probe {
        Ok(_) => Ok(conn),
        Err(e) if !wal_has_content(path) && cannot_open(&e) => {
            drop(conn);
            let conn =
                Connection::open_with_flags(file_uri(path, "immutable=1"), flags).at(path)?;
            Ok(conn)
        }
        Err(e) => Err(StoreError::sqlite(path, e)),
    }
}

fn cannot_open(e: &rusqlite::Error) -> bool {
    use rusqlite::ErrorCode;
    matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::CannotOpen | ErrorCode::ReadOnly)
    )
}

fn wal_has_content(path: &Path) -> bool {
    let mut wal = path.as_os_str().to_os_string();
    wal.push("-wal");
    std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0)
}

/// `file:` URI for SQLite, escaping the characters URIs give a meaning.
fn file_uri(path: &Path, query: &str) -> String {
    let mut uri = String::from("file:");
    for c in path.to_string_lossy().chars() {
        match c {
            '%' | '?' | '#' => uri.push_str(&format!("%{:02X}", u32::from(c))),
            c => uri.push(c),
        }
    }
    uri.push('?');
    uri.push_str(query);
    uri
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
fn inspect(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    // Checking every table but the saved meetings finds damage now rather
    // than in the middle of a migration or a staff member's session, and
    // keeps opening fast however many slate versions the store holds.
    // Damage to saved meetings is reported when they are read.
    for table in table_names(conn, path)? {
        if table == "slate_meeting" || table == "slate_pack" {
            continue;
        }
        let check: String = conn
            .query_row(&format!("PRAGMA quick_check({table})"), [], |row| {
                row.get(0)
            })
            .at(path)?;
        if check != "ok" {
            return Err(StoreError::Corrupt {
                path: path.to_path_buf(),
                detail: check,
            });
        }
    }
    classify(conn, path)
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
    // A plain read first: a store already up to date takes no write lock,
    // so opening never waits for another process's write.
    if user_version(conn, path)? == SCHEMA_VERSION {
        return Ok(());
    }
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
