//! The parts of `[brand]`, `[menu]` and `[home]` in site.toml that need the
//! rest of the site: the logo must be a file under static/, each menu item
//! a section or a free page, each audience a target group. Each mistake is
//! an error at its place in site.toml.

use super::Index;
use crate::config::Config;
use crate::diagnostics::{Diagnostic, Severity, Source};
use crate::load::Loaded;
use crate::model::Kind;
use crate::model::vocab::Vocabularies;
use crate::msg;
use crate::section::SECTIONS;
use crate::text::suggest::did_you_mean;

/// The free page a menu item names (`pages/fuer-eltern` → `fuer-eltern`).
pub fn menu_page(item: &str) -> Option<&str> {
    item.strip_prefix("pages/")
}

pub fn check(
    config: &Config,
    loaded: &Loaded,
    index: &Index,
    vocab: &Vocabularies,
    diags: &mut Vec<Diagnostic>,
) {
    let Some((src, _)) = loaded.config.as_ref() else {
        return;
    };
    let error = |src: &Source, span, m| Diagnostic::at(Severity::Error, src, span, m);
    if let Some(logo) = &config.brand.logo {
        let path = logo.id.trim_start_matches('/');
        if !loaded.static_files.iter().any(|f| f.path == path) {
            diags.push(
                error(
                    src,
                    logo.span.clone(),
                    msg!("brand-logo-missing", path = format!("/{path}")),
                )
                .with_help(msg!("brand-logo-missing-help")),
            );
        }
    }
    for item in config.menu.iter().flatten() {
        let known = match menu_page(&item.id) {
            Some(id) => index.get(Kind::Page, id).is_some(),
            None => SECTIONS.iter().any(|(key, _)| *key == item.id),
        };
        if known {
            continue;
        }
        let pages = index
            .maps
            .get(&Kind::Page)
            .into_iter()
            .flat_map(|m| m.keys().map(|id| format!("pages/{id}")));
        let candidates: Vec<String> = SECTIONS
            .iter()
            .map(|(key, _)| key.to_string())
            .chain(pages)
            .collect();
        let list: Vec<&str> = SECTIONS.iter().map(|(key, _)| *key).collect();
        let d = error(
            src,
            item.span.clone(),
            msg!("menu-unknown-item", item = &item.id),
        );
        diags.push(
            match did_you_mean(&item.id, candidates.iter().map(String::as_str)) {
                Some(m) => d.with_help(m),
                None => d.with_help(msg!("menu-unknown-item-help", list = list.join(", "))),
            },
        );
    }
    let groups = vocab.get("target_groups");
    for a in config.audiences.iter().flatten() {
        if groups.is_some_and(|g| g.keys().any(|k| k == a.id)) {
            continue;
        }
        let keys: Vec<&str> = groups.map(|g| g.keys().collect()).unwrap_or_default();
        diags.push(
            error(src, a.span.clone(), msg!("audience-unknown", key = &a.id))
                .maybe_help(did_you_mean(&a.id, keys.iter().copied())),
        );
    }
}
