//! Change notices: what changed for each participant between the slate
//! they were given (a published version) and another version. One CSV for
//! the organisers (`changes.csv`, one row per change and participant) and
//! one plain-text notice per affected participant (`notices/`), in English,
//! with a Chinese version first for buyers whose languages include Chinese.
//! Participants with no change get no notice.

mod wording;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jiff::civil::{Date, Time};

use super::{ExportError, format_date, format_time, neutralise, write_atomic};
use crate::model::{Side, Summit};

/// Where a meeting is, as participants read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoticePlace {
    pub date: Date,
    pub start: Time,
    pub end: Time,
    /// 0-based, as in the model.
    pub table: u32,
}

/// What happened to one pair's meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeChange {
    Added { to: NoticePlace },
    Moved { from: NoticePlace, to: NoticePlace },
    Cancelled { from: NoticePlace },
}

impl NoticeChange {
    fn label(self) -> &'static str {
        match self {
            NoticeChange::Added { .. } => "added",
            NoticeChange::Moved { .. } => "moved",
            NoticeChange::Cancelled { .. } => "cancelled",
        }
    }

    fn from(self) -> Option<NoticePlace> {
        match self {
            NoticeChange::Moved { from, .. } | NoticeChange::Cancelled { from } => Some(from),
            NoticeChange::Added { .. } => None,
        }
    }

    fn to(self) -> Option<NoticePlace> {
        match self {
            NoticeChange::Added { to } | NoticeChange::Moved { to, .. } => Some(to),
            NoticeChange::Cancelled { .. } => None,
        }
    }
}

/// A change to the meeting of `seller` and `buyer` (indices into the
/// summit).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PairChange {
    pub seller: usize,
    pub buyer: usize,
    pub change: NoticeChange,
}

/// The versions compared, for the wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoticeVersions {
    /// The version participants were given.
    pub since: i64,
    /// The version they will get.
    pub now: i64,
}

/// One participant's changes, each with the other side of the meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub side: Side,
    pub participant: usize,
    /// (the other participant's index, what changed), in time order.
    pub changes: Vec<(usize, NoticeChange)>,
}

/// Groups pair changes into one notice per affected participant: sellers
/// first, then buyers, each in the summit's order.
pub fn notices(changes: &[PairChange]) -> Vec<Notice> {
    let mut by: BTreeMap<(Side, usize), Vec<(usize, NoticeChange)>> = BTreeMap::new();
    for c in changes {
        by.entry((Side::Seller, c.seller))
            .or_default()
            .push((c.buyer, c.change));
        by.entry((Side::Buyer, c.buyer))
            .or_default()
            .push((c.seller, c.change));
    }
    by.into_iter()
        .map(|((side, participant), mut changes)| {
            changes.sort_by_key(|(other, change)| {
                let place = change.to().or(change.from());
                (place.map(|p| (p.date, p.start, p.table)), *other)
            });
            Notice {
                side,
                participant,
                changes,
            }
        })
        .collect()
}

/// The files [`write_notices`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeFiles {
    pub changes_csv: PathBuf,
    /// One per notice, in the notices' order.
    pub notices: Vec<PathBuf>,
}

pub const CHANGES_CSV: &str = "changes.csv";
pub const NOTICES_DIR: &str = "notices";

pub const CHANGES_HEADER: [&str; 14] = [
    "participant_id",
    "side",
    "company",
    "change",
    "with_id",
    "with_company",
    "old_day",
    "old_start",
    "old_end",
    "old_table",
    "new_day",
    "new_start",
    "new_end",
    "new_table",
];

/// Writes `changes.csv` and `notices/<side>-<id>.txt` into `out_dir`.
/// Everything is rendered first, then each file is replaced atomically.
pub fn write_notices(
    out_dir: &Path,
    summit: &Summit,
    notices: &[Notice],
    versions: NoticeVersions,
) -> Result<NoticeFiles, ExportError> {
    let csv = changes_csv(summit, notices)?;
    let folder = out_dir.join(NOTICES_DIR);
    let mut texts = Vec::with_capacity(notices.len());
    let mut used = std::collections::HashSet::new();
    for notice in notices {
        let mut name = file_name(summit, notice);
        let mut n = 1;
        while !used.insert(name.clone()) {
            n += 1;
            name = format!("{}-{n}", file_name(summit, notice));
        }
        texts.push((
            folder.join(format!("{name}.txt")),
            wording::notice_text(summit, notice, versions),
        ));
    }
    std::fs::create_dir_all(&folder).map_err(|io| ExportError::CreateDir {
        path: folder.clone(),
        io,
    })?;
    let changes_csv = out_dir.join(CHANGES_CSV);
    write_atomic(&changes_csv, &csv)?;
    for (path, text) in &texts {
        write_atomic(path, text.as_bytes())?;
    }
    Ok(NoticeFiles {
        changes_csv,
        notices: texts.into_iter().map(|(path, _)| path).collect(),
    })
}

/// `seller-S001`: the side and the id, with anything a file name cannot
/// safely hold replaced by `_`.
fn file_name(summit: &Summit, notice: &Notice) -> String {
    let (side, id) = participant(summit, notice.side, notice.participant);
    let safe: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{side}-{}", safe.trim_start_matches('.'))
}

/// ("seller" or "buyer", id, company).
fn participant(summit: &Summit, side: Side, index: usize) -> (&'static str, &str) {
    match side {
        Side::Seller => ("seller", summit.sellers.get(index).map_or("", |s| &s.id)),
        Side::Buyer => ("buyer", summit.buyers.get(index).map_or("", |b| &b.id)),
    }
}

fn company(summit: &Summit, side: Side, index: usize) -> &str {
    match side {
        Side::Seller => summit.sellers.get(index).map_or("", |s| &s.company),
        Side::Buyer => summit.buyers.get(index).map_or("", |b| &b.company),
    }
}

fn changes_csv(summit: &Summit, notices: &[Notice]) -> Result<Vec<u8>, ExportError> {
    let render_error = |detail: String| ExportError::Render {
        file: CHANGES_CSV,
        detail,
    };
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record(CHANGES_HEADER)
        .map_err(|e| render_error(e.to_string()))?;
    let place_cells = |place: Option<NoticePlace>| match place {
        Some(p) => [
            format_date(p.date),
            format_time(p.start),
            format_time(p.end),
            (u64::from(p.table) + 1).to_string(),
        ],
        None => Default::default(),
    };
    for notice in notices {
        let (side, id) = participant(summit, notice.side, notice.participant);
        let own_company = company(summit, notice.side, notice.participant);
        let other = notice.side.other();
        for &(with, change) in &notice.changes {
            let (_, with_id) = participant(summit, other, with);
            let with_company = company(summit, other, with);
            let mut row: Vec<String> = vec![
                neutralise(id).into_owned(),
                side.to_string(),
                neutralise(own_company).into_owned(),
                change.label().to_string(),
                neutralise(with_id).into_owned(),
                neutralise(with_company).into_owned(),
            ];
            row.extend(place_cells(change.from()));
            row.extend(place_cells(change.to()));
            writer
                .write_record(&row)
                .map_err(|e| render_error(e.to_string()))?;
        }
    }
    writer
        .into_inner()
        .map_err(|e| render_error(e.error().to_string()))
}
