//! Closes holes by simulated annealing over Kempe-chain moves: take a
//! meeting in slot `a` and a target slot `b`, follow the chain of meetings in
//! `a` and `b` that share a participant, and swap the whole chain between
//! the two slots. A chain of one is a plain move, a chain of two a swap; any
//! chain keeps everyone in at most one meeting per slot, so only
//! availability, tables and interpreters need checking. The set of meetings
//! never changes here, so only the holes count moves.

use rand::RngExt;

use super::pacer::{Pacer, SearchRng};
use super::state::{NONE, Plan};

/// Moves tried per scheduled meeting, within these bounds.
const MOVES_PER_MEETING: usize = 3_000;
const MIN_MOVES: usize = 50_000;
const MAX_MOVES: usize = 3_000_000;
/// Longer chains are skipped: they rarely help and cost much to evaluate.
const MAX_CHAIN: usize = 32;
const START_TEMPERATURE: f64 = 0.8;
const END_TEMPERATURE: f64 = 0.03;

pub(super) fn compact(plan: &mut Plan, rng: &mut SearchRng, pacer: &mut Pacer) {
    if plan.objective().holes == 0 {
        return;
    }
    pacer.enter("compact", plan);
    let problem = plan.problem;
    let movable: Vec<usize> = (0..problem.cands.len())
        .filter(|&cand| plan.is_placed(cand) && !plan.is_fixed(cand))
        .collect();
    if movable.is_empty() {
        return;
    }
    let budget = (movable.len() * MOVES_PER_MEETING).clamp(MIN_MOVES, MAX_MOVES);
    let cooling = (END_TEMPERATURE / START_TEMPERATURE).powf(1.0 / budget as f64);
    let mut temperature = START_TEMPERATURE;
    let mut best = plan.objective();
    let mut best_placements: Option<Vec<u32>> = None;
    let mut chain = Vec::with_capacity(MAX_CHAIN);
    for _move in 0..budget {
        temperature *= cooling;
        if best.holes == 0 || !pacer.tick(plan) {
            break;
        }
        let cand = movable[rng.random_range(0..movable.len())];
        let from = plan.slot_of(cand) as usize;
        let Some(to) = target_slot(plan, cand, rng) else {
            continue;
        };
        if to == from
            || !build_chain(plan, cand, from, to, &mut chain)
            || !chain_fits(plan, &chain, from, to)
        {
            continue;
        }
        let before = plan.objective();
        let mark = plan.mark();
        swap_chain(plan, &chain, from, to);
        let worse_by = plan.objective().holes - before.holes;
        let accept =
            worse_by <= 0 || rng.random::<f64>() < (-(worse_by as f64) / temperature).exp();
        if !accept {
            plan.rollback(mark);
            continue;
        }
        if worse_by > 0 && before == best && best_placements.is_none() {
            // Leaving the best plan seen: remember it first.
            plan.rollback(mark);
            best_placements = Some(plan.placements());
            swap_chain(plan, &chain, from, to);
        }
        plan.commit();
        if plan.objective() > best {
            best = plan.objective();
            best_placements = None;
        }
    }
    if plan.objective() < best
        && let Some(placements) = best_placements
    {
        *plan = Plan::rebuilt(problem, &placements);
    }
}

/// A slot to try: usually one next to a meeting of either side (where holes
/// close), otherwise any slot both sides are free in.
fn target_slot(plan: &Plan, cand: usize, rng: &mut SearchRng) -> Option<usize> {
    let problem = plan.problem;
    let pair = &problem.cands[cand];
    if rng.random_bool(0.7) {
        let participant = if rng.random_bool(0.5) {
            pair.seller
        } else {
            pair.buyer
        } as usize;
        let meetings: Vec<u32> = problem.cands_of[participant]
            .iter()
            .copied()
            .filter(|&other| other as usize != cand && plan.is_placed(other as usize))
            .collect();
        if !meetings.is_empty() {
            let anchor =
                plan.slot_of(meetings[rng.random_range(0..meetings.len())] as usize) as usize;
            let day = &problem.days[problem.day_of_slot[anchor] as usize];
            let to = if rng.random_bool(0.5) {
                anchor.checked_sub(1)
            } else {
                Some(anchor + 1)
            };
            return to.filter(|to| day.contains(to) && problem.common.get(cand, *to));
        }
    }
    let usable = problem.common.count_row(cand) as usize;
    if usable == 0 {
        return None;
    }
    problem.common.ones(cand).nth(rng.random_range(0..usable))
}

/// Collects the Kempe chain of `cand` between slots `from` and `to`; false
/// if it holds a locked meeting or grows too long.
fn build_chain(plan: &Plan, cand: usize, from: usize, to: usize, chain: &mut Vec<u32>) -> bool {
    chain.clear();
    chain.push(cand as u32);
    let mut next = 0;
    while next < chain.len() {
        let member = chain[next] as usize;
        next += 1;
        let here = plan.slot_of(member) as usize;
        let there = if here == from { to } else { from };
        let pair = &plan.problem.cands[member];
        for participant in [pair.seller, pair.buyer] {
            let other = plan.meeting_at(participant as usize, there);
            if other == NONE || chain.contains(&other) {
                continue;
            }
            if plan.is_fixed(other as usize) || chain.len() >= MAX_CHAIN {
                return false;
            }
            chain.push(other);
        }
    }
    true
}

/// Whether swapping the chain respects availability, tables, interpreters.
fn chain_fits(plan: &Plan, chain: &[u32], from: usize, to: usize) -> bool {
    let problem = plan.problem;
    let mut net_into_to = 0i64;
    let mut interpreted_into_to = 0i64;
    for &member in chain {
        let member = member as usize;
        let here = plan.slot_of(member) as usize;
        let there = if here == from { to } else { from };
        if !problem.common.get(member, there) {
            return false;
        }
        let sign = if here == from { 1 } else { -1 };
        net_into_to += sign;
        if problem.cands[member].interpreter {
            interpreted_into_to += sign;
        }
    }
    let tables = i64::from(problem.tables);
    let interpreters = i64::from(problem.interpreters);
    i64::from(plan.load(to)) + net_into_to <= tables
        && i64::from(plan.load(from)) - net_into_to <= tables
        && i64::from(plan.interpreted(to)) + interpreted_into_to <= interpreters
        && i64::from(plan.interpreted(from)) - interpreted_into_to <= interpreters
}

fn swap_chain(plan: &mut Plan, chain: &[u32], from: usize, to: usize) {
    let destinations: Vec<(usize, usize)> = chain
        .iter()
        .map(|&member| {
            let here = plan.slot_of(member as usize) as usize;
            (member as usize, if here == from { to } else { from })
        })
        .collect();
    for &(member, _) in &destinations {
        plan.unplace(member);
    }
    for (member, there) in destinations {
        plan.place(member, there);
    }
}
