//! The command line (CONTENT-MODEL.md §5): help, usage errors (exit 2),
//! `init`, `new`.

use crate::harness::{Fixture, TODAY, broken_links, run_in, tree};

#[test]
fn help_for_every_command_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["--help"][..],
        &["-h"],
        &["help"],
        &["build", "--help"],
        &["check", "--help"],
        &["init", "--help"],
        &["new", "--help"],
        &["help", "build"],
    ] {
        let run = run_in(dir.path(), args);
        run.code(0);
        assert!(run.stdout.contains("Usage: lotse"), "{run}");
    }
    let run = run_in(dir.path(), &["--help"]);
    for command in ["build", "check", "init", "new"] {
        assert!(
            run.stdout.contains(command),
            "--help lacks `{command}`\n{run}"
        );
    }
    let run = run_in(dir.path(), &["build", "--help"]);
    for option in ["--output", "--base-url", "--drafts", "--today", "--root"] {
        assert!(
            run.stdout.contains(option),
            "build --help lacks `{option}`\n{run}"
        );
    }
    run_in(dir.path(), &["--version"])
        .code(0)
        .stdout_has(env!("CARGO_PKG_VERSION"));
}

#[test]
fn usage_errors_exit_2_and_do_nothing() {
    let fx = Fixture::full_built();
    let before = tree(fx.tmp());
    for args in [
        &[][..],
        &["bauen"],
        &["build", "--gibts-nicht"],
        &["build", "--today"],
        &["build", "--today", "morgen"],
        &["build", "--today", "2026-13-01"],
        &["build", "--base-url", "ftp://example.org/"],
        &["check", "überflüssig"],
        &["init"],
        &["new"],
        &["new", "offer"],
        &["new", "angebot", "Titel"],
        &["new", "offer", "Titel", "zu viel"],
    ] {
        let run = fx.run(args);
        run.code(2);
        assert!(!run.stderr.is_empty(), "{run}");
        assert!(run.stdout.is_empty(), "{run}");
    }
    assert!(tree(fx.tmp()) == before, "a usage error changed files");
}

#[test]
fn init_makes_a_site_that_builds_at_once_with_the_legal_pages() {
    let dir = tempfile::tempdir().unwrap();
    let run = run_in(dir.path(), &["init", "neu"]);
    run.ok().stdout_has("Created a new site in neu.");
    let site = dir.path().join("neu");
    assert!(site.join("site.toml").is_file());
    // No errors, and no warnings but one per legal page: its
    // [placeholders] are to be filled in before the site goes public.
    let run = run_in(&site, &["check", "--today", TODAY]);
    run.ok();
    let warnings: Vec<String> = run.diags().into_iter().map(|d| d.message).collect();
    assert_eq!(warnings.len(), 4, "{run}");
    assert!(warnings.iter().all(|w| w.contains("placeholder")), "{run}");
    run_in(&site, &["build", "--today", TODAY]).ok();
    let public = site.join("public");
    for page in [
        "index.html",
        "impressum/index.html",
        "datenschutz/index.html",
        "barrierefreiheit/index.html",
        "leichte-sprache/index.html",
        "regionen/index.html",
        "partner/index.html",
        "angebote/index.html",
        "gute-praxis/index.html",
        "vereinbarungen/index.html",
        "404.html",
    ] {
        assert!(public.join(page).is_file(), "init site lacks {page}");
    }
    // Every type has an example.
    for dir in [
        "regions",
        "partners",
        "offers",
        "practice",
        "agreements",
        "pages",
    ] {
        let n = std::fs::read_dir(site.join("content").join(dir))
            .unwrap()
            .count();
        assert!(n > 0, "init site has no {dir}");
    }
    // The footer links the four legal pages.
    let home = std::fs::read_to_string(public.join("index.html")).unwrap();
    for legal in [
        "impressum",
        "datenschutz",
        "barrierefreiheit",
        "leichte-sprache",
    ] {
        assert!(
            home.contains(&format!("href=\"/{legal}/\"")),
            "home lacks {legal}"
        );
    }
    let base_url = "https://www.example.org/";
    assert!(
        std::fs::read_to_string(site.join("site.toml"))
            .unwrap()
            .contains(base_url)
    );
    let broken = broken_links(&public, base_url);
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

#[test]
fn init_into_an_empty_folder_and_with_root() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("leer")).unwrap();
    run_in(dir.path(), &["init", "leer"]).ok();
    assert!(dir.path().join("leer/content/vocabularies.toml").is_file());
    // A deeper path is created.
    run_in(dir.path(), &["init", "a/b/c"]).ok();
    run_in(dir.path(), &["--root", "a/b/c", "check"]).ok();
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("voll")).unwrap();
    std::fs::write(dir.path().join("voll/notizen.md"), "meins").unwrap();
    let before = tree(dir.path());
    let run = run_in(dir.path(), &["init", "voll"]);
    run.code(1);
    assert_eq!(
        run.only_error().message,
        "`voll` is not empty; `lotse init` only writes into a new or empty folder"
    );
    assert!(tree(dir.path()) == before);
    // Also a site that exists already.
    let fx = Fixture::copy("full");
    let before = tree(fx.tmp());
    run_in(fx.tmp(), &["init", "site"]).code(1);
    assert!(tree(fx.tmp()) == before);
}

#[test]
fn new_offer_makes_a_file_named_by_the_id_rule() {
    let fx = Fixture::copy("full");
    let run = fx.run(&["new", "offer", "Übergang Büro"]);
    run.ok();
    let rel = "content/offers/uebergang-buero.md";
    assert!(fx.path(rel).is_file(), "{run}");
    assert!(run.stdout.contains("uebergang-buero.md"), "{run}");
    let text = fx.read(rel);
    assert!(
        text.starts_with("+++\ntitle = \"Übergang Büro\"\n"),
        "{text}"
    );
    // As written, the required fields nobody gave are reported at their
    // lines, and nothing else: `new` invents no values.
    let run = fx.check();
    run.code(1);
    let found: Vec<(String, String)> = run
        .errors()
        .into_iter()
        .map(|e| (e.location, e.message))
        .collect();
    let at = |line: usize, col: usize| format!("{rel}:{line}:{col}");
    assert_eq!(
        found,
        [
            (
                at(3, 13),
                "`providers` needs at least one entry".to_string()
            ),
            (at(4, 11), "`regions` needs at least one entry".to_string()),
            (
                at(5, 17),
                "`target_groups` needs at least one entry".to_string()
            ),
        ],
        "{run}"
    );
    // Each line's comment names the site's allowed values.
    let text = fx.read(rel);
    assert!(
        text.contains(
            "regions = []                        # Pflicht; aus: kreis-beispiel, stadt-beispiel\n"
        ),
        "{text}"
    );
    // With real ids, the file is accepted.
    fx.replace(rel, "providers = []", "providers = [\"ihk-beispiel\"]");
    fx.replace(rel, "regions = []", "regions = [\"stadt-beispiel\"]");
    fx.replace(rel, "target_groups = []", "target_groups = [\"schueler\"]");
    let run = fx.check();
    run.ok();
    assert!(run.diags().is_empty(), "{run}");
    fx.build_ok();
    assert!(fx.has_output("angebote/uebergang-buero/index.html"));
}

/// Uncomments every `# key = value` and `# [[table]]` line of a new file.
fn uncomment(text: &str) -> String {
    text.lines()
        .map(|l| {
            let rest = l.strip_prefix("# ").unwrap_or(l);
            let is_field = rest.split_once(" = ").is_some_and(|(k, _)| {
                !k.is_empty() && k.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
            });
            if l.starts_with("# ") && (is_field || rest.starts_with("[[")) {
                format!("{rest}\n")
            } else {
                format!("{l}\n")
            }
        })
        .collect()
}

#[test]
fn every_commented_field_of_a_new_file_is_a_field_of_the_model() {
    // `lotse new` lists every field, commented out, with values from the
    // site (its ids and vocabulary keys). Uncommented, with the required
    // fields given by `--set`, each file must check without a single error
    // or warning: no field is misspelt, each example value has the right
    // type.
    for (kind, dir, set) in [
        ("region", "regions", &["kind=kreisfreie-stadt"][..]),
        ("partner", "partners", &["kind=ihk"][..]),
        (
            "offer",
            "offers",
            &[
                "providers=agentur-beispiel",
                "regions=stadt-beispiel",
                "target_groups=schueler",
            ][..],
        ),
        ("practice", "practice", &["regions=stadt-beispiel"][..]),
        (
            "agreement",
            "agreements",
            &["regions=stadt-beispiel", "signed=2026-01-31"][..],
        ),
        ("page", "pages", &[][..]),
    ] {
        let fx = Fixture::copy("full");
        let mut args = vec!["new", kind, "Neu im Netz"];
        for s in set {
            args.extend(["--set", s]);
        }
        fx.run(&args).ok();
        let rel = format!("content/{dir}/neu-im-netz.md");
        fx.edit(&rel, |s| uncomment(&s));
        let text = fx.read(&rel);
        assert!(!text.contains("\n# "), "a commented field is left:\n{text}");
        let run = fx.run(&["check", "--drafts", "--today", TODAY]);
        assert!(
            run.code == 0 && run.diags().is_empty(),
            "`lotse new {kind}`, uncommented:\n{text}\n{run}"
        );
    }
}

#[test]
fn new_escapes_the_title_and_refuses_what_it_cannot_do() {
    let fx = Fixture::copy("full");
    fx.run(&["new", "page", "Das \"Beste\" \\ Mehr"]).ok();
    let rel = "content/pages/das-beste-mehr.md";
    assert!(
        fx.read(rel)
            .contains("title = \"Das \\\"Beste\\\" \\\\ Mehr\"")
    );
    fx.check().ok();
    // The same title again: the file exists, it is left alone.
    let before = fx.read(rel);
    let run = fx.run(&["new", "page", "Das Beste: Mehr"]);
    run.code(1);
    assert!(run.only_error().message.contains("exists already"), "{run}");
    assert_eq!(fx.read(rel), before);
    // A title without letters or digits.
    let run = fx.run(&["new", "partner", "–!?"]);
    run.code(1);
    assert_eq!(
        run.only_error().message,
        "the title `–!?` gives no usable file name; use letters or digits"
    );
    // Outside a site.
    let dir = tempfile::tempdir().unwrap();
    let run = run_in(dir.path(), &["new", "offer", "X"]);
    run.code(1);
    assert!(
        run.only_error()
            .message
            .contains("has no `content/` folder"),
        "{run}"
    );
    assert!(tree(dir.path()).is_empty());
}

#[test]
fn a_new_file_names_every_field_of_its_type() {
    use lotse::model::{Kind, entities::known_fields};
    // Fields of the table rows (CONTENT-MODEL §3).
    const CONTACTS: &[&str] = &["name", "role", "phone", "email", "hours"];
    let rows: &[(Kind, &str, &[&str])] = &[
        (Kind::Region, "contacts", CONTACTS),
        (Kind::Partner, "contacts", CONTACTS),
        (Kind::Offer, "contacts", CONTACTS),
        (
            Kind::Region,
            "steering_group",
            &["partner", "role", "since", "until"],
        ),
        (
            Kind::Region,
            "milestones",
            &["phase", "indicator", "status", "date", "evidence"],
        ),
        (Kind::Agreement, "parties", &["partner", "represented_by"]),
        (
            Kind::Agreement,
            "bodies",
            &["name", "kind", "members", "chair", "meets"],
        ),
        (
            Kind::Agreement,
            "goals",
            &["goal", "standard", "responsible", "due", "status"],
        ),
    ];
    for kind in Kind::ALL {
        let fx = Fixture::copy("full");
        fx.run(&["new", kind.name(), "Alle Felder"]).ok();
        let text = uncomment(&fx.read(&format!("content/{}/alle-felder.md", kind.dir())));
        // Keys of the top level (before the first table) and of each table.
        let mut tables: Vec<(String, Vec<String>)> = vec![(String::new(), Vec::new())];
        for line in text.lines() {
            if let Some(name) = line.strip_prefix("[[").and_then(|l| l.strip_suffix("]]")) {
                tables.push((name.to_string(), Vec::new()));
            } else if let Some((key, _)) = line.split_once(" = ") {
                tables.last_mut().unwrap().1.push(key.to_string());
            }
        }
        // `description` is an old name of `summary`, not offered to authors.
        for field in known_fields(kind)
            .into_iter()
            .filter(|f| *f != "description")
        {
            let is_table = rows.iter().any(|(k, t, _)| *k == kind && *t == field);
            let present = if is_table {
                tables.iter().any(|(t, _)| t == field)
            } else {
                tables[0].1.iter().any(|k| k == field)
            };
            assert!(
                present,
                "`lotse new {}` lacks `{field}`:\n{text}",
                kind.name()
            );
        }
        for (k, table, keys) in rows {
            if *k != kind {
                continue;
            }
            let (_, found) = tables.iter().find(|(t, _)| t == table).unwrap();
            for key in *keys {
                assert!(
                    found.iter().any(|f| f == key),
                    "`lotse new {}` lacks `{table}.{key}`",
                    kind.name()
                );
            }
        }
    }
}
