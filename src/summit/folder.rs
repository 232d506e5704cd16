//! Where the summit is when no `--data` is given.

use std::path::{Path, PathBuf};

/// The folder the commands use by default, seen from `cwd`: `./data` when
/// it exists, else `.` when it holds `event.json` (run inside a summit
/// folder), else `./data` so the error names the usual place.
pub fn default_data_dir(cwd: &Path) -> PathBuf {
    let data = cwd.join("data");
    if data.is_dir() || !cwd.join("event.json").is_file() {
        PathBuf::from("data")
    } else {
        PathBuf::from(".")
    }
}

/// `given` when there is one, else [`default_data_dir`] of the current
/// folder.
pub fn data_dir(given: Option<&Path>) -> PathBuf {
    match given {
        Some(dir) => dir.to_path_buf(),
        None => default_data_dir(&std::env::current_dir().unwrap_or_default()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inside_a_summit_folder_the_default_is_that_folder() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(default_data_dir(dir.path()), PathBuf::from("data"));
        std::fs::write(dir.path().join("event.json"), "{}").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(default_data_dir(dir.path()), PathBuf::from("."));
        std::fs::create_dir(dir.path().join("data")).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(default_data_dir(dir.path()), PathBuf::from("data"));
    }
}
