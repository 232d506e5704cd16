//! The exact LP bound: the interpreter limit's best Lagrange multiplier,
//! found by Kelley's cutting planes in one dimension, each step one flow
//! with the table limit held by a node of its own (see `bound`).

use super::BoundKind;
use super::bound::{
    BoundResult, Evaluation, FLOW_PAIRS, Hint, Weights, Work, evaluate, hint, most_starved,
};
use super::instance::{Instance, SCORE_UNIT};
use super::pacer::Pacer;
use super::relaxation::Relaxation;

/// Cutting-plane steps at most; each solves one flow.
const MAX_MULTIPLIER_STEPS: usize = 12;
/// Stop once the bound is provably within this share of the best λ's.
const CLOSE_ENOUGH: f64 = 2e-5;

/// The exact bound and its hint may scan this many arcs (their own count,
/// spent before the priced bound's), else the priced bound is used.
const EXACT_WORK: u64 = 60_000_000;

/// What the multiplier search found.
pub(super) struct Search {
    /// The lowest `L(λ)` seen: the bound.
    pub value: i64,
    /// Buyers whose held-back pairs raised the bound at that λ.
    pub starved: Vec<(u32, i64)>,
    /// The λ whose relaxed solution came closest to the interpreter limit
    /// (then heaviest): the price a hint for construction is solved at.
    pub hint_price: i64,
    /// That solution's pairs.
    pub hint: Vec<u32>,
}

/// Minimises `L(λ)` by Kelley's cutting planes in one dimension. `None` if
/// the pacer stopped it or `work` ran out.
pub(super) fn multiplier_search(
    problem: &Instance,
    relaxation: &Relaxation,
    pacer: &mut Pacer,
    work: &mut Work,
) -> Option<Search> {
    let at = |multiplier: i64| Weights {
        interpreter_price: multiplier,
        ..Weights::default()
    };
    let limit = relaxation.interpreter_limit;
    let at_zero = evaluate(problem, relaxation, at(0), true, pacer, work)?;
    if at_zero.interpreted <= limit {
        return Some(Search {
            value: at_zero.value,
            starved: at_zero.starved,
            hint_price: 0,
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
    let at_top = evaluate(problem, relaxation, at(heaviest), true, pacer, work)?;
    // (λ, L(λ), subgradient limit - interpreted) on each side of the minimum.
    let mut low = (0i64, at_zero.value, limit - at_zero.interpreted);
    let mut high = (heaviest, at_top.value, limit - at_top.interpreted);
    let mut search = Search {
        value: at_top.value,
        starved: at_top.starved.clone(),
        hint_price: heaviest,
        hint: at_top.chosen.clone(),
    };
    // Closest to the limit, then heaviest: a few pairs over it simply fail
    // to find an interpreter when seated.
    let closeness = |here: &Evaluation| ((limit - here.interpreted).abs(), -here.weight);
    let mut closest = closeness(&at_top);
    search.keep_lower(at_zero);
    for _step in 0..MAX_MULTIPLIER_STEPS {
        if high.0 - low.0 <= 1 || high.2 == 0 {
            break;
        }
        // Where the two tangent lines meet: the lowest L could be.
        let numerator = (high.1 - low.1) as f64 + (low.2 * low.0) as f64 - (high.2 * high.0) as f64;
        let slope_gap = (low.2 - high.2) as f64;
        let meet = ((numerator / slope_gap).round() as i64).clamp(low.0 + 1, high.0 - 1);
        let floor = low.1 as f64 + low.2 as f64 * (meet - low.0) as f64;
        if (search.value as f64 - floor) <= CLOSE_ENOUGH * search.value as f64 {
            break;
        }
        let here = evaluate(problem, relaxation, at(meet), true, pacer, work)?;
        let subgradient = limit - here.interpreted;
        let step = (meet, here.value, subgradient);
        if closeness(&here) < closest {
            closest = closeness(&here);
            search.hint_price = meet;
            search.hint.clone_from(&here.chosen);
        }
        search.keep_lower(here);
        if subgradient == 0 {
            break;
        }
        if subgradient < 0 {
            low = step;
        } else {
            high = step;
        }
    }
    Some(search)
}

impl Search {
    /// Takes `here`'s value (and starved buyers) when it is a lower bound.
    fn keep_lower(&mut self, here: Evaluation) {
        if here.value < self.value {
            self.value = here.value;
            self.starved = here.starved;
        }
    }
}

/// The exact LP bound and a hint at its interpreter price, when both fit
/// in their own counted budget (`EXACT_WORK`): on small and mid-sized
/// summits the priced bound can be several percent looser, and its hint
/// (no table node) gives a weaker start.
pub(super) fn exact_within_budget(
    problem: &Instance,
    relaxation: &Relaxation,
    pacer: &mut Pacer,
) -> Option<BoundResult> {
    if relaxation.pairs.len() > FLOW_PAIRS {
        return None;
    }
    let mut work = Work { left: EXACT_WORK };
    let search = multiplier_search(problem, relaxation, pacer, &mut work)?;
    let at_hint = Weights {
        interpreter_price: search.hint_price,
        ..Weights::default()
    };
    let chosen = match hint(problem, relaxation, at_hint, true, pacer, &mut work) {
        Hint::Unneeded => search.hint,
        Hint::Found(chosen) => chosen,
        Hint::OutOfWork => return None,
    };
    Some(BoundResult {
        value: search.value as f64 / SCORE_UNIT,
        // Held-back pairs enter only through the dual prices: the value
        // bounds the LP from above but is not the LP itself.
        kind: if problem.held_back.iter().any(|&score| score > 0) {
            BoundKind::ExactHeldBack
        } else {
            BoundKind::Exact
        },
        chosen,
        starved: most_starved(search.starved),
        truncated: false,
    })
}
