//! Write a meeting slate to files staff can print, open in a spreadsheet,
//! feed to scripts or import into a calendar.
//!
//! [`write_slate`] writes four files into an output folder:
//!
//! | file | for | shape |
//! |---|---|---|
//! | `schedule.csv` | scripts and the organisers' master sheet | one row per meeting, sorted by slot then table |
//! | `sellers.csv` | printing each seller's day | every seller's meetings in time order |
//! | `buyers.csv` | printing each buyer's day | every buyer's meetings in time order |
//! | `schedule.ics` | calendar apps (RFC 5545) | one `VEVENT` per meeting, in the event's time zone |
//!
//! # Numbering
//!
//! The model counts from 0; people count from 1. Every file shows:
//! - `slot`: the slot's position in the whole event, counted from 1 (the
//!   first slot of day one is 1, numbering carries on across days, so a slot
//!   number alone identifies a time). It is `Slot::index + 1`.
//! - `table`: `Meeting::table + 1`, so table 0 in the model is "table 1".
//!
//! The itineraries list participants in the summit's order (the order of
//! the input files), each one's meetings in time order; a participant
//! without meetings gets one row whose `status` is `no meetings`.
//!
//! # Spreadsheet safety
//!
//! Text cells that come from participants' data (ids and company names) are
//! neutralised against CSV injection as OWASP advises: a cell that starts
//! with `=`, `+`, `-`, `@`, tab or carriage return gets a leading `'`, so a
//! spreadsheet shows it as text instead of running it as a formula. Cells we
//! generate (dates, times, numbers, yes/no, status) are never touched, so
//! `score` stays a number.
//!
//! # Byte order mark
//!
//! All files are UTF-8. `schedule.csv` has no byte order mark: scripts read
//! it, and its header must be exactly the documented text (a BOM would make
//! the first column `\u{feff}day` for many readers). The itineraries
//! (`sellers.csv`, `buyers.csv`) are for people: they carry Chinese company
//! names and are usually opened by double-click in Excel, which reads a CSV
//! without a BOM in the system's legacy code page and garbles Chinese. So the
//! itineraries start with a UTF-8 BOM (the `csv` crate's reader skips it).
//!
//! # Safety of the output
//!
//! The slate is checked against the summit before anything is written. The
//! files are then rendered straight into a staging folder (a million
//! sellers' files are gigabytes, too much to hold in memory) and replace the
//! previous export together, as one set (see the `set` module): a failure
//! while rendering, a full disk or a kill leaves the old set whole, never
//! files of two runs. Output is deterministic: the same summit and slate
//! always give the same bytes (the calendar's `DTSTAMP` and `UID`s are
//! derived from the data, never from the clock or a random source).

mod atomic;
mod ics;
mod notices;
pub mod print;
mod report;
mod set;
mod sheets;
mod versioned;
mod vtimezone;

use std::io;
use std::path::{Path, PathBuf};

use jiff::civil::{Date, Time};
use jiff::tz::{AmbiguousOffset, Offset, TimeZone};

use crate::model::{Buyer, Meeting, Seller, Slate, Slot, Summit};

pub use atomic::{write_atomic, write_atomic_with};
pub use ics::{default_dtstamp, schedule_ics};
pub use notices::{
    CHANGES_CSV, CHANGES_HEADER, NOTICES_DIR, Notice, NoticeChange, NoticeFiles, NoticePlace,
    NoticeVersions, PairChange, notices, write_notices,
};
pub use report::{CsvTable, write_tables};
pub use set::{
    InMemory, OpenFile, Render, Sink, open_file, write_error, write_set, write_set_with,
};
pub use sheets::{
    BUYERS_HEADER, SCHEDULE_HEADER, SELLERS_HEADER, buyers_csv, neutralise, schedule_csv,
    sellers_csv,
};
pub use versioned::{
    CancelledMeeting, SlateStamp, Versioning, write_export, write_export_with, write_version,
};

/// File names inside the output folder.
pub const SCHEDULE_CSV: &str = "schedule.csv";
pub const SELLERS_CSV: &str = "sellers.csv";
pub const BUYERS_CSV: &str = "buyers.csv";
pub const SCHEDULE_ICS: &str = "schedule.ics";

/// What went wrong while exporting, with the path involved and what to do.
///
/// The I/O variants put the reason in the message itself (so a plain `{}`
/// tells the whole story) and therefore do not also report the `io::Error`
/// as `source()`, which would print it twice in an error chain.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(
        "cannot create output folder {}: {}; choose another --out folder",
        path.display(),
        describe_io(io)
    )]
    CreateDir { path: PathBuf, io: io::Error },

    #[error(
        "cannot write {}: {}; choose another --out folder",
        path.display(),
        describe_io(io)
    )]
    Write { path: PathBuf, io: io::Error },

    #[error(
        "the event's time zone {name:?} is not in this computer's time-zone database; \
         fix \"timezone\" in the event file or install the tzdata package"
    )]
    TimeZone {
        name: String,
        #[source]
        source: jiff::Error,
    },

    #[error("cannot place {what} in time zone {zone}; check the event's dates")]
    Time {
        what: String,
        zone: String,
        #[source]
        source: jiff::Error,
    },

    #[error("the slate does not match the summit: {0}; schedule again before exporting")]
    Inconsistent(String),

    #[error("cannot format {file}: {detail} (this is a bug in matchslate; please report it)")]
    Render { file: &'static str, detail: String },
}

/// A short, lower-case reason for an I/O failure, in words staff understand.
fn describe_io(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        io::ErrorKind::NotFound => "the folder does not exist".to_owned(),
        io::ErrorKind::NotADirectory => "part of the path is a file, not a folder".to_owned(),
        io::ErrorKind::ReadOnlyFilesystem => "the disk is read-only".to_owned(),
        io::ErrorKind::StorageFull => "the disk is full".to_owned(),
        io::ErrorKind::AlreadyExists => "a file with that name is in the way".to_owned(),
        io::ErrorKind::IsADirectory => "a folder with that name is in the way".to_owned(),
        _ => err.to_string(),
    }
}

/// The files [`write_slate`] wrote, for the caller to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportedFiles {
    pub schedule_csv: PathBuf,
    pub sellers_csv: PathBuf,
    pub buyers_csv: PathBuf,
    pub schedule_ics: PathBuf,
    /// How many meetings the files hold.
    pub meetings: usize,
}

impl ExportedFiles {
    /// All written paths, in the order they were written.
    pub fn paths(&self) -> [&Path; 4] {
        [
            &self.schedule_csv,
            &self.sellers_csv,
            &self.buyers_csv,
            &self.schedule_ics,
        ]
    }
}

/// Writes `schedule.csv`, `sellers.csv`, `buyers.csv` and `schedule.ics` into
/// `out_dir`, creating it (and its parents) if missing.
///
/// All four files are rendered before the first is written, and the four
/// replace the previous export as one set (see the `set` module): a failure, a full
/// disk or a kill leaves the previous set whole, never a mix of two runs.
pub fn write_slate(
    out_dir: &Path,
    summit: &Summit,
    slate: &Slate,
) -> Result<ExportedFiles, ExportError> {
    let rows = resolve(summit, slate)?;
    let dtstamp = ics::default_dtstamp_for(summit, &rows)?;
    versioned::write_rows(out_dir, summit, &rows, &Versioning::default(), dtstamp)
}

/// One meeting with its indices looked up, so renderers never index.
#[derive(Debug, Clone, Copy)]
struct Row<'a> {
    meeting: &'a Meeting,
    slot: &'a Slot,
    seller: &'a Seller,
    buyer: &'a Buyer,
    /// The UTC offsets of the slot's start and end when they fall in the
    /// repeated hour of a fall-back change, where `HH:MM` alone is ambiguous.
    fold: (Option<Offset>, Option<Offset>),
}

impl Row<'_> {
    /// Slot number as staff count it (see the module docs).
    fn slot_number(&self) -> usize {
        self.slot.index + 1
    }

    /// Table number as staff count it (see the module docs).
    fn table_number(&self) -> u64 {
        u64::from(self.meeting.table) + 1
    }

    /// `HH:MM`, or `HH:MM UTC-07:00` in a repeated hour (see [`Row::fold`]).
    fn start_label(&self) -> String {
        time_label(self.slot.start, self.fold.0)
    }

    fn end_label(&self) -> String {
        time_label(self.slot.end, self.fold.1)
    }
}

fn time_label(time: Time, fold: Option<Offset>) -> String {
    match fold {
        Some(offset) => format!("{} UTC{offset}", format_time(time)),
        None => format_time(time),
    }
}

/// The offset jiff resolves `date time` to when the time is ambiguous
/// (happens twice) in `zone`, else `None`.
fn fold_offset(zone: Option<&TimeZone>, date: Date, time: Time) -> Option<Offset> {
    let ambiguous = zone?.to_ambiguous_timestamp(date.to_datetime(time));
    if !matches!(ambiguous.offset(), AmbiguousOffset::Fold { .. }) {
        return None;
    }
    let instant = ambiguous.compatible().ok()?;
    Some(zone?.to_offset(instant))
}

/// Looks up every meeting's slot, seller and buyer, and sorts the meetings
/// by slot then table. Ties (which a valid slate never has) fall back to the
/// participants' ids, so the order never depends on the slate's vector order.
fn resolve<'a>(summit: &'a Summit, slate: &'a Slate) -> Result<Vec<Row<'a>>, ExportError> {
    let zone = TimeZone::get(&summit.event.timezone).ok();
    let mut rows = Vec::with_capacity(slate.meetings.len());
    for (n, meeting) in slate.meetings.iter().enumerate() {
        let lookup_failed = |what: &str, index: usize, len: usize| {
            ExportError::Inconsistent(format!(
                "meeting #{} refers to {what} #{index}, but the summit has {len}",
                n + 1
            ))
        };
        let slot = summit
            .slots
            .get(meeting.slot)
            .ok_or_else(|| lookup_failed("slot", meeting.slot, summit.slots.len()))?;
        let seller = summit
            .sellers
            .get(meeting.seller)
            .ok_or_else(|| lookup_failed("seller", meeting.seller, summit.sellers.len()))?;
        let buyer = summit
            .buyers
            .get(meeting.buyer)
            .ok_or_else(|| lookup_failed("buyer", meeting.buyer, summit.buyers.len()))?;
        rows.push(Row {
            meeting,
            slot,
            seller,
            buyer,
            fold: (
                fold_offset(zone.as_ref(), slot.date, slot.start),
                fold_offset(zone.as_ref(), slot.date, slot.end),
            ),
        });
    }
    rows.sort_by(|a, b| {
        (a.slot.index, a.meeting.table, &a.seller.id, &a.buyer.id).cmp(&(
            b.slot.index,
            b.meeting.table,
            &b.seller.id,
            &b.buyer.id,
        ))
    });
    Ok(rows)
}

/// `YYYY-MM-DD`.
fn format_date(date: Date) -> String {
    date.strftime("%Y-%m-%d").to_string()
}

/// `HH:MM` (slots start on whole minutes).
fn format_time(time: Time) -> String {
    time.strftime("%H:%M").to_string()
}

/// One decimal, as in the requirements (`85.0`).
fn format_score(score: f64) -> String {
    format!("{score:.1}")
}

fn yes_no(value: bool) -> &'static str {
    if value { "yes" } else { "no" }
}
