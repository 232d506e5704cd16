//! Unit tests: drive the App with actions, as the terminal would, and look
//! at what it draws into ratatui's TestBackend.

mod browse;
mod day;
mod drop;
mod exit;
mod find;
mod grid;
mod jobs;
mod modal;
mod readme_keys;
mod real;
mod review;
mod screens;
mod slate;
mod stale;
mod summary;
mod versions;
mod wishes;

use std::path::{Path, PathBuf};

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::model::{Meeting, MeetingStatus, Slate, Summit};

use super::action::{Action, Command};
use super::app::App;
use super::memory::MemoryDesk;
use super::theme::Theme;
use super::{render, settle, update};

/// A proposed meeting scored 80, without an interpreter.
pub fn meeting(seller: usize, buyer: usize, slot: usize, table: u32) -> Meeting {
    Meeting {
        seller,
        buyer,
        slot,
        table,
        score: 80.0,
        interpreter: false,
        status: MeetingStatus::Proposed,
    }
}

/// A hand-made slate of `meetings`, its upper bound a quarter above its
/// score.
pub fn slate_of(meetings: Vec<Meeting>) -> Slate {
    let total_score = meetings.iter().map(|m| m.score).sum::<f64>();
    Slate {
        meetings,
        total_score,
        upper_bound: total_score * 1.25,
        unscheduled: Vec::new(),
    }
}

pub fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
}

pub fn demo_summit() -> Summit {
    let loaded = crate::load::load_summit(&data_dir());
    match loaded.summit {
        Some(summit) => summit,
        None => panic!("demo data does not load: {:?}", loaded.problems),
    }
}

pub fn app(width: u16, height: u16) -> App {
    let desk = MemoryDesk::new(demo_summit(), "ana");
    let mut app = App::ready(Box::new(desk), Theme::new(false), width, height);
    settle(&mut app);
    app
}

/// Does what the event loop does between frames.
pub fn act(app: &mut App, action: Action) {
    update(app, action);
    settle(app);
}

pub fn cmd(app: &mut App, command: Command) {
    act(app, Action::Cmd(command));
}

pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        act(app, Action::Input(c));
    }
}

pub fn draw(app: &App) -> Terminal<TestBackend> {
    let mut terminal = match Terminal::new(TestBackend::new(app.width(), app.height())) {
        Ok(t) => t,
        Err(e) => panic!("test backend: {e}"),
    };
    if let Err(e) = terminal.draw(|frame| render(frame, app)) {
        panic!("draw: {e}");
    }
    terminal
}

/// The screen as text, one line per row.
pub fn screen(app: &App) -> String {
    let terminal = draw(app);
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut skip = 0;
        for x in 0..buffer.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buffer[(x, y)].symbol();
            out.push_str(symbol);
            skip = super::text::width(symbol).saturating_sub(1);
        }
        out.push('\n');
    }
    out
}

/// An App on the real summit (matcher and SQLite store in a temp folder).
pub fn real_app(width: u16, height: u16) -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let options = crate::summit::SummitOptions {
        data: data_dir(),
        db: Some(dir.path().join("test.db")),
        staff: "ana".to_string(),
    };
    let desk = match super::desk::open_desk(&options) {
        Ok(desk) => desk,
        Err(e) => panic!("demo summit does not open: {e:?}"),
    };
    let mut app = App::ready(desk, Theme::new(false), width, height);
    settle(&mut app);
    (dir, app)
}
