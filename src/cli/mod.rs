//! Command-line arguments and the headless commands.

/// `println!` that returns an error instead of panicking when stdout is
/// closed (`matchslate rank | head`), so `main` can end quietly.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout(), $($arg)*)?
    }};
}

mod args;
mod day;
mod decide;
mod explain;
mod export;
mod rank;
mod report;
mod schedule;
mod slates;
mod taxonomy;
mod validate;

use std::process::ExitCode;

pub use args::{Args, Command};

/// Exit code for problems in the data or a failed run.
pub const EXIT_FAILURE: u8 = 1;

/// A usage problem found after argument parsing (exit code 2, like clap's).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// Whether `MATCHSLATE_TIMINGS` is set (to anything but empty): then
/// `rank` and `schedule` print to stderr how long each step took, for
/// measuring at scale, never in their output itself.
pub fn timings_wanted() -> bool {
    std::env::var_os("MATCHSLATE_TIMINGS").is_some_and(|v| !v.is_empty())
}

/// Text from data or the database, with unsafe characters (controls and
/// bidi overrides, by `text::is_unsafe`) escaped visibly so they cannot act
/// on the terminal.
pub fn printable(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            if matchslate::text::is_unsafe(c) {
                c.escape_default().collect::<Vec<_>>()
            } else {
                vec![c]
            }
        })
        .collect()
}

pub fn run(args: Args) -> ExitCode {
    let data = matchslate::summit::data_dir(args.data.as_deref());
    let summit = matchslate::summit::SummitOptions {
        data: data.clone(),
        db: args.db.clone(),
        staff: args
            .staff
            .clone()
            .unwrap_or_else(matchslate::store::default_staff),
    };
    let outcome = match args.command {
        None | Some(Command::Tui) => matchslate::tui::run(summit),
        Some(Command::Validate) => validate::run(&data),
        Some(Command::Decide {
            verb,
            seller,
            buyer,
            slot,
            table,
            note,
        }) => decide::decide(
            &summit,
            &decide::DecideOptions {
                verb,
                seller: &seller,
                buyer: &buyer,
                slot,
                table,
                note: note.as_deref(),
            },
        ),
        Some(Command::Decisions { format }) => decide::list(&summit, format),
        Some(Command::Taxonomy { command }) => taxonomy::run(&summit.data, command),
        Some(Command::Schedule {
            out,
            slate,
            min_meetings,
            seller_min_meetings,
        }) => schedule::run(
            &summit,
            &schedule::SlateOptions {
                out,
                min_score: slate.min_score,
                time_limit: slate.time_limit,
                seed: slate.seed,
                floors: matchslate::schedule::Floors {
                    buyers: min_meetings,
                    sellers: seller_min_meetings,
                },
            },
        ),
        Some(Command::Explain {
            seller,
            buyer,
            format,
            slate,
        }) => explain::run(
            &summit,
            &explain::ExplainOptions {
                seller,
                buyer,
                format,
                slate: schedule::SlateOptions {
                    out: None,
                    min_score: slate.min_score,
                    time_limit: slate.time_limit,
                    seed: slate.seed,
                    floors: matchslate::schedule::Floors::default(),
                },
            },
        ),
        Some(Command::Checkin {
            id,
            state,
            until,
            from,
            day,
            note,
        }) => day::checkin(
            &summit,
            &day::CheckinOptions {
                id: &id,
                state,
                until,
                from,
                day,
                note: note.as_deref(),
            },
        ),
        Some(Command::Outcome {
            happened,
            code,
            seller,
            buyer,
            note,
        }) => day::outcome(
            &summit,
            &day::Which {
                code: code.as_deref(),
                seller: seller.as_deref(),
                buyer: buyer.as_deref(),
            },
            happened,
            note.as_deref(),
        ),
        Some(Command::Repair {
            now,
            apply,
            min_score,
        }) => day::repair(
            &summit,
            now,
            apply,
            &matchslate::summit::SlateOptions {
                min_score,
                ..matchslate::summit::SlateOptions::default()
            },
        ),
        Some(Command::Report { out }) => report::run(&summit, out),
        Some(Command::Slates { format }) => slates::list(&summit, format),
        Some(Command::Slate { command }) => slates::slate(&summit, &command),
        Some(Command::Export {
            slate,
            changes_since,
            out,
        }) => export::run(
            &summit,
            &export::ExportOptions {
                slate,
                changes_since,
                out,
            },
        ),
        Some(Command::Rank {
            top,
            buyer,
            seller,
            format,
        }) => rank::run(&rank::RankOptions {
            data: &data,
            top,
            buyer: buyer.as_deref(),
            seller: seller.as_deref(),
            format,
        }),
        Some(Command::Generate {
            sellers,
            buyers,
            seed,
            out,
            force,
        }) => {
            let options = matchslate::generate::GenerateOptions {
                sellers,
                buyers,
                seed,
            };
            generate(&out, &options, force)
        }
    };
    match outcome {
        Ok(code) => code,
        // The reader went away (`| head`): nothing left to say to anyone.
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) if err.is::<UsageError>() => {
            eprintln!("error: {err}");
            ExitCode::from(2)
        }
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(EXIT_FAILURE)
        }
    }
}

/// Opens the summit, or prints every problem of one that fails to load and
/// gives exit code 1 (`Ok(Err(code))`).
fn open_summit(
    options: &matchslate::summit::SummitOptions,
) -> anyhow::Result<Result<matchslate::summit::OpenSummit, ExitCode>> {
    match matchslate::summit::OpenSummit::open(options) {
        Ok(open) => Ok(Ok(open)),
        Err(err) => report_invalid(err).map(Err),
    }
}

/// Prints every problem of a summit that failed to load; exit code 1.
pub fn report_invalid(err: matchslate::summit::SummitError) -> anyhow::Result<ExitCode> {
    match err {
        matchslate::summit::SummitError::Invalid(problems) => {
            for problem in &problems {
                eprintln!("{problem}");
            }
            let errors = problems.iter().filter(|p| p.is_error()).count();
            eprintln!("{errors} error(s); run `matchslate validate` after fixing them");
            Ok(ExitCode::from(EXIT_FAILURE))
        }
        other => Err(other.into()),
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn generate(
    out: &std::path::Path,
    options: &matchslate::generate::GenerateOptions,
    force: bool,
) -> anyhow::Result<ExitCode> {
    if force {
        matchslate::generate::generate_replacing(out, options)?;
    } else {
        matchslate::generate::generate(out, options)?;
    }
    outln!(
        "wrote {} sellers and {} buyers to {}",
        options.sellers,
        options.buyers,
        out.display()
    );
    Ok(ExitCode::SUCCESS)
}
