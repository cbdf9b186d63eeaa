//! The sections of the site: the six content types with their folders,
//! URL sections and names, the facets of the offers and the legal pages.
//! One table below every stage: `load` sorts files by folder, `url` builds
//! paths from the sections, `link` checks the legal pages, `render` labels
//! them. Names shown to readers are keys into the theme's `i18n/` files.

use std::collections::BTreeMap;

/// The six content types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Region,
    Partner,
    Offer,
    Practice,
    Agreement,
    Page,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::Region,
        Kind::Partner,
        Kind::Offer,
        Kind::Practice,
        Kind::Agreement,
        Kind::Page,
    ];

    /// Folder below `content/`.
    pub fn dir(self) -> &'static str {
        match self {
            Kind::Region => "regions",
            Kind::Partner => "partners",
            Kind::Offer => "offers",
            Kind::Practice => "practice",
            Kind::Agreement => "agreements",
            Kind::Page => "pages",
        }
    }

    pub fn from_dir(dir: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.dir() == dir)
    }

    /// Section of the built site (`/regionen/<id>/`); pages live at the root.
    pub fn section(self) -> &'static str {
        match self {
            Kind::Region => "regionen",
            Kind::Partner => "partner",
            Kind::Offer => "angebote",
            Kind::Practice => "gute-praxis",
            Kind::Agreement => "vereinbarungen",
            Kind::Page => "",
        }
    }

    /// The command-line and message name (`region`, `offer`, …).
    pub fn name(self) -> &'static str {
        match self {
            Kind::Region => "region",
            Kind::Partner => "partner",
            Kind::Offer => "offer",
            Kind::Practice => "practice",
            Kind::Agreement => "agreement",
            Kind::Page => "page",
        }
    }

    /// The type's name in messages ("partner" / "Partner").
    pub fn label(self) -> crate::messages::Message {
        match self {
            Kind::Region => crate::msg!("kind-region"),
            Kind::Partner => crate::msg!("kind-partner"),
            Kind::Offer => crate::msg!("kind-offer"),
            Kind::Practice => crate::msg!("kind-practice"),
            Kind::Agreement => crate::msg!("kind-agreement"),
            Kind::Page => crate::msg!("kind-page"),
        }
    }

    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// Key of the type's name in the theme's `i18n/` (`type_offer` →
    /// "Angebot").
    pub fn label_key(self) -> &'static str {
        match self {
            Kind::Region => "type_region",
            Kind::Partner => "type_partner",
            Kind::Offer => "type_offer",
            Kind::Practice => "type_practice",
            Kind::Agreement => "type_agreement",
            Kind::Page => "type_page",
        }
    }

    /// Key of the type's plural, also its section's name (`types_offer` →
    /// "Angebote").
    pub fn plural_key(self) -> &'static str {
        match self {
            Kind::Region => "types_region",
            Kind::Partner => "types_partner",
            Kind::Offer => "types_offer",
            Kind::Practice => "types_practice",
            Kind::Agreement => "types_agreement",
            Kind::Page => "types_page",
        }
    }
}

/// Pages the footer of every page links when the site has them, in this order.
pub const LEGAL_PAGES: [&str; 4] = [
    "impressum",
    "datenschutz",
    "barrierefreiheit",
    "leichte-sprache",
];

/// A facet of the offers that has its own pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Facet {
    TargetGroup,
    Field,
    Grade,
}

impl Facet {
    pub const ALL: [Facet; 3] = [Facet::TargetGroup, Facet::Field, Facet::Grade];

    /// Path segment below `/angebote/`.
    pub fn segment(self) -> &'static str {
        match self {
            Facet::TargetGroup => "zielgruppe",
            Facet::Field => "handlungsfeld",
            Facet::Grade => "klasse",
        }
    }

    /// Key of the facet's name in the theme's `i18n/`.
    pub fn label_key(self) -> &'static str {
        match self {
            Facet::TargetGroup => "facet_target_group",
            Facet::Field => "facet_field",
            Facet::Grade => "facet_grade",
        }
    }
}

/// The top-level sections of the site in navigation order: URL segment and
/// the key of its name in the theme's `i18n/`. The types' sections are
/// named by their plural; the last one (`daten`) is linked from the footer,
/// not the main navigation.
pub const SECTIONS: [(&str, &str); 10] = [
    ("regionen", "types_region"),
    ("partner", "types_partner"),
    ("angebote", "types_offer"),
    ("berufswahlfahrplan", "special_fahrplan"),
    ("gute-praxis", "types_practice"),
    ("vereinbarungen", "types_agreement"),
    ("netzwerk", "special_netzwerk"),
    ("zahlen", "special_zahlen"),
    ("suche", "special_suche"),
    ("daten", "special_daten"),
];

/// The key of a top-level section's name, by its URL segment.
pub fn section_key(segment: &str) -> Option<&'static str> {
    SECTIONS
        .iter()
        .find(|(s, _)| *s == segment)
        .map(|(_, k)| *k)
}

/// The other keys the Rust code looks up (for the test below).
pub const LABEL_KEYS: &[&str] = &[
    "breadcrumb_home",
    "not_found_title",
    "redirect_page_title",
    "offers_archive",
    "figures_overdue_goals",
    "fahrplan_all_year",
    "special_fahrplan_description",
    "special_netzwerk_description",
    "special_zahlen_description",
    "special_daten_description",
    "dataset_region",
    "dataset_partner",
    "dataset_offer",
    "dataset_practice",
    "dataset_agreement",
    "dataset_page",
    "catalog_keyword_transition",
    "catalog_keyword_orientation",
    "catalog_description",
    "phase_name_1",
    "phase_name_2",
    "phase_name_3",
    "phase_name_4",
    "phase_name_5",
    "milestone_done",
    "milestone_in_progress",
    "milestone_open",
    "goal_planned",
    "goal_in_progress",
    "goal_done",
    "goal_postponed",
    "goal_dropped",
    "agreement_in_force",
    "agreement_expired",
    "agreement_terminated",
    "agreement_not_yet",
    "body_decision",
    "body_advisory",
    "body_working",
    "chart_partner_kinds_title",
    "chart_partner_kinds_intro",
    "chart_partner_kinds_column",
    "chart_region_programs_title",
    "chart_region_programs_intro",
    "chart_region_programs_column",
    "chart_coordination_title",
    "chart_coordination_intro",
    "chart_coordination_column",
    "chart_offer_fields_title",
    "chart_offer_fields_intro",
    "chart_offer_fields_column",
    "chart_offer_grades_title",
    "chart_offer_grades_intro",
    "chart_offer_grades_column",
    "chart_goal_status_title",
    "chart_goal_status_intro",
    "chart_goal_status_column",
    "chart_no_program",
    "fahrplan_other_offers",
    "network_map_title",
    "network_map_description",
    "grade",
    "regions",
    "partner",
    "offers",
    "practices",
    "agreements",
];

/// The theme's UI strings for the site's language (`i18n/<lang>.toml`, the
/// embedded defaults merged under the site's own): every label the Rust
/// code prints is looked up here by key, so that a language is a file.
#[derive(Clone, Copy, Debug)]
pub struct Labels<'a>(pub &'a BTreeMap<String, String>);

impl<'a> Labels<'a> {
    /// The string of `key`; the key itself when the theme lacks it (the
    /// default theme has every key, see the test below).
    pub fn get(self, key: &'a str) -> &'a str {
        self.0.get(key).map_or(key, String::as_str)
    }

    /// The string of a key made at run time; empty when the theme lacks it.
    pub fn find(self, key: &str) -> &'a str {
        self.0.get(key).map_or("", String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every key the Rust code asks for is in the default theme's German
    /// strings (a missing one would print the key on the site).
    #[test]
    fn the_default_theme_has_every_key() {
        let text = include_str!("../themes/lotse/i18n/de.toml");
        let table: toml::Table = toml::from_str(text).unwrap();
        let mut keys: Vec<&str> = Vec::new();
        for k in Kind::ALL {
            keys.extend([k.label_key(), k.plural_key()]);
        }
        keys.extend(Facet::ALL.map(Facet::label_key));
        keys.extend(SECTIONS.map(|(_, k)| k));
        keys.extend(LABEL_KEYS);
        // `Kind::ALL` is in declaration order (views index by `kind as usize`).
        for (i, k) in Kind::ALL.into_iter().enumerate() {
            assert_eq!(k as usize, i);
        }
        // The types' sections are named by the types' plurals.
        for k in Kind::ALL.into_iter().filter(|k| *k != Kind::Page) {
            assert_eq!(section_key(k.section()), Some(k.plural_key()));
        }
        for key in keys {
            assert!(table.contains_key(key), "i18n/de.toml has no `{key}`");
        }
    }

    /// Every language the theme ships has exactly German's keys: none
    /// missing (the page would show the key) and none extra (a typo),
    /// except the plural forms `<noun>_two` and `<noun>_few` of a noun that
    /// German counts (`<noun>_one`), for languages that have them. Every
    /// `{placeholder}` of a German string is in the translation.
    #[test]
    fn every_language_has_every_key() {
        let strings = |text: &str| -> BTreeMap<String, String> { toml::from_str(text).unwrap() };
        let de = strings(include_str!("../themes/lotse/i18n/de.toml"));
        let placeholders = |s: &str| -> Vec<String> {
            s.split('{')
                .skip(1)
                .filter_map(|p| p.split_once('}').map(|(name, _)| name.to_string()))
                .collect()
        };
        for (lang, text) in [
            ("en", include_str!("../themes/lotse/i18n/en.toml")),
            ("tr", include_str!("../themes/lotse/i18n/tr.toml")),
            ("ar", include_str!("../themes/lotse/i18n/ar.toml")),
            ("uk", include_str!("../themes/lotse/i18n/uk.toml")),
        ] {
            let t = strings(text);
            for (key, german) in &de {
                let Some(s) = t.get(key) else {
                    panic!("i18n/{lang}.toml has no `{key}`");
                };
                let mut want = placeholders(german);
                let mut have = placeholders(s);
                want.sort();
                have.sort();
                assert_eq!(
                    have, want,
                    "i18n/{lang}.toml: `{key}` changes the placeholders"
                );
                assert_eq!(s.is_empty(), german.is_empty(), "i18n/{lang}.toml: `{key}`");
            }
            for key in t.keys().filter(|k| !de.contains_key(*k)) {
                let noun = key
                    .strip_suffix("_two")
                    .or_else(|| key.strip_suffix("_few"));
                assert!(
                    noun.is_some_and(|n| de.contains_key(&format!("{n}_one"))),
                    "i18n/{lang}.toml has `{key}`, which de.toml does not"
                );
            }
        }
    }
}
