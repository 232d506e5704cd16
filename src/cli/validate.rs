//! `matchslate validate`: every problem, or a summary of a sound summit.

use std::path::Path;
use std::process::ExitCode;

use matchslate::summit::prepare;

use super::report_invalid;

pub fn run(data: &Path) -> anyhow::Result<ExitCode> {
    let prepared = match prepare(data) {
        Ok(p) => p,
        Err(err) => return report_invalid(err),
    };
    for problem in &prepared.warnings {
        eprintln!("{problem}");
    }
    let summit = &prepared.summit;
    let event = &summit.event;
    let taxonomy = prepared.taxonomy();
    println!("{} ({}, {})", event.name, event.venue, event.timezone);
    println!("  sellers       {}", summit.sellers.len());
    println!("  buyers        {}", summit.buyers.len());
    println!(
        "  slots         {} ({} days, {} minutes each)",
        summit.slots.len(),
        event.days.len(),
        event.slot_minutes
    );
    println!("  tables        {}", event.tables);
    println!("  interpreters  {}", event.interpreters);
    println!(
        "  taxonomy      {} categories ({} leaves) from {}",
        taxonomy.len(),
        taxonomy.leaf_count(),
        taxonomy.source.display()
    );
    match prepared.warnings.len() {
        0 => println!("no problems found"),
        n => println!("{n} warning(s), no errors"),
    }
    Ok(ExitCode::SUCCESS)
}
