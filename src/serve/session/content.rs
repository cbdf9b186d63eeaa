//! How the session takes in changed content files: read just those, link
//! them into the site in place where that is exact (else link in full),
//! and mark the routes they make stale.

use super::Session;
use crate::diagnostics::rel_path;
use crate::link::{
    self, Site,
    incremental::{self, Relink},
};
use crate::load;
use crate::model::Kind;
use crate::routes::{self, Affected, Key};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

impl Session {
    /// The `.md` files of a type folder that are new on disk or gone from it.
    pub(super) fn came_or_went(&self, dir: &Path) -> Vec<PathBuf> {
        let on_disk: BTreeSet<PathBuf> = std::fs::read_dir(dir)
            .map(|rd| {
                rd.filter_map(Result::ok)
                    .map(|e| e.path())
                    .filter(|p| {
                        p.extension().is_some_and(|e| e == "md")
                            && p.file_name()
                                .is_some_and(|n| !load::is_ignored(&n.to_string_lossy()))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let rel = format!("{}/", rel_path(&self.root, dir));
        let loaded: BTreeSet<PathBuf> = self
            .loaded
            .docs
            .iter()
            .filter(|d| d.source.path.starts_with(&rel))
            .map(|d| self.root.join(&d.source.path))
            .collect();
        on_disk.symmetric_difference(&loaded).cloned().collect()
    }

    /// Takes in changed content files (and the home text) and relinks:
    /// in place where that is exact, in full otherwise.
    pub(super) fn reload_content(
        &mut self,
        home: bool,
        paths: &[&PathBuf],
        urgent: &mut HashSet<String>,
    ) {
        let mut removed = false;
        let mut docs = Vec::new();
        for path in paths {
            let rel = rel_path(&self.root, path);
            self.load_diags.remove(&rel);
            self.loaded.docs.retain(|d| d.source.path != rel);
            let kind = content_kind(&rel);
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            if let Some(kind) = kind {
                self.loaded.failed.retain(|f| *f != (kind, stem.clone()));
            }
            let readable = path.is_file() && !self.load_opts.refuses(path);
            match kind {
                Some(kind) if readable => match load::load_doc(&self.root, kind, path) {
                    Ok(doc) => {
                        self.broken.remove(&rel);
                        urgent.insert(format!(
                            "{}index.html",
                            crate::url::entity_path(kind, &doc.id)
                        ));
                        self.loaded.docs.push(doc.clone());
                        docs.push(doc);
                    }
                    Err(d) => {
                        self.broken.insert(rel.clone(), d.clone());
                        self.load_diags.insert(rel, d);
                        self.loaded.failed.push((kind, stem));
                    }
                },
                _ => {
                    self.broken.remove(&rel);
                    removed = true;
                }
            }
        }
        if home {
            let rel = "content/_index.md".to_string();
            self.load_diags.remove(&rel);
            self.broken.remove(&rel);
            let index = self.root.join("content/_index.md");
            let home = if self.load_opts.refuses(&index) {
                Ok(None)
            } else {
                load::load_home(&self.root)
            };
            match home {
                Ok(h) => self.loaded.home = h,
                Err(d) => {
                    self.broken.insert(rel.clone(), d.clone());
                    self.load_diags.insert(rel, d);
                }
            }
        }
        self.lap("read");
        let only_these = self.broken.keys().all(|b| {
            paths.iter().any(|p| rel_path(&self.root, p) == *b)
                || (home && b == "content/_index.md")
        });
        let in_place = !self.stale && !removed && only_these && self.site.is_some();
        if !in_place {
            self.link_full(false);
            return;
        }
        // Copies the site if a job still renders from it (cheap: entities
        // are shared).
        let site = Arc::make_mut(self.site.as_mut().expect("checked"));
        let link_opts = self.opts.link();
        let mut affected = Affected::default();
        let mut changed = false;
        for doc in &docs {
            let before = routes::footprint(site, doc.kind, &doc.id);
            // A new entity shifts the positions routes name: plan again.
            affected.plan_changed |= before.shown.is_none();
            match incremental::relink_doc(site, doc, &link_opts) {
                Relink::Applied { warnings } => {
                    self.warnings.extend(warnings);
                    let after = routes::footprint(site, doc.kind, &doc.id);
                    affected.add(&before, &after);
                    changed = true;
                }
                Relink::Failed(d) => {
                    self.broken.insert(doc.source.path.clone(), d);
                }
                Relink::NeedsFullLink => {
                    if changed {
                        self.replan(&affected);
                    }
                    self.link_full(false);
                    return;
                }
            }
        }
        if home && !self.broken.contains_key("content/_index.md") {
            match incremental::relink_home(site, &self.loaded) {
                Ok(w) => {
                    self.warnings.extend(w);
                    changed = true;
                }
                Err(d) => {
                    self.broken.insert("content/_index.md".into(), d);
                }
            }
        }
        self.lap("link in place");
        if changed && affected.plan_changed {
            self.replan(&affected);
        } else if changed {
            self.mark_stale(&affected);
        }
        self.lap("plan");
    }

    /// Links the whole loaded site. On success, the stale pages are pending
    /// (all of them with `everything`); on errors, the last good site stays.
    pub(super) fn link_full(&mut self, everything: bool) {
        let (site, diags) = link::link(&self.loaded, &self.opts.link());
        let load_errors = self.load_diags.values().flatten().any(|d| d.is_error());
        let (errors, warnings): (Vec<_>, Vec<_>) = diags.into_iter().partition(|d| d.is_error());
        self.warnings.extend(warnings);
        let mut new = match site {
            Some(site) if !load_errors && errors.is_empty() => site,
            _ => {
                self.link_failure = errors;
                self.stale = true;
                return;
            }
        };
        self.link_failure.clear();
        self.broken.clear();
        self.stale = false;
        // The change history from git, as `build` gathers it: read again
        // when everything is, else kept (commits are not watched); the
        // files' modification dates, which an edit changes, always anew.
        new.history = match (&self.site, everything) {
            (Some(old), false) => crate::load::history::History {
                mtimes: crate::load::history::mtimes(&self.root),
                ..old.history.clone()
            },
            _ => crate::load::history::History::collect(&self.root),
        };
        let affected = match (&self.site, everything) {
            (Some(old), false) => {
                let mut a = Affected::default();
                for (kind, id) in changed_entities(old, &new) {
                    a.add(
                        &routes::footprint(old, kind, &id),
                        &routes::footprint(&new, kind, &id),
                    );
                }
                a
            }
            _ => Affected::everything(),
        };
        let language_changed = self
            .site
            .as_ref()
            .is_some_and(|s| s.config.language != new.config.language);
        self.site = Some(Arc::new(new));
        self.lap("link in full");
        self.replan(&affected);
        self.lap("plan");
        if language_changed {
            self.compile_theme();
        }
    }

    /// Marks the stale routes of the current plan as pending, when the change
    /// kept the set of routes and the positions they name.
    fn mark_stale(&mut self, affected: &Affected) {
        let site = self.site.as_ref().expect("mark_stale needs a site");
        let stale: Vec<String> = self
            .plan
            .iter()
            .filter(|(_, route)| affected.contains(site, route))
            .map(|(p, _)| p.clone())
            .collect();
        for p in stale {
            self.make_stale(p);
        }
    }

    /// Plans the newest site: stale and new pages become pending, pages
    /// that no longer exist are removed.
    fn replan(&mut self, affected: &Affected) {
        let site = self.site.as_ref().expect("replan needs a site");
        let mut plan = HashMap::with_capacity(self.plan.len() + 16);
        let mut stale = Vec::new();
        for p in routes::plan(site) {
            if !self.plan.contains_key(&p.path) || affected.contains(site, &p.route) {
                stale.push(p.path.clone());
            }
            plan.insert(p.path, p.route);
        }
        let old = std::mem::replace(&mut self.plan, plan);
        for p in stale {
            self.make_stale(p);
        }
        for path in old.into_keys() {
            if !self.plan.contains_key(&path) {
                self.pages.remove(&path);
                self.pending.remove(&path);
                self.needed.remove(&path);
                self.render_failed.remove(&path);
                self.touched.insert(path);
            }
        }
    }
}

/// The content type of `content/<dir>/<id>.md`.
fn content_kind(rel: &str) -> Option<Kind> {
    let rest = rel.strip_prefix("content/")?;
    let (dir, file) = rest.split_once('/')?;
    if file.contains('/') || !file.ends_with(".md") {
        return None;
    }
    Kind::from_dir(dir)
}

/// Entities that differ between two linked versions of a site: new, gone,
/// read from a different file text, or with a different rendered body
/// (an `@/` link whose target came or went).
fn changed_entities(old: &Site, new: &Site) -> Vec<Key> {
    let mut out = Vec::new();
    macro_rules! diff {
        ($list:ident, $kind:expr) => {{
            for e in &new.$list {
                let c = &e.data.common;
                let same = old.index.get($kind, &c.id).is_some_and(|i| {
                    let o = &old.$list[i];
                    Arc::ptr_eq(&o.data.common.source.text, &c.source.text)
                        && o.html == e.html
                        && o.summary == e.summary
                });
                if !same {
                    out.push(($kind, c.id.clone()));
                }
            }
            for e in &old.$list {
                let id = &e.data.common.id;
                if new.index.get($kind, id).is_none() {
                    out.push(($kind, id.clone()));
                }
            }
        }};
    }
    diff!(regions, Kind::Region);
    diff!(partners, Kind::Partner);
    diff!(offers, Kind::Offer);
    diff!(practices, Kind::Practice);
    diff!(agreements, Kind::Agreement);
    diff!(pages, Kind::Page);
    out
}
