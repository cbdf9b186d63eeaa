//! Per-kind access to the linked site: the one place that knows which list
//! of `Site` holds which content type. Every stage after linking asks here
//! (count, common fields, summary, search terms, all entities) instead of
//! matching on the six kinds itself; a seventh type is added here once.

use super::search::SearchLabels;
use super::{Linked, Site};
use crate::model::{Agreement, Common, Kind, Offer, Page, Partner, Practice, Region, Typed};
use crate::text::terms::DocTerms;
use std::sync::Arc;

/// A content type as the linked site holds it: `Typed` (kind, common
/// fields), the extra words it is searched by, and its list in `Site`.
pub trait ContentType: Typed + SearchLabels + Sized {
    fn all(site: &Site) -> &[Arc<Linked<Self>>];
    fn all_mut(site: &mut Site) -> &mut Vec<Arc<Linked<Self>>>;
}

macro_rules! content_type {
    ($($t:ident => $list:ident),*) => {$(
        impl ContentType for $t {
            fn all(site: &Site) -> &[Arc<Linked<Self>>] {
                &site.$list
            }
            fn all_mut(site: &mut Site) -> &mut Vec<Arc<Linked<Self>>> {
                &mut site.$list
            }
        }
    )*};
}

content_type!(
    Region => regions,
    Partner => partners,
    Offer => offers,
    Practice => practices,
    Agreement => agreements,
    Page => pages
);

/// What any linked entity offers without knowing its type (a `&dyn`, so
/// asking costs no allocation).
pub trait AnyLinked: Send + Sync {
    fn common(&self) -> &Common;
    fn summary(&self) -> Option<&str>;
    fn terms(&self) -> &DocTerms;
    fn html(&self) -> &str;
}

impl<T: Typed> AnyLinked for Linked<T> {
    fn common(&self) -> &Common {
        self.data.common()
    }
    fn summary(&self) -> Option<&str> {
        self.summary.as_deref()
    }
    fn terms(&self) -> &DocTerms {
        &self.terms
    }
    fn html(&self) -> &str {
        &self.html
    }
}

impl Site {
    /// How many entities of a kind the site has.
    pub fn count(&self, kind: Kind) -> usize {
        match kind {
            Kind::Region => self.regions.len(),
            Kind::Partner => self.partners.len(),
            Kind::Offer => self.offers.len(),
            Kind::Practice => self.practices.len(),
            Kind::Agreement => self.agreements.len(),
            Kind::Page => self.pages.len(),
        }
    }

    /// ContentType `i` of a kind, whatever its type.
    pub fn linked(&self, kind: Kind, i: usize) -> &dyn AnyLinked {
        match kind {
            Kind::Region => &*self.regions[i],
            Kind::Partner => &*self.partners[i],
            Kind::Offer => &*self.offers[i],
            Kind::Practice => &*self.practices[i],
            Kind::Agreement => &*self.agreements[i],
            Kind::Page => &*self.pages[i],
        }
    }

    /// The fields every type has, of entity `i` of a kind.
    pub fn common(&self, kind: Kind, i: usize) -> &Common {
        self.linked(kind, i).common()
    }

    /// The id of entity `i` of a kind.
    pub fn id(&self, kind: Kind, i: usize) -> &str {
        &self.common(kind, i).id
    }

    /// `summary` from front matter, else the body's first paragraph.
    pub fn summary(&self, kind: Kind, i: usize) -> Option<&str> {
        self.linked(kind, i).summary()
    }

    /// The search terms of an entity, computed while linking.
    pub fn doc_terms(&self, kind: Kind, i: usize) -> &DocTerms {
        self.linked(kind, i).terms()
    }

    /// Every entity of the site as `(kind, position)`, in kind then id order.
    pub fn entities(&self) -> impl Iterator<Item = (Kind, usize)> + '_ {
        Kind::ALL
            .into_iter()
            .flat_map(move |k| (0..self.count(k)).map(move |i| (k, i)))
    }
}
