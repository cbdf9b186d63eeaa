//! The search index of `/suche/`, built at build time over titles, summaries
//! and bodies of every entity, folded for German (ä/ae/a, ö/oe/o, ü/ue/u,
//! ß/ss, case) exactly as `themes/lotse/static/search.js` folds queries.
//!
//! It is sharded so that a phone loads only what a query needs:
//! - `suche/index.json`: kinds, stop words, document count, chunk size and
//!   the first term of every term shard;
//! - `suche/t-<n>.json`: a contiguous range of the sorted terms, each
//!   `term → [title doc ids, body doc ids]`, delta-encoded; shards are cut
//!   to about equal size, one per `DOCS_PER_SHARD` documents, so the number
//!   of files follows from the document count alone (the route plan needs
//!   no index) and a query loads one shard, or a few for a short prefix;
//! - `suche/d-<n>.json`: documents `n*CHUNK ..`: `[kind, id, title, summary]`.

use super::{all_entities, summary, text};
use crate::link::Site;
use crate::model::Kind;
use crate::routes::entity_common;
use serde_json::json;
use std::collections::{BTreeMap, HashSet};

/// Documents per document chunk.
pub const CHUNK: usize = 200;
/// One term shard per this many documents (at least one shard).
pub const DOCS_PER_SHARD: usize = 64;
/// Longest indexed term (longer words are cut; prefixes still match).
pub const MAX_TERM: usize = 24;
/// Summaries in results are cut to about this many characters.
pub const MAX_SUMMARY: usize = 180;

/// Frequent German words not worth indexing, in folded form.
pub const STOP_WORDS: &[&str] = &[
    "als", "am", "an", "auch", "auf", "aus", "bei", "bis", "bzw", "das", "dass", "dem", "den",
    "der", "des", "die", "ein", "eine", "einem", "einen", "einer", "eines", "es", "fur", "hat",
    "im", "in", "ist", "mit", "nach", "nicht", "oder", "sich", "sie", "sind", "so", "sowie", "um",
    "und", "vom", "von", "werden", "wie", "wird", "zu", "zum", "zur",
];

/// Folds text for matching: lower case, umlauts and ß spelled out and then
/// reduced (ä, ae and a all become `a`), common accents removed.
pub fn fold(s: &str) -> String {
    let lower = s.to_lowercase();
    let mut out = String::with_capacity(lower.len());
    for c in lower.chars() {
        match c {
            'ß' => out.push_str("ss"),
            'ä' | 'à' | 'á' | 'â' | 'ã' | 'å' | 'ā' | 'ą' => out.push('a'),
            'ö' | 'ò' | 'ó' | 'ô' | 'õ' | 'ø' | 'ō' => out.push('o'),
            'ü' | 'ù' | 'ú' | 'û' | 'ū' => out.push('u'),
            'é' | 'è' | 'ê' | 'ë' | 'ę' | 'ē' => out.push('e'),
            'í' | 'ì' | 'î' | 'ï' | 'ı' => out.push('i'),
            'ç' | 'č' | 'ć' => out.push('c'),
            'ñ' | 'ń' => out.push('n'),
            'š' | 'ś' | 'ş' => out.push('s'),
            'ž' | 'ź' | 'ż' => out.push('z'),
            'ý' | 'ÿ' => out.push('y'),
            'ğ' => out.push('g'),
            'ł' => out.push('l'),
            c => out.push(c),
        }
    }
    out.replace("ae", "a").replace("oe", "o").replace("ue", "u")
}

/// The folded terms of a text, in order, stop words and one-letter words left out.
pub fn terms(s: &str) -> impl Iterator<Item = String> + '_ {
    let folded = fold(s);
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 2 && !STOP_WORDS.contains(w))
        .map(|w| w.chars().take(MAX_TERM).collect::<String>())
        .collect::<Vec<_>>()
        .into_iter()
}

/// How many document chunks a site has.
pub fn chunk_count(site: &Site) -> usize {
    all_entities(site).count().div_ceil(CHUNK).max(1)
}

/// How many term shards a site has.
pub fn shard_count(site: &Site) -> usize {
    all_entities(site).count().div_ceil(DOCS_PER_SHARD).max(1)
}

/// Cuts sorted `(term, json)` entries into `n` contiguous shards of about
/// equal size. Returns each shard's first term (empty for an empty shard
/// at the end) and its JSON object.
fn cut_shards(entries: Vec<(String, String)>, n: usize) -> Vec<(String, Vec<u8>)> {
    let total: usize = entries.iter().map(|(t, j)| t.len() + j.len() + 4).sum();
    let target = total.div_ceil(n.max(1)).max(1);
    let mut shards: Vec<(String, Vec<u8>)> = Vec::with_capacity(n);
    let mut cur = (String::new(), b"{".to_vec());
    for (term, json) in entries {
        if cur.1.len() >= target && shards.len() + 1 < n {
            cur.1.extend_from_slice(b"}\n");
            shards.push(std::mem::replace(&mut cur, (String::new(), b"{".to_vec())));
        }
        if cur.1.len() > 1 {
            cur.1.push(b',');
        } else {
            cur.0 = term.clone();
        }
        cur.1
            .extend_from_slice(serde_json::to_string(&term).unwrap_or_default().as_bytes());
        cur.1.push(b':');
        cur.1.extend_from_slice(json.as_bytes());
    }
    cur.1.extend_from_slice(b"}\n");
    shards.push(cur);
    while shards.len() < n {
        shards.push((String::new(), b"{}\n".to_vec()));
    }
    shards
}

/// The whole index, as files.
#[derive(Clone, Debug, Default)]
pub struct SearchIndex {
    pub meta: Vec<u8>,
    /// Term shards, in term order.
    pub shards: Vec<Vec<u8>>,
    pub chunks: Vec<Vec<u8>>,
}

impl SearchIndex {
    /// Total size of all files in bytes.
    pub fn size(&self) -> usize {
        self.meta.len()
            + self.shards.iter().map(Vec::len).sum::<usize>()
            + self.chunks.iter().map(Vec::len).sum::<usize>()
    }
}

fn delta(ids: &[u32]) -> Vec<u32> {
    let mut prev = 0;
    ids.iter()
        .map(|&id| {
            let d = id - prev;
            prev = id;
            d
        })
        .collect()
}

/// Cuts a summary at a word boundary.
fn short(s: &str) -> String {
    if s.chars().count() <= MAX_SUMMARY {
        return s.to_string();
    }
    let cut: String = s.chars().take(MAX_SUMMARY).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.', ' ']))
}

/// Extra words a reader may search by: vocabulary labels and short names.
fn labels(site: &Site, kind: Kind, i: usize) -> String {
    let v = &site.vocab;
    match kind {
        Kind::Offer => {
            let o = &site.offers[i].data;
            let mut s: Vec<&str> = o
                .target_groups
                .iter()
                .map(|t| v.label("target_groups", &t.id))
                .collect();
            s.extend(o.fields.iter().map(|t| v.label("fields", &t.id)));
            s.extend(o.location.as_deref());
            s.join(" ")
        }
        Kind::Partner => {
            let p = &site.partners[i].data;
            format!(
                "{} {}",
                p.short.as_deref().unwrap_or(""),
                v.label("partner_kinds", &p.kind.id)
            )
        }
        Kind::Region => {
            let r = &site.regions[i].data;
            format!(
                "{} {}",
                r.program.as_deref().unwrap_or(""),
                r.state.as_deref().unwrap_or("")
            )
        }
        Kind::Practice => {
            let p = &site.practices[i].data;
            p.fields
                .iter()
                .map(|t| v.label("fields", &t.id))
                .collect::<Vec<_>>()
                .join(" ")
        }
        _ => String::new(),
    }
}

/// The search index kinds, in the order of their numbers in documents.
const KINDS: [Kind; 6] = Kind::ALL;

/// Builds the index.
pub fn build(site: &Site) -> SearchIndex {
    let mut postings: BTreeMap<String, (Vec<u32>, Vec<u32>)> = BTreeMap::new();
    let mut docs = Vec::new();
    for (doc, (kind, i)) in all_entities(site).enumerate() {
        let doc = doc as u32;
        let c = entity_common(site, kind, i);
        let sum = summary(site, kind, i).unwrap_or("");
        let kind_no = KINDS.iter().position(|&k| k == kind).unwrap_or(0);
        docs.push(json!([kind_no, c.id, c.title, short(sum)]));
        let title: HashSet<String> = terms(&c.title).collect();
        let extra = labels(site, kind, i);
        let body: HashSet<String> = terms(sum)
            .chain(terms(text(site, kind, i)))
            .chain(terms(&extra))
            .filter(|t| !title.contains(t))
            .collect();
        for t in title {
            postings.entry(t).or_default().0.push(doc);
        }
        for t in body {
            postings.entry(t).or_default().1.push(doc);
        }
    }
    let entries: Vec<(String, String)> = postings
        .into_iter()
        .map(|(term, (mut t, mut b))| {
            t.sort_unstable();
            b.sort_unstable();
            let j = json!([delta(&t), delta(&b)]).to_string();
            (term, j)
        })
        .collect();
    let cut = cut_shards(entries, docs.len().div_ceil(DOCS_PER_SHARD).max(1));
    let firsts: Vec<&str> = cut.iter().map(|(f, _)| f.as_str()).collect();
    let firsts = json!(firsts);
    let shards: Vec<Vec<u8>> = cut.into_iter().map(|(_, b)| b).collect();
    let chunks: Vec<Vec<u8>> = if docs.is_empty() {
        vec![b"[]\n".to_vec()]
    } else {
        docs.chunks(CHUNK)
            .map(|c| {
                let mut bytes = serde_json::to_vec(c).unwrap_or_default();
                bytes.push(b'\n');
                bytes
            })
            .collect()
    };
    let kinds: Vec<serde_json::Value> = KINDS
        .iter()
        .map(|k| json!([k.section(), k.label()]))
        .collect();
    let meta = json!({
        "version": 1,
        "base": site.urls.base_path,
        "kinds": kinds,
        "docs": docs.len(),
        "chunk": CHUNK,
        "chunks": chunks.len(),
        "shards": firsts,
        "stop": STOP_WORDS,
        "max_term": MAX_TERM,
    });
    let mut meta = serde_json::to_vec(&meta).unwrap_or_default();
    meta.push(b'\n');
    SearchIndex {
        meta,
        shards,
        chunks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_german_spellings_together() {
        for (a, b) in [
            ("Schüler", "Schueler"),
            ("Schüler", "schuler"),
            ("Größe", "groesse"),
            ("Straße", "STRASSE"),
            ("Ärger", "Aerger"),
            ("Übergang", "uebergang"),
            ("Öffentlich", "offentlich"),
        ] {
            assert_eq!(fold(a), fold(b), "{a} / {b}");
        }
        assert_eq!(fold("Übergänge Schule–Beruf"), "ubergange schule–beruf");
    }

    #[test]
    fn terms_drop_stop_words_and_short_words() {
        let t: Vec<String> = terms("Die Berufsorientierung in der Schule, Klasse 8 & a").collect();
        assert_eq!(t, ["berufsorientierung", "schule", "klasse"]);
        let t: Vec<String> = terms("Klasse 10").collect();
        assert_eq!(t, ["klasse", "10"]);
    }

    #[test]
    fn shards_and_deltas() {
        let entries: Vec<(String, String)> = ["a", "ab", "b", "c", "d"]
            .iter()
            .map(|t| (t.to_string(), "[[1],[]]".to_string()))
            .collect();
        let cut = cut_shards(entries, 3);
        assert_eq!(cut.len(), 3);
        let firsts: Vec<&str> = cut.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(firsts, ["a", "b", "d"]);
        let all: Vec<serde_json::Value> = cut
            .iter()
            .map(|(_, b)| serde_json::from_slice(b).unwrap())
            .collect();
        assert_eq!(all[0]["ab"], json!([[1], []]));
        assert_eq!(cut_shards(Vec::new(), 2)[1].1, b"{}\n");
        assert_eq!(delta(&[3, 5, 9]), [3, 2, 4]);
        assert!(short(&"wort ".repeat(100)).ends_with('…'));
    }
}
