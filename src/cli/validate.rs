//! `matchslate validate`: every problem, or a summary of a sound summit.

use std::path::Path;
use std::process::ExitCode;

use matchslate::load::load_summit;

use super::EXIT_FAILURE;

pub fn run(data: &Path) -> anyhow::Result<ExitCode> {
    let loaded = load_summit(data);
    for problem in &loaded.problems {
        eprintln!("{problem}");
    }
    let errors = loaded.errors().count();
    let warnings = loaded.warnings().count();
    match &loaded.summit {
        Some(summit) => {
            let event = &summit.event;
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
            if warnings > 0 {
                println!("{warnings} warning(s), no errors");
            } else {
                println!("no problems found");
            }
            Ok(ExitCode::SUCCESS)
        }
        None => {
            eprintln!(
                "{errors} error(s), {warnings} warning(s) in {}",
                data.display()
            );
            Ok(ExitCode::from(EXIT_FAILURE))
        }
    }
}
