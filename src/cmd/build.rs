//! `lotse build`: build the site and write it atomically.

use super::{BuildArgs, EXIT_CONTENT};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

pub fn run(
    root: &Path,
    output: Option<PathBuf>,
    base_url: Option<String>,
    timings: bool,
    args: &BuildArgs,
    lang: crate::messages::Lang,
) -> anyhow::Result<i32> {
    let start = Instant::now();
    let mut opts = args.options();
    opts.base_url = base_url;
    let dest = output.unwrap_or_else(|| root.join("public"));
    // Refuse a bad target before doing any work.
    crate::write::guard(&dest, root)?;
    // Files go to a staging folder as they are rendered, so that a large
    // site is never held in memory whole; it replaces `dest` on success.
    let staging = crate::write::Staging::begin(&dest, root)?;
    // Ctrl-C or SIGTERM: the staged files go, the previous output stays
    // (or the new one, if the swap was already done). Fails only when a
    // handler is set already (a library caller's); theirs stays.
    let interrupt = staging.interrupt();
    let shown = dest.display().to_string();
    let _ = ctrlc::set_handler(move || {
        let m = if interrupt.abort() {
            crate::msg!("build-interrupted-after", dir = &shown)
        } else {
            crate::msg!("build-interrupted", dir = &shown)
        };
        eprintln!("{}", m.text(lang));
        std::process::exit(130);
    });
    let emit = ToStaging {
        staging: &staging,
        failed: Mutex::new(None),
        files: AtomicUsize::new(0),
        pages: AtomicUsize::new(0),
    };
    match crate::build::build_each(root, &opts, &emit) {
        Ok(built) => {
            let ToStaging {
                failed,
                files,
                pages,
                ..
            } = emit;
            if let Some(e) = failed.into_inner().unwrap_or_else(|e| e.into_inner()) {
                return Err(e);
            }
            eprint!("{}", built.warnings.render(lang));
            let swap_start = Instant::now();
            staging.finish()?;
            if timings {
                for (stage, t, rss) in &built.timings {
                    let stage = if *stage == "render" {
                        "render+write"
                    } else {
                        stage
                    };
                    let rss = rss.map_or(String::new(), |kb| {
                        format!("  (resident {:.0} MB)", kb as f64 / 1024.0)
                    });
                    eprintln!("{stage:>12}: {:7.1} ms{rss}", t.as_secs_f64() * 1000.0);
                }
                eprintln!(
                    "{:>12}: {:7.1} ms",
                    "swap",
                    swap_start.elapsed().as_secs_f64() * 1000.0
                );
            }
            let m = crate::msg!(
                "build-done",
                n = pages.into_inner(),
                files = crate::msg!("build-files", n = files.into_inner()),
                secs = format!("{:.2}", start.elapsed().as_secs_f64()),
                dir = dest.display().to_string()
            );
            println!("{}", m.text(lang));
            // The process ends here: freeing the site one allocation at a
            // time would only delay the exit.
            std::mem::forget(built);
            Ok(0)
        }
        Err(diags) => {
            // Dropping the staging folder removes it.
            eprint!("{}", diags.render(lang));
            let m = crate::msg!("build-failed", dir = dest.display().to_string());
            eprintln!("{}", m.text(lang));
            Ok(EXIT_CONTENT)
        }
    }
}

/// Writes each file of the build into the staging folder; the first
/// error stops further writes and is reported after the build.
struct ToStaging<'a> {
    staging: &'a crate::write::Staging,
    failed: Mutex<Option<anyhow::Error>>,
    files: AtomicUsize,
    pages: AtomicUsize,
}

impl ToStaging<'_> {
    fn put(&self, path: &str, put: impl FnOnce() -> anyhow::Result<usize>) -> usize {
        if self
            .failed
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .is_some()
        {
            return 0;
        }
        match put() {
            Ok(size) => {
                self.files.fetch_add(1, Ordering::Relaxed);
                if path.ends_with(".html") {
                    self.pages.fetch_add(1, Ordering::Relaxed);
                }
                size
            }
            Err(e) => {
                let mut slot = self.failed.lock().unwrap_or_else(|e| e.into_inner());
                slot.get_or_insert(e);
                0
            }
        }
    }
}

impl crate::output::Emit for ToStaging<'_> {
    fn file(&self, path: &str, bytes: &[u8]) {
        self.put(path, || self.staging.put(path, bytes).map(|()| bytes.len()));
    }

    fn stream(
        &self,
        path: &str,
        write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> usize {
        self.put(path, || self.staging.put_with(path, write))
    }
}
