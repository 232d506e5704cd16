//! The CSV files: the master schedule and the two itineraries.

use std::borrow::Cow;

use super::{ExportError, Row, format_date, format_score, resolve, yes_no};
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
            start: row.start_label(),
            end: row.end_label(),
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
    let mut out = Sheet::new(super::SELLERS_CSV, BOM.to_vec());
    out.record(SELLERS_HEADER)?;
    let by_seller = group(rows, summit.sellers.len(), |row| row.meeting.seller);
    for (seller, meetings) in summit.sellers.iter().zip(&by_seller) {
        let id = neutralise(&seller.id);
        let company = neutralise(&seller.company);
        if meetings.is_empty() {
            let mut cells = [""; SELLERS_HEADER.len()];
            cells[0] = &id;
            cells[1] = &company;
            cells[SELLERS_HEADER.len() - 1] = NO_MEETINGS;
            out.record(cells)?;
        }
        for row in meetings {
            let when = When::of(row);
            out.record([
                id.as_ref(),
                &company,
                &when.day,
                &when.start,
                &when.end,
                &when.slot,
                &when.table,
                &neutralise(&row.buyer.id),
                &neutralise(&row.buyer.company),
                &neutralise(&row.buyer.company_zh),
                &format_score(row.meeting.score),
                yes_no(row.meeting.interpreter),
                row.meeting.status.label(),
            ])?;
        }
    }
    out.finish()
}

pub(super) fn render_buyers(summit: &Summit, rows: &[Row<'_>]) -> Result<Vec<u8>, ExportError> {
    let mut out = Sheet::new(super::BUYERS_CSV, BOM.to_vec());
    out.record(BUYERS_HEADER)?;
    let by_buyer = group(rows, summit.buyers.len(), |row| row.meeting.buyer);
    for (buyer, meetings) in summit.buyers.iter().zip(&by_buyer) {
        let id = neutralise(&buyer.id);
        let company = neutralise(&buyer.company);
        let company_zh = neutralise(&buyer.company_zh);
        if meetings.is_empty() {
            let mut cells = [""; BUYERS_HEADER.len()];
            cells[0] = &id;
            cells[1] = &company;
            cells[2] = &company_zh;
            cells[BUYERS_HEADER.len() - 1] = NO_MEETINGS;
            out.record(cells)?;
        }
        for row in meetings {
            let when = When::of(row);
            out.record([
                id.as_ref(),
                &company,
                &company_zh,
                &when.day,
                &when.start,
                &when.end,
                &when.slot,
                &when.table,
                &neutralise(&row.seller.id),
                &neutralise(&row.seller.company),
                &format_score(row.meeting.score),
                yes_no(row.meeting.interpreter),
                row.meeting.status.label(),
            ])?;
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
