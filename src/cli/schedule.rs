//! `matchslate schedule`: build the slate, write its files, print a summary.

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use matchslate::summit::{OpenSummit, SummitOptions};

use super::report_invalid;

pub struct SlateOptions {
    pub out: Option<PathBuf>,
    pub min_score: f64,
    pub time_limit: f64,
    pub seed: u64,
}

pub fn run(summit: &SummitOptions, options: &SlateOptions) -> anyhow::Result<ExitCode> {
    if !(options.time_limit.is_finite() && options.time_limit > 0.0) {
        return Err(anyhow::Error::new(super::UsageError(format!(
            "--time-limit must be a positive number of seconds, found {}",
            options.time_limit
        ))));
    }
    let open = match OpenSummit::open(summit) {
        Ok(open) => open,
        Err(err) => return report_invalid(err),
    };
    let slate_options = matchslate::summit::SlateOptions {
        min_score: options.min_score,
        time_limit: Duration::from_secs_f64(options.time_limit),
        seed: options.seed,
    };
    for warning in open.store_warnings()? {
        eprintln!("warning: {}", super::printable(&warning));
    }
    // Every run is saved as a slate version, and its files say which.
    let (scheduled, version) =
        open.schedule_and_save(&slate_options, &mut |_| ControlFlow::Continue(()))?;
    let slate = scheduled.slate();
    let exported = open.export_version(Some(version.number), options.out.as_deref())?;
    let folder = exported
        .files
        .schedule_csv
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let stats = scheduled.stats();
    let s = open.summit();
    outln!(
        "{} meetings for {} sellers and {} buyers",
        slate.meetings.len(),
        s.sellers.len(),
        s.buyers.len()
    );
    outln!(
        "without a meeting: {} sellers and {} buyers ({} and {} of them had a candidate scoring {} or more)",
        stats.sellers_without,
        stats.buyers_without,
        stats.sellers_left_short,
        stats.buyers_left_short,
        options.min_score
    );
    outln!(
        "total score {:.1} of an upper bound {:.1}: {:.1}% of the best possible",
        slate.total_score + 0.0, // + 0.0 turns an empty sum's -0.0 into 0.0
        slate.upper_bound,
        slate.percent_of_bound()
    );
    if slate.unscheduled.is_empty() {
        outln!("every accepted and locked pair is scheduled");
    } else {
        outln!(
            "{} accepted or locked pair(s) could not be scheduled:",
            slate.unscheduled.len()
        );
        for u in &slate.unscheduled {
            outln!(
                "  {} × {}: {}",
                s.sellers[u.seller].id,
                s.buyers[u.buyer].id,
                super::printable(&u.reason)
            );
        }
    }
    outln!(
        "saved as slate version {}; wrote schedule.csv, sellers.csv, buyers.csv and schedule.ics to {}",
        version.number,
        folder.display()
    );
    Ok(ExitCode::SUCCESS)
}
