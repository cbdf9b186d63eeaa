//! The mistakes coordinators make in TOML that the parser reports in terms
//! of floats and literal strings: a German date (`31.09.2026`), a range of
//! grades (`[8-10]`), typographic quotes from a word processor (`„…“`), a
//! date that does not exist. Each detector looks at the line as written and
//! returns what was meant, so that the message can name the fix in the
//! author's terms; the messages are keys of the catalogue (`src/messages/`).

use crate::messages::Message;
use crate::msg;
use jiff::civil::Date;

/// The message and hint for a trap found in `line` (the key of the
/// field, if any, for the fixed line).
pub fn message(trap: &Trap, line: &str) -> (Message, Message) {
    let key = line.split_once('=').map_or("", |(k, _)| k.trim());
    match trap {
        Trap::GermanDate {
            written,
            iso: Some(iso),
            ..
        } => (
            msg!("german-date", written = written),
            msg!(
                "german-date-help",
                iso = iso,
                fixed = format!("{key} = {iso}")
            )
            .with_replacement(iso.clone()),
        ),
        Trap::GermanDate {
            written,
            iso: None,
            days,
        } => (
            msg!("german-date-no-day", written = written),
            match days {
                Some(d) => msg!("no-such-date-help", days = *d),
                None => msg!("date-form-help"),
            },
        ),
        Trap::NoSuchDate { written, last_day } => (
            msg!("no-such-date", written = written),
            msg!("no-such-date-help", days = *last_day),
        ),
        Trap::Range { written, fixed } => (
            msg!("list-range", written = written),
            msg!("list-range-help", fixed = fixed.trim()),
        ),
        Trap::Quotes { fixed } => (
            msg!("typographic-quotes"),
            msg!("typographic-quotes-help", fixed = fixed.trim()),
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
