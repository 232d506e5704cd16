//! Driving the real binary in tmux, for the end-to-end desk tests: a
//! session killed on drop, keys sent, the screen read with `capture-pane`.
//! Each test file uses part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

pub const WIDTH: u16 = 120;
pub const HEIGHT: u16 = 40;

pub struct Session {
    pub name: String,
}

impl Drop for Session {
    fn drop(&mut self) {
        // Its own server: killing it cannot race a later session's start
        // on a shared server that is shutting down.
        let _ = Command::new("tmux")
            .args(["-L", &self.name, "kill-server"])
            .output();
    }
}

/// Runs tmux on the server named `socket` (one per session).
pub fn tmux(socket: &str, args: &[&str]) -> Output {
    match Command::new("tmux")
        .arg("-L")
        .arg(socket)
        .args(args)
        .output()
    {
        Ok(out) => out,
        Err(e) => panic!("tmux {args:?}: {e}"),
    }
}

impl Session {
    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&tmux(&self.name, &["capture-pane", "-p", "-t", &self.name]).stdout)
            .into_owned()
    }

    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", self.name.as_str()];
        args.extend(keys);
        tmux(&self.name, &args);
    }

    /// Waits until the screen shows `needle`; panics with the screen if it
    /// does not within `limit`.
    pub fn wait_for(&self, needle: &str, limit: Duration) -> String {
        self.wait_until(needle, |screen| screen.contains(needle), limit)
    }

    /// Waits until `done` holds for the screen (`what` says what for the
    /// panic). Two keys such as Esc Esc sent at once reach the desk as one
    /// Alt-Esc: wait for the first to show before sending the second.
    pub fn wait_until(&self, what: &str, done: impl Fn(&str) -> bool, limit: Duration) -> String {
        let started = Instant::now();
        loop {
            let screen = self.screen();
            if done(&screen) {
                return screen;
            }
            if started.elapsed() > limit {
                panic!("waited {limit:?} for {what}; the screen shows:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

pub fn wait_for_file(path: &Path, limit: Duration) -> String {
    let started = Instant::now();
    loop {
        if let Ok(text) = std::fs::read_to_string(path)
            && text.ends_with('\n')
        {
            return text;
        }
        if started.elapsed() > limit {
            panic!("{} never appeared", path.display());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

pub fn copy_data(to: &Path) {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let entries = match std::fs::read_dir(&from) {
        Ok(e) => e,
        Err(e) => panic!("{}: {e}", from.display()),
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "json")
            && let Err(e) = std::fs::copy(&path, to.join(entry.file_name()))
        {
            panic!("copy {}: {e}", path.display());
        }
    }
}

/// The desk on a copy of the demo in a detached tmux session; after it
/// quits, its exit code goes to `exit` and the terminal mode to `stty`.
pub struct Desk {
    pub session: Session,
    pub _dir: tempfile::TempDir,
    pub data: PathBuf,
    pub db: PathBuf,
    pub exit: PathBuf,
    pub stty: PathBuf,
}

pub fn start_desk(tag: &str) -> Option<Desk> {
    start_desk_with(tag, "", |_, _| {})
}

/// Starts the desk on a copy of the demo data, with `env` (`NAME=value `
/// pairs) before the command and `before(data, db)` run first, for a
/// summit prepared by the CLI.
pub fn start_desk_with(tag: &str, env: &str, before: impl FnOnce(&Path, &Path)) -> Option<Desk> {
    if Command::new("tmux").arg("-V").output().is_err() {
        eprintln!("NOTICE: tmux is not installed; skipping the end-to-end TUI test");
        return None;
    }
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => panic!("temp dir: {e}"),
    };
    let data = dir.path().join("data");
    if let Err(e) = std::fs::create_dir(&data) {
        panic!("{e}");
    }
    copy_data(&data);
    let db = dir.path().join("e2e.db");
    before(&data, &db);
    Some(run_desk(dir, data, db, tag, env))
}

impl Desk {
    /// Quits nothing: the desk must have quit already. Starts it again on
    /// the same data and store, as staff do the next morning.
    pub fn restart(self, tag: &str) -> Desk {
        let Desk {
            session,
            _dir,
            data,
            db,
            ..
        } = self;
        drop(session);
        run_desk(_dir, data, db, tag, "")
    }
}

fn run_desk(dir: tempfile::TempDir, data: PathBuf, db: PathBuf, tag: &str, env: &str) -> Desk {
    let exit = dir.path().join(format!("exit-{tag}"));
    let stty = dir.path().join(format!("stty-{tag}"));
    let bin = env!("CARGO_BIN_EXE_matchslate");
    // After the desk quits, record its exit code and the terminal's mode:
    // `stty -a` shows whether raw mode was left (icanon and echo back on).
    let script = format!(
        "{env}{bin} --data '{}' --db '{}' --staff e2e-staff; echo \"exit=$?\" > '{}'; stty -a > '{}.tmp'; mv '{}.tmp' '{}'; sleep 30",
        data.display(),
        db.display(),
        exit.display(),
        stty.display(),
        stty.display(),
        stty.display()
    );
    let session = Session {
        name: format!("matchslate-{tag}-{}", std::process::id()),
    };
    let (w, h) = (WIDTH.to_string(), HEIGHT.to_string());
    let started = tmux(
        &session.name,
        &[
            "new-session",
            "-d",
            "-s",
            &session.name,
            "-x",
            &w,
            "-y",
            &h,
            &script,
        ],
    );
    assert!(
        started.status.success(),
        "tmux: {}",
        String::from_utf8_lossy(&started.stderr)
    );
    Desk {
        session,
        _dir: dir,
        data,
        db,
        exit,
        stty,
    }
}
