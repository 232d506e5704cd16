//! End to end: the real binary in a real terminal (tmux). Types keys,
//! reads the screen with `capture-pane`, accepts a pairing, schedules,
//! exports, quits, then checks the database, the exported files and that
//! the terminal was restored. Skipped, with a notice, where tmux is missing.
//!
//! Waiting for the screen has to poll: tmux offers no way to be told when
//! a pane changes. Each wait is bounded and says what it waited for.

use std::path::PathBuf;
use std::time::Duration;

use matchslate::model::DecisionKind;
use matchslate::store::Store;

#[path = "support/tmux.rs"]
mod tmux;
use tmux::{start_desk, wait_for_file};

#[test]
fn typed_text_for_a_refused_prompt_never_runs_as_commands() {
    let Some(desk) = start_desk("modal") else {
        return;
    };
    let session = &desk.session;
    session.wait_for("Why S", Duration::from_secs(60));
    // A note on an undecided pair is refused; the note typed anyway holds
    // a (accept), c (clear), e (export), l and 3 (switch focus and tab).
    session.keys(&["n"]);
    session.wait_for("decide on the pair first", Duration::from_secs(10));
    session.keys(&["-l", "call back later 3"]);
    let screen = session.wait_for("refused: call back later 3", Duration::from_secs(10));
    assert!(screen.contains("Buyers · "), "{screen}");
    session.keys(&["Escape"]);
    session.wait_for("nothing saved", Duration::from_secs(10));
    session.keys(&["q"]);
    let code = wait_for_file(&desk.exit, Duration::from_secs(10));
    assert_eq!(code.trim(), "exit=0");
    let store = Store::open(&desk.db).unwrap_or_else(|e| panic!("store: {e}"));
    let current = store.current().unwrap_or_else(|e| panic!("store: {e}"));
    assert!(current.is_empty(), "typed text decided: {current:?}");
    assert!(!desk.data.join("out").exists(), "typed text exported");
}

#[test]
fn review_schedule_export_and_quit_in_a_real_terminal() {
    let Some(desk) = start_desk("e2e") else {
        return;
    };
    let (session, data, db, exit, stty) =
        (&desk.session, &desk.data, &desk.db, &desk.exit, &desk.stty);

    // Browse: the buyers list with Chinese names.
    // A capture can land mid-frame, so wait for the text itself: the first
    // buyer's Chinese name, whole, in the candidates' title.
    session.wait_for("Buyers · ", Duration::from_secs(60));
    let screen = session.wait_for("上海鲜链贸易有限公司", Duration::from_secs(30));
    assert!(screen.contains("Buyers · 68"), "{screen}");
    session.wait_for("Why S", Duration::from_secs(30));

    // Accept the first buyer's best candidate: saved at once, with who.
    session.keys(&["a"]);
    let screen = session.wait_for("accepted · e2e-staff", Duration::from_secs(10));
    assert!(screen.contains("(by e2e-staff)"), "{screen}");

    // Schedule in the background; the desk keeps answering meanwhile.
    session.keys(&["s"]);
    session.keys(&["?"]);
    session.wait_for("Keys · Esc or ? closes", Duration::from_secs(10));
    session.keys(&["Escape"]);
    session.wait_for("scheduled ", Duration::from_secs(120));
    session.keys(&["3"]);
    session.wait_for("Day 1/", Duration::from_secs(10));

    // Export and read where the files went.
    session.keys(&["e"]);
    let screen = session.wait_for("wrote schedule.csv", Duration::from_secs(30));
    let line = screen
        .lines()
        .find(|l| l.contains("wrote schedule.csv"))
        .unwrap_or_default();
    let folder = PathBuf::from(line.split(" to ").last().unwrap_or_default().trim());
    for file in ["schedule.csv", "sellers.csv", "buyers.csv", "schedule.ics"] {
        assert!(
            folder.join(file).is_file(),
            "{} missing ({line})",
            folder.join(file).display()
        );
    }

    session.keys(&["q"]);
    let code = wait_for_file(exit, Duration::from_secs(10));
    assert_eq!(code.trim(), "exit=0");
    let mode = wait_for_file(stty, Duration::from_secs(10));
    assert!(
        mode.contains(" icanon") && mode.contains(" echo"),
        "terminal left raw: {mode}"
    );

    // The decision is in the store, made by our staff member…
    assert!(!data.join("matchslate.db").exists(), "--db was ignored");
    let store = match Store::open(db) {
        Ok(s) => s,
        Err(e) => panic!("store: {e}"),
    };
    let current = match store.current() {
        Ok(c) => c,
        Err(e) => panic!("store: {e}"),
    };
    assert_eq!(current.len(), 1, "{current:?}");
    assert_eq!(current[0].kind, DecisionKind::Accepted);
    assert_eq!(current[0].staff, "e2e-staff");
    // …and the accepted pair meets in the exported schedule.
    let schedule = std::fs::read_to_string(folder.join("schedule.csv")).unwrap_or_default();
    assert!(
        schedule
            .lines()
            .any(|l| l.contains(&current[0].seller_id) && l.contains(&current[0].buyer_id)),
        "{} with {} not in schedule.csv",
        current[0].seller_id,
        current[0].buyer_id
    );
}

/// `+` arrives from a real keyboard with Shift held; `-` and `u` follow.
/// The wish is stored with who entered it, then taken back by `u`.
#[test]
fn wish_keys_in_a_real_terminal() {
    let Some(desk) = start_desk("wish") else {
        return;
    };
    let session = &desk.session;
    session.wait_for("Why S", Duration::from_secs(60));
    session.keys(&["+"]);
    let screen = session.wait_for(
        "(1st choice) (entered by e2e-staff)",
        Duration::from_secs(10),
    );
    assert!(screen.contains("wishes: S"), "{screen}");
    let store = Store::open(&desk.db).unwrap_or_else(|e| panic!("store: {e}"));
    let rows = store
        .wishes_in_force()
        .unwrap_or_else(|e| panic!("store: {e}"));
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0].staff, "e2e-staff");
    session.keys(&["-"]);
    session.wait_for("asks not to meet", Duration::from_secs(10));
    session.keys(&["u"]);
    session.wait_for("undid your last wish change", Duration::from_secs(10));
    session.keys(&["q"]);
    let code = wait_for_file(&desk.exit, Duration::from_secs(10));
    assert_eq!(code.trim(), "exit=0");
    // Back to the meet wish: the avoid was undone.
    let rows = store
        .wishes_in_force()
        .unwrap_or_else(|e| panic!("store: {e}"));
    let last = rows.last().map(|r| r.change);
    assert!(
        matches!(last, Some(matchslate::model::WishChange::Meet { rank: 1 })),
        "{rows:?}"
    );
}
