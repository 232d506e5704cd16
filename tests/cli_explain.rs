//! `matchslate explain` and the fairness lines of `schedule` on a real
//! (generated) summit: a rejected best candidate is named as such, the
//! JSON is for scripts, and an unknown id is a clear error.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/cli.rs"]
mod cli;

use cli::{matchslate, ok, stderr};

fn generated() -> tempfile::TempDir {
    cli::generated(30, 8, 5)
}

#[test]
fn a_rejected_best_candidate_is_explained_as_rejected() {
    let dir = generated();
    let path = dir.path();
    let ranked = ok(matchslate(
        path,
        &[
            "rank", "--buyer", "B00001", "--top", "1", "--format", "json",
        ],
    ));
    let best: Vec<serde_json::Value> = serde_json::from_str(&ranked).unwrap();
    let seller = best[0]["seller_id"].as_str().unwrap().to_string();
    ok(matchslate(
        path,
        &["decide", "reject", "--seller", &seller, "--buyer", "B00001"],
    ));

    let text = ok(matchslate(
        path,
        &["explain", "--buyer", "B00001", "--time-limit", "60"],
    ));
    assert!(text.starts_with("buyer B00001: "), "{text}");
    let line = text
        .lines()
        .find(|line| line.contains(&seller))
        .expect("the rejected seller is listed");
    assert!(line.contains("staff rejected the pair"), "{text}");

    let json = ok(matchslate(
        path,
        &[
            "explain",
            "--buyer",
            "B00001",
            "--format",
            "json",
            "--time-limit",
            "60",
        ],
    ));
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["side"], "buyer");
    let unmet = value["unmet"].as_array().unwrap();
    assert!(
        unmet
            .iter()
            .any(|u| u["blocker"]["cause"] == "staff_rejected"),
        "{json}"
    );
}

#[test]
fn the_schedule_summary_gives_fairness_per_side() {
    let dir = generated();
    let summary = ok(matchslate(dir.path(), &["schedule", "--time-limit", "60"]));
    assert!(summary.contains("buyers: meetings min "), "{summary}");
    assert!(summary.contains("sellers: meetings min "), "{summary}");
    assert!(
        summary.contains("sellers changing tables within a day: "),
        "{summary}"
    );
}

#[test]
fn explaining_an_unknown_participant_fails_clearly() {
    let dir = generated();
    let output = matchslate(dir.path(), &["explain", "--seller", "S999999"]);
    assert!(!output.status.success());
    let stderr = stderr(&output);
    assert!(stderr.contains("S999999"), "{stderr}");
}

#[test]
fn explain_and_repair_check_their_numbers_as_schedule_does() {
    let dir = generated();
    for args in [
        &["explain", "--seller", "S000001", "--min-score", "NaN"][..],
        &["explain", "--seller", "S000001", "--min-score", "101"],
        &["explain", "--seller", "S000001", "--time-limit", "inf"],
        &["repair", "--now", "2017-10-11T11:00", "--min-score", "150"],
    ] {
        let output = matchslate(dir.path(), args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&output).contains("expected a number from"),
            "{args:?}"
        );
    }
}
