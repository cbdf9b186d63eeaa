//! Internal link checking over a built `Output`: every `href`/`src` that
//! stays on the site must lead to a file the site has (`lotse check`).

use crate::output::Output;
use rayon::prelude::*;

/// A link on `page` (an output path) to `target` (as written) that leads nowhere.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BrokenLink {
    pub page: String,
    pub target: String,
}

/// Every broken internal link of the HTML pages of `out`, sorted.
pub fn check(out: &Output, base_path: &str) -> Vec<BrokenLink> {
    let mut broken: Vec<BrokenLink> = out
        .files
        .par_iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .flat_map_iter(|(path, bytes)| {
            let html = String::from_utf8_lossy(bytes);
            links(&html)
                .into_iter()
                .filter(|target| !resolves(out, base_path, path, target))
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

/// The values of `href="…"` and `src="…"` attributes that could be internal.
fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in [" href=\"", " src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            let Some(end) = rest.find('"') else { break };
            let value = rest[..end].replace("&amp;", "&");
            rest = &rest[end..];
            if is_internal(&value) {
                out.push(value);
            }
        }
    }
    out
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

/// Whether `target`, found on `page`, names a file of the output.
fn resolves(out: &Output, base_path: &str, page: &str, target: &str) -> bool {
    let target = target.split(['#', '?']).next().unwrap_or("");
    if target.is_empty() {
        return true;
    }
    let path = if let Some(abs) = target.strip_prefix('/') {
        match ("/".to_string() + abs).strip_prefix(base_path) {
            Some(p) => p.to_string(),
            None => return false,
        }
    } else {
        let dir = page.rsplit_once('/').map_or("", |(d, _)| d);
        normalize(&format!("{dir}/{target}"))
    };
    let path = path.trim_start_matches('/');
    if path.is_empty() || path.ends_with('/') {
        return out.get(&format!("{path}index.html")).is_some();
    }
    out.get(path).is_some() || out.get(&format!("{path}/index.html")).is_some()
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
                    <a href=\"/woanders/\">w</a> <a href=\"#top\">t</a> <link href=\"/sub/lotse.css\">";
        out.insert("regionen/a/index.html", page.as_bytes().to_vec());
        out.insert("partner/x/index.html", b"ok".to_vec());
        out.insert("lotse.css", b"".to_vec());
        out.insert("regionen/bild.png", b"".to_vec());
        let broken: Vec<String> = check(&out, "/sub/").into_iter().map(|b| b.target).collect();
        assert_eq!(broken, ["/sub/fehlt/", "/woanders/"]);
    }
}
