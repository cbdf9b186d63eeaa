//! `#anchor` links: a link to `page#x` (or `#x` on the same page) must
//! find an element with `id="x"` on that page. The ids are read once, and
//! only from the pages that some anchor link points to.

use super::{attribute_values, is_internal, links, own, resolve};
use crate::output::Output;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};

/// A link on `page` to `target` (as written) whose `#fragment` names no
/// element of `target_page` (an output path).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct BrokenFragment {
    pub page: String,
    pub target: String,
    pub target_page: String,
    pub fragment: String,
    /// The ids of `target_page` nearest to `fragment` (a renamed heading).
    pub near: Vec<String>,
}

/// Every link of the HTML pages of `out` to an anchor that its page lacks,
/// sorted. Links to missing pages are `check`'s; `#` and `#top` always
/// work (the HTML standard scrolls to the top for them).
pub fn check_fragments(out: &Output, base_path: &str, base_url: &str) -> Vec<BrokenFragment> {
    let wanted: Vec<BrokenFragment> = super::html_pages(out)
        .flat_map_iter(|(path, html)| {
            links(&html)
                .into_iter()
                .filter_map(|target| {
                    let (_, raw) = target.split_once('#')?;
                    let fragment = percent_decode(raw);
                    if fragment.is_empty() || fragment.eq_ignore_ascii_case("top") {
                        return None;
                    }
                    let as_path = own(&target, base_url, base_path);
                    if !(target.starts_with('#') || is_internal(&as_path)) {
                        return None;
                    }
                    let target_page = resolve(out, base_path, path, &as_path)?;
                    target_page.ends_with(".html").then(|| BrokenFragment {
                        page: path.clone(),
                        target,
                        target_page,
                        fragment,
                        near: Vec::new(),
                    })
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let pages: HashSet<&str> = wanted.iter().map(|w| w.target_page.as_str()).collect();
    let ids: HashMap<&str, HashSet<String>> = pages
        .into_par_iter()
        .map(|p| {
            let html = out
                .get(p)
                .map(|b| String::from_utf8_lossy(b))
                .unwrap_or_default();
            (
                p,
                attribute_values(&html, &[" id=\""]).into_iter().collect(),
            )
        })
        .collect();
    let mut broken: Vec<BrokenFragment> = wanted
        .iter()
        .filter(|w| !ids[w.target_page.as_str()].contains(&w.fragment))
        .map(|w| {
            let page_ids = &ids[w.target_page.as_str()];
            let near =
                crate::text::suggest::nearest(&w.fragment, page_ids.iter().map(|s| s.as_str()));
            BrokenFragment {
                near: near.into_iter().map(|n| format!("#{n}")).collect(),
                ..w.clone()
            }
        })
        .collect();
    broken.sort();
    broken.dedup();
    broken
}

/// `%C3%BC` → `ü`; an invalid escape stays as written.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| {
            std::str::from_utf8(h)
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        });
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_anchors_that_their_page_lacks() {
        let mut out = Output::default();
        out.insert(
            "a/index.html",
            "<h2 id=\"ziele\">Ziele</h2> <a href=\"#ziele\">ok</a> <a href=\"#ziel\">x</a> \
             <a href=\"/sub/b/#%C3%BCbersicht\">ok</a> <a href=\"../b/#kontakt\">x</a> <a href=\"https://netz.example/sub/b/#k\">x</a> \
             <a href=\"#top\">ok</a> <a href=\"/sub/c/#egal\">missing page: not here</a> \
             <a href=\"https://example.org/#x\">external</a> <a href=\"/sub/data.json#x\">no html</a>"
                .as_bytes()
                .to_vec(),
        );
        out.insert(
            "b/index.html",
            "<section id=\"übersicht\"></section>".as_bytes().to_vec(),
        );
        out.insert("data.json", b"{}".to_vec());
        let found = check_fragments(&out, "/sub/", "https://netz.example/sub/");
        assert_eq!(found[0].near, ["#ziele"]);
        let broken: Vec<(String, String, String)> = found
            .into_iter()
            .map(|b| (b.target, b.target_page, b.fragment))
            .collect();
        assert_eq!(
            broken,
            [
                ("#ziel".into(), "a/index.html".into(), "ziel".into()),
                (
                    "../b/#kontakt".into(),
                    "b/index.html".into(),
                    "kontakt".into()
                ),
                (
                    "https://netz.example/sub/b/#k".into(),
                    "b/index.html".into(),
                    "k".into()
                ),
            ]
        );
    }

    #[test]
    fn decodes_percent_escapes() {
        assert_eq!(percent_decode("%C3%BCber%20x"), "über x");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%ZZ"), "%ZZ");
    }
}
