//! Long work on worker threads, and what they report back.
//!
//! A worker owns plain data only (the desk stays on the UI thread), sends
//! its reports as `Action::Job` on the event loop's channel, and catches
//! its own panic so a failed run becomes a message, not a dead desk.

use std::ops::ControlFlow;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;
use std::thread;
use std::time::{Duration, Instant};

use crate::summit::unplaced_headline;
use crate::tui::action::{Action, JobMsg, OpenFailure};
use crate::tui::app::{App, Phase, ScheduleRun};
use crate::tui::desk::{Desk, ScheduleJob};
use crate::tui::slate_index::SlateIndex;

/// Progress reports are thinned to this rate: more would only cost redraws.
const PROGRESS_EVERY: Duration = Duration::from_millis(100);

/// Runs `job` on a named thread; a panic is reported as `JobMsg::Failed`.
fn spawn(name: &str, tx: Sender<Action>, job: impl FnOnce(&Sender<Action>) + Send + 'static) {
    let worker_tx = tx.clone();
    let result = thread::Builder::new()
        .name(name.to_string())
        .spawn(move || {
            if let Err(panic) = catch_unwind(AssertUnwindSafe(|| job(&worker_tx))) {
                let message = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown panic".to_string());
                // The UI may be gone already; then nobody needs to know.
                let _ = worker_tx.send(Action::Job(JobMsg::Failed(message)));
            }
        });
    if let Err(e) = result {
        let _ = tx.send(Action::Job(JobMsg::Failed(format!(
            "cannot start a thread: {e}"
        ))));
    }
}

/// Opens the summit off the UI thread, so the first frame appears at once
/// even for a million sellers.
pub fn spawn_open(
    tx: Sender<Action>,
    open: impl FnOnce() -> Result<Box<dyn Desk>, OpenFailure> + Send + 'static,
) {
    spawn("open", tx, move |tx| {
        let _ = tx.send(Action::Job(JobMsg::Opened(open())));
    });
}

/// `s`: start a scheduling run, or stop the running one early. The job
/// is cheap to make (shared data and a snapshot of the decisions); ranking
/// and solving happen on the worker, so the desk keeps drawing.
pub fn schedule(app: &mut App) {
    if let Some(run) = &app.jobs.schedule {
        run.stop.store(true, Ordering::Relaxed);
        app.say("stopping the scheduler: keeping the best slate so far…");
        return;
    }
    let Some(tx) = app.jobs.tx.clone() else {
        return;
    };
    let Some(desk) = &app.desk else { return };
    let stop = Arc::new(AtomicBool::new(false));
    spawn_solver(
        &tx,
        desk.schedule_job(app.jobs.schedule_time),
        Arc::clone(&stop),
    );
    app.say("scheduling in the background; press s again to stop early");
    app.jobs.schedule = Some(ScheduleRun {
        last: None,
        waited: 0,
        stop,
    });
}

/// Runs the scheduler on its own thread, reporting progress and the slate.
fn spawn_solver(tx: &Sender<Action>, job: ScheduleJob, stop: Arc<AtomicBool>) {
    spawn("schedule", tx.clone(), move |tx| {
        let mut last_sent: Option<Instant> = None;
        let scheduled = job(&mut |progress| {
            if last_sent.is_none_or(|t| t.elapsed() >= PROGRESS_EVERY) {
                last_sent = Some(Instant::now());
                if tx
                    .send(Action::Job(JobMsg::Progress(progress.clone())))
                    .is_err()
                {
                    // The desk has quit: no one wants the slate.
                    return ControlFlow::Break(());
                }
            }
            if stop.load(Ordering::Relaxed) {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        });
        let _ = tx.send(Action::Job(JobMsg::Scheduled(scheduled)));
    });
}

pub fn handle(app: &mut App, msg: JobMsg) {
    match msg {
        JobMsg::Opened(Ok(desk)) => app.open(desk),
        JobMsg::Opened(Err(failure)) => app.phase = Phase::Failed { failure, scroll: 0 },
        JobMsg::Progress(progress) => {
            if let Some(run) = &mut app.jobs.schedule {
                run.last = Some(progress);
            }
        }
        JobMsg::Scheduled(scheduled) => {
            app.jobs.schedule = None;
            app.slate_tab.moving = None;
            let slate = scheduled.slate();
            app.slate_tab.index = SlateIndex::new(slate);
            let unplaced = scheduled.unplaced();
            let missing = match (&app.desk, unplaced.as_slice()) {
                (_, []) | (None, _) => String::new(),
                (Some(desk), list) => {
                    let named: Vec<String> =
                        list.iter().map(|u| u.describe(desk.summit())).collect();
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
            app.say(text);
        }
        JobMsg::Failed(message) => {
            app.jobs.schedule = None;
            // Without a desk (still opening) nothing else can be shown: say so.
            if matches!(app.phase, Phase::Loading { .. }) {
                app.phase = Phase::Failed {
                    failure: OpenFailure::Other(format!("opening the summit failed: {message}")),
                    scroll: 0,
                };
            } else {
                app.complain(format!("the background job failed: {message}"));
            }
        }
        JobMsg::Exported(Ok(exported)) => {
            let text = super::stale::exported_message(app, &exported);
            app.say(text);
        }
        JobMsg::Exported(Err(e)) => app.complain(format!("export failed: {e}")),
    }
}

/// `e`: write the export files for the current slate, on a worker.
pub fn export(app: &mut App) {
    let Some(desk) = &app.desk else { return };
    let Some(scheduled) = &app.slate_tab.scheduled else {
        app.complain("nothing to export yet: press s to schedule first");
        return;
    };
    let job = desk.export_job();
    // Pairs rejected since the slate was built are never written.
    let (slate, dropped) = scheduled.exportable(&app.slate_tab.staleness);
    let run = move || job(&slate).map(|folder| crate::summit::Exported { folder, dropped });
    match app.jobs.tx.clone() {
        Some(tx) => {
            spawn("export", tx, move |tx| {
                let _ = tx.send(Action::Job(JobMsg::Exported(run())));
            });
            app.say("exporting…");
        }
        // Tests without workers: the same job, run here.
        None => handle(app, JobMsg::Exported(run())),
    }
}
