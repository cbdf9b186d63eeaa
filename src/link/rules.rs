//! Site-wide rules: aliases stay inside the site and collide with nothing, free pages keep clear of built-in paths, and the legal pages a public body must publish are there.

use super::*;

/// An alias must stay inside the output folder and be a plain path.
pub fn alias_problem(alias: &str) -> Option<Message> {
    let a = alias.trim();
    if a.is_empty() || a == "/" {
        return Some(msg!("alias-empty"));
    }
    if a.contains("://") || a.starts_with("//") {
        return Some(msg!("alias-elsewhere"));
    }
    if a.chars()
        .any(|c| c == '\\' || c.is_control() || "?#\"<>|*:".contains(c))
    {
        return Some(msg!("alias-characters"));
    }
    if a.split('/').any(|seg| seg == ".." || seg == ".") {
        return Some(msg!("alias-dots"));
    }
    None
}

/// The span of one alias in the front matter (else of the list).
fn alias_span(common: &Common, alias: &str) -> std::ops::Range<usize> {
    let list = common.front.get("aliases");
    let item = match list.map(|n| &n.value) {
        Some(crate::load::node::Value::Array(items)) => items
            .iter()
            .find(|n| matches!(&n.value, crate::load::node::Value::Str(s) if s == alias)),
        _ => None,
    };
    item.or(list).map(|n| n.span.clone()).unwrap_or(0..0)
}

/// Every output path the site builds itself, with what it is, for alias
/// collisions: home, 404, the lists, every entity page, the offer facets.
pub(crate) fn built_paths(c: &Content) -> HashMap<String, Message> {
    use crate::section::Facet;
    use crate::url::alias_path;
    let mut taken = HashMap::new();
    taken.insert("index.html".to_string(), msg!("path-home"));
    taken.insert("404.html".to_string(), msg!("path-404"));
    for kind in Kind::ALL {
        if kind != Kind::Page {
            taken.insert(
                format!("{}/index.html", kind.section()),
                msg!("path-list", dir = kind.dir()),
            );
        }
    }
    let entities = [
        (
            Kind::Region,
            c.regions.iter().map(|e| &e.common).collect::<Vec<_>>(),
        ),
        (
            Kind::Partner,
            c.partners.iter().map(|e| &e.common).collect(),
        ),
        (Kind::Offer, c.offers.iter().map(|e| &e.common).collect()),
        (
            Kind::Practice,
            c.practices.iter().map(|e| &e.common).collect(),
        ),
        (
            Kind::Agreement,
            c.agreements.iter().map(|e| &e.common).collect(),
        ),
        (Kind::Page, c.pages.iter().map(|e| &e.common).collect()),
    ];
    for (kind, commons) in entities {
        for common in commons {
            taken.insert(
                alias_path(&crate::url::entity_path(kind, &common.id)),
                msg!("path-page-of", file = &common.source.path),
            );
        }
    }
    for o in &c.offers {
        let keys = o
            .target_groups
            .iter()
            .map(|t| (Facet::TargetGroup, t.id.clone()))
            .chain(o.fields.iter().map(|t| (Facet::Field, t.id.clone())))
            .chain(o.grades.iter().map(|g| (Facet::Grade, g.to_string())));
        for (facet, key) in keys {
            taken.insert(
                format!("angebote/{}/{key}/index.html", facet.segment()),
                msg!(
                    "path-offers-facet",
                    path = format!("/angebote/{}/{key}/", facet.segment())
                ),
            );
        }
    }
    taken
}

pub(crate) fn check_aliases(
    common: &Common,
    taken: &mut HashMap<String, Message>,
    diags: &mut Vec<Diagnostic>,
) {
    for alias in &common.aliases {
        let span = alias_span(common, alias);
        if let Some(problem) = alias_problem(alias) {
            diags.push(
                Diagnostic::at(
                    Severity::Error,
                    &common.source,
                    span,
                    msg!("bad-alias", alias = alias),
                )
                .with_help(problem),
            );
            continue;
        }
        let path = crate::url::alias_path(alias);
        match taken.get(&path) {
            Some(what) => diags.push(
                Diagnostic::at(
                    Severity::Error,
                    &common.source,
                    span,
                    msg!("alias-taken", alias = alias, what = what.clone()),
                )
                .with_help(msg!("alias-taken-help")),
            ),
            None => {
                taken.insert(path, msg!("path-alias-in", file = &common.source.path));
            }
        }
    }
}

pub(super) fn check_pages(c: &Content, diags: &mut Vec<Diagnostic>) {
    let commons = c
        .regions
        .iter()
        .map(|e| &e.common)
        .chain(c.partners.iter().map(|e| &e.common))
        .chain(c.offers.iter().map(|e| &e.common))
        .chain(c.practices.iter().map(|e| &e.common))
        .chain(c.agreements.iter().map(|e| &e.common))
        .chain(c.pages.iter().map(|e| &e.common));
    // Every path of the site, made only when an alias may collide with
    // one: most sites have no aliases, and the map of all paths was 10 ms
    // on the one linking thread at 10,000 entities.
    if commons.clone().any(|c| !c.aliases.is_empty()) {
        let mut taken = built_paths(c);
        for common in commons {
            check_aliases(common, &mut taken, diags);
        }
    }
    for p in &c.pages {
        check_page_id(&p.common, diags);
    }
    for o in &c.offers {
        check_offer_id(&o.common, diags);
    }
}

/// An offer may not take the path of the archive of past offers
/// (`/angebote/archiv/`).
pub(crate) fn check_offer_id(common: &Common, diags: &mut Vec<Diagnostic>) {
    if common.id == "archiv" {
        diags.push(
            Diagnostic::error(
                common.source.path.clone(),
                msg!("reserved-offer-id", id = &common.id),
            )
            .with_help(msg!("reserved-offer-id-help", id = &common.id)),
        );
    }
}

/// A free page may not take the path of a built-in page.
pub(crate) fn check_page_id(common: &Common, diags: &mut Vec<Diagnostic>) {
    if RESERVED_PAGE_IDS.contains(&common.id.as_str()) {
        diags.push(
            Diagnostic::error(
                common.source.path.clone(),
                msg!("reserved-page-id", id = &common.id),
            )
            .with_help(msg!("reserved-page-id-help", id = &common.id)),
        );
    }
}

/// What the law asks of each legal page, for the warning when it is missing.
fn legal_requirement(id: &str) -> (Message, Message) {
    match id {
        "impressum" => (msg!("legal-impressum"), msg!("legal-impressum-law")),
        "datenschutz" => (msg!("legal-privacy"), msg!("legal-privacy-law")),
        "barrierefreiheit" => (msg!("legal-accessibility"), msg!("legal-accessibility-law")),
        "leichte-sprache" => (msg!("legal-easy-language"), msg!("legal-easy-language-law")),
        _ => (msg!("legal-page"), msg!("legal-page-law")),
    }
}

/// A warning for each legal page the site lacks (Impressum, privacy and
/// accessibility statements, Leichte Sprache): the site builds, but a public
/// body may not publish it like that.
pub(super) fn check_legal_pages(c: &Content, index: &Index, diags: &mut Vec<Diagnostic>) {
    for id in crate::section::LEGAL_PAGES {
        if c.pages.iter().any(|p| p.common.id == id) {
            continue;
        }
        let (what, law) = legal_requirement(id);
        let file = format!("content/pages/{id}.md");
        let is_draft = index
            .drafts
            .get(&Kind::Page)
            .is_some_and(|d| d.contains(id));
        let message = if is_draft {
            msg!("legal-page-draft", what = what, law = law)
        } else {
            msg!("legal-page-missing", what = what, law = law)
        };
        let help = if is_draft {
            msg!("legal-page-draft-help")
        } else {
            msg!("legal-page-missing-help", file = &file)
        };
        diags.push(Diagnostic::file(Severity::Warning, file, message).with_help(help));
    }
}
