//! `lotse serve`: the dev server. Builds the site into memory, answers
//! HTTP from there (`http`), watches the inputs (`watch`), brings the build
//! up to date change by change with the least work (`session`) and reloads
//! open browser tabs or shows the errors in them (`reload`).
//!
//! Threads: the main thread runs the rebuild loop (and renders each
//! change's own page); one background `job` at a time renders the other
//! stale pages on a rayon pool of its own; a small fixed pool of `http`
//! workers answers requests; one dispatcher answers parked reload polls;
//! notify and tiny_http (a thread per open connection) run their own. The
//! served output sits behind a `RwLock` that the rebuild loop holds only to
//! insert finished files.
//!
//! Modules, each importing only those below it: `http` (requests, and
//! the editor's local write API in `cms`) and
//! `reload` (polls, overlay) over `respond` (HTTP helpers); `session` over
//! `job`; `watch` over `session`.

pub mod cms;
pub mod http;
pub mod job;
pub mod reload;
pub mod respond;
pub mod session;
pub mod watch;

use crate::build::BuildOptions;
use crate::diagnostics::Diagnostics;
use crate::output::Output;
use anyhow::{Context, Result};
use session::{Change, Delta, Session};
use std::collections::HashSet;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock, mpsc};
use std::time::Instant;
use watch::Msg;

/// What `lotse serve` was asked for.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub port: u16,
    pub bind: IpAddr,
    pub build: BuildOptions,
    /// The language of the console's and the overlay's messages.
    pub lang: crate::messages::Lang,
}

/// What the HTTP workers read.
pub struct Shared {
    pub output: RwLock<Output>,
    pub hub: Arc<reload::Hub>,
    /// The path the site is served under (`/` or `/kaoa/`): that of its
    /// `base_url`, so that the preview has the published site's links.
    pub base_path: String,
    /// The site's folder (canonical): where the editor's API writes.
    pub root: PathBuf,
    /// The port served; the editor's API answers only to this address.
    pub port: u16,
    /// Whether the server listens on loopback only (else the editor's API
    /// is off).
    pub loopback: bool,
}

/// The address pages are served at (the `base_url` while serving), below
/// `base_path` (`/` or `/kaoa/`).
pub fn local_url(bind: IpAddr, port: u16, base_path: &str) -> String {
    let host = if bind.is_unspecified() {
        "127.0.0.1".to_string()
    } else {
        match bind {
            IpAddr::V4(a) => a.to_string(),
            IpAddr::V6(a) => format!("[{a}]"),
        }
    };
    format!("http://{host}:{port}{base_path}")
}

/// Puts finished files into the served output and tells open pages;
/// returns how many files really changed.
fn publish(shared: &Shared, delta: Delta, error: Option<Arc<str>>) -> usize {
    let changed: Vec<(String, Option<Arc<[u8]>>)> = {
        let out = shared.output.read().unwrap_or_else(|e| e.into_inner());
        delta
            .into_iter()
            .filter(|(p, b)| out.get(p) != b.as_ref())
            .collect()
    };
    if !changed.is_empty() {
        let mut out = shared.output.write().unwrap_or_else(|e| e.into_inner());
        for (p, b) in &changed {
            match b {
                Some(b) => out.insert(p.clone(), b.clone()),
                None => {
                    out.files.remove(p);
                }
            }
        }
    }
    let n = changed.len();
    shared
        .hub
        .publish(changed.into_iter().map(|(p, _)| p).collect(), error);
    n
}

/// The terminal side: errors and warnings once each, like `build`; the
/// error text is also what the browser's overlay shows.
struct Console {
    lang: crate::messages::Lang,
    shown_error: Option<Arc<str>>,
    shown_warnings: HashSet<String>,
}

impl Console {
    fn warnings(&mut self, w: Diagnostics) {
        let fresh: Vec<_> =
            w.0.into_iter()
                .filter(|d| self.shown_warnings.insert(d.render(self.lang)))
                .collect();
        if !fresh.is_empty() {
            eprint!("{}", Diagnostics(fresh).render(self.lang));
        }
    }

    /// Prints the error state when it changed; returns it for the browser.
    fn errors(&mut self, errors: Option<Diagnostics>, built: bool) -> Option<Arc<str>> {
        let text: Option<Arc<str>> = errors.map(|d| Arc::from(d.render(self.lang)));
        if text != self.shown_error {
            match &text {
                Some(t) => {
                    eprint!("{t}");
                    let m = if built {
                        crate::msg!("serve-last-good")
                    } else {
                        crate::msg!("serve-not-yet")
                    };
                    eprintln!("{}", m.text(self.lang));
                }
                None => println!("{}", crate::msg!("serve-fixed").text(self.lang)),
            }
            self.shown_error = text.clone();
        }
        text
    }
}

fn describe(changes: &[Change], root: &std::path::Path, lang: crate::messages::Lang) -> String {
    let name = |p: &PathBuf| crate::diagnostics::rel_path(root, p);
    let mut parts: Vec<String> = changes
        .iter()
        .map(|c| match c {
            Change::Full => crate::msg!("serve-change-full").text(lang),
            Change::Home => "content/_index.md".to_string(),
            Change::Content(p) | Change::ContentDir(p) | Change::Static(p) => name(p),
            Change::Theme => crate::msg!("serve-change-templates").text(lang),
        })
        .collect();
    parts.dedup();
    if parts.len() > 3 {
        let n = parts.len() - 2;
        parts.truncate(2);
        parts.push(crate::msg!("serve-change-more", n = n).text(lang));
    }
    parts.join(", ")
}

/// Runs the dev server until Ctrl-C.
pub fn run(opts: ServeOptions) -> Result<i32> {
    let root = opts
        .root
        .canonicalize()
        .with_context(|| format!("cannot open the site folder `{}`", opts.root.display()))?;
    let addr = SocketAddr::new(opts.bind, opts.port);
    if !opts.bind.is_loopback() {
        eprintln!(
            "{}: {}",
            crate::msg!("label-warning").text(opts.lang),
            crate::msg!("serve-not-loopback", addr = addr.to_string()).text(opts.lang)
        );
    }
    let listener = std::net::TcpListener::bind(addr).map_err(|e| {
        anyhow::anyhow!(crate::messages::Localized(crate::msg!(
            "serve-cannot-listen",
            addr = addr.to_string(),
            error = e.to_string()
        )))
    })?;
    let port = listener.local_addr().map_or(opts.port, |a| a.port());
    let server =
        http::server(listener).map_err(|e| anyhow::anyhow!("cannot serve on {addr}: {e}"))?;
    // The path of `base_url` is kept: a site published at
    // `https://host/kaoa/` is previewed at `http://127.0.0.1:1111/kaoa/`.
    let base_path = crate::config::base_path_of(&root);
    let url = local_url(opts.bind, port, &base_path);
    let mut build = opts.build.clone();
    build.base_url = Some(url.clone());

    let (tx, rx) = mpsc::channel();
    let mut watcher = watch::Watcher::start(&root, tx.clone())
        .with_context(|| format!("cannot watch `{}` for changes", root.display()))?;
    let stop = tx.clone();
    ctrlc::set_handler(move || {
        let _ = stop.send(Msg::Shutdown);
    })
    .context("cannot install the Ctrl-C handler")?;

    let start = Instant::now();
    let mut session = Session::new(&root, build);
    let lang = opts.lang;
    let mut console = Console {
        lang,
        shown_error: None,
        shown_warnings: HashSet::new(),
    };
    console.warnings(session.take_warnings());
    let error = console.errors(session.errors(), session.page_count() > 0);
    let boot = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64 % 1_000_000_000_000 + 1);
    let shared = Arc::new(Shared {
        output: RwLock::new(session.output()),
        hub: reload::Hub::new(boot, lang),
        base_path: base_path.clone(),
        root: root.clone(),
        port,
        loopback: opts.bind.is_loopback(),
    });
    shared.hub.publish(Vec::new(), error);
    let dispatcher = {
        let hub = shared.hub.clone();
        std::thread::Builder::new()
            .name("lotse-reload".into())
            .spawn(move || hub.dispatch())
            .context("cannot start a thread")?
    };
    let http = http::start(server, shared.clone()).context("cannot start a thread")?;
    let what = match session.page_count() {
        0 => crate::msg!("serve-nothing-yet"),
        n => crate::msg!("serve-pages", n = n),
    };
    let m = crate::msg!(
        "serve-started",
        what = what,
        url = &url,
        secs = format!("{:.2}", start.elapsed().as_secs_f64())
    );
    println!("{}", m.text(lang));

    let timings = std::env::var_os("LOTSE_TIMINGS").is_some();
    // Background jobs render on a pool of their own, so that the next change
    // (its own page, a full link) never waits behind a long list page.
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let pool = Arc::new(
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .thread_name(|i| format!("lotse-render-{i}"))
            .build()
            .context("cannot start the render threads")?,
    );
    // The stop flag of the running job, if one runs.
    let mut job: Option<Arc<AtomicBool>> = None;
    let mut progress: Option<(Instant, usize)> = None;
    loop {
        if job.is_none()
            && let Some(j) = session.take_job()
        {
            let stop = Arc::new(AtomicBool::new(false));
            let (tx, flag, pool) = (tx.clone(), stop.clone(), pool.clone());
            std::thread::Builder::new()
                .name("lotse-job".into())
                .spawn(move || {
                    pool.install(|| {
                        j.run(&flag, &mut |r| {
                            let _ = tx.send(Msg::Rendered(r));
                        })
                    });
                    let _ = tx.send(Msg::JobDone);
                })
                .context("cannot start a thread")?;
            job = Some(stop);
        }
        let Ok(msg) = rx.recv() else { break };
        let (job_msgs, batch) = match msg {
            m @ (Msg::Rendered(_) | Msg::JobDone) => (vec![m], None),
            m => {
                let mut b = watch::debounce(&rx, m, &root);
                (std::mem::take(&mut b.jobs), Some(b))
            }
        };
        for m in job_msgs {
            match m {
                Msg::Rendered(r) => {
                    let delta = session.accept(r);
                    let n = publish(&shared, delta, console.shown_error.clone());
                    if let Some((_, total)) = &mut progress {
                        *total += n;
                    }
                }
                Msg::JobDone => {
                    job = None;
                    let error = console.errors(session.errors(), session.page_count() > 0);
                    shared.hub.publish(Vec::new(), error);
                    if let Some((since, n)) = progress
                        && !session.has_pending()
                    {
                        let m = crate::msg!(
                            "serve-all-current",
                            n = n,
                            secs = format!("{:.2}", since.elapsed().as_secs_f64())
                        );
                        println!("  {}", m.text(lang));
                        progress = None;
                    }
                }
                _ => {}
            }
        }
        let Some(batch) = batch else { continue };
        if batch.shutdown {
            break;
        }
        let changes = batch.changes(&root);
        watcher.refresh();
        if changes.is_empty() {
            continue;
        }
        // The running job ends after its chunk; what it did not render
        // comes back, and the next job renders it from the newest site.
        if let Some(stop) = &job {
            stop.store(true, Ordering::Relaxed);
        }
        let t = Instant::now();
        let delta = session.apply(&changes, &shared.hub.open_files());
        console.warnings(session.take_warnings());
        let error = console.errors(session.errors(), session.page_count() > 0);
        let n = publish(&shared, delta, error);
        let m = if session.has_pending() {
            crate::msg!(
                "serve-updated-more",
                n = n,
                ms = t.elapsed().as_millis() as u64
            )
        } else {
            crate::msg!("serve-updated", n = n, ms = t.elapsed().as_millis() as u64)
        };
        println!("{}: {}", describe(&changes, &root, lang), m.text(lang));
        if changes.contains(&Change::Full) {
            let now = crate::config::base_path_of(&root);
            if now != base_path {
                let note = crate::msg!("serve-base-path-changed", now = now, url = url.clone());
                println!("{}", note.text(lang));
            }
        }
        if timings {
            let stages: Vec<String> = session
                .timings()
                .iter()
                .map(|(s, d)| format!("{s} {:.1} ms", d.as_secs_f64() * 1000.0))
                .collect();
            println!("  timings: {}", stages.join(", "));
        }
        if session.has_pending() || job.is_some() {
            progress.get_or_insert((t, 0)).1 += n;
        }
        // The other languages of a multilingual site, after the edit is
        // served in the default language.
        if let Some(delta) = session.render_stale_versions() {
            let error = console.errors(session.errors(), session.page_count() > 0);
            let n = publish(&shared, delta, error);
            let m = crate::msg!(
                "serve-other-languages",
                n = n,
                ms = t.elapsed().as_millis() as u64
            );
            println!("  {}", m.text(lang));
        }
    }
    if let Some(stop) = &job {
        stop.store(true, Ordering::Relaxed);
    }
    println!("{}", crate::msg!("serve-stopping").text(lang));
    shared.hub.shutdown();
    http.stop();
    let _ = dispatcher.join();
    drop(watcher);
    Ok(0)
}
