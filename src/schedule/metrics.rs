//! Figures about a finished slate that staff see next to the score.

use std::collections::BTreeMap;

use crate::model::Slate;

use super::ScheduleInput;

/// Total holes in `slate`: for each participant and day, the maximal runs of
/// one or more empty slots strictly between two of its meetings. Slots of a
/// day are adjacent when their indices are consecutive.
pub fn count_holes(input: &ScheduleInput, slate: &Slate) -> usize {
    // (is buyer, participant) → its meeting slots.
    let mut slots_of: BTreeMap<(bool, usize), Vec<usize>> = BTreeMap::new();
    for meeting in &slate.meetings {
        slots_of
            .entry((false, meeting.seller))
            .or_default()
            .push(meeting.slot);
        slots_of
            .entry((true, meeting.buyer))
            .or_default()
            .push(meeting.slot);
    }
    let day_of = |slot: usize| input.slots.get(slot).map(|found| found.day);
    slots_of
        .values_mut()
        .map(|slots| {
            slots.sort_unstable();
            slots.dedup();
            slots
                .windows(2)
                .filter(|pair| pair[1] > pair[0] + 1 && day_of(pair[0]) == day_of(pair[1]))
                .count()
        })
        .sum()
}
