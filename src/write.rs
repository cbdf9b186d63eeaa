//! Writes an `Output` to disk atomically: into a staging folder beside the
//! target, swapped in only when complete. Refuses targets lotse did not make.
//!
//! The target always holds a whole site, the previous or the new one, also
//! when the build is interrupted at any point: on Linux the swap is one
//! `renameat2(RENAME_EXCHANGE)`; elsewhere (or where the file system cannot
//! exchange) it is two renames, and an output moved aside by a build killed
//! between them is put back by the next build (`recover`). Ctrl-C and
//! SIGTERM remove the staging folder (`Interrupt`); after a SIGKILL the next
//! build removes it.

use crate::messages::Localized;
use crate::msg;
use crate::output::Output;
use anyhow::{Context, Result, bail};
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, RwLock};

/// The marker file that says a folder is lotse's output.
pub const MARKER: &str = ".lotse-output";

/// Checks that `dest` is a folder lotse may replace.
pub fn guard(dest: &Path, site_root: &Path) -> Result<()> {
    let abs = absolute(dest)?;
    let root = absolute(site_root)?;
    if abs.parent().is_none() {
        bail!(Localized(msg!(
            "output-is-root",
            dir = abs.display().to_string()
        )));
    }
    if abs == root || root.starts_with(&abs) {
        bail!(Localized(msg!(
            "output-contains-site",
            dir = dest.display().to_string()
        )));
    }
    for protected in ["content", "static", "templates", "themes"] {
        if abs.starts_with(root.join(protected)) {
            bail!(Localized(msg!(
                "output-inside-site-folder",
                dir = dest.display().to_string(),
                folder = protected
            )));
        }
    }
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from)
        && absolute(&home).ok().as_deref() == Some(abs.as_path())
    {
        bail!(Localized(msg!(
            "output-is-home",
            dir = abs.display().to_string()
        )));
    }
    if abs.exists() {
        if !abs.is_dir() {
            bail!(Localized(msg!(
                "output-not-a-folder",
                dir = dest.display().to_string()
            )));
        }
        let empty = std::fs::read_dir(&abs)
            .with_context(|| format!("cannot read `{}`", dest.display()))?
            .next()
            .is_none();
        if !empty && !abs.join(MARKER).exists() {
            bail!(Localized(msg!(
                "output-foreign",
                dir = dest.display().to_string(),
                marker = MARKER
            )));
        }
    }
    Ok(())
}

/// An absolute, normalised path, also for paths that do not exist yet.
fn absolute(p: &Path) -> Result<PathBuf> {
    let abs = std::path::absolute(p).with_context(|| format!("bad path `{}`", p.display()))?;
    // Resolve symlinks of the longest existing ancestor.
    let mut existing = abs.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => break,
        }
    }
    let mut out = existing
        .canonicalize()
        .unwrap_or_else(|_| existing.to_path_buf());
    for part in rest.into_iter().rev() {
        out.push(part);
    }
    Ok(out)
}

fn sibling(dest: &Path, tag: &str) -> PathBuf {
    let name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    dest.with_file_name(format!(".{name}.lotse-{tag}"))
}

/// Removes staging folders of interrupted runs and restores an output that
/// an interrupted swap left aside.
pub fn recover(dest: &Path) -> Result<()> {
    let old = sibling(dest, "old");
    if !dest.exists() && old.join(MARKER).exists() {
        std::fs::rename(&old, dest).with_context(|| {
            format!(
                "cannot restore `{}` from `{}`",
                dest.display(),
                old.display()
            )
        })?;
    }
    for tag in ["new", "old"] {
        let p = sibling(dest, tag);
        if p.exists() {
            std::fs::remove_dir_all(&p)
                .with_context(|| format!("cannot remove `{}`", p.display()))?;
        }
    }
    Ok(())
}

/// Writes `out` to `dest`, replacing what was there only on success.
pub fn write(out: &Output, dest: &Path, site_root: &Path) -> Result<()> {
    let staging = Staging::begin(dest, site_root)?;
    out.files
        .par_iter()
        .try_for_each(|(path, bytes)| staging.put(path, bytes))?;
    staging.finish()
}

/// Where a staging folder is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// Being written.
    Open,
    /// Removed by an interrupt; nothing more is written.
    Aborted,
    /// Swapped in: the target holds the new site.
    Swapped,
}

/// A staging folder beside the target that files are written into while
/// the site is built (from any thread); `finish` swaps it in, dropping it
/// unfinished removes it and leaves the target as it was.
pub struct Staging {
    dest: PathBuf,
    dir: PathBuf,
    /// Folders made so far (relative to `dir`).
    made: std::sync::Mutex<BTreeSet<String>>,
    /// Writers hold it shared while writing a file; the swap and an
    /// interrupt hold it alone, so neither runs while a file is half written
    /// and no file is written into a removed folder afterwards.
    state: Arc<RwLock<State>>,
    written: AtomicUsize,
    /// Test hook: hold the build once a file is written (`pause_point`),
    /// read once rather than from the environment on every file.
    pause_at_render: bool,
    done: bool,
}

/// Removes a staging folder from another thread (a signal handler).
#[derive(Clone)]
pub struct Interrupt {
    dest: PathBuf,
    dir: PathBuf,
    state: Arc<RwLock<State>>,
}

impl Interrupt {
    /// Stops the build's writing and removes what it staged; waits for a
    /// swap under way to end. Returns whether the target now holds the new
    /// site (the swap had happened) rather than the previous one.
    pub fn abort(&self) -> bool {
        let mut s = self.state.write().unwrap_or_else(|e| e.into_inner());
        match *s {
            State::Open => {
                let _ = std::fs::remove_dir_all(&self.dir);
                *s = State::Aborted;
                false
            }
            State::Aborted => false,
            State::Swapped => {
                // The previous site, left beside the target after the swap.
                let _ = std::fs::remove_dir_all(&self.dir);
                let _ = std::fs::remove_dir_all(sibling(&self.dest, "old"));
                true
            }
        }
    }
}

/// Test hook: with `LOTSE_TEST_PAUSE=<stage>` a build stops at that stage,
/// prints `lotse-test: paused at <stage>` and waits to be signalled, so that
/// `tests/it/interrupt.rs` can interrupt it at a known point. Stages:
/// `render` (one file staged), `swap` (all staged, before the swap),
/// `between-renames` (the two-rename swap only, old output moved aside; the
/// swap lock is held, so only SIGKILL ends it there), `cleanup` (swapped,
/// the previous site not yet removed). Unset, it costs one look-up per stage.
fn pause_point(stage: &str) {
    if std::env::var_os("LOTSE_TEST_PAUSE").is_some_and(|v| v == stage) {
        eprintln!("lotse-test: paused at {stage}");
        loop {
            std::thread::sleep(std::time::Duration::from_secs(3600));
        }
    }
}

/// Exchanges two paths in one step (both must exist); an error where the
/// system or file system cannot (then the swap takes two renames).
#[cfg(target_os = "linux")]
pub fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    // Test hook: the two-rename fallback, as on other systems.
    if std::env::var_os("LOTSE_TEST_NO_EXCHANGE").is_some() {
        return Err(std::io::ErrorKind::Unsupported.into());
    }
    let a = CString::new(a.as_os_str().as_bytes())?;
    let b = CString::new(b.as_os_str().as_bytes())?;
    // The raw system call: the libc wrapper needs glibc 2.28.
    // SAFETY: two valid NUL-terminated paths; no memory is handed over.
    let r = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if r == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
pub fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

impl Staging {
    /// Checks `dest` (see `guard`) and makes an empty staging folder.
    pub fn begin(dest: &Path, site_root: &Path) -> Result<Staging> {
        guard(dest, site_root)?;
        if let Some(parent) = dest.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create `{}`", parent.display()))?;
        }
        recover(dest)?;
        let dir = sibling(dest, "new");
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("cannot create `{}`", dir.display()))?;
        Ok(Staging {
            dest: dest.to_path_buf(),
            dir,
            made: Default::default(),
            state: Arc::new(RwLock::new(State::Open)),
            written: AtomicUsize::new(0),
            pause_at_render: std::env::var_os("LOTSE_TEST_PAUSE").is_some_and(|v| v == "render"),
            done: false,
        })
    }

    /// A handle that removes this staging folder from another thread.
    pub fn interrupt(&self) -> Interrupt {
        Interrupt {
            dest: self.dest.clone(),
            dir: self.dir.clone(),
            state: self.state.clone(),
        }
    }

    /// Writes one file (site path, no leading slash), making its folders.
    pub fn put(&self, path: &str, bytes: &[u8]) -> Result<()> {
        self.put_with(path, &mut |w| w.write_all(bytes)).map(|_| ())
    }

    /// Writes one file piece by piece through `write`, making its folders;
    /// returns its size. Not buffered here: the writers of large files
    /// buffer their pieces themselves.
    pub fn put_with(
        &self,
        path: &str,
        write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<usize> {
        // Any writer after the first file: with files written from two
        // threads, "exactly one written" could pass unseen.
        if self.pause_at_render && self.written.load(Ordering::Relaxed) >= 1 {
            pause_point("render");
        }
        let state = self.state.read().unwrap_or_else(|e| e.into_inner());
        if *state != State::Open {
            bail!("the build was interrupted");
        }
        if let Some((folder, _)) = path.rsplit_once('/') {
            // A folder counts as made once it is: another thread that finds
            // it missing meanwhile makes it too (`create_dir_all` allows
            // that), rather than writing into a folder not there yet.
            let known = self
                .made
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .contains(folder);
            if !known {
                let d = self.dir.join(folder);
                std::fs::create_dir_all(&d)
                    .with_context(|| format!("cannot create `{}`", d.display()))?;
                self.made
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .insert(folder.to_string());
            }
        }
        let target = self.dir.join(path);
        let written = std::fs::File::create(&target).and_then(|f| {
            let mut w = crate::output::Counted { inner: f, count: 0 };
            write(&mut w)?;
            std::io::Write::flush(&mut w)?;
            Ok(w.count)
        });
        let size = written.with_context(|| format!("cannot write `{}`", target.display()))?;
        self.written.fetch_add(1, Ordering::Relaxed);
        Ok(size)
    }

    /// Marks the staging folder as lotse's and swaps it in for the target.
    pub fn finish(mut self) -> Result<()> {
        pause_point("swap");
        let mut state = self.state.write().unwrap_or_else(|e| e.into_inner());
        if *state != State::Open {
            bail!("the build was interrupted");
        }
        let (dest, dir) = (&self.dest, &self.dir);
        std::fs::write(
            dir.join(MARKER),
            "This folder is written by lotse; it is replaced on every build.\n",
        )
        .with_context(|| format!("cannot write `{}`", dir.join(MARKER).display()))?;
        let old = sibling(dest, "old");
        // Where the previous site is once the new one is in place.
        let mut previous = None;
        if dest.exists() && exchange(dir, dest).is_ok() {
            previous = Some(dir.clone());
        } else {
            if dest.exists() {
                std::fs::rename(dest, &old)
                    .with_context(|| format!("cannot move `{}` aside", dest.display()))?;
                previous = Some(old);
                pause_point("between-renames");
            }
            std::fs::rename(dir, dest)
                .with_context(|| format!("cannot move the new site into `{}`", dest.display()))?;
        }
        *state = State::Swapped;
        self.done = true;
        drop(state);
        pause_point("cleanup");
        if let Some(p) = previous.filter(|p| p.exists()) {
            std::fs::remove_dir_all(&p)
                .with_context(|| format!("cannot remove `{}`", p.display()))?;
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}
