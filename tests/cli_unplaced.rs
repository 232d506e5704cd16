//! `schedule` fails (exit 1) when a pair staff accepted or locked cannot be
//! placed, naming the pair, whether it was locked or accepted, and why.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Command, Output};

use matchslate::summit::{OpenSummit, SummitOptions, Verdict};

fn matchslate(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_matchslate"))
        .arg("--data")
        .arg(dir)
        .args(args)
        .output()
        .expect("run matchslate")
}

fn summit() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let options = matchslate::generate::GenerateOptions {
        sellers: 6,
        buyers: 12,
        seed: 5,
    };
    matchslate::generate::generate(dir.path(), &options).expect("generate");
    dir
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
        open.decide(seller, buyer, verdict(buyer), None).unwrap();
    }
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
    let folder = dir.path().join("out");
    let out = matchslate(dir.path(), &["schedule", "--out", folder.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
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
    let folder = dir.path().join("out");
    let out = matchslate(dir.path(), &["schedule", "--out", folder.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
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
    let folder = dir.path().join("out");
    let out = matchslate(dir.path(), &["schedule", "--out", folder.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}
