//! `lotse schema`: the JSON Schemas it writes are valid draft 2020-12,
//! accept every file of the example site and the good fixtures (front
//! matter converted TOML → JSON, as editors do), reject what the reader
//! rejects where a schema can say so, and name exactly the reader's fields.

use crate::harness::{Fixture, run_in};
use jsonschema::Validator;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::path::Path;

/// A TOML value as JSON: dates become their text, as editors hand them on.
fn to_json(v: &toml::Value) -> Value {
    match v {
        toml::Value::String(s) => Value::String(s.clone()),
        toml::Value::Integer(i) => Value::from(*i),
        toml::Value::Float(f) => Value::from(*f),
        toml::Value::Boolean(b) => Value::Bool(*b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.iter().map(to_json).collect()),
        toml::Value::Table(t) => Value::Object(
            t.iter()
                .map(|(k, v)| (k.clone(), to_json(v)))
                .collect::<Map<_, _>>(),
        ),
    }
}

fn toml_json(text: &str, what: &str) -> Value {
    let table: toml::Table = toml::from_str(text).unwrap_or_else(|e| panic!("{what}: {e}"));
    to_json(&toml::Value::Table(table))
}

/// The front matter of a content file (between the `+++` lines) as JSON.
fn front_matter(text: &str, what: &str) -> Value {
    let mut lines = text.lines();
    assert_eq!(lines.next().map(str::trim_end), Some("+++"), "{what}");
    let front: Vec<&str> = lines.take_while(|l| l.trim_end() != "+++").collect();
    toml_json(&front.join("\n"), what)
}

/// Every schema of the site in `root`, written by `lotse schema --output`.
fn schemas(root: &Path) -> BTreeMap<String, Validator> {
    let out = tempfile::tempdir().unwrap();
    let out_arg = out.path().to_str().unwrap();
    run_in(root, &["schema", "--output", out_arg]).ok();
    let mut map = BTreeMap::new();
    for entry in std::fs::read_dir(out.path()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap();
        let target = name.strip_suffix(".schema.json").unwrap().to_string();
        let schema: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert!(
            jsonschema::meta::is_valid(&schema),
            "{name} is no JSON Schema"
        );
        assert_eq!(
            schema["$schema"], "https://json-schema.org/draft/2020-12/schema",
            "{name}"
        );
        let v = jsonschema::validator_for(&schema).unwrap();
        map.insert(target, v);
    }
    assert_eq!(map.len(), 15, "{:?}", map.keys());
    map
}

/// Every file a schema covers: (schema name, path relative to root, JSON).
fn documents(root: &Path) -> Vec<(String, String, Value)> {
    let mut docs = Vec::new();
    let read = |rel: &str| std::fs::read_to_string(root.join(rel)).unwrap();
    docs.push((
        "site".into(),
        "site.toml".into(),
        toml_json(&read("site.toml"), "site.toml"),
    ));
    let vocab = "content/vocabularies.toml";
    if root.join(vocab).exists() {
        docs.push((
            "vocabularies".into(),
            vocab.into(),
            toml_json(&read(vocab), vocab),
        ));
    }
    let home = "content/_index.md";
    if root.join(home).exists() && read(home).starts_with("+++") {
        docs.push(("home".into(), home.into(), front_matter(&read(home), home)));
    }
    for kind in lotse::model::Kind::ALL {
        let dir = root.join("content").join(kind.dir());
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries {
            let name = entry.unwrap().file_name().into_string().unwrap();
            // `x.en.md` is a translation, not covered by the type's schema.
            let Some(stem) = name.strip_suffix(".md") else {
                continue;
            };
            if stem.contains('.') || stem.starts_with('_') {
                continue;
            }
            let rel = format!("content/{}/{name}", kind.dir());
            docs.push((
                kind.name().into(),
                rel.clone(),
                front_matter(&read(&rel), &rel),
            ));
        }
    }
    docs
}

fn errors(v: &Validator, doc: &Value) -> Vec<String> {
    v.iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

fn assert_all_valid(root: &Path, label: &str) -> usize {
    let schemas = schemas(root);
    let docs = documents(root);
    for (target, rel, doc) in &docs {
        let errs = errors(&schemas[target], doc);
        assert!(
            errs.is_empty(),
            "{label}: {rel} against {target}: {errs:#?}"
        );
    }
    docs.len()
}

#[test]
fn the_example_site_and_the_good_fixtures_pass_their_schemas() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let n = assert_all_valid(repo, "example site");
    assert!(n > 30, "only {n} files of the example site were checked");
    for name in ["full", "lang-ar", "lang-en", "outputs"] {
        let fx = Fixture::copy(name);
        assert!(assert_all_valid(fx.root(), name) > 3, "{name}");
    }
    for name in ["multilingual-2", "multilingual-5", "brand"] {
        let fx = Fixture::copy("full");
        fx.overlay(name);
        assert_all_valid(fx.root(), name);
    }
}

/// `file` of the site in `fx` against its schema: the schema errors.
fn schema_errors(fx: &Fixture, target: &str, rel: &str) -> Vec<String> {
    let schemas = schemas(fx.root());
    let text = fx.read(rel);
    let doc = if rel.ends_with(".md") {
        front_matter(&text, rel)
    } else {
        toml_json(&text, rel)
    };
    errors(&schemas[target], &doc)
}

#[test]
fn the_bad_fixtures_a_schema_can_judge_are_rejected_by_it_as_by_lotse() {
    // (fixture over `full`, schema, file, what the schema's error names).
    // The other bad fixtures are no TOML at all (`31.09.2026`, `[8-10]`,
    // „quotes“, bad UTF-8), or wrong where a schema cannot look (a file
    // name, a duplicate title, the text below the front matter).
    let cases = [
        (
            "hostile-url-field",
            "offer",
            "content/offers/angriff.md",
            "at /url",
        ),
        (
            "hostile-url-field",
            "partner",
            "content/partners/angriff.md",
            "at /website",
        ),
        (
            "trap-new-vocab-key",
            "partner",
            "content/partners/kreishandwerkerschaft.md",
            "at /kind",
        ),
        (
            "trap-after-table",
            "region",
            "content/regions/nach-block.md",
            "at /milestones/0",
        ),
        (
            "trap-german-date",
            "offer",
            "content/offers/termin-text.md",
            "at /start",
        ),
        (
            "multilingual-2+ml-bad-field",
            "offer-translation",
            "content/offers/bewerbungstraining.en.md",
            "'regions' was unexpected",
        ),
    ];
    for (fixture, target, rel, says) in cases {
        let fx = Fixture::copy("full");
        for layer in fixture.split('+') {
            fx.overlay(layer);
        }
        let errs = schema_errors(&fx, target, rel);
        assert!(
            errs.iter().any(|e| e.contains(says)),
            "{fixture}: {rel}: {errs:#?}"
        );
        // lotse rejects the same file.
        let run = fx.check();
        assert!(
            run.errors().iter().any(|d| d.location.starts_with(rel)),
            "{fixture}: check accepts {rel}\n{run}"
        );
    }
    // Good input among the trap fixtures passes: German status words,
    // a duplicate title and a tab in the text are no schema matter.
    for name in ["trap-german-status", "trap-duplicate-title", "trap-tab"] {
        let fx = Fixture::copy("full");
        fx.overlay(name);
        assert_all_valid(fx.root(), name);
    }
}

#[test]
fn each_error_a_schema_can_express_is_rejected_by_the_schema_and_by_check() {
    // (schema, file, text in it, replacement, what the schema's error says)
    let cases: &[(&str, &str, &str, &str, &str)] = &[
        (
            "offer",
            "content/offers/bewerbungstraining.md",
            "target_groups = [",
            "target_groups = [\"gibt-es-nicht\", ",
            "at /target_groups/0",
        ),
        (
            "offer",
            "content/offers/bewerbungstraining.md",
            "providers = [",
            "providers = [\"unbekannt\", ",
            "at /providers/0",
        ),
        (
            "offer",
            "content/offers/bewerbungstraining.md",
            "grades = [",
            "grades = [14, ",
            "at /grades/0",
        ),
        (
            "offer",
            "content/offers/bewerbungstraining.md",
            "title = ",
            "draft = \"ja\"\ntitle = ",
            "at /draft",
        ),
        (
            "region",
            "content/regions/stadt-beispiel.md",
            "kind = ",
            "kind = \"dorf\"\n# ",
            "at /kind",
        ),
        (
            "region",
            "content/regions/stadt-beispiel.md",
            "status = \"in-progress\"",
            "status = \"fertig\"",
            "at /milestones",
        ),
        (
            "agreement",
            "content/agreements/kooperation-2013.md",
            "signed = ",
            "# ",
            "\"signed\" is a required property",
        ),
        (
            "site",
            "site.toml",
            "base_url = ",
            "base_url = \"olov.example.org\"\n# ",
            "at /base_url",
        ),
        (
            "vocabularies",
            "content/vocabularies.toml",
            "[fields]",
            "[fields]\n\"Groß\" = \"Groß\"",
            "at /fields",
        ),
    ];
    for &(target, rel, from, to, says) in cases {
        let fx = Fixture::copy("full");
        assert!(
            schema_errors(&fx, target, rel).is_empty(),
            "{rel} fails before the edit"
        );
        fx.replace(rel, from, to);
        let errs = schema_errors(&fx, target, rel);
        assert!(
            errs.iter().any(|e| e.contains(says)),
            "{rel} with `{to}`: {errs:#?}"
        );
        let check = fx.check();
        assert!(
            check.diags().iter().any(|d| d.location.starts_with(rel)),
            "check says nothing about {rel} with `{to}`:\n{}",
            check.stderr
        );
    }
}

/// The property names of a schema object, nested ones as `table.key`.
fn property_names(schema: &Value, prefix: &str, out: &mut Vec<String>) {
    let Some(props) = schema["properties"].as_object() else {
        return;
    };
    for (key, s) in props {
        out.push(format!("{prefix}{key}"));
        let inner = if s["type"] == "array" { &s["items"] } else { s };
        property_names(inner, &format!("{prefix}{key}."), out);
    }
}

#[test]
fn each_schema_names_exactly_the_fields_the_reader_accepts() {
    use lotse::model::fields::{self, Ty};
    let fx = Fixture::copy("full");
    for kind in lotse::model::Kind::ALL {
        let run = fx.run(&["schema", kind.name()]);
        run.ok();
        let schema: Value = serde_json::from_str(&run.stdout).unwrap();
        let mut names = Vec::new();
        property_names(&schema, "", &mut names);
        names.sort();
        let mut expected: Vec<String> = Vec::new();
        for f in fields::all(kind) {
            expected.push(f.key.to_string());
            if let Ty::Tables(rows) = f.ty {
                expected.extend(rows.iter().map(|r| format!("{}.{}", f.key, r.key)));
            }
        }
        expected.sort();
        assert_eq!(names, expected, "{}", kind.name());
        // The reader's list of known keys (what it does not warn about).
        let top: Vec<&str> = names
            .iter()
            .filter(|n| !n.contains('.'))
            .map(String::as_str)
            .collect();
        let mut known = lotse::model::entities::known_fields(kind);
        known.sort();
        assert_eq!(top, known, "{}", kind.name());
    }
}

#[test]
fn one_type_prints_to_stdout_and_no_type_writes_every_schema_into_schemas() {
    let fx = Fixture::copy("full");
    let run = fx.run(&["schema", "partner"]);
    run.ok();
    let schema: Value = serde_json::from_str(&run.stdout).unwrap();
    // The site's vocabulary keys and German titles.
    let kinds = &schema["properties"]["kind"];
    assert!(
        kinds["enum"].as_array().unwrap().iter().any(|k| k == "ihk"),
        "{kinds}"
    );
    assert_eq!(kinds["title"], "Art des Partners");
    assert!(!fx.path("schemas").exists());
    fx.run(&["schema"]).ok();
    for t in lotse::model::schema::TARGETS {
        assert!(
            fx.path(&format!("schemas/{t}.schema.json")).is_file(),
            "{t}"
        );
    }
    fx.run(&["schema", "nichts"]).code(2);
    // The first line Taplo reads is a comment to lotse.
    fx.edit("site.toml", |s| {
        format!("#:schema ./schemas/site.schema.json\n{s}")
    });
    fx.edit("content/vocabularies.toml", |s| {
        format!("#:schema ../schemas/vocabularies.schema.json\n{s}")
    });
    let run = fx.check();
    run.ok();
    assert!(run.diags().is_empty(), "{run}");
}
