//! Views of lists: cards for list pages, facets, key figures, the home
//! page; and every offer's card rendered once for the offer lists.

use super::flat::flat_serialize;
use super::theme::Theme;
use super::views::{DateView, GradeView, LinkView, TermView, Views};
use crate::diagnostics::Diagnostic;
use crate::link::Site;
use crate::routes::{Facet, facet_keys};
use crate::section::Labels;
use rayon::prelude::*;
use serde::Serialize;

#[derive(Serialize, Clone, Debug)]
pub struct HomeView<'a> {
    pub title: Option<&'a str>,
    pub description: Option<&'a str>,
    pub html: &'a str,
}

/// A tile of the home page for one target group (`[home] audiences`).
#[derive(Serialize, Clone, Debug)]
pub struct AudienceTile<'a> {
    pub group: TermView<'a>,
    /// The theme's sentence for the group (`audience_<key>` in its
    /// `i18n/`), else its generic one naming the group.
    pub sentence: String,
    /// How many current offers are for the group.
    pub count: usize,
    /// The group's offers (`/angebote/zielgruppe/<key>/`), or all offers
    /// when none is for it (a group without offers has no page).
    pub url: String,
}

/// The tiles of `[home] audiences`, in its order; without it, every
/// target group that current offers name, in the vocabulary's order.
pub fn audiences<'s>(v: &Views<'s>) -> Vec<AudienceTile<'s>> {
    let site = v.site;
    let mut counts: std::collections::HashMap<&str, usize> = Default::default();
    for &i in v.current_offers() {
        for t in &site.offers[i].data.target_groups {
            *counts.entry(t.id.as_str()).or_default() += 1;
        }
    }
    let keys: Vec<&'s str> = match &site.config.audiences {
        Some(list) => list.iter().map(|r| r.id.as_str()).collect(),
        None => site
            .vocab
            .get("target_groups")
            .map(|g| g.keys().filter(|k| counts.contains_key(k)).collect())
            .unwrap_or_default(),
    };
    let pages = facet_keys(site, Facet::TargetGroup);
    keys.into_iter()
        .map(|key| {
            let group = v.term("target_groups", key, None);
            let own = v.labels.find(&format!("audience_{key}"));
            let sentence = if own.is_empty() {
                v.labels
                    .get("audience_other")
                    .replace("{group}", group.label)
            } else {
                own.to_string()
            };
            let url = if pages.iter().any(|k| k == key) {
                site.urls
                    .link(&format!("angebote/{}/{key}/", Facet::TargetGroup.segment()))
            } else {
                site.urls.link("angebote/")
            };
            AudienceTile {
                group,
                sentence,
                count: counts.get(key).copied().unwrap_or(0),
                url,
            }
        })
        .collect()
}

pub fn home<'s>(v: &Views<'s>) -> HomeView<'s> {
    let h = &v.site.home;
    HomeView {
        title: h.title.as_deref(),
        description: h.description.as_deref(),
        html: &h.html,
    }
}

#[derive(Serialize, Clone, Debug)]
pub struct PhaseRef<'a> {
    pub number: u8,
    pub label: &'a str,
}

#[derive(Clone, Debug)]
pub struct RegionCard<'a> {
    /// Serialized in line with the card's own fields (see `flat_serialize!`).
    pub link: LinkView<'a>,
    pub kind: TermView<'a>,
    pub state: Option<&'a str>,
    pub program: Option<&'a str>,
    pub phase: Option<PhaseRef<'a>>,
    pub steering_count: usize,
    pub offer_count: usize,
}

flat_serialize!(
    RegionCard,
    link {
        kind,
        state,
        program,
        phase,
        steering_count,
        offer_count
    }
);

pub fn region_cards<'s>(v: &Views<'s>) -> Vec<RegionCard<'s>> {
    let site = v.site;
    site.regions
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let e = &r.data;
            RegionCard {
                link: v.region_link(i),
                kind: v.term("region_kinds", &e.kind.id, None),
                state: e.state.as_deref(),
                program: e.program.as_deref(),
                phase: e.phase.map(|n| PhaseRef {
                    number: n,
                    label: v
                        .labels
                        .get(super::views::PHASES[(n as usize).clamp(1, 5) - 1]),
                }),
                steering_count: e
                    .steering_group
                    .iter()
                    .filter(|m| m.until.is_none_or(|u| u >= site.today))
                    .count(),
                offer_count: v.count_current(&site.back.region_offers[i]),
            }
        })
        .collect()
}

#[derive(Serialize, Clone, Debug)]
pub struct Figure<'a> {
    pub label: &'a str,
    pub value: usize,
    pub url: String,
}

/// The key figures of the home page; offers count the current ones.
pub fn figures<'a>(site: &Site, labels: Labels<'a>, offers: usize) -> Vec<Figure<'a>> {
    let u = &site.urls;
    vec![
        Figure {
            label: labels.get("regions"),
            value: site.regions.len(),
            url: u.link("regionen/"),
        },
        Figure {
            label: labels.get("partner"),
            value: site.partners.len(),
            url: u.link("partner/"),
        },
        Figure {
            label: labels.get("offers"),
            value: offers,
            url: u.link("angebote/"),
        },
        Figure {
            label: labels.get("practices"),
            value: site.practices.len(),
            url: u.link("gute-praxis/"),
        },
        Figure {
            label: labels.get("agreements"),
            value: site.agreements.len(),
            url: u.link("vereinbarungen/"),
        },
    ]
}

/// The newest practice examples: by `year`, then `updated`, newest first.
pub fn newest_practices<'s>(v: &Views<'s>, n: usize) -> Vec<LinkView<'s>> {
    let mut idx: Vec<usize> = (0..v.site.practices.len()).collect();
    idx.sort_by_key(|&i| {
        let p = &v.site.practices[i].data;
        std::cmp::Reverse((p.year, p.common.updated))
    });
    idx.into_iter()
        .take(n)
        .map(|i| v.practice_link(i))
        .collect()
}

#[derive(Clone, Debug)]
pub struct PartnerCard<'a> {
    /// Serialized in line with the card's own fields (see `flat_serialize!`).
    pub link: LinkView<'a>,
    pub short: Option<&'a str>,
    pub kind: TermView<'a>,
}

flat_serialize!(PartnerCard, link { short, kind });

#[derive(Serialize, Clone, Debug)]
pub struct PartnerGroup<'a> {
    pub kind: TermView<'a>,
    pub items: Vec<PartnerCard<'a>>,
}

/// Partners grouped by kind, in the vocabulary's order.
pub fn partner_groups<'s>(v: &Views<'s>) -> Vec<PartnerGroup<'s>> {
    let site = v.site;
    let order: Vec<&str> = site
        .vocab
        .get("partner_kinds")
        .map(|voc| voc.keys().collect())
        .unwrap_or_default();
    let mut groups: Vec<PartnerGroup> = order
        .iter()
        .map(|k| PartnerGroup {
            kind: v.term("partner_kinds", k, None),
            items: Vec::new(),
        })
        .collect();
    for (i, p) in site.partners.iter().enumerate() {
        let kind = &p.data.kind.id;
        if let Some(g) = order.iter().position(|k| k == kind) {
            groups[g].items.push(PartnerCard {
                link: v.partner_link(i),
                short: p.data.short.as_deref(),
                kind: v.term("partner_kinds", kind, None),
            });
        }
    }
    groups.retain(|g| !g.items.is_empty());
    for g in &mut groups {
        g.items.sort_by(|a, b| a.link.title.cmp(b.link.title));
    }
    groups
}

#[derive(Clone, Debug)]
pub struct OfferCard<'a> {
    /// Serialized in line with the card's own fields (see `flat_serialize!`).
    pub link: LinkView<'a>,
    pub providers: Vec<LinkView<'a>>,
    pub regions: Vec<LinkView<'a>>,
    pub target_groups: Vec<TermView<'a>>,
    pub fields: Vec<TermView<'a>>,
    pub grades: Vec<GradeView>,
    pub start: Option<DateView>,
    pub end: Option<DateView>,
    /// What the offers list's filter reads, as the card's `data-*`
    /// attributes print it (`CardFilter`).
    pub filter: CardFilter,
}

/// An offer card's filter values, each a space-separated list of keys, and
/// its grades as a comma-separated list: made here once rather than by list
/// comprehensions in the card component, which showed each of them on
/// thousands of cards and was a third of the card's rendering.
#[derive(Serialize, Clone, Debug)]
pub struct CardFilter {
    pub target_groups: String,
    pub fields: String,
    pub grades: String,
    pub regions: String,
    /// `6, 8, 13`
    pub grade_list: String,
}

flat_serialize!(
    OfferCard,
    link {
        providers,
        regions,
        target_groups,
        fields,
        grades,
        start,
        end,
        filter
    }
);

pub fn offer_card<'s>(v: &Views<'s>, i: usize) -> OfferCard<'s> {
    let e = &v.site.offers[i].data;
    let regions = v.refs(crate::model::Kind::Region, &e.regions);
    let target_groups = v.terms("target_groups", &e.target_groups, Some("zielgruppe"));
    let fields = v.terms("fields", &e.fields, Some("handlungsfeld"));
    // From the card's own lists, so that they always agree.
    let grade_numbers: Vec<String> = e.grades.iter().map(u8::to_string).collect();
    let filter = CardFilter {
        target_groups: join(target_groups.iter().map(|t| t.key), " "),
        fields: join(fields.iter().map(|t| t.key), " "),
        grades: grade_numbers.join(" "),
        regions: join(regions.iter().map(|r| r.id), " "),
        grade_list: grade_numbers.join(", "),
    };
    OfferCard {
        link: v.offer_link(i),
        providers: v.refs(crate::model::Kind::Partner, &e.providers),
        regions,
        target_groups,
        fields,
        grades: e
            .grades
            .iter()
            .map(|&n| GradeView {
                n,
                url: v.site.urls.link(&format!("angebote/klasse/{n}/")),
            })
            .collect(),
        start: e.start.map(|d| v.date(d)),
        end: e.end.map(|d| v.date(d)),
        filter,
    }
}

fn join<'a>(items: impl Iterator<Item = &'a str>, sep: &str) -> String {
    items.collect::<Vec<_>>().join(sep)
}

#[derive(Serialize, Clone, Debug)]
pub struct FacetCount {
    pub key: String,
    pub label: String,
    pub url: String,
    pub count: usize,
}

#[derive(Serialize, Clone, Debug)]
pub struct GradeCount {
    pub n: u8,
    pub url: String,
    pub count: usize,
}

#[derive(Serialize, Clone, Debug)]
pub struct RegionCount<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub url: String,
    pub count: usize,
}

#[derive(Serialize, Clone, Debug)]
pub struct Facets<'a> {
    pub target_groups: Vec<FacetCount>,
    pub fields: Vec<FacetCount>,
    pub grades: Vec<GradeCount>,
    pub regions: Vec<RegionCount<'a>>,
}

/// The filter lists of the offers pages, computed once per build.
pub fn facets<'s>(v: &Views<'s>) -> Facets<'s> {
    let site = v.site;
    let count = |facet: Facet, vocab: &str| -> Vec<FacetCount> {
        facet_keys(site, facet)
            .into_iter()
            .map(|key| {
                let n = v
                    .current_offers()
                    .iter()
                    .map(|&i| &site.offers[i])
                    .filter(|o| {
                        let list = match facet {
                            Facet::TargetGroup => &o.data.target_groups,
                            _ => &o.data.fields,
                        };
                        list.iter().any(|t| t.id == key)
                    })
                    .count();
                FacetCount {
                    label: site.vocab.label(vocab, &key).to_string(),
                    url: site
                        .urls
                        .link(&format!("angebote/{}/{key}/", facet.segment())),
                    key,
                    count: n,
                }
            })
            // A term only past offers carry has a page but no filter entry.
            .filter(|c| c.count > 0)
            .collect()
    };
    let mut grades = [0usize; 14];
    for &i in v.current_offers() {
        for &g in &site.offers[i].data.grades {
            grades[g as usize] += 1;
        }
    }
    Facets {
        target_groups: count(Facet::TargetGroup, "target_groups"),
        fields: count(Facet::Field, "fields"),
        grades: (1..=13u8)
            .filter(|&g| grades[g as usize] > 0)
            .map(|g| GradeCount {
                n: g,
                url: site.urls.link(&format!("angebote/klasse/{g}/")),
                count: grades[g as usize],
            })
            .collect(),
        regions: site
            .regions
            .iter()
            .enumerate()
            .map(|(i, r)| RegionCount {
                id: &r.data.common.id,
                title: &r.data.common.title,
                url: site
                    .urls
                    .entity(crate::model::Kind::Region, &r.data.common.id),
                count: v.count_current(&site.back.region_offers[i]),
            })
            .filter(|r| r.count > 0)
            .collect(),
    }
}

#[derive(Serialize, Clone, Debug)]
pub struct FacetTerm<'a> {
    pub facet: &'static str,
    pub facet_label: &'a str,
    pub key: &'a str,
    pub label: &'a str,
}

/// The label of a facet term and the current offers that carry it
/// (positions, in list order).
pub fn facet_offers(v: &Views<'_>, facet: Facet, key: &str) -> (String, Vec<usize>) {
    let site = v.site;
    let grade: Option<u8> = key.parse().ok();
    let idx: Vec<usize> = v
        .current_offers()
        .iter()
        .copied()
        .filter(|&i| {
            let o = &site.offers[i];
            match facet {
                Facet::TargetGroup => o.data.target_groups.iter().any(|t| t.id == key),
                Facet::Field => o.data.fields.iter().any(|t| t.id == key),
                Facet::Grade => grade.is_some_and(|n| o.data.grades.contains(&n)),
            }
        })
        .collect();
    let label = match facet {
        Facet::TargetGroup => site.vocab.label("target_groups", key).to_string(),
        Facet::Field => site.vocab.label("fields", key).to_string(),
        Facet::Grade => format!("{} {key}", v.labels.get("grade")),
    };
    (label, idx)
}

#[derive(Clone, Debug)]
pub struct PracticeCard<'a> {
    /// Serialized in line with the card's own fields (see `flat_serialize!`).
    pub link: LinkView<'a>,
    pub year: Option<i64>,
    pub regions: Vec<LinkView<'a>>,
    pub fields: Vec<TermView<'a>>,
}

flat_serialize!(
    PracticeCard,
    link {
        year,
        regions,
        fields
    }
);

pub fn practice_cards<'s>(v: &Views<'s>) -> Vec<PracticeCard<'s>> {
    v.site
        .practices
        .iter()
        .enumerate()
        .map(|(i, p)| PracticeCard {
            link: v.practice_link(i),
            year: p.data.year,
            regions: v.refs(crate::model::Kind::Region, &p.data.regions),
            fields: v.field_terms(&p.data.fields),
        })
        .collect()
}

#[derive(Clone, Debug)]
pub struct AgreementCard<'a> {
    /// Serialized in line with the card's own fields (see `flat_serialize!`).
    pub link: LinkView<'a>,
    pub status: &'static str,
    pub status_label: &'a str,
    pub signed: DateView,
    pub current_term_end: Option<DateView>,
    pub regions: Vec<LinkView<'a>>,
}

flat_serialize!(
    AgreementCard,
    link {
        status,
        status_label,
        signed,
        current_term_end,
        regions
    }
);

pub fn agreement_cards<'s>(v: &Views<'s>) -> Vec<AgreementCard<'s>> {
    v.site
        .agreements
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let t = v.site.terms[i];
            AgreementCard {
                link: v.agreement_link(i),
                status: t.status.as_str(),
                status_label: v.labels.get(t.status.label_key()),
                signed: v.date(a.data.signed),
                current_term_end: t.current_term_end.map(|d| v.date(d)),
                regions: v.refs(crate::model::Kind::Region, &a.data.regions),
            }
        })
        .collect()
}

/// Every offer's card, for the offers list and the facet pages, which
/// together show each offer about six times on a typical site: its HTML,
/// rendered once with the theme's `offer_card` component at heading level 3
/// (`cards`, printed as it is by `partials/offer_list.html`). The card's
/// template value is not kept: at 50,000 offers those values took 370 MB,
/// a third of the build's peak memory.
pub struct OfferCards {
    pub html: Vec<tera::Value>,
}

impl OfferCards {
    pub(super) fn new(
        v: &Views<'_>,
        theme: &Theme,
        parallel: bool,
    ) -> Result<OfferCards, Diagnostic> {
        let mut implicits = tera::Context::new();
        implicits.insert("t", &theme.i18n);
        let one = |i: usize| {
            let view = tera::Value::from_serializable(&offer_card(v, i));
            let mut args = tera::Context::new();
            args.insert_value("o", view);
            args.insert("level", &3);
            let html = theme
                .tera
                .render_component_with_implicits("offer_card", &args, &implicits, None, true)
                .map_err(|e| theme.error("components.html", &e))?;
            Ok(tera::Value::safe_string(&html))
        };
        let n = v.site.offers.len();
        let rendered: Result<Vec<tera::Value>, Diagnostic> = if parallel {
            (0..n)
                .into_par_iter()
                .with_max_len(crate::PAR_GRAIN)
                .map(one)
                .collect()
        } else {
            (0..n).map(one).collect()
        };
        Ok(OfferCards { html: rendered? })
    }
}
