//! What views and tests read: `&App` accessors only. Nothing here hands
//! out a `&mut`, so drawing can never change the desk.

use crate::model::{Side, Slate};
use crate::summit::Staleness;

use super::super::action::{JobKind, Tab};
use super::super::desk::{Candidate, Desk, Scheduled};
use super::super::keys::Scope;
use super::super::slate_index::SlateIndex;
use super::super::theme::Theme;
use super::{
    App, CandidateState, GridCursor, ListState, MIN_HEIGHT, MIN_WIDTH, Pane, Phase, Prompt,
    ScheduleRun, Status, day_slots,
};

impl App {
    pub fn phase(&self) -> &Phase {
        &self.phase
    }

    /// The open summit; `None` while it opens or when it failed to.
    pub fn desk(&self) -> Option<&dyn Desk> {
        self.desk.as_deref()
    }

    pub fn theme(&self) -> &Theme {
        &self.ui.theme
    }

    pub fn width(&self) -> u16 {
        self.ui.width
    }

    pub fn height(&self) -> u16 {
        self.ui.height
    }

    pub fn tab(&self) -> Tab {
        self.ui.tab
    }

    pub fn pane(&self) -> Pane {
        self.ui.pane
    }

    /// The help screen's scroll offset while it is open.
    pub fn help(&self) -> Option<usize> {
        self.ui.help
    }

    /// True while the list filter has the keyboard.
    pub fn filtering(&self) -> bool {
        self.ui.filtering
    }

    /// True when `/` filters the candidates (they had focus), not the list.
    pub fn filtering_candidates(&self) -> bool {
        self.ui.pane == Pane::Detail
    }

    pub fn prompt(&self) -> Option<&Prompt> {
        self.ui.prompt.as_ref()
    }

    pub fn status(&self) -> Option<&Status> {
        self.ui.status.as_ref()
    }

    pub fn quit(&self) -> bool {
        self.ui.quit
    }

    pub fn buyers(&self) -> &ListState {
        &self.lists.buyers
    }

    pub fn sellers(&self) -> &ListState {
        &self.lists.sellers
    }

    pub fn list(&self, side: Side) -> &ListState {
        match side {
            Side::Buyer => &self.lists.buyers,
            Side::Seller => &self.lists.sellers,
        }
    }

    pub fn candidates(&self) -> &CandidateState {
        &self.lists.candidates
    }

    pub fn seller_meetings(&self) -> &[u32] {
        &self.meetings.sellers
    }

    pub fn buyer_meetings(&self) -> &[u32] {
        &self.meetings.buyers
    }

    /// The slate with the rules it was built under, once scheduled.
    pub fn scheduled(&self) -> Option<&Scheduled> {
        self.slate_tab.scheduled.as_ref()
    }

    /// The current slate, once scheduled.
    pub fn slate(&self) -> Option<&Slate> {
        self.scheduled().map(Scheduled::slate)
    }

    pub fn slate_index(&self) -> &SlateIndex {
        &self.slate_tab.index
    }

    pub fn staleness(&self) -> &Staleness {
        &self.slate_tab.staleness
    }

    pub fn grid(&self) -> GridCursor {
        self.slate_tab.grid
    }

    pub fn itinerary_scroll(&self) -> usize {
        self.slate_tab.itinerary_scroll
    }

    /// The meeting picked up to be moved (index into the slate).
    pub fn moving(&self) -> Option<usize> {
        self.slate_tab.moving
    }

    /// The Summary tab's fairness figures, report and selection.
    pub fn summary(&self) -> &super::SummaryState {
        &self.summary
    }

    /// The explain panel, while open.
    pub fn explain_panel(&self) -> Option<&super::ExplainPanel> {
        self.panels.explain.as_ref()
    }

    /// The check-in view, while open.
    pub fn checkin_panel(&self) -> Option<&super::CheckinPanel> {
        self.panels.checkin.as_ref()
    }

    /// The scheduling run in progress, if any.
    pub fn schedule(&self) -> Option<&ScheduleRun> {
        self.jobs.schedule.as_ref()
    }

    /// The global slot under the grid cursor.
    pub fn cursor_slot(&self) -> Option<usize> {
        let slots = day_slots(self.desk()?.summit(), self.slate_tab.grid.day);
        let slot = slots.start + self.slate_tab.grid.row;
        slots.contains(&slot).then_some(slot)
    }

    /// The side listed on the current tab, if it lists participants.
    pub fn side(&self) -> Option<Side> {
        match self.ui.tab {
            Tab::Buyers => Some(Side::Buyer),
            Tab::Sellers => Some(Side::Seller),
            Tab::Slate | Tab::Summary => None,
        }
    }

    /// The candidate under the cursor, if the candidates belong to the
    /// participant selected now.
    pub fn selected_candidate(&self) -> Option<&Candidate> {
        let side = self.side()?;
        let owner = self.list(side).selected()?;
        let candidates = &self.lists.candidates;
        if candidates.owner != Some((side, owner)) {
            return None;
        }
        candidates.list.get(candidates.scroll.selected)
    }

    /// True when the selected participant's candidates still need ranking.
    pub fn candidates_stale(&self) -> bool {
        match (self.side(), self.desk.is_some()) {
            (Some(side), true) => {
                let owner = self.list(side).selected().map(|i| (side, i));
                owner.is_some() && self.lists.candidates.owner != owner
            }
            _ => false,
        }
    }

    /// True while deferred work waits for an idle moment.
    pub fn has_work(&self) -> bool {
        self.candidates_stale()
    }

    /// How the desk ends: failure when the summit never opened (the
    /// bad-data screen), success otherwise.
    pub fn exit_code(&self) -> std::process::ExitCode {
        match self.phase {
            Phase::Failed { .. } => std::process::ExitCode::FAILURE,
            Phase::Loading { .. } | Phase::Ready => std::process::ExitCode::SUCCESS,
        }
    }

    pub fn too_small(&self) -> bool {
        self.ui.width < MIN_WIDTH || self.ui.height < MIN_HEIGHT
    }

    /// The scopes whose key bindings apply now, most specific first.
    pub fn scopes(&self) -> Vec<Scope> {
        let panel_typing = self.panels.checkin.as_ref().is_some_and(|c| c.typing);
        if self.ui.prompt.is_some() || self.ui.filtering || panel_typing {
            return vec![Scope::Always, Scope::Typing];
        }
        if self.ui.help.is_some() {
            return vec![Scope::Always, Scope::Help, Scope::NotTyping];
        }
        // A panel takes the keys until Esc closes it.
        if self.panels.explain.is_some() {
            return vec![Scope::Always, Scope::Explain, Scope::NotTyping];
        }
        if self.panels.checkin.is_some() {
            return vec![Scope::Always, Scope::Checkin, Scope::NotTyping];
        }
        match self.phase {
            Phase::Loading { .. } | Phase::Failed { .. } => vec![Scope::Always, Scope::NotTyping],
            Phase::Ready => {
                let tab = match self.ui.tab {
                    Tab::Buyers | Tab::Sellers => Some(Scope::Lists),
                    Tab::Slate => Some(Scope::Slate),
                    Tab::Summary => Some(Scope::Summary),
                };
                let mut scopes = vec![Scope::Always];
                scopes.extend(tab);
                scopes.extend([Scope::Desk, Scope::NotTyping]);
                scopes
            }
        }
    }

    /// True while decision writes run or wait on the recorder's worker.
    pub fn recording(&self) -> bool {
        self.jobs.running.contains(&JobKind::Record) || !self.jobs.recordings.is_empty()
    }

    /// True while any of the desk's own writes may be committing: the
    /// recorder's, or the welcome desk's (attendance, a saved repair).
    pub fn writing(&self) -> bool {
        self.recording() || self.jobs.running.contains(&JobKind::Day)
    }
}
