//! A background job of the dev server: stale pages rendered on another
//! thread from one version of the site (see `Session::take_job`).

use crate::diagnostics::Diagnostic;
use crate::link::Site;
use crate::render::{Renderer, theme::Theme};
use crate::routes::{self, Route};
use rayon::prelude::*;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// How many pages a job renders between two looks at its stop flag.
const CHUNK: usize = 4;

/// Stale pages to render from one version (`epoch`) of the site, on any
/// thread.
pub struct Job {
    pub(super) epoch: u64,
    pub(super) site: Arc<Site>,
    pub(super) theme: Arc<Theme>,
    pub(super) pages: Vec<(String, Route)>,
}

/// Pages a job rendered.
#[derive(Debug)]
pub struct Rendered {
    pub(super) epoch: u64,
    pub(super) pages: Vec<(String, Result<Vec<u8>, Diagnostic>)>,
    /// Pages the job did not get to (it was stopped).
    pub(super) left: Vec<String>,
}

impl Job {
    pub fn len(&self) -> usize {
        self.pages.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pages.is_empty()
    }

    /// Renders the pages in parallel chunks, handing each chunk to `sink`.
    /// Between chunks, a set `stop` ends the job; the last `Rendered` then
    /// lists the pages left.
    pub fn run(&self, stop: &AtomicBool, sink: &mut dyn FnMut(Rendered)) {
        let renderer = match Renderer::new(&self.site, &self.theme) {
            Ok(r) => r,
            Err(_) => return,
        };
        let mut chunks = self.pages.chunks(CHUNK);
        while let Some(chunk) = chunks.next() {
            // The search index and offer cards, when first needed.
            renderer.prepare(chunk.iter().map(|(_, r)| r));
            let pages = chunk
                .par_iter()
                .map(|(path, route)| {
                    let planned = routes::Planned {
                        path: path.clone(),
                        route: route.clone(),
                    };
                    (path.clone(), renderer.render(&planned))
                })
                .collect();
            let left = if stop.load(Ordering::Relaxed) {
                chunks.by_ref().flatten().map(|(p, _)| p.clone()).collect()
            } else {
                Vec::new()
            };
            let stopped = !left.is_empty();
            sink(Rendered {
                epoch: self.epoch,
                pages,
                left,
            });
            if stopped {
                return;
            }
        }
    }
}
