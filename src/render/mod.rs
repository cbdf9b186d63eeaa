//! Render: Tera over view structs, one route at a time, in parallel, into
//! an in-memory `Output`.

pub mod lists;
pub mod theme;
pub mod views;

use crate::diagnostics::Diagnostic;
use crate::link::Site;
use crate::model::Kind;
use crate::output::Output;
use crate::routes::{self, Planned, Route};
use crate::url::entity_path;
use rayon::prelude::*;
use serde::Serialize;
use theme::Theme;
use views::{DateView, Views, date};

/// A link in navigation, footer or breadcrumbs.
#[derive(Serialize, Clone, Debug)]
pub struct NavLink {
    pub key: String,
    pub title: String,
    pub url: String,
}

/// What every template sees as `site`.
#[derive(Serialize, Clone, Debug)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub base_url: &'a str,
    pub base_path: &'a str,
    pub language: &'a str,
    pub data_license: &'a str,
    pub nav: Vec<NavLink>,
    pub legal: Vec<NavLink>,
    pub css: String,
    pub favicon: String,
    pub today: DateView,
    pub year: i16,
}

/// What every template sees as `page`.
#[derive(Serialize, Clone, Debug)]
pub struct PageMeta<'a> {
    pub title: std::borrow::Cow<'a, str>,
    pub description: Option<&'a str>,
    pub url: String,
    pub canonical: String,
    pub section: &'static str,
    pub breadcrumbs: Vec<NavLink>,
}

/// Pages the footer links when the site has them, in this order.
pub const LEGAL_PAGES: [&str; 4] = [
    "impressum",
    "datenschutz",
    "barrierefreiheit",
    "leichte-sprache",
];

pub fn site_view(site: &Site) -> SiteView<'_> {
    let u = &site.urls;
    let nav_entries: [(&str, &str); 6] = [
        ("regionen", "Regionen"),
        ("partner", "Partner"),
        ("angebote", "Angebote"),
        ("gute-praxis", "Gute Praxis"),
        ("vereinbarungen", "Vereinbarungen"),
        ("", ""),
    ];
    let nav = nav_entries
        .iter()
        .filter(|(k, _)| !k.is_empty())
        .map(|(k, t)| NavLink {
            key: k.to_string(),
            title: t.to_string(),
            url: u.link(&format!("{k}/")),
        })
        .collect();
    let legal = LEGAL_PAGES
        .iter()
        .filter_map(|id| {
            site.page(id).map(|p| NavLink {
                key: id.to_string(),
                title: p.data.common.title.clone(),
                url: u.entity(Kind::Page, id),
            })
        })
        .collect();
    SiteView {
        title: &site.config.title,
        description: site.config.description.as_deref(),
        base_url: &site.config.base_url,
        base_path: &u.base_path,
        language: &site.config.language,
        data_license: &site.config.data_license,
        nav,
        legal,
        css: u.link("lotse.css"),
        favicon: u.link("favicon.svg"),
        today: date(site.today),
        year: site.today.year(),
    }
}

/// Renders every route; template errors are collected, not fatal one by one.
pub fn render_site(site: &Site, theme: &Theme) -> Result<Output, Vec<Diagnostic>> {
    let plan = routes::plan(site);
    let renderer = Renderer::new(site, theme)?;
    let results: Vec<Result<(String, Vec<u8>), Diagnostic>> = plan
        .par_iter()
        .map(|p| renderer.render(p).map(|b| (p.path.clone(), b)))
        .collect();
    let mut out = Output::default();
    for f in &theme.static_files {
        out.insert(f.path.clone(), f.bytes.clone());
    }
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok((path, bytes)) => out.insert(path, bytes),
            Err(d) => errors.push(d),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        errors.sort_by(|a, b| a.message.cmp(&b.message));
        errors.dedup_by(|a, b| a.message == b.message);
        Err(errors)
    }
}

/// Renders single routes for one site (shared by full and partial builds).
pub struct Renderer<'s> {
    pub site: &'s Site,
    pub theme: &'s Theme,
    views: Views<'s>,
    globals: tera::Context,
    /// The offer filters, shared by every offers page.
    facets: lists::Facets<'s>,
}

impl<'s> Renderer<'s> {
    pub fn new(site: &'s Site, theme: &'s Theme) -> Result<Self, Vec<Diagnostic>> {
        let mut globals = tera::Context::new();
        globals.insert("site", &site_view(site));
        globals.insert("t", &theme.i18n);
        let views = Views::new(site);
        Ok(Renderer {
            site,
            theme,
            facets: lists::facets(&views),
            views,
            globals,
        })
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
                title: "Start".into(),
                url: u.link(""),
            });
            let parts: Vec<&str> = path.trim_end_matches('/').split('/').collect();
            if parts.len() >= 2 {
                breadcrumbs.push(NavLink {
                    key: parts[0].to_string(),
                    title: section_title(parts[0]).to_string(),
                    url: u.link(&format!("{}/", parts[0])),
                });
            }
        }
        PageMeta {
            title: title.into(),
            description,
            url: u.link(path),
            canonical: u.absolute(path),
            section,
            breadcrumbs,
        }
    }

    fn template(&self, name: &str, ctx: tera::Context) -> Result<Vec<u8>, Diagnostic> {
        let mut ctx = ctx;
        ctx.extend(self.globals.clone());
        self.theme
            .tera
            .render(name, &ctx)
            .map(String::into_bytes)
            .map_err(|e| self.theme.error(name, &e))
    }

    /// Renders one route.
    pub fn render(&self, p: &Planned) -> Result<Vec<u8>, Diagnostic> {
        let site = self.site;
        let v = &self.views;
        let mut ctx = tera::Context::new();
        match &p.route {
            Route::Home => {
                let title = site.home.title.as_deref().unwrap_or(&site.config.title);
                let desc = site
                    .home
                    .description
                    .as_deref()
                    .or(site.config.description.as_deref());
                ctx.insert("page", &self.meta(title, desc, "", ""));
                ctx.insert("home", &lists::home(v));
                ctx.insert("regions", &lists::region_cards(v));
                ctx.insert("figures", &lists::figures(site));
                ctx.insert("practices", &lists::newest_practices(v, 3));
                self.template("index.html", ctx)
            }
            Route::NotFound => {
                ctx.insert(
                    "page",
                    &self.meta("Seite nicht gefunden", None, "404.html", ""),
                );
                self.template("404.html", ctx)
            }
            Route::List(kind) => {
                let section = kind.section();
                let path = format!("{section}/");
                ctx.insert("page", &self.meta(kind.plural(), None, &path, section));
                let name = match kind {
                    Kind::Region => {
                        ctx.insert("items", &lists::region_cards(v));
                        "regions.html"
                    }
                    Kind::Partner => {
                        ctx.insert("groups", &lists::partner_groups(v));
                        "partners.html"
                    }
                    Kind::Offer => {
                        let all: Vec<usize> = (0..site.offers.len()).collect();
                        ctx.insert("items", &lists::offer_cards(v, &all));
                        ctx.insert("facets", &self.facets);
                        "offers.html"
                    }
                    Kind::Practice => {
                        ctx.insert("items", &lists::practice_cards(v));
                        "practices.html"
                    }
                    Kind::Agreement => {
                        ctx.insert("items", &lists::agreement_cards(v));
                        "agreements.html"
                    }
                    Kind::Page => unreachable!("pages have no list"),
                };
                self.template(name, ctx)
            }
            Route::Entity(kind, i) => {
                let i = *i;
                let c = routes::entity_common(site, *kind, i);
                let path = entity_path(*kind, &c.id);
                let summary = match kind {
                    Kind::Region => site.regions[i].summary.as_deref(),
                    Kind::Partner => site.partners[i].summary.as_deref(),
                    Kind::Offer => site.offers[i].summary.as_deref(),
                    Kind::Practice => site.practices[i].summary.as_deref(),
                    Kind::Agreement => site.agreements[i].summary.as_deref(),
                    Kind::Page => site.pages[i].summary.as_deref(),
                };
                ctx.insert("page", &self.meta(&c.title, summary, &path, kind.section()));
                let name = match kind {
                    Kind::Region => {
                        ctx.insert("region", &v.region(i));
                        "region.html"
                    }
                    Kind::Partner => {
                        ctx.insert("partner", &v.partner(i));
                        "partner.html"
                    }
                    Kind::Offer => {
                        ctx.insert("offer", &v.offer(i));
                        "offer.html"
                    }
                    Kind::Practice => {
                        ctx.insert("practice", &v.practice(i));
                        "practice.html"
                    }
                    Kind::Agreement => {
                        ctx.insert("agreement", &v.agreement(i));
                        "agreement.html"
                    }
                    Kind::Page => {
                        ctx.insert("entry", &v.page(i));
                        "page.html"
                    }
                };
                self.template(name, ctx)
            }
            Route::Facet(facet, key) => {
                let (label, items) = lists::facet_offers(v, *facet, key);
                let path = format!("angebote/{}/{key}/", facet.segment());
                let title = format!("Angebote – {}: {label}", facet.label());
                ctx.insert("page", &self.meta(title, None, &path, "angebote"));
                ctx.insert(
                    "term",
                    &lists::FacetTerm {
                        facet: facet.segment(),
                        facet_label: facet.label(),
                        key,
                        label: &label,
                    },
                );
                ctx.insert("items", &items);
                ctx.insert("facets", &self.facets);
                self.template("offers_term.html", ctx)
            }
            Route::Alias { to } => {
                ctx.insert("page", &self.meta("Weiterleitung", None, to, ""));
                ctx.insert("target", &site.urls.link(to));
                ctx.insert("target_canonical", &site.urls.absolute(to));
                self.template("redirect.html", ctx)
            }
        }
    }
}

/// German title of a top-level section, for breadcrumbs.
pub fn section_title(segment: &str) -> &str {
    match segment {
        "regionen" => "Regionen",
        "partner" => "Partner",
        "angebote" => "Angebote",
        "gute-praxis" => "Gute Praxis",
        "vereinbarungen" => "Vereinbarungen",
        other => other,
    }
}
