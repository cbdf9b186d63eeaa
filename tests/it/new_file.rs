//! `lotse new`: no invented values (a required field nobody gave is left
//! empty with the allowed values in a comment, and `check` points at it),
//! and `--set key=value`, checked before anything is written.

use crate::harness::{Fixture, tree};

#[test]
fn a_new_partner_gets_no_kind_nobody_asked_for() {
    let fx = Fixture::copy("full");
    fx.run(&["new", "partner", "Agentur für Arbeit Coesfeld"])
        .ok();
    let rel = "content/partners/agentur-fuer-arbeit-coesfeld.md";
    let text = fx.read(rel);
    assert!(!text.contains("schule"), "{text}");
    let kind_line = text.lines().nth(2).unwrap();
    assert!(kind_line.starts_with("kind = \"\" "), "{text}");
    // The comment lists the site's partner kinds.
    assert!(
        kind_line.contains("Pflicht; einer von: agentur-fuer-arbeit, ihk, hwk"),
        "{kind_line}"
    );
    let run = fx.check();
    run.code(1);
    run.error_at(&format!("{rel}:3:8"))
        .says("`kind` must not be empty")
        .helps("fill in one of the allowed values between the quotes");
    assert_eq!(run.errors().len(), 1, "{run}");
}

#[test]
fn set_fills_fields_and_the_file_checks_clean() {
    let fx = Fixture::copy("full");
    fx.run(&[
        "new",
        "offer",
        "Praktikumsbörse",
        "--set",
        "providers=ihk-beispiel, agentur-beispiel",
        "--set",
        "regions=stadt-beispiel",
        "--set",
        "target_groups=schueler",
        "--set",
        "grades=8,9,10",
        "--set",
        "start=2026-09-30",
        "--set",
        "cost=kostenfrei \"für alle\"",
        "--set",
        "url=https://example.org/boerse",
        "--set",
        "draft=nein",
    ])
    .ok();
    let text = fx.read("content/offers/praktikumsboerse.md");
    for line in [
        "providers = [\"ihk-beispiel\", \"agentur-beispiel\"]",
        "grades = [8, 9, 10]",
        "start = 2026-09-30",
        "cost = \"kostenfrei \\\"für alle\\\"\"",
        "draft = false",
    ] {
        assert!(text.contains(&format!("\n{line} ")), "no `{line}`:\n{text}");
    }
    let run = fx.check();
    run.ok();
    assert!(run.diags().is_empty(), "{run}");
}

#[test]
fn a_bad_set_is_an_error_and_nothing_is_written() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["new", "offer", "X", "--set", "region=stadt-beispiel"],
            "no field `region` that --set can fill; did you mean `regions`?",
        ),
        (
            &["new", "offer", "X", "--set", "regions=stadt"],
            "`stadt` is not allowed in `regions` (did you mean `stadt-beispiel`?)",
        ),
        (
            &["new", "partner", "X", "--set", "kind=schule"],
            "`schule` is not allowed in `kind` (allowed: agentur-fuer-arbeit, ihk",
        ),
        (
            &["new", "offer", "X", "--set", "start=31.09.2026"],
            "`31.09.2026` is not a date; write it as 2026-09-30",
        ),
        (
            &["new", "offer", "X", "--set", "grades=8-10"],
            "`8-10` is no whole number from 1 to 13",
        ),
        (
            &["new", "offer", "X", "--set", "grades=14"],
            "`14` is no whole number from 1 to 13",
        ),
        (
            &[
                "new",
                "partner",
                "X",
                "--set",
                "website=javascript:alert(1)",
            ],
            "write the address with `https://`",
        ),
        (
            &["new", "partner", "X", "--set", "draft=vielleicht"],
            "write true or false",
        ),
        (
            &["new", "partner", "X", "--set", "kind"],
            "write `--set key=value`",
        ),
        (
            &["new", "partner", "X", "--set", "title=Y"],
            "the title is the argument after the type",
        ),
        (
            &["new", "region", "X", "--set", "milestones=x"],
            "no field `milestones` that --set can fill",
        ),
    ];
    let fx = Fixture::copy("full");
    let before = tree(fx.root());
    for (args, says) in cases {
        let run = fx.run(args);
        run.code(1);
        assert!(
            run.stderr.contains(says),
            "{args:?}: wanted `{says}`\n{run}"
        );
        assert!(tree(fx.root()) == before, "{args:?} wrote something");
    }
}
