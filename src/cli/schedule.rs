//! `matchslate schedule`: build the slate, write its files, print a summary.

use std::ops::ControlFlow;
use std::path::PathBuf;
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
    let scheduled = open.schedule(&slate_options, &mut |_| ControlFlow::Continue(()));
    let slate = scheduled.slate();
    let exported = open.export_current(&scheduled, options.out.as_deref())?;
    let folder = exported.folder;
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
    let unplaced = scheduled.unplaced();
    if unplaced.is_empty() {
        outln!("every accepted and locked pair is scheduled");
    } else {
        outln!("{}:", matchslate::summit::unplaced_headline(&unplaced));
        for u in &unplaced {
            outln!("  {}", super::printable(&u.describe(s)));
        }
    }
    outln!(
        "wrote schedule.csv, sellers.csv, buyers.csv and schedule.ics to {}",
        folder.display()
    );
    // The files are written (staff may want them), but a script must see
    // that a pair staff decided on is missing.
    Ok(if unplaced.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
