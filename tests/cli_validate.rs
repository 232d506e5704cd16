//! The built binary on good data and on broken files: exact positions,
//! messages and exit codes, and input files left untouched.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::Output;

#[path = "support/cli.rs"]
mod cli;

use cli::{in_crate, stderr, stdout};

fn validate(case: &str) -> Output {
    in_crate(&["validate", "--data", &format!("tests/fixtures/{case}")])
}

/// The standard error of validating `case`, which must exit with `code`.
fn stderr_of(case: &str, code: i32) -> String {
    let output = validate(case);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(code), "{case}: {err}");
    err
}

/// Runs a broken case and checks it fails with exit 1, mentions `expected`
/// (file:line:col and message), and never panics.
fn assert_fails_with(case: &str, expected: &str) {
    let err = stderr_of(&format!("bad/{case}"), 1);
    assert!(
        err.contains(expected),
        "{case}: expected {expected:?} in:\n{err}"
    );
    assert!(!err.contains("panicked"), "{case} panicked:\n{err}");
    assert!(
        err.contains("hint:"),
        "{case}: every problem carries a hint:\n{err}"
    );
}

#[test]
fn a_wrong_type_is_placed_at_its_value() {
    assert_fails_with(
        "wrong-type",
        "wrong-type/sellers.json:8:21: error: [0].max_meetings: expected an unsigned integer, found \"six\"",
    );
}

#[test]
fn duplicate_ids_name_both_places() {
    assert_fails_with(
        "duplicate-id",
        "duplicate-id/sellers.json:11:11: error: [1].id: duplicate id \"S001\": also used at tests/fixtures/bad/duplicate-id/sellers.json:3:11",
    );
}

#[test]
fn event_problems_are_placed() {
    assert_fails_with(
        "unknown-timezone",
        "event.json:4:15: error: timezone: unknown time zone \"America/Los_Angles\"",
    );
    assert_fails_with(
        "day-ends-before-start",
        "event.json:6:53: error: days[0].end: the day ends at 08:00 before it starts at 09:00",
    );
    assert_fails_with(
        "break-outside-day",
        "event.json:6:73: error: days[0].breaks[0]: the break 12:30-13:00 is outside the day 09:00-12:00",
    );
    assert_fails_with(
        "slot-does-not-fit",
        "event.json:6:5: error: days[0]: no 200-minute slot fits",
    );
}

#[test]
fn participant_problems_are_placed() {
    assert_fails_with(
        "availability-outside-event",
        "sellers.json:15:28: error: [1].available[0].date: 2017-10-12 is not a day of the event",
    );
    assert_fails_with(
        "bad-hs-code",
        "sellers.json:7:18: error: [0].hs_codes[0]: expected an HS code of 2 to 10 digits, found \"08x9\"",
    );
    assert_fails_with(
        "no-categories",
        "buyers.json:2:3: error: [0]: neither interests nor hs_codes are given",
    );
    assert_fails_with(
        "empty-company",
        "sellers.json:12:16: error: [1].company: the company name is empty",
    );
}

#[test]
fn syntax_errors_and_missing_files_are_reported() {
    assert_fails_with(
        "missing-comma",
        "missing-comma/buyers.json:7:5: error: expected `,` or `}`",
    );
    assert_fails_with(
        "missing-file",
        "missing-file/buyers.json: error: file not found",
    );
}

#[test]
fn escape_sequences_are_rejected_and_never_echoed_raw() {
    let err = stderr_of("bad/escape-sequence", 1);
    assert!(
        err.contains("sellers.json:12:16: error: [1].company: contains a control character"),
        "{err}"
    );
    assert!(
        !err.contains('\u{1b}'),
        "the raw escape must not reach the terminal"
    );
}

#[test]
fn every_problem_is_reported_in_one_pass() {
    let err = stderr_of("bad/many-problems", 1);
    for expected in [
        "event.json:4:15: error: timezone: unknown time zone \"Mars/Olympus\"",
        "sellers.json:8:21: error: [0].max_meetings",
        "buyers.json:3:11: error: [0].id: the id is empty",
    ] {
        assert!(err.contains(expected), "expected {expected:?} in:\n{err}");
    }
}

#[test]
fn unknown_fields_are_warnings_with_a_suggestion() {
    let err = stderr_of("warn/unknown-field", 0);
    assert!(
        err.contains(
            "buyers.json:8:17: warning: [0].intrests: unknown field `intrests` is ignored"
        ),
        "{err}"
    );
    assert!(err.contains("did you mean `interests`?"), "{err}");
}

#[test]
fn terms_no_category_knows_are_warned_about_in_place() {
    let err = stderr_of("warn/unmapped-term", 0);
    assert!(
        err.contains(
            "sellers.json:6:38: warning: [0].categories[1]: no category for \"quantum doohickeys\""
        ),
        "{err}"
    );
}

#[test]
fn a_byte_order_mark_is_accepted_and_an_empty_list_is_a_warning() {
    let err = stderr_of("warn/bom-and-empty", 0);
    assert!(
        err.contains("buyers.json: warning: the file lists no buyers"),
        "{err}"
    );
    assert!(
        !err.contains("sellers.json"),
        "the BOM is not an error: {err}"
    );
}

#[test]
fn good_data_prints_a_summary() {
    let output = validate("good");
    let out = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(out.contains("sellers       2"), "{out}");
    // 09:00-12:00 with a 10:00-10:20 break: 3 + 5 twenty-minute slots.
    assert!(out.contains("slots         8"), "{out}");
}

#[test]
fn the_bundled_demo_is_clean() {
    let output = in_crate(&["validate"]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    assert!(
        err.is_empty(),
        "the demo must pass with no warnings:\n{err}"
    );
    assert!(stdout(&output).contains("no problems found"));
}

#[test]
fn usage_errors_exit_with_2() {
    let output = in_crate(&["rank", "--top", "many"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn loading_never_changes_input_files() {
    let dir =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad/wrong-type/sellers.json");
    let before = std::fs::read(&dir).unwrap();
    let _ = validate("bad/wrong-type");
    assert_eq!(before, std::fs::read(&dir).unwrap());
}
