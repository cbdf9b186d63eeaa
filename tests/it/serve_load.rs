//! A load test of the dev server with `wrk` (Debian package `wrk`): 8 s,
//! 16 connections on loopback over a mix of pages, while a content file is
//! edited again and again so that rebuilds run under the load. Not one
//! socket error, not one answer outside 2xx/3xx. Without `wrk` the test
//! fails and says how to install it (`scripts/test-all.sh` does).

use crate::serve::{Server, Site};
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// The figure after `label` in wrk's report (`0` when wrk omits the line,
/// as it does for zero errors).
fn figure(report: &str, label: &str) -> u64 {
    report
        .lines()
        .find_map(|l| l.trim().strip_prefix(label))
        .map_or(0, |rest| {
            rest.trim()
                .split(|c: char| !c.is_ascii_digit())
                .next()
                .unwrap_or("")
                .parse()
                .unwrap_or_else(|_| panic!("no figure after `{label}` in:\n{report}"))
        })
}

#[test]
fn serve_load_wrk_without_errors_while_rebuilding() {
    if let Err(e) = Command::new("wrk").arg("--version").output() {
        panic!(
            "this test needs `wrk`, which cannot be run ({e}); install it \
             (Debian: apt-get install wrk) or run scripts/test-all.sh, which does"
        );
    }
    let site = Site::example();
    let srv = Server::start(&site, &[]);
    let offers = site.ids("offers");
    let mut paths = vec![
        "/".to_string(),
        "/angebote/".into(),
        "/partner/".into(),
        "/lotse.css".into(),
    ];
    paths.extend(offers.iter().take(5).map(|id| format!("/angebote/{id}/")));
    let list: Vec<String> = paths.iter().map(|p| format!("\"{p}\"")).collect();
    let script = site.tmp.path().join("mix.lua");
    std::fs::write(
        &script,
        format!(
            "local paths = {{{}}}\nlocal i = 0\nrequest = function()\n  i = i + 1\n  return wrk.format(\"GET\", paths[(i % #paths) + 1])\nend\n",
            list.join(", ")
        ),
    )
    .unwrap();
    // Rebuilds under load: an offer's text changes every 300 ms.
    let stop = Arc::new(AtomicBool::new(false));
    let editor = {
        let (stop, file) = (
            stop.clone(),
            site.path(&format!("content/offers/{}.md", offers[0])),
        );
        std::thread::spawn(move || {
            let base = std::fs::read_to_string(&file).unwrap();
            let mut n = 0;
            while !stop.load(Ordering::Relaxed) {
                n += 1;
                std::fs::write(&file, format!("{base}\nÄnderung {n}.\n")).unwrap();
                std::thread::sleep(Duration::from_millis(300));
            }
            n
        })
    };
    let out = Command::new("wrk")
        .args(["-t2", "-c16", "-d8s", "--timeout", "10s", "-s"])
        .arg(&script)
        .arg(format!("http://127.0.0.1:{}/", srv.port))
        .output()
        .unwrap();
    stop.store(true, Ordering::Relaxed);
    let edits = editor.join().unwrap();
    let report = String::from_utf8_lossy(&out.stdout).into_owned();
    eprintln!("{report}");
    assert!(
        out.status.success(),
        "{report}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let requests = report
        .lines()
        .find_map(|l| l.trim().split_once(" requests in "))
        .map(|(n, _)| n.trim().parse::<u64>().unwrap())
        .unwrap_or_else(|| panic!("no request count in:\n{report}"));
    assert!(requests >= 100, "only {requests} requests:\n{report}");
    assert!(!report.contains("Socket errors"), "{report}");
    assert_eq!(figure(&report, "Non-2xx or 3xx responses:"), 0, "{report}");
    assert!(edits >= 5, "{edits} edits");
    assert!(
        srv.stdout().matches(" updated in ").count() >= 2,
        "no rebuilds ran under the load:\n{}",
        srv.stdout()
    );
}
