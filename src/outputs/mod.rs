//! Machine-readable and computed outputs (CONTENT-MODEL.md §4): open data
//! (JSON, CSV, DCAT), JSON-LD, Atom feed, sitemap and robots.txt, iCalendar,
//! the search index, SVG charts and the network map, and the git change
//! history. Each is generated in Rust from the linked `Site`, never in
//! templates.

pub mod brand;
pub mod cms;
pub mod data;
pub mod dcat;
pub mod feed;
pub mod ics;
pub mod jsonld;
pub mod rdf;
pub mod search;
pub mod sitemap;
pub mod svg;
pub mod vcard;

use crate::link::Site;
use crate::model::Kind;
use jiff::civil::Date;

/// Escapes text for XML content and attribute values.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 does not allow.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// When an entity last changed: `updated` as written, else the date of the
/// last commit that touched its file, else the file's modification date;
/// never after the build date (a date in the future is a typo, not an
/// edit). Never the build date itself: a rebuild changes nothing.
pub fn updated(site: &Site, kind: Kind, i: usize) -> Option<Date> {
    let c = site.common(kind, i);
    let path = &c.source.path;
    c.updated
        .or_else(|| site.history.last_date(path))
        .or_else(|| site.history.mtime(path))
        .map(|d| d.min(site.today))
}

/// When an entity was first published: the first commit of its file; no
/// date without git (a modification date says when it last changed).
pub fn published(site: &Site, kind: Kind, i: usize) -> Option<Date> {
    let c = site.common(kind, i);
    site.history
        .first_date(&c.source.path)
        .map(|d| d.min(site.today))
        .filter(|&p| updated(site, kind, i).is_none_or(|u| p <= u))
}

/// The oldest publication date of a kind's entities.
pub fn oldest_published(site: &Site, kind: Kind) -> Option<Date> {
    (0..site.count(kind))
        .filter_map(|i| published(site, kind, i))
        .min()
}

/// The newest `updated` date of a kind's entities.
pub fn newest(site: &Site, kind: Kind) -> Option<Date> {
    (0..site.count(kind))
        .filter_map(|i| updated(site, kind, i))
        .max()
}

/// The newest `updated` date of the whole site.
pub fn newest_all(site: &Site) -> Option<Date> {
    Kind::ALL.into_iter().filter_map(|k| newest(site, k)).max()
}

/// A table of the bytes an escaper must look at: every C0 control
/// character and `also`. Scanning with it costs one lookup per byte that
/// needs nothing (the JSON-LD writer, the iCalendar TEXT escape).
pub(crate) const fn byte_set(also: &[u8]) -> [bool; 256] {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = true;
        b += 1;
    }
    let mut i = 0;
    while i < also.len() {
        t[also[i] as usize] = true;
        i += 1;
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_xml() {
        assert_eq!(
            xml_escape("a<b & \"c\" 'd'\u{1}"),
            "a&lt;b &amp; &quot;c&quot; &apos;d&apos;"
        );
    }
}
