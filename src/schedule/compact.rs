//! Closes holes by simulated annealing over Kempe-chain moves: take a
//! meeting in slot `a` and a target slot `b`, follow the chain of meetings in
//! `a` and `b` that share a participant, and swap the whole chain between
//! the two slots. A chain of one is a plain move, a chain of two a swap; any
//! chain keeps everyone in at most one meeting per slot, so only
//! availability, tables and interpreters need checking. The set of meetings
//! never changes here, so only the holes count moves.

use rand::RngExt;

use super::Phase;
use super::holes_bound::holes_lower_bound;
use super::pacer::{Pacer, SearchRng};
use super::state::{NONE, Objective, Plan};

/// The move budget is `MOVE_WORK / meetings` within these bounds: small
/// slates get many moves per meeting (they are cheap, and holes are all
/// that is left to improve on must-have-only events), big ones fewer. Tiny
/// slates get at most `MOVES_PER_NEIGHBOUR` times (meetings × slots), as
/// their whole neighbourhood is explored long before that.
const MOVE_WORK: usize = 1_500_000_000;
const MIN_MOVES: usize = 1_200_000;
const MAX_MOVES: usize = 10_000_000;
const MOVES_PER_NEIGHBOUR: usize = 3_000;
/// The budget is spent in up to this many annealing rounds, each restarting
/// from the best plan so far and cooling from the start temperature again,
/// but none shorter than `MIN_ROUND` (a short round cannot cool properly).
const MAX_ROUNDS: usize = 3;
const MIN_ROUND: usize = 2_000_000;
/// A round ends early after this share of its length without a new best,
/// or after `PATIENCE_PER_NEIGHBOUR` times (meetings × slots) moves, if
/// fewer: a small slate's neighbourhood is long explored by then.
const ROUND_PATIENCE: f64 = 0.35;
const PATIENCE_PER_NEIGHBOUR: usize = 400;
/// Longer chains are skipped: they rarely help and cost much to evaluate.
const MAX_CHAIN: usize = 32;
const START_TEMPERATURE: f64 = 0.35;
const END_TEMPERATURE: f64 = 0.03;
/// Draws of a meeting before settling for one that touches no hole.
const HOLE_SEEKING_TRIES: usize = 4;
/// Weight of one idle slot against one hole in the annealing energy.
const IDLE_WEIGHT: f64 = 0.1;

/// Best by the objective, then by fewest idle slots.
fn rank(plan: &Plan) -> (Objective, i64) {
    (plan.objective(), -plan.idle())
}

pub(super) fn compact(plan: &mut Plan, rng: &mut SearchRng, pacer: &mut Pacer) {
    if plan.objective().holes == 0 || pacer.stopped() {
        return;
    }
    pacer.enter(Phase::Compact, plan);
    let problem = plan.problem;
    let movable: Vec<usize> = (0..problem.cands.len())
        .filter(|&cand| plan.is_placed(cand) && !plan.is_fixed(cand))
        .collect();
    if movable.is_empty() {
        return;
    }
    let budget = (MOVE_WORK / movable.len())
        .clamp(MIN_MOVES, MAX_MOVES)
        .min(MOVES_PER_NEIGHBOUR * movable.len() * problem.slot_count);
    let rounds: usize = (budget / MIN_ROUND).clamp(1, MAX_ROUNDS);
    let floor = holes_lower_bound(plan);
    for _round in 0..rounds {
        if plan.objective().holes <= floor || pacer.stopped() {
            break;
        }
        anneal(plan, &movable, floor, budget / rounds, rng, pacer);
    }
}

/// One annealing round of at most `length` moves; leaves the plan at the
/// best point seen.
fn anneal(
    plan: &mut Plan,
    movable: &[usize],
    floor: i64,
    length: usize,
    rng: &mut SearchRng,
    pacer: &mut Pacer,
) {
    let cooling = (END_TEMPERATURE / START_TEMPERATURE).powf(1.0 / length.max(1) as f64);
    let mut temperature = START_TEMPERATURE;
    let neighbourhood = movable.len() * plan.problem.slot_count;
    let patience =
        ((length as f64 * ROUND_PATIENCE) as usize).min(PATIENCE_PER_NEIGHBOUR * neighbourhood);
    let mut best = rank(plan);
    let mut best_placements: Option<Vec<u32>> = None;
    let mut since_best = 0;
    let mut chain = Vec::with_capacity(MAX_CHAIN);
    let mut moves = 0;
    while moves < length {
        moves += 1;
        temperature *= cooling;
        since_best += 1;
        if best.0.holes <= floor || since_best > patience || !pacer.tick(plan) {
            break;
        }
        let cand = pick_meeting(plan, movable, rng);
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
        let (holes_change, idle_change) = chain_gaps_change(plan, &chain);
        let worse_by = holes_change as f64 + IDLE_WEIGHT * idle_change as f64;
        if worse_by > 0.0 && rng.random::<f64>() >= (-worse_by / temperature).exp() {
            continue;
        }
        let before = rank(plan);
        let mark = plan.mark();
        swap_chain(plan, &chain);
        if plan.objective().table_overflow > before.0.table_overflow {
            // Tables come before holes: never trade one for the other.
            plan.rollback(mark);
            continue;
        }
        let after = rank(plan);
        debug_assert_eq!(after.0.holes, before.0.holes + holes_change);
        if after < before && before == best && best_placements.is_none() {
            // Leaving the best plan seen: remember it first.
            plan.rollback(mark);
            best_placements = Some(plan.placements());
            swap_chain(plan, &chain);
        }
        plan.commit();
        if after > best {
            best = after;
            best_placements = None;
            since_best = 0;
        }
    }
    if rank(plan) < best
        && let Some(placements) = best_placements
    {
        *plan = Plan::rebuilt(plan.problem, &placements);
    }
}

/// A random movable meeting, preferring (a few tries) one whose side has a
/// hole that day: moves elsewhere rarely close anything.
fn pick_meeting(plan: &Plan, movable: &[usize], rng: &mut SearchRng) -> usize {
    let mut cand = movable[rng.random_range(0..movable.len())];
    for _try in 1..HOLE_SEEKING_TRIES {
        if plan.touches_hole(cand) {
            break;
        }
        cand = movable[rng.random_range(0..movable.len())];
    }
    cand
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
        // Its own meeting may be the anchor: a step of one slot is worth
        // trying too.
        let meetings = plan.count(participant) as usize;
        if let Some(anchor) =
            plan.nth_meeting_slot(participant, rng.random_range(0..meetings.max(1)))
        {
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

/// Collects the Kempe chain of `cand` between slots `from` and `to`, each
/// member with the slot it would move to; false if the chain holds a locked
/// meeting or grows too long.
fn build_chain(
    plan: &Plan,
    cand: usize,
    from: usize,
    to: usize,
    chain: &mut Vec<(u32, u32)>,
) -> bool {
    chain.clear();
    chain.push((cand as u32, to as u32));
    let mut next = 0;
    while next < chain.len() {
        let (member, there) = chain[next];
        next += 1;
        let here = if there as usize == to { from } else { to };
        let pair = &plan.problem.cands[member as usize];
        for participant in [pair.seller, pair.buyer] {
            let other = plan.meeting_at(participant as usize, there as usize);
            if other == NONE || chain.iter().any(|&(known, _)| known == other) {
                continue;
            }
            if plan.is_fixed(other as usize) || chain.len() >= MAX_CHAIN {
                return false;
            }
            chain.push((other, here as u32));
        }
    }
    true
}

/// Whether swapping the chain respects availability, tables, interpreters.
fn chain_fits(plan: &Plan, chain: &[(u32, u32)], from: usize, to: usize) -> bool {
    let problem = plan.problem;
    let mut net_into_to = 0i64;
    let mut interpreted_into_to = 0i64;
    for &(member, there) in chain {
        let member = member as usize;
        if !problem.common.get(member, there as usize) {
            return false;
        }
        let sign = if there as usize == to { 1 } else { -1 };
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

/// How (holes, idle slots) would change if the chain swapped slots. Only
/// participants with a single meeting in the chain move; one with a meeting
/// in both slots keeps its occupancy.
fn chain_gaps_change(plan: &Plan, chain: &[(u32, u32)]) -> (i64, i64) {
    let mut change = (0, 0);
    for &(member, there) in chain {
        let here = plan.slot_of(member as usize) as usize;
        let pair = &plan.problem.cands[member as usize];
        for participant in [pair.seller as usize, pair.buyer as usize] {
            if plan.meeting_at(participant, there as usize) == NONE {
                let (holes, idle) = plan.gaps_delta_if_moved(participant, here, there as usize);
                change.0 += holes;
                change.1 += idle;
            }
        }
    }
    change
}

fn swap_chain(plan: &mut Plan, chain: &[(u32, u32)]) {
    for &(member, _) in chain {
        plan.unplace(member as usize);
    }
    for &(member, there) in chain {
        plan.place(member as usize, there as usize);
    }
}
