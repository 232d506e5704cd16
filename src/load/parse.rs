//! Deserialising one JSON value, with the paths of the fields it ignored
//! and, when it fails, where and why.

use serde::Deserialize;

use super::diagnostic::PathSeg;
use super::messages::{explain_data_error, tidy_serde_message};

/// Why one value failed to deserialise.
pub enum Failure {
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
pub type Parsed<T> = (Result<T, Failure>, Vec<Vec<PathSeg>>);

/// Deserialises one value, collecting the paths of fields it ignored. The
/// value may borrow from `text` (unescaped strings need no copy).
///
/// Tracking the path of every value costs an allocation per key, so a
/// value is first read without it; only a value that fails is read again
/// with `serde_path_to_error`, to name where it failed.
pub fn parse_one<'de, T: Deserialize<'de>>(text: &'de str, prefix: &[PathSeg]) -> Parsed<T> {
    let mut unknown = Vec::new();
    let mut de = serde_json::Deserializer::from_str(text);
    let fast: Result<T, _> = {
        let mut record = recorder(prefix, &mut unknown);
        T::deserialize(serde_ignored::Deserializer::new(&mut de, &mut record))
    };
    if let Ok(value) = fast
        && de.end().is_ok()
    {
        return (Ok(value), unknown);
    }
    parse_tracked(text, prefix)
}

/// Records the path of each unknown field `serde_ignored` reports, below
/// `prefix`, into `unknown`.
fn recorder<'p>(
    prefix: &'p [PathSeg],
    unknown: &'p mut Vec<Vec<PathSeg>>,
) -> impl FnMut(serde_ignored::Path) + 'p {
    move |path| {
        let mut full = prefix.to_vec();
        full.extend(ignored_path(&path));
        unknown.push(full);
    }
}

/// [`parse_one`] with every path tracked, for a value that fails.
fn parse_tracked<'de, T: Deserialize<'de>>(text: &'de str, prefix: &[PathSeg]) -> Parsed<T> {
    let mut unknown = Vec::new();
    let mut de = serde_json::Deserializer::from_str(text);
    let result: Result<T, _> = {
        let mut record = recorder(prefix, &mut unknown);
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
