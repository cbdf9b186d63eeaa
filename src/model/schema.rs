//! JSON Schema (draft 2020-12) for each content type's front matter, the
//! home page, `site.toml` and `vocabularies.toml`, written from the field
//! table (`fields.rs`) the reader uses: with the site's vocabulary keys and
//! its existing ids as `enum`s, and German titles and descriptions, so that
//! editors (Taplo / Even Better TOML, VS Code) can check and complete what
//! a coordinator types.

use super::Kind;
use super::fields::{self, Field, Ty};
use super::vocab::{NAMES, Vocabularies};
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;

/// What the schemas know about a site: its vocabularies and the ids of
/// every entity (by type) that references may name.
#[derive(Clone, Debug, Default)]
pub struct SiteFacts {
    pub vocabularies: Vocabularies,
    pub ids: BTreeMap<Kind, Vec<String>>,
}

/// Every schema `lotse schema` knows, by name: the six content types,
/// `home` (`content/_index.md`), `site` and `vocabularies`, and the
/// translations of each type (`offers/x.en.md`: its text fields only).
pub const TARGETS: [&str; 15] = [
    "region",
    "partner",
    "offer",
    "practice",
    "agreement",
    "page",
    "home",
    "site",
    "vocabularies",
    "region-translation",
    "partner-translation",
    "offer-translation",
    "practice-translation",
    "agreement-translation",
    "page-translation",
];

/// An id as `text::ids::is_valid_id` takes it.
const ID_PATTERN: &str = "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$";
/// `2026-09-30`, as TOML writes a date (editors hand dates over as text).
const DATE_PATTERN: &str = "^[0-9]{4}-[0-9]{2}-[0-9]{2}([Tt ].*)?$";
const LANG_PATTERN: &str = "^[a-z]{2,3}(-[A-Za-z0-9]+)*$";
/// A phone number with area code: `+` or `0`, then digits and separators.
const PHONE_PATTERN: &str = "^\\s*[+0][0-9 ()/.\\u00a0–-]{5,}$";
/// An e-mail address: something, `@`, a domain with a dot.
const EMAIL_PATTERN: &str = "^[^@\\s:]+@[^@\\s]+\\.[^@\\s]+$";
const SCHEMA: &str = "https://json-schema.org/draft/2020-12/schema";

/// The schema named `target` (one of [`TARGETS`]).
pub fn schema(target: &str, facts: &SiteFacts) -> Option<Value> {
    let (title, description, table): (String, &str, Vec<Field>) = match target {
        "home" => (
            "Startseite (content/_index.md)".into(),
            "Die Angaben zwischen den +++-Zeilen der Startseite; alle freiwillig.",
            fields::HOME.to_vec(),
        ),
        "site" => (
            "Einstellungen der Website (site.toml)".into(),
            "Name, Adresse und Sprache der Website und ihrer offenen Daten.",
            fields::SITE.to_vec(),
        ),
        "vocabularies" => return Some(vocabularies()),
        name if name.ends_with("-translation") => {
            let kind = Kind::from_name(name.strip_suffix("-translation")?)?;
            (
                format!(
                    "Übersetzung: {} (content/{}/*.<sprache>.md)",
                    german_name(kind),
                    kind.dir()
                ),
                "Nur die Textfelder; alles andere kommt aus der Datei in der Hauptsprache.",
                super::translation::fields(kind),
            )
        }
        name => {
            let kind = Kind::from_name(name)?;
            (
                format!("{} (content/{}/*.md)", german_name(kind), kind.dir()),
                "Die Angaben zwischen den +++-Zeilen am Anfang der Datei.",
                fields::all(kind).copied().collect(),
            )
        }
    };
    let mut root = object(&table, facts);
    let m = root.as_object_mut().expect("an object");
    let mut head = Map::new();
    head.insert("$schema".into(), SCHEMA.into());
    head.insert("title".into(), title.into());
    head.insert("description".into(), description.into());
    head.append(m);
    Some(Value::Object(head))
}

fn german_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Region => "Region",
        Kind::Partner => "Partner",
        Kind::Offer => "Angebot",
        Kind::Practice => "Gute Praxis",
        Kind::Agreement => "Vereinbarung",
        Kind::Page => "Seite",
    }
}

/// A table of fields as an object schema: unknown keys are not allowed
/// (the reader warns about them: they are typos or misplaced lines).
fn object(table: &[Field], facts: &SiteFacts) -> Value {
    let mut props = Map::new();
    for f in table {
        let mut s = value(f, facts);
        let m = s.as_object_mut().expect("an object");
        m.insert("title".into(), f.title.into());
        m.insert("description".into(), f.help.into());
        props.insert(f.key.into(), s);
    }
    let required: Vec<&str> = table.iter().filter(|f| f.required).map(|f| f.key).collect();
    json!({
        "type": "object",
        "properties": props,
        "required": required,
        "additionalProperties": false,
    })
}

/// The schema of one field's value.
fn value(f: &Field, facts: &SiteFacts) -> Value {
    let list = |item: Value| {
        let mut s = json!({"type": "array", "items": item});
        if f.required {
            s["minItems"] = 1.into();
        }
        s
    };
    match f.ty {
        Ty::Str if f.required => json!({"type": "string", "pattern": "\\S"}),
        Ty::Str => json!({"type": "string"}),
        Ty::Url if f.key == "base_url" => json!({
            "type": "string",
            "pattern": "^https?://[^/?#\\s\"<>]+[^?#\\s\"<>]*$",
        }),
        Ty::Url => json!({
            "type": "string",
            "not": {"pattern": "^\\s*([Jj][Aa][Vv][Aa][Ss][Cc][Rr][Ii][Pp][Tt]|[Vv][Bb][Ss][Cc][Rr][Ii][Pp][Tt]|[Dd][Aa][Tt][Aa]):"},
        }),
        Ty::Color => json!({"type": "string", "pattern": "^#([0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})$"}),
        Ty::Bool => json!({"type": "boolean"}),
        Ty::Date => json!({"type": "string", "pattern": DATE_PATTERN}),
        Ty::Int(min, max) => json!({"type": "integer", "minimum": min, "maximum": max}),
        Ty::IntList(min, max) => list(json!({"type": "integer", "minimum": min, "maximum": max})),
        Ty::StrList => list(json!({"type": "string"})),
        // The reader's rules (text::contact) in short: an editor catches
        // letters and a missing area code, lotse check the rest.
        Ty::Phone => json!({"type": "string", "pattern": PHONE_PATTERN}),
        Ty::Email => json!({"type": "string", "pattern": EMAIL_PATTERN}),
        Ty::Lang => json!({"type": "string", "pattern": LANG_PATTERN}),
        Ty::LangList => list(json!({"type": "string", "pattern": "^[a-z]{2,3}$"})),
        Ty::Ref(kind) => id_of(kind, facts),
        Ty::Refs(kind) => list(id_of(kind, facts)),
        Ty::Term(vocab) => term_of(vocab, facts),
        Ty::Terms(vocab) => list(term_of(vocab, facts)),
        Ty::OneOf(values) => json!({"type": "string", "enum": fields::choices(values)}),
        Ty::Table(rows) => object(rows, facts),
        Ty::Tables(rows) => list(object(rows, facts)),
        Ty::PerLanguage(rows) => json!({
            "type": "object",
            "propertyNames": {"pattern": LANG_PATTERN},
            "additionalProperties": object(rows, facts),
        }),
    }
}

/// An id of an existing entity of `kind`; any well-formed id when the site
/// has none yet (an empty `enum` would reject everything).
fn id_of(kind: Kind, facts: &SiteFacts) -> Value {
    match facts.ids.get(&kind) {
        Some(ids) if !ids.is_empty() => json!({"type": "string", "enum": ids}),
        _ => json!({"type": "string", "pattern": ID_PATTERN}),
    }
}

/// A key of the vocabulary, with its labels for editors that show them.
fn term_of(vocab: &str, facts: &SiteFacts) -> Value {
    match facts.vocabularies.get(vocab) {
        Some(v) if !v.terms.is_empty() => {
            let keys: Vec<&str> = v.keys().collect();
            let labels: Vec<&str> = v.terms.iter().map(|(_, l)| l.as_str()).collect();
            json!({"type": "string", "enum": keys, "enumDescriptions": labels})
        }
        _ => json!({"type": "string", "pattern": ID_PATTERN}),
    }
}

/// `vocabularies.toml`: one table per vocabulary, id = label.
fn vocabularies() -> Value {
    let mut props = Map::new();
    for name in NAMES {
        props.insert(
            name.into(),
            json!({
                "title": vocab_title(name),
                "description": "Je Zeile ein Schlüssel (klein, a-z, 0-9, -) = \"Bezeichnung\".",
                "type": "object",
                "propertyNames": {"pattern": ID_PATTERN},
                "additionalProperties": {"type": "string"},
            }),
        );
    }
    json!({
        "$schema": SCHEMA,
        "title": "Wortlisten (content/vocabularies.toml)",
        "description": "Die erlaubten Werte für Art, Zielgruppen, Handlungsfelder, Qualitätsstandards und Phasen.",
        "type": "object",
        "properties": props,
        "additionalProperties": false,
    })
}

fn vocab_title(name: &str) -> &'static str {
    match name {
        "region_kinds" => "Arten von Regionen",
        "partner_kinds" => "Arten von Partnern",
        "target_groups" => "Zielgruppen",
        "fields" => "Handlungsfelder",
        "quality_standards" => "Qualitätsstandards",
        _ => "Netzwerkphasen",
    }
}
