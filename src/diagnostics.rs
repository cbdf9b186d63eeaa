//! Diagnostics: content errors and warnings that name file, line and column,
//! collected across a stage and printed together like a compiler's.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One message about one place in one file.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the site root, with `/` separators.
    pub file: String,
    /// 1-based line; 0 when the message is about the file as a whole.
    pub line: usize,
    /// 1-based column in characters.
    pub col: usize,
    pub message: String,
    /// A suggestion ("did you mean …").
    pub help: Option<String>,
    /// The offending source line, for the caret display.
    pub source_line: Option<String>,
    /// Width of the underline in characters.
    pub width: usize,
}

impl Diagnostic {
    /// A diagnostic about a whole file (no position).
    pub fn file(severity: Severity, file: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            file: file.into(),
            line: 0,
            col: 0,
            message: message.into(),
            help: None,
            source_line: None,
            width: 0,
        }
    }

    pub fn error(file: impl Into<String>, message: impl Into<String>) -> Self {
        Self::file(Severity::Error, file, message)
    }

    /// A diagnostic at a byte span of a source text.
    pub fn at(
        severity: Severity,
        source: &Source,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        let (line, col, text, width) = source.locate(span);
        Diagnostic {
            severity,
            file: source.path.clone(),
            line,
            col,
            message: message.into(),
            help: None,
            source_line: Some(text),
            width,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn maybe_help(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `content/x.md:3:14` or `content/x.md` without a position.
    pub fn location(&self) -> String {
        if self.line == 0 {
            self.file.clone()
        } else {
            format!("{}:{}:{}", self.file, self.line, self.col)
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(f, "{label}: {}: {}", self.location(), self.message)?;
        if let Some(text) = &self.source_line {
            let num = self.line.to_string();
            let pad = " ".repeat(num.len());
            writeln!(f, "{pad} |")?;
            writeln!(f, "{num} | {text}")?;
            let lead: String = text
                .chars()
                .take(self.col.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            writeln!(f, "{pad} | {lead}{}", "^".repeat(self.width.max(1)))?;
        }
        if let Some(help) = &self.help {
            writeln!(f, "  = help: {help}")?;
        }
        Ok(())
    }
}

/// A text that diagnostics can point into. Spans are byte offsets into `text`.
#[derive(Clone, Debug)]
pub struct Source {
    /// Path relative to the site root, `/`-separated.
    pub path: String,
    pub text: std::sync::Arc<str>,
}

impl Source {
    pub fn new(path: impl Into<String>, text: impl Into<std::sync::Arc<str>>) -> Self {
        Source {
            path: path.into(),
            text: text.into(),
        }
    }

    /// Line (1-based), column (1-based, in chars), the line's text and the
    /// underline width for a byte span.
    pub fn locate(&self, span: Range<usize>) -> (usize, usize, String, usize) {
        let text = &*self.text;
        let start = floor_char_boundary(text, span.start.min(text.len()));
        let end = floor_char_boundary(text, span.end.clamp(start, text.len()));
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let line = text[..start].matches('\n').count() + 1;
        let col = text[line_start..start].chars().count() + 1;
        let line_text = text[line_start..line_end]
            .trim_end_matches('\r')
            .to_string();
        let width = text[start..end.min(line_end).max(start)].chars().count();
        (line, col, line_text, width)
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A list of diagnostics, sorted for display.
#[derive(Clone, Debug, Default)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.0.len() - self.error_count()
    }

    /// Errors first, then by file and position, so output is stable.
    pub fn sort(&mut self) {
        self.0.sort_by(|a, b| {
            (a.severity, &a.file, a.line, a.col, &a.message)
                .cmp(&(b.severity, &b.file, b.line, b.col, &b.message))
        });
        self.0.dedup_by(|a, b| {
            a.file == b.file && a.line == b.line && a.col == b.col && a.message == b.message
        });
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }

    /// Everything as one text, with a closing count line.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for d in &self.0 {
            out.push_str(&d.to_string());
            out.push('\n');
        }
        let (e, w) = (self.error_count(), self.warning_count());
        if e > 0 || w > 0 {
            out.push_str(&format!(
                "{} {}, {} {}\n",
                e,
                if e == 1 { "error" } else { "errors" },
                w,
                if w == 1 { "warning" } else { "warnings" }
            ));
        }
        out
    }
}

/// Turns an absolute path below `root` into the `/`-separated relative form
/// used in messages.
pub fn rel_path(root: &Path, path: &Path) -> String {
    let rel: PathBuf = path.strip_prefix(root).unwrap_or(path).to_path_buf();
    rel.to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_line_and_column_in_chars() {
        let src = Source::new("content/x.md", "+++\ntitle = \"Ü\"\nkind = \"x\"\n");
        let off = src.text.find("\"x\"").unwrap();
        let (line, col, text, width) = src.locate(off..off + 3);
        assert_eq!((line, col, text.as_str(), width), (3, 8, "kind = \"x\"", 3));
    }

    #[test]
    fn renders_like_a_compiler() {
        let src = Source::new("content/x.md", "a\nkind = \"x\"\n");
        let d = Diagnostic::at(Severity::Error, &src, 9..12, "unknown kind").with_help("try `y`");
        let s = d.to_string();
        assert!(
            s.starts_with("error: content/x.md:2:8: unknown kind\n"),
            "{s}"
        );
        assert!(s.contains("2 | kind = \"x\"\n  |        ^^^\n"), "{s}");
        assert!(s.contains("= help: try `y`"));
    }
}
