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

    #[error(
        "decision store {} is read-only (its file or folder cannot be written): decisions and \
         slates can be looked at but not changed; copy the summit folder somewhere writable \
         or get write access to it",
        path.display()
    )]
    ReadOnly { path: PathBuf },

    #[error(
        "decision store {} was made by an older matchslate and must be upgraded, but its file \
         or folder is read-only; open it once with write access, or copy the summit folder \
         somewhere writable",
        path.display()
    )]
    ReadOnlyOld { path: PathBuf },

    #[error(
        "cannot create decision store {}: its folder is read-only; pass --db with a writable \
         path or copy the summit folder somewhere writable",
        path.display()
    )]
    ReadOnlyNew { path: PathBuf },

    /// Undo or redo would overwrite someone else's later change to the pair.
    #[error("{}", refusal_message(.0))]
    Refused(Box<Refusal>),

    /// A lock that would put a participant in two places at once, or two
    /// meetings at one table at once.
    #[error("{}", clash_message(.0))]
    LockClash(Box<LockClash>),

    #[error("there is no slate version {0}")]
    NoSuchVersion(i64),

    #[error("slate version {version} is published and can no longer change")]
    Published { version: i64 },

    /// Undo or redo of a check-in or outcome would overwrite someone
    /// else's later change to it.
    #[error("{by} changed {subject} at {at} after you; {what} refused")]
    DayRefused {
        what: &'static str,
        subject: String,
        by: String,
        at: jiff::Timestamp,
    },
}

/// Who changed a pair after the change being undone or redone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// Undo or redo.
    pub what: &'static str,
    pub seller_id: String,
    pub buyer_id: String,
    /// The change of yours that was to be reversed ("accept", "lock", ...).
    pub yours: &'static str,
    pub by: String,
    /// What they did ("rejected", "locked", ...).
    pub did: &'static str,
    pub at: jiff::Timestamp,
}

fn refusal_message(r: &Refusal) -> String {
    format!(
        "{} {} {}·{} at {} after your {}; {} refused",
        r.by,
        r.did,
        r.seller_id,
        r.buyer_id,
        local_clock(r.at),
        r.yours,
        r.what
    )
}

/// The lock refused, and the lock it clashes with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockClash {
    pub seller_id: String,
    pub buyer_id: String,
    /// Where the refused lock was to go, as staff read it.
    pub place: String,
    pub with_seller: String,
    pub with_buyer: String,
    /// Who set the lock it clashes with (empty when it is part of the same
    /// step, as in a swap).
    pub with_staff: String,
    pub reason: ClashReason,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClashReason {
    /// The seller would meet two buyers at once.
    Seller,
    /// The buyer would meet two sellers at once.
    Buyer,
    /// Two meetings at one table at once.
    Table,
}

fn clash_message(c: &LockClash) -> String {
    let who = match c.reason {
        ClashReason::Seller => format!("seller {}", c.seller_id),
        ClashReason::Buyer => format!("buyer {}", c.buyer_id),
        ClashReason::Table => "the table".to_string(),
    };
    let by = if c.with_staff.is_empty() {
        " (in the same change)".to_string()
    } else {
        format!(" (locked by {})", c.with_staff)
    };
    format!(
        "cannot lock {}·{} at {}: {who} already has a locked meeting then, {}·{}{by}",
        c.seller_id, c.buyer_id, c.place, c.with_seller, c.with_buyer
    )
}

/// `HH:MM` in this machine's time zone, as staff read clocks.
fn local_clock(at: jiff::Timestamp) -> String {
    at.to_zoned_datetime(jiff::tz::TimeZone::system())
        .strftime("%H:%M")
        .to_string()
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
