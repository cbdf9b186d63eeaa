//! Translations beside their sources: `content/offers/x.tr.md`,
//! `content/_index.tr.md`, `content/vocabularies.tr.toml`. Only the files
//! are read here; which fields a translation may hold is `model`'s job, and
//! whether its source and language exist is `link`'s.

use super::{
    Doc, LoadOptions, Loaded, load_doc, node, parse_doc, read_text, split_and_parse, syntax_errors,
};
use crate::diagnostics::Diagnostic;
use crate::section::Kind;
use std::path::Path;

/// A translation file (`content/offers/x.tr.md`): the parsed file with
/// its source's id, and the language from its name.
#[derive(Clone, Debug)]
pub struct TranslationDoc {
    pub lang: String,
    pub doc: Doc,
}

/// Splits `x.tr` into the id `x` and the language `tr` when the part after
/// the last dot looks like a language tag (2 or 3 lowercase ASCII letters).
/// Any other stem with a dot stays an (invalid) id and is reported as such.
pub fn translation_stem(stem: &str) -> Option<(&str, &str)> {
    let (id, lang) = stem.rsplit_once('.')?;
    (crate::text::ids::is_language_tag(lang) && !id.is_empty()).then_some((id, lang))
}

/// One content file: an entity's source or a translation.
pub enum Loaded1 {
    Doc(Doc),
    Translation(TranslationDoc),
}

/// Whether a content file's name marks a translation (`x.tr.md`).
pub fn is_translation_path(path: &Path) -> bool {
    path.file_stem()
        .and_then(|s| s.to_str())
        .is_some_and(|s| translation_stem(s).is_some())
}

/// Reads a content file: a translation when its name says so, else a doc.
pub fn load_any(root: &Path, kind: Kind, path: &Path) -> Result<Loaded1, Vec<Diagnostic>> {
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    match translation_stem(stem) {
        Some((id, lang)) => {
            let (id, lang) = (id.to_string(), lang.to_string());
            let source = read_text(root, path).map_err(|d| vec![d])?;
            let doc = parse_doc(kind, id, source)?;
            Ok(Loaded1::Translation(TranslationDoc { lang, doc }))
        }
        None => load_doc(root, kind, path).map(Loaded1::Doc),
    }
}

/// `content/_index.<lang>.md` and `content/vocabularies.<lang>.toml`.
pub(super) fn load_translated_top(
    root: &Path,
    content: &Path,
    opts: &LoadOptions,
    loaded: &mut Loaded,
    diags: &mut Vec<Diagnostic>,
) {
    let Ok(rd) = std::fs::read_dir(content) else {
        return;
    };
    let mut names: Vec<String> = rd
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for name in names {
        let path = content.join(&name);
        if let Some(lang) = name
            .strip_prefix("_index.")
            .and_then(|r| r.strip_suffix(".md"))
            .filter(|l| translation_stem(&format!("x.{l}")).is_some())
        {
            if opts.refused(root, &path, diags) {
                continue;
            }
            let read = read_text(root, &path)
                .map_err(|d| vec![d])
                .and_then(|src| split_and_parse(&src, true).map(|(f, _, b)| (src, f, b)));
            match read {
                Ok(home) => loaded.home_translations.push((lang.to_string(), home)),
                Err(mut d) => diags.append(&mut d),
            }
        } else if let Some(lang) = name
            .strip_prefix("vocabularies.")
            .and_then(|r| r.strip_suffix(".toml"))
            .filter(|l| translation_stem(&format!("x.{l}")).is_some())
        {
            if opts.refused(root, &path, diags) {
                continue;
            }
            match read_text(root, &path) {
                Ok(src) => match node::parse(&src.text, 0) {
                    Ok(t) => loaded
                        .vocabulary_translations
                        .push((lang.to_string(), src, t)),
                    Err(errs) => diags.extend(syntax_errors(&src, errs)),
                },
                Err(d) => diags.push(d),
            }
        }
    }
}

/// Whether a file directly in `content/` is a translation of the home page
/// or the vocabularies (read by `load_translated_top`).
pub fn is_translated_top(name: &str) -> bool {
    [("_index.", ".md"), ("vocabularies.", ".toml")]
        .iter()
        .any(|(pre, suf)| {
            name.strip_prefix(pre)
                .and_then(|r| r.strip_suffix(suf))
                .is_some_and(|l| translation_stem(&format!("x.{l}")).is_some())
        })
}
