//! Render: Tera over view structs, one route at a time, in parallel, into
//! an in-memory `Output`.

pub mod fahrplan;
pub mod flat;
pub mod langs;
pub mod lists;
pub mod locale;
pub mod page;
mod route;
pub mod special;
pub mod theme;
pub mod view_types;
pub mod views;

use crate::diagnostics::Diagnostic;
use crate::link::Site;
use crate::model::Kind;
use crate::output::Output;
use crate::outputs;
use crate::routes::{self, Planned, Route, SearchPart, Special};
use crate::section::{Labels, section_key};
use crate::url::entity_path;
use lists::OfferCards;
pub use page::{Fallback, LEGAL_PAGES, NavLink, PageMeta, SiteView, site_view};
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};
use theme::Theme;
use views::Views;

/// Renders every route into memory (`build`, which `lotse check` and the
/// tests use): the pipeline of `render_each`, its files collected, so that
/// the in-memory and the streamed build cannot drift apart. Template errors
/// are collected, not fatal one by one.
pub fn render_site(site: &Site, theme: &Theme) -> Result<Output, Vec<Diagnostic>> {
    let out = Mutex::new(Output::default());
    render_each(site, theme, &|path: &str, bytes: &[u8]| {
        let bytes: std::sync::Arc<[u8]> = bytes.into();
        out.lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path, bytes);
    })?;
    Ok(out.into_inner().unwrap_or_else(|e| e.into_inner()))
}

/// Renders every route and hands each file to `emit` as soon as it is
/// rendered, from any thread, so that a build to disk never holds all
/// pages at once. The theme's static files come first. Template errors
/// are collected; `emit` may have seen some files when they are returned.
pub fn render_each(
    site: &Site,
    theme: &Theme,
    emit: &dyn crate::output::Emit,
) -> Result<(), Vec<Diagnostic>> {
    // The plan is serial (8 ms at 10,000 entities); the two renderers are
    // made meanwhile.
    let (plan, renderers) = rayon::join(
        || routes::plan(site),
        || Ok::<_, Vec<Diagnostic>>((Renderer::new(site, theme)?, Renderer::new(site, theme)?)),
    );
    let (shared, pages) = renderers?;
    for f in &theme.static_files {
        emit.file(&f.path, &f.bytes);
    }
    let render_group = |renderer: &Renderer, group: &[&Planned]| -> Vec<Diagnostic> {
        group
            .par_iter()
            .with_max_len(crate::PAR_GRAIN)
            .filter_map(|p| match renderer.render(p) {
                Ok(bytes) => {
                    emit.file(&p.path, &bytes);
                    None
                }
                Err(d) => Some(d),
            })
            .collect()
    };
    // Routes that share a part computed from the whole site (the open-data
    // files, the search index, the offer cards) render together, and the
    // part is dropped after them: at 50,000 entities each is 100 MB or more,
    // and holding them all through the entity pages set the peak memory.
    // The groups follow each other on one side of a `join`; the pages that
    // need no shared part render on the other, and fill the cores while a
    // part is computed (building the search index or the 10 MB offers list
    // is serial work). The data files come first on the shared side, each
    // written as soon as it is made: the catalogue and the data page need
    // only their sizes. Made before the pages (as they were), the longest
    // of them, the calendar, left a core idle while it was written.
    let mut shared = shared.with_plan(&plan);
    let pages = pages.with_plan(&plan);
    let group = |part: SharedPart| -> Vec<&Planned> {
        plan.iter()
            .filter(|p| shared_part(&p.route) == part)
            .collect()
    };
    let (mut errors, more) = rayon::join(
        move || {
            let downloads = outputs::dcat::each_download(site, emit);
            let _ = shared
                .downloads
                .set(downloads.into_iter().map(|d| (d, Vec::new())).collect());
            let mut errors = Vec::new();
            for part in [
                SharedPart::Downloads,
                SharedPart::Search,
                SharedPart::OfferCards,
            ] {
                let mut group = group(part);
                // The data files themselves are written already.
                group.retain(|p| !matches!(p.route, Route::Data(..) | Route::Ics));
                shared.prepare(group.iter().map(|p| &p.route));
                errors.extend(render_group(&shared, &group));
                shared.release_shared();
            }
            errors
        },
        || {
            // The pages built from the whole site (lists, figures, network
            // map, feed, sitemap) first: each is one long task, and last they
            // left one core idle at the end of the build.
            let mut group = group(SharedPart::None);
            group.sort_by_key(|p| matches!(p.route, Route::Entity(..) | Route::Alias { .. }));
            render_group(&pages, &group)
        },
    );
    errors.extend(more);
    // The other languages, each under `/<lang>/`: after the default, so that
    // a one-language site renders exactly as before.
    if let Err(e) = render_versions(site, theme, emit) {
        errors.extend(e);
    }
    finish_errors((), errors)
}

/// Renders the language versions of a multilingual site below `/<lang>/`
/// (nothing for a site in one language): the part of `render_each` after
/// the default language, which `lotse serve` renders on its own.
pub fn render_versions(
    site: &Site,
    theme: &Theme,
    emit: &dyn crate::output::Emit,
) -> Result<(), Vec<Diagnostic>> {
    let mut errors = Vec::new();
    for lang in site.config.languages.iter().skip(1) {
        if let Err(e) = langs::render_version(site, theme, lang, emit) {
            errors.extend(e);
        }
    }
    finish_errors((), errors)
}

/// Which site-wide computed part a route reads (see `render_each`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum SharedPart {
    Downloads,
    Search,
    OfferCards,
    None,
}

fn shared_part(route: &Route) -> SharedPart {
    match route {
        Route::Data(..) | Route::Ics | Route::Catalog(_) | Route::Special(Special::Daten) => {
            SharedPart::Downloads
        }
        Route::SearchIndex(_) => SharedPart::Search,
        Route::List(Kind::Offer) | Route::Facet(..) | Route::Archive => SharedPart::OfferCards,
        _ => SharedPart::None,
    }
}

fn finish_errors<T>(ok: T, mut errors: Vec<Diagnostic>) -> Result<T, Vec<Diagnostic>> {
    if errors.is_empty() {
        Ok(ok)
    } else {
        errors.sort_by(|a, b| a.message.cmp(&b.message));
        errors.dedup_by(|a, b| a.message == b.message);
        Err(errors)
    }
}

/// Room for a typical page (an offer page is about 10 KB), so that the
/// output buffer seldom grows while a page renders.
const PAGE_CAPACITY: usize = 16 * 1024;

/// A part of the page chrome as rendered once: the partial's name, the
/// index of the page's entry among its links (none for most pages) and the
/// page's section (see `Renderer::chrome`).
type ChromeKey = (&'static str, Option<usize>, &'static str);

/// Renders single routes for one site (shared by full and partial builds).
pub struct Renderer<'s> {
    pub site: &'s Site,
    pub theme: &'s Theme,
    views: Views<'s>,
    globals: tera::Context,
    /// `(key, url)` of each `site.nav` and `site.legal` entry, to find the
    /// entry a page is.
    nav: Vec<(String, String)>,
    legal: Vec<(String, String)>,
    /// The page chrome (`partials/site_nav.html`, `partials/site_footer.html`)
    /// as rendered for each `(partial, current, section)` (see `chrome`):
    /// it is the same on every page of a section but a few, and cost a
    /// fifth of an entity page when each page ran its loops again.
    chrome: Mutex<HashMap<ChromeKey, tera::Value>>,
    /// The offer filters, shared by every offers page; computed on first
    /// use, so that rendering a single page of a large site stays cheap.
    facets: OnceLock<lists::Facets<'s>>,
    /// Computed once, on first use, for the routes that share them.
    search: OnceLock<outputs::search::SearchIndex>,
    /// Every offer's card as the list pages show it, built once and shared
    /// by the offers list and every facet page (see `OfferCards`).
    offer_cards: OnceLock<Result<OfferCards, Diagnostic>>,
    /// The Berufswahlfahrplan's entry of each offer, shared by its overview
    /// and grade pages; made on first use (serial work, no rayon inside, so
    /// a worker that waits for it cannot deadlock).
    fahrplan_entries: OnceLock<fahrplan::FahrplanEntries>,
    /// The data files with their sizes. In `render_each` the files are
    /// written before the routes that read only the sizes, and kept here
    /// without their bytes.
    downloads: OnceLock<Vec<(outputs::dcat::Download, Vec<u8>)>>,
    /// The site's route plan when the caller has made it (`with_plan`),
    /// for the sitemap, which otherwise makes its own.
    plan: Option<&'s [Planned]>,
}

impl<'s> Renderer<'s> {
    pub fn new(site: &'s Site, theme: &'s Theme) -> Result<Self, Vec<Diagnostic>> {
        let site_view = site_view(site, Labels(&theme.i18n));
        let mut globals = tera::Context::new();
        globals.insert("site", &site_view);
        globals.insert("t", &theme.i18n);
        let keys = |links: Vec<NavLink>| links.into_iter().map(|l| (l.key, l.url)).collect();
        let nav = keys(site_view.nav);
        let mut legal: Vec<(String, String)> = keys(site_view.legal);
        legal.extend(keys(site_view.more));
        let views = Views::new(site, Labels(&theme.i18n));
        Ok(Renderer {
            site,
            theme,
            facets: OnceLock::new(),
            views,
            globals,
            nav,
            legal,
            chrome: Mutex::new(HashMap::new()),
            search: OnceLock::new(),
            offer_cards: OnceLock::new(),
            fahrplan_entries: OnceLock::new(),
            downloads: OnceLock::new(),
            plan: None,
        })
    }

    /// This renderer with the route plan at hand, so that the sitemap does
    /// not make a second one (8 ms, serial, at 10,000 entities).
    pub fn with_plan(mut self, plan: &'s [Planned]) -> Self {
        self.plan = Some(plan);
        self
    }

    /// Computes what the given routes share (the search index, the offer
    /// cards) before they render, each in parallel. Call it before, not
    /// from within, a parallel iteration over routes: a rayon worker waiting
    /// for its part of such a computation may pick up another route that
    /// waits for the same one. Without it each is computed on first use,
    /// serially when on a rayon worker.
    pub fn prepare<'r>(&self, routes: impl IntoIterator<Item = &'r Route>) {
        let (mut search, mut cards, mut downloads) = (false, false, false);
        for r in routes {
            match shared_part(r) {
                SharedPart::Search => search = true,
                SharedPart::OfferCards => cards = true,
                SharedPart::Downloads => downloads = true,
                SharedPart::None => {}
            }
        }
        rayon::join(
            || {
                if search {
                    self.search
                        .get_or_init(|| outputs::search::build(self.site, self.labels(), true));
                }
            },
            || {
                if cards {
                    self.offer_cards
                        .get_or_init(|| OfferCards::new(&self.views, self.theme, true));
                }
            },
        );
        if downloads {
            self.downloads
                .get_or_init(|| outputs::dcat::downloads(self.site, true));
        }
    }

    /// Drops the parts computed for a group of routes (`prepare`); a later
    /// route that needs one computes it again.
    fn release_shared(&mut self) {
        self.search.take();
        self.offer_cards.take();
        self.downloads.take();
    }

    fn fahrplan_entries(&self) -> &fahrplan::FahrplanEntries {
        self.fahrplan_entries
            .get_or_init(|| fahrplan::FahrplanEntries::new(&self.views))
    }

    fn offer_cards(&self) -> Result<&OfferCards, Diagnostic> {
        self.offer_cards
            .get_or_init(|| {
                OfferCards::new(
                    &self.views,
                    self.theme,
                    rayon::current_thread_index().is_none(),
                )
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// `cards` of an offer list: the offers `idx`, in order. Returns room
    /// for the page: its cards and a typical page around them (the offers
    /// list of a large site is tens of megabytes, which a buffer grown by
    /// doubling would hold about twice, on each thread).
    fn insert_offer_list(
        &self,
        ctx: &mut tera::Context,
        idx: &[usize],
    ) -> Result<usize, Diagnostic> {
        let cards = self.offer_cards()?;
        let html: Vec<tera::Value> = idx.iter().map(|&i| cards.html[i].clone()).collect();
        let room = html
            .iter()
            .map(|h| h.as_str().map_or(0, str::len))
            .sum::<usize>()
            + 4 * PAGE_CAPACITY;
        ctx.insert_value("cards", tera::Value::from(html));
        Ok(room)
    }

    /// The theme's UI strings (see `section::Labels`).
    fn labels(&self) -> Labels<'s> {
        Labels(&self.theme.i18n)
    }

    /// The theme's string for `key`.
    fn label(&self, key: &'s str) -> &'s str {
        self.labels().get(key)
    }

    fn facets(&self) -> &lists::Facets<'s> {
        self.facets.get_or_init(|| lists::facets(&self.views))
    }

    fn meta(
        &self,
        title: impl Into<std::borrow::Cow<'s, str>>,
        description: Option<&'s str>,
        path: &str,
        section: &'static str,
    ) -> PageMeta<'s> {
        let u = &self.site.urls;
        let mut breadcrumbs = Vec::new();
        if !path.is_empty() && path != "404.html" {
            breadcrumbs.push(NavLink {
                key: String::new(),
                title: self.label("breadcrumb_home").into(),
                url: u.link(""),
                lang: None,
            });
            let parts: Vec<&str> = path.trim_end_matches('/').split('/').collect();
            if parts.len() >= 2 {
                breadcrumbs.push(NavLink {
                    key: parts[0].to_string(),
                    title: section_title(self.labels(), parts[0]).to_string(),
                    url: u.link(&format!("{}/", parts[0])),
                    lang: None,
                });
            }
        }
        let lang = &self.site.config.language;
        let multilingual = self.site.config.languages.len() > 1 && path != "404.html";
        PageMeta {
            lang,
            dir: crate::link::version::is_rtl(lang).then_some("rtl"),
            fallback: None,
            partial: None,
            untranslated: &[],
            source_lang: self.site.version.as_deref().map(|v| v.default.as_str()),
            outdated: None,
            // Nothing for a site in one language: no cost per page there.
            languages: if multilingual {
                langs::switcher(self.site, &self.theme.language_names, path)
            } else {
                Vec::new()
            },
            // Pages built from UI strings and data are in every language;
            // entity and home pages narrow this to their translations.
            alternates: if multilingual {
                let all: Vec<&str> = self
                    .site
                    .config
                    .languages
                    .iter()
                    .map(String::as_str)
                    .collect();
                langs::alternates(self.site, path, &all)
            } else {
                Vec::new()
            },
            title: title.into(),
            kind_label: None,
            description,
            url: u.link(path),
            canonical: u.absolute(path),
            section,
            breadcrumbs,
            jsonld: None,
            scripts: Vec::new(),
        }
    }

    /// An entity page (`Some`) or the home page (`None`) at `path`: its
    /// alternates are the versions really translated; a version that is
    /// not shows the original, says so and names it as canonical.
    fn narrow(&self, meta: &mut PageMeta<'s>, page: Option<(Kind, &str)>, path: &str) {
        if self.site.config.languages.len() < 2 {
            return;
        }
        let langs = langs::page_langs(self.site, page);
        if langs.contains(&self.site.config.language) {
            let langs: Vec<&str> = langs.iter().map(String::as_str).collect();
            meta.alternates = langs::alternates(self.site, path, &langs);
            if let (Some(v), Some((kind, id))) = (self.site.version.as_deref(), page) {
                if v.is_outdated(kind, id) {
                    meta.outdated = Some(page::Fallback {
                        lang: v.default.clone(),
                        url: v.root.link(path),
                    });
                }
                meta.untranslated = v.untranslated(kind, id);
                if !meta.untranslated.is_empty() {
                    meta.partial = Some(page::Fallback {
                        lang: v.default.clone(),
                        url: v.root.link(path),
                    });
                }
            }
        } else if let Some(v) = &self.site.version {
            meta.alternates = Vec::new();
            meta.canonical = v.root.absolute(path);
            meta.fallback = Some(page::Fallback {
                lang: v.default.clone(),
                url: v.root.link(path),
            });
        }
    }

    fn script(&self, name: &str) -> String {
        self.site.urls.asset(name)
    }

    fn search_index(&self) -> &outputs::search::SearchIndex {
        self.search.get_or_init(|| {
            outputs::search::build_in(
                self.site,
                self.labels(),
                // A language version's index folds as its language does
                // (its translated texts were folded so when linked).
                self.site.version.as_ref().map_or("de", |v| v.lang.as_str()),
                rayon::current_thread_index().is_none(),
            )
        })
    }

    fn downloads(&self) -> &[(outputs::dcat::Download, Vec<u8>)] {
        self.downloads.get_or_init(|| {
            outputs::dcat::downloads(self.site, rayon::current_thread_index().is_none())
        })
    }

    /// A part of the page chrome for a page: the partial `name` with
    /// `current` (the key of the entry in `entries` whose `url` is the
    /// page's, or `""`) and `section`, rendered once per such pair and then
    /// reused.
    fn chrome(
        &self,
        name: &'static str,
        entries: &[(String, String)],
        meta: &PageMeta,
    ) -> Result<tera::Value, Diagnostic> {
        let entry = entries.iter().position(|(_, url)| *url == meta.url);
        let key = (name, entry, meta.section);
        let cache = || self.chrome.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(html) = cache().get(&key) {
            return Ok(html.clone());
        }
        // Rendered without holding the cache, so that other pages' threads
        // are not held up; two threads may render the same part once each.
        let mut ctx = self.globals.clone();
        ctx.insert("current", entry.map_or("", |i| entries[i].0.as_str()));
        ctx.insert("section", meta.section);
        let html = self
            .theme
            .tera
            .render(name, &ctx)
            .map_err(|e| self.theme.error(name, &e))?;
        Ok(cache()
            .entry(key)
            .or_insert_with(|| tera::Value::safe_string(&html))
            .clone())
    }

    /// Renders template `name` for the page `meta` with `ctx`, plus what
    /// every page has: `page`, `site_nav`, `site_footer`, `site` and `t`.
    fn template(
        &self,
        name: &str,
        meta: &PageMeta,
        ctx: tera::Context,
    ) -> Result<Vec<u8>, Diagnostic> {
        self.template_sized(name, meta, ctx, PAGE_CAPACITY)
    }

    /// `template` into a buffer with room for `capacity` bytes.
    fn template_sized(
        &self,
        name: &str,
        meta: &PageMeta,
        ctx: tera::Context,
        capacity: usize,
    ) -> Result<Vec<u8>, Diagnostic> {
        let mut ctx = ctx;
        ctx.insert("page", meta);
        let nav = self.chrome("partials/site_nav.html", &self.nav, meta)?;
        let footer = self.chrome("partials/site_footer.html", &self.legal, meta)?;
        ctx.insert_value("site_nav", nav);
        ctx.insert_value("site_footer", footer);
        ctx.extend(self.globals.clone());
        // Rendered straight into bytes: `Tera::render` checks the whole page
        // is UTF-8 again to hand back a `String` (a tenth of the rendering).
        let mut out = Vec::with_capacity(capacity);
        self.theme
            .tera
            .render_to(name, &ctx, &mut out)
            .map_err(|e| self.theme.error(name, &e))?;
        Ok(out)
    }
}

/// The title of a top-level section, for breadcrumbs; an unknown one by
/// its segment.
pub fn section_title<'a>(labels: Labels<'a>, segment: &'a str) -> &'a str {
    section_key(segment).map_or(segment, |k| labels.get(k))
}
