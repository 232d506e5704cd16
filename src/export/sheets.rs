//! The CSV files: the master schedule and the two itineraries.

use std::borrow::Cow;
use std::io::Write;
use std::path::Path;

use super::{ExportError, Row, SlateStamp, format_date, format_score, resolve, yes_no};
use crate::model::{Side, Slate, Summit};

/// The columns saying when and where a meeting is, in every file.
const WHEN: [&str; 5] = ["day", "start", "end", "slot", "table"];
/// The columns closing every meeting row.
const ABOUT: [&str; 3] = ["score", "interpreter", "status"];

/// Header of `schedule.csv`. Scripts rely on it: change it only on purpose.
pub const SCHEDULE_HEADER: [&str; 12] = header(&[
    &WHEN,
    &["seller_id", "seller_company", "buyer_id", "buyer_company"],
    &ABOUT,
]);

/// Header of `sellers.csv`: the seller, then each meeting with the buyer.
pub const SELLERS_HEADER: [&str; 14] = header(&[
    &["seller_id", "seller_company"],
    &WHEN,
    &["buyer_id", "buyer_company", "buyer_company_zh"],
    &ABOUT,
    &["wish"],
]);

/// Header of `buyers.csv`: the buyer (both names), then each meeting with
/// the seller.
pub const BUYERS_HEADER: [&str; 14] = header(&[
    &["buyer_id", "buyer_company", "buyer_company_zh"],
    &WHEN,
    &["seller_id", "seller_company"],
    &ABOUT,
    &["wish"],
]);

/// The columns of `parts`, one after another; `N` must be their count (the
/// build fails otherwise).
const fn header<const N: usize>(parts: &[&[&'static str]]) -> [&'static str; N] {
    let mut out = [""; N];
    let mut at = 0;
    let mut part = 0;
    while part < parts.len() {
        let mut i = 0;
        while i < parts[part].len() {
            out[at] = parts[part][i];
            at += 1;
            i += 1;
        }
        part += 1;
    }
    assert!(at == N, "a header's length is its columns' count");
    out
}

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
    in_memory(|out| write_schedule(out, &resolve(summit, slate)?, None))
}

/// The bytes of `sellers.csv`.
pub fn sellers_csv(summit: &Summit, slate: &Slate) -> Result<Vec<u8>, ExportError> {
    in_memory(|out| write_itineraries(out, Side::Seller, summit, &resolve(summit, slate)?, None))
}

/// The bytes of `buyers.csv`.
pub fn buyers_csv(summit: &Summit, slate: &Slate) -> Result<Vec<u8>, ExportError> {
    in_memory(|out| write_itineraries(out, Side::Buyer, summit, &resolve(summit, slate)?, None))
}

fn in_memory(
    render: impl FnOnce(&mut dyn Write) -> Result<(), ExportError>,
) -> Result<Vec<u8>, ExportError> {
    let mut bytes = Vec::new();
    render(&mut bytes)?;
    Ok(bytes)
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

/// Writes `schedule.csv` into `out`; a stored version's `stamp` adds its
/// columns (see the `versioned` module).
pub(super) fn write_schedule(
    out: &mut dyn Write,
    rows: &[Row<'_>],
    stamp: Option<SlateStamp>,
) -> Result<(), ExportError> {
    let mut out = Sheet::new(super::SCHEDULE_CSV, out, stamp)?;
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

/// Writes `side`'s itineraries, `sellers.csv` or `buyers.csv`, into `out`
/// (see [`write_schedule`] for `stamp`).
pub(super) fn write_itineraries(
    out: &mut dyn Write,
    side: Side,
    summit: &Summit,
    rows: &[Row<'_>],
    stamp: Option<SlateStamp>,
) -> Result<(), ExportError> {
    match side {
        Side::Seller => write_itinerary(
            Sheet::new(super::SELLERS_CSV, out, stamp)?,
            (&SELLERS_HEADER, &summit.sellers, rows),
            |row| row.meeting.seller,
            |seller| vec![neutralise(&seller.id), neutralise(&seller.company)],
            |row| {
                vec![
                    neutralise(&row.buyer.id),
                    neutralise(&row.buyer.company),
                    neutralise(&row.buyer.company_zh),
                ]
            },
        ),
        Side::Buyer => write_itinerary(
            Sheet::new(super::BUYERS_CSV, out, stamp)?,
            (&BUYERS_HEADER, &summit.buyers, rows),
            |row| row.meeting.buyer,
            |buyer| {
                vec![
                    neutralise(&buyer.id),
                    neutralise(&buyer.company),
                    neutralise(&buyer.company_zh),
                ]
            },
            |row| vec![neutralise(&row.seller.id), neutralise(&row.seller.company)],
        ),
    }
}

/// One side's itineraries (the file's header, the side's participants,
/// the slate's rows): per participant, their `own` cells, then for each
/// meeting (in time order) when and where, the `other` side's cells, score,
/// interpreter and status. A participant without meetings gets one row
/// saying so, so nobody is missing from the file.
fn write_itinerary<'a, P>(
    mut out: Sheet<'_>,
    (header, participants, rows): (&[&str], &'a [P], &[Row<'a>]),
    index: impl Fn(&Row<'a>) -> usize,
    own: impl Fn(&'a P) -> Vec<Cow<'a, str>>,
    other: impl Fn(&Row<'a>) -> Vec<Cow<'a, str>>,
) -> Result<(), ExportError> {
    let side = if out.file == super::SELLERS_CSV {
        Side::Seller
    } else {
        Side::Buyer
    };
    out.record(header.iter().copied())?;
    let groups = group(rows, participants.len(), index);
    for (participant, meetings) in participants.iter().zip(&groups) {
        let own = own(participant);
        if meetings.is_empty() {
            let mut cells: Vec<&str> = own.iter().map(AsRef::as_ref).collect();
            cells.resize(header.len() - 2, "");
            cells.push(NO_MEETINGS);
            cells.push("");
            out.record(cells)?;
        }
        for row in meetings {
            let when = When::of(row);
            let other = other(row);
            let score = format_score(row.meeting.score);
            let wish = wish_cell(row, side);
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
                    &wish,
                ]);
            out.record(cells)?;
        }
    }
    out.finish()
}

/// Whether the meeting fulfils a wish, as `side` reads it: "mutual wish",
/// "your 2nd choice", "their 1st choice", or "avoided by S007" when staff
/// accepted a pair someone asked not to meet; empty otherwise. From the
/// wishes in the data files.
fn wish_cell(row: &Row<'_>, side: Side) -> String {
    let rank = |wishes: &crate::model::Wishes, id: &str| {
        wishes
            .meet
            .iter()
            .position(|m| m == id)
            .map(|i| i as u32 + 1)
    };
    let seller_rank = rank(&row.seller.wishes, &row.buyer.id);
    let buyer_rank = rank(&row.buyer.wishes, &row.seller.id);
    let seller_avoids = row.seller.wishes.avoid.contains(&row.buyer.id);
    let buyer_avoids = row.buyer.wishes.avoid.contains(&row.seller.id);
    let (mine, theirs) = match side {
        Side::Seller => (seller_rank, buyer_rank),
        Side::Buyer => (buyer_rank, seller_rank),
    };
    match (seller_avoids, buyer_avoids, mine, theirs) {
        (true, ..) => format!("avoided by {}", row.seller.id),
        (_, true, ..) => format!("avoided by {}", row.buyer.id),
        (_, _, Some(_), Some(_)) => "mutual wish".to_string(),
        (_, _, Some(r), None) => format!("your {} choice", crate::wishes::ordinal(r)),
        (_, _, None, Some(r)) => format!("their {} choice", crate::wishes::ordinal(r)),
        _ => String::new(),
    }
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

/// A CSV writer that remembers which file it is for, so its (unlikely)
/// errors name the file, and adds a stored version's columns to every row.
struct Sheet<'w> {
    file: &'static str,
    writer: csv::Writer<&'w mut dyn Write>,
    /// The `slate` and `published` cells, once the header is written.
    stamp: Option<[String; 2]>,
    header: bool,
}

impl<'w> Sheet<'w> {
    /// A sheet for `file`, starting with the byte order mark if the file
    /// is an itinerary (see the module docs of `export`).
    fn new(
        file: &'static str,
        out: &'w mut dyn Write,
        stamp: Option<SlateStamp>,
    ) -> Result<Self, ExportError> {
        if file != super::SCHEDULE_CSV {
            out.write_all(BOM)
                .map_err(super::write_error(Path::new(file)))?;
        }
        Ok(Sheet {
            file,
            writer: csv::Writer::from_writer(out),
            stamp: stamp.map(|s| [s.version.to_string(), yes_no(s.published).to_owned()]),
            header: true,
        })
    }

    fn record<'c>(&mut self, cells: impl IntoIterator<Item = &'c str>) -> Result<(), ExportError> {
        let header = std::mem::replace(&mut self.header, false);
        let written = match &self.stamp {
            None => self.writer.write_record(cells),
            Some(stamp) => {
                let added = if header {
                    ["slate", "published"]
                } else {
                    [stamp[0].as_str(), stamp[1].as_str()]
                };
                // Field by field, then the record's end (the csv crate's
                // way to write a record from two sources).
                let writer = &mut self.writer;
                (cells
                    .into_iter()
                    .try_for_each(|cell| writer.write_field(cell)))
                .and_then(|()| added.iter().try_for_each(|cell| writer.write_field(cell)))
                .and_then(|()| writer.write_record(None::<&[u8]>))
            }
        };
        written.map_err(|err| self.render_error(err.to_string()))
    }

    fn finish(mut self) -> Result<(), ExportError> {
        self.writer
            .flush()
            .map_err(|err| self.render_error(err.to_string()))
    }

    fn render_error(&self, detail: String) -> ExportError {
        ExportError::Render {
            file: self.file,
            detail,
        }
    }
}
