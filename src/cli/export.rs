//! `matchslate export [--slate N] [--changes-since N] [--out DIR]`: a saved
//! version's files, or the change notices since a version.

use std::path::PathBuf;
use std::process::ExitCode;

use matchslate::summit::SummitOptions;

use super::open_summit;
use super::slates::state;

pub struct ExportOptions {
    pub slate: Option<i64>,
    pub changes_since: Option<i64>,
    pub out: Option<PathBuf>,
}

pub fn run(summit: &SummitOptions, options: &ExportOptions) -> anyhow::Result<ExitCode> {
    let open = match open_summit(summit)? {
        Ok(open) => open,
        Err(code) => return Ok(code),
    };
    if let Some(since) = options.changes_since {
        let (files, left_out) =
            open.export_changes(since, options.slate, options.out.as_deref())?;
        outln!(
            "wrote {} and {} change notice(s) to {}",
            matchslate::export::CHANGES_CSV,
            files.notices.len(),
            files
                .changes_csv
                .parent()
                .map_or_else(String::new, |p| p.display().to_string())
        );
        if left_out > 0 {
            eprintln!(
                "warning: {left_out} change(s) name participants no longer in the data and were left out"
            );
        }
        return Ok(ExitCode::SUCCESS);
    }
    let exported = open.export_version(options.slate, options.out.as_deref())?;
    let v = &exported.version;
    outln!(
        "wrote slate version {} ({}, {} meetings{}) to {}",
        v.number,
        state(v),
        exported.files.meetings,
        if exported.cancelled > 0 {
            format!(
                ", {} cancelled since the published version",
                exported.cancelled
            )
        } else {
            String::new()
        },
        exported
            .files
            .schedule_csv
            .parent()
            .map_or_else(String::new, |p| p.display().to_string())
    );
    Ok(ExitCode::SUCCESS)
}
