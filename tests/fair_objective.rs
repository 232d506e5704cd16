#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The fairness tiers of the objective on random small instances: the
//! coverage tier never lowers the worst-off participant's meetings compared
//! with a score-only run, and on tiny instances the scheduler reaches the
//! lexicographic optimum (must-haves, coverage levels, score) found by
//! exhaustive search.

use std::ops::ControlFlow;
use std::time::Duration;

use matchslate::model::{MeetingStatus, Slate};
use matchslate::schedule::{Floors, ScheduleInput, ScheduleOptions, check, fairness, solve_with};
use proptest::prelude::*;

#[path = "support/instances.rs"]
mod instances;
use instances::instance;

fn run(input: &ScheduleInput, floors: Floors) -> Slate {
    let options = ScheduleOptions {
        time_limit: Duration::from_secs(60),
        seed: 3,
    };
    solve_with(input, &options, floors, None, &mut |_| {
        ControlFlow::Continue(())
    })
    .slate
}

/// Floors recomputed from their definition, independently of the library:
/// the side's minimum, capped by max_meetings, free slots and partners that
/// share a free slot and score at least `good_score` (or are must-haves).
fn floors_by_definition(input: &ScheduleInput, floors: Floors) -> Vec<u32> {
    let sellers = input.sellers.len();
    let people: Vec<_> = input.sellers.iter().chain(&input.buyers).collect();
    let slots = input.slots.len();
    let free =
        |person: usize, slot: usize| people[person].available.get(slot).copied().unwrap_or(false);
    let mut partners = vec![0u32; people.len()];
    for pair in &input.candidates {
        let (seller, buyer) = (pair.seller, sellers + pair.buyer);
        let good = pair.status.is_must_have() || pair.score >= input.good_score;
        if good && (0..slots).any(|slot| free(seller, slot) && free(buyer, slot)) {
            partners[seller] += 1;
            partners[buyer] += 1;
        }
    }
    (0..people.len())
        .map(|person| {
            let side = if person < sellers {
                floors.sellers
            } else {
                floors.buyers
            };
            let free_slots = (0..slots).filter(|&slot| free(person, slot)).count() as u32;
            side.min(people[person].max_meetings)
                .min(free_slots)
                .min(partners[person])
        })
        .collect()
}

/// (must-haves, participants at or above each level below their floor,
/// score) of a slate.
fn key(input: &ScheduleInput, floor: &[u32], slate: &Slate) -> (usize, Vec<usize>, u32) {
    let sellers = input.sellers.len();
    let mut count = vec![0u32; floor.len()];
    for meeting in &slate.meetings {
        count[meeting.seller] += 1;
        count[sellers + meeting.buyer] += 1;
    }
    let levels = floor.iter().copied().max().unwrap_or(0);
    let coverage = (0..levels)
        .map(|level| {
            (0..floor.len())
                .filter(|&p| level < floor[p] && count[p] > level)
                .count()
        })
        .collect();
    let musts = slate
        .meetings
        .iter()
        .filter(|m| m.status != MeetingStatus::Proposed)
        .count();
    let score = slate.meetings.iter().map(|m| m.score.round() as u32).sum();
    (musts, coverage, score)
}

/// The best key over every slate, trying every slot (or none) per pair.
fn exhaustive(input: &ScheduleInput, floor: &[u32]) -> (usize, Vec<usize>, u32) {
    fn go(
        input: &ScheduleInput,
        floor: &[u32],
        next: usize,
        slate: &mut Slate,
        best: &mut (usize, Vec<usize>, u32),
    ) {
        if next == input.candidates.len() {
            let here = key(input, floor, slate);
            if here > *best {
                *best = here;
            }
            return;
        }
        go(input, floor, next + 1, slate, best);
        let pair = &input.candidates[next];
        let (seller, buyer) = (&input.sellers[pair.seller], &input.buyers[pair.buyer]);
        let met = |slate: &Slate, seller_side: bool| {
            slate
                .meetings
                .iter()
                .filter(|m| {
                    if seller_side {
                        m.seller == pair.seller
                    } else {
                        m.buyer == pair.buyer
                    }
                })
                .count() as u32
        };
        if met(slate, true) >= seller.max_meetings || met(slate, false) >= buyer.max_meetings {
            return;
        }
        for slot in 0..input.slots.len() {
            let in_slot = || slate.meetings.iter().filter(move |m| m.slot == slot);
            let fits = seller.available.get(slot) == Some(&true)
                && buyer.available.get(slot) == Some(&true)
                && !in_slot().any(|m| m.seller == pair.seller || m.buyer == pair.buyer)
                && (in_slot().count() as u32) < input.tables
                && (!pair.interpreter
                    || (in_slot().filter(|m| m.interpreter).count() as u32) < input.interpreters);
            if !fits {
                continue;
            }
            slate.meetings.push(matchslate::model::Meeting {
                seller: pair.seller,
                buyer: pair.buyer,
                slot,
                table: 0,
                score: pair.score,
                interpreter: pair.interpreter,
                status: if pair.status.is_must_have() {
                    MeetingStatus::Accepted
                } else {
                    MeetingStatus::Proposed
                },
            });
            go(input, floor, next + 1, slate, best);
            slate.meetings.pop();
        }
    }
    let mut best = (0, Vec::new(), 0);
    go(input, floor, 0, &mut Slate::default(), &mut best);
    best
}

/// The fewest meetings of anyone with a floor, counted up to their floor.
fn worst_off(input: &ScheduleInput, floors: Floors, slate: &Slate) -> u32 {
    let figures = fairness(input, slate, floors);
    [&figures.sellers, &figures.buyers]
        .into_iter()
        .flat_map(|side| side.meetings.iter().zip(&side.floors))
        .filter(|&(_, &floor)| floor > 0)
        .map(|(&meetings, &floor)| meetings.min(floor))
        .min()
        .unwrap_or(0)
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(200)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn the_coverage_tier_never_lowers_the_worst_offs_meetings(input in instance(5, 6, 14, false)) {
        let floors = Floors { buyers: 3, sellers: 1 };
        let fair = run(&input, floors);
        let score_only = run(&input, Floors { buyers: 0, sellers: 0 });
        prop_assert_eq!(check(&input, &fair), vec![]);
        prop_assert!(worst_off(&input, floors, &fair) >= worst_off(&input, floors, &score_only));
        // And the whole coverage vector is at least as good, level by level.
        let floor = floors_by_definition(&input, floors);
        prop_assert!(key(&input, &floor, &fair).1 >= key(&input, &floor, &score_only).1);
    }

    #[test]
    fn tiny_instances_reach_the_lexicographic_optimum(input in instance(4, 4, 7, false), buyers in 1u32..=3, sellers in 0u32..=2) {
        let floors = Floors { buyers, sellers };
        let slate = run(&input, floors);
        prop_assert_eq!(check(&input, &slate), vec![]);
        let floor = floors_by_definition(&input, floors);
        let figures = fairness(&input, &slate, floors);
        prop_assert_eq!(figures.sellers.floors.iter().chain(&figures.buyers.floors).copied().collect::<Vec<_>>(), floor.clone());
        let ours = key(&input, &floor, &slate);
        let best = exhaustive(&input, &floor);
        prop_assert_eq!((ours.0, ours.1.clone()), (best.0, best.1.clone()));
        prop_assert_eq!(ours, best);
    }
}

/// When one side's floors add up to more meetings than the tables allow,
/// fairness says so, and the slate indeed leaves at least that many floor
/// meetings out; a roomy summit reports nothing.
#[test]
fn floors_beyond_the_tables_are_reported_and_hold_on_the_slate() {
    use matchslate::model::Side;
    use matchslate::schedule::synthetic::{SyntheticSpec, generate};
    let tight = generate(&SyntheticSpec {
        tables: 2,
        interpreters: 1,
        locked: 0,
        ..SyntheticSpec::small(5)
    });
    let floors = Floors::default();
    let slate = run(&tight, floors);
    let figures = fairness(&tight, &slate, floors);
    let shortfalls = figures.floors_beyond_tables();
    let buyers = shortfalls
        .iter()
        .find(|shortfall| shortfall.side == Side::Buyer)
        .expect("30 buyers with a floor of 3 cannot fit 2 tables × 13 slots");
    let needed: u64 = figures.buyers.floors.iter().map(|&f| u64::from(f)).sum();
    assert_eq!(buyers.needed, needed);
    assert!(buyers.room <= 2 * 13, "{buyers:?}");
    let missing: u64 = (figures.buyers.floors.iter().zip(&figures.buyers.meetings))
        .map(|(&floor, &met)| u64::from(floor.saturating_sub(met)))
        .sum();
    assert!(
        missing >= buyers.needed - buyers.room,
        "{missing} < {buyers:?}"
    );

    let roomy = generate(&SyntheticSpec::medium(5));
    let slate = run(&roomy, floors);
    assert_eq!(
        fairness(&roomy, &slate, floors).floors_beyond_tables(),
        vec![]
    );
}
