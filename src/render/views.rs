//! View structs: what templates see. Built from the linked site, borrowing
//! its strings; templates never see the internal model. Every field here is
//! part of the theme contract documented in `themes/lotse/README.md`.

use super::locale;
use crate::link::{Linked, Site, terms};
use crate::model::*;
use crate::section::Labels;
use crate::url::entity_path;
use jiff::civil::Date;
use serde::Serialize;

/// A date as `iso` (2013-05-29, for `<time datetime>`), `de` (29.05.2013)
/// and `text`, as the page's language writes it (see `locale::date_text`;
/// for German the same as `de`).
#[derive(Serialize, Clone, Debug)]
pub struct DateView {
    pub iso: String,
    pub de: String,
    pub text: String,
}

/// The date's view for a page in `lang`.
pub fn date(d: Date, lang: &str) -> DateView {
    let (year, month, day) = (d.year(), d.month(), d.day());
    if !(1000..=9999).contains(&year) {
        return DateView {
            iso: d.to_string(),
            de: format!("{day:02}.{month:02}.{year}"),
            text: locale::date_text(d, lang),
        };
    }
    // Four-digit years (every real date) digit by digit: a page shows a
    // few dates, and the formatting machinery cost more than the rest of
    // building them.
    let (y, m, dd) = (
        digits::<4>(year as u16),
        digits::<2>(month as u16),
        digits::<2>(day as u16),
    );
    let text = |parts: [&[u8]; 5]| String::from_utf8(parts.concat()).expect("ASCII digits");
    let de = text([&dd, b".", &m, b".", &y]);
    DateView {
        iso: text([&y, b"-", &m, b"-", &dd]),
        text: if lang == "de" {
            de.clone()
        } else {
            locale::date_text(d, lang)
        },
        de,
    }
}

/// The last `N` decimal digits of `n`, zero-padded.
fn digits<const N: usize>(mut n: u16) -> [u8; N] {
    let mut out = [b'0'; N];
    for d in out.iter_mut().rev() {
        *d = b'0' + (n % 10) as u8;
        n /= 10;
    }
    out
}

/// A link to another page of the site.
#[derive(Serialize, Clone, Debug)]
pub struct LinkView<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub url: String,
    pub summary: Option<&'a str>,
    /// `region`, `partner`, `offer`, `practice`, `agreement`, `page`.
    pub kind: &'static str,
    /// The type's name in the site's language ("Angebot").
    pub kind_label: &'a str,
    /// The title's language where it differs from the page's: in a
    /// language version, an entity whose title is not translated.
    pub lang: Option<&'a str>,
}

/// A vocabulary term with its label and, where the site has one, its page.
#[derive(Serialize, Clone, Debug)]
pub struct TermView<'a> {
    pub key: &'a str,
    pub label: &'a str,
    pub url: Option<String>,
    /// The label's language where it differs from the page's (a label
    /// `vocabularies.<lang>.toml` does not translate).
    pub lang: Option<&'a str>,
}

/// Fields every entity view has, serialized in line with the view's own
/// (`FlatFields`).
#[derive(Serialize, Clone, Debug)]
pub struct Base<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub url: String,
    pub summary: Option<&'a str>,
    /// Leichte Sprache summary.
    pub easy_summary: Option<&'a str>,
    /// The rendered Markdown body (already safe HTML: print with `| safe`).
    pub html: &'a str,
    pub updated: Option<DateView>,
    pub checked: Option<DateView>,
    /// Source file, relative to the site root.
    pub source: &'a str,
    /// Change history from git (filled by the history step when available).
    pub history: Vec<HistoryEntry>,
}

#[derive(Serialize, Clone, Debug)]
pub struct HistoryEntry {
    pub date: DateView,
    pub message: String,
}

#[derive(Serialize, Clone, Debug)]
pub struct MemberView<'a> {
    pub partner: LinkView<'a>,
    pub role: Option<&'a str>,
    pub since: Option<DateView>,
    pub until: Option<DateView>,
    /// False for members whose `until` lies before the build date.
    pub current: bool,
}

/// A `[[contacts]]` row: `tel` is the E.164 number for the `tel:` link,
/// `phone` the number as written; `of` the partner whose contact it is,
/// when an offer shows its providers' contacts.
#[derive(Serialize, Clone, Debug)]
pub struct ContactView<'a> {
    pub name: &'a str,
    pub role: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub tel: Option<&'a str>,
    pub email: Option<&'a str>,
    pub hours: Option<&'a str>,
    pub of: Option<LinkView<'a>>,
}

#[derive(Serialize, Clone, Debug)]
pub struct MilestoneView<'a> {
    pub phase: TermView<'a>,
    pub indicator: &'a str,
    /// `done`, `in-progress`, `open`.
    pub status: &'a str,
    pub status_label: &'a str,
    pub date: Option<DateView>,
    pub evidence: Option<&'a str>,
}

#[derive(Serialize, Clone, Debug)]
pub struct PhaseView<'a> {
    pub number: u8,
    pub label: &'a str,
}

/// Keys of the five phases' names in the theme's `i18n/`.
pub const PHASES: [&str; 5] = [
    "phase_name_1",
    "phase_name_2",
    "phase_name_3",
    "phase_name_4",
    "phase_name_5",
];

#[derive(Clone, Debug)]
pub struct RegionView<'a> {
    /// Serialized in line with the view's own fields (see `flat_serialize!`).
    pub base: Base<'a>,
    pub kind: TermView<'a>,
    pub state: Option<&'a str>,
    pub program: Option<&'a str>,
    pub coordination: Vec<LinkView<'a>>,
    pub phase: Option<PhaseView<'a>>,
    /// All five phases, for a progress display.
    pub phases: Vec<PhaseView<'a>>,
    pub decision_rule: Option<&'a str>,
    pub meeting_cadence: Option<&'a str>,
    pub quality_standards: Vec<TermView<'a>>,
    pub partner_regions: Vec<LinkView<'a>>,
    pub steering_group: Vec<MemberView<'a>>,
    pub milestones: Vec<MilestoneView<'a>>,
    pub contacts: Vec<ContactView<'a>>,
    pub offers: Vec<LinkView<'a>>,
    pub practices: Vec<LinkView<'a>>,
    pub agreements: Vec<LinkView<'a>>,
}

#[derive(Clone, Debug)]
pub struct PartnerView<'a> {
    /// Serialized in line with the view's own fields (see `flat_serialize!`).
    pub base: Base<'a>,
    pub kind: TermView<'a>,
    pub short: Option<&'a str>,
    pub website: Option<&'a str>,
    pub email: Option<&'a str>,
    pub phone: Option<&'a str>,
    /// `phone` in E.164 for a `tel:` link, when it is a dialable number
    /// (this older field is not checked, so it may be none).
    pub tel: Option<String>,
    pub address: Option<&'a str>,
    pub contacts: Vec<ContactView<'a>>,
    /// The site path of the contacts' vCard file, when there are contacts.
    pub vcard: Option<String>,
    pub regions: Vec<LinkView<'a>>,
    pub offers: Vec<LinkView<'a>>,
    pub practices: Vec<LinkView<'a>>,
    pub agreements: Vec<LinkView<'a>>,
}

#[derive(Serialize, Clone, Debug)]
pub struct GradeView {
    pub n: u8,
    pub url: String,
}

#[derive(Clone, Debug)]
pub struct OfferView<'a> {
    /// Serialized in line with the view's own fields (see `flat_serialize!`).
    pub base: Base<'a>,
    pub providers: Vec<LinkView<'a>>,
    pub regions: Vec<LinkView<'a>>,
    pub target_groups: Vec<TermView<'a>>,
    pub fields: Vec<TermView<'a>>,
    pub grades: Vec<GradeView>,
    pub start: Option<DateView>,
    pub end: Option<DateView>,
    pub schedule: Option<&'a str>,
    pub cost: Option<&'a str>,
    pub location: Option<&'a str>,
    pub contact: Option<&'a str>,
    /// External address of the offer (`url` in front matter).
    pub link: Option<&'a str>,
    pub languages: &'a [String],
    pub accessibility: Option<&'a str>,
    /// The summary as written (not the body's first paragraph, which the
    /// page shows anyway), shown first as the lead.
    pub lead: Option<&'a str>,
    /// The offer's own contacts; without them, its providers' contacts,
    /// each with the provider in `of`.
    pub contacts: Vec<ContactView<'a>>,
    /// Over as of the build date (`Offer::is_past`): the page says so.
    pub past: bool,
}

#[derive(Clone, Debug)]
pub struct PracticeView<'a> {
    /// Serialized in line with the view's own fields (see `flat_serialize!`).
    pub base: Base<'a>,
    pub regions: Vec<LinkView<'a>>,
    pub partners: Vec<LinkView<'a>>,
    pub fields: Vec<TermView<'a>>,
    pub year: Option<i64>,
}

#[derive(Serialize, Clone, Debug)]
pub struct PartyView<'a> {
    pub partner: LinkView<'a>,
    pub represented_by: Option<&'a str>,
}

#[derive(Serialize, Clone, Debug)]
pub struct BodyView<'a> {
    pub name: &'a str,
    /// `decision`, `advisory`, `working` or none.
    pub kind: Option<&'a str>,
    pub kind_label: Option<&'a str>,
    pub members: Vec<LinkView<'a>>,
    pub chair: Option<LinkView<'a>>,
    pub meets: Option<&'a str>,
}

#[derive(Serialize, Clone, Debug)]
pub struct GoalView<'a> {
    pub goal: &'a str,
    pub standard: Option<TermView<'a>>,
    pub responsible: Vec<LinkView<'a>>,
    pub due: Option<DateView>,
    /// `planned`, `in-progress`, `done`, `postponed`, `dropped`.
    pub status: &'a str,
    pub status_label: &'a str,
    /// Due before the build date and neither done nor dropped.
    pub overdue: bool,
}

#[derive(Clone, Debug)]
pub struct AgreementView<'a> {
    /// Serialized in line with the view's own fields (see `flat_serialize!`).
    pub base: Base<'a>,
    pub regions: Vec<LinkView<'a>>,
    pub signed: DateView,
    pub in_force: DateView,
    pub term_years: Option<u32>,
    pub renews_years: Option<u32>,
    pub terminated: Option<DateView>,
    pub moderator: Option<LinkView<'a>>,
    pub parties: Vec<PartyView<'a>>,
    pub bodies: Vec<BodyView<'a>>,
    pub goals: Vec<GoalView<'a>>,
    /// Goal counts by status, in the order planned, in-progress, done,
    /// postponed, dropped: `[{status, label, count}]`.
    pub goal_counts: Vec<StatusCount<'a>>,
    /// How many goals are overdue (`GoalView::overdue`).
    pub overdue: usize,
    /// `in-force`, `expired`, `terminated`, `not-yet`.
    pub status: &'static str,
    pub status_label: &'a str,
    pub current_term_end: Option<DateView>,
}

#[derive(Serialize, Clone, Debug)]
pub struct StatusCount<'a> {
    pub status: &'static str,
    pub label: &'a str,
    pub count: usize,
}

#[derive(Clone, Debug)]
pub struct PageView<'a> {
    /// Serialized in line with the view's own fields (see `flat_serialize!`).
    pub base: Base<'a>,
}

/// Key of a milestone status's name in the theme's `i18n/`.
pub fn milestone_key(s: &str) -> &'static str {
    match s {
        "done" => "milestone_done",
        "in-progress" => "milestone_in_progress",
        _ => "milestone_open",
    }
}

/// Key of a goal status's name in the theme's `i18n/`.
pub fn goal_key(s: &str) -> &'static str {
    match s {
        "planned" => "goal_planned",
        "in-progress" => "goal_in_progress",
        "done" => "goal_done",
        "postponed" => "goal_postponed",
        _ => "goal_dropped",
    }
}

/// Key of a body kind's name in the theme's `i18n/`.
pub fn body_kind_key(s: &str) -> &'static str {
    match s {
        "decision" => "body_decision",
        "advisory" => "body_advisory",
        _ => "body_working",
    }
}

/// Builds views for one site.
pub struct Views<'s> {
    pub site: &'s Site,
    /// The theme's UI strings, for the names the views carry.
    pub labels: Labels<'s>,
    /// The language the views are for (dates, numbers): the site's
    /// `language` unless set otherwise (a page in another language).
    pub lang: &'s str,
    /// Each type's name, looked up once: every link view carries one.
    kind_labels: [&'s str; 6],
    /// The fields some offer names: those with a page of their own
    /// (`routes::facet_keys`). Computed on first use.
    offer_fields: std::sync::OnceLock<std::collections::HashSet<&'s str>>,
    /// The current and coming offers in list order (`Site::current_offers`),
    /// computed once per build on first use.
    current: std::sync::OnceLock<Vec<usize>>,
}

impl<'s> Views<'s> {
    pub fn new(site: &'s Site, labels: Labels<'s>) -> Self {
        let kind_labels = Kind::ALL.map(|k| labels.get(k.label_key()));
        Views {
            site,
            labels,
            lang: &site.config.language,
            kind_labels,
            offer_fields: std::sync::OnceLock::new(),
            current: std::sync::OnceLock::new(),
        }
    }

    /// The current and coming offers in list order: what the lists, the
    /// facet pages, the Berufswahlfahrplan and the counts show.
    pub fn current_offers(&self) -> &[usize] {
        self.current.get_or_init(|| self.site.current_offers())
    }

    /// How many of `offers` (positions) are current.
    pub fn count_current(&self, offers: &[usize]) -> usize {
        offers
            .iter()
            .filter(|&&i| !self.site.offer_is_past(i))
            .count()
    }

    /// A date in the views' language.
    pub fn date(&self, d: Date) -> DateView {
        date(d, self.lang)
    }

    fn odate(&self, d: Option<Date>) -> Option<DateView> {
        d.map(|d| self.date(d))
    }

    /// The fields of a practice example (or anything but an offer): a link
    /// to the field's offers where it has some, else the plain label. An
    /// offer's own fields always have their page.
    pub fn field_terms(&self, keys: &'s [Term]) -> Vec<TermView<'s>> {
        let with_page = self.offer_fields.get_or_init(|| {
            self.site
                .offers
                .iter()
                .flat_map(|o| o.data.fields.iter().map(|t| t.id.as_str()))
                .collect()
        });
        keys.iter()
            .map(|t| {
                let section = with_page.contains(t.id.as_str()).then_some("handlungsfeld");
                self.term("fields", &t.id, section)
            })
            .collect()
    }

    fn link_to<T>(&self, kind: Kind, e: &'s Linked<T>, c: &'s Common) -> LinkView<'s> {
        LinkView {
            id: &c.id,
            title: &c.title,
            url: self.site.urls.entity(kind, &c.id),
            summary: e.summary.as_deref(),
            kind: kind.name(),
            kind_label: self.kind_labels[kind as usize],
            lang: self
                .site
                .version
                .as_deref()
                .and_then(|v| v.title_lang(kind, &c.id)),
        }
    }

    pub fn region_link(&self, i: usize) -> LinkView<'s> {
        let e = &self.site.regions[i];
        self.link_to(Kind::Region, e, &e.data.common)
    }
    pub fn partner_link(&self, i: usize) -> LinkView<'s> {
        let e = &self.site.partners[i];
        self.link_to(Kind::Partner, e, &e.data.common)
    }
    pub fn offer_link(&self, i: usize) -> LinkView<'s> {
        let e = &self.site.offers[i];
        self.link_to(Kind::Offer, e, &e.data.common)
    }
    pub fn practice_link(&self, i: usize) -> LinkView<'s> {
        let e = &self.site.practices[i];
        self.link_to(Kind::Practice, e, &e.data.common)
    }
    pub fn agreement_link(&self, i: usize) -> LinkView<'s> {
        let e = &self.site.agreements[i];
        self.link_to(Kind::Agreement, e, &e.data.common)
    }
    pub fn page_link(&self, i: usize) -> LinkView<'s> {
        let e = &self.site.pages[i];
        self.link_to(Kind::Page, e, &e.data.common)
    }

    /// Links for references of one kind; references to entities not in this
    /// build (drafts) are left out.
    pub fn refs(&self, kind: Kind, refs: &'s [Ref]) -> Vec<LinkView<'s>> {
        refs.iter()
            .filter_map(|r| self.reference(kind, r))
            .collect()
    }

    pub fn reference(&self, kind: Kind, r: &Ref) -> Option<LinkView<'s>> {
        let i = self.site.index.get(kind, &r.id)?;
        Some(match kind {
            Kind::Region => self.region_link(i),
            Kind::Partner => self.partner_link(i),
            Kind::Offer => self.offer_link(i),
            Kind::Practice => self.practice_link(i),
            Kind::Agreement => self.agreement_link(i),
            Kind::Page => self.page_link(i),
        })
    }

    /// A term; `section` names the taxonomy pages it links to, if any.
    pub fn term(&self, vocab: &str, key: &'s str, section: Option<&str>) -> TermView<'s> {
        TermView {
            key,
            label: self.site.vocab.label(vocab, key),
            url: section.map(|s| self.site.urls.link_parts(&["angebote/", s, "/", key, "/"])),
            lang: self
                .site
                .version
                .as_deref()
                .and_then(|v| v.term_lang(vocab, key)),
        }
    }

    pub fn terms(&self, vocab: &str, keys: &'s [Term], section: Option<&str>) -> Vec<TermView<'s>> {
        keys.iter()
            .map(|t| self.term(vocab, &t.id, section))
            .collect()
    }

    fn base<T>(&self, kind: Kind, e: &'s Linked<T>, c: &'s Common) -> Base<'s> {
        Base {
            id: &c.id,
            title: &c.title,
            url: self.site.urls.link(&entity_path(kind, &c.id)),
            summary: e.summary.as_deref(),
            easy_summary: c.easy_summary.as_deref(),
            html: &e.html,
            updated: self.odate(
                c.updated
                    .or_else(|| self.site.history.last_date(&c.source.path)),
            ),
            checked: self.odate(c.checked),
            source: &c.source.path,
            // `[history] show = false`: no commit messages on the pages
            // (the dates of the commits still give "Stand").
            history: if self.site.config.show_history {
                self.site.history.of(&c.source.path)
            } else {
                &[]
            }
            .iter()
            .map(|h| HistoryEntry {
                date: self.date(h.date),
                message: h.message.clone(),
            })
            .collect(),
        }
    }

    pub fn region(&self, i: usize) -> RegionView<'s> {
        let l = &self.site.regions[i];
        let e = &l.data;
        let b = &self.site.back;
        RegionView {
            base: self.base(Kind::Region, l, &e.common),
            kind: self.term("region_kinds", &e.kind.id, None),
            state: e.state.as_deref(),
            program: e.program.as_deref(),
            coordination: self.refs(Kind::Partner, &e.coordination),
            phase: e.phase.map(|n| PhaseView {
                number: n,
                label: self.labels.get(PHASES[(n as usize).clamp(1, 5) - 1]),
            }),
            phases: (1..=5u8)
                .map(|n| PhaseView {
                    number: n,
                    label: self.labels.get(PHASES[n as usize - 1]),
                })
                .collect(),
            decision_rule: e.decision_rule.as_deref(),
            meeting_cadence: e.meeting_cadence.as_deref(),
            quality_standards: self.terms("quality_standards", &e.quality_standards, None),
            partner_regions: b.region_partner_regions[i]
                .iter()
                .map(|&r| self.region_link(r))
                .collect(),
            steering_group: e
                .steering_group
                .iter()
                .filter_map(|m| {
                    Some(MemberView {
                        partner: self.reference(Kind::Partner, &m.partner)?,
                        role: m.role.as_deref(),
                        since: self.odate(m.since),
                        until: self.odate(m.until),
                        current: m.until.is_none_or(|u| u >= self.site.today),
                    })
                })
                .collect(),
            milestones: e
                .milestones
                .iter()
                .map(|m| MilestoneView {
                    phase: self.term("network_phases", &m.phase.id, None),
                    indicator: &m.indicator,
                    status: &m.status,
                    status_label: self.labels.get(milestone_key(&m.status)),
                    date: self.odate(m.date),
                    evidence: m.evidence.as_deref(),
                })
                .collect(),
            contacts: self.contacts(&e.contacts, None),
            // Past offers too: what the partner or region did stays on
            // record (the counts and lists of offers show current ones).
            offers: b.region_offers[i]
                .iter()
                .map(|&x| self.offer_link(x))
                .collect(),
            practices: b.region_practices[i]
                .iter()
                .map(|&x| self.practice_link(x))
                .collect(),
            agreements: b.region_agreements[i]
                .iter()
                .map(|&x| self.agreement_link(x))
                .collect(),
        }
    }

    fn contacts(&self, list: &'s [Contact], of: Option<LinkView<'s>>) -> Vec<ContactView<'s>> {
        list.iter()
            .map(|c| ContactView {
                name: &c.name,
                role: c.role.as_deref(),
                phone: c.phone.as_ref().map(|p| p.written.as_str()),
                tel: c.phone.as_ref().map(|p| p.e164.as_str()),
                email: c.email.as_deref(),
                hours: c.hours.as_deref(),
                of: of.clone(),
            })
            .collect()
    }

    pub fn partner(&self, i: usize) -> PartnerView<'s> {
        let l = &self.site.partners[i];
        let e = &l.data;
        let b = &self.site.back;
        PartnerView {
            base: self.base(Kind::Partner, l, &e.common),
            kind: self.term("partner_kinds", &e.kind.id, None),
            short: e.short.as_deref(),
            website: e.website.as_deref(),
            email: e.email.as_deref(),
            phone: e.phone.as_deref(),
            tel: e
                .phone
                .as_deref()
                .and_then(|p| crate::text::contact::e164(p).ok()),
            address: e.address.as_deref(),
            contacts: self.contacts(&e.contacts, None),
            // One file for every language version, at the site's root.
            vcard: (!e.contacts.is_empty())
                .then(|| self.site.urls.asset(&crate::url::vcard_path(&e.common.id))),
            regions: b.partner_regions[i]
                .iter()
                .map(|&x| self.region_link(x))
                .collect(),
            // Past offers too: what the partner or region did stays on
            // record (the counts and lists of offers show current ones).
            offers: b.partner_offers[i]
                .iter()
                .map(|&x| self.offer_link(x))
                .collect(),
            practices: b.partner_practices[i]
                .iter()
                .map(|&x| self.practice_link(x))
                .collect(),
            agreements: b.partner_agreements[i]
                .iter()
                .map(|&x| self.agreement_link(x))
                .collect(),
        }
    }

    pub fn offer(&self, i: usize) -> OfferView<'s> {
        let l = &self.site.offers[i];
        let e = &l.data;
        OfferView {
            base: self.base(Kind::Offer, l, &e.common),
            providers: self.refs(Kind::Partner, &e.providers),
            regions: self.refs(Kind::Region, &e.regions),
            target_groups: self.terms("target_groups", &e.target_groups, Some("zielgruppe")),
            fields: self.terms("fields", &e.fields, Some("handlungsfeld")),
            grades: e
                .grades
                .iter()
                .map(|&n| GradeView {
                    n,
                    url: self.site.urls.link(&format!("angebote/klasse/{n}/")),
                })
                .collect(),
            start: self.odate(e.start),
            end: self.odate(e.end),
            schedule: e.schedule.as_deref(),
            cost: e.cost.as_deref(),
            location: e.location.as_deref(),
            contact: e.contact.as_deref(),
            link: e.url.as_deref(),
            languages: &e.languages,
            accessibility: e.accessibility.as_deref(),
            lead: e.common.summary.as_deref(),
            contacts: if e.contacts.is_empty() {
                e.providers
                    .iter()
                    .filter_map(|r| {
                        let p = self.site.index.get(Kind::Partner, &r.id)?;
                        let link = self.partner_link(p);
                        Some(self.contacts(&self.site.partners[p].data.contacts, Some(link)))
                    })
                    .flatten()
                    .collect()
            } else {
                self.contacts(&e.contacts, None)
            },
            past: e.is_past(self.site.today),
        }
    }

    pub fn practice(&self, i: usize) -> PracticeView<'s> {
        let l = &self.site.practices[i];
        let e = &l.data;
        PracticeView {
            base: self.base(Kind::Practice, l, &e.common),
            regions: self.refs(Kind::Region, &e.regions),
            partners: self.refs(Kind::Partner, &e.partners),
            fields: self.field_terms(&e.fields),
            year: e.year,
        }
    }

    pub fn agreement(&self, i: usize) -> AgreementView<'s> {
        let l = &self.site.agreements[i];
        let e = &l.data;
        let term: terms::Term = self.site.terms[i];
        let goals: Vec<GoalView> = e
            .goals
            .iter()
            .map(|g| GoalView {
                goal: &g.goal,
                standard: g
                    .standard
                    .as_ref()
                    .map(|s| self.term("quality_standards", &s.id, None)),
                responsible: self.refs(Kind::Partner, &g.responsible),
                due: self.odate(g.due),
                status: &g.status,
                status_label: self.labels.get(goal_key(&g.status)),
                overdue: g.is_overdue(self.site.today),
            })
            .collect();
        let goal_counts = entities::GOAL_STATUS
            .iter()
            .map(|&(s, _)| StatusCount {
                status: s,
                label: self.labels.get(goal_key(s)),
                count: goals.iter().filter(|g| g.status == s).count(),
            })
            .collect();
        let overdue = goals.iter().filter(|g| g.overdue).count();
        AgreementView {
            overdue,
            base: self.base(Kind::Agreement, l, &e.common),
            regions: self.refs(Kind::Region, &e.regions),
            signed: self.date(e.signed),
            in_force: self.date(e.in_force.unwrap_or(e.signed)),
            term_years: e.term_years,
            renews_years: e.renews_years,
            terminated: self.odate(e.terminated),
            moderator: e
                .moderator
                .as_ref()
                .and_then(|m| self.reference(Kind::Partner, m)),
            parties: e
                .parties
                .iter()
                .filter_map(|p| {
                    Some(PartyView {
                        partner: self.reference(Kind::Partner, &p.partner)?,
                        represented_by: p.represented_by.as_deref(),
                    })
                })
                .collect(),
            bodies: e
                .bodies
                .iter()
                .map(|b| BodyView {
                    name: &b.name,
                    kind: b.kind.as_deref(),
                    kind_label: b.kind.as_deref().map(|k| self.labels.get(body_kind_key(k))),
                    members: self.refs(Kind::Partner, &b.members),
                    chair: b
                        .chair
                        .as_ref()
                        .and_then(|c| self.reference(Kind::Partner, c)),
                    meets: b.meets.as_deref(),
                })
                .collect(),
            goals,
            goal_counts,
            status: term.status.as_str(),
            status_label: self.labels.get(term.status.label_key()),
            current_term_end: self.odate(term.current_term_end),
        }
    }

    pub fn page(&self, i: usize) -> PageView<'s> {
        let l = &self.site.pages[i];
        PageView {
            base: self.base(Kind::Page, l, &l.data.common),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_views_match_the_formatted_ones() {
        for (y, m, d) in [
            (2013, 5, 29),
            (2026, 11, 2),
            (1000, 1, 1),
            (9999, 12, 31),
            (999, 3, 4),
            (-5, 1, 1),
        ] {
            let date = Date::new(y, m, d).unwrap();
            let v = super::date(date, "de");
            assert_eq!(v.iso, date.to_string());
            assert_eq!(v.de, format!("{:02}.{:02}.{}", d, m, y));
            assert_eq!(v.text, v.de, "German text is the German date");
            let en = super::date(date, "en");
            assert_eq!((en.iso, en.de), (v.iso, v.de));
            assert_eq!(en.text, locale::date_text(date, "en"));
        }
        assert_eq!(
            super::date(Date::new(2026, 12, 2).unwrap(), "uk").text,
            "2 грудня 2026"
        );
    }
}
