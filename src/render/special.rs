//! Views of the pages built from all content: Berufswahlfahrplan, network
//! map, key figures, search and open data (CONTENT-MODEL.md §4).

use super::flat::flat_serialize;
use super::views::{LinkView, Views};
use crate::link::Site;
use crate::model::Kind;
use crate::outputs::data;
use crate::outputs::dcat::{self, Download};
use crate::outputs::svg::{self, Bar, Network};
use crate::section::Labels;
use serde::Serialize;

pub use super::fahrplan::FAHRPLAN_GRADES;

// ───────────────────────────── network ─────────────────────────────

#[derive(Clone, Debug)]
pub struct NetworkPartner<'a> {
    /// Serialized in line with the card's own fields (see `flat_serialize!`).
    pub link: LinkView<'a>,
    pub kind: &'a str,
    pub color: &'static str,
    pub regions: Vec<LinkView<'a>>,
    /// Regions the partner coordinates.
    pub coordinates: Vec<LinkView<'a>>,
}

flat_serialize!(
    NetworkPartner,
    link {
        kind,
        color,
        regions,
        coordinates
    }
);

#[derive(Clone, Debug)]
pub struct NetworkRegion<'a> {
    /// Serialized in line with the card's own fields (see `flat_serialize!`).
    pub link: LinkView<'a>,
    pub program: Option<&'a str>,
    pub coordination: Vec<LinkView<'a>>,
    pub members: usize,
    pub partner_regions: Vec<LinkView<'a>>,
}

flat_serialize!(
    NetworkRegion,
    link {
        program,
        coordination,
        members,
        partner_regions
    }
);

#[derive(Serialize, Clone, Debug)]
pub struct NetworkView<'a> {
    pub svg: String,
    pub partners: Vec<NetworkPartner<'a>>,
    pub regions: Vec<NetworkRegion<'a>>,
    pub edges: usize,
}

/// The colour of a partner kind: its position in the vocabulary.
pub fn kind_color(site: &Site, kind: &str) -> &'static str {
    let pos = site
        .vocab
        .get("partner_kinds")
        .and_then(|voc| voc.keys().position(|k| k == kind))
        .unwrap_or(0);
    svg::PALETTE[pos % svg::PALETTE.len()]
}

/// Whether region `r` names partner `p` as coordination.
fn coordinates(site: &Site, r: usize, partner_id: &str) -> bool {
    site.regions[r]
        .data
        .coordination
        .iter()
        .any(|c| c.id == partner_id)
}

pub fn network<'s>(v: &Views<'s>) -> NetworkView<'s> {
    let site = v.site;
    let mut net = Network::default();
    for (r, reg) in site.regions.iter().enumerate() {
        net.regions.push(svg::Node {
            label: reg.data.common.title.clone(),
            url: v.region_link(r).url,
            color: svg::BAR,
        });
    }
    let mut kinds_used: Vec<&str> = Vec::new();
    let mut partners = Vec::new();
    for (p, part) in site.partners.iter().enumerate() {
        let kind = part.data.kind.id.as_str();
        if !kinds_used.contains(&kind) {
            kinds_used.push(kind);
        }
        let label = match &part.data.short {
            Some(s) if part.data.common.title.chars().count() > 34 => s.clone(),
            _ => part.data.common.title.clone(),
        };
        net.partners.push(svg::Node {
            label,
            url: v.partner_link(p).url,
            color: kind_color(site, kind),
        });
        let regions = &site.back.partner_regions[p];
        for &r in regions {
            net.edges
                .push((r, p, coordinates(site, r, &part.data.common.id)));
        }
        partners.push(NetworkPartner {
            link: v.partner_link(p),
            kind: site.vocab.label("partner_kinds", kind),
            color: kind_color(site, kind),
            regions: regions.iter().map(|&r| v.region_link(r)).collect(),
            coordinates: regions
                .iter()
                .filter(|&&r| coordinates(site, r, &part.data.common.id))
                .map(|&r| v.region_link(r))
                .collect(),
        });
    }
    let order: Vec<&str> = site
        .vocab
        .get("partner_kinds")
        .map(|voc| voc.keys().collect())
        .unwrap_or_default();
    kinds_used.sort_by_key(|k| order.iter().position(|o| o == k).unwrap_or(usize::MAX));
    net.legend = kinds_used
        .iter()
        .map(|k| {
            (
                site.vocab.label("partner_kinds", k).to_string(),
                kind_color(site, k),
            )
        })
        .collect();
    let desc = v
        .labels
        .get("network_map_description")
        .replace("{regions}", &site.regions.len().to_string())
        .replace("{partners}", &site.partners.len().to_string());
    let title = v.labels.get("network_map_title");
    let svg = svg::network_map("netzwerk", title, &desc, &net);
    let regions = site
        .regions
        .iter()
        .enumerate()
        .map(|(r, reg)| NetworkRegion {
            link: v.region_link(r),
            program: reg.data.program.as_deref(),
            coordination: v.refs(Kind::Partner, &reg.data.coordination),
            members: reg
                .data
                .steering_group
                .iter()
                .filter(|m| m.until.is_none_or(|u| u >= site.today))
                .count(),
            partner_regions: site.back.region_partner_regions[r]
                .iter()
                .map(|&x| v.region_link(x))
                .collect(),
        })
        .collect();
    NetworkView {
        svg,
        edges: net.edges.len(),
        partners,
        regions,
    }
}

// ───────────────────────────── key figures ─────────────────────────────

#[derive(Serialize, Clone, Debug)]
pub struct ChartRow {
    pub label: String,
    pub value: usize,
    pub url: Option<String>,
}

#[derive(Serialize, Clone, Debug)]
pub struct Chart<'a> {
    pub id: &'static str,
    pub title: &'a str,
    pub intro: &'a str,
    /// The column header of the labels in the text alternative.
    pub label_header: &'a str,
    /// Empty when every bar would be 1 or 0: a chart of equal stubs says
    /// nothing the table does not (a site of one Kreis); the table stays.
    pub svg: String,
    pub rows: Vec<ChartRow>,
    pub total: usize,
}

/// A bar chart; its title, introduction and label column header are the
/// theme's strings `chart_<name>_title`, `_intro` and `_column`.
fn chart<'a>(labels: Labels<'a>, id: &'static str, name: &str, rows: Vec<ChartRow>) -> Chart<'a> {
    let [title, intro, label_header] =
        ["title", "intro", "column"].map(|part| labels.find(&format!("chart_{name}_{part}")));
    let bars: Vec<Bar> = rows
        .iter()
        .map(|r| Bar {
            label: r.label.clone(),
            value: r.value,
        })
        .collect();
    Chart {
        id,
        title,
        intro,
        label_header,
        svg: if bars.iter().all(|b| b.value <= 1) {
            String::new()
        } else {
            svg::bar_chart(id, title, &bars)
        },
        total: rows.iter().map(|r| r.value).sum(),
        rows,
    }
}

/// Counts by vocabulary term, in vocabulary order, terms without any left out.
fn by_vocab<'a>(
    site: &Site,
    vocab: &str,
    keys: impl Iterator<Item = &'a str>,
    url: impl Fn(&str) -> Option<String>,
) -> Vec<ChartRow> {
    let mut counts: std::collections::HashMap<&str, usize> = Default::default();
    for k in keys {
        *counts.entry(k).or_default() += 1;
    }
    let order: Vec<&str> = site
        .vocab
        .get(vocab)
        .map(|voc| voc.keys().collect())
        .unwrap_or_default();
    order
        .iter()
        .filter_map(|k| {
            let n = *counts.get(k)?;
            Some(ChartRow {
                label: site.vocab.label(vocab, k).to_string(),
                value: n,
                url: url(k),
            })
        })
        .collect()
}

/// Sorts rows by count, largest first (stable: ties keep their order).
fn by_count(mut rows: Vec<ChartRow>) -> Vec<ChartRow> {
    rows.sort_by_key(|r| std::cmp::Reverse(r.value));
    rows
}

/// The charts of `/zahlen/`; the offer charts count the current offers
/// (`current`, positions).
pub fn charts<'a>(site: &Site, labels: Labels<'a>, current: &[usize]) -> Vec<Chart<'a>> {
    let u = &site.urls;
    let mut out = Vec::new();
    out.push(chart(
        labels,
        "partner-nach-art",
        "partner_kinds",
        by_count(by_vocab(
            site,
            "partner_kinds",
            site.partners.iter().map(|p| p.data.kind.id.as_str()),
            |_| None,
        )),
    ));
    let mut programs: Vec<(String, usize)> = Vec::new();
    for r in &site.regions {
        let p = r
            .data
            .program
            .clone()
            .unwrap_or_else(|| labels.get("chart_no_program").into());
        match programs.iter_mut().find(|(k, _)| *k == p) {
            Some((_, n)) => *n += 1,
            None => programs.push((p, 1)),
        }
    }
    out.push(chart(
        labels,
        "regionen-nach-programm",
        "region_programs",
        by_count(
            programs
                .into_iter()
                .map(|(label, value)| ChartRow {
                    label,
                    value,
                    url: None,
                })
                .collect(),
        ),
    ));
    let coordination = site.regions.iter().flat_map(|r| {
        r.data
            .coordination
            .iter()
            .filter_map(|c| site.partner(&c.id).map(|p| p.data.kind.id.as_str()))
    });
    out.push(chart(
        labels,
        "koordination-nach-institution",
        "coordination",
        by_count(by_vocab(site, "partner_kinds", coordination, |_| None)),
    ));
    out.push(chart(
        labels,
        "angebote-nach-handlungsfeld",
        "offer_fields",
        by_vocab(
            site,
            "fields",
            current
                .iter()
                .flat_map(|&i| site.offers[i].data.fields.iter().map(|t| t.id.as_str())),
            |k| Some(u.link(&format!("angebote/handlungsfeld/{k}/"))),
        ),
    ));
    let mut grades = [0usize; 14];
    for &i in current {
        for &g in &site.offers[i].data.grades {
            grades[g as usize] += 1;
        }
    }
    out.push(chart(
        labels,
        "angebote-nach-klasse",
        "offer_grades",
        (1..=13u8)
            .filter(|&g| grades[g as usize] > 0 || FAHRPLAN_GRADES.contains(&g))
            .map(|g| ChartRow {
                label: format!("{} {g}", labels.get("grade")),
                value: grades[g as usize],
                url: (grades[g as usize] > 0).then(|| u.link(&format!("angebote/klasse/{g}/"))),
            })
            .collect(),
    ));
    let goals: Vec<&str> = site
        .agreements
        .iter()
        .flat_map(|a| a.data.goals.iter().map(|g| g.status.as_str()))
        .collect();
    out.push(chart(
        labels,
        "ziele-nach-status",
        "goal_status",
        crate::model::entities::GOAL_STATUS
            .iter()
            .map(|&(s, _)| ChartRow {
                label: labels.get(super::views::goal_key(s)).to_string(),
                value: goals.iter().filter(|g| **g == s).count(),
                url: None,
            })
            .collect(),
    ));
    out
}

// ───────────────────────────── open data ─────────────────────────────

#[derive(Serialize, Clone, Debug)]
pub struct DataFile {
    pub url: String,
    /// File name (`angebote.csv`).
    pub name: String,
    pub format: &'static str,
    pub media_type: &'static str,
    pub bytes: usize,
    /// "12,3 kB".
    pub size: String,
}

#[derive(Serialize, Clone, Debug)]
pub struct DataSet<'a> {
    pub key: &'static str,
    pub title: &'a str,
    pub description: &'a str,
    pub count: usize,
    pub files: Vec<DataFile>,
    pub columns: Vec<&'static str>,
    pub derived: &'static [&'static str],
}

#[derive(Serialize, Clone, Debug)]
pub struct DataView<'a> {
    pub license: String,
    pub license_url: String,
    pub catalog_url: String,
    /// The same catalogue as Turtle and RDF/XML (what GovData harvests).
    pub catalog_ttl_url: String,
    pub catalog_rdf_url: String,
    pub feed_url: String,
    pub sitemap_url: String,
    pub sets: Vec<DataSet<'a>>,
}

/// A size in the notation of `lang`: de "812 B", "12,3 kB", "1,4 MB";
/// en "12.3 kB".
/// How many goals of all agreements are overdue as of the build date
/// (`Goal::is_overdue`).
pub fn overdue_goals(site: &Site) -> usize {
    site.agreements
        .iter()
        .flat_map(|a| a.data.goals.iter())
        .filter(|g| g.is_overdue(site.today))
        .count()
}

pub fn human_size(bytes: usize, lang: &str) -> String {
    use super::locale::decimal1;
    if bytes < 1000 {
        format!("{bytes} B")
    } else if bytes < 1_000_000 {
        format!("{} kB", decimal1(bytes as f64 / 1000.0, lang))
    } else {
        format!("{} MB", decimal1(bytes as f64 / 1_000_000.0, lang))
    }
}

pub fn data<'a>(site: &Site, labels: Labels<'a>, downloads: &[Download]) -> DataView<'a> {
    let u = &site.urls;
    let sets = data::DATA_KINDS
        .iter()
        .map(|&kind| DataSet {
            key: kind.section(),
            title: labels.get(kind.plural_key()),
            description: labels.get(dcat::dataset_description_key(kind)),
            count: site.count(kind),
            files: downloads
                .iter()
                .filter(|d| d.kind == kind)
                .map(|d| DataFile {
                    url: u.asset(&d.path),
                    name: d.path.rsplit('/').next().unwrap_or(&d.path).to_string(),
                    format: d.format,
                    media_type: d.media_type,
                    bytes: d.bytes,
                    size: human_size(d.bytes, &site.config.language),
                })
                .collect(),
            columns: data::columns(kind),
            derived: data::derived(kind),
        })
        .collect();
    let license = site.config.data_license.clone();
    DataView {
        license_url: dcat::license_uri(&license),
        license,
        catalog_url: u.asset(dcat::PATH),
        catalog_ttl_url: u.asset(dcat::CATALOG_TTL),
        catalog_rdf_url: u.asset(dcat::CATALOG_RDF),
        feed_url: u.link(crate::outputs::feed::PATH),
        sitemap_url: u.asset(crate::outputs::sitemap::PATH),
        sets,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(human_size(812, "de"), "812 B");
        assert_eq!(human_size(12_345, "de"), "12,3 kB");
        assert_eq!(human_size(1_400_000, "de"), "1,4 MB");
        assert_eq!(human_size(12_345, "en"), "12.3 kB");
    }
}
