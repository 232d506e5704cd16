//! The check-in view (summit day): find a participant as you type, mark
//! them present, absent, late or left in one key, and "repair from now",
//! shown first and saved on Enter. Every request runs on a worker with a
//! store connection of its own.

use crate::tui::action::{Command, JobKind, JobMsg};
use crate::tui::app::{App, CheckinPanel};
use crate::tui::desk::{DayReply, DayRequest, Mark};

use super::{jobs, nav};

/// `i`: open the view and read the day.
pub fn open(app: &mut App) {
    app.panels.checkin = Some(CheckinPanel::default());
    if !day_job(app, DayRequest::View, false)
        && let Some(panel) = &mut app.panels.checkin
        && panel.view.is_none()
        && let Some(status) = &app.ui.status
    {
        panel.view = Some(Err(status.text.clone()));
    }
}

/// Starts one summit-day request; `quiet` keeps refusals off the status
/// line (a background refresh). `false` when it could not start.
pub fn day_job(app: &mut App, request: DayRequest, quiet: bool) -> bool {
    if jobs::busy(app, JobKind::Day) {
        if !quiet {
            app.complain("the welcome desk is still busy with the last request; try again");
        }
        return false;
    }
    let Some(desk) = &app.desk else { return false };
    let day = match desk.day_desk() {
        Ok(day) => day,
        Err(e) => {
            if !quiet {
                app.complain(e);
            }
            return false;
        }
    };
    jobs::start(app, JobKind::Day, move |_| JobMsg::Day(day.run(request)))
}

pub fn reply(app: &mut App, reply: DayReply) {
    match reply {
        DayReply::View(view) => set_view(app, view),
        DayReply::Marked { said, view } => {
            absorb_own_write(app);
            match said {
                Ok(text) => app.say(text),
                Err(e) => app.complain(e),
            }
            set_view(app, view);
            // The report counts attendance: read it again when next shown;
            // the grid's marks follow at once.
            app.summary.report = None;
            super::day_marks::due(app);
            super::day_marks::request(app);
        }
        DayReply::Proposed(Ok(repair)) => {
            let f = repair.figures();
            app.say(format!(
                "repair from {}: {} participants' agendas change; Enter saves it as a new slate version, Esc discards it",
                repair.now.strftime("%H:%M"),
                f.changed_participants
            ));
            if let Some(panel) = &mut app.panels.checkin {
                panel.proposal = Some(repair);
                panel.proposal_scroll = 0;
            }
        }
        DayReply::Proposed(Err(e)) => app.complain(format!("no repair: {e}")),
        DayReply::Applied(Ok(number)) => {
            absorb_own_write(app);
            // The Slate tab follows at once, without a second message.
            app.slate_tab.announced = Some(number);
            super::slate_versions::open_latest(app);
            app.say(format!(
                "saved the repair as slate version {number} (not published): `matchslate slate publish {number}`, then `matchslate export --changes-since` writes the notices"
            ));
            app.summary.report = None;
            day_job(app, DayRequest::View, true);
        }
        DayReply::Applied(Err(e)) => app.complain(format!("the repair was not saved: {e}")),
        DayReply::Report(report) => app.summary.report = Some(report),
        DayReply::Marks { marks, now } => super::day_marks::arrived(app, marks, now),
    }
}

/// The welcome desk wrote through its own store connection: the desk reads
/// the store again now, so the write is not announced as other staff's.
fn absorb_own_write(app: &mut App) {
    let refreshed = app.desk.as_mut().map(|desk| desk.refresh_if_changed());
    super::review::seen_own_write(app);
    if let Some(Err(e)) = refreshed {
        app.complain(format!("could not read the decision store: {e}"));
    } else if refreshed == Some(Ok(true)) {
        app.recount();
        super::slate::sync_statuses(app);
    }
}

fn set_view(app: &mut App, view: Result<crate::tui::desk::CheckinView, String>) {
    if let Some(panel) = &mut app.panels.checkin {
        panel.view = Some(view);
        panel.refilter();
    }
}

/// Keys while the view is open (and not typing).
pub fn command(app: &mut App, command: Command) {
    if command == Command::Repair {
        // Said first: a desk without workers answers at once, and a
        // refusal (busy, no day desk) says so over it.
        app.say("working out a repair from now…");
        day_job(app, DayRequest::Repair, false);
        return;
    }
    let page = nav::page(app);
    let Some(panel) = &mut app.panels.checkin else {
        return;
    };
    match command {
        Command::Cancel => {
            if panel.proposal.take().is_some() {
                app.say("repair discarded; nothing saved");
            } else if !panel.query.is_empty() {
                panel.query.clear();
                panel.refilter();
            } else {
                app.panels.checkin = None;
            }
        }
        Command::Find => panel.typing = true,
        Command::Up
        | Command::Down
        | Command::PageUp
        | Command::PageDown
        | Command::Home
        | Command::End => go(panel, command, page),
        Command::Mark(mark) => self::mark(app, mark),
        Command::Undo => {
            // Said first: a desk without workers answers at once.
            app.say("undoing your last check-in or outcome…");
            day_job(app, DayRequest::Undo, false);
        }
        Command::Submit => {
            let Some(repair) = panel.proposal.take() else {
                app.complain("nothing to apply: press r to propose a repair from now");
                return;
            };
            // Said first, as for the repair itself.
            app.say("saving the repair…");
            if !day_job(app, DayRequest::Apply(repair.clone()), false)
                && let Some(panel) = &mut app.panels.checkin
            {
                panel.proposal = Some(repair);
            }
        }
        _ => {}
    }
}

fn go(panel: &mut CheckinPanel, command: Command, page: usize) {
    if panel.proposal.is_some() {
        panel.proposal_scroll = nav::scroll_by(panel.proposal_scroll, command, page, usize::MAX);
        return;
    }
    let len = panel.shown.len();
    let delta = match command {
        Command::Up => -1,
        Command::Down => 1,
        Command::PageUp => -(page as isize),
        Command::PageDown => page as isize,
        Command::Home => -(len as isize),
        _ => len as isize,
    };
    panel.scroll.step(delta, len);
}

fn mark(app: &mut App, mark: Mark) {
    let Some(row) = app.panels.checkin.as_ref().and_then(|p| p.selected()) else {
        app.complain("nobody selected: type / to find a participant");
        return;
    };
    let id = row.id.clone();
    day_job(app, DayRequest::Mark { id, mark }, false);
}

/// Keys while the view's filter has the keyboard; `false` when it has not.
pub fn typing(app: &mut App, command: Command) -> bool {
    let page = nav::page(app);
    let Some(panel) = app.panels.checkin.as_mut().filter(|p| p.typing) else {
        return false;
    };
    match command {
        Command::Submit => panel.typing = false,
        Command::Cancel => {
            panel.typing = false;
            panel.query.clear();
            panel.refilter();
        }
        Command::Backspace => {
            panel.query.pop();
            panel.refilter();
        }
        Command::Up | Command::Down | Command::PageUp | Command::PageDown => {
            go(panel, command, page)
        }
        _ => {}
    }
    true
}

/// A character typed into the view's filter; `false` when it is not typing.
pub fn input(app: &mut App, c: char) -> bool {
    let Some(panel) = app.panels.checkin.as_mut().filter(|p| p.typing) else {
        return false;
    };
    if !c.is_control() && panel.query.chars().count() < 100 {
        panel.query.push(c);
        panel.scroll = Default::default();
        panel.refilter();
    }
    true
}
