//! Exporting slate versions: a version's files stamped with the version it
//! is, a calendar that updates what participants imported (a pair's
//! `SEQUENCE` along the published versions, meetings cancelled since the
//! published one), and change notices between two versions.

use std::collections::HashMap;
use std::path::Path;

use super::{DEFAULT_OUT, OpenSummit, SummitError};
use crate::export::{
    self, CancelledMeeting, ExportedFiles, NoticeChange, NoticeFiles, NoticePlace, NoticeVersions,
    PairChange, SlateStamp, Versioning,
};
use crate::store::{self, MeetingChange, VersionInfo, VersionMeeting};

/// What [`OpenSummit::export_version`] wrote.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportedVersion {
    pub version: VersionInfo,
    pub files: ExportedFiles,
    pub cancelled: usize,
}

impl OpenSummit {
    /// Writes the four files of version `number` (latest if `None`) to `out`
    /// (default `DIR/out`): stamped with the version, each meeting with its
    /// SEQUENCE, and meetings cancelled since the latest published version
    /// before it as cancelled events.
    pub fn export_version(
        &self,
        number: Option<i64>,
        out: Option<&Path>,
    ) -> Result<ExportedVersion, SummitError> {
        let loaded = self.load_slate(number)?;
        if !loaded.misfits.is_empty() {
            return Err(SummitError::Misfits {
                version: loaded.info.number,
                meetings: loaded.misfits,
            });
        }
        let info = loaded.info;
        let published: Vec<VersionInfo> = (self.store.versions()?.into_iter())
            .filter(|v| v.published.is_some() && v.number < info.number)
            .collect();
        let mut chain: Vec<Vec<VersionMeeting>> = Vec::new();
        for v in &published {
            chain.push(self.store.version_meetings(v.number)?);
        }
        let current = self.store.version_meetings(info.number)?;
        let before = chain.last().cloned();
        chain.push(current.clone());
        let refs: Vec<&[VersionMeeting]> = chain.iter().map(Vec::as_slice).collect();
        let by_id = store::sequences(&refs);
        let summit = self.summit();
        let ids = &self.ids;
        let mut sequences = HashMap::new();
        for m in &loaded.slate.meetings {
            let key = (
                summit.sellers[m.seller].id.clone(),
                summit.buyers[m.buyer].id.clone(),
            );
            sequences.insert((m.seller, m.buyer), by_id.get(&key).copied().unwrap_or(0));
        }
        let cancelled: Vec<CancelledMeeting> = before
            .map(|old| store::diff(&old, &current))
            .unwrap_or_default()
            .into_iter()
            .filter_map(|change| match change {
                MeetingChange::Cancelled(m) => Some(m),
                _ => None,
            })
            .map(|m| CancelledMeeting {
                seller_company: (ids.seller(&m.seller_id))
                    .map_or_else(String::new, |i| summit.sellers[i].company.clone()),
                buyer_company: (ids.buyer(&m.buyer_id))
                    .map_or_else(String::new, |i| summit.buyers[i].company.clone()),
                sequence: by_id
                    .get(&(m.seller_id.clone(), m.buyer_id.clone()))
                    .copied()
                    .unwrap_or(1),
                seller_id: m.seller_id,
                buyer_id: m.buyer_id,
                date: m.date,
                start: m.start,
                end: m.end,
            })
            .collect();
        let versioning = Versioning {
            stamp: Some(SlateStamp {
                version: info.number,
                published: info.published.is_some(),
            }),
            sequences: Some(&sequences),
            cancelled: &cancelled,
        };
        let folder = out.map_or_else(|| self.data_dir().join(DEFAULT_OUT), Path::to_path_buf);
        let stamp = info.amended_at.unwrap_or(info.made_at);
        let print_stamp = crate::export::print::VersionStamp {
            number: u32::try_from(info.number).ok(),
            published: info.published.is_some(),
            exported_at: stamp,
        };
        let print = self.prepared().print_input(&loaded.slate, print_stamp);
        let files = export::write_export(&folder, &print, &versioning, Some(stamp))?;
        Ok(ExportedVersion {
            version: info,
            files,
            cancelled: cancelled.len(),
        })
    }

    /// Change notices from version `since` to version `to` (latest if
    /// `None`): `changes.csv` and one notice per affected participant in
    /// `out` (default `DIR/out`). Returns the files and how many changes
    /// name participants no longer in the data (left out).
    pub fn export_changes(
        &self,
        since: i64,
        to: Option<i64>,
        out: Option<&Path>,
    ) -> Result<(NoticeFiles, usize), SummitError> {
        let diff = self.slate_diff(since, to)?;
        let summit = self.summit();
        let ids = &self.ids;
        let place = |m: &VersionMeeting| NoticePlace {
            date: m.date,
            start: m.start,
            end: m.end,
            table: m.table,
        };
        let mut changes = Vec::new();
        let mut left_out = 0;
        for change in &diff.changes {
            let m = change.meeting();
            let (seller, buyer) = (ids.seller(&m.seller_id), ids.buyer(&m.buyer_id));
            let (Some(seller), Some(buyer)) = (seller, buyer) else {
                left_out += 1;
                continue;
            };
            let change = match change {
                MeetingChange::Added(to) => NoticeChange::Added { to: place(to) },
                MeetingChange::Cancelled(from) => NoticeChange::Cancelled { from: place(from) },
                MeetingChange::Moved { from, to } => NoticeChange::Moved {
                    from: place(from),
                    to: place(to),
                },
            };
            changes.push(PairChange {
                seller,
                buyer,
                change,
            });
        }
        let folder = out.map_or_else(|| self.data_dir().join(DEFAULT_OUT), Path::to_path_buf);
        let versions = NoticeVersions {
            since,
            now: diff.to,
        };
        let files = export::write_notices(&folder, summit, &export::notices(&changes), versions)?;
        Ok((files, left_out))
    }
}
