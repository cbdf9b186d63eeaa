//! Diagnostics: content errors and warnings that name file, line and column,
//! collected across a stage and printed together like a compiler's. The
//! text of each is a [`Message`] of the catalogue, put into words only when
//! printed, in the language the command chose.

use crate::messages::{Lang, Message};
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
#[derive(Clone, Debug)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the site root, with `/` separators.
    pub file: String,
    /// 1-based line; 0 when the message is about the file as a whole.
    pub line: usize,
    /// 1-based column in characters.
    pub col: usize,
    /// Where the marked span ends (line, column just past it); equal to
    /// `line`/`col` for a point or a whole file.
    pub end_line: usize,
    pub end_col: usize,
    pub message: Message,
    /// A suggestion ("did you mean …"), perhaps with a replacement text.
    pub help: Option<Message>,
    /// The offending source line, for the caret display.
    pub source_line: Option<String>,
    /// Width of the underline in characters.
    pub width: usize,
}

impl Diagnostic {
    /// A diagnostic about a whole file (no position).
    pub fn file(severity: Severity, file: impl Into<String>, message: Message) -> Self {
        debug_assert!(
            message.code().is_some(),
            "`{}` has no code in codes.toml",
            message.key
        );
        Diagnostic {
            severity,
            file: file.into(),
            line: 0,
            col: 0,
            end_line: 0,
            end_col: 0,
            message,
            help: None,
            source_line: None,
            width: 0,
        }
    }

    pub fn error(file: impl Into<String>, message: Message) -> Self {
        Self::file(Severity::Error, file, message)
    }

    /// A diagnostic at a byte span of a source text.
    pub fn at(severity: Severity, source: &Source, span: Range<usize>, message: Message) -> Self {
        debug_assert!(
            message.code().is_some(),
            "`{}` has no code in codes.toml",
            message.key
        );
        let (end_line, end_col) = source.position(span.end.max(span.start));
        let (line, col, text, width) = source.locate(span);
        Diagnostic {
            severity,
            file: source.path.clone(),
            line,
            col,
            end_line,
            end_col,
            message,
            help: None,
            source_line: Some(text),
            width,
        }
    }

    pub fn with_help(mut self, help: Message) -> Self {
        self.help = Some(help);
        self
    }

    pub fn maybe_help(mut self, help: Option<Message>) -> Self {
        self.help = help;
        self
    }

    /// The stable code of the message (`L0101`).
    pub fn code(&self) -> &'static str {
        self.message.code().unwrap_or("L0000")
    }

    /// The text a hint proposes in place of the marked span, if any.
    pub fn replacement(&self) -> Option<&str> {
        self.help.as_ref()?.replacement.as_deref()
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

impl Diagnostic {
    /// Like a compiler: `error: file:line:col: message`, the source line
    /// with a caret under the span, `= help: …`; in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let mut f = String::new();
        self.render_into(&mut f, lang)
            .expect("writing to a String cannot fail");
        f
    }

    fn render_into(&self, f: &mut String, lang: Lang) -> std::fmt::Result {
        use std::fmt::Write;
        let label = match self.severity {
            Severity::Error => crate::msg!("label-error"),
            Severity::Warning => crate::msg!("label-warning"),
        }
        .text(lang);
        let location = self.location();
        let text = self.message.text(lang);
        let (location, message) = (printable(&location), printable(&text));
        writeln!(f, "{label}: {location}: {message}")?;
        if let Some(text) = &self.source_line {
            let (text, col, width) = window(&printable(text), self.col, self.width);
            let num = self.line.to_string();
            let pad = " ".repeat(num.len());
            writeln!(f, "{pad} |")?;
            writeln!(f, "{num} | {text}")?;
            let lead: String = text
                .chars()
                .take(col.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            writeln!(f, "{pad} | {lead}{}", "^".repeat(width.max(1)))?;
        }
        if let Some(help) = &self.help {
            let label = crate::msg!("label-help").text(lang);
            writeln!(f, "  = {label}: {}", printable(&help.text(lang)))?;
        }
        Ok(())
    }
}

/// Source lines longer than this are shown as a window around the column:
/// a generated file of one 100 000-character line must not flood the
/// terminal for one caret.
const MAX_SHOWN: usize = 160;

/// The part of `line` shown for a caret at `col` (1-based, in chars) of
/// `width`: the window's text, the caret's column in it and its width.
fn window(line: &str, col: usize, width: usize) -> (String, usize, usize) {
    let len = line.chars().count();
    if len <= MAX_SHOWN {
        return (line.to_string(), col, width);
    }
    let start = col.saturating_sub(1 + MAX_SHOWN / 2).min(len - MAX_SHOWN);
    let mut shown = String::new();
    let mut caret = col - start;
    if start > 0 {
        shown.push('…');
        caret += 1;
    }
    shown.extend(line.chars().skip(start).take(MAX_SHOWN));
    if start + MAX_SHOWN < len {
        shown.push('…');
    }
    let width = width.min(MAX_SHOWN + 1 - (col - start).min(MAX_SHOWN));
    (shown, caret, width)
}

/// Text from content as it may be printed to a terminal: every control
/// character but tab and line break becomes U+FFFD, so that a title or a
/// file name cannot move the cursor, recolour or retitle the terminal.
/// One character for one keeps the caret under its column.
pub fn printable(s: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| c.is_control() && c != '\t' && c != '\n';
    if s.chars().any(bad) {
        s.chars()
            .map(|c| if bad(c) { '\u{fffd}' } else { c })
            .collect::<String>()
            .into()
    } else {
        s.into()
    }
}

/// A text that diagnostics can point into. Spans are byte offsets into `text`.
#[derive(Clone, Debug)]
pub struct Source {
    /// Path relative to the site root, `/`-separated.
    pub path: String,
    /// Shared by every entity and diagnostic of the file; an `Arc<String>`
    /// rather than an `Arc<str>`, so that the text read from the file is
    /// moved in, not copied (a copy of every source cost 2% of a build).
    pub text: std::sync::Arc<String>,
}

impl Source {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        Source {
            path: path.into(),
            text: std::sync::Arc::new(text.into()),
        }
    }

    /// Line and column (both 1-based, the column in chars) of a byte offset.
    pub fn position(&self, at: usize) -> (usize, usize) {
        let text = &*self.text;
        let at = floor_char_boundary(text, at.min(text.len()));
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let line = memchr::memchr_iter(b'\n', &text.as_bytes()[..at]).count() + 1;
        (line, text[line_start..at].chars().count() + 1)
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

    /// Everything as one text in `lang`, with a closing count line.
    pub fn render(&self, lang: Lang) -> String {
        let mut out = String::new();
        for d in &self.0 {
            out.push_str(&d.render(lang));
            out.push('\n');
        }
        let (e, w) = (self.error_count(), self.warning_count());
        if e > 0 || w > 0 {
            let m = crate::msg!(
                "summary",
                errors = crate::msg!("summary-errors", n = e),
                warnings = crate::msg!("summary-warnings", n = w)
            );
            out.push_str(&m.text(lang));
            out.push('\n');
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
    use crate::msg;

    fn en(d: &Diagnostic) -> String {
        d.render(Lang::En)
    }

    #[test]
    fn locates_line_and_column_in_chars() {
        let src = Source::new("content/x.md", "+++\ntitle = \"Ü\"\nkind = \"x\"\n");
        let off = src.text.find("\"x\"").unwrap();
        let (line, col, text, width) = src.locate(off..off + 3);
        assert_eq!((line, col, text.as_str(), width), (3, 8, "kind = \"x\"", 3));
    }

    #[test]
    fn printing_cannot_drive_the_terminal() {
        let src = Source::new(
            "content/\u{1b}]0;x\u{7}.md",
            "title = \"\u{1b}[31mrot\u{9b}2J\"\n",
        );
        let d = Diagnostic::at(
            Severity::Error,
            &src,
            9..24,
            msg!("unknown-field", field = "bad \u{1b}[2J"),
        )
        .with_help(msg!("did-you-mean", list = "\r\u{8}x"));
        let s = en(&d);
        assert!(!s.chars().any(|c| c.is_control() && c != '\n'), "{s:?}");
        assert!(
            s.contains("content/\u{fffd}]0;x\u{fffd}.md:1:10: unknown field `bad \u{fffd}[2J`"),
            "{s}"
        );
        assert!(s.contains("title = \"\u{fffd}[31mrot\u{fffd}2J\""), "{s}");
    }

    #[test]
    fn long_lines_are_shown_around_the_column() {
        let line = format!("x = {}", "[".repeat(1000));
        let src = Source::new("content/x.md", line.clone());
        let d = Diagnostic::at(Severity::Error, &src, 500..501, msg!("symlink-loop"));
        let s = en(&d);
        let shown = s.lines().nth(2).unwrap();
        assert!(
            shown.starts_with("1 | …[[[") && shown.ends_with("[…"),
            "{s}"
        );
        let caret = s.lines().nth(3).unwrap();
        // under the 501st character: `…` and 80 before it in the window
        assert_eq!(caret.find('^').unwrap() - "  | ".len(), 81, "{s}");
        let short = en(&Diagnostic::at(
            Severity::Error,
            &src,
            2..3,
            msg!("symlink-loop"),
        ));
        assert!(
            short.lines().nth(2).unwrap().starts_with("1 | x = [[["),
            "{short}"
        );
        assert!(
            short.lines().nth(3).unwrap().starts_with("  |   ^"),
            "{short}"
        );
    }

    #[test]
    fn renders_like_a_compiler() {
        let src = Source::new("content/x.md", "a\nkind = \"x\"\n");
        let d = Diagnostic::at(
            Severity::Error,
            &src,
            9..12,
            msg!("unknown-field", field = "kind"),
        )
        .with_help(msg!("did-you-mean", list = "`y`").with_replacement("y"));
        let s = en(&d);
        assert!(
            s.starts_with("error: content/x.md:2:8: unknown field `kind`\n"),
            "{s}"
        );
        assert!(s.contains("2 | kind = \"x\"\n  |        ^^^\n"), "{s}");
        assert!(s.contains("= help: did you mean `y`?"));
        assert_eq!((d.end_line, d.end_col, d.code()), (2, 11, "L0309"));
        assert_eq!(d.replacement(), Some("y"));
        let de = d.render(Lang::De);
        assert!(
            de.starts_with("fehler: content/x.md:2:8: unbekanntes Feld „kind“\n"),
            "{de}"
        );
        assert!(de.contains("= hilfe: meinten Sie `y`?"), "{de}");
    }

    #[test]
    fn the_count_line_says_one_and_many_in_both_languages() {
        let src = Source::new("content/x.md", "a\n");
        let e = || Diagnostic::at(Severity::Error, &src, 0..1, msg!("symlink-loop"));
        let w = || Diagnostic::at(Severity::Warning, &src, 0..1, msg!("not-content"));
        let one = Diagnostics(vec![e(), w()]);
        assert!(one.render(Lang::En).ends_with("1 error, 1 warning\n"));
        assert!(one.render(Lang::De).ends_with("1 Fehler, 1 Warnung\n"));
        let many = Diagnostics(vec![e(), e(), w(), w()]);
        assert!(many.render(Lang::En).ends_with("2 errors, 2 warnings\n"));
        assert!(many.render(Lang::De).ends_with("2 Fehler, 2 Warnungen\n"));
    }
}
