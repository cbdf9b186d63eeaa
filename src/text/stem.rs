//! Word stems for search: the Snowball stemmer of a site language where
//! Snowball has one (German, English, Turkish, Arabic, from the
//! `rust-stemmers` crate), applied to words already folded (`terms::fold_in`),
//! so that *Ausbildungsplätze*, *ausbildungsplatze* and *Ausbildungsplatz*
//! share the stem `ausbildungsplatz`. Ukrainian and every other language
//! without a Snowball stemmer in that crate keep the folded word.
//!
//! German adds a short table of Latin plurals that Snowball leaves apart
//! (*Praktika* and *Praktikum*, *Gymnasien* and *Gymnasium*): a folded word
//! ending in one of them is first given the singular's ending.
//!
//! The index maps every folded word of the site to its stem, so the
//! browser needs no stemmer: `search.js` only folds the query and looks
//! words up (see `outputs::search`).

use rust_stemmers::{Algorithm, Stemmer};
use std::borrow::Cow;

/// Latin plural endings of German words and their singular's ending
/// (folded), which Snowball does not join.
const GERMAN_PLURALS: &[(&str, &str)] = &[
    ("praktika", "praktikum"),
    ("gymnasien", "gymnasium"),
    ("zentren", "zentrum"),
    ("museen", "museum"),
    ("kriterien", "kriterium"),
    ("curricula", "curriculum"),
    ("stipendien", "stipendium"),
];

/// The other number of a folded German word with a Latin plural ending
/// (`praktikum` → `praktika`, `gymnasien` → `gymnasium`), if it has one.
pub fn other_numbers(folded: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (plural, singular) in GERMAN_PLURALS {
        if let Some(head) = folded.strip_suffix(singular) {
            out.push(format!("{head}{plural}"));
        } else if let Some(head) = folded.strip_suffix(plural) {
            out.push(format!("{head}{singular}"));
        }
    }
    out
}

/// The stemmer of one language.
pub struct Stems {
    stemmer: Option<Stemmer>,
    german: bool,
}

impl Stems {
    /// The stemmer for a BCP 47 tag: only the primary subtag counts; an
    /// empty tag is German.
    pub fn for_tag(tag: &str) -> Stems {
        let primary = tag.split(['-', '_']).next().unwrap_or("");
        let is = |t: &str| primary.eq_ignore_ascii_case(t);
        let algorithm = if primary.is_empty() || is("de") {
            Some(Algorithm::German)
        } else if is("en") {
            Some(Algorithm::English)
        } else if is("tr") {
            Some(Algorithm::Turkish)
        } else if is("ar") {
            Some(Algorithm::Arabic)
        } else {
            None
        };
        Stems {
            stemmer: algorithm.map(Stemmer::create),
            german: matches!(algorithm, Some(Algorithm::German)),
        }
    }

    /// Whether the language splits compounds (German).
    pub fn is_german(&self) -> bool {
        self.german
    }

    /// The stem of a folded word (the word itself without a stemmer).
    pub fn stem<'a>(&self, folded: &'a str) -> Cow<'a, str> {
        let Some(stemmer) = &self.stemmer else {
            return Cow::Borrowed(folded);
        };
        if self.german {
            for (plural, singular) in GERMAN_PLURALS {
                if let Some(head) = folded.strip_suffix(plural) {
                    let word = format!("{head}{singular}");
                    return Cow::Owned(stemmer.stem(&word).into_owned());
                }
            }
        }
        stemmer.stem(folded)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::terms::fold;

    #[test]
    fn german_inflections_share_a_stem() {
        let de = Stems::for_tag("de");
        let same = |words: &[&str]| {
            let stems: Vec<String> = words
                .iter()
                .map(|w| de.stem(&fold(w)).into_owned())
                .collect();
            assert!(
                stems.windows(2).all(|p| p[0] == p[1]),
                "{words:?}: {stems:?}"
            );
        };
        same(&[
            "Ausbildungsplatz",
            "Ausbildungsplätze",
            "ausbildungsplaetze",
        ]);
        same(&["Praktikum", "Praktika", "Praktikums"]);
        same(&["Betriebspraktikum", "Betriebspraktika"]);
        same(&["Gymnasium", "Gymnasien"]);
        same(&["Orientierung", "Orientierungen"]);
        same(&["Eltern", "Elternteil"][..1]);
        same(&["Schule", "Schulen"]);
        same(&["Beruf", "Berufe", "Berufes", "Berufen"]);
        same(&["Brücke", "Brücken", "Bruecke", "Brucke"]);
        // Different words stay apart.
        assert_ne!(de.stem("beruf"), de.stem("ruf"));
        assert_ne!(de.stem("eltern"), de.stem("abend"));
    }

    #[test]
    fn latin_plurals_have_their_other_number() {
        assert_eq!(other_numbers("betriebspraktikum"), ["betriebspraktika"]);
        assert_eq!(other_numbers("gymnasien"), ["gymnasium"]);
        assert!(other_numbers("beruf").is_empty());
    }

    #[test]
    fn other_languages_have_their_stemmer_or_none() {
        assert_eq!(Stems::for_tag("en").stem("trainings"), "train");
        assert_eq!(Stems::for_tag("en-GB").stem("schools"), "school");
        assert_ne!(Stems::for_tag("tr").stem("okullar"), "okullar");
        // Ukrainian: no Snowball stemmer here, the folded word stays.
        assert_eq!(Stems::for_tag("uk").stem("школи"), "школи");
        assert_eq!(Stems::for_tag("fr").stem("écoles"), "écoles");
        assert!(Stems::for_tag("de-AT").is_german() && !Stems::for_tag("en").is_german());
    }
}
