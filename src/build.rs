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

/// Loads, checks and links a site without rendering.
pub fn check(root: &Path, opts: &BuildOptions) -> (Option<Site>, Diagnostics) {
    let (loaded, mut diags) = load::load_site(root);
    let (site, mut more) = link::link(&loaded, &opts.link());
    diags.append(&mut more);
    let mut d = Diagnostics(diags);
    d.sort();
    (site, d)
}

/// Everything `build` checks, plus every broken internal link of the
/// rendered pages; nothing is written (`lotse check`).
pub fn check_site(root: &Path, opts: &BuildOptions) -> Diagnostics {
    match build(root, opts) {
        Ok(built) => {
            let mut d = built.warnings;
            let sources = source_files(&built.site);
            for b in crate::linkcheck::check(&built.output, built.site.urls.base_path.as_str()) {
                let (file, what) = match sources.get(b.page.as_str()) {
                    Some(src) => (src.to_string(), "its page".to_string()),
                    None => (
                        format!("templates (page /{})", b.page),
                        "the page".to_string(),
                    ),
                };
                d.push(crate::diagnostics::Diagnostic::file(
                    crate::diagnostics::Severity::Warning,
                    file,
                    format!(
                        "{what} links to `{}`, which the site does not have",
                        b.target
                    ),
                ));
            }
            d.sort();
            d
        }
        Err(d) => d,
    }
}

/// Output path of each entity page → its content file.
fn source_files(site: &Site) -> std::collections::HashMap<String, &str> {
    let mut map = std::collections::HashMap::new();
    for kind in crate::model::Kind::ALL {
        let n = match kind {
            crate::model::Kind::Region => site.regions.len(),
            crate::model::Kind::Partner => site.partners.len(),
            crate::model::Kind::Offer => site.offers.len(),
            crate::model::Kind::Practice => site.practices.len(),
            crate::model::Kind::Agreement => site.agreements.len(),
            crate::model::Kind::Page => site.pages.len(),
        };
        for i in 0..n {
            let c = crate::routes::entity_common(site, kind, i);
            map.insert(
                format!("{}index.html", crate::url::entity_path(kind, &c.id)),
                c.source.path.as_str(),
            );
        }
    }
    map
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
    let mut site = site;
    // Data gathering before render: one `git log` for every entity's history.
    site.history = crate::outputs::history::History::collect(root);
    lap("history");
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
