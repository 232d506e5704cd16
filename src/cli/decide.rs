//! `matchslate decide` and `matchslate decisions`: staff decisions from
//! scripts, recorded in the same SQLite log the review desk writes.

use std::process::ExitCode;

use clap::ValueEnum;
use matchslate::model::DecisionKind;
use matchslate::summit::{Decision, SummitOptions, Verdict, check_lock, place_label};
use serde::Serialize;

use super::open_summit;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Verb {
    /// The pair must meet.
    Accept,
    /// The pair must never meet.
    Reject,
    /// The pair must meet at --slot and --table.
    Lock,
    /// Back to undecided.
    Clear,
}

pub struct DecideOptions<'a> {
    pub verb: Verb,
    pub seller: &'a str,
    pub buyer: &'a str,
    /// 1-based, as in schedule.csv.
    pub slot: Option<usize>,
    pub table: Option<u32>,
    pub note: Option<&'a str>,
}

pub fn decide(summit: &SummitOptions, options: &DecideOptions) -> anyhow::Result<ExitCode> {
    // Silently ignoring them would record something else than was asked.
    if options.verb != Verb::Lock && (options.slot.is_some() || options.table.is_some()) {
        return Err(usage(
            "--slot and --table apply only to `decide lock`; leave them out, or lock the pair",
        ));
    }
    let mut open = match open_summit(summit)? {
        Ok(open) => open,
        Err(code) => return Ok(code),
    };
    let seller = open.seller_index(options.seller)?;
    let buyer = open.buyer_index(options.buyer)?;
    let action = match options.verb {
        Verb::Accept => Verdict::Accept,
        Verb::Reject => Verdict::Reject,
        Verb::Clear => Verdict::Clear,
        Verb::Lock => {
            let (Some(slot), Some(table)) = (options.slot, options.table) else {
                return Err(usage(
                    "lock needs --slot N and --table T (both counted from 1, as in schedule.csv)",
                ));
            };
            // Counted from 1 here; 0 wraps to a number no event has.
            let (slot, table) = (slot.wrapping_sub(1), table.wrapping_sub(1));
            if let Err(e) = check_lock(open.summit(), slot, table) {
                return Err(usage(&format!("--{e}")));
            }
            Verdict::Lock { slot, table }
        }
    };
    open.decide(Decision {
        seller,
        buyer,
        verdict: action,
        note: options.note,
    })?;
    let state = open
        .decision(seller, buyer)
        .map_or("undecided".to_string(), |d| describe(open.summit(), d.kind));
    outln!(
        "{} × {}: {state} (by {})",
        super::printable(&open.summit().sellers[seller].id),
        super::printable(&open.summit().buyers[buyer].id),
        open.staff()
    );
    if matches!(action, Verdict::Accept | Verdict::Lock { .. })
        && let Some(warning) = open.avoid_warning(seller, buyer)
    {
        use std::io::Write as _;
        writeln!(std::io::stderr(), "warning: {}", super::printable(&warning))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// A usage problem found after parsing; exits with 2 like clap's own.
fn usage(message: &str) -> anyhow::Error {
    anyhow::Error::new(super::UsageError(message.to_string()))
}

fn describe(summit: &matchslate::model::Summit, kind: DecisionKind) -> String {
    match kind {
        DecisionKind::Locked { slot, table } => {
            format!("locked at {}", place_label(summit, slot, table))
        }
        other => other.label().to_string(),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
}

#[derive(Serialize)]
struct Row<'a> {
    seller_id: &'a str,
    buyer_id: &'a str,
    decision: &'static str,
    slot: Option<usize>,
    table: Option<u32>,
    staff: &'a str,
    at: String,
    note: Option<&'a str>,
}

pub fn list(summit: &SummitOptions, format: ListFormat) -> anyhow::Result<ExitCode> {
    let open = match open_summit(summit)? {
        Ok(open) => open,
        Err(code) => return Ok(code),
    };
    let mut decided: Vec<_> = open.decisions().iter().collect();
    decided.sort_by(|a, b| {
        let key = |&(&(s, b), _): &(&(usize, usize), _)| {
            (
                open.summit().buyers[b].id.as_str(),
                open.summit().sellers[s].id.as_str(),
            )
        };
        key(a).cmp(&key(b))
    });
    let rows: Vec<Row> = decided
        .iter()
        .map(|&(&(s, b), d)| {
            let (slot, table) = match d.kind {
                DecisionKind::Locked { slot, table } => (Some(slot + 1), Some(table + 1)),
                _ => (None, None),
            };
            Row {
                seller_id: &open.summit().sellers[s].id,
                buyer_id: &open.summit().buyers[b].id,
                decision: d.kind.label(),
                slot,
                table,
                staff: &d.staff,
                at: d.at_utc(),
                note: d.note.as_deref(),
            }
        })
        .collect();
    match format {
        ListFormat::Json => outln!("{}", serde_json::to_string_pretty(&rows)?),
        ListFormat::Table => {
            if rows.is_empty() {
                outln!("no decisions yet");
            }
            for r in &rows {
                let place = match (r.slot, r.table) {
                    (Some(s), Some(t)) => {
                        format!(" at {}", place_label(open.summit(), s - 1, t - 1))
                    }
                    _ => String::new(),
                };
                let note = r
                    .note
                    .map(|n| format!("  \"{}\"", super::printable(n)))
                    .unwrap_or_default();
                outln!(
                    "{:<8} {:<8} {}{place}  by {} at {} UTC{note}",
                    r.buyer_id,
                    r.seller_id,
                    r.decision,
                    super::printable(r.staff),
                    r.at
                );
            }
        }
    }
    if open.stale_decisions() > 0 {
        eprintln!(
            "note: {} decision(s) name participants no longer in the data; they are kept in the log",
            open.stale_decisions()
        );
    }
    Ok(ExitCode::SUCCESS)
}
