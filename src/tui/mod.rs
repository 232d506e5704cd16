//! The review desk: the terminal interface staff use to browse the summit,
//! review pairings, schedule, adjust the slate and export it.
//!
//! Elm-style: an [`App`] holds all state, [`update`] is the only thing
//! that changes it, views in `view/` only read it, and every key comes
//! from the one table in `keys`. Terminal events, a once-a-second tick and
//! worker threads all feed one channel that the event loop blocks on.

pub mod action;
pub mod app;
pub mod desk;
mod events;
pub mod filter;
pub mod keys;
pub mod layout;
#[cfg(test)]
mod memory;
#[cfg(test)]
mod memory_recorder;
#[cfg(test)]
mod memory_versions;
mod scroll;
mod short_names;
mod slate_index;
mod terminal;
// Text fitting and sanitising is plain library code, shared with the CLI.
pub use crate::text;
pub mod theme;
mod view;

#[cfg(test)]
mod tests;

use std::process::ExitCode;
use std::sync::mpsc::{self, TryRecvError};

use anyhow::Context;

pub use action::{Action, Command, Tab};
pub use app::App;
pub use app::{settle, update};
pub use desk::Desk;
pub use theme::Theme;
pub use view::render;

use crate::summit::SummitOptions;

/// Runs the review desk until staff quit. The terminal is restored on
/// every way out: return, error and panic. Fails (exit code 1) when the
/// desk ended on the bad-data screen, so scripts see the data is wrong.
pub fn run(options: SummitOptions) -> anyhow::Result<ExitCode> {
    // Drawing into a file or a pipe would fill it with escape codes.
    if !std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        anyhow::bail!(
            "the review desk needs a terminal, but standard output is redirected or piped; \
             run it in a terminal, or use the headless commands (validate, rank, decide, schedule)"
        );
    }
    let theme = Theme::from_env();
    let (mut terminal, guard) = terminal::enter().context("cannot set up the terminal")?;
    let size = terminal.size().context("cannot read the terminal size")?;
    let (tx, rx) = mpsc::channel();
    let mut app = App::with_workers(
        options.data.clone(),
        theme,
        size.width,
        size.height,
        tx.clone(),
    );
    events::spawn_reader(tx.clone()).context("cannot start the terminal reader")?;
    events::spawn_ticker(tx).context("cannot start the timer")?;
    app::spawn_open(&mut app, move || desk::open_desk(&options));
    loop {
        terminal
            .draw(|frame| render(frame, &app))
            .context("cannot draw")?;
        // Block until something happens, unless deferred work is waiting:
        // then do a slice of it whenever nothing else is queued.
        let action = if app.has_work() {
            match rx.try_recv() {
                Ok(action) => action,
                Err(TryRecvError::Empty) => Action::Work,
                Err(TryRecvError::Disconnected) => break,
            }
        } else {
            match rx.recv() {
                Ok(action) => action,
                Err(_) => break,
            }
        };
        update(&mut app, action);
        // Take a burst (key repeat, a flood of wheel events) in one go
        // before drawing again.
        while !app.quit() {
            match rx.try_recv() {
                Ok(action) => update(&mut app, action),
                Err(_) => break,
            }
        }
        if app.quit() {
            break;
        }
    }
    // Decisions staff made just before quitting are still on their way to
    // the store: wait for them (only the workers' reports count now), so
    // quitting never loses one.
    while app.recording() {
        match rx.recv() {
            Ok(action @ Action::Job(_)) => update(&mut app, action),
            Ok(_) => {}
            Err(_) => break,
        }
    }
    // Give the terminal back first, then free the summit on a thread of
    // its own: with a million sellers freeing takes seconds, and when the
    // process exits right after (as `matchslate` does) nobody waits for it.
    drop(guard);
    let code = app.exit_code();
    let _ = std::thread::Builder::new()
        .name("free".into())
        .spawn(move || drop(app));
    Ok(code)
}
