//! Entry points for the fuzz targets in `fuzz/` (and the unit test that
//! replays their regression inputs): each runs one stage of the real
//! pipeline on arbitrary bytes and checks the promises that hold for every
//! input, panicking when one is broken so that the fuzzer reports it.

use crate::config::RawHtml;
use crate::diagnostics::{Diagnostic, Source};
use crate::link::{self, LinkOptions};
use crate::load::{self, Loaded, node};
use crate::markdown::{self, MdContext, Target};
use crate::model::Kind;
use crate::output::Output;
use crate::serve::http::{Resolved, resolve};
use std::sync::OnceLock;

const SITE: &str = "title = \"Fuzz\"\nbase_url = \"https://example.org/netz/\"\n";

const VOCABULARIES: &str = "[region_kinds]\nlandkreis = \"Landkreis\"\n\
    [partner_kinds]\nihk = \"IHK\"\n[target_groups]\nschueler = \"Schüler\"\n\
    [fields]\nberufsorientierung = \"BO\"\n[quality_standards]\nbo = \"BO\"\n\
    [network_phases]\naufbau = \"Aufbau\"\n";

/// The tiny site every fuzzed file is checked against, so that its
/// references and vocabulary terms can resolve or fail to.
const DOCS: &[(&str, &str)] = &[
    (
        "content/regions/kreis.md",
        "+++\ntitle = \"Kreis\"\nkind = \"landkreis\"\ncoordination = [\"ihk\"]\n+++\nText.\n",
    ),
    (
        "content/partners/ihk.md",
        "+++\ntitle = \"IHK\"\nkind = \"ihk\"\nwebsite = \"https://ihk.example/\"\n+++\n",
    ),
    (
        "content/offers/kurs.md",
        "+++\ntitle = \"Kurs\"\nproviders = [\"ihk\"]\nregions = [\"kreis\"]\n\
         target_groups = [\"schueler\"]\n+++\n[IHK](@/partners/ihk.md)\n",
    ),
    (
        "content/pages/impressum.md",
        "+++\ntitle = \"Impressum\"\n+++\nText.\n",
    ),
    (
        "content/pages/datenschutz.md",
        "+++\ntitle = \"Datenschutz\"\n+++\nText.\n",
    ),
];

/// `content/<dir>/<stem>.md` → kind and stem; pages for anything else.
fn kind_and_stem(path: &str) -> (Kind, String) {
    let mut parts = path.rsplit('/');
    let file = parts.next().unwrap_or(path);
    let kind = parts.next().and_then(Kind::from_dir).unwrap_or(Kind::Page);
    let stem = file.strip_suffix(".md").unwrap_or(file).to_string();
    (kind, stem)
}

/// Decodes, splits, parses and validates one content file (at `path_hint`,
/// e.g. `content/offers/x.md`) together with a tiny built-in site, as
/// `lotse check` would. Returns every diagnostic.
pub fn content_file(path_hint: &str, bytes: &[u8]) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let mut loaded = Loaded {
        config: Some((
            Source::new("site.toml", SITE),
            node::parse(SITE, 0).expect("the fuzz site.toml parses"),
        )),
        vocabularies: Some((
            Source::new("content/vocabularies.toml", VOCABULARIES),
            node::parse(VOCABULARIES, 0).expect("the fuzz vocabularies parse"),
        )),
        // The built-in theme's languages, as `load` finds them.
        ui_languages: load::ui_languages(
            &load::theme_files(
                std::path::Path::new("/nonexistent"),
                "lotse",
                &Default::default(),
            )
            .0,
        ),
        ..Loaded::default()
    };
    for (path, text) in DOCS.iter().filter(|(p, _)| *p != path_hint) {
        let (kind, stem) = kind_and_stem(path);
        let doc = load::parse_doc(kind, stem, Source::new(*path, *text))
            .expect("the fuzz site's files parse");
        loaded.docs.push(doc);
    }
    let (kind, stem) = kind_and_stem(path_hint);
    let parsed = load::decode(path_hint.to_string(), bytes.to_vec())
        .map_err(|d| vec![d])
        .and_then(|src| load::parse_doc(kind, stem.clone(), src));
    match parsed {
        Ok(doc) => loaded.docs.push(doc),
        Err(mut d) => {
            diags.append(&mut d);
            loaded.failed.push((kind, stem));
        }
    }
    let opts = LinkOptions {
        drafts: false,
        today: jiff::civil::date(2026, 11, 22),
        base_url: None,
    };
    let (_site, mut more) = link::link(&loaded, &opts);
    diags.append(&mut more);
    for d in &diags {
        assert!(!d.file.is_empty(), "a diagnostic names no file: {d:?}");
        assert_terminal_safe(&d.render(crate::messages::Lang::En));
        assert_terminal_safe(&d.render(crate::messages::Lang::De));
    }
    diags
}

/// A diagnostic as printed may hold line breaks and tabs, but no other
/// control character: content must not drive the terminal.
pub fn assert_terminal_safe(printed: &str) {
    if let Some(c) = printed
        .chars()
        .find(|c| c.is_control() && *c != '\n' && *c != '\t')
    {
        panic!("control character {c:?} in a printed diagnostic: {printed:?}");
    }
}

/// Renders a Markdown body in each raw-HTML mode. Without `allow`, the
/// output must hold no `<script` and no link or image address with a
/// scheme that runs code.
pub fn markdown(bytes: &[u8]) -> usize {
    let body = String::from_utf8_lossy(bytes);
    let resolve = |p: &str| match p {
        "partners/ihk.md" => Target::Page("/netz/partner/ihk/".into()),
        "offers/entwurf.md" => Target::Draft,
        "offers/kaputt.md" => Target::Broken,
        _ => Target::Missing,
    };
    let mut total = 0;
    for raw_html in [RawHtml::Sanitize, RawHtml::Escape, RawHtml::Allow] {
        let ctx = MdContext {
            raw_html,
            base_path: "/netz/",
            resolve: &resolve,
        };
        let r = markdown::render(&body, &ctx);
        for p in &r.problems {
            assert!(
                p.span.start <= p.span.end && p.span.end <= body.len(),
                "problem span {:?} outside the body of {} bytes",
                p.span,
                body.len()
            );
        }
        if raw_html != RawHtml::Allow {
            assert_no_script(&r.html);
        }
        total += r.html.len();
    }
    total
}

/// Panics when `html` could run a script: a `<script` element, or an
/// `href`/`src` whose scheme is `javascript:`, `vbscript:` or `data:`.
pub fn assert_no_script(html: &str) {
    let lower = html.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "a script element: {html}");
    if let Some(name) = attribute_names(&lower).find(|n| n.starts_with("on")) {
        panic!("an event handler `{name}` survived: {html}");
    }
    for attr in ["href=\"", "src=\""] {
        for (i, _) in lower.match_indices(attr) {
            // `lower` and `html` share byte offsets: only ASCII changed case.
            let value = &html[i + attr.len()..];
            let value = &value[..value.find('"').unwrap_or(value.len())];
            let decoded = decode_attribute(value).to_ascii_lowercase();
            let scheme: String = decoded
                .chars()
                .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
                .take(12)
                .collect();
            for bad in ["javascript:", "vbscript:", "data:"] {
                assert!(
                    !scheme.starts_with(bad),
                    "a `{bad}` address survived: {html}"
                );
            }
        }
    }
}

/// The attribute names of every tag in serialized HTML (as pulldown-cmark
/// and ammonia write it: values quoted, no `<` inside a tag).
fn attribute_names(html: &str) -> impl Iterator<Item = &str> {
    html.split('<').skip(1).flat_map(|tag| {
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        let mut names = Vec::new();
        if tag.starts_with(|c: char| c.is_ascii_alphabetic()) {
            // skip the element name, then name[=value] pairs
            let mut rest = tag.trim_start_matches(|c: char| !c.is_ascii_whitespace());
            loop {
                rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
                if rest.is_empty() {
                    break;
                }
                let end = rest
                    .find(|c: char| c.is_ascii_whitespace() || c == '=' || c == '/')
                    .unwrap_or(rest.len());
                names.push(&rest[..end]);
                rest = &rest[end..];
                if let Some(v) = rest.strip_prefix('=') {
                    rest = match v.chars().next() {
                        Some(q @ ('"' | '\'')) => v[1..].find(q).map_or("", |e| &v[e + 2..]),
                        _ => v.trim_start_matches(|c: char| !c.is_ascii_whitespace()),
                    };
                }
            }
        }
        names
    })
}

/// The few character references pulldown-cmark and ammonia write into
/// attribute values, decoded the way a browser would.
fn decode_attribute(v: &str) -> String {
    let mut out = String::new();
    let mut rest = v;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let end = after.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &after[..e];
            let c = match name {
                "amp" => Some('&'),
                "quot" => Some('"'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "colon" => Some(':'),
                "tab" | "newline" => Some(' '),
                _ => name.strip_prefix('#').and_then(|n| {
                    let code = match n.strip_prefix('x') {
                        Some(hex) => u32::from_str_radix(hex, 16).ok(),
                        None => n.parse().ok(),
                    };
                    code.and_then(char::from_u32)
                }),
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &after[e + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn small_output() -> &'static Output {
    static OUT: OnceLock<Output> = OnceLock::new();
    OUT.get_or_init(|| {
        let mut out = Output::default();
        for p in [
            "index.html",
            "partner/index.html",
            "partner/ihk/index.html",
            "daten/partner.json",
            "style.css",
            "über/index.html",
        ] {
            out.insert(p, p.as_bytes().to_vec());
        }
        out
    })
}

/// Resolves a request path against a small output: it may only ever name
/// a file of the output, by a path without dot segments.
pub fn serve_path(bytes: &[u8]) -> bool {
    let path = String::from_utf8_lossy(bytes);
    match resolve(&path, small_output()) {
        Resolved::File { path, .. } => {
            assert!(
                small_output().get(&path).is_some(),
                "resolved to a file the output does not have: {path}"
            );
            assert!(
                !path.split('/').any(|s| s == ".." || s == "."),
                "a dot segment in a resolved path: {path}"
            );
            true
        }
        Resolved::Redirect(to) => {
            assert!(to.starts_with('/') && !to.starts_with("//"), "{to}");
            false
        }
        Resolved::NotFound | Resolved::Refused => false,
    }
}

/// The `content_file` fuzz target's input: the first byte picks the type
/// (its folder), the rest is the file.
pub fn content_file_input(data: &[u8]) -> Vec<Diagnostic> {
    let Some((&k, rest)) = data.split_first() else {
        return Vec::new();
    };
    let kind = Kind::ALL[usize::from(k) % Kind::ALL.len()];
    content_file(&format!("content/{}/fuzz.md", kind.dir()), rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Replays every input kept in `fuzz/regressions/<target>/`: each once
    /// broke a promise, and must keep holding it.
    #[test]
    fn fuzz_regressions_stay_fixed() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
        for target in ["content_file", "markdown", "serve_path"] {
            let folder = dir.join(target);
            let entries =
                std::fs::read_dir(&folder).unwrap_or_else(|e| panic!("{}: {e}", folder.display()));
            let mut n = 0;
            for e in entries {
                let e = e.unwrap_or_else(|e| panic!("{}: {e}", folder.display()));
                if e.file_name().to_string_lossy().starts_with('.') {
                    continue;
                }
                let bytes = std::fs::read(e.path())
                    .unwrap_or_else(|err| panic!("{}: {err}", e.path().display()));
                match target {
                    "content_file" => {
                        content_file_input(&bytes);
                    }
                    "markdown" => {
                        markdown(&bytes);
                    }
                    _ => {
                        serve_path(&bytes);
                    }
                }
                n += 1;
            }
            // A folder that was moved or emptied would otherwise pass
            // without replaying anything.
            assert!(
                n > 0,
                "no regression input replayed for the fuzz target `{target}` ({})",
                folder.display()
            );
            eprintln!("{target}: {n} fuzz regression inputs replayed");
        }
    }

    #[test]
    fn the_fuzz_site_is_clean() {
        let d = content_file("content/pages/impressum.md", DOCS[3].1.as_bytes());
        assert!(d.iter().all(|d| !d.is_error()), "{d:?}");
    }

    #[test]
    fn the_script_check_sees_encoded_schemes() {
        for bad in [
            "<a href=\"javascript:x\">",
            "<a href=\"JaVa&#x53;cript&colon;x\">",
            "<img src=\" data:text/html,x\">",
            "<h2 id=\"x\" onclick=\"alert(1)\">",
        ] {
            assert!(
                std::panic::catch_unwind(|| assert_no_script(bad)).is_err(),
                "{bad}"
            );
        }
        assert_no_script("<a href=\"https://x/javascript:\">javascript: ok</a>");
        assert_no_script("<p title=\"a onclick=b\" class=x>on=1</p>");
    }
}
