//! Slate versions: every slate is saved in the store, listed, compared,
//! published and rolled back. Exporting a version is in `versions_export`.

use std::collections::HashMap;

use super::{OpenSummit, SlateOptions, SummitError};
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
        let ids = &self.ids;
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
