//! The sections of the site: the six content types with their folders,
//! URL sections and names, the facets of the offers and the legal pages.
//! One table below every stage: `load` sorts files by folder, `url` builds
//! paths from the sections, `link` checks the legal pages, `render` labels
//! them.

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

    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// German singular, as shown to readers.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Region => "Region",
            Kind::Partner => "Partner",
            Kind::Offer => "Angebot",
            Kind::Practice => "Gute Praxis",
            Kind::Agreement => "Vereinbarung",
            Kind::Page => "Seite",
        }
    }

    /// German plural, as shown to readers.
    pub fn plural(self) -> &'static str {
        match self {
            Kind::Region => "Regionen",
            Kind::Partner => "Partner",
            Kind::Offer => "Angebote",
            Kind::Practice => "Gute Praxis",
            Kind::Agreement => "Vereinbarungen",
            Kind::Page => "Seiten",
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

    pub fn label(self) -> &'static str {
        match self {
            Facet::TargetGroup => "Zielgruppe",
            Facet::Field => "Handlungsfeld",
            Facet::Grade => "Klassenstufe",
        }
    }
}
