//! Markdown bodies → HTML: CommonMark with tables, footnotes, strikethrough,
//! task lists and heading ids; `@/` links resolved; raw HTML sanitized,
//! allowed or escaped as the site says; the first paragraph as plain text.

mod depth;
mod runs;

use crate::text::ids::slugify;
use crate::url::dangerous_scheme;
use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::HashSet;
use std::ops::Range;

/// How raw HTML in Markdown bodies is treated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum RawHtml {
    /// Scripts, event handlers and `javascript:` URLs removed (default).
    #[default]
    Sanitize,
    /// Passed through as written.
    Allow,
    /// Shown as text.
    Escape,
}

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
    pub message: crate::messages::Message,
    pub help: Option<crate::messages::Message>,
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

/// Renders a body.
pub fn render(body: &str, ctx: &MdContext) -> Rendered {
    // Room for the whole body from the start: the plain text is at most
    // about as long, and a Markdown body has an event per 20-odd bytes.
    // Grown by doubling they were copied over and over (a tenth of this
    // function's time at 10,000 entities).
    let mut out = Rendered {
        text: String::with_capacity(body.len() + 64),
        ..Rendered::default()
    };
    let mut events: Vec<Event> = Vec::with_capacity(body.len() / 16 + 16);
    let mut has_raw_html = false;
    let mut in_first_para = 0u8; // 0 before, 1 inside, 2 done
    let mut first = String::new();
    let mut used_ids: HashSet<String> = HashSet::new();
    let mut heading_start: Option<usize> = None;
    // the page's h1 comes before the body
    let mut prev_level = 1usize;
    let mut open_levels: Vec<usize> = Vec::new();
    let mut last_heading: Option<String> = None;
    let mut table_count = 0usize;
    let mut depth = depth::Depth::default();
    // Depth or size beyond any real text: the body is refused.
    let mut refused = false;

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
            // The page's title is its only h1, and the outline never skips a
            // level: a body heading becomes at least h2 and at most one level
            // below the heading before it (`#` → h2, `##` then `####` → h2, h3).
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                // `{onclick=…}` after a heading would be an attribute that
                // no sanitizer sees when the body has no raw HTML.
                let attrs = if ctx.raw_html == RawHtml::Allow {
                    attrs
                } else {
                    Vec::new()
                };
                let wanted = (level as usize).max(2);
                let fixed = wanted.min(prev_level + 1);
                prev_level = fixed;
                open_levels.push(fixed);
                Event::Start(Tag::Heading {
                    level: heading_level(fixed),
                    id,
                    classes,
                    attrs,
                })
            }
            Event::End(TagEnd::Heading(_)) => Event::End(TagEnd::Heading(heading_level(
                open_levels.pop().unwrap_or(2),
            ))),
            // A table gets a caption: the heading above it (for screen
            // readers; the heading already says it on screen).
            Event::Start(Tag::Table(align)) => {
                events.push(Event::Start(Tag::Table(align)));
                table_count += 1;
                let caption = last_heading
                    .clone()
                    .unwrap_or_else(|| format!("Tabelle {table_count}"));
                Event::Html(
                    format!(
                        "<caption class=\"visually-hidden\">{}</caption>",
                        escape_html(&caption)
                    )
                    .into(),
                )
            }
            Event::Html(h) | Event::InlineHtml(h) if ctx.raw_html == RawHtml::Escape => {
                Event::Text(h)
            }
            e @ (Event::Html(_) | Event::InlineHtml(_)) => {
                has_raw_html = true;
                e
            }
            // Text indented with a tab turns into a code box, which the
            // author rarely meant; a fenced block says "code" on purpose.
            e @ Event::Start(Tag::CodeBlock(CodeBlockKind::Indented)) => {
                let line = body[..range.start].rfind('\n').map_or(0, |i| i + 1);
                if body[line..].starts_with('\t') {
                    out.problems.push(MdProblem {
                        span: line..line + 1,
                        message: crate::msg!("tab-indented"),
                        help: Some(crate::msg!("tab-indented-help")),
                        warning: true,
                    });
                }
                e
            }
            e => e,
        };
        if let Event::Html(h) | Event::InlineHtml(h) = &event
            && h.len() > runs::MAX_RAW_HTML
        {
            refused = true;
            out.problems.push(MdProblem {
                span: range.start..range.start,
                message: crate::msg!("html-too-long", kib = runs::MAX_RAW_HTML / 1024),
                help: Some(crate::msg!("html-too-long-help")),
                warning: false,
            });
        }
        if !refused && depth.after(&event) > depth::MAX_DEPTH {
            refused = true;
            out.problems.push(MdProblem {
                span: range.start..range.start,
                message: crate::msg!("nested-too-deep", max = depth::MAX_DEPTH),
                help: Some(crate::msg!("nested-too-deep-help")),
                warning: false,
            });
        }
        match &event {
            Event::Start(Tag::Paragraph) if in_first_para == 0 => in_first_para = 1,
            Event::End(TagEnd::Paragraph) if in_first_para == 1 => in_first_para = 2,
            Event::Start(Tag::Heading { .. }) => heading_start = Some(events.len()),
            Event::End(TagEnd::Heading(_)) => {
                if let Some(start) = heading_start.take() {
                    last_heading = Some(assign_heading_id(&mut events, start, &mut used_ids));
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
    if refused {
        // An error fails the build; nothing of this body is shown.
        return out;
    }
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    if table_count > 0 {
        // Column alignment as a class: the site's Content-Security-Policy
        // forbids inline styles.
        for a in ["left", "center", "right"] {
            html = html.replace(
                &format!(" style=\"text-align: {a}\""),
                &format!(" class=\"align-{a}\""),
            );
        }
    }
    if has_raw_html && ctx.raw_html == RawHtml::Sanitize {
        html = sanitize(&runs::split_long_runs(&html));
    }
    if html.contains("<table") {
        html = wrap_tables(&html);
    }
    // Kept for the whole build, for every entity: no spare capacity.
    html.shrink_to_fit();
    out.html = html;
    let first = first.split_whitespace().collect::<Vec<_>>().join(" ");
    out.first_paragraph = (!first.is_empty()).then_some(first);
    out
}

fn heading_level(n: usize) -> HeadingLevel {
    match n {
        0..=2 => HeadingLevel::H2,
        3 => HeadingLevel::H3,
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Puts every `<table>` into its own focusable scroll region, named by the
/// table's caption, so a wide table scrolls instead of the whole page on a
/// phone.
fn wrap_tables(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 128);
    let mut rest = html;
    while let Some(i) = rest.find("<table") {
        let after = &rest[i + "<table".len()..];
        if !(after.starts_with('>') || after.starts_with(' ')) {
            out.push_str(&rest[..i + "<table".len()]);
            rest = after;
            continue;
        }
        out.push_str(&rest[..i]);
        let tag_end = after.find('>').map_or(after.len(), |e| e + 1);
        let inner = &after[tag_end..];
        let label = inner
            .strip_prefix("<caption")
            .and_then(|c| c.split_once('>'))
            .and_then(|(_, c)| c.split_once("</caption>"))
            .map(|(text, _)| strip_tags(text))
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| "Tabelle".to_string());
        out.push_str(&format!(
            "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"{}\">",
            label.trim().replace('"', "&quot;")
        ));
        let close = after
            .find("</table>")
            .map_or(after.len(), |c| c + "</table>".len());
        out.push_str("<table");
        out.push_str(&after[..close]);
        out.push_str("</div>");
        rest = &after[close..];
    }
    out.push_str(rest);
    out
}

/// Text of an HTML fragment that is already escaped (tags dropped).
fn strip_tags(s: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
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
fn assign_heading_id(events: &mut [Event], start: usize, used: &mut HashSet<String>) -> String {
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
        // A number appended frees `inhalt` or `x-titel`, never `art-x`:
        // such a base gets a prefix, or the loop below would never end
        // (a heading "Art der Kooperation" hung the build; found by fuzzing).
        let base = if base.starts_with("art-") {
            format!("abschnitt-{base}")
        } else {
            base
        };
        let mut candidate = base.clone();
        let mut n = 1;
        while is_reserved_id(&candidate) || !used.insert(candidate.clone()) {
            n += 1;
            candidate = format!("{base}-{n}");
        }
        *id = Some(CowStr::from(candidate));
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
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
                    message: crate::msg!("link-to-draft", path = path),
                    help: Some(crate::msg!("draft-reference-help")),
                    warning: true,
                });
                "#".into()
            }
            Target::Broken => "#".into(),
            Target::Missing => {
                problems.push(MdProblem {
                    span: span(),
                    message: crate::msg!("link-to-missing", path = path),
                    help: Some(crate::msg!("link-to-missing-help")),
                    warning: false,
                });
                "#".into()
            }
        };
    }
    if ctx.raw_html != RawHtml::Allow && dangerous_scheme(&url).is_some() {
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
    let clean = ammonia::Builder::default()
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
        .link_rel(None)
        .clean(html)
        .to_string();
    give_images_a_src(&clean)
}

/// An `<img>` whose address the sanitizer removed (`data:`, `javascript:`)
/// gets `src="#"`, as a Markdown image with such an address does: HTML
/// requires `src`, and the Nu Html Checker reports an `<img>` without one.
fn give_images_a_src(html: &str) -> String {
    if !html.contains("<img") {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len() + 16);
    let mut rest = html;
    while let Some(i) = rest.find("<img") {
        let end = rest[i..].find('>').map_or(rest.len(), |e| i + e);
        let tag = &rest[i..end];
        out.push_str(&rest[..i]);
        if tag.contains(" src=") {
            out.push_str(tag);
        } else {
            out.push_str("<img src=\"#\"");
            out.push_str(&tag[4..]);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_image_that_lost_its_address_keeps_a_src() {
        assert_eq!(
            sanitize("<img src=\"data:x\" alt=\"a\"><img alt=\"b\" src=\"/c.png\"><img alt=\"d\">"),
            "<img src=\"#\" alt=\"a\"><img alt=\"b\" src=\"/c.png\"><img src=\"#\" alt=\"d\">"
        );
    }

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
    fn heading_levels_never_skip() {
        let r = render(
            "# Eins\n\n#### Vier\n\n### Drei\n\n## Zwei\n\n###### Sechs",
            &ctx(RawHtml::Sanitize),
        );
        let levels: Vec<&str> = r
            .html
            .match_indices("<h")
            .map(|(i, _)| &r.html[i..i + 3])
            .collect();
        assert_eq!(levels, ["<h2", "<h3", "<h3", "<h2", "<h3"], "{}", r.html);
        assert!(r.html.contains("</h3>\n<h3"), "{}", r.html);
    }

    #[test]
    fn tables_get_a_caption_a_region_and_no_inline_style() {
        let body = "## Koordinationen\n\n| Stelle | Anzahl |\n|---|---:|\n| Kreis | 19 |\n\n\
                    | a | b |\n|:-:|---|\n| 1 | 2 |";
        for raw in [RawHtml::Sanitize, RawHtml::Allow, RawHtml::Escape] {
            let r = render(body, &ctx(raw));
            assert!(!r.html.contains("style="), "{}", r.html);
            assert!(
                r.html.contains("<th class=\"align-right\">Anzahl</th>"),
                "{}",
                r.html
            );
            assert!(
                r.html.contains(
                    "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Koordinationen\"><table><caption class=\"visually-hidden\">Koordinationen</caption>"
                ),
                "{}",
                r.html
            );
            assert_eq!(
                r.html.matches("<div class=\"table-wrap\"").count(),
                2,
                "{}",
                r.html
            );
            assert_eq!(r.html.matches("</table></div>").count(), 2, "{}", r.html);
        }
        let sanitized = render(
            "<b>x</b>\n\n# A & \"B\"\n\n| a |\n|---|\n| 1 |",
            &ctx(RawHtml::Sanitize),
        );
        assert!(
            sanitized
                .html
                .contains("aria-label=\"A &amp; &quot;B&quot;\""),
            "{}",
            sanitized.html
        );
        let first = render("| a |\n|---|\n| 1 |", &ctx(RawHtml::Sanitize));
        assert!(
            first
                .html
                .contains("<caption class=\"visually-hidden\">Tabelle 1</caption>"),
            "{}",
            first.html
        );
    }

    #[test]
    fn a_heading_named_like_a_theme_id_gets_another() {
        let r = render(
            "## Art der Kooperation\n\n## Art der Kooperation\n\n## Inhalt\n\n## A {#art-x}",
            &ctx(RawHtml::Sanitize),
        );
        for id in [
            "abschnitt-art-der-kooperation",
            "abschnitt-art-der-kooperation-2",
            "inhalt-2",
            "abschnitt-art-x",
        ] {
            assert!(r.html.contains(&format!("id=\"{id}\"")), "{id}: {}", r.html);
        }
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
