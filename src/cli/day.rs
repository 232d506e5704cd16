//! `matchslate checkin`, `outcome` and `repair`: the summit day from the
//! command line.

use std::process::ExitCode;

use clap::ValueEnum;
use jiff::civil::{Date, DateTime, Time};
use matchslate::model::Side;
use matchslate::store::{MeetingChange, MeetingOutcome, Presence, VersionMeeting};
use matchslate::summit::{
    CodeError, SlateOptions, SummitError, SummitOptions, changes_by_participant, describe_meeting,
};

use super::{UsageError, open_summit, printable};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Attendance {
    Present,
    Absent,
    /// Arrives late: give --until HH:MM.
    Late,
    /// Left early: give --from HH:MM.
    Left,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Happened {
    Held,
    NoShow,
    Cancelled,
    /// No outcome (undoes a mistake).
    Clear,
}

pub struct CheckinOptions<'a> {
    pub id: &'a str,
    pub state: Attendance,
    pub until: Option<Time>,
    pub from: Option<Time>,
    pub day: Option<Date>,
    pub note: Option<&'a str>,
}

fn usage(text: &str) -> anyhow::Error {
    UsageError(text.to_string()).into()
}

pub fn checkin(summit: &SummitOptions, options: &CheckinOptions) -> anyhow::Result<ExitCode> {
    let presence = match (options.state, options.until, options.from) {
        (Attendance::Present, None, None) => Presence::Present,
        (Attendance::Absent, None, None) => Presence::Absent,
        (Attendance::Late, Some(until), None) => Presence::Late { until },
        (Attendance::Left, None, Some(from)) => Presence::Left { from },
        (Attendance::Late, ..) => return Err(usage("late needs --until HH:MM (and no --from)")),
        (Attendance::Left, ..) => return Err(usage("left needs --from HH:MM (and no --until)")),
        _ => return Err(usage("--until goes with late, --from with left")),
    };
    let open = match open_summit(summit)? {
        Ok(open) => open,
        Err(code) => return Ok(code),
    };
    let day = open.event_day(options.day)?;
    let written = open.checkin(options.id, presence, Some(day), options.note)?;
    let time = match presence {
        Presence::Late { until } => format!(" until {}", until.strftime("%H:%M")),
        Presence::Left { from } => format!(" from {}", from.strftime("%H:%M")),
        Presence::Present | Presence::Absent => String::new(),
    };
    let already = if written.is_none() {
        " (already so)"
    } else {
        ""
    };
    outln!(
        "{} on {day}: {}{time}{already} (by {})",
        printable(options.id),
        presence.word(),
        printable(open.staff())
    );
    Ok(ExitCode::SUCCESS)
}

/// The meeting an `outcome` names: its printed code, or the pair's ids.
pub struct Which<'a> {
    pub code: Option<&'a str>,
    pub seller: Option<&'a str>,
    pub buyer: Option<&'a str>,
}

pub fn outcome(
    summit: &SummitOptions,
    which: &Which,
    happened: Happened,
    note: Option<&str>,
) -> anyhow::Result<ExitCode> {
    let open = match open_summit(summit)? {
        Ok(open) => open,
        Err(code) => return Ok(code),
    };
    let outcome = match happened {
        Happened::Held => Some(MeetingOutcome::Held),
        Happened::NoShow => Some(MeetingOutcome::NoShow),
        Happened::Cancelled => Some(MeetingOutcome::Cancelled),
        Happened::Clear => None,
    };
    let (seller, buyer) = match (which.code, which.seller, which.buyer) {
        (Some(code), ..) => match open.meeting_by_code(code) {
            Ok(m) => (m.seller_id, m.buyer_id),
            Err(SummitError::Code(CodeError::Ambiguous { code, candidates })) => {
                return ambiguous(&code, &candidates, happened);
            }
            Err(other) => return Err(other.into()),
        },
        (None, Some(seller), Some(buyer)) => (seller.to_string(), buyer.to_string()),
        _ => {
            return Err(usage(
                "name the meeting by its CODE, or by --seller ID --buyer ID",
            ));
        }
    };
    open.outcome(&seller, &buyer, outcome, note)?;
    outln!(
        "{} × {}: {} (by {})",
        printable(&seller),
        printable(&buyer),
        outcome.map_or("no outcome", MeetingOutcome::word),
        printable(open.staff())
    );
    Ok(ExitCode::SUCCESS)
}

/// Two meetings share the code: list them with the command that records
/// each; exit code 1, nothing recorded.
fn ambiguous(
    code: &str,
    candidates: &[VersionMeeting],
    happened: Happened,
) -> anyhow::Result<ExitCode> {
    let verb = happened
        .to_possible_value()
        .map_or_else(String::new, |v| v.get_name().to_string());
    eprintln!(
        "error: code {code} names {} meetings; nothing recorded. Type the one you mean:",
        candidates.len()
    );
    for m in candidates {
        eprintln!("  {}", printable(&describe_meeting(m)));
        eprintln!(
            "    matchslate outcome {verb} --seller {} --buyer {}",
            printable(&m.seller_id),
            printable(&m.buyer_id)
        );
    }
    Ok(ExitCode::from(super::EXIT_FAILURE))
}

fn place(m: &VersionMeeting) -> String {
    format!(
        "{} {}, table {}",
        m.date,
        m.start.strftime("%H:%M"),
        m.table + 1
    )
}

pub fn repair(
    summit: &SummitOptions,
    now: DateTime,
    apply: bool,
    options: &SlateOptions,
) -> anyhow::Result<ExitCode> {
    let open = match open_summit(summit)? {
        Ok(open) => open,
        Err(code) => return Ok(code),
    };
    let proposal = open.repair(now, options)?;
    // Per participant: what they gain, lose or see moved.
    let mut lines: Vec<(String, Vec<String>)> = Vec::new();
    for who in changes_by_participant(&proposal.changes) {
        let mut mine = Vec::new();
        for change in &who.changes {
            let m = change.meeting();
            let other = match who.side {
                Side::Seller => &m.buyer_id,
                Side::Buyer => &m.seller_id,
            };
            let line = match change {
                MeetingChange::Added(m) => format!("  added      {} with {other}", place(m)),
                MeetingChange::Cancelled(m) => {
                    format!("  cancelled  {} with {other}", place(m))
                }
                MeetingChange::Moved { from, to } => {
                    format!("  moved      {} → {} with {other}", place(from), place(to))
                }
            };
            mine.push(printable(&line));
        }
        lines.push((who.id, mine));
    }
    outln!(
        "repair of slate version {} from {}:",
        proposal.base.number,
        now.strftime("%Y-%m-%d %H:%M")
    );
    for (who, changes) in &lines {
        outln!("{}", printable(who));
        for line in changes {
            outln!("{line}");
        }
    }
    let f = proposal.figures();
    outln!("meetings kept:                 {}", f.kept + f.past);
    outln!("meetings moved:                {}", f.moved);
    outln!("meetings lost to absences:     {}", f.lost_to_absences);
    outln!("meetings lost otherwise:       {}", f.lost_otherwise);
    outln!(
        "replacements found:            {} (for {} of the {} who lost a meeting)",
        f.replacements,
        f.replaced_participants,
        f.lost_participants
    );
    outln!(
        "meetings given to walk-ins:    {} ({} without a meeting in version {})",
        f.walk_in_meetings,
        proposal.walk_ins.len(),
        proposal.base.number
    );
    outln!(
        "participants whose agenda changed: {}",
        f.changed_participants
    );
    if apply {
        let version = open.apply_repair(&proposal, options)?;
        outln!(
            "saved as slate version {} (not published); publish it with `matchslate slate \
             publish {}`, then `matchslate export --changes-since {}` writes the notices",
            version.number,
            version.number,
            proposal.base.number
        );
    } else {
        outln!("nothing saved; run again with --apply to save this as a new version");
    }
    Ok(ExitCode::SUCCESS)
}
