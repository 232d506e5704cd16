//! A version's meetings packed into one value (schema step 5): columns of
//! small numbers over tables of the distinct ids, dates and times, as JSON
//! (serde_json), sorted by seller id then buyer id. One row per version
//! instead of one per meeting makes saving 20,000 meetings a single write
//! and reading them back a single parse; the sorted order lets a diff walk
//! two versions side by side.

use std::collections::HashMap;
use std::hash::Hash;

use foldhash::fast::FixedState;
use jiff::civil::{Date, Time};
use serde::{Deserialize, Serialize};

use super::VersionMeeting;
use crate::model::MeetingStatus;

/// Columns, one entry per meeting, indexing the tables. `S` is the id
/// type: borrowed when packing (no id is copied), owned when unpacking.
#[derive(Debug, Serialize, Deserialize)]
struct Packed<S> {
    ids: Vec<S>,
    dates: Vec<Date>,
    times: Vec<Time>,
    seller: Vec<u32>,
    buyer: Vec<u32>,
    date: Vec<u32>,
    start: Vec<u32>,
    end: Vec<u32>,
    table: Vec<u32>,
    score: Vec<f64>,
    interpreter: Vec<u8>,
    /// 0 proposed, 1 accepted, 2 locked.
    status: Vec<u8>,
}

/// Each distinct value once, in first-seen order. Hashed with foldhash:
/// the values are ours to index, not keys an attacker picks to collide,
/// and SipHash was a third of a save's time.
struct Table<T> {
    values: Vec<T>,
    index: HashMap<T, u32, FixedState>,
}

impl<T: Copy + Eq + Hash> Table<T> {
    fn new() -> Self {
        Table {
            values: Vec::new(),
            index: HashMap::with_hasher(FixedState::default()),
        }
    }

    fn of(&mut self, value: T) -> u32 {
        let next = self.values.len() as u32;
        let i = *self.index.entry(value).or_insert(next);
        if i == next {
            self.values.push(value);
        }
        i
    }
}

fn status_code(status: MeetingStatus) -> u8 {
    match status {
        MeetingStatus::Proposed => 0,
        MeetingStatus::Accepted => 1,
        MeetingStatus::Locked => 2,
    }
}

/// Why meetings cannot be packed: a pair twice, or a score that is not a
/// number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct PackRefused(pub String);

/// The meetings sorted by (seller id, buyer id), each pair once.
pub(super) fn sorted(meetings: &[VersionMeeting]) -> Result<Vec<&VersionMeeting>, PackRefused> {
    let mut order: Vec<&VersionMeeting> = meetings.iter().collect();
    order.sort_unstable_by(|a, b| (&a.seller_id, &a.buyer_id).cmp(&(&b.seller_id, &b.buyer_id)));
    for pair in order.windows(2) {
        if (&pair[0].seller_id, &pair[0].buyer_id) == (&pair[1].seller_id, &pair[1].buyer_id) {
            return Err(PackRefused(format!(
                "{}·{} is twice in one slate",
                pair[0].seller_id, pair[0].buyer_id
            )));
        }
    }
    Ok(order)
}

/// Packs `meetings` (any order).
pub(super) fn pack(meetings: &[VersionMeeting]) -> Result<Vec<u8>, PackRefused> {
    let order = sorted(meetings)?;
    let n = order.len();
    let (mut ids, mut dates, mut times) = (Table::new(), Table::new(), Table::new());
    let mut p = Packed {
        ids: Vec::new(),
        dates: Vec::new(),
        times: Vec::new(),
        seller: Vec::with_capacity(n),
        buyer: Vec::with_capacity(n),
        date: Vec::with_capacity(n),
        start: Vec::with_capacity(n),
        end: Vec::with_capacity(n),
        table: Vec::with_capacity(n),
        score: Vec::with_capacity(n),
        interpreter: Vec::with_capacity(n),
        status: Vec::with_capacity(n),
    };
    for m in order {
        if !m.score.is_finite() {
            return Err(PackRefused(format!(
                "{}·{} has a score that is not a number",
                m.seller_id, m.buyer_id
            )));
        }
        p.seller.push(ids.of(m.seller_id.as_str()));
        p.buyer.push(ids.of(m.buyer_id.as_str()));
        p.date.push(dates.of(m.date));
        p.start.push(times.of(m.start));
        p.end.push(times.of(m.end));
        p.table.push(m.table);
        p.score.push(m.score);
        p.interpreter.push(u8::from(m.interpreter));
        p.status.push(status_code(m.status));
    }
    (p.ids, p.dates, p.times) = (ids.values, dates.values, times.values);
    // About 40 bytes a meeting plus the ids: one allocation, no regrowing.
    let id_bytes: usize = p.ids.iter().map(|id| id.len() + 3).sum();
    let mut out = Vec::with_capacity(n * 48 + id_bytes + 256);
    serde_json::to_writer(&mut out, &p).map_err(|e| PackRefused(e.to_string()))?;
    Ok(out)
}

/// Unpacks meetings, sorted by seller id then buyer id; `Err` names what
/// is wrong with a damaged value.
pub(super) fn unpack(bytes: &[u8]) -> Result<Vec<VersionMeeting>, String> {
    let p: Packed<String> = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
    let n = p.seller.len();
    let lengths = [
        p.buyer.len(),
        p.date.len(),
        p.start.len(),
        p.end.len(),
        p.table.len(),
        p.score.len(),
        p.interpreter.len(),
        p.status.len(),
    ];
    if lengths.iter().any(|&len| len != n) {
        return Err(format!("columns of unequal length ({n} and {lengths:?})"));
    }
    let at = |table: &str, len: usize, i: u32| -> Result<usize, String> {
        let i = i as usize;
        if i < len {
            Ok(i)
        } else {
            Err(format!("{table} {i} of {len}"))
        }
    };
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let status = match p.status[i] {
            0 => MeetingStatus::Proposed,
            1 => MeetingStatus::Accepted,
            2 => MeetingStatus::Locked,
            other => return Err(format!("status {other}")),
        };
        out.push(VersionMeeting {
            seller_id: p.ids[at("id", p.ids.len(), p.seller[i])?].clone(),
            buyer_id: p.ids[at("id", p.ids.len(), p.buyer[i])?].clone(),
            date: p.dates[at("date", p.dates.len(), p.date[i])?],
            start: p.times[at("time", p.times.len(), p.start[i])?],
            end: p.times[at("time", p.times.len(), p.end[i])?],
            table: p.table[i],
            score: p.score[i],
            interpreter: p.interpreter[i] != 0,
            status,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::{date, time};

    fn meeting(seller: &str, buyer: &str, minute: i8) -> VersionMeeting {
        VersionMeeting {
            seller_id: seller.to_string(),
            buyer_id: buyer.to_string(),
            date: date(2026, 5, 12),
            start: time(9, minute, 0, 0),
            end: time(9, minute + 20, 30, 5),
            table: 7,
            score: 0.1 + 0.2,
            interpreter: minute % 2 == 0,
            status: MeetingStatus::Locked,
        }
    }

    #[test]
    fn packing_round_trips_sorted_and_refuses_a_pair_twice() {
        let meetings = vec![
            meeting("S2", "B1", 0),
            meeting("S1", "B2", 1),
            meeting("S1", "B1", 2),
        ];
        let back = unpack(&pack(&meetings).unwrap()).unwrap();
        assert_eq!(
            back,
            vec![
                meetings[2].clone(),
                meetings[1].clone(),
                meetings[0].clone()
            ]
        );
        assert!(pack(&[meeting("S1", "B1", 0), meeting("S1", "B1", 4)]).is_err());
        let mut nan = meeting("S1", "B1", 0);
        nan.score = f64::NAN;
        assert!(pack(&[nan]).is_err());
        assert!(unpack(b"{\"ids\":[]}").is_err());
        assert!(unpack(&pack(&[]).unwrap()).unwrap().is_empty());
    }

    #[test]
    fn damaged_indices_are_refused() {
        let good = String::from_utf8(pack(&[meeting("S1", "B1", 0)]).unwrap()).unwrap();
        let bad = good.replace("\"seller\":[0]", "\"seller\":[9]");
        assert_ne!(good, bad);
        assert!(unpack(bad.as_bytes()).unwrap_err().contains("id 9"));
    }
}
