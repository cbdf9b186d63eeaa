//! The dev server against hostile or broken clients, over real TCP against
//! the real binary: oversized request lines and headers, methods other than
//! GET and HEAD, bodies, HTTP/2, slow and idle connections, more
//! connections than the server keeps, and symbolic links that lead out of
//! the site. Timeouts here are generous upper bounds, never measurements.

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
fn serve_limits_refuse_oversized_heads() {
    let site = Site::example();
    let srv = Server::start(&site, &[]);
    let port = srv.port;
    // A request line over 8 KiB.
    let long = format!("GET /{} HTTP/1.1\r\nHost: x\r\n\r\n", "a".repeat(9 * 1024));
    let r = raw(port, long.as_bytes());
    assert_eq!(r.status, 414, "{}", r.head);
    assert!(r.header("Connection").is_some_and(|c| c == "close"));
    // One that fits is answered (404: no such page).
    let fits = format!(
        "GET /{} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        "a".repeat(7 * 1024)
    );
    assert_eq!(raw(port, fits.as_bytes()).status, 404);
    // Headers over 32 KiB, in one line and in many.
    let big = format!(
        "GET / HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\n\r\n",
        "b".repeat(40 * 1024)
    );
    assert_eq!(raw(port, big.as_bytes()).status, 431);
    let spread: String = (0..40)
        .map(|i| format!("X-{i}: {}\r\n", "c".repeat(1000)))
        .collect();
    let r = raw(port, format!("GET / HTTP/1.1\r\n{spread}\r\n").as_bytes());
    assert_eq!(r.status, 431);
    // More than 100 header lines; exactly 100 are fine.
    let many = |n: usize| -> String {
        let h: String = (0..n).map(|i| format!("X-{i}: y\r\n")).collect();
        format!("GET / HTTP/1.1\r\nConnection: close\r\n{h}\r\n")
    };
    assert_eq!(raw(port, many(101).as_bytes()).status, 431);
    assert_eq!(raw(port, many(99).as_bytes()).status, 200);
    // An endless header line without a newline is cut off, not buffered.
    // (Socket buffers on loopback hold a few MiB; the server reads at most
    // 1 MiB more after refusing.)
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_write_timeout(Some(Duration::from_secs(60))).unwrap();
    s.write_all(b"GET / HTTP/1.1\r\nX-Endless: ").unwrap();
    let chunk = vec![b'z'; 64 * 1024];
    let limit = 256 * 1024 * 1024;
    let mut sent = 0;
    while sent < limit && s.write_all(&chunk).is_ok() {
        sent += chunk.len();
    }
    assert!(sent < limit, "the server kept reading an endless header");
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
        let req = format!("{m} / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\na=1");
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
    // A GET with a body, chunked bodies, the HTTP/2 preface, HTTP/0.9 and
    // HTTP/3: refused.
    for (req, code) in [
        (&b"GET / HTTP/1.1\r\nContent-Length: 4\r\n\r\nabcd"[..], 400),
        (
            b"GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            400,
        ),
        (b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 400),
        (b"GET /\r\n\r\n", 400),
        (b"GET / HTTP/3.0\r\n\r\n", 505),
        (b"GET / HTTP/1.1\r\nHost : x\r\n\r\n", 400),
    ] {
        let r = raw(port, req);
        assert_eq!(r.status, code, "{}", String::from_utf8_lossy(req));
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
fn serve_limits_slow_clients_block_nobody_and_are_closed() {
    let site = Site::example();
    let srv = Server::start(&site, &[]);
    let port = srv.port;
    // Slowloris: a head that never ends, one byte at a time.
    let mut slow = TcpStream::connect(("127.0.0.1", port)).unwrap();
    slow.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").unwrap();
    let dripper = {
        let mut s = slow.try_clone().unwrap();
        std::thread::spawn(move || {
            for _ in 0..120 {
                if s.write_all(b"X").is_err() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(500));
            }
        })
    };
    // An idle connection that sends nothing at all.
    let mut idle = TcpStream::connect(("127.0.0.1", port)).unwrap();
    // Others are answered meanwhile.
    for _ in 0..20 {
        assert_eq!(srv.get("/").status, 200);
    }
    let (out, closed) = read_until_closed(&mut slow, 60);
    assert!(closed, "the slow connection stayed open");
    let r = parse(&out);
    assert_eq!(r.status, 408);
    let (out, closed) = read_until_closed(&mut idle, 60);
    assert!(closed, "the idle connection stayed open");
    assert!(
        out.is_empty(),
        "an idle connection is closed without an answer"
    );
    dripper.join().unwrap();
    assert_eq!(srv.get("/").status, 200);
}

#[test]
fn serve_limits_many_idle_connections_block_no_request() {
    let site = Site::example();
    let srv = Server::start(&site, &[]);
    let port = srv.port;
    let mut first = TcpStream::connect(("127.0.0.1", port)).unwrap();
    // More idle connections than the server keeps open (512).
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
    // The longest idle connection made room: it is closed.
    let _ = first.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    let (out, closed) = read_until_closed(&mut first, 60);
    assert!(
        closed && out.is_empty(),
        "{}",
        String::from_utf8_lossy(&out)
    );
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
