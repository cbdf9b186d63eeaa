//! Routes: every page and file the site will have, and what renders it.
//! Each route names the entities it reads, so that a changed file maps to
//! the routes to render again.

use crate::link::Site;
use crate::model::Kind;
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
