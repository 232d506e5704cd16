//! Raises the objective by inserting unscheduled candidates: straight into
//! a free slot, or by ejecting what is in the way and re-seating each ejected
//! meeting in another free slot (an ejection chain of length two). A move is
//! kept only if the whole objective improves.

use super::construct::best_free_slot;
use super::eject::{ejections_for, worth};
use super::pacer::Pacer;
use super::state::{Objective, Plan};

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
        // Meetings ejected from other slots make room under max_meetings:
        // their side stays full, so they cannot be re-seated and are lost.
        let (mut musts_lost, mut score_lost) = (0i64, 0i64);
        for &other in ejected.iter() {
            if plan.slot_of(other as usize) as usize != slot {
                let (must, score) = worth(plan, other as usize);
                musts_lost += i64::from(must);
                score_lost += score;
            }
        }
        if (i64::from(value.0), value.1) < (musts_lost, score_lost) {
            continue;
        }
        let mark = plan.mark();
        insert_with_chain(plan, cand, slot, ejected);
        let after = plan.objective();
        plan.rollback(mark);
        if after > before && best.is_none_or(|(best_after, _)| after > best_after) {
            best = Some((after, slot));
        }
    }
    best.map(|(_, slot)| slot)
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
