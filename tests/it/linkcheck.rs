//! `lotse check`: links to `#anchors` a page lacks, and `--external`
//! against a local server that answers 200, 301, 404, 429 with
//! `Retry-After`, refuses HEAD, and never answers.

use crate::harness::{Fixture, TODAY};
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[test]
fn an_anchor_the_page_lacks_is_a_warning_at_its_line() {
    let fx = Fixture::copy("full");
    fx.write(
        "content/pages/anker.md",
        "+++\ntitle = \"Anker\"\n+++\n## Unsere Ziele\n\n\
         [gut](#unsere-ziele) und [oben](#top)\n\n\
         [kaputt](#ziele)\n\n\
         [anderswo](@/pages/impressum.md#nirgends)\n",
    );
    let run = fx.check();
    run.ok();
    let warnings = run.warnings();
    let anchors: Vec<_> = warnings
        .iter()
        .filter(|d| d.message.contains("no anchor"))
        .collect();
    assert_eq!(anchors.len(), 2, "{run}");
    assert_eq!(anchors[0].location, "content/pages/anker.md:8:10", "{run}");
    assert!(anchors[0].message.contains("`#ziele`"), "{run}");
    let help = anchors[0].help.as_deref().unwrap_or("");
    assert_eq!(help, "did you mean `#unsere-ziele`?", "{run}");
    assert_eq!(anchors[1].location, "content/pages/anker.md:10:32", "{run}");
    assert!(anchors[1].message.contains("`#nirgends`"), "{run}");
    assert!(anchors[1].message.contains("/netz/impressum/"), "{run}");
    let help = anchors[1].help.as_deref().unwrap_or("");
    assert!(
        help.contains("{#ziele}"),
        "no near id: the general hint: {run}"
    );
    assert_eq!(warnings.len(), 2, "nothing else is reported: {run}");
}

/// What the test server saw: requests by method and path, and the most
/// requests it had open at once.
#[derive(Default)]
struct Seen {
    requests: Mutex<Vec<(String, String, Instant)>>,
    open: AtomicUsize,
    most_open: AtomicUsize,
}

impl Seen {
    fn count(&self, method: &str, path: &str) -> usize {
        let r = self.requests.lock().unwrap();
        r.iter()
            .filter(|(m, p, _)| m == method && p == path)
            .count()
    }

    fn times(&self, path: &str) -> Vec<Instant> {
        let r = self.requests.lock().unwrap();
        r.iter()
            .filter(|(_, p, _)| p == path)
            .map(|(_, _, t)| *t)
            .collect()
    }
}

/// A server on a free local port; each request answered in a thread of its
/// own after 150 ms, so that requests the checker sends at once overlap.
fn serve(seen: Arc<Seen>) -> u16 {
    let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
    let port = server.server_addr().to_ip().unwrap().port();
    std::thread::spawn(move || {
        for req in server.incoming_requests() {
            let seen = seen.clone();
            std::thread::spawn(move || answer(req, &seen));
        }
    });
    port
}

fn answer(req: tiny_http::Request, seen: &Seen) {
    let method = req.method().to_string();
    let path = req.url().to_string();
    let earlier = seen.count(&method, &path);
    seen.requests
        .lock()
        .unwrap()
        .push((method.clone(), path.clone(), Instant::now()));
    if path == "/never" {
        // Holds the connection without a word until the checker gives up.
        std::thread::sleep(Duration::from_secs(20));
        return;
    }
    let open = seen.open.fetch_add(1, Ordering::SeqCst) + 1;
    seen.most_open.fetch_max(open, Ordering::SeqCst);
    std::thread::sleep(Duration::from_millis(150));
    let header = |k: &str, v: &str| tiny_http::Header::from_bytes(k, v).unwrap();
    let response = match path.as_str() {
        "/moved" => tiny_http::Response::empty(301).with_header(header("Location", "/ok-1")),
        "/missing" => tiny_http::Response::empty(404),
        "/busy" if earlier == 0 => {
            tiny_http::Response::empty(429).with_header(header("Retry-After", "1"))
        }
        "/no-head" if method == "HEAD" => tiny_http::Response::empty(405),
        _ => tiny_http::Response::empty(200),
    };
    seen.open.fetch_sub(1, Ordering::SeqCst);
    let _ = req.respond(response);
}

#[test]
fn external_links_are_asked_politely_and_cached() {
    let seen = Arc::new(Seen::default());
    let port = serve(seen.clone());
    let base = format!("http://127.0.0.1:{port}");
    let paths = [
        "/ok-1", "/ok-2", "/ok-3", "/ok-4", "/ok-5", "/moved", "/missing", "/busy", "/no-head",
        "/never",
    ];
    let body: String = paths
        .iter()
        .map(|p| format!("- [{p}]({base}{p})\n"))
        .collect();
    let fx = Fixture::copy("full");
    fx.write(
        "content/pages/links.md",
        format!("+++\ntitle = \"Links\"\n+++\nLinks:\n\n{body}"),
    );
    let check = || {
        fx.run(&[
            "check",
            "--today",
            TODAY,
            "--external",
            "--timeout",
            "2",
            "--cache-days",
            "3",
        ])
    };
    let started = Instant::now();
    let run = check();
    run.ok();
    // The fixture's own links go to hosts that do not exist here; these
    // are the test server's.
    let ours = |r: &crate::harness::Run| -> Vec<crate::harness::Diag> {
        r.warnings()
            .into_iter()
            .filter(|d| d.location.starts_with("content/pages/links.md"))
            .collect()
    };
    let warnings = ours(&run);
    let line = |p: &str| {
        let i = paths.iter().position(|x| x == &p).unwrap();
        format!("content/pages/links.md:{}:", i + 6)
    };
    assert_eq!(warnings.len(), 2, "{run}");
    assert!(warnings[0].location.starts_with(&line("/missing")), "{run}");
    assert!(warnings[0].message.contains("404 Not Found"), "{run}");
    assert!(warnings[1].location.starts_with(&line("/never")), "{run}");
    assert!(
        warnings[1]
            .message
            .contains("did not answer within 2 seconds"),
        "{run}"
    );
    run.stdout_has("external links checked, 0 of them known to work");

    // 404: HEAD, then GET; 405 on HEAD, then GET; 301 followed.
    assert_eq!(seen.count("HEAD", "/missing"), 1);
    assert_eq!(seen.count("GET", "/missing"), 1);
    assert_eq!(seen.count("GET", "/no-head"), 1);
    assert_eq!(seen.count("HEAD", "/moved"), 1);
    // 429 with Retry-After: 1 — asked again, a second later.
    let busy = seen.times("/busy");
    assert_eq!(busy.len(), 2, "{run}");
    assert!(busy[1] - busy[0] >= Duration::from_millis(950));
    // A timeout is not asked again with GET.
    assert_eq!(seen.count("GET", "/never"), 0);
    let most = seen.most_open.load(Ordering::SeqCst);
    assert!(most <= 2, "{most} requests at once to one host");
    assert!(started.elapsed() < Duration::from_secs(15));

    // Again: the links that worked come from the cache; the broken ones
    // are asked again.
    let again = check();
    again.ok();
    assert_eq!(ours(&again).len(), 2, "{again}");
    again.stdout_has("external links checked, 8 of them known to work");
    assert_eq!(seen.count("HEAD", "/ok-2"), 1);
    assert_eq!(seen.count("HEAD", "/missing"), 2);
    let cache = fx.read(".lotse-cache/external-links.json");
    assert!(cache.contains(&format!("{base}/ok-2")), "{cache}");
    assert!(!cache.contains("/missing"), "{cache}");
}

/// A `Retry-After` longer than the checker waits is reported, not slept.
#[test]
fn a_long_retry_after_is_reported_with_its_status() {
    let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
    let port = server.server_addr().to_ip().unwrap().port();
    let asked: Arc<Mutex<HashMap<String, usize>>> = Arc::default();
    let a = asked.clone();
    std::thread::spawn(move || {
        for req in server.incoming_requests() {
            *a.lock().unwrap().entry(req.url().to_string()).or_default() += 1;
            let h = tiny_http::Header::from_bytes("Retry-After", "3600").unwrap();
            let _ = req.respond(tiny_http::Response::empty(503).with_header(h));
        }
    });
    let fx = Fixture::copy("full");
    fx.write(
        "content/pages/links.md",
        format!("+++\ntitle = \"Links\"\n+++\n[x](http://127.0.0.1:{port}/wartung)\n"),
    );
    let run = fx.run(&["check", "--today", TODAY, "--external", "--timeout", "2"]);
    run.ok();
    let w: Vec<_> = run
        .warnings()
        .into_iter()
        .filter(|d| d.location.starts_with("content/pages/links.md"))
        .collect();
    assert_eq!(w.len(), 1, "{run}");
    assert!(w[0].message.contains("503 Service Unavailable"), "{run}");
    assert_eq!(w[0].location, "content/pages/links.md:4:5", "{run}");
    // HEAD and GET once each, no retry.
    assert_eq!(asked.lock().unwrap()["/wartung"], 2);
}
