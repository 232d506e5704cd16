//! Places the must-haves construction could not fit, by tabu search over
//! ejections (min-conflicts): put a missing must-have in the slot that
//! ejects the fewest other must-haves, queue whatever it ejected, and forbid
//! moving an ejected meeting straight back for a few steps.

use rand::RngExt;

use super::Phase;
use super::eject::{Choice, ejections_for};
use super::objective::Worth;
use super::pacer::{Pacer, SearchRng};
use super::state::Plan;

/// Steps without a new best before giving up: `PATIENCE_WORK / (slots ×
/// (tables + 1))` within these bounds, as a step looks at every slot and
/// may scan a slot's meetings. Small tight events, where placing every
/// must-have is hard, get many steps; big ones, where the must-haves still
/// missing are mostly impossible (over max_meetings), few.
/// Also at most `PATIENCE_PER_MUST` steps per placeable must-have: a tiny
/// event has few arrangements to try.
const PATIENCE_WORK: usize = 30_000_000;
const PATIENCE_PER_MUST: usize = 500;
const MIN_PATIENCE: usize = 2_000;
const MAX_PATIENCE: usize = 100_000;
/// Steps at most, as a multiple of the patience.
const STEPS_PER_PATIENCE: usize = 10;

pub(super) fn place_must_haves(plan: &mut Plan, rng: &mut SearchRng, pacer: &mut Pacer) {
    let problem = plan.problem;
    let mut missing: Vec<usize> = (0..problem.cands.len())
        .filter(|&cand| {
            problem.cands[cand].must && !plan.is_placed(cand) && problem.common.count_row(cand) > 0
        })
        .collect();
    if missing.is_empty() {
        return;
    }
    pacer.enter(Phase::Place, plan);
    let placeable = (0..problem.cands.len())
        .filter(|&cand| problem.cands[cand].must && problem.common.count_row(cand) > 0)
        .count() as i64;
    let slots = problem.slot_count;
    let mut tabu_until = vec![0usize; problem.cands.len() * slots];
    let step_cost = slots * (problem.tables as usize + 1);
    let patience = (PATIENCE_WORK / step_cost.max(1))
        .min(PATIENCE_PER_MUST * placeable as usize)
        .clamp(MIN_PATIENCE, MAX_PATIENCE);
    let mut best = (plan.objective(), plan.placements());
    let mut since_best = 0;
    let mut ejected = Vec::new();
    let mut chosen = Vec::new();
    for step in 1..=patience * STEPS_PER_PATIENCE {
        if missing.is_empty() || since_best > patience || !pacer.tick(plan) {
            break;
        }
        since_best += 1;
        let pick = rng.random_range(0..missing.len());
        let cand = missing[pick];
        let salt: u32 = rng.random();
        let mut best_move: Option<(Worth, u32, usize)> = None;
        for slot in problem.common.ones(cand) {
            let choice = Choice {
                salt,
                table_victim: None,
            };
            if !ejections_for(plan, cand, slot, choice, &mut ejected) {
                continue;
            }
            let musts_out = ejected
                .iter()
                .filter(|&&other| problem.cands[other as usize].must)
                .count();
            let worth_out = ejected.iter().fold(Worth::default(), |sum, &other| {
                sum + problem.cands[other as usize].worth()
            });
            let would_be_missing = missing.len() - 1 + musts_out;
            let tabu = tabu_until[cand * slots + slot] > step;
            let aspiration = (would_be_missing as i64) < placeable - best.0.must;
            if tabu && !aspiration {
                continue;
            }
            let cost = worth_out;
            let tie: u32 = rng.random();
            if best_move.is_none_or(|(best_cost, best_tie, _)| (cost, tie) < (best_cost, best_tie))
            {
                best_move = Some((cost, tie, slot));
                chosen.clone_from(&ejected);
            }
        }
        let Some((_, _, slot)) = best_move else {
            continue;
        };
        missing.swap_remove(pick);
        for &other in &chosen {
            let other = other as usize;
            let from = plan.slot_of(other) as usize;
            plan.unplace(other);
            tabu_until[other * slots + from] = step + 7 + rng.random_range(0..10);
            if problem.cands[other].must {
                missing.push(other);
            }
        }
        plan.place(cand, slot);
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
