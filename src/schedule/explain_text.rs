//! An explanation in words, for people (`explain` gives the data).

use super::ScheduleInput;
use super::explain::{Blocker, Explanation, Hint, Unmet};
use super::names::Names;

impl Explanation {
    /// The explanation in words, for people.
    pub fn to_text(&self, input: &ScheduleInput) -> String {
        let names = Names::new(input);
        let other = |index: usize| names.of(self.side.other(), index);
        let mine = |index: usize| names.of(self.side, index);
        let mut out = format!(
            "{}: {} of at most {} meetings; free in {} slots; {} candidates\n",
            mine(self.index),
            self.meetings,
            self.max_meetings,
            self.free_slots,
            self.candidates
        );
        if !self.unmet.is_empty() {
            out.push_str("best candidates not met:\n");
        }
        for unmet in &self.unmet {
            out.push_str(&format!("  {}\n", self.unmet_line(input, unmet)));
        }
        for hint in &self.hints {
            let line = match hint {
                Hint::FreeOnDay { date, meetings } => format!(
                    "being free for more of {date} would allow up to {meetings} more meeting(s)"
                ),
                Hint::ConsiderAccepting {
                    full,
                    of_top,
                    other: best,
                } => format!(
                    "{full} of the top {of_top} unmet candidates are full: consider accepting {}",
                    other(*best)
                ),
                Hint::FewCandidates { left } => format!(
                    "only {left} candidate(s) above the minimum score still have room: lower --min-score or add interests"
                ),
            };
            out.push_str(&format!("hint: {line}\n"));
        }
        out
    }

    /// The best unmet counterpart and what blocks it, in one line.
    pub fn first_unmet_line(&self, input: &ScheduleInput) -> Option<String> {
        self.unmet
            .first()
            .map(|unmet| self.unmet_line(input, unmet))
    }

    fn unmet_line(&self, input: &ScheduleInput, unmet: &Unmet) -> String {
        let names = Names::new(input);
        let other = |index: usize| names.of(self.side.other(), index);
        let mine = |index: usize| names.of(self.side, index);
        let why = match &unmet.blocker {
            Blocker::StaffRejected => "staff rejected the pair".to_string(),
            Blocker::BelowMinScore { score, min_score } => {
                format!("scores {score:.1}, below the minimum score {min_score:.1}")
            }
            Blocker::NoCommonSlot => "never free at the same time".to_string(),
            Blocker::AtOwnMax { max } => format!("already at max_meetings {max}"),
            Blocker::CounterpartFull { max, taken_by } => {
                let who: Vec<String> = taken_by
                    .iter()
                    .take(5)
                    .map(|(index, score)| format!("{} ({score:.1})", mine(*index)))
                    .collect();
                format!(
                    "they are at their max of {max}, taken by {}",
                    who.join(", ")
                )
            }
            Blocker::TablesFull { common_slots } => {
                format!("every table is taken in all {common_slots} slots both are free")
            }
            Blocker::NoInterpreter { common_slots } => format!(
                "needs an interpreter, and none is left in the {common_slots} slots both are free"
            ),
            Blocker::Outranked { common_slots, by } => {
                let best: Vec<String> = by
                    .iter()
                    .take(3)
                    .map(|(s, b, score)| {
                        format!("{} with {} ({score:.1})", names.seller(*s), names.buyer(*b))
                    })
                    .collect();
                format!(
                    "outranked: the {common_slots} slots both are free hold better meetings, e.g. {}",
                    best.join("; ")
                )
            }
            Blocker::FitsNow { slot } => format!(
                "nothing blocks it at {}: scheduling again would likely add it",
                names.slot(*slot)
            ),
        };
        format!("{} ({:.1}): {why}", other(unmet.other), unmet.score)
    }
}
