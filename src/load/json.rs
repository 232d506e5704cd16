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
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use super::diagnostic::{Diagnostic, LineIndex, PathSeg, Severity, render_path};
use super::limits::{MAX_FILE_BYTES, MAX_PARTICIPANTS};
pub use super::locate::locate;
use super::messages::{explain_data_error, found_at_top, syntax_hint, tidy_serde_message};

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
        match read_bounded(path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                // Windows editors and spreadsheet exports often start UTF-8
                // files with a byte-order mark, which JSON does not allow.
                Ok(text) => match text.strip_prefix('\u{feff}') {
                    Some(rest) => Ok(JsonFile::from_text(path, rest.to_string())),
                    None => Ok(JsonFile::from_text(path, text)),
                },
                Err(err) => Err(Diagnostic::file_error(
                    path,
                    format!(
                        "not valid UTF-8 (first bad byte at offset {})",
                        err.utf8_error().valid_up_to()
                    ),
                    "save the file as UTF-8",
                )),
            },
            Err(Refused(message, hint)) => Err(Diagnostic::file_error(path, message, hint)),
            Err(Io(err)) if err.kind() == std::io::ErrorKind::NotFound => {
                Err(Diagnostic::file_error(
                    path,
                    "file not found",
                    "a summit folder needs event.json, sellers.json and buyers.json; \
                 `matchslate generate --out DIR` writes an example",
                ))
            }
            Err(Io(err)) => Err(Diagnostic::file_error(
                path,
                format!("cannot read: {err}"),
                "check the file's permissions",
            )),
        }
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
        let offset = base + locate(&self.text[base..], local_path(path));
        self.problem_at(severity, offset, path, message, hint)
    }

    /// Problems at paths of an array file, such as `[12].categories[1]`,
    /// placed exactly; the array is split once, however many there are.
    pub fn place_in_array(
        &self,
        found: Vec<(Severity, Vec<PathSeg>, String, String)>,
    ) -> Vec<Diagnostic> {
        let offsets: Vec<usize> = serde_json::from_str::<Vec<&RawValue>>(&self.text)
            .map(|raw| {
                raw.iter()
                    .map(|r| r.get().as_ptr() as usize - self.text.as_ptr() as usize)
                    .collect()
            })
            .unwrap_or_default();
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
    pub fn parse_value<T: DeserializeOwned>(
        &self,
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

    /// Parses the file as an array of `what`, each element on its own.
    pub fn parse_array<T: DeserializeOwned + Send>(
        &self,
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

/// Why a file was not read: refused for what it is, or an I/O failure.
enum ReadFailure {
    Refused(String, String),
    Io(std::io::Error),
}
use ReadFailure::{Io, Refused};

/// The file's bytes, after checking that it is a regular file no larger
/// than [`MAX_FILE_BYTES`]. The file's kind is checked before it is opened,
/// so a FIFO (whose opening waits for a writer), a device such as /dev/zero
/// or a folder is refused without reading it; reading stops one byte past
/// the limit in case the file grows meanwhile.
fn read_bounded(path: &Path) -> Result<Vec<u8>, ReadFailure> {
    use std::io::Read;
    let meta = std::fs::metadata(path).map_err(Io)?;
    if !meta.is_file() {
        let what = if meta.is_dir() {
            "a folder"
        } else {
            "not a regular file (a pipe, socket or device)"
        };
        return Err(Refused(
            format!("is {what}"),
            "point the summit folder at ordinary JSON files".to_string(),
        ));
    }
    let too_big = || {
        Refused(
            format!("the file is larger than the limit of {MAX_FILE_BYTES} bytes"),
            "split the summit or remove unused data; see \"Input limits\" in README.md".to_string(),
        )
    };
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_big());
    }
    let file = std::fs::File::open(path).map_err(Io)?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(Io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big());
    }
    Ok(bytes)
}

/// Why one value failed to deserialise.
enum Failure {
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    Data {
        path: Vec<PathSeg>,
        message: String,
        hint: Option<String>,
    },
}

/// The value or why it failed, and the paths of unknown fields seen.
type Parsed<T> = (Result<T, Failure>, Vec<Vec<PathSeg>>);

/// Deserialises one value, collecting the paths of fields it ignored.
///
/// Tracking the path of every value costs an allocation per key, so a
/// value is first read without it; only a value that fails is read again
/// with `serde_path_to_error`, to name where it failed.
fn parse_one<T: DeserializeOwned>(text: &str, prefix: &[PathSeg]) -> Parsed<T> {
    let mut unknown = Vec::new();
    let mut de = serde_json::Deserializer::from_str(text);
    let fast: Result<T, _> = {
        let mut record = |path: serde_ignored::Path| {
            let mut full = prefix.to_vec();
            full.extend(ignored_path(&path));
            unknown.push(full);
        };
        T::deserialize(serde_ignored::Deserializer::new(&mut de, &mut record))
    };
    if let Ok(value) = fast
        && de.end().is_ok()
    {
        return (Ok(value), unknown);
    }
    parse_tracked(text, prefix)
}

/// [`parse_one`] with every path tracked, for a value that fails.
fn parse_tracked<T: DeserializeOwned>(text: &str, prefix: &[PathSeg]) -> Parsed<T> {
    let mut unknown = Vec::new();
    let mut de = serde_json::Deserializer::from_str(text);
    let result: Result<T, _> = {
        let mut record = |path: serde_ignored::Path| {
            let mut full = prefix.to_vec();
            full.extend(ignored_path(&path));
            unknown.push(full);
        };
        let ignoring = serde_ignored::Deserializer::new(&mut de, &mut record);
        serde_path_to_error::deserialize(ignoring)
    };
    if result.is_ok()
        && let Err(trailing) = de.end()
    {
        let failure = Failure::Syntax {
            line: trailing.line(),
            column: trailing.column(),
            message: tidy_serde_message(&trailing),
        };
        return (Err(failure), unknown);
    }
    let outcome = match result {
        Ok(value) => Ok(value),
        Err(err) => {
            let mut path = prefix.to_vec();
            path.extend(err.path().iter().filter_map(|seg| match seg {
                serde_path_to_error::Segment::Seq { index } => Some(PathSeg::Index(*index)),
                serde_path_to_error::Segment::Map { key } => Some(PathSeg::Key(key.clone())),
                serde_path_to_error::Segment::Enum { variant } => {
                    Some(PathSeg::Key(variant.clone()))
                }
                serde_path_to_error::Segment::Unknown => None,
            }));
            let inner = err.into_inner();
            if inner.is_data() {
                let (message, hint) = explain_data_error(&inner);
                Err(Failure::Data {
                    path,
                    message,
                    hint,
                })
            } else {
                Err(Failure::Syntax {
                    line: inner.line(),
                    column: inner.column(),
                    message: tidy_serde_message(&inner),
                })
            }
        }
    };
    (outcome, unknown)
}

fn ignored_path(path: &serde_ignored::Path) -> Vec<PathSeg> {
    use serde_ignored::Path as P;
    let mut segs = match path {
        P::Root => return Vec::new(),
        P::Seq { parent, .. }
        | P::Map { parent, .. }
        | P::Some { parent }
        | P::NewtypeStruct { parent }
        | P::NewtypeVariant { parent } => ignored_path(parent),
    };
    match path {
        P::Seq { index, .. } => segs.push(PathSeg::Index(*index)),
        P::Map { key, .. } => segs.push(PathSeg::Key(key.clone())),
        _ => {}
    }
    segs
}

/// Paths of semantic problems are absolute (`[3].id`), while elements are
/// located from their own start; drop the leading array index.
fn local_path(path: &[PathSeg]) -> &[PathSeg] {
    match path.first() {
        Some(PathSeg::Index(_)) => &path[1..],
        _ => path,
    }
}
