//! Keeps text away from a quadratic corner of the HTML sanitizer: html5ever
//! serializes a text node by searching the rest of the node for `<`, `>`
//! once per `&` or U+0080–U+00BF character, so one text node of a million
//! ampersands would take hours. Long runs of such characters are split
//! into separate text nodes by an empty `<span></span>`, which renders as
//! nothing; raw HTML lines or tags too long to split are refused by
//! `render` ([`MAX_RAW_HTML`]).

/// Text characters the serializer stops at, between two splits.
const RUN: usize = 256;

/// The longest piece of raw HTML (one line of an HTML block, or one inline
/// tag): an attribute value cannot be split, so it must stay short.
pub const MAX_RAW_HTML: usize = 32 * 1024;

/// `html` with an empty span after every [`RUN`] characters the serializer
/// stops at within one run of text, outside tags and character references.
pub fn split_long_runs(html: &str) -> String {
    let b = html.as_bytes();
    let mut out = String::with_capacity(html.len());
    let mut last = 0;
    let mut in_tag = false;
    let mut count = 0;
    for (i, &c) in b.iter().enumerate() {
        match c {
            // As the HTML tokenizer sees it: `a < b` is text.
            b'<' if b
                .get(i + 1)
                .is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, b'/' | b'!' | b'?')) =>
            {
                in_tag = true;
                count = 0;
            }
            b'>' => {
                in_tag = false;
                count = 0;
            }
            // `&` opens a reference, 0xC2 leads U+0080–U+00BF: each
            // decodes to one character the serializer stops at.
            b'&' | 0xc2 if !in_tag => {
                count += 1;
                if count >= RUN {
                    // Before this character: a reference or a UTF-8
                    // sequence starts here, never inside one.
                    out.push_str(&html[last..i]);
                    out.push_str("<span></span>");
                    last = i;
                    count = 0;
                }
            }
            _ => {}
        }
    }
    out.push_str(&html[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_only_long_runs_between_characters() {
        assert_eq!(split_long_runs("<p>a &amp; b</p>"), "<p>a &amp; b</p>");
        let long = format!("<p>{}</p>", "&amp;°".repeat(300));
        let split = split_long_runs(&long);
        assert_eq!(split.matches("<span></span>").count(), 2, "{split}");
        assert_eq!(split.replace("<span></span>", ""), long);
        // Inside a tag nothing is inserted.
        let attr = format!("<a title=\"{}\">x</a>", "&amp;".repeat(300));
        assert_eq!(split_long_runs(&attr), attr);
        let lt = format!("<p>a < b {}</p>", "&amp;".repeat(300));
        assert_eq!(split_long_runs(&lt).matches("<span></span>").count(), 1);
    }
}
