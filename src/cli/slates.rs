//! `matchslate slates`, `slate show|diff|publish|rollback` and `export`:
//! slate versions from the command line. Each calls one `summit` use case
//! and prints its result.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Subcommand, ValueEnum};
use matchslate::store::{MeetingChange, VersionInfo, VersionMeeting};
use matchslate::summit::{OpenSummit, SummitOptions};
use serde_json::json;

use super::{printable, report_invalid};

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

fn open(options: &SummitOptions) -> anyhow::Result<Result<OpenSummit, ExitCode>> {
    match OpenSummit::open(options) {
        Ok(open) => Ok(Ok(open)),
        Err(err) => report_invalid(err).map(Err),
    }
}

/// "2026-05-12 08:41 UTC".
fn when(at: jiff::Timestamp) -> String {
    at.strftime("%Y-%m-%d %H:%M UTC").to_string()
}

fn state(info: &VersionInfo) -> &'static str {
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
    let open = match open(summit)? {
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
    let open = match open(summit)? {
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

fn change_parts(
    change: &MeetingChange,
) -> (
    &'static str,
    Option<&VersionMeeting>,
    Option<&VersionMeeting>,
) {
    match change {
        MeetingChange::Added(m) => ("added", None, Some(m)),
        MeetingChange::Cancelled(m) => ("cancelled", Some(m), None),
        MeetingChange::Moved { from, to } => ("moved", Some(from), Some(to)),
    }
}

fn diff(open: &OpenSummit, a: i64, b: Option<i64>, format: Format) -> anyhow::Result<()> {
    let diff = open.slate_diff(a, b)?;
    let (added, cancelled, moved) = diff.totals();
    match format {
        Format::Json => {
            let changes: Vec<_> = diff
                .changes
                .iter()
                .map(|c| {
                    let (kind, from, to) = change_parts(c);
                    json!({
                        "change": kind,
                        "seller_id": c.meeting().seller_id,
                        "buyer_id": c.meeting().buyer_id,
                        "from": from.map(meeting_json),
                        "to": to.map(meeting_json),
                    })
                })
                .collect();
            let value = json!({
                "from": diff.from, "to": diff.to,
                "added": added, "cancelled": cancelled, "moved": moved,
                "changes": changes,
            });
            outln!("{}", serde_json::to_string_pretty(&value)?);
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record([
                "participant_id",
                "side",
                "change",
                "with_id",
                "old_day",
                "old_start",
                "old_table",
                "new_day",
                "new_start",
                "new_table",
            ])?;
            for (side, id, with, change) in per_participant(&diff) {
                let (kind, from, to) = change_parts(change);
                let cells = |m: Option<&VersionMeeting>| match m {
                    Some(m) => [
                        m.date.to_string(),
                        m.start.strftime("%H:%M").to_string(),
                        (u64::from(m.table) + 1).to_string(),
                    ],
                    None => Default::default(),
                };
                let mut row = vec![
                    matchslate::export::neutralise(id).into_owned(),
                    side.to_string(),
                    kind.to_string(),
                    matchslate::export::neutralise(with).into_owned(),
                ];
                row.extend(cells(from));
                row.extend(cells(to));
                w.write_record(&row)?;
            }
            outln!("{}", String::from_utf8_lossy(&w.into_inner()?).trim_end());
        }
        Format::Table => {
            outln!(
                "slate {} → slate {}: {added} added, {cancelled} cancelled, {moved} moved",
                diff.from,
                diff.to
            );
            let mut last: Option<(&str, &str)> = None;
            for (side, id, with, change) in per_participant(&diff) {
                if last != Some((side, id)) {
                    outln!("{side} {}", printable(id));
                    last = Some((side, id));
                }
                let line = match change {
                    MeetingChange::Added(m) => {
                        format!("added      with {}  {}", printable(with), place(m))
                    }
                    MeetingChange::Cancelled(m) => {
                        format!("cancelled  with {}  was {}", printable(with), place(m))
                    }
                    MeetingChange::Moved { from, to } => format!(
                        "moved      with {}  {} → {}",
                        printable(with),
                        place(from),
                        place(to)
                    ),
                };
                outln!("  {line}");
            }
        }
    }
    Ok(())
}

/// Each change twice, once for the seller and once for the buyer (the
/// library's order: sellers first, then buyers, each by id).
fn per_participant(
    diff: &matchslate::summit::SlateDiff,
) -> Vec<(&'static str, &str, &str, &MeetingChange)> {
    (diff.per_participant().into_iter())
        .map(|row| {
            let side = match row.side {
                matchslate::model::Side::Seller => "seller",
                matchslate::model::Side::Buyer => "buyer",
            };
            (side, row.id, row.with, row.change)
        })
        .collect()
}

pub struct ExportOptions {
    pub slate: Option<i64>,
    pub changes_since: Option<i64>,
    pub out: Option<PathBuf>,
}

pub fn export(summit: &SummitOptions, options: &ExportOptions) -> anyhow::Result<ExitCode> {
    let open = match open(summit)? {
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
