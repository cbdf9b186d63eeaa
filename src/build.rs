//! The whole pipeline as one pure function: site files → `Output`.

use crate::diagnostics::Diagnostics;
use crate::link::{self, LinkOptions, Site};
use crate::load;
use crate::output::Output;
use crate::render::{self, theme::Theme};
use std::path::Path;

/// Options of a build, from the command line.
#[derive(Clone, Debug)]
pub struct BuildOptions {
    pub drafts: bool,
    pub today: jiff::civil::Date,
    pub base_url: Option<String>,
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            drafts: false,
            today: jiff::Zoned::now().date(),
            base_url: None,
        }
    }
}

impl BuildOptions {
    fn link(&self) -> LinkOptions {
        LinkOptions {
            drafts: self.drafts,
            today: self.today,
            base_url: self.base_url.clone(),
        }
    }
}

/// A successful build: the site, its output and any warnings.
pub struct Built {
    pub site: Site,
    pub output: Output,
    pub warnings: Diagnostics,
    /// Wall time of each stage, for `--timings` and benchmarks.
    pub timings: Vec<(&'static str, std::time::Duration)>,
}

/// Loads, checks and links a site without rendering (`lotse check`).
pub fn check(root: &Path, opts: &BuildOptions) -> (Option<Site>, Diagnostics) {
    let (loaded, mut diags) = load::load_site(root);
    let (site, mut more) = link::link(&loaded, &opts.link());
    diags.append(&mut more);
    let mut d = Diagnostics(diags);
    d.sort();
    (site, d)
}

/// Builds a site in memory. On error, every diagnostic of the build.
pub fn build(root: &Path, opts: &BuildOptions) -> Result<Built, Diagnostics> {
    let mut timings = Vec::new();
    let mut clock = std::time::Instant::now();
    let mut lap = |name: &'static str| {
        timings.push((name, clock.elapsed()));
        clock = std::time::Instant::now();
    };
    let (loaded, mut diags) = load::load_site(root);
    lap("load");
    let (site, mut more) = link::link(&loaded, &opts.link());
    lap("link");
    diags.append(&mut more);
    let language = site.as_ref().map_or("de", |s| s.config.language.as_str());
    let theme = Theme::new(&loaded.theme, language);
    let mut diags = Diagnostics(diags);
    let (site, theme) = match (site, theme) {
        (Some(site), Ok(theme)) if !diags.has_errors() => (site, theme),
        (_, theme) => {
            if let Err(e) = theme {
                diags.extend(e);
            }
            diags.sort();
            return Err(diags);
        }
    };
    lap("theme");
    let mut output = match render::render_site(&site, &theme) {
        Ok(o) => o,
        Err(e) => {
            diags.extend(e);
            diags.sort();
            return Err(diags);
        }
    };
    for f in &loaded.static_files {
        output.insert(f.path.clone(), f.bytes.clone());
    }
    lap("render");
    diags.sort();
    Ok(Built {
        site,
        output,
        warnings: diags,
        timings,
    })
}
