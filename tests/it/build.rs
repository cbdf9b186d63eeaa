//! `lotse build` on the `full` fixture, which uses every field of every type
//! (CONTENT-MODEL.md §2, §3) below `base_url = "https://example.org/netz/"`:
//! the pages the contract names exist, every internal link resolves, derived
//! data (back-references, agreement terms) is right, drafts and escaping
//! behave.

use crate::harness::{Fixture, TODAY, broken_links, links};

const BASE_URL: &str = "https://example.org/netz/";
const BASE: &str = "/netz/";

/// The `full` fixture, built.
fn full() -> Fixture {
    Fixture::full_built()
}

/// A link to a site path as the built site writes it.
fn href(path: &str) -> String {
    format!("href=\"{BASE}{path}\"")
}

/// The text inside `<main>` of a page (what differs from page to page).
fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("no <main>");
    let end = html.rfind("</main>").expect("no </main>");
    &html[start..end]
}

#[test]
fn every_page_type_is_at_its_contract_path() {
    let fx = full();
    let expected = [
        "index.html",
        "404.html",
        "regionen/index.html",
        "regionen/stadt-beispiel/index.html",
        "regionen/kreis-beispiel/index.html",
        "partner/index.html",
        "partner/agentur-beispiel/index.html",
        "partner/ihk-beispiel/index.html",
        "partner/hwk-beispiel/index.html",
        "partner/moderation-beispiel/index.html",
        "partner/schulamt-beispiel/index.html",
        "partner/stadt-verwaltung/index.html",
        "partner/ehemaliger-partner/index.html",
        "partner/traeger-beispiel/index.html",
        "angebote/index.html",
        "angebote/bewerbungstraining/index.html",
        "angebote/elternabend/index.html",
        "angebote/sonderzeichen/index.html",
        "angebote/zielgruppe/schueler/index.html",
        "angebote/zielgruppe/eltern/index.html",
        "angebote/handlungsfeld/berufsorientierung/index.html",
        "angebote/handlungsfeld/akquise/index.html",
        "angebote/handlungsfeld/elternarbeit/index.html",
        "angebote/klasse/7/index.html",
        "angebote/klasse/8/index.html",
        "angebote/klasse/9/index.html",
        "angebote/klasse/10/index.html",
        "gute-praxis/index.html",
        "gute-praxis/berufswahlfahrplan-beispiel/index.html",
        "vereinbarungen/index.html",
        "vereinbarungen/kooperation-2013/index.html",
        "vereinbarungen/zielvereinbarung-2020/index.html",
        "vereinbarungen/vereinbarung-gekuendigt/index.html",
        "vereinbarungen/vereinbarung-kuenftig/index.html",
        "impressum/index.html",
        "datenschutz/index.html",
        "barrierefreiheit/index.html",
        "leichte-sprache/index.html",
        "ueber-uns/index.html",
        // static/ is copied verbatim to the output root.
        "files/flyer.txt",
        // The marker that lets the next build replace this folder.
        ".lotse-output",
    ];
    let missing: Vec<&str> = expected
        .iter()
        .copied()
        .filter(|p| !fx.has_output(p))
        .collect();
    assert!(
        missing.is_empty(),
        "missing: {missing:?}\noutput: {:#?}",
        fx.output_files()
    );
    // Facet pages exist only for terms some offer uses; drafts add none.
    for absent in [
        "angebote/zielgruppe/betriebe/index.html",
        "angebote/klasse/11/index.html",
        "angebote/entwurf-angebot/index.html",
    ] {
        assert!(!fx.has_output(absent), "{absent} should not be built");
    }
    assert_eq!(
        fx.output("files/flyer.txt"),
        fx.read("static/files/flyer.txt")
    );
}

#[test]
fn the_entity_pages_show_their_own_fields() {
    let fx = full();
    let region = fx.output("regionen/stadt-beispiel/index.html");
    for text in [
        "Stadt Beispiel",
        "Kreisfreie Stadt",
        "Hessen",
        "OloV",
        "Einstimmigkeit / Konsens",
        "vierteljährlich",
        "Standard Berufsorientierung",
        "Standard Vermittlung / Matching",
        "Vorsitz und Koordination",
        "Die Mitglieder der Steuerungsgruppe sind benannt.",
        "Liste der Akteure",
        "Phase II: Umsetzung",
        "In der Stadt Beispiel arbeiten viele Stellen zusammen.",
        "2026-01-15",
        "2026-02-01",
    ] {
        assert!(region.contains(text), "region page lacks `{text}`");
    }
    let offer = fx.output("angebote/bewerbungstraining/index.html");
    for text in [
        "dienstags 14–16 Uhr",
        "kostenfrei",
        "Berufsinformationszentrum, Hauptstraße 1",
        "Frau Muster, 0800 4 5555 00",
        "https://www.example.org/bewerbungstraining",
        "Türkisch",
        "Stufenloser Zugang, Gebärdensprache auf Anfrage",
        "Hier lernen Sie, wie man sich bewirbt.",
        "2026-09-01",
        "2026-09-30",
        // Markdown extensions: table, footnote, task list, strikethrough.
        "<table>",
        "<del>ausgebucht</del>",
        "type=\"checkbox\"",
        "footnote",
    ] {
        assert!(offer.contains(text), "offer page lacks `{text}`");
    }
    for (key, label) in [
        ("zielgruppe/schueler/", "Schülerinnen und Schüler"),
        ("handlungsfeld/akquise/", "Akquise"),
        ("klasse/8/", "8"),
    ] {
        assert!(offer.contains(&href(&format!("angebote/{key}"))), "{key}");
        assert!(offer.contains(label), "{label}");
    }
    let partner = fx.output("partner/agentur-beispiel/index.html");
    for text in [
        "AA Beispielstadt",
        "https://www.arbeitsagentur.example/beispielstadt",
        "mailto:beispielstadt@arbeitsagentur.example",
        "0800 4 5555 00",
        "Hauptstraße 1, 12345 Beispielstadt",
        "Agentur für Arbeit",
    ] {
        assert!(partner.contains(text), "partner page lacks `{text}`");
    }
    let practice = fx.output("gute-praxis/berufswahlfahrplan-beispiel/index.html");
    for text in [
        "2024",
        "id=\"ausgangslage\"",
        "id=\"gelingensbedingungen\"",
        "Alle Schulen machen einen gemeinsamen Plan.",
    ] {
        assert!(practice.contains(text), "practice page lacks `{text}`");
    }
    let agreement = fx.output("vereinbarungen/kooperation-2013/index.html");
    for text in [
        "Oberbürgermeisterin",
        "Lenkungskreis",
        "Runder Tisch",
        "zweimal im Jahr",
        "Eine gemeinsame Praktikumsbörse.",
        "Standard Vermittlung / Matching",
        "2027-07-31",
        "2013-05-29",
        "2013-06-01",
    ] {
        assert!(agreement.contains(text), "agreement page lacks `{text}`");
    }
    let page = fx.output("ueber-uns/index.html");
    assert!(page.contains("Das sind wir."));
    let home = fx.output("index.html");
    assert!(home.contains("Willkommen im Netzwerk Beispielstadt"));
    assert!(home.contains("Angebote, Partner und Vereinbarungen am Übergang Schule–Beruf."));
}

#[test]
fn every_internal_link_resolves_below_the_sub_path() {
    let fx = full();
    let broken = broken_links(&fx.path("public"), BASE_URL);
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    // The checker saw the links that matter: body links, with an anchor.
    let offer = fx.output("angebote/bewerbungstraining/index.html");
    assert!(offer.contains(&href("angebote/elternabend/#anmeldung")));
    let page = fx.output("ueber-uns/index.html");
    assert!(page.contains(&href("regionen/stadt-beispiel/#geschichte")));
    // A root link in a body gets the base path.
    assert!(page.contains(&href("files/flyer.txt")));
    // Canonical addresses are absolute, with the sub-path.
    assert!(page.contains("https://example.org/netz/ueber-uns/"));
}

#[test]
fn the_broken_link_checker_finds_broken_links() {
    // The checker itself must fail on what it is meant to catch.
    let fx = full();
    fx.write(
        "public/extra.html",
        "<a href=\"/netz/gibt-es-nicht/\">a</a> <a href=\"/ohne-basis/\">b</a> \
         <a href=\"/netz/regionen/stadt-beispiel/#keine-id\">c</a> <a href=\"relativ/\">d</a> \
         <img src=\"/netz/fehlt.png\"> <a href=\"https://example.com/\">ok</a> <a href=\"#\">ok</a>",
    );
    let broken = broken_links(&fx.path("public"), BASE_URL);
    assert_eq!(broken.len(), 5, "{broken:#?}");
}

#[test]
fn nothing_is_loaded_from_another_host() {
    let fx = full();
    for path in fx.output_files() {
        if !path.ends_with(".html") {
            continue;
        }
        let html = fx.output(&path);
        let mut rest = html.as_str();
        while let Some(i) = rest.find('<') {
            rest = &rest[i + 1..];
            let tag_end = rest.find('>').unwrap_or(rest.len());
            let tag = &rest[..tag_end];
            let name = tag.split_whitespace().next().unwrap_or("");
            let external = |attr: &str| {
                links(&format!(" {tag}"))
                    .iter()
                    .any(|l| l.starts_with("http") || l.starts_with("//"))
                    && tag.contains(attr)
            };
            let loads = match name {
                "script" | "img" | "iframe" | "video" | "audio" | "source" => external("src="),
                "link" => !tag.contains("rel=\"canonical\"") && external("href="),
                _ => false,
            };
            assert!(!loads, "{path} loads from another host: <{tag}>");
        }
    }
}

#[test]
fn a_partner_page_lists_what_refers_to_it() {
    let fx = full();
    let page = |id: &str| main_of(&fx.output(&format!("partner/{id}/index.html"))).to_string();
    // (partner, what must be linked, what must not)
    let cases: &[(&str, &[&str], &[&str])] = &[
        // In the steering group; provides an offer; practice partner; party,
        // body member and body chair of an agreement.
        (
            "agentur-beispiel",
            &[
                "regionen/stadt-beispiel/",
                "angebote/bewerbungstraining/",
                "gute-praxis/berufswahlfahrplan-beispiel/",
                "vereinbarungen/kooperation-2013/",
            ],
            &["regionen/kreis-beispiel/", "angebote/elternabend/"],
        ),
        // Coordinates a region; provides an offer; practice partner;
        // responsible for a goal, and nothing else in the agreement.
        (
            "schulamt-beispiel",
            &[
                "regionen/stadt-beispiel/",
                "angebote/elternabend/",
                "gute-praxis/berufswahlfahrplan-beispiel/",
                "vereinbarungen/kooperation-2013/",
            ],
            &["vereinbarungen/zielvereinbarung-2020/"],
        ),
        // Only a member of an agreement body; provides two offers.
        (
            "ihk-beispiel",
            &[
                "vereinbarungen/kooperation-2013/",
                "angebote/bewerbungstraining/",
                "angebote/sonderzeichen/",
            ],
            &["regionen/stadt-beispiel/"],
        ),
        // Only the chair of an agreement body.
        (
            "hwk-beispiel",
            &["vereinbarungen/kooperation-2013/"],
            &["regionen/"],
        ),
        // Only the moderator.
        (
            "moderation-beispiel",
            &["vereinbarungen/kooperation-2013/"],
            &["angebote/", "regionen/"],
        ),
        // Party of two agreements, steering group member.
        (
            "stadt-verwaltung",
            &[
                "vereinbarungen/kooperation-2013/",
                "vereinbarungen/zielvereinbarung-2020/",
                "regionen/stadt-beispiel/",
            ],
            &[],
        ),
        // A past steering group member still has the region.
        (
            "ehemaliger-partner",
            &["regionen/stadt-beispiel/"],
            &["vereinbarungen/"],
        ),
        // Provides only a draft: nothing to list.
        ("traeger-beispiel", &[], &["angebote/entwurf-angebot/"]),
    ];
    for (id, yes, no) in cases {
        let html = page(id);
        for p in *yes {
            assert!(html.contains(&href(p)), "partner/{id} does not link {p}");
        }
        for p in *no {
            assert!(!html.contains(&href(p)), "partner/{id} links {p}");
        }
    }
}

#[test]
fn a_region_page_lists_what_refers_to_it() {
    let fx = full();
    let kreis = fx.output("regionen/kreis-beispiel/index.html");
    let kreis = main_of(&kreis);
    for p in [
        // Offers and agreements that name the region.
        "angebote/bewerbungstraining/",
        "angebote/elternabend/",
        "vereinbarungen/kooperation-2013/",
        "vereinbarungen/zielvereinbarung-2020/",
        // Partner regions are derived in both directions: only the city
        // names the district.
        "regionen/stadt-beispiel/",
    ] {
        assert!(
            kreis.contains(&href(p)),
            "regionen/kreis-beispiel lacks {p}"
        );
    }
    assert!(!kreis.contains(&href("gute-praxis/berufswahlfahrplan-beispiel/")));
    let stadt = fx.output("regionen/stadt-beispiel/index.html");
    let stadt = main_of(&stadt);
    for p in [
        "angebote/bewerbungstraining/",
        "angebote/sonderzeichen/",
        "gute-praxis/berufswahlfahrplan-beispiel/",
        "vereinbarungen/kooperation-2013/",
        "vereinbarungen/vereinbarung-gekuendigt/",
        "vereinbarungen/vereinbarung-kuenftig/",
        "regionen/kreis-beispiel/",
        "partner/schulamt-beispiel/",
        "partner/stadt-verwaltung/",
        "partner/ehemaliger-partner/",
    ] {
        assert!(
            stadt.contains(&href(p)),
            "regionen/stadt-beispiel lacks {p}"
        );
    }
    assert!(!stadt.contains(&href("angebote/entwurf-angebot/")));
}

#[test]
fn the_derived_data_is_right_in_the_library_too() {
    // The same derivations, read from the library, independent of the theme.
    let fx = Fixture::copy("full");
    let opts = lotse::build::BuildOptions {
        drafts: false,
        today: TODAY.parse().unwrap(),
        base_url: None,
    };
    let (site, diags) = lotse::build::check(fx.root(), &opts);
    assert!(
        !diags.has_errors(),
        "{}",
        diags.render(lotse::messages::Lang::En)
    );
    let site = site.unwrap();
    let partner = |id: &str| site.index.get(lotse::model::Kind::Partner, id).unwrap();
    let ids = |list: &[usize], f: &dyn Fn(usize) -> String| -> Vec<String> {
        list.iter().map(|&i| f(i)).collect()
    };
    let agreement_id = |i: usize| site.agreements[i].data.common.id.clone();
    let region_id = |i: usize| site.regions[i].data.common.id.clone();
    let b = &site.back;
    assert_eq!(
        ids(
            &b.partner_agreements[partner("stadt-verwaltung")],
            &agreement_id
        ),
        ["kooperation-2013", "zielvereinbarung-2020"]
    );
    assert_eq!(
        ids(
            &b.partner_agreements[partner("hwk-beispiel")],
            &agreement_id
        ),
        ["kooperation-2013"]
    );
    assert_eq!(
        ids(&b.partner_regions[partner("schulamt-beispiel")], &region_id),
        ["stadt-beispiel"]
    );
    assert!(b.partner_offers[partner("traeger-beispiel")].is_empty());
    let kreis = site
        .index
        .get(lotse::model::Kind::Region, "kreis-beispiel")
        .unwrap();
    assert_eq!(
        ids(&b.region_partner_regions[kreis], &region_id),
        ["stadt-beispiel"]
    );
    // Summaries: from front matter, else the first paragraph.
    let kreis_summary = site.regions[kreis].summary.as_deref();
    assert_eq!(kreis_summary, Some("Der Kreis hat nur die Pflichtfelder."));
}

/// The status label and the current term end on an agreement page.
fn agreement_shows(fx: &Fixture, id: &str, label: &str, end: Option<&str>) {
    let html = fx.output(&format!("vereinbarungen/{id}/index.html"));
    let html = main_of(&html);
    assert!(
        html.contains(&format!(">{label}<")),
        "vereinbarungen/{id}: status `{label}` missing"
    );
    if let Some(end) = end {
        let (y, rest) = end.split_once('-').unwrap();
        let (m, d) = rest.split_once('-').unwrap();
        assert!(
            html.contains(&format!("datetime=\"{end}\"")) && html.contains(&format!("{d}.{m}.{y}")),
            "vereinbarungen/{id}: term end {end} missing"
        );
    }
}

#[test]
fn agreement_status_and_term_end_for_the_build_date() {
    let fx = full();
    // In force since 2013-06-01 for five years, renewed every five years:
    // 2018-05-31, 2023-05-31, 2028-05-31.
    agreement_shows(&fx, "kooperation-2013", "in Kraft", Some("2028-05-31"));
    // Two years from 2020-01-15, no renewal.
    agreement_shows(
        &fx,
        "zielvereinbarung-2020",
        "ausgelaufen",
        Some("2022-01-14"),
    );
    agreement_shows(
        &fx,
        "vereinbarung-gekuendigt",
        "gekündigt",
        Some("2025-12-31"),
    );
    agreement_shows(
        &fx,
        "vereinbarung-kuenftig",
        "noch nicht in Kraft",
        Some("2029-12-31"),
    );
}

#[test]
fn today_drives_agreement_status() {
    let fx = Fixture::copy("full");
    let build_on = |day: &str| {
        fx.run(&["build", "--today", day]).ok();
    };
    // The day the first term ends, and the day after it: renewed.
    build_on("2018-05-31");
    agreement_shows(&fx, "kooperation-2013", "in Kraft", Some("2018-05-31"));
    agreement_shows(&fx, "vereinbarung-kuenftig", "noch nicht in Kraft", None);
    build_on("2018-06-01");
    agreement_shows(&fx, "kooperation-2013", "in Kraft", Some("2023-05-31"));
    // Before signing, and after the termination took effect.
    build_on("2013-05-01");
    agreement_shows(
        &fx,
        "kooperation-2013",
        "noch nicht in Kraft",
        Some("2018-05-31"),
    );
    build_on("2027-01-01");
    agreement_shows(&fx, "vereinbarung-kuenftig", "in Kraft", Some("2029-12-31"));
    // A bad date is a usage error.
    fx.run(&["build", "--today", "2026-02-30"]).code(2);
    fx.run(&["build", "--today", "22.11.2026"]).code(2);
}

#[test]
fn drafts_are_built_only_with_drafts() {
    let fx = full();
    assert!(!fx.has_output("angebote/entwurf-angebot/index.html"));
    assert!(!fx.has_output("angebote/klasse/11/index.html"));
    let list = fx.output("angebote/index.html");
    assert!(!list.contains("Entwurf: Schnuppertage"));
    fx.build_with(&["--drafts"]).ok();
    assert!(fx.has_output("angebote/entwurf-angebot/index.html"));
    assert!(fx.has_output("angebote/klasse/11/index.html"));
    assert!(fx.has_output("angebote/zielgruppe/betriebe/index.html"));
    assert!(
        fx.output("angebote/index.html")
            .contains("Entwurf: Schnuppertage")
    );
    let partner = fx.output("partner/traeger-beispiel/index.html");
    assert!(partner.contains(&href("angebote/entwurf-angebot/")));
    // `check` accepts `--drafts` as well.
    fx.run(&["check", "--drafts", "--today", TODAY]).ok();
}

#[test]
fn a_link_to_a_draft_is_a_warning_not_a_broken_link() {
    let fx = Fixture::copy("full");
    fx.replace(
        "content/offers/elternabend.md",
        "Über die Schule.",
        "Über die Schule, siehe [Schnuppertage](@/offers/entwurf-angebot.md).",
    );
    fx.replace(
        "content/practice/berufswahlfahrplan-beispiel.md",
        "partners = [\"agentur-beispiel\", \"schulamt-beispiel\"]",
        "partners = [\"agentur-beispiel\", \"schulamt-beispiel\", \"traeger-beispiel\"]",
    );
    fx.replace(
        "content/partners/traeger-beispiel.md",
        "kind = \"bildungstraeger\"",
        "kind = \"bildungstraeger\"\ndraft = true",
    );
    let run = fx.build();
    run.ok();
    let w = run.warnings();
    assert_eq!(w.len(), 2, "{run}");
    w[0].is(
        &fx.pos(
            "content/offers/elternabend.md",
            "@/offers/entwurf-angebot.md",
        ),
        "link to `@/offers/entwurf-angebot.md`, a draft, which is not built",
        Some("publish it (remove `draft = true`) or build with `--drafts`"),
    );
    w[1].is(
        &fx.pos(
            "content/practice/berufswahlfahrplan-beispiel.md",
            "\"traeger-beispiel\"",
        ),
        "`partners` refers to the draft partner `traeger-beispiel`, which is not built",
        Some("publish it (remove `draft = true`) or build with `--drafts`"),
    );
    // With drafts, no warning.
    let run = fx.build_with(&["--drafts"]);
    run.ok();
    assert!(run.diags().is_empty(), "{run}");
    let broken = broken_links(&fx.path("public"), BASE_URL);
    assert!(broken.is_empty(), "{broken:#?}");
}

#[test]
fn values_from_content_are_escaped() {
    let fx = full();
    let offer = fx.output("angebote/sonderzeichen/index.html");
    assert!(
        !offer.contains("<script>alert(\"titel\")"),
        "title not escaped"
    );
    assert!(
        offer.contains("&lt;script&gt;alert(") || offer.contains("&lt;script&gt;"),
        "escaped title missing"
    );
    assert!(offer.contains("Praxis &amp; Co"));
    // Also in lists, titles and the summary.
    for page in ["angebote/index.html", "partner/ihk-beispiel/index.html"] {
        let html = fx.output(page);
        assert!(!html.contains("<script>alert(\"titel\")"), "{page}");
        assert!(html.contains("&lt;script&gt;"), "{page}");
    }
    assert!(!offer.contains("<b>Zeichen</b>"));
}

#[test]
fn raw_html_in_bodies_is_sanitized_by_default() {
    let fx = full();
    for path in fx.output_files() {
        if path.ends_with(".html") {
            let html = fx.output(&path);
            for bad in [
                "alert(\"region\")",
                "alert(\"seite\")",
                "onmouseover",
                "onclick",
                "onerror",
                "javascript:",
            ] {
                assert!(!html.contains(bad), "{path} contains `{bad}`");
            }
        }
    }
    let page = fx.output("ueber-uns/index.html");
    // Harmless HTML stays.
    assert!(page.contains("<div class=\"kasten\">Ein <strong>Kasten</strong>.</div>"));
    let offer = fx.output("angebote/sonderzeichen/index.html");
    assert!(offer.contains("<em>Ereignis</em>"));
}

#[test]
fn raw_html_escape_shows_it_as_text() {
    let fx = Fixture::copy("full");
    fx.replace(
        "site.toml",
        "raw_html = \"sanitize\"",
        "raw_html = \"escape\"",
    );
    fx.build_ok();
    let page = fx.output("ueber-uns/index.html");
    let main = main_of(&page);
    assert!(!main.contains("<script>"), "{main}");
    assert!(
        main.contains("&lt;script&gt;alert(&quot;seite&quot;)&lt;/script&gt;")
            || main.contains("&lt;script&gt;alert(\"seite\")&lt;/script&gt;"),
        "{main}"
    );
    assert!(main.contains("&lt;div class="), "{main}");
    // Dangerous link targets are still removed.
    assert!(
        !fx.output("angebote/sonderzeichen/index.html")
            .contains("javascript:")
    );
}

#[test]
fn raw_html_allow_passes_it_through() {
    let fx = Fixture::copy("full");
    fx.replace(
        "site.toml",
        "raw_html = \"sanitize\"",
        "raw_html = \"allow\"",
    );
    fx.build_ok();
    let page = fx.output("ueber-uns/index.html");
    assert!(page.contains("<script>alert(\"seite\")</script>"));
    assert!(page.contains("onmouseover="));
}

#[test]
fn aliases_redirect_to_the_entity() {
    let fx = full();
    for (alias, target) in [
        ("alt/stadt-beispiel/index.html", "regionen/stadt-beispiel/"),
        ("alt/agentur/index.html", "partner/agentur-beispiel/"),
        ("alt/bewerbung/index.html", "angebote/bewerbungstraining/"),
        (
            "bewerbungstraining-alt.html",
            "angebote/bewerbungstraining/",
        ),
        (
            "alt/fahrplan/index.html",
            "gute-praxis/berufswahlfahrplan-beispiel/",
        ),
        (
            "alt/kooperation/index.html",
            "vereinbarungen/kooperation-2013/",
        ),
        ("wir/index.html", "ueber-uns/"),
    ] {
        let html = fx.output(alias);
        assert!(
            html.contains(&format!("url={BASE}{target}\"")),
            "{alias} does not refresh to {target}:\n{html}"
        );
        assert!(
            html.contains(&href(target)),
            "{alias} does not link {target}"
        );
    }
}

#[test]
fn base_url_override_moves_every_link() {
    let fx = Fixture::copy("full");
    fx.build_with(&["--base-url", "https://andere.example/pfad/tief"])
        .ok();
    let broken = broken_links(&fx.path("public"), "https://andere.example/pfad/tief/");
    assert!(broken.is_empty(), "{}", broken.join("\n"));
    let html = fx.output("index.html");
    assert!(html.contains("href=\"/pfad/tief/regionen/\""));
    assert!(!html.contains("/netz/"));
    // At the root of a host.
    fx.build_with(&["--base-url", "https://example.org"]).ok();
    let broken = broken_links(&fx.path("public"), "https://example.org/");
    assert!(broken.is_empty(), "{}", broken.join("\n"));
    // An unusable address is a usage error, and nothing is written.
    let before = crate::harness::tree(&fx.path("public"));
    fx.build_with(&["--base-url", "example.org"])
        .code(2)
        .stderr_has("base_url `example.org` must start with https:// or http://");
    assert!(crate::harness::tree(&fx.path("public")) == before);
}

#[test]
fn a_rebuild_replaces_the_previous_output() {
    let fx = full();
    fx.remove("content/offers/elternabend.md");
    fx.replace(
        "content/offers/bewerbungstraining.md",
        "(@/offers/elternabend.md#anmeldung)",
        "(@/offers/sonderzeichen.md)",
    );
    fx.write("public/stale.txt", "left over");
    fx.build_ok();
    assert!(!fx.has_output("angebote/elternabend/index.html"));
    assert!(!fx.has_output("angebote/klasse/7/index.html"));
    assert!(!fx.has_output("stale.txt"));
    // No staging folders are left beside the output.
    let names: Vec<String> = std::fs::read_dir(fx.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !names.iter().any(|n| n.contains(".lotse-")),
        "staging left: {names:?}"
    );
}

#[test]
fn build_output_option_writes_elsewhere() {
    let fx = Fixture::copy("full");
    let out = fx.tmp().join("anderswo/site");
    fx.build_with(&["--output", out.to_str().unwrap()])
        .ok()
        .stdout_has("Built ");
    assert!(out.join("index.html").is_file());
    assert!(!fx.path("public").exists());
    // `--root` runs on a site from elsewhere.
    let other = tempfile::tempdir().unwrap();
    crate::harness::run_in(
        other.path(),
        &[
            "--root",
            fx.root().to_str().unwrap(),
            "build",
            "--today",
            TODAY,
        ],
    )
    .ok();
    assert!(fx.has_output("index.html"));
}

#[test]
fn the_build_is_reproducible() {
    let fx = full();
    let first = crate::harness::tree(&fx.path("public"));
    fx.build_ok();
    assert!(first == crate::harness::tree(&fx.path("public")));
}

/// Free-text fields of the content model, whose values templates print.
const TEXT_FIELDS: &[&str] = &[
    "title",
    "description",
    "summary",
    "easy_summary",
    "state",
    "program",
    "decision_rule",
    "meeting_cadence",
    "role",
    "indicator",
    "evidence",
    "short",
    "phone",
    "address",
    "schedule",
    "cost",
    "location",
    "contact",
    "accessibility",
    "represented_by",
    "name",
    "hours",
    "meets",
    "goal",
];

#[test]
fn every_text_field_and_label_is_escaped() {
    // Every free-text value of every file, every vocabulary label and the
    // site's title get a tag appended; URLs get an attribute break-out.
    let fx = Fixture::copy("full");
    let tag = "<i>x</i>";
    let mut files = vec![
        "site.toml".to_string(),
        "content/vocabularies.toml".to_string(),
    ];
    for dir in [
        "regions",
        "partners",
        "offers",
        "practice",
        "agreements",
        "pages",
    ] {
        for e in std::fs::read_dir(fx.path(&format!("content/{dir}"))).unwrap() {
            files.push(format!(
                "content/{dir}/{}",
                e.unwrap().file_name().to_string_lossy()
            ));
        }
    }
    files.push("content/_index.md".into());
    let mut changed = 0;
    for file in &files {
        let vocab = file.ends_with("vocabularies.toml");
        fx.edit(file, |s| {
            // A contact's phone and e-mail are checked values that cannot
            // hold a tag (tests/it/contacts.rs); its name, role and hours
            // are text like any other.
            let mut in_contacts = false;
            s.lines()
                .map(|l| {
                    if l.starts_with("[[") {
                        in_contacts = l == "[[contacts]]";
                    }
                    let Some((key, value)) = l.split_once(" = \"") else {
                        return format!("{l}\n");
                    };
                    let value = value.strip_suffix('"').unwrap_or(value);
                    let checked = in_contacts && matches!(key, "phone" | "email");
                    if !checked && (vocab || TEXT_FIELDS.contains(&key)) {
                        changed += 1;
                        format!("{key} = \"{value} {tag}\"\n")
                    } else if key == "website" || key == "url" {
                        changed += 1;
                        format!("{key} = \"{value}\\\" onmouseover=\\\"alert(1)\"\n")
                    } else {
                        format!("{l}\n")
                    }
                })
                .collect()
        });
    }
    assert!(changed > 90, "only {changed} values changed");
    fx.build_ok();
    let mut escaped = 0;
    for path in fx.output_files() {
        if !path.ends_with(".html") {
            continue;
        }
        let html = fx.output(&path);
        assert!(!html.contains(tag), "{path} prints a value unescaped");
        assert!(
            !html.contains("\" onmouseover=\"alert(1)"),
            "{path} lets a URL break out of its attribute"
        );
        if html.contains("&lt;i&gt;x&lt;&#x2F;i&gt;") || html.contains("&lt;i&gt;x&lt;/i&gt;") {
            escaped += 1;
        }
    }
    assert!(
        escaped > 30,
        "the values are not shown at all ({escaped} pages)"
    );
}

#[test]
fn a_site_overrides_the_theme_file_by_file() {
    let fx = Fixture::copy("full");
    // A template in the site's templates/.
    fx.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}<p id=\"eigene-vorlage\">{{ entry.title }}</p>{% endblock content %}",
    );
    // A template and a static file in the site's themes/lotse/.
    fx.write(
        "themes/lotse/templates/404.html",
        "<!DOCTYPE html><title>Eigenes 404</title><a href=\"{{ site.base_path }}\">Start</a>",
    );
    fx.write("themes/lotse/static/lotse.css", "body { color: teal }");
    // One UI string: the others stay.
    fx.write(
        "themes/lotse/i18n/de.toml",
        "skip_link = \"Direkt zum Inhalt\"\n",
    );
    fx.build_ok();
    let page = fx.output("ueber-uns/index.html");
    assert!(
        page.contains("<p id=\"eigene-vorlage\">Über uns</p>"),
        "{page}"
    );
    assert!(page.contains("Direkt zum Inhalt"));
    assert!(
        page.contains("Hauptnavigation"),
        "the other UI strings are gone"
    );
    assert!(fx.output("404.html").contains("Eigenes 404"));
    assert_eq!(fx.output("lotse.css"), "body { color: teal }");
    // Other pages still use the built-in templates.
    assert!(
        fx.output("regionen/stadt-beispiel/index.html")
            .contains("Steuerungsgruppe")
    );
    // templates/ wins over themes/lotse/templates/.
    fx.write("themes/lotse/templates/page.html", "<p>Theme</p>");
    fx.build_ok();
    assert!(fx.output("ueber-uns/index.html").contains("eigene-vorlage"));
}

/// `lotse build` writes each page as soon as it is rendered (and never
/// holds the whole site); the files on disk are exactly the in-memory
/// build's, with the theme's and the site's static files, plus the marker.
#[test]
fn streamed_build_equals_the_in_memory_build() {
    let on_disk = crate::harness::full_public();
    let fx = Fixture::copy("full");
    let opts = lotse::build::BuildOptions {
        drafts: false,
        today: TODAY.parse().unwrap(),
        base_url: None,
    };
    let built = lotse::build::build(fx.root(), &opts)
        .unwrap_or_else(|d| panic!("{}", d.render(lotse::messages::Lang::En)));
    let in_memory: std::collections::BTreeMap<String, Vec<u8>> = built
        .output
        .files
        .iter()
        .map(|(p, b)| (p.clone(), b.to_vec()))
        .collect();
    let mut disk = on_disk.clone();
    assert!(disk.remove(lotse::write::MARKER).is_some());
    assert_eq!(
        disk.keys().collect::<Vec<_>>(),
        in_memory.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &in_memory {
        assert!(disk[path] == *bytes, "{path} differs");
    }
}

#[test]
fn timings_name_every_stage_with_its_time_and_memory() {
    let fx = Fixture::copy("full");
    let run = fx.build_with(&["--timings"]);
    run.ok();
    for stage in ["load", "link", "theme", "history", "render+write", "swap"] {
        let line = run
            .stderr
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{stage}:")))
            .unwrap_or_else(|| panic!("no line for {stage}: {run}"));
        assert!(line.contains(" ms"), "{line}");
        // Resident memory where the OS tells it (the swap has none of its own).
        if cfg!(target_os = "linux") && stage != "swap" {
            assert!(line.contains(" MB)"), "{line}");
        }
    }
}
