//! Language names as coordinators write them in an offer's `languages`
//! (`"Deutsch"`, `"Türkisch"`, or a code) → BCP 47 codes, for schema.org's
//! `inLanguage`, which takes codes, not names.

use super::ids::is_language_tag;

/// German and English names of the languages offers are commonly given
/// in across German school-to-work networks, with their codes.
const NAMES: &[(&str, &str)] = &[
    ("deutsch", "de"),
    ("german", "de"),
    ("englisch", "en"),
    ("english", "en"),
    ("türkisch", "tr"),
    ("turkish", "tr"),
    ("arabisch", "ar"),
    ("arabic", "ar"),
    ("ukrainisch", "uk"),
    ("ukrainian", "uk"),
    ("russisch", "ru"),
    ("russian", "ru"),
    ("polnisch", "pl"),
    ("polish", "pl"),
    ("französisch", "fr"),
    ("french", "fr"),
    ("italienisch", "it"),
    ("italian", "it"),
    ("spanisch", "es"),
    ("spanish", "es"),
    ("portugiesisch", "pt"),
    ("portuguese", "pt"),
    ("rumänisch", "ro"),
    ("romanian", "ro"),
    ("bulgarisch", "bg"),
    ("bulgarian", "bg"),
    ("griechisch", "el"),
    ("greek", "el"),
    ("kroatisch", "hr"),
    ("croatian", "hr"),
    ("serbisch", "sr"),
    ("serbian", "sr"),
    ("bosnisch", "bs"),
    ("bosnian", "bs"),
    ("albanisch", "sq"),
    ("albanian", "sq"),
    ("kurdisch", "ku"),
    ("kurdish", "ku"),
    ("persisch", "fa"),
    ("farsi", "fa"),
    ("persian", "fa"),
    ("dari", "prs"),
    ("paschtu", "ps"),
    ("pashto", "ps"),
    ("tigrinya", "ti"),
    ("somali", "so"),
    ("vietnamesisch", "vi"),
    ("vietnamese", "vi"),
    ("chinesisch", "zh"),
    ("chinese", "zh"),
    ("niederländisch", "nl"),
    ("dutch", "nl"),
    ("deutsche gebärdensprache", "gsg"),
    ("gebärdensprache", "gsg"),
    ("german sign language", "gsg"),
];

/// The BCP 47 code of a language as written: a code as it is, a known
/// name as its code, else `None`.
pub fn bcp47(written: &str) -> Option<&'static str> {
    let w = written.trim();
    let lower = w.to_lowercase();
    if let Some((_, code)) = NAMES.iter().find(|(name, _)| *name == lower) {
        return Some(code);
    }
    // A code written as such (`de`, `tr`, `de-CH`): only the primary
    // subtags lotse knows by name, so that the result is static.
    if is_language_tag(w) {
        let primary = lower.split('-').next().unwrap_or("");
        return NAMES.iter().map(|(_, c)| *c).find(|c| *c == primary);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_codes() {
        assert_eq!(bcp47("Deutsch"), Some("de"));
        assert_eq!(bcp47(" Türkisch "), Some("tr"));
        assert_eq!(bcp47("ARABISCH"), Some("ar"));
        assert_eq!(bcp47("tr"), Some("tr"));
        assert_eq!(bcp47("Deutsche Gebärdensprache"), Some("gsg"));
        assert_eq!(bcp47("Klingonisch"), None);
    }
}
