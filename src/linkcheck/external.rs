//! Links to other sites, asked over HTTP (`lotse check --external`): HEAD
//! first, GET where a server refuses HEAD; at most two requests to one host
//! at a time (a lane per request slot, each lane one request after the
//! other); a timeout per request; `429 Too Many Requests` and `503 Service
//! Unavailable` retried after the wait their `Retry-After` asks for.

use rayon::prelude::*;
use std::collections::BTreeMap;
use std::time::Duration;

/// How external links are checked.
#[derive(Clone, Debug)]
pub struct ExternalOptions {
    /// The longest wait for one request, from connecting to the headers.
    pub timeout: Duration,
    /// Requests to one host at the same time.
    pub per_host: usize,
    /// Requests at the same time over all hosts.
    pub parallel: usize,
    /// Retries after a 429 or 503.
    pub retries: u32,
    /// The longest `Retry-After` honoured; a server asking for more is
    /// reported with its status instead of holding the check up.
    pub max_retry_wait: Duration,
}

impl Default for ExternalOptions {
    fn default() -> Self {
        ExternalOptions {
            timeout: Duration::from_secs(15),
            per_host: 2,
            parallel: 16,
            retries: 2,
            max_retry_wait: Duration::from_secs(60),
        }
    }
}

/// What a link's server answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// 2xx (after following redirects).
    Ok,
    /// The HTTP status of a failed request (4xx, 5xx, or a redirect that
    /// leads nowhere).
    Status(u16),
    /// No answer within the timeout.
    Timeout,
    /// No answer at all: unknown host, refused connection, TLS error.
    Failed(String),
}

/// Checks every URL of `urls` (no duplicates), each at most once; the
/// outcome of each, by URL.
pub fn check_urls(urls: &[String], opts: &ExternalOptions) -> BTreeMap<String, Outcome> {
    if urls.is_empty() {
        return BTreeMap::new();
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(opts.timeout))
        .user_agent(concat!("lotse-linkcheck/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let lanes = lanes(urls, opts.per_host.max(1));
    // A pool of its own: the requests wait on the network, not the CPU, so
    // more threads than cores; the build's pool stays as it is.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.parallel.clamp(1, lanes.len()))
        .build()
        .expect("a thread pool for the link check");
    pool.install(|| {
        lanes
            .par_iter()
            .with_max_len(1)
            .flat_map_iter(|lane| {
                lane.iter()
                    .map(|url| (url.to_string(), check_one(&agent, url, opts)))
                    .collect::<Vec<_>>()
            })
            .collect()
    })
}

/// The URLs split into lanes: up to `per_host` for each host, the URLs of
/// a host dealt out over its lanes in turn.
fn lanes(urls: &[String], per_host: usize) -> Vec<Vec<&str>> {
    let mut by_host: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for u in urls {
        by_host.entry(host(u)).or_default().push(u);
    }
    let mut lanes = Vec::new();
    for (_, us) in by_host {
        let n = per_host.min(us.len());
        let mut host_lanes = vec![Vec::new(); n];
        for (i, u) in us.into_iter().enumerate() {
            host_lanes[i % n].push(u);
        }
        lanes.extend(host_lanes);
    }
    lanes
}

/// The host (and port) of a URL, lowercased: `https://A.de:8080/x` → `a.de:8080`.
fn host(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    let authority = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    authority.to_ascii_lowercase()
}

/// HEAD, then GET when HEAD does not say yes.
fn check_one(agent: &ureq::Agent, url: &str, opts: &ExternalOptions) -> Outcome {
    let url = url.split('#').next().unwrap_or(url);
    match request(agent, Method::Head, url, opts) {
        Outcome::Ok => Outcome::Ok,
        // A server that does not answer HEAD in time will not answer GET.
        Outcome::Timeout => Outcome::Timeout,
        _ => request(agent, Method::Get, url, opts),
    }
}

#[derive(Clone, Copy)]
enum Method {
    Head,
    Get,
}

/// One request, retried on 429 and 503 as the server asks.
fn request(agent: &ureq::Agent, method: Method, url: &str, opts: &ExternalOptions) -> Outcome {
    let mut attempt = 0;
    loop {
        let answer = match method {
            Method::Head => agent.head(url).call(),
            Method::Get => agent.get(url).call(),
        };
        let response = match answer {
            Ok(r) => r,
            Err(ureq::Error::Timeout(_)) => return Outcome::Timeout,
            Err(e) => return Outcome::Failed(e.to_string()),
        };
        let status = response.status().as_u16();
        if status < 400 {
            return Outcome::Ok;
        }
        if !(status == 429 || status == 503) || attempt >= opts.retries {
            return Outcome::Status(status);
        }
        let asked = response
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| retry_after(v, jiff::Timestamp::now()));
        let wait = asked.unwrap_or(Duration::from_secs(1 << attempt));
        if wait > opts.max_retry_wait {
            return Outcome::Status(status);
        }
        std::thread::sleep(wait);
        attempt += 1;
    }
}

/// The wait a `Retry-After` value asks for: seconds (`120`) or an HTTP
/// date (`Wed, 21 Oct 2026 07:28:00 GMT`, RFC 9110 §10.2.3).
fn retry_after(value: &str, now: jiff::Timestamp) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = jiff::fmt::rfc2822::parse(value).ok()?.timestamp();
    let secs = at.as_second() - now.as_second();
    Some(Duration::from_secs(secs.max(0) as u64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_retry_after_in_seconds_and_as_a_date() {
        let now: jiff::Timestamp = "2026-10-21T07:27:30Z".parse().unwrap();
        assert_eq!(retry_after("3", now), Some(Duration::from_secs(3)));
        assert_eq!(
            retry_after("Wed, 21 Oct 2026 07:28:00 GMT", now),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            retry_after("Wed, 21 Oct 2026 07:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after("bald", now), None);
    }

    #[test]
    fn gives_a_host_at_most_two_lanes() {
        let urls: Vec<String> = [
            "https://a.de/1",
            "https://A.de/2",
            "https://a.de/3",
            "http://b.de:8080/x",
            "https://user@c.de?q",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let lanes = lanes(&urls, 2);
        assert_eq!(
            lanes,
            vec![
                vec!["https://a.de/1", "https://a.de/3"],
                vec!["https://A.de/2"],
                vec!["http://b.de:8080/x"],
                vec!["https://user@c.de?q"],
            ]
        );
    }
}
