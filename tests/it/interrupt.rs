//! `lotse build` interrupted at each stage by SIGINT, SIGTERM or SIGKILL:
//! `public/` keeps a whole site, byte for byte the previous one (or the new
//! one once swapped), and no staging folder survives the next build. The
//! build is held at a stage with the test hook `LOTSE_TEST_PAUSE` (see
//! `pause_point` in `src/write.rs`).

#![cfg(unix)]

use crate::harness::{Fixture, TODAY, lotse, tree};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::os::unix::process::ExitStatusExt;
use std::process::{Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// The folders beside `public/` that a build stages in.
fn leftovers(fx: &Fixture) -> Vec<String> {
    std::fs::read_dir(fx.root())
        .unwrap()
        .filter_map(|e| {
            let n = e.unwrap().file_name().to_string_lossy().into_owned();
            n.starts_with(".public.lotse-").then_some(n)
        })
        .collect()
}

/// Starts `lotse build` held at `stage`, sends `signal` once it is there,
/// and returns how it ended.
fn interrupted(fx: &Fixture, stage: &str, signal: &str, exchange: bool) -> ExitStatus {
    let mut cmd = Command::new(lotse());
    cmd.args(["build", "--today", TODAY])
        .current_dir(fx.root())
        .env("NO_COLOR", "1")
        .env("LOTSE_LANG", "en")
        .env("LOTSE_TEST_PAUSE", stage)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    if !exchange {
        cmd.env("LOTSE_TEST_NO_EXCHANGE", "1");
    }
    let mut child = cmd.spawn().unwrap();
    let (tx, rx) = mpsc::channel();
    let stderr = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let want = format!("lotse-test: paused at {stage}");
    let mut seen = Vec::new();
    loop {
        match rx.recv_timeout(Duration::from_secs(120)) {
            Ok(l) if l == want => break,
            Ok(l) => seen.push(l),
            Err(_) => {
                let _ = child.kill();
                panic!("the build never paused at {stage}:\n{}", seen.join("\n"));
            }
        }
    }
    let ok = Command::new("kill")
        .args([&format!("-{signal}"), &child.id().to_string()])
        .status()
        .unwrap();
    assert!(ok.success());
    // Generous: a stuck build fails the test instead of hanging it.
    for _ in 0..1200 {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    panic!("the build did not end after SIG{signal} at {stage}");
}

/// A built site whose next build differs: `(fixture, previous public/)`.
fn changed_site() -> (Fixture, BTreeMap<String, Vec<u8>>) {
    let fx = Fixture::full_built();
    let before = tree(&fx.path("public"));
    fx.write("static/neu.txt", "neu");
    (fx, before)
}

/// The next build succeeds, leaves no staging folder, and writes the new site.
fn next_build_cleans_up(fx: &Fixture) {
    fx.build_ok();
    assert_eq!(leftovers(fx), Vec::<String>::new());
    assert!(fx.has_output("neu.txt"));
}

/// Whether the file system of the fixture can exchange two folders.
fn exchange_works(fx: &Fixture) -> bool {
    let (a, b) = (fx.tmp().join("xa"), fx.tmp().join("xb"));
    std::fs::create_dir_all(&a).unwrap();
    std::fs::create_dir_all(&b).unwrap();
    let ok = lotse::write::exchange(&a, &b).is_ok();
    std::fs::remove_dir(&a).unwrap();
    std::fs::remove_dir(&b).unwrap();
    ok
}

#[test]
fn ctrl_c_and_sigterm_keep_the_previous_output_and_remove_the_staging_folder() {
    for signal in ["INT", "TERM"] {
        for stage in ["render", "swap"] {
            for exchange in [true, false] {
                let (fx, before) = changed_site();
                let status = interrupted(&fx, stage, signal, exchange);
                let what = format!("SIG{signal} at {stage} (exchange {exchange})");
                assert_eq!(status.code(), Some(130), "{what}");
                assert!(
                    tree(&fx.path("public")) == before,
                    "{what}: public/ changed"
                );
                assert_eq!(leftovers(&fx), Vec::<String>::new(), "{what}");
                next_build_cleans_up(&fx);
            }
        }
    }
}

#[test]
fn ctrl_c_after_the_swap_keeps_the_new_output_whole() {
    for exchange in [true, false] {
        let (fx, _) = changed_site();
        let status = interrupted(&fx, "cleanup", "INT", exchange);
        assert_eq!(status.code(), Some(130));
        assert!(fx.has_output("neu.txt"));
        assert!(fx.path("public/.lotse-output").exists());
        assert_eq!(leftovers(&fx), Vec::<String>::new());
        let interrupted_tree = tree(&fx.path("public"));
        next_build_cleans_up(&fx);
        assert!(tree(&fx.path("public")) == interrupted_tree);
    }
}

#[test]
fn sigkill_at_any_stage_loses_nothing() {
    for (stage, exchange, new) in [
        ("render", true, false),
        ("swap", true, false),
        ("swap", false, false),
        ("cleanup", true, true),
        ("cleanup", false, true),
    ] {
        let what = format!("SIGKILL at {stage} (exchange {exchange})");
        let (fx, before) = changed_site();
        let status = interrupted(&fx, stage, "KILL", exchange);
        assert_eq!(status.signal(), Some(9), "{what}");
        let now = tree(&fx.path("public"));
        if stage == "cleanup" {
            // Where the previous site waits shows which swap ran: the
            // exchange leaves it in the staging folder's place.
            let aside = if exchange && exchange_works(&fx) {
                ".public.lotse-new"
            } else {
                ".public.lotse-old"
            };
            assert_eq!(leftovers(&fx), vec![aside.to_string()], "{what}");
            assert!(tree(&fx.path(aside)) == before, "{what}");
        }
        if new {
            assert!(now.contains_key("neu.txt"), "{what}");
            assert!(now.contains_key(".lotse-output"), "{what}");
        } else {
            assert!(now == before, "{what}: public/ changed");
        }
        next_build_cleans_up(&fx);
    }
}

#[test]
fn sigkill_between_the_two_renames_is_recovered() {
    // Only the fallback swap has this moment: the previous output is aside.
    let (fx, before) = changed_site();
    let status = interrupted(&fx, "between-renames", "KILL", false);
    assert_eq!(status.signal(), Some(9));
    assert!(!fx.path("public").exists());
    assert!(tree(&fx.path(".public.lotse-old")) == before);
    // A build that fails (a content error) restores it and changes nothing.
    fx.write("content/regions/kaputt.md", "no front matter");
    fx.build().code(1);
    assert!(tree(&fx.path("public")) == before);
    assert_eq!(leftovers(&fx), Vec::<String>::new());
    fx.remove("content/regions/kaputt.md");
    next_build_cleans_up(&fx);
}
