//! `update`: the only function that changes the App.

mod checkin;
mod day_marks;
mod explain;
mod find;
mod jobs;
mod mouse;
mod nav;
mod record;
mod review;
mod schedule;
mod slate;
mod slate_grid;
mod slate_versions;
mod stale;
mod summary;
mod wish;

use crate::model::Side;

use crate::tui::action::{Action, Command, Tab};
use crate::tui::app::{App, CANDIDATES, Pane, Phase, PromptKind};

pub use jobs::spawn_open;
pub use record::{RecordJob, Step};
pub use slate_versions::open_latest;

pub fn update(app: &mut App, action: Action) {
    match action {
        Action::Cmd(command) => self::command(app, command),
        Action::Input(c) => input(app, c),
        Action::Resize { width, height } => {
            app.ui.width = width;
            app.ui.height = height;
        }
        Action::Click { x, y } => mouse::click(app, x, y),
        Action::Scroll { x, y, down } => mouse::scroll(app, x, y, down),
        Action::Tick => {
            if let Phase::Loading { seconds, .. } = &mut app.phase {
                *seconds += 1;
            }
            if let Some(run) = &mut app.jobs.schedule {
                run.waited += 1;
            }
            review::poll_store(app);
            slate_versions::poll(app);
            day_marks::tick(app);
        }
        Action::Work => work(app),
        Action::Job(msg) => jobs::handle(app, msg),
        Action::Terminal(event) => {
            if let Some(action) = crate::tui::events::translate(app, event) {
                update(app, action);
            }
        }
    }
    nav::reveal(app);
}

fn command(app: &mut App, command: Command) {
    // Quitting and help work whatever state the desk is in.
    match command {
        Command::Quit => {
            app.ui.quit = true;
            return;
        }
        Command::Help if app.ui.help.is_none() => {
            app.ui.help = Some(0);
            return;
        }
        _ => {}
    }
    let panel_typing = app.panels.checkin.as_ref().is_some_and(|c| c.typing);
    if app.ui.prompt.is_some() || app.ui.filtering || panel_typing {
        typing(app, command);
        return;
    }
    if let Some(scroll) = app.ui.help {
        app.ui.help = match command {
            Command::Cancel | Command::Help => None,
            other => Some(nav::scroll_by(
                scroll,
                other,
                usize::from(app.ui.height),
                nav::help_max(app),
            )),
        };
        return;
    }
    if let Phase::Failed { failure, scroll } = &app.phase {
        let next = nav::scroll_by(
            *scroll,
            command,
            usize::from(app.ui.height),
            nav::failure_max(app, failure),
        );
        if let Phase::Failed { scroll, .. } = &mut app.phase {
            *scroll = next;
        }
        return;
    }
    if !matches!(app.phase, Phase::Ready) {
        return;
    }
    // A panel over the tab takes the keys until it closes.
    if app.panels.explain.is_some() {
        explain::command(app, command);
        return;
    }
    if app.panels.checkin.is_some() {
        checkin::command(app, command);
        return;
    }
    match command {
        Command::GoTab(tab) => {
            app.ui.tab = tab;
            app.ui.pane = Pane::Main;
            if tab == Tab::Summary {
                summary::entered(app);
            }
        }
        Command::NextPane => {
            app.ui.pane = match app.ui.pane {
                Pane::Main => Pane::Detail,
                Pane::Detail => Pane::Main,
            }
        }
        Command::Up
        | Command::Down
        | Command::PageUp
        | Command::PageDown
        | Command::Home
        | Command::End => nav::go(app, command),
        Command::Left | Command::Right if app.ui.tab == Tab::Slate => slate::sideways(app, command),
        Command::Left => app.ui.pane = Pane::Main,
        Command::Right => app.ui.pane = Pane::Detail,
        Command::Find => app.ui.filtering = app.side().is_some(),
        Command::UnmetWishes => find::toggle_unmet(app),
        Command::WishMeet | Command::WishAvoid => wish::toggle(app, command),
        Command::Cancel => cancel(app),
        Command::Accept | Command::Reject | Command::Clear | Command::Lock | Command::Note => {
            review::decide(app, command)
        }
        Command::Undo => review::undo(app, false),
        Command::Redo => review::undo(app, true),
        Command::Schedule => schedule::schedule(app),
        Command::Export => schedule::export(app),
        Command::PrevDay | Command::NextDay => slate::change_day(app, command),
        Command::Move => slate::pick_or_drop(app),
        Command::Explain => explain::open(app),
        Command::Checkin => checkin::open(app),
        Command::Mark(_) | Command::Repair => {}
        Command::Publish => slate_versions::ask_publish(app),
        Command::Rollback => slate_versions::ask_rollback(app),
        Command::Changes => slate_versions::toggle_changes(app),
        Command::Ids => slate_grid::toggle_ids(app),
        Command::Jump => slate_grid::ask_jump(app),
        Command::PrevTables | Command::NextTables => slate_grid::page_tables(app, command),
        Command::Quit | Command::Help | Command::Submit | Command::Backspace => {}
    }
}

/// A step that waited for the desk's pending decision writes.
fn after_recording(app: &mut App, step: Command) {
    match step {
        Command::Schedule => schedule::schedule(app),
        Command::Export => schedule::export(app),
        _ => {}
    }
}

/// Esc outside a text field: cancel a move, else clear the filter.
fn cancel(app: &mut App) {
    if app.slate_tab.moving.take().is_some() {
        app.say("move cancelled");
        return;
    }
    if app.ui.tab == Tab::Slate && app.slate_tab.changes.take().is_some() {
        return;
    }
    if app.side().is_some() {
        find::set(app, String::new());
    }
}

/// Keys while the filter or a prompt has the keyboard.
fn typing(app: &mut App, command: Command) {
    if checkin::typing(app, command) {
        return;
    }
    if app.ui.prompt.is_some() {
        match command {
            Command::Submit => review::submit_prompt(app),
            Command::Cancel => {
                let refused = app.ui.prompt.take().map(|p| p.kind) == Some(PromptKind::Refused);
                if refused {
                    app.say("nothing saved");
                }
            }
            Command::Backspace => {
                if let Some(p) = &mut app.ui.prompt {
                    p.input.pop();
                }
            }
            _ => {}
        }
        return;
    }
    let Some(mut query) = find::query(app) else {
        app.ui.filtering = false;
        return;
    };
    match command {
        Command::Submit => app.ui.filtering = false,
        Command::Cancel => {
            app.ui.filtering = false;
            find::set(app, String::new());
        }
        Command::Backspace => {
            query.pop();
            find::set(app, query);
        }
        Command::Up | Command::Down | Command::PageUp | Command::PageDown => nav::go(app, command),
        _ => {}
    }
}

fn input(app: &mut App, c: char) {
    if checkin::input(app, c) {
        return;
    }
    if let Some(p) = &mut app.ui.prompt {
        // Notes are one line; control characters never get in.
        if !c.is_control() && p.input.chars().count() < 500 {
            p.input.push(c);
        }
        return;
    }
    if !app.ui.filtering || c.is_control() {
        return;
    }
    if let Some(mut query) = find::query(app) {
        query.push(c);
        find::set(app, query);
    }
}

/// Deferred work: the selected participant's candidates (with the
/// candidates' filter, if any, applied to them).
fn work(app: &mut App) {
    let Some(desk) = &app.desk else { return };
    if app.candidates_stale() {
        let Some(side) = app.side() else { return };
        let Some(owner) = app.list(side).selected() else {
            return;
        };
        app.lists.candidates.all = match side {
            Side::Buyer => desk.candidates_for_buyer(owner, CANDIDATES),
            Side::Seller => desk.candidates_for_seller(owner, CANDIDATES),
        };
        app.lists.candidates.owner = Some((side, owner));
        find::filter_candidates(app);
        app.lists.candidates.scroll = Default::default();
    }
}

/// Runs deferred work to the end, as an idle event loop would; for tests
/// and benchmarks.
pub fn settle(app: &mut App) {
    while app.has_work() {
        update(app, Action::Work);
    }
}
