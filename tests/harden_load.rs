#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Hostile summit folders through the built binary: padded and disguised
//! ids, oversized input, files that are not files, impossible times, and
//! escapes in the event. Each must fail with exit 1 and a placed message,
//! never pass, hang or reach the terminal raw.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

fn good() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good")
}

/// A copy of the good fixture, with `change` applied to the three files.
fn summit(change: impl FnOnce(&mut Value, &mut Value, &mut Value)) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let read = |name: &str| -> Value {
        serde_json::from_str(&fs::read_to_string(good().join(name)).unwrap()).unwrap()
    };
    let (mut event, mut sellers, mut buyers) = (
        read("event.json"),
        read("sellers.json"),
        read("buyers.json"),
    );
    change(&mut event, &mut sellers, &mut buyers);
    for (name, value) in [
        ("event.json", &event),
        ("sellers.json", &sellers),
        ("buyers.json", &buyers),
    ] {
        let text = serde_json::to_string_pretty(value).unwrap();
        fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

/// Runs the binary, killing it (and failing) if it takes over a minute.
fn run(args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_matchslate"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("matchslate {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn validate(dir: &Path) -> (Option<i32>, String) {
    let output = run(&["validate", "--data", dir.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    assert!(!text.contains("panicked"), "{text}");
    (output.status.code(), text)
}

fn assert_error(dir: &Path, expected: &str) -> String {
    let (code, text) = validate(dir);
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains(expected), "expected {expected:?} in:\n{text}");
    text
}

#[test]
fn padded_and_wide_ids_are_duplicates() {
    for copy in [" S001", "S001 ", "\u{a0}S001", "S001\u{3000}", "Ｓ００１"] {
        let dir = summit(|_, sellers, _| sellers[1]["id"] = json!(copy));
        let text = assert_error(dir.path(), "[1].id: duplicate id \"S001\" (written ");
        // The second place is the first seller's id.
        let first =
            matchslate::load::json::JsonFile::read(&dir.path().join("sellers.json")).unwrap();
        let at = first.text.find("\"S001\"").unwrap();
        assert!(
            text.contains(&format!("also used at {}", first.place(at))),
            "{text}"
        );
    }
}

#[test]
fn a_padded_unique_id_is_stored_trimmed() {
    let dir = summit(|_, sellers, _| sellers[0]["id"] = json!("\u{3000}S009 "));
    let (code, text) = validate(dir.path());
    assert_eq!(code, Some(0), "{text}");
    let summit = matchslate::load::load_summit(dir.path()).summit.unwrap();
    assert_eq!(summit.sellers[0].id, "S009");
}

#[test]
fn empty_or_blank_ids_and_names_are_errors() {
    let dir = summit(|_, sellers, buyers| {
        sellers[0]["id"] = json!("\u{3000}\u{a0}");
        buyers[0]["company"] = json!("\u{3000}");
    });
    let text = assert_error(dir.path(), "[0].id: the id is empty");
    assert!(
        text.contains("[0].company: the company name is empty"),
        "{text}"
    );
}

#[test]
fn invisible_characters_are_errors_in_ids_and_names() {
    let dir = summit(|event, sellers, buyers| {
        sellers[0]["id"] = json!("\u{200b}");
        sellers[1]["id"] = json!("S0\u{200d}01");
        buyers[0]["company"] = json!("\u{200b}\u{2060}");
        event["venue"] = json!("Hall\u{200f}A");
    });
    let text = assert_error(dir.path(), "sellers.json");
    for path in ["[0].id", "[1].id", "[0].company", "venue"] {
        assert!(
            text.contains(&format!(
                "{path}: contains a control character, escape sequence or invisible character"
            )),
            "{path}: {text}"
        );
    }
}

#[test]
fn fields_and_lists_over_their_limits_are_placed_errors() {
    let dir = summit(|event, sellers, buyers| {
        sellers[0]["company"] = json!("橙".repeat(301));
        buyers[0]["interests"] = json!(vec!["wine"; 201]);
        sellers[1]["categories"] = json!(["x".repeat(101)]);
        event["venue"] = json!("v".repeat(1_000_000));
    });
    let text = assert_error(
        dir.path(),
        "[0].company: too long: 301 characters, at most 300 are allowed",
    );
    assert!(
        text.contains("[0].interests[200]: too many entries: 201, at most 200"),
        "{text}"
    );
    assert!(text.contains("[1].categories[0]: too long: 101"), "{text}");
    assert!(
        text.contains("venue: too long: 1000000 characters"),
        "{text}"
    );
}

#[test]
fn too_many_participants_is_an_error_at_the_first_one_over() {
    let dir = summit(|_, _, _| {});
    // The count is checked before any element is read, so bare zeros do.
    let mut text = String::with_capacity(4_000_010);
    text.push('[');
    for i in 0..=2_000_000 {
        if i > 0 {
            text.push(',');
        }
        text.push('0');
    }
    text.push(']');
    fs::write(dir.path().join("buyers.json"), text).unwrap();
    assert_error(
        dir.path(),
        "buyers.json:1:4000002: error: [2000000]: too many buyers: 2000001, at most 2000000 are allowed",
    );
}

#[cfg(unix)]
#[test]
fn devices_fifos_and_huge_files_are_refused_before_reading() {
    let dir = summit(|_, _, _| {});
    let sellers = dir.path().join("sellers.json");

    fs::remove_file(&sellers).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &sellers).unwrap();
    assert_error(dir.path(), "sellers.json: error: is not a regular file");

    fs::remove_file(&sellers).unwrap();
    let made = Command::new("mkfifo").arg(&sellers).status().unwrap();
    assert!(made.success());
    assert_error(dir.path(), "sellers.json: error: is not a regular file");

    fs::remove_file(&sellers).unwrap();
    // Sparse: 1 GiB and a byte that take no room on disk.
    let file = fs::File::create(&sellers).unwrap();
    file.set_len(1024 * 1024 * 1024 + 1).unwrap();
    assert_error(dir.path(), "is larger than the limit of 1073741824 bytes");
}

#[test]
fn seconds_and_far_dates_are_errors() {
    for (start, expected) in [
        ("09:00:30", "expected a time like 09:30, found \"09:00:30\""),
        ("09:00:60", "expected a time like 09:30, found \"09:00:60\""),
    ] {
        let dir = summit(|event, _, _| event["days"][0]["start"] = json!(start));
        assert_error(dir.path(), expected);
    }
    let dir = summit(|event, _, _| event["days"][0]["date"] = json!("9999-12-31"));
    assert_error(dir.path(), "found \"9999-12-31\"");
}

#[test]
fn slots_in_a_daylight_saving_gap_are_left_out_and_said() {
    let dir = summit(|event, _, _| {
        event["days"] = json!([{"date": "2017-03-12", "start": "01:00", "end": "04:00"}]);
    });
    let sellers = dir.path().join("sellers.json");
    let text = fs::read_to_string(&sellers)
        .unwrap()
        .replace("2017-10-11", "2017-03-12");
    fs::write(
        &sellers,
        text.replace("\"09:00\"", "\"01:00\"")
            .replace("\"10:00\"", "\"01:40\""),
    )
    .unwrap();
    let (code, text) = validate(dir.path());
    assert_eq!(code, Some(0), "{text}");
    assert!(
        text.contains(
            "4 slot(s) on 2017-03-12 would start, end or lose time in a daylight-saving change"
        ),
        "{text}"
    );
    let summit = matchslate::load::load_summit(dir.path()).summit.unwrap();
    let hours: Vec<i8> = summit.slots.iter().map(|s| s.start.hour()).collect();
    assert_eq!(hours, [1, 1, 3, 3, 3]);
}

#[test]
fn terminal_escapes_in_the_event_are_errors_and_never_printed() {
    let dir = summit(|event, _, _| {
        event["name"] = json!("Evil\u{1b}[2J");
        event["venue"] = json!("\u{1b}]0;owned\u{7}");
    });
    let text = assert_error(dir.path(), "name: contains a control character");
    assert!(
        text.contains("venue: contains a control character"),
        "{text}"
    );
    assert!(!text.contains('\u{1b}'), "raw escape printed: {text:?}");
}

#[test]
fn a_lone_surrogate_says_what_is_wrong() {
    let dir = summit(|_, _, _| {});
    let sellers = fs::read_to_string(dir.path().join("sellers.json")).unwrap();
    let broken = sellers.replacen("\"S001\"", "\"S\\ud800\"", 1);
    fs::write(dir.path().join("sellers.json"), broken).unwrap();
    assert_error(dir.path(), "a lone UTF-16 surrogate escape");
}

#[test]
fn generate_refuses_a_folder_holding_a_summit() {
    let dir = summit(|_, _, _| {});
    let before: Vec<Vec<u8>> = ["event.json", "sellers.json", "buyers.json"]
        .iter()
        .map(|f| fs::read(dir.path().join(f)).unwrap())
        .collect();
    let output = run(&[
        "generate",
        "--sellers",
        "3",
        "--buyers",
        "2",
        "--out",
        dir.path().to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&output.stderr);
    assert_ne!(output.status.code(), Some(0), "{err}");
    assert!(
        err.contains("already holds a summit (event.json, sellers.json, buyers.json)"),
        "{err}"
    );
    let after: Vec<Vec<u8>> = ["event.json", "sellers.json", "buyers.json"]
        .iter()
        .map(|f| fs::read(dir.path().join(f)).unwrap())
        .collect();
    assert_eq!(before, after);
}
