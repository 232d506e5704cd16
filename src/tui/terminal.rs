//! Entering and leaving the terminal's raw, alternate-screen, mouse mode,
//! so that it is always left as found: on quit, on error (the guard's
//! `Drop`), and on panic (a hook that restores before the message prints).

use std::io::{self, Stdout, stdout};
use std::sync::OnceLock;
use std::thread::{self, ThreadId};

use crossterm::cursor::Show;
use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

pub type Term = Terminal<CrosstermBackend<Stdout>>;

/// The thread that owns the terminal. A panic there restores it; a panic
/// on a worker thread is caught by the worker and shown as a message, so
/// the hook must not tear the screen down under a running desk.
static UI_THREAD: OnceLock<ThreadId> = OnceLock::new();

/// Restores the terminal when dropped.
#[derive(Debug)]
pub struct Guard {
    _private: (),
}

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// Leaves raw mode, mouse capture and the alternate screen, and shows the
/// cursor. Safe to call twice; errors are ignored because there is nothing
/// better to do with them while tearing down.
pub fn restore() {
    let _ = disable_raw_mode();
    let _ = execute!(stdout(), DisableMouseCapture, LeaveAlternateScreen, Show);
}

fn install_panic_hook() {
    let _ = UI_THREAD.set(thread::current().id());
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if UI_THREAD.get() == Some(&thread::current().id()) {
            restore();
            previous(info);
        }
        // Worker panics are caught and reported by the worker itself;
        // printing them here would scribble over the desk.
    }));
}

/// Puts the terminal into the desk's mode. The guard is created before
/// the first change, so a failure half-way still restores what was done.
pub fn enter() -> io::Result<(Term, Guard)> {
    install_panic_hook();
    let guard = Guard { _private: () };
    enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen, EnableMouseCapture)?;
    let terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
    Ok((terminal, guard))
}
