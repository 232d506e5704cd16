//! Ejection chains: seat a candidate by ejecting what is in the way, then
//! re-seat what was ejected, if need be by ejecting in turn; participants
//! left with room take their best unscheduled candidate.

use super::construct::best_free_slot;
use super::eject::{ejections_for, worth};
use super::state::Plan;

/// How many times an ejected meeting may in turn eject weaker meetings.
const CHAIN_DEPTH: usize = 2;

/// A freed participant tries this many of its best unscheduled candidates.
const BACKFILL_TRIES: usize = 4;

/// Slates up to this many candidate-slot pairs get deep moves: ejected
/// meetings may eject weaker ones in turn, and freed participants backfill.
/// On bigger slates that makes the hopeless-move filters too weak to keep
/// the search fast, and greedy backfills were seen to lead it astray, so
/// there an ejected meeting only takes a free slot.
const DEEP_MOVES_UP_TO: usize = 20_000;

#[derive(Clone, Copy)]
pub(super) struct Reach {
    pub deep: bool,
}

impl Reach {
    pub fn for_plan(plan: &Plan) -> Self {
        let problem = plan.problem;
        Reach {
            deep: problem.cands.len() * problem.slot_count <= DEEP_MOVES_UP_TO,
        }
    }
}

/// Seats `cand` in `slot` with its ejection chain (see `chain_from`).
pub(super) fn insert_with_chain(
    plan: &mut Plan,
    cand: usize,
    slot: usize,
    reach: Reach,
    ejected: &mut Vec<u32>,
) {
    chain_from(
        plan,
        cand,
        slot,
        reach,
        CHAIN_DEPTH,
        ejected,
        &mut Vec::new(),
    );
}

/// Ejects what blocks `cand` in `slot`, seats `cand`, then re-seats each
/// ejected meeting in its best free slot if it has one, or (with deep moves,
/// up to `depth` levels) where the fewest others must go in turn; where
/// one still cannot be re-seated, each of its two sides takes its best
/// unscheduled candidate that fits a free slot (so a must-have can trade
/// places with another). Does nothing if the slot cannot be cleared.
/// `pinned` collects the meetings this chain has seated, which deeper links
/// must not eject again.
fn chain_from(
    plan: &mut Plan,
    cand: usize,
    slot: usize,
    reach: Reach,
    depth: usize,
    ejected: &mut Vec<u32>,
    pinned: &mut Vec<u32>,
) {
    if !ejections_for(plan, cand, slot, 0, ejected) {
        return;
    }
    let victims = ejected.clone();
    for &other in &victims {
        plan.unplace(other as usize);
    }
    plan.place(cand, slot);
    pinned.push(cand as u32);
    for &other in &victims {
        let other = other as usize;
        if let Some(to) = best_free_slot(plan, other) {
            plan.place(other, to);
        } else if depth > 0
            && reach.deep
            && let Some(to) = cheapest_clearing(plan, other, slot, depth == 1, pinned, ejected)
        {
            // Re-seating by a deeper chain may cost more than letting the
            // meeting go: try it, and keep it only if it leaves more.
            let dropped = plan.objective();
            let mark = plan.mark();
            let pinned_before = pinned.len();
            chain_from(plan, other, to, reach, depth - 1, ejected, pinned);
            if plan.objective() <= dropped {
                plan.rollback(mark);
                pinned.truncate(pinned_before);
            }
        }
    }
    let problem = plan.problem;
    for &other in &victims {
        if plan.is_placed(other as usize) || !reach.deep {
            continue;
        }
        let pair = &problem.cands[other as usize];
        for participant in [pair.seller as usize, pair.buyer as usize] {
            // Candidates are listed best first, so the first that fits wins.
            let backfill = problem.cands_of[participant]
                .iter()
                .map(|&option| option as usize)
                .filter(|&option| option != other as usize && !plan.is_placed(option))
                .take(BACKFILL_TRIES)
                .find_map(|option| best_free_slot(plan, option).map(|to| (option, to)));
            if let Some((option, to)) = backfill {
                plan.place(option, to);
            }
        }
    }
}

/// The slot other than `avoid` where seating `cand` ejects the least, and
/// nothing `pinned`; on the `last` link of a chain, only if that is worth
/// less than `cand`.
/// Stronger meetings may go too: they get re-seated in turn, the chain's
/// depth is bounded, and the whole move is kept only if it pays.
fn cheapest_clearing(
    plan: &Plan,
    cand: usize,
    avoid: usize,
    last: bool,
    pinned: &[u32],
    ejected: &mut Vec<u32>,
) -> Option<usize> {
    let value = worth(plan, cand);
    // On the chain's last link nothing ejected is re-seated, so it only
    // pays if what goes is worth less than what comes.
    let mut best: Option<((i64, i64), usize)> =
        last.then_some(((i64::from(value.0), value.1), usize::MAX));
    for slot in plan.problem.common.ones(cand) {
        if slot == avoid
            || !ejections_for(plan, cand, slot, 0, ejected)
            || ejected.iter().any(|other| pinned.contains(other))
        {
            continue;
        }
        let cost = ejected.iter().fold((0, 0), |(musts, score), &other| {
            let (must, points) = worth(plan, other as usize);
            (musts + i64::from(must), score + points)
        });
        if best.is_none_or(|(best_cost, _)| cost < best_cost) {
            best = Some((cost, slot));
        }
    }
    best.map(|(_, slot)| slot)
        .filter(|&slot| slot != usize::MAX)
}
