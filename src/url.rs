//! Site paths and URLs: where each entity and list lives, and how a path
//! becomes a link that honours a `base_url` with a sub-path.

use crate::section::Kind;

/// The site path of an entity's page, without leading slash (`regionen/x/`).
pub fn entity_path(kind: Kind, id: &str) -> String {
    match kind {
        Kind::Page => format!("{id}/"),
        _ => format!("{}/{id}/", kind.section()),
    }
}

/// The site path of a partner's contacts as vCards (`partner/x/kontakt.vcf`).
pub fn vcard_path(partner_id: &str) -> String {
    format!("{}kontakt.vcf", entity_path(Kind::Partner, partner_id))
}

/// Builds links from site paths.
#[derive(Clone, Debug)]
pub struct Urls {
    /// `/` or `/sub/path/`.
    pub base_path: String,
    /// `https://host/sub/path/`.
    pub base_url: String,
    /// The site's root path, where its files (style sheet, scripts, open
    /// data) are: `base_path` but for a language version (`/sub/tr/`),
    /// whose pages are below it and whose files are the site's.
    pub root_path: String,
}

impl Urls {
    pub fn new(base_url: &str, base_path: &str) -> Self {
        Urls {
            base_path: base_path.to_string(),
            base_url: base_url.to_string(),
            root_path: base_path.to_string(),
        }
    }

    /// The links of the language version `lang` (`/sub/tr/…`): the same
    /// paths below `<lang>/`; files stay at the root.
    pub fn for_language(&self, lang: &str) -> Urls {
        Urls {
            base_path: join(&[&self.root_path, lang, "/"]),
            base_url: join(&[&self.base_url, lang, "/"]),
            root_path: self.root_path.clone(),
        }
    }

    /// A root-relative link to a file of the site (`/sub/lotse.css`),
    /// the same in every language version.
    pub fn asset(&self, path: &str) -> String {
        join(&[&self.root_path, path.trim_start_matches('/')])
    }

    /// A root-relative link (`/sub/regionen/x/`) for a site path.
    pub fn link(&self, path: &str) -> String {
        join(&[&self.base_path, path.trim_start_matches('/')])
    }

    /// An absolute URL (`https://host/sub/regionen/x/`) for a site path.
    pub fn absolute(&self, path: &str) -> String {
        join(&[&self.base_url, path.trim_start_matches('/')])
    }

    /// `link` of the path that `parts` make together, in one allocation;
    /// the first part must not start with `/`.
    pub fn link_parts(&self, parts: &[&str]) -> String {
        let mut s = String::with_capacity(
            self.base_path.len() + parts.iter().map(|p| p.len()).sum::<usize>(),
        );
        s.push_str(&self.base_path);
        for p in parts {
            s.push_str(p);
        }
        s
    }

    /// `link(&entity_path(kind, id))` in one allocation: pages link to
    /// their entities tens of times each.
    pub fn entity(&self, kind: Kind, id: &str) -> String {
        match kind {
            Kind::Page => match id.trim_start_matches('/') {
                // `entity_path` gives `/`, which `link` trims away.
                "" => self.base_path.clone(),
                id => join(&[&self.base_path, id, "/"]),
            },
            _ => join(&[&self.base_path, kind.section(), "/", id, "/"]),
        }
    }
}

/// The parts one after another, in a string allocated once (cheaper than
/// `format!`, which these hot paths used before).
fn join(parts: &[&str]) -> String {
    let mut s = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        s.push_str(p);
    }
    s
}

/// `/alt/pfad` or `alt/pfad/` → `alt/pfad/index.html`; `x.html` stays.
pub fn alias_path(alias: &str) -> String {
    let a = alias.trim().trim_start_matches('/');
    if a.ends_with(".html") {
        a.to_string()
    } else if a.is_empty() || a.ends_with('/') {
        format!("{a}index.html")
    } else {
        format!("{a}/index.html")
    }
}

/// The scheme of `url` when it can run code as a link is followed
/// (`javascript:`, `vbscript:`, `data:`), the way a browser reads it:
/// case-insensitive, with whitespace and control characters ignored.
pub fn dangerous_scheme(url: &str) -> Option<&'static str> {
    let lower: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:"]
        .into_iter()
        .find(|s| lower.starts_with(s))
}

/// A web address written without its scheme (`www.kreis.de`,
/// `kreis.de/kaoa`), which the theme cannot link: the address with
/// `https://` in front. `None` for anything with a scheme (`https:`,
/// `mailto:`), a site path (`/…`) or text that is not a host name.
pub fn missing_scheme(url: &str) -> Option<String> {
    let url = url.trim();
    if url.is_empty() || url.contains(':') || url.starts_with(['/', '.', '#', '?']) {
        return None;
    }
    let host = url.split(['/', '?', '#']).next().unwrap_or("");
    let labels: Vec<&str> = host.split('.').collect();
    let is_host = labels.len() >= 2
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_alphanumeric() || c == '-'))
        && labels
            .last()
            .is_some_and(|tld| tld.chars().all(char::is_alphabetic));
    (is_host && !url.contains(char::is_whitespace)).then(|| format!("https://{url}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_without_scheme() {
        assert_eq!(
            missing_scheme("www.kreis.de").as_deref(),
            Some("https://www.kreis.de")
        );
        assert_eq!(
            missing_scheme("kreis-coesfeld.de/kaoa/").as_deref(),
            Some("https://kreis-coesfeld.de/kaoa/")
        );
        for ok in [
            "https://www.kreis.de",
            "mailto:a@b.de",
            "/impressum/",
            "siehe Aushang",
            "v1.2",
            "",
        ] {
            assert_eq!(missing_scheme(ok), None, "{ok}");
        }
    }

    #[test]
    fn links_honour_sub_path() {
        let u = Urls::new("https://a.org/sub/", "/sub/");
        assert_eq!(u.entity(Kind::Region, "x"), "/sub/regionen/x/");
        assert_eq!(u.entity(Kind::Page, "impressum"), "/sub/impressum/");
        for (kind, id) in [
            (Kind::Page, ""),
            (Kind::Page, "/a"),
            (Kind::Page, "//"),
            (Kind::Offer, "o"),
        ] {
            assert_eq!(u.entity(kind, id), u.link(&entity_path(kind, id)));
        }
        assert_eq!(
            u.link_parts(&["angebote/", "klasse", "/", "8", "/"]),
            u.link("angebote/klasse/8/")
        );
        let tr = u.for_language("tr");
        assert_eq!(
            tr.entity(Kind::Offer, "o"),
            "/sub/angebote/o/".replace("/sub/", "/sub/tr/")
        );
        assert_eq!(tr.asset("lotse.css"), "/sub/lotse.css");
        assert_eq!(tr.absolute("x/"), "https://a.org/sub/tr/x/");
        assert_eq!(
            u.absolute("/daten/partner.json"),
            "https://a.org/sub/daten/partner.json"
        );
    }
}
