//! The `print/` folder: self-contained HTML to print on summit morning, and
//! a calendar file per participant.
//!
//! | file | for | holds |
//! |---|---|---|
//! | `agendas.html` | the welcome desk | one page per participant, sellers then buyers by id |
//! | `agendas/<id>.html` | one participant | the same page alone |
//! | `agendas/<id>.ics` | one participant's calendar | only their meetings |
//! | `tables.html` | the table doors | per table and day: each slot's seller and buyer |
//! | `interpreters.html` | interpreters | per slot: meetings that need one, against the event's count |
//! | `checkin.html` | the welcome desk | everyone by Latin and by Chinese name, first meeting, tick box |
//!
//! Participant-facing files (agendas and their calendars) speak to the
//! participant: time, table, counterpart, why they meet and the meeting
//! code; never a score, a status or a slot number. Pages for participants
//! whose languages include `zh` are in Chinese first, English beside it;
//! every word comes from [`labels`]. The HTML comes from askama templates
//! (`templates/print/`), which escape every value. Pages use no script,
//! font, image or network: QR codes are inline SVG.

mod agenda;
mod calendar;
mod code;
mod html;
pub mod labels;
mod qr;
mod sheets;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use rayon::prelude::*;

use super::set::Top;
use super::{ExportError, InMemory, Sink};
use crate::model::{Side, Slate, Summit};

pub use agenda::NO_MEETING_PAGES;
pub use code::{CODE_LEN, meeting_code, parse_meeting_code};
pub use qr::qr_svg;

/// The folder's name inside the export folder.
pub const PRINT_DIR: &str = "print";

/// A name in English and, where the data has one, Chinese.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Term {
    pub en: String,
    /// Empty when unknown.
    pub zh: String,
}

impl Term {
    pub fn new(en: impl Into<String>, zh: impl Into<String>) -> Term {
        Term {
            en: en.into(),
            zh: zh.into(),
        }
    }

    /// The Chinese name, or the English one when there is none.
    pub fn zh(&self) -> &str {
        if self.zh.trim().is_empty() {
            &self.en
        } else {
            &self.zh
        }
    }
}

/// The strongest reason a pair meets, as plain data; [`labels::why`]
/// phrases it for the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PairReason {
    /// The seller offers `offer`, which is (or relates to) the buyer's `want`.
    Category { offer: Term, want: Term },
    /// Their HS codes match (`code` as people write it, such as `0809.29`).
    HsCode { code: String, name: Option<Term> },
    /// Only words in common: the seller's and the buyer's terms as written.
    Words { offer: String, want: String },
    /// Staff accepted or locked the pair without a topical link.
    Arranged,
}

/// Which schedule the files print, for the stamp on every page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VersionStamp {
    /// The slate version, once slates are versioned.
    pub number: Option<u32>,
    pub published: bool,
    pub exported_at: Timestamp,
}

/// Everything the print folder is made from, as plain data.
#[derive(Debug, Clone)]
pub struct PrintInput<'a> {
    pub summit: &'a Summit,
    pub slate: &'a Slate,
    /// What each seller supplies (indexed like `summit.sellers`), through
    /// the taxonomy's names; a missing or empty entry falls back to the
    /// seller's categories as written. Only sellers on the slate are shown
    /// to anyone, so only theirs are read.
    pub seller_trades: Vec<Vec<Term>>,
    /// What each buyer looks for, likewise.
    pub buyer_trades: Vec<Vec<Term>>,
    /// Per (seller, buyer) index pair on the slate; a missing one prints as
    /// [`PairReason::Arranged`].
    pub reasons: HashMap<(usize, usize), PairReason>,
    pub version: VersionStamp,
}

/// What [`write_print_folder`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintedFiles {
    pub dir: PathBuf,
    /// Participant pages: one per seller and buyer, or only those who meet
    /// past [`NO_MEETING_PAGES`] without a meeting.
    pub pages: usize,
    pub files: usize,
}

/// Renders every file of the print folder and replaces `dir` with them
/// as one set (see the export's `set` module). An export writes `print/`
/// inside the set of all its files instead: [`crate::export::write_export`].
pub fn write_print_folder(input: &PrintInput<'_>, dir: &Path) -> Result<PrintedFiles, ExportError> {
    let tops = [
        Top::file(AGENDAS_HTML),
        Top::folder(AGENDAS_DIR),
        Top::file(TABLES_HTML),
        Top::file(INTERPRETERS_HTML),
        Top::file(CHECKIN_HTML),
    ];
    let mut pages = 0;
    super::set::stream_set(dir, &tops, &super::open_file, |sink| {
        pages = write_into(input, sink, Path::new(""))?;
        Ok(())
    })?;
    Ok(PrintedFiles {
        dir: dir.to_path_buf(),
        pages,
        // agendas.html, the three staff sheets, a page and a calendar each.
        files: 4 + 2 * pages,
    })
}

/// Where each participant's own files go.
const AGENDAS_DIR: &str = "agendas";
const AGENDAS_HTML: &str = "agendas.html";
const TABLES_HTML: &str = "tables.html";
const INTERPRETERS_HTML: &str = "interpreters.html";
const CHECKIN_HTML: &str = "checkin.html";

/// Pages rendered at once: enough to keep the cores busy, few enough that
/// their text is a few megabytes.
const PAGES_AT_ONCE: usize = 1024;

/// Every file of the folder, as (relative path, bytes), in memory, by path.
pub fn render_files(input: &PrintInput<'_>) -> Result<Vec<(PathBuf, Vec<u8>)>, ExportError> {
    let sink = InMemory::default();
    write_into(input, &sink, Path::new(""))?;
    Ok(sink.into_files())
}

/// Writes every file of the folder into `sink`, under `folder`, as it is
/// rendered: `agendas.html` a few pages at a time (each page's own files
/// beside), the staff sheets alongside. Returns how many participant pages
/// there are.
pub(crate) fn write_into(
    input: &PrintInput<'_>,
    sink: &dyn Sink,
    folder: &Path,
) -> Result<usize, ExportError> {
    let rows = super::resolve(input.summit, input.slate)?;
    let model = agenda::Model::new(input, &rows)?;
    let order = model.page_order();
    let frame = html::Frame::new(
        &input.summit.event.name,
        html::Paper::for_event(input.summit),
    )?;
    let staff = sheets::Sheets::new(input, &rows, &model, &frame);
    let agendas = || {
        sink.file(&folder.join(AGENDAS_HTML), &mut |out| {
            let failed = super::write_error(&folder.join(AGENDAS_HTML));
            out.write_all(frame.head()).map_err(failed)?;
            for chunk in order.chunks(PAGES_AT_ONCE) {
                let pages: Vec<_> = (chunk.iter())
                    .filter_map(|&(side, index)| model.page(side, index))
                    .collect();
                let bodies: Vec<String> = (pages.par_iter())
                    .map(|page| write_own(sink, folder, &model, &frame, page))
                    .collect::<Result<_, _>>()?;
                for body in &bodies {
                    let failed = super::write_error(&folder.join(AGENDAS_HTML));
                    (out.write_all(body.as_bytes()))
                        .and_then(|()| out.write_all(frame.after()))
                        .map_err(failed)?;
                }
            }
            out.write_all(frame.tail())
                .map_err(super::write_error(&folder.join(AGENDAS_HTML)))
        })
    };
    let sheets = || {
        [TABLES_HTML, INTERPRETERS_HTML, CHECKIN_HTML]
            .par_iter()
            .try_for_each(|&name| {
                sink.file(&folder.join(name), &mut |out| match name {
                    TABLES_HTML => staff.tables(out),
                    INTERPRETERS_HTML => staff.interpreters(out),
                    _ => staff.checkin(out),
                })
            })
    };
    let (agendas, sheets) = rayon::join(agendas, sheets);
    agendas.and(sheets)?;
    Ok(order.len())
}

/// Writes a participant's own page and calendar into `sink` and returns
/// the page's body, for `agendas.html`.
fn write_own(
    sink: &dyn Sink,
    folder: &Path,
    model: &agenda::Model<'_, '_>,
    frame: &html::Frame,
    page: &agenda::Page<'_>,
) -> Result<String, ExportError> {
    let body = html::agenda_body(page)?;
    let stem = file_stem(page.side, page.id);
    let own = folder.join(AGENDAS_DIR);
    let html = frame.document(&body);
    sink.put(&own.join(format!("{stem}.html")), html.as_bytes())?;
    let ics = model.calendar(page)?;
    sink.put(&own.join(format!("{stem}.ics")), ics.as_bytes())?;
    Ok(body)
}

/// One participant's page alone, as a complete HTML document (the content
/// of `agendas/<id>.html`).
pub fn agenda_html(
    input: &PrintInput<'_>,
    side: Side,
    index: usize,
) -> Result<String, ExportError> {
    let rows = super::resolve(input.summit, input.slate)?;
    let model = agenda::Model::new(input, &rows)?;
    let page = model
        .page(side, index)
        .ok_or_else(|| ExportError::Inconsistent(format!("no {side:?} #{index} in the summit")))?;
    let body = html::agenda_body(&page)?;
    html::document(
        &input.summit.event.name,
        html::Paper::for_event(input.summit),
        std::slice::from_ref(&body),
    )
}

/// A participant's file name without extension: the id itself when it is
/// safe as a file name everywhere, else its safe characters plus a hash of
/// the id, so two unsafe ids never share a file.
fn file_stem(side: Side, id: &str) -> String {
    let safe: String = id
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .take(64)
        .collect();
    if safe == id {
        return safe;
    }
    let hash = super::ics::fnv1a64(&[side.word(), id]);
    format!("{safe}-{:08x}", hash & 0xffff_ffff)
}
