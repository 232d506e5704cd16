//! Greedy construction: must-haves hardest first, then proposed pairs by
//! score, each into the feasible slot that opens the fewest holes. It
//! always runs to the end (only a caller's stop ends it early): it is
//! cheap, and a slate cut short here leaves buyers with no meeting.

use super::Phase;
use super::pacer::Pacer;
use super::state::{Plan, scramble};

/// `hinted` are the pairs of the bound's relaxed solution: they go right
/// after the must-haves, as a greedy by score alone starves participants
/// whose partners are popular.
pub(super) fn construct(plan: &mut Plan, hinted: &[u32], pacer: &mut Pacer) {
    pacer.enter(Phase::Construct, plan);
    let order = construction_order(plan, hinted);
    let is_hinted = hinted_set(plan, hinted);
    let musts_and_hinted = order
        .iter()
        .take_while(|&&cand| {
            let pair = &plan.problem.cands[cand];
            pair.must || pair.mutual || pair.wished > 0 || is_hinted[cand]
        })
        .count();
    for (position, &cand) in order.iter().enumerate() {
        if position == musts_and_hinted {
            raise_floors(plan, pacer);
        }
        if !pacer.tick_essential(plan) {
            break;
        }
        if let Some(slot) = best_free_slot(plan, cand) {
            plan.place(cand, slot);
        }
    }
    plan.commit();
}

fn hinted_set(plan: &Plan, hinted: &[u32]) -> Vec<bool> {
    let mut is_hinted = vec![false; plan.problem.cands.len()];
    for &cand in hinted {
        is_hinted[cand as usize] = true;
    }
    is_hinted
}

/// The coverage tier greedily: level by level (everyone's first meeting,
/// then second, ...), each participant below its floor, in a seeded order,
/// takes its best candidate that fits a free slot, preferring partners
/// below their own floor.
fn raise_floors(plan: &mut Plan, pacer: &mut Pacer) {
    let problem = plan.problem;
    let mut order: Vec<usize> = (0..problem.participant_count())
        .filter(|&participant| problem.floor[participant] > 0)
        .collect();
    order.sort_by_key(|&participant| scramble(participant as u32, problem.salt));
    let top = problem.floor.iter().copied().max().unwrap_or(0);
    for level in 0..top {
        for &participant in &order {
            if plan.count(participant) != level || level >= problem.floor[participant] {
                continue;
            }
            if !pacer.tick_essential(plan) {
                return;
            }
            let other_side = |cand: usize| {
                let pair = &problem.cands[cand];
                if pair.seller as usize == participant {
                    pair.buyer as usize
                } else {
                    pair.seller as usize
                }
            };
            let open = |cand: usize| !plan.is_placed(cand) && problem.common.count_row(cand) > 0;
            let needy = problem.cands_of[participant]
                .iter()
                .map(|&cand| cand as usize)
                .filter(|&cand| open(cand))
                .filter(|&cand| plan.count(other_side(cand)) < problem.floor[other_side(cand)])
                .find_map(|cand| best_free_slot(plan, cand).map(|slot| (cand, slot)));
            let found = needy.or_else(|| {
                problem.cands_of[participant]
                    .iter()
                    .map(|&cand| cand as usize)
                    .filter(|&cand| open(cand))
                    .find_map(|cand| best_free_slot(plan, cand).map(|slot| (cand, slot)))
            });
            if let Some((cand, slot)) = found {
                plan.place(cand, slot);
            }
        }
    }
}

/// After a search cut short by the clock or the caller: seat every pair
/// that still fits somewhere without moving anything, must-haves first,
/// then by score. Cheap, and never worse.
pub(super) fn fill_free_slots(plan: &mut Plan, pacer: &mut Pacer) {
    let problem = plan.problem;
    let has_room = |participant: u32| {
        plan.count(participant as usize) < problem.capacity[participant as usize]
    };
    let mut order: Vec<usize> = (0..problem.cands.len())
        .filter(|&cand| {
            let pair = &problem.cands[cand];
            !plan.is_placed(cand) && has_room(pair.seller) && has_room(pair.buyer)
        })
        .collect();
    order.sort_by_key(|&cand| {
        (
            std::cmp::Reverse(problem.cands[cand].worth()),
            scramble(cand as u32, problem.salt),
        )
    });
    for (position, cand) in order.into_iter().enumerate() {
        if position % 64 == 0 && !pacer.may_finish() {
            break;
        }
        place_if_better(plan, cand);
    }
    plan.commit();
}

/// Must-haves first, those with the fewest usable slots and busiest
/// participants earliest (they are the hardest to fit later); then mutual
/// wishes the same way, then one-sided wishes by weight; then hinted
/// pairs, then the rest, each by score, best first. Ties go by input order,
/// so the order is stable.
fn construction_order(plan: &Plan, hinted: &[u32]) -> Vec<usize> {
    let is_hinted = hinted_set(plan, hinted);
    let problem = plan.problem;
    // Each participant's number of wanted (must-have or hinted) pairs.
    let mut wanted_degree = vec![0i64; problem.participant_count()];
    for (cand, pair) in problem.cands.iter().enumerate() {
        if pair.must || pair.mutual || is_hinted[cand] {
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
            _ if pair.mutual => 1,
            _ if pair.wished > 0 => {
                return (
                    2,
                    -pair.wished,
                    -pair.score,
                    scramble(cand as u32, problem.salt),
                );
            }
            (false, true, true) => 3,
            (false, true, false) => 4,
            (false, false, _) => return (5, -pair.score, 0, scramble(cand as u32, problem.salt)),
        };
        let degree = wanted_degree[pair.seller as usize] + wanted_degree[pair.buyer as usize];
        (
            tier,
            problem.common.count_row(cand) as i64 - 2 * degree,
            -pair.score,
            scramble(cand as u32, problem.salt),
        )
    });
    order
}

/// Places `cand` in its best free slot when that raises the objective;
/// otherwise leaves the plan as it was.
pub(super) fn place_if_better(plan: &mut Plan, cand: usize) {
    if let Some(slot) = best_free_slot(plan, cand) {
        let before = plan.objective();
        let mark = plan.mark();
        plan.place(cand, slot);
        if plan.objective() <= before {
            plan.rollback(mark);
        }
    }
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
