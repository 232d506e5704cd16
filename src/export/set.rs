//! Replace a set of files together, so readers (and a crash, a full disk or
//! a kill -9) see the whole old set or the whole new one, never a mix.
//!
//! Every file is first written and synced into a staging folder. Then:
//!
//! - When the output folder is new, or holds nothing but an earlier set,
//!   the staging folder is swapped in whole: on Linux with one atomic
//!   `renameat2(RENAME_EXCHANGE)`, elsewhere with two renames.
//! - When it holds other things too (staff notes, a summit), those must stay
//!   where they are, so the staging folder is made inside it, marked
//!   complete once every file is synced, and its files are renamed into
//!   place. A run killed before the mark changes nothing; one killed after
//!   it is finished by the next export, which rolls the marked set forward.
//!
//! Exports to one folder take turns on a lock file beside it, so a staging
//! folder found while holding the lock belongs to a killed run and is
//! cleaned up (as are the `.name.XXXXXX.tmp` files older versions left).

use std::ffi::OsString;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::ExportError;

/// Marks a staging folder whose files are all written and synced.
const COMPLETE: &str = "COMPLETE";
/// Names of staging folders start with this (after the target's name).
const STAGING: &str = ".export-";

/// Writes one file of a set: create, write, sync.
pub type WriteFile = dyn Fn(&Path, &[u8]) -> io::Result<()>;

/// The real [`WriteFile`].
pub fn write_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = fs::File::create(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Writes `files` (name, bytes) into `out_dir` as one set; see the module
/// docs. Files of `out_dir` not in the set are left alone.
pub fn write_set(out_dir: &Path, files: &[(&str, &[u8])]) -> Result<(), ExportError> {
    write_set_with(out_dir, files, &write_file)
}

/// [`write_set`] with each file written by `write`, so tests can make a
/// write fail (a full disk) at a chosen file.
pub fn write_set_with(
    out_dir: &Path,
    files: &[(&str, &[u8])],
    write: &WriteFile,
) -> Result<(), ExportError> {
    let create_error = |io| ExportError::CreateDir {
        path: out_dir.to_path_buf(),
        io,
    };
    let write_error = |path: &Path| {
        let path = path.to_path_buf();
        move |io| ExportError::Write { path, io }
    };
    let (parent, name) = split(out_dir).map_err(create_error)?;
    fs::create_dir_all(&parent).map_err(create_error)?;
    let lock_path = parent.join(hidden(&name, ".export.lock"));
    let lock = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(write_error(&lock_path))?;
    lock.lock().map_err(write_error(&lock_path))?;

    clean_stale(&parent, &name);
    let target = parent.join(&name);
    let swap = match fs::symlink_metadata(&target) {
        // Swapping would replace a folder its owner made read-only.
        Ok(meta) if meta.is_dir() && meta.permissions().readonly() => {
            let io = io::Error::from(io::ErrorKind::PermissionDenied);
            return Err(write_error(&target.join(files.first().map_or("", |f| f.0)))(io));
        }
        Ok(meta) if meta.is_dir() => {
            recover_in_place(&target, files);
            holds_only(&target, files).map_err(create_error)?
        }
        Ok(_) => false,
        Err(err) if err.kind() == io::ErrorKind::NotFound => true,
        Err(io) => return Err(create_error(io)),
    };
    if swap {
        swap_in(&parent, &name, &target, files, write)
    } else {
        fs::create_dir_all(&target).map_err(create_error)?;
        replace_in_place(&target, files, write)
    }
}

/// The folder holding `out_dir` and `out_dir`'s own name, for a path such as
/// `.` or `out/` too.
fn split(out_dir: &Path) -> io::Result<(PathBuf, OsString)> {
    let absolute = std::path::absolute(out_dir)?;
    let mut clean = PathBuf::new();
    for part in absolute.components() {
        match part {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                clean.pop();
            }
            other => clean.push(other),
        }
    }
    match (clean.parent(), clean.file_name()) {
        (Some(parent), Some(name)) => Ok((parent.to_path_buf(), name.to_os_string())),
        _ => Err(io::Error::other("the root folder cannot hold an export")),
    }
}

fn hidden(name: &std::ffi::OsStr, suffix: &str) -> OsString {
    let mut hidden = OsString::from(".");
    hidden.push(name);
    hidden.push(suffix);
    hidden
}

/// Removes staging folders beside the target left by killed runs. Best
/// effort: a leftover that cannot be removed harms nothing.
fn clean_stale(parent: &Path, name: &std::ffi::OsStr) {
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

/// True when `dir` holds only files of the set and leftovers of earlier
/// exports, so it can be replaced whole.
fn holds_only(dir: &Path, files: &[(&str, &[u8])]) -> io::Result<bool> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if !entry.file_type()?.is_file() {
            return Ok(false);
        }
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let ours = files.iter().any(|(file, _)| {
            name == *file || (name.starts_with(&format!(".{file}.")) && name.ends_with(".tmp"))
        });
        if !ours {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Writes and syncs every file into `dir`, then syncs `dir` itself.
fn fill(dir: &Path, files: &[(&str, &[u8])], write: &WriteFile) -> Result<(), ExportError> {
    for (name, bytes) in files {
        let path = dir.join(name);
        write(&path, bytes).map_err(|io| ExportError::Write {
            path: path.clone(),
            io,
        })?;
    }
    sync_dir(dir);
    Ok(())
}

fn staging_in(dir: &Path, prefix: &std::ffi::OsStr) -> Result<tempfile::TempDir, ExportError> {
    tempfile::Builder::new()
        .prefix(prefix)
        .tempdir_in(dir)
        .map_err(|io| ExportError::Write {
            path: dir.join(prefix),
            io,
        })
}

/// Stages the set beside the target and swaps it in whole.
fn swap_in(
    parent: &Path,
    name: &std::ffi::OsStr,
    target: &Path,
    files: &[(&str, &[u8])],
    write: &WriteFile,
) -> Result<(), ExportError> {
    let staging = staging_in(parent, &hidden(name, STAGING))?;
    fill(staging.path(), files, write)?;
    // The staging folder is private (0700); the export is to share.
    let mode = fs::metadata(target).map(|m| m.permissions());
    #[cfg(unix)]
    let mode = mode.or_else(|_| {
        use std::os::unix::fs::PermissionsExt;
        Ok::<_, io::Error>(fs::Permissions::from_mode(0o755))
    });
    if let Ok(mode) = mode {
        let _ = fs::set_permissions(staging.path(), mode);
    }
    let swap_error = |io| ExportError::Write {
        path: target.to_path_buf(),
        io,
    };
    if target.exists() {
        exchange(staging.path(), target).map_err(swap_error)?;
        // `staging` now names the old set, which its drop removes.
    } else {
        fs::rename(staging.path(), target).map_err(swap_error)?;
    }
    sync_dir(parent);
    Ok(())
}

/// Swaps two folders in one step.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

/// Without an atomic exchange: move the old folder aside, the new one in,
/// and the old one to where the caller will remove it.
#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    let mut aside = a.as_os_str().to_os_string();
    aside.push(".old");
    let aside = PathBuf::from(aside);
    fs::rename(b, &aside)?;
    if let Err(err) = fs::rename(a, b) {
        let _ = fs::rename(&aside, b);
        return Err(err);
    }
    fs::rename(&aside, a)
}

/// Stages the set inside `dir`, marks it complete and renames its files
/// into place.
fn replace_in_place(
    dir: &Path,
    files: &[(&str, &[u8])],
    write: &WriteFile,
) -> Result<(), ExportError> {
    // A folder in the way would stop a rename half-way through the set.
    for (name, _) in files {
        let path = dir.join(name);
        if path.is_dir() {
            let io = io::Error::from(io::ErrorKind::IsADirectory);
            return Err(ExportError::Write { path, io });
        }
    }
    let staging = staging_in(dir, std::ffi::OsStr::new(STAGING))?;
    fill(staging.path(), files, write)?;
    let mark = staging.path().join(COMPLETE);
    fill(staging.path(), &[(COMPLETE, b"")], &write_file)?;
    for (name, _) in files {
        let to = dir.join(name);
        fs::rename(staging.path().join(name), &to)
            .map_err(|io| ExportError::Write { path: to, io })?;
    }
    let _ = fs::remove_file(mark);
    sync_dir(dir);
    Ok(())
}

/// Finishes or discards the in-place staging folders of killed runs: a
/// complete one is rolled forward (its files renamed into place), any other
/// removed. Also removes the temporary files older versions left.
fn recover_in_place(dir: &Path, files: &[(&str, &[u8])]) {
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let path = entry.path();
        if name.starts_with(STAGING) {
            if path.join(COMPLETE).is_file() {
                for (file, _) in files {
                    let staged = path.join(file);
                    if staged.is_file() {
                        let _ = fs::rename(&staged, dir.join(file));
                    }
                }
            }
            let _ = fs::remove_dir_all(&path);
        } else if files
            .iter()
            .any(|(file, _)| name.starts_with(&format!(".{file}.")) && name.ends_with(".tmp"))
        {
            let _ = fs::remove_file(&path);
        }
    }
}

/// Makes renames durable. Best effort, as in `atomic`.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(handle) = fs::File::open(dir) {
        let _ = handle.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}
