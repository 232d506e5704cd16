//! `schedule` fails (exit 1) when a pair staff accepted or locked cannot be
//! placed, naming the pair, whether it was locked or accepted, and why.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use matchslate::summit::{Decision, OpenSummit, SummitOptions, Verdict};

#[path = "support/cli.rs"]
mod cli;

use cli::{matchslate, stdout};

fn summit() -> tempfile::TempDir {
    cli::generated(6, 12, 5)
}

/// Records decisions through the library (one open, not one process each).
fn decide_all(dir: &Path, seller: usize, verdict: impl Fn(usize) -> Verdict) {
    let options = SummitOptions {
        data: dir.to_path_buf(),
        db: None,
        staff: "ann".to_string(),
    };
    let mut open = OpenSummit::open(&options).unwrap();
    for buyer in 0..12 {
        open.decide(Decision {
            seller,
            buyer,
            verdict: verdict(buyer),
            note: None,
        })
        .unwrap();
    }
}

fn schedule(dir: &Path) -> std::process::Output {
    let folder = dir.join("out");
    matchslate(dir, &["schedule", "--out", folder.to_str().unwrap()])
}

/// The summary of a `schedule` run that must exit 1.
fn schedule_failing(dir: &Path) -> String {
    let out = schedule(dir);
    let stdout = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    stdout
}

#[test]
fn more_locks_than_a_seller_can_meet_fail_the_run_naming_each_locked_pair() {
    let dir = summit();
    // Twelve locks for one seller, each at its own slot: more than its
    // max_meetings (at most 10), so some must stay off the slate.
    decide_all(dir.path(), 0, |buyer| Verdict::Lock {
        slot: buyer,
        table: 0,
    });
    let stdout = schedule_failing(dir.path());
    assert!(
        stdout.contains("locked pairs could not be placed:"),
        "{stdout}"
    );
    assert!(stdout.contains("S000001·B000"), "{stdout}");
    assert!(stdout.contains("(locked): "), "{stdout}");
    assert!(!stdout.contains("(accepted)"), "{stdout}");
}

#[test]
fn an_accepted_pair_left_off_says_accepted() {
    let dir = summit();
    decide_all(dir.path(), 1, |_| Verdict::Accept);
    let stdout = schedule_failing(dir.path());
    assert!(
        stdout.contains("accepted pairs could not be placed:"),
        "{stdout}"
    );
    assert!(stdout.contains("S000002·B000"), "{stdout}");
    assert!(stdout.contains("(accepted): "), "{stdout}");
}

#[test]
fn a_slate_holding_every_decided_pair_exits_0() {
    let dir = summit();
    let accept = matchslate(
        dir.path(),
        &[
            "decide", "accept", "--seller", "S000001", "--buyer", "B00001",
        ],
    );
    assert!(accept.status.success());
    let out = schedule(dir.path());
    assert!(out.status.success(), "{}", stdout(&out));
}
