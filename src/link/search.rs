//! The extra words a reader may search an entity by (vocabulary labels,
//! short names), added to its search terms while linking.

use crate::model::{self, vocab::Vocabularies};

/// Extra words a reader may search an entity by: vocabulary labels and
/// short names.
pub trait SearchLabels {
    fn search_labels(&self, v: &Vocabularies) -> String;
}

impl SearchLabels for model::Offer {
    fn search_labels(&self, v: &Vocabularies) -> String {
        let mut s: Vec<&str> = self
            .target_groups
            .iter()
            .map(|t| v.label("target_groups", &t.id))
            .collect();
        s.extend(self.fields.iter().map(|t| v.label("fields", &t.id)));
        s.extend(self.location.as_deref());
        s.join(" ")
    }
}

impl SearchLabels for model::Partner {
    fn search_labels(&self, v: &Vocabularies) -> String {
        format!(
            "{} {}",
            self.short.as_deref().unwrap_or(""),
            v.label("partner_kinds", &self.kind.id)
        )
    }
}

impl SearchLabels for model::Region {
    fn search_labels(&self, _: &Vocabularies) -> String {
        format!(
            "{} {}",
            self.program.as_deref().unwrap_or(""),
            self.state.as_deref().unwrap_or("")
        )
    }
}

impl SearchLabels for model::Practice {
    fn search_labels(&self, v: &Vocabularies) -> String {
        self.fields
            .iter()
            .map(|t| v.label("fields", &t.id))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

impl SearchLabels for model::Agreement {
    fn search_labels(&self, _: &Vocabularies) -> String {
        String::new()
    }
}

impl SearchLabels for model::Page {
    fn search_labels(&self, _: &Vocabularies) -> String {
        String::new()
    }
}
