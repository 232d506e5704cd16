//! The CSV files: the master schedule and the two itineraries.

use std::borrow::Cow;

use super::{ExportError, Row, format_date, format_score, format_time, resolve, yes_no};
use crate::model::{Slate, Summit};

/// Header of `schedule.csv`. Scripts rely on it: change it only on purpose.
pub const SCHEDULE_HEADER: [&str; 12] = [
    "day",
    "start",
    "end",
    "slot",
    "table",
    "seller_id",
    "seller_company",
    "buyer_id",
    "buyer_company",
    "score",
    "interpreter",
    "status",
];

/// Header of `sellers.csv`: the seller, then each meeting with the buyer.
pub const SELLERS_HEADER: [&str; 13] = [
    "seller_id",
    "seller_company",
    "day",
    "start",
    "end",
    "slot",
    "table",
    "buyer_id",
    "buyer_company",
    "buyer_company_zh",
    "score",
    "interpreter",
    "status",
];

/// Header of `buyers.csv`: the buyer (both names), then each meeting with
/// the seller.
pub const BUYERS_HEADER: [&str; 13] = [
    "buyer_id",
    "buyer_company",
    "buyer_company_zh",
    "day",
    "start",
    "end",
    "slot",
    "table",
    "seller_id",
    "seller_company",
    "score",
    "interpreter",
    "status",
];

/// Status cell of the itinerary row for a participant without meetings.
pub const NO_MEETINGS: &str = "no meetings";

/// UTF-8 byte order mark, written at the start of the itineraries only (see
/// the module docs of `export` for why).
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Makes a text cell safe to open in a spreadsheet: a cell starting with a
/// character that spreadsheets treat as the start of a formula gets a
/// leading `'` (OWASP's CSV injection advice). Apply it to text from
/// participants' data only; numbers we generate must stay numbers.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// The bytes of `schedule.csv`.
pub fn schedule_csv(summit: &Summit, slate: &Slate) -> Result<Vec<u8>, ExportError> {
    render_schedule(&resolve(summit, slate)?)
}

/// The bytes of `sellers.csv`.
pub fn sellers_csv(summit: &Summit, slate: &Slate) -> Result<Vec<u8>, ExportError> {
    render_sellers(summit, &resolve(summit, slate)?)
}

/// The bytes of `buyers.csv`.
pub fn buyers_csv(summit: &Summit, slate: &Slate) -> Result<Vec<u8>, ExportError> {
    render_buyers(summit, &resolve(summit, slate)?)
}

/// The cells every file shares for one meeting, already formatted.
struct When {
    day: String,
    start: String,
    end: String,
    slot: String,
    table: String,
}

impl When {
    fn of(row: &Row<'_>) -> Self {
        When {
            day: format_date(row.slot.date),
            start: format_time(row.slot.start),
            end: format_time(row.slot.end),
            slot: row.slot_number().to_string(),
            table: row.table_number().to_string(),
        }
    }
}

pub(super) fn render_schedule(rows: &[Row<'_>]) -> Result<Vec<u8>, ExportError> {
    let mut out = Sheet::new(super::SCHEDULE_CSV, Vec::new());
    out.record(SCHEDULE_HEADER)?;
    for row in rows {
        let when = When::of(row);
        out.record([
            when.day.as_str(),
            &when.start,
            &when.end,
            &when.slot,
            &when.table,
            &neutralise(&row.seller.id),
            &neutralise(&row.seller.company),
            &neutralise(&row.buyer.id),
            &neutralise(&row.buyer.company),
            &format_score(row.meeting.score),
            yes_no(row.meeting.interpreter),
            row.meeting.status.label(),
        ])?;
    }
    out.finish()
}

pub(super) fn render_sellers(summit: &Summit, rows: &[Row<'_>]) -> Result<Vec<u8>, ExportError> {
    render_itinerary(
        super::SELLERS_CSV,
        &SELLERS_HEADER,
        &summit.sellers,
        rows,
        |row| row.meeting.seller,
        |seller| vec![neutralise(&seller.id), neutralise(&seller.company)],
        |row| {
            vec![
                neutralise(&row.buyer.id),
                neutralise(&row.buyer.company),
                neutralise(&row.buyer.company_zh),
            ]
        },
    )
}

pub(super) fn render_buyers(summit: &Summit, rows: &[Row<'_>]) -> Result<Vec<u8>, ExportError> {
    render_itinerary(
        super::BUYERS_CSV,
        &BUYERS_HEADER,
        &summit.buyers,
        rows,
        |row| row.meeting.buyer,
        |buyer| {
            vec![
                neutralise(&buyer.id),
                neutralise(&buyer.company),
                neutralise(&buyer.company_zh),
            ]
        },
        |row| vec![neutralise(&row.seller.id), neutralise(&row.seller.company)],
    )
}

/// One side's itineraries: per participant, their `own` cells, then for
/// each meeting (in time order) when and where, the `other` side's cells,
/// score, interpreter and status. A participant without meetings gets one
/// row saying so, so nobody is missing from the file.
fn render_itinerary<'a, P>(
    file: &'static str,
    header: &[&str],
    participants: &'a [P],
    rows: &[Row<'a>],
    index: impl Fn(&Row<'a>) -> usize,
    own: impl Fn(&'a P) -> Vec<Cow<'a, str>>,
    other: impl Fn(&Row<'a>) -> Vec<Cow<'a, str>>,
) -> Result<Vec<u8>, ExportError> {
    let mut out = Sheet::new(file, BOM.to_vec());
    out.record(header.iter().copied())?;
    let groups = group(rows, participants.len(), index);
    for (participant, meetings) in participants.iter().zip(&groups) {
        let own = own(participant);
        if meetings.is_empty() {
            let mut cells: Vec<&str> = own.iter().map(AsRef::as_ref).collect();
            cells.resize(header.len() - 1, "");
            cells.push(NO_MEETINGS);
            out.record(cells)?;
        }
        for row in meetings {
            let when = When::of(row);
            let other = other(row);
            let score = format_score(row.meeting.score);
            let cells = (own.iter().map(AsRef::as_ref))
                .chain([
                    when.day.as_str(),
                    &when.start,
                    &when.end,
                    &when.slot,
                    &when.table,
                ])
                .chain(other.iter().map(AsRef::as_ref))
                .chain([
                    score.as_str(),
                    yes_no(row.meeting.interpreter),
                    row.meeting.status.label(),
                ]);
            out.record(cells)?;
        }
    }
    out.finish()
}

/// Splits the (time-sorted) rows by participant index, keeping time order.
/// `resolve` has checked every index, so none is out of range.
fn group<'r, 'a>(
    rows: &'r [Row<'a>],
    participants: usize,
    index: impl Fn(&Row<'a>) -> usize,
) -> Vec<Vec<&'r Row<'a>>> {
    let mut groups = vec![Vec::new(); participants];
    for row in rows {
        if let Some(group) = groups.get_mut(index(row)) {
            group.push(row);
        }
    }
    groups
}

/// A CSV writer into memory that remembers which file it is for, so its
/// (unlikely) errors name the file.
struct Sheet {
    file: &'static str,
    writer: csv::Writer<Vec<u8>>,
}

impl Sheet {
    fn new(file: &'static str, start: Vec<u8>) -> Self {
        Sheet {
            file,
            writer: csv::Writer::from_writer(start),
        }
    }

    fn record<'c>(&mut self, cells: impl IntoIterator<Item = &'c str>) -> Result<(), ExportError> {
        self.writer
            .write_record(cells)
            .map_err(|err| self.render_error(err.to_string()))
    }

    fn finish(self) -> Result<Vec<u8>, ExportError> {
        let file = self.file;
        self.writer.into_inner().map_err(|err| ExportError::Render {
            file,
            detail: err.error().to_string(),
        })
    }

    fn render_error(&self, detail: String) -> ExportError {
        ExportError::Render {
            file: self.file,
            detail,
        }
    }
}
