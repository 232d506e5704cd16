//! The summit day on the Slate tab and in the check-in view, on the real
//! store: meetings marked from attendance and outcomes, the "now" line,
//! undoing a check-in, and a day outside the summit in the desk's words.

use crate::store::MeetingOutcome;

use super::super::action::{Action, Command, JobMsg, Tab};
use super::super::app::App;
use super::super::desk::{DayDesk, DayRequest, Mark};
use super::summary::day_desk;
use super::*;

#[test]
fn the_slate_marks_held_and_absent_meetings_and_the_now_line() {
    let (_dir, open) = day_desk();
    let first = open.summit().event.days[0].date;
    let (s0, b0) = (
        open.summit().sellers[0].id.clone(),
        open.summit().buyers[0].id.clone(),
    );
    let s1 = open.summit().sellers[1].id.clone();
    let worker = open.for_worker().unwrap_or_else(|e| panic!("{e}"));
    // The 09:00 meeting was held; the 11:00 one's seller is absent.
    (worker.outcome(&s0, &b0, Some(MeetingOutcome::Held), None)).unwrap_or_else(|e| panic!("{e}"));
    let day = || DayDesk::open(&worker).unwrap_or_else(|e| panic!("{e}"));
    let now = first.at(10, 30, 0, 0);
    let marked = day().with_clock(now).run(DayRequest::Mark {
        id: s1.clone(),
        mark: Mark::Absent,
    });
    let marks = day().with_clock(now).run(DayRequest::Marks);
    let mut app = App::ready(Box::new(open), crate::tui::Theme::new(false), 120, 30);
    settle(&mut app);
    act(&mut app, Action::Job(JobMsg::Day(marked)));
    act(&mut app, Action::Job(JobMsg::Day(marks)));
    cmd(&mut app, Command::GoTab(Tab::Slate));
    // The cursor off the held meeting, so its mark shows.
    cmd(&mut app, Command::Down);
    let text = screen(&app);
    insta::assert_snapshot!("slate_summit_day", text);
    let line = |time: &str| {
        (text.lines())
            .find(|l| l.contains(&format!("│{time}")) || l.contains(&format!("┃{time}")))
            .unwrap_or_else(|| panic!("no {time} row in\n{text}"))
            .to_string()
    };
    assert!(line("09:00").contains(" ✓"), "held: {}", line("09:00"));
    assert!(line("11:00").contains(" ∅"), "absent: {}", line("11:00"));
    // 10:30 falls in the slot starting 10:20 (20-minute slots) or 10:30.
    let now_row = (text.lines()).find(|l| l.contains("▶ "));
    assert!(
        now_row.is_some_and(|l| l.contains("10:20▶") || l.contains("10:30▶")),
        "{text}"
    );
    assert!(text.contains("✓ held"), "legend: {text}");
    assert!(text.contains("▶ now 10:30"), "legend: {text}");
    // The itinerary says it in words.
    cmd(&mut app, Command::Up);
    assert!(screen(&app).contains("· held"), "{}", screen(&app));
}

#[test]
fn u_in_the_checkin_view_undoes_the_last_mark_and_other_days_speak_the_desks_language() {
    let (_dir, open) = day_desk();
    let first = open.summit().event.days[0].date;
    let seller = open.summit().sellers[1].id.clone();
    let worker = open.for_worker().unwrap_or_else(|e| panic!("{e}"));
    let marked = (DayDesk::open(&worker).unwrap_or_else(|e| panic!("{e}")))
        .with_clock(first.at(10, 30, 0, 0))
        .run(DayRequest::Mark {
            id: seller.clone(),
            mark: Mark::Absent,
        });
    let mut app = App::ready(Box::new(open), crate::tui::Theme::new(false), 120, 30);
    settle(&mut app);
    act(&mut app, Action::Job(JobMsg::Day(marked)));
    assert_eq!(worker.day_marks().map(|m| m.is_empty()).ok(), Some(false));
    // The desk's clock is the real one here: not a day of the demo summit.
    cmd(&mut app, Command::Checkin);
    let text = screen(&app);
    assert!(text.contains("is not a day of this summit"), "{text}");
    assert!(
        text.contains(&format!("its days are {}", first.strftime("%a %Y-%m-%d"))),
        "{text}"
    );
    assert!(
        text.contains(&format!("MATCHSLATE_NOW={first}T09:00")),
        "{text}"
    );
    assert!(!text.contains("--day"), "CLI words on the desk: {text}");
    cmd(&mut app, Command::Undo);
    let text = screen(&app);
    assert!(
        text.contains(&format!(
            "undone: {seller} on {first} has no check-in again"
        )),
        "{text}"
    );
    let attendance = worker.day_marks().unwrap_or_else(|e| panic!("{e}"));
    assert!(attendance.is_empty(), "{attendance:?}");
    // Nothing more of ana's… of the desk's to undo.
    cmd(&mut app, Command::Undo);
    assert!(
        screen(&app).contains("nothing of yours to undo"),
        "{}",
        screen(&app)
    );
}

/// `r` says it is working before its job starts: a desk without workers
/// answers at once, and the answer, not the wait, is what stays.
#[test]
fn r_in_the_checkin_view_leaves_the_repairs_answer_on_screen() {
    let (_dir, open) = day_desk();
    let mut app = App::ready(Box::new(open), crate::tui::Theme::new(false), 120, 30);
    settle(&mut app);
    cmd(&mut app, Command::Checkin);
    cmd(&mut app, Command::Repair);
    let text = screen(&app);
    assert!(!text.contains("working out a repair"), "{text}");
    assert!(
        text.contains("no repair:") || text.contains("agendas change"),
        "{text}"
    );
}
