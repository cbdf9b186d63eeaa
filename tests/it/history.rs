//! `[history] show = false` in site.toml: the pages list no commit
//! messages (no "Änderungsverlauf" section), while the commits' dates still
//! fill "Stand" and the sitemap. A wrong value is reported at its place.

use crate::harness::Fixture;
use crate::outputs::{git, require};

/// Every file of `public/` as text, with its path.
fn all_output(fx: &Fixture) -> Vec<(String, String)> {
    fx.output_files()
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(fx.path("public").join(&p)).unwrap();
            (p, String::from_utf8_lossy(&bytes).into_owned())
        })
        .collect()
}

#[test]
fn history_show_false_hides_the_commit_messages() {
    require("git", "git");
    let fx = Fixture::copy("outputs");
    let date = "2025-03-04T09:00:00+00:00";
    git(fx.root(), &["init", "-q", "-b", "main"], date);
    git(fx.root(), &["add", "."], date);
    git(
        fx.root(),
        &["commit", "-q", "-m", "Interne Notiz zu Frau M."],
        date,
    );
    let page = "angebote/lehrkraefte-fortbildung/index.html";

    // Shown by default.
    fx.build_ok();
    assert!(fx.output(page).contains("Änderungsverlauf"));
    assert!(fx.output(page).contains("Interne Notiz zu Frau M."));

    fx.write(
        "site.toml",
        format!("{}\n[history]\nshow = false\n", fx.read("site.toml")),
    );
    let run = fx.build_ok();
    assert!(!run.stderr.contains("history"), "{run}");
    for (path, text) in all_output(&fx) {
        assert!(
            !text.contains("Interne Notiz"),
            "{path} shows a commit message"
        );
        assert!(!text.contains("Änderungsverlauf"), "{path}");
    }
    // The date of the last commit is still the page's "Stand".
    assert!(fx.output(page).contains("datetime=\"2025-03-04\""));
    assert!(
        fx.output("sitemap.xml")
            .contains("<lastmod>2025-03-04</lastmod>")
    );
}

#[test]
fn history_show_must_be_true_or_false() {
    let fx = Fixture::copy("outputs");
    let base = fx.read("site.toml");
    fx.write("site.toml", format!("{base}\n[history]\nshow = \"nein\"\n"));
    let run = fx.build();
    run.code(1);
    let line = base.lines().count() + 3;
    let e = run.error_at(&format!("site.toml:{line}:8"));
    assert!(e.message.contains("show"), "{run}");

    fx.write("site.toml", format!("{base}\n[history]\nzeigen = false\n"));
    let run = fx.build_ok();
    let w = run.warnings();
    assert!(
        w.iter().any(|d| d.message.contains("history.zeigen")),
        "{run}"
    );
}
