//! Search folding per language: which spellings of a word a search in one
//! language treats as the same, chosen from the language's BCP 47 tag.
//!
//! A site in several languages has one search index per language, and
//! `themes/lotse/static/search.js` folds a query as the index it searches
//! was folded (`index.json` names its language as `"lang"` unless it is
//! folded the German way, so a German index is the same as before).
//!
//! The API for the stages that build indexes:
//! - `Folding::from_tag("tr")` (any BCP 47 tag; only the primary subtag
//!   counts, unknown languages fold as English does);
//! - `terms::fold_in(folding, text)`, `terms::terms_in(folding, text)` and
//!   `terms::doc_terms_in(folding, title, summary, body, labels)`, the same
//!   as `fold`, `terms` and `doc_terms` for `Folding::German`;
//! - `Folding::stop_words()`, the stop words of its index.
//!
//! The foldings (each after lower case, as Unicode defines it):
//! - German (`de`, and the default): ä/ae/a, ö/oe/o, ü/ue/u, ß/ss and the
//!   common Latin accents (`terms::fold`, unchanged, with its fast paths);
//! - English and every other language: the common Latin accents and ß/ss,
//!   but `ae` stays `ae` (`aerospace`, `Israel`);
//! - Turkish (`tr`, `az`): also İ, I, ı and i all fold to `i` (a Turkish
//!   reader types `istanbul` for İstanbul and an English keyboard has no
//!   `ı`), the combining dot above that `İ` decomposes into is dropped, and
//!   ç/ş/ğ/ö/ü fold to c/s/g/o/u;
//! - Ukrainian (`uk`): an apostrophe between two letters (’ ' ʼ) is
//!   dropped, so м’ята, м'ята, мʼята and мята are one word; ґ folds to г,
//!   because ґ was missing from the spelling from 1933 to 1990 and from
//!   many keyboards, people still type г for it, and hardly two words
//!   differ only there;
//! - Arabic (`ar`): the diacritics (tashkīl U+064B–U+065F, superscript
//!   alef U+0670) and tatweel U+0640 are dropped, the alef forms أ إ آ ٱ
//!   fold to ا, ta marbuta ة to ه and alef maqsura ى to ي.
//!
//! Stop words are German only: an index in another language keeps every
//! word of two or more letters.

use std::borrow::Cow;

/// How the texts of one language are folded for search.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Folding {
    /// German, the default: `terms::fold`.
    #[default]
    German,
    /// English and every language without rules of its own: case and
    /// Latin accents.
    Latin,
    /// Turkish and Azerbaijani: dotted and dotless i are one letter.
    Turkish,
    /// Ukrainian: apostrophes inside words dropped, ґ as г.
    Ukrainian,
    /// Arabic: diacritics and tatweel dropped, letter variants joined.
    Arabic,
}

impl Folding {
    /// The folding of a language by its BCP 47 tag (`de`, `en-GB`, `tr`,
    /// `ar-SY`, …): only the primary subtag counts, in any case; an empty
    /// tag is German, an unknown language is folded as English.
    pub fn from_tag(tag: &str) -> Folding {
        let primary = tag.split(['-', '_']).next().unwrap_or("");
        let is = |t: &str| primary.eq_ignore_ascii_case(t);
        if primary.is_empty() || is("de") {
            Folding::German
        } else if is("tr") || is("az") {
            Folding::Turkish
        } else if is("uk") {
            Folding::Ukrainian
        } else if is("ar") {
            Folding::Arabic
        } else {
            Folding::Latin
        }
    }
}

pub(super) enum Folded {
    One(char),
    Two(char, char),
}

/// One lower-case character without its accent (the common Latin
/// accents, in every language; German's hot path calls it for every
/// character that is not ASCII).
pub(super) fn fold_char(c: char) -> Folded {
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

/// What a language does with one lower-case character before the common
/// Latin accents are removed.
enum Extra {
    Drop,
    To(char),
}

fn extra(folding: Folding, c: char) -> Option<Extra> {
    match (folding, c) {
        // `İ` in lower case is `i` and a combining dot above (in Unicode's
        // default mapping, as in JavaScript); `I` is `i`, `ı` is folded
        // with the accents.
        (Folding::Turkish, '\u{307}') => Some(Extra::Drop),
        (Folding::Ukrainian, 'ґ') => Some(Extra::To('г')),
        (Folding::Arabic, '\u{64b}'..='\u{65f}' | '\u{670}' | '\u{640}') => Some(Extra::Drop),
        (Folding::Arabic, 'أ' | 'إ' | 'آ' | 'ٱ') => Some(Extra::To('ا')),
        (Folding::Arabic, 'ة') => Some(Extra::To('ه')),
        (Folding::Arabic, 'ى') => Some(Extra::To('ي')),
        _ => None,
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2bc}')
}

/// The text without the apostrophes that stand between two letters or
/// digits (of the text as written).
fn without_inner_apostrophes(s: &str) -> Cow<'_, str> {
    if !s.contains(is_apostrophe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut prev = None;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let inner = is_apostrophe(c)
            && prev.is_some_and(char::is_alphanumeric)
            && chars.peek().is_some_and(|n| n.is_alphanumeric());
        if !inner {
            out.push(c);
        }
        prev = Some(c);
    }
    Cow::Owned(out)
}

/// `terms::fold_in` for every language but German: over the whole text,
/// so that a final sigma and an apostrophe see their neighbours.
pub(super) fn fold_other(folding: Folding, s: &str) -> String {
    let before: Cow<str> = match folding {
        Folding::Ukrainian => without_inner_apostrophes(s),
        _ => Cow::Borrowed(s),
    };
    let lower = before.to_lowercase();
    let mut out = String::with_capacity(lower.len());
    for c in lower.chars() {
        match extra(folding, c) {
            Some(Extra::Drop) => {}
            Some(Extra::To(f)) => out.push(f),
            None => match fold_char(c) {
                Folded::One(f) => out.push(f),
                Folded::Two(a, b) => {
                    out.push(a);
                    out.push(b);
                }
            },
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::terms::{STOP_WORDS, doc_terms, doc_terms_in, fold, fold_in, terms_in};

    fn same(f: Folding, words: &[&str]) {
        let first = fold_in(f, words[0]);
        for w in words {
            assert_eq!(fold_in(f, w), first, "{f:?}: {w} / {}", words[0]);
        }
    }

    #[test]
    fn tags_choose_foldings() {
        for (tag, f) in [
            ("de", Folding::German),
            ("de-AT", Folding::German),
            ("", Folding::German),
            ("en", Folding::Latin),
            ("en-GB", Folding::Latin),
            ("fr", Folding::Latin),
            ("TR", Folding::Turkish),
            ("az-Latn", Folding::Turkish),
            ("uk", Folding::Ukrainian),
            ("uk_UA", Folding::Ukrainian),
            ("ar", Folding::Arabic),
            ("ar-SY", Folding::Arabic),
        ] {
            assert_eq!(Folding::from_tag(tag), f, "{tag}");
        }
        assert_eq!(Folding::default(), Folding::German);
        assert_eq!(Folding::German.stop_words(), STOP_WORDS);
        assert!(Folding::Turkish.stop_words().is_empty());
    }

    #[test]
    fn german_is_the_default_folding() {
        for s in [
            "Brücke Bruecke Brucke",
            "Straße",
            "İstanbul ΟΔΥΣΣΕΥΣ",
            "м’ята",
        ] {
            assert_eq!(fold_in(Folding::German, s), fold(s), "{s}");
            let t = fold_in(Folding::German, s);
            assert_eq!(
                doc_terms_in(Folding::German, s, None, &t, ""),
                doc_terms(s, None, &t, "")
            );
        }
        same(Folding::German, &["Brücke", "Bruecke", "Brucke", "BRÜCKE"]);
    }

    #[test]
    fn english_folds_case_and_accents_but_keeps_ae() {
        same(Folding::Latin, &["Café", "cafe", "CAFÉ"]);
        same(Folding::Latin, &["naïve", "Naive"]);
        assert_eq!(
            fold_in(Folding::Latin, "Israel Aerospace"),
            "israel aerospace"
        );
        assert_eq!(fold_in(Folding::Latin, "Straße"), "strasse");
        assert_ne!(
            fold_in(Folding::Latin, "Bruecke"),
            fold_in(Folding::Latin, "Brücke")
        );
    }

    #[test]
    fn turkish_folds_dotted_and_dotless_i_together() {
        same(
            Folding::Turkish,
            &[
                "İstanbul",
                "ISTANBUL",
                "ıstanbul",
                "istanbul",
                "Istanbul",
                "İSTANBUL",
            ],
        );
        // İ decomposed: I and a combining dot above.
        same(
            Folding::Turkish,
            &["I\u{307}zmir", "İzmir", "izmir", "IZMIR"],
        );
        same(Folding::Turkish, &["Çağrı", "cagri", "ÇAĞRI"]);
        same(Folding::Turkish, &["şöför", "Sofor", "ŞÖFÖR"]);
        same(Folding::Turkish, &["Üsküdar", "uskudar"]);
        let t: Vec<String> = terms_in(Folding::Turkish, "İstanbul'da ıslak").collect();
        assert_eq!(t, ["istanbul", "da", "islak"]);
    }

    #[test]
    fn ukrainian_drops_apostrophes_inside_words() {
        same(
            Folding::Ukrainian,
            &["м’ята", "мʼята", "м'ята", "мята", "М’ЯТА"],
        );
        same(Folding::Ukrainian, &["ґанок", "Ганок", "ҐАНОК"]);
        // Apostrophes as quotes stay separators.
        let t: Vec<String> = terms_in(Folding::Ukrainian, "'сім’я' та 'м’ята'").collect();
        assert_eq!(t, ["сімя", "та", "мята"]);
        // The German folding splits the word there.
        let t: Vec<String> = terms_in(Folding::German, "сім’я").collect();
        assert_eq!(t, ["сім"]);
    }

    #[test]
    fn arabic_drops_diacritics_and_joins_letter_variants() {
        // "school", with and without tashkīl, and with tatweel.
        same(Folding::Arabic, &["مَدْرَسَة", "مدرسة", "مدرسه", "مـدرسـة"]);
        // Alef forms, ta marbuta and alef maqsura.
        same(Folding::Arabic, &["أحمد", "إحمد", "آحمد", "ٱحمد", "احمد"]);
        same(Folding::Arabic, &["مستشفى", "مستشفي"]);
        // Superscript alef.
        same(Folding::Arabic, &["هٰذا", "هذا"]);
        // Hamza and madda as combining marks.
        same(Folding::Arabic, &["ا\u{654}حمد", "أحمد"]);
        let t: Vec<String> = terms_in(Folding::Arabic, "التَّدْرِيبُ المِهْنِيُّ").collect();
        assert_eq!(t, ["التدريب", "المهني"]);
    }

    #[test]
    fn doc_terms_in_other_languages_follow_their_folding() {
        let d = doc_terms_in(
            Folding::Turkish,
            "İstanbul'da Meslek Eğitimi",
            Some("ISTANBUL ve çevresi"),
            "meslek eğitimi, staj",
            "Veliler",
        );
        let title: Vec<&str> = d.title().collect();
        let body: Vec<&str> = d.body().collect();
        assert_eq!(title, ["da", "egitimi", "istanbul", "meslek"]);
        assert_eq!(body, ["cevresi", "staj", "ve", "veliler"]);
        // No German stop words outside German.
        let d = doc_terms_in(Folding::Latin, "Die Schule und du", None, "", "");
        let title: Vec<&str> = d.title().collect();
        assert_eq!(title, ["die", "du", "schule", "und"]);
        // Long words are cut as in German.
        let long = "ї".repeat(40);
        let d = doc_terms_in(Folding::Ukrainian, &long, None, "", "");
        assert_eq!(d.title().next().map(|t| t.chars().count()), Some(24));
    }
}
