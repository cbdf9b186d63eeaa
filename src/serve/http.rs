//! What the dev server answers, over `tiny_http`: a small fixed pool of
//! worker threads takes requests from the server and answers each from the
//! in-memory output, never from disk; reload polls are handed to
//! `reload`, which parks them without holding a worker. `resolve` maps a
//! request path to a file of the output and refuses every path that could
//! name anything else (dot segments, encoded separators, bad UTF-8, double
//! slashes).

use super::Shared;
use super::reload::{self, Poll};
use super::respond::{self, Body, percent_decode};
use crate::output::Output;
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};
use tiny_http::{Method, Request, Server};

/// Worker threads answering requests. Each answer is a lookup and a copy,
/// and waiting polls hold none, so a few suffice; more than one, so that a
/// large file to a slow reader does not hold up the others.
pub const WORKERS: usize = 4;

/// What a request path names.
#[derive(Clone, Debug, PartialEq)]
pub enum Resolved {
    /// A file of the output: its path there and contents.
    File {
        path: String,
        bytes: Arc<[u8]>,
    },
    /// A folder named without its trailing slash: where to go instead.
    Redirect(String),
    NotFound,
    /// A path no file of the site can have: refused as a bad request.
    Refused,
}

/// Maps a request path (without query) to the output. Pure: every rule of
/// what may be served lives here.
pub fn resolve(url_path: &str, out: &Output) -> Resolved {
    let Some(rest) = url_path.strip_prefix('/') else {
        return Resolved::Refused;
    };
    let lower = rest.to_ascii_lowercase();
    // Separators must be separators: no encoded slash or backslash.
    if lower.contains("%2f") || lower.contains("%5c") || rest.contains('\\') {
        return Resolved::Refused;
    }
    let Some(bytes) = percent_decode(rest) else {
        return Resolved::Refused;
    };
    // Strict UTF-8 refuses overlong forms such as `%c0%ae`.
    let Ok(path) = String::from_utf8(bytes) else {
        return Resolved::Refused;
    };
    if path.chars().any(|c| c.is_control() || c == '\\') {
        return Resolved::Refused;
    }
    let segments: Vec<&str> = path.split('/').collect();
    let last = segments.len() - 1;
    for (i, seg) in segments.iter().enumerate() {
        if (seg.is_empty() && i != last) || *seg == "." || *seg == ".." {
            return Resolved::Refused;
        }
    }
    let file = |p: &str| {
        out.get(p).map(|b| Resolved::File {
            path: p.to_string(),
            bytes: b.clone(),
        })
    };
    if path.is_empty() || path.ends_with('/') {
        return file(&format!("{path}index.html")).unwrap_or(Resolved::NotFound);
    }
    if let Some(f) = file(&path) {
        return f;
    }
    if out.get(&format!("{path}/index.html")).is_some() {
        return Resolved::Redirect(format!("{url_path}/"));
    }
    Resolved::NotFound
}

/// Maps a request path to the output of a site served under `base`
/// (`/` or `/kaoa/`): the site's own paths below `base`; `/` and `base`
/// without its slash redirect to `base`; anything else is not found.
pub fn resolve_under(base: &str, url_path: &str, out: &Output) -> Resolved {
    if base == "/" {
        return resolve(url_path, out);
    }
    let bare = base.trim_end_matches('/');
    if url_path == "/" || url_path == bare {
        return Resolved::Redirect(base.to_string());
    }
    let Some(rest) = url_path.strip_prefix(bare).filter(|r| r.starts_with('/')) else {
        return Resolved::NotFound;
    };
    match resolve(rest, out) {
        Resolved::Redirect(to) => Resolved::Redirect(format!("{bare}{to}")),
        r => r,
    }
}

/// The media type of an output file, by its extension.
pub fn content_type(path: &str) -> &'static str {
    let name = path.rsplit('/').next().unwrap_or(path);
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "jsonld" => "application/ld+json",
        "ttl" => "text/turtle; charset=utf-8",
        "rdf" => "application/rdf+xml",
        "xml" if name == "feed.xml" => "application/atom+xml",
        "xml" | "xsl" => "application/xml",
        "atom" => "application/atom+xml",
        "rss" => "application/rss+xml",
        "txt" => "text/plain; charset=utf-8",
        "yml" | "yaml" => "text/yaml; charset=utf-8",
        "md" => "text/markdown; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "vcf" => "text/vcard; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "webmanifest" => "application/manifest+json",
        "wasm" => "application/wasm",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        "ogg" => "audio/ogg",
        "vtt" => "text/vtt; charset=utf-8",
        "zip" => "application/zip",
        "gz" => "application/gzip",
        "odt" => "application/vnd.oasis.opendocument.text",
        "ods" => "application/vnd.oasis.opendocument.spreadsheet",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "application/octet-stream",
    }
}

/// The running HTTP side.
pub struct Http {
    server: Arc<Server>,
    workers: Vec<JoinHandle<()>>,
}

/// A tiny_http server on `listener`. Accepted sockets inherit
/// `TCP_NODELAY` from the listener on Linux: tiny_http writes the head and
/// the body of an answer separately, and with Nagle's algorithm the body
/// then waits for the client's delayed ACK (about 40 ms per keep-alive
/// request on loopback).
pub fn server(listener: std::net::TcpListener) -> std::io::Result<Server> {
    use std::os::fd::AsRawFd;
    let on: libc::c_int = 1;
    // SAFETY: a valid socket descriptor and an option value that lives
    // through the call, of the size passed.
    let rc = unsafe {
        libc::setsockopt(
            listener.as_raw_fd(),
            libc::IPPROTO_TCP,
            libc::TCP_NODELAY,
            (&on as *const libc::c_int).cast(),
            std::mem::size_of::<libc::c_int>() as libc::socklen_t,
        )
    };
    if rc != 0 {
        return Err(std::io::Error::last_os_error());
    }
    Server::from_listener(listener, None).map_err(std::io::Error::other)
}

/// Starts `WORKERS` threads answering the requests of `server` from
/// `shared`.
pub fn start(server: Server, shared: Arc<Shared>) -> std::io::Result<Http> {
    let server = Arc::new(server);
    let mut workers = Vec::with_capacity(WORKERS);
    for i in 0..WORKERS {
        let (srv, shared) = (server.clone(), shared.clone());
        let w = std::thread::Builder::new()
            .name(format!("lotse-http-{i}"))
            .spawn(move || {
                // `recv` fails once `stop` unblocks this worker.
                while let Ok(req) = srv.recv() {
                    handle(req, &shared);
                }
            });
        match w {
            Ok(w) => workers.push(w),
            Err(e) => {
                Http { server, workers }.stop();
                return Err(e);
            }
        }
    }
    Ok(Http { server, workers })
}

impl Http {
    /// Stops the workers, each after the answer it is writing (waiting at
    /// most two seconds for all); the server closes its socket when the
    /// last reference to it goes.
    pub fn stop(self) {
        for _ in &self.workers {
            self.server.unblock();
        }
        let deadline = Instant::now() + Duration::from_secs(2);
        for w in self.workers {
            while !w.is_finished() && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(10));
            }
            if w.is_finished() {
                let _ = w.join();
            }
        }
    }
}

/// Answers one request from the served output. Methods other than `GET`
/// and `HEAD` get 405; tiny_http leaves out the body of a `HEAD` answer.
pub fn handle(req: Request, shared: &Arc<Shared>) {
    // The browser editor's write API, when the site has `[cms]`.
    let api = format!("{}{}", shared.base_path, crate::outputs::cms::API);
    if req.url().split('?').next() == Some(api.as_str()) {
        let config = {
            let out = shared.output.read().unwrap_or_else(|e| e.into_inner());
            out.get(crate::outputs::cms::CONFIG).cloned()
        };
        if let Some(config) = config {
            let api = super::cms::Api {
                root: &shared.root,
                port: shared.port,
                loopback: shared.loopback,
                config: &config,
            };
            return super::cms::handle(req, &api);
        }
    }
    if !matches!(req.method(), Method::Get | Method::Head) {
        let r = respond::text(405, "405 Method Not Allowed\n")
            .with_header(respond::header("Allow", "GET, HEAD"));
        return respond::send(req, r);
    }
    let url = req.url().to_string();
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    let hub = &shared.hub;
    match path {
        reload::SCRIPT_PATH => {
            let body = Body::Owned(reload::SCRIPT.as_bytes().to_vec());
            let r = respond::bytes(200, "text/javascript; charset=utf-8", body);
            return respond::send(req, r);
        }
        // Parked in the hub: this worker goes on to the next request.
        reload::POLL_PATH => {
            let poll = Poll::parse(query).under(&shared.base_path);
            return hub.poll(req, poll);
        }
        _ => {}
    }
    // The generation before the files: a page newer than its generation
    // only reloads once more, an older one would miss a reload.
    let (generation, error) = hub.state();
    let (resolved, not_found) = {
        let out = shared.output.read().unwrap_or_else(|e| e.into_inner());
        let r = resolve_under(&shared.base_path, path, &out);
        let nf = match r {
            Resolved::NotFound => out.get("404.html").cloned(),
            _ => None,
        };
        (r, nf)
    };
    let page = |status: u16, file: &str, bytes: &[u8]| {
        let ct = content_type(file);
        let body = if ct.starts_with("text/html") {
            reload::inject(bytes, hub.boot, generation, &error, file)
        } else {
            bytes.to_vec()
        };
        respond::bytes(status, ct, Body::Owned(body))
    };
    let r = match resolved {
        Resolved::File { path, bytes } => {
            if content_type(&path).starts_with("text/html") {
                page(200, &path, &bytes)
            } else {
                respond::bytes(200, content_type(&path), Body::Shared(bytes))
            }
        }
        Resolved::Redirect(to) => {
            let location = if query.is_empty() {
                to
            } else {
                format!("{to}?{query}")
            };
            respond::text(302, "302 Found\n").with_header(respond::header("Location", &location))
        }
        // No page built yet (the first build failed): show why.
        Resolved::NotFound if not_found.is_none() && error.text.is_some() => {
            let body = reload::no_build_page(hub.boot, generation, &error);
            respond::bytes(500, "text/html; charset=utf-8", Body::Owned(body))
        }
        Resolved::NotFound => match not_found {
            Some(bytes) => page(404, "404.html", &bytes),
            None => respond::text(404, "404 Not Found\n"),
        },
        Resolved::Refused => respond::text(400, "400 Bad Request\n"),
    };
    respond::send(req, r);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Output {
        let mut o = Output::default();
        for p in [
            "index.html",
            "404.html",
            "angebote/index.html",
            "angebote/x/index.html",
            "lotse.css",
            "daten/angebote.json",
            "bilder/ä b.png",
        ] {
            o.insert(p, p.as_bytes().to_vec());
        }
        o
    }

    fn file(p: &str) -> Resolved {
        Resolved::File {
            path: p.into(),
            bytes: p.as_bytes().to_vec().into(),
        }
    }

    #[test]
    fn serves_files_and_folders() {
        let o = site();
        assert_eq!(resolve("/", &o), file("index.html"));
        assert_eq!(resolve("/angebote/", &o), file("angebote/index.html"));
        assert_eq!(
            resolve("/angebote/x/index.html", &o),
            file("angebote/x/index.html")
        );
        assert_eq!(resolve("/lotse.css", &o), file("lotse.css"));
        assert_eq!(
            resolve("/bilder/%C3%A4%20b.png", &o),
            file("bilder/ä b.png")
        );
        assert_eq!(
            resolve("/angebote", &o),
            Resolved::Redirect("/angebote/".into())
        );
        assert_eq!(
            resolve("/angebote/x", &o),
            Resolved::Redirect("/angebote/x/".into())
        );
        assert_eq!(resolve("/nichts/", &o), Resolved::NotFound);
        assert_eq!(resolve("/nichts", &o), Resolved::NotFound);
        assert_eq!(resolve("/lotse.css/", &o), Resolved::NotFound);
    }

    #[test]
    fn serves_a_site_under_its_base_path() {
        let o = site();
        let at = |p: &str| resolve_under("/kaoa/", p, &o);
        assert_eq!(at("/kaoa/"), file("index.html"));
        assert_eq!(at("/kaoa/angebote/"), file("angebote/index.html"));
        assert_eq!(at("/kaoa/lotse.css"), file("lotse.css"));
        assert_eq!(at("/"), Resolved::Redirect("/kaoa/".into()));
        assert_eq!(at("/kaoa"), Resolved::Redirect("/kaoa/".into()));
        assert_eq!(
            at("/kaoa/angebote"),
            Resolved::Redirect("/kaoa/angebote/".into())
        );
        assert_eq!(at("/angebote/"), Resolved::NotFound);
        assert_eq!(at("/kaoax/"), Resolved::NotFound);
        assert_eq!(at("/kaoa/../etc/passwd"), Resolved::Refused);
        assert_eq!(at("/kaoa//x"), Resolved::Refused);
        // Two levels.
        let deep = |p: &str| resolve_under("/a/b/", p, &o);
        assert_eq!(deep("/a/b/angebote/"), file("angebote/index.html"));
        assert_eq!(deep("/a/b"), Resolved::Redirect("/a/b/".into()));
        assert_eq!(deep("/a/"), Resolved::NotFound);
    }

    #[test]
    fn refuses_every_way_out() {
        let o = site();
        for p in [
            "/..",
            "/../etc/passwd",
            "/angebote/../../etc/passwd",
            "/./index.html",
            "/%2e%2e/etc/passwd",
            "/%2E%2E/etc/passwd",
            "/.%2e/etc/passwd",
            "/%2e%2e%2fetc%2fpasswd",
            "/..%2f..%2fetc/passwd",
            "/angebote%2f..%2f..%2fsecret",
            "/..%5c..%5csecret",
            "/..\\secret",
            "/%c0%ae%c0%ae/etc/passwd",
            "/%c0%af",
            "/%e0%80%ae%e0%80%ae/x",
            "//etc/passwd",
            "/angebote//x/",
            "/%00",
            "/index.html%00.css",
            "/%",
            "/%zz",
            "/%2",
            "etc/passwd",
            "http://example.org/",
            "",
        ] {
            assert_eq!(resolve(p, &o), Resolved::Refused, "{p}");
        }
        // Double encoding is just an odd name: not found, never decoded twice.
        assert_eq!(resolve("/%252e%252e/etc/passwd", &o), Resolved::NotFound);
    }

    #[test]
    fn content_types() {
        for (p, t) in [
            ("index.html", "text/html; charset=utf-8"),
            ("lotse.css", "text/css; charset=utf-8"),
            ("favicon.svg", "image/svg+xml"),
            ("daten/angebote.json", "application/json"),
            ("daten/angebote.csv", "text/csv; charset=utf-8"),
            ("daten/katalog.jsonld", "application/ld+json"),
            ("daten/katalog.ttl", "text/turtle; charset=utf-8"),
            ("daten/katalog.rdf", "application/rdf+xml"),
            ("daten/angebote.ics", "text/calendar; charset=utf-8"),
            ("partner/x/kontakt.vcf", "text/vcard; charset=utf-8"),
            ("feed.xml", "application/atom+xml"),
            ("sitemap.xml", "application/xml"),
            ("robots.txt", "text/plain; charset=utf-8"),
            ("bilder/Foto.JPG", "image/jpeg"),
            ("docs/plan.pdf", "application/pdf"),
            ("fonts/a.woff2", "font/woff2"),
            ("LICENSE", "application/octet-stream"),
        ] {
            assert_eq!(content_type(p), t, "{p}");
        }
    }
}
