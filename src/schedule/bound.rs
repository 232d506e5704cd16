//! An upper bound on the total score of any slate.
//!
//! Relaxation: forget which slot each meeting takes, keep everything else
//! that can be counted. Each participant meets at most
//! `min(max_meetings, slots it could use)` times; only pairs with a common
//! free slot can meet; all meetings together fit in
//! `sum over slots of min(tables, sellers free, buyers free)`; interpreted
//! meetings fit in `sum over slots of min(interpreters, that)`. Without the
//! two event-wide limits this is a maximum-weight b-matching, solved exactly
//! as a min-cost flow. The limits are moved into the objective with Lagrange
//! multipliers (prices): every price pair `z, μ ≥ 0` gives a valid bound
//! `L(z, μ) = best b-matching with weights lowered by z (and by μ when
//! interpreted) + z × table limit + μ × interpreter limit`.
//!
//! A run (`bound_for`) never waits on an exact solution: it prices the
//! limits without any flow first (`lite`: milliseconds, always finishes),
//! then solves one b-matching at those prices, with no table node, so every
//! search stays near its start. That flow's value (or, with held-back pairs,
//! its dual prices, see `dual`) is the bound the run reports
//! ([`BoundKind::Lagrangian`]); its solution is the hint construction
//! follows. The flow has a work budget counted in arcs scanned, so whether
//! it finishes never depends on the machine's load; if it does not, the
//! priced bound stands ([`BoundKind::Lite`]) and the run says so.
//!
//! [`upper_bound`] solves the LP exactly instead: a table node holds the
//! table limit in the flow, and a few cutting-plane steps (`multiplier`)
//! find the interpreter price minimising the convex `L`.

use std::ops::ControlFlow;
use std::time::Duration;

use super::dual::Prices;
use super::flow::MinCostFlow;
use super::greedy_hint::greedy_hint;
use super::instance::{Instance, SCORE_UNIT};
use super::lite::{lite_bound, starved_buyers};
use super::multiplier::{exact_within_budget, multiplier_search};
use super::pacer::Pacer;
use super::relaxation::Relaxation;
use super::{BoundKind, Progress, ScheduleInput};

/// The run's flows (bound and hint) may scan this many arcs together,
/// about half a second on one core: a count, not a clock, so the same
/// instance always ends the same way. Past it the priced bound and a
/// greedy relaxed solution stand in.
const FLOW_WORK: u64 = 40_000_000;
/// Relaxations with more pairs than this do not try the flow: with ties
/// (many pairs at equal scores) its searches grow wide, and 145,000 pairs
/// took about 115 million arc scans, far past `FLOW_WORK`.
pub(super) const FLOW_PAIRS: usize = 60_000;

/// An upper bound on the total score of every slate that obeys the hard
/// rules (ignoring must-haves, which only make the bound looser): the LP
/// relaxation solved exactly, however long that takes.
pub fn upper_bound(input: &ScheduleInput) -> f64 {
    let problem = Instance::new(input, super::Floors::default(), 0);
    let mut never_stop = |_: &Progress| ControlFlow::Continue(());
    let mut pacer = Pacer::new(Duration::MAX, &mut never_stop);
    let relaxation = Relaxation::new(&problem);
    let mut work = Work::unlimited();
    multiplier_search(&problem, &relaxation, &mut pacer, &mut work)
        .map_or(f64::INFINITY, |search| search.value as f64 / SCORE_UNIT)
}

/// The bound, and the pairs of a relaxed solution near the interpreter
/// limit that holds the must-haves: a strong hint for which pairs a slate
/// should hold.
#[derive(Debug, Clone, Default)]
pub(super) struct BoundResult {
    pub value: f64,
    pub kind: BoundKind,
    pub chosen: Vec<u32>,
    /// Buyers (participant index) whose held-back pairs the bound had to
    /// allow for, most allowance first: fetching more of their candidates
    /// can tighten the bound and improve the slate.
    pub starved: Vec<u32>,
    /// Whether the flow ran out of work or time (then `value` is the
    /// priced one and there is no hint).
    pub truncated: bool,
}

/// Arcs the flows may still scan.
pub(super) struct Work {
    pub left: u64,
}

impl Work {
    pub fn unlimited() -> Self {
        Work { left: u64::MAX }
    }

    fn for_relaxation(relaxation: &Relaxation) -> Self {
        Work {
            left: if relaxation.pairs.len() > FLOW_PAIRS {
                0
            } else {
                FLOW_WORK
            },
        }
    }
}

/// What the pair weights are lowered and raised by in one flow.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Weights {
    /// `z`: the price of a table-slot.
    pub table_price: i64,
    /// `μ`: the price of an interpreter place.
    pub interpreter_price: i64,
    /// Added to must-haves (for the hint).
    pub must_bonus: i64,
    /// Added to each participant's first `floor` meetings (for the hint).
    pub coverage_bonus: i64,
}

pub(super) fn bound_for(problem: &Instance, pacer: &mut Pacer) -> BoundResult {
    let relaxation = Relaxation::new(problem);
    if let Some(exact) = exact_within_budget(problem, &relaxation, pacer) {
        return exact;
    }
    let lite = lite_bound(problem, &relaxation);
    let mut work = Work::for_relaxation(&relaxation);
    let priced = Weights {
        table_price: lite.table_price,
        interpreter_price: lite.interpreter_price,
        ..Weights::default()
    };
    let flowed = evaluate(problem, &relaxation, priced, false, pacer, &mut work).and_then(|at| {
        let chosen = match hint(problem, &relaxation, priced, false, pacer, &mut work) {
            Hint::Unneeded => Some(at.chosen.clone()),
            Hint::Found(chosen) => Some(chosen),
            Hint::OutOfWork => None,
        }?;
        Some((at, chosen))
    });
    let Some((at_prices, chosen)) = flowed else {
        // Too big a flow for this run: the priced bound stands, and a
        // greedy relaxed solution stands in for the flow's.
        return BoundResult {
            value: lite.value as f64 / SCORE_UNIT,
            kind: BoundKind::Lite,
            chosen: greedy_hint(problem, &relaxation, &lite),
            starved: most_starved(starved_buyers(problem, &relaxation, &lite)),
            // Provisional only if the clock or the caller cut the flow
            // short: out of work, the same instance always ends here.
            truncated: pacer.stopped() || pacer.bound_over(),
        };
    };
    let (value, kind) = if at_prices.value <= lite.value {
        (at_prices.value, BoundKind::Lagrangian)
    } else {
        (lite.value, BoundKind::Lite)
    };
    BoundResult {
        value: value as f64 / SCORE_UNIT,
        kind,
        chosen,
        starved: most_starved(at_prices.starved),
        truncated: false,
    }
}

pub(super) fn most_starved(mut starved: Vec<(u32, i64)>) -> Vec<u32> {
    starved.sort_by_key(|&(buyer, allowance)| (std::cmp::Reverse(allowance), buyer));
    starved.into_iter().map(|(buyer, _)| buyer).collect()
}

pub(super) enum Hint {
    /// No bonus needed: the bound's own solution serves.
    Unneeded,
    Found(Vec<u32>),
    OutOfWork,
}

/// The relaxed solution construction follows. It must hold the must-haves
/// (seated first) and reach the floors (the coverage tier comes before
/// score), so it is solved again with bonuses: must-haves above all other
/// weights together, a floor meeting above any one pair's score.
pub(super) fn hint(
    problem: &Instance,
    relaxation: &Relaxation,
    prices: Weights,
    table_node: bool,
    pacer: &mut Pacer,
    work: &mut Work,
) -> Hint {
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
    if must_bonus == 0 && coverage_bonus == 0 {
        return Hint::Unneeded;
    }
    let weights = Weights {
        must_bonus,
        coverage_bonus,
        ..prices
    };
    evaluate(problem, relaxation, weights, table_node, pacer, work)
        .map_or(Hint::OutOfWork, |forced| Hint::Found(forced.chosen))
}

/// One Lagrangian evaluation: the bound value, and the b-matching found
/// with how many interpreted pairs it uses.
pub(super) struct Evaluation {
    pub value: i64,
    /// Buyers whose held-back pairs raised `value`, by how much.
    pub starved: Vec<(u32, i64)>,
    pub interpreted: i64,
    /// The chosen pairs' weights together.
    pub weight: i64,
    pub chosen: Vec<u32>,
}

/// Solves the relaxation with pair weights changed by `weights`: lowered
/// by the prices, must-haves raised by `must_bonus`, and each
/// participant's first `floor` meetings worth `coverage_bonus` more (both
/// zero for the bound itself; then `value` is a bound, else meaningless).
/// With `table_node` the table limit is held exactly by a node of its own
/// (where it can bind); without, only its price stands for it. `None` if
/// the pacer stopped it or `work` ran out.
pub(super) fn evaluate(
    problem: &Instance,
    relaxation: &Relaxation,
    weights: Weights,
    table_node: bool,
    pacer: &mut Pacer,
    work: &mut Work,
) -> Option<Evaluation> {
    let Weights {
        table_price,
        interpreter_price: multiplier,
        must_bonus,
        coverage_bonus,
    } = weights;
    if work.left == 0 {
        return None;
    }
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
    let table_hub = 1;
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
    // The table limit only needs a node of its own when it can bind (it
    // cannot when either side's capacity is below it); a hub node would
    // otherwise widen every search.
    let table_limit_binds = table_node
        && relaxation.table_limit < side_capacity(targets.clone())
        && relaxation.table_limit < side_capacity(sources.clone());
    for target in targets {
        let to = if table_limit_binds { table_hub } else { sink };
        bonus_arcs(&mut flow, node(target), to, target);
    }
    if table_limit_binds {
        flow.add_arc(table_hub, sink, relaxation.table_limit, 0);
    }
    let mut pair_arcs = Vec::new();
    for pair in &relaxation.pairs {
        let weight = pair.weight - table_price - if pair.interpreted { multiplier } else { 0 }
            + if pair.must { must_bonus } else { 0 };
        // With a coverage bonus a pair may be worth seating for a floor
        // even at a loss.
        if weight > 0 || (coverage_bonus > 0 && weight + 2 * coverage_bonus > 0) {
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
            if flow.work() > work.left || !pacer.tick_with(|| (0.0, 0)) {
                work.left = work.left.saturating_sub(flow.work());
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
    work.left = work.left.saturating_sub(flow.work());
    let priced = Prices {
        flow: &flow,
        sink,
        table_node: table_limit_binds.then_some(table_hub),
        table_price,
        buyers_are_tighter,
        seller_count: problem.seller_count,
    };
    let limits = multiplier * relaxation.interpreter_limit + table_price * relaxation.table_limit;
    let (value, starved) = if coverage_bonus > 0 {
        (0, Vec::new())
    } else if problem.held_back.iter().any(|&score| score > 0) {
        let (dual, starved) = priced.dual_bound(problem, relaxation, multiplier, must_bonus);
        (dual + limits, starved)
    } else {
        (-cost + limits, Vec::new())
    };
    let mut evaluation = Evaluation {
        value,
        starved,
        interpreted: 0,
        weight: 0,
        chosen: Vec::new(),
    };
    for (arc, pair) in pair_arcs {
        if flow.flow_on(arc) > 0 {
            evaluation.interpreted += i64::from(pair.interpreted);
            evaluation.weight += pair.weight;
            evaluation.chosen.push(pair.cand);
        }
    }
    Some(evaluation)
}
