//! The dev server's build state: the last load, the linked site, the
//! compiled theme and the rendered pages, brought up to date by each batch
//! of changed files with the least work that yields the same files as a
//! full build of the same files (`tests/it/serve.rs` checks this).
//!
//! Work comes in two phases: `apply` takes in the changed files and renders
//! only the most urgent pages (the changed entities' own pages and pages
//! open in a browser); the other stale pages wait in `pending`. They are
//! handed out as a `Job` that renders on another thread from a snapshot of
//! the site (entities sit behind `Arc`s, so a snapshot is cheap) while the
//! next change is already being applied; `accept` keeps a job's pages only
//! if no later change has made them stale again.

use crate::build::BuildOptions;
use crate::diagnostics::{Diagnostic, Diagnostics, rel_path};
use crate::link::Site;
use crate::load::{self, LoadOptions, Loaded};
use crate::output::Output;
use crate::render::{Renderer, theme::Theme};
use crate::routes::{self, Route};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

mod content;
mod versions;

pub use super::job::{Job, Rendered};

/// Output paths with their new contents (`None`: the file is gone).
pub type Delta = Vec<(String, Option<Arc<[u8]>>)>;

/// One changed input, as the watcher classifies it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Change {
    /// `site.toml`, `vocabularies.toml` or the shape of `content/`: all again.
    Full,
    /// `content/_index.md`.
    Home,
    /// A content file `content/<type>/<id>.md` (absolute path).
    Content(PathBuf),
    /// A type folder `content/<type>/` (absolute path) whose files may have
    /// come or gone all at once (a folder moved, a rescan).
    ContentDir(PathBuf),
    /// Anything below `templates/` or `themes/`.
    Theme,
    /// A file or folder below `static/` (absolute path).
    Static(PathBuf),
}

pub struct Session {
    root: PathBuf,
    opts: BuildOptions,
    load_opts: LoadOptions,
    loaded: Loaded,
    /// Diagnostics of loading, by file.
    load_diags: BTreeMap<String, Vec<Diagnostic>>,
    /// The last site that linked without errors; `pages` render it.
    site: Option<Arc<Site>>,
    theme: Option<Arc<Theme>>,
    /// The version of `site` and `theme`: one more with each change.
    epoch: u64,
    /// The oldest version a rendering of each page may come from to be
    /// kept (the version that last made it stale, or rendered it).
    needed: HashMap<String, u64>,
    /// `site` is out of step with `loaded`: the next change links in full.
    stale: bool,
    /// Content files whose newest version has errors and is not in `site`.
    broken: BTreeMap<String, Vec<Diagnostic>>,
    link_failure: Vec<Diagnostic>,
    theme_failure: Vec<Diagnostic>,
    render_failed: BTreeMap<String, Diagnostic>,
    /// Warnings of the last change, printed once.
    warnings: Vec<Diagnostic>,
    /// Path → route of every page of `site`.
    plan: HashMap<String, Route>,
    pages: BTreeMap<String, Arc<[u8]>>,
    /// The language versions below `/<lang>/` of a multilingual site,
    /// rendered whole with each change (see `versions.rs`).
    versions: BTreeMap<String, Arc<[u8]>>,
    /// Errors of the last rendering of the language versions.
    version_failure: Vec<Diagnostic>,
    /// Set by `apply` when the language versions need rendering again:
    /// the caller publishes the default language's pages first and then
    /// asks for the versions (`render_stale_versions`).
    versions_stale: bool,
    theme_static: BTreeMap<String, Arc<[u8]>>,
    site_static: BTreeMap<String, Arc<[u8]>>,
    /// Pages still to render for the newest site.
    pending: BTreeSet<String>,
    /// Output paths changed since the last `take_delta`.
    touched: BTreeSet<String>,
    /// Wall time of the stages of the last `apply`.
    timings: Vec<(&'static str, std::time::Duration)>,
    clock: std::time::Instant,
}

impl Session {
    /// Loads, links and renders the whole site (nothing is left pending).
    pub fn new(root: &Path, opts: BuildOptions) -> Session {
        let mut s = Session {
            root: root.to_path_buf(),
            opts,
            load_opts: LoadOptions::confined(root),
            loaded: Loaded::default(),
            load_diags: BTreeMap::new(),
            site: None,
            theme: None,
            epoch: 0,
            needed: HashMap::new(),
            stale: true,
            broken: BTreeMap::new(),
            link_failure: Vec::new(),
            theme_failure: Vec::new(),
            render_failed: BTreeMap::new(),
            warnings: Vec::new(),
            plan: HashMap::new(),
            pages: BTreeMap::new(),
            versions: BTreeMap::new(),
            version_failure: Vec::new(),
            versions_stale: false,
            theme_static: BTreeMap::new(),
            site_static: BTreeMap::new(),
            pending: BTreeSet::new(),
            touched: BTreeSet::new(),
            timings: Vec::new(),
            clock: std::time::Instant::now(),
        };
        s.reload_all();
        s.render_pending();
        s.take_delta();
        s
    }

    /// The site as a full build would write it (for tests and checks).
    pub fn output(&self) -> Output {
        let mut out = Output::default();
        for layer in [
            &self.theme_static,
            &self.pages,
            &self.versions,
            &self.site_static,
        ] {
            for (p, b) in layer {
                out.insert(p.clone(), b.clone());
            }
        }
        out
    }

    /// Every error that keeps the newest files from being served, or `None`
    /// when what is served is a full build of them.
    pub fn errors(&self) -> Option<Diagnostics> {
        let mut d = Diagnostics::default();
        for (file, list) in &self.load_diags {
            if !self.broken.contains_key(file) {
                d.extend(list.iter().filter(|x| x.is_error()).cloned());
            }
        }
        d.extend(self.broken.values().flatten().cloned());
        d.extend(self.link_failure.iter().cloned());
        d.extend(self.theme_failure.iter().cloned());
        d.extend(self.render_failed.values().cloned());
        d.extend(self.version_failure.iter().cloned());
        d.sort();
        d.has_errors().then_some(d)
    }

    /// Warnings found since the last call.
    pub fn take_warnings(&mut self) -> Diagnostics {
        let mut d = Diagnostics(std::mem::take(&mut self.warnings));
        d.sort();
        d
    }

    /// Whether pages still wait for `render_pending`.
    pub fn has_pending(&self) -> bool {
        !self.pending.is_empty() && self.can_render()
    }

    /// Pages render only from a site that linked and a theme that compiled
    /// without errors; otherwise the last good pages stay.
    fn can_render(&self) -> bool {
        self.site.is_some() && self.theme.is_some() && self.theme_failure.is_empty()
    }

    /// The planned pages and files, with those of the language versions.
    pub fn page_count(&self) -> usize {
        self.plan.len() + self.versions.len()
    }

    /// Takes in a batch of changes and renders the urgent pages: those of the
    /// changed entities and those in `open` (output paths shown in a
    /// browser). Returns the files changed so far.
    pub fn apply(&mut self, changes: &[Change], open: &[String]) -> Delta {
        self.timings.clear();
        self.clock = std::time::Instant::now();
        self.epoch += 1;
        let mut urgent: HashSet<String> = open.iter().cloned().collect();
        // A folder of a multilingual site is read in full: beside its
        // entities it holds translations, which `came_or_went` would take
        // for entities of their own (see `versions.rs`).
        let multilingual = self.multilingual();
        let dirs = changes.iter().any(|c| matches!(c, Change::ContentDir(_)));
        if changes.contains(&Change::Full) || (multilingual && dirs) {
            self.reload_all();
        } else {
            if changes.contains(&Change::Theme) {
                self.reload_theme();
            }
            let statics: Vec<&PathBuf> = changes
                .iter()
                .filter_map(|c| match c {
                    Change::Static(p) => Some(p),
                    _ => None,
                })
                .collect();
            let any_static = !statics.is_empty();
            for p in statics {
                self.reload_static(p);
            }
            // `[brand] logo` names a static file: link again, so that the
            // error of a missing logo comes and goes with the file.
            let brand = |(_, t): &(_, crate::load::node::Table)| t.get("brand").is_some();
            if any_static && self.loaded.config.as_ref().is_some_and(brand) {
                self.loaded.static_files = self
                    .site_static
                    .iter()
                    .map(|(path, bytes)| load::StaticFile {
                        path: path.clone(),
                        bytes: bytes.clone(),
                    })
                    .collect();
                self.link_full(false);
            }
            let home = changes.contains(&Change::Home);
            let mut content: BTreeSet<PathBuf> = BTreeSet::new();
            for c in changes {
                match c {
                    Change::Content(p) => {
                        content.insert(p.clone());
                    }
                    Change::ContentDir(dir) => content.extend(self.came_or_went(dir)),
                    _ => {}
                }
            }
            let content: Vec<&PathBuf> = content.iter().collect();
            if home || !content.is_empty() {
                self.reload_content(home, &content, &mut urgent);
            }
            let theme = changes.contains(&Change::Theme);
            if multilingual && (theme || home || !content.is_empty()) {
                self.versions_stale = true;
            }
        }
        // Pages that failed before get another chance.
        let failed: Vec<String> = self.render_failed.keys().cloned().collect();
        for p in failed {
            self.make_stale(p);
        }
        let first: Vec<String> = self
            .pending
            .iter()
            .filter(|p| urgent.contains(*p))
            .cloned()
            .collect();
        self.render_paths(&first);
        self.lap("render first");
        self.take_delta()
    }

    /// Wall time of the stages of the last `apply` (for `LOTSE_TIMINGS`).
    pub fn timings(&self) -> &[(&'static str, std::time::Duration)] {
        &self.timings
    }

    fn lap(&mut self, stage: &'static str) {
        self.timings.push((stage, self.clock.elapsed()));
        self.clock = std::time::Instant::now();
    }

    /// The pending pages as a job for another thread (taken out of
    /// `pending`); `None` when none can render now.
    pub fn take_job(&mut self) -> Option<Job> {
        if !self.has_pending() {
            return None;
        }
        let (Some(site), Some(theme)) = (&self.site, &self.theme) else {
            return None;
        };
        let pages = std::mem::take(&mut self.pending)
            .into_iter()
            .filter_map(|p| self.plan.get(&p).map(|r| (p, r.clone())))
            .collect();
        Some(Job {
            epoch: self.epoch,
            site: site.clone(),
            theme: theme.clone(),
            pages,
        })
    }

    /// Takes in what a job rendered: a page is kept unless a change after
    /// the job's version made it stale again (or rendered it already).
    /// Returns the files changed.
    pub fn accept(&mut self, r: Rendered) -> Delta {
        for p in r.left {
            if self.plan.contains_key(&p) {
                self.pending.insert(p);
            }
        }
        for (path, result) in r.pages {
            let fresh = self.needed.get(&path).is_none_or(|&e| r.epoch >= e);
            if !fresh || !self.plan.contains_key(&path) {
                continue;
            }
            self.needed.insert(path.clone(), r.epoch);
            self.keep(path, result);
        }
        self.take_delta()
    }

    /// Renders every pending page (and stale language versions) here and
    /// now.
    pub fn render_pending(&mut self) -> Delta {
        let mut delta = self.render_stale_versions().unwrap_or_default();
        while let Some(job) = self.take_job() {
            let mut out = Vec::new();
            job.run(&AtomicBool::new(false), &mut |r| out.push(r));
            for r in out {
                delta.extend(self.accept(r));
            }
        }
        delta
    }

    /// Marks a page to render again for the current version.
    fn make_stale(&mut self, path: String) {
        self.needed.insert(path.clone(), self.epoch);
        self.pending.insert(path);
    }

    /// Puts a rendered page (or its error) in place.
    fn keep(&mut self, path: String, result: Result<Vec<u8>, Diagnostic>) {
        self.pending.remove(&path);
        match result {
            Ok(bytes) => {
                self.render_failed.remove(&path);
                let bytes: Arc<[u8]> = bytes.into();
                if self.pages.get(&path) != Some(&bytes) {
                    self.pages.insert(path.clone(), bytes);
                    self.touched.insert(path);
                }
            }
            Err(d) => {
                self.render_failed.insert(path, d);
            }
        }
    }

    /// The output files touched since the last call, with their contents.
    fn take_delta(&mut self) -> Delta {
        std::mem::take(&mut self.touched)
            .into_iter()
            .map(|p| {
                let b = self.composed(&p);
                (p, b)
            })
            .collect()
    }

    /// A file of the output as a full build layers it: the site's static
    /// files over rendered pages over the theme's static files.
    fn composed(&self, path: &str) -> Option<Arc<[u8]>> {
        self.site_static
            .get(path)
            .or_else(|| self.pages.get(path))
            .or_else(|| self.versions.get(path))
            .or_else(|| self.theme_static.get(path))
            .cloned()
    }

    /// Renders the given pending paths of the newest site, here and now
    /// (on this thread: a job may keep the thread pool busy).
    fn render_paths(&mut self, paths: &[String]) {
        if !self.can_render() {
            return;
        }
        let (Some(site), Some(theme)) = (&self.site, &self.theme) else {
            return;
        };
        let renderer = match Renderer::new(site, theme) {
            Ok(r) => r,
            Err(e) => {
                self.theme_failure = e;
                return;
            }
        };
        let results: Vec<(String, Result<Vec<u8>, Diagnostic>)> = paths
            .iter()
            .filter_map(|path| {
                let route = self.plan.get(path)?;
                let planned = routes::Planned {
                    path: path.clone(),
                    route: route.clone(),
                };
                Some((path.clone(), renderer.render(&planned)))
            })
            .collect();
        for (path, result) in results {
            self.needed.insert(path.clone(), self.epoch);
            self.keep(path, result);
        }
    }

    /// Reads every file again and links, themes and plans from scratch.
    fn reload_all(&mut self) {
        let (loaded, diags) = load::load_site_with(&self.root, &self.load_opts);
        self.loaded = loaded;
        self.load_diags = by_file(diags);
        self.warnings.extend(
            self.load_diags
                .values()
                .flatten()
                .filter(|d| !d.is_error())
                .cloned(),
        );
        self.broken.clear();
        let statics: BTreeMap<String, Arc<[u8]>> = self
            .loaded
            .static_files
            .iter()
            .map(|f| (f.path.clone(), f.bytes.clone()))
            .collect();
        let old = std::mem::replace(&mut self.site_static, statics);
        self.touched.extend(layer_changes(&old, &self.site_static));
        self.link_full(true);
        self.compile_theme();
        // Also when the site has just become one of one language: its
        // versions are gone then.
        if self.multilingual() || !self.versions.is_empty() {
            self.render_versions();
        }
    }

    /// Reads the theme's and the site's templates again.
    fn reload_theme(&mut self) {
        let name = load::theme_name(self.loaded.config.as_ref());
        let (files, diags) = load::theme_files(&self.root, &name, &self.load_opts);
        let (errors, warnings): (Vec<_>, Vec<_>) = diags.into_iter().partition(|d| d.is_error());
        self.warnings.extend(warnings);
        if !errors.is_empty() {
            self.theme_failure = errors;
            return;
        }
        self.loaded.ui_languages = load::ui_languages(&files);
        self.loaded.theme = files;
        self.compile_theme();
    }

    /// Compiles `loaded.theme`; on success every page is stale.
    fn compile_theme(&mut self) {
        // Read as `build` reads it: from site.toml as loaded, so that a
        // changed language is seen before the site links again.
        let language = crate::config::theme_language(&self.loaded);
        match Theme::new(&self.loaded.theme, &language) {
            Ok(theme) => {
                let theme = Arc::new(theme);
                let statics: BTreeMap<String, Arc<[u8]>> = theme
                    .static_files
                    .iter()
                    .map(|f| (f.path.clone(), f.bytes.clone()))
                    .collect();
                let old = std::mem::replace(&mut self.theme_static, statics);
                self.touched.extend(layer_changes(&old, &self.theme_static));
                self.theme = Some(theme);
                self.theme_failure.clear();
                self.render_failed.clear();
                let all: Vec<String> = self.plan.keys().cloned().collect();
                for p in all {
                    self.make_stale(p);
                }
            }
            Err(e) => self.theme_failure = e,
        }
    }

    /// Reads a changed file or folder below `static/`.
    fn reload_static(&mut self, path: &Path) {
        let dir = self.root.join("static");
        let rel = rel_path(&dir, path);
        let prefix = if rel.is_empty() {
            String::new()
        } else {
            format!("{rel}/")
        };
        let gone: Vec<String> = self
            .site_static
            .keys()
            .filter(|k| **k == rel || k.starts_with(&prefix))
            .cloned()
            .collect();
        for k in gone {
            self.site_static.remove(&k);
            self.touched.insert(k);
        }
        self.load_diags.remove(&format!("static/{rel}"));
        if self.load_opts.refuses(path) {
            self.warnings.push(load::outside_warning(&self.root, path));
            return;
        }
        if path.is_file() {
            match std::fs::read(path) {
                Ok(bytes) => {
                    self.site_static.insert(rel.clone(), bytes.into());
                    self.touched.insert(rel);
                }
                Err(e) => {
                    let d = Diagnostic::error(
                        format!("static/{rel}"),
                        crate::msg!("cannot-read-file", error = e.to_string()),
                    );
                    self.load_diags.insert(d.file.clone(), vec![d]);
                }
            }
        } else if path.is_dir() {
            let (files, diags) = load::static_files(&self.root, path, &prefix, &self.load_opts);
            self.warnings.extend(diags);
            for f in files {
                self.touched.insert(f.path.clone());
                self.site_static.insert(f.path, f.bytes);
            }
        }
    }
}

/// The paths where two versions of an output layer differ.
fn layer_changes(
    old: &BTreeMap<String, Arc<[u8]>>,
    new: &BTreeMap<String, Arc<[u8]>>,
) -> Vec<String> {
    let mut out: Vec<String> = old
        .iter()
        .filter(|(p, b)| new.get(*p) != Some(*b))
        .map(|(p, _)| p.clone())
        .collect();
    out.extend(new.keys().filter(|p| !old.contains_key(*p)).cloned());
    out
}

fn by_file(diags: Vec<Diagnostic>) -> BTreeMap<String, Vec<Diagnostic>> {
    let mut map: BTreeMap<String, Vec<Diagnostic>> = BTreeMap::new();
    for d in diags {
        map.entry(d.file.clone()).or_default().push(d);
    }
    map
}
