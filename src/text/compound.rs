//! German compound splitting for search: *Berufsorientierung* is found by
//! *orientierung* and by *beruf*, *Elternabend* by *eltern* and *abend*.
//!
//! The rule (documented for coordinators in docs/anleitung/suche.md and in
//! docs/theme.md):
//! - only words of at least `MIN_WORD` characters are split, into parts of
//!   at least `MIN_PART` characters (3 for the parts of the built-in list);
//!   so *Beruf* never yields *ruf*, and a short word is never cut up;
//! - a part must itself be a word of the site (a word of some page, or the
//!   stem of one), or one of a small built-in list of common parts
//!   (`COMMON_PARTS`); a last part may carry an inflection (`-e`, `-en`,
//!   `-n`, `-s`, `-es`, `-er`, `-ern`) and still count: *Ausbildungsplätze*
//!   splits into *ausbildungs* and *platze* because *platz* is a word;
//! - between two parts may stand a linking element (*-s-*, *-es-*, *-n-*,
//!   *-en-*, *-er-*, *-e-*): *Betrieb·s·praktikum*; a first part may
//!   have lost its final *-e* (*Schul·sozialarbeit*);
//! - a few words are never parts (prepositions that begin verbs and
//!   nouns: *unter*, *über*, *durch*, …; `NOT_PARTS`);
//! - the longest first part that leaves a valid rest wins, and the parts
//!   are split again, so a word of three parts yields all three (and
//!   the two-part words inside it);
//! - where no rest is a word, a first part of at least `MIN_HEAD` (5)
//!   characters that is a word, followed by at least `MIN_PART`
//!   characters, is a part alone (*Praktikumsleitfaden* is found by
//!   *praktikum*; *leitfaden* is not indexed unless the site uses it), and
//!   so is a first part that is a compound of words itself.
//!
//! Everything works on folded words (`terms::fold`), whose characters are
//! mostly ASCII; positions are character boundaries.

use ahash::AHashSet;

/// Shortest word that is split.
pub const MIN_WORD: usize = 8;
/// Shortest part from the site's own words.
pub const MIN_PART: usize = 4;
/// Shortest first part taken alone, where the rest is no word.
pub const MIN_HEAD: usize = 5;

/// Linking elements between two parts (the empty one first).
const LINKS: &[&str] = &["", "s", "es", "n", "en", "er", "e"];

/// Endings a last part may carry.
const INFLECTIONS: &[&str] = &["e", "en", "n", "s", "es", "er", "ern"];

/// Common parts of words in school-to-work texts (folded), which count as
/// parts even where the site never uses them alone; the only parts that
/// may have 3 characters.
pub const COMMON_PARTS: &[&str] = &[
    "abend",
    "amt",
    "angebot",
    "arbeit",
    "ausbildung",
    "begleitung",
    "beratung",
    "beruf",
    "betrieb",
    "bildung",
    "borse",
    "eltern",
    "erkundung",
    "fach",
    "forderung",
    "gruppe",
    "handwerk",
    "jahr",
    "jugend",
    "kammer",
    "klasse",
    "kurs",
    "lehre",
    "lehrer",
    "markt",
    "messe",
    "netz",
    "netzwerk",
    "orientierung",
    "plan",
    "platz",
    "praktikum",
    "projekt",
    "rat",
    "schule",
    "schuler",
    "stelle",
    "studium",
    "tag",
    "training",
    "treffen",
    "unternehmen",
    "vermittlung",
    "wahl",
    "welt",
    "werkstatt",
    "woche",
    "zeit",
];

/// Words that are never parts.
const NOT_PARTS: &[&str] = &[
    "uber", "unter", "durch", "gegen", "ohne", "wieder", "hinter", "neben", "nach", "zwischen",
    "oder", "aber", "sich", "sind", "eine", "einer", "einem", "einen", "eines",
];

/// Splits words against a dictionary of the site's words.
pub struct Splitter<'a> {
    words: AHashSet<&'a str>,
}

fn chars(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

impl<'a> Splitter<'a> {
    /// A splitter over the site's words (folded; their stems may be among
    /// them): words shorter than `MIN_PART` and `NOT_PARTS` are left out,
    /// `COMMON_PARTS` added.
    pub fn new(words: impl IntoIterator<Item = &'a str>) -> Self {
        let mut set: AHashSet<&'a str> = words
            .into_iter()
            .filter(|w| chars(w) >= MIN_PART && !NOT_PARTS.contains(w))
            .collect();
        set.extend(COMMON_PARTS.iter().copied());
        Splitter { words: set }
    }

    fn is_part(&self, p: &str) -> bool {
        chars(p) >= 3 && self.words.contains(p)
    }

    /// A first part: a word, or a word without its final `-e` (*Schul-*
    /// of *Schule*, *Sprach-* of *Sprache*).
    fn is_head(&self, p: &str) -> bool {
        if self.is_part(p) {
            return true;
        }
        // `p` and an `e` on the stack: this runs for every place of every
        // long word of the site.
        let mut buf = [0u8; 4 * crate::text::terms::MAX_TERM + 1];
        let n = p.len();
        if n + 1 > buf.len() || chars(p) < MIN_PART - 1 {
            return false;
        }
        buf[..n].copy_from_slice(p.as_bytes());
        buf[n] = b'e';
        std::str::from_utf8(&buf[..=n]).is_ok_and(|w| self.words.contains(w))
    }

    /// A last part: a word, or a word with an inflection.
    fn is_last_part(&self, p: &str) -> bool {
        self.is_part(p)
            || INFLECTIONS.iter().any(|e| {
                p.strip_suffix(e)
                    .is_some_and(|s| chars(s) >= MIN_PART && self.words.contains(s))
            })
    }

    /// The parts of a folded word (none for a word that is no compound):
    /// every part of every level, in order of first position, each once.
    pub fn split<'w>(&self, word: &'w str) -> Vec<&'w str> {
        let mut parts = Vec::new();
        self.split_into(word, &mut parts, true);
        parts.dedup();
        parts
    }

    /// `split`, where `alone` allows a first part alone (not for a rest:
    /// a longer first part alone is better than a shorter one with half a rest).
    fn split_into<'w>(&self, word: &'w str, parts: &mut Vec<&'w str>, alone: bool) {
        if chars(word) < MIN_WORD {
            return;
        }
        // Head ends, longest head first; each head and tail at least 3
        // characters (4 unless in the built-in list, `is_part`).
        let ends: Vec<usize> = word.char_indices().map(|(i, _)| i).skip(3).collect();
        for &end in ends.iter().rev() {
            let (head, rest) = word.split_at(end);
            if chars(rest) < 3 || !self.is_head(head) {
                continue;
            }
            for link in LINKS {
                let Some(tail) = rest.strip_prefix(link) else {
                    continue;
                };
                if chars(tail) < 3 {
                    continue;
                }
                let mut tail_parts = Vec::new();
                if self.is_last_part(tail) {
                    self.split_into(tail, &mut tail_parts, false);
                } else {
                    self.split_into(tail, &mut tail_parts, false);
                    if tail_parts.is_empty() {
                        continue;
                    }
                }
                parts.push(head);
                self.split_into(head, parts, true);
                if self.is_last_part(tail) {
                    parts.push(tail);
                }
                parts.extend(tail_parts);
                return;
            }
        }
        // No rest that is a word: a long first part alone still counts
        // (*Praktikum·s·börse*), the rest is not indexed.
        if !alone {
            return;
        }
        for &end in ends.iter().rev() {
            let (head, rest) = word.split_at(end);
            if chars(head) < MIN_HEAD || chars(rest) < MIN_PART {
                continue;
            }
            // A word, or a compound of words itself.
            let mut head_parts = Vec::new();
            if self.is_head(head) {
                self.split_into(head, &mut head_parts, true);
            } else {
                self.split_into(head, &mut head_parts, false);
                if head_parts.is_empty() {
                    continue;
                }
            }
            parts.push(head);
            parts.extend(head_parts);
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::terms::fold;

    /// The site's words for the tests, folded.
    fn site() -> Vec<String> {
        "Beruf Berufe Orientierung Eltern Abend Betriebe Praktikum Ausbildung Plätze Platz \
         Programm Unternehmen nehmen Schule Sozialarbeit sozial Woche Ruf Ferien Kurs Bewerbung \
         Training Hochspannung Netzgerät Messe Wahl"
            .split(' ')
            .map(fold)
            .collect()
    }

    #[test]
    fn compounds_split_into_parts_of_the_sites_words() {
        let words = site();
        let s = Splitter::new(words.iter().map(String::as_str));
        let parts = |w: &str| -> Vec<String> {
            let f = fold(w);
            s.split(&f).into_iter().map(str::to_string).collect()
        };
        for (word, want) in [
            ("Berufsorientierung", &["beruf", "orientierung"][..]),
            ("Elternabend", &["eltern", "abend"]),
            ("Betriebspraktikum", &["betrieb", "praktikum"]),
            ("Ausbildungsplätze", &["ausbildung", "platze"]),
            (
                "Berufsorientierungsprogramm",
                &["beruf", "orientierung", "programm"],
            ),
            (
                "Schulsozialarbeit",
                &["schul", "sozialarbeit", "sozial", "arbeit"],
            ),
            ("Bewerbungstraining", &["bewerbung", "training"]),
            ("Hochspannungsnetzgerät", &["hochspannung", "netzgerat"]),
            ("Ferienkurse", &["ferien", "kurse"]),
            ("Berufswahlmesse", &["beruf", "wahl", "messe"]),
            ("Praktikumsbörse", &["praktikum", "borse"]),
            ("Praktikumsleitfaden", &["praktikum"]),
            (
                "Ausbildungsplatzleitfaden",
                &["ausbildungsplatz", "ausbildung", "platz"],
            ),
            ("Abendessen", &["abend"]),
            ("Ausbildungsplatzbörsen", &["ausbildung", "platz", "borsen"]),
        ] {
            assert_eq!(parts(word), want, "{word}");
        }
        // "Berufsorientierung" is itself a word of the site in the longer one.
        let mut with = words.clone();
        with.push("berufsorientierung".into());
        let s2 = Splitter::new(with.iter().map(String::as_str));
        assert_eq!(
            s2.split("berufsorientierungsprogramm"),
            ["berufsorientierung", "beruf", "orientierung", "programm"]
        );
    }

    #[test]
    fn words_that_must_not_split() {
        let words = site();
        let s = Splitter::new(words.iter().map(String::as_str));
        for word in [
            "Beruf",
            "Berufe",
            "Berufen",
            "Berufung",
            "Unternehmen",
            "Orientierung",
            "Praktikum",
            "Ausbildung",
            "Eltern",
            "Programm",
            "Bewerbung",
            "Abende",
            "Kursleiter",
            "Xylophonunterricht",
        ] {
            assert!(
                s.split(&fold(word)).is_empty(),
                "{word}: {:?}",
                s.split(&fold(word))
            );
        }
        // "ruf" is a word of the site, but a part of 3 letters only counts
        // from the built-in list: "Beruf" never yields "ruf".
        assert!(!s.split("berufsruf").contains(&"ruf"));
    }
}
