//! Command-line arguments and the headless commands.

mod rank;
mod validate;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Pair trade-summit sellers with buyers, review pairings, schedule
/// one-to-one meetings and export the slate.
#[derive(Debug, Parser)]
#[command(name = "matchslate", version, about, long_about = None)]
pub struct Args {
    /// The summit folder (event.json, sellers.json, buyers.json, taxonomy.json).
    #[arg(long, global = true, default_value = "data", value_name = "DIR")]
    pub data: PathBuf,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
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
}

/// Exit code for problems in the data or a failed run.
pub const EXIT_FAILURE: u8 = 1;

pub fn run(args: Args) -> ExitCode {
    let outcome = match args.command {
        None | Some(Command::Validate) => validate::run(&args.data),
        Some(Command::Rank {
            top,
            buyer,
            seller,
            format,
        }) => rank::run(&rank::RankOptions {
            data: &args.data,
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
            matchslate::generate::generate(&out, &options)
                .map(|()| {
                    println!(
                        "wrote {sellers} sellers and {buyers} buyers to {}",
                        out.display()
                    );
                    ExitCode::SUCCESS
                })
                .map_err(anyhow::Error::from)
        }
    };
    match outcome {
        Ok(code) => code,
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
