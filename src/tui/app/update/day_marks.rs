//! The Slate tab on the summit day: the attendance and outcomes that mark
//! meetings, and the venue clock for the "now" line, read on a worker
//! (a store connection of its own) when the slate or the store changes,
//! and every half minute so the line moves on.

use crate::tui::action::{JobKind, JobMsg};
use crate::tui::app::App;
use crate::tui::desk::DayRequest;

use super::jobs;

/// Ticks (about a second each) between reads when nothing changed.
const REFRESH_TICKS: u32 = 30;

/// Read again at the next tick.
pub fn due(app: &mut App) {
    app.slate_tab.day.due = true;
}

/// Each tick: read the marks when due or old.
pub fn tick(app: &mut App) {
    let day = &mut app.slate_tab.day;
    day.age = day.age.saturating_add(1);
    if day.due || day.age >= REFRESH_TICKS {
        request(app);
    }
}

/// Asks a worker for the marks; quiet, as nobody asked by a key. Only
/// with a slate to mark.
pub fn request(app: &mut App) {
    if app.slate_tab.scheduled.is_none() || jobs::busy(app, JobKind::DayMarks) {
        return;
    }
    let Some(desk) = &app.desk else { return };
    let day = &mut app.slate_tab.day;
    (day.due, day.age) = (false, 0);
    // A desk without a store (tests' memory desk) has no summit day.
    let Ok(worker) = desk.day_desk() else { return };
    jobs::start(app, JobKind::DayMarks, move |_| {
        JobMsg::Day(worker.run(DayRequest::Marks))
    });
}

/// The worker's read. A failed read keeps the last marks (a later tick
/// tries again); the clock moves on either way.
pub fn arrived(
    app: &mut App,
    marks: Result<crate::summit::DayMarks, String>,
    now: jiff::civil::DateTime,
) {
    let day = &mut app.slate_tab.day;
    day.now = Some(now);
    if let Ok(marks) = marks {
        day.marks = Some(marks);
    }
}
