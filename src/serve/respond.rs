//! HTTP helpers of the dev server, below both `http` (which answers
//! requests for files) and `reload` (which answers parked polls later):
//! building `tiny_http` responses with the headers every answer carries,
//! sending them, and decoding percent escapes. It imports nothing else of
//! `serve`, so the modules above it never import each other back.

use std::io::Cursor;
use std::sync::Arc;
use tiny_http::{Header, Request, Response, StatusCode};

/// A response body: bytes made for this answer, or a file of the served
/// output shared without copying.
pub enum Body {
    Owned(Vec<u8>),
    Shared(Arc<[u8]>),
}

impl AsRef<[u8]> for Body {
    fn as_ref(&self) -> &[u8] {
        match self {
            Body::Owned(b) => b,
            Body::Shared(b) => b,
        }
    }
}

/// Every answer of the dev server.
pub type Reply = Response<Cursor<Body>>;

/// A header; names and values are ours, never a client's.
pub fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("a valid header")
}

/// A response with a known length. It is always sent with
/// `Content-Length` (tiny_http would switch large bodies to chunked
/// encoding, and HEAD would then not say the length a GET gets).
pub fn bytes(status: u16, content_type: &str, body: Body) -> Reply {
    let len = body.as_ref().len();
    Response::new(
        StatusCode(status),
        vec![header("Content-Type", content_type)],
        Cursor::new(body),
        Some(len),
        None,
    )
    .with_chunked_threshold(usize::MAX)
}

/// A plain-text answer (errors, redirects).
pub fn text(status: u16, body: &str) -> Reply {
    bytes(
        status,
        "text/plain; charset=utf-8",
        Body::Owned(body.as_bytes().to_vec()),
    )
}

/// Adds the headers every answer carries: nothing is cached (the site
/// changes while served) and types are not sniffed.
pub fn finish(r: Reply) -> Reply {
    r.with_header(header("Cache-Control", "no-store"))
        .with_header(header("X-Content-Type-Options", "nosniff"))
}

/// Sends `r` (finished) as the answer to `req`. A client that went away
/// meanwhile is no error of the server's.
pub fn send(req: Request, r: Reply) {
    let _ = req.respond(finish(r));
}

/// Decodes `%XX` escapes; `None` for a malformed escape.
pub fn percent_decode(s: &str) -> Option<Vec<u8>> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            // Two hex digits exactly (`from_str_radix` alone takes `+f`).
            let hex = b.get(i + 1..i + 3)?;
            if !hex.iter().all(u8::is_ascii_hexdigit) {
                return None;
            }
            let v = u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?;
            out.push(v);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_escapes_and_refuses_broken_ones() {
        assert_eq!(percent_decode("a%20b%C3%A4").unwrap(), "a bä".as_bytes());
        assert_eq!(percent_decode("%2e%2E").unwrap(), b"..");
        for bad in ["%", "%2", "%zz", "a%g0", "%+f"] {
            assert_eq!(percent_decode(bad), None, "{bad}");
        }
    }
}
