//! Typed entities of the content model (CONTENT-MODEL.md §3), read from the
//! spanned front matter with every type, range and enumeration checked.
//! References and vocabulary terms stay unresolved here; `link` resolves them.

pub mod entities;
pub mod fields;
pub mod read;
pub mod schema;
pub mod translation;
pub mod vocab;

use crate::diagnostics::Source;
use crate::load::node::{Span, Table};
use jiff::civil::Date;
use std::ops::Range;

pub use crate::section::Kind;
pub use vocab::Vocabularies;

/// An id as written in a reference, with its span for messages.
#[derive(Clone, Debug)]
pub struct Ref {
    pub id: String,
    pub span: Span,
}

/// A vocabulary key as written, with its span.
pub type Term = Ref;

/// What every content type has (CONTENT-MODEL.md §2).
#[derive(Clone, Debug)]
pub struct Common {
    pub id: String,
    pub source: Source,
    pub title: String,
    pub summary: Option<String>,
    pub easy_summary: Option<String>,
    pub draft: bool,
    pub updated: Option<Date>,
    pub checked: Option<Date>,
    pub aliases: Vec<String>,
    /// Byte range of the Markdown body in `source.text`.
    pub body: Range<usize>,
    /// The front matter as written, for the open-data exports.
    pub front: Table,
}

impl Common {
    pub fn body_text(&self) -> &str {
        &self.source.text[self.body.clone()]
    }
}

#[derive(Clone, Debug)]
pub struct Member {
    pub partner: Ref,
    pub role: Option<String>,
    pub since: Option<Date>,
    pub until: Option<Date>,
}

#[derive(Clone, Debug)]
pub struct Milestone {
    pub phase: Term,
    pub indicator: String,
    pub status: String,
    pub date: Option<Date>,
    pub evidence: Option<String>,
}

/// A person or desk to ask (`[[contacts]]` of a region, partner or offer).
#[derive(Clone, Debug, PartialEq)]
pub struct Contact {
    pub name: String,
    pub role: Option<String>,
    pub phone: Option<Phone>,
    pub email: Option<String>,
    /// Opening or consultation hours, as text.
    pub hours: Option<String>,
}

/// A phone number as written and in E.164 (`+49607481800`), checked.
#[derive(Clone, Debug, PartialEq)]
pub struct Phone {
    pub written: String,
    pub e164: String,
}

#[derive(Clone, Debug)]
pub struct Region {
    pub common: Common,
    pub kind: Term,
    pub state: Option<String>,
    /// The official key (`ars` or `ags`) of the area, checked for form.
    pub key: Option<RegionKey>,
    pub program: Option<String>,
    pub coordination: Vec<Ref>,
    pub phase: Option<u8>,
    pub decision_rule: Option<String>,
    pub meeting_cadence: Option<String>,
    pub quality_standards: Vec<Term>,
    pub partner_regions: Vec<Ref>,
    pub steering_group: Vec<Member>,
    pub milestones: Vec<Milestone>,
    pub contacts: Vec<Contact>,
}

/// A region's official key (Destatis): `ars`, the 12-digit
/// Regionalschlüssel, or `ags`, the 8-digit Gemeindeschlüssel; both take
/// the 5-digit Kreisschlüssel too.
#[derive(Clone, Debug, PartialEq)]
pub enum RegionKey {
    /// A 12-digit Regionalschlüssel.
    Regional(String),
    /// An 8-digit Gemeindeschlüssel.
    Municipality(String),
    /// A 5-digit Kreisschlüssel.
    District(String),
}

impl RegionKey {
    /// The key of the form written for `field` (`ars` or `ags`), or `None`
    /// when it has not the digits the field takes.
    pub fn parse(field: &str, text: &str) -> Option<RegionKey> {
        let t = text.trim();
        if !t.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        match (field, t.len()) {
            (_, 5) => Some(RegionKey::District(t.to_string())),
            ("ars", 12) => Some(RegionKey::Regional(t.to_string())),
            ("ags", 8) => Some(RegionKey::Municipality(t.to_string())),
            _ => None,
        }
    }

    /// The Kreis part: the first five digits.
    pub fn district(&self) -> &str {
        let (RegionKey::Regional(k) | RegionKey::Municipality(k) | RegionKey::District(k)) = self;
        &k[..5]
    }

    /// Whether the key names a Kreis (or kreisfreie Stadt) as a whole: a
    /// Kreisschlüssel, or a Regionalschlüssel whose municipal part is zero.
    pub fn is_district(&self) -> bool {
        match self {
            RegionKey::District(_) => true,
            RegionKey::Regional(k) => k.ends_with("0000000"),
            RegionKey::Municipality(_) => false,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Partner {
    pub common: Common,
    pub kind: Term,
    pub short: Option<String>,
    pub website: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub contacts: Vec<Contact>,
}

#[derive(Clone, Debug)]
pub struct Offer {
    pub common: Common,
    pub providers: Vec<Ref>,
    pub regions: Vec<Ref>,
    pub target_groups: Vec<Term>,
    pub fields: Vec<Term>,
    pub grades: Vec<u8>,
    pub start: Option<Date>,
    pub end: Option<Date>,
    /// Months (1–12) of an offer that recurs every year, sorted.
    pub months: Vec<u8>,
    pub schedule: Option<String>,
    pub cost: Option<String>,
    pub location: Option<String>,
    pub contact: Option<String>,
    pub url: Option<String>,
    pub languages: Vec<String>,
    pub accessibility: Option<String>,
    pub contacts: Vec<Contact>,
}

impl Offer {
    /// The last day its dates name: `end`, else `start` (a one-day offer).
    pub fn last_day(&self) -> Option<Date> {
        self.end.or(self.start)
    }

    /// Whether the offer is over as of `today`: its last day lies before
    /// it. An offer without dates is never past.
    pub fn is_past(&self, today: Date) -> bool {
        self.last_day().is_some_and(|d| d < today)
    }
}

#[derive(Clone, Debug)]
pub struct Practice {
    pub common: Common,
    pub regions: Vec<Ref>,
    pub partners: Vec<Ref>,
    pub fields: Vec<Term>,
    pub year: Option<i64>,
}

#[derive(Clone, Debug)]
pub struct Party {
    pub partner: Ref,
    pub represented_by: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Body {
    pub name: String,
    pub kind: Option<String>,
    pub members: Vec<Ref>,
    pub chair: Option<Ref>,
    pub meets: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Goal {
    pub goal: String,
    pub standard: Option<Term>,
    pub responsible: Vec<Ref>,
    pub due: Option<Date>,
    pub status: String,
}

impl Goal {
    /// Whether the goal is overdue as of `today`: its `due` day lies before
    /// it and it is neither `done` nor `dropped`.
    pub fn is_overdue(&self, today: Date) -> bool {
        self.due.is_some_and(|d| d < today) && !matches!(self.status.as_str(), "done" | "dropped")
    }
}

#[derive(Clone, Debug)]
pub struct Agreement {
    pub common: Common,
    pub regions: Vec<Ref>,
    pub signed: Date,
    pub in_force: Option<Date>,
    pub term_years: Option<u32>,
    pub renews_years: Option<u32>,
    pub terminated: Option<Date>,
    pub moderator: Option<Ref>,
    pub parties: Vec<Party>,
    pub bodies: Vec<Body>,
    pub goals: Vec<Goal>,
}

#[derive(Clone, Debug)]
pub struct Page {
    pub common: Common,
    /// The language a free page is written in when it is not the site's
    /// (`lang = "tr"`): its HTML says so.
    pub lang: Option<String>,
}

/// The home page text (`content/_index.md`).
#[derive(Clone, Debug)]
pub struct Home {
    pub title: Option<String>,
    pub description: Option<String>,
    pub source: Option<Source>,
    pub body: Range<usize>,
}

/// Every entity of a site, typed but not yet linked.
#[derive(Clone, Debug, Default)]
pub struct Content {
    pub regions: Vec<Region>,
    pub partners: Vec<Partner>,
    pub offers: Vec<Offer>,
    pub practices: Vec<Practice>,
    pub agreements: Vec<Agreement>,
    pub pages: Vec<Page>,
}

/// One parsed entity of any type.
#[derive(Clone, Debug)]
pub enum Entity {
    Region(Region),
    Partner(Partner),
    Offer(Offer),
    Practice(Practice),
    Agreement(Agreement),
    Page(Page),
}

impl Entity {
    pub fn common(&self) -> &Common {
        match self {
            Entity::Region(e) => &e.common,
            Entity::Partner(e) => &e.common,
            Entity::Offer(e) => &e.common,
            Entity::Practice(e) => &e.common,
            Entity::Agreement(e) => &e.common,
            Entity::Page(e) => &e.common,
        }
    }

    pub fn kind(&self) -> Kind {
        match self {
            Entity::Region(_) => Kind::Region,
            Entity::Partner(_) => Kind::Partner,
            Entity::Offer(_) => Kind::Offer,
            Entity::Practice(_) => Kind::Practice,
            Entity::Agreement(_) => Kind::Agreement,
            Entity::Page(_) => Kind::Page,
        }
    }
}

/// What every content type has: its kind and its common fields. Code that
/// works on any type is generic over this instead of taking accessors or
/// matching on the kind (`link::ContentType` adds where the linked site
/// keeps each type).
pub trait Typed: Send + Sync + 'static {
    const KIND: Kind;
    fn common(&self) -> &Common;
    fn common_mut(&mut self) -> &mut Common;
}

macro_rules! typed {
    ($($t:ident),*) => {$(
        impl Typed for $t {
            const KIND: Kind = Kind::$t;
            fn common(&self) -> &Common {
                &self.common
            }
            fn common_mut(&mut self) -> &mut Common {
                &mut self.common
            }
        }
    )*};
}

typed!(Region, Partner, Offer, Practice, Agreement, Page);

impl Content {
    pub fn push(&mut self, e: Entity) {
        match e {
            Entity::Region(x) => self.regions.push(x),
            Entity::Partner(x) => self.partners.push(x),
            Entity::Offer(x) => self.offers.push(x),
            Entity::Practice(x) => self.practices.push(x),
            Entity::Agreement(x) => self.agreements.push(x),
            Entity::Page(x) => self.pages.push(x),
        }
    }

    /// Sorts every list by id so that output is independent of file order.
    pub fn sort(&mut self) {
        fn by_id<T: Typed>(list: &mut [T]) {
            list.sort_by(|a, b| a.common().id.cmp(&b.common().id));
        }
        by_id(&mut self.regions);
        by_id(&mut self.partners);
        by_id(&mut self.offers);
        by_id(&mut self.practices);
        by_id(&mut self.agreements);
        by_id(&mut self.pages);
    }
}
