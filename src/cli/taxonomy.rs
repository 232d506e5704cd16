//! `matchslate taxonomy suggest`: the terms the curated taxonomy missed,
//! with the proposals written to a patch file for review.

use std::path::Path;
use std::process::ExitCode;

use matchslate::matching::layers::Layer;
use matchslate::summit::{SummitError, suggest_taxonomy};

use super::{printable, report_invalid};

#[derive(Debug, Clone, Copy, clap::Subcommand)]
pub enum TaxonomyCommand {
    /// List terms only the HS or dictionary layers matched, or nothing did, and write
    /// proposed categories to DIR/taxonomy.suggested.json (never merged automatically).
    Suggest,
}

pub fn run(data: &Path, command: TaxonomyCommand) -> anyhow::Result<ExitCode> {
    let TaxonomyCommand::Suggest = command;
    let (found, path) = match suggest_taxonomy(data) {
        Ok(done) => done,
        Err(SummitError::Invalid(problems)) => {
            return report_invalid(SummitError::Invalid(problems));
        }
        Err(err) => return Err(err.into()),
    };
    for s in &found {
        let layer = match s.layer {
            Some(Layer::Hs) => "HS",
            Some(Layer::Dictionary) => "dictionary",
            Some(Layer::Curated) => "curated",
            None => "nothing",
        };
        let p = &s.proposed;
        outln!(
            "{} ({} use{}, matched by {layer}) → {} \"{}\" zh [{}] hs [{}]{}",
            printable(&s.term),
            s.uses,
            if s.uses == 1 { "" } else { "s" },
            p.id,
            printable(&p.name),
            printable(&p.zh.join(", ")),
            p.hs.join(", "),
            p.parent
                .as_ref()
                .map(|parent| format!(" under {parent}"))
                .unwrap_or_default()
        );
    }
    outln!(
        "{} term(s) to review; proposals written to {} (taxonomy.json is unchanged)",
        found.len(),
        path.display()
    );
    Ok(ExitCode::SUCCESS)
}
