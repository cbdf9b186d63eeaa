//! The test harness: fixture sites copied into temporary folders, the real
//! `lotse` binary run in them, and helpers to read what it printed and wrote.
//!
//! ```ignore
//! let fx = Fixture::copy("full");                 // tests/fixtures/full → a temp dir
//! fx.replace("content/regions/x.md", "phase = 4", "phase = 6");
//! let run = fx.build();                           // lotse build --today 2026-11-22
//! run.code(1).error_at(&fx.pos("content/regions/x.md", "6"));
//! ```

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The build date every test uses, so that agreement status and the
/// "built on" line are reproducible.
pub const TODAY: &str = "2026-11-22";

/// The `lotse` binary Cargo built for this test run.
pub fn lotse() -> &'static str {
    env!("CARGO_BIN_EXE_lotse")
}

/// `tests/fixtures/`.
pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A site in a fresh temporary folder: `<tmp>/site/`. The folder is removed
/// when the fixture is dropped.
pub struct Fixture {
    tmp: tempfile::TempDir,
    root: PathBuf,
}

impl Fixture {
    /// Copies `tests/fixtures/<name>/` into a new temporary folder.
    pub fn copy(name: &str) -> Fixture {
        let src = fixtures_dir().join(name);
        assert!(src.is_dir(), "no fixture `{}`", src.display());
        let fx = Fixture::empty();
        copy_dir(&src, &fx.root);
        fx
    }

    /// The `full` fixture with `public/` as `lotse build --today 2026-11-22`
    /// writes it. The build runs once per test run; each call gets a copy.
    pub fn full_built() -> Fixture {
        let fx = Fixture::copy("full");
        for (rel, bytes) in full_public() {
            fx.write(&format!("public/{rel}"), bytes);
        }
        fx
    }

    /// Copies the files of `tests/fixtures/<name>/` over this site (a bad
    /// fixture that holds only the files that differ from `full`).
    pub fn overlay(&self, name: &str) -> &Self {
        let src = fixtures_dir().join(name);
        assert!(src.is_dir(), "no fixture `{}`", src.display());
        copy_dir(&src, &self.root);
        self
    }

    /// An empty site folder (for `lotse init` and file-level cases).
    pub fn empty() -> Fixture {
        let tmp = tempfile::Builder::new()
            .prefix("lotse-test-")
            .tempdir()
            .expect("cannot create a temporary folder");
        let root = tmp.path().join("site");
        std::fs::create_dir_all(&root).unwrap();
        Fixture { tmp, root }
    }

    /// The site's root folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The temporary folder around the site (for outputs outside it).
    pub fn tmp(&self) -> &Path {
        self.tmp.path()
    }

    /// A path below the site root.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    /// The text of a file below the site root.
    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel))
            .unwrap_or_else(|e| panic!("cannot read `{rel}`: {e}"))
    }

    /// Writes a file below the site root, creating folders.
    pub fn write(&self, rel: &str, text: impl AsRef<[u8]>) -> &Self {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        // Whole or not at all, as most editors save: a dev server watching
        // the file must never see it truncated and still empty, which on a
        // loaded CI machine it did, between the truncation and the write.
        // (A `.part` file is no input of a site; a symbolic link is written
        // through, not replaced.)
        let is_link = p
            .symlink_metadata()
            .is_ok_and(|m| m.file_type().is_symlink());
        let written = if is_link {
            std::fs::write(&p, text)
        } else {
            let mut tmp = p.clone().into_os_string();
            tmp.push(".part");
            std::fs::write(&tmp, text).and_then(|()| std::fs::rename(&tmp, &p))
        };
        written.unwrap_or_else(|e| panic!("cannot write `{rel}`: {e}"));
        self
    }

    /// Rewrites a file's text with `f`.
    pub fn edit(&self, rel: &str, f: impl FnOnce(String) -> String) -> &Self {
        let text = f(self.read(rel));
        self.write(rel, text)
    }

    /// Replaces the one occurrence of `from` in a file by `to`; panics when
    /// `from` is not there exactly once, so that a variant never silently
    /// equals the original.
    pub fn replace(&self, rel: &str, from: &str, to: &str) -> &Self {
        self.edit(rel, |s| {
            let n = s.matches(from).count();
            assert_eq!(n, 1, "`{from}` occurs {n} times in `{rel}`, not once");
            s.replacen(from, to, 1)
        })
    }

    /// Inserts `line` (and a newline) after the first line that equals
    /// `after` exactly.
    pub fn insert_after(&self, rel: &str, after: &str, line: &str) -> &Self {
        self.edit(rel, |s| {
            let mut out = String::new();
            let mut done = false;
            for l in s.split_inclusive('\n') {
                out.push_str(l);
                if !done && l.trim_end_matches(['\r', '\n']) == after {
                    out.push_str(line);
                    out.push('\n');
                    done = true;
                }
            }
            assert!(done, "no line `{after}` in `{rel}`");
            out
        })
    }

    /// Removes a file or folder below the site root.
    pub fn remove(&self, rel: &str) -> &Self {
        let p = self.path(rel);
        if p.is_dir() {
            std::fs::remove_dir_all(&p).unwrap();
        } else {
            std::fs::remove_file(&p).unwrap_or_else(|e| panic!("cannot remove `{rel}`: {e}"));
        }
        self
    }

    /// `file:line:col` of the first occurrence of `needle` in a file, as
    /// diagnostics print it (column in characters, 1-based).
    pub fn pos(&self, rel: &str, needle: &str) -> String {
        let text = self.read(rel);
        let at = text
            .find(needle)
            .unwrap_or_else(|| panic!("`{needle}` is not in `{rel}`"));
        let line = text[..at].matches('\n').count() + 1;
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let col = text[line_start..at].chars().count() + 1;
        format!("{rel}:{line}:{col}")
    }

    /// Like [`Fixture::pos`], for the `n`-th (1-based) occurrence.
    pub fn pos_nth(&self, rel: &str, needle: &str, n: usize) -> String {
        let text = self.read(rel);
        let (at, _) = text
            .match_indices(needle)
            .nth(n - 1)
            .unwrap_or_else(|| panic!("`{needle}` is not {n} times in `{rel}`"));
        let line = text[..at].matches('\n').count() + 1;
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let col = text[line_start..at].chars().count() + 1;
        format!("{rel}:{line}:{col}")
    }

    /// Runs `lotse` with `args` in the site root.
    pub fn run(&self, args: &[&str]) -> Run {
        run_in(&self.root, args)
    }

    /// `lotse build --today 2026-11-22` plus `extra`.
    pub fn build_with(&self, extra: &[&str]) -> Run {
        let mut args = vec!["build", "--today", TODAY];
        args.extend_from_slice(extra);
        self.run(&args)
    }

    /// `lotse build --today 2026-11-22`.
    pub fn build(&self) -> Run {
        self.build_with(&[])
    }

    /// Builds and asserts success (exit 0, no error printed).
    pub fn build_ok(&self) -> Run {
        let run = self.build();
        run.ok();
        run
    }

    /// `lotse check --today 2026-11-22`.
    pub fn check(&self) -> Run {
        self.run(&["check", "--today", TODAY])
    }

    /// A file of the output in `public/`, as text.
    pub fn output(&self, rel: &str) -> String {
        let p = self.path("public").join(rel);
        std::fs::read_to_string(&p).unwrap_or_else(|e| {
            panic!(
                "cannot read output `{rel}`: {e}\noutput has:\n{}",
                self.output_files().join("\n")
            )
        })
    }

    /// Whether `public/<rel>` exists.
    pub fn has_output(&self, rel: &str) -> bool {
        self.path("public").join(rel).is_file()
    }

    /// Every file of `public/`, relative, sorted.
    pub fn output_files(&self) -> Vec<String> {
        tree(&self.path("public")).into_keys().collect()
    }
}

/// `public/` of the `full` fixture built with `--today 2026-11-22`, by path;
/// built once per test run.
pub fn full_public() -> &'static BTreeMap<String, Vec<u8>> {
    static PUBLIC: OnceLock<BTreeMap<String, Vec<u8>>> = OnceLock::new();
    PUBLIC.get_or_init(|| {
        let fx = Fixture::copy("full");
        fx.build_ok();
        tree(&fx.path("public"))
    })
}

/// Runs `lotse` with `args` in `dir`.
pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    run_in_env(dir, args, &[])
}

/// Runs `lotse` with `args` in `dir`, with extra environment variables.
pub fn run_in_env(dir: &Path, args: &[&str], env: &[(&str, &Path)]) -> Run {
    let mut cmd = Command::new(lotse());
    cmd.args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        // The tests that read messages read the English ones; the German
        // ones are tested with `LOTSE_LANG=de` (tests/it/messages.rs).
        .env("LOTSE_LANG", "en")
        .env_remove("RUST_LOG");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("cannot run lotse");
    Run {
        args: args.iter().map(|s| s.to_string()).collect(),
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Copies a folder recursively.
pub fn copy_dir(src: &Path, dest: &Path) {
    std::fs::create_dir_all(dest).unwrap();
    for e in std::fs::read_dir(src).unwrap() {
        let e = e.unwrap();
        let to = dest.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &to);
        } else {
            std::fs::copy(e.path(), &to).unwrap();
        }
    }
}

/// Every file below `dir` with its bytes, by `/`-separated relative path;
/// empty when `dir` does not exist. Two equal trees are byte-for-byte equal.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        let Ok(rd) = std::fs::read_dir(dir) else {
            return;
        };
        for e in rd {
            let e = e.unwrap();
            let p = e.path();
            let rel = p
                .strip_prefix(base)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let ft = e.file_type().unwrap();
            if ft.is_symlink() {
                // A link is its target; it is not followed.
                let target = std::fs::read_link(&p).unwrap();
                out.insert(rel, format!("-> {}", target.display()).into_bytes());
            } else if ft.is_dir() {
                walk(base, &p, out);
            } else {
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// One diagnostic as printed: `error: file:line:col: message`, the source
/// line with the caret, and `= help: …`.
#[derive(Debug, Clone)]
pub struct Diag {
    /// `error` or `warning`.
    pub severity: String,
    /// `content/x.md:3:14` or `content/x.md`.
    pub location: String,
    pub message: String,
    pub help: Option<String>,
    /// The whole printed block.
    pub text: String,
}

/// What one run of `lotse` did.
#[derive(Debug)]
pub struct Run {
    pub args: Vec<String>,
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Asserts the exit code.
    #[track_caller]
    pub fn code(&self, expected: i32) -> &Self {
        assert_eq!(
            self.code,
            expected,
            "`lotse {}` exited with {}, expected {expected}\n{self}",
            self.args.join(" "),
            self.code
        );
        self
    }

    /// Asserts exit 0 and no error on stderr.
    #[track_caller]
    pub fn ok(&self) -> &Self {
        self.code(0);
        assert!(
            self.errors().is_empty(),
            "errors in a successful run\n{self}"
        );
        self
    }

    /// Every diagnostic printed on stderr, in order.
    pub fn diags(&self) -> Vec<Diag> {
        let mut out: Vec<Diag> = Vec::new();
        for line in self.stderr.lines() {
            let head = ["error: ", "warning: "].iter().find_map(|p| {
                line.strip_prefix(p)
                    .map(|rest| (p.trim_end_matches(": "), rest))
            });
            if let Some((sev, rest)) = head {
                // `location: message`, or just a message (`error: cannot …`).
                let (location, message) = match rest.split_once(": ") {
                    Some((loc, msg)) if looks_like_location(loc) => {
                        (loc.to_string(), msg.to_string())
                    }
                    _ => (String::new(), rest.to_string()),
                };
                out.push(Diag {
                    severity: sev.to_string(),
                    location,
                    message,
                    help: None,
                    text: format!("{line}\n"),
                });
            } else if let Some(d) = out.last_mut() {
                if line.is_empty() {
                    continue;
                }
                if let Some(h) = line.trim_start().strip_prefix("= help: ") {
                    d.help = Some(h.to_string());
                }
                // The source lines (`  |`, `7 | …`) and the help belong to the
                // diagnostic; the closing count line does not.
                let t = line.trim_start();
                let gutter = t.starts_with('|')
                    || t.split_once(" |").is_some_and(|(n, _)| {
                        !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())
                    });
                if gutter || t.starts_with("= ") {
                    d.text.push_str(line);
                    d.text.push('\n');
                }
            }
        }
        out
    }

    pub fn errors(&self) -> Vec<Diag> {
        self.diags()
            .into_iter()
            .filter(|d| d.severity == "error")
            .collect()
    }

    pub fn warnings(&self) -> Vec<Diag> {
        self.diags()
            .into_iter()
            .filter(|d| d.severity == "warning")
            .collect()
    }

    /// Asserts exactly one error and returns it.
    #[track_caller]
    pub fn only_error(&self) -> Diag {
        let e = self.errors();
        assert_eq!(e.len(), 1, "expected exactly one error\n{self}");
        e.into_iter().next().unwrap()
    }

    /// Asserts exactly one warning and returns it.
    #[track_caller]
    pub fn only_warning(&self) -> Diag {
        let w = self.warnings();
        assert_eq!(w.len(), 1, "expected exactly one warning\n{self}");
        w.into_iter().next().unwrap()
    }

    /// The error at `location`; panics when there is none.
    #[track_caller]
    pub fn error_at(&self, location: &str) -> Diag {
        self.errors()
            .into_iter()
            .find(|d| d.location == location)
            .unwrap_or_else(|| panic!("no error at `{location}`\n{self}"))
    }

    /// Asserts that stderr contains `s`.
    #[track_caller]
    pub fn stderr_has(&self, s: &str) -> &Self {
        assert!(self.stderr.contains(s), "stderr lacks `{s}`\n{self}");
        self
    }

    /// Asserts that stdout contains `s`.
    #[track_caller]
    pub fn stdout_has(&self, s: &str) -> &Self {
        assert!(self.stdout.contains(s), "stdout lacks `{s}`\n{self}");
        self
    }
}

/// `content/x.md:3:14`, `content/Ü b.md`, `site.toml`, `--base-url`: a
/// path-like word, or anything that ends in `:line:col` or a file suffix.
fn looks_like_location(s: &str) -> bool {
    if s.contains('`') || s.is_empty() {
        return false;
    }
    let positioned = {
        let mut parts = s.rsplitn(3, ':');
        let col = parts.next().unwrap_or("");
        let line = parts.next().unwrap_or("");
        !col.is_empty()
            && col.bytes().all(|b| b.is_ascii_digit())
            && !line.is_empty()
            && line.bytes().all(|b| b.is_ascii_digit())
    };
    positioned || !s.contains(' ') || s.ends_with(".md") || s.ends_with(".toml")
}

impl Diag {
    /// Asserts location, message and help in one go (`help: None` means
    /// the diagnostic must have no help line).
    #[track_caller]
    pub fn is(&self, location: &str, message: &str, help: Option<&str>) -> &Self {
        assert_eq!(
            (
                self.location.as_str(),
                self.message.as_str(),
                self.help.as_deref()
            ),
            (location, message, help),
            "\n{}",
            self.text
        );
        self
    }

    #[track_caller]
    pub fn at(&self, location: &str) -> &Self {
        assert_eq!(self.location, location, "\n{}", self.text);
        self
    }

    #[track_caller]
    pub fn says(&self, message: &str) -> &Self {
        assert_eq!(self.message, message, "\n{}", self.text);
        self
    }

    #[track_caller]
    pub fn helps(&self, help: &str) -> &Self {
        assert_eq!(self.help.as_deref(), Some(help), "\n{}", self.text);
        self
    }

    /// Asserts that the help text contains `part`.
    #[track_caller]
    pub fn helps_with(&self, part: &str) -> &Self {
        assert!(
            self.help.as_deref().is_some_and(|h| h.contains(part)),
            "help lacks `{part}`\n{}",
            self.text
        );
        self
    }
}

impl std::fmt::Display for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "--- lotse {} (exit {}) ---\n--- stdout ---\n{}--- stderr ---\n{}",
            self.args.join(" "),
            self.code,
            self.stdout,
            self.stderr
        )
    }
}

/// The links of one HTML file: every `href="…"` and `src="…"` value
/// (entities `&amp;` decoded), in order.
pub fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in [" href=\"", " src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            let end = rest.find('"').unwrap_or(rest.len());
            out.push(rest[..end].replace("&amp;", "&"));
            rest = &rest[end..];
        }
    }
    out
}

/// The `id="…"` values of one HTML file.
pub fn ids(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(" id=\"") {
        rest = &rest[i + 5..];
        let end = rest.find('"').unwrap_or(rest.len());
        out.push(rest[..end].to_string());
        rest = &rest[end..];
    }
    out
}

/// Checks every internal link of every HTML file below `out_dir` (a site
/// built with `base_url`): root-relative links must start with the base
/// path and name a file of the output (`/netz/x/` → `x/index.html`), and an
/// `#anchor` must name an id of the target page. Returns one line per
/// broken link.
pub fn broken_links(out_dir: &Path, base_url: &str) -> Vec<String> {
    let files = tree(out_dir);
    let base_path = {
        let rest = base_url.split_once("://").map_or(base_url, |(_, r)| r);
        rest.find('/')
            .map_or("/".to_string(), |i| rest[i..].to_string())
    };
    let mut broken = Vec::new();
    for (path, bytes) in &files {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(bytes);
        for link in links(&html) {
            let local = if let Some(r) = link.strip_prefix(base_url) {
                r.to_string()
            } else if let Some(r) = link.strip_prefix(&base_path) {
                r.to_string()
            } else if link.starts_with('/') && !link.starts_with("//") {
                broken.push(format!(
                    "{path}: `{link}` ignores the base path `{base_path}`"
                ));
                continue;
            } else if let Some(frag) = link.strip_prefix('#') {
                // Same page.
                if !frag.is_empty() && !ids(&html).iter().any(|i| i == frag) {
                    broken.push(format!("{path}: `{link}`: no such id on the page"));
                }
                continue;
            } else {
                // External, mailto:, tel:, or relative: not ours to check,
                // except relative paths, which break below a sub-path.
                if !link.contains(':') && !link.is_empty() {
                    broken.push(format!("{path}: `{link}` is a relative link"));
                }
                continue;
            };
            let (local, frag) = match local.split_once('#') {
                Some((p, f)) => (p.to_string(), Some(f.to_string())),
                None => (local, None),
            };
            let local = local.split('?').next().unwrap_or("").to_string();
            let target = if local.is_empty() || local.ends_with('/') {
                format!("{local}index.html")
            } else {
                local.clone()
            };
            match files.get(&target) {
                None => broken.push(format!("{path}: `{link}` → `{target}` does not exist")),
                Some(t) => {
                    if let Some(f) = frag.filter(|f| !f.is_empty()) {
                        let t = String::from_utf8_lossy(t);
                        if !ids(&t).contains(&f) {
                            broken.push(format!("{path}: `{link}`: `{target}` has no id `{f}`"));
                        }
                    }
                }
            }
        }
    }
    broken
}
