//! Plausible wishes for synthetic summits (tests and benchmarks): about a
//! third of each side wishes for 3 to 6 of its best-fitting candidates,
//! some sellers answer the buyers who wished for them (mutual wishes), and
//! a few ask to avoid one. Deterministic for a seed.

use std::collections::HashMap;

use rand::seq::SliceRandom;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::{PairWish, WishIndex};

/// Wishes over `candidates`, given as (seller, buyer, score).
pub fn synthetic_wishes(candidates: &[(usize, usize, f64)], seed: u64) -> WishIndex {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut by_buyer: HashMap<usize, Vec<(f64, usize)>> = HashMap::new();
    let mut by_seller: HashMap<usize, Vec<(f64, usize)>> = HashMap::new();
    for &(s, b, score) in candidates {
        by_buyer.entry(b).or_default().push((score, s));
        by_seller.entry(s).or_default().push((score, b));
    }
    let mut pairs: HashMap<(usize, usize), PairWish> = HashMap::new();
    let mut wished_by: HashMap<usize, Vec<usize>> = HashMap::new();
    for (b, list) in sorted(by_buyer) {
        if !rng.random_bool(1.0 / 3.0) {
            continue;
        }
        for (rank, s) in pick(&mut rng, &list).into_iter().enumerate() {
            pairs.entry((s, b)).or_default().buyer_rank = Some(rank as u32 + 1);
            wished_by.entry(s).or_default().push(b);
        }
        if rng.random_bool(0.1)
            && let Some(&(_, s)) = list.get(rng.random_range(0..list.len()))
        {
            let wish = pairs.entry((s, b)).or_default();
            wish.buyer_avoids = wish.buyer_rank.is_none();
        }
    }
    for (s, list) in sorted(by_seller) {
        if !rng.random_bool(1.0 / 3.0) {
            continue;
        }
        // Half of the buyers who asked for this seller are asked back.
        let mut chosen: Vec<usize> = wished_by
            .get(&s)
            .map(|bs| {
                bs.iter()
                    .copied()
                    .filter(|_| rng.random_bool(0.5))
                    .collect()
            })
            .unwrap_or_default();
        chosen.truncate(3);
        for b in pick(&mut rng, &list) {
            if chosen.len() < 6 && !chosen.contains(&b) {
                chosen.push(b);
            }
        }
        for (rank, b) in chosen.into_iter().enumerate() {
            pairs.entry((s, b)).or_default().seller_rank = Some(rank as u32 + 1);
        }
        if rng.random_bool(0.1)
            && let Some(&(_, b)) = list.get(rng.random_range(0..list.len()))
        {
            let wish = pairs.entry((s, b)).or_default();
            wish.seller_avoids = wish.seller_rank.is_none();
        }
    }
    WishIndex::from_pairs(pairs)
}

/// Participants in index order, each with its candidates best first.
fn sorted(map: HashMap<usize, Vec<(f64, usize)>>) -> Vec<(usize, Vec<(f64, usize)>)> {
    let mut all: Vec<_> = map.into_iter().collect();
    all.sort_unstable_by_key(|(p, _)| *p);
    for (_, list) in &mut all {
        list.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    }
    all
}

/// 3 to 6 of the 12 best, most wanted roughly first (the top two swapped at
/// times: people want whom they want, not the best fit).
fn pick(rng: &mut ChaCha8Rng, list: &[(f64, usize)]) -> Vec<usize> {
    let top: Vec<usize> = list.iter().take(12).map(|&(_, p)| p).collect();
    let n = rng.random_range(3..=6).min(top.len());
    let mut positions: Vec<usize> = (0..top.len()).collect();
    positions.shuffle(rng);
    positions.truncate(n);
    positions.sort_unstable();
    if n > 2 && rng.random_bool(0.4) {
        positions.swap(0, 1);
    }
    positions.into_iter().map(|i| top[i]).collect()
}
