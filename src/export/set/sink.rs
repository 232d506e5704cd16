//! Where a set's files go as they are rendered: each one streamed through a
//! buffer into the staging folder, so an export holds a buffer of a file in
//! memory, never the file (a million-seller export's files add up to
//! gigabytes, `print/checkin.html` alone to hundreds of megabytes).

use std::collections::BTreeSet;
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use super::{ExportError, Top};

/// Opens one file of a set for writing (creates it). Called from several
/// threads at once; the set's files are synced together once all are
/// written. Tests pass one that fails, as a full disk would.
pub type OpenFile = dyn Fn(&Path) -> io::Result<Box<dyn Write + Send>> + Sync;

/// The real [`OpenFile`].
pub fn open_file(path: &Path) -> io::Result<Box<dyn Write + Send>> {
    Ok(Box::new(fs::File::create(path)?))
}

/// Renders one file into the writer it is handed.
pub type Render<'r> = dyn FnMut(&mut dyn Write) -> Result<(), ExportError> + 'r;

/// Takes a set's files as they are rendered; shared by the threads that
/// render them.
pub trait Sink: Sync {
    /// Writes the file `name` (relative to the set's folder) with `render`.
    /// A failed write fails with the write's own error, whatever `render`
    /// made of it.
    fn file(&self, name: &Path, render: &mut Render<'_>) -> Result<(), ExportError>;

    /// Writes the file `name` whole.
    fn put(&self, name: &Path, bytes: &[u8]) -> Result<(), ExportError> {
        self.file(name, &mut |out| {
            out.write_all(bytes).map_err(write_error(name))
        })
    }
}

/// Maps a failed write to `path` to the export's error.
pub fn write_error(path: &Path) -> impl FnOnce(io::Error) -> ExportError + use<> {
    let path = path.to_path_buf();
    move |io| ExportError::Write { path, io }
}

/// Bytes buffered per open file: large writes, few system calls.
const BUFFER: usize = 256 * 1024;

/// A staging folder being filled: every file checked against the set's top
/// entries, its folders made on first use, and remembered for syncing.
pub(super) struct Staging<'s> {
    dir: &'s Path,
    tops: &'s [Top],
    open: &'s OpenFile,
    /// Folders holding files, relative to `dir`.
    folders: Mutex<BTreeSet<PathBuf>>,
    files: Mutex<Vec<PathBuf>>,
}

impl<'s> Staging<'s> {
    pub(super) fn new(dir: &'s Path, tops: &'s [Top], open: &'s OpenFile) -> Self {
        Staging {
            dir,
            tops,
            open,
            folders: Mutex::default(),
            files: Mutex::default(),
        }
    }

    /// The folders made, deepest last, as paths; and the files written.
    pub(super) fn written(self) -> (Vec<PathBuf>, Vec<PathBuf>) {
        let folders = self
            .folders
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        let files = self
            .files
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        let dir = self.dir;
        (
            folders.into_iter().map(|f| dir.join(f)).collect(),
            files.into_iter().map(|f| dir.join(f)).collect(),
        )
    }

    /// `name` is relative and plain (no `..`), and its first part is a top
    /// entry of the set, of its kind (a file, or a folder holding files).
    fn check(&self, name: &Path) -> Result<(), ExportError> {
        let mut parts = name.components();
        let top = match parts.next() {
            Some(Component::Normal(first)) => self.tops.iter().find(|top| top.name == first),
            _ => None,
        };
        let plain = parts.all(|part| matches!(part, Component::Normal(_)));
        let folder = name.components().nth(1).is_some();
        match top {
            Some(top) if plain && top.folder == folder => Ok(()),
            _ => Err(write_error(&self.dir.join(name))(io::Error::from(
                io::ErrorKind::InvalidInput,
            ))),
        }
    }

    fn make_folder(&self, folder: &Path) -> Result<(), ExportError> {
        let mut folders = self.folders.lock().unwrap_or_else(PoisonError::into_inner);
        if folders.contains(folder) {
            return Ok(());
        }
        let path = self.dir.join(folder);
        fs::create_dir_all(&path).map_err(|io| ExportError::CreateDir { path, io })?;
        folders.insert(folder.to_path_buf());
        Ok(())
    }
}

impl Sink for Staging<'_> {
    fn file(&self, name: &Path, render: &mut Render<'_>) -> Result<(), ExportError> {
        self.check(name)?;
        if let Some(folder) = name.parent().filter(|f| !f.as_os_str().is_empty()) {
            self.make_folder(folder)?;
        }
        let path = self.dir.join(name);
        let file = (self.open)(&path).map_err(write_error(&path))?;
        let mut out = Recorded {
            inner: BufWriter::with_capacity(BUFFER, file),
            failed: None,
        };
        let rendered = render(&mut out).and_then(|()| out.flush().map_err(write_error(&path)));
        if let Err(err) = rendered {
            return Err(match out.failed.take() {
                Some(io) => write_error(&path)(io),
                None => err,
            });
        }
        drop(out);
        let mut files = self.files.lock().unwrap_or_else(PoisonError::into_inner);
        files.push(name.to_path_buf());
        Ok(())
    }
}

/// A writer that keeps its first error, for renderers (csv, askama) that
/// report a failed write as their own error.
struct Recorded<W: Write> {
    inner: W,
    failed: Option<io::Error>,
}

impl<W: Write> Recorded<W> {
    fn record<T>(&mut self, result: io::Result<T>) -> io::Result<T> {
        result.map_err(|err| {
            let kind = err.kind();
            self.failed.get_or_insert(err);
            io::Error::from(kind)
        })
    }
}

impl<W: Write> Write for Recorded<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let written = self.inner.write(buf);
        self.record(written)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        let written = self.inner.write_all(buf);
        self.record(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        let flushed = self.inner.flush();
        self.record(flushed)
    }
}

/// A [`Sink`] that keeps every file in memory, for tests and callers that
/// want the bytes rather than a folder.
#[derive(Debug, Default)]
pub struct InMemory {
    files: Mutex<Vec<(PathBuf, Vec<u8>)>>,
}

impl InMemory {
    /// The files, by path.
    pub fn into_files(self) -> Vec<(PathBuf, Vec<u8>)> {
        let mut files = self
            .files
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        files.sort_by(|a, b| a.0.cmp(&b.0));
        files
    }
}

impl Sink for InMemory {
    fn file(&self, name: &Path, render: &mut Render<'_>) -> Result<(), ExportError> {
        let mut bytes = Vec::new();
        render(&mut bytes)?;
        let mut files = self.files.lock().unwrap_or_else(PoisonError::into_inner);
        files.push((name.to_path_buf(), bytes));
        Ok(())
    }
}
