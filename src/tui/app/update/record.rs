//! Store writes (decisions, notes, undo, redo) as jobs: one at a time, in
//! the order staff asked for them, on a worker that owns the recorder (a
//! store connection of its own). The recorder travels to the worker with
//! the job and comes back with the result, so two writes can never run at
//! once; writes asked for meanwhile wait in a queue, none is dropped.

use crate::summit::ReadBack;
use crate::tui::action::{Command, JobKind, JobMsg, Saved};
use crate::tui::app::{App, Prompt, PromptKind};
use crate::tui::desk::Recorder;

use super::jobs;

/// One store write, run on the worker with the recorder.
pub type RecordJob = Box<dyn FnOnce(&mut dyn Recorder) -> Saved + Send>;

/// Which store log an undo step is in: decisions (with notes and locks)
/// and staff-entered wishes are undone apart, so the desk remembers the
/// order in which this session made them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Decision,
    Wish,
}

/// A new step of `kind` queued: `u` takes it back first, and what was
/// undone of that kind can no longer be redone (the store forgets it too).
pub fn step(app: &mut App, kind: Step) {
    app.jobs.steps.push(kind);
    app.jobs.undone.retain(|k| *k != kind);
}

/// The step `u` (or, with `redo`, Ctrl-r) takes back next; decisions when
/// this session has made none (the store remembers earlier sessions').
pub fn next_step(app: &mut App, redo: bool) -> Step {
    let (from, to) = if redo {
        (&mut app.jobs.undone, &mut app.jobs.steps)
    } else {
        (&mut app.jobs.steps, &mut app.jobs.undone)
    };
    let kind = from.pop().unwrap_or(Step::Decision);
    to.push(kind);
    kind
}

/// Queues a store write and starts it when the recorder is free.
pub fn record(app: &mut App, job: RecordJob) {
    app.jobs.recordings.push_back(job);
    next(app);
}

/// `true` when `step` can run now; else it runs once the pending writes
/// are in: a step that reads the decisions must see the ones staff just
/// made. Asked twice meanwhile, it still runs once.
pub fn after_recording(app: &mut App, step: Command) -> bool {
    if !app.recording() {
        return true;
    }
    if !app.jobs.after_recording.contains(&step) {
        app.jobs.after_recording.push(step);
    }
    false
}

/// Starts the next queued write, or runs the steps that waited for the
/// writes when there is none left.
fn next(app: &mut App) {
    if !app.recording() {
        for step in std::mem::take(&mut app.jobs.after_recording) {
            super::after_recording(app, step);
        }
        return;
    }
    if jobs::busy(app, JobKind::Record) || app.jobs.recordings.is_empty() {
        return;
    }
    let Some(mut recorder) = app.jobs.recorder.take() else {
        return;
    };
    let Some(job) = app.jobs.recordings.pop_front() else {
        app.jobs.recorder = Some(recorder);
        return;
    };
    jobs::start(app, JobKind::Record, move |_| {
        let saved = job(&mut *recorder);
        // Read back here, so the UI thread only swaps them in.
        let read = recorder.read_back();
        JobMsg::Saved {
            recorder,
            saved,
            read,
        }
    });
}

/// A write is done: the desk takes the decisions the recorder read back
/// after it (the write went through the recorder's connection), reads
/// the store only if someone else wrote since, and the status line says
/// what happened.
pub fn saved(app: &mut App, recorder: Box<dyn Recorder>, mut saved: Saved, read: Option<ReadBack>) {
    app.jobs.recorder = Some(recorder);
    if let Some(news) = saved.version.take() {
        super::slate_versions::news(app, *news);
    }
    if let (Some(desk), Some(read)) = (app.desk.as_mut(), read) {
        desk.adopt(read);
    }
    let refreshed = app.desk.as_mut().map(|desk| desk.refresh_if_changed());
    super::review::seen_own_write(app);
    if saved.changed {
        app.recount();
        super::slate::sync_statuses(app);
    }
    match refreshed {
        Some(Err(e)) => app.complain(format!("could not read the decision store: {e}")),
        // A silent read (the latest slate) leaves the status line alone.
        _ if saved.text.is_empty() => {}
        _ if saved.error => app.complain(saved.text),
        _ => app.say(saved.text),
    }
    if let Some((seller, buyer, input)) = saved.retry_lock
        && app.ui.prompt.is_none()
    {
        app.ui.prompt = Some(Prompt {
            kind: PromptKind::Lock { seller, buyer },
            input,
        });
    }
    next(app);
}

/// The recording worker panicked and took the recorder with it: open a
/// new one, or give up the queued writes when that fails too.
pub fn lost(app: &mut App) {
    match app.desk.as_ref().map(|desk| desk.recorder()) {
        Some(Ok(recorder)) => app.jobs.recorder = Some(recorder),
        _ => app.jobs.recordings.clear(),
    }
    next(app);
}
