//! Raises the objective by inserting unscheduled candidates: straight into
//! a free slot, or by ejecting what is in the way and re-seating each ejected
//! meeting in another free slot (an ejection chain of length two). A move is
//! kept only if the whole objective improves.

use super::construct::best_free_slot;
use super::eject::{ejections_for, worth};
use super::pacer::Pacer;
use super::state::{NONE, Objective, Plan};

const MAX_SWEEPS: usize = 6;

pub(super) fn improve(plan: &mut Plan, pacer: &mut Pacer) {
    pacer.enter("improve", plan);
    let problem = plan.problem;
    let mut order: Vec<usize> = (0..problem.cands.len())
        .filter(|&cand| problem.common.count_row(cand) > 0)
        .collect();
    order.sort_by_key(|&cand| (std::cmp::Reverse(worth(plan, cand)), cand));
    // Sweep in which each participant's meetings last changed; a candidate
    // whose two sides did not change since it last failed is not retried.
    let mut changed_in = vec![0usize; problem.participant_count()];
    let mut ejected = Vec::new();
    for sweep in 1..=MAX_SWEEPS {
        let mut improved = false;
        for &cand in &order {
            let pair = &problem.cands[cand];
            let stale = sweep > 1
                && changed_in[pair.seller as usize] < sweep - 1
                && changed_in[pair.buyer as usize] < sweep - 1;
            if plan.is_placed(cand) || stale {
                continue;
            }
            if !pacer.tick(plan) {
                return;
            }
            if cannot_pay_for(plan, cand) {
                continue;
            }
            if let Some(slot) = best_insertion(plan, cand, &mut ejected) {
                let mark = plan.mark();
                insert_with_chain(plan, cand, slot, &mut ejected);
                for participant in plan.participants_changed_since(mark) {
                    changed_in[participant] = sweep;
                }
                plan.commit();
                improved = true;
            }
        }
        if !improved {
            break;
        }
    }
}

/// True when a side of `cand` is at capacity and its weakest movable meeting
/// is worth more than `cand`: then some meeting of that side must go for
/// good, and the swap can only lose.
fn cannot_pay_for(plan: &Plan, cand: usize) -> bool {
    let problem = plan.problem;
    let pair = &problem.cands[cand];
    let value = worth(plan, cand);
    [pair.seller as usize, pair.buyer as usize]
        .into_iter()
        .any(|participant| {
            plan.count(participant) >= problem.capacity[participant]
                && problem.cands_of[participant]
                    .iter()
                    .filter(|&&other| {
                        plan.is_placed(other as usize) && !plan.is_fixed(other as usize)
                    })
                    .map(|&other| worth(plan, other as usize))
                    .min()
                    .is_none_or(|weakest| weakest > value)
        })
}

/// The slot where inserting `cand` (with its ejection chain) improves the
/// objective most, if any does.
fn best_insertion(plan: &mut Plan, cand: usize, ejected: &mut Vec<u32>) -> Option<usize> {
    let before = plan.objective();
    if let Some(slot) = best_free_slot(plan, cand) {
        let mark = plan.mark();
        plan.place(cand, slot);
        let after = plan.objective();
        plan.rollback(mark);
        if after > before {
            return Some(slot);
        }
    }
    let problem = plan.problem;
    let value = worth(plan, cand);
    let mut best: Option<(Objective, usize)> = None;
    for slot in problem.common.ones(cand) {
        if plan.can_place(cand, slot) || !ejections_for(plan, cand, slot, 0, ejected) {
            continue; // free slots were tried above; others cannot be cleared
        }
        // Losses that are certain: meetings ejected from other slots make
        // room under max_meetings, their side stays full, so they cannot be
        // re-seated; and meetings of this slot with nowhere else to go.
        let (mut musts_lost, mut score_lost) = (0i64, 0i64);
        for &other in ejected.iter() {
            let other = other as usize;
            if plan.slot_of(other) as usize != slot || !could_reseat(plan, other) {
                let (must, score) = worth(plan, other);
                musts_lost += i64::from(must);
                score_lost += score;
            }
        }
        let best_case = (i64::from(value.0) - musts_lost, value.1 - score_lost);
        if best_case < (0, 0) {
            continue;
        }
        let mark = plan.mark();
        insert_with_chain(plan, cand, slot, ejected);
        let after = plan.objective();
        plan.rollback(mark);
        if after > before && best.is_none_or(|(best_after, _)| after > best_after) {
            best = Some((after, slot));
            let gained = (after.must - before.must, after.score - before.score);
            if gained == best_case && best_case > (0, 0) {
                // No other slot can gain more on the first objective; the
                // compaction stage takes care of holes.
                break;
            }
        }
    }
    best.map(|(_, slot)| slot)
}

/// Whether placed meeting `cand` has another slot where both sides and a
/// table (and an interpreter, if needed) are free right now.
fn could_reseat(plan: &Plan, cand: usize) -> bool {
    let problem = plan.problem;
    let pair = &problem.cands[cand];
    let here = plan.slot_of(cand) as usize;
    problem.common.ones(cand).any(|slot| {
        slot != here
            && plan.meeting_at(pair.seller as usize, slot) == NONE
            && plan.meeting_at(pair.buyer as usize, slot) == NONE
            && plan.load(slot) < problem.tables
            && (!pair.interpreter || plan.interpreted(slot) < problem.interpreters)
    })
}

/// Ejects what blocks `cand` in `slot`, seats `cand`, then re-seats each
/// ejected meeting in its best free slot if it has one. Does nothing if the
/// slot cannot be cleared.
fn insert_with_chain(plan: &mut Plan, cand: usize, slot: usize, ejected: &mut Vec<u32>) {
    if !ejections_for(plan, cand, slot, 0, ejected) {
        return;
    }
    for &other in ejected.iter() {
        plan.unplace(other as usize);
    }
    plan.place(cand, slot);
    for &other in ejected.iter() {
        if let Some(to) = best_free_slot(plan, other as usize) {
            plan.place(other as usize, to);
        }
    }
}
