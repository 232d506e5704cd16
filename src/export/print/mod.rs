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

use super::ExportError;
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
    /// the taxonomy's names; a missing entry falls back to the seller's
    /// categories as written.
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
    let files = render_files(input)?;
    let borrowed: Vec<(&Path, &[u8])> = (files.iter())
        .map(|(name, bytes)| (name.as_path(), bytes.as_slice()))
        .collect();
    super::write_set(dir, &borrowed)?;
    Ok(PrintedFiles {
        dir: dir.to_path_buf(),
        pages: (files.iter())
            .filter(|(name, _)| name.starts_with(AGENDAS_DIR))
            .filter(|(name, _)| name.extension().is_some_and(|e| e == "html"))
            .count(),
        files: files.len(),
    })
}

/// Where each participant's own files go.
const AGENDAS_DIR: &str = "agendas";

/// Every file of the folder, as (relative path, bytes), in memory.
pub fn render_files(input: &PrintInput<'_>) -> Result<Vec<(PathBuf, Vec<u8>)>, ExportError> {
    let rows = super::resolve(input.summit, input.slate)?;
    let model = agenda::Model::new(input, &rows)?;
    let pages = model.pages();
    let bodies: Vec<String> = pages
        .par_iter()
        .map(html::agenda_body)
        .collect::<Result<_, _>>()?;
    let title = &input.summit.event.name;
    let paper = html::Paper::for_event(input.summit);

    let mut files = Vec::with_capacity(2 * pages.len() + 4);
    files.push((
        PathBuf::from("agendas.html"),
        html::document(title, paper, &bodies)?.into_bytes(),
    ));
    let singles: Vec<(PathBuf, Vec<u8>)> = pages
        .par_iter()
        .zip(&bodies)
        .map(|(page, body)| -> Result<_, ExportError> {
            let stem = file_stem(page.side, page.id);
            let html = html::document(title, paper, std::slice::from_ref(body))?;
            let ics = model.calendar(page)?;
            Ok([
                (
                    Path::new(AGENDAS_DIR).join(format!("{stem}.html")),
                    html.into_bytes(),
                ),
                (
                    Path::new(AGENDAS_DIR).join(format!("{stem}.ics")),
                    ics.into_bytes(),
                ),
            ])
        })
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .flatten()
        .collect();
    files.extend(singles);
    let staff = sheets::Sheets::new(input, &rows, &model);
    files.push((
        PathBuf::from("tables.html"),
        staff.tables(paper)?.into_bytes(),
    ));
    files.push((
        PathBuf::from("interpreters.html"),
        staff.interpreters(paper)?.into_bytes(),
    ));
    files.push((
        PathBuf::from("checkin.html"),
        staff.checkin(paper)?.into_bytes(),
    ));
    Ok(files)
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
    let hash = super::ics::fnv1a64(&[side_word(side), id]);
    format!("{safe}-{:08x}", hash & 0xffff_ffff)
}

fn side_word(side: Side) -> &'static str {
    match side {
        Side::Seller => "seller",
        Side::Buyer => "buyer",
    }
}
