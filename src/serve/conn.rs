//! The dev server's HTTP/1.1 connections: accepting, reading request heads
//! within limits, writing responses. It replaces tiny_http, which reads a
//! request line and headers of any length, never times out an idle or slow
//! connection and spawns a thread per connection without a bound; none of
//! that can be configured from outside, so one slow or hostile client could
//! hold memory and threads forever.
//!
//! Each connection has a thread of its own (so a slow one never blocks
//! another), at most `MAX_CONNECTIONS` at once; when more come, the one
//! that has waited longest for its next request is closed. A request head
//! must arrive within `IDLE_TIMEOUT` of the moment the server started
//! waiting for it. Only `GET` and `HEAD` without a body are answered.

use std::collections::HashMap;
use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// The longest request line (method, target, version) answered; longer: 414.
pub const MAX_REQUEST_LINE: usize = 8 * 1024;
/// The most bytes of header lines after the request line; more: 431.
pub const MAX_HEADER_BYTES: usize = 32 * 1024;
/// The most header lines; more: 431.
pub const MAX_HEADERS: usize = 100;
/// How long a connection may take to send a whole request head, counted
/// from when the server started waiting for it (also between keep-alive
/// requests). A head begun but not finished by then is answered 408.
pub const IDLE_TIMEOUT: Duration = Duration::from_secs(10);
/// Open connections at most; beyond, the longest idle one is closed.
pub const MAX_CONNECTIONS: usize = 512;
/// A client that does not read its response for this long is dropped.
const WRITE_TIMEOUT: Duration = Duration::from_secs(10);
/// Connection threads do little: resolve a path, copy bytes.
const STACK_SIZE: usize = 256 * 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Head,
}

/// A request head that passed every check.
#[derive(Debug, PartialEq)]
pub struct Request {
    pub method: Method,
    /// The request target as sent (path and query).
    pub target: String,
    pub keep_alive: bool,
}

/// A response; `Content-Length` and `Connection` are added when written.
pub struct Response {
    pub status: u16,
    headers: Vec<(&'static str, String)>,
    body: Body,
}

enum Body {
    Owned(Vec<u8>),
    Shared(Arc<[u8]>),
}

impl Response {
    pub fn new(status: u16, content_type: &str, body: Vec<u8>) -> Response {
        Response {
            status,
            headers: vec![("Content-Type", content_type.to_string())],
            body: Body::Owned(body),
        }
    }

    /// A response whose body is a file of the served output (not copied).
    pub fn shared(status: u16, content_type: &str, body: Arc<[u8]>) -> Response {
        Response {
            status,
            headers: vec![("Content-Type", content_type.to_string())],
            body: Body::Shared(body),
        }
    }

    pub fn text(status: u16, body: &str) -> Response {
        Response::new(
            status,
            "text/plain; charset=utf-8",
            body.as_bytes().to_vec(),
        )
    }

    pub fn with_header(mut self, name: &'static str, value: &str) -> Response {
        self.headers.push((name, value.to_string()));
        self
    }

    fn bytes(&self) -> &[u8] {
        match &self.body {
            Body::Owned(b) => b,
            Body::Shared(b) => b,
        }
    }

    /// Writes the response; `keep_alive: false` adds `Connection: close`.
    fn write_to(
        &self,
        w: &mut impl Write,
        head_only: bool,
        keep_alive: bool,
    ) -> std::io::Result<()> {
        let body = self.bytes();
        let mut out = format!("HTTP/1.1 {} {}\r\n", self.status, reason(self.status));
        for (k, v) in &self.headers {
            out.push_str(&format!("{k}: {v}\r\n"));
        }
        out.push_str(&format!("Content-Length: {}\r\n", body.len()));
        if !keep_alive {
            out.push_str("Connection: close\r\n");
        }
        out.push_str("\r\n");
        let mut out = out.into_bytes();
        if head_only {
            return w.write_all(&out);
        }
        // One write for small answers; a large file goes out as it is.
        if body.len() <= 64 * 1024 {
            out.extend_from_slice(body);
            w.write_all(&out)
        } else {
            w.write_all(&out)?;
            w.write_all(body)
        }
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        302 => "Found",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        414 => "URI Too Long",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "",
    }
}

/// A connection whose request is answered later (a parked reload poll);
/// it is closed after the answer.
pub struct Conn {
    stream: TcpStream,
    head_only: bool,
}

impl Conn {
    pub fn respond(mut self, r: Response) {
        let _ = r.write_to(&mut self.stream, self.head_only, false);
    }
}

/// What the application makes of a request.
pub enum Reply {
    Now(Response),
    /// The connection is handed over; whoever takes it answers.
    Later(Box<dyn FnOnce(Conn) + Send>),
}

/// Why no request came.
#[derive(Debug, PartialEq)]
pub enum Refusal {
    /// The peer closed, or the connection failed, before a request began.
    Closed,
    /// Nothing (more) arrived in time; `begun`: part of a head had come.
    Timeout { begun: bool },
    /// A head that is answered with this status and then closed.
    Status(u16),
}

/// Scans the bytes received so far: the length of a complete head, `None`
/// while it is incomplete, or the status that refuses it. Leading empty
/// lines are skipped by the caller.
pub fn scan_head(buf: &[u8]) -> Result<Option<usize>, u16> {
    let Some(line_end) = buf.iter().position(|&b| b == b'\n') else {
        return if buf.len() > MAX_REQUEST_LINE {
            Err(414)
        } else {
            Ok(None)
        };
    };
    if line_end > MAX_REQUEST_LINE {
        return Err(414);
    }
    let mut start = line_end + 1;
    let mut lines = 0;
    loop {
        let Some(n) = buf[start..].iter().position(|&b| b == b'\n') else {
            if buf.len() - (line_end + 1) > MAX_HEADER_BYTES {
                return Err(431);
            }
            return Ok(None);
        };
        let line = &buf[start..start + n];
        let end = start + n + 1;
        if line.is_empty() || line == b"\r" {
            return Ok(Some(end));
        }
        lines += 1;
        if lines > MAX_HEADERS || end - (line_end + 1) > MAX_HEADER_BYTES {
            return Err(431);
        }
        start = end;
    }
}

/// Parses a complete head (as found by `scan_head`).
pub fn parse_head(head: &[u8]) -> Result<Request, u16> {
    let text = std::str::from_utf8(head).map_err(|_| 400u16)?;
    let mut lines = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let line = lines.next().unwrap_or("");
    if !line.is_ascii() || line.chars().any(|c| c.is_ascii_control()) {
        return Err(400);
    }
    let parts: Vec<&str> = line.split(' ').collect();
    let [method, target, version] = parts[..] else {
        return Err(400);
    };
    // The HTTP/2 preface (`PRI * HTTP/2.0`) and other versions: this
    // server speaks HTTP/1.x only.
    let http10 = match version {
        "HTTP/1.1" => false,
        "HTTP/1.0" => true,
        v if v.starts_with("HTTP/") && method != "PRI" => return Err(505),
        _ => return Err(400),
    };
    let method = match method {
        "GET" => Method::Get,
        "HEAD" => Method::Head,
        m if !m.is_empty() && m.bytes().all(|b| b.is_ascii_alphabetic() || b == b'-') => {
            return Err(405);
        }
        _ => return Err(400),
    };
    if target.is_empty() {
        return Err(400);
    }
    let mut keep_alive = !http10;
    for l in lines.filter(|l| !l.is_empty()) {
        let (name, value) = l.split_once(':').ok_or(400u16)?;
        // No folded lines, no space before the colon (request smuggling).
        if name.is_empty()
            || name
                .bytes()
                .any(|b| b.is_ascii_whitespace() || b.is_ascii_control())
        {
            return Err(400);
        }
        let value = value.trim();
        if name.eq_ignore_ascii_case("content-length") && value != "0" {
            return Err(400);
        }
        if name.eq_ignore_ascii_case("transfer-encoding") {
            return Err(400);
        }
        if name.eq_ignore_ascii_case("connection") {
            let v = value.to_ascii_lowercase();
            if v.split(',').any(|t| t.trim() == "close") {
                keep_alive = false;
            } else if v.split(',').any(|t| t.trim() == "keep-alive") {
                keep_alive = true;
            }
        }
    }
    Ok(Request {
        method,
        target: target.to_string(),
        keep_alive,
    })
}

/// Reads one request head from `stream` into `buf` (which keeps bytes of a
/// next request sent early) before `deadline`; returns the head's bytes.
fn read_head(
    stream: &mut TcpStream,
    buf: &mut Vec<u8>,
    deadline: Instant,
) -> Result<Vec<u8>, Refusal> {
    let mut chunk = [0u8; 4096];
    loop {
        // Empty lines before a request are allowed (RFC 9112, 2.2).
        let skip = buf
            .iter()
            .take_while(|&&b| b == b'\r' || b == b'\n')
            .count();
        buf.drain(..skip);
        match scan_head(buf) {
            Err(code) => return Err(Refusal::Status(code)),
            Ok(Some(n)) => return Ok(buf.drain(..n).collect()),
            Ok(None) => {}
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(Refusal::Timeout {
                begun: !buf.is_empty(),
            });
        }
        stream
            .set_read_timeout(Some(left))
            .map_err(|_| Refusal::Closed)?;
        match stream.read(&mut chunk) {
            Ok(0) => return Err(Refusal::Closed),
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                return Err(Refusal::Timeout {
                    begun: !buf.is_empty(),
                });
            }
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(_) => return Err(Refusal::Closed),
        }
    }
}

/// Answers a refused request and closes: the answer is sent, then what the
/// client still sends is read (for at most a second) so that closing does
/// not reset the connection before the client has read the answer.
fn refuse(mut stream: TcpStream, status: u16) {
    let mut r = Response::text(status, &format!("{status} {}\n", reason(status)));
    if status == 405 {
        r = r.with_header("Allow", "GET, HEAD");
    }
    if r.write_to(&mut stream, false, false).is_err() {
        return;
    }
    let _ = stream.shutdown(Shutdown::Write);
    // Bounded in bytes and in time, also against a client that drips.
    let deadline = Instant::now() + Duration::from_secs(1);
    let mut sink = [0u8; 4096];
    let mut drained = 0;
    while drained < 1 << 20 {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            break;
        }
        match stream.read(&mut sink) {
            Ok(0) | Err(_) => break,
            Ok(n) => drained += n,
        }
    }
}

/// Open connections: a clone of each stream (to close it from outside)
/// and since when it has been waiting for a request (`None`: busy).
#[derive(Default)]
struct Registry {
    conns: Mutex<HashMap<u64, (TcpStream, Option<Instant>)>>,
    next: AtomicU64,
}

impl Registry {
    /// Registers a new connection; closes the longest idle one when full.
    /// `None` when every slot is busy.
    fn admit(&self, stream: &TcpStream) -> Option<u64> {
        let mut g = self.conns.lock().unwrap_or_else(|e| e.into_inner());
        if g.len() >= MAX_CONNECTIONS {
            let oldest = g
                .iter()
                .filter_map(|(id, (_, idle))| idle.map(|t| (t, *id)))
                .min()
                .map(|(_, id)| id)?;
            if let Some((s, _)) = g.remove(&oldest) {
                let _ = s.shutdown(Shutdown::Both);
            }
        }
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        g.insert(id, (stream.try_clone().ok()?, Some(Instant::now())));
        Some(id)
    }

    fn set_idle(&self, id: u64, idle: bool) {
        let mut g = self.conns.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(e) = g.get_mut(&id) {
            // A connection already waiting keeps the time it began to: its
            // thread may start after later connections were admitted, and
            // it would then look younger than they are.
            e.1 = if idle {
                Some(e.1.unwrap_or_else(Instant::now))
            } else {
                None
            };
        }
    }

    fn remove(&self, id: u64) {
        self.conns
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&id);
    }

    fn close_all(&self) {
        for (_, (s, _)) in self.conns.lock().unwrap_or_else(|e| e.into_inner()).drain() {
            let _ = s.shutdown(Shutdown::Both);
        }
    }
}

/// The application: answers a request.
pub type Handler = dyn Fn(&Request) -> Reply + Send + Sync;

/// The running listener.
pub struct Listener {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    registry: Arc<Registry>,
    accept: JoinHandle<()>,
}

/// Accepts connections on `listener` and answers them with `handler`.
pub fn start(listener: TcpListener, handler: Arc<Handler>) -> std::io::Result<Listener> {
    let addr = listener.local_addr()?;
    let stop = Arc::new(AtomicBool::new(false));
    let registry = Arc::new(Registry::default());
    let accept = {
        let (stop, registry) = (stop.clone(), registry.clone());
        std::thread::Builder::new()
            .name("lotse-accept".into())
            .spawn(move || accept_loop(&listener, &stop, &registry, &handler))?
    };
    Ok(Listener {
        addr,
        stop,
        registry,
        accept,
    })
}

fn accept_loop(
    listener: &TcpListener,
    stop: &AtomicBool,
    registry: &Arc<Registry>,
    handler: &Arc<Handler>,
) {
    while !stop.load(Ordering::SeqCst) {
        let stream = match listener.accept() {
            Ok((s, _)) => s,
            // Out of file descriptors and the like: wait for some to close.
            Err(_) => {
                std::thread::sleep(Duration::from_millis(50));
                continue;
            }
        };
        if stop.load(Ordering::SeqCst) {
            break;
        }
        // Small answers go out at once, not after the peer's delayed ACK.
        let _ = stream.set_nodelay(true);
        let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
        let Some(id) = registry.admit(&stream) else {
            let mut s = stream;
            let _ = Response::text(503, "503 Service Unavailable\n").write_to(&mut s, false, false);
            continue;
        };
        let (registry, handler) = (registry.clone(), handler.clone());
        let spawned = std::thread::Builder::new()
            .name("lotse-conn".into())
            .stack_size(STACK_SIZE)
            .spawn(move || {
                serve(stream, id, &registry, &*handler);
                registry.remove(id);
            });
        if spawned.is_err() {
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// Answers the requests of one connection until it closes.
fn serve(mut stream: TcpStream, id: u64, registry: &Registry, handler: &Handler) {
    let mut buf = Vec::new();
    loop {
        registry.set_idle(id, true);
        let head = read_head(&mut stream, &mut buf, Instant::now() + IDLE_TIMEOUT);
        registry.set_idle(id, false);
        let req = match head.map_err(|r| match r {
            Refusal::Timeout { begun: true } => Refusal::Status(408),
            r => r,
        }) {
            Ok(head) => parse_head(&head).map_err(Refusal::Status),
            Err(r) => Err(r),
        };
        let req = match req {
            Ok(r) => r,
            Err(Refusal::Status(code)) => return refuse(stream, code),
            Err(_) => return,
        };
        let head_only = req.method == Method::Head;
        match handler(&req) {
            Reply::Now(r) => {
                if r.write_to(&mut stream, head_only, req.keep_alive).is_err() || !req.keep_alive {
                    return;
                }
            }
            Reply::Later(take) => return take(Conn { stream, head_only }),
        }
    }
}

impl Listener {
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Stops accepting and closes every open connection.
    pub fn stop(self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        let _ = self.accept.join();
        self.registry.close_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_within_limits() {
        assert_eq!(scan_head(b"GET / HTTP/1.1\r\nHost: x\r\n"), Ok(None));
        let h = b"GET / HTTP/1.1\r\nHost: x\r\n\r\nGET /next";
        assert_eq!(scan_head(h), Ok(Some(27)));
        assert_eq!(scan_head(b"GET / HTTP/1.0\n\n"), Ok(Some(16)));
        let long = format!("GET /{} HTTP/1.1", "a".repeat(MAX_REQUEST_LINE));
        assert_eq!(scan_head(long.as_bytes()), Err(414));
        assert_eq!(scan_head(format!("{long}\r\n\r\n").as_bytes()), Err(414));
        let big = format!("GET / HTTP/1.1\r\nX: {}", "a".repeat(MAX_HEADER_BYTES));
        assert_eq!(scan_head(big.as_bytes()), Err(431));
        let many = format!(
            "GET / HTTP/1.1\r\n{}\r\n",
            "X: y\r\n".repeat(MAX_HEADERS + 1)
        );
        assert_eq!(scan_head(many.as_bytes()), Err(431));
        let enough = format!("GET / HTTP/1.1\r\n{}\r\n", "X: y\r\n".repeat(MAX_HEADERS));
        assert_eq!(scan_head(enough.as_bytes()), Ok(Some(enough.len())));
    }

    #[test]
    fn only_get_and_head_without_body() {
        let ok = parse_head(b"GET /a?b HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        assert_eq!(
            ok,
            Request {
                method: Method::Get,
                target: "/a?b".into(),
                keep_alive: true
            }
        );
        assert!(!parse_head(b"HEAD / HTTP/1.0\r\n\r\n").unwrap().keep_alive);
        assert!(
            !parse_head(b"GET / HTTP/1.1\r\nConnection: close\r\n\r\n")
                .unwrap()
                .keep_alive
        );
        for (head, code) in [
            (&b"POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\n"[..], 405),
            (b"PUT / HTTP/1.1\r\n\r\n", 405),
            (b"DELETE / HTTP/1.1\r\n\r\n", 405),
            (b"OPTIONS * HTTP/1.1\r\n\r\n", 405),
            (b"PRI * HTTP/2.0\r\n\r\n", 400),
            (b"GET / HTTP/2.0\r\n\r\n", 505),
            (b"GET / HTTP/1.1\r\nContent-Length: 5\r\n\r\n", 400),
            (b"GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
            (b"GET / HTTP/1.1\r\nHost : x\r\n\r\n", 400),
            (b"GET / HTTP/1.1\r\n folded\r\n\r\n", 400),
            (b"GET / HTTP/1.1\r\nno colon\r\n\r\n", 400),
            (b"GET  / HTTP/1.1\r\n\r\n", 400),
            (b"GET /\xff HTTP/1.1\r\n\r\n", 400),
            (b"GET /\x01 HTTP/1.1\r\n\r\n", 400),
            (b"\x16\x03\x01 TLS\r\n\r\n", 400),
        ] {
            assert_eq!(
                parse_head(head),
                Err(code),
                "{}",
                String::from_utf8_lossy(head)
            );
        }
    }
}
