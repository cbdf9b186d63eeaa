//! How deeply a body's elements nest. The HTML sanitizer (html5ever, below
//! ammonia) takes time quadratic in the nesting depth, so that a body of
//! 100 000 `<div>` or `>` would stall a build for hours; a body nested
//! deeper than any real text is refused before it reaches the sanitizer.

use pulldown_cmark::{Event, Tag, TagEnd};

/// Deeper than any real document, shallow enough to sanitize in
/// microseconds.
pub const MAX_DEPTH: usize = 256;

/// Elements that never hold others, or that the HTML parser closes by
/// itself when the next one opens (`<li><li>` are siblings, not nested).
const NOT_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option",
];

/// The nesting depth as events arrive: Markdown containers and the tags in
/// raw HTML. An estimate for raw HTML (a parser would close some tags
/// itself), which only ever counts too deep for texts far beyond real ones.
#[derive(Default)]
pub struct Depth {
    depth: usize,
}

impl Depth {
    /// The deepest nesting reached while `event` is read.
    pub fn after(&mut self, event: &Event) -> usize {
        match event {
            Event::Start(tag) if !matches!(tag, Tag::Paragraph | Tag::Item | Tag::HtmlBlock) => {
                self.depth += 1
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::HtmlBlock) | Event::Start(_) => {}
            Event::End(_) => self.depth = self.depth.saturating_sub(1),
            Event::Html(h) | Event::InlineHtml(h) => return self.raw(h),
            _ => {}
        }
        self.depth
    }

    /// Follows the tags of a piece of raw HTML; the deepest point.
    fn raw(&mut self, html: &str) -> usize {
        let mut peak = self.depth;
        for (i, _) in html.match_indices('<') {
            let rest = &html[i + 1..];
            if let Some(name) = rest.strip_prefix('/') {
                if name.starts_with(|c: char| c.is_ascii_alphabetic()) {
                    self.depth = self.depth.saturating_sub(1);
                }
                continue;
            }
            if !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
                continue;
            }
            let end = rest
                .find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
                .unwrap_or(rest.len());
            let name = rest[..end].to_ascii_lowercase();
            let self_closing = rest.find('>').is_some_and(|e| rest[..e].ends_with('/'));
            if !self_closing && !NOT_NESTING.contains(&name.as_str()) {
                self.depth += 1;
                peak = peak.max(self.depth);
            }
        }
        peak
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::Parser;

    fn max_depth(md: &str) -> usize {
        let mut d = Depth::default();
        Parser::new(md).map(|e| d.after(&e)).max().unwrap_or(0)
    }

    #[test]
    fn counts_markdown_and_raw_html() {
        assert_eq!(max_depth("text"), 0);
        assert_eq!(max_depth("> > > x"), 3);
        assert_eq!(max_depth("<div><div><br><img src=x/></div></div>"), 2);
        assert_eq!(max_depth("<ul><li>a<li>b<li>c</ul>"), 1);
        assert_eq!(max_depth(&"<div>".repeat(300)), 300);
        assert_eq!(max_depth(&format!("{} x", ">".repeat(300))), 300);
    }
}
