//! Per-kind access to the linked site: the one place that knows which list
//! of `Site` holds which content type. Every stage after linking asks here
//! (count, common fields, summary, search terms, all entities) instead of
//! matching on the six kinds itself; a seventh type is added here once.

use super::{Linked, Site};
use crate::model::{Agreement, Common, Kind, Offer, Page, Partner, Practice, Region};
use crate::text::terms::DocTerms;
use std::sync::Arc;

/// A content type of the model: its kind, its common fields and the list
/// of the linked site that holds it.
pub trait ContentType: Sized + Send + Sync + 'static {
    const KIND: Kind;
    fn common(&self) -> &Common;
    fn all(site: &Site) -> &[Arc<Linked<Self>>];
}

macro_rules! entity {
    ($t:ty, $kind:ident, $list:ident) => {
        impl ContentType for $t {
            const KIND: Kind = Kind::$kind;
            fn common(&self) -> &Common {
                &self.common
            }
            fn all(site: &Site) -> &[Arc<Linked<Self>>] {
                &site.$list
            }
        }
    };
}

entity!(Region, Region, regions);
entity!(Partner, Partner, partners);
entity!(Offer, Offer, offers);
entity!(Practice, Practice, practices);
entity!(Agreement, Agreement, agreements);
entity!(Page, Page, pages);

/// What any linked entity offers without knowing its type (a `&dyn`, so
/// asking costs no allocation).
pub trait AnyLinked: Send + Sync {
    fn common(&self) -> &Common;
    fn summary(&self) -> Option<&str>;
    fn terms(&self) -> &DocTerms;
    fn html(&self) -> &str;
}

impl<T: ContentType> AnyLinked for Linked<T> {
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
