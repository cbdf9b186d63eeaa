//! The district's look without templates (`[brand]`, `[menu]`), the home
//! page's audience tiles (`[home] audiences`) and the warning about a web
//! address without `https://` (issue 16). Fixtures `brand`, `brand-bad`
//! and `url-no-scheme` are laid over `full`.

use crate::harness::{Fixture, TODAY, broken_links, run_in};

fn over_full(name: &str) -> Fixture {
    let fx = Fixture::copy("full");
    fx.overlay(name);
    fx
}

#[test]
fn brand_colour_logo_and_menu_reach_every_page() {
    let fx = over_full("brand");
    fx.build_ok();
    let css = fx.output("brand.css");
    assert!(css.contains("--c-brand: #00508c;"), "{css}");
    // 8.2:1 with white: links take it unchanged (a colour just above 4.5:1
    // is darkened for them, see the unit tests of outputs::brand).
    assert!(css.contains("--c-link: #00508c;"), "{css}");
    for page in [
        "index.html",
        "angebote/index.html",
        "regionen/index.html",
        "ueber-uns/index.html",
    ] {
        let html = fx.output(page);
        let head = &html[..html.find("</head>").unwrap()];
        // Linked after the theme's style sheet, so that it wins; no inline style.
        let theme = head.find("/netz/lotse.css").expect("theme css");
        let brand = head.find("/netz/brand.css").expect("brand css");
        assert!(theme < brand, "{page}");
        assert!(
            !html.contains("<style") && !html.contains(" style=\""),
            "{page}"
        );
        assert!(
            html.contains(r#"<img class="site-logo" src="/netz/media/kreis-logo.svg" alt="Wappen des Kreises Beispiel">"#),
            "{page}"
        );
    }
    assert!(fx.has_output("media/kreis-logo.svg"));
    // The menu: its items in its order, a free page among them.
    let home = fx.output("index.html");
    let nav =
        &home[home.find("class=\"site-nav\"").unwrap()..home.find("</nav>\n  </details>").unwrap()];
    let order: Vec<&str> = [
        "/netz/angebote/",
        "/netz/berufswahlfahrplan/",
        "/netz/ueber-uns/",
        "/netz/partner/",
        "/netz/suche/",
    ]
    .into_iter()
    .collect();
    let found: Vec<usize> = order
        .iter()
        .map(|u| nav.find(&format!("\"{u}\"")).unwrap())
        .collect();
    assert!(found.windows(2).all(|w| w[0] < w[1]), "{nav}");
    assert!(!nav.contains("/netz/regionen/"), "{nav}");
    // Sections left out are still built and linked from the footer.
    let footer = &home[home.find("<footer").unwrap()..];
    for left_out in [
        "regionen",
        "gute-praxis",
        "vereinbarungen",
        "netzwerk",
        "zahlen",
    ] {
        assert!(
            footer.contains(&format!("href=\"/netz/{left_out}/\"")),
            "{left_out}"
        );
        assert!(
            fx.has_output(&format!("{left_out}/index.html")),
            "{left_out}"
        );
    }
    let broken = broken_links(&fx.path("public"), "https://example.org/netz/");
    assert!(broken.is_empty(), "{broken:#?}");
}

#[test]
fn a_site_without_brand_has_no_brand_css_and_the_whole_menu() {
    let fx = Fixture::full_built();
    assert!(!fx.has_output("brand.css"));
    let home = fx.output("index.html");
    assert!(!home.contains("brand.css") && !home.contains("site-logo"));
    for section in [
        "regionen",
        "partner",
        "angebote",
        "berufswahlfahrplan",
        "netzwerk",
        "suche",
    ] {
        let nav = &home[home.find("class=\"site-nav\"").unwrap()..];
        assert!(nav.contains(&format!("/netz/{section}/")), "{section}");
    }
}

#[test]
fn audience_tiles_count_offers_and_link_their_target_group() {
    let fx = over_full("brand");
    fx.build_ok();
    let home = fx.output("index.html");
    let tiles = &home[home.find("class=\"audiences\"").unwrap()..];
    let tiles = &tiles[..tiles.find("</ul>").unwrap()];
    // In the order of [home] audiences.
    let eltern = tiles
        .find("/netz/angebote/zielgruppe/eltern/")
        .expect("eltern");
    let schueler = tiles
        .find("/netz/angebote/zielgruppe/schueler/")
        .expect("schueler");
    assert!(eltern < schueler, "{tiles}");
    assert!(!tiles.contains("zielgruppe/betriebe"), "{tiles}");
    // The count is the number of current offers for the group (an offer
    // whose `end`, else `start`, is before the build date is past).
    let offers = std::fs::read_dir(fx.path("content/offers"))
        .unwrap()
        .filter(|e| {
            let text = std::fs::read_to_string(e.as_ref().unwrap().path()).unwrap();
            let front = text.split("+++").nth(1).unwrap_or("");
            let date = |key: &str| {
                front.lines().find_map(|l| {
                    l.strip_prefix(key)?
                        .trim()
                        .strip_prefix('=')
                        .map(|v| v.trim().to_string())
                })
            };
            let last = date("end ").or_else(|| date("start "));
            let past = last.is_some_and(|d| d.as_str() < crate::harness::TODAY);
            !past
                && front
                    .lines()
                    .any(|l| l.starts_with("target_groups") && l.contains("\"eltern\""))
        })
        .count();
    assert!(offers > 0);
    let tile = &tiles[eltern..schueler];
    let want = format!("{offers} Angebot");
    assert!(tile.contains(&want), "{want} in {tile}");
    // The theme's own sentence for a known group.
    assert!(tile.contains("Elternabende"), "{tile}");

    // Without [home] audiences: every target group that has offers.
    let full = Fixture::full_built();
    let home = full.output("index.html");
    let tiles = &home[home.find("class=\"audiences\"").unwrap()..];
    let tiles = &tiles[..tiles.find("</ul>").unwrap()];
    for group in ["schueler", "eltern"] {
        assert!(
            tiles.contains(&format!("zielgruppe/{group}/")),
            "{group}: {tiles}"
        );
    }
}

#[test]
fn brand_mistakes_are_errors_at_their_place_in_site_toml() {
    let fx = over_full("brand-bad");
    let run = fx.check();
    run.code(1);
    assert_eq!(run.errors().len(), 5, "{run}");
    run.error_at(&fx.pos("site.toml", "\"#5aa0e6\""))
        .says("[brand] color #5aa0e6 has a contrast ratio of only 2.76:1 with white; 4.5:1 is needed (white text in the header, links on white)")
        .helps("the nearest colour of the same hue that passes: color = \"#347abd\" (4.50:1)");
    run.error_at(&fx.pos("site.toml", "\"/media/fehlt.svg\""))
        .says("the logo `/media/fehlt.svg` does not exist: no file static/media/fehlt.svg");
    run.error_at(&fx.pos("site.toml", "\"partnr\""))
        .says("`partnr` in [menu] items is neither a section of the site nor a page (pages/…)")
        .helps("did you mean `partner`?");
    run.error_at(&fx.pos("site.toml", "\"pages/ueber-un\""))
        .helps("did you mean `pages/ueber-uns`?");
    run.error_at(&fx.pos("site.toml", "\"lehrer\"")).says(
        "`lehrer` in [home] audiences is not a target group of target_groups in vocabularies.toml",
    );
    fx.build().code(1);
    // The suggested colour passes.
    fx.replace("site.toml", "#5aa0e6", "#347abd")
        .replace("site.toml", "/media/fehlt.svg", "/files/flyer.txt")
        .replace("site.toml", "\"partnr\"", "\"partner\"")
        .replace("site.toml", "pages/ueber-un\"", "pages/ueber-uns\"")
        .replace("site.toml", "\"lehrer\"", "\"schueler\"");
    fx.check().ok();
}

#[test]
fn a_web_address_without_https_is_a_warning_with_the_fixed_value() {
    let fx = over_full("url-no-scheme");
    let run = fx.check();
    run.code(0);
    assert_eq!(run.warnings().len(), 2, "{run}");
    let partner = "content/partners/agentur-beispiel.md";
    run.warnings()
        .into_iter()
        .find(|w| w.location == fx.pos(partner, "\"www.arbeitsagentur"))
        .expect("warning at the website")
        .says("`website` = `www.arbeitsagentur.example/beispielstadt` lacks https:// – the address is shown as text, not as a link")
        .helps("write `https://www.arbeitsagentur.example/beispielstadt`");
    run.warnings()
        .into_iter()
        .find(|w| w.location == fx.pos("content/offers/bewerbungstraining.md", "\"example.org\""))
        .expect("warning at the url")
        .helps("write `https://example.org`");
    fx.replace(partner, "\"www.", "\"https://www.");
    fx.replace(
        "content/offers/bewerbungstraining.md",
        "\"example.org\"",
        "\"https://example.org\"",
    );
    fx.check().ok();
    assert!(fx.check().warnings().is_empty());
}

#[test]
fn a_site_made_with_init_takes_a_brand_section() {
    let fx = Fixture::empty();
    run_in(fx.root(), &["init", "site"]).ok();
    let site = fx.root().join("site");
    std::fs::create_dir_all(site.join("static/media")).unwrap();
    std::fs::write(
        site.join("static/media/logo.svg"),
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#006e3c"/></svg>"##,
    )
    .unwrap();
    let toml = site.join("site.toml");
    let mut text = std::fs::read_to_string(&toml).unwrap();
    text.push_str("\n[brand]\nlogo = \"/media/logo.svg\"\nlogo_alt = \"Kreis Beispiel\"\ncolor = \"#006e3c\"\n");
    std::fs::write(&toml, text).unwrap();
    let run = run_in(&site, &["build", "--today", TODAY]);
    run.code(0);
    assert!(run.errors().is_empty(), "{run}");
    let css = std::fs::read_to_string(site.join("public/brand.css")).unwrap();
    assert!(css.contains("--c-brand: #006e3c;"), "{css}");
    let home = std::fs::read_to_string(site.join("public/index.html")).unwrap();
    assert!(home.contains("alt=\"Kreis Beispiel\""), "{home}");
}

#[test]
fn serve_shows_a_missing_logo_and_clears_it_when_the_file_comes() {
    use crate::serve::{Server, Site};
    let site = Site::example();
    let toml = site.read("site.toml");
    site.write(
        "site.toml",
        format!("{toml}\n[brand]\nlogo = \"/media/logo.svg\"\ncolor = \"#00508c\"\n"),
    );
    let srv = Server::start(&site, &[]);
    let r = srv.wait_body("/", "the overlay", |r| {
        r.text().contains("id=\"lotse-error-overlay\"")
    });
    assert!(r.text().contains("static/media/logo.svg"), "{}", r.text());
    site.write(
        "static/media/logo.svg",
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1"/></svg>"##,
    );
    let r = srv.wait_body("/", "the logo", |r| {
        !r.text().contains("lotse-error-overlay") && r.text().contains("site-logo")
    });
    assert!(r.text().contains("/brand.css"));
    srv.wait_body("/brand.css", "brand.css", |r| {
        r.status == 200 && r.text().contains("--c-brand: #00508c;")
    });
    assert_eq!(srv.get("/media/logo.svg").status, 200);
}
