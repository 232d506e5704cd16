//! Replace a set of files together, so readers (and a crash, a full disk or
//! a kill -9) see the whole old set or the whole new one, never a mix.
//!
//! A set's files are named by paths relative to the output folder, so a
//! set can hold folders too (`print/agendas/S001.html`): a folder at the
//! top of the set is replaced whole, never merged with an older one.
//!
//! Every file is first written and synced into a staging folder, streamed
//! there as it is rendered (see [`Sink`]), so a set larger than memory can
//! be written. Then:
//!
//! - When the output folder is new, or holds nothing but an earlier set,
//!   the staging folder is swapped in whole: on Linux with one atomic
//!   `renameat2(RENAME_EXCHANGE)`, elsewhere with two renames.
//! - When it holds other things too (staff notes, a summit), those must stay
//!   where they are, so the staging folder is made inside it, marked
//!   complete once every file is synced, and its files and folders are
//!   renamed into place (an old folder first moved into the staging folder,
//!   so it goes when the staging folder does). A run killed before the mark changes nothing; one killed after
//!   it is finished by the next export, which rolls the marked set forward.
//!
//! Exports to one folder take turns on a lock file beside it, so a staging
//! folder found while holding the lock belongs to a killed run and is
//! cleaned up (as are the `.name.XXXXXX.tmp` files older versions left).

use std::ffi::{OsStr, OsString};
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use super::ExportError;

mod sink;
mod stale;
mod sync;

use sink::Staging;
pub use sink::{InMemory, OpenFile, Render, Sink, open_file, write_error};
use stale::{clean_stale, leftover};
use sync::{mark_complete, sync_dir, sync_files};

/// Marks a staging folder whose files are all written and synced.
const COMPLETE: &str = "COMPLETE";
/// Names of staging folders start with this (after the target's name).
const STAGING: &str = ".export-";
/// Inside a staging folder: where an old folder of the set is moved aside.
const ASIDE: &str = ".old.";

/// Writes `files` (path relative to `out_dir`, bytes) into `out_dir` as one
/// set; see the module docs. Files of `out_dir` not in the set are left
/// alone.
pub fn write_set<N: AsRef<Path> + Sync>(
    out_dir: &Path,
    files: &[(N, &[u8])],
) -> Result<(), ExportError> {
    write_set_with(out_dir, files, &open_file)
}

/// [`write_set`] with each file opened by `open`, so tests can make a
/// write fail (a full disk) at a chosen file.
pub fn write_set_with<N: AsRef<Path> + Sync>(
    out_dir: &Path,
    files: &[(N, &[u8])],
    open: &OpenFile,
) -> Result<(), ExportError> {
    let tops = tops(out_dir, files)?;
    stream_set(out_dir, &tops, open, |sink| {
        (files.par_iter()).try_for_each(|(name, bytes)| sink.put(name.as_ref(), bytes))
    })
}

/// Writes a set whose files `fill` renders straight into the staging
/// folder through the [`Sink`] it is handed, so they are never all in
/// memory at once. `tops` names the set's top entries up front: which of
/// the output folder's entries the set replaces decides where it is staged.
/// A file outside them fails the set; a failure of `fill` leaves the old
/// set whole, as a failed write does.
pub(crate) fn stream_set(
    out_dir: &Path,
    tops: &[Top],
    open: &OpenFile,
    fill: impl FnOnce(&dyn Sink) -> Result<(), ExportError>,
) -> Result<(), ExportError> {
    let create_error = |io| ExportError::CreateDir {
        path: out_dir.to_path_buf(),
        io,
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
            let first = tops.first().map_or_else(OsString::new, |t| t.name.clone());
            let io = io::Error::from(io::ErrorKind::PermissionDenied);
            return Err(write_error(&target.join(first))(io));
        }
        Ok(meta) if meta.is_dir() => {
            recover_in_place(&target, tops);
            holds_only(&target, tops).map_err(create_error)?
        }
        Ok(_) => false,
        Err(err) if err.kind() == io::ErrorKind::NotFound => true,
        Err(io) => return Err(create_error(io)),
    };
    let stage = |dir: &Path| fill_staging(dir, tops, open, fill);
    if swap {
        swap_in(&parent, &name, &target, stage)
    } else {
        fs::create_dir_all(&target).map_err(create_error)?;
        replace_in_place(&target, tops, stage)
    }
}

/// One entry at the top of a set: a file, or a folder holding files.
#[derive(Debug, Clone)]
pub(crate) struct Top {
    name: OsString,
    folder: bool,
}

impl Top {
    pub(crate) fn file(name: &str) -> Top {
        Top {
            name: name.into(),
            folder: false,
        }
    }

    pub(crate) fn folder(name: &str) -> Top {
        Top {
            name: name.into(),
            folder: true,
        }
    }
}

/// The set's top entries, each once. Every path must be relative and
/// plain (no `..`), and no name may be both a file and a folder.
fn tops<N: AsRef<Path>>(out_dir: &Path, files: &[(N, &[u8])]) -> Result<Vec<Top>, ExportError> {
    let mut tops: Vec<Top> = Vec::new();
    for (path, _) in files {
        let path = path.as_ref();
        let invalid = || ExportError::Write {
            path: out_dir.join(path),
            io: io::Error::from(io::ErrorKind::InvalidInput),
        };
        let mut parts = path.components();
        let Some(Component::Normal(name)) = parts.next() else {
            return Err(invalid());
        };
        if !parts.all(|part| matches!(part, Component::Normal(_))) {
            return Err(invalid());
        }
        let folder = path.components().nth(1).is_some();
        match tops.iter().find(|top| top.name == name) {
            Some(top) if top.folder != folder => return Err(invalid()),
            Some(_) => {}
            None => tops.push(Top {
                name: name.to_os_string(),
                folder,
            }),
        }
    }
    Ok(tops)
}

/// The folder holding `out_dir` and `out_dir`'s own name, for a path such as
/// `.` or `out/` too.
fn split(out_dir: &Path) -> io::Result<(PathBuf, OsString)> {
    let absolute = std::path::absolute(out_dir)?;
    let mut clean = PathBuf::new();
    for part in absolute.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
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

fn hidden(name: &OsStr, suffix: &str) -> OsString {
    let mut hidden = OsString::from(".");
    hidden.push(name);
    hidden.push(suffix);
    hidden
}

/// True when `dir` holds only entries of the set and leftovers of earlier
/// exports, so it can be replaced whole.
fn holds_only(dir: &Path, tops: &[Top]) -> io::Result<bool> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let kind = entry.file_type()?;
        let name = entry.file_name();
        let top = tops.iter().find(|top| top.name == name);
        let ours = match top {
            Some(top) if top.folder => kind.is_dir(),
            Some(_) => kind.is_file(),
            None => (kind.is_file() || kind.is_dir()) && leftover(&name.to_string_lossy(), tops),
        };
        if !ours {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Has `fill` write every file into the staging folder `dir`, then syncs
/// them and their folders.
fn fill_staging(
    dir: &Path,
    tops: &[Top],
    open: &OpenFile,
    fill: impl FnOnce(&dyn Sink) -> Result<(), ExportError>,
) -> Result<(), ExportError> {
    let staging = Staging::new(dir, tops, open);
    fill(&staging)?;
    let (folders, files) = staging.written();
    sync_files(dir, &files)?;
    for folder in &folders {
        sync_dir(folder);
    }
    sync_dir(dir);
    Ok(())
}

fn staging_in(dir: &Path, prefix: &OsStr) -> Result<tempfile::TempDir, ExportError> {
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
    name: &OsStr,
    target: &Path,
    stage: impl FnOnce(&Path) -> Result<(), ExportError>,
) -> Result<(), ExportError> {
    let staging = staging_in(parent, &hidden(name, STAGING))?;
    stage(staging.path())?;
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

/// Stages the set inside `dir`, marks it complete and moves its entries
/// into place.
fn replace_in_place(
    dir: &Path,
    tops: &[Top],
    stage: impl FnOnce(&Path) -> Result<(), ExportError>,
) -> Result<(), ExportError> {
    // An entry of the other kind in the way would stop the set half-way.
    for top in tops {
        let path = dir.join(&top.name);
        let kind = match fs::symlink_metadata(&path) {
            Ok(meta) => meta.file_type(),
            Err(_) => continue,
        };
        let io = if top.folder && !kind.is_dir() {
            io::ErrorKind::AlreadyExists
        } else if !top.folder && kind.is_dir() {
            io::ErrorKind::IsADirectory
        } else {
            continue;
        };
        return Err(ExportError::Write {
            path,
            io: io::Error::from(io),
        });
    }
    let staging = staging_in(dir, OsStr::new(STAGING))?;
    stage(staging.path())?;
    mark_complete(staging.path())?;
    roll_forward(staging.path(), dir).map_err(|(path, io)| ExportError::Write { path, io })?;
    sync_dir(dir);
    Ok(())
}

/// Moves a complete staging folder's entries into `dir`: files by rename,
/// folders by first moving the old one into the staging folder. Safe to
/// repeat after a kill at any point: what was moved is no longer staged.
fn roll_forward(staging: &Path, dir: &Path) -> Result<(), (PathBuf, io::Error)> {
    let listed = |io| (staging.to_path_buf(), io);
    let entries = fs::read_dir(staging).map_err(listed)?;
    let entries: Vec<fs::DirEntry> = entries.collect::<Result<_, _>>().map_err(listed)?;
    for entry in entries {
        let name = entry.file_name();
        if name == COMPLETE || name.as_encoded_bytes().starts_with(ASIDE.as_bytes()) {
            continue;
        }
        let to = dir.join(&name);
        let failed = |io| (to.clone(), io);
        if entry.file_type().map_err(failed)?.is_dir() && to.exists() {
            let mut aside = OsString::from(ASIDE);
            aside.push(&name);
            let aside = staging.join(aside);
            if aside.exists() {
                fs::remove_dir_all(&aside).map_err(failed)?;
            }
            fs::rename(&to, &aside).map_err(failed)?;
        }
        fs::rename(entry.path(), &to).map_err(failed)?;
    }
    Ok(())
}

/// Finishes or discards the in-place staging folders of killed runs: a
/// complete one is rolled forward, any other removed. Also removes the
/// temporary files and folders older versions left.
fn recover_in_place(dir: &Path, tops: &[Top]) {
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let path = entry.path();
        let is_dir = entry.file_type().is_ok_and(|kind| kind.is_dir());
        if name.starts_with(STAGING) {
            if path.join(COMPLETE).is_file() {
                let _ = roll_forward(&path, dir);
            }
            let _ = fs::remove_dir_all(&path);
        } else if leftover(&name, tops) {
            let _ = if is_dir {
                fs::remove_dir_all(&path)
            } else {
                fs::remove_file(&path)
            };
        }
    }
}
