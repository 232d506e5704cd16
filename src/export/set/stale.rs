//! What killed runs leave behind: staging folders beside the target, and
//! the temporary files and folders of older versions' single-file writes.

use std::ffi::OsStr;
use std::fs;
use std::path::Path;

use super::{STAGING, Top, hidden};

/// Removes staging folders beside the target left by killed runs. Best
/// effort: a leftover that cannot be removed harms nothing.
pub(super) fn clean_stale(parent: &Path, name: &OsStr) {
    let prefix = hidden(name, STAGING);
    for entry in fs::read_dir(parent).into_iter().flatten().flatten() {
        if entry
            .file_name()
            .as_encoded_bytes()
            .starts_with(prefix.as_encoded_bytes())
        {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// True for what older versions left beside a top entry: the temporary
/// files of single-file writes (`.schedule.csv.XXXXXX.tmp`) and the
/// temporary folders of a folder written on its own (`.print.XXXXXX.tmp`,
/// `.print.XXXXXX.old`).
pub(super) fn leftover(name: &str, tops: &[Top]) -> bool {
    tops.iter().any(|top| {
        let prefix = format!(".{}.", top.name.to_string_lossy());
        name.starts_with(&prefix)
            && (name.ends_with(".tmp") || (top.folder && name.ends_with(".old")))
    })
}
