//! What must leave a slot so a candidate can sit there: the meetings its
//! two sides already have then, plus the weakest meetings that free a table,
//! an interpreter or a participant's last allowed meeting. Locked meetings
//! never leave.

use super::objective::Worth;
use super::state::{NONE, Plan, scramble};

/// How much a meeting is worth keeping: must-haves first, then wishes,
/// then score.
pub(super) fn worth(plan: &Plan, cand: usize) -> Worth {
    plan.problem.cands[cand].worth()
}

/// How to pick among possible victims.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Choice {
    /// Among equally weak meetings the one with the smallest
    /// `salt`-scrambled index goes, so callers can vary it deterministically.
    pub salt: u32,
    /// If a table must be freed, free this meeting's rather than the
    /// weakest's (a stronger meeting may be easier to re-seat).
    pub table_victim: Option<u32>,
}

/// Fills `out` with the meetings to eject so `cand` fits in `slot`, and
/// returns whether that is possible at all (with this `choice`).
pub(super) fn ejections_for(
    plan: &Plan,
    cand: usize,
    slot: usize,
    choice: Choice,
    out: &mut Vec<u32>,
) -> bool {
    let salt = choice.salt;
    out.clear();
    let problem = plan.problem;
    let pair = &problem.cands[cand];
    if plan.is_placed(cand) || !problem.common.get(cand, slot) {
        return false;
    }
    let (seller, buyer) = (pair.seller as usize, pair.buyer as usize);
    for participant in [seller, buyer] {
        let there = plan.meeting_at(participant, slot);
        if there != NONE {
            if plan.is_fixed(there as usize) {
                return false;
            }
            if !out.contains(&there) {
                out.push(there);
            }
        }
    }
    let weakest = |out: &Vec<u32>, pool: &mut dyn Iterator<Item = u32>| {
        pool.filter(|&other| !plan.is_fixed(other as usize) && !out.contains(&other))
            .min_by_key(|&other| (worth(plan, other as usize), scramble(other, salt)))
    };
    if table_needed(plan, slot, out) {
        if let Some(victim) = choice.table_victim {
            let movable = plan.slot_of(victim as usize) as usize == slot
                && !plan.is_fixed(victim as usize)
                && !out.contains(&victim);
            if !movable {
                return false;
            }
            out.push(victim);
        } else {
            // The plan keeps each slot's weakest meeting for the unsalted order.
            let known = plan
                .weakest_in(slot)
                .filter(|weakest| salt == 0 && !out.contains(weakest));
            match known.or_else(|| weakest(out, &mut plan.members(slot).iter().copied())) {
                Some(other) => out.push(other),
                None => return false,
            }
        }
    }
    if pair.interpreter {
        let leaving = out
            .iter()
            .filter(|&&other| problem.cands[other as usize].interpreter)
            .count() as u32;
        if plan.interpreted(slot) + 1 - leaving > problem.interpreters {
            let mut pool = plan
                .members(slot)
                .iter()
                .copied()
                .filter(|&other| problem.cands[other as usize].interpreter);
            match weakest(out, &mut pool) {
                Some(other) => out.push(other),
                None => return false,
            }
        }
    }
    for participant in [seller, buyer] {
        let leaving = out
            .iter()
            .filter(|&&other| {
                let other = &problem.cands[other as usize];
                other.seller as usize == participant || other.buyer as usize == participant
            })
            .count() as u32;
        if plan.count(participant) + 1 - leaving > problem.capacity[participant] {
            let mut pool = problem.cands_of[participant]
                .iter()
                .copied()
                .filter(|&other| plan.is_placed(other as usize));
            match weakest(out, &mut pool) {
                Some(other) => out.push(other),
                None => return false,
            }
        }
    }
    true
}

/// Whether seating one more meeting in `slot`, after the meetings in `out`
/// (all in that slot) leave, needs a table freed.
pub(super) fn table_needed(plan: &Plan, slot: usize, out: &[u32]) -> bool {
    plan.load(slot) + 1 - out.len() as u32 > plan.problem.tables
}
