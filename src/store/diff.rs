//! What changed between two saved slates, pair by pair. A pair keeps its
//! identity across versions (the same seller and buyer), so a meeting at a
//! new time or table is moved, not cancelled and added.

use std::cmp::Ordering;
use std::collections::HashMap;

use super::VersionMeeting;

/// One pair's change from an older slate to a newer one.
#[derive(Debug, Clone, PartialEq)]
pub enum MeetingChange {
    /// In the newer slate only.
    Added(VersionMeeting),
    /// In the older slate only.
    Cancelled(VersionMeeting),
    /// In both, at another day, time or table.
    Moved {
        from: VersionMeeting,
        to: VersionMeeting,
    },
}

impl MeetingChange {
    /// The pair's meeting as it is in the newer slate, or as it was for a
    /// cancellation.
    pub fn meeting(&self) -> &VersionMeeting {
        match self {
            MeetingChange::Added(m) | MeetingChange::Cancelled(m) => m,
            MeetingChange::Moved { to, .. } => to,
        }
    }
}

impl VersionMeeting {
    /// Same day, same times, same table: nothing a participant would notice
    /// (a change of status or score alone is not a change for them).
    pub fn same_place(&self, other: &VersionMeeting) -> bool {
        (self.date, self.start, self.end, self.table)
            == (other.date, other.start, other.end, other.table)
    }
}

fn key(m: &VersionMeeting) -> (&str, &str) {
    (m.seller_id.as_str(), m.buyer_id.as_str())
}

/// The meetings in (seller id, buyer id) order: as they are when already
/// so (versions are read sorted), else sorted.
fn by_pair(meetings: &[VersionMeeting]) -> Vec<&VersionMeeting> {
    let mut order: Vec<&VersionMeeting> = meetings.iter().collect();
    if !order.windows(2).all(|w| key(w[0]) <= key(w[1])) {
        order.sort_unstable_by(|a, b| key(a).cmp(&key(b)));
    }
    order
}

/// The changes from `old` to `new`, ordered by seller id then buyer id:
/// one walk over both sorted by pair, linear when they come sorted, as
/// stored versions do.
pub fn diff(old: &[VersionMeeting], new: &[VersionMeeting]) -> Vec<MeetingChange> {
    let (old, new) = (by_pair(old), by_pair(new));
    let (mut i, mut j) = (0, 0);
    let mut changes: Vec<MeetingChange> = Vec::new();
    while i < old.len() || j < new.len() {
        let order = match (old.get(i), new.get(j)) {
            (Some(a), Some(b)) => key(a).cmp(&key(b)),
            (Some(_), None) => Ordering::Less,
            _ => Ordering::Greater,
        };
        match order {
            Ordering::Less => {
                changes.push(MeetingChange::Cancelled(old[i].clone()));
                i += 1;
            }
            Ordering::Greater => {
                changes.push(MeetingChange::Added(new[j].clone()));
                j += 1;
            }
            Ordering::Equal => {
                if !old[i].same_place(new[j]) {
                    changes.push(MeetingChange::Moved {
                        from: old[i].clone(),
                        to: new[j].clone(),
                    });
                }
                i += 1;
                j += 1;
            }
        }
    }
    changes
}

/// Each pair's iCalendar `SEQUENCE` after a chain of versions, oldest
/// first (the published versions, then the one exported). It is 0 when the
/// pair first appears and rises by one each time its meeting moves, is
/// cancelled or comes back, so calendar programs apply every update
/// (RFC 5545 §3.8.7.4). Pairs cancelled along the chain keep their number.
pub fn sequences(chain: &[&[VersionMeeting]]) -> HashMap<(String, String), u32> {
    let owned = |m: &VersionMeeting| (m.seller_id.clone(), m.buyer_id.clone());
    let mut sequence: HashMap<(String, String), u32> = HashMap::new();
    if let Some(first) = chain.first() {
        sequence.extend(first.iter().map(|m| (owned(m), 0)));
    }
    for step in chain.windows(2) {
        for change in diff(step[0], step[1]) {
            let pair = owned(change.meeting());
            match change {
                MeetingChange::Added(_) => {
                    sequence.entry(pair).and_modify(|n| *n += 1).or_insert(0);
                }
                MeetingChange::Cancelled(_) | MeetingChange::Moved { .. } => {
                    *sequence.entry(pair).or_insert(0) += 1;
                }
            }
        }
    }
    sequence
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::MeetingStatus;
    use jiff::civil::{date, time};

    fn meeting(seller: &str, buyer: &str, hour: i8, table: u32) -> VersionMeeting {
        VersionMeeting {
            seller_id: seller.to_string(),
            buyer_id: buyer.to_string(),
            date: date(2026, 5, 12),
            start: time(hour, 0, 0, 0),
            end: time(hour, 20, 0, 0),
            table,
            score: 50.0,
            interpreter: false,
            status: MeetingStatus::Proposed,
        }
    }

    #[test]
    fn added_cancelled_and_moved_pairs_are_told_apart() {
        let old = vec![
            meeting("S1", "B1", 9, 0),
            meeting("S2", "B1", 10, 0),
            meeting("S3", "B2", 9, 1),
        ];
        let mut relabelled = meeting("S3", "B2", 9, 1);
        relabelled.status = MeetingStatus::Locked;
        let new = vec![
            meeting("S1", "B1", 11, 0),
            relabelled,
            meeting("S4", "B2", 10, 1),
        ];
        let changes = diff(&old, &new);
        assert_eq!(
            changes,
            vec![
                MeetingChange::Moved {
                    from: meeting("S1", "B1", 9, 0),
                    to: meeting("S1", "B1", 11, 0),
                },
                MeetingChange::Cancelled(meeting("S2", "B1", 10, 0)),
                MeetingChange::Added(meeting("S4", "B2", 10, 1)),
            ]
        );
        assert!(diff(&new, &new).is_empty());
    }

    #[test]
    fn sequence_rises_with_every_move_cancellation_and_return() {
        let v1 = vec![meeting("S1", "B1", 9, 0), meeting("S2", "B1", 10, 0)];
        let v2 = vec![meeting("S1", "B1", 11, 0), meeting("S3", "B1", 10, 0)];
        let v3 = vec![meeting("S1", "B1", 11, 0), meeting("S2", "B1", 9, 0)];
        let seq = sequences(&[&v1, &v2, &v3]);
        let of = |s: &str| seq.get(&(s.to_string(), "B1".to_string())).copied();
        // Moved once, then unchanged.
        assert_eq!(of("S1"), Some(1));
        // Cancelled, then back at another time.
        assert_eq!(of("S2"), Some(2));
        // Added in v2, cancelled in v3.
        assert_eq!(of("S3"), Some(1));
        assert_eq!(sequences(&[&v1]).values().max(), Some(&0));
    }

    #[test]
    fn a_table_change_alone_is_a_move() {
        let changes = diff(&[meeting("S1", "B1", 9, 0)], &[meeting("S1", "B1", 9, 3)]);
        assert!(matches!(changes.as_slice(), [MeetingChange::Moved { .. }]));
    }
}
