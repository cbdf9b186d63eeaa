//! The search on the example site, through the real `search.js` in node:
//! every query of the relevance list (benches/search/relevance.json) finds
//! every page it must (recall 1.0) with a page a person would pick first;
//! highlights land on the original characters of umlaut text; the JS
//! folding one character at a time (for highlights) is the folding of
//! whole words.

use crate::outputs::require;
use lotse::build::{BuildOptions, build};
use std::path::Path;
use std::process::Command;

/// Runs `script` in node with `S` (search.js), `M` (index.json), `load`
/// (a shard), `docs` (all documents) and `REL` (the relevance list) of the
/// example site's index; returns what it prints as JSON.
fn run_on_example(script: &str) -> serde_json::Value {
    require("node", "nodejs");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let opts = BuildOptions {
        drafts: false,
        today: jiff::civil::date(2026, 11, 22),
        base_url: None,
    };
    let b = build(root, &opts).unwrap_or_else(|_| panic!("the example site builds"));
    let dir = tempfile::tempdir().unwrap();
    for (path, bytes) in &b.output.files {
        if path.starts_with("suche/") || path == "search.js" {
            let dest = dir.path().join(path);
            std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
            std::fs::write(dest, bytes).unwrap();
        }
    }
    let prelude = format!(
        r#"
const S = require({js:?});
const fs = require("fs");
const dir = {dir:?};
const M = JSON.parse(fs.readFileSync(dir + "/suche/index.json"));
const load = n => Promise.resolve(JSON.parse(fs.readFileSync(dir + "/suche/t-" + n + ".json")));
const docs = [];
for (let i = 0; i < M.chunks; i++) docs.push(...JSON.parse(fs.readFileSync(dir + "/suche/d-" + i + ".json")));
const REL = JSON.parse(fs.readFileSync({rel:?}));
"#,
        js = dir.path().join("search.js").to_str().unwrap(),
        dir = dir.path().to_str().unwrap(),
        rel = root.join("benches/search/relevance.json").to_str().unwrap(),
    );
    let out = Command::new("node")
        .arg("-e")
        .arg(format!("{prelude}\n{script}"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn every_relevant_page_is_found_and_the_first_is_the_one_to_pick() {
    let v = run_on_example(
        r#"
(async () => {
  const out = [];
  for (const r of REL.queries) {
    const hits = await S.find(r.q, M, load);
    const ordered = S.exactTitleFirst(r.q, hits, h => docs[h[0]], M.lang);
    out.push(ordered.map(h => docs[h[0]][1]));
  }
  console.log(JSON.stringify(out));
})();
"#,
    );
    let rel: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/search/relevance.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let queries = rel["queries"].as_array().unwrap();
    assert!(queries.len() >= 15);
    let mut failures = Vec::new();
    for (r, found) in queries.iter().zip(v.as_array().unwrap()) {
        let q = r["q"].as_str().unwrap();
        let found: Vec<&str> = found
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f.as_str().unwrap())
            .collect();
        for must in r["must"].as_array().unwrap() {
            let must = must.as_str().unwrap();
            if !found.contains(&must) {
                failures.push(format!("{q:?} does not find {must} (found {found:?})"));
            }
        }
        if let Some(first) = r.get("first").and_then(|f| f.as_array()) {
            let ok = found
                .first()
                .is_some_and(|f| first.iter().any(|x| x.as_str() == Some(*f)));
            if !ok {
                failures.push(format!(
                    "{q:?}: first is {:?}, want one of {first:?}",
                    found.first()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn highlights_mark_the_original_characters_after_umlauts() {
    let v = run_on_example(
        r#"
(async () => {
  const mark = async (q, text) => {
    const hits = await S.find(q, M, load);
    return S.highlights(text, hits.forms, M.lang).map(([a, b]) => text.slice(a, b));
  };
  const words = ["Brückenkurs", "Straße", "Maßnahme", "Übergänge", "aee", "Schuelerpraktikum", "Öl", "İstanbul", "ΟΔΥΣΣΕΥΣ", "Mœurs"];
  console.log(JSON.stringify({
    same: words.map(w => { const m = S.foldMap(w); return m === null ? null : m.text === S.fold(w); }),
    brucke: await mark("brucke", "Der Brückenkurs: eine Brücke in die Ausbildung."),
    bruecke: await mark("bruecke", "Über die Brücke"),
    orientierung: await mark("orientierung", "Studien- und Berufsorientierung, Orientierungen"),
    praktika: await mark("praktika", "Ein Praktikum, zwei Praktika; die Praktikumsbörse."),
    eltern: await mark("eltern abend", "Zum Elternabend kommen Eltern am Abend."),
    umlaut: await mark("ausbildungsplatze", "Mehr Ausbildungsplätze für Jugendliche"),
  }));
})();
"#,
    );
    // Per-character folding matches the folding of the word (or says it
    // cannot, and whole words are marked).
    for s in v["same"].as_array().unwrap() {
        assert_ne!(s, &serde_json::json!(false), "{v}");
    }
    assert_eq!(v["brucke"], serde_json::json!(["Brücke", "Brücke"]), "{v}");
    assert_eq!(v["bruecke"], serde_json::json!(["Brücke"]));
    assert_eq!(
        v["orientierung"],
        serde_json::json!(["orientierung", "Orientierungen"]),
        "a compound part is marked inside its word"
    );
    assert_eq!(
        v["praktika"],
        serde_json::json!(["Praktikum", "Praktika", "Praktikum"])
    );
    assert_eq!(
        v["eltern"],
        serde_json::json!(["Eltern", "abend", "Eltern", "Abend"])
    );
    assert_eq!(v["umlaut"], serde_json::json!(["Ausbildungsplätze"]));
}
