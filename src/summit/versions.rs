//! Slate versions: every slate is saved in the store, listed, compared,
//! published, rolled back, and exported with the version it is, a calendar
//! that updates what participants imported, and change notices.

use std::collections::HashMap;
use std::path::Path;

use super::{DEFAULT_OUT, OpenSummit, SlateOptions, SummitError};
use crate::export::{
    self, CancelledMeeting, ExportedFiles, NoticeChange, NoticeFiles, NoticePlace, NoticeVersions,
    PairChange, SlateStamp, Versioning,
};
use crate::model::{Meeting, Slate};
use crate::store::{self, Figures, MeetingChange, NewVersion, Origin, VersionInfo, VersionMeeting};

/// Two versions compared.
#[derive(Debug, Clone, PartialEq)]
pub struct SlateDiff {
    pub from: i64,
    pub to: i64,
    /// By seller id then buyer id.
    pub changes: Vec<MeetingChange>,
}

impl SlateDiff {
    /// (added, cancelled, moved).
    pub fn totals(&self) -> (usize, usize, usize) {
        totals(&self.changes)
    }
}

/// (added, cancelled, moved) among `changes`.
pub fn totals(changes: &[MeetingChange]) -> (usize, usize, usize) {
    let mut t = (0, 0, 0);
    for c in changes {
        match c {
            MeetingChange::Added(_) => t.0 += 1,
            MeetingChange::Cancelled(_) => t.1 += 1,
            MeetingChange::Moved { .. } => t.2 += 1,
        }
    }
    t
}

/// A stored version turned back into a slate of this summit, with the
/// meetings that no longer fit it (a participant or a slot gone).
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedVersion {
    pub info: VersionInfo,
    pub slate: Slate,
    pub misfits: Vec<String>,
}

/// What [`OpenSummit::export_version`] wrote.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportedVersion {
    pub version: VersionInfo,
    pub files: ExportedFiles,
    pub cancelled: usize,
}

impl OpenSummit {
    /// The slate as a version's meetings: participant ids and civil times.
    pub fn to_version_meetings(&self, slate: &Slate) -> Vec<VersionMeeting> {
        version_meetings(self.summit(), slate)
    }

    pub(super) fn figures(&self, slate: &Slate) -> Figures {
        let summit = self.summit();
        let (sellers, buyers) = super::meeting_counts(
            summit.sellers.len(),
            summit.buyers.len(),
            slate.meetings.iter().map(|m| (m.seller, m.buyer)),
        );
        let mut fairness = std::collections::BTreeMap::new();
        let count = |v: &[u32]| v.iter().filter(|&&n| n == 0).count() as f64;
        fairness.insert("sellers_without_meetings".to_string(), count(&sellers));
        fairness.insert("buyers_without_meetings".to_string(), count(&buyers));
        let fewest = |v: &[u32]| f64::from(v.iter().copied().min().unwrap_or(0));
        fairness.insert("fewest_meetings_per_buyer".to_string(), fewest(&buyers));
        fairness.insert(
            "must_haves_unscheduled".to_string(),
            slate.unscheduled.len() as f64,
        );
        Figures {
            score: slate.total_score,
            upper_bound: slate.upper_bound,
            fairness,
        }
    }

    /// Saves a scheduler run as a new version. `log_position` is
    /// [`OpenSummit::log_position`] when the run read the decisions.
    pub fn save_run(
        &self,
        slate: &Slate,
        options: &SlateOptions,
        log_position: i64,
    ) -> Result<VersionInfo, SummitError> {
        let meetings = self.to_version_meetings(slate);
        let params = serde_json::json!({
            "min_score": options.min_score,
            "time_limit_s": options.time_limit.as_secs_f64(),
            "min_meetings": options.floors.buyers,
            "seller_min_meetings": options.floors.sellers,
        });
        Ok(self.store.save_version(&NewVersion {
            meetings: &meetings,
            params: &params,
            seed: options.seed,
            figures: &self.figures(slate),
            log_position,
            staff: self.staff(),
            origin: Origin::Schedule,
        })?)
    }

    /// Saves the desk's moves: they amend this staff member's unpublished
    /// draft, or make a new version when the latest is published or
    /// someone else's.
    pub fn save_desk_edit(&self, slate: &Slate) -> Result<VersionInfo, SummitError> {
        let meetings = self.to_version_meetings(slate);
        let latest = self.store.latest_version()?;
        let (params, seed) = latest
            .map(|v| (v.params, v.seed))
            .unwrap_or((serde_json::json!({}), 0));
        Ok(self.store.save_draft(&NewVersion {
            meetings: &meetings,
            params: &params,
            seed,
            figures: &self.figures(slate),
            log_position: self.store.log_position()?,
            staff: self.staff(),
            origin: Origin::Desk,
        })?)
    }

    /// Builds a slate on this thread, saves it as a new version and returns
    /// both (the `schedule` command's use case).
    pub fn schedule_and_save(
        &self,
        options: &SlateOptions,
        progress: &mut dyn FnMut(&crate::schedule::Progress) -> std::ops::ControlFlow<()>,
    ) -> Result<(super::Scheduled, VersionInfo), SummitError> {
        // Read before the decisions are snapshotted, so the position never
        // claims a decision the slate did not see.
        let position = self.log_position()?;
        let scheduled = self.schedule(options, progress);
        let version = self.save_run(scheduled.slate(), options, position)?;
        Ok((scheduled, version))
    }

    /// Warnings about the store for staff: a network file system, locks
    /// orphaned by a change to the event.
    pub fn store_warnings(&self) -> Result<Vec<String>, SummitError> {
        let mut out: Vec<String> = self.store.storage_warning().into_iter().collect();
        for lock in self.store.orphaned_locks()? {
            let place = lock.place.map_or_else(
                || "a slot no longer in the event".to_string(),
                |p| p.to_string(),
            );
            out.push(format!(
                "the lock of {}·{} at {place} is no longer a slot of the event (it changed since); \
                 lock the pair again",
                lock.seller_id, lock.buyer_id
            ));
        }
        Ok(out)
    }

    /// The decision-log position to record with a slate built now.
    pub fn log_position(&self) -> Result<i64, SummitError> {
        Ok(self.store.log_position()?)
    }

    /// Every version, oldest first.
    pub fn slates(&self) -> Result<Vec<VersionInfo>, SummitError> {
        Ok(self.store.versions()?)
    }

    /// The latest version, if any.
    pub fn latest_slate(&self) -> Result<Option<VersionInfo>, SummitError> {
        Ok(self.store.latest_version()?)
    }

    /// The latest published version, if any.
    pub fn published_slate(&self) -> Result<Option<VersionInfo>, SummitError> {
        Ok(self.store.latest_published()?)
    }

    /// The meetings of version `number`, by seller id then buyer id.
    pub fn slate_meetings(&self, number: i64) -> Result<Vec<VersionMeeting>, SummitError> {
        Ok(self.store.version_meetings(number)?)
    }

    /// Version `number` (latest when `None`) as a slate of this summit.
    pub fn load_slate(&self, number: Option<i64>) -> Result<LoadedVersion, SummitError> {
        let info = self.version_or_latest(number)?;
        let stored = self.store.version_meetings(info.number)?;
        let summit = self.summit();
        let ids = Ids::of(summit);
        let slots: HashMap<_, usize> = (summit.slots.iter().enumerate())
            .map(|(i, s)| ((s.date, s.start), i))
            .collect();
        let mut meetings = Vec::with_capacity(stored.len());
        let mut misfits = Vec::new();
        for m in &stored {
            let seller = ids.seller(&m.seller_id);
            let buyer = ids.buyer(&m.buyer_id);
            let slot = slots.get(&(m.date, m.start));
            match (seller, buyer, slot) {
                (Some(seller), Some(buyer), Some(&slot)) => meetings.push(Meeting {
                    seller,
                    buyer,
                    slot,
                    table: m.table,
                    score: m.score,
                    interpreter: m.interpreter,
                    status: m.status,
                }),
                _ => misfits.push(format!(
                    "{}·{} at {} {}",
                    m.seller_id,
                    m.buyer_id,
                    m.date,
                    m.start.strftime("%H:%M")
                )),
            }
        }
        let slate = Slate {
            meetings,
            total_score: info.figures.score,
            upper_bound: info.figures.upper_bound,
            unscheduled: Vec::new(),
        };
        Ok(LoadedVersion {
            info,
            slate,
            misfits,
        })
    }

    fn version_or_latest(&self, number: Option<i64>) -> Result<VersionInfo, SummitError> {
        match number {
            Some(n) => Ok(self.store.version(n)?),
            None => self.store.latest_version()?.ok_or(SummitError::NoSlate),
        }
    }

    /// What changed from version `from` to version `to` (latest if `None`).
    pub fn slate_diff(&self, from: i64, to: Option<i64>) -> Result<SlateDiff, SummitError> {
        let to = self.version_or_latest(to)?.number;
        let old = self.store.version_meetings(from)?;
        let new = self.store.version_meetings(to)?;
        Ok(SlateDiff {
            from,
            to,
            changes: store::diff(&old, &new),
        })
    }

    /// Marks version `number` as what participants were given.
    pub fn publish(&self, number: i64, note: Option<&str>) -> Result<VersionInfo, SummitError> {
        Ok(self.store.publish(number, self.staff(), note)?)
    }

    /// Makes a new version equal to version `number`.
    pub fn rollback(&self, number: i64) -> Result<VersionInfo, SummitError> {
        Ok(self.store.rollback(number, self.staff())?)
    }

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
        let ids = Ids::of(summit);
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
        let files = export::write_version(&folder, summit, &loaded.slate, &versioning, stamp)?;
        let print_stamp = crate::export::print::VersionStamp {
            number: u32::try_from(info.number).ok(),
            published: info.published.is_some(),
            exported_at: stamp,
        };
        self.exporter()
            .write_print(&loaded.slate, &folder, print_stamp)?;
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
        let ids = Ids::of(summit);
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

/// Participants' indices by id.
pub(super) struct Ids<'a> {
    sellers: HashMap<&'a str, usize>,
    buyers: HashMap<&'a str, usize>,
}

impl<'a> Ids<'a> {
    pub(super) fn of(summit: &'a crate::model::Summit) -> Ids<'a> {
        Ids {
            sellers: (summit.sellers.iter().enumerate())
                .map(|(i, s)| (s.id.as_str(), i))
                .collect(),
            buyers: (summit.buyers.iter().enumerate())
                .map(|(i, b)| (b.id.as_str(), i))
                .collect(),
        }
    }

    pub(super) fn seller(&self, id: &str) -> Option<usize> {
        self.sellers.get(id).copied()
    }

    pub(super) fn buyer(&self, id: &str) -> Option<usize> {
        self.buyers.get(id).copied()
    }
}

/// `slate`'s meetings as a version stores them: participant ids and civil
/// times (meetings naming a participant or slot the summit lacks are left out).
pub fn version_meetings(summit: &crate::model::Summit, slate: &Slate) -> Vec<VersionMeeting> {
    (slate.meetings.iter())
        .filter_map(|m| {
            let slot = summit.slots.get(m.slot)?;
            Some(VersionMeeting {
                seller_id: summit.sellers.get(m.seller)?.id.clone(),
                buyer_id: summit.buyers.get(m.buyer)?.id.clone(),
                date: slot.date,
                start: slot.start,
                end: slot.end,
                table: m.table,
                score: m.score,
                interpreter: m.interpreter,
                status: m.status,
            })
        })
        .collect()
}
