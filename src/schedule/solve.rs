//! The search from start to end: the bound (with candidates on demand),
//! construction, candidates for buyers left blocked, then the improving
//! stages and the slate.

use std::ops::ControlFlow;

use super::{
    CandidateSource, Floors, Phase, Progress, ScheduleInput, ScheduleOptions, SolveReport, Solved,
    compact, construct, explore, finish, improve, instance, pacer, place, state, supply, topup,
};

/// [`solve`] with meeting floors and, optionally, a source of more
/// candidates: buyers whose held-back pairs could beat what they were
/// given get more, until the bound needs no allowance for what is left
/// (so the bound covers the whole, untruncated candidate set).
pub fn solve_with(
    input: &ScheduleInput,
    options: &ScheduleOptions,
    floors: Floors,
    mut source: Option<&mut CandidateSource>,
    on_progress: &mut dyn FnMut(&Progress) -> ControlFlow<()>,
) -> Solved {
    let mut pacer = pacer::Pacer::new(options.time_limit, on_progress);
    let (mut input, mut bound, mut fetched) =
        supply::bound_with_supply(input, options, floors, source.as_deref_mut(), &mut pacer);
    pacer.set_bound(bound.result.value);
    let mut rng = pacer::search_rng(options.seed);
    // Buyers whose every candidate is blocked get more, in a few rounds;
    // the instance is rebuilt around them (fetched pairs come last, so
    // every candidate keeps its number and its slot).
    let mut kept: Option<Vec<u32>> = None;
    let mut rounds = 0;
    let slate = loop {
        let problem =
            instance::Instance::with_held_back(&input, floors, options.seed, &bound.held_back);
        let mut plan = match kept.take() {
            None => {
                let mut plan = state::Plan::new(&problem);
                construct::construct(&mut plan, &bound.result.chosen, &mut pacer);
                place::place_must_haves(&mut plan, &mut rng, &mut pacer);
                plan
            }
            Some(before) => {
                let mut plan = state::Plan::rebuilt(&problem, &before);
                topup::seat(&mut plan, before.len(), &mut pacer);
                plan
            }
        };
        let time_left = !pacer.stopped() && !pacer.past(topup::START_BEFORE);
        let wanting = if source.is_some() && rounds < topup::ROUNDS && time_left {
            topup::wanting(&plan, &bound.held_back)
        } else {
            Vec::new()
        };
        let Some(source) = source.as_deref_mut().filter(|_| !wanting.is_empty()) else {
            search(&mut plan, &mut rng, &mut pacer);
            break finish::build_slate(&input, &problem, &plan, pacer.bound());
        };
        rounds += 1;
        kept = Some(plan.placements());
        drop(plan);
        drop(problem);
        fetched += topup::fetch(
            &mut input,
            &mut bound.held_back,
            source,
            &wanting,
            &mut pacer,
        );
    };
    let report = SolveReport {
        cut_short: pacer.cut_short(),
        stopped_by_caller: pacer.stopped_by_caller(),
        bound_provisional: bound.result.truncated,
        bound: bound.result.kind,
        fetched_candidates: fetched,
    };
    Solved {
        slate,
        input,
        report,
    }
}

/// The stages after construction: improvement, exploration, compaction,
/// improvement again, and the final fill when the search was cut short.
fn search(plan: &mut state::Plan, rng: &mut pacer::SearchRng, pacer: &mut pacer::Pacer) {
    improve::improve(plan, pacer);
    explore::explore(plan, rng, pacer);
    compact::compact(plan, rng, pacer);
    // Compaction moved meetings around; that can open room for insertions.
    improve::improve(plan, pacer);
    if pacer.stopped() {
        construct::fill_free_slots(plan, pacer);
    }
    pacer.enter(Phase::Tables, plan);
}
