//! End to end on summit day: the real binary in tmux with the venue clock
//! set to 11:00 on the first day. A slate is scheduled and published with
//! the CLI; at the desk the welcome staff open the check-in view, find a
//! buyer with a meeting still to come, mark them absent, ask for a repair
//! from now, read its figures and apply it. The store must then hold the
//! absence and a new version without the buyer's later meetings, and the
//! Slate tab the "now" line and the day's marks. Skipped,
//! with a notice, where tmux is missing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use jiff::civil::time;
use matchslate::store::{Presence, Store};

#[path = "support/tmux.rs"]
mod tmux;
use tmux::{start_desk_with, wait_for_file};

fn cli(data: &Path, db: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_matchslate"))
        .args(args)
        .arg("--data")
        .arg(data)
        .arg("--db")
        .arg(db)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn check_in_mark_absent_and_repair_from_now_at_the_desk() {
    let first_day = {
        let loaded =
            matchslate::load::load_summit(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data"));
        loaded.summit.unwrap().event.days[0].date
    };
    let env = format!("MATCHSLATE_NOW={first_day}T11:00 ");
    let Some(desk) = start_desk_with("day", &env, |data, db| {
        cli(data, db, &["schedule"]);
        cli(data, db, &["slate", "publish", "1"]);
    }) else {
        return;
    };
    // A buyer with a meeting at 11:00 or later that day.
    let store = Store::open(&desk.db).unwrap();
    let planned = store.version_meetings(1).unwrap();
    let later = |m: &&matchslate::store::VersionMeeting| {
        m.date == first_day && m.start >= time(11, 0, 0, 0)
    };
    let buyer = planned.iter().find(later).unwrap().buyer_id.clone();
    let session = &desk.session;
    session.wait_for("Buyers · ", Duration::from_secs(60));
    session.keys(&["i"]);
    session.wait_for("Check-in · ", Duration::from_secs(30));
    session.keys(&["/"]);
    session.keys(&["-l", &buyer]);
    session.keys(&["Enter"]);
    let screen = session.wait_for(&format!("/{buyer} "), Duration::from_secs(10));
    assert!(screen.contains(&format!("B  {buyer}")), "{screen}");
    session.keys(&["a"]);
    // The status line says it was saved, and the row shows the absence.
    let saved = format!("{buyer}: absent on {first_day}");
    let screen = session.wait_for(&saved, Duration::from_secs(30));
    let row = screen.lines().find(|l| l.contains(&format!("B  {buyer}")));
    assert!(row.is_some_and(|r| r.contains("absent")), "{screen}");
    session.keys(&["r"]);
    let screen = session.wait_for("meetings lost to absences", Duration::from_secs(120));
    assert!(
        screen.contains("Repair of slate version 1 from 11:00"),
        "{screen}"
    );
    // The absent buyer's later meetings are lost (the list of changes
    // below may run off the pane, so read the figure, not the list).
    let lost: u32 = screen
        .lines()
        .find_map(|l| l.split("meetings lost to absences").nth(1))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!(lost > 0, "{screen}");
    session.keys(&["Enter"]);
    session.wait_for(
        "saved the repair as slate version 2",
        Duration::from_secs(60),
    );
    // Esc clears the find, Esc again closes the view. The Slate tab then
    // shows the day: the slot under way at 11:00 and the absence's mark.
    session.keys(&["Escape"]);
    let find = format!("/{buyer}");
    let cleared = |s: &str| !s.contains(&find);
    session.wait_until("the find cleared", cleared, Duration::from_secs(10));
    session.keys(&["Escape"]);
    let closed = |s: &str| !s.contains("Check-in · ");
    session.wait_until("the view closed", closed, Duration::from_secs(10));
    session.keys(&["3"]);
    let screen = session.wait_for("▶ now 11:00", Duration::from_secs(30));
    assert!(screen.contains("11:00▶"), "{screen}");
    assert!(screen.contains("∅ absent"), "{screen}");
    session.keys(&["q"]);
    let code = wait_for_file(&desk.exit, Duration::from_secs(10));
    assert_eq!(code.trim(), "exit=0");

    let attendance = store.attendance().unwrap();
    assert!(
        attendance.iter().any(|a| a.participant_id == buyer
            && a.presence == Presence::Absent
            && a.day == first_day),
        "{attendance:?}"
    );
    let repaired = store.version_meetings(2).unwrap();
    assert!(!repaired.is_empty());
    assert!(
        !repaired.iter().any(|m| m.buyer_id == buyer && later(&m)),
        "the absent buyer still meets after 11:00"
    );
    // Nothing before 11:00 changed.
    let before = |list: &[matchslate::store::VersionMeeting]| {
        let mut early: Vec<String> = (list.iter())
            .filter(|m| m.date < first_day || (m.date == first_day && m.start < time(11, 0, 0, 0)))
            .map(|m| format!("{} {} {} {}", m.seller_id, m.buyer_id, m.start, m.table))
            .collect();
        early.sort();
        early
    };
    assert_eq!(before(&planned), before(&repaired));
}
