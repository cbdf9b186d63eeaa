//! Machine-readable and computed outputs (CONTENT-MODEL.md §4): open data
//! (JSON, CSV, DCAT), JSON-LD, Atom feed, sitemap and robots.txt, iCalendar,
//! the search index, SVG charts and the network map, and the git change
//! history. Each is generated in Rust from the linked `Site`, never in
//! templates.

pub mod data;
pub mod dcat;
pub mod feed;
pub mod history;
pub mod ics;
pub mod jsonld;
pub mod search;
pub mod sitemap;
pub mod svg;

use crate::link::Site;
use crate::model::Kind;
use crate::routes::entity_common;
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

/// How many entities of a kind the site has.
pub fn count(site: &Site, kind: Kind) -> usize {
    match kind {
        Kind::Region => site.regions.len(),
        Kind::Partner => site.partners.len(),
        Kind::Offer => site.offers.len(),
        Kind::Practice => site.practices.len(),
        Kind::Agreement => site.agreements.len(),
        Kind::Page => site.pages.len(),
    }
}

/// The derived summary of an entity.
pub fn summary(site: &Site, kind: Kind, i: usize) -> Option<&str> {
    match kind {
        Kind::Region => site.regions[i].summary.as_deref(),
        Kind::Partner => site.partners[i].summary.as_deref(),
        Kind::Offer => site.offers[i].summary.as_deref(),
        Kind::Practice => site.practices[i].summary.as_deref(),
        Kind::Agreement => site.agreements[i].summary.as_deref(),
        Kind::Page => site.pages[i].summary.as_deref(),
    }
}

/// When an entity last changed: `updated` as written, else the date of the
/// last commit that touched its file.
pub fn updated(site: &Site, kind: Kind, i: usize) -> Option<Date> {
    let c = entity_common(site, kind, i);
    c.updated.or_else(|| site.history.last_date(&c.source.path))
}

/// The newest `updated` date of a kind's entities.
pub fn newest(site: &Site, kind: Kind) -> Option<Date> {
    (0..count(site, kind))
        .filter_map(|i| updated(site, kind, i))
        .max()
}

/// The newest `updated` date of the whole site.
pub fn newest_all(site: &Site) -> Option<Date> {
    Kind::ALL.into_iter().filter_map(|k| newest(site, k)).max()
}

/// Every entity of the site as `(kind, position)`, in kind then id order.
pub fn all_entities(site: &Site) -> impl Iterator<Item = (Kind, usize)> + '_ {
    Kind::ALL
        .into_iter()
        .flat_map(move |k| (0..count(site, k)).map(move |i| (k, i)))
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
