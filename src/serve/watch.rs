//! Watching the site's inputs (`site.toml`, `content/`, `static/`,
//! `templates/`, `themes/`) with `notify`: events are debounced into
//! batches and each changed path is classified into a `Change`.

use super::session::Change;
use notify::event::{AccessKind, AccessMode, EventKind};
use notify::{RecursiveMode, Watcher as _};
use std::collections::{BTreeSet, HashSet};
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

/// What the server's main loop receives.
#[derive(Debug)]
pub enum Msg {
    /// Paths that changed on disk.
    Fs(Vec<PathBuf>),
    /// The watcher lost events (queue overflow): read everything again.
    Rescan,
    /// Ctrl-C or a termination signal.
    Shutdown,
    /// Pages a background job rendered.
    Rendered(super::session::Rendered),
    /// The background job ended.
    JobDone,
}

/// A batch ends once no event came for this long…
pub const QUIET: Duration = Duration::from_millis(8);
/// …or once it is this old.
pub const MAX_WAIT: Duration = Duration::from_millis(200);
/// A batch in which a file vanished waits a little longer, so that an
/// editor's delete-and-recreate (or rename) save is seen as one change.
pub const QUIET_AFTER_DELETE: Duration = Duration::from_millis(60);

/// The folders below the site root that are watched recursively.
pub const WATCHED_DIRS: [&str; 4] = ["content", "static", "templates", "themes"];

/// Watches a site root.
pub struct Watcher {
    inner: notify::RecommendedWatcher,
    root: PathBuf,
    watched: HashSet<PathBuf>,
}

impl Watcher {
    /// Starts watching `root` (an absolute path); events go to `tx`.
    pub fn start(root: &Path, tx: Sender<Msg>) -> notify::Result<Watcher> {
        let inner = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
            let msg = match res {
                Ok(ev) if ev.need_rescan() => Msg::Rescan,
                Ok(ev) if relevant(&ev.kind) => Msg::Fs(ev.paths),
                Ok(_) => return,
                Err(_) => Msg::Rescan,
            };
            let _ = tx.send(msg);
        })?;
        let mut w = Watcher {
            inner,
            root: root.to_path_buf(),
            watched: HashSet::new(),
        };
        w.inner.watch(root, RecursiveMode::NonRecursive)?;
        w.refresh();
        Ok(w)
    }

    /// Watches the folders that exist now (a folder may be created later).
    pub fn refresh(&mut self) {
        for name in WATCHED_DIRS {
            let dir = self.root.join(name);
            let exists = dir.is_dir();
            let known = self.watched.contains(&dir);
            if exists && !known {
                if self.inner.watch(&dir, RecursiveMode::Recursive).is_ok() {
                    self.watched.insert(dir);
                }
            } else if !exists && known {
                let _ = self.inner.unwatch(&dir);
                self.watched.remove(&dir);
            }
        }
    }
}

/// Opening and reading files (lotse's own reads among them) change nothing.
fn relevant(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

/// Collects the events that follow `first` into one batch (see `QUIET`).
/// Messages of the render job that come meanwhile are kept in the batch
/// and do not count as events.
pub fn debounce(rx: &Receiver<Msg>, first: Msg, root: &Path) -> Batch {
    let mut batch = Batch::default();
    batch.take(first);
    let start = Instant::now();
    let mut last = start;
    let mut quiet = QUIET;
    let mut limit = MAX_WAIT;
    loop {
        let now = Instant::now();
        let wait = quiet
            .saturating_sub(now - last)
            .min(limit.saturating_sub(now - start));
        if batch.shutdown {
            break;
        }
        if wait.is_zero() {
            let vanished = batch
                .paths
                .iter()
                .any(|p| !p.exists() && classify(root, p).is_some());
            if vanished && quiet < QUIET_AFTER_DELETE {
                quiet = QUIET_AFTER_DELETE;
                limit = start.elapsed() + QUIET_AFTER_DELETE;
                last = Instant::now();
                continue;
            }
            break;
        }
        match rx.recv_timeout(wait) {
            Ok(msg) => {
                if matches!(msg, Msg::Fs(_) | Msg::Rescan) {
                    last = Instant::now();
                }
                batch.take(msg);
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => break,
        }
    }
    batch
}

/// Changed paths collected over one debounce window.
#[derive(Debug, Default)]
pub struct Batch {
    pub paths: BTreeSet<PathBuf>,
    pub rescan: bool,
    pub shutdown: bool,
    /// Messages of the render job that came in meanwhile.
    pub jobs: Vec<Msg>,
}

impl Batch {
    fn take(&mut self, msg: Msg) {
        match msg {
            Msg::Fs(p) => self.paths.extend(p),
            Msg::Rescan => self.rescan = true,
            Msg::Shutdown => self.shutdown = true,
            m @ (Msg::Rendered(_) | Msg::JobDone) => self.jobs.push(m),
        }
    }

    /// The batch as changes for the session; `Change::Full` alone when
    /// anything asks for a full rebuild.
    pub fn changes(&self, root: &Path) -> Vec<Change> {
        let mut out = BTreeSet::new();
        if self.rescan {
            out.insert(Change::Full);
        }
        for p in &self.paths {
            if let Some(c) = classify(root, p) {
                out.insert(c);
            }
        }
        if out.contains(&Change::Full) {
            return vec![Change::Full];
        }
        out.into_iter().collect()
    }
}

/// Temporary and backup files of editors and tools: never an input.
pub fn is_temp(name: &str) -> bool {
    crate::load::is_ignored(name)
        || name.ends_with(".kate-swp")
        || name.ends_with("___jb_tmp___")
        || name.ends_with("___jb_old___")
        || name.ends_with(".crswap")
        || name.ends_with(".part")
        || name.ends_with(".orig")
        // vim's write test ("4913", "5036", …)
        || (!name.is_empty() && name.bytes().all(|b| b.is_ascii_digit()))
}

/// What a changed path means for the site rooted at `root` (both
/// absolute); `None` for paths that are no input (the output folder, editor
/// files, anything else).
pub fn classify(root: &Path, path: &Path) -> Option<Change> {
    let rel = path.strip_prefix(root).ok()?;
    let parts: Vec<&str> = rel
        .components()
        .map(|c| match c {
            Component::Normal(s) => s.to_str(),
            _ => None,
        })
        .collect::<Option<Vec<_>>>()?;
    let name = *parts.last()?;
    if is_temp(name) {
        return None;
    }
    match parts.as_slice() {
        ["site.toml"] => Some(Change::Full),
        ["content"] => Some(Change::Full),
        ["content", "vocabularies.toml"] => Some(Change::Full),
        ["content", "_index.md"] => Some(Change::Home),
        // Translations of the home page and the vocabularies, and of any
        // entity: the whole site again (every language version of a page
        // and its alternates read them).
        ["content", file] if crate::load::translation::is_translated_top(file) => {
            Some(Change::Full)
        }
        ["content", dir, file]
            if crate::model::Kind::from_dir(dir).is_some()
                && crate::load::is_translation_path(Path::new(file)) =>
        {
            Some(Change::Full)
        }
        ["content", dir] => {
            crate::model::Kind::from_dir(dir).map(|_| Change::ContentDir(path.to_path_buf()))
        }
        ["content", dir, file] => {
            crate::model::Kind::from_dir(dir)?;
            if file.ends_with(".md") {
                Some(Change::Content(path.to_path_buf()))
            } else if path.is_dir() {
                // A folder moved in or out below a type folder: check what is there.
                Some(Change::ContentDir(root.join("content").join(dir)))
            } else {
                None
            }
        }
        ["static", ..] => Some(Change::Static(path.to_path_buf())),
        ["templates", ..] | ["themes", ..] | ["i18n", ..] => Some(Change::Theme),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(p: &str) -> Option<Change> {
        classify(Path::new("/site"), &Path::new("/site").join(p))
    }

    #[test]
    fn classifies_inputs() {
        assert_eq!(c("site.toml"), Some(Change::Full));
        assert_eq!(c("content/vocabularies.toml"), Some(Change::Full));
        assert_eq!(c("content/_index.md"), Some(Change::Home));
        // Translations: every language version and its alternates read them.
        assert_eq!(c("content/_index.tr.md"), Some(Change::Full));
        assert_eq!(c("content/vocabularies.en.toml"), Some(Change::Full));
        assert_eq!(c("content/offers/x.tr.md"), Some(Change::Full));
        assert_eq!(c("i18n/en.toml"), Some(Change::Theme));
        assert_eq!(
            c("content/offers/a.md"),
            Some(Change::Content("/site/content/offers/a.md".into()))
        );
        assert_eq!(
            c("content/offers"),
            Some(Change::ContentDir("/site/content/offers".into()))
        );
        assert_eq!(
            c("static/img/x.png"),
            Some(Change::Static("/site/static/img/x.png".into()))
        );
        assert_eq!(c("templates/base.html"), Some(Change::Theme));
        assert_eq!(c("themes/lotse/static/lotse.css"), Some(Change::Theme));
    }

    #[test]
    fn ignores_output_editor_files_and_strangers() {
        for p in [
            "public/index.html",
            "content/offers/.a.md.swp",
            "content/offers/a.md~",
            "content/offers/4913",
            "content/offers/#a.md#",
            "content/offers/notes.txt",
            "content/unknown/a.md",
            "content/offers/sub/a.md",
            "static/.DS_Store",
            "templates/base.html___jb_tmp___",
            "README.md",
            "target/debug/lotse",
        ] {
            assert_eq!(c(p), None, "{p}");
        }
        assert_eq!(
            classify(Path::new("/site"), Path::new("/elsewhere/x.md")),
            None
        );
    }

    #[test]
    fn a_full_rebuild_subsumes_the_rest() {
        let b = Batch {
            paths: ["/site/content/offers/a.md", "/site/site.toml"]
                .into_iter()
                .map(PathBuf::from)
                .collect(),
            ..Default::default()
        };
        assert_eq!(b.changes(Path::new("/site")), vec![Change::Full]);
    }
}
