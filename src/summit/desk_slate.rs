//! Slate versions as the desk uses them: open on the latest version, save
//! each scheduling run, let moves amend the staff member's own draft (the
//! locks and the draft in one transaction, a swap one undo step), and say
//! how the version stands against the published one.

use std::collections::HashMap;

use jiff::Timestamp;

use super::slate::{decided_pair, free_slots};
use super::{OpenSummit, Scheduled, SlateDiff, SlateOptions, SummitError};
use crate::model::{DecisionKind, Slate};
use crate::schedule::{Pair, PairStatus, Participant, ScheduleInput};
use crate::store::VersionInfo;

/// What tells one state of a version from another: a new version, a draft
/// amended, a version published. Cheap to read every second.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VersionStamp {
    pub number: i64,
    pub amended_at: Option<Timestamp>,
    pub published: bool,
}

impl VersionStamp {
    fn of(info: &VersionInfo) -> VersionStamp {
        VersionStamp {
            number: info.number,
            amended_at: info.amended_at,
            published: info.published.is_some(),
        }
    }
}

/// A version as the desk's Slate tab heads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionStatus {
    pub stamp: VersionStamp,
    /// Who made it (or last amended it).
    pub staff: String,
    /// The latest published version, if any was published.
    pub published_number: Option<i64>,
    /// Meetings added, cancelled or moved since that published version.
    pub changes_since_published: usize,
}

impl VersionStatus {
    /// "v3 draft by ann · 4 changes since published v2".
    pub fn headline(&self) -> String {
        let number = self.stamp.number;
        let state = if self.stamp.published {
            "published".to_string()
        } else {
            format!("draft by {}", self.staff)
        };
        let since = match self.published_number {
            None => "nothing published yet".to_string(),
            Some(p) if p == number => "what participants have".to_string(),
            Some(p) => {
                let n = self.changes_since_published;
                let s = if n == 1 { "" } else { "s" };
                format!("{n} change{s} since published v{p}")
            }
        };
        format!("v{number} {state} · {since}")
    }
}

/// A stored version opened as the desk's slate.
#[derive(Debug, Clone)]
pub struct DeskVersion {
    pub scheduled: Scheduled,
    pub status: VersionStatus,
    /// Meetings that no longer fit the summit, left off the slate.
    pub misfits: Vec<String>,
}

/// A pair and its decision.
type DecidedPair = ((usize, usize), DecisionKind);

impl OpenSummit {
    /// The latest version's stamp, `None` before any slate was saved.
    pub fn latest_stamp(&self) -> Result<Option<VersionStamp>, SummitError> {
        Ok(self.store.latest_version()?.as_ref().map(VersionStamp::of))
    }

    /// How version `number` stands: draft or published, and how many
    /// meetings changed since the latest published version.
    pub fn version_status(&self, number: i64) -> Result<VersionStatus, SummitError> {
        let info = self.store.version(number)?;
        let published = self.store.latest_published()?;
        let changes = match &published {
            Some(p) if p.number != number => self.slate_diff(p.number, Some(number))?.changes.len(),
            _ => 0,
        };
        Ok(VersionStatus {
            stamp: VersionStamp::of(&info),
            staff: info.staff,
            published_number: published.map(|p| p.number),
            changes_since_published: changes,
        })
    }

    /// What changed from the latest published version to `number`, per
    /// pair; `None` when nothing was published.
    pub fn diff_from_published(&self, number: i64) -> Result<Option<SlateDiff>, SummitError> {
        match self.store.latest_published()? {
            Some(p) => Ok(Some(self.slate_diff(p.number, Some(number))?)),
            None => Ok(None),
        }
    }

    /// The latest version as a slate the desk can show and move meetings
    /// on; `None` before any slate was saved. Built from the version's own
    /// meetings and the decisions, without ranking, so it opens at once.
    pub fn open_latest_slate(&self) -> Result<Option<DeskVersion>, SummitError> {
        let Some(latest) = self.store.latest_version()? else {
            return Ok(None);
        };
        let loaded = self.load_slate(Some(latest.number))?;
        let min_score = (latest.params.get("min_score"))
            .and_then(serde_json::Value::as_f64)
            .unwrap_or(super::DEFAULT_MIN_SCORE);
        let input = self.input_for_slate(&loaded.slate, min_score);
        let basis = self.decisions_at(latest.log_position)?;
        let scheduled = Scheduled::new(input, loaded.slate).with_basis(basis);
        Ok(Some(DeskVersion {
            scheduled,
            status: self.version_status(latest.number)?,
            misfits: loaded.misfits,
        }))
    }

    /// Saves the desk's scheduling run as a new version; `position` is
    /// [`OpenSummit::log_position`] when the run read the decisions.
    pub fn save_desk_run(
        &self,
        slate: &Slate,
        options: &SlateOptions,
        position: i64,
    ) -> Result<VersionStatus, SummitError> {
        let info = self.save_run(slate, options, position)?;
        self.version_status(info.number)
    }

    /// The decisions as they stood at log position `position`.
    fn decisions_at(&self, position: i64) -> Result<Vec<DecidedPair>, SummitError> {
        let (sellers, buyers) = super::day_marks::id_indices(self.summit());
        let mut state: HashMap<(usize, usize), Option<DecisionKind>> = HashMap::new();
        for entry in self.store.log()? {
            if entry.id > position {
                break;
            }
            let (Some(&s), Some(&b)) = (
                sellers.get(entry.seller_id.as_str()),
                buyers.get(entry.buyer_id.as_str()),
            ) else {
                continue;
            };
            let kind = if entry.orphan { None } else { entry.kind };
            state.insert((s, b), kind);
        }
        Ok((state.into_iter())
            .filter_map(|(pair, kind)| kind.map(|k| (pair, k)))
            .collect())
    }

    /// The rules a stored slate is checked under: every participant with
    /// their hours, and each meeting's pair and each accepted or locked
    /// pair as a candidate (rejected pairs are none).
    fn input_for_slate(&self, slate: &Slate, min_score: f64) -> ScheduleInput {
        let summit = self.summit();
        let participant = |id: &str, max_meetings: u32, available| Participant {
            name: id.to_string(),
            max_meetings,
            available: free_slots(available, &summit.slots),
        };
        let status = |seller, buyer| match self.decision(seller, buyer).map(|d| d.kind) {
            Some(DecisionKind::Accepted) => Some(PairStatus::Accepted),
            Some(DecisionKind::Locked { slot, table }) => Some(PairStatus::Locked { slot, table }),
            Some(DecisionKind::Rejected) => None,
            None => Some(PairStatus::Proposed),
        };
        let mut candidates: Vec<Pair> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for m in &slate.meetings {
            if let (Some(status), true) =
                (status(m.seller, m.buyer), seen.insert((m.seller, m.buyer)))
            {
                candidates.push(Pair {
                    seller: m.seller,
                    buyer: m.buyer,
                    score: m.score,
                    interpreter: m.interpreter,
                    status,
                    wish: Default::default(),
                });
            }
        }
        let mut decided: Vec<_> = self.decisions().iter().map(|(&p, d)| (p, d.kind)).collect();
        decided.sort_by_key(|(pair, _)| *pair);
        for ((seller, buyer), kind) in decided {
            if kind != DecisionKind::Rejected && seen.insert((seller, buyer)) {
                let matcher = &self.prepared().matcher;
                candidates.extend(decided_pair(matcher, seller, buyer, kind));
            }
        }
        ScheduleInput {
            slots: summit.slots.clone(),
            tables: summit.event.tables,
            interpreters: summit.event.interpreters,
            sellers: (summit.sellers.iter())
                .map(|s| participant(&s.id, s.max_meetings, &s.available))
                .collect(),
            buyers: (summit.buyers.iter())
                .map(|b| participant(&b.id, b.max_meetings, &b.available))
                .collect(),
            candidates,
            good_score: min_score,
        }
    }
}

/// One participant's side of a change between two versions.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ParticipantChange<'a> {
    pub side: crate::model::Side,
    pub id: &'a str,
    /// The other participant of the meeting.
    pub with: &'a str,
    pub change: &'a crate::store::MeetingChange,
}

impl SlateDiff {
    /// Each change twice, once for the seller and once for the buyer:
    /// sellers first, then buyers, each by id then partner.
    pub fn per_participant(&self) -> Vec<ParticipantChange<'_>> {
        use crate::model::Side;
        let mut rows = Vec::with_capacity(self.changes.len() * 2);
        for change in &self.changes {
            let m = change.meeting();
            rows.push(ParticipantChange {
                side: Side::Seller,
                id: &m.seller_id,
                with: &m.buyer_id,
                change,
            });
            rows.push(ParticipantChange {
                side: Side::Buyer,
                id: &m.buyer_id,
                with: &m.seller_id,
                change,
            });
        }
        rows.sort_by(|a, b| {
            (a.side != Side::Seller, a.id, a.with).cmp(&(b.side != Side::Seller, b.id, b.with))
        });
        rows
    }
}
