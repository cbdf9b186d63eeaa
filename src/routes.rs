//! Routes: every page and file the site will have, and what renders it.
//! Each route names the entities it reads, so that a changed file maps to
//! the routes to render again.

pub mod files;

use crate::link::Site;
use crate::model::{Kind, Ref};
pub use crate::section::{Facet, LEGAL_PAGES};
use crate::url::{alias_path, entity_path};
pub use files::Format;
use std::collections::{BTreeSet, HashMap, HashSet};

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

    /// Key of the page's title in the theme's `i18n/`.
    pub fn title_key(self) -> &'static str {
        crate::section::section_key(self.segment()).unwrap_or("")
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
    /// `suche/f.json`: the filters of the search page.
    Facets,
}

/// What renders a route.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Route {
    Home,
    List(Kind),
    Entity(Kind, usize),
    Facet(Facet, String),
    /// `/angebote/archiv/`: the past offers (only when there are some).
    Archive,
    /// `/berufswahlfahrplan/klasse-<n>/`: the Berufswahlfahrplan of one
    /// grade (only for grades with current offers).
    FahrplanGrade(u8),
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
    /// `/daten/katalog.jsonld|ttl|rdf`: reads all data sets.
    Catalog(files::RdfFormat),
    /// `/daten/angebote.ics`: reads the offers.
    Ics,
    /// `/partner/<id>/kontakt.vcf`: reads the partner's contacts.
    VCard(usize),
    /// `/feed.xml`: reads offers and practice examples.
    Feed,
    /// `/sitemap.xml`: reads every route and every entity's date.
    Sitemap,
    /// `/robots.txt`: reads only the configuration.
    Robots,
    /// `/brand.css`: reads only the configuration (`[brand] color`).
    BrandCss,
    /// The search index: reads every entity.
    SearchIndex(SearchPart),
    /// A file of the browser editor at `/admin/` (`outputs::cms`): reads
    /// the configuration and the vocabularies.
    Cms(&'static str),
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
                | Route::Archive
                | Route::FahrplanGrade(_)
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

/// The archive of past offers (`Route::Archive`).
pub const ARCHIVE: &str = "angebote/archiv/";

/// The Berufswahlfahrplan page of grade `n` (`Route::FahrplanGrade`).
pub fn fahrplan_grade_path(n: u8) -> String {
    format!("berufswahlfahrplan/klasse-{n}/")
}

/// The grades that current offers name, ascending: each has its page in
/// the Berufswahlfahrplan.
pub fn fahrplan_grades(site: &Site) -> Vec<u8> {
    let mut used = [false; 14];
    for o in site.offers.iter().filter(|o| !o.data.is_past(site.today)) {
        for &g in &o.data.grades {
            used[g as usize] = true;
        }
    }
    (1..=13u8).filter(|&g| used[g as usize]).collect()
}

fn page(path: &str) -> String {
    format!("{path}index.html")
}

/// The terms of a facet that at least one offer uses, sorted.
pub fn facet_keys(site: &Site, facet: Facet) -> Vec<String> {
    let mut set = BTreeSet::new();
    // Past offers count too: their pages and archive cards link their
    // terms, whose pages then list no current offer but exist.
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
    let counts = Kind::ALL.map(|k| (k, site.count(k)));
    for (kind, n) in counts {
        for i in 0..n {
            let id = site.id(kind, i);
            out.push(Planned {
                path: page(&entity_path(kind, id)),
                route: Route::Entity(kind, i),
            });
        }
    }
    for (i, p) in site.partners.iter().enumerate() {
        if !p.data.contacts.is_empty() {
            out.push(Planned {
                path: crate::url::vcard_path(&p.data.common.id),
                route: Route::VCard(i),
            });
        }
    }
    if site.has_past_offers() {
        out.push(Planned {
            path: page(ARCHIVE),
            route: Route::Archive,
        });
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
    for n in fahrplan_grades(site) {
        out.push(Planned {
            path: page(&fahrplan_grade_path(n)),
            route: Route::FahrplanGrade(n),
        });
    }
    for kind in files::DATA_KINDS {
        for format in [Format::Json, Format::Csv] {
            out.push(Planned {
                path: files::data_path(kind, format),
                route: Route::Data(kind, format),
            });
        }
    }
    let files = [
        (files::CATALOG, Route::Catalog(files::RdfFormat::JsonLd)),
        (files::CATALOG_TTL, Route::Catalog(files::RdfFormat::Turtle)),
        (files::CATALOG_RDF, Route::Catalog(files::RdfFormat::RdfXml)),
        (files::ICS, Route::Ics),
        (files::FEED, Route::Feed),
        (files::SITEMAP, Route::Sitemap),
        (files::ROBOTS, Route::Robots),
        ("suche/index.json", Route::SearchIndex(SearchPart::Meta)),
        ("suche/f.json", Route::SearchIndex(SearchPart::Facets)),
    ];
    if site.config.brand.color.is_some() {
        out.push(Planned {
            path: files::BRAND_CSS.to_string(),
            route: Route::BrandCss,
        });
    }
    for (path, route) in files {
        out.push(Planned {
            path: path.to_string(),
            route,
        });
    }
    for path in files::cms_paths(&site.config) {
        out.push(Planned {
            path: path.to_string(),
            route: Route::Cms(path),
        });
    }
    for n in 0..files::shard_count(site) {
        out.push(Planned {
            path: format!("suche/t-{n}.json"),
            route: Route::SearchIndex(SearchPart::Terms(n)),
        });
    }
    for n in 0..files::chunk_count(site) {
        out.push(Planned {
            path: format!("suche/d-{n}.json"),
            route: Route::SearchIndex(SearchPart::Docs(n)),
        });
    }
    let taken: BTreeSet<String> = out.iter().map(|p| p.path.clone()).collect();
    for (kind, n) in counts {
        for i in 0..n {
            let common = site.common(kind, i);
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

/// An entity named by kind and id (stable across versions of a site).
pub type Key = (Kind, String);

/// What one entity shows of itself on other pages, and whom it is connected
/// to, in one version of the site. Footprints taken before and after a
/// change tell which routes must be rendered again (`Affected`).
#[derive(Clone, Debug, PartialEq)]
pub struct Footprint {
    pub kind: Kind,
    pub id: String,
    /// How other pages show it; `None` when it is not in this site.
    pub shown: Option<Shown>,
    /// Entities it refers to: their pages list it.
    pub refs: BTreeSet<Key>,
    /// Entities that refer to it: their pages show its link.
    pub referrers: BTreeSet<Key>,
    /// Its aliases (each one a route of its own).
    pub aliases: Vec<String>,
}

/// The parts of an entity that other pages show.
#[derive(Clone, Debug, PartialEq)]
pub struct Shown {
    /// Title and summary: what a link to it shows (and, for partners, the
    /// kind, which their JSON-LD node on other pages shows).
    pub title: String,
    pub summary: Option<String>,
    pub partner_kind: Option<String>,
    /// For partners: their contacts, which offers without contacts of their
    /// own show (and whether the vCard file exists).
    pub contacts: Vec<crate::model::Contact>,
    /// For offers: every facet term it carries (facet pages, filters).
    pub facets: Vec<(Facet, String)>,
    /// For offers: its regions (offer counts of regions and the filter).
    pub regions: Vec<String>,
    /// For offers: `start`, `end` and whether it is past: its place in the
    /// lists, and whether it is in them or in the archive.
    pub dates: Option<(Option<jiff::civil::Date>, Option<jiff::civil::Date>, bool)>,
}

/// The footprint of one entity in `site`.
pub fn footprint(site: &Site, kind: Kind, id: &str) -> Footprint {
    let mut f = Footprint {
        kind,
        id: id.to_string(),
        shown: None,
        refs: BTreeSet::new(),
        referrers: BTreeSet::new(),
        aliases: Vec::new(),
    };
    let Some(i) = site.index.get(kind, id) else {
        return f;
    };
    f.aliases = site.common(kind, i).aliases.clone();
    let r = Kind::Region;
    let b = &site.back;
    let ids = |kind: Kind, list: &[usize]| -> Vec<Key> {
        list.iter()
            .map(|&j| (kind, site.id(kind, j).to_string()))
            .collect()
    };
    f.refs.extend(crate::link::backrefs::refs_of(site, kind, i));
    match kind {
        Kind::Region => {
            f.referrers.extend(ids(Kind::Offer, &b.region_offers[i]));
            f.referrers
                .extend(ids(Kind::Practice, &b.region_practices[i]));
            f.referrers
                .extend(ids(Kind::Agreement, &b.region_agreements[i]));
            f.referrers.extend(ids(r, &b.region_partner_regions[i]));
        }
        Kind::Partner => {
            f.referrers.extend(ids(r, &b.partner_regions[i]));
            f.referrers.extend(ids(Kind::Offer, &b.partner_offers[i]));
            f.referrers
                .extend(ids(Kind::Practice, &b.partner_practices[i]));
            f.referrers
                .extend(ids(Kind::Agreement, &b.partner_agreements[i]));
        }
        _ => {}
    }
    let summary = site.summary(kind, i);
    let mut facets: Vec<(Facet, String)> = Vec::new();
    let mut regions: Vec<String> = Vec::new();
    let mut dates = None;
    if kind == Kind::Offer {
        let e = &site.offers[i].data;
        dates = Some((e.start, e.end, e.is_past(site.today)));
        facets.extend(keys_of(Facet::TargetGroup, &e.target_groups));
        facets.extend(keys_of(Facet::Field, &e.fields));
        facets.extend(e.grades.iter().map(|g| (Facet::Grade, g.to_string())));
        regions = e.regions.iter().map(|x| x.id.clone()).collect();
    }
    facets.sort();
    facets.dedup();
    regions.sort();
    f.shown = Some(Shown {
        title: site.common(kind, i).title.clone(),
        summary: summary.map(str::to_string),
        partner_kind: (kind == Kind::Partner).then(|| site.partners[i].data.kind.id.clone()),
        contacts: match kind {
            Kind::Partner => site.partners[i].data.contacts.clone(),
            _ => Vec::new(),
        },
        facets,
        regions,
        dates,
    });
    f
}

fn keys_of(facet: Facet, terms: &[Ref]) -> impl Iterator<Item = (Facet, String)> + '_ {
    terms.iter().map(move |t| (facet, t.id.clone()))
}

/// The routes that changes of some entities make stale, from footprints
/// taken before and after. Routes that are new in the site are not listed
/// here: whoever applies a change renders every path that did not exist.
#[derive(Clone, Debug, Default)]
pub struct Affected {
    /// Every route (e.g. the footer's pages changed).
    pub all: bool,
    /// Some entity changed at all.
    pub any: bool,
    /// The set of routes may differ (an entity, an alias or a facet term
    /// came or went): plan again rather than filter the old plan.
    pub plan_changed: bool,
    pub entities: HashMap<Kind, HashSet<String>>,
    pub lists: HashSet<Kind>,
    pub all_facets: bool,
    pub facets: HashSet<(Facet, String)>,
    /// Every practice example's page: it links a field only while some
    /// offer has that field (`Views::field_terms`).
    pub practices: bool,
}

impl Affected {
    /// Every route of the site.
    pub fn everything() -> Affected {
        Affected {
            all: true,
            ..Default::default()
        }
    }

    /// What the change of one entity from `before` to `after` affects.
    pub fn add(&mut self, before: &Footprint, after: &Footprint) {
        debug_assert_eq!((before.kind, &before.id), (after.kind, &after.id));
        let kind = after.kind;
        self.any = true;
        fn link(f: &Footprint) -> Option<(&String, &Option<String>, &Option<String>)> {
            f.shown
                .as_ref()
                .map(|s| (&s.title, &s.summary, &s.partner_kind))
        }
        let link_changed = link(before) != link(after);
        let contacts = |f: &Footprint| f.shown.as_ref().map(|s| s.contacts.clone());
        if contacts(before) != contacts(after) {
            // Offers of the partner show its contacts when they have none.
            for (k, id) in before.referrers.iter().chain(&after.referrers) {
                self.entity(*k, id);
            }
            let has = |f: &Footprint| f.shown.as_ref().is_some_and(|s| !s.contacts.is_empty());
            if has(before) != has(after) {
                // The vCard file comes or goes.
                self.plan_changed = true;
            }
        }
        self.entity(kind, &after.id);
        let mut others: Vec<&Key> = before.refs.iter().chain(&after.refs).collect();
        if link_changed {
            others.extend(before.referrers.iter().chain(&after.referrers));
        }
        for (k, id) in others {
            self.entity(*k, id);
        }
        if before.shown.is_some() != after.shown.is_some() || before.aliases != after.aliases {
            self.plan_changed = true;
        }
        if kind != Kind::Page {
            self.lists.insert(kind);
        }
        match kind {
            Kind::Offer => {
                let facets = |f: &Footprint| f.shown.as_ref().map(|s| s.facets.clone());
                let regions = |f: &Footprint| f.shown.as_ref().map(|s| s.regions.clone());
                let dates = |f: &Footprint| f.shown.as_ref().and_then(|s| s.dates);
                if dates(before) != dates(after) {
                    // The offer may move between the lists and the archive
                    // (which may come or go), and its place in every list
                    // it is on changes: facet pages and counts too.
                    self.plan_changed = true;
                    self.all_facets = true;
                    self.lists.insert(Kind::Region);
                }
                if facets(before) != facets(after) {
                    // A facet term may have come or gone.
                    self.plan_changed = true;
                }
                let fields = |f: &Footprint| {
                    facets(f).map(|v| {
                        v.into_iter()
                            .filter(|(facet, _)| *facet == Facet::Field)
                            .collect::<Vec<_>>()
                    })
                };
                if fields(before) != fields(after) {
                    // A field's page may have come or gone.
                    self.practices = true;
                }
                if facets(before) != facets(after) || regions(before) != regions(after) {
                    // Counts in the filters and on region cards change.
                    self.all_facets = true;
                    self.lists.insert(Kind::Region);
                } else {
                    for f in [before, after] {
                        if let Some(s) = &f.shown {
                            self.facets.extend(s.facets.iter().cloned());
                        }
                    }
                }
            }
            Kind::Region | Kind::Partner if link_changed => {
                // Offer cards and the region filter show their links.
                self.all_facets = true;
                self.lists.insert(Kind::Offer);
                if kind == Kind::Region {
                    self.lists.insert(Kind::Practice);
                    self.lists.insert(Kind::Agreement);
                }
            }
            Kind::Page if link_changed && LEGAL_PAGES.contains(&after.id.as_str()) => {
                self.all = true;
            }
            _ => {}
        }
    }

    fn entity(&mut self, kind: Kind, id: &str) {
        self.entities
            .entry(kind)
            .or_default()
            .insert(id.to_string());
    }

    /// Whether `route` of `site` (the site after the change) is stale.
    pub fn contains(&self, site: &Site, route: &Route) -> bool {
        if self.all {
            return true;
        }
        match route {
            // Key figures, region cards, newest practice: cheap, always.
            Route::Home => true,
            Route::List(kind) => self.lists.contains(kind),
            Route::Entity(Kind::Practice, _) if self.practices => true,
            Route::VCard(i) => self
                .entities
                .get(&Kind::Partner)
                .is_some_and(|ids| ids.contains(site.id(Kind::Partner, *i))),
            Route::Entity(kind, i) => self
                .entities
                .get(kind)
                .is_some_and(|ids| ids.contains(site.id(*kind, *i))),
            Route::Facet(facet, key) => {
                self.all_facets || self.facets.contains(&(*facet, key.clone()))
            }
            // Only the site's frame, which `all` covers.
            Route::NotFound
            | Route::Alias { .. }
            | Route::Robots
            | Route::BrandCss
            | Route::Cms(_) => false,
            Route::Special(Special::Suche) => false,
            // Offers laid out by grade and field.
            Route::Special(Special::Fahrplan)
            | Route::FahrplanGrade(_)
            | Route::Ics
            | Route::Archive => self.lists.contains(&Kind::Offer),
            Route::Feed => {
                self.lists.contains(&Kind::Offer) || self.lists.contains(&Kind::Practice)
            }
            // Built from every entity but the free pages: counts, charts,
            // the network, the data files and their sizes.
            Route::Special(Special::Netzwerk | Special::Zahlen | Special::Daten)
            | Route::Data(..) => !self.lists.is_empty(),
            // Every page and its date, every text; the catalogue's
            // `dct:modified` is the newest date of any entity, free pages too.
            Route::Sitemap | Route::SearchIndex(_) | Route::Catalog(_) => self.any,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_special_page_is_a_named_section() {
        for s in Special::ALL {
            assert!(
                !s.title_key().is_empty(),
                "{s:?} is not in section::SECTIONS"
            );
        }
    }
}
