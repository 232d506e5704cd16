//! Readers never wait for writers, and a read-only summit folder can still
//! be read.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use matchslate::store::{NewDecision, Store, StoreError, Verdict as Action};

fn accept(store: &Store, seller: &str) {
    store
        .record(&NewDecision {
            seller_id: seller,
            buyer_id: "B1",
            action: Action::Accept,
            staff: "ann",
            note: None,
        })
        .expect("record")
        .expect("a change");
}

const CHILD: &str = "MATCHSLATE_READERS_CHILD";
const HOLD: Duration = Duration::from_secs(8);

/// Run as a child process: takes the write lock, writes a row and holds
/// the transaction open.
#[test]
#[ignore = "a child process of readers_do_not_wait_for_a_writer"]
fn child_holds_a_write_transaction() {
    let path = std::env::var_os(CHILD).expect("run by the readers test");
    let conn = rusqlite::Connection::open(Path::new(&path)).expect("raw open");
    conn.execute_batch(
        "BEGIN IMMEDIATE;
         INSERT INTO decision_log (action, seller_id, buyer_id, kind, staff, at)
         VALUES ('decide', 'S9', 'B9', 'accepted', 'bob', '2026-05-01T10:00:00Z');",
    )
    .expect("hold the write lock");
    println!("\nholding");
    std::thread::sleep(HOLD);
}

#[test]
fn readers_do_not_wait_for_a_writer() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("matchslate.db");
    {
        let store = Store::open(&path).expect("create");
        accept(&store, "S1");
    }
    let mut child = Command::new(std::env::current_exe().expect("test binary"))
        .args(["--ignored", "--exact", "child_holds_a_write_transaction"])
        .args(["--nocapture", "--test-threads=1"])
        .env(CHILD, &path)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn child");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    while !lines
        .next()
        .expect("child output")
        .expect("line")
        .ends_with("holding")
    {}

    // Opening and reading while the other process writes: before, opening
    // took the write lock to check the schema and waited 5 s, then failed.
    let started = Instant::now();
    let store = Store::open(&path).expect("open while another process writes");
    let current = store.current().expect("read while another process writes");
    store
        .versions()
        .expect("versions while another process writes");
    let took = started.elapsed();
    child.kill().expect("kill");
    child.wait().expect("reap");
    assert_eq!(current.len(), 1, "the uncommitted row is not seen");
    assert!(took < HOLD / 2, "reading took {took:?}");
}

/// Makes `dir` read-only for the test's duration: a read-only tmpfs where
/// we may mount one (root), else permissions (which bind everyone else).
struct ReadOnly<'a> {
    dir: &'a Path,
    mounted: bool,
}

impl<'a> ReadOnly<'a> {
    fn mount_or_chmod(dir: &'a Path, populate: impl Fn(&Path)) -> ReadOnly<'a> {
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=8m", "tmpfs"])
            .arg(dir)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        populate(dir);
        if mounted {
            let ok = Command::new("mount")
                .args(["-o", "remount,ro"])
                .arg(dir)
                .status()
                .expect("remount")
                .success();
            assert!(ok, "remount read-only");
        } else {
            use std::os::unix::fs::PermissionsExt;
            for entry in std::fs::read_dir(dir).expect("list") {
                let path = entry.expect("entry").path();
                std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444))
                    .expect("chmod file");
            }
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o555))
                .expect("chmod folder");
        }
        ReadOnly { dir, mounted }
    }
}

impl Drop for ReadOnly<'_> {
    fn drop(&mut self) {
        if self.mounted {
            let _ = Command::new("umount").arg(self.dir).status();
        } else {
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(self.dir, std::fs::Permissions::from_mode(0o755));
        }
    }
}

#[test]
fn a_read_only_folder_gives_a_read_only_store() {
    let outer = tempfile::tempdir().expect("temp dir");
    let dir = outer.path().join("summit");
    std::fs::create_dir(&dir).expect("mkdir");
    let _guard = ReadOnly::mount_or_chmod(&dir, |dir| {
        let store = Store::open(&dir.join("matchslate.db")).expect("create");
        accept(&store, "S1");
        accept(&store, "S2");
    });
    let path = dir.join("matchslate.db");
    // Before: "unable to open database file … Error code 14".
    let store = Store::open(&path).expect("open read-only");
    assert!(store.is_read_only());
    assert_eq!(store.current().expect("decisions").len(), 2);
    assert!(store.versions().expect("versions").is_empty());
    let err = store
        .record(&NewDecision {
            seller_id: "S3",
            buyer_id: "B1",
            action: Action::Accept,
            staff: "ann",
            note: None,
        })
        .unwrap_err();
    assert!(matches!(err, StoreError::ReadOnly { .. }), "{err}");
    assert!(err.to_string().contains("is read-only"), "{err}");
    // A store cannot be created there.
    let err = Store::open(&dir.join("other.db")).unwrap_err();
    assert!(matches!(err, StoreError::ReadOnlyNew { .. }), "{err}");
    assert!(!dir.join("other.db").exists());
}

#[path = "support/cli.rs"]
mod cli;

/// The CLI on a read-only summit folder: `decisions` reads (before: "unable
/// to open database file … Error code 14"), and `decide` says why it cannot
/// write instead of SQLite's code.
#[test]
fn the_cli_reads_a_read_only_folder_and_says_why_it_cannot_write() {
    let outer = tempfile::tempdir().expect("temp dir");
    let dir = outer.path().join("summit");
    std::fs::create_dir(&dir).expect("mkdir");
    let _guard = ReadOnly::mount_or_chmod(&dir, |dir| {
        let options = matchslate::generate::GenerateOptions {
            sellers: 3,
            buyers: 2,
            seed: 1,
        };
        matchslate::generate::generate(dir, &options).expect("generate");
        let pair = [
            "decide", "accept", "--seller", "S000001", "--buyer", "B00001",
        ];
        cli::ok(cli::matchslate(dir, &pair));
    });
    let listed = cli::ok(cli::matchslate(&dir, &["decisions", "--format", "json"]));
    assert!(
        listed.contains("S000001") && listed.contains("B00001"),
        "{listed}"
    );

    let refused = cli::matchslate(
        &dir,
        &[
            "decide", "reject", "--seller", "S000002", "--buyer", "B00001",
        ],
    );
    assert!(!refused.status.success());
    let said = cli::stderr(&refused);
    assert!(said.contains("read-only"), "{said}");
    assert!(!said.contains("Error code"), "{said}");
    let listed = cli::ok(cli::matchslate(&dir, &["decisions", "--format", "json"]));
    assert!(!listed.contains("S000002"), "{listed}");
}
