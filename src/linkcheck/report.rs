//! Broken links as diagnostics: a link on a content page is reported at
//! its content file and line (each place the file writes it), a link the
//! theme made at the page, as the theme's.

use crate::diagnostics::{Diagnostic, Severity, Source};
use crate::link::Site;
use crate::messages::Message;
use std::collections::HashMap;

/// The content file of each entity page, by output path.
pub struct Sources<'a>(HashMap<String, &'a Source>);

impl<'a> Sources<'a> {
    pub fn of(site: &'a Site) -> Self {
        let mut map = HashMap::new();
        for kind in crate::model::Kind::ALL {
            for i in 0..site.count(kind) {
                let c = site.common(kind, i);
                map.insert(
                    format!("{}index.html", crate::url::entity_path(kind, &c.id)),
                    &c.source,
                );
            }
        }
        Sources(map)
    }

    /// Warnings for a broken link on `page`: with a content file, one at
    /// each place where its text has the first of `needles` found (the link
    /// as written), else one for the whole file; without one, `template`
    /// for the page.
    pub fn warnings(
        &self,
        page: &str,
        needles: &[&str],
        content: Message,
        template: Message,
    ) -> Vec<Diagnostic> {
        // A language version's page (`tr/partner/x/`) shows the default
        // language's file where it has no translation of its own.
        let other_language = page
            .split_once('/')
            .filter(|(lang, _)| (2..=3).contains(&lang.len()))
            .and_then(|(_, rest)| self.0.get(rest));
        let Some(src) = self.0.get(page).or(other_language) else {
            return vec![Diagnostic::file(
                Severity::Warning,
                format!("templates (page /{page})"),
                template,
            )];
        };
        let text = src.text.as_str();
        let found: Vec<Diagnostic> = needles
            .iter()
            .filter(|n| !n.is_empty())
            .map(|n| {
                text.match_indices(n)
                    .map(|(at, _)| {
                        Diagnostic::at(Severity::Warning, src, at..at + n.len(), content.clone())
                    })
                    .collect::<Vec<_>>()
            })
            .find(|d| !d.is_empty())
            .unwrap_or_default();
        if found.is_empty() {
            vec![Diagnostic::file(
                Severity::Warning,
                src.path.clone(),
                content,
            )]
        } else {
            found
        }
    }
}

/// How many external links `external_warnings` checked, and how many of
/// them the cache already knew to work.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ExternalCount {
    pub links: usize,
    pub cached: usize,
}

/// Every external link of the rendered pages that does not work, as
/// warnings at its content file and line; the links that work go into
/// `cache` (at `now`, Unix seconds), and those it knows from the last
/// `days` days are not asked again.
pub fn external_warnings(
    site: &Site,
    out: &crate::output::Output,
    opts: &super::external::ExternalOptions,
    cache: &mut super::cache::Cache,
    now: i64,
    days: u32,
) -> (Vec<Diagnostic>, ExternalCount) {
    use super::external::Outcome;
    use crate::msg;
    let links = super::external_links(out, &site.urls.base_url);
    let to_ask: Vec<String> = links
        .iter()
        .map(|(u, _)| u.clone())
        .filter(|u| !cache.fresh(u, now, days))
        .collect();
    let count = ExternalCount {
        links: links.len(),
        cached: links.len() - to_ask.len(),
    };
    let outcomes = super::external::check_urls(&to_ask, opts);
    let sources = Sources::of(site);
    let mut d = Vec::new();
    for (url, pages) in &links {
        let message = match outcomes.get(url) {
            None | Some(Outcome::Ok) => {
                if outcomes.contains_key(url) {
                    cache.record_ok(url, now);
                }
                continue;
            }
            Some(Outcome::Status(s)) => {
                let reason = ureq::http::StatusCode::from_u16(*s)
                    .ok()
                    .and_then(|c| c.canonical_reason())
                    .unwrap_or("");
                let status = format!("{s} {reason}");
                msg!(
                    "external-link-status",
                    url = url,
                    status = status.trim_end()
                )
            }
            Some(Outcome::Timeout) => msg!(
                "external-link-timeout",
                url = url,
                seconds = opts.timeout.as_secs()
            ),
            Some(Outcome::Failed(reason)) => {
                msg!("external-link-failed", url = url, reason = reason)
            }
        };
        for page in pages {
            d.extend(sources.warnings(page, &[url], message.clone(), message.clone()));
        }
    }
    (d, count)
}
