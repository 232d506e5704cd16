//! The participant pages as plain data for the templates: every value
//! already looked up, phrased and put in the reader's language order.

use std::collections::HashSet;

use jiff::tz::TimeZone;
use rayon::prelude::*;

use super::labels::{self, Label, Label2};
use super::{PairReason, PrintInput, Term, code, qr};
use crate::export::{ExportError, Row};
use crate::model::Side;

mod lang;

pub use lang::{Bi, Lang};

/// Past this many participants without a meeting, they get no page each:
/// a summit of a million registered sellers, of whom 20,000 meet, would
/// print (and write) a million "no meetings" pages and calendars, 9 GB of
/// them. `checkin.html` still lists every participant, and a participant
/// asking at the welcome desk is found there. Up to this many (about
/// 100,000 files, seconds to write) everyone gets a page, as a summit's
/// welcome desk expects.
pub const NO_MEETING_PAGES: usize = 50_000;
/// The event's lines at the top of every page.
#[derive(Debug, Clone)]
pub struct Header {
    pub event: String,
    pub venue: String,
    pub dates: Label2,
    pub version: Label2,
    pub exported: String,
}

/// One participant's page.
#[derive(Debug, Clone)]
pub struct Page<'m> {
    pub side: Side,
    /// Index into the summit's sellers or buyers.
    pub index: usize,
    /// The reader's languages, which order every text on the page.
    pub lang: Lang,
    pub id: &'m str,
    pub stem: &'m str,
    pub name: &'m str,
    pub name_zh: &'m str,
    pub header: &'m Header,
    /// The header's dates and version line in the reader's languages.
    pub dates: Bi,
    pub version: Bi,
    pub days: Vec<DayBlock<'m>>,
    /// Many meetings: smaller type so the page still fits one sheet.
    pub dense: bool,
}

impl Page<'_> {
    pub fn l(&self, label: Label) -> Bi {
        self.lang.label(label)
    }

    pub fn role(&self) -> Bi {
        self.l(match self.side {
            Side::Seller => labels::SELLER,
            Side::Buyer => labels::BUYER,
        })
    }
}

#[derive(Debug, Clone)]
pub struct DayBlock<'m> {
    pub day: Bi,
    pub lines: Vec<Line<'m>>,
}

/// One meeting as its participant reads it.
#[derive(Debug, Clone)]
pub struct Line<'m> {
    pub time: String,
    pub table: Bi,
    pub who: &'m str,
    pub who_zh: &'m str,
    /// City and buyer type, or state.
    pub about: Bi,
    pub trades_label: Bi,
    pub trades: Bi,
    pub interpreter: bool,
    pub why: Bi,
    pub code: &'m str,
    pub qr: &'m str,
}

pub struct Model<'i, 'a> {
    pub input: &'i PrintInput<'a>,
    pub rows: &'i [Row<'a>],
    /// Indices into `rows` of each seller's meetings, in time order.
    pub by_seller: Vec<Vec<usize>>,
    pub by_buyer: Vec<Vec<usize>>,
    /// Per row of `rows`.
    pub codes: Vec<String>,
    qrs: Vec<String>,
    /// File stems, sellers then buyers.
    stems: Vec<String>,
    pub header: Header,
}

/// Pages with more meetings than this use the dense layout.
const DENSE_FROM: usize = 6;

impl<'i, 'a> Model<'i, 'a> {
    pub fn new(input: &'i PrintInput<'a>, rows: &'i [Row<'a>]) -> Result<Self, ExportError> {
        let summit = input.summit;
        let tz = TimeZone::get(&summit.event.timezone).map_err(|source| ExportError::TimeZone {
            name: summit.event.timezone.clone(),
            source,
        })?;
        let codes: Vec<String> = rows
            .iter()
            .map(|row| code::meeting_code(&row.seller.id, &row.buyer.id))
            .collect();
        // Drawing a QR code tries every mask pattern: the costliest step of
        // printing, so it is spread over the cores.
        let qrs = codes
            .par_iter()
            .map(|code| qr::qr_svg(code).unwrap_or_default())
            .collect();
        let ids = (summit.sellers.iter().map(|s| (Side::Seller, s.id.as_str())))
            .chain(summit.buyers.iter().map(|b| (Side::Buyer, b.id.as_str())));
        let mut taken = HashSet::new();
        let stems = ids
            .map(|(side, id)| {
                let mut stem = super::file_stem(side, id);
                // Case-insensitive file systems would merge `a1` and `A1`.
                if !taken.insert(stem.to_lowercase()) {
                    stem = format!("{stem}-{}", side.word());
                    taken.insert(stem.to_lowercase());
                }
                stem
            })
            .collect();
        let version = input.version;
        let exported = (version.exported_at.to_zoned_datetime(tz.clone()))
            .strftime("%Y-%m-%d %H:%M %Z")
            .to_string();
        let days = &summit.event.days;
        let dates = match (days.first(), days.last()) {
            (Some(first), Some(last)) if first.date != last.date => {
                let (a, b) = (labels::date(first.date), labels::date(last.date));
                Label2 {
                    en: format!("{} – {}", a.en, b.en),
                    zh: format!("{}至{}", a.zh, b.zh),
                }
            }
            (Some(first), _) => labels::date(first.date),
            _ => Label2::default(),
        };
        Ok(Model {
            input,
            rows,
            by_seller: by_participant(rows, summit.sellers.len(), |r| r.meeting.seller),
            by_buyer: by_participant(rows, summit.buyers.len(), |r| r.meeting.buyer),
            codes,
            qrs,
            stems,
            header: Header {
                event: summit.event.name.clone(),
                venue: summit.event.venue.clone(),
                dates,
                version: labels::version(version.number, version.published),
                exported,
            },
        })
    }

    /// Whose page comes where: sellers then buyers, each side sorted by id.
    /// A participant without meetings gets a page saying so, unless more
    /// than [`NO_MEETING_PAGES`] have none (see there). [`Model::page`]
    /// makes each page, so a caller can hold a few at a time.
    pub fn page_order(&self) -> Vec<(Side, usize)> {
        let summit = self.input.summit;
        let mut sellers: Vec<usize> = (0..summit.sellers.len()).collect();
        sellers.sort_by(|&a, &b| summit.sellers[a].id.cmp(&summit.sellers[b].id));
        let mut buyers: Vec<usize> = (0..summit.buyers.len()).collect();
        buyers.sort_by(|&a, &b| summit.buyers[a].id.cmp(&summit.buyers[b].id));
        let sellers = sellers.into_iter().map(|i| (Side::Seller, i));
        let buyers = buyers.into_iter().map(|i| (Side::Buyer, i));
        let all_pages = self.without_meetings() <= NO_MEETING_PAGES;
        sellers
            .chain(buyers)
            .filter(|&(side, i)| all_pages || !self.indices(side, i).is_empty())
            .collect()
    }

    /// How many participants have no meeting on the slate.
    pub fn without_meetings(&self) -> usize {
        let none = |by: &[Vec<usize>]| by.iter().filter(|rows| rows.is_empty()).count();
        none(&self.by_seller) + none(&self.by_buyer)
    }

    pub fn page(&self, side: Side, index: usize) -> Option<Page<'_>> {
        let summit = self.input.summit;
        let (id, name, name_zh, languages, stem) = match side {
            Side::Seller => {
                let s = summit.sellers.get(index)?;
                (&s.id, &s.company, "", &s.languages, index)
            }
            Side::Buyer => {
                let b = summit.buyers.get(index)?;
                let stem = summit.sellers.len() + index;
                (&b.id, &b.company, b.company_zh.as_str(), &b.languages, stem)
            }
        };
        let lang = Lang::of(languages);
        let rows = self.indices(side, index);
        let mut days: Vec<DayBlock<'_>> = Vec::new();
        for &i in rows {
            let (Some(row), Some(line)) = (self.rows.get(i), self.line(i, side, lang)) else {
                continue;
            };
            let day = lang.text(&labels::date(row.slot.date));
            match days.last_mut() {
                Some(block) if block.day == day => block.lines.push(line),
                _ => days.push(DayBlock {
                    day,
                    lines: vec![line],
                }),
            }
        }
        Some(Page {
            side,
            index,
            id,
            stem: self.stems.get(stem)?,
            lang,
            name,
            name_zh,
            header: &self.header,
            dates: lang.text(&self.header.dates),
            version: lang.text(&self.header.version),
            days,
            dense: rows.len() > DENSE_FROM,
        })
    }

    /// Line for `self.rows[i]`.
    pub(super) fn line(&self, i: usize, reader: Side, lang: Lang) -> Option<Line<'_>> {
        let row = self.rows.get(i)?;
        let (seller, buyer) = (row.seller, row.buyer);
        let table = labels::table(row.table_number());
        let (who, who_zh, about, trades_label, trades) = match reader {
            Side::Seller => {
                let kind = Label2 {
                    en: buyer.buyer_type.clone(),
                    zh: labels::buyer_type_zh(&buyer.buyer_type)
                        .map_or_else(|| buyer.buyer_type.clone(), str::to_owned),
                };
                let about = join_nonempty(&[Label2::same(&buyer.city), kind], " · ");
                let wants = trades(&self.input.buyer_trades, row.meeting.buyer, || {
                    buyer.interests.clone()
                });
                (
                    &buyer.company,
                    buyer.company_zh.as_str(),
                    about,
                    labels::BUYS,
                    wants,
                )
            }
            Side::Buyer => {
                let offers = trades(&self.input.seller_trades, row.meeting.seller, || {
                    seller.categories.clone()
                });
                (
                    &seller.company,
                    "",
                    Label2::same(&seller.state),
                    labels::SELLS,
                    offers,
                )
            }
        };
        let reason = self
            .input
            .reasons
            .get(&(row.meeting.seller, row.meeting.buyer))
            .unwrap_or(&PairReason::Arranged);
        Some(Line {
            time: slot_time(row.slot.start, row.slot.end),
            table: lang.text(&table),
            who,
            who_zh,
            about: lang.text(&about),
            trades_label: lang.label(trades_label),
            trades: lang.text(&trades),
            interpreter: row.meeting.interpreter,
            why: lang.text(&labels::why::phrase(reason, reader == Side::Buyer)),
            code: self.codes.get(i).map_or("", String::as_str),
            qr: self.qrs.get(i).map_or("", String::as_str),
        })
    }

    pub(super) fn indices(&self, side: Side, index: usize) -> &[usize] {
        let by = match side {
            Side::Seller => &self.by_seller,
            Side::Buyer => &self.by_buyer,
        };
        by.get(index).map_or(&[], Vec::as_slice)
    }
}

/// For each participant of one side, the indices of their rows (already in
/// time order, as `rows` is).
fn by_participant(
    rows: &[Row<'_>],
    count: usize,
    of: impl Fn(&Row<'_>) -> usize,
) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new(); count];
    for (i, row) in rows.iter().enumerate() {
        if let Some(list) = out.get_mut(of(row)) {
            list.push(i);
        }
    }
    out
}

/// What they trade, through the taxonomy's names when the caller has them,
/// else as written; at most four, so the line stays one line.
fn trades(given: &[Vec<Term>], index: usize, as_written: impl FnOnce() -> Vec<String>) -> Label2 {
    const MAX: usize = 4;
    let terms: Vec<Term> = match given.get(index) {
        Some(terms) if !terms.is_empty() => terms.clone(),
        _ => as_written().into_iter().map(|t| Term::new(t, "")).collect(),
    };
    let terms = &terms[..terms.len().min(MAX)];
    let en = terms
        .iter()
        .map(|t| t.en.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    // Without a single Chinese name, the Chinese text would only repeat
    // the English with other commas.
    if terms.iter().all(|t| t.zh.trim().is_empty()) {
        return Label2::same(&en);
    }
    Label2 {
        en,
        zh: terms.iter().map(Term::zh).collect::<Vec<_>>().join("、"),
    }
}

/// The parts that are not empty, joined by `separator` in each language.
fn join_nonempty(parts: &[Label2], separator: &str) -> Label2 {
    let join = |pick: fn(&Label2) -> &str| {
        let kept: Vec<&str> = parts
            .iter()
            .map(pick)
            .filter(|p| !p.trim().is_empty())
            .collect();
        kept.join(separator)
    };
    Label2 {
        en: join(|l| &l.en),
        zh: join(|l| &l.zh),
    }
}

/// `09:00–09:20`.
pub fn slot_time(start: jiff::civil::Time, end: jiff::civil::Time) -> String {
    format!("{}–{}", start.strftime("%H:%M"), end.strftime("%H:%M"))
}
