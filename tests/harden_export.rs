#![allow(clippy::unwrap_used, clippy::expect_used)]
//! An export is a set: a full disk, a failed write or a killed run leaves
//! the previous four files whole, and leftovers of killed runs are cleaned.
//! Also: times in a repeated hour are labelled, and long names export in
//! linear time.

#[path = "common/export_fixture.rs"]
mod fixture;

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use matchslate::export::{schedule_ics, write_set_with, write_slate};
use matchslate::model::{EventDay, Slate, Summit};

const SET: [&str; 4] = ["buyers.csv", "schedule.csv", "schedule.ics", "sellers.csv"];

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn contents(dir: &Path) -> Vec<Vec<u8>> {
    SET.iter().map(|f| fs::read(dir.join(f)).unwrap()).collect()
}

/// A summit whose files are large: the first seller's name (in two
/// meetings of the fixture's slate) is `chars` long.
fn big_summit(chars: usize) -> Summit {
    let mut summit = fixture::summit();
    summit.sellers[0].company = "橙".repeat(chars);
    summit
}

/// A small tmpfs, unmounted on drop (before its mount point is removed);
/// `None` where mounting is not allowed.
struct Tmpfs(PathBuf, #[allow(dead_code)] tempfile::TempDir);

impl Tmpfs {
    fn mount(size: &str) -> Option<Tmpfs> {
        let dir = tempfile::tempdir().unwrap();
        let status = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .stderr(std::process::Stdio::null())
            .status()
            .ok()?;
        status
            .success()
            .then(|| Tmpfs(dir.path().to_path_buf(), dir))
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_full_disk_leaves_the_previous_set_whole() {
    let Some(disk) = Tmpfs::mount("512k") else {
        eprintln!("skipped: cannot mount a tmpfs here; the simulated failure test covers it");
        return;
    };
    let out = disk.0.join("out");
    write_slate(&out, &fixture::summit(), &fixture::slate()).unwrap();
    let before = contents(&out);

    // About 4 × 300 KB of names: the itineraries no longer fit.
    let err = write_slate(&out, &big_summit(100_000), &fixture::slate()).unwrap_err();

    assert!(err.to_string().contains("disk is full"), "{err}");
    assert_eq!(contents(&out), before, "the old set is whole");
    assert_eq!(names_in(&out), SET);
    let leftovers: Vec<String> = names_in(&disk.0)
        .into_iter()
        .filter(|n| n.contains("export-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// Renders the fixture's four files for `write_set_with`.
fn rendered(summit: &Summit, slate: &Slate) -> Vec<(&'static str, Vec<u8>)> {
    let tmp = tempfile::tempdir().unwrap();
    write_slate(tmp.path(), summit, slate).unwrap();
    SET.iter()
        .map(|f| (*f, fs::read(tmp.path().join(f)).unwrap()))
        .collect()
}

fn failing_on(name: &'static str) -> impl Fn(&Path) -> io::Result<Box<dyn Write + Send>> + Sync {
    move |path| {
        if path.file_name().is_some_and(|f| f == name) {
            return Err(io::Error::from(io::ErrorKind::StorageFull));
        }
        matchslate::export::open_file(path)
    }
}

#[test]
fn a_write_failing_part_way_changes_no_file_of_the_set() {
    for with_notes in [false, true] {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        write_slate(&out, &fixture::summit(), &Slate::default()).unwrap();
        if with_notes {
            // Staff files in the folder: the set is replaced in place.
            fs::write(out.join("notes.txt"), "keep me").unwrap();
        }
        let before = contents(&out);
        let files = rendered(&fixture::summit(), &fixture::slate());
        let borrowed: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (*n, &b[..])).collect();

        let err = write_set_with(&out, &borrowed, &failing_on("schedule.ics")).unwrap_err();

        assert!(err.to_string().contains("disk is full"), "{err}");
        assert_eq!(contents(&out), before, "notes: {with_notes}");
        let mut expected: Vec<&str> = SET.to_vec();
        if with_notes {
            expected.insert(1, "notes.txt");
        }
        assert_eq!(names_in(&out), expected);
        let beside: Vec<String> = names_in(tmp.path())
            .into_iter()
            .filter(|n| n.contains("export-"))
            .collect();
        assert!(beside.is_empty(), "{beside:?}");

        // The next export writes the whole new set.
        write_set_with(&out, &borrowed, &matchslate::export::open_file).unwrap();
        for (name, bytes) in &files {
            assert_eq!(&fs::read(out.join(name)).unwrap(), bytes, "{name}");
        }
    }
}

#[test]
fn leftovers_of_killed_runs_are_cleaned_or_finished() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    write_slate(&out, &fixture::summit(), &Slate::default()).unwrap();
    // What older versions and killed runs leave: temporary files inside,
    // a half-written staging folder beside.
    fs::write(out.join(".buyers.csv.AbC123.tmp"), "half").unwrap();
    fs::write(out.join(".schedule.ics.x9.tmp"), "half").unwrap();
    let stale = tmp.path().join(".out.export-Zz1");
    fs::create_dir(&stale).unwrap();
    fs::write(stale.join("schedule.csv"), "half").unwrap();

    write_slate(&out, &fixture::summit(), &fixture::slate()).unwrap();

    assert_eq!(names_in(&out), SET);
    assert!(!stale.exists());

    // A run killed in place after its set was complete is finished by the
    // next one before it writes its own; an incomplete one is dropped.
    fs::write(out.join("notes.txt"), "keep me").unwrap();
    let complete = out.join(".export-done1");
    fs::create_dir(&complete).unwrap();
    fs::write(complete.join("schedule.csv"), "from the killed run").unwrap();
    fs::write(complete.join("COMPLETE"), "").unwrap();
    let partial = out.join(".export-half2");
    fs::create_dir(&partial).unwrap();
    fs::write(partial.join("buyers.csv"), "half").unwrap();

    write_slate(&out, &fixture::summit(), &fixture::slate()).unwrap();

    assert_eq!(
        names_in(&out),
        [
            "buyers.csv",
            "notes.txt",
            "schedule.csv",
            "schedule.ics",
            "sellers.csv"
        ]
    );
    assert_eq!(
        fs::read_to_string(out.join("notes.txt")).unwrap(),
        "keep me"
    );
    assert!(
        fs::read_to_string(out.join("schedule.csv"))
            .unwrap()
            .starts_with("day,")
    );
}

#[test]
fn a_folder_holding_only_an_export_is_swapped_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    write_slate(&out, &fixture::summit(), &Slate::default()).unwrap();
    #[cfg(unix)]
    let folder_before = std::os::unix::fs::MetadataExt::ino(&fs::metadata(&out).unwrap());

    write_slate(&out, &fixture::summit(), &fixture::slate()).unwrap();

    // The folder itself was replaced, in one step, by the staged one.
    #[cfg(unix)]
    assert_ne!(
        folder_before,
        std::os::unix::fs::MetadataExt::ino(&fs::metadata(&out).unwrap())
    );
    assert_eq!(names_in(&out), SET);
    assert!(
        fs::read_to_string(out.join("schedule.csv"))
            .unwrap()
            .lines()
            .count()
            > 1
    );
}

/// Los Angeles falls back on 2017-11-05: 01:00-01:59 happens twice.
fn fall_back_summit() -> Summit {
    let mut summit = fixture::summit();
    let day = jiff::civil::date(2017, 11, 5);
    summit.event.days = vec![EventDay {
        date: day,
        start: jiff::civil::time(0, 0, 0, 0),
        end: jiff::civil::time(3, 0, 0, 0),
        breaks: vec![],
    }];
    summit.event.slot_minutes = 20;
    summit.slots = matchslate::load::expand_slots(&summit.event);
    summit
}

#[test]
fn a_repeated_hour_is_labelled_in_the_csv_and_utc_in_the_ics() {
    let summit = fall_back_summit();
    let at = |h, m| {
        summit
            .slots
            .iter()
            .position(|s| s.start == jiff::civil::time(h, m, 0, 0))
            .unwrap()
    };
    let mut slate = fixture::slate();
    slate.meetings.truncate(2);
    slate.meetings[0].slot = at(1, 0);
    slate.meetings[1].slot = at(2, 0);
    let tmp = tempfile::tempdir().unwrap();
    write_slate(tmp.path(), &summit, &slate).unwrap();

    let csv = fs::read_to_string(tmp.path().join("schedule.csv")).unwrap();
    assert!(csv.contains(",01:00 UTC-07,01:20 UTC-07,"), "{csv}");
    // 02:00 happens once: no label.
    assert!(csv.contains(",02:00,02:20,"), "{csv}");
    let ics = fs::read_to_string(tmp.path().join("schedule.ics")).unwrap();
    assert!(ics.contains("DTSTART:20171105T080000Z\r\n"), "{ics}");
    assert!(ics.contains("DTEND:20171105T082000Z\r\n"), "{ics}");
    assert!(ics.contains("DTSTART;TZID=America/Los_Angeles:20171105T020000\r\n"));
}

/// Seconds to render the ICS of a summit with a `chars`-long name, best of
/// `runs`.
fn ics_seconds(chars: usize, runs: usize) -> (f64, usize) {
    let summit = big_summit(chars);
    let slate = fixture::slate();
    let stamp = jiff::Timestamp::UNIX_EPOCH;
    let mut best = f64::MAX;
    let mut len = 0;
    for _ in 0..runs {
        let started = std::time::Instant::now();
        len = schedule_ics(&summit, &slate, stamp).unwrap().len();
        best = best.min(started.elapsed().as_secs_f64());
    }
    (best, len)
}

#[test]
fn a_million_character_name_exports_in_linear_time() {
    // Best of three each: one run preempted on a loaded machine must not
    // read as quadratic work.
    let (small, small_len) = ics_seconds(250_000, 3);
    let (large, large_len) = ics_seconds(1_000_000, 3);
    // Folding adds 3 bytes per 75 at most: the output grows like the input.
    // Two meetings, each naming the seller in SUMMARY and DESCRIPTION.
    let input = 1_000_000 * "橙".len() * 2 * 2;
    assert!(large_len < input * 11 / 10, "{large_len} for {input}");
    assert!(large_len > input);
    // Four times the text: linear work takes about 4 times as long,
    // quadratic 16 times. The bound sits between, far from both.
    let ratio = large / small.max(1e-4);
    assert!(
        ratio < 9.0,
        "4x the text took {ratio:.1}x the time ({small:.3}s vs {large:.3}s, {small_len} vs {large_len} bytes)"
    );
    // And every content line is within 75 octets.
    let ics = schedule_ics(
        &big_summit(2_000),
        &fixture::slate(),
        jiff::Timestamp::UNIX_EPOCH,
    )
    .unwrap();
    assert!(ics.split("\r\n").all(|line| line.len() <= 75));
}
