//! Load: reads a site's files from disk (in parallel), splits front matter
//! from body and parses the TOML with spans. Only I/O and syntax live here;
//! meaning is `model`'s job.

pub mod file;
pub mod frontmatter;
pub mod history;
pub mod node;
pub mod translation;

pub use file::{MAX_FILE_BYTES, decode, read_text};
pub use translation::{Loaded1, TranslationDoc, is_translation_path, load_any, translation_stem};
use translation::{is_translated_top, load_translated_top};

use crate::diagnostics::{Diagnostic, Severity, Source, rel_path};
use crate::msg;
use crate::section::Kind;
use crate::text::ids::{is_valid_id, slugify};
use node::{Span, Table};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// The default theme, embedded at compile time.
pub static DEFAULT_THEME: include_dir::Dir<'static> =
    include_dir::include_dir!("$CARGO_MANIFEST_DIR/themes/lotse");

/// One content file, split and parsed.
#[derive(Clone, Debug)]
pub struct Doc {
    pub kind: Kind,
    pub id: String,
    pub source: Source,
    pub front: Table,
    /// The opening `+++` line: where "missing field" messages point.
    pub anchor: Span,
    pub body: Range<usize>,
}

/// A file copied verbatim into the output.
#[derive(Clone, Debug)]
pub struct StaticFile {
    /// Output path, `/`-separated, without a leading slash.
    pub path: String,
    pub bytes: std::sync::Arc<[u8]>,
}

/// Everything read from disk.
#[derive(Clone, Debug, Default)]
pub struct Loaded {
    pub config: Option<(Source, Table)>,
    pub vocabularies: Option<(Source, Table)>,
    /// `content/_index.md`: front matter (maybe empty) and body.
    pub home: Option<Home>,
    pub docs: Vec<Doc>,
    /// Content files that exist but could not be read or parsed (their
    /// errors are reported): kind and file stem. References to them are not
    /// reported again as unknown ids.
    pub failed: Vec<(Kind, String)>,
    pub static_files: Vec<StaticFile>,
    /// Translations beside their sources (`offers/x.tr.md`: kind, source
    /// id `x`, language `tr`), in file order. Their meaning is `link`'s job.
    pub translations: Vec<TranslationDoc>,
    /// `content/_index.<lang>.md`: language and the file as `home`.
    pub home_translations: Vec<(String, Home)>,
    /// `content/vocabularies.<lang>.toml`: language, file, table.
    pub vocabulary_translations: Vec<(String, Source, Table)>,
    /// Theme files by path inside the theme (`templates/base.html`,
    /// `static/style.css`, `i18n/de.toml`): embedded default, then the
    /// site's `themes/<name>/`, then the site's `templates/`.
    pub theme: BTreeMap<String, std::sync::Arc<[u8]>>,
    /// The languages `theme` has UI strings for (`i18n/<lang>.toml`), kept
    /// when the build takes the theme files to compile them.
    pub ui_languages: std::collections::BTreeSet<String>,
}

/// How to read a site.
#[derive(Clone, Debug, Default)]
pub struct LoadOptions {
    /// When set (the site root, canonicalized), symbolic links that lead
    /// outside it are not followed: `lotse serve` never serves a byte from
    /// outside the site.
    pub confine: Option<PathBuf>,
}

impl LoadOptions {
    /// Options that refuse symbolic links leading outside `root`.
    pub fn confined(root: &Path) -> LoadOptions {
        LoadOptions {
            confine: Some(root.canonicalize().unwrap_or_else(|_| root.to_path_buf())),
        }
    }

    /// Whether `path` may not be read: it is a symbolic link (or lies below
    /// one) that leads outside the confining root.
    pub fn refuses(&self, path: &Path) -> bool {
        let Some(root) = &self.confine else {
            return false;
        };
        match path.canonicalize() {
            Ok(real) => !real.starts_with(root),
            // A dangling link, or the file is gone: nothing to read anyway.
            Err(_) => path
                .symlink_metadata()
                .is_ok_and(|m| m.file_type().is_symlink()),
        }
    }

    /// `refuses`, with the warning that says so added to `diags`.
    fn refused(&self, root: &Path, path: &Path, diags: &mut Vec<Diagnostic>) -> bool {
        let refused = self.refuses(path);
        if refused {
            diags.push(outside_warning(root, path));
        }
        refused
    }

    fn refuses_entry(&self, e: &walkdir::DirEntry) -> bool {
        self.confine.is_some() && e.path_is_symlink() && self.refuses(e.path())
    }
}

/// The warning for a symbolic link that is not followed.
pub fn outside_warning(root: &Path, path: &Path) -> Diagnostic {
    Diagnostic::file(
        Severity::Warning,
        rel_path(root, path),
        msg!("symlink-outside"),
    )
}

/// Reads a whole site below `root`.
pub fn load_site(root: &Path) -> (Loaded, Vec<Diagnostic>) {
    load_site_with(root, &LoadOptions::default())
}

/// The name of the site's theme from the parsed `site.toml` (default `lotse`).
pub fn theme_name(config: Option<&(Source, Table)>) -> String {
    config
        .and_then(|(_, t)| match t.get("theme").map(|n| &n.value) {
            Some(node::Value::Str(s)) => Some(s.clone()),
            _ => None,
        })
        .unwrap_or_else(|| "lotse".into())
}

/// Reads a whole site below `root` with the given options.
pub fn load_site_with(root: &Path, opts: &LoadOptions) -> (Loaded, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut loaded = Loaded::default();

    let config_path = root.join("site.toml");
    if !config_path.exists() {
        diags.push(
            Diagnostic::error(
                "site.toml",
                msg!("not-a-site", dir = root.display().to_string()),
            )
            .with_help(msg!("not-a-site-help")),
        );
    } else {
        match read_text(root, &config_path) {
            Ok(src) => match node::parse(&src.text, 0) {
                Ok(t) => loaded.config = Some((src, t)),
                Err(errs) => diags.extend(syntax_errors(&src, errs)),
            },
            Err(d) => diags.push(d),
        }
    }
    let theme_name = theme_name(loaded.config.as_ref());

    let content = root.join("content");
    if !content.is_dir() {
        diags.push(
            Diagnostic::error("content", msg!("no-content-folder"))
                .with_help(msg!("no-content-folder-help")),
        );
    } else if !opts.refused(root, &content, &mut diags) {
        let vocab_path = content.join("vocabularies.toml");
        if opts.refused(root, &vocab_path, &mut diags) {
            // Warned; reporting it missing too would say it twice.
        } else if vocab_path.exists() {
            match read_text(root, &vocab_path) {
                Ok(src) => match node::parse(&src.text, 0) {
                    Ok(t) => loaded.vocabularies = Some((src, t)),
                    Err(errs) => diags.extend(syntax_errors(&src, errs)),
                },
                Err(d) => diags.push(d),
            }
        } else {
            diags.push(
                Diagnostic::error("content/vocabularies.toml", msg!("no-vocabularies"))
                    .with_help(msg!("no-vocabularies-help")),
            );
        }
        if !opts.refused(root, &content.join("_index.md"), &mut diags) {
            match load_home(root) {
                Ok(home) => loaded.home = home,
                Err(mut d) => diags.append(&mut d),
            }
        }
        load_translated_top(root, &content, opts, &mut loaded, &mut diags);
        let (paths, mut walk_diags) = content_files(root, &content, opts);
        diags.append(&mut walk_diags);
        let results: Vec<Result<Loaded1, Vec<Diagnostic>>> = paths
            .par_iter()
            .with_max_len(crate::PAR_GRAIN)
            .map(|(kind, path)| load_any(root, *kind, path))
            .collect();
        for ((kind, path), r) in paths.iter().zip(results) {
            match r {
                Ok(Loaded1::Doc(doc)) => loaded.docs.push(doc),
                Ok(Loaded1::Translation(t)) => loaded.translations.push(t),
                Err(mut d) => {
                    diags.append(&mut d);
                    // A broken translation does not make its source broken.
                    if !is_translation_path(path) {
                        let stem = path.file_stem().unwrap_or_default().to_string_lossy();
                        loaded.failed.push((*kind, stem.into_owned()));
                    }
                }
            }
        }
    }

    let (statics, mut d) = static_files(root, &root.join("static"), "", opts);
    loaded.static_files = statics;
    diags.append(&mut d);

    let (theme, mut d) = theme_files(root, &theme_name, opts);
    loaded.ui_languages = ui_languages(&theme);
    loaded.theme = theme;
    diags.append(&mut d);
    (loaded, diags)
}

/// Home page text and front matter, as `Loaded::home`.
pub type Home = (Source, Table, Range<usize>);

/// Reads `content/_index.md`, if the site has one.
pub fn load_home(root: &Path) -> Result<Option<Home>, Vec<Diagnostic>> {
    let index = root.join("content").join("_index.md");
    if !index.exists() {
        return Ok(None);
    }
    let src = read_text(root, &index).map_err(|d| vec![d])?;
    let (front, _, body) = split_and_parse(&src, true)?;
    Ok(Some((src, front, body)))
}

/// Reads and parses one content file of the given kind.
pub fn load_doc(root: &Path, kind: Kind, path: &Path) -> Result<Doc, Vec<Diagnostic>> {
    let source = read_text(root, path).map_err(|d| vec![d])?;
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    parse_doc(kind, stem, source)
}

/// Checks the id and splits and parses an already read content file. Pure,
/// so that the fuzz targets reach exactly what `lotse build` runs.
pub fn parse_doc(kind: Kind, stem: String, source: Source) -> Result<Doc, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    if !is_valid_id(&stem) {
        let fixed = slugify(&stem);
        diags.push(
            Diagnostic::error(source.path.clone(), msg!("invalid-id", id = &stem)).with_help(
                if fixed.is_empty() {
                    msg!("rename-file")
                } else {
                    msg!("rename-file-to", name = format!("{fixed}.md"))
                        .with_replacement(format!("{fixed}.md"))
                },
            ),
        );
    }
    let parsed = split_and_parse(&source, false);
    match parsed {
        Ok((front, anchor, body)) if diags.is_empty() => Ok(Doc {
            kind,
            id: stem,
            source,
            front,
            anchor,
            body,
        }),
        Ok(_) => Err(diags),
        Err(mut d) => {
            diags.append(&mut d);
            Err(diags)
        }
    }
}

/// Splits front matter from body and parses it. With `optional`, a file
/// without front matter is all body.
pub(crate) fn split_and_parse(
    source: &Source,
    optional: bool,
) -> Result<(Table, Span, Range<usize>), Vec<Diagnostic>> {
    let text = &*source.text;
    match frontmatter::split(text) {
        Ok(s) => {
            let anchor = 0..s.front.start.saturating_sub(1).min(3);
            match node::parse(&text[s.front.clone()], s.front.start) {
                Ok(t) => Ok((t, anchor, s.body)),
                Err(errs) => Err(syntax_errors(source, errs)),
            }
        }
        Err(frontmatter::SplitError::NoOpening) if optional => {
            Ok((Table::default(), 0..0, 0..text.len()))
        }
        Err(frontmatter::SplitError::NoOpening) => Err(vec![
            Diagnostic::at(Severity::Error, source, 0..0, msg!("no-front-matter"))
                .with_help(msg!("no-front-matter-help")),
        ]),
        Err(frontmatter::SplitError::NoClosing) => Err(vec![
            Diagnostic::at(
                Severity::Error,
                source,
                0..3,
                msg!("front-matter-not-closed"),
            )
            .with_help(msg!("front-matter-not-closed-help")),
        ]),
    }
}

pub(crate) fn syntax_errors(source: &Source, errs: Vec<node::SyntaxError>) -> Vec<Diagnostic> {
    errs.into_iter()
        .map(|e| {
            // A German date, `[8-10]`, „quotes“: say what was meant.
            let text = &source.text;
            let start = text[..e.span.start.min(text.len())]
                .rfind('\n')
                .map_or(0, |i| i + 1);
            let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
            let line = &text[start..end];
            match crate::text::traps::syntax_trap(line) {
                Some(trap) => {
                    let (message, help) = crate::text::traps::message(&trap, line);
                    // The whole value, not the character TOML stopped at.
                    let value = line.find('=').map_or(0, |i| i + 1);
                    let value = value + (line.len() - value - line[value..].trim_start().len());
                    let span = start + value..start + line.trim_end().len().max(value);
                    Diagnostic::at(Severity::Error, source, span, message).with_help(help)
                }
                None => Diagnostic::at(
                    Severity::Error,
                    source,
                    e.span,
                    msg!("toml-syntax", detail = e.message),
                ),
            }
        })
        .collect()
}

/// Editor droppings and hidden files are never content.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.ends_with(".bak")
}

/// Content files by kind, sorted; unknown folders and files are warnings.
fn content_files(
    root: &Path,
    content: &Path,
    opts: &LoadOptions,
) -> (Vec<(Kind, PathBuf)>, Vec<Diagnostic>) {
    let mut out = Vec::new();
    let mut diags = Vec::new();
    let mut entries: Vec<_> = match std::fs::read_dir(content) {
        Ok(rd) => rd.filter_map(Result::ok).collect(),
        Err(e) => {
            diags.push(Diagnostic::error(
                rel_path(root, content),
                msg!("cannot-read-folder", error = e.to_string()),
            ));
            return (out, diags);
        }
    };
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        if is_ignored(&name)
            || name == "_index.md"
            || name == "vocabularies.toml"
            || is_translated_top(&name)
        {
            continue;
        }
        let Some(kind) = path.is_dir().then(|| Kind::from_dir(&name)).flatten() else {
            diags.push(
                Diagnostic::file(
                    Severity::Warning,
                    rel_path(root, &path),
                    msg!("not-content"),
                )
                .maybe_help(folder_help(&name)),
            );
            continue;
        };
        let mut walk = walkdir::WalkDir::new(&path)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter();
        while let Some(f) = walk.next() {
            if let Ok(e) = &f
                && opts.refuses_entry(e)
            {
                diags.push(outside_warning(root, e.path()));
                if e.file_type().is_dir() {
                    walk.skip_current_dir();
                }
                continue;
            }
            if f.as_ref().is_ok_and(|e| e.depth() == 0) {
                continue;
            }
            let f = match f {
                Ok(f) => f,
                Err(e) => {
                    let p = e.path().map(Path::to_path_buf).unwrap_or(path.clone());
                    let msg = if e.loop_ancestor().is_some() {
                        msg!("symlink-loop")
                    } else {
                        msg!("cannot-read", error = e.to_string())
                    };
                    diags.push(Diagnostic::error(rel_path(root, &p), msg));
                    continue;
                }
            };
            let fname = f.file_name().to_string_lossy();
            if is_ignored(&fname) || f.file_type().is_dir() {
                continue;
            }
            if f.depth() > 1 {
                diags.push(Diagnostic::file(
                    Severity::Warning,
                    rel_path(root, f.path()),
                    msg!("file-too-deep", dir = kind.dir()),
                ));
            } else if f.path().extension().is_some_and(|e| e == "md") {
                out.push((kind, f.path().to_path_buf()));
            } else {
                diags.push(Diagnostic::file(
                    Severity::Warning,
                    rel_path(root, f.path()),
                    msg!("not-markdown"),
                ));
            }
        }
    }
    (out, diags)
}

/// "did you mean `offers`?" for a folder below `content/` that is no type,
/// also when it is named like the built site's section (`angebote`).
fn folder_help(name: &str) -> Option<crate::messages::Message> {
    let mut names: Vec<(&str, Kind)> = Vec::new();
    for k in Kind::ALL {
        names.push((k.dir(), k));
        if !k.section().is_empty() {
            names.push((k.section(), k));
        }
    }
    names.push(("seiten", Kind::Page));
    let near = crate::text::suggest::nearest(name, names.iter().map(|(n, _)| *n));
    let mut dirs: Vec<&str> = Vec::new();
    for n in near {
        let dir = names.iter().find(|(x, _)| *x == n).map(|(_, k)| k.dir())?;
        if !dirs.contains(&dir) {
            dirs.push(dir);
        }
    }
    if dirs.is_empty() {
        return None;
    }
    Some(crate::text::suggest::did_you_mean_of(&dirs))
}

/// Every file below `dir`, with output paths prefixed by `prefix`.
pub fn static_files(
    root: &Path,
    dir: &Path,
    prefix: &str,
    opts: &LoadOptions,
) -> (Vec<StaticFile>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    if !dir.is_dir() {
        return (Vec::new(), diags);
    }
    let mut paths = Vec::new();
    let mut walk = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    while let Some(f) = walk.next() {
        if let Ok(e) = &f
            && opts.refuses_entry(e)
        {
            diags.push(outside_warning(root, e.path()));
            if e.file_type().is_dir() {
                walk.skip_current_dir();
            }
            continue;
        }
        match f {
            Ok(f) if f.file_type().is_file() => {
                let name = f.file_name().to_string_lossy();
                if !is_ignored(&name) {
                    paths.push(f.path().to_path_buf());
                }
            }
            Ok(_) => {}
            Err(e) => diags.push(Diagnostic::error(
                rel_path(root, e.path().unwrap_or(dir)),
                msg!("cannot-read", error = e.to_string()),
            )),
        }
    }
    let files: Vec<Result<StaticFile, Diagnostic>> = paths
        .par_iter()
        .map(|p| {
            let rel = rel_path(dir, p);
            std::fs::read(p)
                .map(|b| StaticFile {
                    path: format!("{prefix}{rel}"),
                    bytes: b.into(),
                })
                .map_err(|e| {
                    Diagnostic::error(
                        rel_path(root, p),
                        msg!("cannot-read-file", error = e.to_string()),
                    )
                })
        })
        .collect();
    let mut out = Vec::new();
    for f in files {
        match f {
            Ok(f) => out.push(f),
            Err(d) => diags.push(d),
        }
    }
    (out, diags)
}

/// The theme as one virtual folder: embedded default, the site's theme
/// folder, the site's `templates/`, each overriding the one before by path.
pub fn theme_files(
    root: &Path,
    name: &str,
    opts: &LoadOptions,
) -> (BTreeMap<String, std::sync::Arc<[u8]>>, Vec<Diagnostic>) {
    let mut map = BTreeMap::new();
    let mut diags = Vec::new();
    if name == "lotse" {
        embedded(&DEFAULT_THEME, &mut map);
    }
    let site_theme = root.join("themes").join(name);
    if site_theme.is_dir() {
        let (files, mut d) = static_files(root, &site_theme, "", opts);
        diags.append(&mut d);
        for f in files {
            let merged = match map.get(&f.path) {
                Some(base) if f.path.starts_with("i18n/") => merge_strings(base, &f.bytes),
                _ => None,
            };
            map.insert(f.path, merged.unwrap_or(f.bytes));
        }
    } else if name != "lotse" {
        diags.push(
            Diagnostic::error("site.toml", msg!("theme-not-found", name = name))
                .with_help(msg!("theme-not-found-help")),
        );
    }
    // The site's own UI strings (`i18n/<lang>.toml` beside site.toml): a
    // language the theme lacks, or keys over the theme's.
    let (files, mut d) = static_files(root, &root.join("i18n"), "i18n/", opts);
    diags.append(&mut d);
    for f in files.into_iter().filter(|f| f.path.ends_with(".toml")) {
        let merged = map
            .get(&f.path)
            .and_then(|base| merge_strings(base, &f.bytes));
        map.insert(f.path, merged.unwrap_or(f.bytes));
    }
    let (files, mut d) = static_files(root, &root.join("templates"), "templates/", opts);
    diags.append(&mut d);
    for f in files {
        map.insert(f.path, f.bytes);
    }
    (map, diags)
}

/// The languages a theme's files have UI strings for.
pub fn ui_languages(
    theme: &BTreeMap<String, std::sync::Arc<[u8]>>,
) -> std::collections::BTreeSet<String> {
    theme
        .keys()
        .filter_map(|p| p.strip_prefix("i18n/")?.strip_suffix(".toml"))
        .map(str::to_string)
        .collect()
}

/// UI strings of a site's theme folder override the default's key by key:
/// the default's table with the site's keys over it. `None` when either is
/// not a table of strings (the site's file is then used as it is, and its
/// problem reported when the theme is compiled).
fn merge_strings(base: &[u8], site: &[u8]) -> Option<std::sync::Arc<[u8]>> {
    type Strings = BTreeMap<String, String>;
    let mut merged: Strings = toml::from_str(std::str::from_utf8(base).ok()?).ok()?;
    let over: Strings = toml::from_str(std::str::from_utf8(site).ok()?).ok()?;
    merged.extend(over);
    toml::to_string(&merged).ok().map(|s| s.into_bytes().into())
}

fn embedded(dir: &include_dir::Dir<'static>, map: &mut BTreeMap<String, std::sync::Arc<[u8]>>) {
    for f in dir.files() {
        map.insert(
            f.path().to_string_lossy().replace('\\', "/"),
            f.contents().into(),
        );
    }
    for d in dir.dirs() {
        embedded(d, map);
    }
}
