//! The files of the site besides its pages, by path: the open-data sets
//! and their formats, the catalogue, calendar, feed, sitemap and robots
//! file, and how many pieces the search index is split into. The route
//! plan lists them; the outputs that write them take their paths from here.

use crate::link::Site;
use crate::model::Kind;

/// The DCAT catalogue of the data sets, as JSON-LD, Turtle and RDF/XML.
pub const CATALOG: &str = "daten/katalog.jsonld";
pub const CATALOG_TTL: &str = "daten/katalog.ttl";
pub const CATALOG_RDF: &str = "daten/katalog.rdf";

/// A syntax the catalogue is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RdfFormat {
    JsonLd,
    Turtle,
    RdfXml,
}

impl RdfFormat {
    pub const ALL: [RdfFormat; 3] = [RdfFormat::JsonLd, RdfFormat::Turtle, RdfFormat::RdfXml];

    /// The catalogue's path in this syntax.
    pub fn path(self) -> &'static str {
        match self {
            RdfFormat::JsonLd => CATALOG,
            RdfFormat::Turtle => CATALOG_TTL,
            RdfFormat::RdfXml => CATALOG_RDF,
        }
    }
}
/// The offers' dates as iCalendar.
pub const ICS: &str = "daten/angebote.ics";
/// The Atom feed of changes.
pub const FEED: &str = "feed.xml";
pub const SITEMAP: &str = "sitemap.xml";
pub const ROBOTS: &str = "robots.txt";
/// The colours of `[brand] color` as CSS custom properties.
pub const BRAND_CSS: &str = "brand.css";

/// The browser editor (`outputs::cms`), only with `[cms]` in site.toml:
/// its page, generated configuration, vendored bundle and licences.
pub const CMS_INDEX: &str = "admin/index.html";
pub const CMS_CONFIG: &str = "admin/config.yml";
pub const CMS_SCRIPT: &str = "admin/decap-cms.js";
pub const CMS_LICENSE: &str = "admin/LICENSE.txt";

/// The site paths of the editor's files; none without `[cms]`.
pub fn cms_paths(config: &crate::config::Config) -> &'static [&'static str] {
    match config.cms {
        Some(_) => &[CMS_INDEX, CMS_CONFIG, CMS_SCRIPT, CMS_LICENSE],
        None => &[],
    }
}

/// The content types that have a data set, in the order of the data page.
pub const DATA_KINDS: [Kind; 5] = [
    Kind::Region,
    Kind::Partner,
    Kind::Offer,
    Kind::Practice,
    Kind::Agreement,
];

/// A data file's format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    Json,
    Csv,
}

impl Format {
    pub fn ext(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Csv => "csv",
        }
    }
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Json => "application/json",
            Format::Csv => "text/csv",
        }
    }
}

/// Site path of a data file (`daten/angebote.json`).
pub fn data_path(kind: Kind, format: Format) -> String {
    format!("daten/{}.{}", kind.section(), format.ext())
}

/// Documents per document chunk: small, because the results a query shows
/// are spread over the documents and each loads its whole chunk (25 keeps
/// a chunk at about 6 kB; at 200, twenty scattered results cost a phone
/// about 1 MB).
pub const CHUNK: usize = 25;
/// One term shard per this many documents (at least one shard).
pub const DOCS_PER_SHARD: usize = 64;

/// How many document chunks a site has.
pub fn chunk_count(site: &Site) -> usize {
    site.entities().count().div_ceil(CHUNK).max(1)
}

/// How many term shards a site has.
pub fn shard_count(site: &Site) -> usize {
    site.entities().count().div_ceil(DOCS_PER_SHARD).max(1)
}
