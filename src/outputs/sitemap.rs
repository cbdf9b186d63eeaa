//! `/sitemap.xml` (every page with `lastmod`) and `/robots.txt` naming it.

use super::{newest, newest_all, updated, xml_escape};
use crate::link::Site;
use crate::link::version::{content_langs, urls_in};
use crate::model::Kind;
use crate::routes::{Planned, Route};
use jiff::civil::Date;

pub use crate::routes::files::ROBOTS;
pub use crate::routes::files::SITEMAP as PATH;

/// When a page last changed, as far as the content tells.
fn lastmod(site: &Site, route: &Route) -> Option<Date> {
    match route {
        Route::Entity(kind, i) => updated(site, *kind, *i),
        Route::List(kind) => newest(site, *kind),
        Route::Facet(..) | Route::Archive => newest(site, Kind::Offer),
        _ => newest_all(site),
    }
}

/// Whether a route is a page that belongs in the sitemap.
fn listed(p: &Planned) -> bool {
    p.path.ends_with("index.html")
        && !matches!(
            p.route,
            Route::Alias { .. } | Route::NotFound | Route::Cms(_)
        )
}

/// The sitemap of the planned pages; on a multilingual site each page's
/// translated versions too, with `xhtml:link` alternates.
pub fn sitemap(site: &Site, plan: &[Planned]) -> Vec<u8> {
    // Pages not made from one entity: the newest change of the content;
    // never the build date, which would mark every page changed on every
    // rebuild.
    let fallback = newest_all(site).unwrap_or(Date::constant(1970, 1, 1));
    let multilingual = site.config.languages.len() > 1;
    let mut x = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"",
    );
    if multilingual {
        x.push_str(" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\"");
    }
    x.push_str(">\n");
    let mut pages: Vec<&Planned> = plan.iter().filter(|p| listed(p)).collect();
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    for p in pages {
        if multilingual {
            versions(site, p, lastmod(site, &p.route).unwrap_or(fallback), &mut x);
            continue;
        }
        let loc = site
            .urls
            .absolute(p.path.strip_suffix("index.html").unwrap_or(&p.path));
        let date = lastmod(site, &p.route).unwrap_or(fallback);
        x.push_str(&format!(
            "  <url><loc>{}</loc><lastmod>{date}</lastmod></url>\n",
            xml_escape(&loc)
        ));
    }
    x.push_str("</urlset>\n");
    x.into_bytes()
}

/// The versions of one page in each language whose content it really
/// has, each naming all of them (and `x-default`, the original).
fn versions(site: &Site, p: &Planned, date: Date, x: &mut String) {
    let path = p.path.strip_suffix("index.html").unwrap_or(&p.path);
    let page = match &p.route {
        Route::Entity(kind, i) => Some(Some((*kind, site.common(*kind, *i).id.as_str()))),
        Route::Home => Some(None),
        _ => None,
    };
    let langs: Vec<&str> = match page {
        Some(page) => content_langs(site, page),
        None => site.config.languages.iter().map(String::as_str).collect(),
    };
    let url = |l: &str| xml_escape(&urls_in(site, l).absolute(path));
    let mut links = String::new();
    if langs.len() > 1 {
        for l in langs.iter().copied().chain(["x-default"]) {
            let href = if l == "x-default" {
                url(langs[0])
            } else {
                url(l)
            };
            links.push_str(&format!(
                "<xhtml:link rel=\"alternate\" hreflang=\"{l}\" href=\"{href}\"/>"
            ));
        }
    }
    for l in &langs {
        x.push_str(&format!(
            "  <url><loc>{}</loc><lastmod>{date}</lastmod>{links}</url>\n",
            url(l)
        ));
    }
}

/// `robots.txt`: everything may be crawled; the sitemap is named.
pub fn robots(site: &Site) -> Vec<u8> {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        site.urls.absolute(PATH)
    )
    .into_bytes()
}
