//! Errors of the decision store. Every variant that concerns the database
//! file names its path, and the messages about files we refuse to touch say
//! what the user can do about it, because the CLI prints them verbatim.

use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "cannot open decision store {}: folder {} does not exist; create it or pass another path",
        path.display(),
        folder.display()
    )]
    MissingFolder { path: PathBuf, folder: PathBuf },

    #[error(
        "cannot open decision store {}: it is a folder, not a file; pass the path of a database file",
        path.display()
    )]
    IsAFolder { path: PathBuf },

    #[error(
        "{} is not an SQLite database ({detail}); matchslate will not touch it: \
         move it aside or pass another path for the decision store",
        path.display()
    )]
    NotSqlite { path: PathBuf, detail: String },

    #[error(
        "{} is an SQLite database of another application ({detail}); matchslate will not \
         touch it: pass another path for the decision store",
        path.display()
    )]
    Foreign { path: PathBuf, detail: String },

    #[error(
        "decision store {} is damaged ({detail}); it was left as is: \
         restore it from a backup or move it aside to start a new one",
        path.display()
    )]
    Corrupt { path: PathBuf, detail: String },

    #[error(
        "decision store {} has schema version {found}, newer than the {supported} this \
         matchslate understands; it was left as is: use a newer matchslate",
        path.display()
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },

    #[error(
        "decision store {} stayed locked by another matchslate for too long; try again",
        path.display()
    )]
    Busy { path: PathBuf },

    #[error(
        "decision store {} cannot use write-ahead logging (journal mode stays {mode}), which \
         sharing it between terminals needs; keep it on a local disk",
        path.display()
    )]
    NoWal { path: PathBuf, mode: String },

    #[error("cannot read {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("decision store {}: {source}", path.display())]
    Sqlite {
        path: PathBuf,
        source: rusqlite::Error,
    },

    #[error("decision store {}: log row {id} is malformed: {detail}", path.display())]
    BadRow {
        path: PathBuf,
        id: i64,
        detail: String,
    },

    #[error("invalid decision: {0}")]
    Invalid(String),

    #[error("seller {seller_id} and buyer {buyer_id} have no decision to add a note to")]
    NoDecision { seller_id: String, buyer_id: String },
}

impl StoreError {
    /// Wraps an SQLite error with the store's path, singling out the cases
    /// whose generic SQLite wording would not tell the user what happened.
    pub(crate) fn sqlite(path: &Path, source: rusqlite::Error) -> StoreError {
        use rusqlite::ErrorCode;
        let path = path.to_path_buf();
        match source.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy { path },
            Some(ErrorCode::NotADatabase) => StoreError::NotSqlite {
                path,
                detail: source.to_string(),
            },
            Some(ErrorCode::DatabaseCorrupt) => StoreError::Corrupt {
                path,
                detail: source.to_string(),
            },
            _ => StoreError::Sqlite { path, source },
        }
    }
}

/// Attaches the store path to rusqlite results, so call sites stay one line.
pub(crate) trait AtPath<T> {
    fn at(self, path: &Path) -> Result<T, StoreError>;
}

impl<T> AtPath<T> for Result<T, rusqlite::Error> {
    fn at(self, path: &Path) -> Result<T, StoreError> {
        self.map_err(|e| StoreError::sqlite(path, e))
    }
}
