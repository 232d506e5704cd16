//! The Summary tab: fairness figures computed on a worker for each new
//! slate, the "needs attention" list, and the event report on summit day.

use crate::tui::action::{Command, JobKind, JobMsg};
use crate::tui::app::App;
use crate::tui::desk::{DayRequest, Fairness};

use super::{checkin, jobs, nav};

/// A new slate arrived: its figures are worked out on a worker.
pub fn slate_changed(app: &mut App) {
    if jobs::busy(app, JobKind::Fairness) {
        app.summary.refresh = true;
        return;
    }
    app.summary.fairness = None;
    let Some(scheduled) = app.slate_tab.scheduled.clone() else {
        return;
    };
    jobs::start(app, JobKind::Fairness, move |_| {
        JobMsg::Fairness(Box::new(scheduled.fairness()))
    });
}

pub fn fairness(app: &mut App, figures: Box<Fairness>) {
    if std::mem::take(&mut app.summary.refresh) {
        slate_changed(app);
        return;
    }
    app.summary.fairness = Some(figures);
    let last = app.summary.attention_len().saturating_sub(1);
    app.summary.selected = app.summary.selected.min(last);
}

/// The tab came into view: read the event report (it says nothing before
/// the summit's first day).
pub fn entered(app: &mut App) {
    if app.summary.report.is_none() {
        checkin::day_job(app, DayRequest::Report, true);
    }
}

/// Up and down the "needs attention" list.
pub fn go(app: &mut App, command: Command, page: usize) {
    let len = app.summary.attention_len();
    let last = len.saturating_sub(1);
    app.summary.selected = nav::scroll_by(app.summary.selected, command, page + 4, last);
}
