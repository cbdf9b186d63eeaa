//! Back-references: what points at each partner and region, computed once
//! in one pass over the site (authors never write them twice).

use super::Site;
use crate::model::Kind;

/// Lists of positions, each indexed by the position of the partner/region.
#[derive(Clone, Debug, Default)]
pub struct Backrefs {
    /// Regions whose steering group or coordination names the partner.
    pub partner_regions: Vec<Vec<usize>>,
    pub partner_offers: Vec<Vec<usize>>,
    pub partner_practices: Vec<Vec<usize>>,
    /// Agreements the partner signed, moderates, sits in a body of or is
    /// responsible for a goal of.
    pub partner_agreements: Vec<Vec<usize>>,
    pub region_offers: Vec<Vec<usize>>,
    pub region_practices: Vec<Vec<usize>>,
    pub region_agreements: Vec<Vec<usize>>,
    /// Partner regions in both directions.
    pub region_partner_regions: Vec<Vec<usize>>,
}

/// Adds `from` to the target's list. Callers visit sources in order, so a
/// repeat can only be the last entry: no scan, no quadratic step.
fn push(lists: &mut [Vec<usize>], target: Option<usize>, from: usize) {
    if let Some(t) = target {
        let l = &mut lists[t];
        if l.last() != Some(&from) {
            l.push(from);
        }
    }
}

/// Every entity that entity `i` of `kind` refers to, sorted, without
/// repeats: what its back-references are made of.
pub fn refs_of(site: &Site, kind: Kind, i: usize) -> Vec<(Kind, String)> {
    let (p, r) = (Kind::Partner, Kind::Region);
    let mut out: Vec<(Kind, String)> = Vec::new();
    let mut add = |k: Kind, refs: &mut dyn Iterator<Item = &crate::model::Ref>| {
        out.extend(refs.map(|x| (k, x.id.clone())));
    };
    match kind {
        Kind::Region => {
            let e = &site.regions[i].data;
            add(p, &mut e.coordination.iter());
            add(r, &mut e.partner_regions.iter());
            add(p, &mut e.steering_group.iter().map(|m| &m.partner));
        }
        Kind::Offer => {
            let e = &site.offers[i].data;
            add(p, &mut e.providers.iter());
            add(r, &mut e.regions.iter());
        }
        Kind::Practice => {
            let e = &site.practices[i].data;
            add(r, &mut e.regions.iter());
            add(p, &mut e.partners.iter());
        }
        Kind::Agreement => {
            let e = &site.agreements[i].data;
            add(r, &mut e.regions.iter());
            add(p, &mut e.moderator.iter());
            add(p, &mut e.parties.iter().map(|x| &x.partner));
            for b in &e.bodies {
                add(p, &mut b.members.iter().chain(b.chair.iter()));
            }
            for g in &e.goals {
                add(p, &mut g.responsible.iter());
            }
        }
        Kind::Partner | Kind::Page => {}
    }
    out.sort();
    out.dedup();
    out
}

impl Backrefs {
    pub fn compute(site: &Site) -> Backrefs {
        let np = site.partners.len();
        let nr = site.regions.len();
        let mut b = Backrefs {
            partner_regions: vec![Vec::new(); np],
            partner_offers: vec![Vec::new(); np],
            partner_practices: vec![Vec::new(); np],
            partner_agreements: vec![Vec::new(); np],
            region_offers: vec![Vec::new(); nr],
            region_practices: vec![Vec::new(); nr],
            region_agreements: vec![Vec::new(); nr],
            region_partner_regions: vec![Vec::new(); nr],
        };
        let p = |id: &str| site.index.get(Kind::Partner, id);
        let r = |id: &str| site.index.get(Kind::Region, id);
        for (i, reg) in site.regions.iter().enumerate() {
            let e = &reg.data;
            for m in &e.steering_group {
                push(&mut b.partner_regions, p(&m.partner.id), i);
            }
            for c in &e.coordination {
                push(&mut b.partner_regions, p(&c.id), i);
            }
            for other in &e.partner_regions {
                if let Some(o) = r(&other.id).filter(|&o| o != i) {
                    push(&mut b.region_partner_regions, Some(i), o);
                    push(&mut b.region_partner_regions, Some(o), i);
                }
            }
        }
        for (i, o) in site.offers.iter().enumerate() {
            for x in &o.data.providers {
                push(&mut b.partner_offers, p(&x.id), i);
            }
            for x in &o.data.regions {
                push(&mut b.region_offers, r(&x.id), i);
            }
        }
        for (i, o) in site.practices.iter().enumerate() {
            for x in &o.data.partners {
                push(&mut b.partner_practices, p(&x.id), i);
            }
            for x in &o.data.regions {
                push(&mut b.region_practices, r(&x.id), i);
            }
        }
        for (i, a) in site.agreements.iter().enumerate() {
            let e = &a.data;
            for x in &e.regions {
                push(&mut b.region_agreements, r(&x.id), i);
            }
            let partners = e
                .parties
                .iter()
                .map(|x| &x.partner)
                .chain(e.moderator.iter())
                .chain(
                    e.bodies
                        .iter()
                        .flat_map(|b| b.members.iter().chain(b.chair.iter())),
                )
                .chain(e.goals.iter().flat_map(|g| g.responsible.iter()));
            for x in partners {
                push(&mut b.partner_agreements, p(&x.id), i);
            }
        }
        for l in &mut b.region_partner_regions {
            l.sort_unstable();
            l.dedup();
        }
        b
    }
}
