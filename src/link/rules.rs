//! Site-wide rules: aliases stay inside the site and collide with nothing, free pages keep clear of built-in paths, and the legal pages a public body must publish are there.

use super::*;

/// An alias must stay inside the output folder and be a plain path.
pub fn alias_problem(alias: &str) -> Option<&'static str> {
    let a = alias.trim();
    if a.is_empty() || a == "/" {
        return Some("an alias must name a path, e.g. \"/alt/pfad/\"");
    }
    if a.contains("://") || a.starts_with("//") {
        return Some("an alias is a path on this site, not an address elsewhere");
    }
    if a.chars()
        .any(|c| c == '\\' || c.is_control() || "?#\"<>|*:".contains(c))
    {
        return Some("an alias may only use letters, digits, '-', '_', '.' and '/'");
    }
    if a.split('/').any(|seg| seg == ".." || seg == ".") {
        return Some("an alias may not contain `.` or `..` segments");
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
pub(crate) fn built_paths(c: &Content) -> HashMap<String, String> {
    use crate::section::Facet;
    use crate::url::alias_path;
    let mut taken = HashMap::new();
    taken.insert("index.html".to_string(), "the home page".to_string());
    taken.insert("404.html".to_string(), "the 404 page".to_string());
    for kind in Kind::ALL {
        if kind != Kind::Page {
            taken.insert(
                format!("{}/index.html", kind.section()),
                format!("the list of {}", kind.dir()),
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
                format!("the page of `{}`", common.source.path),
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
                format!("the offers page `/angebote/{}/{key}/`", facet.segment()),
            );
        }
    }
    taken
}

pub(crate) fn check_aliases(
    common: &Common,
    taken: &mut HashMap<String, String>,
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
                    format!("bad alias `{alias}`"),
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
                    format!("the alias `{alias}` is already the address of {what}"),
                )
                .with_help("an alias names an old address that is no longer in use; remove it"),
            ),
            None => {
                taken.insert(path, format!("an alias in `{}`", common.source.path));
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
}

/// A free page may not take the path of a built-in page.
pub(crate) fn check_page_id(common: &Common, diags: &mut Vec<Diagnostic>) {
    if RESERVED_PAGE_IDS.contains(&common.id.as_str()) {
        diags.push(
            Diagnostic::error(
                common.source.path.clone(),
                format!(
                    "the page id `{}` is taken by a built-in page of the site",
                    common.id
                ),
            )
            .with_help(format!("rename the file, e.g. to `{}-info.md`", common.id)),
        );
    }
}

/// What the law asks of each legal page, for the warning when it is missing.
fn legal_requirement(id: &str) -> (&'static str, &'static str) {
    match id {
        "impressum" => (
            "Impressum",
            "a website names its provider, address, representative and contact (§ 5 DDG, § 18 MStV)",
        ),
        "datenschutz" => (
            "privacy statement (Datenschutzerklärung)",
            "Art. 13 DSGVO requires telling visitors which data the site processes, why, and their rights",
        ),
        "barrierefreiheit" => (
            "accessibility statement (Erklärung zur Barrierefreiheit)",
            "§ 12b BGG and BITV 2.0 (and the Länder laws) require it of public bodies, with a feedback contact and the Schlichtungsstelle",
        ),
        "leichte-sprache" => (
            "start page in Leichte Sprache",
            "§ 4 BITV 2.0 requires public bodies to explain their website in Leichte Sprache",
        ),
        _ => ("legal page", "public bodies must publish it"),
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
            format!("the {what} is a draft and will not be published; {law}")
        } else {
            format!("the site has no {what}; {law}")
        };
        let help = if is_draft {
            "remove `draft = true` when the page is ready".to_string()
        } else {
            format!(
                "create `{file}` (`lotse init` writes an example with the headings the law expects)"
            )
        };
        diags.push(Diagnostic::file(Severity::Warning, file, message).with_help(help));
    }
}
