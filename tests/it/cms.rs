//! The browser editor (`[cms]`, docs/cms.md): its files are built only for
//! a site that asks for them, never listed in the sitemap; over real HTTP,
//! `lotse serve`'s local write API answers only its own origin and host
//! (no DNS rebinding), only POSTed JSON, writes only below `content/` and
//! `static/media/`, maps the default language's `x.md` to Decap's
//! `x.de.md`, and a broken save shows in the editor's error overlay.

use crate::harness::{Fixture, run_in};
use crate::serve::{Server, Site, parse, wait_for};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

const CMS: &str = "\n[cms]\nbackend = \"gitlab\"\nrepo = \"kreis-offenbach/olov\"\n";

/// One POST to the API with the given Host and Origin (`None`: left out).
fn post(port: u16, host: &str, origin: Option<&str>, ctype: &str, body: &str) -> (u16, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let origin = origin.map_or(String::new(), |o| format!("Origin: {o}\r\n"));
    write!(
        s,
        "POST /admin/api/v1 HTTP/1.1\r\nHost: {host}\r\n{origin}Content-Type: {ctype}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let r = parse(&raw);
    (r.status, r.text())
}

fn own(port: u16, body: &str) -> (u16, String) {
    let host = format!("127.0.0.1:{port}");
    let origin = format!("http://{host}");
    post(port, &host, Some(&origin), "application/json", body)
}

#[test]
fn the_write_api_answers_only_its_own_origin_and_writes_only_content() {
    let site = Site::example();
    let toml = site.read("site.toml");
    site.write("site.toml", format!("{toml}{CMS}"));
    let srv = Server::start(&site, &[]);
    let port = srv.port;
    let host = format!("127.0.0.1:{port}");
    let origin = format!("http://{host}");
    let info = r#"{"action":"info"}"#;

    let (status, body) = own(port, info);
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("\"local_fs\""), "{body}");
    // localhost is the same server.
    let lh = format!("localhost:{port}");
    let (status, _) = post(
        port,
        &lh,
        Some(&format!("http://{lh}")),
        "application/json",
        info,
    );
    assert_eq!(status, 200);

    // Another site's page in the browser; a DNS-rebinding name for
    // 127.0.0.1; no Origin; a form's content type.
    for (host, origin, ctype) in [
        (
            host.as_str(),
            Some("http://evil.example"),
            "application/json",
        ),
        (host.as_str(), Some("null"), "application/json"),
        (
            &*format!("evil.example:{port}"),
            Some(&*format!("http://evil.example:{port}")),
            "application/json",
        ),
        (host.as_str(), None, "application/json"),
        (host.as_str(), Some(origin.as_str()), "text/plain"),
        (
            host.as_str(),
            Some(origin.as_str()),
            "application/x-www-form-urlencoded",
        ),
    ] {
        let (status, body) = post(port, host, origin, ctype, info);
        assert_eq!(status, 403, "{host} {origin:?} {ctype}: {body}");
    }
    // Only POST.
    assert_eq!(srv.get("/admin/api/v1").status, 403);

    // Paths outside content/ and static/media/.
    let before = site.read("site.toml");
    for path in [
        "site.toml",
        "content/../site.toml",
        "../outside.md",
        "/etc/passwd",
        "templates/base.html",
        "static/evil.js",
        "content/.hidden.md",
    ] {
        let body = format!(
            r#"{{"action":"persistEntry","params":{{"entry":{{"path":"{path}","raw":"x"}},"assets":[]}}}}"#
        );
        let (status, answer) = own(port, &body);
        assert_eq!(status, 403, "{path}: {answer}");
        let read = format!(r#"{{"action":"getEntry","params":{{"path":"{path}"}}}}"#);
        assert_eq!(own(port, &read).0, 403, "{path}");
    }
    assert_eq!(site.read("site.toml"), before);
    assert!(!site.path("static/evil.js").exists());
    assert!(!site.path("../outside.md").exists());

    // The default language's file is `x.md` on disk, `x.de.md` for Decap.
    let (status, body) = own(
        port,
        r#"{"action":"getEntry","params":{"path":"content/offers/ausbildungsmesse-offenbach.de.md"}}"#,
    );
    assert_eq!(status, 200);
    assert!(body.contains("Ausbildungsmesse Offenbach"), "{body}");
    let (_, list) = own(
        port,
        r#"{"action":"entriesByFolder","params":{"folder":"content/offers","extension":"md","depth":1}}"#,
    );
    assert!(list.contains("content/offers/ausbildungsmesse-offenbach.de.md"));
    assert!(list.contains("content/offers/ausbildungsmesse-offenbach.en.md"));
    assert!(!list.contains("\"content/offers/ausbildungsmesse-offenbach.md\""));

    // A save is written whole and rebuilt like any edit.
    let raw = "+++\\ntitle = \\\"Neues Angebot\\\"\\nproviders = [\\\"ihk-offenbach\\\"]\\nregions = [\\\"stadt-offenbach\\\"]\\ntarget_groups = [\\\"schueler\\\"]\\n+++\\nText.\\n";
    let body = format!(
        r#"{{"action":"persistEntry","params":{{"entry":{{"path":"content/offers/neues-angebot.de.md","raw":"{raw}"}},"assets":[]}}}}"#
    );
    let (status, answer) = own(port, &body);
    assert_eq!(status, 200, "{answer}");
    assert!(
        site.read("content/offers/neues-angebot.md")
            .contains("Neues Angebot")
    );
    assert!(!site.path("content/offers/neues-angebot.de.md").exists());
    srv.wait_body("/angebote/neues-angebot/", "the new offer's page", |r| {
        r.status == 200
    });

    // A save that breaks the site shows in the editor page's overlay.
    let broken = format!(
        r#"{{"action":"persistEntry","params":{{"entry":{{"path":"content/offers/neues-angebot.de.md","raw":"{}"}},"assets":[]}}}}"#,
        raw.replace("ihk-offenbach", "ihk-offenbch")
    );
    assert_eq!(own(port, &broken).0, 200);
    srv.wait_body("/admin/", "the error overlay in the editor", |r| {
        let t = r.text();
        t.contains("lotse-error-overlay") && t.contains("neues-angebot.md")
    });

    // Media below static/media/, in base64.
    let (status, answer) = own(
        port,
        r#"{"action":"persistMedia","params":{"asset":{"path":"static/media/logo.svg","content":"PHN2Zy8+","encoding":"base64"}}}"#,
    );
    assert_eq!(status, 200, "{answer}");
    assert_eq!(site.read("static/media/logo.svg"), "<svg/>");
    wait_for(30, "the media file served", || {
        (srv.get("/media/logo.svg").status == 200).then_some(())
    });
}

#[test]
fn a_site_without_cms_has_no_editor_and_no_api() {
    let fx = Fixture::copy("full");
    fx.build_ok();
    assert!(
        !fx.output_files().iter().any(|f| f.starts_with("admin/")),
        "{:?}",
        fx.output_files()
    );

    let site = Site::example();
    let srv = Server::start(&site, &[]);
    assert_eq!(srv.get("/admin/").status, 404);
    let (status, _) = own(srv.port, r#"{"action":"info"}"#);
    assert_eq!(status, 405);
}

#[test]
fn a_site_with_cms_builds_the_editor_outside_the_sitemap() {
    let fx = Fixture::copy("full");
    fx.edit("site.toml", |t| format!("{t}{CMS}"));
    fx.build_ok();
    for f in [
        "admin/index.html",
        "admin/config.yml",
        "admin/decap-cms.js",
        "admin/LICENSE.txt",
    ] {
        assert!(fx.has_output(f), "{f}");
    }
    let config = fx.output("admin/config.yml");
    let v: serde_json::Value = serde_json::from_str(&config).unwrap();
    assert_eq!(v["backend"]["repo"], "kreis-offenbach/olov");
    // Published: the editor saves to GitLab, not to a local server.
    assert!(v.get("local_backend").is_none());
    assert!(!fx.output("sitemap.xml").contains("admin"));
    let html = fx.output("admin/index.html");
    assert!(html.contains("<script src=\"decap-cms.js\"></script>"));
    assert!(!html.contains("http://") && !html.contains("https://"));
    // An unknown backend is an error at its line.
    fx.edit("site.toml", |t| t.replace("\"gitlab\"", "\"svn\""));
    let r = fx.check();
    assert_ne!(r.code, 0, "{}", r.stdout);
    let all = format!("{}{}", r.stdout, r.stderr);
    assert!(all.contains("svn"), "{all}");
}

#[test]
fn init_writes_a_commented_cms_section_that_builds_when_uncommented() {
    let fx = Fixture::empty();
    run_in(fx.root(), &["init", "site"]).ok();
    let site = fx.root().join("site");
    let toml = site.join("site.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    assert!(text.contains("# [cms]"), "{text}");
    // Commented: no editor. (The scaffold's legal pages warn about their
    // placeholders; the [cms] section adds no warning to those.)
    let before = run_in(&site, &["build", "--today", "2026-11-22"]);
    before.ok();
    assert!(!site.join("public/admin").exists());
    // Uncommented (the guide says: remove the `#`), with an application id.
    let on: String = text
        .split_inclusive('\n')
        .skip_while(|l| !l.starts_with("# [cms]"))
        .map(|l| l.strip_prefix("# ").unwrap_or(l))
        .collect::<String>()
        .replace("app_id = \"…\"", "app_id = \"0123abcd\"");
    let head = &text[..text.find("# [cms]").unwrap()];
    std::fs::write(&toml, format!("{head}{on}")).unwrap();
    let run = run_in(&site, &["build", "--today", "2026-11-22"]);
    run.code(0);
    assert!(run.errors().is_empty(), "{run}");
    assert_eq!(run.warnings().len(), before.warnings().len(), "{run}");
    let config = std::fs::read_to_string(site.join("public/admin/config.yml")).unwrap();
    assert!(config.contains("\"app_id\": \"0123abcd\""), "{config}");
}
