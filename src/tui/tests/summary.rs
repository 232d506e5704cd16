//! The Summary tab's fairness figures and "needs attention" list, the
//! explain panel, and the summit day's desk (check-in, repair from now).

use crate::model::Side;

use super::super::action::{Action, Command, JobMsg, Tab};
use super::super::desk::{DayDesk, DayReply, DayRequest, Mark};
use super::super::memory::MemoryDesk;
use super::*;

/// Four meetings, and candidates beyond them: buyers 2 and 3 and seller 5
/// had a usable candidate and got nothing, so they are below their floor.
fn scheduled_with_shortfalls() -> Action {
    let summit = demo_summit();
    let m = meeting;
    let slate = slate_of(vec![
        m(0, 0, 0, 0),
        m(1, 1, 0, 1),
        m(0, 1, 1, 0),
        m(2, 0, 1, 1),
    ]);
    let mut pairs: Vec<(usize, usize)> =
        slate.meetings.iter().map(|m| (m.seller, m.buyer)).collect();
    pairs.extend([(3, 2), (4, 3), (5, 3)]);
    let input = MemoryDesk::input(&summit, &pairs);
    Action::Job(JobMsg::Scheduled(crate::summit::Scheduled::new(
        input, slate,
    )))
}

#[test]
fn the_summary_lists_who_is_below_their_floor_buyers_first() {
    let mut app = app(100, 30);
    act(&mut app, scheduled_with_shortfalls());
    cmd(&mut app, Command::GoTab(Tab::Summary));
    let text = screen(&app);
    insta::assert_snapshot!("summary_needs_attention", text);
    let rows: Vec<_> = app.summary().attention().collect();
    let sides: Vec<Side> = rows.iter().map(|r| r.0).collect();
    // Buyers 2 and 3 first, then sellers 3, 4 and 5; nobody on the slate.
    assert_eq!(
        sides,
        [
            Side::Buyer,
            Side::Buyer,
            Side::Seller,
            Side::Seller,
            Side::Seller
        ]
    );
    assert!(rows.iter().all(|r| r.2 == 0 && r.3 >= 1), "{rows:?}");
    assert!(text.contains("5 below their floor"), "{text}");
    cmd(&mut app, Command::Down);
    cmd(&mut app, Command::Down);
    assert_eq!(app.summary().selected, 2);
    cmd(&mut app, Command::End);
    assert_eq!(app.summary().selected, 4);
}

#[test]
fn enter_on_a_participant_who_needs_attention_opens_their_diagnosis() {
    let mut app = app(100, 30);
    act(&mut app, scheduled_with_shortfalls());
    cmd(&mut app, Command::GoTab(Tab::Summary));
    cmd(&mut app, Command::Down);
    // Enter is bound to Explain on the Summary tab.
    cmd(&mut app, Command::Explain);
    let panel = app.explain_panel().map(|p| (p.side, p.index));
    // The second row: B003 (B004 comes first, with the higher floor).
    assert_eq!(panel, Some((Side::Buyer, 2)));
    let text = screen(&app);
    assert!(text.contains("Why: buyer B003"), "{text}");
    // The in-memory desk has no matcher: the panel says so, it does not
    // pretend.
    assert!(
        text.contains("explaining needs the summit's matcher"),
        "{text}"
    );
    // While the panel is open, keys belong to it: `a` accepts nothing.
    cmd(&mut app, Command::Cancel);
    assert!(app.explain_panel().is_none());
    assert_eq!(app.tab(), Tab::Summary);
}

#[test]
fn the_explain_panel_shows_what_matchslate_explain_says() {
    let (_dir, mut app) = real_app(120, 40);
    // No slate yet: the panel builds one to explain on.
    cmd(&mut app, Command::Explain);
    let Some(panel) = app.explain_panel() else {
        panic!("no panel")
    };
    let lines = match &panel.result {
        Some(Ok(done)) => {
            assert!(done.on_fresh_slate);
            done.diagnosis.text_lines()
        }
        other => panic!("not explained: {other:?}"),
    };
    let text = screen(&app);
    assert!(text.contains("on a slate built to explain this"), "{text}");
    assert!(lines[0].contains("of at most"), "{lines:?}");
    // Every line the panel has room for is the diagnosis's, in order.
    for line in lines.iter().take(10) {
        let head: String = line.chars().take(40).collect();
        assert!(text.contains(head.trim_end()), "{head:?} not on\n{text}");
    }
    cmd(&mut app, Command::Cancel);
    assert!(app.explain_panel().is_none());
}

/// A real summit with one saved, published slate version of two meetings
/// on the first day, at 09:00 and 11:00.
pub(super) fn day_desk() -> (tempfile::TempDir, crate::summit::OpenSummit) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let options = crate::summit::SummitOptions {
        data: data_dir(),
        db: Some(dir.path().join("day.db")),
        staff: "desk".to_string(),
    };
    let open = crate::summit::OpenSummit::open(&options).unwrap_or_else(|e| panic!("{e}"));
    let summit = open.summit();
    let at = |hour: i8| {
        (summit.slots.iter())
            .position(|s| s.day == 0 && s.start.hour() == hour && s.start.minute() == 0)
            .unwrap_or_else(|| panic!("no {hour}:00 slot"))
    };
    let slate = slate_of(vec![meeting(0, 0, at(9), 0), meeting(1, 1, at(11), 0)]);
    let position = open.log_position().unwrap_or_else(|e| panic!("{e}"));
    let version =
        (open.save_run(&slate, &Default::default(), position)).unwrap_or_else(|e| panic!("{e}"));
    (open.publish(version.number, None)).unwrap_or_else(|e| panic!("{e}"));
    (dir, open)
}

#[test]
fn the_welcome_desk_checks_in_marks_absent_and_repairs_from_now() {
    let (_dir, open) = day_desk();
    let first = open.summit().event.days[0].date;
    let now = first.at(10, 30, 0, 0);
    let desk = || {
        DayDesk::open(&open)
            .unwrap_or_else(|e| panic!("{e}"))
            .with_clock(now)
    };
    let DayReply::View(Ok(view)) = desk().run(DayRequest::View) else {
        panic!("no view")
    };
    assert_eq!(view.day, first);
    let seller = &open.summit().sellers[1];
    let row = (view.rows.iter()).find(|r| r.id == seller.id);
    let row = row.unwrap_or_else(|| panic!("{} not listed", seller.id));
    // Its 11:00 meeting is next at 10:30; nobody has checked in yet.
    assert_eq!(row.presence, None);
    assert_eq!(row.next.as_ref().map(|n| n.start.hour()), Some(11));
    let reply = desk().run(DayRequest::Mark {
        id: seller.id.clone(),
        mark: Mark::Absent,
    });
    let DayReply::Marked {
        said: Ok(said),
        view: Ok(view),
    } = reply
    else {
        panic!("not marked: {reply:?}")
    };
    assert!(said.contains("absent"), "{said}");
    let row = view.rows.iter().find(|r| r.id == seller.id);
    assert_eq!(
        row.and_then(|r| r.presence),
        Some(crate::store::Presence::Absent)
    );
    let DayReply::Proposed(Ok(repair)) = desk().run(DayRequest::Repair) else {
        panic!("no repair")
    };
    // The 09:00 meeting is past and stays; the absent seller's is lost.
    let f = repair.figures();
    assert_eq!(f.past, 1);
    assert_eq!(f.lost_to_absences + f.lost_otherwise, 1, "{f:?}");
    let DayReply::Applied(Ok(number)) = desk().run(DayRequest::Apply(repair)) else {
        panic!("not applied")
    };
    let saved = open
        .load_slate(Some(number))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        !saved.slate.meetings.iter().any(|m| m.seller == 1),
        "the absent seller still meets"
    );
}

#[test]
fn the_checkin_view_takes_the_keys_and_says_when_there_is_no_store() {
    let mut app = app(100, 30);
    cmd(&mut app, Command::Checkin);
    let text = screen(&app);
    assert!(
        text.contains("the summit day needs the summit's store"),
        "{text}"
    );
    // Keys go to the view: `a` marks (nobody here), it does not accept.
    cmd(&mut app, Command::Mark(Mark::Absent));
    assert!(app.desk().is_some_and(|d| d.decided_pairs().is_empty()));
    cmd(&mut app, Command::Cancel);
    assert!(app.checkin_panel().is_none());
}

#[test]
fn the_welcome_desks_own_marks_are_not_announced_as_other_staffs() {
    let (dir, open) = day_desk();
    // The check-in job writes through a store connection of its own, as
    // the desk's worker does.
    let options = crate::summit::SummitOptions {
        data: data_dir(),
        db: Some(dir.path().join("day.db")),
        staff: "desk".to_string(),
    };
    let worker = crate::summit::OpenSummit::open(&options).unwrap_or_else(|e| panic!("{e}"));
    let first = open.summit().event.days[0].date;
    let seller = open.summit().sellers[1].id.clone();
    let mut app = App::ready(Box::new(open), crate::tui::Theme::new(false), 120, 40);
    settle(&mut app);
    let day = DayDesk::open(&worker).unwrap_or_else(|e| panic!("{e}"));
    let reply = day
        .with_clock(first.at(10, 30, 0, 0))
        .run(DayRequest::Mark {
            id: seller.clone(),
            mark: Mark::Absent,
        });
    act(&mut app, Action::Job(JobMsg::Day(reply)));
    act(&mut app, Action::Tick);
    let text = screen(&app);
    assert!(
        text.contains(&format!("{seller}: absent on {first}")),
        "{text}"
    );
    assert!(!text.contains("updated by other staff"), "{text}");
}

/// With too few tables for the buyers' floors, the figures say so in a
/// line of their own; with enough, that line is absent.
#[test]
fn the_summary_says_when_the_tables_cannot_hold_the_floors() {
    let mut roomy = app(100, 30);
    act(&mut roomy, scheduled_with_shortfalls());
    cmd(&mut roomy, Command::GoTab(Tab::Summary));
    assert!(
        !screen(&roomy).contains("floors need"),
        "{}",
        screen(&roomy)
    );

    let summit = demo_summit();
    let slate = slate_of(vec![meeting(0, 0, 0, 0)]);
    let pairs: Vec<(usize, usize)> = (0..summit.buyers.len()).map(|buyer| (0, buyer)).collect();
    let mut input = MemoryDesk::input(&summit, &pairs);
    input.tables = 1;
    let mut app = app(100, 30);
    act(
        &mut app,
        Action::Job(JobMsg::Scheduled(crate::summit::Scheduled::new(
            input, slate,
        ))),
    );
    cmd(&mut app, Command::GoTab(Tab::Summary));
    let text = screen(&app);
    assert!(text.contains("buyers' floors need"), "{text}");
    assert!(text.contains("the tables allow"), "{text}");
}
