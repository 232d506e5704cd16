//! An upper bound on the total score of any slate.
//!
//! Relaxation: forget which slot each meeting takes, keep everything else
//! that can be counted. Each participant meets at most
//! `min(max_meetings, slots it could use)` times; only pairs with a common
//! free slot can meet; all meetings together fit in
//! `sum over slots of min(tables, sellers free, buyers free)`; interpreted
//! meetings fit in `sum over slots of min(interpreters, that)`. Without the
//! interpreter limit this is a maximum-weight b-matching, solved exactly as a
//! min-cost flow. The interpreter limit is moved into the objective with a
//! Lagrange multiplier λ: every λ ≥ 0 gives a valid bound
//! `L(λ) = best b-matching with interpreted weights lowered by λ + λ × limit`,
//! and a few cutting-plane steps find the λ minimising that convex function.
//!
//! If the time cap stops the flow early, a cruder bound is used instead: the
//! smaller of each side's sum of its best capacity-many candidates, and the
//! best table-capacity-many candidates overall.

use std::ops::ControlFlow;
use std::time::Duration;

use super::bitset::BitRows;
use super::flow::MinCostFlow;
use super::instance::{Instance, SCORE_UNIT};
use super::pacer::Pacer;
use super::{Progress, ScheduleInput};

/// Cutting-plane steps at most; each solves one flow.
const MAX_MULTIPLIER_STEPS: usize = 12;
/// Stop once the bound is provably within this share of the best λ's.
const CLOSE_ENOUGH: f64 = 2e-5;

/// An upper bound on the total score of every slate that obeys the hard
/// rules (ignoring must-haves, which only make the bound looser).
pub fn upper_bound(input: &ScheduleInput) -> f64 {
    let problem = Instance::new(input);
    let mut never_stop = |_: &Progress| ControlFlow::Continue(());
    let mut pacer = Pacer::new(Duration::MAX, &mut never_stop);
    bound_for(&problem, &mut pacer).value
}

/// A candidate that can meet at all, as the relaxation sees it.
#[derive(Debug, Clone, Copy)]
struct BoundPair {
    cand: u32,
    must: bool,
    seller: u32,
    buyer: u32,
    weight: i64,
    interpreted: bool,
}

/// The bound, and the pairs of a relaxed solution near the interpreter
/// limit that holds the must-haves: a strong hint for which pairs a slate
/// should hold.
#[derive(Debug, Clone, Default)]
pub(super) struct BoundResult {
    pub value: f64,
    pub chosen: Vec<u32>,
}

/// What the relaxation keeps of the instance.
struct Relaxation {
    /// Per participant: how many meetings it could possibly have.
    capacity: Vec<i64>,
    pairs: Vec<BoundPair>,
    table_limit: i64,
    interpreter_limit: i64,
}

pub(super) fn bound_for(problem: &Instance, pacer: &mut Pacer) -> BoundResult {
    let relaxation = Relaxation::new(problem);
    let Some(search) = multiplier_search(problem, &relaxation, pacer) else {
        return BoundResult {
            value: crude_bound(problem, &relaxation) as f64 / SCORE_UNIT,
            chosen: Vec::new(),
        };
    };
    let value = search.bound as f64 / SCORE_UNIT;
    if !relaxation.pairs.iter().any(|pair| pair.must) {
        return BoundResult {
            value,
            chosen: search.hint,
        };
    }
    // Must-haves will be seated first, so the hint must build around them:
    // solve again with a bonus larger than all other weights together.
    let bonus = 1 + relaxation.pairs.iter().map(|pair| pair.weight).sum::<i64>();
    let chosen = evaluate(problem, &relaxation, search.hint_multiplier, bonus, pacer)
        .map(|forced| forced.chosen)
        .unwrap_or(search.hint);
    BoundResult { value, chosen }
}

impl Relaxation {
    fn new(problem: &Instance) -> Self {
        let participants = problem.participant_count();
        // Participant × slot: free and sharing that slot with a partner.
        let mut reachable = BitRows::new(participants, problem.slot_count);
        let mut pairs = Vec::new();
        let mut degree = vec![0u32; participants];
        for (index, cand) in problem.cands.iter().enumerate() {
            if problem.common.count_row(index) == 0 {
                continue;
            }
            for slot in problem.common.ones(index) {
                reachable.set(cand.seller as usize, slot);
                reachable.set(cand.buyer as usize, slot);
            }
            pairs.push(BoundPair {
                cand: index as u32,
                must: cand.must,
                seller: cand.seller,
                buyer: cand.buyer,
                weight: cand.score,
                interpreted: cand.interpreter,
            });
            degree[cand.seller as usize] += 1;
            degree[cand.buyer as usize] += 1;
        }
        let capacity = (0..participants)
            .map(|participant| {
                i64::from(
                    problem.capacity[participant]
                        .min(reachable.count_row(participant))
                        .min(degree[participant]),
                )
            })
            .collect();
        let mut table_limit = 0;
        let mut interpreter_limit = 0;
        for slot in 0..problem.slot_count {
            let free = |range: std::ops::Range<usize>| {
                range
                    .filter(|&participant| reachable.get(participant, slot))
                    .count() as i64
            };
            let sellers = free(0..problem.seller_count);
            let buyers = free(problem.seller_count..participants);
            let meetings = i64::from(problem.tables).min(sellers).min(buyers);
            table_limit += meetings;
            interpreter_limit += meetings.min(i64::from(problem.interpreters));
        }
        Relaxation {
            capacity,
            pairs,
            table_limit,
            interpreter_limit,
        }
    }
}

/// One Lagrangian evaluation: the bound value, and the b-matching found with
/// its true weight and how many interpreted pairs it uses.
struct Evaluation {
    value: i64,
    weight: i64,
    interpreted: i64,
    chosen: Vec<u32>,
}

/// Solves the relaxation with interpreted weights lowered by `multiplier`
/// and must-have weights raised by `must_bonus` (zero for the bound itself).
fn evaluate(
    problem: &Instance,
    relaxation: &Relaxation,
    multiplier: i64,
    must_bonus: i64,
    pacer: &mut Pacer,
) -> Option<Evaluation> {
    let participants = problem.participant_count();
    let sellers = 0..problem.seller_count;
    let buyers = problem.seller_count..participants;
    let side_capacity =
        |side: std::ops::Range<usize>| side.map(|at| relaxation.capacity[at]).sum::<i64>();
    // Paths are searched from the tighter side: the other side has slack, so
    // each search ends soon.
    let buyers_are_tighter = side_capacity(buyers.clone()) < side_capacity(sellers.clone());
    let (sources, targets) = if buyers_are_tighter {
        (buyers, sellers)
    } else {
        (sellers, buyers)
    };
    // Node 0 is the sink and node 1 the table limit, so Dijkstra's ties go
    // to them first; participant `p` is node `p + 2`.
    let sink = 0;
    let table_node = 1;
    let node = |participant: usize| participant + 2;
    let mut flow = MinCostFlow::new(participants + 2);
    for source in sources.clone() {
        // Capacity a participant leaves unused drains here at no gain.
        flow.add_arc(node(source), sink, relaxation.capacity[source], 0);
    }
    // The table limit only needs a node of its own when it can bind; a hub
    // node would otherwise widen every search.
    let table_limit_binds = relaxation.table_limit < side_capacity(targets.clone());
    for target in targets {
        let to = if table_limit_binds { table_node } else { sink };
        flow.add_arc(node(target), to, relaxation.capacity[target], 0);
    }
    if table_limit_binds {
        flow.add_arc(table_node, sink, relaxation.table_limit, 0);
    }
    let mut pair_arcs = Vec::new();
    for pair in &relaxation.pairs {
        let weight = pair.weight - if pair.interpreted { multiplier } else { 0 }
            + if pair.must { must_bonus } else { 0 };
        if weight > 0 {
            let (from, to) = if buyers_are_tighter {
                (pair.buyer, pair.seller)
            } else {
                (pair.seller, pair.buyer)
            };
            pair_arcs.push((
                flow.add_arc(node(from as usize), node(to as usize), 1, -weight),
                pair,
            ));
        }
    }
    flow.settle_potentials();
    let mut cost = 0;
    for source in sources {
        let mut left = relaxation.capacity[source];
        while left > 0 {
            if !pacer.tick_with(|| (0.0, 0)) {
                return None;
            }
            match flow.send(node(source), sink, left) {
                Some((units, unit_cost)) if unit_cost < 0 => {
                    cost += units * unit_cost;
                    left -= units;
                }
                // Nothing left worth sending from here.
                _ => break,
            }
        }
    }
    let mut evaluation = Evaluation {
        value: -cost + multiplier * relaxation.interpreter_limit,
        weight: 0,
        interpreted: 0,
        chosen: Vec::new(),
    };
    for (arc, pair) in pair_arcs {
        if flow.flow_on(arc) > 0 {
            evaluation.weight += pair.weight;
            evaluation.interpreted += i64::from(pair.interpreted);
            evaluation.chosen.push(pair.cand);
        }
    }
    Some(evaluation)
}

/// What the multiplier search found.
struct Search {
    /// The lowest `L(λ)` seen: the bound.
    bound: i64,
    /// The λ whose relaxed solution came closest to the interpreter limit.
    hint_multiplier: i64,
    /// That solution's pairs.
    hint: Vec<u32>,
}

/// Minimises `L(λ)` by Kelley's cutting planes in one dimension. `None` if
/// the pacer stopped it.
fn multiplier_search(
    problem: &Instance,
    relaxation: &Relaxation,
    pacer: &mut Pacer,
) -> Option<Search> {
    let limit = relaxation.interpreter_limit;
    let at_zero = evaluate(problem, relaxation, 0, 0, pacer)?;
    if at_zero.interpreted <= limit {
        return Some(Search {
            bound: at_zero.value,
            hint_multiplier: 0,
            hint: at_zero.chosen,
        });
    }
    let heaviest = relaxation
        .pairs
        .iter()
        .filter(|pair| pair.interpreted)
        .map(|pair| pair.weight)
        .max()
        .unwrap_or(0);
    let at_top = evaluate(problem, relaxation, heaviest, 0, pacer)?;
    let mut bound = at_zero.value.min(at_top.value);
    // (λ, L(λ), subgradient limit - interpreted) on each side of the minimum.
    let mut low = (0i64, at_zero.value, limit - at_zero.interpreted);
    let mut high = (heaviest, at_top.value, limit - at_top.interpreted);
    // Closest to the limit, then heaviest: a few pairs over it simply fail
    // to find an interpreter when seated.
    let mut hint = ((high.2, -at_top.weight), heaviest, at_top.chosen);
    for _step in 0..MAX_MULTIPLIER_STEPS {
        if high.0 - low.0 <= 1 || high.2 == 0 {
            break;
        }
        // Where the two tangent lines meet: the lowest L could be.
        let numerator = (high.1 - low.1) as f64 + (low.2 * low.0) as f64 - (high.2 * high.0) as f64;
        let slope_gap = (low.2 - high.2) as f64;
        let meet = ((numerator / slope_gap).round() as i64).clamp(low.0 + 1, high.0 - 1);
        let floor = low.1 as f64 + low.2 as f64 * (meet - low.0) as f64;
        if (bound as f64 - floor) <= CLOSE_ENOUGH * bound as f64 {
            break;
        }
        let here = evaluate(problem, relaxation, meet, 0, pacer)?;
        bound = bound.min(here.value);
        let subgradient = limit - here.interpreted;
        let closeness = (subgradient.abs(), -here.weight);
        if closeness < hint.0 {
            hint = (closeness, meet, here.chosen);
        }
        if subgradient == 0 {
            break;
        }
        if subgradient < 0 {
            low = (meet, here.value, subgradient);
        } else {
            high = (meet, here.value, subgradient);
        }
    }
    Some(Search {
        bound,
        hint_multiplier: hint.1,
        hint: hint.2,
    })
}

/// A bound needing no flow: no side can score more than the sum of each of
/// its participants' best capacity-many candidates, and the event no more
/// than its best table-capacity-many candidates.
fn crude_bound(problem: &Instance, relaxation: &Relaxation) -> i64 {
    let participants = problem.participant_count();
    let mut weights: Vec<Vec<i64>> = vec![Vec::new(); participants];
    for pair in &relaxation.pairs {
        weights[pair.seller as usize].push(pair.weight);
        weights[pair.buyer as usize].push(pair.weight);
    }
    let side_sum = |range: std::ops::Range<usize>| -> i64 {
        range
            .map(|participant| {
                let mut own = weights[participant].clone();
                own.sort_unstable_by(|a, b| b.cmp(a));
                own.iter()
                    .take(relaxation.capacity[participant] as usize)
                    .sum::<i64>()
            })
            .sum()
    };
    let sellers = side_sum(0..problem.seller_count);
    let buyers = side_sum(problem.seller_count..participants);
    let mut all: Vec<i64> = relaxation.pairs.iter().map(|pair| pair.weight).collect();
    all.sort_unstable_by(|a, b| b.cmp(a));
    let overall: i64 = all.iter().take(relaxation.table_limit as usize).sum();
    sellers.min(buyers).min(overall)
}
