//! `matchslate slate diff A [B]`: what changed between two versions, per
//! participant, as a table, CSV or JSON.

use matchslate::store::{MeetingChange, VersionMeeting};
use matchslate::summit::OpenSummit;
use serde_json::json;

use super::{Format, meeting_json, place};
use crate::cli::printable;

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

pub(super) fn diff(
    open: &OpenSummit,
    a: i64,
    b: Option<i64>,
    format: Format,
) -> anyhow::Result<()> {
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
        .map(|row| (row.side.word(), row.id, row.with, row.change))
        .collect()
}
