//! The browser editor at `/admin/` (docs/cms.md): Decap CMS, vendored in
//! `vendor/decap-cms/`, with a configuration generated from the one field
//! table (`model::fields`) and the site's vocabularies, never written by
//! hand. Only a site whose `site.toml` has `[cms]` gets these files.
//!
//! Decap reads `config.yml`; JSON is YAML, so the configuration is written
//! with serde_json and needs no YAML writer.

use crate::config::{Cms, Config};
use crate::model::Kind;
use crate::model::fields::{self, Field, Ty};
use crate::model::translation;
use crate::model::vocab::Vocabularies;
use serde_json::{Value, json};

pub use crate::routes::files::{
    CMS_CONFIG as CONFIG, CMS_INDEX as INDEX, CMS_LICENSE as LICENSE, CMS_SCRIPT as SCRIPT,
};
/// The local write API of `lotse serve`, below the site's base path.
pub const API: &str = "admin/api/v1";
/// Where uploads go, below the site root; served at `/media/`.
pub const MEDIA_FOLDER: &str = "static/media";

/// The pinned Decap CMS bundle (`scripts/update-cms.sh`).
pub const BUNDLE: &[u8] = include_bytes!("../../vendor/decap-cms/decap-cms.js");
const BUNDLE_LICENSES: [&str; 2] = [
    include_str!("../../vendor/decap-cms/LICENSE"),
    include_str!("../../vendor/decap-cms/decap-cms.js.LICENSE.txt"),
];
/// The vendored version, shown in the page's source.
pub const VERSION: &str = include_str!("../../vendor/decap-cms/VERSION");

/// The editor's file at `path` (one of `paths`).
pub fn file(path: &str, config: &Config, vocab: &Vocabularies) -> Vec<u8> {
    match (path, &config.cms) {
        (INDEX, _) => index_html().into_bytes(),
        (SCRIPT, _) => BUNDLE.to_vec(),
        (LICENSE, _) => BUNDLE_LICENSES.join("\n\n").into_bytes(),
        (CONFIG, Some(cms)) => {
            let mut text = serde_json::to_string_pretty(&generate(config, cms, vocab))
                .expect("a JSON value always serialises");
            text.push('\n');
            text.into_bytes()
        }
        _ => Vec::new(),
    }
}

/// The editor's page: German, with a title and a note for browsers
/// without JavaScript; it loads only the vendored bundle next to it.
fn index_html() -> String {
    format!(
        r#"<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<link rel="icon" href="data:,">
<title>Inhalte bearbeiten</title>
</head>
<body>
<noscript><p>Der Editor braucht JavaScript. Bitte schalten Sie JavaScript für diese Seite ein.</p></noscript>
<!-- Decap CMS {version}, vendored (docs/cms.md) -->
<script src="decap-cms.js"></script>
</body>
</html>
"#,
        version = VERSION.trim()
    )
}

/// Whether the site is served from this machine (`lotse serve`): then the
/// editor saves through the local write API instead of the git host.
fn is_local(base_url: &str) -> bool {
    let rest = base_url.split_once("://").map_or(base_url, |(_, r)| r);
    let host = rest.split('/').next().unwrap_or("");
    let host = host.rsplit_once(':').map_or(host, |(h, p)| {
        if p.chars().all(|c| c.is_ascii_digit()) {
            h
        } else {
            host
        }
    });
    matches!(host, "127.0.0.1" | "localhost" | "[::1]")
}

/// The German names of a content type's collection: plural, singular.
fn names(kind: Kind) -> (&'static str, &'static str) {
    match kind {
        Kind::Region => ("Regionen", "Region"),
        Kind::Partner => ("Partner", "Partner"),
        Kind::Offer => ("Angebote", "Angebot"),
        Kind::Practice => ("Gute Praxis", "Beispiel guter Praxis"),
        Kind::Agreement => ("Vereinbarungen", "Vereinbarung"),
        Kind::Page => ("Seiten", "Seite"),
    }
}

/// The name of one row of an array of tables, for the "… hinzufügen"
/// button.
fn row_name(key: &str) -> &'static str {
    match key {
        "steering_group" => "Mitglied",
        "milestones" => "Meilenstein",
        "contacts" => "Ansprechperson",
        "parties" => "Vertragspartner",
        "bodies" => "Gremium",
        "goals" => "Ziel",
        _ => "Eintrag",
    }
}

/// The Decap configuration of the site.
pub fn generate(config: &Config, cms: &Cms, vocab: &Vocabularies) -> Value {
    let mut backend = json!({
        "name": cms.backend,
        "repo": cms.repo,
        "branch": cms.branch,
    });
    if let Some(url) = &cms.base_url {
        let url = url.trim_end_matches('/');
        backend["base_url"] = json!(url);
        if cms.backend == "gitlab" {
            backend["api_root"] = json!(format!("{url}/api/v4"));
        }
    }
    if let Some(id) = &cms.app_id {
        backend["app_id"] = json!(id);
        if cms.backend == "gitlab" {
            backend["auth_type"] = json!("pkce");
        }
    }
    let multilingual = config.languages.len() > 1;
    let mut collections: Vec<Value> = Kind::ALL
        .into_iter()
        .map(|k| collection(k, vocab, multilingual))
        .collect();
    collections.push(single_files());
    let mut out = json!({
        "backend": backend,
        "locale": "de",
        "site_url": config.base_url,
        "display_url": config.base_url,
        "media_folder": MEDIA_FOLDER,
        "public_folder": format!("{}media", config.base_path()),
        "publish_mode": "simple",
        // The preview is the site itself (`lotse serve`), not Decap's.
        "editor": {"preview": false},
        // Ids keep to a-z, 0-9 and '-' (CONTENT-MODEL.md §2).
        "slug": {"encoding": "ascii", "clean_accents": true, "sanitize_replacement": "-"},
        "collections": collections,
    });
    if is_local(&config.base_url) {
        out["local_backend"] = json!({
            "url": format!("{}{API}", config.base_url),
            "allowed_hosts": ["127.0.0.1", "localhost", "[::1]"],
        });
    }
    if multilingual {
        out["i18n"] = json!({
            "structure": "multiple_files",
            "locales": config.languages,
            "default_locale": config.language,
        });
    }
    out
}

/// One folder collection per content type.
fn collection(kind: Kind, vocab: &Vocabularies, multilingual: bool) -> Value {
    let (label, singular) = names(kind);
    // Decap writes keys in the order of the form: the title, the type's
    // own fields, then the other common ones, as the content files list
    // them. `description` is the old name of `summary`: kept when a file
    // has it, not offered for new text.
    let (title, rest) = fields::COMMON.split_at(1);
    let common = rest.iter().filter(|f| f.key != "description");
    let mut fields: Vec<Value> = title
        .iter()
        .chain(fields::own(kind))
        .chain(common)
        .map(|f| widget(f, vocab, multilingual.then_some(kind)))
        .collect();
    fields.push(body(multilingual));
    let mut c = json!({
        "name": kind.dir(),
        "label": label,
        "label_singular": singular,
        "folder": format!("content/{}", kind.dir()),
        "extension": "md",
        "format": "toml-frontmatter",
        "create": true,
        "slug": "{{title}}",
        "identifier_field": "title",
        "summary": "{{title}}",
        "sortable_fields": ["title"],
        "fields": fields,
    });
    if multilingual {
        c["i18n"] = json!(true);
    }
    c
}

/// The Markdown text after the front matter.
fn body(multilingual: bool) -> Value {
    let mut b = json!({
        "name": "body",
        "label": "Text",
        "widget": "markdown",
        "required": false,
        "hint": "Der Text der Seite in Markdown; Links auf andere Einträge wie [Name](@/partners/id.md).",
    });
    if multilingual {
        b["i18n"] = json!(true);
    }
    b
}

/// The home page and the legal pages, each as a single file. Decap allows
/// a files collection only its `single_file` i18n, not lotse's one file per
/// language: these are edited in the default language (a legal page's
/// translations in the "Seiten" collection).
fn single_files() -> Value {
    let home: Vec<Value> = fields::HOME
        .iter()
        .map(|f| widget(f, &Vocabularies::default(), None))
        .chain([body(false)])
        .collect();
    let mut files = vec![json!({
        "name": "home",
        "label": "Startseite",
        "file": "content/_index.md",
        "fields": home,
    })];
    for (name, label) in [
        ("impressum", "Impressum"),
        ("datenschutz", "Datenschutz"),
        ("barrierefreiheit", "Erklärung zur Barrierefreiheit"),
        ("leichte-sprache", "Leichte Sprache"),
    ] {
        debug_assert!(crate::section::LEGAL_PAGES.contains(&name));
        let fields: Vec<Value> = fields::all(Kind::Page)
            .filter(|f| f.key != "description")
            .map(|f| widget(f, &Vocabularies::default(), None))
            .chain([body(false)])
            .collect();
        files.push(json!({
            "name": name,
            "label": label,
            "file": format!("content/pages/{name}.md"),
            "fields": fields,
        }));
    }
    json!({
        "name": "einzelseiten",
        "label": "Startseite und Pflichtseiten",
        "format": "toml-frontmatter",
        "extension": "md",
        "files": files,
    })
}

/// One field's widget, with its German title, help and whether it is
/// required (Decap's default is required: every optional field says so).
fn widget(f: &Field, vocab: &Vocabularies, i18n: Option<Kind>) -> Value {
    let mut w = match f.ty {
        Ty::Str | Ty::Phone | Ty::Lang => json!({"widget": "string"}),
        Ty::Email => json!({
            "widget": "string",
            "pattern": ["^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", "Eine E-Mail-Adresse wie name@example.org."],
        }),
        Ty::Url => json!({
            "widget": "string",
            "pattern": ["^https?://", "Die Adresse beginnt mit https://."],
        }),
        Ty::Color => json!({"widget": "color"}),
        Ty::Bool => json!({"widget": "boolean", "default": false}),
        Ty::Date => json!({
            "widget": "datetime",
            "format": "YYYY-MM-DD",
            "date_format": "YYYY-MM-DD",
            "time_format": false,
            "picker_utc": true,
        }),
        Ty::Int(min, max) => json!({
            "widget": "number", "value_type": "int", "min": min, "max": max,
        }),
        Ty::IntList(min, max) => json!({
            "widget": "select",
            "multiple": true,
            "options": (min..=max).map(|n| json!({"label": n.to_string(), "value": n})).collect::<Vec<_>>(),
        }),
        Ty::StrList | Ty::LangList => json!({"widget": "list"}),
        Ty::Ref(kind) | Ty::Refs(kind) => json!({
            "widget": "relation",
            "collection": kind.dir(),
            "value_field": "{{slug}}",
            "search_fields": ["title"],
            "display_fields": ["title"],
            "multiple": matches!(f.ty, Ty::Refs(_)),
        }),
        Ty::Term(name) | Ty::Terms(name) => {
            let options: Vec<Value> = vocab
                .get(name)
                .map(|v| {
                    v.terms
                        .iter()
                        .map(|(k, l)| json!({"label": l, "value": k}))
                        .collect()
                })
                .unwrap_or_default();
            json!({
                "widget": "select",
                "multiple": matches!(f.ty, Ty::Terms(_)),
                "options": options,
            })
        }
        Ty::OneOf(values) => json!({
            "widget": "select",
            // The English value is stored; the German word is shown.
            "options": values.iter().map(|(en, de)| {
                json!({"label": if de.is_empty() { en } else { de }, "value": en})
            }).collect::<Vec<_>>(),
        }),
        Ty::Table(rows) => json!({
            "widget": "object",
            "collapsed": true,
            "fields": rows.iter().map(|r| widget(r, vocab, None)).collect::<Vec<_>>(),
        }),
        Ty::Tables(rows) => json!({
            "widget": "list",
            "label_singular": row_name(f.key),
            "collapsed": true,
            "summary": format!("{{{{fields.{}}}}}", rows[0].key),
            "fields": rows.iter().map(|r| widget(r, vocab, None)).collect::<Vec<_>>(),
        }),
        Ty::PerLanguage(_) => json!({"widget": "hidden"}),
    };
    w["name"] = json!(f.key);
    w["label"] = json!(f.title);
    w["hint"] = json!(f.help);
    w["required"] = json!(f.required);
    if f.required && matches!(f.ty, Ty::Refs(_) | Ty::Terms(_)) {
        w["min"] = json!(1);
    }
    if let Some(kind) = i18n {
        // A translation holds only the text fields of its type (and its own
        // `updated`); ids, dates, numbers and choices come from the source
        // (model::translation), so Decap leaves them out of `x.en.md`.
        let translated = f.key == "updated"
            || translation::COMMON_TEXT.contains(&f.key)
            || translation::text_fields(kind).contains(&f.key);
        w["i18n"] = json!(translated);
    }
    w
}

#[cfg(test)]
#[path = "cms_tests.rs"]
mod tests;
