//! `matchslate schedule`: build the slate, write its files, print a summary.

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use matchslate::schedule::Floors;

/// Participants left short listed by name in the summary.
const LEFT_SHORT_LISTED: usize = 10;
use matchslate::summit::{OpenSummit, SummitOptions, wish_summary};

use super::report_invalid;

pub struct SlateOptions {
    pub out: Option<PathBuf>,
    pub min_score: f64,
    pub time_limit: f64,
    pub seed: u64,
    pub floors: Floors,
}

/// The library's options, or a usage error for a bad time limit.
pub fn slate_options(options: &SlateOptions) -> anyhow::Result<matchslate::summit::SlateOptions> {
    if !(options.time_limit.is_finite() && options.time_limit > 0.0 && options.time_limit < 1e9) {
        return Err(anyhow::Error::new(super::UsageError(format!(
            "--time-limit must be a positive number of seconds, found {}",
            options.time_limit
        ))));
    }
    Ok(matchslate::summit::SlateOptions {
        min_score: options.min_score,
        time_limit: Duration::from_secs_f64(options.time_limit),
        seed: options.seed,
        floors: options.floors,
    })
}

pub fn run(summit: &SummitOptions, options: &SlateOptions) -> anyhow::Result<ExitCode> {
    let slate_options = slate_options(options)?;
    let started = Instant::now();
    let open = match OpenSummit::open(summit) {
        Ok(open) => open,
        Err(err) => return report_invalid(err),
    };
    for warning in open.store_warnings()? {
        eprintln!("warning: {}", super::printable(&warning));
    }
    // Every run is saved as a slate version, and its files say which.
    let (scheduled, version) =
        open.schedule_and_save(&slate_options, &mut |_| ControlFlow::Continue(()))?;
    let slate = scheduled.slate();
    let scheduled_at = Instant::now();
    let exported = open.export_version(Some(version.number), options.out.as_deref())?;
    let exported_at = Instant::now();
    let folder = exported
        .files
        .schedule_csv
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let s = open.summit();
    outln!(
        "{} meetings for {} sellers and {} buyers",
        slate.meetings.len(),
        s.sellers.len(),
        s.buyers.len()
    );
    let figures = scheduled.fairness();
    for (label, side) in [("buyers", &figures.buyers), ("sellers", &figures.sellers)] {
        outln!(
            "{label}: meetings min {} / median {} / max {}; {} with none although a candidate fits; {} below their floor",
            side.min,
            side.median,
            side.max,
            side.none.len(),
            side.below_floor.len()
        );
    }
    for shortfall in figures.floors_beyond_tables() {
        outln!(
            "the {} floors add up to {} meetings, but the tables allow at most {} in all: at least {} floor meetings cannot be given, whatever the slate (add tables or slots, or lower the floor)",
            shortfall.whose(),
            shortfall.needed,
            shortfall.room,
            shortfall.needed - shortfall.room
        );
    }
    let short = scheduled.left_short(
        open.prepared(),
        |seller, buyer| open.decision(seller, buyer).map(|info| info.kind),
        LEFT_SHORT_LISTED,
    );
    let below = figures.buyers.below_floor.len() + figures.sellers.below_floor.len();
    if below > 0 {
        outln!("left short (buyers first; `matchslate explain --buyer ID` says more):");
    }
    for entry in &short {
        let side = entry.side.word();
        outln!(
            "  {side} {}: {} of {}{}",
            super::printable(&entry.id),
            entry.meetings,
            entry.floor,
            entry.why.as_deref().map_or(String::new(), |why| format!(
                ": best unmet {}",
                super::printable(why)
            ))
        );
    }
    if below > short.len() {
        outln!("  … and {} more", below - short.len());
    }
    if !open.wishes().is_empty() {
        let wishes = open.wish_report(slate);
        outln!("wishes met: {}", wish_summary(&wishes));
        if !wishes.avoided_met.is_empty() {
            outln!(
                "{} avoided pair(s) meet because staff accepted or locked them",
                wishes.avoided_met.len()
            );
        }
    }
    let changes = scheduled.table_changes();
    outln!("sellers changing tables within a day: {}", changes.len());
    for day in scheduled.interpreter_use() {
        if day.available == 0 {
            continue;
        }
        let busiest: Vec<String> = day
            .busiest
            .iter()
            .filter_map(|&(slot, used)| {
                s.slots
                    .get(slot)
                    .map(|found| format!("{} ({used})", found.start.strftime("%H:%M")))
            })
            .collect();
        outln!(
            "interpreters on {}: {} of {} places used; busiest {}",
            day.date.map_or_else(String::new, |date| date.to_string()),
            day.used,
            day.available,
            busiest.join(", ")
        );
    }
    let report = scheduled.report();
    if let Some(stage) = report.cut_short {
        let by = if report.stopped_by_caller {
            "a stop"
        } else {
            "--time-limit"
        };
        outln!(
            "the search was cut short by {by} in its {stage} stage: more time would likely give a better slate"
        );
    }
    if report.fetched_candidates > 0 {
        outln!(
            "{} more candidates were fetched for buyers who needed them",
            report.fetched_candidates
        );
    }
    let provisional = if report.bound_provisional {
        " (provisional: the bound's computation was cut short, so a cruder bound stands in)"
    } else {
        ""
    };
    outln!(
        "total score {:.1} of an upper bound {:.1}: {:.1}% of the best possible{provisional}",
        slate.total_score + 0.0, // + 0.0 turns an empty sum's -0.0 into 0.0
        slate.upper_bound,
        slate.percent_of_bound()
    );
    outln!("the upper bound is {}", report.bound.in_words());
    let unplaced = scheduled.unplaced();
    if unplaced.is_empty() {
        outln!("every accepted and locked pair is scheduled");
    } else {
        outln!("{}:", matchslate::summit::unplaced_headline(&unplaced));
        for u in &unplaced {
            outln!("  {}", super::printable(&u.describe(s)));
        }
    }
    let orphaned = open.orphaned_decisions();
    if !orphaned.is_empty() {
        outln!(
            "{} decision(s) name participants no longer in the data and are left out:",
            orphaned.len()
        );
        for (seller, buyer) in orphaned {
            outln!(
                "  {} × {}",
                super::printable(seller),
                super::printable(buyer)
            );
        }
    }
    outln!(
        "saved as slate version {}; wrote schedule.csv, sellers.csv, buyers.csv, schedule.ics and print/ to {}",
        version.number,
        folder.display()
    );
    if super::timings_wanted() {
        let times = scheduled.times();
        let whole = started.elapsed();
        let open_time = whole
            .saturating_sub(exported_at.elapsed())
            .saturating_sub(exported_at - scheduled_at)
            .saturating_sub(times.input + times.solve);
        eprintln!(
            "timings: open and save {:.1} s, ranking and input {:.1} s, search {:.1} s, export {:.1} s, summary {:.1} s",
            open_time.as_secs_f64(),
            times.input.as_secs_f64(),
            times.solve.as_secs_f64(),
            (exported_at - scheduled_at).as_secs_f64(),
            exported_at.elapsed().as_secs_f64()
        );
    }
    // The files are written (staff may want them), but a script must see
    // that a pair staff decided on is missing.
    Ok(if unplaced.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
