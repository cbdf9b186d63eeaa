//! `lotse new <type> "Title" [--set key=value …]`: a new content file with
//! every field of the type (from `model/fields.rs`), the optional ones
//! commented out. It invents no values: a required field not given with
//! `--set` is left empty with a comment naming what may go there (the
//! site's vocabulary keys or ids), so that `lotse check` points at it.

use crate::messages::{Lang, Message};
use crate::model::Kind;
use crate::model::fields::{self, Field, Ty};
use crate::model::schema::SiteFacts;
use crate::msg;
use crate::text::ids::slugify;
use crate::text::suggest::did_you_mean;
use anyhow::{Context, bail};
use std::path::Path;

/// Example values of optional fields where the type's default example
/// would not do (the commented line must check clean when uncommented).
const EXAMPLES: &[(&str, &str)] = &[
    ("aliases", "[\"/alt/pfad/\"]"),
    ("languages", "[\"Deutsch\"]"),
    ("year", "2026"),
    ("lang", "\"tr\""),
    ("grades", "[8, 9, 10]"),
    // A region's official keys (Offenbach am Main): of the form lotse checks.
    ("ars", "\"064130000000\""),
    ("ags", "\"06413000\""),
];

/// At most this many allowed values are listed in a comment.
const LISTED: usize = 8;

/// The allowed values of a field in this site, if it has a list of them.
fn allowed(ty: Ty, facts: &SiteFacts) -> Option<Vec<String>> {
    match ty {
        Ty::Ref(kind) | Ty::Refs(kind) => Some(facts.ids.get(&kind).cloned().unwrap_or_default()),
        Ty::Term(v) | Ty::Terms(v) => Some(
            facts
                .vocabularies
                .get(v)
                .map(|v| v.keys().map(String::from).collect())
                .unwrap_or_default(),
        ),
        Ty::OneOf(values) => Some(
            fields::choices(values)
                .iter()
                .map(|s| s.to_string())
                .collect(),
        ),
        _ => None,
    }
}

/// "einer von: a, b, c, …" — or where the values come from when the site
/// has none yet.
fn allowed_comment(ty: Ty, facts: &SiteFacts) -> Option<String> {
    let values = allowed(ty, facts)?;
    let list = matches!(ty, Ty::Refs(_) | Ty::Terms(_));
    if values.is_empty() {
        return Some(match ty {
            Ty::Ref(k) | Ty::Refs(k) => format!("IDs aus content/{}/", k.dir()),
            Ty::Term(v) | Ty::Terms(v) => format!("Schlüssel aus [{v}] in vocabularies.toml"),
            _ => String::new(),
        });
    }
    if let Ty::OneOf(values) = ty {
        let each: Vec<String> = values
            .iter()
            .map(|(en, de)| {
                if de.is_empty() {
                    en.to_string()
                } else {
                    format!("{en} ({de})")
                }
            })
            .collect();
        return Some(format!("einer von: {}", each.join(", ")));
    }
    let mut shown: Vec<&str> = values.iter().take(LISTED).map(String::as_str).collect();
    if values.len() > LISTED {
        shown.push("…");
    }
    let head = if list { "aus" } else { "einer von" };
    Some(format!("{head}: {}", shown.join(", ")))
}

/// A value of the right type for a commented-out line.
fn example(f: &Field, facts: &SiteFacts) -> String {
    if let Some((_, e)) = EXAMPLES.iter().find(|(k, _)| *k == f.key) {
        return e.to_string();
    }
    let first = allowed(f.ty, facts).and_then(|v| v.into_iter().next());
    let id = |placeholder: &str| format!("\"{}\"", first.clone().unwrap_or(placeholder.into()));
    match f.ty {
        Ty::Str => "\"…\"".into(),
        Ty::Url => "\"https://…\"".into(),
        Ty::Color => "\"#00508c\"".into(),
        Ty::Bool => "true".into(),
        Ty::Date => "2026-01-31".into(),
        Ty::Int(min, _) => min.to_string(),
        Ty::IntList(min, _) => format!("[{min}]"),
        Ty::StrList => "[\"…\"]".into(),
        Ty::Phone => "\"06074 81800\"".into(),
        Ty::Email => "\"beratung@example.org\"".into(),
        Ty::Lang => "\"de\"".into(),
        Ty::LangList => "[\"de\"]".into(),
        Ty::Ref(_) | Ty::Term(_) | Ty::OneOf(_) => id("id"),
        Ty::Refs(_) | Ty::Terms(_) => format!("[{}]", id("id")),
        Ty::Table(_) | Ty::Tables(_) | Ty::PerLanguage(_) => String::new(),
    }
}

/// The empty value a required field starts with: `lotse check` reports it.
fn empty(ty: Ty) -> &'static str {
    match ty {
        Ty::Refs(_) | Ty::Terms(_) | Ty::StrList | Ty::IntList(..) | Ty::LangList => "[]",
        _ => "\"\"",
    }
}

/// One line: `key = value` (commented out when optional) and a comment.
fn line(f: &Field, value: &str, commented: bool, facts: &SiteFacts, out: &mut String) {
    let assign = format!("{}{} = {value}", if commented { "# " } else { "" }, f.key);
    let mut note = Vec::new();
    if f.required {
        note.push("Pflicht".to_string());
    }
    match allowed_comment(f.ty, facts) {
        Some(values) => note.push(values),
        None => note.push(f.help.to_string()),
    }
    out.push_str(&format!("{assign:<35} # {}\n", note.join("; ")));
}

/// The text of a new file: `title`, the given and required fields, the
/// optional ones commented out, then each array of tables commented out.
pub fn file_text(kind: Kind, title: &str, set: &[(String, String)], facts: &SiteFacts) -> String {
    let quoted = title.replace('\\', "\\\\").replace('"', "\\\"");
    let mut out = format!("+++\ntitle = \"{quoted}\"\n");
    let fields: Vec<&Field> = fields::own(kind)
        .iter()
        .chain(fields::COMMON)
        // `description` is the older name of `summary`.
        .filter(|f| f.key != "title" && f.key != "description")
        .collect();
    let given = |f: &Field| {
        set.iter()
            .find(|(k, _)| k == f.key)
            .map(|(_, v)| v.as_str())
    };
    let top = fields.iter().filter(|f| !matches!(f.ty, Ty::Tables(_)));
    // Given and required fields first, where the author sees them.
    for f in top.clone().filter(|f| given(f).is_some() || f.required) {
        let value = given(f).unwrap_or(empty(f.ty));
        line(f, value, false, facts, &mut out);
    }
    for f in top.filter(|f| given(f).is_none() && !f.required) {
        line(f, &example(f, facts), true, facts, &mut out);
    }
    // Tables last: a key after `[[x]]` belongs to the table.
    let mut tables = fields
        .iter()
        .filter(|f| matches!(f.ty, Ty::Tables(_)))
        .peekable();
    if tables.peek().is_some() {
        out.push_str(
            "\n## Blöcke [[…]] stehen am Ende: jede Zeile unter [[…]] gehört zu diesem Block.\n",
        );
    }
    for f in tables {
        let Ty::Tables(rows) = f.ty else { continue };
        out.push_str(&format!("\n## {}\n# [[{}]]\n", f.help, f.key));
        for r in rows {
            line(r, &example(r, facts), true, facts, &mut out);
        }
    }
    out + "+++\n\nBeschreiben Sie hier in wenigen Absätzen, worum es geht.\n"
}

/// Turns `--set key=value` into the TOML value of a top-level field of
/// the type, or says why it cannot be one.
pub fn set_value(kind: Kind, arg: &str, facts: &SiteFacts) -> Result<(String, String), Message> {
    let bad = |why: Message| msg!("set-failed", arg = arg, why = why);
    let (key, text) = arg.split_once('=').ok_or_else(|| bad(msg!("set-syntax")))?;
    let (key, text) = (key.trim(), text.trim());
    let settable: Vec<&Field> = fields::all(kind)
        .filter(|f| {
            !matches!(f.ty, Ty::Tables(_) | Ty::Table(_) | Ty::PerLanguage(_)) && f.key != "title"
        })
        .collect();
    let Some(f) = settable.iter().find(|f| f.key == key) else {
        let hint = did_you_mean(key, settable.iter().map(|f| f.key));
        let what = match hint {
            _ if key == "title" => msg!("set-title"),
            Some(hint) => msg!(
                "set-unknown-field-near",
                kind = kind.name(),
                key = key,
                hint = hint
            ),
            None => msg!("set-unknown-field", kind = kind.name(), key = key),
        };
        return Err(bad(what));
    };
    let items = || text.split(',').map(str::trim).filter(|s| !s.is_empty());
    let check_allowed = |v: &str| -> Result<(), Message> {
        let values = allowed(f.ty, facts).unwrap_or_default();
        if values.iter().any(|a| a == v) {
            return Ok(());
        }
        let hint = did_you_mean(v, values.iter().map(String::as_str)).unwrap_or_else(|| {
            if values.is_empty() {
                msg!("set-no-values")
            } else {
                msg!("set-allowed", list = values.join(", "))
            }
        });
        Err(bad(msg!(
            "set-not-allowed",
            value = v,
            key = key,
            hint = hint
        )))
    };
    let quote = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
    let value = match f.ty {
        // Phone and e-mail are in [[contacts]] only, not settable; lotse check reads them.
        Ty::Str | Ty::Lang | Ty::Phone | Ty::Email => quote(text),
        Ty::Url => {
            if crate::url::dangerous_scheme(text).is_some() {
                return Err(bad(msg!("dangerous-url-help")));
            }
            quote(text)
        }
        Ty::Color => {
            if crate::text::color::Rgb::parse(text).is_none() {
                return Err(bad(msg!("brand-color-invalid", color = text)));
            }
            quote(text)
        }
        Ty::Bool => match text {
            "true" | "ja" => "true".into(),
            "false" | "nein" => "false".into(),
            _ => return Err(bad(msg!("set-bool"))),
        },
        Ty::Date => match crate::model::read::parse_date(text) {
            Some(d) => d.to_string(),
            None => {
                return Err(bad(msg!("set-date", value = text)));
            }
        },
        Ty::Int(min, max) | Ty::IntList(min, max) => {
            let mut nums = Vec::new();
            for item in items() {
                match item.parse::<i64>() {
                    Ok(n) if (min..=max).contains(&n) => nums.push(n.to_string()),
                    _ => {
                        return Err(bad(msg!("set-number", value = item, min = min, max = max)));
                    }
                }
            }
            match (f.ty, nums.len()) {
                (Ty::IntList(..), _) => format!("[{}]", nums.join(", ")),
                (_, 1) => nums.remove(0),
                _ => return Err(bad(msg!("set-one-number", key = key))),
            }
        }
        Ty::Ref(_) | Ty::Term(_) => {
            check_allowed(text)?;
            quote(text)
        }
        Ty::OneOf(values) => {
            check_allowed(text)?;
            quote(fields::canonical(values, text).unwrap_or(text))
        }
        Ty::Refs(_) | Ty::Terms(_) => {
            let mut out = Vec::new();
            for item in items() {
                check_allowed(item)?;
                out.push(quote(item));
            }
            format!("[{}]", out.join(", "))
        }
        Ty::StrList | Ty::LangList => {
            format!("[{}]", items().map(quote).collect::<Vec<_>>().join(", "))
        }
        Ty::Table(_) | Ty::Tables(_) | Ty::PerLanguage(_) => unreachable!("not settable"),
    };
    if f.required && (value == "\"\"" || value == "[]") {
        return Err(bad(msg!("empty-field", field = key)));
    }
    Ok((key.to_string(), value))
}

pub fn run(
    root: &Path,
    kind: &str,
    title: &str,
    set: &[String],
    lang: Lang,
) -> anyhow::Result<i32> {
    let kind = Kind::from_name(kind).context("unknown type")?;
    let content = root.join("content");
    if !content.is_dir() {
        let dir = root.display().to_string();
        bail!("{}", msg!("new-no-content", dir = dir).text(lang));
    }
    let id = slugify(title);
    if id.is_empty() {
        bail!("{}", msg!("new-no-file-name", title = title).text(lang));
    }
    let dir = content.join(kind.dir());
    let path = dir.join(format!("{id}.md"));
    if path.exists() {
        let path = path.display().to_string();
        bail!("{}", msg!("new-exists", path = path).text(lang));
    }
    let facts = super::schema::facts(root);
    // Every --set is checked before anything is written.
    let mut values: Vec<(String, String)> = Vec::new();
    for arg in set {
        let (key, value) =
            set_value(kind, arg, &facts).map_err(|m| anyhow::anyhow!(m.text(lang)))?;
        values.retain(|(k, _)| *k != key);
        values.push((key, value));
    }
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create `{}`", dir.display()))?;
    std::fs::write(&path, file_text(kind, title, &values, &facts))
        .with_context(|| format!("cannot write `{}`", path.display()))?;
    let path = path.display().to_string();
    println!("{}", msg!("new-created", path = path).text(lang));
    Ok(0)
}
