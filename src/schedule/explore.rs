//! For small slates only: a tabu search over insertions that escapes the
//! local optima `improve` stops in. Each step takes a random unscheduled
//! candidate, seats it (with its ejection chain) in the slot that leaves the
//! best objective, even if that is worse than now, and bars what it ejected
//! from coming straight back. The best slate seen is kept.

use rand::RngExt;

use super::Phase;
use super::chain::Chains;
use super::eject::Choice;
use super::pacer::{Pacer, SearchRng};
use super::state::{Objective, Plan};

/// Steps: `STEP_WORK / (candidates × slots)` (a step costs about one
/// ejection chain per candidate slot), at most `STEPS_PER_CANDIDATE` per
/// candidate (tiny slates need few), within these bounds.
const STEP_WORK: usize = 2_000_000;
const STEPS_PER_CANDIDATE: usize = 60;
const MIN_STEPS: usize = 100;
const MAX_STEPS: usize = 5_000;
/// Steps without a new best before stopping, as a share of the budget.
const PATIENCE: f64 = 0.3;

pub(super) fn explore(plan: &mut Plan, rng: &mut SearchRng, pacer: &mut Pacer) {
    if pacer.stopped() {
        return;
    }
    let mut chains = Chains::for_plan(plan);
    let problem = plan.problem;
    let insertable: Vec<usize> = (0..problem.cands.len())
        .filter(|&cand| problem.common.count_row(cand) > 0)
        .collect();
    if !chains.deep || insertable.iter().all(|&cand| plan.is_placed(cand)) {
        return;
    }
    pacer.enter(Phase::Explore, plan);
    let steps = (STEP_WORK / (insertable.len() * problem.slot_count).max(1))
        .min(STEPS_PER_CANDIDATE * insertable.len())
        .clamp(MIN_STEPS, MAX_STEPS);
    let patience = (steps as f64 * PATIENCE) as usize;
    let mut best = (plan.objective(), plan.placements());
    let mut tabu_until = vec![0usize; problem.cands.len()];
    let mut since_best = 0;
    let mut open = Vec::new();
    for step in 1..=steps {
        if since_best > patience || !pacer.tick(plan) {
            break;
        }
        since_best += 1;
        open.clear();
        open.extend(
            insertable
                .iter()
                .copied()
                .filter(|&cand| !plan.is_placed(cand) && tabu_until[cand] <= step),
        );
        if open.is_empty() {
            if insertable.iter().all(|&cand| plan.is_placed(cand)) {
                break;
            }
            continue;
        }
        let cand = open[rng.random_range(0..open.len())];
        let mut chosen: Option<(Objective, u32, usize, Choice)> = None;
        for slot in problem.common.ones(cand) {
            for choice in chains.choices(plan, cand, slot) {
                let mark = plan.mark();
                chains.insert(plan, cand, slot, choice);
                let seated = plan.is_placed(cand);
                let after = plan.objective();
                plan.rollback(mark);
                if !seated {
                    continue;
                }
                let tie: u32 = rng.random();
                if chosen
                    .is_none_or(|(best_after, best_tie, ..)| (after, tie) > (best_after, best_tie))
                {
                    chosen = Some((after, tie, slot, choice));
                }
            }
        }
        let tenure = step + 4 + rng.random_range(0..6);
        let Some((_, _, slot, choice)) = chosen else {
            tabu_until[cand] = tenure;
            continue;
        };
        let mark = plan.mark();
        chains.insert(plan, cand, slot, choice);
        let removed: Vec<usize> = plan
            .changed_since(mark)
            .filter(|&other| !plan.is_placed(other))
            .collect();
        for other in removed {
            tabu_until[other] = tenure;
        }
        plan.commit();
        if plan.objective() > best.0 {
            best = (plan.objective(), plan.placements());
            since_best = 0;
        }
    }
    if best.0 > plan.objective() {
        *plan = Plan::rebuilt(problem, &best.1);
    }
}
