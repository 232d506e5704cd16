//! `write_slate` and `write_atomic` on a real file system: the four files,
//! byte-identical re-exports, no temporary files left, replacement of old
//! files, and errors (not panics) when the folder cannot be written.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/export_fixture.rs"]
mod fixture;

use std::fs;
use std::path::Path;

use matchslate::export::{
    ExportError, SCHEDULE_HEADER, buyers_csv, schedule_csv, sellers_csv, write_atomic, write_slate,
};

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn writes_the_four_files_into_a_new_nested_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("exports").join("day1");
    let summit = fixture::summit();
    let slate = fixture::slate();

    let files = write_slate(&out, &summit, &slate).unwrap();

    assert_eq!(files.meetings, 4);
    assert_eq!(files.schedule_csv, out.join("schedule.csv"));
    assert_eq!(
        names_in(&out),
        ["buyers.csv", "schedule.csv", "schedule.ics", "sellers.csv"]
    );
    for path in files.paths() {
        assert!(path.is_file(), "{}", path.display());
    }
    // The files hold exactly what the renderers produce.
    assert_eq!(
        fs::read(&files.schedule_csv).unwrap(),
        schedule_csv(&summit, &slate).unwrap()
    );
    assert_eq!(
        fs::read(&files.sellers_csv).unwrap(),
        sellers_csv(&summit, &slate).unwrap()
    );
    assert_eq!(
        fs::read(&files.buyers_csv).unwrap(),
        buyers_csv(&summit, &slate).unwrap()
    );
    let ics = fs::read_to_string(&files.schedule_ics).unwrap();
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 4);
}

#[test]
fn a_second_export_is_byte_identical() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    let summit = fixture::summit();
    let slate = fixture::slate();
    let first = write_slate(&a, &summit, &slate).unwrap();
    let second = write_slate(&b, &summit, &slate).unwrap();
    for (x, y) in first.paths().iter().zip(second.paths()) {
        assert_eq!(
            fs::read(x).unwrap(),
            fs::read(y).unwrap(),
            "{}",
            x.display()
        );
    }
    // And again into the same folder, over the first export.
    let before: Vec<_> = first.paths().iter().map(|p| fs::read(p).unwrap()).collect();
    write_slate(&a, &summit, &slate).unwrap();
    let after: Vec<_> = first.paths().iter().map(|p| fs::read(p).unwrap()).collect();
    assert_eq!(before, after);
}

#[test]
fn export_replaces_old_files_and_leaves_no_temporary_files() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path();
    fs::write(
        out.join("schedule.csv"),
        "stale content that is longer than the new\n".repeat(500),
    )
    .unwrap();
    fs::write(out.join("notes.txt"), "staff notes").unwrap();

    write_slate(
        out,
        &fixture::summit(),
        &matchslate::model::Slate::default(),
    )
    .unwrap();

    assert_eq!(
        fs::read_to_string(out.join("schedule.csv")).unwrap(),
        format!("{}\n", SCHEDULE_HEADER.join(","))
    );
    assert_eq!(
        fs::read_to_string(out.join("notes.txt")).unwrap(),
        "staff notes"
    );
    assert_eq!(
        names_in(out),
        [
            "buyers.csv",
            "notes.txt",
            "schedule.csv",
            "schedule.ics",
            "sellers.csv"
        ]
    );
}

#[test]
fn write_atomic_replaces_content_and_cleans_up() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("slate.txt");
    write_atomic(&path, b"first").unwrap();
    write_atomic(&path, b"second, longer").unwrap();
    write_atomic(&path, b"3").unwrap();
    assert_eq!(fs::read(&path).unwrap(), b"3");
    assert_eq!(names_in(tmp.path()), ["slate.txt"]);
}

#[cfg(unix)]
#[test]
fn write_atomic_gives_shareable_permissions_and_keeps_existing_ones() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let new = tmp.path().join("new.csv");
    write_atomic(&new, b"x").unwrap();
    let mode = fs::metadata(&new).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode & 0o600, 0o600, "owner can read and write");
    assert_eq!(mode & 0o133, 0, "no execute, nobody else writes: {mode:o}");

    let kept = tmp.path().join("kept.csv");
    fs::write(&kept, b"old").unwrap();
    fs::set_permissions(&kept, fs::Permissions::from_mode(0o640)).unwrap();
    write_atomic(&kept, b"new").unwrap();
    let mode = fs::metadata(&kept).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
}

#[test]
fn write_atomic_into_a_missing_folder_is_an_error_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("missing").join("slate.txt");
    let err = write_atomic(&path, b"x").unwrap_err();
    match &err {
        ExportError::Write { path: p, .. } => assert_eq!(p, &path),
        other => panic!("expected Write, got {other:?}"),
    }
    let message = err.to_string();
    assert!(message.contains(&path.display().to_string()), "{message}");
    assert!(message.contains("choose another --out folder"), "{message}");
    assert_eq!(names_in(tmp.path()), Vec::<String>::new());
}

#[test]
fn an_out_dir_that_cannot_be_created_is_an_error_not_a_panic() {
    // A regular file where a folder should be fails even for root, unlike
    // permission bits.
    let tmp = tempfile::tempdir().unwrap();
    let blocker = tmp.path().join("report.pdf");
    fs::write(&blocker, b"not a folder").unwrap();
    let out = blocker.join("out");

    let err = write_slate(&out, &fixture::summit(), &fixture::slate()).unwrap_err();

    assert!(matches!(err, ExportError::CreateDir { .. }), "{err:?}");
    let message = err.to_string();
    assert!(message.starts_with(&format!("cannot create output folder {}: ", out.display())));
    assert!(
        message.ends_with("; choose another --out folder"),
        "{message}"
    );
}

#[cfg(unix)]
#[test]
fn a_read_only_out_dir_is_an_error_naming_the_file() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("locked");
    fs::create_dir(&out).unwrap();
    fs::set_permissions(&out, fs::Permissions::from_mode(0o555)).unwrap();
    // Root ignores permission bits; then there is nothing to test here.
    let probe = out.join("probe");
    if fs::write(&probe, b"").is_ok() {
        fs::remove_file(&probe).unwrap();
        eprintln!("skipped: running as root, permission bits are not enforced");
        return;
    }

    let err = write_slate(&out, &fixture::summit(), &fixture::slate()).unwrap_err();
    fs::set_permissions(&out, fs::Permissions::from_mode(0o755)).unwrap();

    assert_eq!(
        err.to_string(),
        format!(
            "cannot write {}: permission denied; choose another --out folder",
            out.join("schedule.csv").display()
        )
    );
}

#[test]
fn a_folder_in_the_way_of_a_file_is_an_error_and_leaves_no_temporary_file() {
    // Fails for root too: a file cannot be renamed over a folder.
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path();
    fs::create_dir(out.join("schedule.csv")).unwrap();

    let err = write_slate(out, &fixture::summit(), &fixture::slate()).unwrap_err();

    match &err {
        ExportError::Write { path, .. } => assert_eq!(path, &out.join("schedule.csv")),
        other => panic!("expected Write, got {other:?}"),
    }
    assert!(
        err.to_string().ends_with("; choose another --out folder"),
        "{err}"
    );
    assert_eq!(names_in(out), ["schedule.csv"]);
    assert!(out.join("schedule.csv").is_dir());
}

#[test]
fn a_slate_that_does_not_match_the_summit_is_an_error_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let mut slate = fixture::slate();
    slate.meetings[2].buyer = 99;

    let err = write_slate(&out, &fixture::summit(), &slate).unwrap_err();

    assert!(matches!(err, ExportError::Inconsistent(_)), "{err:?}");
    assert!(err.to_string().contains("buyer #99"), "{err}");
    assert!(!out.exists(), "nothing is created before all files render");
}
