//! Reading an input file's text: refused before reading when it is not a
//! regular file or is too large, then checked to be UTF-8.

use std::path::Path;

use super::diagnostic::Diagnostic;
use super::limits::MAX_FILE_BYTES;

/// The text of the file at `path`, without a leading byte-order mark.
// A missing or unreadable file is one Diagnostic, reported like any other;
// it is made once per file, so its size does not matter.
#[allow(clippy::result_large_err)]
pub fn read_text(path: &Path) -> Result<String, Diagnostic> {
    match read_bounded(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            // Windows editors and spreadsheet exports often start UTF-8
            // files with a byte-order mark, which JSON does not allow.
            Ok(mut text) => {
                if text.starts_with('\u{feff}') {
                    text.drain(..'\u{feff}'.len_utf8());
                }
                Ok(text)
            }
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
        Err(Io(err)) if err.kind() == std::io::ErrorKind::NotFound => Err(Diagnostic::file_error(
            path,
            "file not found",
            "a summit folder needs event.json, sellers.json and buyers.json; \
                 `matchslate generate --out DIR` writes an example",
        )),
        Err(Io(err)) => Err(Diagnostic::file_error(
            path,
            format!("cannot read: {err}"),
            "check the file's permissions",
        )),
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
    // One byte more than the file's size, so that reading to the end needs
    // no second, doubled buffer.
    let capacity = usize::try_from(meta.len()).unwrap_or(0).saturating_add(1);
    let mut bytes = Vec::with_capacity(capacity);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(Io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big());
    }
    Ok(bytes)
}
