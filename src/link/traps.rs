//! Site-wide traps: two entities of one type with the same title (two
//! identical entries in every list), and the placeholders `lotse init`
//! writes into the legal pages left standing (a public site with
//! `[00000 Musterstadt]` in its Impressum).

use super::*;
use crate::msg;

/// The legal pages as `lotse init` writes them (the files of its scaffold):
/// their `[placeholders]` are what `check_placeholders` looks for.
const SCAFFOLD: [(&str, &str); 4] = [
    (
        "impressum",
        include_str!("../cmd/scaffold/content/pages/impressum.md"),
    ),
    (
        "datenschutz",
        include_str!("../cmd/scaffold/content/pages/datenschutz.md"),
    ),
    (
        "barrierefreiheit",
        include_str!("../cmd/scaffold/content/pages/barrierefreiheit.md"),
    ),
    (
        "leichte-sprache",
        include_str!("../cmd/scaffold/content/pages/leichte-sprache.md"),
    ),
];

/// The `[…]` placeholders of a text: brackets that are not a Markdown link
/// (`[text](…)`), as written, line breaks included.
pub(crate) fn placeholders(text: &str) -> Vec<&str> {
    let body = match text.strip_prefix("+++") {
        Some(rest) => rest.find("\n+++").map_or(text, |i| &rest[i + 4..]),
        None => text,
    };
    let mut out = Vec::new();
    let mut rest = body;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        // The matching `]`, brackets inside counted.
        let mut depth = 1;
        let mut close = None;
        for (i, c) in after.char_indices() {
            match c {
                '[' => depth += 1,
                ']' => {
                    depth -= 1;
                    if depth == 0 {
                        close = Some(i);
                        break;
                    }
                }
                _ => {}
            }
        }
        let Some(close) = close else { break };
        let whole = &rest[open..open + close + 2];
        let is_link = after[close + 1..].starts_with('(');
        if !is_link && close > 0 {
            out.push(whole);
        }
        rest = &after[close + 1..];
    }
    out
}

/// A warning at each legal page that still holds a placeholder of the page
/// `lotse init` wrote (`lotse check --strict` makes it an error).
pub(super) fn check_placeholders(c: &Content, diags: &mut Vec<Diagnostic>) {
    for (id, scaffold) in SCAFFOLD {
        let Some(page) = c.pages.iter().find(|p| p.common.id == id) else {
            continue;
        };
        let src = &page.common.source;
        let left: Vec<(usize, &str)> = placeholders(scaffold)
            .into_iter()
            .filter_map(|p| src.text.find(p).map(|at| (at, p)))
            .collect();
        let Some(&(at, first)) = left.iter().min() else {
            continue;
        };
        let shown: String = first.lines().next().unwrap_or(first).to_string();
        let n = left.len();
        diags.push(
            Diagnostic::at(
                Severity::Warning,
                src,
                at..at + shown.len(),
                msg!("legal-page-placeholder", n = n),
            )
            .with_help(msg!("legal-page-placeholder-help")),
        );
    }
}

/// A warning for each entity whose title another of its type has too,
/// naming both files.
pub(super) fn check_duplicate_titles(c: &Content, diags: &mut Vec<Diagnostic>) {
    fn of<T: Typed>(list: &[T], diags: &mut Vec<Diagnostic>) {
        let mut seen: HashMap<String, &Common> = HashMap::new();
        for e in list {
            let common = e.common();
            let key = common.title.trim().to_lowercase();
            match seen.get(&key) {
                None => {
                    seen.insert(key, common);
                }
                Some(first) => {
                    let span = common.front.get("title").map_or(0..0, |n| n.span.clone());
                    let (title, other) = (common.title.as_str(), first.source.path.as_str());
                    diags.push(
                        Diagnostic::at(
                            Severity::Warning,
                            &common.source,
                            span,
                            msg!("duplicate-title", title = title, other = other),
                        )
                        .with_help(msg!("duplicate-title-help")),
                    );
                }
            }
        }
    }
    of(&c.regions, diags);
    of(&c.partners, diags);
    of(&c.offers, diags);
    of(&c.practices, diags);
    of(&c.agreements, diags);
    of(&c.pages, diags);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_brackets_that_are_no_links() {
        let t = "+++\ntitle = \"[x]\"\n+++\n[Stadt\nMusterstadt]\\\n[Impressum](@/pages/impressum.md) [a [b] c]";
        assert_eq!(placeholders(t), ["[Stadt\nMusterstadt]", "[a [b] c]"]);
        // Every legal page of the scaffold has some.
        for (id, text) in SCAFFOLD {
            assert!(!placeholders(text).is_empty(), "{id}");
        }
    }
}
