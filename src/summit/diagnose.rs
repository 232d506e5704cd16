//! "Why did I get so few meetings?" for one participant, written once for
//! both faces: `matchslate explain` prints a [`Diagnosis`], the desk's
//! explain panel draws the same lines. A [`Diagnoser`] owns only shared
//! data and a snapshot of the decisions, so the desk runs it on a worker.

use std::collections::HashMap;
use std::ops::ControlFlow;
use std::sync::Arc;

use super::slate::{ScheduleRequest, Scheduled, SlateOptions};
use super::{ExplainedWithWishes, OpenSummit, Prepared, SummitError, UnmetWishLine};
use crate::model::{DecisionKind, Side};
use crate::schedule::{Explanation, Progress};
use crate::wishes::WishIndex;

/// One participant's diagnosis on one slate.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnosis {
    /// The typed causes (`explain --format json` prints this).
    pub explanation: Explanation,
    /// The explanation in words, line by line, as `explain` prints it.
    pub lines: Vec<String>,
    /// Their wishes (made and received) the slate does not meet, each
    /// with what keeps the pair apart.
    pub unmet_wishes: Vec<UnmetWishLine>,
}

impl Diagnosis {
    /// Every line `matchslate explain` prints, the unmet wishes last under
    /// their own heading.
    pub fn text_lines(&self) -> Vec<String> {
        let mut lines = self.lines.clone();
        if !self.unmet_wishes.is_empty() {
            lines.push("unmet wishes:".to_string());
            lines.extend(
                (self.unmet_wishes.iter()).map(|w| format!("  {} ({}): {}", w.id, w.what, w.cause)),
            );
        }
        lines
    }

    /// What `explain --format json` prints: the explanation's fields and
    /// the unmet wishes.
    pub fn json(&self) -> ExplainedWithWishes<'_> {
        ExplainedWithWishes {
            explanation: &self.explanation,
            unmet_wishes: self.unmet_wishes.clone(),
        }
    }
}

/// Explains participants on a worker thread: the shared summit, the
/// wishes in force and a snapshot of the decisions.
pub struct Diagnoser {
    prepared: Arc<Prepared>,
    decisions: HashMap<(usize, usize), DecisionKind>,
    wishes: Arc<WishIndex>,
    request: ScheduleRequest,
}

impl OpenSummit {
    /// A diagnoser with this summit's decisions as they are now, to
    /// explain participants here or on a worker thread.
    pub fn diagnoser(&self) -> Diagnoser {
        Diagnoser {
            prepared: Arc::clone(self.prepared()),
            decisions: (self.decisions().iter())
                .map(|(&pair, info)| (pair, info.kind))
                .collect(),
            wishes: Arc::clone(self.wishes()),
            request: self.schedule_request(),
        }
    }
}

impl Diagnoser {
    /// Builds the slate to explain when there is none yet, as `schedule`
    /// would build it.
    pub fn schedule(
        &self,
        options: &SlateOptions,
        progress: &mut dyn FnMut(&Progress) -> ControlFlow<()>,
    ) -> Scheduled {
        self.request.run(options, progress)
    }

    /// The participant's meetings, cap, free slots and candidates, their
    /// best unmet counterparts with the first blocking cause of each, hints,
    /// and their unmet wishes.
    pub fn diagnose(
        &self,
        scheduled: &Scheduled,
        side: Side,
        id: &str,
    ) -> Result<Diagnosis, SummitError> {
        let decision = |seller: usize, buyer: usize| self.decisions.get(&(seller, buyer)).copied();
        let explanation = scheduled.explain(&self.prepared, side, id, decision)?;
        let lines = (explanation.to_text(scheduled.input()).lines())
            .map(str::to_string)
            .collect();
        let rejected = |s: usize, b: usize| decision(s, b) == Some(DecisionKind::Rejected);
        let unmet_wishes = scheduled.unmet_wish_lines(
            &self.prepared,
            &self.wishes,
            side,
            explanation.index,
            rejected,
        );
        Ok(Diagnosis {
            explanation,
            lines,
            unmet_wishes,
        })
    }
}
