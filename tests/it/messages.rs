//! Messages in the site's language and the machine-readable diagnostics:
//! German for a German site (the `full` fixture has `language = "de"`),
//! English for an English one, `LOTSE_LANG` over both; `lotse check
//! --format json` against docs/schemas/diagnostic.schema.json.

use crate::harness::{Fixture, Run, TODAY, lotse};
use std::process::Command;

const OFFER: &str = "content/offers/bewerbungstraining.md";
const AGREEMENT: &str = "content/agreements/kooperation-2013.md";

/// Runs lotse in the fixture with `LOTSE_LANG` set to `lang`, or unset.
fn run_lang(fx: &Fixture, lang: Option<&str>, args: &[&str]) -> Run {
    let mut cmd = Command::new(lotse());
    cmd.args(args)
        .current_dir(fx.root())
        .env("NO_COLOR", "1")
        .env_remove("RUST_LOG")
        .env_remove("LOTSE_LANG");
    if let Some(l) = lang {
        cmd.env("LOTSE_LANG", l);
    }
    let out = cmd.output().expect("cannot run lotse");
    Run {
        args: args.iter().map(|s| s.to_string()).collect(),
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn with_typo() -> Fixture {
    let fx = Fixture::copy("full");
    fx.replace(
        OFFER,
        "providers = [\"agentur-beispiel\", \"ihk-beispiel\"]",
        "providers = [\"agentur-beispiel\", \"ihk-beispeil\"]",
    );
    fx
}

#[test]
fn a_german_site_gets_german_messages_with_meinten_sie() {
    let fx = with_typo();
    for args in [
        &["check", "--today", TODAY][..],
        &["build", "--today", TODAY],
    ] {
        let run = run_lang(&fx, None, args);
        run.code(1);
        let at = fx.pos(OFFER, "\"ihk-beispeil\"");
        let head =
            format!("fehler: {at}: unbekannte Partner-ID „ihk-beispeil“ im Feld „providers“\n");
        assert!(run.stderr.contains(&head), "{run}");
        assert!(
            run.stderr
                .contains("  = hilfe: meinten Sie `ihk-beispiel`?\n"),
            "{run}"
        );
        // the source line and the caret under the id, as in English
        assert!(
            run.stderr
                .contains("| providers = [\"agentur-beispiel\", \"ihk-beispeil\"]\n"),
            "{run}"
        );
        assert!(run.stderr.contains("^^^^^^^^^^^^^^"), "{run}");
        assert!(
            !run.stderr.contains("error:"),
            "English left in German output\n{run}"
        );
        // the count line, one error, warnings in the plural or singular
        let count = run
            .stderr
            .lines()
            .rev()
            .find(|l| l.contains("Fehler,"))
            .unwrap_or("");
        assert!(count.starts_with("1 Fehler, "), "{run}");
        assert!(
            count.ends_with(" Warnungen") || count.ends_with(" Warnung"),
            "{run}"
        );
    }
    let build = run_lang(&fx, None, &["build", "--today", TODAY]);
    build.stderr_has("Der Bau ist fehlgeschlagen; `./public` bleibt unverändert.");
}

#[test]
fn lotse_lang_overrides_the_site_language() {
    let fx = with_typo();
    let en = run_lang(&fx, Some("en"), &["check", "--today", TODAY]);
    en.code(1)
        .stderr_has("unknown partner `ihk-beispeil` in `providers`")
        .stderr_has("  = help: did you mean `ihk-beispiel`?");
    let de = run_lang(&fx, Some("de"), &["check", "--today", TODAY]);
    de.code(1)
        .stderr_has("unbekannte Partner-ID „ihk-beispeil“");
    // A value it does not know leaves the choice to the site.
    let fr = run_lang(&fx, Some("fr"), &["check", "--today", TODAY]);
    fr.code(1).stderr_has("unbekannte Partner-ID");
}

#[test]
fn an_english_site_gets_english_messages() {
    let fx = with_typo();
    fx.replace("site.toml", "language = \"de\"", "language = \"en\"");
    // the theme has English strings; nothing else changes
    let run = run_lang(&fx, None, &["check", "--today", TODAY]);
    run.code(1)
        .stderr_has("error: ")
        .stderr_has("unknown partner `ihk-beispeil` in `providers`")
        .stderr_has("  = help: did you mean `ihk-beispiel`?");
    assert!(!run.stderr.contains("fehler:"), "{run}");
}

#[test]
fn a_date_error_in_german() {
    let fx = Fixture::copy("full");
    fx.replace(
        AGREEMENT,
        "in_force = \"2013-06-01\"",
        "in_force = \"2013-6-1\"",
    );
    let run = run_lang(&fx, Some("de"), &["check", "--today", TODAY]);
    run.code(1);
    let at = fx.pos(AGREEMENT, "\"2013-6-1\"");
    run.stderr_has(&format!(
        "fehler: {at}: Das Feld „in_force“ enthält kein gültiges Datum\n"
    ))
    .stderr_has("  = hilfe: Schreiben Sie Datumsangaben als Jahr-Monat-Tag, z. B. 2013-05-29\n");
}

#[test]
fn summaries_in_german_with_the_right_plural() {
    let fx = Fixture::copy("full");
    let check = run_lang(&fx, None, &["check", "--today", TODAY]);
    check.code(0).stdout_has("Keine Fehler.");
    let build = run_lang(&fx, None, &["build", "--today", TODAY]);
    build.code(0);
    let line = build
        .stdout
        .lines()
        .find(|l| l.contains(" Seiten ("))
        .unwrap_or("");
    assert!(
        line.contains(" Dateien) in ") && line.contains(" s erzeugt, in ./public"),
        "{build}"
    );
    let en = run_lang(&fx, Some("en"), &["build", "--today", TODAY]);
    assert!(en.stdout.starts_with("Built "), "{en}");
    assert!(en.stdout.contains(" files) in "), "{en}");
}

// ── lotse check --format json ───────────────────────────────────────────

fn schema() -> jsonschema::Validator {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("docs/schemas/diagnostic.schema.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    jsonschema::draft202012::new(&schema).expect("the schema itself is valid")
}

/// Every line of stdout as JSON, each valid against the schema.
#[track_caller]
fn json_lines(run: &Run) -> Vec<serde_json::Value> {
    let v = schema();
    let lines: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {e}: {l}")))
        .collect();
    for l in &lines {
        let errors: Vec<String> = v.iter_errors(l).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{l} does not fit the schema: {errors:?}");
    }
    assert!(!lines.is_empty());
    for l in &lines[..lines.len() - 1] {
        assert_eq!(l["type"], "diagnostic", "{l}");
    }
    // `type` comes first on every line, as documented
    for raw in run.stdout.lines() {
        assert!(raw.starts_with("{\"type\":\""), "{raw}");
    }
    assert_eq!(lines.last().unwrap()["type"], "summary");
    lines
}

#[test]
fn json_names_code_place_span_hint_and_replacement() {
    let fx = with_typo();
    fx.replace(
        AGREEMENT,
        "in_force = \"2013-06-01\"",
        "in_force = \"2013-6-1\"",
    );
    let run = run_lang(
        &fx,
        Some("en"),
        &["check", "--today", TODAY, "--format", "json"],
    );
    run.code(1);
    assert!(run.stderr.is_empty(), "{run}");
    let lines = json_lines(&run);
    let d = lines
        .iter()
        .find(|l| l["name"] == "unknown-reference")
        .unwrap_or_else(|| panic!("{run}"));
    let at = fx.pos(OFFER, "\"ihk-beispeil\"");
    let (line, col) = {
        let mut p = at.rsplitn(3, ':');
        let col: u64 = p.next().unwrap().parse().unwrap();
        let line: u64 = p.next().unwrap().parse().unwrap();
        (line, col)
    };
    assert_eq!(d["severity"], "error");
    assert_eq!(d["code"], "L0101");
    assert_eq!(d["file"], OFFER);
    assert_eq!(
        d["message"],
        "unknown partner `ihk-beispeil` in `providers`"
    );
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(line), Some(col))
    );
    // the span is the quoted id: 14 characters on the same line
    assert_eq!(d["end"]["line"].as_u64(), Some(line));
    assert_eq!(d["end"]["column"].as_u64(), Some(col + 14));
    assert_eq!(d["hint"], "did you mean `ihk-beispiel`?");
    assert_eq!(d["replacement"], "ihk-beispiel");
    let date = lines.iter().find(|l| l["name"] == "invalid-date").unwrap();
    assert_eq!(date["code"], "L0307");
    assert_eq!(date["replacement"], serde_json::Value::Null);
    assert_eq!(date["hint"], "write a date as YYYY-MM-DD, e.g. 2013-05-29");
    // errors first; the summary counts what came before it
    let summary = lines.last().unwrap();
    let errors = lines.iter().filter(|l| l["severity"] == "error").count();
    let warnings = lines.iter().filter(|l| l["severity"] == "warning").count();
    assert_eq!(summary["errors"].as_u64(), Some(errors as u64));
    assert_eq!(summary["warnings"].as_u64(), Some(warnings as u64));
    assert_eq!(errors, 2, "{run}");
    assert!(lines[..errors].iter().all(|l| l["severity"] == "error"));
}

#[test]
fn json_in_german_and_for_a_clean_site() {
    let fx = with_typo();
    let run = run_lang(&fx, None, &["check", "--today", TODAY, "--format", "json"]);
    run.code(1);
    let lines = json_lines(&run);
    let d = lines.iter().find(|l| l["code"] == "L0101").unwrap();
    assert_eq!(
        d["message"],
        "unbekannte Partner-ID „ihk-beispeil“ im Feld „providers“"
    );
    assert_eq!(d["hint"], "meinten Sie `ihk-beispiel`?");

    let clean = Fixture::copy("full");
    let run = run_lang(
        &clean,
        None,
        &["check", "--today", TODAY, "--format", "json"],
    );
    run.code(0);
    let lines = json_lines(&run);
    let summary = lines.last().unwrap();
    assert_eq!(summary["errors"].as_u64(), Some(0));
    // a file-level warning (no position) has nulls where the place would be
    for l in &lines[..lines.len() - 1] {
        if l["line"].is_null() {
            assert!(l["column"].is_null() && l["end"].is_null(), "{l}");
        }
    }
}

#[test]
fn json_for_a_folder_that_is_no_site() {
    let fx = Fixture::empty();
    let run = run_lang(&fx, Some("en"), &["check", "--format", "json"]);
    run.code(1);
    let lines = json_lines(&run);
    let d = lines
        .iter()
        .find(|l| l["code"] == "L0001")
        .unwrap_or_else(|| panic!("{run}"));
    assert_eq!(d["name"], "not-a-site");
    assert_eq!(d["file"], "site.toml");
    assert!(d["line"].is_null(), "{d}");
}

#[test]
fn the_schema_rejects_what_the_format_does_not_allow() {
    let v = schema();
    let good = serde_json::json!({
        "type": "diagnostic", "severity": "warning", "code": "L0309", "name": "unknown-field",
        "message": "unknown field `titel`", "file": "content/x.md", "line": 2, "column": 1,
        "end": {"line": 2, "column": 6}, "hint": "did you mean `title`?", "replacement": "title"
    });
    assert!(v.is_valid(&good));
    for (key, bad) in [
        ("severity", serde_json::json!("fatal")),
        ("code", serde_json::json!("E0101")),
        ("line", serde_json::json!(0)),
        ("end", serde_json::Value::Null),
    ] {
        let mut d = good.clone();
        d[key] = bad;
        assert!(!v.is_valid(&d), "{key}: {d}");
    }
    let mut extra = good.clone();
    extra["colour"] = serde_json::json!("red");
    assert!(!v.is_valid(&extra));
}

// ── lotse serve: console and overlay in the site's language ─────────────

#[test]
fn serve_speaks_german_in_the_terminal_and_the_overlay() {
    use crate::serve::{Server, Site, wait_for};
    let site = Site::example();
    let id = &site.ids("offers")[0];
    let rel = format!("content/offers/{id}.md");
    let good = site.read(&rel);
    let srv = Server::start_lang(&site, &[], None);
    assert!(srv.stdout().contains("Vorschau von "), "{}", srv.stdout());
    site.write(
        &rel,
        good.replacen("+++\n", "+++\nregions = \"kein-liste\"\n", 1),
    );
    let url = format!("/angebote/{id}/");
    let r = srv.wait_body(&url, "the overlay", |r| {
        r.text().contains("lotse-error-overlay")
    });
    let page = r.text();
    assert!(
        page.contains("<strong>lotse: Die letzte Änderung lässt sich nicht bauen.</strong>"),
        "{page}"
    );
    assert!(page.contains(&format!("fehler: {rel}:")), "{page}");
    assert!(page.contains("1 Fehler, "), "{page}");
    wait_for(30, "the German terminal note", || {
        srv.stderr()
            .contains("Die letzte fehlerfreie Fassung wird weiter gezeigt")
            .then_some(())
    });
    assert!(
        srv.stderr().contains(&format!("fehler: {rel}:")),
        "{}",
        srv.stderr()
    );
    site.write(&rel, &good);
    wait_for(30, "the fix", || {
        srv.stdout()
            .contains("Behoben: Die Website lässt sich wieder bauen.")
            .then_some(())
    });
    let out = srv.stdout();
    assert!(out.contains(" aktualisiert in "), "{out}");
    assert!(!out.contains("files updated"), "{out}");
}

#[test]
fn a_refused_output_folder_in_german() {
    let fx = Fixture::copy("full");
    let run = run_lang(
        &fx,
        None,
        &["build", "--today", TODAY, "--output", "content/x"],
    );
    run.code(1).stderr_has(
        "fehler: Die Website wird nicht nach `content/x` geschrieben: Das liegt im Ordner `content/` der Website",
    );
    let en = run_lang(
        &fx,
        Some("en"),
        &["build", "--today", TODAY, "--output", "content/x"],
    );
    en.code(1).stderr_has(
        "error: refusing to write the site into `content/x`: it is inside the site's `content/` folder",
    );
}

/// `lotse init` speaks German unless told otherwise (the site it writes is
/// German; there is no site.toml yet to ask), and says so for a folder
/// that is not empty.
#[test]
fn init_speaks_german() {
    let fx = Fixture::empty();
    let run = run_lang(&fx, None, &["init", "neu"]);
    run.code(0)
        .stdout_has("Neue Website in neu angelegt.\nWeiter: cd neu && lotse serve\n");
    let again = run_lang(&fx, None, &["init", "neu"]);
    again.code(1).stderr_has(
        "fehler: `neu` ist nicht leer; `lotse init` schreibt nur in einen neuen oder leeren Ordner",
    );
    // The site.toml it writes explains itself in German.
    assert!(
        fx.read("neu/site.toml")
            .contains("Pflicht sind nur title und base_url")
    );
}
