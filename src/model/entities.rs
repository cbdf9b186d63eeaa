//! Reads each content type from its front matter (CONTENT-MODEL.md §3).

use super::read::Reader;
use super::*;
use crate::diagnostics::Diagnostic;
use crate::load::Doc;
use std::cell::RefCell;

use super::fields::{self, keys, rows};
pub use super::fields::{BODY_KINDS, GOAL_STATUS, MILESTONE_STATUS};

/// The type's own fields in schema order, without the common ones (the
/// open-data columns after id, url and title). A page's `lang` is not an
/// open-data column: only the page's HTML reads it.
pub fn own_fields(kind: Kind) -> Vec<&'static str> {
    match kind {
        Kind::Page => Vec::new(),
        _ => keys(fields::own(kind)),
    }
}

/// The fields a type takes, common ones included (for warnings and `new`).
pub fn known_fields(kind: Kind) -> Vec<&'static str> {
    fields::all(kind).map(|f| f.key).collect()
}

/// Reads one document into a typed entity. Returns `None` when a required
/// field is missing or broken; every problem is in `diags` either way.
pub fn read(doc: &Doc, diags: &mut Vec<Diagnostic>) -> Option<Entity> {
    read_with(doc, diags, |_| ())
}

/// [`read`], handing the reader to `after` when done (the field table's
/// test looks at the keys it asked for).
pub(crate) fn read_with(
    doc: &Doc,
    diags: &mut Vec<Diagnostic>,
    after: impl FnOnce(&Reader),
) -> Option<Entity> {
    let cell = RefCell::new(std::mem::take(diags));
    let r = Reader::new(&doc.source, &doc.front, doc.anchor.clone(), &cell);
    r.unknown_keys(&known_fields(doc.kind));
    let common = read_common(doc, &r);
    let entity = match doc.kind {
        Kind::Region => region(&r, common),
        Kind::Partner => partner(&r, common),
        Kind::Offer => offer(&r, common),
        Kind::Practice => practice(&r, common),
        Kind::Agreement => agreement(&r, common),
        Kind::Page => page(&r, common),
    };
    after(&r);
    *diags = cell.into_inner();
    entity
}

fn read_common(doc: &Doc, r: &Reader) -> Option<Common> {
    let title = r.str_req("title");
    let aliases = r.str_list("aliases");
    Some(Common {
        id: doc.id.clone(),
        source: doc.source.clone(),
        title: title?,
        // `description`, the older name, is read (and checked) either way.
        summary: r.str_opt("summary").or(r.str_opt("description")),
        easy_summary: r.str_opt("easy_summary"),
        draft: r.bool_opt("draft").unwrap_or(false),
        updated: r.date_opt("updated"),
        checked: r.date_opt("checked"),
        aliases,
        body: doc.body.clone(),
        front: doc.front.clone(),
    })
}

fn page(r: &Reader, common: Option<Common>) -> Option<Entity> {
    let lang = r.str_opt("lang");
    if let Some(l) = &lang
        && !crate::text::ids::is_language_tag(l.split('-').next().unwrap_or(""))
        && let Some(n) = r.table.get("lang")
    {
        r.push(
            r.error(n.span.clone(), crate::msg!("not-a-language-tag", tag = l))
                .with_help(crate::msg!("language-tag-help")),
        );
    }
    Some(Entity::Page(Page {
        common: common?,
        lang,
    }))
}

fn region(r: &Reader, common: Option<Common>) -> Option<Entity> {
    let kind = r.ref_req("kind");
    let steering_group = r
        .tables("steering_group")
        .iter()
        .filter_map(|t| {
            t.row_keys(
                &keys(rows(fields::REGION, "steering_group")),
                &known_fields(Kind::Region),
                "steering_group",
            );
            let partner = t.ref_req("partner");
            let (since, until) = (t.date_opt("since"), t.date_opt("until"));
            if let (Some(s), Some(u)) = (since, until)
                && u < s
                && let Some(n) = t.table.get("until")
            {
                t.push(t.error(
                    n.span.clone(),
                    crate::msg!("date-before", later = "until", earlier = "since"),
                ));
            }
            Some(Member {
                partner: partner?,
                role: t.str_opt("role"),
                since,
                until,
            })
        })
        .collect();
    let milestones = r
        .tables("milestones")
        .iter()
        .filter_map(|t| {
            t.row_keys(
                &keys(rows(fields::REGION, "milestones")),
                &known_fields(Kind::Region),
                "milestones",
            );
            let phase = t.ref_req("phase");
            let indicator = t.str_req("indicator");
            let status = t.choice("status", MILESTONE_STATUS, true);
            Some(Milestone {
                phase: phase?,
                indicator: indicator?,
                status: status?,
                date: t.date_opt("date"),
                evidence: t.str_opt("evidence"),
            })
        })
        .collect();
    let region = Region {
        kind: kind?,
        state: r.str_opt("state"),
        key: region_key(r),
        program: r.str_opt("program"),
        coordination: r.ref_list("coordination"),
        phase: r.int_opt("phase", 1, 5).map(|p| p as u8),
        decision_rule: r.str_opt("decision_rule"),
        meeting_cadence: r.str_opt("meeting_cadence"),
        quality_standards: r.ref_list("quality_standards"),
        partner_regions: r.ref_list("partner_regions"),
        steering_group,
        milestones,
        contacts: contacts(r, fields::REGION, Kind::Region),
        common: common?,
    };
    Some(Entity::Region(region))
}

/// `ars` or `ags`: a key of the wrong form is an error at its value with
/// the digits each takes; both given, they must name the same Kreis (their
/// first five digits), and `ars` is used.
fn region_key(r: &Reader) -> Option<super::RegionKey> {
    let mut found: Option<super::RegionKey> = None;
    for field in ["ars", "ags"] {
        let Some(text) = r.str_opt(field) else {
            continue;
        };
        let span = r.table.get(field).map(|n| n.span.clone()).unwrap_or(0..0);
        let Some(key) = super::RegionKey::parse(field, &text) else {
            r.push(
                r.error(
                    span,
                    crate::msg!("region-key-invalid", field = field, key = &text),
                )
                .with_help(if field == "ars" {
                    crate::msg!("region-key-ars-help")
                } else {
                    crate::msg!("region-key-ags-help")
                }),
            );
            continue;
        };
        match &found {
            None => found = Some(key),
            Some(first) if first.district() != key.district() => r.push(r.error(
                span,
                crate::msg!(
                    "region-keys-disagree",
                    ars = first.district(),
                    ags = key.district()
                ),
            )),
            Some(_) => {}
        }
    }
    found
}

/// The `[[contacts]]` rows; a row without a name is left out (reported).
fn contacts(r: &Reader, own: &'static [fields::Field], kind: Kind) -> Vec<Contact> {
    r.tables("contacts")
        .iter()
        .filter_map(|t| {
            t.row_keys(
                &keys(rows(own, "contacts")),
                &known_fields(kind),
                "contacts",
            );
            let name = t.str_req("name");
            let contact = Contact {
                name: String::new(),
                role: t.str_opt("role"),
                phone: t.phone_opt("phone"),
                email: t.email_opt("email"),
                hours: t.str_opt("hours"),
            };
            Some(Contact {
                name: name?,
                ..contact
            })
        })
        .collect()
}

fn partner(r: &Reader, common: Option<Common>) -> Option<Entity> {
    let kind = r.ref_req("kind");
    Some(Entity::Partner(Partner {
        kind: kind?,
        short: r.str_opt("short"),
        website: r.url_opt("website"),
        email: r.str_opt("email"),
        phone: r.str_opt("phone"),
        address: r.str_opt("address"),
        contacts: contacts(r, fields::PARTNER, Kind::Partner),
        common: common?,
    }))
}

fn offer(r: &Reader, common: Option<Common>) -> Option<Entity> {
    let providers = r.ref_list_req("providers");
    let regions = r.ref_list_req("regions");
    let target_groups = r.ref_list_req("target_groups");
    let mut grades: Vec<u8> = r
        .int_list("grades", 1, 13)
        .into_iter()
        .map(|g| g as u8)
        .collect();
    grades.sort_unstable();
    grades.dedup();
    let mut months: Vec<u8> = r
        .int_list("months", 1, 12)
        .into_iter()
        .map(|m| m as u8)
        .collect();
    months.sort_unstable();
    months.dedup();
    let start = r.date_opt("start");
    let end = r.date_opt("end");
    if let (Some(s), Some(e)) = (start, end)
        && e < s
        && let Some(n) = r.table.get("end")
    {
        r.push(
            r.error(
                n.span.clone(),
                crate::msg!(
                    "end-before-start",
                    end = e.to_string(),
                    start = s.to_string()
                ),
            )
            .with_help(crate::msg!("end-before-start-help")),
        );
    }
    Some(Entity::Offer(Offer {
        providers,
        regions,
        target_groups,
        fields: r.ref_list("fields"),
        grades,
        start,
        end,
        months,
        schedule: r.str_opt("schedule"),
        cost: r.str_opt("cost"),
        location: r.str_opt("location"),
        contact: r.str_opt("contact"),
        url: r.url_opt("url"),
        languages: r.str_list("languages"),
        accessibility: r.str_opt("accessibility"),
        contacts: contacts(r, fields::OFFER, Kind::Offer),
        common: common?,
    }))
}

fn practice(r: &Reader, common: Option<Common>) -> Option<Entity> {
    let regions = r.ref_list_req("regions");
    Some(Entity::Practice(Practice {
        regions,
        partners: r.ref_list("partners"),
        fields: r.ref_list("fields"),
        year: r.int_opt("year", 1900, 2200),
        common: common?,
    }))
}

fn agreement(r: &Reader, common: Option<Common>) -> Option<Entity> {
    let regions = r.ref_list_req("regions");
    let signed = r.date_req("signed");
    let parties = r
        .tables("parties")
        .iter()
        .filter_map(|t| {
            t.row_keys(
                &keys(rows(fields::AGREEMENT, "parties")),
                &known_fields(Kind::Agreement),
                "parties",
            );
            Some(Party {
                partner: t.ref_req("partner")?,
                represented_by: t.str_opt("represented_by"),
            })
        })
        .collect();
    let bodies = r
        .tables("bodies")
        .iter()
        .filter_map(|t| {
            t.row_keys(
                &keys(rows(fields::AGREEMENT, "bodies")),
                &known_fields(Kind::Agreement),
                "bodies",
            );
            let name = t.str_req("name");
            let kind = t.choice("kind", BODY_KINDS, false);
            Some(Body {
                name: name?,
                kind,
                members: t.ref_list("members"),
                chair: t.ref_opt("chair"),
                meets: t.str_opt("meets"),
            })
        })
        .collect();
    let goals = r
        .tables("goals")
        .iter()
        .filter_map(|t| {
            t.row_keys(
                &keys(rows(fields::AGREEMENT, "goals")),
                &known_fields(Kind::Agreement),
                "goals",
            );
            let goal = t.str_req("goal");
            let status = t.choice("status", GOAL_STATUS, true);
            Some(Goal {
                goal: goal?,
                standard: t.ref_opt("standard"),
                responsible: t.ref_list("responsible"),
                due: t.date_opt("due"),
                status: status?,
            })
        })
        .collect();
    let in_force = r.date_opt("in_force");
    let terminated = r.date_opt("terminated");
    let term_years = r.int_opt("term_years", 1, 1000).map(|y| y as u32);
    let renews_years = r.int_opt("renews_years", 0, 1000).map(|y| y as u32);
    if let (Some(s), Some(t)) = (signed, terminated)
        && t < s
        && let Some(n) = r.table.get("terminated")
    {
        r.push(r.error(
            n.span.clone(),
            crate::msg!("date-before", later = "terminated", earlier = "signed"),
        ));
    }
    Some(Entity::Agreement(Agreement {
        regions,
        signed: signed?,
        in_force,
        term_years,
        renews_years,
        terminated,
        moderator: r.ref_opt("moderator"),
        parties,
        bodies,
        goals,
        common: common?,
    }))
}
