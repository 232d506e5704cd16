//! Collecting the problems of one file during the checks that follow
//! parsing, each placed by its JSON path.

use jiff::civil::{Date, Time};

use super::diagnostic::{Diagnostic, PathSeg, Severity};
use super::event::{parse_date, parse_time};
use super::json::JsonFile;

/// Collects the problems of one file, each placed by its JSON path.
/// Paths given to it are relative to the checked value, which starts at
/// `base` in the file and sits at `prefix` (`[3]` for the fourth seller).
pub struct Checker<'a> {
    pub file: &'a JsonFile,
    pub base: usize,
    pub prefix: Vec<PathSeg>,
    pub problems: &'a mut Vec<Diagnostic>,
}

impl Checker<'_> {
    fn report(&mut self, severity: Severity, path: &[PathSeg], message: String, hint: String) {
        let full = [&self.prefix[..], path].concat();
        let problem = self
            .file
            .problem_in(severity, self.base, &full, message, Some(hint));
        self.problems.push(problem);
    }

    pub fn error(&mut self, path: &[PathSeg], message: impl Into<String>, hint: impl Into<String>) {
        self.report(Severity::Error, path, message.into(), hint.into());
    }

    pub fn warning(
        &mut self,
        path: &[PathSeg],
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.report(Severity::Warning, path, message.into(), hint.into());
    }

    pub fn date(&mut self, path: &[PathSeg], text: &str) -> Option<Date> {
        match parse_date(text) {
            Some(date) => Some(date),
            None => {
                self.error(
                    path,
                    format!("expected a date like 2017-10-11, found \"{text}\""),
                    "write the date as YYYY-MM-DD",
                );
                None
            }
        }
    }

    pub fn time(&mut self, path: &[PathSeg], text: &str) -> Option<Time> {
        match parse_time(text) {
            Some(time) => Some(time),
            None => {
                self.error(
                    path,
                    format!("expected a time like 09:30, found \"{text}\""),
                    "write the time as HH:MM on a 24-hour clock, local to the event",
                );
                None
            }
        }
    }
}

pub fn key(name: &str) -> PathSeg {
    PathSeg::Key(name.to_string())
}
