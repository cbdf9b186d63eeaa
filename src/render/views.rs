//! The builder of the view structs (`view_types`): turns the linked site's
//! entities into what templates see, borrowing its strings; templates never
//! see the internal model.

pub use super::view_types::*;
use crate::link::{Linked, Site, terms};
use crate::model::*;
use crate::section::Labels;
use crate::url::entity_path;
use jiff::civil::Date;
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
    use crate::render::locale;

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
