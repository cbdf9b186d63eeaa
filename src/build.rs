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
    pub fn link(&self) -> LinkOptions {
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
    pub timings: Timings,
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
    check_site_counted(root, opts).0
}

/// `check_site`, with the translated / missing / outdated entities of each
/// language but the default when the site built.
pub fn check_site_counted(
    root: &Path,
    opts: &BuildOptions,
) -> (Diagnostics, Vec<crate::link::version::LanguageCount>) {
    check_site_with(root, opts, |_| Vec::new())
}

/// `check_site_counted`, with the diagnostics `more` finds in the built
/// site added (`lotse check --external`).
pub fn check_site_with(
    root: &Path,
    opts: &BuildOptions,
    more: impl FnOnce(&Built) -> Vec<crate::diagnostics::Diagnostic>,
) -> (Diagnostics, Vec<crate::link::version::LanguageCount>) {
    match build(root, opts) {
        Ok(built) => {
            let counts = crate::link::version::language_counts(&built.site);
            let extra = more(&built);
            let mut d = built.warnings;
            d.extend(internal_link_warnings(&built.site, &built.output));
            d.extend(extra);
            d.sort();
            (d, counts)
        }
        Err(d) => (d, Vec::new()),
    }
}

/// Every broken internal link and `#anchor` of the rendered pages, at the
/// content file and line that has it (or the theme's page).
fn internal_link_warnings(site: &Site, out: &Output) -> Vec<crate::diagnostics::Diagnostic> {
    use crate::msg;
    let base = site.urls.base_path.as_str();
    let url = site.urls.base_url.as_str();
    let sources = crate::linkcheck::report::Sources::of(site);
    let mut d = Vec::new();
    for b in crate::linkcheck::check(out, base, url) {
        d.extend(sources.warnings(
            &b.page,
            &[&b.target],
            msg!("broken-link", target = &b.target),
            msg!("broken-link-template", target = &b.target),
        ));
    }
    for b in crate::linkcheck::check_fragments(out, base, url) {
        let page = format!("{base}{}", b.target_page.trim_end_matches("index.html"));
        let anchor = format!("#{}", b.fragment);
        // A near id (a renamed heading) as "did you mean"; an editor may
        // put it in place when the link is to the same page (the marked
        // text is then the anchor).
        let help = if b.near.is_empty() {
            msg!("broken-anchor-help")
        } else {
            let near: Vec<&str> = b.near.iter().map(String::as_str).collect();
            let mut m = crate::text::suggest::did_you_mean_of(&near);
            if !b.target.starts_with('#') {
                m.replacement = None;
            }
            m
        };
        d.extend(
            sources
                .warnings(
                    &b.page,
                    &[&b.target, &anchor],
                    msg!(
                        "broken-anchor",
                        target = &b.target,
                        page = &page,
                        fragment = &b.fragment
                    ),
                    msg!(
                        "broken-anchor-template",
                        target = &b.target,
                        page = &page,
                        fragment = &b.fragment
                    ),
                )
                .into_iter()
                .map(|w| w.with_help(help.clone())),
        );
    }
    d
}

/// Builds a site in memory. On error, every diagnostic of the build.
pub fn build(root: &Path, opts: &BuildOptions) -> Result<Built, Diagnostics> {
    let (site, output, warnings, timings) =
        build_with(root, opts, false, |site, theme, statics| {
            let mut output = render::render_site(site, theme)?;
            for f in statics {
                output.insert(f.path.clone(), f.bytes.clone());
            }
            Ok(output)
        })?;
    Ok(Built {
        site,
        output,
        warnings,
        timings,
    })
}

/// A build whose files went to `emit` as they were rendered (`build_each`).
pub struct BuiltEach {
    pub site: Site,
    pub warnings: Diagnostics,
    pub timings: Timings,
}

/// Builds a site and hands every file to `emit` as soon as it is rendered,
/// from any thread, never holding all pages in memory (`lotse build`).
/// Files of the site's `static/` come last, so they win over generated
/// files of the same path as in `build`. On error `emit` may have seen
/// some files.
pub fn build_each(
    root: &Path,
    opts: &BuildOptions,
    emit: &dyn crate::output::Emit,
) -> Result<BuiltEach, Diagnostics> {
    let (site, (), warnings, timings) = build_with(root, opts, true, |site, theme, statics| {
        render::render_each(site, theme, emit)?;
        for f in statics {
            emit.file(&f.path, &f.bytes);
        }
        Ok(())
    })?;
    Ok(BuiltEach {
        site,
        warnings,
        timings,
    })
}

/// `mi_option_purge_delay`, the 16th entry of `mi_option_e` in mimalloc.h
/// (v2 and v3; libmimalloc-sys names no constant for it).
pub const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// From this many documents on, a build hands the memory it frees back to
/// the system after 100 ms (set by `main`), so that 50,000 entities stay
/// under a gigabyte; below it, it keeps it for the rest of the build.
const HAND_BACK_FROM: usize = 20_000;

/// Tells mimalloc (the binary's allocator) to keep the memory this build
/// frees when the site is below `HAND_BACK_FROM` documents. Memory handed
/// back is taken again zeroed, about 1 ms per MB on these machines: at
/// 10,000 entities, interleaved with Hugo, 11,000 page faults became 800
/// and the build took 1.23 s instead of 1.37 s (medians of 6 runs), for
/// 18 MB more at its peak (246 MB); at 50,000 the peak would pass 1 GB.
/// An explicit MIMALLOC_PURGE_DELAY in the environment wins. Where lotse
/// runs on another allocator (the tests), the option is set and unused.
fn fit_allocator(docs: usize) {
    if docs < HAND_BACK_FROM && std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: sets a plain integer option of the linked allocator.
        unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
    }
}

/// Each stage of a build: its name, wall time, and the resident memory of
/// the process when it ended (kB; Linux only), for `--timings`.
pub type Timings = Vec<(&'static str, std::time::Duration, Option<u64>)>;

/// The resident set size of this process in kB, where the OS tells it.
fn resident_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The pipeline up to rendering, then `render` with the site, the theme
/// and the site's static files. `one_shot`: the site is not used after
/// this build (it is linked with `link_once`, which frees the sources).
fn build_with<T>(
    root: &Path,
    opts: &BuildOptions,
    one_shot: bool,
    render: impl FnOnce(
        &Site,
        &Theme,
        &[load::StaticFile],
    ) -> Result<T, Vec<crate::diagnostics::Diagnostic>>,
) -> Result<(Site, T, Diagnostics, Timings), Diagnostics> {
    let mut timings = Vec::new();
    let mut clock = std::time::Instant::now();
    let mut lap = |name: &'static str| {
        timings.push((name, clock.elapsed(), resident_kb()));
        clock = std::time::Instant::now();
    };
    // One `git log` for every entity's history, in its own process while
    // the site loads and links (on a long history it takes longer than
    // both); a thread of its own, so that no core of the pool waits for it.
    let history = {
        let root = root.to_path_buf();
        std::thread::spawn(move || crate::load::history::History::collect(&root))
    };
    let (mut loaded, mut diags) = load::load_site(root);
    fit_allocator(loaded.docs.len());
    lap("load");
    // The theme compiles while the content links.
    let language = crate::config::theme_language(&loaded);
    let theme_files = std::mem::take(&mut loaded.theme);
    let link_opts = opts.link();
    let ((site, mut more), theme) = rayon::join(
        || {
            if one_shot {
                link::link_once(&mut loaded, &link_opts)
            } else {
                link::link(&loaded, &link_opts)
            }
        },
        || Theme::new(&theme_files, &language),
    );
    lap("link");
    diags.append(&mut more);
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
    // The parsed files are not needed any more (the site keeps what it
    // uses); on a large site they are hundreds of megabytes.
    let statics = std::mem::take(&mut loaded.static_files);
    drop(loaded);
    // What is left of the theme and the history after linking (usually
    // nothing: both ran alongside).
    lap("theme");
    let mut site = site;
    site.history = history.join().unwrap_or_default();
    lap("history");
    let out = match render(&site, &theme, &statics) {
        Ok(o) => o,
        Err(e) => {
            diags.extend(e);
            diags.sort();
            return Err(diags);
        }
    };
    lap("render");
    diags.sort();
    Ok((site, out, diags, timings))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;
    use std::sync::Mutex;

    /// `lotse build` (`build_each`: `link_once`, which frees sources while
    /// linking, and rendering in groups that drop their shared parts) must
    /// write exactly what the in-memory build of `lotse serve` holds.
    #[test]
    fn streamed_build_equals_in_memory_build() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let opts = BuildOptions {
            today: jiff::civil::date(2026, 11, 22),
            ..Default::default()
        };
        let whole = build(root, &opts)
            .unwrap_or_else(|d| panic!("{}", d.render(crate::messages::Lang::En)));
        let streamed = Mutex::new(BTreeMap::new());
        build_each(root, &opts, &|path: &str, bytes: &[u8]| {
            let old = streamed
                .lock()
                .unwrap()
                .insert(path.to_string(), bytes.to_vec());
            // A static file may replace a generated one, never a page twice.
            assert!(old.is_none() || !path.ends_with(".html"), "{path} twice");
        })
        .unwrap_or_else(|d| panic!("{}", d.render(crate::messages::Lang::En)));
        let streamed = streamed.into_inner().unwrap();
        let whole: BTreeMap<String, Vec<u8>> = whole
            .output
            .files
            .iter()
            .map(|(p, b)| (p.clone(), b.to_vec()))
            .collect();
        assert_eq!(
            whole.keys().collect::<Vec<_>>(),
            streamed.keys().collect::<Vec<_>>()
        );
        for (path, bytes) in &whole {
            assert!(streamed[path] == *bytes, "{path} differs");
        }
        assert!(whole.len() > 100, "{} files", whole.len());
    }
}
