//! `matchslate validate`: every problem, or a summary of a sound summit.

use std::path::Path;
use std::process::ExitCode;

use matchslate::summit::prepare_with_warnings;

use super::report_invalid;

pub fn run(data: &Path) -> anyhow::Result<ExitCode> {
    let prepared = match prepare_with_warnings(data) {
        Ok(p) => p,
        Err(err) => return report_invalid(err),
    };
    for problem in &prepared.warnings {
        eprintln!("{problem}");
    }
    let summit = &prepared.summit;
    let event = &summit.event;
    let taxonomy = prepared.taxonomy();
    outln!("{} ({}, {})", event.name, event.venue, event.timezone);
    outln!("  sellers       {}", summit.sellers.len());
    outln!("  buyers        {}", summit.buyers.len());
    outln!(
        "  slots         {} ({} day{}, {} minutes each)",
        summit.slots.len(),
        event.days.len(),
        if event.days.len() == 1 { "" } else { "s" },
        event.slot_minutes
    );
    outln!("  tables        {}", event.tables);
    outln!("  interpreters  {}", event.interpreters);
    outln!(
        "  taxonomy      {} categories ({} leaves) from {}",
        taxonomy.len(),
        taxonomy.leaf_count(),
        taxonomy.source.display()
    );
    match prepared.warnings.len() {
        0 => outln!("no problems found"),
        n => outln!("{n} warning(s), no errors"),
    }
    // The process ends here: freeing a million participants one by one
    // would take seconds the operating system does at once.
    std::mem::forget(prepared);
    Ok(ExitCode::SUCCESS)
}
