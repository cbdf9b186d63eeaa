//! iCalendar (RFC 5545) of every offer that has dates: `/daten/angebote.ics`,
//! one all-day VEVENT per offer, stable UIDs, escaped text, lines folded at
//! 75 octets, CRLF line ends.

use crate::link::Site;
use crate::model::Kind;
use jiff::ToSpan;
use jiff::civil::Date;

pub use crate::routes::files::ICS as PATH;

/// Escapes a TEXT value (RFC 5545 §3.3.11): `\\`, `;`, `,` and line
/// breaks escaped, control characters left out.
pub fn escape(s: &str) -> String {
    /// The bytes `escape` looks at (0xC2 starts the C1 controls).
    const SPECIAL: [bool; 256] = super::byte_set(b"\\;,\x7f\xc2");
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len() + 16);
    // Copies the runs between the bytes that change, not char by char: the
    // control characters are C0 and DEL (one byte) and C1 (U+0080 to
    // U+009F, the two bytes C2 80 to C2 9F); the rest are ASCII.
    let mut last = 0;
    let mut at = 0;
    while at < bytes.len() {
        // Most bytes need nothing: skipped with one table lookup each.
        if !SPECIAL[usize::from(bytes[at])] {
            at += 1;
            continue;
        }
        let (len, with) = match bytes[at] {
            b'\\' => (1, "\\\\"),
            b';' => (1, "\\;"),
            b',' => (1, "\\,"),
            b'\n' => (1, "\\n"),
            0..=0x1f | 0x7f => (1, ""),
            0xc2 if bytes.get(at + 1).is_some_and(|b| (0x80..=0x9f).contains(b)) => (2, ""),
            _ => {
                at += 1;
                continue;
            }
        };
        out.push_str(&s[last..at]);
        out.push_str(with);
        at += len;
        last = at;
    }
    out.push_str(&s[last..]);
    out
}

/// Folds a content line at 75 octets (never inside a UTF-8 sequence) and
/// ends every physical line with CRLF.
pub fn fold(line: &str, out: &mut String) {
    let mut rest = line;
    // A continuation line starts with a space: 74 octets of the line.
    let mut room = 75;
    while rest.len() > room {
        let mut cut = room;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        room = 74;
    }
    out.push_str(rest);
    out.push_str("\r\n");
}

fn ics_date(d: Date) -> String {
    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
}

/// A stable UID for an offer: `angebote-<id>[.<sub.path>]@<host>`.
pub fn uid(site: &Site, id: &str) -> String {
    let rest = site
        .config
        .base_url
        .split_once("://")
        .map_or(site.config.base_url.as_str(), |(_, r)| r);
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let path: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    if path.is_empty() {
        format!("angebote-{id}@{host}")
    } else {
        format!("angebote-{id}.{}@{host}", path.join("."))
    }
}

/// The calendar.
pub fn calendar(site: &Site) -> Vec<u8> {
    let mut out = Vec::new();
    let _ = write_calendar(site, &mut out);
    out
}

/// `calendar`, written to `w` in pieces of about 64 KiB (whole events).
pub fn write_calendar(site: &Site, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut out = String::new();
    let line = |s: &str, out: &mut String| fold(s, out);
    line("BEGIN:VCALENDAR", &mut out);
    line("VERSION:2.0", &mut out);
    line(
        &format!("PRODID:-//lotse//{}//DE", escape(&site.config.title)),
        &mut out,
    );
    line("CALSCALE:GREGORIAN", &mut out);
    // No METHOD: a published file is not an iTIP message, and
    // `METHOD:PUBLISH` would need an ORGANIZER on every event
    // (RFC 5546 §3.2.1); RFC 5545 lets a calendar file go without one.
    line(
        &format!("X-WR-CALNAME:{}", escape(&site.config.title)),
        &mut out,
    );
    let stamp = format!("DTSTAMP:{}T000000Z", ics_date(site.today));
    for o in &site.offers {
        let e = &o.data;
        let (start, end) = match (e.start, e.end) {
            (Some(s), Some(t)) => (s, t),
            (Some(s), None) => (s, s),
            (None, Some(t)) => (t, t),
            (None, None) => continue,
        };
        let c = &e.common;
        let url = site
            .urls
            .absolute(&crate::url::entity_path(Kind::Offer, &c.id));
        line("BEGIN:VEVENT", &mut out);
        line(&format!("UID:{}", uid(site, &c.id)), &mut out);
        line(&stamp, &mut out);
        line(&format!("DTSTART;VALUE=DATE:{}", ics_date(start)), &mut out);
        // DTEND of an all-day event is exclusive.
        let after = end.checked_add(1.day()).unwrap_or(end);
        line(&format!("DTEND;VALUE=DATE:{}", ics_date(after)), &mut out);
        line(&format!("SUMMARY:{}", escape(&c.title)), &mut out);
        let mut desc = o.summary.clone().unwrap_or_default();
        if let Some(s) = &e.schedule {
            desc = format!("{desc}\n{s}");
        }
        line(&format!("DESCRIPTION:{}", escape(desc.trim())), &mut out);
        if let Some(l) = &e.location {
            line(&format!("LOCATION:{}", escape(l)), &mut out);
        }
        let cats: Vec<String> = e
            .target_groups
            .iter()
            .map(|t| escape(site.vocab.label("target_groups", &t.id)))
            .collect();
        if !cats.is_empty() {
            line(&format!("CATEGORIES:{}", cats.join(",")), &mut out);
        }
        line(&format!("URL:{url}"), &mut out);
        if let Some(d) = c.updated {
            line(&format!("LAST-MODIFIED:{}T000000Z", ics_date(d)), &mut out);
        }
        line("END:VEVENT", &mut out);
        if out.len() >= 64 * 1024 {
            w.write_all(out.as_bytes())?;
            out.clear();
        }
    }
    line("END:VCALENDAR", &mut out);
    w.write_all(out.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }

    proptest::proptest! {
        /// The byte scan escapes as the definition does, character by
        /// character: `\\ ; , \n` escaped, every control character dropped.
        #[test]
        fn escape_is_the_definition(cs in proptest::collection::vec(proptest::prop_oneof![
            4 => proptest::sample::select(vec!['a', 'ä', ',', ';', '\\', '\n', '\r', '\t', '\0', '\u{7f}', '\u{80}', '\u{85}', '\u{9f}', '\u{a0}', 'Ã', '–']),
            1 => proptest::arbitrary::any::<char>(),
        ], 0..40)) {
            let s: String = cs.into_iter().collect();
            let mut want = String::new();
            for c in s.chars() {
                match c {
                    '\\' => want.push_str("\\\\"),
                    ';' => want.push_str("\\;"),
                    ',' => want.push_str("\\,"),
                    '\n' => want.push_str("\\n"),
                    c if c.is_control() => {}
                    c => want.push(c),
                }
            }
            proptest::prop_assert_eq!(escape(&s), want);
        }
    }

    #[test]
    fn folds_at_75_octets_without_splitting_characters() {
        let long = format!("SUMMARY:{}", "ä".repeat(60));
        let mut out = String::new();
        fold(&long, &mut out);
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets: {l}", l.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("{long}\r\n"));
        let mut short = String::new();
        fold("END:VEVENT", &mut short);
        assert_eq!(short, "END:VEVENT\r\n");
    }
}
