//! The transparency outputs of CONTENT-MODEL.md §4, parsed with real parsers:
//! open data (JSON, CSV, DCAT), JSON-LD, Atom, sitemap, robots, iCalendar,
//! the search index, the special pages, and the git change history.

use lotse::build::{BuildOptions, Built, build};
use lotse::output::Output;
use lotse::outputs::search::Folding;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

const BASE: &str = "https://example.org/netz/werk/";

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/outputs")
}

fn opts() -> BuildOptions {
    BuildOptions {
        drafts: false,
        today: jiff::civil::date(2026, 11, 22),
        base_url: None,
    }
}

fn built(root: &Path) -> Built {
    match build(root, &opts()) {
        Ok(b) => b,
        Err(d) => panic!("build failed:\n{}", d.render(lotse::messages::Lang::En)),
    }
}

fn text<'a>(out: &'a Output, path: &str) -> &'a str {
    let bytes = out
        .get(path)
        .unwrap_or_else(|| panic!("missing output /{path}"));
    std::str::from_utf8(bytes).unwrap_or_else(|_| panic!("/{path} is not UTF-8"))
}

fn json(out: &Output, path: &str) -> serde_json::Value {
    serde_json::from_str(text(out, path)).unwrap_or_else(|e| panic!("/{path}: {e}"))
}

fn ids(rows: &serde_json::Value) -> Vec<&str> {
    rows.as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect()
}

/// Copies a folder recursively (for fixtures built in a temp dir).
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), dest).unwrap();
        }
    }
}

#[test]
fn every_contract_path_exists() {
    let b = built(&fixture());
    let out = &b.output;
    let mut paths = vec![
        "index.html",
        "404.html",
        "regionen/index.html",
        "regionen/teststadt/index.html",
        "partner/index.html",
        "partner/ihk-teststadt/index.html",
        "angebote/index.html",
        "angebote/formel/index.html",
        "angebote/zielgruppe/schueler/index.html",
        "angebote/handlungsfeld/berufsorientierung/index.html",
        "angebote/klasse/8/index.html",
        "gute-praxis/index.html",
        "gute-praxis/elternabend/index.html",
        "vereinbarungen/index.html",
        "vereinbarungen/kooperation-2024/index.html",
        "berufswahlfahrplan/index.html",
        "netzwerk/index.html",
        "zahlen/index.html",
        "suche/index.html",
        "daten/index.html",
        "daten/katalog.jsonld",
        "daten/katalog.ttl",
        "daten/katalog.rdf",
        "daten/angebote.ics",
        "feed.xml",
        "sitemap.xml",
        "robots.txt",
        "impressum/index.html",
        "search.js",
        "filter.js",
    ];
    let data: Vec<String> = [
        "regionen",
        "partner",
        "angebote",
        "gute-praxis",
        "vereinbarungen",
    ]
    .iter()
    .flat_map(|t| [format!("daten/{t}.json"), format!("daten/{t}.csv")])
    .collect();
    paths.extend(data.iter().map(String::as_str));
    for p in paths {
        assert!(out.get(p).is_some(), "missing /{p}");
    }
}

#[test]
fn open_data_json_has_ids_urls_derived_fields_and_summary() {
    let b = built(&fixture());
    let out = &b.output;
    let offers = json(out, "daten/angebote.json");
    assert_eq!(
        ids(&offers),
        ["formel", "lehrkraefte-fortbildung", "schueler-praktikum"]
    );
    for row in offers.as_array().unwrap() {
        let url = row["url"].as_str().unwrap();
        assert!(url.starts_with(BASE), "{url}");
        assert!(url.ends_with(&format!("/angebote/{}/", row["id"].as_str().unwrap())));
        assert!(row["summary"].is_string());
    }
    let p = &offers[2];
    assert_eq!(p["grades"], serde_json::json!([8, 9]));
    // The offer's own `url` field, under a name of its own: `url` is the page.
    assert_eq!(p["website"], "https://praktikum.example.org/anmeldung");
    assert!(
        p["url"]
            .as_str()
            .unwrap()
            .ends_with("/angebote/schueler-praktikum/")
    );
    assert_eq!(p["start"], "2026-09-01");
    assert_eq!(
        p["providers"],
        serde_json::json!(["agentur-teststadt", "ihk-teststadt"])
    );

    let agreements = json(out, "daten/vereinbarungen.json");
    assert_eq!(ids(&agreements), ["alt-2015", "kooperation-2024"]);
    assert_eq!(agreements[0]["status"], "expired");
    assert_eq!(agreements[0]["current_term_end"], "2017-02-28");
    assert_eq!(agreements[1]["status"], "in-force");
    assert_eq!(agreements[1]["current_term_end"], "2027-01-14");
    assert_eq!(agreements[1]["goals"][1]["status"], "in-progress");
    assert_eq!(
        agreements[1]["parties"][0]["represented_by"],
        "Oberbürgermeisterin"
    );

    let partners = json(out, "daten/partner.json");
    let agentur = &partners[0];
    assert_eq!(agentur["id"], "agentur-teststadt");
    assert_eq!(agentur["regions"], serde_json::json!(["teststadt"]));
    assert_eq!(
        agentur["offers"],
        serde_json::json!(["lehrkraefte-fortbildung", "schueler-praktikum"])
    );
    assert_eq!(
        agentur["agreements"],
        serde_json::json!(["kooperation-2024"])
    );
    let regions = json(out, "daten/regionen.json");
    assert_eq!(ids(&regions), ["testkreis", "teststadt"]);
    assert_eq!(regions[1]["practice"], serde_json::json!(["elternabend"]));
    assert_eq!(regions[1]["steering_group"][0]["since"], "2020-01-01");
    assert_eq!(
        json(out, "daten/gute-praxis.json")
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn open_data_csv_is_rfc4180_with_the_same_rows_and_an_injection_guard() {
    let b = built(&fixture());
    let out = &b.output;
    for (t, n) in [
        ("regionen", 2),
        ("partner", 4),
        ("angebote", 3),
        ("gute-praxis", 1),
        ("vereinbarungen", 2),
    ] {
        let raw = text(out, &format!("daten/{t}.csv"));
        assert!(raw.contains("\r\n"), "{t}: CRLF line ends");
        let mut r = csv::Reader::from_reader(raw.as_bytes());
        let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
        assert_eq!(&header[..3], ["id", "url", "title"]);
        let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), n, "{t}");
        for row in &rows {
            assert_eq!(row.len(), header.len());
            assert!(row[1].starts_with(BASE));
        }
    }
    let raw = text(out, "daten/angebote.csv");
    let mut r = csv::Reader::from_reader(raw.as_bytes());
    let header = r.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    let formel = &rows[0];
    assert_eq!(&formel[0], "formel");
    assert_eq!(
        &formel[col("title")],
        "'=HYPERLINK(\"http://evil.example\",\"Klick\")"
    );
    assert_eq!(&formel[col("contact")], "'@kontakt");
    assert_eq!(
        &rows[2][col("providers")],
        "agentur-teststadt; ihk-teststadt"
    );
    assert_eq!(&rows[2][col("grades")], "8; 9");
    assert_eq!(
        header.iter().filter(|h| *h == "url").count(),
        1,
        "{header:?}"
    );
    assert_eq!(
        &rows[2][col("website")],
        "https://praktikum.example.org/anmeldung"
    );
    assert!(rows[2][col("url")].ends_with("/angebote/schueler-praktikum/"));
    let raw = text(out, "daten/regionen.csv");
    let mut r = csv::Reader::from_reader(raw.as_bytes());
    let header = r.headers().unwrap().clone();
    let sg = header.iter().position(|h| h == "steering_group").unwrap();
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(
        &rows[1][sg],
        "stadt-teststadt (role: Koordination, since: 2020-01-01); agentur-teststadt (role: Mitglied)"
    );
    let raw = text(out, "daten/vereinbarungen.csv");
    let mut r = csv::Reader::from_reader(raw.as_bytes());
    let header = r.headers().unwrap().clone();
    let st = header.iter().position(|h| h == "status").unwrap();
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!((&rows[0][st], &rows[1][st]), ("expired", "in-force"));
}

#[test]
fn dcat_catalogue_lists_every_download() {
    let b = built(&fixture());
    // JSON-LD as oxigraph writes it: a `@graph` of nodes with full IRIs.
    let cat = json(&b.output, "daten/katalog.jsonld");
    let nodes = cat["@graph"].as_array().unwrap();
    let dcat = |local: &str| format!("http://www.w3.org/ns/dcat#{local}");
    let typed = |t: &str| -> Vec<&serde_json::Value> {
        nodes
            .iter()
            .filter(|n| {
                n["http://www.w3.org/1999/02/22-rdf-syntax-ns#type"]
                    .as_array()
                    .is_some_and(|ts| ts.iter().any(|x| x["@id"] == dcat(t)))
            })
            .collect()
    };
    assert_eq!(typed("Catalog").len(), 1);
    let sets = typed("Dataset");
    assert_eq!(sets.len(), 5);
    let publisher = &typed("Catalog")[0]["http://purl.org/dc/terms/publisher"][0]["@id"];
    let agent = nodes.iter().find(|n| &n["@id"] == publisher).unwrap();
    assert_eq!(
        agent["http://xmlns.com/foaf/0.1/name"][0]["@value"],
        "Stadt Teststadt"
    );
    let mut urls = Vec::new();
    for d in typed("Distribution") {
        assert_eq!(
            d["http://purl.org/dc/terms/license"][0]["@id"],
            "http://dcat-ap.de/def/licenses/cc-by/4.0"
        );
        let modified = d["http://purl.org/dc/terms/modified"][0]["@value"]
            .as_str()
            .unwrap();
        assert_eq!(modified.len(), 10);
        let url = d[dcat("downloadURL").as_str()][0]["@id"].as_str().unwrap();
        let path = url.strip_prefix(BASE).unwrap();
        assert!(b.output.get(path).is_some(), "{path}");
        urls.push(path.to_string());
    }
    assert_eq!(urls.len(), 11);
    assert!(urls.contains(&"daten/angebote.ics".to_string()));
    // The data page names every file with its licence.
    let page = text(&b.output, "daten/index.html");
    for u in &urls {
        assert!(page.contains(&format!("/netz/werk/{u}")), "{u}");
    }
    assert!(page.contains("CC-BY-4.0"));
    // And the catalogue in each syntax, Turtle and RDF/XML for GovData.
    for f in ["katalog.jsonld", "katalog.ttl", "katalog.rdf"] {
        assert!(page.contains(&format!("/netz/werk/daten/{f}\"")), "{f}");
    }
}

/// The JSON-LD of a page, parsed; panics when it is missing.
fn jsonld(html: &str) -> (String, serde_json::Value) {
    let start = html
        .find("<script type=\"application/ld+json\">")
        .expect("JSON-LD script")
        + "<script type=\"application/ld+json\">".len();
    let end = start + html[start..].find("</script>").unwrap();
    let raw = html[start..end].to_string();
    let v = serde_json::from_str(&raw).unwrap();
    (raw, v)
}

#[test]
fn json_ld_on_every_entity_page_with_fitting_types_and_safe_escaping() {
    let b = built(&fixture());
    let out = &b.output;
    for (path, ty) in [
        ("regionen/teststadt/index.html", "AdministrativeArea"),
        (
            "partner/agentur-teststadt/index.html",
            "GovernmentOrganization",
        ),
        (
            "partner/realschule-teststadt/index.html",
            "EducationalOrganization",
        ),
        ("partner/ihk-teststadt/index.html", "Organization"),
        ("angebote/schueler-praktikum/index.html", "Course"),
        ("angebote/lehrkraefte-fortbildung/index.html", "Course"),
        ("gute-praxis/elternabend/index.html", "Article"),
        (
            "vereinbarungen/kooperation-2024/index.html",
            "DigitalDocument",
        ),
        ("impressum/index.html", "WebPage"),
    ] {
        let (_, v) = jsonld(text(out, path));
        assert_eq!(v["@type"], ty, "{path}");
        assert_eq!(v["@context"], "https://schema.org");
        assert!(v["url"].as_str().unwrap().starts_with(BASE));
    }
    let (_, v) = jsonld(text(out, "vereinbarungen/alt-2015/index.html"));
    assert_eq!(v["creativeWorkStatus"], "expired");
    // schema.org's domains: dates of a run on a CourseInstance, not on the
    // Course; no creative-work properties on places and organisations;
    // languages as BCP 47 codes.
    let (_, v) = jsonld(text(out, "angebote/schueler-praktikum/index.html"));
    let run = &v["hasCourseInstance"];
    assert_eq!(run["@type"], "CourseInstance");
    assert_eq!(run["startDate"], "2026-09-01");
    assert_eq!(run["endDate"], "2026-09-14");
    for key in ["startDate", "endDate", "areaServed"] {
        assert!(v.get(key).is_none(), "{key} on a Course");
    }
    for l in v["inLanguage"].as_array().into_iter().flatten() {
        let l = l.as_str().unwrap();
        assert!(
            l.len() <= 3 && l.chars().all(|c| c.is_ascii_lowercase()),
            "{l}"
        );
    }
    for path in [
        "regionen/teststadt/index.html",
        "partner/agentur-teststadt/index.html",
    ] {
        let (_, v) = jsonld(text(out, path));
        for key in ["inLanguage", "dateModified"] {
            assert!(v.get(key).is_none(), "{key} on {path}");
        }
    }
    let (raw, v) = jsonld(text(out, "angebote/formel/index.html"));
    assert!(!raw.contains('<'), "a `<` in JSON-LD could end the script");
    assert!(raw.contains("\\u003c/script\\u003e"));
    assert!(
        v["description"]
            .as_str()
            .unwrap()
            .contains("</script><script>")
    );
}

#[test]
fn atom_feed_sitemap_and_robots_parse_and_use_absolute_urls() {
    let b = built(&fixture());
    let out = &b.output;
    let feed = text(out, "feed.xml");
    let doc = roxmltree::Document::parse(feed).unwrap();
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "feed");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2005/Atom")
    );
    let entries: Vec<roxmltree::Node> = root
        .children()
        .filter(|n| n.has_tag_name("entry"))
        .collect();
    assert_eq!(entries.len(), 4, "three offers and one practice example");
    let child = |n: &roxmltree::Node, name: &str| {
        n.children()
            .find(|c| c.has_tag_name(name))
            .and_then(|c| c.text())
            .unwrap_or("")
            .to_string()
    };
    let updated: Vec<String> = entries.iter().map(|e| child(e, "updated")).collect();
    let mut sorted = updated.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(updated, sorted, "newest first");
    for e in &entries {
        assert!(child(e, "id").starts_with(BASE));
        assert!(child(e, "updated").ends_with("T00:00:00Z"));
    }
    let titles: Vec<String> = entries.iter().map(|e| child(e, "title")).collect();
    assert!(titles.contains(&"=HYPERLINK(\"http://evil.example\",\"Klick\")".to_string()));

    let sitemap = text(out, "sitemap.xml");
    let doc = roxmltree::Document::parse(sitemap).unwrap();
    let locs: BTreeSet<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .map(|n| n.text().unwrap().to_string())
        .collect();
    let lastmods = doc
        .descendants()
        .filter(|n| n.has_tag_name("lastmod"))
        .count();
    assert_eq!(lastmods, locs.len());
    let pages: BTreeSet<String> = out
        .files
        .keys()
        .filter(|p| p.ends_with("index.html"))
        .map(|p| format!("{BASE}{}", p.strip_suffix("index.html").unwrap()))
        .collect();
    assert_eq!(locs, pages, "every page, nothing else");
    assert!(locs.contains(&format!("{BASE}regionen/teststadt/")));
    let robots = text(out, "robots.txt");
    assert!(robots.contains(&format!("Sitemap: {BASE}sitemap.xml")));
}

/// Unfolds an iCalendar text into logical lines.
fn unfold(ics: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for l in ics.split("\r\n") {
        if let Some(rest) = l.strip_prefix(' ') {
            lines.last_mut().unwrap().push_str(rest);
        } else if !l.is_empty() {
            lines.push(l.to_string());
        }
    }
    lines
}

#[test]
fn icalendar_has_one_event_per_dated_offer_with_stable_uids() {
    let b = built(&fixture());
    let ics = text(&b.output, "daten/angebote.ics");
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.ends_with("END:VCALENDAR\r\n"));
    assert!(!ics.replace("\r\n", "").contains('\n'), "CRLF only");
    for l in ics.split("\r\n") {
        assert!(l.len() <= 75, "line longer than 75 octets: {l}");
    }
    let lines = unfold(ics);
    assert_eq!(lines.iter().filter(|l| *l == "BEGIN:VEVENT").count(), 2);
    // METHOD:PUBLISH would need an ORGANIZER (RFC 5546 §3.2.1).
    assert!(!lines.iter().any(|l| l.starts_with("METHOD:")), "{ics}");
    let uids: Vec<&str> = lines
        .iter()
        .filter_map(|l| l.strip_prefix("UID:"))
        .collect();
    assert_eq!(
        uids,
        [
            "angebote-formel.netz.werk@example.org",
            "angebote-schueler-praktikum.netz.werk@example.org"
        ]
    );
    assert!(lines.contains(&"DTSTART;VALUE=DATE:20260901".to_string()));
    assert!(lines.contains(&"DTEND;VALUE=DATE:20260915".to_string()));
    assert!(lines.contains(&"LOCATION:Teststadt\\, Betriebe\\; Innenstadt".to_string()));
    assert!(lines.contains(&format!("URL:{BASE}angebote/schueler-praktikum/")));
    // The same UIDs on the next build.
    let again = built(&fixture());
    assert_eq!(text(&again.output, "daten/angebote.ics"), ics);
}

/// Folds like search.js and the index do.
fn fold(s: &str) -> String {
    lotse::outputs::search::fold(s)
}

#[test]
fn search_index_holds_folded_terms_with_titles_apart_from_bodies() {
    let b = built(&fixture());
    let out = &b.output;
    let meta = json(out, "suche/index.json");
    assert_eq!(meta["base"], "/netz/werk/");
    let docs = meta["docs"].as_u64().unwrap() as usize;
    assert_eq!(docs, 2 + 4 + 3 + 1 + 2 + 1);
    let chunk = json(out, "suche/d-0.json");
    let chunk = chunk.as_array().unwrap();
    assert_eq!(chunk.len(), docs);
    let doc_no = |id: &str| chunk.iter().position(|d| d[1] == id).unwrap() as u64;
    let decode = |list: &serde_json::Value| -> Vec<u64> {
        let mut acc = 0;
        list.as_array()
            .unwrap()
            .iter()
            .map(|d| {
                acc += d.as_u64().unwrap();
                acc
            })
            .collect()
    };
    // Every term sits in the shard the meta file points to.
    let firsts: Vec<&str> = meta["shards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    assert_eq!(firsts.len(), 1, "one shard for a small site");
    let term = |t: &str| -> serde_json::Value {
        let n = firsts
            .iter()
            .rposition(|f| !f.is_empty() && *f <= t)
            .unwrap_or(0);
        json(out, &format!("suche/t-{n}.json"))[t].clone()
    };
    // A word that is not itself a stem points to its stem.
    let stem_of = |w: &str| -> String {
        match term(w) {
            serde_json::Value::String(s) => s,
            serde_json::Value::Array(_) => w.to_string(),
            other => panic!("{w}: {other}"),
        }
    };
    // "Schülerpraktikum" in a title, folded to "schulerpraktikum".
    assert_eq!(fold("Schülerpraktikum"), fold("Schuelerpraktikum"));
    let t = term(&stem_of(&fold("Schülerpraktikum")));
    assert_eq!(decode(&t[0]), [doc_no("schueler-praktikum")]);
    // "Größen" and "Straßen" only in a body, under their stems.
    assert_eq!(stem_of("grossen"), "gross");
    let g = term("gross");
    assert_eq!(decode(&g[1]), [doc_no("formel")]);
    assert!(decode(&g[0]).is_empty());
    assert!(term(&stem_of("strassen")).is_array());
    assert_eq!(meta["version"], 2);
    // Umlauts never reach the index; stop words stay out.
    for (path, bytes) in &out.files {
        if path.starts_with("suche/t-") {
            let t = std::str::from_utf8(bytes).unwrap();
            assert!(!t.contains(['ä', 'ö', 'ü', 'ß', 'Ä']), "{path}");
        }
    }
    assert!(term("die").is_null() && term("und").is_null());
    assert_eq!(
        chunk[doc_no("schueler-praktikum") as usize][0],
        2,
        "kind number of offers"
    );
}

#[test]
fn special_pages_have_charts_map_plan_and_filters() {
    let b = built(&fixture());
    let out = &b.output;
    let zahlen = text(out, "zahlen/index.html");
    // Every count of this small site is 0 or 1 per bar: the six charts
    // would be rows of equal stubs, so only their tables are shown.
    assert_eq!(zahlen.matches("<svg").count(), 0, "no chart of stubs");
    assert_eq!(zahlen.matches("<table class=\"chart-table\">").count(), 6);
    assert!(zahlen.contains("<caption>Koordination nach Institution"));
    // The example site has counts above 1: its six charts are drawn.
    let example = built(Path::new(env!("CARGO_MANIFEST_DIR")));
    let zahlen = text(&example.output, "zahlen/index.html");
    assert_eq!(zahlen.matches("<svg").count(), 6, "six charts");
    assert!(zahlen.contains("role=\"img\""));
    // The search page's list of sections: no white space before the
    // separator (it read "Regionen , Partner ,").
    let suche = text(&example.output, "suche/index.html");
    assert!(
        suche
            .contains("<ul class=\"inline-list\"><li><a href=\"/regionen/\">Regionen</a></li><li>"),
        "{suche}"
    );
    let net = text(out, "netzwerk/index.html");
    let start = net.find("<svg").unwrap();
    let end = net.find("</svg>").unwrap() + 6;
    let svg = roxmltree::Document::parse(&net[start..end]).unwrap();
    let titled = svg
        .descendants()
        .filter(|n| n.has_tag_name("g") && n.first_child().is_some_and(|c| c.has_tag_name("title")))
        .count();
    assert_eq!(
        titled,
        2 + 4,
        "every region and partner is drawn with its name"
    );
    assert_eq!(
        svg.descendants().filter(|n| n.has_tag_name("a")).count(),
        0,
        "no links inside the image; the tables have them"
    );
    assert!(net.contains("/netz/werk/partner/ihk-teststadt/"));
    let plan = text(out, "berufswahlfahrplan/index.html");
    for g in 5..=13 {
        assert!(plan.contains(&format!("id=\"klasse-{g}\"")), "grade {g}");
    }
    // The practical ended on 2026-09-14, before the build date: it is in
    // the archive, not on the plan or the list (see tests/it/dates.rs).
    assert!(plan.contains("/netz/werk/angebote/lehrkraefte-fortbildung/"));
    assert!(!plan.contains("/netz/werk/angebote/schueler-praktikum/"));
    let offers = text(out, "angebote/index.html");
    assert!(offers.contains("/netz/werk/filter.js"));
    assert!(offers.contains("data-grades=\"10\""));
    assert!(offers.contains("/netz/werk/angebote/klasse/10/"));
    let archive = text(out, "angebote/archiv/index.html");
    assert!(archive.contains("data-grades=\"8 9\""));
    assert!(archive.contains("/netz/werk/angebote/schueler-praktikum/"));
    assert!(text(out, "suche/index.html").contains("/netz/werk/search.js"));
    // Nothing from another host in the theme's scripts.
    for js in ["search.js", "filter.js"] {
        let s = text(out, js);
        assert!(!s.contains("http://") && !s.contains("https://"), "{js}");
    }
}

pub(crate) fn git(dir: &Path, args: &[&str], date: &str) {
    let ok = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args([
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.org",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE")
        .status()
        .expect("git runs")
        .success();
    assert!(ok, "git {args:?}");
}

/// Fails the test when `tool` is not installed: a test that passed without
/// it would claim what nobody checked (scripts/test-all.sh installs it).
#[track_caller]
pub(crate) fn require(tool: &str, debian_package: &str) {
    if let Err(e) = Command::new(tool).arg("--version").output() {
        panic!(
            "this test needs `{tool}`, which cannot be run ({e}); install it \
             (Debian: apt-get install {debian_package}) or run scripts/test-all.sh, which does"
        );
    }
}

#[test]
fn git_history_lists_the_commits_of_each_file_and_fills_updated() {
    require("git", "git");
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_dir(&fixture(), &root);
    // Without a repository: no history, no failure.
    let plain = built(&root);
    assert!(
        !text(&plain.output, "angebote/lehrkraefte-fortbildung/index.html")
            .contains("Änderungsverlauf")
    );

    git(
        &root,
        &["init", "-q", "-b", "main"],
        "2025-01-10T10:00:00+00:00",
    );
    git(&root, &["add", "."], "2025-01-10T10:00:00+00:00");
    git(
        &root,
        &["commit", "-q", "-m", "Erste Fassung"],
        "2025-01-10T10:00:00+00:00",
    );
    let offer = root.join("content/offers/lehrkraefte-fortbildung.md");
    let body = std::fs::read_to_string(&offer).unwrap();
    std::fs::write(
        &offer,
        body.replace("Ohne Termin.", "Ohne Termin, <Anmeldung> nötig."),
    )
    .unwrap();
    git(
        &root,
        &["commit", "-q", "-am", "Anmeldung ergänzt <b>"],
        "2025-03-04T09:00:00+00:00",
    );

    let b = built(&root);
    let page = text(&b.output, "angebote/lehrkraefte-fortbildung/index.html");
    assert!(page.contains("Änderungsverlauf"));
    let newest = page
        .find("Anmeldung ergänzt &lt;b&gt;")
        .expect("escaped message");
    let first = page.find("Erste Fassung").unwrap();
    assert!(newest < first, "newest first");
    assert!(page.contains("datetime=\"2025-03-04\""));
    assert!(page.contains("datetime=\"2025-01-10\""));
    // `updated` falls back to the last commit: in the page, the data's
    // dates and the sitemap.
    let sitemap = text(&b.output, "sitemap.xml");
    assert!(sitemap.contains(&format!(
        "<loc>{BASE}angebote/lehrkraefte-fortbildung/</loc><lastmod>2025-03-04</lastmod>"
    )));
    // A file with `updated` keeps it.
    assert!(sitemap.contains(&format!(
        "<loc>{BASE}angebote/schueler-praktikum/</loc><lastmod>2026-05-02</lastmod>"
    )));
    let other = text(&b.output, "partner/ihk-teststadt/index.html");
    assert!(other.contains("Erste Fassung") && !other.contains("Anmeldung ergänzt"));
}

#[test]
fn search_js_folds_like_rust_and_finds_in_the_built_index() {
    require("node", "nodejs");
    let b = built(&fixture());
    let dir = tempfile::tempdir().unwrap();
    for (path, bytes) in &b.output.files {
        if path.starts_with("suche/") || path == "search.js" {
            let dest = dir.path().join(path);
            std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
            std::fs::write(dest, bytes).unwrap();
        }
    }
    let words = [
        "Schüler",
        "SCHUELER",
        "Größe",
        "Straße",
        "Ärger",
        "Übergänge",
        "Öl",
        "Café",
        "Łódź",
        "İstanbul",
        "Maßnahme",
        "Feuer",
        "Quelle",
        "Ⅻ",
    ];
    // Each language's folding on strings that only it folds together, and
    // every language on the others' strings (and a final sigma).
    let tricky = [
        "İstanbul",
        "ISTANBUL",
        "ıstanbul",
        "I\u{307}zmir",
        "Çağrı ŞÖFÖR Üsküdar",
        "м’ята",
        "мʼята",
        "м'ята",
        "мята",
        "'сім’я' ҐАНОК ганок",
        "مَدْرَسَة",
        "مدرسة",
        "مـدرسـه أحمد إحمد آحمد ٱحمد مستشفى هٰذا",
        "Brücke",
        "Bruecke",
        "Brucke",
        "Straße Israel Aerospace Café",
        "ΟΔΥΣΣΕΥΣ",
    ];
    let langs = ["de", "en", "tr", "uk", "ar", "az-Latn", "uk-UA", "fr", ""];
    let tagged: Vec<(&str, &str)> = langs
        .iter()
        .flat_map(|&l| tricky.iter().map(move |&w| (l, w)))
        .collect();
    let script = format!(
        r#"
const s = require({js:?});
const fs = require("fs");
const dir = {dir:?};
const m = JSON.parse(fs.readFileSync(dir + "/suche/index.json"));
const load = n => Promise.resolve(JSON.parse(fs.readFileSync(dir + "/suche/t-" + n + ".json")));
const docs = JSON.parse(fs.readFileSync(dir + "/suche/d-0.json"));
const words = {words};
const queries = ["Schülerprakt", "schuelerpraktikum", "grossen", "Größen Straßen", "Fortbildung Lehrk", "die Kammer", "xyzzy"];
const tagged = {tagged};
// A query in an index of another language is folded as its "lang" says.
const other = {{ stop: [], max_term: m.max_term, lang: "tr" }};
Promise.all(queries.map(q => s.find(q, m, load))).then(res => {{
  console.log(JSON.stringify({{
    folds: words.map(w => s.fold(w)),
    tagged: tagged.map(([lang, w]) => s.fold(w, lang)),
    lang: m.lang === undefined ? null : m.lang,
    query: s.queryTerms("İSTANBUL ve ıslak", other),
    hits: res.map(h => h.map(x => docs[x[0]][1])),
  }}));
}});
"#,
        js = dir.path().join("search.js").to_str().unwrap(),
        dir = dir.path().to_str().unwrap(),
        words = serde_json::to_string(&words).unwrap(),
        tagged = serde_json::to_string(&tagged).unwrap(),
    );
    let out = Command::new("node")
        .arg("-e")
        .arg(&script)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rust: Vec<String> = words.iter().map(|w| fold(w)).collect();
    assert_eq!(
        v["folds"],
        serde_json::json!(rust),
        "JS and Rust fold alike"
    );
    let rust: Vec<String> = tagged
        .iter()
        .map(|&(l, w)| lotse::outputs::search::fold_in(Folding::from_tag(l), w))
        .collect();
    assert_eq!(
        v["tagged"],
        serde_json::json!(rust),
        "JS and Rust fold alike in every language"
    );
    // What the foldings are for, in both.
    let folded = |l: &str, w: &str| {
        let i = tagged.iter().position(|&t| t == (l, w)).unwrap();
        v["tagged"][i].as_str().unwrap().to_string()
    };
    for (l, same) in [
        ("tr", &["İstanbul", "ISTANBUL", "ıstanbul"][..]),
        ("uk", &["м’ята", "мʼята", "м'ята", "мята"]),
        ("ar", &["مَدْرَسَة", "مدرسة"]),
        ("de", &["Brücke", "Bruecke", "Brucke"]),
    ] {
        for w in same {
            assert_eq!(folded(l, w), folded(l, same[0]), "{l}: {w}");
        }
    }
    assert_ne!(folded("en", "Bruecke"), folded("en", "Brücke"));
    // A German index names no language (as before languages); a query in
    // a Turkish one is folded in Turkish.
    assert_eq!(v["lang"], serde_json::Value::Null);
    assert_eq!(v["query"], serde_json::json!(["istanbul", "ve", "islak"]));
    let hits = &v["hits"];
    assert_eq!(hits[0][0], "schueler-praktikum", "prefix in a title");
    assert_eq!(hits[1][0], "schueler-praktikum");
    assert_eq!(hits[2], serde_json::json!(["formel"]));
    assert_eq!(
        hits[3],
        serde_json::json!(["formel"]),
        "every term must match"
    );
    assert_eq!(hits[4][0], "lehrkraefte-fortbildung");
    assert_eq!(
        hits[5][0], "ihk-teststadt",
        "a stop word before the last word is dropped"
    );
    assert_eq!(hits[6], serde_json::json!([]));
}

/// `lotse check`'s warnings about internal links that lead nowhere.
fn broken_link_warnings(run: &crate::harness::Run) -> Vec<String> {
    run.warnings()
        .into_iter()
        .filter(|d| d.message.contains("which the site does not have"))
        .map(|d| d.text)
        .collect()
}

#[test]
fn a_practice_field_that_no_offer_has_is_a_label_not_a_link() {
    // Field pages exist only for fields some published offer names; a
    // practice example may name others (here one only a draft offer has,
    // and one no offer has). A reader expects a link to lead to offers.
    let fx = crate::harness::Fixture::copy("full");
    fx.replace(
        "content/vocabularies.toml",
        "akquise = \"Akquise\"\n",
        "akquise = \"Akquise\"\nuebergang = \"Übergangsgestaltung\"\nentwurfsfeld = \"Nur im Entwurf\"\n",
    )
    .replace(
        "content/practice/berufswahlfahrplan-beispiel.md",
        "fields = [\"berufsorientierung\"]",
        "fields = [\"berufsorientierung\", \"uebergang\", \"entwurfsfeld\"]",
    )
    .replace(
        "content/offers/entwurf-angebot.md",
        "grades = [11]",
        "grades = [11]\nfields = [\"entwurfsfeld\"]",
    );
    let check = fx.check();
    check.ok();
    let broken = broken_link_warnings(&check);
    assert!(broken.is_empty(), "{}", broken.join("\n"));

    fx.build_ok();
    let b = "/netz/angebote/handlungsfeld/";
    for page in [
        "gute-praxis/berufswahlfahrplan-beispiel/index.html",
        "gute-praxis/index.html",
    ] {
        let html = fx.output(page);
        assert!(html.contains("Übergangsgestaltung"), "{page}");
        assert!(html.contains("Nur im Entwurf"), "{page}");
        assert!(!html.contains(&format!("{b}uebergang/")), "{page}");
        assert!(!html.contains(&format!("{b}entwurfsfeld/")), "{page}");
    }
    // A field with offers stays a link (the cards of the list show none).
    let html = fx.output("gute-praxis/berufswahlfahrplan-beispiel/index.html");
    assert!(html.contains(&format!("href=\"{b}berufsorientierung/\"")));
    let broken = crate::harness::broken_links(&fx.path("public"), "https://example.org/netz/");
    assert!(broken.is_empty(), "{}", broken.join("\n"));

    // With drafts the draft offer's field has its page, and the link.
    fx.build_with(&["--drafts"]).ok();
    let html = fx.output("gute-praxis/berufswahlfahrplan-beispiel/index.html");
    assert!(fx.has_output("angebote/handlungsfeld/entwurfsfeld/index.html"));
    assert!(html.contains(&format!("href=\"{b}entwurfsfeld/\"")));
    assert!(!html.contains(&format!("{b}uebergang/")));
}

#[test]
fn the_example_site_and_the_fixtures_have_no_broken_links() {
    // `lotse check` renders every page and follows every internal link.
    // The example site is the repository's own content; every fixture
    // that builds is checked too, so that no theme link is left untried.
    let example = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut fixtures: Vec<PathBuf> = std::fs::read_dir(crate::harness::fixtures_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("site.toml").is_file())
        .collect();
    fixtures.sort();
    let mut checked = Vec::new();
    for site in std::iter::once(&example).chain(&fixtures) {
        let run = crate::harness::run_in(site, &["check", "--today", crate::harness::TODAY]);
        if run.code != 0 && site != &example {
            // A fixture of content errors renders nothing to check.
            assert!(!run.errors().is_empty(), "{run}");
            continue;
        }
        run.ok();
        let broken = broken_link_warnings(&run);
        assert!(
            broken.is_empty(),
            "{}: {}",
            site.display(),
            broken.join("\n")
        );
        checked.push(site.clone());
    }
    // The example site and the fixtures that build were checked.
    for name in ["full", "outputs"] {
        assert!(
            checked.contains(&crate::harness::fixtures_dir().join(name)),
            "{checked:?}"
        );
    }
}
