//! Link checking over a built `Output` (`lotse check`): every `href`/`src`
//! that stays on the site must lead to a file the site has, every `#anchor`
//! to an `id` on the page it names (`fragments`); with `--external`, links
//! to other sites are asked over HTTP (`external`, cached in `cache`).

pub mod cache;
pub mod external;
mod fragments;
pub mod report;

pub use fragments::{BrokenFragment, check_fragments};

use crate::output::Output;
use rayon::prelude::*;

/// A link on `page` (an output path) to `target` (as written) that leads nowhere.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BrokenLink {
    pub page: String,
    pub target: String,
}

/// Every broken internal link of the HTML pages of `out`, sorted. A link
/// under `base_url` (canonical and language links) is the site's own and
/// is checked as the path it names.
pub fn check(out: &Output, base_path: &str, base_url: &str) -> Vec<BrokenLink> {
    let mut broken: Vec<BrokenLink> = html_pages(out)
        .flat_map_iter(|(path, html)| {
            links(&html)
                .into_iter()
                .filter(|target| is_internal(&own(target, base_url, base_path)))
                .filter(|target| {
                    resolve(out, base_path, path, &own(target, base_url, base_path)).is_none()
                })
                .map(|target| BrokenLink {
                    page: path.clone(),
                    target,
                })
                .collect::<Vec<_>>()
        })
        .collect();
    broken.sort_by(|a, b| (&a.page, &a.target).cmp(&(&b.page, &b.target)));
    broken.dedup();
    broken
}

/// Every link to another site (`http://`, `https://`), with the pages that
/// have it, sorted by URL: what `lotse check --external` asks for. Links
/// under `own` (the site's `base_url`: canonical and language links) are
/// the site's own pages, perhaps not yet published, and not asked.
pub fn external_links(out: &Output, own: &str) -> Vec<(String, Vec<String>)> {
    let own = own.to_ascii_lowercase();
    let mut pairs: Vec<(String, String)> = html_pages(out)
        .flat_map_iter(|(path, html)| {
            links(&html)
                .into_iter()
                .filter(|t| is_external(t) && !t.to_ascii_lowercase().starts_with(&own))
                .map(|t| (t, path.clone()))
                .collect::<Vec<_>>()
        })
        .collect();
    pairs.sort();
    pairs.dedup();
    let mut grouped: Vec<(String, Vec<String>)> = Vec::new();
    for (url, page) in pairs {
        match grouped.last_mut() {
            Some((u, pages)) if *u == url => pages.push(page),
            _ => grouped.push((url, vec![page])),
        }
    }
    grouped
}

/// `https://host/sub/x/` → `/sub/x/` when `base_url` is `https://host/sub/`
/// (and `base_path` `/sub/`); any other link as it is.
fn own<'a>(target: &'a str, base_url: &str, base_path: &str) -> std::borrow::Cow<'a, str> {
    match target.get(..base_url.len()) {
        Some(head) if !base_url.is_empty() && head.eq_ignore_ascii_case(base_url) => {
            format!("{base_path}{}", &target[base_url.len()..]).into()
        }
        _ => target.into(),
    }
}

/// The HTML pages of `out` with their text, in parallel.
fn html_pages(out: &Output) -> impl ParallelIterator<Item = (&String, std::borrow::Cow<'_, str>)> {
    out.files
        .par_iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, bytes)| (path, String::from_utf8_lossy(bytes)))
}

/// The values of every `href="…"` and `src="…"` attribute, `&amp;` decoded.
fn links(html: &str) -> Vec<String> {
    attribute_values(html, &[" href=\"", " src=\""])
}

/// The values of the attributes that start with one of `attrs` (each
/// written as ` name="`), `&amp;` decoded.
fn attribute_values(html: &str, attrs: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for attr in attrs {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            let Some(end) = rest.find('"') else { break };
            out.push(rest[..end].replace("&amp;", "&"));
            rest = &rest[end..];
        }
    }
    out
}

fn is_external(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

fn is_internal(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    !(lower.is_empty()
        || lower.starts_with('#')
        || lower.starts_with("//")
        || lower.contains("://")
        || lower.starts_with("mailto:")
        || lower.starts_with("tel:")
        || lower.starts_with("data:")
        || lower.starts_with("javascript:"))
}

/// The output path that `target`, found on `page`, names; `None` when the
/// output has no such file.
fn resolve(out: &Output, base_path: &str, page: &str, target: &str) -> Option<String> {
    let target = target.split(['#', '?']).next().unwrap_or("");
    if target.is_empty() {
        return Some(page.to_string());
    }
    let path = if let Some(abs) = target.strip_prefix('/') {
        ("/".to_string() + abs).strip_prefix(base_path)?.to_string()
    } else {
        let dir = page.rsplit_once('/').map_or("", |(d, _)| d);
        normalize(&format!("{dir}/{target}"))
    };
    let path = path.trim_start_matches('/');
    if path.is_empty() || path.ends_with('/') {
        let index = format!("{path}index.html");
        return out.get(&index).is_some().then_some(index);
    }
    if out.get(path).is_some() {
        return Some(path.to_string());
    }
    let index = format!("{path}/index.html");
    out.get(&index).is_some().then_some(index)
}

/// Resolves `.` and `..` segments of a relative path.
fn normalize(p: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for seg in p.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let mut s = parts.join("/");
    if p.ends_with('/') {
        s.push('/');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_broken_links_under_a_sub_path() {
        let mut out = Output::default();
        let page = "<a href=\"/sub/partner/x/\">x</a> <a href=\"/sub/fehlt/\">y</a> \
                    <img src=\"../bild.png\"> <a href=\"https://example.org/\">z</a> \
                    <a href=\"/woanders/\">w</a> <a href=\"#top\">t</a> <link href=\"/sub/lotse.css\"> \
                    <link rel=\"canonical\" href=\"https://netz.example/sub/regionen/a/\"> \
                    <link rel=\"alternate\" href=\"https://netz.example/sub/en/regionen/a/\">";
        out.insert("regionen/a/index.html", page.as_bytes().to_vec());
        out.insert("partner/x/index.html", b"ok".to_vec());
        out.insert("lotse.css", b"".to_vec());
        out.insert("regionen/bild.png", b"".to_vec());
        let broken: Vec<String> = check(&out, "/sub/", "https://netz.example/sub/")
            .into_iter()
            .map(|b| b.target)
            .collect();
        assert_eq!(
            broken,
            [
                "/sub/fehlt/",
                "/woanders/",
                "https://netz.example/sub/en/regionen/a/"
            ]
        );
    }

    #[test]
    fn lists_external_links_once_with_their_pages() {
        let mut out = Output::default();
        out.insert(
            "a/index.html",
            b"<a href=\"https://example.org/x?a=1&amp;b=2\">x</a> <a href=\"/b/\">b</a> \
              <a href=\"http://example.net/\">y</a> <a href=\"mailto:a@b.de\">m</a> \
              <link rel=\"canonical\" href=\"https://Netz.example.de/a/\">"
                .to_vec(),
        );
        out.insert(
            "b/index.html",
            b"<a href=\"https://example.org/x?a=1&amp;b=2\">x</a>".to_vec(),
        );
        let links = external_links(&out, "https://netz.example.de/");
        assert_eq!(
            links,
            [
                (
                    "http://example.net/".to_string(),
                    vec!["a/index.html".to_string()]
                ),
                (
                    "https://example.org/x?a=1&b=2".to_string(),
                    vec!["a/index.html".to_string(), "b/index.html".to_string()]
                ),
            ]
        );
    }
}
