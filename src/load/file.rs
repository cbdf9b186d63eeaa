//! Reading one text file safely: only regular files, never more than
//! [`MAX_FILE_BYTES`], UTF-8 or an error that names the file and the place.

use crate::diagnostics::{Diagnostic, Severity, Source, rel_path};
use crate::msg;
use std::path::Path;

/// Content files larger than this are refused rather than read into memory.
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;

/// Reads a UTF-8 text file, naming it in every error.
pub fn read_text(root: &Path, path: &Path) -> Result<Source, Diagnostic> {
    let rel = rel_path(root, path);
    let cannot = |e: std::io::Error| {
        Diagnostic::error(rel.clone(), msg!("cannot-read-file", error = e.to_string()))
    };
    // Opened without blocking and checked on the open file (one path
    // lookup, not two): a FIFO would block the build, a link to
    // `/dev/zero` fill the memory.
    let mut file = open_nonblocking(path).map_err(cannot)?;
    let meta = file.metadata().map_err(cannot)?;
    if !meta.is_file() {
        return Err(Diagnostic::error(rel, msg!("not-a-regular-file")));
    }
    let too_large = |len: u64| {
        Diagnostic::error(
            rel.clone(),
            msg!(
                "file-too-large",
                len = len,
                max = MAX_FILE_BYTES,
                mib = MAX_FILE_BYTES / (1024 * 1024)
            ),
        )
    };
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(meta.len()));
    }
    // The file may grow between `metadata` and reading: read one byte past
    // the limit at most.
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::io::Read::read_to_end(
        &mut std::io::Read::take(&mut file, MAX_FILE_BYTES + 1),
        &mut bytes,
    )
    .map_err(cannot)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    decode(rel, bytes)
}

/// Opens a file for reading without waiting for a writer (a FIFO).
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    let mut o = std::fs::OpenOptions::new();
    o.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut o, libc::O_NONBLOCK);
    o.open(path)
}

/// The text of a file's bytes, or an error pointing at the first byte that
/// is not UTF-8.
pub fn decode(rel: String, bytes: Vec<u8>) -> Result<Source, Diagnostic> {
    // UTF-16 text of ASCII letters is valid UTF-8 with a NUL after every
    // letter: it would be reported as "no front matter", which misleads.
    let utf16 = bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]);
    if utf16 || memchr::memchr(0, &bytes).is_some() {
        return Err(Diagnostic::error(
            rel,
            if utf16 {
                msg!("file-utf16")
            } else {
                msg!("file-nul-bytes")
            },
        )
        .with_help(msg!("save-as-utf8")));
    }
    // simdutf8 checks German text several times faster than `str::from_utf8`,
    // whose fast path is for runs of ASCII that umlauts keep breaking (the
    // check was 2% of a build at 10,000 entities).
    if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: the bytes were just checked to be UTF-8.
        let text = unsafe { String::from_utf8_unchecked(bytes) };
        return Ok(Source::new(rel, text));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Source::new(rel, text)),
        Err(e) => {
            let good = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let src = Source::new(rel, text);
            Err(
                Diagnostic::at(Severity::Error, &src, good..good + 1, msg!("file-not-utf8"))
                    .with_help(msg!("save-as-utf8")),
            )
        }
    }
}
