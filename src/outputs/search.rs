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
use std::collections::HashMap;
use std::ops::Range;

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

/// The stop words as numbers (`short_key`), in the same order.
const STOP_KEYS: [u64; STOP_WORDS.len()] = {
    let mut keys = [0; STOP_WORDS.len()];
    let mut i = 0;
    while i < keys.len() {
        keys[i] = short_key(STOP_WORDS[i].as_bytes());
        // Sorted, for `binary_search`.
        assert!(i == 0 || keys[i - 1] < keys[i]);
        i += 1;
    }
    keys
};

/// A word of up to 7 bytes as one number: its bytes, the first highest,
/// then its length. Two words without NUL compare as their numbers do,
/// and equal words have equal numbers; a number compares faster.
const fn short_key(w: &[u8]) -> u64 {
    let mut key = 0;
    let mut i = 0;
    while i < 7 {
        key = key << 8 | if i < w.len() { w[i] as u64 } else { 0 };
        i += 1;
    }
    key << 8 | w.len() as u64
}

fn is_stop_word(w: &str) -> bool {
    is_stop_word_bytes(w.as_bytes())
}

fn is_stop_word_bytes(w: &[u8]) -> bool {
    w.len() <= STOP_MAX && STOP_KEYS.binary_search(&short_key(w)).is_ok()
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

/// `fold_into` of an ASCII text: copied in lower case, then, only if it
/// has one (few words do), each `e` after `a`, `o` or `u` dropped.
fn fold_ascii_into(out: &mut Vec<u8>, s: &[u8]) {
    let start = out.len();
    out.extend(s.iter().map(u8::to_ascii_lowercase));
    let folded = &mut out[start..];
    let vowel_e = |p: &[u8]| matches!(p, [b'a' | b'o' | b'u', b'e']);
    let Some(first) = folded.windows(2).position(vowel_e) else {
        return;
    };
    // Compacted in place from the first `e` to drop on.
    let mut len = first + 1;
    let mut vowel = false;
    for i in first + 1..folded.len() {
        let b = folded[i];
        if b == b'e' && (vowel || i == first + 1) {
            vowel = false;
        } else {
            folded[len] = b;
            len += 1;
            vowel = matches!(b, b'a' | b'o' | b'u');
        }
    }
    out.truncate(start + len);
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

/// Calls `f` with where each term of an already folded text is, in order,
/// stop words and one-letter words left out, cut to `MAX_TERM` characters.
fn each_folded_term(folded: &str, mut f: impl FnMut(Range<usize>)) {
    each_word(folded, |at| {
        let w = &folded[at.clone()];
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
            f(at.start..at.start + cut);
        }
    });
}

/// The folded terms of a text, in order, stop words and one-letter words left out.
pub fn terms(s: &str) -> impl Iterator<Item = String> + '_ {
    let folded = fold(s);
    let mut out = Vec::new();
    each_folded_term(&folded, |t| out.push(folded[t].to_string()));
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

/// Calls `f` with where each run of alphanumeric characters of `text` is,
/// as `text.split(|c: char| !c.is_alphanumeric())` without the empty
/// pieces, but 8 bytes at a time: in ASCII, where words begin and end is
/// where the letters and digits begin and end, found for 8 bytes at once
/// (`ascii_alnum`); a character that is not ASCII is decoded.
fn each_word(text: &str, mut f: impl FnMut(Range<usize>)) {
    let bytes = text.as_bytes();
    // Whether a word is being read, and where it began.
    let mut in_word = false;
    let mut start = 0;
    let mut at = 0;
    // Up to the end and once past it: the NULs there end the last word.
    while let Some(rest) = bytes.get(at..) {
        // The last bytes padded with NULs, ASCII characters that are not
        // letters or digits like others.
        let mut last = [0; 8];
        let chunk = rest.first_chunk().unwrap_or_else(|| {
            last[..rest.len()].copy_from_slice(rest);
            &last
        });
        let x = u64::from_le_bytes(*chunk);
        let wide = x & HIGH_BITS;
        // Where a word begins (a letter or digit after something else) or
        // ends (the other way round), as the highest bit of a byte; and
        // how many bytes are done with.
        let (mut edges, done) = if wide & 0x80 == 0 {
            // The ASCII bytes up to the first that is not.
            let ascii = wide.wrapping_sub(1) & !wide;
            let alnum = ascii_alnum(x);
            let before = alnum << 8 | u64::from(in_word) << 7;
            let done = if wide == 0 {
                8
            } else {
                wide.trailing_zeros() / 8
            };
            ((alnum ^ before) & ascii & HIGH_BITS, done as usize)
        } else {
            // A character that is not ASCII.
            let c = text
                .get(at..)
                .and_then(|t| t.chars().next())
                .unwrap_or_default();
            let edge = is_alphanumeric_wide(c) != in_word;
            (u64::from(edge) << 7, c.len_utf8())
        };
        while edges != 0 {
            let i = at + edges.trailing_zeros() as usize / 8;
            if in_word {
                f(start..i);
            } else {
                start = i;
            }
            in_word = !in_word;
            edges &= edges - 1;
        }
        at += done;
    }
}

/// The highest bit of each byte of a `u64`.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The highest bit of each byte of `x` (8 bytes of a text) that is an
/// ASCII letter or digit: all 8 bytes looked at at once, with additions
/// that carry into that bit when a byte is at least some value.
fn ascii_alnum(x: u64) -> u64 {
    // `b` repeated in every byte.
    const fn each(b: u8) -> u64 {
        u64::from_ne_bytes([b; 8])
    }
    // Without the highest bits no addition carries into the next byte.
    let low = x & !HIGH_BITS;
    // Letters in lower case (and nothing else into `a..=z`).
    let lower = low | each(0x20);
    let letter = (lower + each(0x80 - b'a')) & !(lower + each(0x7f - b'z'));
    let digit = (low + each(0x80 - b'0')) & !(low + each(0x7f - b'9'));
    (letter | digit) & !x & HIGH_BITS
}

/// `char::is_alphanumeric` for a character that is not ASCII, with the
/// blocks of German texts looked at first: the letters of Latin-1 and
/// Latin Extended-A and -B (umlauts, ß, accents) and the general
/// punctuation (dashes, quotes), which the tables of the standard library
/// take many steps for (see the test that tries every character).
fn is_alphanumeric_wide(c: char) -> bool {
    match c {
        '\u{c0}'..='\u{24f}' => c != '×' && c != '÷',
        '\u{2000}'..='\u{206f}' => false,
        _ => c.is_alphanumeric(),
    }
}

/// A word's first and last 8 bytes as numbers, or 4 for a word of up to
/// 8 bytes, or three of its bytes for a shorter one; they overlap in
/// words of less than 16 bytes, and leave out the middle of a longer one.
/// Two words of up to 16 bytes and the same length are equal if these
/// are: comparing two numbers is faster than calling `memcmp`.
fn word_ends(w: &[u8]) -> (u64, u64) {
    let n = w.len();
    let read8 = |i: usize| w[i..].first_chunk().map_or(0, |c| u64::from_le_bytes(*c));
    let read4 = |i: usize| w[i..].first_chunk().map_or(0, |c| u32::from_le_bytes(*c));
    match n {
        0 => (0, 0),
        1..=3 => (
            u64::from(w[0]) | u64::from(w[n / 2]) << 8 | u64::from(w[n - 1]) << 16,
            0,
        ),
        4..=8 => (u64::from(read4(0)), u64::from(read4(n - 4))),
        _ => (read8(0), read8(n - 8)),
    }
}

/// A hash of a word for `folded_terms`' table, computed from a few loads
/// instead of byte by byte (`word_ends`; one multiplication for a word of
/// up to 16 bytes, most words). The site's own words need no protection
/// from collisions chosen by an attacker.
fn word_hash(w: &[u8], ends: (u64, u64)) -> u64 {
    // The fractional digits of pi: constants with no pattern.
    const K: [u64; 3] = [
        0x243f_6a88_85a3_08d3,
        0x1319_8a2e_0370_7344,
        0xa409_3822_299f_31d0,
    ];
    let (mut a, b) = ends;
    // The middle of a longer word.
    let mut i = 8;
    while i + 8 < w.len() {
        let middle = w[i..].first_chunk().map_or(0, |c| u64::from_le_bytes(*c));
        a = fold_mul(a ^ middle, K[2]);
        i += 8;
    }
    fold_mul(a ^ K[0], b ^ K[1] ^ w.len() as u64)
}

/// The first 8 bytes of a word as a number, the first highest (and 0 for
/// each byte the word is shorter): if one word's number is less than
/// another's, so is the word.
fn prefix_key(w: &[u8]) -> u64 {
    let n = w.len();
    let be4 = |i: usize| w[i..].first_chunk().map_or(0, |c| u32::from_be_bytes(*c));
    match w.first_chunk() {
        Some(c) => u64::from_be_bytes(*c),
        // The first and last 4 bytes, overlapping.
        None if n >= 4 => u64::from(be4(0)) << 32 | u64::from(be4(n - 4)) << (8 * (8 - n)),
        None => w
            .iter()
            .enumerate()
            .fold(0, |key, (i, &b)| key | u64::from(b) << (56 - 8 * i)),
    }
}

/// The full product of two numbers, its halves xored: every bit of both
/// factors reaches the bits of the result.
fn fold_mul(a: u64, b: u64) -> u64 {
    let p = u128::from(a) * u128::from(b);
    p as u64 ^ (p >> 64) as u64
}

/// The distinct words of some texts, in the order they first came: a
/// hash table with open addressing, to which a word is added in a few
/// steps (most words are in it already).
struct WordSet<'a> {
    /// Each word with its `word_ends`.
    words: Vec<((u64, u64), &'a [u8])>,
    /// For each word, 1 + its index in `words`, at the slot of its hash
    /// or after; 0 for an empty slot. A power of two of them, at most half
    /// of them used.
    slots: Vec<u32>,
}

impl<'a> WordSet<'a> {
    /// A set with room for about `n` words.
    fn with_capacity(n: usize) -> Self {
        WordSet {
            words: Vec::with_capacity(n.max(8)),
            slots: vec![0; (2 * n).next_power_of_two().max(16)],
        }
    }

    /// Adds a word if it is not in the set yet.
    fn insert(&mut self, w: &'a [u8]) {
        let ends = word_ends(w);
        let mask = self.slots.len() - 1;
        let mut i = word_hash(w, ends) as usize & mask;
        while let Some(&(e, k)) = self.slots[i]
            .checked_sub(1)
            .and_then(|k| self.words.get(k as usize))
        {
            // The ends are the whole word up to 16 bytes.
            if e == ends && k.len() == w.len() && (w.len() <= 16 || k == w) {
                return;
            }
            i = (i + 1) & mask;
        }
        self.words.push((ends, w));
        self.slots[i] = self.words.len() as u32;
        if self.words.len() * 2 > self.slots.len() {
            self.grow();
        }
    }

    /// Twice the slots, each word put at the slot of its hash or after.
    fn grow(&mut self) {
        self.slots = vec![0; self.slots.len() * 2];
        let mask = self.slots.len() - 1;
        for (k, &(ends, w)) in self.words.iter().enumerate() {
            let mut i = word_hash(w, ends) as usize & mask;
            while self.slots[i] != 0 {
                i = (i + 1) & mask;
            }
            self.slots[i] = k as u32 + 1;
        }
    }

    /// Each word with its `word_ends`.
    fn iter(&self) -> impl Iterator<Item = ((u64, u64), &'a [u8])> + '_ {
        self.words.iter().copied()
    }

    fn len(&self) -> usize {
        self.words.len()
    }
}

/// The folded terms of some texts, sorted and without duplicates: slices
/// of `buf`, which holds them, each with its `prefix_key`.
fn sorted_terms<'b>(texts: &[&str], buf: &'b mut String) -> Vec<(u64, &'b str)> {
    let mut bytes = Vec::new();
    let mut at = Vec::new();
    folded_terms(texts, &mut bytes, &mut at);
    // Only whole characters were pushed.
    *buf = String::from_utf8(bytes).unwrap_or_default();
    // Sorted by their first 8 bytes as a number first: most terms differ
    // there, and numbers compare faster than strings.
    let mut terms: Vec<(u64, &str)> = at
        .into_iter()
        .filter_map(|r| buf.get(r))
        .map(|t| (prefix_key(t.as_bytes()), t))
        .collect();
    terms.sort_unstable_by_key(|&(key, _)| key);
    for same_start in terms.chunk_by_mut(|a, b| a.0 == b.0) {
        same_start.sort_unstable_by_key(|&(_, t)| t);
    }
    terms.dedup_by_key(|&mut (_, t)| t);
    terms
}

/// Appends the folded terms of some texts to `out` (with duplicates, in no
/// order) and where each is to `at`.
///
/// Each distinct word is folded once: a text has far fewer distinct words
/// than words. Folding is the same character by character except that `e`
/// after `a`, `o` or `u`, all letters, is dropped; so folding the words
/// between non-alphanumeric characters one by one is folding the text (a
/// capital sigma, whose lower case depends on its neighbours, takes the
/// whole text instead).
fn folded_terms(texts: &[&str], out: &mut Vec<u8>, at: &mut Vec<Range<usize>>) {
    // About one distinct word in 40 bytes of a text.
    let mut words = WordSet::with_capacity(texts.iter().map(|t| t.len() / 40).sum());
    for t in texts {
        // As bytes: the word's ends are at characters, but checking that
        // of every word costs more than checking each distinct one once.
        each_word(t, |r| words.insert(&t.as_bytes()[r]));
    }
    out.reserve(words.iter().map(|(_, w)| w.len()).sum());
    at.reserve(words.len());
    for ((a, b), w) in words.iter() {
        let start = out.len();
        // The ends are the whole word up to 16 bytes.
        let ascii = if w.len() <= 16 {
            (a | b) & HIGH_BITS == 0
        } else {
            w.is_ascii()
        };
        if ascii {
            // Lower-cased ASCII letters and digits: one term unless short
            // or a stop word.
            fold_ascii_into(out, w);
            let term = &out[start..];
            if term.len() >= 2 && !is_stop_word_bytes(term) {
                at.push(start..start + term.len().min(MAX_TERM));
            }
        } else if let Ok(w) = std::str::from_utf8(w) {
            if w.contains('Σ') {
                out.clear();
                at.clear();
                return fold_texts_terms(texts, out, at);
            }
            fold_into(out, w);
            // Folding may make characters that are not alphanumeric
            // (`İ` is `i` and a combining dot): the word may fall apart.
            if let Ok(folded) = std::str::from_utf8(&out[start..]) {
                each_folded_term(folded, |t| at.push(start + t.start..start + t.end));
            }
        }
    }
}

/// `folded_terms` of texts folded whole, for a capital sigma.
#[cold]
fn fold_texts_terms(texts: &[&str], out: &mut Vec<u8>, at: &mut Vec<Range<usize>>) {
    for t in texts {
        let start = out.len();
        let folded = fold(t);
        out.extend_from_slice(folded.as_bytes());
        out.push(b' ');
        each_folded_term(&folded, |t| at.push(start + t.start..start + t.end));
    }
}

/// The terms of one document from its title, summary, body as plain text
/// and extra labels (computed once per entity when it is linked, see
/// `Linked::terms`).
pub fn doc_terms(title: &str, summary: Option<&str>, text: &str, labels: &str) -> DocTerms {
    let (mut title_buf, mut body_buf) = (String::new(), String::new());
    let title = sorted_terms(&[title], &mut title_buf);
    let body = sorted_terms(&[summary.unwrap_or(""), text, labels], &mut body_buf);
    // Both sorted: one walk drops the body terms that are in the title.
    let mut lines = String::with_capacity(body.iter().map(|(_, t)| t.len() + 1).sum());
    let mut in_title = title.iter().peekable();
    for t in &body {
        while in_title.next_if(|x| *x < t).is_some() {}
        if in_title.peek() == Some(&t) {
            continue;
        }
        if !lines.is_empty() {
            lines.push('\n');
        }
        lines.push_str(t.1);
    }
    let title: Vec<&str> = title.iter().map(|&(_, t)| t).collect();
    DocTerms {
        title: title.join("\n").into(),
        body: lines.into(),
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

    /// The terms of one document by their definition: each text folded
    /// whole, split at every character that is not alphanumeric, short
    /// words and stop words left out, cut to `MAX_TERM` characters, sorted
    /// without duplicates, the title's left out of the body.
    fn doc_terms_reference(
        title: &str,
        summary: Option<&str>,
        text: &str,
        labels: &str,
    ) -> DocTerms {
        fn terms(texts: &[&str]) -> Vec<String> {
            let mut set = std::collections::BTreeSet::new();
            for t in texts {
                let folded = fold_reference(t);
                for w in folded.split(|c: char| !c.is_alphanumeric()) {
                    if w.chars().count() >= 2 && !STOP_WORDS.contains(&w) {
                        set.insert(w.chars().take(MAX_TERM).collect::<String>());
                    }
                }
            }
            set.into_iter().collect()
        }
        let title = terms(&[title]);
        let body: Vec<String> = terms(&[summary.unwrap_or(""), text, labels])
            .into_iter()
            .filter(|t| !title.contains(t))
            .collect();
        DocTerms {
            title: title.join("\n").into(),
            body: body.join("\n").into(),
        }
    }

    #[test]
    fn doc_terms_fold_each_distinct_word_as_the_whole_text() {
        let long = format!(
            "{} {}x{} {}y{}",
            "ä".repeat(30),
            "a".repeat(9),
            "b".repeat(9),
            "a".repeat(9),
            "b".repeat(9)
        );
        let texts = [
            "Übergänge Schule–Beruf: Schüler, Schueler und SCHÜLER; Straße/STRASSE.",
            "aee oee uee aE-e Ae.E ÄE-äe Öe öE ÜE üe; İstanbul İİ x\u{307}y",
            "a\u{308}rger Ärger Aerger 10 Klasse 8 & a é-e ÿ Łódź",
            "ΟΔΥΣΣΕΥΣ Σ σ ς",
            "Die Berufsorientierung in der Schule, Klasse 8 & a, und so weiter",
            "Für für FÜR fuer Fuer vom Vom VOM dass daß",
            &long,
            "",
        ];
        for a in texts {
            for b in texts {
                assert_eq!(
                    doc_terms(a, Some(b), b, a),
                    doc_terms_reference(a, Some(b), b, a),
                    "{a} / {b}"
                );
            }
        }
    }

    /// Texts made mostly of the characters the fast paths treat apart.
    fn tricky_text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let tricky = prop::sample::select(vec![
            'a', 'A', 'e', 'E', 'o', 'O', 'u', 'U', 'z', 'Z', '0', '9', ' ', '-', '@', '[', '`',
            '{', '/', ':', '\0', '\u{7f}', 'ä', 'Ä', 'ö', 'ü', 'Ü', 'ß', 'é', '×', '÷', 'Σ', 'σ',
            'İ', '\u{307}', '–', '„', '“', '\u{a0}', 'µ', '²', '½', 'ª', '\u{2071}', '日', '🎓',
        ]);
        let char = prop_oneof![8 => tricky, 1 => any::<char>()];
        prop::collection::vec(char, 0..80).prop_map(|cs| cs.into_iter().collect())
    }

    proptest::proptest! {
        #[test]
        fn doc_terms_equal_their_definition(
            title in tricky_text(),
            summary in tricky_text(),
            text in tricky_text(),
        ) {
            proptest::prop_assert_eq!(
                doc_terms(&title, Some(&summary), &text, &title),
                doc_terms_reference(&title, Some(&summary), &text, &title)
            );
        }

        #[test]
        fn words_are_runs_of_alphanumeric_characters(text in tricky_text()) {
            let mut words = Vec::new();
            each_word(&text, |r| words.push(&text[r]));
            let split: Vec<&str> = text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            proptest::prop_assert_eq!(words, split);
        }

        #[test]
        fn prefix_keys_compare_as_their_words(a in tricky_text(), b in tricky_text()) {
            let (ka, kb) = (prefix_key(a.as_bytes()), prefix_key(b.as_bytes()));
            proptest::prop_assert!(ka >= kb || a < b);
            proptest::prop_assert!(ka <= kb || a > b);
        }
    }

    #[test]
    fn ascii_alnum_finds_every_letter_and_digit() {
        for b in 0..=255u8 {
            for fill in [0u8, b' ', b'a', b'Z', 0x80, 0xff] {
                for at in 0..8 {
                    let mut bytes = [fill; 8];
                    bytes[at] = b;
                    let mask = ascii_alnum(u64::from_le_bytes(bytes));
                    for (i, &c) in bytes.iter().enumerate() {
                        let bit = mask >> (8 * i + 7) & 1 == 1;
                        assert_eq!(bit, c.is_ascii_alphanumeric(), "{bytes:?} {i}");
                    }
                    assert_eq!(mask & !HIGH_BITS, 0);
                }
            }
        }
    }

    #[test]
    fn alphanumeric_wide_is_the_standard_definition() {
        for c in ('\u{80}'..=char::MAX).filter(|c| !c.is_ascii()) {
            assert_eq!(is_alphanumeric_wide(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn word_set_keeps_each_word_once_in_order() {
        // Enough words to grow the table, of every length up to 40 bytes,
        // and long ones that differ only in the middle.
        let words: Vec<String> = (0..1000)
            .map(|i| format!("{}{}", "x".repeat(i % 37), i))
            .chain([
                "a".repeat(9) + "x" + &"b".repeat(9),
                "a".repeat(9) + "y" + &"b".repeat(9),
            ])
            .collect();
        let mut set = WordSet::with_capacity(4);
        for w in words.iter().chain(&words) {
            set.insert(w.as_bytes());
        }
        let got: Vec<&[u8]> = set.iter().map(|(_, w)| w).collect();
        let want: Vec<&[u8]> = words.iter().map(|w| w.as_bytes()).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn folds_ascii_as_fold() {
        let letters = ["a", "o", "u", "e", "E", "A", "x", "ae", "AE"];
        for a in letters {
            for b in letters {
                for c in letters {
                    let s = format!("{a}{b}{c}e{b}");
                    let mut out = b"x".to_vec();
                    fold_ascii_into(&mut out, s.as_bytes());
                    assert_eq!(out, format!("x{}", fold(&s)).as_bytes(), "{s}");
                }
            }
        }
    }

    #[test]
    fn stop_words_are_sorted_and_short() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(STOP_WORDS.iter().all(|w| w.len() <= STOP_MAX));
        assert!(STOP_WORDS.iter().all(|w| is_stop_word(w)));
        assert!(!is_stop_word("schule"));
        // Near misses: one letter more, less or other.
        for w in STOP_WORDS {
            for near in [format!("{w}s"), w[1..].to_string(), format!("x{}", &w[1..])] {
                assert_eq!(
                    is_stop_word(&near),
                    STOP_WORDS.contains(&near.as_str()),
                    "{near}"
                );
            }
        }
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
