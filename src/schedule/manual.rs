//! Manual edits from the UI: move a meeting to another slot and table, or
//! swap two meetings' places. A move that would break a hard rule the slate
//! did not already break is refused, with the reason in words.

use crate::model::Slate;

use super::ScheduleInput;
use super::check::check;
use super::names::Names;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ManualMove {
    /// Put meeting `meeting` (an index into `Slate::meetings`) at this slot
    /// and table.
    Relocate {
        meeting: usize,
        slot: usize,
        table: u32,
    },
    /// Exchange the slots and tables of two meetings.
    Swap { first: usize, second: usize },
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{reason}")]
pub struct MoveRefused {
    pub reason: String,
}

/// The slate with the move made, or why it may not be made.
pub fn apply_move(
    input: &ScheduleInput,
    slate: &Slate,
    request: ManualMove,
) -> Result<Slate, MoveRefused> {
    let names = Names::new(input);
    let refuse = |reason: String| Err(MoveRefused { reason });
    let exists = |meeting: usize| meeting < slate.meetings.len();
    let mut moved = slate.clone();
    match request {
        ManualMove::Relocate {
            meeting,
            slot,
            table,
        } => {
            if !exists(meeting) {
                return refuse(format!("there is no meeting #{meeting}"));
            }
            let occupant = slate.meetings.iter().enumerate().find(|&(index, other)| {
                index != meeting && other.slot == slot && other.table == table
            });
            if let Some((_, other)) = occupant {
                return refuse(format!(
                    "table {} at {} is taken by {} with {}; swap the two meetings instead",
                    table + 1,
                    names.slot(slot),
                    names.seller(other.seller),
                    names.buyer(other.buyer)
                ));
            }
            moved.meetings[meeting].slot = slot;
            moved.meetings[meeting].table = table;
        }
        ManualMove::Swap { first, second } => {
            if !exists(first) || !exists(second) {
                return refuse(format!(
                    "there is no meeting #{}",
                    if exists(first) { second } else { first }
                ));
            }
            let (a, b) = (slate.meetings[first], slate.meetings[second]);
            moved.meetings[first].slot = b.slot;
            moved.meetings[first].table = b.table;
            moved.meetings[second].slot = a.slot;
            moved.meetings[second].table = a.table;
        }
    }
    let mut already = check(input, slate);
    for violation in check(input, &moved) {
        // A violation the slate already had is not this move's fault.
        if let Some(position) = already.iter().position(|old| *old == violation) {
            already.swap_remove(position);
            continue;
        }
        return refuse(violation.describe(input, &moved));
    }
    Ok(moved)
}

/// `Ok` if `request` keeps every hard rule the slate keeps now.
pub fn check_move(
    input: &ScheduleInput,
    slate: &Slate,
    request: ManualMove,
) -> Result<(), MoveRefused> {
    apply_move(input, slate, request).map(|_| ())
}
