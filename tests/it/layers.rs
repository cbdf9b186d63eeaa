//! The import graph of `src/`: no circle, no module importing a higher
//! layer (`scripts/check-layers.py`, also run by `scripts/test-all.sh`), so
//! that `cargo test` alone catches a new circle. The script's self-test
//! plants problems in a made-up crate and fails unless it finds them all.

use std::path::Path;
use std::process::Command;

fn run(args: &[&str]) -> (bool, String) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // No python3 is a failure, not a skip: the check must run.
    let out = Command::new("python3")
        .arg(root.join("scripts/check-layers.py"))
        .args(args)
        .current_dir(root)
        .output()
        .expect("python3 runs scripts/check-layers.py (install python3)");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

#[test]
fn the_checker_finds_planted_circles_and_upward_imports() {
    let (ok, text) = run(&["--self-test"]);
    assert!(ok, "{text}");
    assert!(text.contains("finds 3 of 3"), "{text}");
}

#[test]
fn no_circle_and_every_import_points_down() {
    let (ok, text) = run(&[]);
    assert!(ok, "{text}");
    assert!(
        text.contains("no circle, every import points down"),
        "{text}"
    );
}
