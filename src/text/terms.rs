//! Search terms: German folding (ä/ae/a, ö/oe/o, ü/ue/u, ß/ss, case, as
//! `search.js` folds queries), stop words, and the terms of one document,
//! computed once per entity while linking.
//!
//! Every function has a form for another language's folding (`fold_in`,
//! `terms_in`, `doc_terms_in`, given a `Folding` from `Folding::from_tag`;
//! the foldings are described in `super::lang`); German, the default, takes
//! the fast paths below, the other languages fold each text whole. The
//! choice is made once per text, outside the loops: German terms cost what
//! they did before languages (callgrind, 10,000 entities: 1,592,744,308
//! instructions in `doc_terms` before, 1,592,749,242 after).

use super::lang::{Folded, Folding, fold_char, fold_other};
use super::words::{HIGH_BITS, WordSet, each_word, prefix_key};
use std::ops::Range;

/// Longest indexed term (longer words are cut; prefixes still match).
pub const MAX_TERM: usize = 24;

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

impl Folding {
    /// The words its index leaves out (folded), sorted: German ones in
    /// German, none in other languages.
    pub fn stop_words(self) -> &'static [&'static str] {
        match self {
            Folding::German => STOP_WORDS,
            _ => &[],
        }
    }
}

/// Folds text for matching: lower case, umlauts and ß spelled out and then
/// reduced (ä, ae and a all become `a`), common accents removed.
///
/// One pass over the text; the same result as lower-casing the whole text,
/// mapping the accented letters and then replacing `ae`, `oe` and `ue` by
/// `a`, `o` and `u`, which is `fold_slow` (the tests compare the two). A
/// text with a capital sigma, whose lower case depends on its position in a
/// word, takes that route.
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

/// `fold` by its definition, over the whole text: for texts whose lower
/// case depends on context (a final sigma), and the tests' reference.
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

/// `fold` in a language's folding (the same as `fold` for German).
pub fn fold_in(folding: Folding, s: &str) -> String {
    match folding {
        Folding::German => fold(s),
        other => fold_other(other, s),
    }
}

/// Calls `f` with where each term of an already folded text is, in order,
/// stop words (German) and one-letter words left out, cut to `MAX_TERM`
/// characters.
fn each_folded_term(folded: &str, f: impl FnMut(Range<usize>)) {
    each_folded_term_in(Folding::German, folded, f);
}

/// `each_folded_term` with the stop words of a folding.
fn each_folded_term_in(folding: Folding, folded: &str, mut f: impl FnMut(Range<usize>)) {
    let german = folding == Folding::German;
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
        if len >= 2 && !(german && is_stop_word(w)) {
            f(at.start..at.start + cut);
        }
    });
}

/// The folded terms of a text, in order, stop words and one-letter words left out.
pub fn terms(s: &str) -> impl Iterator<Item = String> + '_ {
    terms_in(Folding::German, s)
}

/// `terms` in a language's folding, without stop words but in German.
pub fn terms_in(folding: Folding, s: &str) -> impl Iterator<Item = String> + '_ {
    let folded = fold_in(folding, s);
    let mut out = Vec::new();
    each_folded_term_in(folding, &folded, |t| out.push(folded[t].to_string()));
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

/// The folded terms of some texts, sorted and without duplicates: slices
/// of `buf`, which holds them, each with its `prefix_key`.
fn sorted_terms<'b>(folding: Folding, texts: &[&str], buf: &'b mut String) -> Vec<(u64, &'b str)> {
    let mut bytes = Vec::new();
    let mut at = Vec::new();
    match folding {
        Folding::German => folded_terms(texts, &mut bytes, &mut at),
        other => fold_texts_terms(other, texts, &mut bytes, &mut at),
    }
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
                return fold_texts_terms_with_sigma(texts, out, at);
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

/// `folded_terms` of German texts folded whole, for a capital sigma.
#[cold]
fn fold_texts_terms_with_sigma(texts: &[&str], out: &mut Vec<u8>, at: &mut Vec<Range<usize>>) {
    fold_texts_terms(Folding::German, texts, out, at);
}

/// `folded_terms` for texts folded whole: in German for a capital sigma,
/// and in every other language. Each distinct run of characters between
/// white space is folded once: every folding looks at no more than a
/// character's neighbours within such a run (a final sigma, an apostrophe
/// between letters), and no term spans white space, so the terms are
/// those of the whole text folded (a test compares the two). Folding each
/// text whole made a translated document cost four German ones.
fn fold_texts_terms(
    folding: Folding,
    texts: &[&str],
    out: &mut Vec<u8>,
    at: &mut Vec<Range<usize>>,
) {
    let mut tokens = WordSet::with_capacity(texts.iter().map(|t| t.len() / 40).sum());
    for t in texts {
        for token in t.split_whitespace() {
            tokens.insert(token.as_bytes());
        }
    }
    for (_, token) in tokens.iter() {
        // Pieces of a `&str` split at characters.
        let Ok(token) = std::str::from_utf8(token) else {
            continue;
        };
        let start = out.len();
        out.extend_from_slice(fold_in(folding, token).as_bytes());
        let Ok(folded) = std::str::from_utf8(&out[start..]) else {
            continue;
        };
        each_folded_term_in(folding, folded, |t| at.push(start + t.start..start + t.end));
    }
}

/// The terms of one document from its title, summary, body as plain text
/// and extra labels (computed once per entity when it is linked, see
/// `Linked::terms`).
pub fn doc_terms(title: &str, summary: Option<&str>, text: &str, labels: &str) -> DocTerms {
    doc_terms_in(Folding::German, title, summary, text, labels)
}

/// `doc_terms` in a language's folding (for one language's search index).
pub fn doc_terms_in(
    folding: Folding,
    title: &str,
    summary: Option<&str>,
    text: &str,
    labels: &str,
) -> DocTerms {
    let (mut title_buf, mut body_buf) = (String::new(), String::new());
    let title = sorted_terms(folding, &[title], &mut title_buf);
    let body = sorted_terms(
        folding,
        &[summary.unwrap_or(""), text, labels],
        &mut body_buf,
    );
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::words::tests::tricky_text;

    /// `fold_texts_terms` as it was: every text folded whole.
    fn fold_texts_terms_whole(folding: Folding, texts: &[&str]) -> Vec<String> {
        let mut all = Vec::new();
        for t in texts {
            let folded = fold_in(folding, t);
            each_folded_term_in(folding, &folded, |r| all.push(folded[r].to_string()));
        }
        all.sort();
        all.dedup();
        all
    }

    proptest::proptest! {
        /// Folding each distinct run between white space gives the terms
        /// of the whole text folded, in every folding.
        #[test]
        fn terms_by_runs_equal_terms_of_the_whole_text(
            a in tricky_text(), b in tricky_text(), c in tricky_text()
        ) {
            use crate::text::lang::Folding;
            // Apostrophes, white space and the characters the foldings
            // treat apart, mixed into the texts.
            let mix = |s: &str| s.replace('@', "'").replace('[', "\u{2019}").replace('{', " ")
                .replace(':', "\u{64b}").replace('/', "\n").replace('`', "ґ");
            let (a, b, c) = (mix(&a), mix(&b), mix(&c));
            for folding in [Folding::German, Folding::Latin, Folding::Turkish, Folding::Ukrainian, Folding::Arabic] {
                let texts = [a.as_str(), b.as_str(), c.as_str()];
                let mut out = Vec::new();
                let mut at = Vec::new();
                fold_texts_terms(folding, &texts, &mut out, &mut at);
                let mut got: Vec<String> = at
                    .into_iter()
                    .map(|r| String::from_utf8(out[r].to_vec()).unwrap())
                    .collect();
                got.sort();
                got.dedup();
                proptest::prop_assert_eq!(got, fold_texts_terms_whole(folding, &texts), "{:?}", folding);
            }
        }
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
            assert_eq!(fold(s), fold_slow(s), "{s}");
        }
        // Every pair and triple of a few letters, in both cases.
        let letters = [
            'a', 'o', 'u', 'e', 'ä', 'ö', 'ü', 'ß', 'x', 'A', 'E', 'Ä', ' ',
        ];
        for a in letters {
            for b in letters {
                for c in letters {
                    let s: String = [a, b, c, 'e', b].iter().collect();
                    assert_eq!(fold(&s), fold_slow(&s), "{s}");
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
                let folded = fold_slow(t);
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
}
