//! `lotse serve` of a site whose `base_url` has a sub-path
//! (`https://www.kreis-coesfeld.de/kaoa/`): the preview is under the same
//! path (`http://127.0.0.1:PORT/kaoa/`), `/` redirects there, every link
//! of the pages works, live reload finds the page by its address, and a
//! changed path in `base_url` is reported (the preview stays until restart).

use crate::serve::{Server, Site, parse};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

fn kaoa_site() -> Site {
    let site = Site::example();
    let toml = site.read("site.toml").replace(
        "base_url = \"https://olov.example.org/\"",
        "base_url = \"https://www.kreis-coesfeld.de/kaoa/\"",
    );
    assert!(toml.contains("/kaoa/"), "the example's base_url changed");
    site.write("site.toml", toml);
    site
}

/// Every `href="/…"` and `src="/…"` of a page.
fn local_links(html: &str) -> Vec<String> {
    let mut v = Vec::new();
    for attr in ["href=\"", "src=\""] {
        for (i, _) in html.match_indices(attr) {
            let rest = &html[i + attr.len()..];
            let link = &rest[..rest.find('"').unwrap()];
            if link.starts_with('/') && !link.starts_with("//") {
                v.push(link.split('#').next().unwrap().replace("&amp;", "&"));
            }
        }
    }
    v.sort();
    v.dedup();
    v
}

#[test]
fn serve_previews_a_sub_path_site_under_its_path() {
    let site = kaoa_site();
    let srv = Server::start(&site, &[]);
    let url = format!("http://127.0.0.1:{}/kaoa/", srv.port);
    assert!(srv.stdout().contains(&url), "{}", srv.stdout());

    // `/` and the path without its slash lead to the site.
    for from in ["/", "/kaoa"] {
        let r = srv.get(from);
        assert_eq!(r.status, 302, "{from}");
        assert_eq!(r.header("location").as_deref(), Some("/kaoa/"), "{from}");
    }
    let r = srv.get("/kaoa/angebote");
    assert_eq!(
        r.header("location").as_deref(),
        Some("/kaoa/angebote/"),
        "{r:?}"
    );

    // Every local link of the home page and the offers list is under the
    // path and answers.
    let mut checked = 0;
    for page in ["/kaoa/", "/kaoa/angebote/", "/kaoa/en/"] {
        let r = srv.get(page);
        assert_eq!(r.status, 200, "{page}");
        let links = local_links(&r.text());
        assert!(links.len() > 10, "{page}: {links:?}");
        // The reload script is the dev server's own, at its root.
        for link in links.into_iter().filter(|l| !l.starts_with("/__lotse/")) {
            assert!(link.starts_with("/kaoa/"), "{page} links {link}");
            let target = srv.get(&link);
            assert_eq!(target.status, 200, "{page} → {link}");
            checked += 1;
        }
    }
    assert!(checked > 30, "{checked}");

    // Outside the path: the site's 404 page, whose links work too.
    let nf = srv.get("/angebote/");
    assert_eq!(nf.status, 404);
    assert!(nf.text().contains("href=\"/kaoa/\""), "{}", nf.text());
    assert_eq!(srv.get("/kaoa/gibt-es-nicht/").status, 404);

    // A new path in base_url: the preview stays where it is and says so.
    let toml = site.read("site.toml").replace("/kaoa/", "/neu/");
    site.write("site.toml", toml);
    crate::serve::wait_for(60, "the note on the new path", || {
        srv.stdout()
            .contains("The path of base_url is now /neu/")
            .then_some(())
    });
    assert_eq!(srv.get("/kaoa/").status, 200);
}

#[test]
fn serve_live_reload_finds_a_sub_path_page_by_its_address() {
    let site = kaoa_site();
    let srv = Server::start(&site, &[]);
    let id = site.ids("offers")[0].clone();
    let page = format!("/kaoa/angebote/{id}/");
    let r = srv.get(&page);
    assert_eq!(r.status, 200);
    let t = r.text();
    let attr = |name: &str| {
        let k = format!("{name}=\"");
        let i = t.find(&k).unwrap_or_else(|| panic!("no {name}")) + k.len();
        t[i..i + t[i..].find('"').unwrap()].to_string()
    };
    // The page's served file is named wrongly on purpose: only the
    // address (`path`) can tell the server which page polls.
    let mut poll = TcpStream::connect(("127.0.0.1", srv.port)).unwrap();
    write!(
        poll,
        "GET /__lotse/poll?boot={}&gen={}&err={}&file=x&path={} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        attr("data-boot"),
        attr("data-gen"),
        attr("data-err"),
        page.replace('/', "%2F")
    )
    .unwrap();
    let offer = format!("content/offers/{id}.md");
    site.write(
        &offer,
        format!(
            "{}\nEin neuer Absatz für die Vorschau.\n",
            site.read(&offer)
        ),
    );
    poll.set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let mut raw = Vec::new();
    poll.read_to_end(&mut raw).unwrap();
    assert_eq!(parse(&raw).text(), r#"{"reload":true}"#);
    srv.wait_body(&page, "the edit under /kaoa/", |r| {
        r.text().contains("Ein neuer Absatz für die Vorschau.")
    });
}
