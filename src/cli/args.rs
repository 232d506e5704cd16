//! The command line as clap reads it: global options, every subcommand
//! with its flags and help, and the value checks that make a bad number a
//! usage error (exit code 2).

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use super::{day, decide, explain, rank, slates, taxonomy};

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

/// How a slate is built, for `schedule` and for `explain` (which explains
/// the slate `schedule` builds).
#[derive(Debug, clap::Args)]
pub struct SlateArgs {
    /// Propose only pairs scoring at least this (0 to 100).
    #[arg(long, default_value_t = matchslate::summit::DEFAULT_MIN_SCORE, value_name = "N",
          value_parser = score)]
    pub min_score: f64,
    /// Stop the search after this many seconds at most (0.001 to 86400).
    #[arg(long, default_value_t = 2.0, value_name = "SECONDS", value_parser = seconds)]
    pub time_limit: f64,
    /// Seed for the search. The review desk uses 0 too, but with a longer time cap
    /// (30 s against this command's default 2 s), so its slate may differ.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the review desk (the default): browse, review, schedule, export.
    Tui,
    /// Check the summit's files and print a summary, or every problem found.
    Validate,
    /// Write a synthetic but realistic summit, deterministic for a seed.
    Generate {
        #[arg(long, value_name = "N", value_parser = participants)]
        sellers: usize,
        #[arg(long, value_name = "M", value_parser = participants)]
        buyers: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Folder to write event.json, sellers.json and buyers.json into.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Replace the summit files already in --out (refused without it).
        #[arg(long)]
        force: bool,
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
    /// Help grow the curated taxonomy from this summit's terms.
    Taxonomy {
        #[command(subcommand)]
        command: taxonomy::TaxonomyCommand,
    },
    /// List the current decisions.
    Decisions {
        #[arg(long, value_enum, default_value_t = decide::ListFormat::Table)]
        format: decide::ListFormat,
    },
    /// Build the meeting schedule and write schedule.csv, sellers.csv, buyers.csv, schedule.ics and print/.
    Schedule {
        /// Output folder [default: DIR/out].
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        #[command(flatten)]
        slate: SlateArgs,
        /// Meetings every buyer should get at least (capped by their max and free slots); 0 turns it off.
        #[arg(long, default_value_t = 3, value_name = "N")]
        min_meetings: u32,
        /// Meetings every seller should get at least (capped likewise); 0 turns it off.
        #[arg(long, default_value_t = 1, value_name = "N")]
        seller_min_meetings: u32,
    },
    /// Why a participant got the meetings they got: their best unmet candidates and what blocks each.
    Explain {
        /// The seller to explain.
        #[arg(
            long,
            value_name = "ID",
            conflicts_with = "buyer",
            required_unless_present = "buyer"
        )]
        seller: Option<String>,
        /// The buyer to explain.
        #[arg(long, value_name = "ID")]
        buyer: Option<String>,
        #[arg(long, value_enum, default_value_t = explain::Format::Text)]
        format: explain::Format,
        // As for `schedule`: the slate explained is built the way `schedule` builds it.
        #[command(flatten)]
        slate: SlateArgs,
    },
    /// Mark a participant present, absent, late (--until HH:MM) or left (--from HH:MM) for a day.
    Checkin {
        /// The seller's or buyer's id.
        id: String,
        #[arg(value_enum)]
        state: day::Attendance,
        /// For late: when they arrive.
        #[arg(long, value_name = "HH:MM")]
        until: Option<jiff::civil::Time>,
        /// For left: when they left.
        #[arg(long, value_name = "HH:MM")]
        from: Option<jiff::civil::Time>,
        /// The event day [default: today].
        #[arg(long, value_name = "YYYY-MM-DD")]
        day: Option<jiff::civil::Date>,
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
    },
    /// Record what happened to a meeting: held, no-show, cancelled (or clear).
    /// Name the meeting by the code printed beside it, or by --seller and --buyer.
    Outcome {
        #[arg(value_enum)]
        happened: day::Happened,
        /// The meeting's code from the printed agenda (such as K7MQ2X).
        #[arg(value_name = "CODE", conflicts_with_all = ["seller", "buyer"],
              required_unless_present_all = ["seller", "buyer"])]
        code: Option<String>,
        #[arg(long, value_name = "ID", requires = "buyer")]
        seller: Option<String>,
        #[arg(long, value_name = "ID", requires = "seller")]
        buyer: Option<String>,
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
    },
    /// Repair the rest of the summit from --now on (absences, late arrivals, walk-ins):
    /// print the changes, or save them as a new version with --apply.
    Repair {
        #[arg(long, value_name = "YYYY-MM-DDTHH:MM")]
        now: jiff::civil::DateTime,
        /// Save the repaired slate as a new (unpublished) version.
        #[arg(long)]
        apply: bool,
        /// Propose only pairs scoring at least this (0 to 100).
        #[arg(long, default_value_t = matchslate::summit::DEFAULT_MIN_SCORE, value_name = "N",
              value_parser = score)]
        min_score: f64,
    },
    /// The event report: meetings planned, held, no-show and cancelled per day and per
    /// participant, no-show rates, who held no meeting, wishes met, the biggest gaps.
    Report {
        /// Also write the report as CSV files into this folder.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// List the saved slate versions.
    Slates {
        #[arg(long, value_enum, default_value_t = slates::ListFormat::Table)]
        format: slates::ListFormat,
    },
    /// Show, compare, publish or roll back a saved slate version.
    Slate {
        #[command(subcommand)]
        command: slates::SlateCommand,
    },
    /// Write a saved version's files (default: the latest), or change notices.
    Export {
        /// The version to export [default: the latest].
        #[arg(long, value_name = "N")]
        slate: Option<i64>,
        /// Write change notices from version N to the exported one instead.
        #[arg(long, value_name = "N")]
        changes_since: Option<i64>,
        /// Output folder [default: DIR/out].
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
}

/// A finite number in `range`, for clap: anything else (NaN, infinity, a
/// number out of range) is a usage error with exit code 2.
fn finite_in(text: &str, range: std::ops::RangeInclusive<f64>) -> Result<f64, String> {
    let value: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("{text:?} is not a number"))?;
    if value.is_finite() && range.contains(&value) {
        Ok(value)
    } else {
        Err(format!(
            "expected a number from {} to {}, found {text}",
            range.start(),
            range.end()
        ))
    }
}

fn score(text: &str) -> Result<f64, String> {
    finite_in(text, 0.0..=100.0)
}

fn seconds(text: &str) -> Result<f64, String> {
    finite_in(text, 0.001..=86_400.0)
}

/// A participant count for `generate`, within the loader's limit.
fn participants(text: &str) -> Result<usize, String> {
    let max = matchslate::load::limits::MAX_PARTICIPANTS;
    match text.trim().parse::<usize>() {
        Ok(n) if n <= max => Ok(n),
        _ => Err(format!(
            "expected a whole number from 0 to {max}, found {text}"
        )),
    }
}
