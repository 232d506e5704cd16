//! Command-line arguments and the headless commands.

/// `println!` that returns an error instead of panicking when stdout is
/// closed (`matchslate rank | head`), so `main` can end quietly.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout(), $($arg)*)?
    }};
}

mod decide;
mod rank;
mod schedule;
mod validate;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Pair trade-summit sellers with buyers, review pairings, schedule
/// one-to-one meetings and export the slate.
#[derive(Debug, Parser)]
#[command(name = "matchslate", version, about, long_about = None)]
pub struct Args {
    /// The summit folder (event.json, sellers.json, buyers.json, taxonomy.json)
    /// [default: ./data, or . when it holds event.json].
    #[arg(long, global = true, value_name = "DIR")]
    pub data: Option<PathBuf>,

    /// The decision database [default: DIR/matchslate.db].
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Who records decisions [default: the OS user name].
    #[arg(long, global = true, value_name = "NAME")]
    pub staff: Option<String>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the review desk (the default): browse, review, schedule, export.
    Tui,
    /// Check the summit's files and print a summary, or every problem found.
    Validate,
    /// Write a synthetic but realistic summit, deterministic for a seed.
    Generate {
        #[arg(long, value_name = "N")]
        sellers: usize,
        #[arg(long, value_name = "M")]
        buyers: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Folder to write event.json, sellers.json and buyers.json into.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// Rank candidate pairings: each buyer's top sellers, best first, explained.
    Rank {
        /// How many candidates per buyer (or per seller with --seller).
        #[arg(long, default_value_t = 10, value_name = "K")]
        top: usize,
        /// Only this buyer's candidates.
        #[arg(long, value_name = "ID", conflicts_with = "seller")]
        buyer: Option<String>,
        /// A seller's top buyers instead.
        #[arg(long, value_name = "ID")]
        seller: Option<String>,
        #[arg(long, value_enum, default_value_t = rank::Format::Table)]
        format: rank::Format,
    },
    /// Record a staff decision on a pair: accept, reject, lock or clear.
    Decide {
        #[arg(value_enum)]
        verb: decide::Verb,
        #[arg(long, value_name = "ID")]
        seller: String,
        #[arg(long, value_name = "ID")]
        buyer: String,
        /// For lock: the slot, counted from 1 as in schedule.csv.
        #[arg(long, value_name = "N")]
        slot: Option<usize>,
        /// For lock: the table, counted from 1.
        #[arg(long, value_name = "T")]
        table: Option<u32>,
        /// A note kept with the decision.
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
    },
    /// List the current decisions.
    Decisions {
        #[arg(long, value_enum, default_value_t = decide::ListFormat::Table)]
        format: decide::ListFormat,
    },
    /// Build the meeting schedule and write schedule.csv, sellers.csv, buyers.csv, schedule.ics.
    Schedule {
        /// Output folder [default: DIR/out].
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Propose only pairs scoring at least this.
        #[arg(long, default_value_t = matchslate::summit::DEFAULT_MIN_SCORE, value_name = "N")]
        min_score: f64,
        /// Stop the search after this many seconds at most.
        #[arg(long, default_value_t = 2.0, value_name = "SECONDS")]
        time_limit: f64,
        /// Seed for the search. The review desk uses 0 too, but with a longer time cap
        /// (30 s against this command's default 2 s), so its slate may differ.
        #[arg(long, default_value_t = 0)]
        seed: u64,
    },
}

/// Exit code for problems in the data or a failed run.
pub const EXIT_FAILURE: u8 = 1;

/// A usage problem found after argument parsing (exit code 2, like clap's).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

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
        Some(Command::Schedule {
            out,
            min_score,
            time_limit,
            seed,
        }) => schedule::run(
            &summit,
            &schedule::SlateOptions {
                out,
                min_score,
                time_limit,
                seed,
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
        }) => {
            let options = matchslate::generate::GenerateOptions {
                sellers,
                buyers,
                seed,
            };
            generate(&out, &options)
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
) -> anyhow::Result<ExitCode> {
    matchslate::generate::generate(out, options)?;
    outln!(
        "wrote {} sellers and {} buyers to {}",
        options.sellers,
        options.buyers,
        out.display()
    );
    Ok(ExitCode::SUCCESS)
}
