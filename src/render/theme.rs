//! The theme: templates compiled once into Tera, UI strings from `i18n/`,
//! and the theme's static files.

use crate::diagnostics::Diagnostic;
use crate::load::StaticFile;
use std::collections::BTreeMap;
use std::sync::Arc;

pub struct Theme {
    pub tera: tera::Tera,
    /// UI strings (`t.key` in templates) for the site's language.
    pub i18n: BTreeMap<String, String>,
    /// Copied to the output root.
    pub static_files: Vec<StaticFile>,
    /// The theme's `i18n/` files, for the site's other languages
    /// (`for_language`).
    i18n_files: BTreeMap<String, Arc<[u8]>>,
    /// Each language's name in itself (`language_name` of its own
    /// `i18n/<lang>.toml`, not filled from German), for the switcher.
    pub language_names: BTreeMap<String, String>,
}

impl Theme {
    /// Compiles the theme from the merged theme files (see `load::Loaded::theme`).
    pub fn new(
        files: &BTreeMap<String, Arc<[u8]>>,
        language: &str,
    ) -> Result<Theme, Vec<Diagnostic>> {
        let mut errors = Vec::new();
        let mut templates = Vec::new();
        let mut static_files = Vec::new();
        for (path, bytes) in files {
            if let Some(name) = path.strip_prefix("templates/") {
                match std::str::from_utf8(bytes) {
                    Ok(text) => templates.push((name.to_string(), text.to_string())),
                    Err(_) => errors.push(Diagnostic::error(
                        format!("templates/{name}"),
                        crate::msg!("template-not-utf8"),
                    )),
                }
            } else if let Some(rel) = path.strip_prefix("static/") {
                static_files.push(StaticFile {
                    path: rel.to_string(),
                    bytes: bytes.clone(),
                });
            }
        }
        let mut tera = tera::Tera::new();
        tera.autoescape_on([".html", ".xml", ".svg"]);
        register_filters(&mut tera, language);
        if let Err(e) = tera.add_raw_templates(templates) {
            errors.push(Diagnostic::error(
                "templates",
                crate::msg!("template-error", detail = chain(&e)),
            ));
        }
        let i18n = read_i18n(files, language, &mut errors);
        let i18n_files = files
            .iter()
            .filter(|(p, _)| p.starts_with("i18n/"))
            .map(|(p, b)| (p.clone(), b.clone()))
            .collect();
        let language_names = language_names(&i18n_files);
        if errors.is_empty() {
            Ok(Theme {
                tera,
                i18n,
                static_files,
                i18n_files,
                language_names,
            })
        } else {
            Err(errors)
        }
    }

    /// The same templates with the UI strings of `lang` (a language
    /// version of the site); no static files (they are the site's, once).
    pub fn for_language(&self, lang: &str) -> Result<Theme, Vec<Diagnostic>> {
        let mut errors = Vec::new();
        let i18n = read_i18n(&self.i18n_files, lang, &mut errors);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Theme {
            tera: self.tera.clone(),
            i18n,
            static_files: Vec::new(),
            i18n_files: BTreeMap::new(),
            language_names: self.language_names.clone(),
        })
    }

    /// A render error as a diagnostic naming the template.
    pub fn error(&self, name: &str, e: &tera::Error) -> Diagnostic {
        Diagnostic::error(
            format!("templates/{name}"),
            crate::msg!("template-error", detail = chain(e)),
        )
    }
}

/// An error and its causes on one line.
fn chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        let cs = c.to_string();
        if !s.contains(&cs) {
            s.push_str(": ");
            s.push_str(&cs);
        }
        cur = c.source();
    }
    s
}

fn language_names(files: &BTreeMap<String, Arc<[u8]>>) -> BTreeMap<String, String> {
    files
        .iter()
        .filter_map(|(path, bytes)| {
            let lang = path.strip_prefix("i18n/")?.strip_suffix(".toml")?;
            let map: BTreeMap<String, toml::Value> =
                toml::from_str(std::str::from_utf8(bytes).ok()?).ok()?;
            let name = map.get("language_name")?.as_str()?.to_string();
            Some((lang.to_string(), name))
        })
        .collect()
}

fn read_i18n(
    files: &BTreeMap<String, Arc<[u8]>>,
    language: &str,
    errors: &mut Vec<Diagnostic>,
) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    // A language without a file of strings is an error of the site
    // (`link::languages::check_ui_strings`, at its line in site.toml);
    // here the German strings stand in, so that the theme still compiles.
    // German first, then the site's language over it: a site's own file
    // for a language the theme lacks may leave keys out.
    for lang in ["de", language] {
        let path = format!("i18n/{lang}.toml");
        let Some(bytes) = files.get(&path) else {
            continue;
        };
        let text = String::from_utf8_lossy(bytes);
        match toml::from_str::<BTreeMap<String, String>>(&text) {
            Ok(map) => out.extend(map),
            Err(e) => errors.push(Diagnostic::error(
                format!("themes/…/{path}"),
                crate::msg!("ui-strings-unreadable", detail = e.message()),
            )),
        }
    }
    out
}

/// Filters the default theme uses beyond Tera's built-ins. `number` and
/// `plural` write in the site's language unless given `lang="…"` (a page
/// in another language passes its own).
fn register_filters(tera: &mut tera::Tera, language: &str) {
    let lang = language.to_string();
    let lang_of = move |kw: &tera::Kwargs| -> tera::TeraResult<String> {
        Ok(kw.get::<&str>("lang")?.unwrap_or(&lang).to_string())
    };
    let of = lang_of.clone();
    // A count with the language's thousands separator (`1.234`, `1,234`).
    tera.register_filter(
        "number",
        move |n: i64, kw: tera::Kwargs, _: &tera::State| -> tera::TeraResult<String> {
            let lang = of(&kw)?;
            Ok(match u64::try_from(n) {
                Ok(n) => super::locale::number(n, &lang),
                Err(_) => format!("-{}", super::locale::number(n.unsigned_abs(), &lang)),
            })
        },
    );
    // The plural form of a count: "one", "two", "few" or "many".
    tera.register_filter(
        "plural",
        move |n: i64, kw: tera::Kwargs, _: &tera::State| -> tera::TeraResult<String> {
            let lang = lang_of(&kw)?;
            Ok(super::locale::plural(n.unsigned_abs(), &lang).to_string())
        },
    );
    // Tera's own `safe` copies the string into a new value; marking the
    // value itself is the same result without the copy. Every page passes
    // its body, chrome and JSON-LD through `safe`, and a list page each of
    // its cards: the copies were 2% of a build at 10,000 entities.
    tera.register_filter(
        "safe",
        |v: &tera::Value, _: tera::Kwargs, _: &tera::State| {
            if v.is_string() {
                v.clone().mark_safe()
            } else {
                tera::Value::safe_string(&v.to_string())
            }
        },
    );
    // Characters safe in an HTML id or a data attribute value.
    tera.register_filter("slug", |s: &str, _: tera::Kwargs, _: &tera::State| {
        crate::text::ids::slugify(s)
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(lang: &str, template: &str) -> String {
        let mut tera = tera::Tera::new();
        register_filters(&mut tera, lang);
        tera.add_raw_template("t", template).unwrap();
        tera.render("t", &tera::Context::new()).unwrap()
    }

    #[test]
    fn number_and_plural_filters_write_the_sites_language() {
        let t = "{{ 1234567 | number }} {{ 3 | plural }} {{ 1 | plural }}";
        assert_eq!(render("de", t), "1.234.567 many one");
        assert_eq!(render("en", t), "1,234,567 many one");
        assert_eq!(render("uk", t), "1\u{a0}234\u{a0}567 few one");
        assert_eq!(render("ar", t), "1,234,567 few one");
        // A page in another language passes its own.
        assert_eq!(
            render(
                "de",
                "{{ 22 | plural(lang=\"uk\") }} {{ 1000 | number(lang=\"en\") }}"
            ),
            "few 1,000"
        );
    }

    #[test]
    fn a_language_without_strings_gets_the_german_ones() {
        // The error is the link stage's (`link::languages`, at its line in
        // site.toml); the theme compiles with the German strings.
        let mut files: BTreeMap<String, Arc<[u8]>> = BTreeMap::new();
        files.insert("i18n/de.toml".into(), Arc::from(&b"home = \"Start\"\n"[..]));
        let mut errors = Vec::new();
        assert_eq!(read_i18n(&files, "fr", &mut errors)["home"], "Start");
        assert!(errors.is_empty(), "{errors:?}");
        let mut errors = Vec::new();
        let strings = read_i18n(&files, "de", &mut errors);
        assert!(errors.is_empty());
        assert_eq!(strings["home"], "Start");
        // A theme without any strings has nothing to translate.
        let mut errors = Vec::new();
        assert!(read_i18n(&BTreeMap::new(), "fr", &mut errors).is_empty());
        assert!(errors.is_empty());
    }
}
