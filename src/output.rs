//! The in-memory result of a build: a sorted map from site path to bytes.
//! `build` writes it to disk; `serve` answers HTTP from it.

use std::collections::BTreeMap;
use std::sync::Arc;

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
