//! Writes an `Output` to disk atomically: into a staging folder beside the
//! target, swapped in only when complete. Refuses targets lotse did not make.

use crate::output::Output;
use anyhow::{Context, Result, bail};
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The marker file that says a folder is lotse's output.
pub const MARKER: &str = ".lotse-output";

/// Checks that `dest` is a folder lotse may replace.
pub fn guard(dest: &Path, site_root: &Path) -> Result<()> {
    let abs = absolute(dest)?;
    let root = absolute(site_root)?;
    if abs.parent().is_none() {
        bail!(
            "refusing to write the site into `{}`: that is the file-system root",
            abs.display()
        );
    }
    if abs == root || root.starts_with(&abs) {
        bail!(
            "refusing to write the site into `{}`: it contains the site itself; choose a folder such as `public/`",
            dest.display()
        );
    }
    for protected in ["content", "static", "templates", "themes"] {
        if abs.starts_with(root.join(protected)) {
            bail!(
                "refusing to write the site into `{}`: it is inside the site's `{protected}/` folder",
                dest.display()
            );
        }
    }
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from)
        && absolute(&home).ok().as_deref() == Some(abs.as_path())
    {
        bail!(
            "refusing to write the site into your home folder `{}`",
            abs.display()
        );
    }
    if abs.exists() {
        if !abs.is_dir() {
            bail!("`{}` exists and is not a folder", dest.display());
        }
        let empty = std::fs::read_dir(&abs)
            .with_context(|| format!("cannot read `{}`", dest.display()))?
            .next()
            .is_none();
        if !empty && !abs.join(MARKER).exists() {
            bail!(
                "refusing to replace `{}`: it is not empty and was not written by lotse (no `{MARKER}` file in it)",
                dest.display()
            );
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

/// A staging folder beside the target that files are written into while
/// the site is built (from any thread); `finish` swaps it in, dropping it
/// unfinished removes it and leaves the target as it was.
pub struct Staging {
    dest: PathBuf,
    dir: PathBuf,
    /// Folders made so far (relative to `dir`).
    made: std::sync::Mutex<BTreeSet<String>>,
    done: bool,
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
            done: false,
        })
    }

    /// Writes one file (site path, no leading slash), making its folders.
    pub fn put(&self, path: &str, bytes: &[u8]) -> Result<()> {
        if let Some((folder, _)) = path.rsplit_once('/') {
            let new = {
                let mut made = self.made.lock().unwrap_or_else(|e| e.into_inner());
                made.insert(folder.to_string())
            };
            if new {
                let d = self.dir.join(folder);
                std::fs::create_dir_all(&d)
                    .with_context(|| format!("cannot create `{}`", d.display()))?;
            }
        }
        let target = self.dir.join(path);
        std::fs::write(&target, bytes)
            .with_context(|| format!("cannot write `{}`", target.display()))
    }

    /// Marks the staging folder as lotse's and swaps it in for the target.
    pub fn finish(mut self) -> Result<()> {
        let (dest, dir) = (&self.dest, &self.dir);
        std::fs::write(
            dir.join(MARKER),
            "This folder is written by lotse; it is replaced on every build.\n",
        )
        .with_context(|| format!("cannot write `{}`", dir.join(MARKER).display()))?;
        let old = sibling(dest, "old");
        if dest.exists() {
            std::fs::rename(dest, &old)
                .with_context(|| format!("cannot move `{}` aside", dest.display()))?;
        }
        std::fs::rename(dir, dest)
            .with_context(|| format!("cannot move the new site into `{}`", dest.display()))?;
        self.done = true;
        if old.exists() {
            std::fs::remove_dir_all(&old)
                .with_context(|| format!("cannot remove `{}`", old.display()))?;
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
