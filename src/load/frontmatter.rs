//! Splits a content file into its `+++` TOML front matter and Markdown body,
//! keeping byte offsets so that diagnostics point into the whole file.

use std::ops::Range;

/// The parts of a content file, as byte ranges into the file text.
#[derive(Debug, PartialEq, Eq)]
pub struct Split {
    pub front: Range<usize>,
    pub body: Range<usize>,
}

#[derive(Debug, PartialEq, Eq)]
pub enum SplitError {
    /// The file does not begin with a `+++` line.
    NoOpening,
    /// The opening `+++` has no closing `+++` line.
    NoClosing,
}

/// Finds the front matter. A BOM before the first `+++` is tolerated.
pub fn split(text: &str) -> Result<Split, SplitError> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &text[start..];
    let first_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
    if rest[..first_end].trim_end() != "+++" {
        return Err(SplitError::NoOpening);
    }
    let front_start = start + first_end;
    let mut pos = front_start;
    while pos < text.len() {
        let line_end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        if text[pos..line_end].trim_end() == "+++" {
            return Ok(Split {
                front: front_start..pos,
                body: line_end..text.len(),
            });
        }
        pos = line_end;
    }
    Err(SplitError::NoClosing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_with_offsets() {
        let t = "+++\ntitle = \"x\"\n+++\nBody\n";
        let s = split(t).unwrap();
        assert_eq!(&t[s.front.clone()], "title = \"x\"\n");
        assert_eq!(&t[s.body.clone()], "Body\n");
    }

    #[test]
    fn handles_crlf_and_empty_body() {
        let t = "+++\r\na = 1\r\n+++";
        let s = split(t).unwrap();
        assert_eq!(&t[s.front.clone()], "a = 1\r\n");
        assert_eq!(s.body, t.len()..t.len());
    }

    #[test]
    fn rejects_missing_delimiters() {
        assert_eq!(split("title = 1\n"), Err(SplitError::NoOpening));
        assert_eq!(split("+++\na = 1\n"), Err(SplitError::NoClosing));
    }
}
