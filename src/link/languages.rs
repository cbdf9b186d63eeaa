//! Languages: checks `languages` in site.toml against the UI strings the
//! theme and the site have, and each translation against its source and the
//! site's languages; collects the checked translations for rendering.

use super::Index;
use crate::config::Config;
use crate::diagnostics::{Diagnostic, Severity, Source};
use crate::load::Loaded;
use crate::load::node::{Table, Value};
use crate::model::translation::{self, Translation};
use crate::model::vocab::Vocabularies;
use crate::section::Kind;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// The home page in another language (`content/_index.<lang>.md`).
#[derive(Clone, Debug)]
pub struct HomeTranslation {
    pub title: Option<String>,
    pub description: Option<String>,
    pub source: Source,
    pub body: std::ops::Range<usize>,
}

/// Every checked translation of a site, by language. Empty for a site in
/// one language, so that it costs nothing there.
#[derive(Clone, Debug, Default)]
pub struct Translations {
    pub entities: BTreeMap<String, HashMap<(Kind, String), Arc<Translation>>>,
    pub home: BTreeMap<String, HomeTranslation>,
    /// Vocabulary labels per language (`vocabularies.<lang>.toml`).
    pub vocab: BTreeMap<String, Vocabularies>,
}

impl Translations {
    /// The translation of an entity into `lang`, if there is one.
    pub fn get(&self, lang: &str, kind: Kind, id: &str) -> Option<&Translation> {
        self.entities
            .get(lang)?
            .get(&(kind, id.to_string()))
            .map(|t| &**t)
    }
}

/// Each language of the site needs UI strings: the theme's
/// `i18n/<lang>.toml` or the site's own. A missing one is an error at its
/// place in site.toml, naming the files looked for.
///
/// A theme with no `i18n/` at all (one that is missing, reported already,
/// or one that writes its texts into its templates) is not checked.
pub fn check_ui_strings(config: &Config, loaded: &Loaded, diags: &mut Vec<Diagnostic>) {
    if loaded.ui_languages.is_empty() {
        return;
    }
    for lang in &config.languages {
        if loaded.ui_languages.contains(lang) {
            continue;
        }
        let msg = crate::msg!("no-ui-strings", lang = lang, theme = &config.theme);
        let help = crate::msg!("no-ui-strings-help", lang = lang);
        let d = match &loaded.config {
            Some((src, table)) => Diagnostic::at(Severity::Error, src, lang_span(table, lang), msg),
            None => Diagnostic::error("site.toml", msg),
        };
        diags.push(d.with_help(help));
    }
}

/// Where site.toml names `lang`: its item in `languages`, else `language`.
fn lang_span(table: &Table, lang: &str) -> std::ops::Range<usize> {
    if let Some(n) = table.get("languages")
        && let Value::Array(items) = &n.value
        && let Some(item) = items
            .iter()
            .find(|i| matches!(&i.value, Value::Str(s) if s == lang))
    {
        return item.span.clone();
    }
    table.get("language").map_or(0..0, |n| n.span.clone())
}

/// Reads and checks every translation; errors go to `diags`. `tables`
/// counts the tables of a source's table array (`goals`, `milestones`), for
/// the lists of texts that translate them one by one.
pub fn collect(
    loaded: &Loaded,
    config: &Config,
    index: &Index,
    vocab: &Vocabularies,
    tables: &dyn Fn(Kind, &str, &str) -> usize,
    diags: &mut Vec<Diagnostic>,
) -> Translations {
    let mut out = Translations::default();
    for t in &loaded.translations {
        let tr = translation::read(t, diags);
        if !language_ok(config, &tr.lang, &tr.source, tr.anchor.clone(), diags) {
            continue;
        }
        let (kind, id) = (tr.kind, tr.id.as_str());
        if index.get(kind, id).is_none() {
            let quiet = index.drafts.get(&kind).is_some_and(|d| d.contains(id))
                || index.is_broken(kind, id);
            if !quiet {
                diags.push(
                    Diagnostic::at(
                        Severity::Error,
                        &tr.source,
                        tr.anchor.clone(),
                        crate::msg!(
                            "translation-without-source",
                            file = format!("content/{}/{id}.md", kind.dir())
                        ),
                    )
                    .with_help(crate::msg!(
                        "translation-without-source-help",
                        name = format!("{id}.{}.md", tr.lang)
                    )),
                );
            }
            continue;
        }
        for (key, (texts, span)) in &tr.lists {
            let n = tables(kind, id, key);
            if texts.len() != n {
                let help = match key.as_str() {
                    "goals" => crate::msg!("translation-list-count-goals-help"),
                    _ => crate::msg!("translation-list-count-milestones-help"),
                };
                diags.push(
                    Diagnostic::at(
                        Severity::Error,
                        &tr.source,
                        span.clone(),
                        crate::msg!(
                            "translation-list-count",
                            key = key.as_str(),
                            count = texts.len(),
                            dir = kind.dir(),
                            id = id,
                            n = n
                        ),
                    )
                    .with_help(help),
                );
            }
        }
        out.entities
            .entry(tr.lang.clone())
            .or_default()
            .insert((kind, tr.id.clone()), Arc::new(tr));
    }
    for (lang, (src, front, body)) in &loaded.home_translations {
        if !language_ok(config, lang, src, 0..0, diags) {
            continue;
        }
        let cell = std::cell::RefCell::new(Vec::new());
        let reader = crate::model::read::Reader::new(src, front, 0..0, &cell);
        reader.unknown_keys(&["title", "description"]);
        let home = HomeTranslation {
            title: reader.str_opt("title"),
            description: reader.str_opt("description"),
            source: src.clone(),
            body: body.clone(),
        };
        diags.append(&mut cell.into_inner());
        out.home.insert(lang.clone(), home);
    }
    for (lang, src, table) in &loaded.vocabulary_translations {
        if !language_ok(config, lang, src, 0..0, diags) {
            continue;
        }
        let labels = Vocabularies::read(src, table, diags);
        check_same_keys(vocab, src, table, diags);
        out.vocab.insert(lang.clone(), labels);
    }
    out
}

/// A translation must be into one of the site's languages other than the
/// default. Reports at `span` of `source` when not.
fn language_ok(
    config: &Config,
    lang: &str,
    source: &Source,
    span: std::ops::Range<usize>,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    let msg = if lang == config.language {
        crate::msg!("translation-into-default", lang = lang)
    } else if !config.languages.iter().any(|l| l == lang) {
        crate::msg!("translation-into-unknown", lang = lang)
    } else {
        return true;
    };
    let list = config.languages.join("\", \"");
    diags.push(
        Diagnostic::at(Severity::Error, source, span, msg).with_help(crate::msg!(
            "translation-language-help",
            list = list,
            lang = lang
        )),
    );
    false
}

/// `vocabularies.<lang>.toml` translates the labels of the same keys: a key
/// the source does not have is an error at its line.
fn check_same_keys(
    source: &Vocabularies,
    src: &Source,
    table: &Table,
    diags: &mut Vec<Diagnostic>,
) {
    for e in &table.entries {
        let Some(voc) = source.get(&e.key) else {
            diags.push(Diagnostic::at(
                Severity::Error,
                src,
                e.key_span.clone(),
                crate::msg!("translated-vocabulary-unknown", name = &e.key),
            ));
            continue;
        };
        let Value::Table(t) = &e.node.value else {
            continue;
        };
        for term in &t.entries {
            if voc.label(&term.key).is_none() {
                diags.push(
                    Diagnostic::at(
                        Severity::Error,
                        src,
                        term.key_span.clone(),
                        crate::msg!(
                            "translated-term-unknown",
                            term = format!("{}.{}", e.key, term.key)
                        ),
                    )
                    .maybe_help(crate::text::suggest::did_you_mean(&term.key, voc.keys())),
                );
            }
        }
    }
}
