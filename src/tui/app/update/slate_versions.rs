//! The Slate tab's versions: the desk opens on the latest stored version,
//! saves each scheduling run, follows versions saved in other terminals,
//! and publishes or rolls back after asking. Every store access runs on
//! the recorder's worker, in order with the decisions.

use crate::summit::SlateOptions;
use crate::tui::action::{Saved, VersionNews};
use crate::tui::app::{App, Changes, Prompt, PromptKind, SCHEDULE_TIME};
use crate::tui::desk::Recorder;
use crate::tui::short_names::ShortNames;
use crate::tui::slate_index::SlateIndex;

use super::record;

/// A write's or read's result for the status line, with its news.
fn saved(text: String, error: bool, changed: bool, news: Option<VersionNews>) -> Saved {
    Saved {
        text,
        error,
        changed,
        retry_lock: None,
        version: news.map(Box::new),
    }
}

/// Asks for the latest version, unless a read is on its way already.
pub fn open_latest(app: &mut App) {
    if app.slate_tab.opening || app.desk.is_none() {
        return;
    }
    app.slate_tab.opening = true;
    // Short names are worked out once, off the UI thread: on a summit of
    // a million sellers that takes a while.
    let want_names = app.slate_tab.names.is_none();
    record::record(
        app,
        Box::new(move |recorder: &mut dyn Recorder| {
            let names = want_names.then(|| ShortNames::of(recorder.summit()));
            match recorder.open_latest_slate() {
                Ok(latest) => {
                    let latest = latest.map(Box::new);
                    let news = VersionNews::Opened { latest, names };
                    saved(String::new(), false, false, Some(news))
                }
                Err(e) => saved(
                    format!("could not read the saved slates: {e}"),
                    true,
                    false,
                    Some(VersionNews::Opened {
                        latest: None,
                        names,
                    }),
                ),
            }
        }),
    );
}

/// Each tick: a version saved or published elsewhere since the desk last
/// looked is opened. The desk's own writes are waited for first.
pub fn poll(app: &mut App) {
    if app.recording() || app.slate_tab.opening || app.jobs.schedule.is_some() {
        return;
    }
    let Some(desk) = &app.desk else { return };
    let latest = match desk.latest_stamp() {
        Ok(latest) => latest,
        Err(e) => {
            app.complain(format!("could not read the saved slates: {e}"));
            return;
        }
    };
    let shown = app.slate_tab.version.as_ref().map(|v| v.stamp);
    let Some(latest) = latest.filter(|l| Some(*l) != shown) else {
        return;
    };
    // Said now: on a large summit the version takes a while to arrive.
    let what = match shown {
        Some(s) if s.number == latest.number && latest.published && !s.published => "published",
        Some(s) if s.number == latest.number => "changed",
        _ => "saved",
    };
    app.say(format!(
        "slate v{} was {what} elsewhere; reading it…",
        latest.number
    ));
    open_latest(app);
}

/// Before a run: the decision-log position it is built from.
pub fn before_run(app: &mut App) {
    app.slate_tab.run_position = app.desk.as_ref().and_then(|d| d.log_position().ok());
}

/// A run came back: save it as a new version.
pub fn save_run(app: &mut App) {
    let Some(slate) = app.slate().cloned() else {
        return;
    };
    let position = app.slate_tab.run_position.take().unwrap_or(0);
    let options = SlateOptions {
        time_limit: SCHEDULE_TIME,
        ..SlateOptions::default()
    };
    record::record(
        app,
        Box::new(move |recorder: &mut dyn Recorder| {
            match recorder.save_run(&slate, &options, position) {
                // Silent: the run's own message (meetings, who could not be
                // placed) matters more; the title shows the version.
                Ok(status) => saved(
                    String::new(),
                    false,
                    false,
                    Some(VersionNews::Saved(status)),
                ),
                Err(e) => saved(format!("could not save the slate: {e}"), true, false, None),
            }
        }),
    );
}

/// What the recorder brought back about versions.
pub fn news(app: &mut App, news: VersionNews) {
    match news {
        VersionNews::Opened { latest, names } => {
            app.slate_tab.opening = false;
            if names.is_some() {
                app.slate_tab.names = names;
            }
            let Some(opened) = latest else { return };
            let before = app.slate_tab.version.as_ref().map(|v| v.stamp);
            let status = opened.status;
            let text = match before {
                Some(b) if b.number == status.stamp.number => {
                    format!(
                        "slate {} updated in the store; showing it",
                        status.headline()
                    )
                }
                _ => format!("showing slate {}", status.headline()),
            };
            let announced = app.slate_tab.announced.take() == Some(status.stamp.number);
            let misfits = opened.misfits.len();
            app.slate_tab.index = SlateIndex::new(opened.scheduled.slate());
            app.slate_tab.scheduled = Some(opened.scheduled);
            app.slate_tab.moving = None;
            app.slate_tab.version = Some(status);
            app.slate_tab.changes = None;
            app.recount();
            super::day_marks::due(app);
            super::slate::sync_statuses(app);
            if misfits > 0 {
                app.complain(format!(
                    "{text}; {misfits} meeting(s) no longer fit the data and are left out"
                ));
            } else if !announced {
                app.say(text);
            }
        }
        VersionNews::Saved(status) => {
            app.slate_tab.version = Some(status);
            if app.slate_tab.changes.is_some() {
                changes(app, true);
            }
        }
        VersionNews::Changes(diff) => {
            app.slate_tab.changes = Some(Changes { diff, scroll: 0 });
        }
        VersionNews::Moved(moved) => {
            app.slate_tab.move_saving = false;
            let Some(moved) = moved else { return };
            let (scheduled, status) = *moved;
            app.slate_tab.index = SlateIndex::new(scheduled.slate());
            app.slate_tab.scheduled = Some(scheduled);
            app.slate_tab.version = Some(status);
            if app.slate_tab.changes.is_some() {
                changes(app, true);
            }
        }
    }
}

/// `v`: show the changes since the published version, or hide them.
pub fn toggle_changes(app: &mut App) {
    if app.slate_tab.changes.take().is_some() {
        return;
    }
    changes(app, false);
}

fn changes(app: &mut App, quiet: bool) {
    let Some(number) = app.slate_tab.version.as_ref().map(|v| v.stamp.number) else {
        app.complain("no saved slate yet: press s to schedule");
        return;
    };
    record::record(
        app,
        Box::new(
            move |recorder: &mut dyn Recorder| match recorder.diff_from_published(number) {
                Ok(diff) => {
                    let text = if quiet {
                        String::new()
                    } else {
                        "changes since the published slate, per participant (v hides them)".into()
                    };
                    saved(text, false, false, Some(VersionNews::Changes(diff)))
                }
                Err(e) => saved(
                    format!("could not compare the slates: {e}"),
                    true,
                    false,
                    None,
                ),
            },
        ),
    );
}

/// `P`: publish the version shown, after asking.
pub fn ask_publish(app: &mut App) {
    let Some(version) = &app.slate_tab.version else {
        app.complain("no saved slate to publish yet: press s to schedule");
        return;
    };
    if version.stamp.published {
        let n = version.stamp.number;
        app.complain(format!("slate v{n} is published already"));
        return;
    }
    let number = version.stamp.number;
    app.say(format!(
        "publish slate v{number} as what participants get? type a note if you like; Enter publishes, Esc cancels"
    ));
    app.ui.prompt = Some(Prompt {
        kind: PromptKind::Publish { number },
        input: String::new(),
    });
}

/// `R`: roll back to an earlier version, after asking which.
pub fn ask_rollback(app: &mut App) {
    let Some(version) = &app.slate_tab.version else {
        app.complain("no saved slate to roll back yet: press s to schedule");
        return;
    };
    let offer = version
        .published_number
        .filter(|&p| p != version.stamp.number);
    app.say("roll back: a new version equal to the one typed; nothing is deleted; Esc cancels");
    app.ui.prompt = Some(Prompt {
        kind: PromptKind::Rollback,
        input: offer.map(|p| p.to_string()).unwrap_or_default(),
    });
}

/// Enter on a publish or rollback prompt.
pub fn submit(app: &mut App, prompt: Prompt) {
    match prompt.kind {
        PromptKind::Publish { number } => {
            let note = prompt.input.trim().to_string();
            record::record(
                app,
                Box::new(move |recorder: &mut dyn Recorder| {
                    let note = (!note.is_empty()).then_some(note.as_str());
                    match recorder.publish(number, note) {
                        Ok(status) => saved(
                            format!("published slate v{number}: change notices now count from it"),
                            false,
                            false,
                            Some(VersionNews::Saved(status)),
                        ),
                        Err(e) => saved(format!("could not publish: {e}"), true, false, None),
                    }
                }),
            );
        }
        PromptKind::Rollback => {
            let Ok(number) = prompt.input.trim().trim_start_matches('v').parse::<i64>() else {
                app.complain("type the number of the version to roll back to, e.g. 2");
                app.ui.prompt = Some(prompt);
                return;
            };
            app.slate_tab.opening = true;
            record::record(
                app,
                Box::new(move |recorder: &mut dyn Recorder| {
                    let made = match recorder.rollback(number) {
                        Ok(made) => made,
                        Err(e) => {
                            let text = format!("could not roll back: {e}");
                            return saved(
                                text,
                                true,
                                false,
                                Some(VersionNews::Opened {
                                    latest: None,
                                    names: None,
                                }),
                            );
                        }
                    };
                    let text = format!("rolled back: slate v{made} is a copy of v{number}");
                    match recorder.open_latest_slate() {
                        Ok(latest) => {
                            let news = VersionNews::Opened {
                                latest: latest.map(Box::new),
                                names: None,
                            };
                            saved(text, false, true, Some(news))
                        }
                        Err(e) => saved(
                            format!("{text}, but it could not be read: {e}"),
                            true,
                            false,
                            Some(VersionNews::Opened {
                                latest: None,
                                names: None,
                            }),
                        ),
                    }
                }),
            );
        }
        _ => {}
    }
}

/// j/k and paging in the changes panel: a heading and two lines per change
/// at most.
pub fn scroll_changes(app: &mut App, command: crate::tui::action::Command, page: usize) {
    let Some(changes) = &mut app.slate_tab.changes else {
        return;
    };
    let len = changes.diff.as_ref().map_or(0, |d| d.changes.len() * 4);
    let max = len.saturating_sub(page);
    changes.scroll = super::nav::scroll_by(changes.scroll, command, page + 4, max);
}
