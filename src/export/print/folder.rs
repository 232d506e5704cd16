//! Replace a whole folder at once: readers see the old `print/` or the new
//! one, never a mix of two exports.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::export::ExportError;
use crate::export::atomic::sync_dir;

/// Temporary folders older than this are left from a crash or power cut
/// and are removed; younger ones may belong to an export still running.
const STALE_AFTER: Duration = Duration::from_secs(60 * 60);

/// Builds a new folder with `fill` and puts it in place of `target`.
///
/// `fill` writes into an empty temporary folder beside `target` (a rename
/// is only atomic within one file system). Then the old folder is renamed
/// aside, the new one renamed in, and the old one deleted. If `fill` fails,
/// the temporary folder is removed and `target` is untouched. A crash
/// between the two renames leaves `target` missing until the next export,
/// never half-written. Temporary folders left by earlier crashes are swept.
pub fn replace_dir(
    target: &Path,
    fill: impl FnOnce(&Path) -> Result<(), ExportError>,
) -> Result<(), ExportError> {
    let parent = match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(|io| ExportError::CreateDir {
        path: parent.clone(),
        io,
    })?;
    let prefix = temp_prefix(target);
    sweep_stale(&parent, &prefix);

    let write_error = |path: &Path| {
        let path = path.to_path_buf();
        move |io| ExportError::Write { path, io }
    };
    let fresh = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(".tmp")
        .tempdir_in(&parent)
        .map_err(write_error(target))?;
    fill(fresh.path())?;
    // Creating the new folder's files is done; make their names durable
    // before they become the real folder.
    sync_dir(fresh.path());

    // An empty placeholder to rename the old folder onto: renaming a folder
    // over an empty folder is allowed, and the placeholder's name is unique.
    let old = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(".old")
        .tempdir_in(&parent)
        .map_err(write_error(target))?;
    let had_old = match std::fs::rename(target, old.path()) {
        Ok(()) => true,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => false,
        Err(io) => return Err(write_error(target)(io)),
    };
    if let Err(io) = std::fs::rename(fresh.path(), target) {
        if had_old {
            // Put the previous export back rather than leave nothing.
            let _ = std::fs::rename(old.path(), target);
        }
        return Err(write_error(target)(io));
    }
    // The new folder now lives at `target`; the temporary handle must not
    // delete it. Dropping `old` deletes the previous export.
    let _ = fresh.keep();
    sync_dir(&parent);
    drop(old);
    Ok(())
}

/// Writes one file of the new folder, synced so the folder is complete on
/// disk before it is renamed into place.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    use std::io::Write;
    let write_error = |io| ExportError::Write {
        path: path.to_path_buf(),
        io,
    };
    let mut file = std::fs::File::create(path).map_err(write_error)?;
    file.write_all(bytes).map_err(write_error)?;
    file.sync_all().map_err(write_error)
}

/// `.print.` for `out/print`: temporary folders start with a dot and the
/// folder's name, so they are hidden and traceable.
fn temp_prefix(target: &Path) -> String {
    let name = target
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| "print".to_owned());
    format!(".{name}.")
}

/// Removes `PREFIX*.tmp` and `PREFIX*.old` folders last changed over an hour
/// ago. Best effort: a folder that cannot be removed is left for next time.
fn sweep_stale(parent: &Path, prefix: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let now = SystemTime::now();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !(name.starts_with(prefix) && (name.ends_with(".tmp") || name.ends_with(".old"))) {
            continue;
        }
        let stale = entry
            .metadata()
            .and_then(|meta| meta.modified())
            .ok()
            .and_then(|modified| now.duration_since(modified).ok())
            .is_some_and(|age| age > STALE_AFTER);
        if stale && entry.file_type().is_ok_and(|kind| kind.is_dir()) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    }

    #[test]
    fn replaces_the_whole_folder_and_leaves_no_temporaries() -> Result<(), ExportError> {
        let root = tempfile::tempdir().map_err(|io| ExportError::CreateDir {
            path: PathBuf::new(),
            io,
        })?;
        let target = root.path().join("print");
        replace_dir(&target, |dir| {
            write_file(&dir.join("a.html"), b"one")?;
            write_file(&dir.join("old-only.html"), b"gone next time")
        })?;
        replace_dir(&target, |dir| write_file(&dir.join("a.html"), b"two"))?;
        assert_eq!(names(&target), ["a.html"]);
        assert_eq!(
            std::fs::read(target.join("a.html")).ok(),
            Some(b"two".to_vec())
        );
        assert_eq!(names(root.path()), ["print"]);
        Ok(())
    }

    #[test]
    fn a_failed_fill_keeps_the_old_folder() -> Result<(), ExportError> {
        let root = tempfile::tempdir().map_err(|io| ExportError::CreateDir {
            path: PathBuf::new(),
            io,
        })?;
        let target = root.path().join("print");
        replace_dir(&target, |dir| write_file(&dir.join("a.html"), b"one"))?;
        let failed = replace_dir(&target, |dir| {
            write_file(&dir.join("a.html"), b"half")?;
            Err(ExportError::Inconsistent("test".to_owned()))
        });
        assert!(failed.is_err());
        assert_eq!(
            std::fs::read(target.join("a.html")).ok(),
            Some(b"one".to_vec())
        );
        assert_eq!(names(root.path()), ["print"]);
        Ok(())
    }

    #[test]
    fn sweeps_only_stale_temporaries() -> Result<(), ExportError> {
        let root = tempfile::tempdir().map_err(|io| ExportError::CreateDir {
            path: PathBuf::new(),
            io,
        })?;
        let stale = root.path().join(".print.crashed.tmp");
        let running = root.path().join(".print.running.tmp");
        for dir in [&stale, &running] {
            std::fs::create_dir(dir).map_err(|io| ExportError::CreateDir {
                path: dir.clone(),
                io,
            })?;
        }
        let long_ago = SystemTime::now() - 2 * STALE_AFTER;
        std::fs::File::open(&stale)
            .and_then(|f| f.set_modified(long_ago))
            .map_err(|io| ExportError::CreateDir {
                path: stale.clone(),
                io,
            })?;
        replace_dir(&root.path().join("print"), |_| Ok(()))?;
        assert_eq!(names(root.path()), [".print.running.tmp", "print"]);
        Ok(())
    }
}
