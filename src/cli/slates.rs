//! `matchslate slates`, `slate show|diff|publish|rollback` and `export`:
//! slate versions from the command line. Each calls one `summit` use case
//! and prints its result.

use std::process::ExitCode;

use clap::{Subcommand, ValueEnum};
use matchslate::store::{VersionInfo, VersionMeeting};
use matchslate::summit::{OpenSummit, SummitOptions};
use serde_json::json;

use super::{open_summit, printable};

mod diff;

use diff::diff;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum SlateCommand {
    /// Show one version's meetings.
    Show {
        number: i64,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// What changed from version A to version B (default: the latest), per participant.
    Diff {
        a: i64,
        b: Option<i64>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Mark version N as what participants were given.
    Publish {
        number: i64,
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
    },
    /// Make a new version equal to version N (nothing is deleted).
    Rollback { number: i64 },
}

/// "2026-05-12 08:41 UTC".
fn when(at: jiff::Timestamp) -> String {
    at.strftime("%Y-%m-%d %H:%M UTC").to_string()
}

pub(super) fn state(info: &VersionInfo) -> &'static str {
    if info.published.is_some() {
        "published"
    } else {
        "draft"
    }
}

fn info_json(info: &VersionInfo) -> serde_json::Value {
    json!({
        "number": info.number,
        "made_at": info.made_at.to_string(),
        "staff": info.staff,
        "origin": info.origin.label(),
        "meetings": info.meetings,
        "score": info.figures.score,
        "upper_bound": info.figures.upper_bound,
        "percent_of_bound": info.figures.percent_of_bound(),
        "fairness": info.figures.fairness,
        "published": info.published.as_ref().map(|p| json!({
            "at": p.at.to_string(), "staff": p.staff, "note": p.note,
        })),
        "log_position": info.log_position,
        "seed": info.seed,
        "params": info.params,
        "rolled_back_from": info.rolled_back_from,
    })
}

pub fn list(summit: &SummitOptions, format: ListFormat) -> anyhow::Result<ExitCode> {
    let open = match open_summit(summit)? {
        Ok(open) => open,
        Err(code) => return Ok(code),
    };
    let versions = open.slates()?;
    if format == ListFormat::Json {
        let all: Vec<_> = versions.iter().map(info_json).collect();
        outln!("{}", serde_json::to_string_pretty(&all)?);
        return Ok(ExitCode::SUCCESS);
    }
    if versions.is_empty() {
        outln!("no slate versions yet; run `matchslate schedule`");
        return Ok(ExitCode::SUCCESS);
    }
    outln!(
        "{:>7}  {:<20}  {:<8}  {:>8}  {:>9}  {:>6}  state",
        "version",
        "made",
        "by",
        "meetings",
        "score",
        "bound"
    );
    for v in &versions {
        outln!(
            "{:>7}  {:<20}  {:<8}  {:>8}  {:>9.1}  {:>5.1}%  {}{}",
            v.number,
            when(v.made_at),
            printable(&v.staff),
            v.meetings,
            v.figures.score,
            v.figures.percent_of_bound(),
            state(v),
            v.rolled_back_from
                .map_or_else(String::new, |n| format!(" (rollback of {n})"))
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn slate(summit: &SummitOptions, command: &SlateCommand) -> anyhow::Result<ExitCode> {
    let open = match open_summit(summit)? {
        Ok(open) => open,
        Err(code) => return Ok(code),
    };
    match command {
        SlateCommand::Show { number, format } => show(&open, *number, *format)?,
        SlateCommand::Diff { a, b, format } => diff(&open, *a, *b, *format)?,
        SlateCommand::Publish { number, note } => {
            let info = open.publish(*number, note.as_deref())?;
            outln!(
                "published slate version {} ({} meetings); change notices are measured against it",
                info.number,
                info.meetings
            );
        }
        SlateCommand::Rollback { number } => {
            let info = open.rollback(*number)?;
            outln!(
                "made slate version {} equal to version {number} ({} meetings); nothing was deleted",
                info.number,
                info.meetings
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn show(open: &OpenSummit, number: i64, format: Format) -> anyhow::Result<()> {
    let loaded = open.load_slate(Some(number))?;
    let info = &loaded.info;
    match format {
        Format::Json => {
            let meetings: Vec<_> = open
                .to_version_meetings(&loaded.slate)
                .iter()
                .map(meeting_json)
                .collect();
            let mut value = info_json(info);
            value["meeting_list"] = json!(meetings);
            outln!("{}", serde_json::to_string_pretty(&value)?);
        }
        Format::Csv => {
            let bytes = matchslate::export::schedule_csv(open.summit(), &loaded.slate)?;
            outln!("{}", String::from_utf8_lossy(&bytes).trim_end());
        }
        Format::Table => {
            outln!(
                "slate version {} ({}), made {} by {}: {} meetings, {:.1}% of the bound",
                info.number,
                state(info),
                when(info.made_at),
                printable(&info.staff),
                info.meetings,
                info.figures.percent_of_bound()
            );
            let mut meetings = open.to_version_meetings(&loaded.slate);
            meetings.sort_by_key(|m| (m.date, m.start, m.table));
            for m in &meetings {
                outln!(
                    "  {}  {}·{}",
                    place(m),
                    printable(&m.seller_id),
                    printable(&m.buyer_id)
                );
            }
        }
    }
    for misfit in &loaded.misfits {
        eprintln!("warning: {misfit} no longer fits the summit");
    }
    Ok(())
}

/// "2026-05-12 09:20 T5".
fn place(m: &VersionMeeting) -> String {
    format!(
        "{} {} T{}",
        m.date,
        m.start.strftime("%H:%M"),
        u64::from(m.table) + 1
    )
}

fn meeting_json(m: &VersionMeeting) -> serde_json::Value {
    json!({
        "seller_id": m.seller_id, "buyer_id": m.buyer_id, "day": m.date.to_string(),
        "start": m.start.strftime("%H:%M").to_string(), "end": m.end.strftime("%H:%M").to_string(),
        "table": u64::from(m.table) + 1, "score": m.score, "interpreter": m.interpreter,
        "status": m.status.label(),
    })
}
