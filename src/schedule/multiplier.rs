//! The exact LP bound: the interpreter limit's best Lagrange multiplier,
//! found by Kelley's cutting planes in one dimension, each step one flow
//! with the table limit held by a node of its own (see `bound`).

use super::bound::{Weights, Work, evaluate};
use super::instance::Instance;
use super::pacer::Pacer;
use super::relaxation::Relaxation;

/// Cutting-plane steps at most; each solves one flow.
const MAX_MULTIPLIER_STEPS: usize = 12;
/// Stop once the bound is provably within this share of the best λ's.
const CLOSE_ENOUGH: f64 = 2e-5;

/// Minimises `L(λ)` by Kelley's cutting planes in one dimension: the
/// lowest `L(λ)` seen. `None` if the pacer stopped it or `work` ran out.
pub(super) fn multiplier_search(
    problem: &Instance,
    relaxation: &Relaxation,
    pacer: &mut Pacer,
    work: &mut Work,
) -> Option<i64> {
    let at = |multiplier: i64| Weights {
        interpreter_price: multiplier,
        ..Weights::default()
    };
    let limit = relaxation.interpreter_limit;
    let at_zero = evaluate(problem, relaxation, at(0), true, pacer, work)?;
    if at_zero.interpreted <= limit {
        return Some(at_zero.value);
    }
    let heaviest = relaxation
        .pairs
        .iter()
        .filter(|pair| pair.interpreted)
        .map(|pair| pair.weight)
        .max()
        .unwrap_or(0);
    let at_top = evaluate(problem, relaxation, at(heaviest), true, pacer, work)?;
    let mut bound = at_zero.value.min(at_top.value);
    // (λ, L(λ), subgradient limit - interpreted) on each side of the minimum.
    let mut low = (0i64, at_zero.value, limit - at_zero.interpreted);
    let mut high = (heaviest, at_top.value, limit - at_top.interpreted);
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
        let here = evaluate(problem, relaxation, at(meet), true, pacer, work)?;
        bound = bound.min(here.value);
        let subgradient = limit - here.interpreted;
        if subgradient == 0 {
            break;
        }
        if subgradient < 0 {
            low = (meet, here.value, subgradient);
        } else {
            high = (meet, here.value, subgradient);
        }
    }
    Some(bound)
}
