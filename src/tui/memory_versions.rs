//! Slate versions kept in memory for the memory desk, with the store's
//! rules: a run is a new version, a move amends the mover's own
//! unpublished latest version (else starts one), published versions are
//! never changed, a rollback is a new version.

use crate::model::{Slate, Summit};
use crate::store;

use super::desk::{DeskVersion, SlateDiff, VersionStamp, VersionStatus};
use super::memory::MemoryDesk;
use crate::summit::version_meetings;

#[derive(Debug, Clone)]
struct Kept {
    number: i64,
    staff: String,
    slate: Slate,
    /// Bumped by each amendment, standing in for its time.
    amended: Option<i64>,
    published: bool,
}

#[derive(Debug, Default)]
pub struct VersionBook {
    kept: Vec<Kept>,
    amendments: i64,
}

impl VersionBook {
    fn stamp(k: &Kept) -> VersionStamp {
        VersionStamp {
            number: k.number,
            amended_at: k.amended.and_then(|n| jiff::Timestamp::from_second(n).ok()),
            published: k.published,
        }
    }

    pub fn latest_stamp(&self) -> Option<VersionStamp> {
        self.kept.last().map(Self::stamp)
    }

    fn get(&self, number: i64) -> Result<&Kept, String> {
        (self.kept.iter().find(|k| k.number == number))
            .ok_or_else(|| format!("there is no slate version {number}"))
    }

    fn published(&self) -> Option<&Kept> {
        self.kept.iter().rev().find(|k| k.published)
    }

    pub fn status(&self, summit: &Summit, number: i64) -> Result<VersionStatus, String> {
        let k = self.get(number)?;
        let changes = match self.published() {
            Some(p) if p.number != number => self.diff(summit, p.number, number)?.changes.len(),
            _ => 0,
        };
        Ok(VersionStatus {
            stamp: Self::stamp(k),
            staff: k.staff.clone(),
            published_number: self.published().map(|p| p.number),
            changes_since_published: changes,
        })
    }

    pub fn save(&mut self, summit: &Summit, staff: &str, slate: &Slate) -> VersionStatus {
        let number = self.kept.last().map_or(1, |k| k.number + 1);
        self.kept.push(Kept {
            number,
            staff: staff.to_string(),
            slate: slate.clone(),
            amended: None,
            published: false,
        });
        self.status(summit, number)
            .unwrap_or_else(|e| panic!("{e}"))
    }

    pub fn amend(&mut self, summit: &Summit, staff: &str, slate: &Slate) -> VersionStatus {
        self.amendments += 1;
        let amended = self.amendments;
        match self.kept.last_mut() {
            Some(k) if !k.published && k.staff == staff => {
                k.slate = slate.clone();
                k.amended = Some(amended);
                let number = k.number;
                self.status(summit, number)
                    .unwrap_or_else(|e| panic!("{e}"))
            }
            _ => self.save(summit, staff, slate),
        }
    }

    pub fn publish(&mut self, number: i64) -> Result<(), String> {
        let k = (self.kept.iter_mut().find(|k| k.number == number))
            .ok_or_else(|| format!("there is no slate version {number}"))?;
        if k.published {
            return Err(format!("slate version {number} is published already"));
        }
        k.published = true;
        Ok(())
    }

    pub fn rollback(&mut self, summit: &Summit, staff: &str, number: i64) -> Result<i64, String> {
        let slate = self.get(number)?.slate.clone();
        Ok(self.save(summit, staff, &slate).stamp.number)
    }

    pub fn latest(&self, summit: &Summit) -> Result<Option<DeskVersion>, String> {
        let Some(k) = self.kept.last() else {
            return Ok(None);
        };
        Ok(Some(DeskVersion {
            scheduled: MemoryDesk::scheduled(summit, k.slate.clone()),
            status: self.status(summit, k.number)?,
            misfits: Vec::new(),
        }))
    }

    pub fn diff(&self, summit: &Summit, from: i64, to: i64) -> Result<SlateDiff, String> {
        let old = version_meetings(summit, &self.get(from)?.slate);
        let new = version_meetings(summit, &self.get(to)?.slate);
        Ok(SlateDiff {
            from,
            to,
            changes: store::diff(&old, &new),
        })
    }

    pub fn diff_from_published(
        &self,
        summit: &Summit,
        number: i64,
    ) -> Result<Option<SlateDiff>, String> {
        match self.published() {
            Some(p) => self.diff(summit, p.number, number).map(Some),
            None => Ok(None),
        }
    }
}
