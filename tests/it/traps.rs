//! The traps coordinators fall into (issue 17's table), one test each:
//! the message names the fix, at the right file and line, with the right
//! exit code. Each bad input is a fixture `trap-*` laid over `full`.

use crate::harness::{Fixture, TODAY};

/// `full` with the fixture `trap-<name>` laid over it.
fn trap(name: &str) -> Fixture {
    let fx = Fixture::copy("full");
    fx.overlay(&format!("trap-{name}"));
    fx
}

#[test]
fn a_german_date_says_how_to_write_dates_and_whether_the_day_exists() {
    let fx = trap("german-date");
    let run = fx.check();
    run.code(1);
    assert_eq!(run.errors().len(), 2, "{run}");
    let rel = "content/offers/termin.md";
    run.error_at(&fx.pos(rel, "31.09.2026"))
        .says("`31.09.2026` is a German date, and that day does not exist")
        .helps("write dates as 2026-09-30 (year-month-day); that month has 30 days");
    let rel = "content/offers/termin-text.md";
    run.error_at(&fx.pos(rel, "\"30.09.2026\""))
        .says("`30.09.2026` is a German date, which lotse cannot read")
        .helps("write dates as 2026-09-30 (year-month-day): `start = 2026-09-30`");
    fx.build().code(1);
}

#[test]
fn a_range_of_grades_is_written_out() {
    let fx = trap("grade-range");
    let run = fx.check();
    run.code(1);
    run.only_error()
        .at(&fx.pos("content/offers/klassen.md", "[8-10]"))
        .says("`[8-10]` is not a list of numbers")
        .helps("write every number: `grades = [8, 9, 10]`");
}

#[test]
fn typographic_quotes_ask_for_straight_ones() {
    let fx = trap("quotes");
    let run = fx.check();
    run.code(1);
    run.only_error()
        .at(&fx.pos("content/offers/anfuehrung.md", "„"))
        .says("typographic quotes („…“ or “…”) are not quotes in TOML")
        .helps("use straight quotes \"…\": `title = \"Azubi-Speed-Dating\"`");
}

#[test]
fn a_top_level_key_below_a_table_is_an_error_not_a_lost_value() {
    let fx = trap("after-table");
    let run = fx.check();
    run.code(1);
    run.only_error()
        .at(&fx.pos("content/regions/nach-block.md", "checked"))
        .says("`checked` belongs above the first `[[milestones]]`; here it is part of the block")
        .helps(
            "move the line `checked = …` above the first `[[milestones]]`: every line after `[[milestones]]` belongs to that block",
        );
    assert!(run.warnings().is_empty(), "{run}");
    // Moved up, it is the region's.
    fx.replace(
        "content/regions/nach-block.md",
        "checked = 2026-11-01\n",
        "",
    );
    fx.replace(
        "content/regions/nach-block.md",
        "kind = \"landkreis\"\n",
        "kind = \"landkreis\"\nchecked = 2026-11-01\n",
    );
    fx.check().ok();
}

#[test]
fn a_new_vocabulary_key_shows_the_line_to_add() {
    let fx = trap("new-vocab-key");
    let run = fx.check();
    run.code(1);
    run.only_error()
        .at(&fx.pos("content/partners/kreishandwerkerschaft.md", "\"kreishandwerkerschaft\""))
        .says("`kreishandwerkerschaft` is not in the vocabulary `partner_kinds` (field `kind`)")
        .helps_with(
            "if `kreishandwerkerschaft` is new, add the line `kreishandwerkerschaft = \"…\"` under `[partner_kinds]` in content/vocabularies.toml",
        );
    // The line as shown is the fix.
    fx.replace(
        "content/vocabularies.toml",
        "[partner_kinds]\n",
        "[partner_kinds]\nkreishandwerkerschaft = \"Kreishandwerkerschaft\"\n",
    );
    fx.check().ok();
}

#[test]
fn a_tab_indented_paragraph_is_a_warning_and_a_fenced_block_is_not() {
    let fx = trap("tab");
    let run = fx.check();
    run.code(0);
    let rel = "content/offers/einruecken.md";
    run.only_warning()
        .at(&fx.pos(rel, "\tDieser"))
        .says("this text starts with a tab, so the page shows it as code in a grey box")
        .helps("remove the tab at the start of the line; if it is code, put it between two lines ``` instead");
    fx.replace(rel, "\tDieser", "Dieser");
    let run = fx.check();
    assert!(run.diags().is_empty(), "{run}");
}

#[test]
fn two_entries_with_one_title_are_a_warning_naming_both_files() {
    let fx = trap("duplicate-title");
    let run = fx.check();
    run.code(0);
    run.only_warning()
        .at(&fx.pos("content/offers/berufsfelderkundung-herbst.md", "\"Berufsfelderkundung\""))
        .says("the title \"Berufsfelderkundung\" is also the title of content/offers/berufsfelderkundung.md")
        .helps("every list shows both entries alike; give each its own title, or remove one of the two files");
}

#[test]
fn placeholders_of_init_warn_in_build_and_fail_check_strict() {
    let fx = Fixture::empty();
    crate::harness::run_in(fx.root(), &["init", "site"]).ok();
    let site = fx.root().join("site");
    let run = crate::harness::run_in(&site, &["check", "--today", TODAY]);
    run.code(0);
    let warnings = run.warnings();
    assert_eq!(warnings.len(), 4, "{run}");
    let impressum = warnings
        .iter()
        .find(|w| w.location.starts_with("content/pages/impressum.md"))
        .unwrap();
    impressum
        .at("content/pages/impressum.md:11:1")
        .says("this legal page still holds 9 placeholders in [square brackets] from `lotse init`")
        .helps("replace every text in [square brackets] with your own details before the site goes public");
    let run = crate::harness::run_in(&site, &["build", "--today", TODAY]);
    run.code(0);
    assert_eq!(run.warnings().len(), 4, "{run}");
    let run = crate::harness::run_in(&site, &["check", "--strict", "--today", TODAY]);
    run.code(1);
    assert_eq!(run.errors().len(), 4, "{run}");
    // Filled in, the Impressum is quiet.
    let path = site.join("content/pages/impressum.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace(['[', ']'], "")).unwrap();
    let run = crate::harness::run_in(&site, &["check", "--today", TODAY]);
    assert_eq!(run.warnings().len(), 3, "{run}");
}

#[test]
fn german_status_words_are_accepted() {
    let fx = trap("german-status");
    let run = fx.check();
    run.ok();
    assert!(run.diags().is_empty(), "{run}");
    fx.build_ok();
    // Shown as the status they stand for.
    let region = fx.output("regionen/deutsch/index.html");
    for badge in [
        "<span class=\"badge badge--done\">erreicht</span> 1 von 2",
        "<span class=\"badge badge--in-progress\">in Arbeit</span> 1 von 2",
    ] {
        assert!(region.contains(badge), "no `{badge}`");
    }
    let agreement = fx.output("vereinbarungen/deutsch/index.html");
    for badge in [
        "badge--planned\">geplant</span> 1",
        "badge--postponed\">verschoben</span> 1",
    ] {
        assert!(agreement.contains(badge), "no `{badge}`");
    }
}

/// The same traps in German (a `de` site without `LOTSE_LANG`, and
/// `LOTSE_LANG=de`): each message and hint as printed, at its place, with
/// the exit code.
#[test]
fn every_trap_speaks_german_on_a_german_site() {
    let de = [("LOTSE_LANG", std::path::Path::new("de"))];
    // (fixture, severity, file, needle for the place, message, help, exit)
    let cases: &[(&str, &str, &str, &str, &str, &str, i32)] = &[
        (
            "german-date",
            "fehler",
            "content/offers/termin.md",
            "31.09.2026",
            "„31.09.2026“ ist ein deutsches Datum, und diesen Tag gibt es nicht",
            "Schreiben Sie Datumsangaben als 2026-09-30 (Jahr-Monat-Tag); dieser Monat hat 30 Tage",
            1,
        ),
        (
            "german-date",
            "fehler",
            "content/offers/termin-text.md",
            "\"30.09.2026\"",
            "„30.09.2026“ ist ein deutsches Datum; lotse liest Datumsangaben nur als Jahr-Monat-Tag",
            "Schreiben Sie Datumsangaben als 2026-09-30 (Jahr-Monat-Tag): `start = 2026-09-30`",
            1,
        ),
        (
            "grade-range",
            "fehler",
            "content/offers/klassen.md",
            "[8-10]",
            "[8-10] ist keine Liste von Zahlen",
            "Schreiben Sie jede Zahl einzeln: `grades = [8, 9, 10]`",
            1,
        ),
        (
            "quotes",
            "fehler",
            "content/offers/anfuehrung.md",
            "„",
            "Typografische Anführungszeichen („…“ oder “…”) gelten in den Feldern nicht als Anführungszeichen",
            "Verwenden Sie gerade Anführungszeichen \"…\": `title = \"Azubi-Speed-Dating\"`",
            1,
        ),
        (
            "after-table",
            "fehler",
            "content/regions/nach-block.md",
            "checked",
            "„checked“ gehört über das erste `[[milestones]]`; hier ist es Teil des Blocks",
            "Verschieben Sie die Zeile `checked = …` über das erste `[[milestones]]`: Jede Zeile nach `[[milestones]]` gehört zu diesem Block",
            1,
        ),
        (
            "new-vocab-key",
            "fehler",
            "content/partners/kreishandwerkerschaft.md",
            "\"kreishandwerkerschaft\"",
            "„kreishandwerkerschaft“ ist kein erlaubter Wert der Liste „partner_kinds“ (Feld „kind“)",
            "Wenn „kreishandwerkerschaft“ neu ist, ergänzen Sie die Zeile `kreishandwerkerschaft = \"…\"` unter `[partner_kinds]` in content/vocabularies.toml",
            1,
        ),
        (
            "tab",
            "warnung",
            "content/offers/einruecken.md",
            "\tDieser",
            "Dieser Text beginnt mit einem Tabulator, deshalb zeigt die Seite ihn als Code in einem grauen Kasten",
            "Entfernen Sie den Tabulator am Zeilenanfang; ist es Code, setzen Sie ihn stattdessen zwischen zwei Zeilen ```",
            0,
        ),
        (
            "duplicate-title",
            "warnung",
            "content/offers/berufsfelderkundung-herbst.md",
            "\"Berufsfelderkundung\"",
            "Den Titel „Berufsfelderkundung“ hat auch content/offers/berufsfelderkundung.md",
            "Jede Liste zeigt beide Einträge gleich; geben Sie jedem einen eigenen Titel oder entfernen Sie eine der beiden Dateien",
            0,
        ),
    ];
    for &(name, severity, rel, needle, message, help, code) in cases {
        let fx = trap(name);
        let place = fx.pos(rel, needle);
        // The fixture's site is German: without LOTSE_LANG, and with it.
        let mut cmd = std::process::Command::new(crate::harness::lotse());
        cmd.args(["check", "--today", TODAY])
            .current_dir(fx.root())
            .env_remove("LOTSE_LANG");
        let out = cmd.output().unwrap();
        let plain = String::from_utf8_lossy(&out.stderr).into_owned();
        let run = crate::harness::run_in_env(fx.root(), &["check", "--today", TODAY], &de);
        assert_eq!(
            run.stderr, plain,
            "{name}: LOTSE_LANG=de differs from the site's language"
        );
        assert_eq!(run.code, code, "{name}\n{run}");
        let head = format!("{severity}: {place}: {message}\n");
        assert!(run.stderr.contains(&head), "{name}: no `{head}`\n{run}");
        let hint = format!("= hilfe: {help}");
        let block = &run.stderr[run.stderr.find(&head).unwrap()..];
        let block = &block[..block.find("\n\n").unwrap_or(block.len())];
        assert!(block.contains(&hint), "{name}: no `{hint}` in\n{block}");
    }
    // German status words need no message at all; the placeholders of
    // `lotse init` speak German in a German site.
    let fx = Fixture::empty();
    crate::harness::run_in(fx.root(), &["init", "site"]).ok();
    let site = fx.root().join("site");
    let run = crate::harness::run_in_env(&site, &["check", "--strict", "--today", TODAY], &de);
    run.code(1);
    run.stderr_has(
        "fehler: content/pages/impressum.md:11:1: Diese Pflichtseite enthält noch 9 Platzhalter in [eckigen Klammern] aus `lotse init`\n",
    )
    .stderr_has("= hilfe: Ersetzen Sie jede Angabe in [eckigen Klammern] durch Ihre eigenen, bevor die Website öffentlich wird");
}

/// The dev server reports a duplicate title made by an edit, and forgets
/// it when the edit is undone, as a full build would.
#[test]
fn serve_sees_a_title_made_a_duplicate_and_undone() {
    use lotse::serve::session::Session;
    use lotse::serve::watch::Batch;
    let fx = Fixture::copy("full");
    let options = lotse::build::BuildOptions {
        drafts: false,
        today: jiff::civil::Date::new(2026, 11, 22).unwrap(),
        base_url: Some("http://127.0.0.1:1111/".into()),
    };
    let mut session = Session::new(fx.root(), options);
    assert!(session.errors().is_none());
    session.take_warnings();
    let rel = "content/offers/elternabend.md";
    let mut edit = |from: &str, to: &str| {
        fx.replace(rel, from, to);
        let batch = Batch {
            paths: [fx.path(rel)].into_iter().collect(),
            ..Default::default()
        };
        session.apply(&batch.changes(fx.root()), &[]);
        session.render_pending();
        let w = session.take_warnings();
        w.iter()
            .filter(|d| d.message.key == "duplicate-title")
            .count()
    };
    let other = Fixture::copy("full").read("content/offers/bewerbungstraining.md");
    assert!(other.contains("title = \"Bewerbungstraining\""));
    assert_eq!(
        edit(
            "title = \"Elternabend Berufswahl\"",
            "title = \"Bewerbungstraining\""
        ),
        1
    );
    assert_eq!(
        edit(
            "title = \"Bewerbungstraining\"",
            "title = \"Elternabend Berufswahl\""
        ),
        0
    );
}
