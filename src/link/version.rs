//! Language versions: the site as it reads in one of its other languages
//! (`/tr/…`). The same entities, ids and derived data; each translated
//! entity with its texts and body from the translation, every other one as
//! it is (the page then says so, see `Version::translated`); vocabulary
//! labels and the home page from their translations; links below `/<lang>/`.
//! A site in one language never builds one.

use super::access::ContentType;
use super::{Site, link_body_in, resolve_link};
use crate::markdown::{self, MdContext};
use crate::model::translation::Translation;
use crate::model::{Kind, Offer, Region};
use crate::url::Urls;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// What a language version knows of itself, for its pages' language,
/// fallback notices and links to the original.
#[derive(Clone, Debug)]
pub struct Version {
    pub lang: String,
    /// The default language (of the original texts).
    pub default: String,
    /// The links of the default language's site.
    pub root: Urls,
    /// The entities this language has a translation of.
    pub translated: HashSet<(Kind, String)>,
    /// The translated entities whose source changed after the translation
    /// (see `is_outdated`).
    pub outdated: HashSet<(Kind, String)>,
    /// Whether the home page text is translated.
    pub home: bool,
    /// The translated entities that leave texts of their original
    /// untranslated (`title`, `summary`, a type's own text fields, `body`):
    /// those show the original's text, marked with its language.
    pub partial: HashMap<(Kind, String), Vec<&'static str>>,
    /// The vocabulary terms (vocabulary, key) whose label is translated.
    pub terms: HashSet<(String, String)>,
}

impl Version {
    pub fn is_translated(&self, kind: Kind, id: &str) -> bool {
        self.translated.contains(&(kind, id.to_string()))
    }

    pub fn is_outdated(&self, kind: Kind, id: &str) -> bool {
        self.outdated.contains(&(kind, id.to_string()))
    }

    /// The texts of a translated entity that show the original (empty for
    /// one translated whole, and for one not translated at all: see
    /// `is_translated`).
    pub fn untranslated(&self, kind: Kind, id: &str) -> &[&'static str] {
        self.partial
            .get(&(kind, id.to_string()))
            .map_or(&[], Vec::as_slice)
    }

    /// The language of an entity's `title` as this version shows it: the
    /// original's where the title is not translated.
    pub fn title_lang(&self, kind: Kind, id: &str) -> Option<&str> {
        let key = (kind, id.to_string());
        let original = !self.translated.contains(&key)
            || self.partial.get(&key).is_some_and(|f| f.contains(&"title"));
        original.then_some(self.default.as_str())
    }

    /// The language of a vocabulary label as this version shows it: the
    /// original's where `vocabularies.<lang>.toml` lacks the term.
    pub fn term_lang(&self, vocab: &str, key: &str) -> Option<&str> {
        (!self.terms.contains(&(vocab.to_string(), key.to_string())))
            .then_some(self.default.as_str())
    }
}

/// Languages written right to left: `dir="rtl"` on their pages. The one
/// list (`render::locale::dir` asks here too).
const RTL: [&str; 9] = ["ar", "fa", "he", "ur", "ps", "sd", "yi", "dv", "ckb"];

/// Whether `lang` (a BCP 47 tag; its primary subtag counts) is written
/// right to left.
pub fn is_rtl(lang: &str) -> bool {
    let primary = lang.split(['-', '_']).next().unwrap_or("");
    RTL.iter().any(|r| r.eq_ignore_ascii_case(primary))
}

/// The site in `lang` (one of `site.config.languages` but the default).
pub fn site_for(site: &Site, lang: &str) -> Site {
    let mut v = site.clone();
    v.urls = site.urls.for_language(lang);
    v.config.language = lang.to_string();
    if let Some(t) = site.config.translations.get(lang) {
        if let Some(title) = &t.title {
            v.config.title = title.clone();
        }
        if t.description.is_some() {
            v.config.description = t.description.clone();
        }
    }
    let mut terms = HashSet::new();
    if let Some(labels) = site.translations.vocab.get(lang) {
        for (name, voc) in &labels.map {
            if let Some(own) = v.vocab.map.get_mut(name) {
                for (key, label) in &voc.terms {
                    if let Some(t) = own.terms.iter_mut().find(|(k, _)| k == key) {
                        t.1 = label.clone();
                        terms.insert((name.clone(), key.clone()));
                    }
                }
            }
        }
    }
    let index = site.index.clone();
    let urls = v.urls.clone();
    let resolve = |path: &str| resolve_link(&index, &urls, path);
    // Root-relative links in Markdown (`/files/x.pdf`) are the site's files.
    let md = MdContext {
        raw_html: site.config.raw_html,
        base_path: &site.urls.root_path,
        resolve: &resolve,
    };
    let mut translated = HashSet::new();
    let mut outdated = HashSet::new();
    let mut partial = HashMap::new();
    let mut home = false;
    if let Some(h) = site.translations.home.get(lang) {
        home = true;
        v.home.title = h.title.clone().or(v.home.title);
        v.home.description = h.description.clone().or(v.home.description);
        let body = &h.source.text[h.body.clone()];
        if !body.trim().is_empty() {
            v.home.html = markdown::render(body, &md).html;
        }
    }
    if let Some(map) = site.translations.entities.get(lang) {
        let vocab = v.vocab.clone();
        let get = |kind: Kind, id: &str| map.get(&(kind, id.to_string())).map(|t| &**t);
        let mut tr = Translator {
            md: &md,
            vocab: &vocab,
            translated: &mut translated,
            outdated: &mut outdated,
            partial: &mut partial,
            history: &site.history,
            get: &get,
            folding: crate::text::lang::Folding::from_tag(lang),
        };
        tr.list::<Region>(&mut v, |r, t, left| {
            text(&mut r.decision_rule, t, "decision_rule", left);
            text(&mut r.meeting_cadence, t, "meeting_cadence", left);
            let indicators = r.milestones.iter_mut().map(|m| &mut m.indicator);
            texts(indicators, t, "milestones", left);
        });
        tr.list::<crate::model::Partner>(&mut v, |_, _, _| {});
        tr.list::<Offer>(&mut v, |o, t, left| {
            text(&mut o.schedule, t, "schedule", left);
            text(&mut o.cost, t, "cost", left);
            text(&mut o.location, t, "location", left);
            text(&mut o.contact, t, "contact", left);
            text(&mut o.accessibility, t, "accessibility", left);
        });
        tr.list::<crate::model::Practice>(&mut v, |_, _, _| {});
        tr.list::<crate::model::Agreement>(&mut v, |a, t, left| {
            texts(a.goals.iter_mut().map(|g| &mut g.goal), t, "goals", left);
        });
        tr.list::<crate::model::Page>(&mut v, |_, _, _| {});
    }
    v.version = Some(Arc::new(Version {
        lang: lang.to_string(),
        default: site.config.language.clone(),
        root: site.urls.clone(),
        translated,
        outdated,
        home,
        partial,
        terms,
    }));
    v
}

/// Whether a translation is older than its source: the source's
/// `updated` (else its last git commit) is later than the translation's.
/// Without a date on either side nothing can be said, and nothing is.
pub fn is_outdated(
    history: &crate::load::history::History,
    source: &crate::model::Common,
    t: &Translation,
) -> bool {
    let source_date = source
        .updated
        .or_else(|| history.last_date(&source.source.path));
    let own = t.updated.or_else(|| history.last_date(&t.source.path));
    matches!((source_date, own), (Some(s), Some(o)) if s > o)
}

/// Sets `field` from the translation's `key`; a text the translation
/// lacks where the original has one is `left`.
fn text(
    field: &mut Option<String>,
    t: &Translation,
    key: &'static str,
    left: &mut Vec<&'static str>,
) {
    match t.text(key) {
        Some(s) => *field = Some(s.to_string()),
        None if field.is_some() => left.push(key),
        None => {}
    }
}

/// Sets the texts of a table array from the translation's list `key`
/// (checked to have one text per table when it was collected).
fn texts<'x>(
    fields: impl ExactSizeIterator<Item = &'x mut String>,
    t: &Translation,
    key: &'static str,
    left: &mut Vec<&'static str>,
) {
    match t.list(key) {
        Some(list) if list.len() == fields.len() => {
            for (f, s) in fields.zip(list) {
                *f = s.clone();
            }
        }
        _ if fields.len() > 0 => left.push(key),
        _ => {}
    }
}

struct Translator<'a, 'm> {
    md: &'a MdContext<'m>,
    vocab: &'a crate::model::vocab::Vocabularies,
    translated: &'a mut HashSet<(Kind, String)>,
    outdated: &'a mut HashSet<(Kind, String)>,
    partial: &'a mut HashMap<(Kind, String), Vec<&'static str>>,
    history: &'a crate::load::history::History,
    get: &'a (dyn Fn(Kind, &str) -> Option<&'a Translation> + Sync),
    /// The translation's language's folding, for its search terms.
    folding: crate::text::lang::Folding,
}

impl Translator<'_, '_> {
    /// Replaces each translated entity of type `T` in `site`; `own` sets
    /// the type's own texts (`model::translation::text_fields` and
    /// `text_lists`) and adds those the translation leaves out to `left`.
    fn list<T: ContentType + Clone + Send + Sync>(
        &mut self,
        site: &mut Site,
        own: impl Fn(&mut T, &Translation, &mut Vec<&'static str>) + Sync,
    ) {
        use rayon::prelude::*;
        let list = T::all_mut(site);
        let (md, vocab, history, get, folding) =
            (self.md, self.vocab, self.history, self.get, self.folding);
        // Each translated entity in parallel: its body is Markdown to render
        // and text to find search terms in. One after another they were a
        // core idle for half a second per language at 10,000 entities.
        let done: Vec<Option<(bool, Vec<&'static str>)>> = list
            .par_iter_mut()
            .with_max_len(crate::PAR_GRAIN)
            .map(|slot| {
                let t = get(T::KIND, &slot.data.common().id)?;
                let outdated = is_outdated(history, slot.data.common(), t);
                let mut data = slot.data.clone();
                // What the translation leaves in the original's words.
                let mut left = Vec::new();
                let c = data.common_mut();
                match t.text("title") {
                    Some(s) => c.title = s.to_string(),
                    None => left.push("title"),
                }
                match t.text("summary").or(t.text("description")) {
                    Some(s) => c.summary = Some(s.to_string()),
                    None if c.summary.is_some() => left.push("summary"),
                    None => {}
                }
                // Leichte Sprache is German by definition (its section says
                // `lang="de"`): without a translation it stays, and that is no gap.
                if let Some(s) = t.text("easy_summary") {
                    c.easy_summary = Some(s.to_string());
                }
                own(&mut data, t, &mut left);
                let has_body = !t.body_text().trim().is_empty();
                if !has_body && !slot.html.is_empty() {
                    left.push("body");
                }
                let c = data.common_mut();
                c.source = t.source.clone();
                c.body = if has_body {
                    t.body.clone()
                } else {
                    t.body.start..t.body.start
                };
                let (mut linked, _) = link_body_in(folding, data, md, vocab);
                if !has_body {
                    // The original's body, in the original's language.
                    linked.html = slot.html.clone();
                }
                *slot = Arc::new(linked);
                Some((outdated, left))
            })
            .collect();
        for (slot, d) in list.iter().zip(done) {
            let Some((outdated, left)) = d else {
                continue;
            };
            let key = (T::KIND, slot.data.common().id.clone());
            if outdated {
                self.outdated.insert(key.clone());
            }
            if !left.is_empty() {
                self.partial.insert(key.clone(), left);
            }
            self.translated.insert(key);
        }
    }
}

/// The links of the version of `site` in `lang` (the default: the root).
pub fn urls_in(site: &Site, lang: &str) -> Urls {
    let root = site.version.as_ref().map_or(&site.urls, |v| &v.root);
    if lang == site.config.languages[0] {
        root.clone()
    } else {
        root.for_language(lang)
    }
}

/// The languages whose version of a page really has its content (default
/// first): for an entity page the original and each translation, for the
/// home page the same with `_index.<lang>.md`; `None` for pages built from
/// UI strings and data, which every language has.
pub fn content_langs<'s>(site: &'s Site, page: Option<(Kind, &str)>) -> Vec<&'s str> {
    let langs = &site.config.languages;
    let has = |lang: &str| match page {
        Some((kind, id)) => site.translations.get(lang, kind, id).is_some(),
        None => site.translations.home.contains_key(lang),
    };
    langs
        .iter()
        .enumerate()
        .filter(|(i, l)| *i == 0 || has(l))
        .map(|(_, l)| l.as_str())
        .collect()
}

/// One row of `lotse check`'s language table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LanguageCount {
    pub lang: String,
    /// Entities with a translation into the language.
    pub translated: usize,
    /// Entities without one (their pages show the original).
    pub missing: usize,
    /// Translated entities whose source changed after the translation.
    pub outdated: usize,
}

/// Translated / missing / outdated entities per language but the default
/// (empty for a site in one language).
pub fn language_counts(site: &Site) -> Vec<LanguageCount> {
    let total: usize = Kind::ALL.iter().map(|&k| site.count(k)).sum();
    site.config
        .languages
        .iter()
        .skip(1)
        .map(|lang| {
            let mut translated = 0;
            let mut outdated = 0;
            for ((kind, id), t) in site.translations.entities.get(lang).into_iter().flatten() {
                let Some(i) = site.index.get(*kind, id) else {
                    continue;
                };
                translated += 1;
                if is_outdated(&site.history, site.common(*kind, i), t) {
                    outdated += 1;
                }
            }
            LanguageCount {
                lang: lang.clone(),
                translated,
                missing: total - translated,
                outdated,
            }
        })
        .collect()
}
