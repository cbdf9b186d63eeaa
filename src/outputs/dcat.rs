//! DCAT-AP.de catalogue of the open data: `/daten/katalog.jsonld`, a
//! `dcat:Catalog` with one `dcat:Dataset` per content type and one
//! `dcat:Distribution` per file.

use super::data::{DATA_KINDS, Format};
use super::{newest, newest_all};
use crate::link::Site;
use crate::model::Kind;
use crate::section::Labels;
use serde_json::{Value, json};

pub use crate::routes::files::CATALOG as PATH;

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

/// EU file-type authority URI of a format.
fn file_type(format: &str) -> String {
    format!("http://publications.europa.eu/resource/authority/file-type/{format}")
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

fn date_value(d: jiff::civil::Date) -> Value {
    json!({"@value": d.to_string(), "@type": "xsd:date"})
}

/// The catalogue for the given downloads.
pub fn catalog(site: &Site, labels: Labels, downloads: &[Download]) -> Vec<u8> {
    let cfg = &site.config;
    let u = &site.urls;
    let license = json!({"@id": license_uri(&cfg.data_license)});
    let publisher = json!({"@type": "foaf:Agent", "foaf:name": cfg.publisher});
    let modified_all = newest_all(site).unwrap_or(site.today);
    let datasets: Vec<Value> = DATA_KINDS
        .iter()
        .map(|&kind| {
            let modified = newest(site, kind).unwrap_or(modified_all);
            let distributions: Vec<Value> = downloads
                .iter()
                .filter(|d| d.kind == kind)
                .map(|d| {
                    let url = u.absolute(&d.path);
                    json!({
                        "@id": url,
                        "@type": "dcat:Distribution",
                        "dct:title": format!("{} ({})", labels.get(kind.plural_key()), d.format),
                        "dcat:accessURL": {"@id": url},
                        "dcat:downloadURL": {"@id": url},
                        "dcat:mediaType": {"@id": format!("https://www.iana.org/assignments/media-types/{}", d.media_type)},
                        "dct:format": {"@id": file_type(d.format)},
                        "dcat:byteSize": {"@value": d.bytes.to_string(), "@type": "xsd:nonNegativeInteger"},
                        "dct:license": license,
                        "dct:modified": date_value(modified),
                    })
                })
                .collect();
            json!({
                "@id": u.absolute(&format!("daten/#{}", kind.section())),
                "@type": "dcat:Dataset",
                "dct:identifier": u.absolute(&format!("daten/#{}", kind.section())),
                "dct:title": labels.get(kind.plural_key()),
                "dct:description": labels.get(dataset_description_key(kind)),
                "dct:publisher": publisher,
                "dct:license": license,
                "dct:language": {"@id": "http://publications.europa.eu/resource/authority/language/DEU"},
                "dct:modified": date_value(modified),
                "dcat:landingPage": {"@id": u.absolute("daten/")},
                "dcat:keyword": [
                    labels.get("catalog_keyword_transition"),
                    labels.get("catalog_keyword_orientation"),
                    labels.get(kind.plural_key()),
                ],
                "dcat:theme": {"@id": "http://publications.europa.eu/resource/authority/data-theme/EDUC"},
                "dcat:distribution": distributions,
            })
        })
        .collect();
    let doc = json!({
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "dcatde": "http://dcat-ap.de/def/dcatde/",
            "xsd": "http://www.w3.org/2001/XMLSchema#"
        },
        "@id": u.absolute(PATH),
        "@type": "dcat:Catalog",
        "dct:title": format!("{} – {}", labels.get("special_daten"), cfg.title),
        "dct:description": cfg.description.clone().unwrap_or_else(|| {
            labels.get("catalog_description").replace("{title}", &cfg.title)
        }),
        "dct:publisher": publisher,
        "dct:license": license,
        "dct:language": {"@id": "http://publications.europa.eu/resource/authority/language/DEU"},
        "dct:modified": date_value(modified_all),
        "foaf:homepage": {"@id": cfg.base_url},
        "dcat:dataset": datasets,
    });
    let mut out = serde_json::to_vec_pretty(&doc).unwrap_or_default();
    out.push(b'\n');
    out
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
