//! Synthetic summits for benchmarks and tests, deterministic by seed: sellers
//! with an appeal, buyer-seller fit, each buyer's best sellers as candidates,
//! language-driven interpreter needs, some partial availability, a few
//! accepted and locked pairs.

use std::ops::RangeInclusive;

use jiff::SignedDuration;
use jiff::civil::{Date, Time, date, time};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::model::Slot;

use super::{Pair, PairStatus, Participant, ScheduleInput};

const FIRST_DAY: Date = date(2026, 5, 12);
const DAY_START: Time = time(9, 0, 0, 0);
const SLOT_MINUTES: i64 = 20;

#[derive(Debug, Clone, PartialEq)]
pub struct SyntheticSpec {
    pub sellers: usize,
    pub buyers: usize,
    pub days: usize,
    pub slots_per_day: usize,
    pub tables: u32,
    pub interpreters: u32,
    /// Each buyer's best this-many sellers become candidates.
    pub candidates_per_buyer: usize,
    pub max_meetings: RangeInclusive<u32>,
    /// Share of sellers who speak Chinese and of buyers who speak English; a
    /// pair where neither holds needs an interpreter.
    pub sellers_speaking_chinese: f64,
    pub buyers_speaking_english: f64,
    /// Share of participants away for a block of a few slots.
    pub partly_away: f64,
    /// Share of candidates staff accepted.
    pub accepted: f64,
    /// Candidates locked at a random slot and table (some may clash).
    pub locked: usize,
    pub good_score: f64,
    pub seed: u64,
}

impl SyntheticSpec {
    /// About 90 sellers, 60 buyers, 39 slots, 40 tables, 1,500 candidates.
    pub fn medium(seed: u64) -> Self {
        SyntheticSpec {
            sellers: 90,
            buyers: 60,
            days: 3,
            slots_per_day: 13,
            tables: 40,
            interpreters: 6,
            candidates_per_buyer: 25,
            max_meetings: 8..=12,
            sellers_speaking_chinese: 0.3,
            buyers_speaking_english: 0.57,
            partly_away: 0.15,
            accepted: 0.02,
            locked: 4,
            good_score: 85.0,
            seed,
        }
    }

    /// A small, tight one-day summit: 40 sellers, 30 buyers, 13 slots, only
    /// 8 tables for about 360 candidates (small enough for deep moves).
    pub fn small(seed: u64) -> Self {
        SyntheticSpec {
            sellers: 40,
            buyers: 30,
            days: 1,
            tables: 8,
            interpreters: 2,
            candidates_per_buyer: 12,
            accepted: 0.1,
            locked: 3,
            ..SyntheticSpec::medium(seed)
        }
    }

    /// 2,000 sellers, 500 buyers, 39 slots, 150 tables, 6 interpreters,
    /// each buyer's top 40 sellers (about 20,000 candidates, 30% needing an
    /// interpreter), max_meetings 8 to 12.
    pub fn large(seed: u64) -> Self {
        SyntheticSpec {
            sellers: 2000,
            buyers: 500,
            tables: 150,
            candidates_per_buyer: 40,
            accepted: 0.005,
            locked: 20,
            ..SyntheticSpec::medium(seed)
        }
    }
}

/// A share as a probability: clamped to 0..=1, NaN as 0.
fn chance(share: f64) -> f64 {
    if share.is_nan() {
        0.0
    } else {
        share.clamp(0.0, 1.0)
    }
}

pub fn generate(spec: &SyntheticSpec) -> ScheduleInput {
    let mut rng = ChaCha8Rng::seed_from_u64(spec.seed);
    let (fewest, most) = (*spec.max_meetings.start(), *spec.max_meetings.end());
    let max_meetings = fewest..=most.max(fewest);
    let slot_count = spec.days * spec.slots_per_day;
    let slots: Vec<Slot> = (0..slot_count)
        .map(|index| {
            let day = index / spec.slots_per_day;
            let start = DAY_START.saturating_add(SignedDuration::from_mins(
                SLOT_MINUTES * (index % spec.slots_per_day) as i64,
            ));
            Slot {
                index,
                day,
                date: FIRST_DAY.saturating_add(SignedDuration::from_hours(24 * day as i64)),
                start,
                end: start.saturating_add(SignedDuration::from_mins(SLOT_MINUTES)),
            }
        })
        .collect();
    let participant = |prefix: char, number: usize, rng: &mut ChaCha8Rng| {
        let mut available = vec![true; slot_count];
        if rng.random_bool(chance(spec.partly_away)) && slot_count > 0 {
            let length = rng.random_range(3..=8).min(slot_count);
            let start = rng.random_range(0..=slot_count - length);
            available[start..start + length].fill(false);
        }
        Participant {
            name: format!("{prefix}{:04}", number + 1),
            max_meetings: rng.random_range(max_meetings.clone()),
            available,
        }
    };
    let sellers: Vec<Participant> = (0..spec.sellers)
        .map(|n| participant('S', n, &mut rng))
        .collect();
    let buyers: Vec<Participant> = (0..spec.buyers)
        .map(|n| participant('B', n, &mut rng))
        .collect();
    let appeal: Vec<f64> = (0..spec.sellers).map(|_| rng.random::<f64>()).collect();
    let speaks_chinese: Vec<bool> = (0..spec.sellers)
        .map(|_| rng.random_bool(chance(spec.sellers_speaking_chinese)))
        .collect();
    let mut pairs = Vec::new();
    for buyer in 0..spec.buyers {
        let speaks_english = rng.random_bool(chance(spec.buyers_speaking_english));
        let mut fits: Vec<(f64, usize)> = (0..spec.sellers)
            .map(|seller| (0.3 * appeal[seller] + 0.7 * rng.random::<f64>(), seller))
            .collect();
        fits.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        for &(fit, seller) in fits.iter().take(spec.candidates_per_buyer) {
            pairs.push((
                seller,
                buyer,
                fit,
                !speaks_english && !speaks_chinese[seller],
            ));
        }
    }
    let lowest = pairs
        .iter()
        .map(|pair| pair.2)
        .fold(f64::INFINITY, f64::min);
    let highest = pairs
        .iter()
        .map(|pair| pair.2)
        .fold(f64::NEG_INFINITY, f64::max);
    let spread = (highest - lowest).max(f64::EPSILON);
    let mut candidates: Vec<Pair> = pairs
        .into_iter()
        .map(|(seller, buyer, fit, interpreter)| Pair {
            seller,
            buyer,
            score: (40.0 + 60.0 * (fit - lowest) / spread).clamp(40.0, 100.0),
            interpreter,
            status: if rng.random_bool(chance(spec.accepted)) {
                PairStatus::Accepted
            } else {
                PairStatus::Proposed
            },
            wish: Default::default(),
        })
        .collect();
    for _ in 0..spec.locked.min(candidates.len()) {
        let pick = rng.random_range(0..candidates.len());
        let common: Vec<usize> = (0..slot_count)
            .filter(|&slot| {
                sellers[candidates[pick].seller].available[slot]
                    && buyers[candidates[pick].buyer].available[slot]
            })
            .collect();
        if common.is_empty() || spec.tables == 0 {
            continue;
        }
        candidates[pick].status = PairStatus::Locked {
            slot: common[rng.random_range(0..common.len())],
            table: rng.random_range(0..spec.tables),
        };
    }
    ScheduleInput {
        slots,
        tables: spec.tables,
        interpreters: spec.interpreters,
        sellers,
        buyers,
        candidates,
        good_score: spec.good_score,
    }
}
