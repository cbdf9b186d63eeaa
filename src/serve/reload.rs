//! Live reload and the error overlay, by long-polling: each open page asks
//! `GET /__lotse/poll?boot=B&gen=G&err=E&file=F&path=P` and gets an answer
//! once its page changed after generation G, the error state differs from
//! E, or 25 s passed. Waiting polls are parked here (tiny_http lets a
//! `Request` be answered later, from any thread), not in a worker of the
//! HTTP pool, so that open tabs never starve it; one dispatcher thread
//! answers them. The script (`/__lotse/reload.js`) and the overlay
//! (`#lotse-error-overlay`) are added to HTML only while serving.

use super::respond::{self, Body, percent_decode};
use crate::messages::Lang;
use crate::msg;
use std::collections::{HashSet, VecDeque};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};
use tiny_http::Request;

/// Where the script is served.
pub const SCRIPT_PATH: &str = "/__lotse/reload.js";
/// Where pages poll.
pub const POLL_PATH: &str = "/__lotse/poll";
/// The overlay's element id (stable: the browser tests look for it).
pub const OVERLAY_ID: &str = "lotse-error-overlay";

/// A poll waits at most this long before it is answered "nothing new".
const POLL_TIMEOUT: Duration = Duration::from_secs(25);
/// At most this many polls wait at once; the oldest is answered first.
/// Each holds a connection (and tiny_http's thread reading it), so this
/// bounds the file descriptors and threads that open tabs take.
const MAX_PARKED: usize = 256;
/// Generations remembered; a page older than that reloads.
const MAX_LOG: usize = 4096;
/// A generation that changed more files than this counts as "everything".
const MAX_LOGGED_PATHS: usize = 20_000;

/// The error state shown in the overlay: `id` 0 means no error.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ErrorState {
    pub id: u64,
    pub text: Option<Arc<str>>,
    /// The language of the overlay's heading (the text is in it already).
    pub lang: Lang,
}

/// What one poll asks.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Poll {
    pub boot: u64,
    pub generation: u64,
    pub err: u64,
    /// The output file the page was served from (`angebote/x/index.html`,
    /// `404.html`).
    pub file: String,
    /// The output file the page's address names (it may exist only later).
    pub target: String,
}

impl Poll {
    /// Reads the query string of a poll.
    pub fn parse(query: &str) -> Poll {
        let mut p = Poll::default();
        for pair in query.split('&') {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let v = percent_decode(v)
                .and_then(|b| String::from_utf8(b).ok())
                .unwrap_or_default();
            match k {
                "boot" => p.boot = v.parse().unwrap_or(0),
                "gen" => p.generation = v.parse().unwrap_or(0),
                "err" => p.err = v.parse().unwrap_or(0),
                "file" => p.file = v,
                "path" => p.target = target_file(&v),
                _ => {}
            }
        }
        p
    }
}

impl Poll {
    /// The poll of a page of a site served under `base_path` (`/kaoa/`):
    /// its address names an output file below that path.
    pub fn under(mut self, base_path: &str) -> Poll {
        let prefix = base_path.trim_start_matches('/');
        if let Some(t) = self.target.strip_prefix(prefix) {
            self.target = if t.is_empty() {
                "index.html".to_string()
            } else {
                t.to_string()
            };
        }
        self
    }
}

/// The output file an address names: `/a/` → `a/index.html`.
pub fn target_file(url_path: &str) -> String {
    let p = url_path.trim_start_matches('/');
    if p.is_empty() || p.ends_with('/') {
        format!("{p}index.html")
    } else {
        p.to_string()
    }
}

/// The answer to a poll.
#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    Reload,
    /// Nothing to reload (yet): the generation the page is now known to be
    /// current at, and the error state.
    State {
        generation: u64,
        error: ErrorState,
    },
}

impl Answer {
    pub fn json(&self) -> String {
        match self {
            Answer::Reload => r#"{"reload":true}"#.to_string(),
            Answer::State { generation, error } => format!(
                r#"{{"reload":false,"gen":{generation},"err":{},"error":{}}}"#,
                error.id,
                error.text.as_deref().map_or("null".into(), json_string)
            ),
        }
    }
}

/// What changed in one generation.
#[derive(Debug)]
enum Changed {
    Paths(HashSet<String>),
    All,
}

/// The reload state shared by the HTTP workers, the rebuild loop and the
/// dispatcher.
pub struct Hub {
    inner: Mutex<Inner>,
    wake: Condvar,
    pub boot: u64,
    /// The language of the overlay and the page shown before a first build.
    pub lang: Lang,
}

struct Inner {
    generation: u64,
    log: VecDeque<(u64, Changed)>,
    error: ErrorState,
    parked: Vec<(Request, Poll, Instant)>,
    /// Error states so far (the next error's id).
    errors_seen: u64,
    shutdown: bool,
}

impl Inner {
    /// The answer for `q` now, or `None` to wait.
    fn decide(&self, q: &Poll, boot: u64) -> Option<Answer> {
        if q.boot != boot || q.generation > self.generation {
            return Some(Answer::Reload);
        }
        if q.err != self.error.id {
            return Some(Answer::State {
                generation: q.generation,
                error: self.error.clone(),
            });
        }
        let oldest = self.log.front().map_or(self.generation + 1, |(g, _)| *g);
        if q.generation + 1 < oldest && q.generation < self.generation {
            return Some(Answer::Reload);
        }
        let hit = self
            .log
            .iter()
            .filter(|(g, _)| *g > q.generation)
            .any(|(_, c)| match c {
                Changed::All => true,
                Changed::Paths(p) => {
                    p.contains(&q.file)
                        || p.contains(&q.target)
                        || p.contains(&format!("{}/index.html", q.target))
                }
            });
        hit.then_some(Answer::Reload)
    }
}

impl Hub {
    pub fn new(boot: u64, lang: Lang) -> Arc<Hub> {
        Arc::new(Hub {
            inner: Mutex::new(Inner {
                generation: 1,
                log: VecDeque::new(),
                error: ErrorState {
                    lang,
                    ..ErrorState::default()
                },
                parked: Vec::new(),
                errors_seen: 0,
                shutdown: false,
            }),
            wake: Condvar::new(),
            boot,
            lang,
        })
    }

    /// The current generation and error state.
    pub fn state(&self) -> (u64, ErrorState) {
        let g = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        (g.generation, g.error.clone())
    }

    /// Records a new generation in which `changed` output files changed
    /// (if any), and the error state; wakes the dispatcher.
    pub fn publish(&self, changed: Vec<String>, error: Option<Arc<str>>) -> u64 {
        let mut g = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        if !changed.is_empty() {
            g.generation += 1;
            let generation = g.generation;
            let c = if changed.len() > MAX_LOGGED_PATHS {
                Changed::All
            } else {
                Changed::Paths(changed.into_iter().collect())
            };
            g.log.push_back((generation, c));
            while g.log.len() > MAX_LOG {
                g.log.pop_front();
            }
        }
        if g.error.text != error {
            let id = if error.is_some() {
                g.errors_seen += 1;
                g.errors_seen
            } else {
                0
            };
            g.error = ErrorState {
                id,
                text: error,
                lang: self.lang,
            };
        }
        self.wake.notify_all();
        g.generation
    }

    /// Answers a poll now or parks it.
    pub fn poll(&self, req: Request, q: Poll) {
        let mut g = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(a) = g.decide(&q, self.boot) {
            drop(g);
            answer(req, &a);
            return;
        }
        g.parked.push((req, q, Instant::now()));
        if g.parked.len() > MAX_PARKED {
            let (req, q, _) = g.parked.remove(0);
            let a = Answer::State {
                generation: g.generation.min(q.generation.max(1)),
                error: g.error.clone(),
            };
            drop(g);
            answer(req, &a);
        }
    }

    /// Output files shown by open pages (rendered first after a change).
    pub fn open_files(&self) -> Vec<String> {
        let g = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let mut v: Vec<String> = g.parked.iter().map(|(_, q, _)| q.file.clone()).collect();
        v.sort();
        v.dedup();
        v
    }

    /// Answers what can be answered; runs until `shutdown`.
    pub fn dispatch(&self) {
        loop {
            let mut g = self.inner.lock().unwrap_or_else(|e| e.into_inner());
            g = self
                .wake
                .wait_timeout(g, Duration::from_secs(1))
                .unwrap_or_else(|e| e.into_inner())
                .0;
            if g.shutdown {
                return;
            }
            let parked = std::mem::take(&mut g.parked);
            let mut answers = Vec::new();
            for (req, mut q, since) in parked {
                match g.decide(&q, self.boot) {
                    Some(a) => answers.push((req, a)),
                    None if since.elapsed() >= POLL_TIMEOUT => {
                        let a = Answer::State {
                            generation: g.generation,
                            error: g.error.clone(),
                        };
                        answers.push((req, a));
                    }
                    None => {
                        // Nothing up to now concerns this page.
                        q.generation = g.generation;
                        g.parked.push((req, q, since));
                    }
                }
            }
            drop(g);
            for (req, a) in answers {
                answer(req, &a);
            }
        }
    }

    /// Stops the dispatcher; parked polls are dropped, which tiny_http
    /// answers with a 500 (the pages retry until a server runs again).
    pub fn shutdown(&self) {
        let parked = {
            let mut g = self.inner.lock().unwrap_or_else(|e| e.into_inner());
            g.shutdown = true;
            std::mem::take(&mut g.parked)
        };
        self.wake.notify_all();
        drop(parked);
    }
}

/// Sends a poll its answer.
fn answer(req: Request, a: &Answer) {
    let body = Body::Owned(a.json().into_bytes());
    respond::send(req, respond::bytes(200, "application/json", body));
}

/// A JSON string literal; `<`, `>` and `&` escaped too.
pub fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '<' | '>' | '&' => out.push_str(&format!("\\u{:04x}", c as u32)),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Escapes text for HTML content and attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The overlay as HTML, for pages served while the newest files fail.
pub fn overlay_html(text: &str, lang: Lang) -> String {
    format!(
        "<div id=\"{OVERLAY_ID}\" role=\"alert\"><p><strong>{}</strong> {}</p><pre>{}</pre></div>",
        escape_html(&msg!("overlay-title").text(lang)),
        escape_html(&msg!("overlay-note").text(lang)),
        escape_html(text)
    )
}

/// Adds the reload script (and the overlay, when `error` has text) to an
/// HTML page: after `<body…>` and before `</body>`, or at the end.
pub fn inject(html: &[u8], boot: u64, generation: u64, error: &ErrorState, file: &str) -> Vec<u8> {
    // The overlay's heading goes with the script, for an error that comes
    // while the page is open.
    let script = format!(
        "<script src=\"{SCRIPT_PATH}\" data-boot=\"{boot}\" data-gen=\"{generation}\" data-err=\"{}\" data-file=\"{}\" data-title=\"{}\" data-note=\"{}\"></script>",
        error.id,
        escape_html(file),
        escape_html(&msg!("overlay-title").text(error.lang)),
        escape_html(&msg!("overlay-note").text(error.lang))
    );
    let overlay = error
        .text
        .as_deref()
        .map(|t| overlay_html(t, error.lang))
        .unwrap_or_default();
    let mut out = Vec::with_capacity(html.len() + script.len() + overlay.len());
    let body_open = find_ci(html, b"<body")
        .and_then(|i| html[i..].iter().position(|&b| b == b'>').map(|j| i + j + 1));
    let body_close = rfind_ci(html, b"</body");
    match (body_open, body_close) {
        (Some(o), Some(c)) if o <= c => {
            out.extend_from_slice(&html[..o]);
            out.extend_from_slice(overlay.as_bytes());
            out.extend_from_slice(&html[o..c]);
            out.extend_from_slice(script.as_bytes());
            out.extend_from_slice(&html[c..]);
        }
        _ => {
            out.extend_from_slice(overlay.as_bytes());
            out.extend_from_slice(html);
            out.extend_from_slice(script.as_bytes());
        }
    }
    out
}

fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

fn rfind_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle))
}

/// The page served when no build has succeeded yet.
pub fn no_build_page(boot: u64, generation: u64, error: &ErrorState) -> Vec<u8> {
    let html = format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <title>{}</title></head><body><p>{}</p></body></html>",
        error.lang.code(),
        escape_html(&msg!("no-build-title").text(error.lang)),
        escape_html(&msg!("no-build-text").text(error.lang))
    );
    inject(html.as_bytes(), boot, generation, error, "")
}

/// The browser side: polls, reloads, shows and hides the overlay. Loads
/// nothing from elsewhere; styles are set from script so that a strict
/// Content-Security-Policy of the theme does not block them.
pub const SCRIPT: &str = r##"(function () {
  "use strict";
  var me = document.currentScript, d = me ? me.dataset : {};
  var st = { boot: d.boot || "0", gen: d.gen || "0", err: d.err || "0", file: d.file || "" };
  var ID = "lotse-error-overlay";
  // White on a dark red (#fff on #2b0a0a: 18.3:1), set on the overlay
  // and on each element in it, so that no theme rule (a light `pre`
  // background, a coloured `strong`) can put light text on a light box.
  var FG = "#fff", BG = "#2b0a0a";
  function style(el) {
    var s = el.style;
    s.position = "fixed"; s.left = "0"; s.right = "0"; s.top = "0"; s.zIndex = "2147483647";
    s.maxHeight = "80vh"; s.overflow = "auto"; s.margin = "0"; s.padding = "1em 1.5em";
    s.background = BG; s.color = FG; s.font = "14px/1.45 monospace"; s.textAlign = "left";
    s.borderBottom = "4px solid #e5484d"; s.boxShadow = "0 4px 24px rgba(0,0,0,.4)";
    var all = el.querySelectorAll("*");
    for (var i = 0; i < all.length; i++) {
      var c = all[i].style;
      c.color = FG; c.background = "transparent"; c.font = "inherit"; c.textShadow = "none";
    }
    var pre = el.querySelector("pre");
    if (pre) {
      pre.style.whiteSpace = "pre-wrap"; pre.style.margin = ".5em 0 0"; pre.style.padding = "0";
      pre.style.border = "0"; pre.style.overflow = "visible";
    }
    var b = el.querySelector("strong");
    if (b) { b.style.fontWeight = "bold"; }
  }
  function show(text) {
    var el = document.getElementById(ID);
    if (text === null) { if (el) { el.parentNode.removeChild(el); } return; }
    if (!el) {
      el = document.createElement("div"); el.id = ID; el.setAttribute("role", "alert");
      var p = document.createElement("p"), b = document.createElement("strong");
      b.textContent = d.title || "lotse";
      p.appendChild(b);
      p.appendChild(document.createTextNode(" " + (d.note || "")));
      el.appendChild(p); el.appendChild(document.createElement("pre"));
      document.body.appendChild(el);
    }
    el.querySelector("pre").textContent = text;
    style(el);
  }
  var existing = document.getElementById(ID);
  if (existing) { style(existing); }
  function poll() {
    var q = "boot=" + st.boot + "&gen=" + st.gen + "&err=" + st.err +
      "&file=" + encodeURIComponent(st.file) + "&path=" + encodeURIComponent(location.pathname);
    fetch("/__lotse/poll?" + q, { cache: "no-store" })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (m) {
        if (m.reload) { location.reload(); return; }
        var had = st.err !== "0";
        st.gen = String(m.gen);
        if (String(m.err) !== st.err) {
          st.err = String(m.err);
          if (m.error === null && had) { location.reload(); return; }
          show(m.error);
        }
        poll();
      })
      .catch(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
"##;

#[cfg(test)]
mod tests {
    use super::*;

    fn inner(generation: u64, log: Vec<(u64, &[&str])>, err: u64) -> Inner {
        Inner {
            generation,
            log: log
                .into_iter()
                .map(|(g, p)| (g, Changed::Paths(p.iter().map(|s| s.to_string()).collect())))
                .collect(),
            error: ErrorState {
                id: err,
                text: (err != 0).then(|| Arc::from("error: x")),
                lang: Lang::En,
            },
            parked: Vec::new(),
            errors_seen: 0,
            shutdown: false,
        }
    }

    fn poll(generation: u64, err: u64, file: &str, path: &str) -> Poll {
        Poll {
            boot: 7,
            generation,
            err,
            file: file.into(),
            target: target_file(path),
        }
    }

    #[test]
    fn reloads_only_pages_that_changed() {
        let i = inner(3, vec![(2, &["a/index.html"]), (3, &["b/index.html"])], 0);
        assert_eq!(
            i.decide(&poll(1, 0, "a/index.html", "/a/"), 7),
            Some(Answer::Reload)
        );
        assert_eq!(i.decide(&poll(2, 0, "a/index.html", "/a/"), 7), None);
        assert_eq!(
            i.decide(&poll(2, 0, "b/index.html", "/b/"), 7),
            Some(Answer::Reload)
        );
        assert_eq!(i.decide(&poll(3, 0, "c/index.html", "/c/"), 7), None);
        // A 404 page whose address now exists.
        assert_eq!(
            i.decide(&poll(2, 0, "404.html", "/b/"), 7),
            Some(Answer::Reload)
        );
        // Another server run.
        let mut other = poll(3, 0, "c/index.html", "/c/");
        other.boot = 8;
        assert_eq!(i.decide(&other, 7), Some(Answer::Reload));
    }

    #[test]
    fn reports_error_changes() {
        let i = inner(3, vec![], 5);
        let a = i.decide(&poll(3, 0, "a/index.html", "/a/"), 7).unwrap();
        assert!(
            a.json().contains(r#""err":5,"error":"error: x""#),
            "{}",
            a.json()
        );
        assert_eq!(i.decide(&poll(3, 5, "a/index.html", "/a/"), 7), None);
        let fixed = inner(3, vec![], 0);
        let a = fixed.decide(&poll(3, 5, "a/index.html", "/a/"), 7).unwrap();
        assert_eq!(a.json(), r#"{"reload":false,"gen":3,"err":0,"error":null}"#);
    }

    #[test]
    fn parses_polls() {
        let p = Poll::parse(
            "boot=7&gen=12&err=0&file=angebote%2Fx%2Findex.html&path=%2Fangebote%2Fx%2F",
        );
        assert_eq!(p, poll(12, 0, "angebote/x/index.html", "/angebote/x/"));
    }

    #[test]
    fn injects_script_and_escaped_overlay() {
        let html = b"<!DOCTYPE html><html><BODY class=\"x\"><p>hi</p></body></html>";
        let err = ErrorState {
            id: 4,
            text: Some(Arc::from(
                "error: content/offers/a.md:3:1: <script>alert(1)</script>",
            )),
            lang: Lang::En,
        };
        let out = String::from_utf8(inject(html, 1, 2, &err, "a/index.html")).unwrap();
        assert!(
            out.starts_with(
                "<!DOCTYPE html><html><BODY class=\"x\"><div id=\"lotse-error-overlay\""
            ),
            "{out}"
        );
        assert!(out.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(!out.contains("<script>alert"));
        assert!(
            out.contains("<strong>lotse: the last change does not build.</strong> This page shows"),
            "{out}"
        );
        assert!(
            out.ends_with("data-file=\"a/index.html\" data-title=\"lotse: the last change does not build.\" data-note=\"This page shows the last good build; it reloads once the errors are fixed.\"></script></body></html>"),
            "{out}"
        );
        let de = ErrorState {
            lang: Lang::De,
            ..err
        };
        let out = String::from_utf8(inject(html, 1, 2, &de, "a/index.html")).unwrap();
        assert!(
            out.contains("<strong>lotse: Die letzte Änderung lässt sich nicht bauen.</strong>"),
            "{out}"
        );
        assert!(out.contains("data-note=\"Diese Seite zeigt die letzte fehlerfreie Fassung"));
        let plain =
            String::from_utf8(inject(b"no body", 1, 2, &ErrorState::default(), "x")).unwrap();
        assert!(plain.starts_with("no body<script src=\"/__lotse/reload.js\""));
    }

    #[test]
    fn json_strings_are_safe() {
        assert_eq!(
            json_string("a\"b\\c\n</script>"),
            r#""a\"b\\c\n\u003c/script\u003e""#
        );
    }
}
