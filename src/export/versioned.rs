//! Exporting a stored slate version: the same four files, each saying
//! which version it holds and whether that version is published, and a
//! calendar that updates the one participants already imported.
//!
//! - CSVs: two columns added at the end of every row, `slate` (the version
//!   number) and `published` (`yes` or `no`). The columns before them are
//!   exactly those of an unversioned export, so readers that pick columns
//!   by name or by position keep working, and no comment line breaks CSV.
//! - ICS: `X-MATCHSLATE-SLATE` and `X-MATCHSLATE-PUBLISHED` properties, and
//!   the calendar's name ends with "(slate N, published)" or "(slate N,
//!   draft)". Every event carries a `SEQUENCE` (the caller counts how often
//!   the pair's time or table changed); meetings cancelled since the
//!   published version are exported with `STATUS:CANCELLED`, their old
//!   UID and a higher `SEQUENCE`, so calendars remove them.

use std::collections::HashMap;
use std::path::Path;

use jiff::Timestamp;
use jiff::civil::{Date, Time};
use rayon::prelude::*;

use super::print::PrintInput;
use super::set::{self, OpenFile, Sink, Top};
use super::{
    BUYERS_CSV, ExportError, ExportedFiles, Row, SCHEDULE_CSV, SCHEDULE_ICS, SELLERS_CSV, ics,
    resolve, sheets, yes_no,
};
use crate::model::{Side, Slate, Summit};

/// Which stored version a set of files comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SlateStamp {
    pub version: i64,
    pub published: bool,
}

impl SlateStamp {
    fn state(self) -> &'static str {
        if self.published { "published" } else { "draft" }
    }
}

/// A meeting of the published version that the exported one no longer has.
#[derive(Debug, Clone, PartialEq)]
pub struct CancelledMeeting {
    pub seller_id: String,
    pub seller_company: String,
    pub buyer_id: String,
    pub buyer_company: String,
    pub date: Date,
    pub start: Time,
    pub end: Time,
    /// Its `SEQUENCE`: higher than any it was exported with.
    pub sequence: u32,
}

/// What a stored version adds to an export.
#[derive(Debug, Clone, Copy, Default)]
pub struct Versioning<'a> {
    pub stamp: Option<SlateStamp>,
    /// `SEQUENCE` by (seller, buyer) index; pairs not in it get 0.
    pub sequences: Option<&'a HashMap<(usize, usize), u32>>,
    pub cancelled: &'a [CancelledMeeting],
}

impl Versioning<'_> {
    pub(super) fn calendar_name(&self, event_name: &str) -> String {
        match self.stamp {
            Some(stamp) => format!("{event_name} (slate {}, {})", stamp.version, stamp.state()),
            None => event_name.to_string(),
        }
    }

    pub(super) fn header_properties(&self) -> Vec<(&'static str, String)> {
        match self.stamp {
            Some(stamp) => vec![
                ("X-MATCHSLATE-SLATE", stamp.version.to_string()),
                (
                    "X-MATCHSLATE-PUBLISHED",
                    yes_no(stamp.published).to_string(),
                ),
            ],
            None => Vec::new(),
        }
    }

    pub(super) fn sequence_of(&self, seller: usize, buyer: usize) -> Option<u32> {
        self.sequences
            .map(|map| map.get(&(seller, buyer)).copied().unwrap_or(0))
    }
}

/// Writes the four files for a stored version into `out_dir` (see the
/// module docs for what the version adds). `dtstamp` should move forward
/// with every version, so calendars take the update: the version's time.
pub fn write_version(
    out_dir: &Path,
    summit: &Summit,
    slate: &Slate,
    versioning: &Versioning<'_>,
    dtstamp: Timestamp,
) -> Result<ExportedFiles, ExportError> {
    let rows = resolve(summit, slate)?;
    write_rows(out_dir, summit, &rows, versioning, dtstamp)
}

/// The four files of `rows` (a version's, or a plain slate's with
/// [`Versioning::default`]), written as one set: a failure, a full disk or
/// a kill leaves the previous set whole.
pub(super) fn write_rows(
    out_dir: &Path,
    summit: &Summit,
    rows: &[Row<'_>],
    versioning: &Versioning<'_>,
    dtstamp: Timestamp,
) -> Result<ExportedFiles, ExportError> {
    let tops = FOUR.map(Top::file);
    set::stream_set(out_dir, &tops, &set::open_file, |sink| {
        write_four(sink, summit, rows, versioning, dtstamp)
    })?;
    Ok(exported_files(out_dir, rows.len()))
}

/// Everything an export writes, as one set: the four files of
/// `print.slate` (stamped by `versioning`; `dtstamp` defaults as in
/// [`super::write_slate`]) and the `print/` folder. A failure anywhere,
/// in `print/` too, leaves the previous set (four files and `print/`) whole.
pub fn write_export(
    out_dir: &Path,
    print: &PrintInput<'_>,
    versioning: &Versioning<'_>,
    dtstamp: Option<Timestamp>,
) -> Result<ExportedFiles, ExportError> {
    write_export_with(out_dir, print, versioning, dtstamp, &set::open_file)
}

/// [`write_export`] with each file opened by `open` (see
/// [`super::write_set_with`]).
pub fn write_export_with(
    out_dir: &Path,
    print: &PrintInput<'_>,
    versioning: &Versioning<'_>,
    dtstamp: Option<Timestamp>,
    open: &OpenFile,
) -> Result<ExportedFiles, ExportError> {
    let summit = print.summit;
    let rows = resolve(summit, print.slate)?;
    let dtstamp = match dtstamp {
        Some(dtstamp) => dtstamp,
        None => ics::default_dtstamp_for(summit, &rows)?,
    };
    let folder = super::print::PRINT_DIR;
    let tops: Vec<Top> = (FOUR.map(Top::file).into_iter())
        .chain([Top::folder(folder)])
        .collect();
    set::stream_set(out_dir, &tops, open, |sink| {
        let (four, pages) = rayon::join(
            || write_four(sink, summit, &rows, versioning, dtstamp),
            || super::print::write_into(print, sink, Path::new(folder)),
        );
        four.and(pages.map(drop))
    })?;
    Ok(exported_files(out_dir, rows.len()))
}

const FOUR: [&str; 4] = [SCHEDULE_CSV, SELLERS_CSV, BUYERS_CSV, SCHEDULE_ICS];

/// Writes the four files into `sink`, side by side.
fn write_four(
    sink: &dyn Sink,
    summit: &Summit,
    rows: &[Row<'_>],
    versioning: &Versioning<'_>,
    dtstamp: Timestamp,
) -> Result<(), ExportError> {
    let stamp = versioning.stamp;
    FOUR.par_iter().try_for_each(|&name| {
        sink.file(Path::new(name), &mut |out| match name {
            SCHEDULE_CSV => sheets::write_schedule(out, rows, stamp),
            SELLERS_CSV => sheets::write_itineraries(out, Side::Seller, summit, rows, stamp),
            BUYERS_CSV => sheets::write_itineraries(out, Side::Buyer, summit, rows, stamp),
            _ => ics::write_with(out, summit, rows, dtstamp, versioning),
        })
    })
}

fn exported_files(out_dir: &Path, meetings: usize) -> ExportedFiles {
    ExportedFiles {
        schedule_csv: out_dir.join(SCHEDULE_CSV),
        sellers_csv: out_dir.join(SELLERS_CSV),
        buyers_csv: out_dir.join(BUYERS_CSV),
        schedule_ics: out_dir.join(SCHEDULE_ICS),
        meetings,
    }
}
