//! Controlled vocabularies (`content/vocabularies.toml`): one table per
//! vocabulary, key = id, value = label.

use crate::diagnostics::{Diagnostic, Severity, Source};
use crate::load::node::{Table, Value};
use std::collections::BTreeMap;

/// The vocabularies the content model names.
pub const NAMES: [&str; 6] = [
    "region_kinds",
    "partner_kinds",
    "target_groups",
    "fields",
    "quality_standards",
    "network_phases",
];

/// One vocabulary: terms in the order the file lists them.
#[derive(Clone, Debug, Default)]
pub struct Vocabulary {
    pub terms: Vec<(String, String)>,
}

impl Vocabulary {
    pub fn label(&self, key: &str) -> Option<&str> {
        self.terms
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, l)| l.as_str())
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.terms.iter().map(|(k, _)| k.as_str())
    }
}

#[derive(Clone, Debug, Default)]
pub struct Vocabularies {
    pub map: BTreeMap<String, Vocabulary>,
    /// Vocabularies whose problem is reported already (file missing or
    /// unreadable: all; an entry that is no table: that one), so that their
    /// uses are not reported once more.
    pub unreadable: Unreadable,
}

/// See [`Vocabularies::unreadable`].
#[derive(Clone, Debug, Default)]
pub enum Unreadable {
    #[default]
    None,
    All,
    Some(std::collections::BTreeSet<String>),
}

impl Unreadable {
    pub fn contains(&self, name: &str) -> bool {
        match self {
            Unreadable::None => false,
            Unreadable::All => true,
            Unreadable::Some(set) => set.contains(name),
        }
    }
}

impl Vocabularies {
    pub fn get(&self, name: &str) -> Option<&Vocabulary> {
        self.map.get(name)
    }

    /// The label of a term, or the key itself when unknown.
    pub fn label<'a>(&'a self, name: &str, key: &'a str) -> &'a str {
        self.get(name).and_then(|v| v.label(key)).unwrap_or(key)
    }

    /// Reads the file's table; problems go to `diags`.
    pub fn read(source: &Source, table: &Table, diags: &mut Vec<Diagnostic>) -> Self {
        let mut map = BTreeMap::new();
        let mut unreadable = std::collections::BTreeSet::new();
        for e in &table.entries {
            let Value::Table(t) = &e.node.value else {
                unreadable.insert(e.key.clone());
                diags.push(Diagnostic::at(
                    Severity::Error,
                    source,
                    e.node.span.clone(),
                    crate::msg!("vocabulary-not-table", name = &e.key),
                ));
                continue;
            };
            if !NAMES.contains(&e.key.as_str()) {
                diags.push(
                    Diagnostic::at(
                        Severity::Warning,
                        source,
                        e.key_span.clone(),
                        crate::msg!("unknown-vocabulary", name = &e.key),
                    )
                    .maybe_help(crate::text::suggest::did_you_mean(&e.key, NAMES)),
                );
            }
            let mut voc = Vocabulary::default();
            for term in &t.entries {
                if !crate::text::ids::is_valid_id(&term.key) {
                    diags.push(
                        Diagnostic::at(
                            Severity::Error,
                            source,
                            term.key_span.clone(),
                            crate::msg!("invalid-term-id", id = &term.key),
                        )
                        .with_help({
                            let fixed = crate::text::ids::slugify(&term.key);
                            crate::msg!("invalid-term-id-help", fixed = &fixed)
                                .with_replacement(fixed)
                        }),
                    );
                }
                match &term.node.value {
                    Value::Str(label) => voc.terms.push((term.key.clone(), label.clone())),
                    other => diags.push(Diagnostic::at(
                        Severity::Error,
                        source,
                        term.node.span.clone(),
                        crate::msg!(
                            "term-label-not-string",
                            term = format!("{}.{}", e.key, term.key),
                            found = other.type_name()
                        ),
                    )),
                }
            }
            map.insert(e.key.clone(), voc);
        }
        Vocabularies {
            map,
            unreadable: if unreadable.is_empty() {
                Unreadable::None
            } else {
                Unreadable::Some(unreadable)
            },
        }
    }
}
