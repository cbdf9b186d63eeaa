//! The dev server against odd or broken clients, over real TCP against the
//! real binary: long request heads, methods other than GET and HEAD,
//! malformed request lines and other HTTP versions, slow and idle
//! connections (which must block nobody), hundreds of open connections, and
//! symbolic links that lead out of the site. Timeouts here are generous
//! upper bounds, never measurements.
//!
//! tiny_http sets no limit on the size of a request head and no timeout on
//! a slow or idle connection (SECURITY.md says why that is acceptable on
//! loopback), so nothing here expects a 414, 431 or 408.

use crate::serve::{Resp, Server, Site, get, parse, wait_for};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// Sends `bytes` on a fresh connection and reads until the server closes.
fn raw(port: u16, bytes: &[u8]) -> Resp {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    s.write_all(bytes).unwrap();
    let mut out = Vec::new();
    s.read_to_end(&mut out).unwrap();
    parse(&out)
}

/// Reads from `s` until it is closed (EOF or reset) or `secs` pass;
/// returns what came and whether it was closed.
fn read_until_closed(s: &mut TcpStream, secs: u64) -> (Vec<u8>, bool) {
    let deadline = Instant::now() + Duration::from_secs(secs);
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    while Instant::now() < deadline {
        s.set_read_timeout(Some(Duration::from_millis(500)))
            .unwrap();
        match s.read(&mut buf) {
            Ok(0) => return (out, true),
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(_) => return (out, true),
        }
    }
    (out, false)
}

#[test]
fn serve_limits_long_heads_within_reason_are_answered() {
    let site = Site::example();
    let srv = Server::start(&site, &[]);
    let port = srv.port;
    // A 7 KiB path (404: no such page) and 99 header lines.
    let long = format!(
        "GET /{} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        "a".repeat(7 * 1024)
    );
    assert_eq!(raw(port, long.as_bytes()).status, 404);
    let h: String = (0..99).map(|i| format!("X-{i}: y\r\n")).collect();
    let many = format!("GET / HTTP/1.1\r\nConnection: close\r\n{h}\r\n");
    assert_eq!(raw(port, many.as_bytes()).status, 200);
    assert_eq!(srv.get("/").status, 200);
}

#[test]
fn serve_limits_answer_only_get_and_head() {
    let site = Site::example();
    let srv = Server::start(&site, &[]);
    let port = srv.port;
    for m in [
        "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT", "PROPFIND",
    ] {
        let req = format!(
            "{m} / HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 3\r\n\r\na=1"
        );
        let r = raw(port, req.as_bytes());
        assert_eq!(r.status, 405, "{m}");
        assert_eq!(r.header("Allow").as_deref(), Some("GET, HEAD"), "{m}");
    }
    // HEAD: the GET's headers, no body.
    let get_len = srv.get("/lotse.css").body.len();
    let r = raw(
        port,
        b"HEAD /lotse.css HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(r.status, 200);
    assert!(r.body.is_empty());
    assert_eq!(r.header("Content-Length"), Some(get_len.to_string()));
    // A request line without a version (HTTP/0.9) or without anything:
    // refused.
    for req in [&b"GET /\r\n\r\n"[..], b"GARBAGE\r\n\r\n"] {
        let r = raw(port, req);
        assert_eq!(r.status, 400, "{}", String::from_utf8_lossy(req));
    }
    // The HTTP/2 preface and HTTP/3: tiny_http 0.12 leaves these
    // connections unanswered (SECURITY.md), but they hold no worker and
    // every other request is still answered.
    let _h2: Vec<TcpStream> = [
        &b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"[..],
        b"GET / HTTP/3.0\r\n\r\n",
    ]
    .iter()
    .map(|req| {
        let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
        s.write_all(req).unwrap();
        s
    })
    .collect();
    for _ in 0..10 {
        assert_eq!(srv.get("/lotse.css").status, 200);
    }
    // Keep-alive: two requests on one connection, then a close.
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.write_all(b"GET /lotse.css HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .unwrap();
    let (out, closed) = read_until_closed(&mut s, 60);
    assert!(closed);
    assert_eq!(
        String::from_utf8_lossy(&out)
            .matches("HTTP/1.1 200 OK")
            .count(),
        2
    );
}

#[test]
fn serve_limits_slow_and_idle_clients_block_nobody() {
    let site = Site::example();
    let srv = Server::start(&site, &[]);
    let port = srv.port;
    // Slowloris: a head that never ends, one byte at a time.
    let slow = TcpStream::connect(("127.0.0.1", port)).unwrap();
    (&slow).write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").unwrap();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let dripper = {
        let (mut s, stop) = (slow.try_clone().unwrap(), stop.clone());
        std::thread::spawn(move || {
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                if s.write_all(b"X").is_err() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(100));
            }
        })
    };
    // An idle connection that sends nothing at all, and one that sent a
    // request but does not read its answer.
    let _idle = TcpStream::connect(("127.0.0.1", port)).unwrap();
    let mut deaf = TcpStream::connect(("127.0.0.1", port)).unwrap();
    deaf.write_all(b"GET /lotse.css HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    // Others are answered meanwhile, also several at once.
    let t = Instant::now();
    let clients: Vec<_> = (0..8)
        .map(|_| std::thread::spawn(move || (0..10).all(|_| get(port, "/").status == 200)))
        .collect();
    for c in clients {
        assert!(c.join().unwrap());
    }
    assert!(
        t.elapsed() < Duration::from_secs(30),
        "80 requests took {:?}",
        t.elapsed()
    );
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    dripper.join().unwrap();
    drop(slow);
    assert_eq!(srv.get("/").status, 200);
}

#[test]
fn serve_limits_many_idle_connections_block_no_request() {
    let site = Site::example();
    let srv = Server::start(&site, &[]);
    let port = srv.port;
    // Hundreds of idle connections (tiny_http reads each on a thread of
    // its own).
    let idle: Vec<TcpStream> = (0..560)
        .map(|_| TcpStream::connect(("127.0.0.1", port)).unwrap())
        .collect();
    // The newest is answered, and so is a request on a new connection.
    let mut last = idle.last().unwrap().try_clone().unwrap();
    last.write_all(b"GET /lotse.css HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .unwrap();
    let (out, _) = read_until_closed(&mut last, 60);
    assert_eq!(parse(&out).status, 200);
    assert_eq!(srv.get("/").status, 200);
    // The oldest is still served too.
    let mut first = idle[0].try_clone().unwrap();
    first
        .write_all(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .unwrap();
    let (out, _) = read_until_closed(&mut first, 60);
    assert_eq!(parse(&out).status, 200);
    drop(idle);
    assert_eq!(get(port, "/").status, 200);
}

#[cfg(unix)]
#[test]
fn serve_never_follows_a_symbolic_link_out_of_the_site() {
    use std::os::unix::fs::symlink;
    let secret = "GEHEIM-5ymL1nk-9137";
    let page = format!("+++\ntitle = \"{secret}\"\n+++\n{secret}\n");
    // Links below `static/` (file, folder, nested), to `content/_index.md`,
    // and one to a file inside the site, which is served.
    let site = Site::example();
    let outside = site.tmp.path().join("outside");
    std::fs::create_dir_all(outside.join("dir")).unwrap();
    std::fs::write(outside.join("secret.txt"), secret).unwrap();
    std::fs::write(outside.join("dir/secret.txt"), secret).unwrap();
    std::fs::write(outside.join("_index.md"), &page).unwrap();
    site.write("static/inner/ok.txt", "inside");
    std::fs::create_dir_all(site.path("static/sub")).unwrap();
    symlink(outside.join("secret.txt"), site.path("static/sub/leak.txt")).unwrap();
    symlink(outside.join("dir"), site.path("static/sub/dir")).unwrap();
    symlink("../inner/ok.txt", site.path("static/sub/ok.txt")).unwrap();
    std::fs::remove_file(site.path("content/_index.md")).unwrap();
    symlink(outside.join("_index.md"), site.path("content/_index.md")).unwrap();
    let srv = Server::start(&site, &[]);
    assert_eq!(srv.get("/sub/ok.txt").text(), "inside");
    for p in ["/sub/leak.txt", "/sub/dir/secret.txt", "/sub/dir/"] {
        let r = srv.get(p);
        assert_eq!(r.status, 404, "{p}");
        assert!(!r.text().contains(secret), "{p}");
    }
    assert!(!srv.get("/").text().contains(secret));
    // A link made while serving is not followed either.
    symlink(outside.join("secret.txt"), site.path("static/late.txt")).unwrap();
    site.write("static/late-ok.txt", "late");
    srv.wait_body("/late-ok.txt", "the new static file", |r| r.status == 200);
    assert_eq!(srv.get("/late.txt").status, 404);
    assert!(!srv.stderr().contains(secret), "{}", srv.stderr());
    for w in ["static/sub/leak.txt", "static/sub/dir", "content/_index.md"] {
        assert!(
            srv.stderr()
                .contains(&format!("{w}: a symbolic link to a place outside the site")),
            "{w}: {}",
            srv.stderr()
        );
    }

    // `static/` and `content/` themselves as links out of the site.
    let site = Site::example();
    let outside = site.tmp.path().join("outside");
    std::fs::create_dir_all(outside.join("static")).unwrap();
    std::fs::write(outside.join("static/secret.txt"), secret).unwrap();
    symlink(outside.join("static"), site.path("static")).unwrap();
    std::fs::rename(site.path("content"), outside.join("content")).unwrap();
    std::fs::write(outside.join("content/_index.md"), &page).unwrap();
    symlink(outside.join("content"), site.path("content")).unwrap();
    let srv = Server::start(&site, &[]);
    for p in ["/secret.txt", "/"] {
        assert!(!srv.get(p).text().contains(secret), "{p}");
    }
    assert_eq!(srv.get("/secret.txt").status, 404);
    wait_for(30, "the warnings", || {
        let e = srv.stderr();
        (e.contains("static: a symbolic link") && e.contains("content: a symbolic link"))
            .then_some(())
    });
}
