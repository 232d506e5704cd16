//! The event loop's inputs: terminal events and a once-a-second tick, each
//! from its own thread onto the one channel the loop waits on (workers
//! report on the same channel). Nothing sleeps-and-polls: the loop blocks
//! on the channel until something arrives.

use std::sync::mpsc::Sender;
use std::thread;
use std::time::Duration;

use crossterm::event::{Event, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind};

use super::action::Action;
use super::app::App;
use super::keys;

/// How often other staff's decisions are looked for.
pub const TICK: Duration = Duration::from_secs(1);

/// Turns a terminal event into an action, given what the App is doing
/// (the same key types text in a field and runs a command elsewhere).
pub fn translate(app: &App, event: Event) -> Option<Action> {
    match event {
        Event::Key(key) => {
            if key.kind == KeyEventKind::Release {
                return None;
            }
            if let Some(command) = keys::lookup(&key, &app.scopes()) {
                return Some(Action::Cmd(command));
            }
            let typing = app.filtering()
                || app.prompt().is_some()
                || app.checkin_panel().is_some_and(|c| c.typing);
            match key.code {
                crossterm::event::KeyCode::Char(c)
                    if typing
                        && !key
                            .modifiers
                            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
                {
                    Some(Action::Input(c))
                }
                _ => None,
            }
        }
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                x: mouse.column,
                y: mouse.row,
            }),
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => Some(Action::Scroll {
                x: mouse.column,
                y: mouse.row,
                down: mouse.kind == MouseEventKind::ScrollDown,
            }),
            _ => None,
        },
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        // Pasted text goes into the field being typed in, as keystrokes.
        Event::Paste(_) | Event::FocusGained | Event::FocusLost => None,
    }
}

/// Reads terminal events on a thread of its own. It stops when the loop
/// has gone (the send fails) or the terminal cannot be read.
pub fn spawn_reader(tx: Sender<Action>) -> std::io::Result<()> {
    thread::Builder::new()
        .name("terminal".into())
        .spawn(move || {
            while let Ok(event) = crossterm::event::read() {
                if tx.send(Action::Terminal(event)).is_err() {
                    break;
                }
            }
        })
        .map(|_| ())
}

/// Sends `Action::Tick` every [`TICK`] until the loop has gone.
pub fn spawn_ticker(tx: Sender<Action>) -> std::io::Result<()> {
    thread::Builder::new()
        .name("tick".into())
        .spawn(move || {
            loop {
                thread::sleep(TICK);
                if tx.send(Action::Tick).is_err() {
                    break;
                }
            }
        })
        .map(|_| ())
}
