//! Open data for GovData (issue 19): `[open_data]` and the regions' keys
//! in the DCAT-AP.de catalogue, its three syntaxes as one graph, the
//! checks of keys and contributor id, and feed and sitemap dates that do
//! not move with the build date. (GovData's SHACL shapes run in
//! tests/validators/shacl, from scripts/test-all.sh.)

use crate::harness::Fixture;
use oxrdf::{Graph, NamedNodeRef, TermRef};
use std::collections::BTreeSet;

const OPEN_DATA: &str = "
[open_data]
contributor_id = \"http://dcat-ap.de/def/contributors/hessen\"
contact_email = \"daten@example.org\"

[open_data.publisher]
name = \"Kreis Beispiel\"
type = \"Kommune\"
url = \"https://example.org/\"
";

/// The `full` fixture with `[open_data]` and a Kreis key on a region.
fn open_data_site() -> Fixture {
    let fx = Fixture::copy("full");
    let toml = fx.read("site.toml") + OPEN_DATA;
    fx.write("site.toml", toml);
    let region = fx.read("content/regions/kreis-beispiel.md");
    let region = region.replacen("+++\n", "+++\nars = \"064380000000\"\n", 1);
    fx.write("content/regions/kreis-beispiel.md", region);
    fx
}

fn parse(bytes: &[u8], format: &str) -> Graph {
    let mut g = Graph::new();
    match format {
        "ttl" => {
            for t in oxttl::TurtleParser::new().for_slice(bytes) {
                g.insert(&t.expect("Turtle parses"));
            }
        }
        "rdf" => {
            for t in oxrdfxml::RdfXmlParser::new().for_slice(bytes) {
                g.insert(&t.expect("RDF/XML parses"));
            }
        }
        _ => {
            for q in oxjsonld::JsonLdParser::new().for_slice(bytes) {
                let q = q.expect("JSON-LD parses");
                g.insert(oxrdf::TripleRef::new(
                    q.subject.as_ref(),
                    q.predicate.as_ref(),
                    q.object.as_ref(),
                ));
            }
        }
    }
    g
}

fn iri(s: &str) -> NamedNodeRef<'_> {
    NamedNodeRef::new(s).unwrap()
}

/// The objects of `p` on `s`, as text.
fn objects(g: &Graph, s: &str, p: &str) -> BTreeSet<String> {
    g.objects_for_subject_predicate(iri(s), iri(p))
        .map(|o| match o {
            TermRef::NamedNode(n) => n.as_str().to_string(),
            TermRef::Literal(l) => l.value().to_string(),
            other => other.to_string(),
        })
        .collect()
}

const DCT: &str = "http://purl.org/dc/terms/";
const DCATDE: &str = "http://dcat-ap.de/def/dcatde/";

#[test]
fn catalogue_is_one_graph_in_three_syntaxes_with_what_govdata_needs() {
    let fx = open_data_site();
    fx.build_with(&[]).ok();
    let ttl = parse(
        &std::fs::read(fx.path("public/daten/katalog.ttl")).unwrap(),
        "ttl",
    );
    let rdf = parse(
        &std::fs::read(fx.path("public/daten/katalog.rdf")).unwrap(),
        "rdf",
    );
    let jsonld = parse(
        &std::fs::read(fx.path("public/daten/katalog.jsonld")).unwrap(),
        "jsonld",
    );
    // No blank nodes: the same triples are the same graph.
    assert!(ttl.len() > 100, "{} triples", ttl.len());
    assert_eq!(ttl, rdf, "RDF/XML differs from Turtle");
    assert_eq!(ttl, jsonld, "JSON-LD differs from Turtle");

    let set = "https://example.org/netz/daten/#angebote";
    assert_eq!(
        objects(&ttl, set, &format!("{DCATDE}contributorID")),
        BTreeSet::from(["http://dcat-ap.de/def/contributors/hessen".to_string()])
    );
    let geo = "http://dcat-ap.de/def/politicalGeocoding/regionalKey/064380000000";
    assert_eq!(
        objects(&ttl, set, &format!("{DCATDE}politicalGeocodingURI")),
        BTreeSet::from([geo.to_string()])
    );
    assert!(objects(&ttl, set, &format!("{DCT}spatial")).contains(geo));
    assert_eq!(
        objects(&ttl, set, &format!("{DCATDE}politicalGeocodingLevelURI")),
        BTreeSet::from([
            "http://dcat-ap.de/def/politicalGeocoding/Level/administrativeDistrict".to_string()
        ])
    );
    // Dates from the content, as xsd:date; issued never after modified.
    let issued = objects(&ttl, set, &format!("{DCT}issued"));
    let modified = objects(&ttl, set, &format!("{DCT}modified"));
    assert_eq!(modified.len(), 1);
    if let (Some(i), Some(m)) = (issued.first(), modified.first()) {
        assert!(i <= m, "issued {i} after modified {m}");
    }
    // The contact point (vCard) and the typed publisher.
    let contact = objects(&ttl, set, "http://www.w3.org/ns/dcat#contactPoint");
    let contact = contact.first().expect("a contact point");
    assert_eq!(
        objects(&ttl, contact, "http://www.w3.org/2006/vcard/ns#hasEmail"),
        BTreeSet::from(["mailto:daten@example.org".to_string()])
    );
    let publisher = objects(&ttl, set, &format!("{DCT}publisher"));
    let publisher = publisher.first().unwrap();
    assert_eq!(
        objects(&ttl, publisher, &format!("{DCT}type")),
        BTreeSet::from(["http://purl.org/adms/publishertype/LocalAuthority".to_string()])
    );
    assert_eq!(
        objects(&ttl, publisher, "http://xmlns.com/foaf/0.1/name"),
        BTreeSet::from(["Kreis Beispiel".to_string()])
    );
    // Every distribution has a description of its own.
    for d in objects(&ttl, set, "http://www.w3.org/ns/dcat#distribution") {
        let desc = objects(&ttl, &d, &format!("{DCT}description"));
        assert_eq!(desc.len(), 1, "{d}");
        assert!(
            !desc.first().unwrap().contains("distribution_"),
            "{d}: {desc:?}"
        );
    }
    // Served with the media types GovData's harvester reads.
    assert_eq!(
        lotse::serve::http::content_type("daten/katalog.ttl"),
        "text/turtle; charset=utf-8"
    );
    assert_eq!(
        lotse::serve::http::content_type("daten/katalog.rdf"),
        "application/rdf+xml"
    );
}

#[test]
fn region_keys_of_the_wrong_form_are_errors_with_the_digits() {
    let fx = Fixture::copy("full");
    let region = fx.read("content/regions/kreis-beispiel.md");
    fx.write(
        "content/regions/kreis-beispiel.md",
        region.replacen("+++\n", "+++\nars = \"6438\"\n", 1),
    );
    let run = fx.run(&["check"]);
    run.code(1);
    let d = run
        .diags()
        .into_iter()
        .find(|d| d.message.contains("not an official key"))
        .unwrap_or_else(|| panic!("no key error\n{run}"));
    assert_eq!(d.location, "content/regions/kreis-beispiel.md:2:7");
    assert!(d.help.as_deref().unwrap().contains("12 digits"), "{d:?}");
    // Both keys must name the same Kreis.
    let region = fx.read("content/regions/kreis-beispiel.md");
    fx.write(
        "content/regions/kreis-beispiel.md",
        region.replacen("ars = \"6438\"", "ars = \"06438\"\nags = \"06413000\"", 1),
    );
    let run = fx.run(&["check"]);
    run.code(1);
    assert!(
        run.stderr
            .contains("name different Kreise (06438 and 06413)"),
        "{run}"
    );
}

#[test]
fn open_data_without_contributor_id_is_a_warning_naming_govdata() {
    let fx = Fixture::copy("full");
    let toml = fx.read("site.toml") + "\n[open_data]\ncontact_email = \"daten@example.org\"\n";
    fx.write("site.toml", toml);
    let run = fx.run(&["check", "--format", "json"]);
    run.code(0);
    assert!(run.stdout.contains("L0651"), "{run}");
    assert!(run.stdout.contains("govdata.de"), "{run}");
    // A contributor id outside GovData's list is an error.
    let toml = fx.read("site.toml").replace(
        "[open_data]\n",
        "[open_data]\ncontributor_id = \"https://example.org/me\"\n",
    );
    fx.write("site.toml", toml);
    let run = fx.run(&["check"]);
    run.code(1);
    assert!(run.stderr.contains("not a GovData contributor id"), "{run}");
    // Without [open_data] nothing is said: the site does not deliver to GovData.
    let fx = Fixture::copy("full");
    let run = fx.run(&["check", "--format", "json"]);
    assert!(!run.stdout.contains("L0651"), "{run}");
}

/// Sets every content file's modification time (a copy without git has
/// only these dates).
fn touch_all(dir: &std::path::Path, time: std::time::SystemTime) {
    for e in walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
    {
        if e.file_type().is_file() {
            let f = std::fs::File::options().write(true).open(e.path()).unwrap();
            f.set_modified(time).unwrap();
        }
    }
}

#[test]
fn feed_and_sitemap_dates_do_not_move_with_the_build_date() {
    let fx = Fixture::copy("full");
    // 2026-03-01 12:00 UTC.
    let march = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_772_366_400);
    touch_all(&fx.path("content"), march);
    let on = |day: &str| {
        fx.run(&["build", "--today", day]).ok();
        (fx.read("public/feed.xml"), fx.read("public/sitemap.xml"))
    };
    let (feed_a, map_a) = on("2026-11-22");
    let (feed_b, map_b) = on("2027-02-14");
    assert_eq!(feed_a, feed_b, "feed.xml changed with --today");
    assert_eq!(map_a, map_b, "sitemap.xml changed with --today");
    for day in ["2026-11-22", "2027-02-14"] {
        assert!(!feed_a.contains(day), "the build date {day} in the feed");
        assert!(!map_a.contains(day), "the build date {day} in the sitemap");
    }
    // Every date is the content's: `updated` as written or the file's date;
    // none in the future (an offer's start is not an edit).
    let dates: Vec<&str> = feed_a
        .split("<updated>")
        .skip(1)
        .map(|s| &s[..10])
        .collect();
    assert!(!dates.is_empty());
    for d in &dates {
        assert!(*d <= "2026-11-22", "future date {d} in the feed");
    }
    assert!(dates.contains(&"2026-03-01"), "{dates:?}");
    // The sitemap uses the same date for the same page.
    let entry = feed_a.split("<entry>").nth(1).unwrap();
    let url = entry
        .split("<id>")
        .nth(1)
        .unwrap()
        .split("</id>")
        .next()
        .unwrap();
    let date = entry.split("<updated>").nth(1).unwrap();
    let date = &date[..10];
    assert!(
        map_a.contains(&format!("<loc>{url}</loc><lastmod>{date}</lastmod>")),
        "{url} {date}\n{map_a}"
    );
}
