//! Unit tests of the generated editor configuration.

use super::*;
use crate::model::vocab::Vocabulary;

fn cms() -> Cms {
    Cms {
        backend: "gitlab".into(),
        repo: "kreis-coesfeld/kaoa-website".into(),
        branch: "main".into(),
        base_url: Some("https://gitlab.opencode.de/".into()),
        app_id: Some("0123abcd".into()),
    }
}

fn vocab() -> Vocabularies {
    let mut v = Vocabularies::default();
    for name in crate::model::vocab::NAMES {
        v.map.insert(
            name.to_string(),
            Vocabulary {
                terms: vec![(format!("{name}-a"), format!("Bezeichnung {name}"))],
            },
        );
    }
    v
}

fn config(base_url: &str, languages: &[&str]) -> Config {
    let mut c = Config::fallback();
    c.title = "Netz".into();
    c.base_url = base_url.into();
    c.languages = languages.iter().map(|l| l.to_string()).collect();
    c.cms = Some(cms());
    c
}

/// The collection of a type and its field `key`.
fn field<'a>(v: &'a Value, collection: &str, key: &str) -> &'a Value {
    let c = v["collections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == collection)
        .unwrap_or_else(|| panic!("no collection {collection}"));
    c["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == key)
        .unwrap_or_else(|| panic!("no field {collection}.{key}"))
}

#[test]
fn one_collection_per_type_with_every_field_of_the_table() {
    let v = generate(&config("https://example.org/", &["de"]), &cms(), &vocab());
    for kind in Kind::ALL {
        for f in fields::all(kind).filter(|f| f.key != "description") {
            let w = field(&v, kind.dir(), f.key);
            assert_eq!(w["label"], f.title);
            assert_eq!(w["hint"], f.help);
            assert_eq!(w["required"], f.required, "{}.{}", kind.dir(), f.key);
        }
        field(&v, kind.dir(), "body");
    }
}

#[test]
fn every_field_type_has_its_widget() {
    let v = generate(&config("https://example.org/", &["de"]), &cms(), &vocab());
    // Str, Url, Date, Int, IntList, StrList, Ref, Refs, Term, Terms, OneOf,
    // Tables, Email, Phone, Bool, Lang.
    assert_eq!(field(&v, "offers", "title")["widget"], "string");
    assert_eq!(field(&v, "offers", "url")["pattern"][0], "^https?://");
    let start = field(&v, "offers", "start");
    assert_eq!(start["widget"], "datetime");
    assert_eq!(start["format"], "YYYY-MM-DD");
    assert_eq!(start["time_format"], false);
    let phase = field(&v, "regions", "phase");
    assert_eq!(
        (phase["min"].as_i64(), phase["max"].as_i64()),
        (Some(1), Some(5))
    );
    let grades = field(&v, "offers", "grades");
    assert_eq!(grades["multiple"], true);
    let values: Vec<i64> = grades["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["value"].as_i64().unwrap())
        .collect();
    assert_eq!(values, (1..=13).collect::<Vec<_>>());
    assert_eq!(field(&v, "offers", "languages")["widget"], "list");
    let providers = field(&v, "offers", "providers");
    assert_eq!(providers["widget"], "relation");
    assert_eq!(providers["collection"], "partners");
    assert_eq!(providers["value_field"], "{{slug}}");
    assert_eq!(providers["multiple"], true);
    assert_eq!(providers["min"], 1);
    assert_eq!(field(&v, "agreements", "moderator")["multiple"], false);
    let kind = field(&v, "regions", "kind");
    assert_eq!(kind["widget"], "select");
    assert_eq!(kind["options"][0]["value"], "region_kinds-a");
    assert_eq!(kind["options"][0]["label"], "Bezeichnung region_kinds");
    assert_eq!(field(&v, "offers", "target_groups")["multiple"], true);
    let steering = field(&v, "regions", "steering_group");
    assert_eq!(steering["widget"], "list");
    assert_eq!(steering["label_singular"], "Mitglied");
    assert_eq!(steering["fields"][0]["name"], "partner");
    assert_eq!(steering["fields"][0]["widget"], "relation");
    let status = &field(&v, "regions", "milestones")["fields"][2];
    assert_eq!(
        status["options"][0],
        json!({"label": "erledigt", "value": "done"})
    );
    for (c, key) in [
        ("agreements", "parties"),
        ("agreements", "bodies"),
        ("agreements", "goals"),
        ("partners", "contacts"),
        ("offers", "contacts"),
    ] {
        assert_eq!(field(&v, c, key)["widget"], "list", "{c}.{key}");
    }
    assert_eq!(field(&v, "offers", "draft")["widget"], "boolean");
    assert_eq!(field(&v, "pages", "lang")["widget"], "string");
    assert_eq!(field(&v, "offers", "body")["widget"], "markdown");
}

#[test]
fn backend_media_and_single_files() {
    let v = generate(
        &config("https://example.org/kaoa/", &["de"]),
        &cms(),
        &vocab(),
    );
    assert_eq!(
        v["backend"],
        json!({
            "name": "gitlab",
            "repo": "kreis-coesfeld/kaoa-website",
            "branch": "main",
            "base_url": "https://gitlab.opencode.de",
            "api_root": "https://gitlab.opencode.de/api/v4",
            "auth_type": "pkce",
            "app_id": "0123abcd",
        })
    );
    assert_eq!(v["media_folder"], "static/media");
    assert_eq!(v["public_folder"], "/kaoa/media");
    assert_eq!(v["locale"], "de");
    // Published: no local backend.
    assert!(v.get("local_backend").is_none());
    let files = v["collections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "einzelseiten")
        .unwrap();
    let paths: Vec<&str> = files["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        [
            "content/_index.md",
            "content/pages/impressum.md",
            "content/pages/datenschutz.md",
            "content/pages/barrierefreiheit.md",
            "content/pages/leichte-sprache.md"
        ]
    );
}

#[test]
fn served_locally_it_saves_through_lotse_serve() {
    let v = generate(&config("http://127.0.0.1:1111/", &["de"]), &cms(), &vocab());
    assert_eq!(
        v["local_backend"]["url"],
        "http://127.0.0.1:1111/admin/api/v1"
    );
    assert!(is_local("http://localhost:8080/x/"));
    assert!(!is_local("https://127.0.0.1.example.org/"));
}

#[test]
fn a_multilingual_site_translates_only_text_fields() {
    let v = generate(
        &config("https://example.org/", &["de", "en", "tr"]),
        &cms(),
        &vocab(),
    );
    assert_eq!(
        v["i18n"],
        json!({"structure": "multiple_files", "locales": ["de", "en", "tr"], "default_locale": "de"})
    );
    assert_eq!(field(&v, "offers", "title")["i18n"], true);
    assert_eq!(field(&v, "offers", "schedule")["i18n"], true);
    assert_eq!(field(&v, "offers", "providers")["i18n"], false);
    assert_eq!(field(&v, "offers", "start")["i18n"], false);
    assert_eq!(field(&v, "offers", "body")["i18n"], true);
}

#[test]
fn no_cms_no_files() {
    let mut c = config("https://example.org/", &["de"]);
    c.cms = None;
    assert!(crate::routes::files::cms_paths(&c).is_empty());
}

#[test]
fn snapshot_of_the_example_site() {
    // The repository's example site, read as a build reads it.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("content/vocabularies.toml")).unwrap();
    let src = crate::diagnostics::Source::new("content/vocabularies.toml", text);
    let table = crate::load::node::parse(&src.text, 0).unwrap();
    let vocab = Vocabularies::read(&src, &table, &mut Vec::new());
    let mut c = config("https://olov.example.org/", &["de", "en", "tr"]);
    c.language = "de".into();
    let out = String::from_utf8(file(CONFIG, &c, &vocab)).unwrap();
    insta::assert_snapshot!("example_site_config", out);
}
