//! Opening stores: migrations, and refusing (without touching) anything that
//! is not a matchslate database.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use matchslate::store::{NewDecision, Store, StoreError, Verdict as Action};

fn db_path(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("matchslate.db")
}

fn accept(store: &Store, seller: &str) {
    store
        .record(&NewDecision {
            seller_id: seller,
            buyer_id: "B1",
            action: Action::Accept,
            staff: "ann",
            note: None,
        })
        .expect("record")
        .expect("a change");
}

fn pragma_i64(path: &Path, name: &str) -> i64 {
    let conn = rusqlite::Connection::open(path).expect("raw open");
    conn.pragma_query_value(None, name, |row| row.get(0))
        .expect("pragma")
}

/// Opens `path`, expecting a refusal that names the file and leaves its
/// bytes exactly as they were.
fn assert_refused(path: &Path) -> StoreError {
    let before = std::fs::read(path).expect("read before");
    let err = Store::open(path).expect_err("must be refused");
    let after = std::fs::read(path).expect("read after");
    assert!(before == after, "{} was modified", path.display());
    let message = err.to_string();
    assert!(
        message.contains(&path.display().to_string()),
        "message does not name the file: {message}"
    );
    err
}

#[test]
fn fresh_store_gets_current_schema_version_and_wal() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = db_path(&dir);
    let store = Store::open(&path).expect("open");
    assert_eq!(store.path(), path);
    drop(store);
    assert_eq!(pragma_i64(&path, "user_version"), 3);
    assert_eq!(Store::schema_version(), 3);
    let conn = rusqlite::Connection::open(&path).expect("raw open");
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |row| row.get(0))
        .expect("pragma");
    assert_eq!(mode, "wal");
}

#[test]
fn reopening_keeps_the_decisions() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = db_path(&dir);
    accept(&Store::open(&path).expect("open"), "S1");
    let again = Store::open(&path).expect("reopen");
    accept(&again, "S2");
    assert_eq!(again.current().expect("current").len(), 2);
    drop(again);
    assert_eq!(
        Store::open(&path)
            .expect("third open")
            .log()
            .expect("log")
            .len(),
        2
    );
    assert_eq!(pragma_i64(&path, "user_version"), Store::schema_version());
}

#[test]
fn an_empty_file_becomes_a_store() {
    // SQLite treats a zero-byte file as an empty database; there is nothing
    // in it to lose.
    let dir = tempfile::tempdir().expect("temp dir");
    let path = db_path(&dir);
    std::fs::write(&path, b"").expect("touch");
    accept(&Store::open(&path).expect("open"), "S1");
    assert_eq!(pragma_i64(&path, "user_version"), Store::schema_version());
}

#[test]
fn a_newer_schema_is_refused_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = db_path(&dir);
    accept(&Store::open(&path).expect("open"), "S1");
    {
        let conn = rusqlite::Connection::open(&path).expect("raw open");
        conn.pragma_update(None, "user_version", 99).expect("bump");
    }
    let err = assert_refused(&path);
    assert!(
        matches!(
            err,
            StoreError::TooNew {
                found: 99,
                supported: 3,
                ..
            }
        ),
        "{err}"
    );
    assert_eq!(pragma_i64(&path, "user_version"), 99);
}

#[test]
fn a_text_file_is_refused_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("x.db");
    std::fs::write(&path, "seller,buyer\nS1,B1\n").expect("write");
    let err = assert_refused(&path);
    assert!(matches!(err, StoreError::NotSqlite { .. }), "{err}");
}

#[test]
fn random_bytes_are_refused_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = db_path(&dir);
    // A fixed pseudo-random sequence, so a failure can be reproduced.
    let mut x: u32 = 0x9e37_79b9;
    let bytes: Vec<u8> = (0..8192)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x.to_le_bytes()[0]
        })
        .collect();
    std::fs::write(&path, &bytes).expect("write");
    let err = assert_refused(&path);
    assert!(matches!(err, StoreError::NotSqlite { .. }), "{err}");

    // The same noise behind a valid SQLite magic string.
    let mut fake = b"SQLite format 3\0".to_vec();
    fake.extend_from_slice(&bytes);
    std::fs::write(&path, &fake).expect("write");
    let err = assert_refused(&path);
    assert!(matches!(err, StoreError::Corrupt { .. }), "{err}");
}

#[test]
fn a_damaged_store_is_refused_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = db_path(&dir);
    let store = Store::open(&path).expect("open");
    for s in 0..300 {
        accept(&store, &format!("S{s:03}"));
    }
    drop(store);
    let mut bytes = std::fs::read(&path).expect("read");
    assert!(bytes.len() > 4 * 4096, "expected several pages");
    // Scribble over the third page, which belongs to the log table or an
    // index, leaving the header intact.
    bytes[2 * 4096..3 * 4096].fill(0xA5);
    std::fs::write(&path, &bytes).expect("write");
    let err = assert_refused(&path);
    assert!(matches!(err, StoreError::Corrupt { .. }), "{err}");
}

#[test]
fn another_applications_database_is_refused_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = db_path(&dir);
    {
        let conn = rusqlite::Connection::open(&path).expect("raw open");
        conn.execute_batch("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
            .expect("create");
    }
    let err = assert_refused(&path);
    assert!(matches!(err, StoreError::Foreign { .. }), "{err}");
    assert!(err.to_string().contains("invoices"), "{err}");

    // Same with a user_version but none of our marks.
    let other = dir.path().join("other.db");
    {
        let conn = rusqlite::Connection::open(&other).expect("raw open");
        conn.pragma_update(None, "user_version", 1)
            .expect("version");
    }
    let err = assert_refused(&other);
    assert!(matches!(err, StoreError::Foreign { .. }), "{err}");

    // And another application's id.
    let third = dir.path().join("third.db");
    {
        let conn = rusqlite::Connection::open(&third).expect("raw open");
        conn.pragma_update(None, "application_id", 42)
            .expect("app id");
    }
    let err = assert_refused(&third);
    assert!(matches!(err, StoreError::Foreign { .. }), "{err}");
}

#[test]
fn a_missing_folder_is_an_error_and_is_not_created() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("no-such-folder");
    let path = folder.join("matchslate.db");
    let err = Store::open(&path).expect_err("must fail");
    assert!(matches!(err, StoreError::MissingFolder { .. }), "{err}");
    assert!(err.to_string().contains("no-such-folder"), "{err}");
    assert!(!folder.exists());
}

#[test]
fn a_folder_is_not_a_store() {
    let dir = tempfile::tempdir().expect("temp dir");
    let err = Store::open(dir.path()).expect_err("must fail");
    assert!(matches!(err, StoreError::IsAFolder { .. }), "{err}");
}

#[test]
fn a_foreign_wal_database_gets_no_files_beside_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = db_path(&dir);
    {
        let conn = rusqlite::Connection::open(&path).expect("raw open");
        conn.execute_batch("PRAGMA journal_mode = WAL; CREATE TABLE notes (body TEXT);")
            .expect("create");
    }
    let err = assert_refused(&path);
    assert!(matches!(err, StoreError::Foreign { .. }), "{err}");
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(names, ["matchslate.db"]);
}

#[test]
fn a_store_missing_its_log_table_is_refused_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = db_path(&dir);
    drop(Store::open(&path).expect("open"));
    {
        let conn = rusqlite::Connection::open(&path).expect("raw open");
        conn.execute_batch("DROP TABLE decision_log").expect("drop");
    }
    let err = assert_refused(&path);
    assert!(matches!(err, StoreError::Corrupt { .. }), "{err}");
}
