//! A bound that needs no flow, computed first so the search never waits on
//! the flow: Lagrangian relaxation of the table and interpreter limits with
//! one side's capacities dropped.
//!
//! For prices `z ≥ 0` on the table limit `T` and `μ ≥ 0` on the interpreter
//! limit `I`, the relaxation (see `relaxation`) with seller capacities
//! dropped becomes, per buyer, "take your best `capacity` pairs at weight
//! `w - z - μ·interpreted`, those above zero", so
//!
//! `L(z, μ) = z·T + μ·I + Σ over buyers of their best capacity-many (w - z - μ·i)⁺`
//!
//! bounds the LP for every `z, μ ≥ 0` (weak duality), and so bounds every
//! slate. For a given `μ` the best `z` is exact: the `T`-th largest of the
//! values taken. `μ` is found by a bisection on the (convex) minimum over
//! `z`. The same holds with the sides swapped; without held-back pairs
//! both sides are tried and the lower bound kept. Held-back pairs (see
//! `dual`) count as `capacity` more pairs of their buyer at its held-back
//! score, needing no interpreter (the most they could add).
//!
//! A few thousand passes over the per-participant lists: milliseconds where
//! the exact flow takes seconds. The prices found also seed the flow (see
//! `bound`), which then needs no table node and searches narrowly.

use super::instance::Instance;
use super::relaxation::Relaxation;

/// Prices are searched to this many score units (a thousandth of a point):
/// finer changes the bound by less than a point in a million.
const PRICE_STEP: i64 = 1_000;

/// The lowest `L(z, μ)` found, and the prices giving it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct LiteBound {
    pub value: i64,
    pub table_price: i64,
    pub interpreter_price: i64,
}

/// Buyers whose held-back pairs beat what they were given at these
/// prices (their capacity-th best pair, or nothing), by how much: more of
/// their candidates could raise the slate and lower the bound.
pub(super) fn starved_buyers(
    problem: &Instance,
    relaxation: &Relaxation,
    prices: &LiteBound,
) -> Vec<(u32, i64)> {
    let mut given: Vec<Vec<i64>> = vec![Vec::new(); problem.participant_count()];
    for pair in &relaxation.pairs {
        let lowered = if pair.interpreted {
            prices.interpreter_price
        } else {
            0
        };
        given[pair.buyer as usize].push(pair.weight - lowered);
    }
    let mut starved = Vec::new();
    for (participant, list) in given.iter_mut().enumerate() {
        let held = problem.held_back[participant];
        let capacity = relaxation.capacity[participant].max(0) as usize;
        if held <= prices.table_price || capacity == 0 {
            continue;
        }
        list.sort_unstable_by(|a, b| b.cmp(a));
        let worst_taken = list.get(capacity - 1).copied().unwrap_or(0);
        if held > worst_taken {
            starved.push((
                participant as u32,
                held - worst_taken.max(prices.table_price),
            ));
        }
    }
    starved
}

/// Per participant of one side: its pair weights without and with an
/// interpreter, best first, and its capacity.
struct SideLists {
    plain: Vec<Vec<i64>>,
    interpreted: Vec<Vec<i64>>,
    capacity: Vec<usize>,
}

pub(super) fn lite_bound(problem: &Instance, relaxation: &Relaxation) -> LiteBound {
    let held_back = problem.held_back.iter().any(|&score| score > 0);
    let buyers = side_lists(problem, relaxation, false);
    let mut best = minimise(&buyers, relaxation);
    // Sellers' held-back pairs are not known one by one (they are counted
    // at their buyers), so the seller side bounds only a full input.
    if !held_back {
        let sellers = side_lists(problem, relaxation, true);
        let other = minimise(&sellers, relaxation);
        if other.value < best.value {
            best = other;
        }
    }
    best
}

fn side_lists(problem: &Instance, relaxation: &Relaxation, sellers: bool) -> SideLists {
    let range = if sellers {
        0..problem.seller_count
    } else {
        problem.seller_count..problem.participant_count()
    };
    let first = range.start;
    let count = range.len();
    let mut plain = vec![Vec::new(); count];
    let mut interpreted = vec![Vec::new(); count];
    for pair in &relaxation.pairs {
        let participant = if sellers { pair.seller } else { pair.buyer } as usize;
        let list = if pair.interpreted {
            &mut interpreted
        } else {
            &mut plain
        };
        list[participant - first].push(pair.weight);
    }
    let capacity: Vec<usize> = range
        .clone()
        .map(|participant| relaxation.capacity[participant].max(0) as usize)
        .collect();
    for (at, participant) in range.enumerate() {
        let held = problem.held_back[participant];
        if held > 0 {
            plain[at].extend(std::iter::repeat_n(held, capacity[at]));
        }
    }
    for list in plain.iter_mut().chain(interpreted.iter_mut()) {
        list.sort_unstable_by(|a, b| b.cmp(a));
    }
    SideLists {
        plain,
        interpreted,
        capacity,
    }
}

/// `min over z of L(z, μ)` and the `z` reaching it.
fn at_interpreter_price(
    side: &SideLists,
    relaxation: &Relaxation,
    price: i64,
    taken: &mut Vec<i64>,
) -> (i64, i64) {
    taken.clear();
    for at in 0..side.capacity.len() {
        // Merge the two best-first lists, interpreted ones lowered by μ.
        let (plain, interpreted) = (&side.plain[at], &side.interpreted[at]);
        let (mut p, mut i) = (0, 0);
        for _ in 0..side.capacity[at] {
            let next_plain = plain.get(p).copied();
            let next_interpreted = interpreted.get(i).map(|w| w - price);
            let value = match (next_plain, next_interpreted) {
                (Some(a), Some(b)) if a >= b => {
                    p += 1;
                    a
                }
                (_, Some(b)) => {
                    i += 1;
                    b
                }
                (Some(a), None) => {
                    p += 1;
                    a
                }
                (None, None) => break,
            };
            if value <= 0 {
                break;
            }
            taken.push(value);
        }
    }
    let limit = relaxation.table_limit.max(0) as usize;
    let table_price = if taken.len() > limit {
        // The limit-th largest: above it, fewer than `limit` values are
        // positive after lowering, so raising z further only adds.
        let (_, &mut nth, _) = taken.select_nth_unstable_by(limit, |a, b| b.cmp(a));
        nth.max(0)
    } else {
        0
    };
    let sum: i64 = taken
        .iter()
        .map(|&value| (value - table_price).max(0))
        .sum();
    (
        sum + table_price * relaxation.table_limit + price * relaxation.interpreter_limit,
        table_price,
    )
}

/// Bisects `μ` on the convex `min over z of L(z, μ)`; every value
/// evaluated is a valid bound, so the lowest seen is kept.
fn minimise(side: &SideLists, relaxation: &Relaxation) -> LiteBound {
    let mut taken = Vec::new();
    let mut best = LiteBound {
        value: i64::MAX,
        table_price: 0,
        interpreter_price: 0,
    };
    let mut evaluate = |price: i64, taken: &mut Vec<i64>| {
        let (value, table_price) = at_interpreter_price(side, relaxation, price, taken);
        if value < best.value {
            best = LiteBound {
                value,
                table_price,
                interpreter_price: price,
            };
        }
        value
    };
    let heaviest = side
        .interpreted
        .iter()
        .filter_map(|list| list.first().copied())
        .max()
        .unwrap_or(0);
    let (mut low, mut high) = (0i64, heaviest.max(0));
    evaluate(low, &mut taken);
    while high - low > 2 * PRICE_STEP {
        let middle = low + (high - low) / 2;
        if evaluate(middle + PRICE_STEP, &mut taken) < evaluate(middle, &mut taken) {
            low = middle;
        } else {
            high = middle + PRICE_STEP;
        }
    }
    evaluate(high, &mut taken);
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::synthetic::{SyntheticSpec, generate};
    use crate::schedule::{Floors, upper_bound};

    #[test]
    fn the_lite_bound_is_never_below_the_exact_one() {
        for seed in 0..4 {
            for spec in [SyntheticSpec::small(seed), SyntheticSpec::medium(seed)] {
                let input = generate(&spec);
                let problem = Instance::new(&input, Floors::default(), 0);
                let relaxation = Relaxation::new(&problem);
                let lite = lite_bound(&problem, &relaxation).value as f64
                    / super::super::instance::SCORE_UNIT;
                let exact = upper_bound(&input);
                assert!(lite + 1e-6 >= exact, "lite {lite} below exact {exact}");
                // Close: sellers' limits matter little on these summits.
                assert!(lite <= exact * 1.05, "lite {lite} far above exact {exact}");
            }
        }
    }
}
