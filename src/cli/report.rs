//! `matchslate report [--out DIR]`: the event report after (or during) the
//! summit: plan against reality, printed, and written as CSV with --out.

use std::path::PathBuf;
use std::process::ExitCode;

use matchslate::summit::{OpenSummit, OutcomeCounts, SummitOptions};

use super::{printable, report_invalid};

fn counts(c: &OutcomeCounts) -> String {
    format!(
        "{:>8} {:>6} {:>8} {:>10} {:>11}",
        c.planned,
        c.held,
        c.no_show,
        c.cancelled,
        c.unrecorded()
    )
}

pub fn run(summit: &SummitOptions, out: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let open = match OpenSummit::open(summit) {
        Ok(open) => open,
        Err(err) => return report_invalid(err),
    };
    let report = open.event_report()?;
    for (name, value) in report.figures() {
        outln!("{name:<52} {value}");
    }
    outln!();
    outln!(
        "{:<12} {:>8} {:>6} {:>8} {:>10} {:>11}",
        "day",
        "planned",
        "held",
        "no-show",
        "cancelled",
        "no outcome"
    );
    for (day, c) in &report.days {
        outln!("{:<12} {}", day.to_string(), counts(c));
    }
    let gaps: Vec<_> = report.gap_rows().collect();
    if !gaps.is_empty() {
        outln!();
        outln!("biggest gaps between plan and reality (planned, held, own no-shows):");
        for p in gaps {
            outln!(
                "  {:<10} {:<36} planned {:>2}, held {:>2}, no-shows of theirs {}",
                printable(&p.id),
                printable(&p.company),
                p.counts.planned,
                p.counts.held,
                p.own_no_shows
            );
        }
    }
    if let Some(out) = out {
        let written = report.write(&out)?;
        outln!();
        for path in written {
            outln!("wrote {}", path.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}
