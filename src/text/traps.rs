//! The mistakes coordinators make in TOML that the parser reports in terms
//! of floats and literal strings: a German date (`31.09.2026`), a range of
//! grades (`[8-10]`), typographic quotes from a word processor (`„…“`), a
//! date that does not exist. Each detector looks at the line as written and
//! returns what was meant, so that the message can name the fix in the
//! author's terms; the messages themselves are made where the error is.

use jiff::civil::Date;

/// The texts of the trap messages, English and German, by key, with
/// `{name}` arguments: kept together until they move into the message
/// catalogue. Until then lotse prints the English text ([`text`]).
#[rustfmt::skip]
pub const MESSAGES: &[(&str, &str, &str)] = &[
    ("german-date", "`{written}` is a German date, which lotse cannot read", "`{written}` ist ein deutsches Datum, das lotse nicht lesen kann"),
    ("german-date-help", "write dates as {iso} (year-month-day): `{fixed}`", "Schreiben Sie Datumsangaben als {iso} (Jahr-Monat-Tag): `{fixed}`"),
    ("german-date-no-day", "`{written}` is a German date, and that day does not exist", "`{written}` ist ein deutsches Datum, und diesen Tag gibt es nicht"),
    ("date-form-help", "write dates as 2026-09-30 (year-month-day)", "Schreiben Sie Datumsangaben als 2026-09-30 (Jahr-Monat-Tag)"),
    ("no-such-date", "the date `{written}` does not exist", "das Datum `{written}` gibt es nicht"),
    ("no-such-date-help", "write dates as 2026-09-30 (year-month-day); that month has {days} days", "Schreiben Sie Datumsangaben als 2026-09-30 (Jahr-Monat-Tag); dieser Monat hat {days} Tage"),
    ("range", "`{written}` is not a list of numbers", "`{written}` ist keine Liste von Zahlen"),
    ("range-help", "write every number: `{fixed}`", "Schreiben Sie jede Zahl einzeln: `{fixed}`"),
    ("quotes", "typographic quotes („…“ or “…”) are not quotes in TOML", "typografische Anführungszeichen („…“ oder “…”) sind in TOML keine Anführungszeichen"),
    ("quotes-help", "use straight quotes \"…\": `{fixed}`", "Verwenden Sie gerade Anführungszeichen \"…\": `{fixed}`"),
    ("misplaced-key", "`{key}` belongs above the first `[[{table}]]`; here it is part of the block", "`{key}` gehört über das erste `[[{table}]]`; hier ist es Teil des Blocks"),
    ("misplaced-key-help", "move the line `{key} = …` above the first `[[{table}]]`: every line after `[[{table}]]` belongs to that block", "Verschieben Sie die Zeile `{key} = …` über das erste `[[{table}]]`: Jede Zeile nach `[[{table}]]` gehört zu diesem Block"),
    ("vocab-add-help", "if `{id}` is new, add the line `{id} = \"…\"` under `[{vocab}]` in content/vocabularies.toml (the list has {allowed})", "Wenn `{id}` neu ist, ergänzen Sie die Zeile `{id} = \"…\"` unter `[{vocab}]` in content/vocabularies.toml (bisher stehen dort {allowed})"),
    ("vocab-near-or-add-help", "did you mean {near}? If `{id}` is new, add the line `{id} = \"…\"` under `[{vocab}]` in content/vocabularies.toml", "Meinten Sie {near}? Wenn `{id}` neu ist, ergänzen Sie die Zeile `{id} = \"…\"` unter `[{vocab}]` in content/vocabularies.toml"),
    ("placeholder", "this legal page still holds {n} placeholder(s) in [square brackets] from `lotse init`", "diese Pflichtseite enthält noch {n} Platzhalter in [eckigen Klammern] aus `lotse init`"),
    ("placeholder-help", "replace every text in [square brackets] with your own details before the site goes public", "Ersetzen Sie jede Angabe in [eckigen Klammern] durch Ihre eigenen, bevor die Seite öffentlich wird"),
    ("duplicate-title", "the title \"{title}\" is also the title of {other}", "den Titel „{title}“ hat auch {other}"),
    ("duplicate-title-help", "every list shows both entries alike; give each its own title, or remove one of the two files", "jede Liste zeigt beide Einträge gleich; geben Sie jedem einen eigenen Titel oder entfernen Sie eine der beiden Dateien"),
    ("tab-indent", "this text starts with a tab, so the page shows it as code in a grey box", "dieser Text beginnt mit einem Tabulator, deshalb zeigt die Seite ihn als Code in einem grauen Kasten"),
    ("tab-indent-help", "remove the tab at the start of the line; if it is code, put it between two lines ``` instead", "Entfernen Sie den Tabulator am Zeilenanfang; ist es Code, setzen Sie ihn stattdessen zwischen zwei Zeilen ```"),
];

/// The English text of a trap message with its arguments filled in.
pub fn text(key: &str, args: &[(&str, &str)]) -> String {
    let (_, en, _) = MESSAGES
        .iter()
        .find(|(k, _, _)| *k == key)
        .unwrap_or_else(|| panic!("no trap message `{key}`"));
    args.iter().fold(en.to_string(), |t, (name, value)| {
        t.replace(&format!("{{{name}}}"), value)
    })
}

/// The message and hint for a trap found in `line` (the key of the
/// field, if any, for the fixed line).
pub fn message(trap: &Trap, line: &str) -> (String, String) {
    let key = line.split_once('=').map_or("", |(k, _)| k.trim());
    match trap {
        Trap::GermanDate {
            written,
            iso: Some(iso),
            ..
        } => (
            text("german-date", &[("written", written)]),
            text(
                "german-date-help",
                &[("iso", iso), ("fixed", &format!("{key} = {iso}"))],
            ),
        ),
        Trap::GermanDate {
            written,
            iso: None,
            days,
        } => (
            text("german-date-no-day", &[("written", written)]),
            match days {
                Some(d) => text("no-such-date-help", &[("days", &d.to_string())]),
                None => text("date-form-help", &[]),
            },
        ),
        Trap::NoSuchDate { written, last_day } => (
            text("no-such-date", &[("written", written)]),
            text("no-such-date-help", &[("days", &last_day.to_string())]),
        ),
        Trap::Range { written, fixed } => (
            text("range", &[("written", written)]),
            text("range-help", &[("fixed", fixed.trim())]),
        ),
        Trap::Quotes { fixed } => (
            text("quotes", &[]),
            text("quotes-help", &[("fixed", fixed.trim())]),
        ),
    }
}

/// What a line that TOML (or the date reader) refused probably meant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Trap {
    /// `31.09.2026` as written; `iso` is the date in `YYYY-MM-DD` when it
    /// exists, `None` when it does not (the 31st of September).
    GermanDate {
        written: String,
        iso: Option<String>,
        /// The days of the month named, when the day is past its end.
        days: Option<i8>,
    },
    /// `2026-09-31`: a date in the right form that does not exist.
    NoSuchDate { written: String, last_day: i8 },
    /// `[8-10]`: the line with the range written out.
    Range { written: String, fixed: String },
    /// `„…“`: the line with straight quotes.
    Quotes { fixed: String },
}

/// The number of days of a month, `None` for no month.
fn days_in_month(year: i16, month: i8) -> Option<i8> {
    Date::new(year, month, 1).ok().map(|d| d.days_in_month())
}

/// `d.m.yyyy` (one or two digits for day and month) at the start of `s`:
/// (length, day, month, year).
fn german_date_at(s: &str) -> Option<(usize, i64, i64, i64)> {
    let b = s.as_bytes();
    let mut parts = [0i64; 3];
    let mut i = 0;
    for (n, part) in parts.iter_mut().enumerate() {
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() && i - start < 4 {
            i += 1;
        }
        let len = i - start;
        let ok = if n < 2 {
            (1..=2).contains(&len)
        } else {
            len == 4
        };
        if !ok {
            return None;
        }
        *part = s[start..i].parse().ok()?;
        if n < 2 {
            if b.get(i) != Some(&b'.') {
                return None;
            }
            i += 1;
        }
    }
    if b.get(i).is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    Some((i, parts[0], parts[1], parts[2]))
}

/// A German date anywhere in `line` (`start = 31.09.2026`, also quoted).
pub fn german_date(line: &str) -> Option<Trap> {
    let value = line.split_once('=').map_or(line, |(_, v)| v);
    let starts = value.char_indices().filter(|(i, c)| {
        c.is_ascii_digit()
            && !value[..*i]
                .chars()
                .next_back()
                .is_some_and(|p| p.is_ascii_digit() || p == '.')
    });
    for (i, _) in starts {
        if let Some((len, d, m, y)) = german_date_at(&value[i..]) {
            let iso = Date::new(y as i16, m as i8, d as i8)
                .ok()
                .filter(|_| (1..=12).contains(&m) && (1..=31).contains(&d))
                .map(|date| date.to_string());
            let days = if (1..=12).contains(&m) {
                days_in_month(y as i16, m as i8)
            } else {
                None
            };
            return Some(Trap::GermanDate {
                written: value[i..i + len].to_string(),
                days: iso.is_none().then_some(days).flatten(),
                iso,
            });
        }
    }
    None
}

/// `YYYY-MM-DD` in `line` whose day is past the end of its month.
pub fn no_such_date(line: &str) -> Option<Trap> {
    let value = line.split_once('=').map_or(line, |(_, v)| v).trim();
    let value = value.trim_matches('"');
    let b = value.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| value.get(r)?.parse::<i64>().ok();
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let last = days_in_month(y as i16, m as i8)?;
    (d > i64::from(last)).then(|| Trap::NoSuchDate {
        written: value[..10].to_string(),
        last_day: last,
    })
}

/// `[8-10]` in a list: the range written out as `[8, 9, 10]`.
pub fn range_in_list(line: &str) -> Option<Trap> {
    let open = line.find('[')?;
    let close = open + line[open..].find(']')?;
    let inner = &line[open + 1..close];
    let mut items = Vec::new();
    let mut any_range = false;
    for item in inner.split(',') {
        let item = item.trim();
        match item.split_once('-') {
            Some((a, b)) => {
                let (a, b): (u32, u32) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
                if a > b || b - a > 20 {
                    return None;
                }
                items.extend((a..=b).map(|n| n.to_string()));
                any_range = true;
            }
            None if item.parse::<u32>().is_ok() => items.push(item.to_string()),
            None => return None,
        }
    }
    any_range.then(|| Trap::Range {
        written: line[open..=close].to_string(),
        fixed: format!(
            "{}[{}]{}",
            &line[..open],
            items.join(", "),
            &line[close + 1..]
        ),
    })
}

/// Quotation marks a word processor puts in place of `"`.
const TYPOGRAPHIC: [char; 8] = ['„', '“', '”', '‚', '‘', '’', '«', '»'];

/// A line with typographic quotes: the same line with straight ones.
pub fn typographic_quotes(line: &str) -> Option<Trap> {
    if !line.contains(TYPOGRAPHIC) {
        return None;
    }
    // Quotes inside a straight-quoted string are text, not a mistake.
    if let Some((_, value)) = line.split_once('=')
        && value.trim_start().starts_with(['"', '\''])
    {
        return None;
    }
    let fixed: String = line
        .chars()
        .map(|c| if TYPOGRAPHIC.contains(&c) { '"' } else { c })
        .collect();
    Some(Trap::Quotes { fixed })
}

/// What a line TOML could not parse probably meant, if it is a known trap.
pub fn syntax_trap(line: &str) -> Option<Trap> {
    typographic_quotes(line)
        .or_else(|| german_date(line))
        .or_else(|| no_such_date(line))
        .or_else(|| range_in_list(line))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_has_both_languages_and_the_same_arguments() {
        for (key, en, de) in MESSAGES {
            let args = |t: &str| -> Vec<String> {
                t.split('{')
                    .skip(1)
                    .filter_map(|p| p.split_once('}'))
                    .map(|(a, _)| a.to_string())
                    .collect()
            };
            assert!(!en.is_empty() && !de.is_empty(), "{key}");
            assert_eq!(args(en), args(de), "{key}");
        }
    }

    #[test]
    fn german_dates_existing_or_not() {
        assert_eq!(
            german_date("start = 31.09.2026"),
            Some(Trap::GermanDate {
                written: "31.09.2026".into(),
                iso: None,
                days: Some(30)
            })
        );
        assert_eq!(
            german_date("start = \"1.9.2026\""),
            Some(Trap::GermanDate {
                written: "1.9.2026".into(),
                iso: Some("2026-09-01".into()),
                days: None
            })
        );
        assert_eq!(german_date("version = 1.2.3"), None);
        assert_eq!(german_date("phase = 2026-09-01"), None);
        assert_eq!(german_date("x = 131.09.2026"), None);
    }

    #[test]
    fn dates_past_the_end_of_their_month() {
        assert_eq!(
            no_such_date("end = 2026-09-31"),
            Some(Trap::NoSuchDate {
                written: "2026-09-31".into(),
                last_day: 30
            })
        );
        assert_eq!(no_such_date("end = 2028-02-29"), None);
        assert!(no_such_date("end = 2027-02-29").is_some());
    }

    #[test]
    fn ranges_and_quotes() {
        assert_eq!(
            range_in_list("grades = [8-10]"),
            Some(Trap::Range {
                written: "[8-10]".into(),
                fixed: "grades = [8, 9, 10]".into()
            })
        );
        assert_eq!(
            range_in_list("grades = [5, 8 - 9]").map(|t| match t {
                Trap::Range { fixed, .. } => fixed,
                _ => String::new(),
            }),
            Some("grades = [5, 8, 9]".into())
        );
        assert_eq!(range_in_list("grades = [8, 9]"), None);
        assert_eq!(
            typographic_quotes("title = „Azubi-Speed-Dating“"),
            Some(Trap::Quotes {
                fixed: "title = \"Azubi-Speed-Dating\"".into()
            })
        );
        assert_eq!(typographic_quotes("title = \"Das „Beste“\""), None);
    }
}
