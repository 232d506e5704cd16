//! The summit day: check-in, meeting outcomes, and repairing the rest of
//! the summit from now on when reality departs from the plan.

use std::collections::HashSet;

use jiff::civil::{Date, DateTime};

use super::{OpenSummit, SlateOptions, SummitError};
use crate::model::{Side, Slate};
use crate::schedule::{self, Repair, RepairFigures, RepairInput};
use crate::store::{self, DayEntry, MeetingChange, MeetingOutcome, Presence, VersionInfo};

/// A proposed repair: the base version, the repaired slate and what changed.
#[derive(Debug, Clone, PartialEq)]
pub struct DayRepair {
    /// The version repaired (the latest published, else the latest).
    pub base: VersionInfo,
    pub now: DateTime,
    pub repair: Repair,
    /// Per meeting, by seller id then buyer id.
    pub changes: Vec<MeetingChange>,
    /// Ids of the participants treated as walk-ins (no meeting in the base).
    pub walk_ins: Vec<String>,
}

impl DayRepair {
    pub fn figures(&self) -> RepairFigures {
        self.repair.figures
    }

    pub fn slate(&self) -> &Slate {
        &self.repair.slate
    }
}

impl OpenSummit {
    /// The side and index of the participant with this id.
    pub fn find_participant(&self, id: &str) -> Result<(Side, usize), SummitError> {
        let summit = self.summit();
        if let Some(i) = summit.sellers.iter().position(|s| s.id == id) {
            return Ok((Side::Seller, i));
        }
        if let Some(i) = summit.buyers.iter().position(|b| b.id == id) {
            return Ok((Side::Buyer, i));
        }
        Err(SummitError::UnknownParticipant {
            side: "seller or buyer",
            id: id.to_string(),
        })
    }

    /// The event day `day` names, or today's when it is an event day.
    pub fn event_day(&self, day: Option<Date>) -> Result<Date, SummitError> {
        let days: Vec<Date> = self.summit().event.days.iter().map(|d| d.date).collect();
        // Today at the venue, in the event's time zone.
        let wanted = day.unwrap_or_else(|| self.venue_now().date());
        if days.contains(&wanted) {
            Ok(wanted)
        } else {
            Err(SummitError::NotAnEventDay {
                day: wanted,
                days: days.iter().map(ToString::to_string).collect(),
            })
        }
    }

    /// Records a participant's attendance on an event day (today when
    /// `day` is `None`). `None` when it changes nothing.
    pub fn checkin(
        &self,
        id: &str,
        presence: Presence,
        day: Option<Date>,
        note: Option<&str>,
    ) -> Result<Option<DayEntry>, SummitError> {
        self.find_participant(id)?;
        let day = self.event_day(day)?;
        Ok(self.store.checkin(id, day, presence, self.staff(), note)?)
    }

    /// Records what happened to a meeting (`None` clears it).
    pub fn outcome(
        &self,
        seller_id: &str,
        buyer_id: &str,
        outcome: Option<MeetingOutcome>,
        note: Option<&str>,
    ) -> Result<Option<DayEntry>, SummitError> {
        for (side, id) in [("seller", seller_id), ("buyer", buyer_id)] {
            let found = match side {
                "seller" => self.summit().sellers.iter().any(|s| s.id == id),
                _ => self.summit().buyers.iter().any(|b| b.id == id),
            };
            if !found {
                return Err(SummitError::UnknownParticipant {
                    side,
                    id: id.to_string(),
                });
            }
        }
        Ok(self
            .store
            .set_outcome(seller_id, buyer_id, outcome, self.staff(), note)?)
    }

    /// Undoes this staff member's latest check-in or outcome.
    pub fn undo_day(&self) -> Result<Option<DayEntry>, SummitError> {
        Ok(self.store.undo_day(self.staff())?)
    }

    /// Repairs the latest published version (else the latest) from `now`
    /// on: attendance cuts hours, participants without a meeting in it are
    /// walk-ins. Nothing is saved; see [`OpenSummit::apply_repair`].
    pub fn repair(&self, now: DateTime, options: &SlateOptions) -> Result<DayRepair, SummitError> {
        let base_info = match self.store.latest_published()? {
            Some(v) => v,
            None => self.store.latest_version()?.ok_or(SummitError::NoSlate)?,
        };
        let base = self.load_slate(Some(base_info.number))?;
        let summit = self.summit();
        let mut rules = self.schedule_request().input(options.min_score);
        for a in self.store.attendance()? {
            let Ok((side, p)) = self.find_participant(&a.participant_id) else {
                continue;
            };
            let available = match side {
                Side::Seller => &mut rules.sellers[p].available,
                Side::Buyer => &mut rules.buyers[p].available,
            };
            for slot in summit.slots.iter().filter(|s| s.date == a.day) {
                if !a.presence.allows(slot.start, slot.end)
                    && let Some(free) = available.get_mut(slot.index)
                {
                    *free = false;
                }
            }
        }
        let (with_sellers, with_buyers): (HashSet<usize>, HashSet<usize>) = (
            base.slate.meetings.iter().map(|m| m.seller).collect(),
            base.slate.meetings.iter().map(|m| m.buyer).collect(),
        );
        let walk_ins: Vec<(Side, usize)> = (0..summit.sellers.len())
            .filter(|s| !with_sellers.contains(s))
            .map(|s| (Side::Seller, s))
            .chain(
                (0..summit.buyers.len())
                    .filter(|b| !with_buyers.contains(b))
                    .map(|b| (Side::Buyer, b)),
            )
            .collect();
        let walk_in_ids = walk_ins
            .iter()
            .map(|&(side, p)| match side {
                Side::Seller => summit.sellers[p].id.clone(),
                Side::Buyer => summit.buyers[p].id.clone(),
            })
            .collect();
        let input = RepairInput {
            rules,
            base: base.slate.meetings.clone(),
            now,
            walk_ins,
            wished: self.wished_pairs(),
            upper_bound: base.slate.upper_bound,
        };
        let repair = schedule::repair(&input);
        let changes = store::diff(
            &self.to_version_meetings(&base.slate),
            &self.to_version_meetings(&repair.slate),
        );
        Ok(DayRepair {
            base: base.info,
            now,
            repair,
            changes,
            walk_ins: walk_in_ids,
        })
    }

    /// Pairs someone asked to meet (one-sided or mutual, never avoided),
    /// which a repair tries first for replacements.
    pub fn wished_pairs(&self) -> HashSet<(usize, usize)> {
        (self.wishes().pairs().into_iter())
            .filter(|(_, w)| !w.is_avoided() && (w.seller_rank.is_some() || w.buyer_rank.is_some()))
            .map(|(pair, _)| pair)
            .collect()
    }

    /// Saves a repair as a new version, not published: publishing it and
    /// `export --changes-since` then tell each affected participant.
    pub fn apply_repair(
        &self,
        repair: &DayRepair,
        options: &SlateOptions,
    ) -> Result<VersionInfo, SummitError> {
        self.save_run(&repair.repair.slate, options, self.log_position()?)
    }
}
