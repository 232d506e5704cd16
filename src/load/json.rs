//! Reading JSON files so that every problem can be placed exactly.
//!
//! Arrays are split into their elements with `RawValue` first, which keeps
//! each element's byte offset; every element is then deserialised on its own
//! (in parallel), so one bad seller does not hide the problems of the next
//! one. `serde_path_to_error` names the path of a type error and
//! `serde_ignored` names unknown fields. Positions of later, semantic
//! problems are found again lazily by walking the raw text along the path.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use rayon::prelude::*;
use serde::Deserialize;
use serde_json::value::RawValue;

use super::diagnostic::{Diagnostic, LineIndex, PathSeg, Severity, render_path};
use super::limits::MAX_PARTICIPANTS;
pub use super::locate::locate;
use super::messages::{found_at_top, syntax_hint, tidy_serde_message};
use super::parse::{Failure, Parsed, parse_one};
use super::read::read_text;

/// One input file held in memory while it is checked.
pub struct JsonFile {
    pub path: PathBuf,
    pub text: String,
    lines: OnceLock<LineIndex>,
}

/// One parsed array element, with where it starts in its file.
pub struct Element<T> {
    pub index: usize,
    pub offset: usize,
    pub value: T,
}

impl JsonFile {
    // A missing or unreadable file is one Diagnostic, reported like any other;
    // it is made once per file, so its size does not matter.
    #[allow(clippy::result_large_err)]
    pub fn read(path: &Path) -> Result<JsonFile, Diagnostic> {
        read_text(path).map(|text| JsonFile::from_text(path, text))
    }

    pub fn from_text(path: &Path, text: String) -> JsonFile {
        JsonFile {
            path: path.to_path_buf(),
            text,
            lines: OnceLock::new(),
        }
    }

    fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(&self.text))
    }

    /// `file:line:column` of a byte offset, for naming a second place.
    pub fn place(&self, offset: usize) -> String {
        let pos = self.lines().position(&self.text, offset);
        format!("{}:{}:{}", self.path.display(), pos.line, pos.column)
    }

    /// A problem at a byte offset of this file.
    pub fn problem_at(
        &self,
        severity: Severity,
        offset: usize,
        path: &[PathSeg],
        message: impl Into<String>,
        hint: Option<String>,
    ) -> Diagnostic {
        Diagnostic {
            severity,
            file: self.path.clone(),
            position: Some(self.lines().position(&self.text, offset)),
            path: render_path(path),
            message: message.into(),
            hint,
        }
    }

    /// A problem at `path` (from the top of the file) inside the value that
    /// starts at `base`: the whole file, or the array element named by the
    /// path's first index. The position is that of the value at the path, or
    /// of the nearest enclosing value that exists.
    pub fn problem_in(
        &self,
        severity: Severity,
        base: usize,
        path: &[PathSeg],
        message: impl Into<String>,
        hint: Option<String>,
    ) -> Diagnostic {
        // A base from an earlier reading of a file changed since falls back
        // to the file's start rather than past its end.
        let base = if self.text.is_char_boundary(base) {
            base
        } else {
            0
        };
        let offset = base + locate(&self.text[base..], local_path(path));
        self.problem_at(severity, offset, path, message, hint)
    }

    /// Problems at paths of an array file, such as `[12].categories[1]`,
    /// placed exactly: `offsets[i]` is where element `i` starts, as
    /// [`Element::offset`] gave it when the file was parsed.
    pub fn place_in_elements(
        &self,
        found: Vec<(Severity, Vec<PathSeg>, String, String)>,
        offsets: &[usize],
    ) -> Vec<Diagnostic> {
        found
            .into_iter()
            .map(|(severity, path, message, hint)| {
                let base = match path.first() {
                    Some(PathSeg::Index(i)) => offsets.get(*i).copied().unwrap_or(0),
                    _ => 0,
                };
                self.problem_in(severity, base, &path, message, Some(hint))
            })
            .collect()
    }

    /// Parses the whole file as one value.
    /// `known` lists the file's field names, for suggestions on typos.
    pub fn parse_value<'a, T: Deserialize<'a>>(
        &'a self,
        known: &[&str],
        problems: &mut Vec<Diagnostic>,
    ) -> Option<T> {
        let (parsed, unknown) = parse_one::<T>(&self.text, &[]);
        for path in unknown {
            problems.push(self.unknown_field(0, &path, known));
        }
        match parsed {
            Ok(value) => Some(value),
            Err(failure) => {
                problems.push(self.failure_problem(0, &[], failure));
                None
            }
        }
    }

    /// Parses the file as an array of `what`, each element on its own. The
    /// elements may borrow their strings from the file's text.
    pub fn parse_array<'a, T: Deserialize<'a> + Send>(
        &'a self,
        what: &str,
        known: &[&str],
        problems: &mut Vec<Diagnostic>,
    ) -> Vec<Element<T>> {
        let raw: Vec<&RawValue> = match serde_json::from_str(&self.text) {
            Ok(raw) => raw,
            Err(err) => {
                let message = if err.is_data() {
                    format!(
                        "expected a JSON array of {what}, {}",
                        found_at_top(&self.text)
                    )
                } else {
                    tidy_serde_message(&err)
                };
                let offset = self.lines().offset_of(err.line(), err.column());
                problems.push(self.problem_at(
                    Severity::Error,
                    offset,
                    &[],
                    message,
                    Some(syntax_hint(&err, what)),
                ));
                return Vec::new();
            }
        };
        if raw.len() > MAX_PARTICIPANTS {
            let start = self.text.as_ptr() as usize;
            let offset = raw[MAX_PARTICIPANTS].get().as_ptr() as usize - start;
            problems.push(self.problem_at(
                Severity::Error,
                offset,
                &[PathSeg::Index(MAX_PARTICIPANTS)],
                format!(
                    "too many {what}: {}, at most {MAX_PARTICIPANTS} are allowed",
                    raw.len()
                ),
                Some(
                    "split the summit into smaller ones; see \"Input limits\" in README.md".into(),
                ),
            ));
            return Vec::new();
        }
        if raw.is_empty() {
            problems.push(Diagnostic {
                severity: Severity::Warning,
                ..Diagnostic::file_error(
                    &self.path,
                    format!("the file lists no {what}"),
                    format!("add {what}; a summit without them gets no meetings"),
                )
            });
        }
        let start = self.text.as_ptr() as usize;
        let results: Vec<(usize, Parsed<T>)> = raw
            .par_iter()
            .enumerate()
            .map(|(index, element)| {
                let offset = element.get().as_ptr() as usize - start;
                let prefix = [PathSeg::Index(index)];
                (offset, parse_one::<T>(element.get(), &prefix))
            })
            .collect();
        let mut elements = Vec::with_capacity(results.len());
        for (index, (offset, (result, unknown))) in results.into_iter().enumerate() {
            for path in unknown {
                problems.push(self.unknown_field(offset, &path, known));
            }
            match result {
                Ok(value) => {
                    elements.push(Element {
                        index,
                        offset,
                        value,
                    });
                }
                Err(failure) => {
                    problems.push(self.failure_problem(offset, &[PathSeg::Index(index)], failure))
                }
            }
        }
        elements
    }

    fn unknown_field(&self, base: usize, path: &[PathSeg], known: &[&str]) -> Diagnostic {
        let name = match path.last() {
            Some(PathSeg::Key(k)) => k.clone(),
            _ => render_path(path),
        };
        let closest = known
            .iter()
            .map(|field| (strsim::jaro_winkler(&name.to_lowercase(), field), *field))
            .filter(|(similarity, _)| *similarity >= 0.8)
            .max_by(|a, b| a.0.total_cmp(&b.0));
        let hint = match closest {
            Some((_, field)) => format!("did you mean `{field}`?"),
            None => "check its spelling against the file format in README.md".to_string(),
        };
        self.problem_in(
            Severity::Warning,
            base,
            path,
            format!("unknown field `{name}` is ignored"),
            Some(hint),
        )
    }

    fn failure_problem(&self, base: usize, prefix: &[PathSeg], failure: Failure) -> Diagnostic {
        match failure {
            Failure::Syntax {
                line,
                column,
                message,
            } => {
                let element = &self.text[base..];
                let offset = base + LineIndex::new(element).offset_of(line, column);
                self.problem_at(
                    Severity::Error,
                    offset,
                    prefix,
                    message,
                    Some("fix the JSON syntax here".to_string()),
                )
            }
            Failure::Data {
                path,
                message,
                hint,
            } => self.problem_in(Severity::Error, base, &path, message, hint),
        }
    }
}

/// Paths of semantic problems are absolute (`[3].id`), while elements are
/// located from their own start; drop the leading array index.
fn local_path(path: &[PathSeg]) -> &[PathSeg] {
    match path.first() {
        Some(PathSeg::Index(_)) => &path[1..],
        _ => path,
    }
}
