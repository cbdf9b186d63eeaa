//! The index's keys: stems with their documents, and every other folded
//! word of the site pointing to its stem, so that `search.js` needs no
//! stemmer and no splitter, only folding and lookups.
//!
//! From the postings of the site's folded words (`word → title docs, body
//! docs`) come:
//! - for each stem (`text::stem`, the Snowball stemmer of the index's
//!   language): `[title, body, title part, body part]`, delta-encoded
//!   document numbers; *title* and *body* are the documents with a word of
//!   that stem in the title or elsewhere, the *part* lists those where the
//!   stem is a part of a compound (German, `text::compound`, split against
//!   the site's own words and their stems); each list leaves out the
//!   documents of the lists before it, and empty lists at the end are left
//!   out;
//! - for each word that is not itself a stem: `"word": "stem"`.
//!
//! A query word is found as itself (a whole word, or its stem), as a
//! compound part (the part lists), or as the beginning of a longer word;
//! `search.js` ranks the three in that order.

use super::delta;
use crate::text::compound::Splitter;
use crate::text::stem::Stems;
use ahash::AHashMap;
use rayon::prelude::*;
use serde_json::json;

/// The documents a word is in: by title, by the rest.
pub(super) type Postings = (Vec<u32>, Vec<u32>);

/// The documents of one stem: whole words in the title and elsewhere,
/// compound parts in the title and elsewhere.
#[derive(Default)]
struct Lists([Vec<u32>; 4]);

/// `a` without the elements of sorted `b` (both sorted).
fn minus(a: &mut Vec<u32>, b: &[u32]) {
    if b.is_empty() {
        return;
    }
    let mut j = 0;
    a.retain(|&x| {
        while j < b.len() && b[j] < x {
            j += 1;
        }
        j >= b.len() || b[j] != x
    });
}

impl Lists {
    /// Sorted, without duplicates, each list without the documents of the
    /// lists before it; as JSON, delta-encoded, empty lists at the end cut.
    fn finish(mut self) -> String {
        for l in &mut self.0 {
            l.sort_unstable();
            l.dedup();
        }
        let [title, body, tpart, bpart] = &mut self.0;
        minus(body, title);
        minus(tpart, title);
        minus(tpart, body);
        minus(bpart, title);
        minus(bpart, body);
        minus(bpart, tpart);
        let n = if !bpart.is_empty() {
            4
        } else if !tpart.is_empty() {
            3
        } else {
            2
        };
        let lists: Vec<Vec<u32>> = self.0[..n].iter().map(|l| delta(l)).collect();
        json!(lists).to_string()
    }
}

/// The index entries (key, JSON value), in no order, from the postings of
/// the site's folded words, in the language with BCP 47 tag `lang`.
pub(super) fn entries(
    words: Vec<(&str, Postings)>,
    lang: &str,
    parallel: bool,
) -> Vec<(String, String)> {
    let stems = Stems::for_tag(lang);
    let stem_of = |(w, _): &(&str, Postings)| stems.stem(w).into_owned();
    let word_stems: Vec<String> = if parallel {
        words.par_iter().map(stem_of).collect()
    } else {
        words.iter().map(stem_of).collect()
    };
    // The stems of each word's compound parts (German only), not its own.
    let parts: Vec<Vec<String>> = if stems.is_german() {
        let splitter = Splitter::new(
            words
                .iter()
                .map(|(w, _)| *w)
                .chain(word_stems.iter().map(String::as_str)),
        );
        let parts_of = |(i, (w, _)): (usize, &(&str, Postings))| -> Vec<String> {
            let mut p: Vec<String> = splitter
                .split(w)
                .into_iter()
                .map(|p| stems.stem(p).into_owned())
                .filter(|p| *p != word_stems[i])
                .collect();
            p.sort_unstable();
            p.dedup();
            p
        };
        if parallel {
            words.par_iter().enumerate().map(parts_of).collect()
        } else {
            words.iter().enumerate().map(parts_of).collect()
        }
    } else {
        vec![Vec::new(); words.len()]
    };
    let mut lists: AHashMap<&str, Lists> = AHashMap::with_capacity(words.len());
    for (i, (_, (title, body))) in words.iter().enumerate() {
        let l = lists.entry(word_stems[i].as_str()).or_default();
        l.0[0].extend_from_slice(title);
        l.0[1].extend_from_slice(body);
        for p in &parts[i] {
            let l = lists.entry(p.as_str()).or_default();
            l.0[2].extend_from_slice(title);
            l.0[3].extend_from_slice(body);
        }
    }
    let mut aliases: Vec<(String, String)> = words
        .iter()
        .zip(&word_stems)
        .filter(|((w, _), s)| *w != s.as_str() && !lists.contains_key(w))
        .map(|((w, _), s)| (w.to_string(), json!(s).to_string()))
        .collect();
    // The Latin plural of a singular the site uses, and the other way
    // round (*Praktika* finds *Praktikum* where only that is written).
    if stems.is_german() {
        let known: ahash::AHashSet<&str> = words.iter().map(|(w, _)| *w).collect();
        for ((w, _), s) in words.iter().zip(&word_stems) {
            for other in crate::text::stem::other_numbers(w) {
                if !known.contains(other.as_str()) && !lists.contains_key(other.as_str()) {
                    aliases.push((other, json!(s).to_string()));
                }
            }
        }
        aliases.sort_unstable();
        aliases.dedup_by(|a, b| a.0 == b.0);
    }
    let lists: Vec<(&str, Lists)> = lists.into_iter().collect();
    let finish = |(k, l): (&str, Lists)| (k.to_string(), l.finish());
    let mut out: Vec<(String, String)> = if parallel {
        lists.into_par_iter().map(finish).collect()
    } else {
        lists.into_iter().map(finish).collect()
    };
    out.extend(aliases);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_collect_their_words_and_parts() {
        let words: Vec<(&str, Postings)> = vec![
            ("praktikum", (vec![0], vec![])),
            ("praktika", (vec![], vec![1, 2])),
            ("betriebspraktikum", (vec![3], vec![])),
            ("betrieb", (vec![], vec![4])),
            ("orientierung", (vec![], vec![5])),
            ("berufsorientierung", (vec![6], vec![2])),
            ("beruf", (vec![], vec![7])),
        ];
        let e: AHashMap<String, String> = entries(words, "de", false).into_iter().collect();
        assert_eq!(e["praktikum"], "[[0],[1,1],[3]]");
        assert_eq!(e["praktika"], "\"praktikum\"");
        assert_eq!(e["betriebspraktikum"], "[[3],[]]");
        assert_eq!(e["betrieb"], "[[],[4],[3]]");
        assert_eq!(e["orientierung"], "\"orientier\"");
        // "berufsorientierung" in doc 2's body, and "praktika" in its
        // title: doc 2 is left out of the later lists.
        assert_eq!(e["orientier"], "[[],[5],[6],[2]]");
        assert_eq!(e["beruf"], "[[],[7],[6],[2]]");
        assert!(!e.contains_key("ruf"));
        assert_eq!(minus_of(&[1, 2, 3, 5], &[2, 5, 7]), [1, 3]);
    }

    fn minus_of(a: &[u32], b: &[u32]) -> Vec<u32> {
        let mut a = a.to_vec();
        minus(&mut a, b);
        a
    }
}
