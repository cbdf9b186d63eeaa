//! DCAT-AP.de catalogue of the open data, as GovData harvests it: a
//! `dcat:Catalog` with one `dcat:Dataset` per content type and one
//! `dcat:Distribution` per file, written as JSON-LD
//! (`/daten/katalog.jsonld`), Turtle (`katalog.ttl`) and RDF/XML
//! (`katalog.rdf`), one graph in three syntaxes.

use super::data::{DATA_KINDS, Format};
use super::rdf::{self, DCAT as DCAT_NS, DCATDE, DCT, FOAF, RDF_TYPE, Triple, VCARD};
use super::{newest, newest_all, oldest_published};
use crate::link::Site;
use crate::model::{Kind, RegionKey};
use crate::section::Labels;

pub use crate::routes::files::{CATALOG as PATH, CATALOG_RDF, CATALOG_TTL, RdfFormat};

fn dcat(local: &str) -> String {
    format!("{DCAT_NS}{local}")
}

fn dct(local: &str) -> String {
    format!("{DCT}{local}")
}

/// One downloadable file of the data page and the catalogue.
#[derive(Clone, Debug)]
pub struct Download {
    pub kind: Kind,
    /// Site path (`daten/angebote.csv`).
    pub path: String,
    /// `JSON`, `CSV`, `ICS`.
    pub format: &'static str,
    pub media_type: &'static str,
    pub bytes: usize,
}

/// The licence of the data as a URI: DCAT-AP.de licence vocabulary for
/// the usual ids, a URL as written, else the SPDX page of the id.
pub fn license_uri(id: &str) -> String {
    let id = id.trim();
    if id.starts_with("http://") || id.starts_with("https://") {
        return id.to_string();
    }
    let known = match id.to_ascii_uppercase().as_str() {
        "CC-BY-4.0" => Some("cc-by/4.0"),
        "CC-BY-SA-4.0" => Some("cc-by-sa/4.0"),
        "CC-BY-ND-4.0" => Some("cc-by-nd/4.0"),
        "CC-BY-NC-4.0" => Some("cc-by-nc/4.0"),
        "CC0-1.0" | "CC0" => Some("cc-zero"),
        "DL-DE-BY-2.0" | "DL-DE->BY-2.0" => Some("dl-by-de/2.0"),
        "DL-DE-ZERO-2.0" | "DL-DE->ZERO-2.0" => Some("dl-zero-de/2.0"),
        _ => None,
    };
    match known {
        Some(k) => format!("http://dcat-ap.de/def/licenses/{k}"),
        None => format!("https://spdx.org/licenses/{id}.html"),
    }
}

/// EU file-type authority URI of a format; `None` where the authority's
/// list has no entry lotse is sure of (the calendar: its media type says
/// what it is).
fn file_type(format: &str) -> Option<String> {
    matches!(format, "JSON" | "CSV")
        .then(|| format!("http://publications.europa.eu/resource/authority/file-type/{format}"))
}

/// Key of a data set's description in the theme's `i18n/`.
pub fn dataset_description_key(kind: Kind) -> &'static str {
    match kind {
        Kind::Region => "dataset_region",
        Kind::Partner => "dataset_partner",
        Kind::Offer => "dataset_offer",
        Kind::Practice => "dataset_practice",
        Kind::Agreement => "dataset_agreement",
        Kind::Page => "dataset_page",
    }
}

/// The catalogue for the given downloads in one of its formats: the same
/// graph (see [`graph`]) written by oxigraph's serializers.
pub fn catalog(site: &Site, labels: Labels, downloads: &[Download], format: RdfFormat) -> Vec<u8> {
    rdf::write(&graph(site, labels, downloads), format)
}

/// The catalogue as triples, in the order they are written.
pub fn graph(site: &Site, labels: Labels, downloads: &[Download]) -> Vec<Triple> {
    let cfg = &site.config;
    let od = &cfg.open_data;
    let u = &site.urls;
    let lang = cfg.language.as_str();
    let mut g = rdf::Graph::default();
    let catalog = u.absolute("daten/#katalog");
    let publisher = u.absolute("daten/#herausgeber");
    let contact = u.absolute("daten/#kontakt");
    let license = license_uri(&cfg.data_license);
    let language = "http://publications.europa.eu/resource/authority/language/DEU";
    let modified_all = newest_all(site);
    let issued_all = DATA_KINDS
        .iter()
        .filter_map(|&k| oldest_published(site, k))
        .min();
    let places = places(site);

    g.iri(&catalog, RDF_TYPE, &dcat("Catalog"));
    g.text(
        &catalog,
        &dct("title"),
        &format!("{} – {}", labels.get("special_daten"), cfg.title),
        lang,
    );
    let description = cfg.description.clone().unwrap_or_else(|| {
        labels
            .get("catalog_description")
            .replace("{title}", &cfg.title)
    });
    g.text(&catalog, &dct("description"), &description, lang);
    g.iri(&catalog, &dct("publisher"), &publisher);
    g.iri(&catalog, &dct("license"), &license);
    g.iri(&catalog, &dct("language"), language);
    if let Some(d) = issued_all {
        g.date(&catalog, &dct("issued"), d);
    }
    if let Some(d) = modified_all {
        g.date(&catalog, &dct("modified"), d);
    }
    g.iri(&catalog, &format!("{FOAF}homepage"), &cfg.base_url);
    for &kind in &DATA_KINDS {
        g.iri(&catalog, &dcat("dataset"), &dataset_iri(site, kind));
    }

    // The publisher: a typed agent (ADMS publisher type) with a website.
    g.iri(&publisher, RDF_TYPE, &format!("{FOAF}Organization"));
    g.iri(&publisher, RDF_TYPE, &format!("{FOAF}Agent"));
    let name = od.publisher_name.as_deref().unwrap_or(&cfg.publisher);
    g.plain(&publisher, &format!("{FOAF}name"), name);
    if let Some(t) = &od.publisher_type {
        g.iri(
            &publisher,
            &dct("type"),
            &format!("http://purl.org/adms/publishertype/{t}"),
        );
    }
    if let Some(url) = &od.publisher_url {
        g.iri(&publisher, &format!("{FOAF}homepage"), url);
    }

    // The contact point (vCard): the data's address, else the site's.
    let email = od.contact_email.as_deref().or(cfg.email.as_deref());
    if let Some(email) = email {
        // Both types: the shapes look for `vcard:Kind` without inference.
        g.iri(&contact, RDF_TYPE, &format!("{VCARD}Organization"));
        g.iri(&contact, RDF_TYPE, &format!("{VCARD}Kind"));
        g.plain(&contact, &format!("{VCARD}fn"), name);
        g.iri(
            &contact,
            &format!("{VCARD}hasEmail"),
            &format!("mailto:{email}"),
        );
    }

    for &kind in &DATA_KINDS {
        let set = dataset_iri(site, kind);
        let modified = newest(site, kind).or(modified_all);
        let issued = oldest_published(site, kind).or(issued_all);
        g.iri(&set, RDF_TYPE, &dcat("Dataset"));
        g.plain(&set, &dct("identifier"), &set);
        g.text(&set, &dct("title"), labels.get(kind.plural_key()), lang);
        g.text(
            &set,
            &dct("description"),
            labels.get(dataset_description_key(kind)),
            lang,
        );
        g.iri(&set, &dct("publisher"), &publisher);
        if email.is_some() {
            g.iri(&set, &dcat("contactPoint"), &contact);
        }
        if let Some(id) = &od.contributor_id {
            g.iri(&set, &format!("{DCATDE}contributorID"), id);
        }
        g.iri(&set, &dct("language"), language);
        if let Some(d) = issued {
            g.date(&set, &dct("issued"), d);
        }
        if let Some(d) = modified {
            g.date(&set, &dct("modified"), d);
        }
        g.iri(&set, &dcat("landingPage"), &u.absolute("daten/"));
        for k in [
            labels.get("catalog_keyword_transition"),
            labels.get("catalog_keyword_orientation"),
            labels.get(kind.plural_key()),
        ] {
            g.text(&set, &dcat("keyword"), k, lang);
        }
        g.iri(
            &set,
            &dcat("theme"),
            "http://publications.europa.eu/resource/authority/data-theme/EDUC",
        );
        for p in &places.uris {
            g.iri(&set, &dct("spatial"), p);
            g.iri(&set, &format!("{DCATDE}politicalGeocodingURI"), p);
        }
        if let Some(level) = &places.level {
            g.iri(&set, &format!("{DCATDE}politicalGeocodingLevelURI"), level);
        }
        for d in downloads.iter().filter(|d| d.kind == kind) {
            g.iri(&set, &dcat("distribution"), &u.absolute(&d.path));
        }
        for d in downloads.iter().filter(|d| d.kind == kind) {
            let url = u.absolute(&d.path);
            let title = labels.get(kind.plural_key());
            g.iri(&url, RDF_TYPE, &dcat("Distribution"));
            g.text(
                &url,
                &dct("title"),
                &format!("{title} ({})", d.format),
                lang,
            );
            let what = match d.format {
                "JSON" => labels.get("distribution_json"),
                "CSV" => labels.get("distribution_csv"),
                _ => labels.get("distribution_ics"),
            };
            g.text(
                &url,
                &dct("description"),
                &what.replace("{title}", title),
                lang,
            );
            g.iri(&url, &dcat("accessURL"), &url);
            g.iri(&url, &dcat("downloadURL"), &url);
            g.iri(
                &url,
                &dcat("mediaType"),
                &format!(
                    "http://www.iana.org/assignments/media-types/{}",
                    d.media_type
                ),
            );
            if let Some(f) = file_type(d.format) {
                g.iri(&url, &dct("format"), &f);
            }
            // No `dcat:byteSize`: GovData's two profiles require different
            // datatypes for it (2.0: xsd:decimal, 3.0:
            // xsd:nonNegativeInteger), so any value breaks one of them;
            // the data page shows each file's size.
            g.iri(&url, &dct("license"), &license);
            if let Some(d) = issued {
                g.date(&url, &dct("issued"), d);
            }
            if let Some(d) = modified {
                g.date(&url, &dct("modified"), d);
            }
        }
    }
    // What the places are, for readers of `dct:spatial` (a `dct:Location`).
    for p in &places.uris {
        g.iri(p, RDF_TYPE, &dct("Location"));
    }
    g.triples
}

fn dataset_iri(site: &Site, kind: Kind) -> String {
    site.urls.absolute(&format!("daten/#{}", kind.section()))
}

/// The areas the data covers: the regions' official keys as DCAT-AP.de
/// geocoding URIs, and their level (the wider one when they differ).
struct Places {
    uris: Vec<String>,
    level: Option<String>,
}

fn places(site: &Site) -> Places {
    const GEO: &str = "http://dcat-ap.de/def/politicalGeocoding/";
    let keys: Vec<&RegionKey> = site
        .regions
        .iter()
        .filter_map(|r| r.data.key.as_ref())
        .collect();
    let mut uris: Vec<String> = keys
        .iter()
        .map(|k| match k {
            RegionKey::Regional(c) => format!("{GEO}regionalKey/{c}"),
            RegionKey::Municipality(c) => format!("{GEO}municipalityKey/{c}"),
            RegionKey::District(c) => format!("{GEO}districtKey/{c}"),
        })
        .collect();
    uris.sort();
    uris.dedup();
    let level = (!keys.is_empty()).then(|| {
        let l = if keys.iter().any(|k| k.is_district()) {
            "administrativeDistrict"
        } else {
            "municipality"
        };
        format!("{GEO}Level/{l}")
    });
    Places { uris, level }
}

/// Every download of the data page, with its size, generated on the spot;
/// with `parallel`, the files in parallel (at 50,000 entities each takes a
/// good part of a second). Not `parallel` on a rayon worker that waits for
/// it from a `OnceLock`: see `render::Renderer::prepare`.
pub fn downloads(site: &Site, parallel: bool) -> Vec<(Download, Vec<u8>)> {
    use rayon::prelude::*;
    if parallel {
        jobs().into_par_iter().map(|j| download(site, j)).collect()
    } else {
        jobs().into_iter().map(|j| download(site, j)).collect()
    }
}

/// Every download, in parallel, each handed to `emit` as soon as it is
/// made and then dropped; what is left is the list with sizes, for the
/// catalogue and the data page. At 50,000 entities the files are some
/// 200 MB together: a build that writes them out need not hold them all.
pub fn each_download(site: &Site, emit: &dyn crate::output::Emit) -> Vec<Download> {
    use rayon::prelude::*;
    let jobs = jobs();
    // The offers' files first, the calendar first of them, each a task of
    // its own: they are most of the work (the calendar alone is one long
    // serial task), and started last they left one core idle at the end.
    let mut order: Vec<usize> = (0..jobs.len()).collect();
    order.sort_by_key(|&i| (jobs[i].0 != Kind::Offer, jobs[i].1.is_some()));
    let mut made: Vec<(usize, Download)> = order
        .into_par_iter()
        .with_max_len(1)
        .map(|i| {
            let j = jobs[i];
            let mut d = describe(j);
            d.bytes = emit.stream(&d.path, &mut |w| write_download(site, j, w));
            (i, d)
        })
        .collect();
    // In the order of `jobs`, which the catalogue and the data page show.
    made.sort_by_key(|&(i, _)| i);
    made.into_iter().map(|(_, d)| d).collect()
}

/// The downloads to make: each data set's JSON and CSV, and the offers'
/// calendar (`None`).
fn jobs() -> Vec<(Kind, Option<Format>)> {
    let mut jobs = Vec::new();
    for kind in DATA_KINDS {
        jobs.push((kind, Some(Format::Json)));
        jobs.push((kind, Some(Format::Csv)));
        if kind == Kind::Offer {
            jobs.push((kind, None));
        }
    }
    jobs
}

/// One download job's file: its path, format and media type (size 0).
fn describe((kind, format): (Kind, Option<Format>)) -> Download {
    let (path, label, media_type) = match format {
        Some(f @ Format::Json) => (super::data::path(kind, f), "JSON", f.media_type()),
        Some(f @ Format::Csv) => (super::data::path(kind, f), "CSV", f.media_type()),
        None => (super::ics::PATH.to_string(), "ICS", "text/calendar"),
    };
    Download {
        kind,
        path,
        format: label,
        media_type,
        bytes: 0,
    }
}

/// Writes one download job's file to `w`.
fn write_download(
    site: &Site,
    (kind, format): (Kind, Option<Format>),
    w: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    match format {
        Some(Format::Json) => super::data::write_json(site, kind, w),
        Some(Format::Csv) => super::data::write_csv(site, kind, w),
        None => super::ics::write_calendar(site, w),
    }
}

fn download(site: &Site, job: (Kind, Option<Format>)) -> (Download, Vec<u8>) {
    let mut d = describe(job);
    let mut bytes = Vec::new();
    // Writing to a Vec fails only where a serializer does; the file is
    // then what was written.
    let _ = write_download(site, job, &mut bytes);
    d.bytes = bytes.len();
    (d, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn licence_uris() {
        assert_eq!(
            license_uri("CC-BY-4.0"),
            "http://dcat-ap.de/def/licenses/cc-by/4.0"
        );
        assert_eq!(
            license_uri("dl-de-zero-2.0"),
            "http://dcat-ap.de/def/licenses/dl-zero-de/2.0"
        );
        assert_eq!(license_uri("https://x.org/l"), "https://x.org/l");
        assert_eq!(license_uri("MIT"), "https://spdx.org/licenses/MIT.html");
    }
}
