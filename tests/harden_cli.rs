#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Command-line abuse through the built binary: numbers that are not
//! numbers or are out of range, options that do not apply, a desk without a
//! terminal, `generate` over a summit, and decisions about participants who
//! left. Usage problems exit 2 and never panic (exit 101).

use std::fs;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn summit() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let good = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good");
    for name in ["event.json", "sellers.json", "buyers.json"] {
        fs::copy(good.join(name), dir.path().join(name)).unwrap();
    }
    dir
}

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_matchslate"))
        .arg("--data")
        .arg(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn numeric_flags_out_of_range_exit_2() {
    let dir = summit();
    for (flag, value) in [
        ("--time-limit", "1e20"),
        ("--time-limit", "-1"),
        ("--time-limit", "NaN"),
        ("--time-limit", "inf"),
        ("--min-score", "NaN"),
        ("--min-score", "-5"),
        ("--min-score", "101"),
    ] {
        let output = run(dir.path(), &["schedule", &format!("{flag}={value}")]);
        let err = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{flag} {value}: {err}");
        assert!(err.contains(flag), "{flag} {value}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
    // In range still runs.
    let output = run(
        dir.path(),
        &["schedule", "--time-limit", "0.2", "--min-score", "0"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

#[test]
fn decide_rejects_options_that_do_not_apply() {
    let dir = summit();
    for verb in ["accept", "reject", "clear"] {
        let output = run(
            dir.path(),
            &[
                "decide", verb, "--seller", "S001", "--buyer", "B001", "--slot", "3", "--table",
                "2",
            ],
        );
        let err = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{verb}: {err}");
        assert!(err.contains("--slot"), "{verb}: {err}");
    }
    let listed = run(dir.path(), &["decisions", "--format", "json"]);
    let out = String::from_utf8_lossy(&listed.stdout);
    assert!(!out.contains("S001"), "nothing was recorded: {out}");
}

#[test]
fn a_padded_id_on_the_command_line_names_the_same_participant() {
    let dir = summit();
    let output = run(
        dir.path(),
        &[
            "decide",
            "accept",
            "--seller",
            " S001",
            "--buyer",
            "B001\u{3000}",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let listed = run(dir.path(), &["decisions", "--format", "json"]);
    let out = String::from_utf8_lossy(&listed.stdout);
    assert!(out.contains("\"seller_id\": \"S001\""), "{out}");
    assert!(out.contains("\"buyer_id\": \"B001\""), "{out}");
}

#[test]
fn generate_force_replaces_a_summit() {
    let dir = summit();
    let before = fs::read(dir.path().join("sellers.json")).unwrap();
    let out = dir.path().to_str().unwrap();
    let refused = run(
        dir.path(),
        &["generate", "--sellers", "3", "--buyers", "2", "--out", out],
    );
    assert_ne!(refused.status.code(), Some(0));
    assert!(stderr(&refused).contains("--force"), "{}", stderr(&refused));
    assert_eq!(fs::read(dir.path().join("sellers.json")).unwrap(), before);

    let forced = run(
        dir.path(),
        &[
            "generate",
            "--sellers",
            "3",
            "--buyers",
            "2",
            "--out",
            out,
            "--force",
        ],
    );
    assert_eq!(forced.status.code(), Some(0), "{}", stderr(&forced));
    assert_ne!(fs::read(dir.path().join("sellers.json")).unwrap(), before);
}

#[test]
fn the_desk_refuses_to_start_without_a_terminal() {
    let dir = summit();
    let output = run(dir.path(), &["tui"]);
    let err = stderr(&output);
    assert_ne!(output.status.code(), Some(0), "{err}");
    assert!(err.contains("terminal"), "{err}");
    assert!(
        output.stdout.is_empty(),
        "drew into a pipe: {:?}",
        output.stdout
    );
}

#[test]
fn schedule_names_decisions_about_participants_who_left() {
    let dir = summit();
    let output = run(
        dir.path(),
        &["decide", "accept", "--seller", "S002", "--buyer", "B001"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    // S002 withdraws: only S001 stays in sellers.json.
    let sellers: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("sellers.json")).unwrap())
            .unwrap();
    let kept = serde_json::Value::Array(vec![sellers[0].clone()]);
    fs::write(dir.path().join("sellers.json"), kept.to_string()).unwrap();

    let output = run(dir.path(), &["schedule", "--time-limit", "0.2"]);
    let text = String::from_utf8_lossy(&output.stdout).into_owned() + &stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert!(
        text.contains("S002"),
        "the orphaned decision is not mentioned: {text}"
    );
}
