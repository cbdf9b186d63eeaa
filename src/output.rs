//! The result of a build: in memory as a sorted map from site path to
//! bytes (`Output`: `serve` answers HTTP from it), or handed out file by
//! file as it is made (`Emit`: `build` writes each into its staging folder).

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::Arc;

/// Where `build_each` hands the files of a build, from any thread, as
/// they are made. A closure `Fn(&str, &[u8])` is one.
pub trait Emit: Sync {
    /// A whole file.
    fn file(&self, path: &str, bytes: &[u8]);

    /// A file written piece by piece by `write` (the open-data files: tens
    /// of megabytes on a large site, whose buffers, grown by doubling, cost
    /// 5% of a build in page faults). Returns its size in bytes. By default
    /// the pieces are collected and handed to `file`.
    fn stream(
        &self,
        path: &str,
        write: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
    ) -> usize {
        let mut bytes = Vec::new();
        // Writing to a Vec fails only where the producer does (a
        // serializer's error), and then the file is what was written.
        let _ = write(&mut bytes);
        self.file(path, &bytes);
        bytes.len()
    }
}

impl<F: Fn(&str, &[u8]) + Sync> Emit for F {
    fn file(&self, path: &str, bytes: &[u8]) {
        self(path, bytes)
    }
}

/// Counts the bytes written through it.
pub struct Counted<W> {
    pub inner: W,
    pub count: usize,
}

impl<W: Write> Write for Counted<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.count += n;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Site path (`regionen/x/index.html`, no leading slash) → file contents.
#[derive(Clone, Debug, Default)]
pub struct Output {
    pub files: BTreeMap<String, Arc<[u8]>>,
}

impl Output {
    pub fn insert(&mut self, path: impl Into<String>, bytes: impl Into<Arc<[u8]>>) {
        self.files.insert(path.into(), bytes.into());
    }

    pub fn get(&self, path: &str) -> Option<&Arc<[u8]>> {
        self.files.get(path)
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// How many HTML pages the output has.
    pub fn page_count(&self) -> usize {
        self.files.keys().filter(|p| p.ends_with(".html")).count()
    }
}
