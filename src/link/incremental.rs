//! Incremental linking for the dev server: applies one changed content file
//! to an already linked, error-free `Site` in place, when that yields
//! exactly the site a full `link` of the changed files would.
//!
//! Why this is exact: in an error-free site every reference and every `@/`
//! link of the other documents names an entity that exists (or a draft).
//! Editing an existing entity or adding a new one (not a draft) changes
//! neither the set of ids those were checked against, nor what their links
//! resolve to, nor the vocabularies or the configuration. So only the
//! changed document needs reading, checking and rendering; the index (for
//! an addition), the back-references and the agreement terms are derived
//! again. Everything else (removals, drafts coming or going, an
//! unparseable change, aliases, which are checked against every page and
//! alias of the site) asks the caller for a full `link`.

use super::ContentType;
use super::{
    Checker, LinkOptions, Linked, Site,
    backrefs::{self, Backrefs},
    check_offer_id, check_page_id, home_text, link_body, resolve_link, terms,
};
use crate::diagnostics::Diagnostic;
use crate::load::{Doc, Loaded};
use crate::markdown::MdContext;
use crate::model::{Common, Entity, Kind, entities};
use std::sync::Arc;

/// The outcome of applying one document to a site.
#[derive(Debug)]
pub enum Relink {
    /// Applied in place; the document's warnings.
    Applied { warnings: Vec<Diagnostic> },
    /// The document has errors; the site is unchanged.
    Failed(Vec<Diagnostic>),
    /// Cannot be applied in place: link the whole site instead.
    NeedsFullLink,
}

/// Applies a new or changed content file to `site` (see the module docs).
pub fn relink_doc(site: &mut Site, doc: &Doc, opts: &LinkOptions) -> Relink {
    let mut diags = Vec::new();
    let Some(entity) = entities::read(doc, &mut diags) else {
        if !diags.iter().any(Diagnostic::is_error) {
            return Relink::NeedsFullLink;
        }
        return Relink::Failed(diags);
    };
    let kind = entity.kind();
    let common = entity.common();
    let id = common.id.as_str();
    if common.draft && !opts.drafts {
        return Relink::NeedsFullLink;
    }
    if site.index.drafts.get(&kind).is_some_and(|d| d.contains(id)) {
        return Relink::NeedsFullLink;
    }
    let existing = site.index.get(kind, id);
    // Aliases are checked against every other page and alias of the site:
    // a change that could make one collide is linked in full.
    let had_aliases = existing.is_some_and(|i| !site.common(kind, i).aliases.is_empty());
    if had_aliases || !common.aliases.is_empty() {
        return Relink::NeedsFullLink;
    }
    // Site-wide warnings hang on titles (two entities of a type with one
    // title) and on the legal pages' text (init's placeholders): a change
    // that may add or remove one is linked in full.
    let same_title = |title: &str| {
        let title = title.trim().to_lowercase();
        (0..site.count(kind)).any(|j| {
            Some(j) != existing && site.common(kind, j).title.trim().to_lowercase() == title
        })
    };
    let old_title = existing.map(|i| site.common(kind, i).title.clone());
    let title_changed = old_title.as_deref() != Some(common.title.as_str());
    if same_title(&common.title)
        || (title_changed && old_title.is_some_and(|t| same_title(&t)))
        || (kind == Kind::Page && crate::section::LEGAL_PAGES.contains(&id))
    {
        return Relink::NeedsFullLink;
    }
    let new_paths = existing.is_none() || offer_terms_changed(site, &entity, existing);
    if new_paths && has_aliases(site) {
        return Relink::NeedsFullLink;
    }
    let checker = Checker {
        index: &site.index,
        vocab: &site.vocab,
    };
    diags.extend(checker.check_entity(&entity));
    if kind == Kind::Page {
        check_page_id(common, &mut diags);
    }
    if kind == Kind::Offer {
        check_offer_id(common, &mut diags);
    }
    let resolve = |path: &str| resolve_link(&site.index, &site.urls, path);
    let md = MdContext {
        raw_html: site.config.raw_html,
        base_path: &site.urls.base_path,
        resolve: &resolve,
    };
    let refs_before = existing.map(|i| backrefs::refs_of(site, kind, i));
    macro_rules! link {
        ($e:expr) => {{
            let (linked, d) = link_body($e, &md, &site.vocab);
            diags.extend(d);
            if diags.iter().any(Diagnostic::is_error) {
                return Relink::Failed(diags);
            }
            place(site, existing, linked)
        }};
    }
    let at = match entity {
        Entity::Region(e) => link!(e),
        Entity::Partner(e) => link!(e),
        Entity::Offer(e) => link!(e),
        Entity::Practice(e) => link!(e),
        Entity::Agreement(e) => {
            let i = link!(e);
            let term = terms::for_agreement(&site.agreements[i].data, site.today);
            if existing.is_some() {
                site.terms[i] = term;
            } else {
                site.terms.insert(i, term);
            }
            i
        }
        Entity::Page(e) => link!(e),
    };
    if existing.is_none() {
        reindex(site, kind);
    }
    debug_assert!(site.index.get(kind, &doc.id) == Some(at));
    // Back-references are made of references only: the same references at
    // the same position give the same back-references.
    if refs_before != Some(backrefs::refs_of(site, kind, at)) {
        site.back = Backrefs::compute(site);
    }
    Relink::Applied { warnings: diags }
}

/// Whether an offer's facet terms (each one a page of its own) differ from
/// those of its version in `site`.
fn offer_terms_changed(site: &Site, e: &Entity, existing: Option<usize>) -> bool {
    let (Entity::Offer(new), Some(i)) = (e, existing) else {
        return false;
    };
    let old = &site.offers[i].data;
    let ids = |t: &[crate::model::Ref]| t.iter().map(|x| x.id.clone()).collect::<Vec<_>>();
    ids(&old.target_groups) != ids(&new.target_groups)
        || ids(&old.fields) != ids(&new.fields)
        || old.grades != new.grades
}

/// Whether any entity of the site has an alias.
fn has_aliases(site: &Site) -> bool {
    fn any<T>(list: &[Arc<Linked<T>>], common: impl Fn(&T) -> &Common) -> bool {
        list.iter().any(|l| !common(&l.data).aliases.is_empty())
    }
    any(&site.regions, |e| &e.common)
        || any(&site.partners, |e| &e.common)
        || any(&site.offers, |e| &e.common)
        || any(&site.practices, |e| &e.common)
        || any(&site.agreements, |e| &e.common)
        || any(&site.pages, |e| &e.common)
}

/// Renders `content/_index.md` again into `site.home`. On errors the site
/// is unchanged and the errors are returned.
pub fn relink_home(site: &mut Site, loaded: &Loaded) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let resolve = |path: &str| resolve_link(&site.index, &site.urls, path);
    let md = MdContext {
        raw_html: site.config.raw_html,
        base_path: &site.urls.base_path,
        resolve: &resolve,
    };
    let home = home_text(loaded, &md, &mut diags);
    if diags.iter().any(Diagnostic::is_error) {
        return Err(diags);
    }
    site.home = home;
    Ok(diags)
}

/// Replaces the entity at `existing` of its type's list, or inserts it
/// where its id sorts.
fn place<T: ContentType>(site: &mut Site, existing: Option<usize>, linked: Linked<T>) -> usize {
    let list = T::all_mut(site);
    match existing {
        Some(i) => {
            list[i] = Arc::new(linked);
            i
        }
        None => {
            let id = linked.data.common().id.clone();
            let i = list.partition_point(|l| l.data.common().id < id);
            list.insert(i, Arc::new(linked));
            i
        }
    }
}

/// Rebuilds the id → position map of one kind after an insertion.
fn reindex(site: &mut Site, kind: Kind) {
    let map = (0..site.count(kind))
        .map(|i| (site.id(kind, i).to_string(), i))
        .collect();
    site.index.maps.insert(kind, map);
}
