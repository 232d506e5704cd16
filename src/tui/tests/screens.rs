//! Help, footer, error, loading and too-small screens; NO_COLOR; quitting.

use std::path::PathBuf;

use ratatui::style::Color;

use crate::load::Diagnostic;

use super::super::action::{Action, Command, JobMsg, OpenFailure};
use super::super::app::{App, Phase};
use super::super::keys::BINDINGS;
use super::super::theme::Theme;
use super::*;

#[test]
fn help_lists_every_binding_in_the_key_table() {
    let mut app = app(100, 90);
    cmd(&mut app, Command::Help);
    let text = screen(&app);
    insta::assert_snapshot!("help", text);
    for b in BINDINGS {
        assert!(text.contains(b.help), "help lacks {:?}", b.help);
    }
    cmd(&mut app, Command::Cancel);
    assert!(app.help().is_none());
}

#[test]
fn the_footer_follows_the_screen() {
    let mut app = app(120, 30);
    let footer = |app: &App| screen(app).lines().last().unwrap_or_default().to_string();
    assert!(footer(&app).contains("/ find"), "{}", footer(&app));
    assert!(footer(&app).contains("a accept"));
    cmd(&mut app, Command::GoTab(crate::tui::Tab::Slate));
    assert!(footer(&app).contains("m move"), "{}", footer(&app));
    assert!(!footer(&app).contains("accept"));
    cmd(&mut app, Command::GoTab(crate::tui::Tab::Buyers));
    cmd(&mut app, Command::Find);
    assert!(footer(&app).contains("Enter done"), "{}", footer(&app));
    assert!(footer(&app).contains("Esc cancel"));
}

/// At 80 to 100 columns the screen's own keys give way first: undo,
/// schedule and export (any tab) stay with help and quit.
#[test]
fn a_narrow_footer_keeps_undo_and_export() {
    for width in [80, 90, 100] {
        let mut app = app(width, 30);
        for tab in [crate::tui::Tab::Buyers, crate::tui::Tab::Slate] {
            cmd(&mut app, Command::GoTab(tab));
            let text = screen(&app);
            let footer = text.lines().last().unwrap_or_default();
            for hint in ["u undo", "s schedule", "e export", "? help", "q quit"] {
                assert!(
                    footer.contains(hint),
                    "{width} columns: {hint} missing in {footer}"
                );
            }
        }
        cmd(&mut app, Command::GoTab(crate::tui::Tab::Buyers));
        let text = screen(&app);
        let footer = text.lines().last().unwrap_or_default();
        assert!(footer.contains("a accept"), "{width} columns: {footer}");
    }
}

fn problems() -> Vec<Diagnostic> {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let data = super::data_dir();
    for f in ["event.json", "sellers.json", "buyers.json"] {
        std::fs::copy(data.join(f), dir.path().join(f)).unwrap_or_else(|e| panic!("{e}"));
    }
    let sellers = dir.path().join("sellers.json");
    let text = std::fs::read_to_string(&sellers).unwrap_or_else(|e| panic!("{e}"));
    let text = text
        .replacen("\"max_meetings\": 6", "\"max_meetings\": \"six\"", 1)
        .replacen("\"state\": \"WV\"", "\"state\": \"West Virginia\"", 1);
    std::fs::write(&sellers, text).unwrap_or_else(|e| panic!("{e}"));
    let buyers = dir.path().join("buyers.json");
    let text = std::fs::read_to_string(&buyers).unwrap_or_else(|e| panic!("{e}"));
    let text = text.replacen("\"id\": \"B002\"", "\"id\": \"B001\"", 1);
    std::fs::write(&buyers, text).unwrap_or_else(|e| panic!("{e}"));
    let event = dir.path().join("event.json");
    let text = std::fs::read_to_string(&event).unwrap_or_else(|e| panic!("{e}"));
    let text = text.replacen("\"slot_minutes\": 20", "\"slot_minutes\": 0", 1);
    std::fs::write(&event, text).unwrap_or_else(|e| panic!("{e}"));
    let loaded = crate::load::load_summit(dir.path());
    assert!(loaded.summit.is_none());
    // Show paths relative to the temp folder so the snapshot is stable.
    loaded
        .problems
        .into_iter()
        .map(|mut p| {
            p.file = PathBuf::from("data").join(p.file.file_name().unwrap_or_default());
            p.message = p.message.replace(&dir.path().display().to_string(), "data");
            p
        })
        .collect()
}

#[test]
fn bad_data_opens_on_every_problem_with_its_position() {
    let problems = problems();
    let mut app = App::loading(PathBuf::from("data"), Theme::new(false), 100, 30);
    act(
        &mut app,
        Action::Job(JobMsg::Opened(Err(OpenFailure::Invalid(problems.clone())))),
    );
    assert!(matches!(app.phase(), Phase::Failed { .. }));
    let text = screen(&app);
    insta::assert_snapshot!("error_screen", text);
    for p in &problems {
        let first = p.to_string();
        let first = first.lines().next().unwrap_or_default();
        // Long lines wrap; their start (file:line:col) is always there.
        assert!(text.contains(&first[..first.len().min(60)]), "{first}");
    }
    cmd(&mut app, Command::Quit);
    assert!(app.quit());
}

#[test]
fn loading_screen_shows_where() {
    let mut app = App::loading(PathBuf::from("data"), Theme::new(false), 80, 24);
    assert!(screen(&app).contains("Opening the summit in data…"));
    act(&mut app, Action::Tick);
    act(&mut app, Action::Tick);
    assert!(screen(&app).contains("Opening the summit in data… 2 s"));
    // Keys other than quit and help do nothing yet, and never panic.
    for command in [
        Command::Down,
        Command::Accept,
        Command::Schedule,
        Command::Find,
    ] {
        cmd(&mut app, command);
    }
    cmd(&mut app, Command::Quit);
    assert!(app.quit());
}

#[test]
fn a_small_terminal_gets_a_clear_message() {
    let mut app = app(100, 30);
    act(
        &mut app,
        Action::Resize {
            width: 60,
            height: 20,
        },
    );
    let text = screen(&app);
    insta::assert_snapshot!("too_small", text);
    assert!(text.contains("60×20 now, 80×24 needed"));
    act(
        &mut app,
        Action::Resize {
            width: 80,
            height: 24,
        },
    );
    assert!(screen(&app).contains("Buyers"));
}

#[test]
fn no_color_draws_without_any_colour() {
    let desk = super::super::memory::MemoryDesk::new(demo_summit(), "ana");
    let mut app = App::ready(Box::new(desk), Theme::new(true), 120, 30);
    settle(&mut app);
    cmd(&mut app, Command::Find);
    type_text(&mut app, "sh");
    let terminal = draw(&app);
    let buffer = terminal.backend().buffer();
    for cell in buffer.content() {
        assert_eq!(cell.fg, Color::Reset, "{cell:?}");
        assert_eq!(cell.bg, Color::Reset, "{cell:?}");
    }
}

#[test]
fn ctrl_c_quits_even_while_typing() {
    let mut app = app(100, 30);
    cmd(&mut app, Command::Find);
    let key = crossterm::event::KeyEvent::new(
        crossterm::event::KeyCode::Char('c'),
        crossterm::event::KeyModifiers::CONTROL,
    );
    act(
        &mut app,
        Action::Terminal(crossterm::event::Event::Key(key)),
    );
    assert!(app.quit());
}

#[test]
fn typed_keys_reach_the_filter_through_the_terminal_path() {
    let mut app = app(100, 30);
    for c in ['/', 'q', 'x'] {
        let key = crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::Char(c),
            crossterm::event::KeyModifiers::NONE,
        );
        act(
            &mut app,
            Action::Terminal(crossterm::event::Event::Key(key)),
        );
    }
    assert!(!app.quit(), "q while typing is text");
    assert_eq!(app.buyers().filter.query(), "qx");
}

#[test]
fn help_scrolls_to_its_end_and_no_further() {
    let mut app = app(80, 24);
    cmd(&mut app, Command::Help);
    cmd(&mut app, Command::End);
    let end = app.help().unwrap_or_default();
    assert!(end > 0);
    assert!(
        screen(&app).contains("the wheel scrolls"),
        "the last line shows"
    );
    cmd(&mut app, Command::Down);
    assert_eq!(app.help(), Some(end));
    cmd(&mut app, Command::Up);
    assert_eq!(app.help(), Some(end - 1));
    cmd(&mut app, Command::Home);
    assert_eq!(app.help(), Some(0));
    act(
        &mut app,
        Action::Scroll {
            x: 10,
            y: 10,
            down: true,
        },
    );
    assert_eq!(app.help(), Some(3));
}
