//! Single-flight background jobs (gitui's model): a job of a [`JobKind`]
//! runs on a worker thread and reports by message (`Action::Job`) into
//! `update`; while one of a kind runs, another of that kind is queued or
//! refused by its caller, never run beside it.
//!
//! A worker owns plain `Send` data only (shared immutable parts, its own
//! store connection), never the App, and catches its own panic so a failed
//! job becomes a message, not a dead desk. A desk without workers (tests,
//! benchmarks) runs the same job inline, so actions stay synchronous.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc::Sender;
use std::thread;

use crate::tui::action::{Action, JobKind, JobMsg, OpenFailure, Opened};
use crate::tui::app::{App, Phase};
use crate::tui::desk::Desk;

use super::{checkin, explain, record, schedule, summary};

/// Where a running job sends progress on the way.
pub struct Report(Option<Sender<Action>>);

impl Report {
    /// `false` when nobody listens any more (the desk has quit). Inline
    /// jobs have nobody to tell and go on.
    pub fn send(&self, msg: JobMsg) -> bool {
        match &self.0 {
            Some(tx) => tx.send(Action::Job(msg)).is_ok(),
            None => true,
        }
    }
}

/// True while a job of `kind` runs.
pub fn busy(app: &App, kind: JobKind) -> bool {
    app.jobs.running.contains(&kind)
}

/// Starts `job` as the one job of `kind`: on a worker when the desk has
/// workers, else inline. Its returned message goes to [`handle`]. `false`
/// (and `job` dropped unrun) when one of `kind` is running already.
pub fn start(
    app: &mut App,
    kind: JobKind,
    job: impl FnOnce(&Report) -> JobMsg + Send + 'static,
) -> bool {
    if busy(app, kind) {
        return false;
    }
    app.jobs.running.push(kind);
    match app.jobs.tx.clone() {
        Some(tx) => spawn(kind, tx, job),
        None => {
            let msg = job(&Report(None));
            handle(app, msg);
        }
    }
    true
}

/// Runs `job` on a thread named after its kind; a panic is reported as
/// `JobMsg::Failed`, so the kind is free again.
fn spawn(kind: JobKind, tx: Sender<Action>, job: impl FnOnce(&Report) -> JobMsg + Send + 'static) {
    let worker_tx = tx.clone();
    let name = format!("{kind:?}").to_lowercase();
    let result = thread::Builder::new().name(name).spawn(move || {
        let report = Report(Some(worker_tx.clone()));
        let msg = match catch_unwind(AssertUnwindSafe(|| job(&report))) {
            Ok(msg) => msg,
            Err(panic) => {
                let message = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown panic".to_string());
                JobMsg::Failed(kind, message)
            }
        };
        // The UI may be gone already; then nobody needs to know.
        let _ = worker_tx.send(Action::Job(msg));
    });
    if let Err(e) = result {
        let _ = tx.send(Action::Job(JobMsg::Failed(
            kind,
            format!("cannot start a thread: {e}"),
        )));
    }
}

/// Opens the summit off the UI thread, so the first frame appears at once
/// even for a million sellers; the recorder's store connection is opened
/// there too.
pub fn spawn_open(
    app: &mut App,
    open: impl FnOnce() -> Result<Box<dyn Desk>, OpenFailure> + Send + 'static,
) {
    start(app, JobKind::Open, move |_| {
        JobMsg::Opened(open().and_then(|desk| {
            let recorder = desk.recorder().map_err(OpenFailure::Other)?;
            let search = desk.search();
            Ok(Opened {
                desk,
                recorder,
                search,
            })
        }))
    });
}

/// A worker's message: the job of its kind is over (unless it is progress).
pub fn handle(app: &mut App, msg: JobMsg) {
    if let Some(kind) = msg.ends() {
        app.jobs.running.retain(|k| *k != kind);
    }
    match msg {
        JobMsg::Opened(Ok(opened)) => {
            app.open(opened.desk, opened.recorder, opened.search);
            super::slate_versions::open_latest(app);
        }
        JobMsg::Opened(Err(failure)) => app.phase = Phase::Failed { failure, scroll: 0 },
        JobMsg::Progress(progress) => {
            if let Some(run) = &mut app.jobs.schedule {
                run.last = Some(progress);
            }
        }
        JobMsg::Scheduled(scheduled) => schedule::scheduled(app, scheduled),
        JobMsg::Exported(Ok(exported)) => {
            let text = super::stale::exported_message(app, &exported);
            app.say(text);
        }
        JobMsg::Exported(Err(e)) => app.complain(format!("export failed: {e}")),
        JobMsg::Saved {
            recorder,
            saved,
            read,
        } => record::saved(app, recorder, saved, read),
        JobMsg::Filtered {
            side,
            query,
            results,
        } => super::find::filtered(app, side, &query, results),
        JobMsg::Failed(kind, message) => failed(app, kind, &message),
        JobMsg::Diagnosed(result) => explain::diagnosed(app, result),
        JobMsg::Fairness(figures) => summary::fairness(app, figures),
        JobMsg::Day(reply) => checkin::reply(app, reply),
    }
}

fn failed(app: &mut App, kind: JobKind, message: &str) {
    match kind {
        // Without a desk nothing else can be shown: say so.
        JobKind::Open => {
            app.phase = Phase::Failed {
                failure: OpenFailure::Other(format!("opening the summit failed: {message}")),
                scroll: 0,
            };
            return;
        }
        JobKind::Schedule => app.jobs.schedule = None,
        JobKind::Record => record::lost(app),
        JobKind::Export | JobKind::Fairness | JobKind::Day | JobKind::DayMarks => {}
        JobKind::Filter => super::find::search_again(app),
        JobKind::Explain => explain::failed(app, message),
    }
    app.complain(format!("the background job failed: {message}"));
}
