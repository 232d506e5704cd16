//! Replace a file all at once, so readers (and a crash) see either the old
//! content or the new, never a mix.

use std::io::Write;
use std::path::Path;

use super::ExportError;

/// Writes `bytes` to `path` atomically.
///
/// The bytes go to a temporary file in the same folder (a rename is only
/// atomic within one file system), which is flushed and synced to disk
/// before it is renamed over `path`. If anything fails the temporary file is
/// removed and `path` keeps its old content.
///
/// The new file keeps the permissions of the file it replaces; a new file
/// gets `rw-r--r--` (less the umask) rather than the temporary file's
/// owner-only default, since these are files to share.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    write_atomic_with(path, |out| out.write_all(bytes))
}

/// Like [`write_atomic`], for content too large to hold in memory: `fill`
/// streams it into a buffered writer over the temporary file.
pub fn write_atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), ExportError> {
    let write_error = |io| ExportError::Write {
        path: path.to_path_buf(),
        io,
    };
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    // A recognisable name, so a stray temporary file left by a power cut
    // can be traced to this tool: `.schedule.csv.XXXXXX.tmp`.
    let prefix = match path.file_name() {
        Some(name) => {
            let mut prefix = std::ffi::OsString::from(".");
            prefix.push(name);
            prefix.push(".");
            prefix
        }
        None => std::ffi::OsString::from(".matchslate."),
    };

    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let permissions = match std::fs::metadata(path) {
            Ok(meta) if meta.is_file() => meta.permissions(),
            _ => std::fs::Permissions::from_mode(0o644),
        };
        builder.permissions(permissions);
    }

    let temp = builder.tempfile_in(dir).map_err(write_error)?;
    let mut buffered = std::io::BufWriter::with_capacity(1 << 20, temp);
    fill(&mut buffered).map_err(write_error)?;
    let temp = buffered
        .into_inner()
        .map_err(|e| write_error(e.into_error()))?;
    // Without this the rename can reach the disk before the data does, and a
    // crash would leave an empty or partial file under the final name.
    temp.as_file().sync_all().map_err(write_error)?;
    // On failure `persist` hands the temporary file back inside the error;
    // dropping it deletes it.
    temp.persist(path).map_err(|err| write_error(err.error))?;
    sync_dir(dir);
    Ok(())
}

/// Makes the rename itself durable. Best effort: the data is already safe on
/// disk and some file systems refuse to sync a folder, so a failure here must
/// not turn a successful write into an error.
#[cfg(unix)]
pub(super) fn sync_dir(dir: &Path) {
    if let Ok(handle) = std::fs::File::open(dir) {
        let _ = handle.sync_all();
    }
}

/// Elsewhere (Windows) a folder cannot be opened and synced like this; the
/// file's own sync above still guarantees it is never half-written.
#[cfg(not(unix))]
pub(super) fn sync_dir(_dir: &Path) {}
