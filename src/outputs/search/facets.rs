//! `suche/f.json`: the filters of the search page — target group, grade
//! and region — each value with its label and the documents that have it
//! (delta-encoded document numbers of the index). `search.js` loads it
//! only when the page shows filters (after the first results, or for a
//! filter in the URL), so a plain query costs no byte more; the filter
//! by type needs no file (`runs` in `index.json`).
//!
//! Offers carry all three; practice examples their regions.

use super::delta;
use crate::link::Site;
use crate::model::Kind;
use serde_json::json;
use std::collections::BTreeMap;

/// Values of one filter: key → (label, documents).
type Values = BTreeMap<String, (String, Vec<u32>)>;

/// The filters of the documents `all` (in index order), as JSON:
/// `{"zielgruppe": [[key, label, docs]], "klasse": …, "region": …}`, values
/// by label (grades by number).
pub(super) fn facets(site: &Site, all: &[(Kind, usize)]) -> Vec<u8> {
    let (mut groups, mut grades, mut regions) = (Values::new(), Values::new(), Values::new());
    let add = |values: &mut Values, key: &str, label: &str, doc: u32| {
        values
            .entry(key.to_string())
            .or_insert_with(|| (label.to_string(), Vec::new()))
            .1
            .push(doc);
    };
    fn region_title<'a>(site: &'a Site, id: &'a str) -> &'a str {
        site.region(id).map_or(id, |r| r.data.common.title.as_str())
    }
    for (doc, &(kind, i)) in all.iter().enumerate() {
        let doc = doc as u32;
        match kind {
            Kind::Offer => {
                let o = &site.offers[i].data;
                for t in &o.target_groups {
                    add(
                        &mut groups,
                        &t.id,
                        site.vocab.label("target_groups", &t.id),
                        doc,
                    );
                }
                for g in &o.grades {
                    // Two digits in the key: grades sort as numbers.
                    add(&mut grades, &format!("{g:02}"), &g.to_string(), doc);
                }
                for r in &o.regions {
                    add(&mut regions, &r.id, region_title(site, &r.id), doc);
                }
            }
            Kind::Practice => {
                for r in &site.practices[i].data.regions {
                    add(&mut regions, &r.id, region_title(site, &r.id), doc);
                }
            }
            _ => {}
        }
    }
    let list = |values: Values, by_label: bool| {
        let mut v: Vec<(String, (String, Vec<u32>))> = values.into_iter().collect();
        if by_label {
            v.sort_by(|a, b| a.1.0.cmp(&b.1.0));
        }
        v.into_iter()
            .map(|(k, (label, mut docs))| {
                docs.dedup();
                let key = k.trim_start_matches('0').to_string();
                json!([if by_label { k } else { key }, label, delta(&docs)])
            })
            .collect::<Vec<_>>()
    };
    let mut bytes = serde_json::to_vec(&json!({
        "zielgruppe": list(groups, true),
        "klasse": list(grades, false),
        "region": list(regions, true),
    }))
    .unwrap_or_default();
    bytes.push(b'\n');
    bytes
}
