//! What the welcome desk's check-in view needs: the day's participants with
//! their attendance and next meeting, found by typing, and the venue's
//! clock for "repair from now".

use std::collections::HashMap;

use jiff::civil::{Date, DateTime, Time};

use super::{OpenSummit, SummitError};
use crate::model::{DatedRange, Side};
use crate::store::{Presence, VersionMeeting};

/// A participant's next meeting on the day.
#[derive(Debug, Clone, PartialEq)]
pub struct NextMeeting {
    /// The counterpart's id and company.
    pub with_id: String,
    pub with_company: String,
    pub start: Time,
    pub end: Time,
    /// 0-based.
    pub table: u32,
    /// As printed beside the meeting on the agendas.
    pub code: String,
}

/// One row of the check-in view.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckinRow {
    pub side: Side,
    /// Index into the summit's sellers or buyers.
    pub index: usize,
    pub id: String,
    pub company: String,
    /// `None` when nobody recorded their attendance that day (they count
    /// as present).
    pub presence: Option<Presence>,
    /// Their meetings that day on the slate.
    pub meetings_today: usize,
    /// The first meeting that day starting at or after `now`.
    pub next: Option<NextMeeting>,
}

/// Whether someone with these hours can be there on `day` (no hours means
/// the whole event).
fn comes_on(available: &[DatedRange], day: Date) -> bool {
    available.is_empty() || available.iter().any(|r| r.date == day)
}

impl OpenSummit {
    /// The venue's clock now, in the event's time zone (UTC if the zone is
    /// unknown): the `now` for [`OpenSummit::repair`] and
    /// [`OpenSummit::checkin_rows`].
    pub fn venue_now(&self) -> DateTime {
        let tz = jiff::tz::TimeZone::get(&self.summit().event.timezone)
            .unwrap_or(jiff::tz::TimeZone::UTC);
        jiff::Timestamp::now().to_zoned_datetime(tz).datetime()
    }

    /// The check-in view for `day`: every participant expected that day
    /// (their hours include it, or they have a meeting on it), sellers
    /// first, whose id or company contains `filter` (any case; empty for
    /// all), with their attendance and next meeting from `now` on the
    /// latest published slate (else the latest; no meetings before any).
    pub fn checkin_rows(
        &self,
        day: Date,
        now: Time,
        filter: &str,
    ) -> Result<Vec<CheckinRow>, SummitError> {
        let summit = self.summit();
        let base = match self.store.latest_published()? {
            Some(v) => Some(v),
            None => self.store.latest_version()?,
        };
        let meetings = match base {
            Some(v) => self.store.version_meetings(v.number)?,
            None => Vec::new(),
        };
        let today: Vec<&VersionMeeting> = meetings.iter().filter(|m| m.date == day).collect();
        let presence: HashMap<String, Presence> = (self.store.attendance()?.into_iter())
            .filter(|a| a.day == day)
            .map(|a| (a.participant_id, a.presence))
            .collect();
        let companies: HashMap<&str, &str> = (summit.sellers.iter())
            .map(|s| (s.id.as_str(), s.company.as_str()))
            .chain(
                summit
                    .buyers
                    .iter()
                    .map(|b| (b.id.as_str(), b.company.as_str())),
            )
            .collect();
        let needle = filter.trim().to_lowercase();
        let everyone = (summit.sellers.iter().enumerate())
            .map(|(i, s)| (Side::Seller, i, &s.id, &s.company, &s.available))
            .chain(
                (summit.buyers.iter().enumerate())
                    .map(|(i, b)| (Side::Buyer, i, &b.id, &b.company, &b.available)),
            );
        let mut rows = Vec::new();
        for (side, index, id, company, available) in everyone {
            let matches = needle.is_empty()
                || id.to_lowercase().contains(&needle)
                || company.to_lowercase().contains(&needle);
            if !matches {
                continue;
            }
            let mine: Vec<&&VersionMeeting> = (today.iter())
                .filter(|m| match side {
                    Side::Seller => &m.seller_id == id,
                    Side::Buyer => &m.buyer_id == id,
                })
                .collect();
            if mine.is_empty() && !comes_on(available, day) {
                continue;
            }
            let next = (mine.iter())
                .filter(|m| m.start >= now)
                .min_by_key(|m| m.start)
                .map(|m| {
                    let with = match side {
                        Side::Seller => &m.buyer_id,
                        Side::Buyer => &m.seller_id,
                    };
                    NextMeeting {
                        with_id: with.clone(),
                        with_company: companies.get(with.as_str()).unwrap_or(&"").to_string(),
                        start: m.start,
                        end: m.end,
                        table: m.table,
                        code: crate::export::print::meeting_code(&m.seller_id, &m.buyer_id),
                    }
                });
            rows.push(CheckinRow {
                side,
                index,
                id: id.clone(),
                company: company.clone(),
                presence: presence.get(id.as_str()).copied(),
                meetings_today: mine.len(),
                next,
            });
        }
        Ok(rows)
    }
}
