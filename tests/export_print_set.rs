#![allow(clippy::unwrap_used, clippy::expect_used)]
//! `print/` is part of the export's one set: a write failing inside it
//! leaves the previous four files and the previous `print/` whole, a run
//! killed after its set was complete is finished by the next, and a new
//! `print/` replaces the old one whole (no pages of participants since
//! removed). Also: the files of a stored version say which it is.

#[path = "common/print_fixture.rs"]
mod fixture;

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use matchslate::export::{SlateStamp, Versioning, write_export, write_export_with};
use matchslate::model::Slate;

/// Every file under `dir` (path relative to it, bytes), hidden ones too.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).unwrap().to_path_buf();
                out.insert(rel, fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn failing_on(suffix: &'static str) -> impl Fn(&Path) -> io::Result<Box<dyn Write + Send>> + Sync {
    move |path| {
        if path.ends_with(suffix) {
            return Err(io::Error::from(io::ErrorKind::StorageFull));
        }
        matchslate::export::open_file(path)
    }
}

/// Fails the write of the file ending in `suffix` once `after` bytes of it
/// are written, as a disk filling up part-way through would.
fn full_after(
    suffix: &'static str,
    after: usize,
) -> impl Fn(&Path) -> io::Result<Box<dyn Write + Send>> + Sync {
    struct Filling {
        file: Box<dyn Write + Send>,
        room: usize,
    }
    impl Write for Filling {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if buf.len() > self.room {
                return Err(io::Error::from(io::ErrorKind::StorageFull));
            }
            self.room -= buf.len();
            self.file.write(buf)
        }
        fn flush(&mut self) -> io::Result<()> {
            self.file.flush()
        }
    }
    move |path| {
        let file = matchslate::export::open_file(path)?;
        let room = if path.ends_with(suffix) {
            after
        } else {
            usize::MAX
        };
        Ok(Box::new(Filling { file, room }))
    }
}

/// The demo's first `n` meetings, as an older slate to export first.
fn first(slate: &Slate, n: usize) -> Slate {
    let mut older = slate.clone();
    older.meetings.truncate(n);
    older
}

#[test]
fn a_failure_inside_print_leaves_the_old_set_whole() {
    let dir = tempfile::tempdir().unwrap();
    let (open, slate) = fixture::demo(dir.path());
    let older = first(&slate, 10);
    let none = Versioning::default();
    for with_notes in [false, true] {
        let out = dir.path().join(format!("out-{with_notes}"));
        write_export(&out, &fixture::input(&open, &older), &none, None).unwrap();
        if with_notes {
            // Staff files in the folder: the set is replaced in place.
            fs::write(out.join("notes.txt"), "keep me").unwrap();
        }
        let before = tree(&out);
        assert!(before.contains_key(Path::new("print/agendas.html")));
        assert!(before.contains_key(Path::new("schedule.ics")));

        // A write failing inside print/ (any file fails the same way).
        let new = fixture::input(&open, &slate);
        let failing = failing_on("print/checkin.html");
        let err = write_export_with(&out, &new, &none, None, &failing);
        let err = err.unwrap_err().to_string();
        assert!(err.contains("disk is full"), "{err}");
        assert_eq!(tree(&out), before, "notes: {with_notes}");
        let beside: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("export-"))
            .collect();
        assert!(beside.is_empty(), "{beside:?}");

        // The next export writes the whole new set, print/ included.
        write_export(&out, &fixture::input(&open, &slate), &none, None).unwrap();
        let after = tree(&out);
        let csv = String::from_utf8(after[Path::new("schedule.csv")].clone()).unwrap();
        assert_eq!(csv.lines().count(), slate.meetings.len() + 1);
        let print: Vec<_> = (after.keys())
            .filter_map(|name| name.strip_prefix("print").ok())
            .collect();
        let pages = open.summit().sellers.len() + open.summit().buyers.len();
        // agendas.html, tables, interpreters, check-in, and per participant
        // a page and a calendar.
        assert_eq!(print.len(), 4 + 2 * pages, "{print:?}");
        assert_eq!(
            after.contains_key(Path::new("notes.txt")),
            with_notes,
            "staff files stay"
        );
    }
}

/// The files are written as they are rendered, so a disk filling up
/// part-way through the largest file (after other files of the set are
/// written) must still leave the previous set whole.
#[test]
fn a_disk_filling_up_part_way_through_a_file_leaves_the_old_set_whole() {
    let dir = tempfile::tempdir().unwrap();
    let (open, slate) = fixture::demo(dir.path());
    let none = Versioning::default();
    for with_notes in [false, true] {
        let out = dir.path().join(format!("out-{with_notes}"));
        write_export(
            &out,
            &fixture::input(&open, &first(&slate, 10)),
            &none,
            None,
        )
        .unwrap();
        if with_notes {
            fs::write(out.join("notes.txt"), "keep me").unwrap();
        }
        let before = tree(&out);
        let new = fixture::input(&open, &slate);
        for (suffix, after) in [("print/agendas.html", 300_000), ("sellers.csv", 10)] {
            let err = write_export_with(&out, &new, &none, None, &full_after(suffix, after));
            let err = err.unwrap_err().to_string();
            assert!(
                err.contains("disk is full") && err.contains(suffix),
                "{err}"
            );
            assert_eq!(tree(&out), before, "notes: {with_notes}, {suffix}");
        }
        let left: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("export-"))
            .collect();
        assert!(left.is_empty(), "{left:?}");
        write_export(&out, &new, &none, None).unwrap();
        let after = tree(&out);
        let agendas = &after[Path::new("print/agendas.html")];
        assert!(agendas.len() > 300_000, "the failure was part-way through");
        assert!(agendas.ends_with(b"</html>") || agendas.ends_with(b"</html>\n"));
    }
}

#[test]
fn print_is_replaced_whole_and_a_complete_killed_run_is_finished() {
    let dir = tempfile::tempdir().unwrap();
    let (open, slate) = fixture::demo(dir.path());
    let none = Versioning::default();
    let out = dir.path().join("out");
    write_export(&out, &fixture::input(&open, &slate), &none, None).unwrap();
    fs::write(out.join("notes.txt"), "keep me").unwrap();
    // A page no export writes: gone once print/ is replaced.
    fs::write(out.join("print/agendas/GONE.html"), "old").unwrap();
    write_export(&out, &fixture::input(&open, &slate), &none, None).unwrap();
    assert!(!out.join("print/agendas/GONE.html").exists());
    assert!(out.join("print/agendas.html").is_file());

    // A run killed after marking its staging folder complete, with print/
    // not yet moved in: the next export, failing itself, still finishes it.
    let killed = out.join(".export-killed1");
    fs::create_dir_all(killed.join("print")).unwrap();
    fs::write(killed.join("print/agendas.html"), "from the killed run").unwrap();
    fs::write(killed.join("COMPLETE"), "").unwrap();
    let new = fixture::input(&open, &slate);
    let failed = write_export_with(&out, &new, &none, None, &failing_on("tables.html"));
    assert!(failed.is_err());
    assert_eq!(
        fs::read_to_string(out.join("print/agendas.html")).unwrap(),
        "from the killed run"
    );
    assert!(
        !out.join("print/tables.html").exists(),
        "print/ moved whole"
    );
    assert!(!killed.exists());
    assert_eq!(
        fs::read_to_string(out.join("notes.txt")).unwrap(),
        "keep me"
    );
    let hidden: Vec<_> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(hidden.is_empty(), "{hidden:?}");
}

#[test]
fn a_stored_version_is_named_in_every_file_else_the_pages_say_draft() {
    let dir = tempfile::tempdir().unwrap();
    let (open, slate) = fixture::demo(dir.path());
    let exporter = open.exporter();
    let out = dir.path().join("out");
    let version = SlateStamp {
        version: 2,
        published: true,
    };
    exporter
        .export_stamped(&slate, Some(&out), Some(version))
        .unwrap();
    let csv = fs::read_to_string(out.join("schedule.csv")).unwrap();
    assert!(
        csv.lines().next().unwrap().ends_with(",slate,published"),
        "{csv}"
    );
    assert!(csv.lines().nth(1).unwrap().ends_with(",2,yes"), "{csv}");
    let pages = fs::read_to_string(out.join("print/agendas.html")).unwrap();
    assert!(pages.contains("Version 2, published"));

    exporter.export(&slate, Some(&out)).unwrap();
    let csv = fs::read_to_string(out.join("schedule.csv")).unwrap();
    assert!(!csv.contains("slate,published"));
    let pages = fs::read_to_string(out.join("print/agendas.html")).unwrap();
    assert!(!pages.contains("Version 2"));
    assert!(pages.contains("Draft, not yet published"));
}
