//! Reading a large slate grid: short company names that fit, ids on
//! demand, interpreter marks and a legend, paging by a screenful of
//! tables, and a jump to a table or a time.

use crate::model::{Meeting, MeetingStatus, Slate};

use super::super::action::{Action, Command, JobMsg, Tab};
use super::super::app::App;
use super::super::memory::MemoryDesk;
use super::*;

/// A meeting at each of the first eight tables at 09:00, every other one
/// with an interpreter.
fn wide_slate() -> Slate {
    let meetings = (0..8)
        .map(|i| Meeting {
            seller: i,
            buyer: i,
            slot: 0,
            table: i as u32,
            score: 70.0,
            interpreter: i % 2 == 0,
            status: [
                MeetingStatus::Proposed,
                MeetingStatus::Accepted,
                MeetingStatus::Locked,
            ][i % 3],
        })
        .collect();
    Slate {
        meetings,
        total_score: 560.0,
        upper_bound: 700.0,
        unscheduled: Vec::new(),
    }
}

fn grid_app(width: u16, height: u16) -> App {
    let mut app = app(width, height);
    let scheduled = MemoryDesk::scheduled(&demo_summit(), wide_slate());
    act(&mut app, Action::Job(JobMsg::Scheduled(scheduled)));
    cmd(&mut app, Command::GoTab(Tab::Slate));
    app
}

#[test]
fn cells_show_short_names_with_interpreter_marks_and_a_legend() {
    let mut app = grid_app(100, 30);
    insta::assert_snapshot!("grid_names", screen(&app));
    // Shanghai is shared by many buyers: the cell starts at "Fresh Link".
    let text = screen(&app);
    assert!(text.contains("Columb·Fresh L"), "{text}");
    assert!(text.contains("ⁱ interpreter"), "{text}");
    cmd(&mut app, Command::Ids);
    let text = screen(&app);
    assert!(text.contains("S001·B001"), "{text}");
    assert!(text.contains("tables 1-7 of 40"), "{text}");
}

#[test]
fn paging_moves_by_a_screenful_of_tables() {
    let mut app = grid_app(100, 30);
    assert!(screen(&app).contains("tables 1-5 of 40"));
    cmd(&mut app, Command::NextTables);
    assert_eq!((app.grid().table, app.grid().table_offset), (5, 5));
    assert!(screen(&app).contains("tables 6-10 of 40"));
    cmd(&mut app, Command::PrevTables);
    assert_eq!((app.grid().table, app.grid().table_offset), (0, 0));
    for _ in 0..20 {
        cmd(&mut app, Command::NextTables);
    }
    assert_eq!(app.grid().table, 39);
    assert!(screen(&app).contains("tables 36-40 of 40"));
}

#[test]
fn a_jump_goes_to_a_table_or_a_time_and_bad_input_stays_in_the_prompt() {
    let mut app = grid_app(100, 30);
    cmd(&mut app, Command::Jump);
    type_text(&mut app, "T23 11:05");
    cmd(&mut app, Command::Submit);
    // 11:05 falls in the 11:00 slot, the seventh of the day.
    assert_eq!((app.grid().table, app.grid().row), (22, 6));
    assert!(screen(&app).contains("tables 19-23 of 40"));
    cmd(&mut app, Command::Jump);
    // What is typed into a refused jump stays there: "q" quits nothing.
    type_text(&mut app, "T99q");
    cmd(&mut app, Command::Submit);
    assert!(app.prompt().is_some());
    assert!(!app.quit());
    assert!(screen(&app).contains("\"T99q\" is not a table (1-40) or a time"));
    cmd(&mut app, Command::Cancel);
    assert!(app.prompt().is_none());
    assert_eq!(app.grid().table, 22);
}

#[test]
fn the_itinerary_wraps_instead_of_cutting() {
    let app = grid_app(140, 30);
    let text = screen(&app);
    // Narrow pane: the interpreter note moves to the next row, whole.
    assert!(text.contains("(interpreter)"), "{text}");
    assert!(text.contains("Trading"), "{text}");
}
