//! What every page receives besides its own view: `site` (title, links
//! of the navigation and footer, language, dates) and `page` (title,
//! description, canonical URL, breadcrumbs, scripts, JSON-LD).

use super::views::{DateView, date};
use crate::link::Site;
use crate::model::Kind;
use crate::outputs;
pub use crate::routes::LEGAL_PAGES;
use crate::section::{Labels, SECTIONS};
use serde::Serialize;

/// A link in navigation, footer or breadcrumbs.
#[derive(Serialize, Clone, Debug)]
pub struct NavLink {
    pub key: String,
    pub title: String,
    pub url: String,
    /// The title's language where it is not the site's (a free page with
    /// `lang`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
}

/// What every template sees as `site`.
#[derive(Serialize, Clone, Debug)]
pub struct SiteView<'a> {
    pub title: &'a str,
    /// The title's language where it is not the page's: a language
    /// version without `[translations.<lang>] title` shows the default's.
    pub title_lang: Option<&'a str>,
    pub description: Option<&'a str>,
    pub base_url: &'a str,
    pub base_path: &'a str,
    pub language: &'a str,
    /// `"rtl"` for a right-to-left language (`<html dir>`), else `"ltr"`.
    /// A page in another language than the site's sets its own `page.dir`.
    pub dir: &'static str,
    pub data_license: &'a str,
    pub nav: Vec<NavLink>,
    /// The sections `[menu] items` leaves out: linked from the footer.
    pub more: Vec<NavLink>,
    pub legal: Vec<NavLink>,
    /// The open-data page (footer link).
    pub data: NavLink,
    /// The Atom feed (`<link rel="alternate">`).
    pub feed: String,
    /// The search page (the search form in the header submits here).
    pub search: String,
    pub css: String,
    /// `/brand.css` with the colours of `[brand] color`, linked after
    /// `css` (a file, as the CSP allows no inline styles).
    pub brand_css: Option<String>,
    /// `[brand] logo` as a link, with its text.
    pub logo: Option<String>,
    pub logo_alt: &'a str,
    pub favicon: String,
    pub today: DateView,
    pub year: i16,
}

/// See `PageMeta::fallback`.
#[derive(Serialize, Clone, Debug)]
pub struct Fallback {
    pub lang: String,
    pub url: String,
}

/// What every template sees as `page`.
#[derive(Serialize, Clone, Debug)]
pub struct PageMeta<'a> {
    /// The page's language (`<html lang>`): the site's, or a free page's
    /// own `lang`.
    pub lang: &'a str,
    /// `rtl` for right-to-left languages, else none.
    pub dir: Option<&'static str>,
    /// Set when the page's text is not translated into its language: the
    /// original's language and URL (the page shows the original's text,
    /// marked so, and a notice linking it).
    pub fallback: Option<Fallback>,
    /// Set when the page's translation leaves some of its original's texts
    /// untranslated (the notice says so); `untranslated` names them.
    pub partial: Option<Fallback>,
    /// The texts of a partly translated page that show the original
    /// (`title`, `summary`, `body`, a type's own fields): the templates mark
    /// them with the original's language (component `tx`).
    pub untranslated: &'a [&'static str],
    /// On every page of a language version, the original's language: texts
    /// no translation reaches (names, roles, commit messages) are marked
    /// with it.
    pub source_lang: Option<&'a str>,
    /// Set when the page's translation is older than its original: the
    /// original's language and URL.
    pub outdated: Option<Fallback>,
    /// The language switcher (empty for a site in one language).
    pub languages: Vec<super::langs::LangLink>,
    /// `<link rel="alternate" hreflang>` (see `langs`).
    pub alternates: Vec<super::langs::Alternate>,
    pub title: std::borrow::Cow<'a, str>,
    /// On an entity page, its type ("Region", "Partner"): the `<title>`
    /// names it, so that a partner and a region both called "Stadt
    /// Offenbach" are told apart in tabs, bookmarks and search results.
    pub kind_label: Option<&'a str>,
    pub description: Option<&'a str>,
    pub url: String,
    pub canonical: String,
    pub section: &'static str,
    pub breadcrumbs: Vec<NavLink>,
    /// schema.org JSON-LD of an entity page, already escaped for a
    /// `<script type="application/ld+json">` element (print with `| safe`).
    pub jsonld: Option<String>,
    /// Scripts the page needs (`<script src defer>`), same host only.
    pub scripts: Vec<String>,
}

/// The header menu and the sections it leaves out (for the footer): every
/// section in `main` without `[menu] items`; with it, its sections and
/// free pages in its order (the items were checked when the site was
/// linked; a page left out of a build, a draft, is skipped).
fn menu(
    site: &Site,
    main: &[(&'static str, &'static str)],
    link: &dyn Fn((&str, &str)) -> NavLink,
) -> (Vec<NavLink>, Vec<NavLink>) {
    let Some(items) = &site.config.menu else {
        return (main.iter().map(|&s| link(s)).collect(), Vec::new());
    };
    let nav = items
        .iter()
        .filter_map(|item| match crate::link::brand::menu_page(&item.id) {
            Some(id) => site.page(id).map(|p| NavLink {
                key: id.to_string(),
                title: p.data.common.title.clone(),
                url: site.urls.entity(Kind::Page, id),
                lang: p.data.lang.clone(),
            }),
            None => SECTIONS
                .iter()
                .find(|(key, _)| *key == item.id)
                .map(|&s| link(s)),
        })
        .collect();
    let more = main
        .iter()
        .filter(|(key, _)| !items.iter().any(|i| i.id == *key))
        .map(|&s| link(s))
        .collect();
    (nav, more)
}

pub fn site_view<'a>(site: &'a Site, labels: Labels<'a>) -> SiteView<'a> {
    let u = &site.urls;
    let link = |(key, name): (&str, &str)| NavLink {
        key: key.to_string(),
        title: labels.get(name).to_string(),
        url: u.link(&format!("{key}/")),
        lang: None,
    };
    // Every section but the last (`daten`, linked from the footer).
    let (data, main) = SECTIONS.split_last().expect("sections");
    let (nav, more) = menu(site, main, &link);
    let legal = LEGAL_PAGES
        .iter()
        .filter_map(|id| {
            site.page(id).map(|p| NavLink {
                key: id.to_string(),
                title: p.data.common.title.clone(),
                url: u.entity(Kind::Page, id),
                lang: None,
            })
        })
        .collect();
    let own_title = site
        .config
        .translations
        .get(&site.config.language)
        .is_some_and(|t| t.title.is_some());
    SiteView {
        title: &site.config.title,
        title_lang: site
            .version
            .as_deref()
            .filter(|_| !own_title)
            .map(|v| v.default.as_str()),
        description: site.config.description.as_deref(),
        base_url: &site.config.base_url,
        base_path: &u.base_path,
        language: &site.config.language,
        dir: super::locale::dir(&site.config.language),
        data_license: &site.config.data_license,
        nav,
        more,
        legal,
        data: link(*data),
        feed: u.link(outputs::feed::PATH),
        search: u.link("suche/"),
        css: u.asset("lotse.css"),
        brand_css: site
            .config
            .brand
            .color
            .map(|_| u.asset(crate::routes::files::BRAND_CSS)),
        logo: site
            .config
            .brand
            .logo
            .as_ref()
            .map(|l| u.asset(l.id.trim_start_matches('/'))),
        logo_alt: site
            .config
            .brand
            .logo_alt
            .as_deref()
            .unwrap_or(&site.config.title),
        favicon: u.asset("favicon.svg"),
        today: date(site.today, &site.config.language),
        year: site.today.year(),
    }
}
