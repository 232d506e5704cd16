//! How the desk ends: a script running `matchslate` on bad data must see
//! a failure even though staff quit the error screen normally.

use std::path::PathBuf;
use std::process::ExitCode;

use super::super::action::{Action, Command, JobMsg, OpenFailure};
use super::super::app::App;
use super::super::theme::Theme;
use super::*;

#[test]
fn quitting_the_bad_data_screen_fails() {
    let mut app = App::loading(PathBuf::from("data"), Theme::new(false), 100, 30);
    let failure = OpenFailure::Other("no event.json".to_string());
    act(&mut app, Action::Job(JobMsg::Opened(Err(failure))));
    cmd(&mut app, Command::Quit);
    assert!(app.quit());
    assert_eq!(app.exit_code(), ExitCode::FAILURE);
}

#[test]
fn quitting_an_open_desk_succeeds() {
    let mut app = app(100, 30);
    cmd(&mut app, Command::Quit);
    assert_eq!(app.exit_code(), ExitCode::SUCCESS);
}
