//! Running the built binary for the CLI tests: on a summit folder or in the
//! crate root, its output checked, and summits to run it on (generated, or
//! a copy of the bundled demo so no test touches `data/`). Each test file
//! uses part of it.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

/// `matchslate --data DIR ARGS…`.
pub fn matchslate(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_matchslate"))
        .arg("--data")
        .arg(dir)
        .args(args)
        .output()
        .expect("run matchslate")
}

/// `matchslate ARGS…` run in the crate root, where `data/` is the demo.
pub fn in_crate(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_matchslate"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .expect("run matchslate")
}

/// The standard output of a run that must succeed; on failure, the test
/// fails showing the exit code and both streams.
pub fn ok(output: Output) -> String {
    assert!(
        output.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        output.status.code(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A generated summit in a temporary folder.
pub fn generated(sellers: usize, buyers: usize, seed: u64) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let options = matchslate::generate::GenerateOptions {
        sellers,
        buyers,
        seed,
    };
    matchslate::generate::generate(dir.path(), &options).expect("generate");
    dir
}

/// A copy of the bundled demo in a temporary folder.
pub fn demo_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    for file in ["event.json", "sellers.json", "buyers.json", "taxonomy.json"] {
        std::fs::copy(demo.join(file), dir.path().join(file)).expect("copy demo file");
    }
    dir
}
