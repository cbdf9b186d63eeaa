//! The results of `lotse check --external` kept between runs, in
//! `.lotse-cache/external-links.json` in the site's folder: a link that
//! worked is not asked again for the configured number of days. Broken
//! links are never kept, so a link fixed on the other side shows as fixed
//! on the next run.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The folder of the cache, in the site's folder.
pub const DIR: &str = ".lotse-cache";
const FILE: &str = "external-links.json";

/// Each working link with the time it was last seen working (Unix seconds).
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Cache {
    ok: BTreeMap<String, i64>,
}

impl Cache {
    /// The cache of the site in `root`; empty when there is none or it
    /// cannot be read (a cache is never worth an error).
    pub fn load(root: &Path) -> Cache {
        std::fs::read(path(root))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    /// Whether `url` was seen working less than `days` days before `now`.
    pub fn fresh(&self, url: &str, now: i64, days: u32) -> bool {
        self.ok
            .get(url)
            .is_some_and(|&t| t <= now && now - t < i64::from(days) * 86_400)
    }

    pub fn record_ok(&mut self, url: &str, now: i64) {
        self.ok.insert(url.to_string(), now);
    }

    /// Writes the cache without the entries older than `days` days.
    pub fn save(mut self, root: &Path, now: i64, days: u32) -> std::io::Result<()> {
        self.ok
            .retain(|_, t| *t <= now && now - *t < i64::from(days) * 86_400);
        let p = path(root);
        std::fs::create_dir_all(root.join(DIR))?;
        let json = serde_json::to_vec_pretty(&self).expect("plain data serializes");
        // Written beside, then renamed: an interrupted run leaves the old cache.
        let tmp = p.with_extension("json.tmp");
        std::fs::write(&tmp, json)?;
        std::fs::rename(tmp, p)
    }
}

fn path(root: &Path) -> PathBuf {
    root.join(DIR).join(FILE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_working_links_for_the_days_asked() {
        let dir = tempfile::tempdir().unwrap();
        let mut c = Cache::load(dir.path());
        assert!(!c.fresh("https://a.de/", 1000, 7));
        c.record_ok("https://a.de/", 1000);
        c.record_ok("https://alt.de/", 1000 - 8 * 86_400);
        c.save(dir.path(), 1000, 7).unwrap();
        let c = Cache::load(dir.path());
        assert!(c.fresh("https://a.de/", 1000 + 86_400, 7));
        assert!(!c.fresh("https://a.de/", 1000 + 7 * 86_400, 7));
        assert!(!c.fresh("https://a.de/", 1000, 0));
        assert!(!c.fresh("https://alt.de/", 1000, 7));
    }
}
