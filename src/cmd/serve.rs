//! `lotse serve`: preview the site at `http://127.0.0.1:PORT/`, rebuilt
//! live as its files change (see `crate::serve`).

use super::BuildArgs;
use std::net::IpAddr;
use std::path::Path;

pub fn run(
    root: &Path,
    port: u16,
    bind: IpAddr,
    args: &BuildArgs,
    lang: crate::messages::Lang,
) -> anyhow::Result<i32> {
    crate::serve::run(crate::serve::ServeOptions {
        root: root.to_path_buf(),
        port,
        bind,
        build: args.options(),
        lang,
    })
}

/// `--bind`: an IP address, or `localhost`.
pub fn parse_bind(s: &str) -> Result<IpAddr, String> {
    if s.eq_ignore_ascii_case("localhost") {
        return Ok(IpAddr::from([127, 0, 0, 1]));
    }
    s.parse()
        .map_err(|_| format!("`{s}` is not an IP address like 127.0.0.1 or ::1"))
}
