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

use super::dual::Prices;
use super::flow::MinCostFlow;
use super::instance::{Instance, SCORE_UNIT};
use super::pacer::Pacer;
use super::relaxation::{Relaxation, crude_bound};
use super::{Progress, ScheduleInput};

/// Cutting-plane steps at most; each solves one flow.
const MAX_MULTIPLIER_STEPS: usize = 12;
/// Stop once the bound is provably within this share of the best λ's.
const CLOSE_ENOUGH: f64 = 2e-5;

/// An upper bound on the total score of every slate that obeys the hard
/// rules (ignoring must-haves, which only make the bound looser).
pub fn upper_bound(input: &ScheduleInput) -> f64 {
    let problem = Instance::new(input, super::Floors::default(), 0);
    let mut never_stop = |_: &Progress| ControlFlow::Continue(());
    let mut pacer = Pacer::new(Duration::MAX, &mut never_stop);
    bound_for(&problem, &mut pacer).value
}

/// The bound, and the pairs of a relaxed solution near the interpreter
/// limit that holds the must-haves: a strong hint for which pairs a slate
/// should hold.
#[derive(Debug, Clone, Default)]
pub(super) struct BoundResult {
    pub value: f64,
    pub chosen: Vec<u32>,
    /// Buyers (participant index) whose held-back pairs the bound had to
    /// allow for, most allowance first: fetching more of their candidates
    /// can tighten the bound and improve the slate.
    pub starved: Vec<u32>,
    /// Whether the pacer cut the bound short (then `value` is the crude one).
    pub truncated: bool,
}

pub(super) fn bound_for(problem: &Instance, pacer: &mut Pacer) -> BoundResult {
    let relaxation = Relaxation::new(problem);
    let Some(search) = multiplier_search(problem, &relaxation, pacer) else {
        return BoundResult {
            value: crude_bound(problem, &relaxation) as f64 / SCORE_UNIT,
            truncated: true,
            ..BoundResult::default()
        };
    };
    let value = search.bound as f64 / SCORE_UNIT;
    let starved = search.starved.clone();
    // The hint is what construction follows: it must hold the must-haves
    // (seated first) and reach the floors (the coverage tier comes before
    // score), so it is solved again with bonuses: must-haves above all
    // other weights together, a floor meeting above any one pair's score.
    let coverage_bonus = if problem.floor.iter().any(|&floor| floor > 0) {
        101 * SCORE_UNIT as i64
    } else {
        0
    };
    let has_musts = relaxation.pairs.iter().any(|pair| pair.must);
    let must_bonus = if has_musts {
        1 + relaxation
            .pairs
            .iter()
            .map(|pair| pair.weight + coverage_bonus)
            .sum::<i64>()
    } else {
        0
    };
    let chosen = if must_bonus > 0 || coverage_bonus > 0 {
        evaluate(
            problem,
            &relaxation,
            search.hint_multiplier,
            must_bonus,
            coverage_bonus,
            pacer,
        )
        .map(|forced| forced.chosen)
        .unwrap_or(search.hint)
    } else {
        search.hint
    };
    BoundResult {
        value,
        chosen,
        starved,
        truncated: false,
    }
}

/// One Lagrangian evaluation: the bound value, and the b-matching found with
/// its true weight and how many interpreted pairs it uses.
struct Evaluation {
    value: i64,
    /// Buyers whose held-back pairs raised `value`, by how much.
    starved: Vec<(u32, i64)>,
    weight: i64,
    interpreted: i64,
    chosen: Vec<u32>,
}

/// Solves the relaxation with interpreted weights lowered by `multiplier`
/// and must-have weights raised by `must_bonus`, and each participant's
/// first `floor` meetings worth `coverage_bonus` more (both zero for the
/// bound itself; then `value` is a bound, else meaningless).
fn evaluate(
    problem: &Instance,
    relaxation: &Relaxation,
    multiplier: i64,
    must_bonus: i64,
    coverage_bonus: i64,
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
    // to them first; participant `p` is node `p + 2`. With a coverage bonus,
    // each source `p` also has an entry node `participants + 2 + p`.
    let sink = 0;
    let table_node = 1;
    let node = |participant: usize| participant + 2;
    let entry = |participant: usize| {
        if coverage_bonus > 0 {
            participants + 2 + participant
        } else {
            node(participant)
        }
    };
    let nodes = participants + 2 + if coverage_bonus > 0 { participants } else { 0 };
    let mut flow = MinCostFlow::new(nodes);
    // A participant's first `floor` meetings earn the coverage bonus.
    let bonus_arcs = |flow: &mut MinCostFlow, from: usize, to: usize, participant: usize| {
        let capacity = relaxation.capacity[participant];
        let floor = i64::from(problem.floor[participant]).min(capacity);
        if coverage_bonus > 0 && floor > 0 {
            flow.add_arc(from, to, floor, -coverage_bonus);
            flow.add_arc(from, to, capacity - floor, 0);
        } else {
            flow.add_arc(from, to, capacity, 0);
        }
    };
    for source in sources.clone() {
        if coverage_bonus > 0 {
            bonus_arcs(&mut flow, entry(source), node(source), source);
        }
        // Capacity a participant leaves unused drains here at no gain.
        flow.add_arc(entry(source), sink, relaxation.capacity[source], 0);
    }
    // The table limit only needs a node of its own when it can bind; a hub
    // node would otherwise widen every search.
    let table_limit_binds = relaxation.table_limit < side_capacity(targets.clone());
    for target in targets {
        let to = if table_limit_binds { table_node } else { sink };
        bonus_arcs(&mut flow, node(target), to, target);
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
            match flow.send(entry(source), sink, left) {
                Some((units, unit_cost)) if unit_cost < 0 => {
                    cost += units * unit_cost;
                    left -= units;
                }
                // Nothing left worth sending from here.
                _ => break,
            }
        }
    }
    let priced = Prices {
        flow: &flow,
        sink,
        table_node: table_limit_binds.then_some(table_node),
        buyers_are_tighter,
        seller_count: problem.seller_count,
    };
    let (value, starved) = if coverage_bonus > 0 {
        (0, Vec::new())
    } else if problem.held_back.iter().any(|&score| score > 0) {
        let (dual, starved) = priced.dual_bound(problem, relaxation, multiplier, must_bonus);
        (dual + multiplier * relaxation.interpreter_limit, starved)
    } else {
        (
            -cost + multiplier * relaxation.interpreter_limit,
            Vec::new(),
        )
    };
    let mut evaluation = Evaluation {
        value,
        starved,
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
    /// The starved buyers at the λ giving the bound, most allowance first.
    starved: Vec<u32>,
}

fn most_starved(mut starved: Vec<(u32, i64)>) -> Vec<u32> {
    starved.sort_by_key(|&(buyer, allowance)| (std::cmp::Reverse(allowance), buyer));
    starved.into_iter().map(|(buyer, _)| buyer).collect()
}

/// Minimises `L(λ)` by Kelley's cutting planes in one dimension. `None` if
/// the pacer stopped it.
fn multiplier_search(
    problem: &Instance,
    relaxation: &Relaxation,
    pacer: &mut Pacer,
) -> Option<Search> {
    let limit = relaxation.interpreter_limit;
    let at_zero = evaluate(problem, relaxation, 0, 0, 0, pacer)?;
    if at_zero.interpreted <= limit {
        return Some(Search {
            bound: at_zero.value,
            hint_multiplier: 0,
            hint: at_zero.chosen,
            starved: most_starved(at_zero.starved),
        });
    }
    let heaviest = relaxation
        .pairs
        .iter()
        .filter(|pair| pair.interpreted)
        .map(|pair| pair.weight)
        .max()
        .unwrap_or(0);
    let at_top = evaluate(problem, relaxation, heaviest, 0, 0, pacer)?;
    let (mut bound, mut starved) = if at_zero.value <= at_top.value {
        (at_zero.value, at_zero.starved)
    } else {
        (at_top.value, at_top.starved.clone())
    };
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
        let here = evaluate(problem, relaxation, meet, 0, 0, pacer)?;
        if here.value < bound {
            bound = here.value;
            starved.clone_from(&here.starved);
        }
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
        starved: most_starved(starved),
    })
}
