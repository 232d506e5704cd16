//! Greedy construction: must-haves hardest first, then proposed pairs by
//! score, each into the feasible slot that opens the fewest holes.

use super::pacer::Pacer;
use super::state::Plan;

/// `hinted` are the pairs of the bound's relaxed solution: they go right
/// after the must-haves, as a greedy by score alone starves participants
/// whose partners are popular.
pub(super) fn construct(plan: &mut Plan, hinted: &[u32], pacer: &mut Pacer) {
    pacer.enter("construct", plan);
    for cand in construction_order(plan, hinted) {
        if !pacer.tick(plan) {
            break;
        }
        if let Some(slot) = best_free_slot(plan, cand) {
            plan.place(cand, slot);
        }
    }
    plan.commit();
}

/// After a search cut short by the clock or the caller: seat every pair
/// that still fits somewhere without moving anything, must-haves first,
/// then by score. Cheap, and never worse.
pub(super) fn fill_free_slots(plan: &mut Plan) {
    let problem = plan.problem;
    let mut order: Vec<usize> = (0..problem.cands.len())
        .filter(|&cand| !plan.is_placed(cand))
        .collect();
    order.sort_by_key(|&cand| {
        (
            std::cmp::Reverse((problem.cands[cand].must, problem.cands[cand].score)),
            cand,
        )
    });
    for cand in order {
        if let Some(slot) = best_free_slot(plan, cand) {
            let before = plan.objective();
            let mark = plan.mark();
            plan.place(cand, slot);
            if plan.objective() <= before {
                plan.rollback(mark);
            }
        }
    }
    plan.commit();
}

/// Must-haves first, those with the fewest usable slots and busiest
/// participants earliest (they are the hardest to fit later); then hinted
/// pairs, then the rest, each by score, best first. Ties go by input order,
/// so the order is stable.
fn construction_order(plan: &Plan, hinted: &[u32]) -> Vec<usize> {
    let mut is_hinted = vec![false; plan.problem.cands.len()];
    for &cand in hinted {
        is_hinted[cand as usize] = true;
    }
    let problem = plan.problem;
    // Each participant's number of wanted (must-have or hinted) pairs.
    let mut wanted_degree = vec![0i64; problem.participant_count()];
    for (cand, pair) in problem.cands.iter().enumerate() {
        if pair.must || is_hinted[cand] {
            wanted_degree[pair.seller as usize] += 1;
            wanted_degree[pair.buyer as usize] += 1;
        }
    }
    let mut order: Vec<usize> = (0..problem.cands.len())
        .filter(|&cand| !plan.is_placed(cand))
        .collect();
    order.sort_by_key(|&cand| {
        let pair = &problem.cands[cand];
        // Interpreted pairs go early: interpreters are the scarcest resource.
        let tier = match (pair.must, is_hinted[cand], pair.interpreter) {
            (true, _, _) => 0,
            (false, true, true) => 1,
            (false, true, false) => 2,
            (false, false, _) => return (3, -pair.score, 0, cand),
        };
        let degree = wanted_degree[pair.seller as usize] + wanted_degree[pair.buyer as usize];
        (
            tier,
            problem.common.count_row(cand) as i64 - 2 * degree,
            -pair.score,
            cand,
        )
    });
    order
}

/// The feasible slot where `cand` adds the fewest holes, preferring slots
/// next to either side's meetings, then the earliest.
pub(super) fn best_free_slot(plan: &Plan, cand: usize) -> Option<usize> {
    let problem = plan.problem;
    let pair = &problem.cands[cand];
    let (seller, buyer) = (pair.seller as usize, pair.buyer as usize);
    problem
        .common
        .ones(cand)
        .filter(|&slot| plan.can_place(cand, slot))
        .min_by_key(|&slot| {
            let holes =
                plan.holes_delta_if_added(seller, slot) + plan.holes_delta_if_added(buyer, slot);
            let neighbours = i64::from(plan.has_neighbour(seller, slot))
                + i64::from(plan.has_neighbour(buyer, slot));
            (holes, -neighbours, slot)
        })
}
