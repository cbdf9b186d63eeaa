//! `site.toml`: the site's configuration, checked like content.

use crate::diagnostics::{Diagnostic, Source};
use crate::load::Loaded;
use crate::load::node::{Span, Table, Value};
use crate::messages::Message;
// Re-exported: `RawHtml` is an option of Markdown, set from site.toml.
pub use crate::markdown::RawHtml;
use crate::model::Ref;
use crate::model::fields::{CMS_BACKENDS, PUBLISHER_TYPES, RAW_HTML, SITE, keys, rows};
use crate::model::read::Reader;
use crate::text::color::{MIN_CONTRAST, Rgb, WHITE, ratio_text};
use crate::text::ids::is_language_tag;
use std::cell::RefCell;
use std::collections::BTreeMap;

#[derive(Clone, Debug)]
pub struct Config {
    pub title: String,
    /// Always ends with `/`.
    pub base_url: String,
    pub language: String,
    /// Every language the site is published in, the default (`language`)
    /// first; `[language]` when site.toml names none.
    pub languages: Vec<String>,
    pub theme: String,
    pub description: Option<String>,
    pub data_license: String,
    /// Who publishes the site and its data (DCAT publisher, feed author).
    pub publisher: String,
    /// A contact address for the data and the accessibility feedback.
    pub email: Option<String>,
    pub raw_html: RawHtml,
    /// `[history] show`: whether pages list the git change history
    /// (commit messages are not always meant for the public).
    pub show_history: bool,
    /// The site's title and description in its other languages
    /// (`[translations.<lang>]`); without one, a version shows the
    /// default language's.
    pub translations: BTreeMap<String, SiteTexts>,
    /// `[brand]`: the district's logo and colour.
    pub brand: Brand,
    /// `[menu] items`: the header menu's sections and free pages in order
    /// (`"angebote"`, `"pages/fuer-eltern"`); `None`: every section. The
    /// items are checked against the site's pages when it is linked.
    pub menu: Option<Vec<Ref>>,
    /// `[home] audiences`: the target groups with a tile on the home page;
    /// `None`: every target group that has offers.
    pub audiences: Option<Vec<Ref>>,
    /// `[open_data]`: what GovData needs to harvest the catalogue.
    pub open_data: OpenData,
    /// `[cms]`: the browser editor at /admin/; `None`: no editor at all.
    pub cms: Option<Cms>,
}

/// `[cms]` in site.toml: where the browser editor saves.
#[derive(Clone, Debug, PartialEq)]
pub struct Cms {
    /// `gitlab`, `github` or `gitea`.
    pub backend: String,
    pub repo: String,
    pub branch: String,
    /// A self-hosted instance (`https://gitlab.opencode.de`).
    pub base_url: Option<String>,
    /// The OAuth application's id for the PKCE login.
    pub app_id: Option<String>,
}

/// `[open_data]` in site.toml: the catalogue's contributor, publisher and
/// contact for GovData (DCAT-AP.de). Each part optional; without
/// `contributor_id`, `lotse check` warns (GovData assigns it).
#[derive(Clone, Debug, Default)]
pub struct OpenData {
    /// Whether site.toml has an `[open_data]` table at all.
    pub present: bool,
    /// A URI from `http://dcat-ap.de/def/contributors/`.
    pub contributor_id: Option<String>,
    /// The publisher's name; else `publisher`, else the site's title.
    pub publisher_name: Option<String>,
    /// An ADMS publisher type (`LocalAuthority`, …).
    pub publisher_type: Option<String>,
    pub publisher_url: Option<String>,
    /// The data's contact address; else `email`.
    pub contact_email: Option<String>,
}

/// Where GovData's contributor ids live.
pub const CONTRIBUTORS: &str = "http://dcat-ap.de/def/contributors/";

/// `[brand]` in site.toml.
#[derive(Clone, Debug, Default)]
pub struct Brand {
    /// A site path of a file under static/ (`/media/logo.svg`), checked
    /// against the static files when the site is linked.
    pub logo: Option<Ref>,
    pub logo_alt: Option<String>,
    /// Header, links and accents; reaches 4.5:1 with white (else an error).
    pub color: Option<Rgb>,
}

/// `[translations.<lang>]` in site.toml.
#[derive(Clone, Debug, Default)]
pub struct SiteTexts {
    pub title: Option<String>,
    pub description: Option<String>,
}

impl Config {
    /// Stands in for a broken `site.toml` so that content can still be checked.
    pub fn fallback() -> Config {
        Config {
            title: String::new(),
            base_url: "https://site.invalid/".into(),
            language: "de".into(),
            languages: vec!["de".into()],
            theme: "lotse".into(),
            description: None,
            data_license: "CC-BY-4.0".into(),
            publisher: String::new(),
            email: None,
            raw_html: RawHtml::Sanitize,
            show_history: true,
            translations: BTreeMap::new(),
            brand: Brand::default(),
            menu: None,
            audiences: None,
            open_data: OpenData::default(),
            cms: None,
        }
    }

    /// A configuration for tests and `--base-url` overrides.
    pub fn with_base_url(mut self, url: &str) -> Result<Self, Message> {
        self.base_url = check_base_url(url)?;
        Ok(self)
    }

    /// The path part of `base_url` (`/` or `/sub/path/`).
    pub fn base_path(&self) -> &str {
        let rest = self
            .base_url
            .split_once("://")
            .map_or(self.base_url.as_str(), |(_, r)| r);
        rest.find('/').map_or("/", |i| &rest[i..])
    }

    /// Reads `site.toml`; problems go to `diags`.
    pub fn read(source: &Source, table: &Table, diags: &mut Vec<Diagnostic>) -> Option<Config> {
        let cell = RefCell::new(std::mem::take(diags));
        let r = Reader::new(source, table, 0..0, &cell);
        r.unknown_keys(&keys(SITE));
        let title = r.str_req("title");
        let base_url = r
            .str_req("base_url")
            .and_then(|u| match check_base_url(&u) {
                Ok(u) => Some(u),
                Err(msg) => {
                    let span = table
                        .get("base_url")
                        .map(|n| n.span.clone())
                        .unwrap_or(0..0);
                    r.push(r.error(span, msg).with_help(crate::msg!("base-url-help")));
                    None
                }
            });
        let mut raw_html = RawHtml::default();
        let markdown = r.tables_or_table("markdown");
        if let Some(m) = markdown {
            m.unknown_keys(&keys(rows(SITE, "markdown")));
            raw_html = match m.choice("raw_html", RAW_HTML, false).as_deref() {
                Some("allow") => RawHtml::Allow,
                Some("escape") => RawHtml::Escape,
                _ => RawHtml::Sanitize,
            };
        }
        let mut show_history = true;
        if let Some(h) = r.tables_or_table("history") {
            h.unknown_keys(&keys(rows(SITE, "history")));
            show_history = h.bool_opt("show").unwrap_or(true);
        }
        let language = r.str_opt("language").unwrap_or_else(|| "de".into());
        let languages = read_languages(&r, table, &language);
        let translations = read_translations(&r, table, &languages);
        let brand = r
            .tables_or_table("brand")
            .map(|b| read_brand(&b))
            .unwrap_or_default();
        let menu = r.tables_or_table("menu").map(|m| {
            m.unknown_keys(&keys(rows(SITE, "menu")));
            m.ref_list("items")
        });
        let audiences = r.tables_or_table("home").and_then(|h| {
            h.unknown_keys(&keys(rows(SITE, "home")));
            h.table
                .get("audiences")
                .is_some()
                .then(|| h.ref_list("audiences"))
        });
        let open_data = r
            .tables_or_table("open_data")
            .map(|o| {
                let od = read_open_data(&o);
                if od.contributor_id.is_none() && o.table.get("contributor_id").is_none() {
                    // Named at the table's key: the site says it is for
                    // GovData, and GovData harvests nothing without it.
                    let span = table
                        .get("open_data")
                        .map(|n| n.span.clone())
                        .unwrap_or(0..0);
                    r.push(
                        Diagnostic::at(
                            crate::diagnostics::Severity::Warning,
                            source,
                            span,
                            crate::msg!("open-data-no-contributor"),
                        )
                        .with_help(crate::msg!("open-data-no-contributor-help")),
                    );
                }
                od
            })
            .unwrap_or_default();
        let cms = r.tables_or_table("cms").and_then(|c| {
            c.unknown_keys(&keys(rows(SITE, "cms")));
            let backend = c.choice("backend", CMS_BACKENDS, true);
            let repo = c.str_req("repo");
            Some(Cms {
                backend: backend?,
                repo: repo?,
                branch: c.str_opt("branch").unwrap_or_else(|| "main".into()),
                base_url: c.url_opt("base_url"),
                app_id: c.str_opt("app_id"),
            })
        });
        let config = Config {
            open_data,
            cms,
            brand,
            menu,
            audiences,
            translations,
            language,
            languages,
            theme: r.str_opt("theme").unwrap_or_else(|| "lotse".into()),
            description: r.str_opt("description"),
            data_license: r
                .str_opt("data_license")
                .unwrap_or_else(|| "CC-BY-4.0".into()),
            publisher: r
                .str_opt("publisher")
                .or_else(|| title.clone())
                .unwrap_or_default(),
            email: r.str_opt("email"),
            raw_html,
            show_history,
            title: title.unwrap_or_default(),
            base_url: base_url.unwrap_or_default(),
        };
        *diags = cell.into_inner();
        (!config.title.is_empty() && !config.base_url.is_empty()).then_some(config)
    }
}

/// `[brand]`: a colour that fails the contrast with white is an error at
/// its line, with the measured ratio and the nearest colour that passes.
fn read_brand(b: &Reader) -> Brand {
    b.unknown_keys(&keys(rows(SITE, "brand")));
    let logo = b.str_opt("logo").and_then(|id| {
        let span = b.table.get("logo").map(|n| n.span.clone())?;
        Some(Ref { id, span })
    });
    let color = b.str_opt("color").and_then(|text| {
        let span = b.table.get("color").map(|n| n.span.clone()).unwrap_or(0..0);
        let Some(c) = Rgb::parse(&text) else {
            b.push(b.error(span, crate::msg!("brand-color-invalid", color = &text)));
            return None;
        };
        let fixed = c.darkened_to(&[WHITE], MIN_CONTRAST);
        if fixed != c {
            let hex = fixed.hex();
            b.push(
                b.error(
                    span,
                    crate::msg!(
                        "brand-color-contrast",
                        color = &text,
                        ratio = ratio_text(c.contrast(WHITE))
                    ),
                )
                .with_help(
                    crate::msg!(
                        "brand-color-contrast-help",
                        fixed = &hex,
                        ratio = ratio_text(fixed.contrast(WHITE))
                    )
                    .with_replacement(format!("\"{hex}\"")),
                ),
            );
            return None;
        }
        Some(c)
    });
    Brand {
        logo,
        logo_alt: b.str_opt("logo_alt"),
        color,
    }
}

/// `[open_data]`: a `contributor_id` outside GovData's list of
/// contributors is an error at its value.
fn read_open_data(o: &Reader) -> OpenData {
    o.unknown_keys(&keys(rows(SITE, "open_data")));
    let contributor_id = o.str_opt("contributor_id").and_then(|id| {
        let id = id.trim().to_string();
        let tail = id.strip_prefix(CONTRIBUTORS).unwrap_or("");
        if !tail.is_empty()
            && tail
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
        {
            return Some(id);
        }
        let span = o
            .table
            .get("contributor_id")
            .map(|n| n.span.clone())
            .unwrap_or(0..0);
        o.push(
            o.error(span, crate::msg!("contributor-id-invalid", id = &id))
                .with_help(crate::msg!("contributor-id-help")),
        );
        None
    });
    let publisher = o.tables_or_table("publisher");
    if let Some(p) = &publisher {
        p.unknown_keys(&keys(rows(rows(SITE, "open_data"), "publisher")));
    }
    OpenData {
        present: true,
        contributor_id,
        publisher_name: publisher.as_ref().and_then(|p| p.str_opt("name")),
        publisher_type: publisher
            .as_ref()
            .and_then(|p| p.choice("type", PUBLISHER_TYPES, false)),
        publisher_url: publisher.as_ref().and_then(|p| p.url_opt("url")),
        contact_email: o.email_opt("contact_email"),
    }
}

/// `[translations.<lang>]`: the site's title and description in each of
/// its other languages; a table for a language the site lacks (or its
/// default) is an error at its line.
fn read_translations(
    r: &Reader,
    table: &Table,
    languages: &[String],
) -> BTreeMap<String, SiteTexts> {
    let mut out = BTreeMap::new();
    let Some(all) = r.tables_or_table("translations") else {
        return out;
    };
    let Some(Value::Table(t)) = table.get("translations").map(|n| &n.value) else {
        return out;
    };
    for e in &t.entries {
        let lang = e.key.as_str();
        // A `languages` entry refused there (reported at its place) may be
        // this one, misspelt: one mistake, one message.
        let refused = match table.get("languages").map(|n| &n.value) {
            Some(Value::Array(items)) => items.len() != languages.len(),
            _ => false,
        };
        let written = refused || languages.iter().any(|l| l == lang);
        if !written || (!refused && languages.first().is_some_and(|d| d == lang)) {
            let list = languages.join("\", \"");
            r.push(
                r.error(
                    e.key_span.clone(),
                    crate::msg!("translations-table-language", lang = lang),
                )
                .with_help(crate::msg!("translations-table-language-help", list = list)),
            );
            continue;
        }
        let Some(sub) = all.tables_or_table(lang) else {
            continue;
        };
        sub.unknown_keys(&keys(crate::model::fields::SITE_TEXTS));
        out.insert(
            lang.to_string(),
            SiteTexts {
                title: sub.str_opt("title"),
                description: sub.str_opt("description"),
            },
        );
    }
    out
}

/// `languages = [...]`: each a language tag, no repeats, the default first.
fn read_languages(r: &Reader, table: &Table, language: &str) -> Vec<String> {
    let Some(node) = table.get("languages") else {
        return vec![language.to_string()];
    };
    // Reported by `str_list` when the list or an item is of the wrong type.
    let list = r.str_list("languages");
    let mut out: Vec<String> = Vec::new();
    let items: Vec<(String, Span)> = match &node.value {
        Value::Array(items) => items
            .iter()
            .filter_map(|n| match &n.value {
                Value::Str(s) => Some((s.clone(), n.span.clone())),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    for (tag, span) in &items {
        let (tag, span) = (tag, span.clone());
        if !is_language_tag(tag) {
            r.push(
                r.error(span, crate::msg!("not-a-language-tag", tag = tag))
                    .with_help(crate::msg!("language-tag-help")),
            );
        } else if out.contains(tag) {
            r.push(r.error(span, crate::msg!("listed-twice", item = tag)));
        } else {
            out.push(tag.clone());
        }
    }
    if list.is_empty() || list.first().map(String::as_str) != Some(language) {
        r.push(
            r.error(
                node.span.clone(),
                crate::msg!("languages-default-first", language = language),
            )
            .with_help(crate::msg!(
                "languages-default-first-help",
                language = language
            )),
        );
        out.retain(|l| l != language);
        out.insert(0, language.to_string());
    }
    out
}

/// Checks a base URL and makes it end with `/` (for `--base-url` on the
/// command line, whose parser reports in English like clap).
pub fn normalize_base_url(url: &str) -> Result<String, String> {
    check_base_url(url).map_err(|m| m.text(crate::messages::Lang::En))
}

/// Checks a base URL and makes it end with `/`.
pub fn check_base_url(url: &str) -> Result<String, Message> {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| crate::msg!("base-url-scheme", url = url))?;
    let host = rest.split('/').next().unwrap_or("");
    if host.is_empty() || url.contains(['?', '#', ' ', '"', '<', '>']) {
        return Err(crate::msg!("base-url-invalid", url = url));
    }
    Ok(if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    })
}

/// The path part of the `base_url` in `root/site.toml` (`/kaoa/`), read
/// on its own before a build: `/` when site.toml is missing or broken (the
/// build reports why). The dev server serves the site under this path.
pub fn base_path_of(root: &std::path::Path) -> String {
    let Ok(text) = std::fs::read_to_string(root.join("site.toml")) else {
        return "/".into();
    };
    let src = Source::new("site.toml", text);
    crate::load::node::parse(&src.text, 0)
        .ok()
        .and_then(|t| Config::read(&src, &t, &mut Vec::new()))
        .map_or_else(|| "/".to_string(), |c| c.base_path().to_string())
}

/// The language of the site's UI strings (`i18n/<language>.toml`), read
/// from site.toml as loaded, before linking, so that the theme can compile
/// while the content links: "de" when site.toml is missing or broken
/// (linking reports why). The one way both `build` and the dev server
/// should read it.
pub fn theme_language(loaded: &Loaded) -> String {
    loaded
        .config
        .as_ref()
        .and_then(|(src, t)| Config::read(src, t, &mut Vec::new()))
        .map_or_else(|| "de".to_string(), |c| c.language)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_and_path() {
        assert_eq!(
            normalize_base_url("https://a.org").unwrap(),
            "https://a.org/"
        );
        assert!(normalize_base_url("a.org").is_err());
        let src = Source::new(
            "site.toml",
            "title = \"T\"\nbase_url = \"https://a.org/sub/x\"\n",
        );
        let t = crate::load::node::parse(&src.text, 0).unwrap();
        let mut d = Vec::new();
        let c = Config::read(&src, &t, &mut d).unwrap();
        assert_eq!(c.base_path(), "/sub/x/");
        assert!(d.is_empty());
    }
}
