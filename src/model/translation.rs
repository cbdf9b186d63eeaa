//! A translation's front matter (`content/offers/x.tr.md`): only the text
//! fields of its type. Ids, references, dates, numbers and vocabulary keys
//! come from the source, so a translation that repeats one is an error: a
//! translator cannot make the Turkish page disagree with the German one.

use super::Kind;
use super::read::Reader;
use crate::diagnostics::{Diagnostic, Severity, Source};
use crate::load::TranslationDoc;
use jiff::civil::Date;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::ops::Range;

/// The text fields every type has.
pub const COMMON_TEXT: &[&str] = &["title", "summary", "description", "easy_summary"];

/// The free-text fields of a type beyond the common ones: what a
/// translator translates. Names and addresses stay as written; an offer's
/// `contact` is a sentence ("Ask your class teacher …") and translates.
pub fn text_fields(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Region => &["decision_rule", "meeting_cadence"],
        Kind::Offer => &["schedule", "cost", "location", "contact", "accessibility"],
        Kind::Partner | Kind::Practice | Kind::Agreement | Kind::Page => &[],
    }
}

/// The lists of texts a translation may hold: one text per table of the
/// source's table array, in its order — an agreement's goals
/// (`goals = ["…", "…"]` for its `[[goals]]`' `goal`), a region's milestone
/// indicators (`milestones = […]` for `[[milestones]]`' `indicator`).
pub fn text_lists(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Agreement => &["goals"],
        Kind::Region => &["milestones"],
        _ => &[],
    }
}

/// One read translation.
#[derive(Clone, Debug)]
pub struct Translation {
    pub kind: Kind,
    /// The source's id.
    pub id: String,
    pub lang: String,
    pub source: Source,
    /// The opening `+++` line: where "no source" messages point.
    pub anchor: Range<usize>,
    /// Text field → translated text (only fields the file has).
    pub texts: BTreeMap<String, String>,
    /// List name (`text_lists`) → its texts and the span of its key.
    pub lists: BTreeMap<String, (Vec<String>, Range<usize>)>,
    /// When the translation was last brought up to date with its source
    /// (the one non-text field a translation has: it is the
    /// translation's own date, compared with the source's).
    pub updated: Option<Date>,
    pub body: Range<usize>,
}

impl Translation {
    pub fn text(&self, field: &str) -> Option<&str> {
        self.texts.get(field).map(String::as_str)
    }

    /// The texts of a list (`text_lists`), when the translation has it.
    pub fn list(&self, key: &str) -> Option<&[String]> {
        self.lists.get(key).map(|(l, _)| l.as_slice())
    }

    /// The translated Markdown body (empty when the file has none).
    pub fn body_text(&self) -> &str {
        &self.source.text[self.body.clone()]
    }
}

/// The fields a translation of `kind` may have: its text fields and
/// `updated`, each optional (what is missing comes from the source).
pub fn fields(kind: Kind) -> Vec<super::fields::Field> {
    use super::fields::{Field, Ty};
    super::fields::all(kind)
        .filter_map(|f| {
            let text = COMMON_TEXT.contains(&f.key) || text_fields(kind).contains(&f.key);
            let field = Field {
                required: false,
                ..*f
            };
            if text || f.key == "updated" {
                Some(field)
            } else if text_lists(kind).contains(&f.key) {
                // One text per table of the source, in its order.
                Some(Field {
                    ty: Ty::StrList,
                    help: "Je Block der Quelle ein Text, in derselben Reihenfolge.",
                    ..field
                })
            } else {
                None
            }
        })
        .collect()
}

/// Reads a translation's front matter; every key that is not a text field
/// (or `updated`) is an error at its line.
pub fn read(t: &TranslationDoc, diags: &mut Vec<Diagnostic>) -> Translation {
    let doc = &t.doc;
    let cell = RefCell::new(std::mem::take(diags));
    let r = Reader::new(&doc.source, &doc.front, doc.anchor.clone(), &cell);
    let own = text_fields(doc.kind);
    let lists = text_lists(doc.kind);
    let allowed: Vec<&str> = COMMON_TEXT
        .iter()
        .chain(own)
        .chain(lists)
        .copied()
        .collect();
    let mut texts = BTreeMap::new();
    let mut list_texts = BTreeMap::new();
    for e in &doc.front.entries {
        let key = e.key.as_str();
        if lists.contains(&key) {
            list_texts.insert(e.key.clone(), (r.str_list(key), e.key_span.clone()));
        } else if allowed.contains(&key) {
            if let Some(s) = r.str_opt(key) {
                texts.insert(e.key.clone(), s);
            }
        } else if key != "updated" {
            let source_file = format!("content/{}/{}.md", doc.kind.dir(), doc.id);
            r.push(
                Diagnostic::at(
                    Severity::Error,
                    &doc.source,
                    e.key_span.clone(),
                    crate::msg!(
                        "translation-not-text-field",
                        field = key,
                        source = &source_file
                    ),
                )
                .with_help(crate::msg!(
                    "translation-not-text-field-help",
                    fields = allowed
                        .iter()
                        .map(|f| format!("`{f}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            );
        }
    }
    let updated = r.date_opt("updated");
    *diags = cell.into_inner();
    Translation {
        kind: doc.kind,
        id: doc.id.clone(),
        lang: t.lang.clone(),
        source: doc.source.clone(),
        anchor: doc.anchor.clone(),
        texts,
        lists: list_texts,
        updated,
        body: doc.body.clone(),
    }
}
