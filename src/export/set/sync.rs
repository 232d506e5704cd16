//! Durability: every file of a set reaches the disk before any is renamed
//! into place, and the renames themselves are made durable.

use std::fs;
use std::path::{Path, PathBuf};

#[cfg(not(target_os = "linux"))]
use rayon::prelude::*;

use super::ExportError;

/// Makes every file of the set durable before any is renamed into place.
/// On Linux one `syncfs` flushes them all: a sync per file waited for the
/// disk once per file, and the print/ folder holds two files per
/// participant (72 s of a 20,000-seller export). A write error the flush
/// reports fails the export like a failed write.
pub(super) fn sync_files(dir: &Path, files: &[PathBuf]) -> Result<(), ExportError> {
    let sync_error = |path: &Path| {
        let path = path.to_path_buf();
        move |io| ExportError::Write { path, io }
    };
    #[cfg(target_os = "linux")]
    {
        let _ = files;
        let handle = fs::File::open(dir).map_err(sync_error(dir))?;
        rustix::fs::syncfs(&handle).map_err(|errno| sync_error(dir)(errno.into()))
    }
    #[cfg(not(target_os = "linux"))]
    files.par_iter().try_for_each(|path| {
        let synced = fs::File::open(path).and_then(|file| file.sync_all());
        synced.map_err(sync_error(path))
    })
}

/// Marks a staging folder whose files are all synced as complete, durably:
/// from here on, a killed run is rolled forward by the next.
pub(super) fn mark_complete(staging: &Path) -> Result<(), ExportError> {
    let path = staging.join(super::COMPLETE);
    let marked = fs::File::create(&path).and_then(|mark| mark.sync_all());
    marked.map_err(super::write_error(&path))?;
    sync_dir(staging);
    Ok(())
}

/// Makes renames durable. Best effort, as in `atomic`.
pub(super) fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(handle) = fs::File::open(dir) {
        let _ = handle.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}
