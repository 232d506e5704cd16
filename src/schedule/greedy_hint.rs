//! A relaxed solution without a flow, for when the flow would cost more
//! than its work budget (see `bound`): pairs taken greedily, ignoring
//! slots, under each participant's capacity and the event's table and
//! interpreter limits. Pairs that lift someone towards their floor come
//! first (the coverage tier ranks above score), must-haves before all;
//! within each group by weight at the bound's prices, equal ones in a
//! seeded shuffle. Construction follows it as it follows the flow's.

use super::instance::Instance;
use super::lite::LiteBound;
use super::relaxation::Relaxation;
use super::state::scramble;

pub(super) fn greedy_hint(
    problem: &Instance,
    relaxation: &Relaxation,
    prices: &LiteBound,
) -> Vec<u32> {
    let priced = |at: usize| {
        let pair = &relaxation.pairs[at];
        pair.weight
            - if pair.interpreted {
                prices.interpreter_price
            } else {
                0
            }
    };
    let mut order: Vec<usize> = (0..relaxation.pairs.len()).collect();
    order.sort_by_key(|&at| {
        let pair = &relaxation.pairs[at];
        (
            !pair.must,
            std::cmp::Reverse(priced(at)),
            scramble(pair.cand, problem.salt),
        )
    });
    let mut used = vec![0i64; problem.participant_count()];
    let mut taken = vec![false; relaxation.pairs.len()];
    let mut chosen = Vec::new();
    let mut meetings = 0;
    let mut interpreted = 0;
    // Below its floor with at most `level` meetings: worst-off first.
    let below = |used: &[i64], participant: u32, level: i64| {
        let used = used[participant as usize];
        used <= level && used < i64::from(problem.floor[participant as usize])
    };
    // Level by level (max-min: everyone's first meeting before anyone's
    // second below the floor), pairs lifting both sides, then either;
    // then the rest by weight.
    let top = problem.floor.iter().copied().max().map_or(0, i64::from);
    let passes = (0..top).flat_map(|level| [(level, true), (level, false)]);
    for pass in passes.map(Some).chain([None]) {
        for &at in &order {
            let pair = &relaxation.pairs[at];
            let (seller, buyer) = (pair.seller, pair.buyer);
            let wanted = match pass {
                Some((level, true)) => {
                    pair.must || (below(&used, seller, level) && below(&used, buyer, level))
                }
                Some((level, false)) => below(&used, seller, level) || below(&used, buyer, level),
                None => pair.must || priced(at) > prices.table_price,
            };
            let fits = used[seller as usize] < relaxation.capacity[seller as usize]
                && used[buyer as usize] < relaxation.capacity[buyer as usize]
                && meetings < relaxation.table_limit
                && (!pair.interpreted || interpreted < relaxation.interpreter_limit);
            if taken[at] || !wanted || !fits {
                continue;
            }
            taken[at] = true;
            used[seller as usize] += 1;
            used[buyer as usize] += 1;
            meetings += 1;
            interpreted += i64::from(pair.interpreted);
            chosen.push(pair.cand);
        }
    }
    chosen
}
