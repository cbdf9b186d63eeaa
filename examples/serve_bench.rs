//! Benchmark of `lotse serve` (run by `benches/serve_edit.sh`):
//!
//! 1. edit → visible: writes a new title into one offer file and times until
//!    `GET /angebote/<id>/` over HTTP shows it; then until the server reports
//!    every other page current. Repeated for `--edits` offers, the server idle
//!    before each edit.
//! 2. the same with edits 150 ms apart, while earlier edits still render.
//! 3. load: 32 clients send 2,016 requests (one connection each) while
//!    another thread keeps editing offers, and again during a full
//!    re-render (a template changed); counts answers that are not 200.
//!
//! usage: serve_bench SITE [--bin target/release/lotse] [--edits 30] [--port 18999]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn get(port: u16, path: &str) -> (u16, Vec<u8>) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let status = std::str::from_utf8(&raw[9..12])
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, raw)
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

fn set_title(text: &str, title: &str) -> String {
    text.lines()
        .map(|l| {
            if l.starts_with("title = ") {
                format!("title = \"{title}\"")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn stats(name: &str, mut v: Vec<f64>) {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    println!(
        "{name}: median {:.1} ms, p90 {:.1} ms, min {:.1} ms, max {:.1} ms (n = {})",
        percentile(&v, 0.5),
        percentile(&v, 0.9),
        v[0],
        v[v.len() - 1],
        v.len()
    );
}

/// Writes a new title into an offer and polls its page until it shows;
/// returns the start and the milliseconds it took.
fn edit_and_wait(port: u16, path: &std::path::Path, text: &str, title: &str) -> (Instant, f64) {
    let id = path.file_stem().unwrap().to_string_lossy().into_owned();
    let url = format!("/angebote/{id}/");
    let t0 = Instant::now();
    std::fs::write(path, set_title(text, title)).unwrap();
    loop {
        let (_, body) = get(port, &url);
        if contains(&body, title.as_bytes()) {
            return (t0, t0.elapsed().as_secs_f64() * 1000.0);
        }
        assert!(
            t0.elapsed() < Duration::from_secs(60),
            "{url} never showed the edit"
        );
    }
}

/// Waits until the server printed that every page is current and stays quiet.
fn wait_idle(count: &dyn Fn(&str) -> usize) {
    let mut last = count("all pages current");
    loop {
        std::thread::sleep(Duration::from_millis(1500));
        let now = count("all pages current");
        if now == last {
            return;
        }
        last = now;
    }
}

/// 32 clients, 63 requests each (2,016), one connection per request.
fn load(port: u16, paths: &[String], label: &str) {
    let paths = Arc::new(paths.to_vec());
    let t = Instant::now();
    let clients: Vec<_> = (0..32)
        .map(|c| {
            let paths = paths.clone();
            std::thread::spawn(move || {
                let mut lat = Vec::new();
                let mut bad = 0;
                for i in 0..63 {
                    let p = &paths[(c * 13 + i) % paths.len()];
                    let t = Instant::now();
                    if get(port, p).0 != 200 {
                        bad += 1;
                    }
                    lat.push(t.elapsed().as_secs_f64() * 1000.0);
                }
                (lat, bad)
            })
        })
        .collect();
    let mut lat = Vec::new();
    let mut bad = 0;
    for c in clients {
        let (l, b) = c.join().unwrap();
        lat.extend(l);
        bad += b;
    }
    let wall = t.elapsed().as_secs_f64();
    println!(
        "{label}: {} requests from 32 clients in {:.2} s ({:.0}/s); not 200: {bad}",
        lat.len(),
        wall,
        lat.len() as f64 / wall
    );
    stats("  latency", lat);
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let site = PathBuf::from(args.get(1).expect("usage: serve_bench SITE [options]"));
    let opt = |name: &str, default: &str| -> String {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1).cloned())
            .unwrap_or_else(|| default.to_string())
    };
    let bin = opt("--bin", "target/release/lotse");
    let edits: usize = opt("--edits", "30").parse().unwrap();
    let port: u16 = opt("--port", "18999").parse().unwrap();

    let offers_dir = site.join("content/offers");
    let mut offers: Vec<String> = std::fs::read_dir(&offers_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter_map(|n| n.strip_suffix(".md").map(str::to_string))
        .collect();
    offers.sort();
    println!("site: {} ({} offers)", site.display(), offers.len());

    let start = Instant::now();
    let mut child = Command::new(&bin)
        .arg("--root")
        .arg(&site)
        .args(["serve", "--port", &port.to_string()])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start lotse serve");
    let out = Arc::new(Mutex::new(Vec::<String>::new()));
    {
        let out = out.clone();
        let stdout = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                out.lock().unwrap().push(line);
            }
        });
    }
    let count = |pat: &str| {
        out.lock()
            .unwrap()
            .iter()
            .filter(|l| l.contains(pat))
            .count()
    };
    while count("Serving") == 0 {
        assert!(child.try_wait().unwrap().is_none(), "lotse serve exited");
        std::thread::sleep(Duration::from_millis(20));
    }
    println!(
        "startup (load, link, render everything): {:.1} s",
        start.elapsed().as_secs_f64()
    );

    // 1. edit → visible, the server idle before each edit.
    let originals: Vec<(PathBuf, String)> = (0..edits)
        .map(|i| {
            let p = offers_dir.join(format!("{}.md", offers[(i * 7919) % offers.len()]));
            let t = std::fs::read_to_string(&p).unwrap();
            (p, t)
        })
        .collect();
    let mut visible = Vec::new();
    let mut complete = Vec::new();
    for (i, (path, text)) in originals.iter().enumerate() {
        std::thread::sleep(Duration::from_millis(300));
        let done_before = count("all pages current");
        let (t0, ms) = edit_and_wait(port, path, text, &format!("Bench-Titel {i}"));
        visible.push(ms);
        while count("all pages current") == done_before {
            assert!(t0.elapsed() < Duration::from_secs(300), "never completed");
            std::thread::sleep(Duration::from_millis(2));
        }
        complete.push(t0.elapsed().as_secs_f64() * 1000.0);
    }
    stats("edit → visible over HTTP (server idle)", visible);
    stats("edit → every dependent page current", complete);

    // 2. edit → visible while the previous edits' dependent pages still render.
    let mut busy = Vec::new();
    for (i, (path, text)) in originals.iter().enumerate() {
        let (_, ms) = edit_and_wait(port, path, text, &format!("Eilig {i}"));
        busy.push(ms);
        std::thread::sleep(Duration::from_millis(150));
    }
    stats(
        "edit → visible over HTTP (edits 150 ms apart, server busy)",
        busy,
    );
    wait_idle(&count);

    // 3. load while offers change (every 100 ms), then during a full re-render.
    let mut paths: Vec<String> = vec!["/".into(), "/lotse.css".into(), "/regionen/".into()];
    paths.extend(
        offers
            .iter()
            .step_by(97)
            .map(|id| format!("/angebote/{id}/")),
    );
    let stop = Arc::new(AtomicBool::new(false));
    let rebuilds = Arc::new(AtomicUsize::new(0));
    let editor = {
        let (stop, rebuilds) = (stop.clone(), rebuilds.clone());
        let originals = originals.clone();
        std::thread::spawn(move || {
            let mut n = 0;
            while !stop.load(Ordering::Relaxed) {
                let (p, t) = &originals[n % originals.len()];
                std::fs::write(p, set_title(t, &format!("Last {n}"))).unwrap();
                rebuilds.fetch_add(1, Ordering::Relaxed);
                n += 1;
                std::thread::sleep(Duration::from_millis(100));
            }
        })
    };
    std::thread::sleep(Duration::from_millis(50));
    load(port, &paths, "load while offers are edited");
    stop.store(true, Ordering::Relaxed);
    editor.join().unwrap();
    println!(
        "  ({} offer edits during the load)",
        rebuilds.load(Ordering::Relaxed)
    );
    wait_idle(&count);

    let tpl = site.join("templates/page.html");
    std::fs::create_dir_all(tpl.parent().unwrap()).unwrap();
    let page = std::fs::read_to_string("themes/lotse/templates/page.html").unwrap_or_default();
    let before = count("all pages current");
    std::fs::write(
        &tpl,
        page.replace(
            "{% endblock content %}",
            "<!-- bench -->{% endblock content %}",
        ),
    )
    .unwrap();
    std::thread::sleep(Duration::from_millis(100));
    load(
        port,
        &paths,
        "load during a full re-render (template changed)",
    );
    println!(
        "  (the re-render was {} when the load ended)",
        if count("all pages current") == before {
            "still running"
        } else {
            "done"
        }
    );
    std::fs::remove_dir_all(site.join("templates")).unwrap();
    wait_idle(&count);

    for (p, t) in &originals {
        std::fs::write(p, t).unwrap();
    }
    std::thread::sleep(Duration::from_millis(500));
    let _ = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status();
    let _ = child.wait();
}
