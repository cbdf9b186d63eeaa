//! The language parts of a page of a multilingual site: the switcher (the
//! same page in each language, named in that language) and the
//! `<link rel="alternate" hreflang>` list (only versions whose content is
//! really translated, the same list on each of them, so that every
//! alternate points back). A site in one language gets neither. And the
//! rendering of a language version below `/<lang>/`.

use super::theme::Theme;
use super::{Renderer, finish_errors};
use crate::diagnostics::Diagnostic;
use crate::link::Site;
use crate::link::version::{content_langs, urls_in};
use crate::model::Kind;
use crate::routes::{self, Planned, Route};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

/// One entry of the language switcher.
#[derive(Serialize, Clone, Debug)]
pub struct LangLink {
    pub lang: String,
    /// The language's name in itself ("Türkçe").
    pub name: String,
    pub url: String,
    pub current: bool,
}

/// One `<link rel="alternate" hreflang>`.
#[derive(Serialize, Clone, Debug)]
pub struct Alternate {
    /// A language tag or `x-default`.
    pub lang: String,
    pub url: String,
}

/// The switcher for the page at site path `path` (every page exists in
/// every language); empty for a site in one language.
pub fn switcher(site: &Site, names: &BTreeMap<String, String>, path: &str) -> Vec<LangLink> {
    let langs = &site.config.languages;
    if langs.len() < 2 {
        return Vec::new();
    }
    langs
        .iter()
        .map(|l| LangLink {
            lang: l.clone(),
            name: names.get(l).cloned().unwrap_or_else(|| l.clone()),
            url: urls_in(site, l).link(path),
            current: *l == site.config.language,
        })
        .collect()
}

/// The alternates of the page at `path` whose content is translated into
/// `langs` (default first), plus `x-default`; empty when there is no
/// second version.
pub fn alternates(site: &Site, path: &str, langs: &[&str]) -> Vec<Alternate> {
    if langs.len() < 2 {
        return Vec::new();
    }
    let mut out: Vec<Alternate> = langs
        .iter()
        .map(|l| Alternate {
            lang: l.to_string(),
            url: urls_in(site, l).absolute(path),
        })
        .collect();
    out.push(Alternate {
        lang: "x-default".into(),
        url: urls_in(site, langs[0]).absolute(path),
    });
    out
}

/// The languages of an entity page (`Some`) or the home page (`None`).
pub fn page_langs(site: &Site, page: Option<(Kind, &str)>) -> Vec<String> {
    content_langs(site, page)
        .into_iter()
        .map(str::to_string)
        .collect()
}

/// Renders the language version `lang` of the site below `<lang>/`: every
/// page, the feed and the search index; the open data, the sitemap and the
/// static files are the site's, once.
pub(super) fn render_version(
    site: &Site,
    theme: &Theme,
    lang: &str,
    emit: &dyn crate::output::Emit,
) -> Result<(), Vec<Diagnostic>> {
    let vsite = crate::link::version::site_for(site, lang);
    let vtheme = theme.for_language(lang)?;
    let plan: Vec<Planned> = routes::plan(&vsite)
        .into_iter()
        .filter(|p| p.route.is_page() || matches!(p.route, Route::Feed | Route::SearchIndex(_)))
        .collect();
    let renderer = Renderer::new(&vsite, &vtheme)?.with_plan(&plan);
    renderer.prepare(plan.iter().map(|p| &p.route));
    let errors: Vec<Diagnostic> = plan
        .par_iter()
        .filter_map(|p| match renderer.render(p) {
            Ok(bytes) => {
                emit.file(&format!("{lang}/{}", p.path), &bytes);
                None
            }
            Err(d) => Some(d),
        })
        .collect();
    // The calendar of the offers, in the language.
    emit.file(
        &format!("{lang}/{}", crate::outputs::ics::PATH),
        &crate::outputs::ics::calendar(&vsite),
    );
    finish_errors((), errors)
}
