//! The id rule (lowercase `a-z`, `0-9`, `-`) and the transliteration that
//! proposes a valid id for a title or a bad file name.

/// An id is lowercase `a-z`, `0-9` and `-`, not empty, not starting or
/// ending with `-`.
pub fn is_valid_id(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Turns any text into a valid id: umlauts as `ae`/`oe`/`ue`, `ß` as `ss`,
/// accents of Latin letters (French, Polish, Turkish, Czech, …) dropped,
/// every other run of characters becomes one `-`.
pub fn slugify(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut dash = false;
    for c in s.chars().flat_map(char::to_lowercase) {
        let rep: &str = match c {
            'ä' => "ae",
            'ö' => "oe",
            'ü' => "ue",
            'ß' => "ss",
            'à' | 'á' | 'â' | 'ã' | 'å' => "a",
            'ç' => "c",
            'è' | 'é' | 'ê' | 'ë' => "e",
            'ì' | 'í' | 'î' | 'ï' => "i",
            'ñ' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ø' => "o",
            'ù' | 'ú' | 'û' => "u",
            'ý' | 'ÿ' => "y",
            'æ' => "ae",
            'œ' => "oe",
            'ā' | 'ă' | 'ą' => "a",
            'ć' | 'č' | 'ĉ' => "c",
            'ď' | 'đ' => "d",
            'ē' | 'ė' | 'ę' | 'ě' => "e",
            'ğ' | 'ġ' => "g",
            'ı' | 'ī' | 'į' => "i",
            'ł' | 'ľ' | 'ĺ' => "l",
            'ń' | 'ň' => "n",
            'ő' | 'ō' => "o",
            'ř' | 'ŕ' => "r",
            'ś' | 'š' | 'ş' | 'ș' => "s",
            'ť' | 'ţ' | 'ț' => "t",
            'ū' | 'ů' | 'ű' | 'ų' => "u",
            'ź' | 'ž' | 'ż' => "z",
            _ => "",
        };
        if !rep.is_empty() {
            out.push_str(rep);
            dash = false;
        } else if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
            dash = false;
        } else if !dash && !out.is_empty() {
            out.push('-');
            dash = true;
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// Whether `tag` is a BCP 47 primary language subtag as lotse uses it in
/// paths (`tr`, `uk`, `gsw`): 2 or 3 lowercase ASCII letters.
pub fn is_language_tag(tag: &str) -> bool {
    (2..=3).contains(&tag.len()) && tag.bytes().all(|b| b.is_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_rule() {
        for ok in ["a", "ihk-offenbach", "2024", "a-1-b"] {
            assert!(is_valid_id(ok), "{ok}");
        }
        for bad in ["", "-a", "a-", "A", "ä", "a_b", "a b", "a.b"] {
            assert!(!is_valid_id(bad), "{bad}");
        }
    }

    #[test]
    fn slugify_transliterates_umlauts() {
        assert_eq!(slugify("Übergang Büro"), "uebergang-buero");
        assert_eq!(slugify("Straße & Maß"), "strasse-mass");
        assert_eq!(
            slugify("  IHK Offenbach am Main! "),
            "ihk-offenbach-am-main"
        );
        assert_eq!(slugify("Café"), "cafe");
        assert!(is_valid_id(&slugify("--Öl--")));
    }

    #[test]
    fn id_rule_edges() {
        // Inner runs of '-' are allowed; only the ends are not.
        assert!(is_valid_id("a--b"));
        assert!(is_valid_id("0"));
        for bad in ["-", "--", "a\n", " a", "ß", "A-b", "a/b", "a\u{0301}"] {
            assert!(!is_valid_id(bad), "{bad:?}");
        }
    }

    #[test]
    fn slugify_edges() {
        assert_eq!(slugify("ÄÖÜ äöü"), "aeoeue-aeoeue");
        assert_eq!(slugify("GROSS ẞ"), "gross-ss");
        assert_eq!(slugify("Klasse 7/8 – Praktikum"), "klasse-7-8-praktikum");
        assert_eq!(slugify("a___b...c"), "a-b-c");
        assert_eq!(slugify("2024"), "2024");
        assert_eq!(slugify("Çiğdem Núñez"), "cigdem-nunez");
        // Nothing usable: empty, which callers must refuse.
        assert_eq!(slugify(""), "");
        assert_eq!(slugify("–––"), "");
        assert_eq!(slugify("😀"), "");
        // Already valid ids are kept as they are.
        for id in ["a", "ihk-offenbach", "a--b", "x1"] {
            assert_eq!(slugify(id), id.replace("--", "-"));
        }
    }

    #[test]
    fn slugify_always_gives_a_valid_id_or_nothing() {
        let samples = [
            "Übergang Büro",
            "  -Anfang",
            "Ende- ",
            "-",
            "a - b",
            "İstanbul",
            "ﬁ ligature",
            "Ǆ digraph",
            "\t\ttabs\n",
            "mixed_ CASE-Ü",
        ];
        for s in samples {
            let id = slugify(s);
            assert!(id.is_empty() || is_valid_id(&id), "{s:?} -> {id:?}");
        }
    }
}
