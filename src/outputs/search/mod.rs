//! The search index of `/suche/`, built at build time over titles, summaries
//! and bodies of every entity, folded for German (ä/ae/a, ö/oe/o, ü/ue/u,
//! ß/ss, case) exactly as `themes/lotse/static/search.js` folds queries,
//! and keyed by stems with German compound parts (`stems`), so that the
//! browser only folds a query and looks its words up.
//!
//! It is sharded so that a phone loads only what a query needs:
//! - `suche/index.json`: version 2, kinds, stop words, document count,
//!   chunk size, the first key of every key shard, each document's kind
//!   (`runs`, `[first doc, kind number]`) and the kinds' order among
//!   results of equal score (`tie`);
//! - `suche/t-<n>.json`: a contiguous range of the sorted keys, each a
//!   stem with `[title, body, title part, body part]` document lists
//!   (delta-encoded) or a word with its stem (`"praktika": "praktikum"`);
//!   shards are cut to about equal size, one per `DOCS_PER_SHARD`
//!   documents, so the number of files follows from the document count
//!   alone (the route plan needs no index) and a query loads one shard, or
//!   a few for a short prefix or a stem in another shard;
//! - `suche/d-<n>.json`: documents `n*CHUNK ..`: `[kind, id, title, summary]`;
//! - `suche/f.json`: the search page's filters (`facets`).
//!
//! Its words come from `crate::text::terms` (folding, stop words, one
//! document's terms), computed per entity while linking; stems and
//! compound parts are computed here once per distinct word of the site.
//!
//! An index in another language (`build_from_in`, with terms from
//! `doc_terms_in` in that language's `Folding`) records its BCP 47 tag in
//! `index.json` as `"lang"`, and its stop words (none but in German), so
//! that `search.js` folds queries the same way; it is stemmed with its
//! language's Snowball stemmer where there is one, and not split.

pub use crate::text::lang::Folding;
pub use crate::text::terms::{
    DocTerms, MAX_TERM, STOP_WORDS, doc_terms, doc_terms_in, fold, fold_in, terms, terms_in,
};

mod facets;
mod stems;

use crate::link::Site;
use crate::model::Kind;
use crate::section::Labels;
use rayon::prelude::*;
use serde_json::json;
use stems::Postings;

/// Sorted document ids as the differences between neighbours (the first
/// from 0), as the index's postings and filter lists store them.
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

// How the index is split is part of the route plan (the files it has).
pub use crate::routes::files::{CHUNK, DOCS_PER_SHARD, chunk_count, shard_count};
/// Summaries in results are cut to about this many characters.
pub const MAX_SUMMARY: usize = 180;

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
    /// `suche/f.json`, the filters (`facets`).
    pub facets: Vec<u8>,
}

impl SearchIndex {
    /// Total size of all files in bytes.
    pub fn size(&self) -> usize {
        self.meta.len()
            + self.shards.iter().map(Vec::len).sum::<usize>()
            + self.chunks.iter().map(Vec::len).sum::<usize>()
            + self.facets.len()
    }
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

/// The search index kinds, in the order of their numbers in documents.
const KINDS: [Kind; 6] = Kind::ALL;

/// Each kind number's place among results of equal score: offers first,
/// then practice, partners, regions, agreements, pages.
const TIE: [u8; 6] = {
    let order = [
        Kind::Offer,
        Kind::Practice,
        Kind::Partner,
        Kind::Region,
        Kind::Agreement,
        Kind::Page,
    ];
    let mut tie = [0; 6];
    let mut k = 0;
    while k < 6 {
        let mut place = 0;
        while order[place] as u8 != KINDS[k] as u8 {
            place += 1;
        }
        tie[k] = place as u8;
        k += 1;
    }
    tie
};

/// Adds `"lang"` to `index.json`'s object for a language not folded in
/// German, for `search.js` to fold queries by.
fn name_language(meta: &mut serde_json::Value, lang: &str) {
    if Folding::from_tag(lang) != Folding::German
        && let Some(m) = meta.as_object_mut()
    {
        m.insert("lang".into(), json!(lang));
    }
}

/// Builds the index from the terms of every entity (`Linked::terms`,
/// computed when the site was linked); on the rayon thread pool when
/// `parallel` (not from inside a parallel iteration that may wait for the
/// index itself).
pub fn build(site: &Site, labels: Labels, parallel: bool) -> SearchIndex {
    build_in(site, labels, "de", parallel)
}

/// `build` for the version of the site in `lang` (BCP 47).
pub fn build_in(site: &Site, labels: Labels, lang: &str, parallel: bool) -> SearchIndex {
    let all: Vec<(Kind, usize)> = site.entities().collect();
    let terms: Vec<&DocTerms> = all.iter().map(|&(k, i)| site.doc_terms(k, i)).collect();
    build_from_in(site, labels, lang, &all, &terms, parallel)
}

/// Builds the index from the terms of every document (of each of `all`,
/// in the same order), folded in German.
pub fn build_from(
    site: &Site,
    labels: Labels,
    all: &[(Kind, usize)],
    terms: &[&DocTerms],
    parallel: bool,
) -> SearchIndex {
    build_from_in(site, labels, "de", all, terms, parallel)
}

/// `build_from` for the language with BCP 47 tag `lang`, whose `terms`
/// were folded in `Folding::from_tag(lang)` (`doc_terms_in`).
pub fn build_from_in(
    site: &Site,
    labels: Labels,
    lang: &str,
    all: &[(Kind, usize)],
    terms: &[&DocTerms],
    parallel: bool,
) -> SearchIndex {
    let folding = Folding::from_tag(lang);
    debug_assert_eq!(all.len(), terms.len());
    let doc = |&(kind, i): &(Kind, usize)| {
        let c = site.common(kind, i);
        let sum = site.summary(kind, i).unwrap_or("");
        let kind_no = KINDS.iter().position(|&k| k == kind).unwrap_or(0);
        json!([kind_no, c.id, c.title, short(sum)])
    };
    let docs: Vec<serde_json::Value> = if parallel {
        all.par_iter().map(doc).collect()
    } else {
        all.iter().map(doc).collect()
    };
    // Documents in order: every posting list comes out sorted.
    // One lookup per term of every document (about a million at 10,000
    // entities, on one thread): aHash rather than SipHash, which guards
    // against keys chosen by an attacker that the site's own words are not.
    let mut postings: ahash::AHashMap<&str, Postings> = ahash::AHashMap::new();
    for (doc, t) in terms.iter().enumerate() {
        let doc = doc as u32;
        for term in t.title() {
            postings.entry(term).or_default().0.push(doc);
        }
        for term in t.body() {
            postings.entry(term).or_default().1.push(doc);
        }
    }
    let postings: Vec<(&str, Postings)> = postings.into_iter().collect();
    let mut entries = stems::entries(postings, lang, parallel);
    if parallel {
        entries.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    } else {
        entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    }
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
        .map(|k| json!([k.section(), labels.get(k.label_key())]))
        .collect();
    // Each document's kind as runs `[first doc, kind number]` (documents
    // come grouped by kind), for ties by kind before the chunks load.
    let mut runs: Vec<[usize; 2]> = Vec::new();
    for (doc, (kind, _)) in all.iter().enumerate() {
        let no = KINDS.iter().position(|k| k == kind).unwrap_or(0);
        if runs.last().is_none_or(|r| r[1] != no) {
            runs.push([doc, no]);
        }
    }
    let mut meta = json!({
        "version": 2,
        "base": site.urls.base_path,
        "kinds": kinds,
        "docs": docs.len(),
        "chunk": CHUNK,
        "chunks": chunks.len(),
        "shards": firsts,
        "stop": folding.stop_words(),
        "max_term": MAX_TERM,
        "runs": runs,
        "tie": TIE,
    });
    name_language(&mut meta, lang);
    let mut meta = serde_json::to_vec(&meta).unwrap_or_default();
    meta.push(b'\n');
    SearchIndex {
        meta,
        shards,
        chunks,
        facets: facets::facets(site, all),
    }
}
#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(short(&"wort ".repeat(100)).ends_with('…'));
    }

    #[test]
    fn an_index_names_its_language_unless_german() {
        for (lang, named) in [
            ("de", None),
            ("de-CH", None),
            ("tr", Some("tr")),
            ("en", Some("en")),
        ] {
            let mut meta = json!({"version": 1});
            name_language(&mut meta, lang);
            assert_eq!(meta.get("lang").and_then(|l| l.as_str()), named, "{lang}");
        }
    }
}
