//! What the desk's Slate tab needs from versions: where the slate stands
//! (number, draft or published, changes since published), the diff against
//! the published version per participant, and staff's moves saved into
//! their own draft in the same transaction as the locks they make.

use std::collections::BTreeMap;

use super::{OpenSummit, Scheduled, SlateDiff, SlateMove, SummitError, Verdict, check_lock};
use crate::model::{MeetingStatus, Side};
use crate::store::{MeetingChange, NewDecision, NewVersion, Origin, VersionInfo};

/// Where the slate stands, for the Slate tab's header.
#[derive(Debug, Clone, PartialEq)]
pub struct SlateStatus {
    /// The latest version (what the desk shows), if any.
    pub latest: Option<VersionInfo>,
    /// The latest published version, if any.
    pub published: Option<VersionInfo>,
    /// Meetings added, moved or cancelled from the published version to the
    /// latest (0 when they are the same, or nothing is published).
    pub changes_since_published: usize,
    /// Participants those changes touch.
    pub participants_changed: usize,
}

impl SlateStatus {
    /// "version 4 · draft · 12 changes since published version 3".
    pub fn line(&self) -> String {
        let Some(latest) = &self.latest else {
            return "no slate saved yet".to_string();
        };
        let state = if latest.published.is_some() {
            "published"
        } else {
            "draft"
        };
        let since = match &self.published {
            None => "nothing published yet".to_string(),
            Some(p) if p.number == latest.number => "as published".to_string(),
            Some(p) => format!(
                "{} change{} since published version {}",
                self.changes_since_published,
                if self.changes_since_published == 1 {
                    ""
                } else {
                    "s"
                },
                p.number
            ),
        };
        format!("version {} · {state} · {since}", latest.number)
    }
}

/// One participant's changes between two versions.
#[derive(Debug, Clone, PartialEq)]
pub struct ParticipantChanges {
    pub side: Side,
    pub id: String,
    /// By seller id then buyer id.
    pub changes: Vec<MeetingChange>,
}

impl ParticipantChanges {
    /// (added, cancelled, moved).
    pub fn counts(&self) -> (usize, usize, usize) {
        super::versions::totals(&self.changes)
    }
}

/// Each change under both of its participants: sellers first, then buyers,
/// each by id.
pub fn changes_by_participant(changes: &[MeetingChange]) -> Vec<ParticipantChanges> {
    let mut by: BTreeMap<(u8, &str), Vec<MeetingChange>> = BTreeMap::new();
    for change in changes {
        let m = change.meeting();
        by.entry((0, m.seller_id.as_str()))
            .or_default()
            .push(change.clone());
        by.entry((1, m.buyer_id.as_str()))
            .or_default()
            .push(change.clone());
    }
    by.into_iter()
        .map(|((side, id), changes)| ParticipantChanges {
            side: if side == 0 { Side::Seller } else { Side::Buyer },
            id: id.to_string(),
            changes,
        })
        .collect()
}

impl OpenSummit {
    /// The latest version, the latest published one and how far apart
    /// they are.
    pub fn slate_status(&self) -> Result<SlateStatus, SummitError> {
        let latest = self.store.latest_version()?;
        let published = self.store.latest_published()?;
        let (mut changes, mut participants) = (0, 0);
        if let (Some(l), Some(p)) = (&latest, &published)
            && l.number != p.number
        {
            let diff = self.slate_diff(p.number, Some(l.number))?;
            changes = diff.changes.len();
            participants = changes_by_participant(&diff.changes).len();
        }
        Ok(SlateStatus {
            latest,
            published,
            changes_since_published: changes,
            participants_changed: participants,
        })
    }

    /// The latest version against the latest published one, and the same
    /// changes per participant; `None` when nothing is published.
    pub fn diff_against_published(
        &self,
    ) -> Result<Option<(SlateDiff, Vec<ParticipantChanges>)>, SummitError> {
        let Some(published) = self.store.latest_published()? else {
            return Ok(None);
        };
        let diff = self.slate_diff(published.number, None)?;
        let per = changes_by_participant(&diff.changes);
        Ok(Some((diff, per)))
    }

    /// Staff's move or swap on the desk: checks it against the slate's
    /// rules, then in one transaction locks each moved meeting at its new
    /// place and saves the moved slate into this staff member's own draft
    /// (amended while it is the latest version and unpublished, else a new
    /// version), and only then moves it on `scheduled`. Nothing changes
    /// when anything is refused.
    pub fn move_and_save(
        &mut self,
        scheduled: &mut Scheduled,
        moves: &[SlateMove],
    ) -> Result<VersionInfo, SummitError> {
        let summit = self.summit();
        let mut moved = scheduled.slate().clone();
        let mut locks = Vec::with_capacity(moves.len());
        for mv in moves {
            check_lock(summit, mv.slot, mv.table)?;
            // A meeting that does not exist is refused by the check below.
            let Some(m) = moved.meetings.get_mut(mv.meeting) else {
                continue;
            };
            (m.slot, m.table, m.status) = (mv.slot, mv.table, MeetingStatus::Locked);
            locks.push((m.seller, m.buyer, mv));
        }
        let decisions: Vec<NewDecision<'_>> = (locks.iter())
            .map(|&(seller, buyer, mv)| NewDecision {
                seller_id: &summit.sellers[seller].id,
                buyer_id: &summit.buyers[buyer].id,
                action: Verdict::Lock {
                    slot: mv.slot,
                    table: mv.table,
                },
                staff: self.staff(),
                note: None,
            })
            .collect();
        let meetings = self.to_version_meetings(&moved);
        let (params, seed) = (self.store.latest_version()?)
            .map_or((serde_json::json!({}), 0), |v| (v.params, v.seed));
        let figures = self.figures(&moved);
        let draft = NewVersion {
            meetings: &meetings,
            params: &params,
            seed,
            figures: &figures,
            log_position: 0,
            staff: self.staff(),
            origin: Origin::Desk,
        };
        // `apply_move` checks the move (once: the check is the slow part on
        // a large slate), then asks for each meeting's lock; the locks and
        // the draft are written in one transaction at the last one, and the
        // slate moves only when that succeeded.
        let mut asked = 0;
        let mut written = None;
        let applied = scheduled.apply_move(moves, |_, _, _| {
            asked += 1;
            if asked < moves.len() {
                return Ok(());
            }
            let result = self.store.record_step_with_draft(&decisions, &draft);
            let text = result.as_ref().err().map(ToString::to_string);
            written = Some(result);
            text.map_or(Ok(()), Err)
        });
        match (applied, written) {
            (Ok(()), Some(Ok((_, info)))) => {
                self.after_own_write()?;
                Ok(info)
            }
            (_, Some(Err(store))) => Err(store.into()),
            (Err(refused), _) => Err(refused.into()),
            (Ok(()), None) => Err(SummitError::from(crate::summit::MoveError::Refused(
                "nothing to move".to_string(),
            ))),
        }
    }
}
