//! Atom feed (RFC 4287) of practice examples and offers: `/feed.xml`,
//! newest `updated` first.

use super::{published, updated, xml_escape};
use crate::link::Site;
use crate::model::Kind;
use crate::section::Labels;
use crate::url::entity_path;
use jiff::civil::Date;

pub use crate::routes::files::FEED as PATH;

/// At most this many entries: a feed is for news, the data sets are complete.
pub const MAX_ENTRIES: usize = 100;

fn stamp(d: Date) -> String {
    format!("{d}T00:00:00Z")
}

/// The date an entry is sorted and stamped by: when its content last
/// changed (`updated`, the last commit, the file's date; see
/// [`updated`]). An offer's start is event data, not an edit, and the
/// build date is no change: content without any date (made in memory,
/// never written) gets the Unix epoch, sorted last.
fn entry_date(site: &Site, kind: Kind, i: usize) -> Date {
    updated(site, kind, i).unwrap_or(Date::constant(1970, 1, 1))
}

/// The feed's entries, newest first: `(kind, position, date)`.
pub fn entries(site: &Site) -> Vec<(Kind, usize, Date)> {
    let mut list: Vec<(Kind, usize, Date)> = (0..site.practices.len())
        .map(|i| (Kind::Practice, i, entry_date(site, Kind::Practice, i)))
        .chain((0..site.offers.len()).map(|i| (Kind::Offer, i, entry_date(site, Kind::Offer, i))))
        .collect();
    list.sort_by(|a, b| {
        b.2.cmp(&a.2)
            .then_with(|| site.common(a.0, a.1).id.cmp(&site.common(b.0, b.1).id))
    });
    list.truncate(MAX_ENTRIES);
    list
}

/// The feed document.
pub fn feed(site: &Site, labels: Labels) -> Vec<u8> {
    let cfg = &site.config;
    let items = entries(site);
    let feed_updated = items
        .iter()
        .map(|e| e.2)
        .max()
        .unwrap_or(Date::constant(1970, 1, 1));
    let mut x = String::new();
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    x.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        xml_escape(&cfg.language)
    ));
    x.push_str(&format!("  <title>{}</title>\n", xml_escape(&cfg.title)));
    if let Some(d) = &cfg.description {
        x.push_str(&format!("  <subtitle>{}</subtitle>\n", xml_escape(d)));
    }
    x.push_str(&format!("  <id>{}</id>\n", xml_escape(&cfg.base_url)));
    x.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        xml_escape(&site.urls.absolute(PATH))
    ));
    x.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        xml_escape(&cfg.base_url)
    ));
    x.push_str(&format!("  <updated>{}</updated>\n", stamp(feed_updated)));
    x.push_str(&format!(
        "  <author><name>{}</name></author>\n",
        xml_escape(&cfg.publisher)
    ));
    x.push_str("  <generator>lotse</generator>\n");
    x.push_str(&format!(
        "  <rights>{}</rights>\n",
        xml_escape(&cfg.data_license)
    ));
    for (kind, i, date) in items {
        let c = site.common(kind, i);
        let url = site.urls.absolute(&entity_path(kind, &c.id));
        x.push_str("  <entry>\n");
        x.push_str(&format!("    <title>{}</title>\n", xml_escape(&c.title)));
        x.push_str(&format!("    <id>{}</id>\n", xml_escape(&url)));
        x.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            xml_escape(&url)
        ));
        if let Some(p) = published(site, kind, i) {
            x.push_str(&format!("    <published>{}</published>\n", stamp(p)));
        }
        x.push_str(&format!("    <updated>{}</updated>\n", stamp(date)));
        x.push_str(&format!(
            "    <category term=\"{}\" label=\"{}\"/>\n",
            kind.section(),
            labels.get(kind.label_key())
        ));
        if let Some(s) = site.summary(kind, i) {
            x.push_str(&format!("    <summary>{}</summary>\n", xml_escape(s)));
        }
        x.push_str("  </entry>\n");
    }
    x.push_str("</feed>\n");
    x.into_bytes()
}
