//! `lotse check`: every content error and warning, and every broken internal
//! link, without writing anything.

use crate::harness::{Fixture, TODAY, tree};

#[test]
fn a_good_site_checks_clean_and_nothing_is_written() {
    let fx = Fixture::copy("full");
    let before = tree(fx.tmp());
    let run = fx.check();
    run.ok().stdout_has("No errors.");
    assert!(run.diags().is_empty(), "{run}");
    assert!(tree(fx.tmp()) == before, "check wrote files");
    assert!(!fx.path("public").exists());
}

#[test]
fn errors_exit_1_and_nothing_is_written() {
    let fx = Fixture::copy("full");
    fx.replace(
        "content/offers/elternabend.md",
        "providers = [\"schulamt-beispiel\"]",
        "providers = [\"schulamt-beispie\"]",
    );
    fx.overlay("toml-syntax");
    let before = tree(fx.tmp());
    let run = fx.check();
    run.code(1);
    assert_eq!(run.errors().len(), 2, "{run}");
    assert!(run.stderr.ends_with("2 errors, 0 warnings\n"), "{run}");
    assert!(!run.stdout.contains("No errors."));
    assert!(tree(fx.tmp()) == before, "check wrote files");
}

#[test]
fn warnings_alone_exit_0() {
    let fx = Fixture::copy("full");
    fx.insert_after(
        "content/pages/impressum.md",
        "title = \"Impressum\"",
        "autor = \"x\"",
    );
    let run = fx.check();
    run.ok().stdout_has("No errors.");
    run.only_warning().is(
        "content/pages/impressum.md:3:1",
        "unknown field `autor`",
        None,
    );
    assert!(run.stderr.ends_with("0 errors, 1 warning\n"), "{run}");
}

#[test]
fn broken_internal_links_are_errors() {
    let fx = Fixture::copy("full");
    fx.replace(
        "content/pages/impressum.md",
        "Text der Seite impressum.",
        "Siehe [Datenschutz](@/pages/datenschutzerklaerung.md).",
    );
    let run = fx.check();
    run.code(1);
    run.only_error().is(
        "content/pages/impressum.md:4:21",
        "link to `@/pages/datenschutzerklaerung.md`, but there is no content file `content/pages/datenschutzerklaerung.md`",
        Some("an internal link names a file below content/, e.g. `@/partners/ihk-offenbach.md`"),
    );
}

#[test]
fn drafts_are_checked_with_drafts() {
    // A draft's references are checked when drafts are built.
    let fx = Fixture::copy("full");
    fx.replace(
        "content/offers/entwurf-angebot.md",
        "providers = [\"traeger-beispiel\"]",
        "providers = [\"traeger-beispil\"]",
    );
    fx.run(&["check", "--drafts", "--today", TODAY])
        .code(1)
        .only_error()
        .is(
            "content/offers/entwurf-angebot.md:3:14",
            "unknown partner `traeger-beispil` in `providers`",
            Some("did you mean `traeger-beispiel`?"),
        );
    // Its fields are read (and their types checked) either way.
    let fx = Fixture::copy("full");
    fx.replace(
        "content/offers/entwurf-angebot.md",
        "grades = [11]",
        "grades = [15]",
    );
    fx.check().code(1).only_error().is(
        "content/offers/entwurf-angebot.md:6:11",
        "`grades` must be between 1 and 13, found 15",
        None,
    );
}

#[test]
fn check_runs_from_anywhere_with_root() {
    let fx = Fixture::copy("full");
    let elsewhere = tempfile::tempdir().unwrap();
    crate::harness::run_in(
        elsewhere.path(),
        &["--root", fx.root().to_str().unwrap(), "check"],
    )
    .ok();
    // Locations stay relative to the site root.
    fx.replace(
        "content/regions/stadt-beispiel.md",
        "phase = 4",
        "phase = 9",
    );
    let run = crate::harness::run_in(
        elsewhere.path(),
        &["--root", fx.root().to_str().unwrap(), "check"],
    );
    run.code(1)
        .only_error()
        .at("content/regions/stadt-beispiel.md:7:9");
    // Without a site, a clear message.
    let run = crate::harness::run_in(elsewhere.path(), &["check"]);
    run.code(1);
    run.error_at("site.toml")
        .says("`.` is not a lotse site: it has no `site.toml`");
}

#[test]
fn a_broken_link_in_a_body_is_a_warning_naming_the_file() {
    let fx = Fixture::copy("full");
    fx.write(
        "content/pages/kaputt.md",
        "+++\ntitle = \"Kaputt\"\n+++\nSiehe [dort](/gibt-es-nicht/).\n",
    );
    let run = fx.check();
    run.code(0);
    assert!(
        run.stderr.contains(
            "warning: content/pages/kaputt.md: its page links to `/netz/gibt-es-nicht/`, which the site does not have"
        ),
        "{run}"
    );
}

#[test]
fn a_broken_template_override_fails_the_check_and_the_build() {
    // `check` renders in memory (to find broken links), so it reports a
    // broken template like the build does.
    let fx = Fixture::full_built();
    let before = tree(&fx.path("public"));
    fx.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}{{ entry.title }{% endblock content %}",
    );
    fx.check().code(1);
    let run = fx.build();
    run.code(1);
    let e = run.only_error();
    assert!(e.location.starts_with("templates"), "{run}");
    assert!(e.message.starts_with("template error"), "{run}");
    assert!(tree(&fx.path("public")) == before, "public/ changed");
}
