//! Routes: every page and file the site will have, and what renders it.
//! Each route names the entities it reads, so that a changed file maps to
//! the routes to render again.

use crate::link::Site;
use crate::model::Kind;
pub use crate::outputs::data::Format;
use crate::url::entity_path;
use std::collections::BTreeSet;

/// A facet of the offers that has its own pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Facet {
    TargetGroup,
    Field,
    Grade,
}

impl Facet {
    pub const ALL: [Facet; 3] = [Facet::TargetGroup, Facet::Field, Facet::Grade];

    /// Path segment below `/angebote/`.
    pub fn segment(self) -> &'static str {
        match self {
            Facet::TargetGroup => "zielgruppe",
            Facet::Field => "handlungsfeld",
            Facet::Grade => "klasse",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Facet::TargetGroup => "Zielgruppe",
            Facet::Field => "Handlungsfeld",
            Facet::Grade => "Klassenstufe",
        }
    }
}

/// A page the site builds from all of its content (CONTENT-MODEL.md §4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Special {
    /// `/berufswahlfahrplan/`: offers by school grade and field.
    Fahrplan,
    /// `/netzwerk/`: the network map of partners and regions.
    Netzwerk,
    /// `/zahlen/`: key figures as charts.
    Zahlen,
    /// `/suche/`: the search page.
    Suche,
    /// `/daten/`: the open-data page.
    Daten,
}

impl Special {
    pub const ALL: [Special; 5] = [
        Special::Fahrplan,
        Special::Netzwerk,
        Special::Zahlen,
        Special::Suche,
        Special::Daten,
    ];

    /// Path segment (`berufswahlfahrplan`).
    pub fn segment(self) -> &'static str {
        match self {
            Special::Fahrplan => "berufswahlfahrplan",
            Special::Netzwerk => "netzwerk",
            Special::Zahlen => "zahlen",
            Special::Suche => "suche",
            Special::Daten => "daten",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Special::Fahrplan => "Berufswahlfahrplan",
            Special::Netzwerk => "Netzwerk",
            Special::Zahlen => "Zahlen",
            Special::Suche => "Suche",
            Special::Daten => "Offene Daten",
        }
    }

    /// The entity kinds the page reads (for incremental rebuilds).
    pub fn reads(self) -> &'static [Kind] {
        match self {
            Special::Fahrplan => &[Kind::Offer, Kind::Region, Kind::Partner],
            Special::Netzwerk => &[Kind::Region, Kind::Partner],
            Special::Zahlen => &[Kind::Region, Kind::Partner, Kind::Offer, Kind::Agreement],
            Special::Suche => &[],
            Special::Daten => &Kind::ALL,
        }
    }
}

/// A file of the search index (see `outputs::search`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SearchPart {
    /// `suche/index.json`.
    Meta,
    /// `suche/t-<n>.json`: a shard of the sorted terms.
    Terms(usize),
    /// `suche/d-<n>.json`: a chunk of documents.
    Docs(usize),
}

/// What renders a route.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Route {
    Home,
    List(Kind),
    Entity(Kind, usize),
    Facet(Facet, String),
    NotFound,
    /// An alias page that redirects to `to` (a site path).
    Alias {
        to: String,
    },
    /// A page built from all content (`/zahlen/`, …).
    Special(Special),
    /// `/daten/<type>.json|csv`: reads every entity of the kind, plus the
    /// entities its derived fields name.
    Data(Kind, Format),
    /// `/daten/katalog.jsonld`: reads all data sets.
    Catalog,
    /// `/daten/angebote.ics`: reads the offers.
    Ics,
    /// `/feed.xml`: reads offers and practice examples.
    Feed,
    /// `/sitemap.xml`: reads every route and every entity's date.
    Sitemap,
    /// `/robots.txt`: reads only the configuration.
    Robots,
    /// The search index: reads every entity.
    SearchIndex(SearchPart),
}

impl Route {
    /// Whether the route is an HTML page rendered with a template.
    pub fn is_page(&self) -> bool {
        matches!(
            self,
            Route::Home
                | Route::List(_)
                | Route::Entity(..)
                | Route::Facet(..)
                | Route::NotFound
                | Route::Alias { .. }
                | Route::Special(_)
        )
    }
}

/// A route with its output path.
#[derive(Clone, Debug)]
pub struct Planned {
    /// Output path (`regionen/x/index.html`).
    pub path: String,
    pub route: Route,
}

fn page(path: &str) -> String {
    format!("{path}index.html")
}

/// The terms of a facet that at least one offer uses, sorted.
pub fn facet_keys(site: &Site, facet: Facet) -> Vec<String> {
    let mut set = BTreeSet::new();
    for o in &site.offers {
        match facet {
            Facet::TargetGroup => set.extend(o.data.target_groups.iter().map(|t| t.id.clone())),
            Facet::Field => set.extend(o.data.fields.iter().map(|t| t.id.clone())),
            Facet::Grade => set.extend(o.data.grades.iter().map(|g| format!("{g:02}"))),
        }
    }
    let mut keys: Vec<String> = set.into_iter().collect();
    if facet == Facet::Grade {
        // Sorted numerically via the zero padding, written without it.
        keys = keys
            .into_iter()
            .map(|k| k.trim_start_matches('0').to_string())
            .collect();
    }
    keys
}

/// Every route of the site.
pub fn plan(site: &Site) -> Vec<Planned> {
    let mut out = vec![
        Planned {
            path: "index.html".into(),
            route: Route::Home,
        },
        Planned {
            path: "404.html".into(),
            route: Route::NotFound,
        },
    ];
    for kind in [
        Kind::Region,
        Kind::Partner,
        Kind::Offer,
        Kind::Practice,
        Kind::Agreement,
    ] {
        out.push(Planned {
            path: page(&format!("{}/", kind.section())),
            route: Route::List(kind),
        });
    }
    let counts = [
        (Kind::Region, site.regions.len()),
        (Kind::Partner, site.partners.len()),
        (Kind::Offer, site.offers.len()),
        (Kind::Practice, site.practices.len()),
        (Kind::Agreement, site.agreements.len()),
        (Kind::Page, site.pages.len()),
    ];
    for (kind, n) in counts {
        for i in 0..n {
            let id = entity_id(site, kind, i);
            out.push(Planned {
                path: page(&entity_path(kind, id)),
                route: Route::Entity(kind, i),
            });
        }
    }
    for facet in Facet::ALL {
        for key in facet_keys(site, facet) {
            out.push(Planned {
                path: page(&format!("angebote/{}/{key}/", facet.segment())),
                route: Route::Facet(facet, key),
            });
        }
    }
    for special in Special::ALL {
        out.push(Planned {
            path: page(&format!("{}/", special.segment())),
            route: Route::Special(special),
        });
    }
    for kind in crate::outputs::data::DATA_KINDS {
        for format in [Format::Json, Format::Csv] {
            out.push(Planned {
                path: crate::outputs::data::path(kind, format),
                route: Route::Data(kind, format),
            });
        }
    }
    let files = [
        (crate::outputs::dcat::PATH, Route::Catalog),
        (crate::outputs::ics::PATH, Route::Ics),
        (crate::outputs::feed::PATH, Route::Feed),
        (crate::outputs::sitemap::PATH, Route::Sitemap),
        (crate::outputs::sitemap::ROBOTS, Route::Robots),
        ("suche/index.json", Route::SearchIndex(SearchPart::Meta)),
    ];
    for (path, route) in files {
        out.push(Planned {
            path: path.to_string(),
            route,
        });
    }
    for n in 0..crate::outputs::search::shard_count(site) {
        out.push(Planned {
            path: format!("suche/t-{n}.json"),
            route: Route::SearchIndex(SearchPart::Terms(n)),
        });
    }
    for n in 0..crate::outputs::search::chunk_count(site) {
        out.push(Planned {
            path: format!("suche/d-{n}.json"),
            route: Route::SearchIndex(SearchPart::Docs(n)),
        });
    }
    let taken: BTreeSet<String> = out.iter().map(|p| p.path.clone()).collect();
    for (kind, n) in counts {
        for i in 0..n {
            let common = entity_common(site, kind, i);
            for alias in &common.aliases {
                let path = alias_path(alias);
                if crate::link::alias_problem(alias).is_none() && !taken.contains(&path) {
                    out.push(Planned {
                        path,
                        route: Route::Alias {
                            to: entity_path(kind, &common.id),
                        },
                    });
                }
            }
        }
    }
    out
}

/// `/alt/pfad` or `alt/pfad/` → `alt/pfad/index.html`; `x.html` stays.
pub fn alias_path(alias: &str) -> String {
    let a = alias.trim().trim_start_matches('/');
    if a.ends_with(".html") {
        a.to_string()
    } else if a.is_empty() || a.ends_with('/') {
        format!("{a}index.html")
    } else {
        format!("{a}/index.html")
    }
}

pub fn entity_common(site: &Site, kind: Kind, i: usize) -> &crate::model::Common {
    match kind {
        Kind::Region => &site.regions[i].data.common,
        Kind::Partner => &site.partners[i].data.common,
        Kind::Offer => &site.offers[i].data.common,
        Kind::Practice => &site.practices[i].data.common,
        Kind::Agreement => &site.agreements[i].data.common,
        Kind::Page => &site.pages[i].data.common,
    }
}

pub fn entity_id(site: &Site, kind: Kind, i: usize) -> &str {
    &entity_common(site, kind, i).id
}
