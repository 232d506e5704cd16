//! A synthetic full slate for a generated summit, so the desk's tests and
//! benchmarks fill the grid the same way.

use crate::model::{Meeting, MeetingStatus, Slate, Summit};

/// Every cell but the last table of each of the first `slots` slots holds
/// a meeting, at most `most` meetings: sellers and buyers taken in turn,
/// every seventh meeting with an interpreter (more than a slot has, so the
/// desk's marks show). The last table stays free, for a move to land on.
/// The slate need not keep the rules (a participant may meet twice at
/// once); it is for drawing and moving, not for export.
pub fn full_slate(summit: &Summit, slots: usize, most: usize) -> Slate {
    let (sellers, buyers) = (summit.sellers.len(), summit.buyers.len());
    let tables = summit.event.tables.saturating_sub(1);
    let mut meetings = Vec::new();
    if sellers > 0 && buyers > 0 {
        'fill: for slot in 0..summit.slots.len().min(slots) {
            for table in 0..tables {
                let k = meetings.len();
                if k == most {
                    break 'fill;
                }
                meetings.push(Meeting {
                    seller: k % sellers,
                    buyer: k % buyers,
                    slot,
                    table,
                    score: 60.0,
                    interpreter: k % 7 == 0,
                    status: MeetingStatus::Proposed,
                });
            }
        }
    }
    Slate {
        total_score: 60.0 * meetings.len() as f64,
        upper_bound: 80.0 * meetings.len() as f64,
        meetings,
        unscheduled: Vec::new(),
    }
}
