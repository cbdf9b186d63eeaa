//! What a page's language changes besides its words: the text of a date,
//! the separators of a number, which plural form a count takes and the
//! writing direction. Every function takes the language (a BCP 47 primary
//! tag as written in site.toml) as a parameter, so one build can render
//! pages in several languages.
//!
//! The rules are written out for the languages the default theme ships
//! strings for (de, en, tr, ar, uk) and follow CLDR; any other language
//! gets ISO dates, no grouping and the one/many plural, which is never
//! wrong, only plain. German output is exactly what the theme printed
//! before languages existed (`02.12.2026`), so German sites stay
//! byte-identical.

use jiff::civil::Date;

/// The primary subtag, lower case: `"tr"` for `"tr-TR"` or `"TR"`.
fn primary(lang: &str) -> String {
    lang.split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// `"rtl"` for a right-to-left script, else `"ltr"`.
pub fn dir(lang: &str) -> &'static str {
    if crate::link::version::is_rtl(lang) {
        "rtl"
    } else {
        "ltr"
    }
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_TR: [&str; 12] = [
    "Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos", "Eylül", "Ekim",
    "Kasım", "Aralık",
];
/// The Gregorian month names of Modern Standard Arabic as most Arabic
/// readers in Germany know them (Egypt, Gulf, Maghreb press).
const MONTHS_AR: [&str; 12] = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
];
/// Ukrainian months in the genitive, as a date says them ("2 грудня").
const MONTHS_UK: [&str; 12] = [
    "січня",
    "лютого",
    "березня",
    "квітня",
    "травня",
    "червня",
    "липня",
    "серпня",
    "вересня",
    "жовтня",
    "листопада",
    "грудня",
];

const MONTHS_DE: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];
/// Ukrainian months in the nominative, as a month stands alone.
const MONTHS_UK_ALONE: [&str; 12] = [
    "січень",
    "лютий",
    "березень",
    "квітень",
    "травень",
    "червень",
    "липень",
    "серпень",
    "вересень",
    "жовтень",
    "листопад",
    "грудень",
];

/// The name of month `m` (1–12) standing alone (not in a date), as a
/// reader of `lang` writes it; `None` for a language without names here.
pub fn month_name(m: u8, lang: &str) -> Option<&'static str> {
    let names = match primary(lang).as_str() {
        "de" => &MONTHS_DE,
        "en" => &MONTHS_EN,
        "tr" => &MONTHS_TR,
        "ar" => &MONTHS_AR,
        "uk" => &MONTHS_UK_ALONE,
        _ => return None,
    };
    names.get((m as usize).wrapping_sub(1)).copied()
}

/// A date as a reader of `lang` writes it: de `02.12.2026`, en
/// `December 2, 2026`, tr `2 Aralık 2026`, ar `2 ديسمبر 2026`, uk
/// `2 грудня 2026`; ISO `2026-12-02` for other languages.
pub fn date_text(d: Date, lang: &str) -> String {
    let (y, m, day) = (d.year(), d.month() as usize, d.day());
    let month = |names: &[&'static str; 12]| names[m - 1];
    match primary(lang).as_str() {
        "de" => format!("{day:02}.{m:02}.{y}"),
        "en" => format!("{} {day}, {y}", month(&MONTHS_EN)),
        "tr" => format!("{day} {} {y}", month(&MONTHS_TR)),
        "ar" => format!("{day} {} {y}", month(&MONTHS_AR)),
        "uk" => format!("{day} {} {y}", month(&MONTHS_UK)),
        _ => d.to_string(),
    }
}

/// The group and decimal separators of `lang` (CLDR, Latin digits).
fn separators(lang: &str) -> (&'static str, char) {
    match primary(lang).as_str() {
        "de" | "tr" => (".", ','),
        "uk" => ("\u{a0}", ','),
        "en" | "ar" => (",", '.'),
        _ => ("", '.'),
    }
}

/// A whole number with the thousands separator of `lang`: de `12.345`,
/// en `12,345`, uk `12 345` (no-break space). Numbers below 10,000 are
/// grouped too except in Ukrainian, where CLDR writes `1234`.
pub fn number(n: u64, lang: &str) -> String {
    let digits = n.to_string();
    let (group, _) = separators(lang);
    let min = if primary(lang) == "uk" { 5 } else { 4 };
    if group.is_empty() || digits.len() < min {
        return digits;
    }
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * group.len());
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(group);
        }
        out.push(c);
    }
    out
}

/// A number with one decimal in the notation of `lang` (`12,3` / `12.3`).
pub fn decimal1(x: f64, lang: &str) -> String {
    let (_, point) = separators(lang);
    let s = format!("{x:.1}");
    if point == '.' {
        s
    } else {
        s.replace('.', &point.to_string())
    }
}

/// The plural form a count `n` takes in `lang`, as the suffix of a string
/// key: `"one"`, `"two"`, `"few"` or `"many"` (CLDR's "other" is "many").
/// A theme gives every counted noun `_one` and `_many`; `_two` and `_few`
/// only where the language has them (Arabic, Ukrainian), and a missing
/// form falls back to `_many`.
pub fn plural(n: u64, lang: &str) -> &'static str {
    match primary(lang).as_str() {
        // One/few/many: 1, 21, 31 …; 2–4, 22–24 …; the rest.
        "uk" | "ru" | "be" => {
            let (d, h) = (n % 10, n % 100);
            if d == 1 && h != 11 {
                "one"
            } else if (2..=4).contains(&d) && !(12..=14).contains(&h) {
                "few"
            } else {
                "many"
            }
        }
        // 1; 2 (dual); 3–10 (plural); 11–99 (singular accusative); the
        // rest (0, 100 …) take `_many` too.
        "ar" => match (n, n % 100) {
            (1, _) => "one",
            (2, _) => "two",
            (_, 3..=10) => "few",
            _ => "many",
        },
        // Turkish says "1 yıl" and "5 yıl": the theme's two forms are the same.
        _ if n == 1 => "one",
        _ => "many",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i16, m: i8, day: i8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    #[test]
    fn dates_per_language() {
        let dec2 = d(2026, 12, 2);
        assert_eq!(date_text(dec2, "de"), "02.12.2026");
        assert_eq!(date_text(dec2, "en"), "December 2, 2026");
        assert_eq!(date_text(dec2, "tr"), "2 Aralık 2026");
        assert_eq!(date_text(dec2, "ar"), "2 ديسمبر 2026");
        assert_eq!(date_text(dec2, "uk"), "2 грудня 2026");
        assert_eq!(date_text(dec2, "fr"), "2026-12-02");
        assert_eq!(date_text(d(2024, 5, 29), "uk"), "29 травня 2024");
        assert_eq!(date_text(d(2024, 1, 1), "tr-TR"), "1 Ocak 2024");
        assert_eq!(date_text(d(2025, 3, 9), "EN"), "March 9, 2025");
    }

    #[test]
    fn numbers_per_language() {
        assert_eq!(number(999, "de"), "999");
        assert_eq!(number(1234, "de"), "1.234");
        assert_eq!(number(1234567, "de"), "1.234.567");
        assert_eq!(number(1234567, "en"), "1,234,567");
        assert_eq!(number(12345, "tr"), "12.345");
        assert_eq!(number(12345, "ar"), "12,345");
        assert_eq!(number(1234, "uk"), "1234");
        assert_eq!(number(12345, "uk"), "12\u{a0}345");
        assert_eq!(number(12345, "xx"), "12345");
        assert_eq!(decimal1(12.34, "de"), "12,3");
        assert_eq!(decimal1(12.34, "tr"), "12,3");
        assert_eq!(decimal1(12.34, "uk"), "12,3");
        assert_eq!(decimal1(12.34, "en"), "12.3");
        assert_eq!(decimal1(12.34, "ar"), "12.3");
    }

    #[test]
    fn plural_forms_per_language() {
        let forms = |lang| [0, 1, 2, 3, 5, 11, 12, 21, 22, 25, 101, 111].map(|n| plural(n, lang));
        assert_eq!(
            forms("de"),
            [
                "many", "one", "many", "many", "many", "many", "many", "many", "many", "many",
                "many", "many"
            ]
        );
        assert_eq!(forms("en"), forms("de"));
        assert_eq!(forms("tr"), forms("de"));
        assert_eq!(
            forms("uk"),
            [
                "many", "one", "few", "few", "many", "many", "many", "one", "few", "many", "one",
                "many"
            ]
        );
        assert_eq!(
            forms("ar"),
            [
                "many", "one", "two", "few", "few", "many", "many", "many", "many", "many", "many",
                "many"
            ]
        );
    }

    #[test]
    fn right_to_left_scripts() {
        for l in ["ar", "fa", "he", "ur", "ar-EG", "AR"] {
            assert_eq!(dir(l), "rtl", "{l}");
        }
        for l in ["de", "en", "tr", "uk", "arn"] {
            assert_eq!(dir(l), "ltr", "{l}");
        }
    }
}
