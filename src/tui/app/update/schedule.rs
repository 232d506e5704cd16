//! `s` and `e`: scheduling and export, each one job at a time.

use std::ops::ControlFlow;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::summit::unplaced_headline;
use crate::tui::action::{Command, JobKind, JobMsg};
use crate::tui::app::{App, ScheduleRun};
use crate::tui::desk::Scheduled;
use crate::tui::slate_index::SlateIndex;

use super::jobs::{self, Report};
use super::record;

/// Progress reports are thinned to this rate: more would only cost redraws.
const PROGRESS_EVERY: Duration = Duration::from_millis(100);

/// `s`: start a scheduling run, or stop the running one early. The job
/// is cheap to make (shared data and a snapshot of the decisions); ranking
/// and solving happen on the worker, so the desk keeps drawing.
pub fn schedule(app: &mut App) {
    if let Some(run) = &app.jobs.schedule {
        run.stop.store(true, Ordering::Relaxed);
        app.say("stopping the scheduler: keeping the best slate so far…");
        return;
    }
    if !record::after_recording(app, Command::Schedule) {
        app.say("scheduling once your decisions are saved…");
        return;
    }
    super::slate_versions::before_run(app);
    let Some(desk) = &app.desk else { return };
    let job = desk.schedule_job(crate::tui::app::SCHEDULE_TIME);
    let stop = Arc::new(AtomicBool::new(false));
    // Set before starting: an inline run reports its slate at once.
    app.say("scheduling in the background; press s again to stop early");
    app.jobs.schedule = Some(ScheduleRun {
        last: None,
        waited: 0,
        stop: Arc::clone(&stop),
    });
    jobs::start(app, JobKind::Schedule, move |report| {
        JobMsg::Scheduled(solve(report, job, &stop))
    });
}

/// Runs the scheduler, reporting thinned progress; stops early when asked
/// or when the desk has quit (no one wants the slate then).
fn solve(report: &Report, job: crate::tui::desk::ScheduleJob, stop: &AtomicBool) -> Scheduled {
    let mut last_sent: Option<Instant> = None;
    job(&mut |progress| {
        if last_sent.is_none_or(|t| t.elapsed() >= PROGRESS_EVERY) {
            last_sent = Some(Instant::now());
            if !report.send(JobMsg::Progress(progress.clone())) {
                return ControlFlow::Break(());
            }
        }
        if stop.load(Ordering::Relaxed) {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    })
}

/// The slate came back from the worker.
pub fn scheduled(app: &mut App, scheduled: Scheduled) {
    app.jobs.schedule = None;
    app.slate_tab.moving = None;
    let slate = scheduled.slate();
    app.slate_tab.index = SlateIndex::new(slate);
    let unplaced = scheduled.unplaced();
    let missing = match (&app.desk, unplaced.as_slice()) {
        (_, []) | (None, _) => String::new(),
        (Some(desk), list) => {
            let named: Vec<String> = list.iter().map(|u| u.describe(desk.summit())).collect();
            format!("; {}: {}", unplaced_headline(list), named.join("; "))
        }
    };
    let text = format!(
        "scheduled {} meetings, {:.1}% of the bound; press 3 for the slate{missing}",
        slate.meetings.len(),
        crate::tui::text::percent(slate),
    );
    app.slate_tab.scheduled = Some(scheduled);
    app.recount();
    super::day_marks::due(app);
    app.say(text);
    super::summary::slate_changed(app);
    // Every run is kept as a version; the message above stays, the
    // version number shows in the Slate tab's title.
    super::slate_versions::save_run(app);
}

/// `e`: write the export files for the current slate, on a worker.
pub fn export(app: &mut App) {
    if app.desk.is_none() {
        return;
    }
    if app.slate_tab.scheduled.is_none() {
        app.complain("nothing to export yet: press s to schedule first");
        return;
    }
    if !record::after_recording(app, Command::Export) {
        app.say("exporting once your decisions are saved…");
        return;
    }
    if jobs::busy(app, JobKind::Export) {
        app.complain("an export is still being written; its result shows here when done");
        return;
    }
    let (Some(desk), Some(scheduled)) = (&app.desk, &app.slate_tab.scheduled) else {
        return;
    };
    let job = desk.export_job();
    // Pairs rejected since the slate was built are never written.
    let (slate, dropped) = scheduled.exportable(&app.slate_tab.staleness);
    // The files name the stored version the slate is, unless meetings were
    // left out: then it is no stored version, and the pages carry the time.
    let version = (app.slate_tab.version.as_ref())
        .filter(|_| dropped.is_empty())
        .map(|v| crate::export::SlateStamp {
            version: v.stamp.number,
            published: v.stamp.published,
        });
    // Said first: an inline export reports its result at once.
    app.say("exporting…");
    jobs::start(app, JobKind::Export, move |_| {
        let exported =
            job(&slate, version).map(|folder| crate::summit::Exported { folder, dropped });
        JobMsg::Exported(exported)
    });
}
