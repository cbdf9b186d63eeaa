//! Markdown bodies → HTML: CommonMark with tables, footnotes, strikethrough,
//! task lists and heading ids; `@/` links resolved; raw HTML sanitized,
//! allowed or escaped as the site says; the first paragraph as plain text.

use crate::config::RawHtml;
use crate::model::ids::slugify;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::HashSet;
use std::ops::Range;

/// What rendering needs from the rest of the site.
pub struct MdContext<'a> {
    pub raw_html: RawHtml,
    /// Prefix for links that start with `/` (the base_url's path).
    pub base_path: &'a str,
    /// Resolves the part after `@/` (`partners/x.md`).
    pub resolve: &'a (dyn Fn(&str) -> Target + Sync),
}

/// What the path of an `@/` link names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A page of this build, at this link.
    Page(String),
    /// A draft left out of this build: a warning, the link goes nowhere.
    Draft,
    /// A file with errors of its own (reported already): no message.
    Broken,
    /// No such content file: an error.
    Missing,
}

/// A problem in a body, as a byte range relative to the body.
#[derive(Debug, Clone)]
pub struct MdProblem {
    pub span: Range<usize>,
    pub message: String,
    pub help: Option<String>,
    /// A warning rather than an error.
    pub warning: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    /// The first paragraph as plain text.
    pub first_paragraph: Option<String>,
    /// The body as plain text, for the search index.
    pub text: String,
    pub problems: Vec<MdProblem>,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Schemes that can run code when a link is followed.
fn is_dangerous_url(url: &str) -> bool {
    let lower: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    lower.starts_with("javascript:") || lower.starts_with("vbscript:") || lower.starts_with("data:")
}

/// Renders a body.
pub fn render(body: &str, ctx: &MdContext) -> Rendered {
    let mut out = Rendered::default();
    let mut events: Vec<Event> = Vec::new();
    let mut has_raw_html = false;
    let mut in_first_para = 0u8; // 0 before, 1 inside, 2 done
    let mut first = String::new();
    let mut used_ids: HashSet<String> = HashSet::new();
    let mut heading_start: Option<usize> = None;

    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        let event = match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Link {
                link_type,
                dest_url: rewrite_url(dest_url, &range, body, ctx, &mut out.problems),
                title,
                id,
            }),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Image {
                link_type,
                dest_url: rewrite_url(dest_url, &range, body, ctx, &mut out.problems),
                title,
                id,
            }),
            // The page's title is its only h1; a `#` heading in a body becomes h2.
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                id,
                classes,
                attrs,
            }) => Event::Start(Tag::Heading {
                level: HeadingLevel::H2,
                id,
                classes,
                attrs,
            }),
            Event::End(TagEnd::Heading(HeadingLevel::H1)) => {
                Event::End(TagEnd::Heading(HeadingLevel::H2))
            }
            Event::Html(h) | Event::InlineHtml(h) if ctx.raw_html == RawHtml::Escape => {
                Event::Text(h)
            }
            e @ (Event::Html(_) | Event::InlineHtml(_)) => {
                has_raw_html = true;
                e
            }
            e => e,
        };
        match &event {
            Event::Start(Tag::Paragraph) if in_first_para == 0 => in_first_para = 1,
            Event::End(TagEnd::Paragraph) if in_first_para == 1 => in_first_para = 2,
            Event::Start(Tag::Heading { .. }) => heading_start = Some(events.len()),
            Event::End(TagEnd::Heading(_)) => {
                if let Some(start) = heading_start.take() {
                    assign_heading_id(&mut events, start, &mut used_ids);
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if in_first_para == 1 {
                    first.push_str(t);
                }
                out.text.push_str(t);
                out.text.push(' ');
            }
            Event::SoftBreak | Event::HardBreak if in_first_para == 1 => first.push(' '),
            _ => {}
        }
        events.push(event);
    }
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    if has_raw_html && ctx.raw_html == RawHtml::Sanitize {
        html = sanitize(&html);
    }
    if html.contains("<table>") {
        // A wide table scrolls in its own focusable region instead of the
        // whole page scrolling sideways on a phone.
        html = html
            .replace(
                "<table>",
                "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Tabelle\"><table>",
            )
            .replace("</table>", "</table></div>");
    }
    out.html = html;
    let first = first.split_whitespace().collect::<Vec<_>>().join(" ");
    out.first_paragraph = (!first.is_empty()).then_some(first);
    out
}

/// Ids the theme's templates use around a body; a body heading must not
/// take them (a heading "Inhalt" would break the skip link).
fn is_reserved_id(id: &str) -> bool {
    id == "inhalt"
        || id == "zusammenfassung-leichte-sprache"
        || id.ends_with("-titel")
        || id.starts_with("art-")
}

/// Gives a heading without `{#id}` an id made from its text, unique in the
/// body and clear of the theme's own ids.
fn assign_heading_id(events: &mut [Event], start: usize, used: &mut HashSet<String>) {
    let text: String = events[start..]
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect();
    if let Event::Start(Tag::Heading { id, .. }) = &mut events[start] {
        let base = match id {
            Some(existing) => existing.to_string(),
            None => {
                let s = slugify(&text);
                if s.is_empty() {
                    "abschnitt".to_string()
                } else {
                    s
                }
            }
        };
        let mut candidate = base.clone();
        let mut n = 1;
        while is_reserved_id(&candidate) || !used.insert(candidate.clone()) {
            n += 1;
            candidate = format!("{base}-{n}");
        }
        *id = Some(CowStr::from(candidate));
    }
}

fn rewrite_url<'a>(
    url: CowStr<'a>,
    range: &Range<usize>,
    body: &str,
    ctx: &MdContext,
    problems: &mut Vec<MdProblem>,
) -> CowStr<'a> {
    if let Some(target) = url.strip_prefix("@/") {
        let (path, anchor) = match target.split_once('#') {
            Some((p, a)) => (p, Some(a)),
            None => (target, None),
        };
        let span = || {
            body[range.clone()]
                .find(url.as_ref())
                .map_or(range.clone(), |i| {
                    range.start + i..range.start + i + url.len()
                })
        };
        return match (ctx.resolve)(path) {
            Target::Page(link) => match anchor {
                Some(a) => format!("{link}#{a}").into(),
                None => link.into(),
            },
            Target::Draft => {
                problems.push(MdProblem {
                    span: span(),
                    message: format!("link to `@/{path}`, a draft, which is not built"),
                    help: Some(
                        "publish it (remove `draft = true`) or build with `--drafts`".into(),
                    ),
                    warning: true,
                });
                "#".into()
            }
            Target::Broken => "#".into(),
            Target::Missing => {
                problems.push(MdProblem {
                    span: span(),
                    message: format!("link to `@/{path}`, but there is no content file `content/{path}`"),
                    help: Some("an internal link names a file below content/, e.g. `@/partners/ihk-offenbach.md`".into()),
                    warning: false,
                });
                "#".into()
            }
        };
    }
    if ctx.raw_html != RawHtml::Allow && is_dangerous_url(&url) {
        return "#".into();
    }
    if url.starts_with('/') && !url.starts_with("//") && ctx.base_path != "/" {
        return format!("{}{}", ctx.base_path, &url[1..]).into();
    }
    url
}

/// Removes scripts, event handlers and dangerous URLs from HTML, keeping
/// ordinary formatting and heading ids.
pub fn sanitize(html: &str) -> String {
    ammonia::Builder::default()
        .add_generic_attributes(["id", "class", "lang", "dir", "title"])
        .add_tags([
            "figure",
            "figcaption",
            "details",
            "summary",
            "section",
            "input",
        ])
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        .add_tag_attributes("td", ["style"])
        .add_tag_attributes("th", ["style"])
        .link_rel(None)
        .clean(html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(raw: RawHtml) -> MdContext<'static> {
        static RESOLVE: fn(&str) -> Target = |p: &str| match p {
            "partners/ihk.md" => Target::Page("/sub/partner/ihk/".to_string()),
            "offers/entwurf.md" => Target::Draft,
            _ => Target::Missing,
        };
        MdContext {
            raw_html: raw,
            base_path: "/sub/",
            resolve: &RESOLVE,
        }
    }

    #[test]
    fn resolves_internal_links_and_reports_broken_ones() {
        let r = render(
            "Siehe [IHK](@/partners/ihk.md#kontakt) und [X](@/partners/x.md).",
            &ctx(RawHtml::Sanitize),
        );
        assert!(
            r.html.contains("href=\"/sub/partner/ihk/#kontakt\""),
            "{}",
            r.html
        );
        assert_eq!(r.problems.len(), 1);
        assert_eq!(
            &"Siehe [IHK](@/partners/ihk.md#kontakt) und [X](@/partners/x.md)."
                [r.problems[0].span.clone()],
            "@/partners/x.md"
        );
    }

    #[test]
    fn sanitizes_raw_html_and_dangerous_links() {
        let r = render(
            "<script>alert(1)</script>\n\n<p onclick=\"x()\">Hi</p>\n\n[a](javascript:alert(1))",
            &ctx(RawHtml::Sanitize),
        );
        assert!(!r.html.contains("<script"), "{}", r.html);
        assert!(!r.html.contains("onclick"), "{}", r.html);
        assert!(!r.html.contains("javascript:"), "{}", r.html);
        let e = render("<b>x</b>", &ctx(RawHtml::Escape));
        assert!(e.html.contains("&lt;b&gt;"), "{}", e.html);
    }

    #[test]
    fn heading_ids_first_paragraph_and_root_links() {
        let r = render(
            "## Ausgangslage\n\nErster  Absatz\nzweite Zeile.\n\n## Ausgangslage\n\n[x](/daten/)",
            &ctx(RawHtml::Sanitize),
        );
        assert!(r.html.contains("<h2 id=\"ausgangslage\">"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"ausgangslage-2\">"), "{}", r.html);
        assert!(r.html.contains("href=\"/sub/daten/\""), "{}", r.html);
        assert_eq!(
            r.first_paragraph.as_deref(),
            Some("Erster Absatz zweite Zeile.")
        );
    }

    #[test]
    fn a_link_to_a_draft_is_a_warning() {
        let r = render("[E](@/offers/entwurf.md#x)", &ctx(RawHtml::Sanitize));
        assert!(r.html.contains("href=\"#\""), "{}", r.html);
        assert_eq!(r.problems.len(), 1);
        assert!(r.problems[0].warning);
        assert_eq!(r.problems[0].span, 4..25);
    }
}
