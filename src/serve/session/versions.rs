//! The language versions of a multilingual site (`/<lang>/…`) in the dev
//! server. They are rendered whole, into a layer of their own, through
//! `render::render_versions`, the code `build` runs after the default
//! language, so what is served below `/<lang>/` is what `build` writes.
//! The default language keeps the incremental path: a change to a source
//! or the home text is linked in place as in a site of one language (the
//! translations sit in `Site::translations`, which such a change leaves as
//! they are, and the default pages read of them only which exist) and
//! published; then the versions are rendered again from the new site
//! (`render_stale_versions`) and published in turn. A change to a
//! translation file, a vocabulary, `site.toml` or a content folder is taken
//! in full. A site in one language has no versions and no extra cost.

use super::{Session, layer_changes};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

impl Session {
    /// Whether the site as last read names more than one language (read
    /// from `site.toml` as loaded, so that it holds while the site does
    /// not link).
    pub(super) fn multilingual(&self) -> bool {
        self.loaded
            .config
            .as_ref()
            .and_then(|(src, t)| crate::config::Config::read(src, t, &mut Vec::new()))
            .is_some_and(|c| c.languages.len() > 1)
    }

    /// Renders the language versions when the last `apply` left them
    /// stale; the files that changed, or `None` when nothing was to do.
    /// (`apply` does not, so that an edit is served in the default
    /// language first, as in a site of one language.)
    pub fn render_stale_versions(&mut self) -> Option<super::Delta> {
        if !std::mem::take(&mut self.versions_stale) {
            return None;
        }
        self.clock = std::time::Instant::now();
        self.render_versions();
        Some(self.take_delta())
    }

    /// Renders every language version of the newest site into the
    /// `versions` layer. On errors (or without a site and theme that can
    /// render) the last good versions stay, as the last good pages do.
    pub(super) fn render_versions(&mut self) {
        if !self.can_render() {
            return;
        }
        let (Some(site), Some(theme)) = (&self.site, &self.theme) else {
            return;
        };
        let out: Mutex<BTreeMap<String, Arc<[u8]>>> = Mutex::new(BTreeMap::new());
        let result = crate::render::render_versions(site, theme, &|path: &str, bytes: &[u8]| {
            out.lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(path.to_string(), bytes.into());
        });
        match result {
            Ok(()) => {
                self.version_failure.clear();
                let new = out.into_inner().unwrap_or_else(|e| e.into_inner());
                let old = std::mem::replace(&mut self.versions, new);
                self.touched.extend(layer_changes(&old, &self.versions));
            }
            Err(e) => self.version_failure = e,
        }
        self.lap("render languages");
    }
}
