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

use super::{all_entities, summary};
use crate::link::Site;
use crate::model::Kind;
use crate::model::{self, vocab::Vocabularies};
use crate::routes::entity_common;
use rayon::prelude::*;
use serde_json::json;
use std::collections::{HashMap, HashSet};

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

/// Longest stop word, in bytes.
const STOP_MAX: usize = 6;

fn is_stop_word(w: &str) -> bool {
    w.len() <= STOP_MAX && STOP_WORDS.binary_search(&w).is_ok()
}

/// Folds text for matching: lower case, umlauts and ß spelled out and then
/// reduced (ä, ae and a all become `a`), common accents removed.
///
/// One pass over the text; the same result as lower-casing the whole text,
/// mapping the accented letters and then replacing `ae`, `oe` and `ue` by
/// `a`, `o` and `u` (see `fold_reference` in the tests). A text with a
/// capital sigma, whose lower case depends on its position in a word, takes
/// that slower route.
pub fn fold(s: &str) -> String {
    if s.contains('Σ') {
        return fold_slow(s);
    }
    let mut out: Vec<u8> = Vec::with_capacity(s.len());
    fold_into(&mut out, s);
    // Only whole characters were pushed.
    String::from_utf8(out).unwrap_or_default()
}

/// `fold` of a text without a capital sigma, appended to `out`.
fn fold_into(out: &mut Vec<u8>, s: &str) {
    // Whether the last byte pushed may start `ae`, `oe` or `ue`.
    let mut vowel = false;
    let mut push = |out: &mut Vec<u8>, c: char| {
        if c.is_ascii() {
            let b = c as u8;
            if b == b'e' && vowel {
                vowel = false;
            } else {
                out.push(b);
                vowel = matches!(b, b'a' | b'o' | b'u');
            }
        } else {
            out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
            vowel = false;
        }
    };
    let bytes = s.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let b = bytes[at];
        if b.is_ascii() {
            push(out, char::from(b.to_ascii_lowercase()));
            at += 1;
        } else {
            let c = s[at..].chars().next().unwrap_or_default();
            at += c.len_utf8();
            for l in c.to_lowercase() {
                match fold_char(l) {
                    Folded::One(f) => push(out, f),
                    Folded::Two(a, b) => {
                        push(out, a);
                        push(out, b);
                    }
                }
            }
        }
    }
}

enum Folded {
    One(char),
    Two(char, char),
}

/// One lower-case character without its accent.
fn fold_char(c: char) -> Folded {
    Folded::One(match c {
        'ß' => return Folded::Two('s', 's'),
        'ä' | 'à' | 'á' | 'â' | 'ã' | 'å' | 'ā' | 'ą' => 'a',
        'ö' | 'ò' | 'ó' | 'ô' | 'õ' | 'ø' | 'ō' => 'o',
        'ü' | 'ù' | 'ú' | 'û' | 'ū' => 'u',
        'é' | 'è' | 'ê' | 'ë' | 'ę' | 'ē' => 'e',
        'í' | 'ì' | 'î' | 'ï' | 'ı' => 'i',
        'ç' | 'č' | 'ć' => 'c',
        'ñ' | 'ń' => 'n',
        'š' | 'ś' | 'ş' => 's',
        'ž' | 'ź' | 'ż' => 'z',
        'ý' | 'ÿ' => 'y',
        'ğ' => 'g',
        'ł' => 'l',
        c => c,
    })
}

/// `fold` for texts whose lower case depends on context (a final sigma).
fn fold_slow(s: &str) -> String {
    let lower = s.to_lowercase();
    let mut out = String::with_capacity(lower.len());
    for c in lower.chars() {
        match fold_char(c) {
            Folded::One(f) => out.push(f),
            Folded::Two(a, b) => {
                out.push(a);
                out.push(b);
            }
        }
    }
    out.replace("ae", "a").replace("oe", "o").replace("ue", "u")
}

/// Calls `f` with each term of an already folded text, in order, stop
/// words and one-letter words left out, cut to `MAX_TERM` characters.
fn each_folded_term<'a>(folded: &'a str, mut f: impl FnMut(&'a str)) {
    each_word(folded, |w| {
        // Length in characters (up to MAX_TERM + 1) and where to cut.
        let (len, cut) = if w.is_ascii() {
            (w.len(), w.len().min(MAX_TERM))
        } else {
            w.char_indices()
                .take(MAX_TERM + 1)
                .fold((0, w.len()), |(n, cut), (i, _)| {
                    (n + 1, if n == MAX_TERM { i } else { cut })
                })
        };
        if len >= 2 && !is_stop_word(w) {
            f(&w[..cut]);
        }
    });
}

/// The folded terms of a text, in order, stop words and one-letter words left out.
pub fn terms(s: &str) -> impl Iterator<Item = String> + '_ {
    let folded = fold(s);
    let mut out = Vec::new();
    each_folded_term(&folded, |t| out.push(t.to_string()));
    out.into_iter()
}

/// The terms of one document: those of its title, and those of its
/// summary, body and labels that are not in the title; each sorted,
/// without duplicates, and stored as one string of lines (every entity of
/// a site keeps its terms for the whole build: a string per term would
/// triple their size).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DocTerms {
    title: Box<str>,
    body: Box<str>,
}

impl DocTerms {
    pub fn title(&self) -> impl Iterator<Item = &str> {
        self.title.split('\n').filter(|t| !t.is_empty())
    }
    pub fn body(&self) -> impl Iterator<Item = &str> {
        self.body.split('\n').filter(|t| !t.is_empty())
    }
}

/// FNV-1a: a hasher for short keys that need no protection from
/// collisions chosen by an attacker (the site's own words, at build time).
#[derive(Clone, Copy)]
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// The terms of some folded texts, sorted and without duplicates.
fn sorted_terms(folded: &[String]) -> Vec<&str> {
    let mut set: HashSet<&str, std::hash::BuildHasherDefault<Fnv>> =
        HashSet::with_capacity_and_hasher(256, Default::default());
    for f in folded {
        each_folded_term(f, |t| {
            set.insert(t);
        });
    }
    let mut v: Vec<&str> = set.into_iter().collect();
    v.sort_unstable();
    v
}

/// The distinct words of some texts, each folded once: a text has far
/// fewer distinct words than words. Folding is the same character by
/// character except that `e` after `a`, `o` or `u`, all letters, is dropped;
/// so folding the words between non-alphanumeric characters one by one is
/// folding the text (a capital sigma, whose lower case depends on its
/// neighbours, takes the whole text instead).
fn folded_words(texts: &[&str]) -> Vec<String> {
    if texts.iter().any(|t| t.contains('Σ')) {
        return texts.iter().map(|t| fold(t)).collect();
    }
    let mut words: HashSet<&str, std::hash::BuildHasherDefault<Fnv>> =
        HashSet::with_capacity_and_hasher(256, Default::default());
    for t in texts {
        each_word(t, |w| {
            words.insert(w);
        });
    }
    // All folded words in one string, a space apart: one allocation, not
    // one per word.
    let mut out = Vec::with_capacity(words.iter().map(|w| w.len() + 1).sum());
    for w in words {
        fold_into(&mut out, w);
        out.push(b' ');
    }
    // Only whole characters were pushed.
    vec![String::from_utf8(out).unwrap_or_default()]
}

/// Calls `f` with each run of alphanumeric characters of `text`, as
/// `text.split(|c: char| !c.is_alphanumeric())` without the empty pieces,
/// but looking at ASCII bytes without decoding them (most of a text).
fn each_word<'a>(text: &'a str, mut f: impl FnMut(&'a str)) {
    let bytes = text.as_bytes();
    let mut start: Option<usize> = None;
    let mut at = 0;
    while at < bytes.len() {
        let b = bytes[at];
        let (alnum, len) = if b.is_ascii() {
            (b.is_ascii_alphanumeric(), 1)
        } else {
            let c = text[at..].chars().next().unwrap_or_default();
            (c.is_alphanumeric(), c.len_utf8())
        };
        if alnum {
            start.get_or_insert(at);
        } else if let Some(s) = start.take() {
            f(&text[s..at]);
        }
        at += len;
    }
    if let Some(s) = start {
        f(&text[s..]);
    }
}

/// The terms of one document from its title, summary, body as plain text
/// and extra labels (computed once per entity when it is linked, see
/// `Linked::terms`).
pub fn doc_terms(title: &str, summary: Option<&str>, text: &str, labels: &str) -> DocTerms {
    let title_folded = folded_words(&[title]);
    let title = sorted_terms(&title_folded);
    let body_folded = folded_words(&[summary.unwrap_or(""), text, labels]);
    let mut body = sorted_terms(&body_folded);
    body.retain(|t| title.binary_search(t).is_err());
    DocTerms {
        title: title.join("\n").into(),
        body: body.join("\n").into(),
    }
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

/// Extra words a reader may search an entity by: vocabulary labels and
/// short names.
pub trait SearchLabels {
    fn search_labels(&self, v: &Vocabularies) -> String;
}

impl SearchLabels for model::Offer {
    fn search_labels(&self, v: &Vocabularies) -> String {
        let mut s: Vec<&str> = self
            .target_groups
            .iter()
            .map(|t| v.label("target_groups", &t.id))
            .collect();
        s.extend(self.fields.iter().map(|t| v.label("fields", &t.id)));
        s.extend(self.location.as_deref());
        s.join(" ")
    }
}

impl SearchLabels for model::Partner {
    fn search_labels(&self, v: &Vocabularies) -> String {
        format!(
            "{} {}",
            self.short.as_deref().unwrap_or(""),
            v.label("partner_kinds", &self.kind.id)
        )
    }
}

impl SearchLabels for model::Region {
    fn search_labels(&self, _: &Vocabularies) -> String {
        format!(
            "{} {}",
            self.program.as_deref().unwrap_or(""),
            self.state.as_deref().unwrap_or("")
        )
    }
}

impl SearchLabels for model::Practice {
    fn search_labels(&self, v: &Vocabularies) -> String {
        self.fields
            .iter()
            .map(|t| v.label("fields", &t.id))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

impl SearchLabels for model::Agreement {
    fn search_labels(&self, _: &Vocabularies) -> String {
        String::new()
    }
}

impl SearchLabels for model::Page {
    fn search_labels(&self, _: &Vocabularies) -> String {
        String::new()
    }
}

/// The documents a term is in: by title, by the rest.
type Postings = (Vec<u32>, Vec<u32>);

/// The search index kinds, in the order of their numbers in documents.
const KINDS: [Kind; 6] = Kind::ALL;

/// Builds the index from the terms of every entity (`Linked::terms`,
/// computed when the site was linked); on the rayon thread pool when
/// `parallel` (not from inside a parallel iteration that may wait for the
/// index itself).
pub fn build(site: &Site, parallel: bool) -> SearchIndex {
    let all: Vec<(Kind, usize)> = all_entities(site).collect();
    let terms: Vec<&DocTerms> = all.iter().map(|&(k, i)| terms_of(site, k, i)).collect();
    build_from(site, &all, &terms, parallel)
}

/// The search terms of an entity.
pub fn terms_of(site: &Site, kind: Kind, i: usize) -> &DocTerms {
    match kind {
        Kind::Region => &site.regions[i].terms,
        Kind::Partner => &site.partners[i].terms,
        Kind::Offer => &site.offers[i].terms,
        Kind::Practice => &site.practices[i].terms,
        Kind::Agreement => &site.agreements[i].terms,
        Kind::Page => &site.pages[i].terms,
    }
}

/// Builds the index from the terms of every document (of each of `all`,
/// in the same order).
pub fn build_from(
    site: &Site,
    all: &[(Kind, usize)],
    terms: &[&DocTerms],
    parallel: bool,
) -> SearchIndex {
    debug_assert_eq!(all.len(), terms.len());
    let doc = |&(kind, i): &(Kind, usize)| {
        let c = entity_common(site, kind, i);
        let sum = summary(site, kind, i).unwrap_or("");
        let kind_no = KINDS.iter().position(|&k| k == kind).unwrap_or(0);
        json!([kind_no, c.id, c.title, short(sum)])
    };
    let docs: Vec<serde_json::Value> = if parallel {
        all.par_iter().map(doc).collect()
    } else {
        all.iter().map(doc).collect()
    };
    // Documents in order: every posting list comes out sorted.
    let mut postings: HashMap<&str, Postings> = HashMap::new();
    for (doc, t) in terms.iter().enumerate() {
        let doc = doc as u32;
        for term in t.title() {
            postings.entry(term).or_default().0.push(doc);
        }
        for term in t.body() {
            postings.entry(term).or_default().1.push(doc);
        }
    }
    let mut postings: Vec<(&str, Postings)> = postings.into_iter().collect();
    let entry = |(term, (t, b)): (&str, Postings)| {
        let j = json!([delta(&t), delta(&b)]).to_string();
        (term.to_string(), j)
    };
    let entries: Vec<(String, String)> = if parallel {
        postings.par_sort_unstable_by(|a, b| a.0.cmp(b.0));
        postings.into_par_iter().map(entry).collect()
    } else {
        postings.sort_unstable_by(|a, b| a.0.cmp(b.0));
        postings.into_iter().map(entry).collect()
    };
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

    /// The definition `fold` implements in one pass.
    fn fold_reference(s: &str) -> String {
        let lower = s.to_lowercase();
        let mut out = String::new();
        for c in lower.chars() {
            match fold_char(c) {
                Folded::One(f) => out.push(f),
                Folded::Two(a, b) => {
                    out.push(a);
                    out.push(b);
                }
            }
        }
        out.replace("ae", "a").replace("oe", "o").replace("ue", "u")
    }

    #[test]
    fn one_pass_fold_equals_the_definition() {
        let samples = [
            "Übergänge Schule–Beruf",
            "aee oee uee aeae oeoe ueue",
            "AEE Aee aEe ÄE äe Öe öE ÜE üe",
            "Straße STRASSE Maße ßE ße",
            "oae uae aoe aue eae ooee uuee",
            "Mœurs İstanbul ΟΔΥΣΣΕΥΣ Σ",
            "Ångström Łódź Çağrı naïve café ÿ",
            "",
            "e",
            "ae",
        ];
        for s in samples {
            assert_eq!(fold(s), fold_reference(s), "{s}");
        }
        // Every pair and triple of a few letters, in both cases.
        let letters = [
            'a', 'o', 'u', 'e', 'ä', 'ö', 'ü', 'ß', 'x', 'A', 'E', 'Ä', ' ',
        ];
        for a in letters {
            for b in letters {
                for c in letters {
                    let s: String = [a, b, c, 'e', b].iter().collect();
                    assert_eq!(fold(&s), fold_reference(&s), "{s}");
                }
            }
        }
    }

    #[test]
    fn doc_terms_fold_each_distinct_word_as_the_whole_text() {
        fn reference(title: &str, summary: Option<&str>, text: &str, labels: &str) -> DocTerms {
            let title_folded = [fold(title)];
            let title = sorted_terms(&title_folded);
            let body_folded = [fold(summary.unwrap_or("")), fold(text), fold(labels)];
            let mut body = sorted_terms(&body_folded);
            body.retain(|t| title.binary_search(t).is_err());
            DocTerms {
                title: title.join("\n").into(),
                body: body.join("\n").into(),
            }
        }
        let texts = [
            "Übergänge Schule–Beruf: Schüler, Schueler und SCHÜLER; Straße/STRASSE.",
            "aee oee uee aE-e Ae.E ÄE-äe Öe öE ÜE üe; İstanbul İİ x\u{307}y",
            "a\u{308}rger Ärger Aerger 10 Klasse 8 & a é-e ÿ Łódź",
            "ΟΔΥΣΣΕΥΣ Σ σ ς",
            "Die Berufsorientierung in der Schule, Klasse 8 & a, und so weiter",
            "",
        ];
        for a in texts {
            for b in texts {
                assert_eq!(
                    doc_terms(a, Some(b), b, a),
                    reference(a, Some(b), b, a),
                    "{a} / {b}"
                );
            }
        }
    }

    #[test]
    fn stop_words_are_sorted_and_short() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(STOP_WORDS.iter().all(|w| w.len() <= STOP_MAX));
        assert!(STOP_WORDS.iter().all(|w| is_stop_word(w)));
        assert!(!is_stop_word("schule"));
    }

    #[test]
    fn long_terms_are_cut() {
        let long = "a".repeat(40);
        let t: Vec<String> = terms(&format!(
            "{long} ökonomieübergreifendeszusammenarbeitsgefüge"
        ))
        .collect();
        assert_eq!(t[0].chars().count(), MAX_TERM);
        assert_eq!(t[1].chars().count(), MAX_TERM);
        assert!(t[1].starts_with("okonomi"));
    }

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
