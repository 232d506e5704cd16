//! After the summit: the event report. The plan is the latest published
//! version (else the latest), reality is the day log (meeting outcomes and
//! attendance); the report compares them per day, per participant and per
//! side, and tells how many wishes the held meetings met.

use std::collections::{BTreeMap, HashMap};

use jiff::civil::Date;

use super::{OpenSummit, SummitError};
use crate::model::Side;
use crate::store::{Attendance, MeetingOutcome, Outcome, VersionInfo, VersionMeeting};
use crate::wishes::{WishReport, wish_report};

/// How many gaps between plan and reality the report lists first.
pub const REPORT_GAPS: usize = 10;

/// Meetings of the plan by what happened to them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct OutcomeCounts {
    pub planned: usize,
    pub held: usize,
    pub no_show: usize,
    pub cancelled: usize,
}

impl OutcomeCounts {
    /// Planned meetings nobody recorded an outcome for.
    pub fn unrecorded(&self) -> usize {
        self.planned - self.held - self.no_show - self.cancelled
    }

    fn add(&mut self, outcome: Option<MeetingOutcome>) {
        self.planned += 1;
        match outcome {
            Some(MeetingOutcome::Held) => self.held += 1,
            Some(MeetingOutcome::NoShow) => self.no_show += 1,
            Some(MeetingOutcome::Cancelled) => self.cancelled += 1,
            None => {}
        }
    }
}

/// One participant's day against the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParticipantReport {
    pub side: Side,
    pub id: String,
    pub company: String,
    pub counts: OutcomeCounts,
    /// No-shows of the plan that are theirs: their attendance that day did
    /// not cover the meeting (absent, late or left).
    pub own_no_shows: usize,
}

impl ParticipantReport {
    /// Planned meetings that did not happen as planned (or are unrecorded).
    pub fn gap(&self) -> usize {
        self.counts.planned - self.counts.held
    }
}

/// One side's no-shows.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct NoShowRate {
    /// No-shows attributed to this side (by attendance).
    pub no_shows: usize,
    /// Planned meetings with an outcome of held or no-show.
    pub meetings: usize,
}

impl NoShowRate {
    /// In percent; 0 when no meeting has an outcome.
    pub fn percent(&self) -> f64 {
        if self.meetings == 0 {
            0.0
        } else {
            100.0 * self.no_shows as f64 / self.meetings as f64
        }
    }
}

/// The event report ([`OpenSummit::event_report`]).
#[derive(Debug, Clone, PartialEq)]
pub struct EventReport {
    /// The plan compared with reality.
    pub plan: VersionInfo,
    pub totals: OutcomeCounts,
    pub days: Vec<(Date, OutcomeCounts)>,
    /// Sellers then buyers, in the data's order.
    pub participants: Vec<ParticipantReport>,
    pub sellers_no_show: NoShowRate,
    pub buyers_no_show: NoShowRate,
    /// No-shows whose participants' attendance covered the meeting, so
    /// who failed to come is not known.
    pub unattributed_no_shows: usize,
    /// Ids of participants with no held meeting, by side.
    pub sellers_without_held: Vec<String>,
    pub buyers_without_held: Vec<String>,
    /// The wishes in force against the held meetings.
    pub wishes_held: WishReport,
    /// Indices into `participants`, biggest gap (planned minus held) first,
    /// at most [`REPORT_GAPS`].
    pub gaps: Vec<usize>,
    /// Outcomes recorded for pairs not in the plan.
    pub off_plan: Vec<Outcome>,
}

impl EventReport {
    pub fn gap_rows(&self) -> impl Iterator<Item = &ParticipantReport> {
        self.gaps.iter().filter_map(|&i| self.participants.get(i))
    }
}

/// Whether `who`'s attendance on the meeting's day leaves them away at its
/// time.
fn away(attendance: &HashMap<(&str, Date), &Attendance>, who: &str, m: &VersionMeeting) -> bool {
    attendance
        .get(&(who, m.date))
        .is_some_and(|a| !a.presence.allows(m.start, m.end))
}

impl OpenSummit {
    /// Compares the plan (the latest published version, else the latest)
    /// with the recorded outcomes and attendance.
    pub fn event_report(&self) -> Result<EventReport, SummitError> {
        let plan = match self.store.latest_published()? {
            Some(v) => v,
            None => self.store.latest_version()?.ok_or(SummitError::NoSlate)?,
        };
        let meetings = self.store.version_meetings(plan.number)?;
        let outcomes = self.store.outcomes()?;
        let attendance_rows = self.store.attendance()?;
        let attendance: HashMap<(&str, Date), &Attendance> = (attendance_rows.iter())
            .map(|a| ((a.participant_id.as_str(), a.day), a))
            .collect();
        let outcome_of: HashMap<(&str, &str), MeetingOutcome> = (outcomes.iter())
            .map(|o| ((o.seller_id.as_str(), o.buyer_id.as_str()), o.outcome))
            .collect();
        let summit = self.summit();
        let mut participants: Vec<ParticipantReport> = (summit.sellers.iter())
            .map(|s| (Side::Seller, &s.id, &s.company))
            .chain(
                summit
                    .buyers
                    .iter()
                    .map(|b| (Side::Buyer, &b.id, &b.company)),
            )
            .map(|(side, id, company)| ParticipantReport {
                side,
                id: id.clone(),
                company: company.clone(),
                counts: OutcomeCounts::default(),
                own_no_shows: 0,
            })
            .collect();
        let (mut totals, mut days) = (OutcomeCounts::default(), BTreeMap::new());
        let (mut sellers_no_show, mut buyers_no_show) =
            (NoShowRate::default(), NoShowRate::default());
        let mut unattributed = 0;
        let mut held_pairs = Vec::new();
        let ids = &self.ids;
        // Sellers' rows first, then buyers'.
        let sellers = summit.sellers.len();
        for m in &meetings {
            let outcome = outcome_of
                .get(&(m.seller_id.as_str(), m.buyer_id.as_str()))
                .copied();
            totals.add(outcome);
            days.entry(m.date)
                .or_insert_with(OutcomeCounts::default)
                .add(outcome);
            let (seller, buyer) = (ids.seller(&m.seller_id), ids.buyer(&m.buyer_id));
            let rows = [seller, buyer.map(|b| sellers + b)];
            for row in rows.into_iter().flatten() {
                participants[row].counts.add(outcome);
            }
            if matches!(outcome, Some(MeetingOutcome::Held | MeetingOutcome::NoShow)) {
                sellers_no_show.meetings += 1;
                buyers_no_show.meetings += 1;
            }
            if outcome == Some(MeetingOutcome::Held)
                && let (Some(s), Some(b)) = (seller, buyer)
            {
                held_pairs.push((s, b));
            }
            if outcome != Some(MeetingOutcome::NoShow) {
                continue;
            }
            let seller_away = away(&attendance, &m.seller_id, m);
            let buyer_away = away(&attendance, &m.buyer_id, m);
            sellers_no_show.no_shows += usize::from(seller_away);
            buyers_no_show.no_shows += usize::from(buyer_away);
            unattributed += usize::from(!seller_away && !buyer_away);
            for (away, row) in [(seller_away, rows[0]), (buyer_away, rows[1])] {
                if let (true, Some(row)) = (away, row) {
                    participants[row].own_no_shows += 1;
                }
            }
        }
        let without = |side: Side| -> Vec<String> {
            (participants.iter())
                .filter(|p| p.side == side && p.counts.held == 0)
                .map(|p| p.id.clone())
                .collect()
        };
        let (sellers_without_held, buyers_without_held) =
            (without(Side::Seller), without(Side::Buyer));
        let mut gaps: Vec<usize> = (0..participants.len())
            .filter(|&i| participants[i].gap() > 0)
            .collect();
        gaps.sort_by_key(|&i| (std::cmp::Reverse(participants[i].gap()), i));
        gaps.truncate(REPORT_GAPS);
        let planned: std::collections::HashSet<(&str, &str)> = (meetings.iter())
            .map(|m| (m.seller_id.as_str(), m.buyer_id.as_str()))
            .collect();
        let off_plan = (outcomes.iter())
            .filter(|o| !planned.contains(&(o.seller_id.as_str(), o.buyer_id.as_str())))
            .cloned()
            .collect();
        Ok(EventReport {
            plan,
            totals,
            days: days.into_iter().collect(),
            participants,
            sellers_no_show,
            buyers_no_show,
            unattributed_no_shows: unattributed,
            sellers_without_held,
            buyers_without_held,
            wishes_held: wish_report(self.wishes(), held_pairs),
            gaps,
            off_plan,
        })
    }
}

/// The report's files.
pub const REPORT_FILES: [&str; 4] = [
    "report-figures.csv",
    "report-days.csv",
    "report-participants.csv",
    "report-gaps.csv",
];

fn count_cells(c: &OutcomeCounts) -> [String; 5] {
    [c.planned, c.held, c.no_show, c.cancelled, c.unrecorded()].map(|n| n.to_string())
}

const COUNT_HEADER: [&str; 5] = ["planned", "held", "no_show", "cancelled", "unrecorded"];

impl EventReport {
    /// The figures as (name, value) lines, the same in the CSV and on
    /// screen.
    pub fn figures(&self) -> Vec<(String, String)> {
        let t = &self.totals;
        let rate =
            |r: &NoShowRate| format!("{:.1}% ({} of {})", r.percent(), r.no_shows, r.meetings);
        let w = &self.wishes_held;
        let one_sided = w.from_buyers.all.met + w.from_sellers.all.met;
        let one_sided_made = w.from_buyers.all.made + w.from_sellers.all.made;
        vec![
            (
                "plan (slate version)".to_string(),
                self.plan.number.to_string(),
            ),
            ("meetings planned".to_string(), t.planned.to_string()),
            ("meetings held".to_string(), t.held.to_string()),
            ("meetings no-show".to_string(), t.no_show.to_string()),
            ("meetings cancelled".to_string(), t.cancelled.to_string()),
            (
                "meetings with no outcome recorded".to_string(),
                t.unrecorded().to_string(),
            ),
            (
                "no-show rate, sellers".to_string(),
                rate(&self.sellers_no_show),
            ),
            (
                "no-show rate, buyers".to_string(),
                rate(&self.buyers_no_show),
            ),
            (
                "no-shows not attributed (attendance covered both)".to_string(),
                self.unattributed_no_shows.to_string(),
            ),
            (
                "sellers with no held meeting".to_string(),
                self.sellers_without_held.len().to_string(),
            ),
            (
                "buyers with no held meeting".to_string(),
                self.buyers_without_held.len().to_string(),
            ),
            (
                "mutual wishes met by held meetings".to_string(),
                format!("{} of {}", w.mutual.met, w.mutual.made),
            ),
            (
                "one-sided wishes met by held meetings".to_string(),
                format!("{one_sided} of {one_sided_made}"),
            ),
            (
                "outcomes for meetings not in the plan".to_string(),
                self.off_plan.len().to_string(),
            ),
        ]
    }

    /// The four CSV tables of [`REPORT_FILES`].
    pub fn tables(&self) -> Vec<crate::export::CsvTable> {
        use crate::export::CsvTable;
        let figures = CsvTable {
            name: REPORT_FILES[0],
            header: vec!["figure", "value"],
            rows: self
                .figures()
                .into_iter()
                .map(|(k, v)| vec![k, v])
                .collect(),
        };
        let days = CsvTable {
            name: REPORT_FILES[1],
            header: [&["day"][..], &COUNT_HEADER].concat(),
            rows: (self.days.iter())
                .map(|(day, c)| [vec![day.to_string()], count_cells(c).to_vec()].concat())
                .collect(),
        };
        let row = |p: &ParticipantReport| {
            let mut cells = vec![p.side.word().to_string(), p.id.clone(), p.company.clone()];
            cells.extend(count_cells(&p.counts));
            cells.push(p.own_no_shows.to_string());
            cells.push(p.gap().to_string());
            cells
        };
        let header = [
            &["side", "id", "company"][..],
            &COUNT_HEADER,
            &["own_no_shows", "gap"],
        ]
        .concat();
        let participants = CsvTable {
            name: REPORT_FILES[2],
            header: header.clone(),
            rows: self.participants.iter().map(row).collect(),
        };
        let gaps = CsvTable {
            name: REPORT_FILES[3],
            header,
            rows: self.gap_rows().map(row).collect(),
        };
        vec![figures, days, participants, gaps]
    }

    /// Writes [`REPORT_FILES`] into `out` as one set.
    pub fn write(&self, out: &std::path::Path) -> Result<Vec<std::path::PathBuf>, SummitError> {
        Ok(crate::export::write_tables(out, &self.tables())?)
    }
}
