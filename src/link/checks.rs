//! Per-entity checks: every reference resolves to an entity of the right kind and every vocabulary term is defined, with a suggestion when one is near.

use super::*;

/// Checks references and vocabulary terms.
pub(crate) struct Checker<'a> {
    pub(crate) index: &'a Index,
    pub(crate) vocab: &'a Vocabularies,
}

impl Checker<'_> {
    /// The checks of one entity (`check_all` runs the same per type).
    pub(crate) fn check_entity(&self, e: &Entity) -> Vec<Diagnostic> {
        match e {
            Entity::Region(e) => self.region(e),
            Entity::Partner(e) => {
                let mut d = Vec::new();
                self.term(&e.common.source, "kind", "partner_kinds", &e.kind, &mut d);
                d
            }
            Entity::Offer(e) => self.offer(e),
            Entity::Practice(e) => self.practice(e),
            Entity::Agreement(e) => self.agreement(e),
            Entity::Page(_) => Vec::new(),
        }
    }

    pub(super) fn check_all(&self, c: &Content) -> Vec<Diagnostic> {
        let mut out: Vec<Diagnostic> = Vec::new();
        out.par_extend(c.regions.par_iter().flat_map_iter(|e| self.region(e)));
        out.par_extend(c.partners.par_iter().flat_map_iter(|e| {
            let mut d = Vec::new();
            self.term(&e.common.source, "kind", "partner_kinds", &e.kind, &mut d);
            d
        }));
        out.par_extend(c.offers.par_iter().flat_map_iter(|e| self.offer(e)));
        out.par_extend(c.practices.par_iter().flat_map_iter(|e| self.practice(e)));
        out.par_extend(c.agreements.par_iter().flat_map_iter(|e| self.agreement(e)));
        out
    }

    fn region(&self, e: &Region) -> Vec<Diagnostic> {
        let s = &e.common.source;
        let mut d = Vec::new();
        self.term(s, "kind", "region_kinds", &e.kind, &mut d);
        self.refs(s, "coordination", Kind::Partner, &e.coordination, &mut d);
        self.terms(
            s,
            "quality_standards",
            "quality_standards",
            &e.quality_standards,
            &mut d,
        );
        self.refs(
            s,
            "partner_regions",
            Kind::Region,
            &e.partner_regions,
            &mut d,
        );
        for m in &e.steering_group {
            self.reference(
                s,
                "steering_group.partner",
                Kind::Partner,
                &m.partner,
                &mut d,
            );
        }
        for m in &e.milestones {
            self.term(s, "milestones.phase", "network_phases", &m.phase, &mut d);
        }
        d
    }

    fn offer(&self, e: &Offer) -> Vec<Diagnostic> {
        let s = &e.common.source;
        let mut d = Vec::new();
        self.refs(s, "providers", Kind::Partner, &e.providers, &mut d);
        self.refs(s, "regions", Kind::Region, &e.regions, &mut d);
        self.terms(
            s,
            "target_groups",
            "target_groups",
            &e.target_groups,
            &mut d,
        );
        self.terms(s, "fields", "fields", &e.fields, &mut d);
        d
    }

    fn practice(&self, e: &Practice) -> Vec<Diagnostic> {
        let s = &e.common.source;
        let mut d = Vec::new();
        self.refs(s, "regions", Kind::Region, &e.regions, &mut d);
        self.refs(s, "partners", Kind::Partner, &e.partners, &mut d);
        self.terms(s, "fields", "fields", &e.fields, &mut d);
        d
    }

    fn agreement(&self, e: &Agreement) -> Vec<Diagnostic> {
        let s = &e.common.source;
        let mut d = Vec::new();
        self.refs(s, "regions", Kind::Region, &e.regions, &mut d);
        if let Some(m) = &e.moderator {
            self.reference(s, "moderator", Kind::Partner, m, &mut d);
        }
        for p in &e.parties {
            self.reference(s, "parties.partner", Kind::Partner, &p.partner, &mut d);
        }
        for b in &e.bodies {
            self.refs(s, "bodies.members", Kind::Partner, &b.members, &mut d);
            if let Some(c) = &b.chair {
                self.reference(s, "bodies.chair", Kind::Partner, c, &mut d);
            }
        }
        for g in &e.goals {
            if let Some(st) = &g.standard {
                self.term(s, "goals.standard", "quality_standards", st, &mut d);
            }
            self.refs(
                s,
                "goals.responsible",
                Kind::Partner,
                &g.responsible,
                &mut d,
            );
        }
        d
    }

    fn refs(&self, s: &Source, field: &str, kind: Kind, refs: &[Ref], d: &mut Vec<Diagnostic>) {
        for r in refs {
            self.reference(s, field, kind, r, d);
        }
    }

    fn reference(&self, s: &Source, field: &str, kind: Kind, r: &Ref, d: &mut Vec<Diagnostic>) {
        if self.index.get(kind, &r.id).is_some() || self.index.is_broken(kind, &r.id) {
            return;
        }
        if self
            .index
            .drafts
            .get(&kind)
            .is_some_and(|set| set.contains(&r.id))
        {
            d.push(
                Diagnostic::at(
                    Severity::Warning,
                    s,
                    r.span.clone(),
                    msg!(
                        "draft-reference",
                        field = field,
                        kind = kind.label(),
                        id = &r.id
                    ),
                )
                .with_help(msg!("draft-reference-help")),
            );
            return;
        }
        let empty = HashMap::new();
        let ids = self.index.maps.get(&kind).unwrap_or(&empty);
        let help = did_you_mean(&r.id, ids.keys().map(String::as_str)).unwrap_or_else(|| {
            msg!(
                "unknown-reference-help",
                kind = kind.label(),
                dir = kind.dir()
            )
        });
        d.push(
            Diagnostic::at(
                Severity::Error,
                s,
                r.span.clone(),
                msg!(
                    "unknown-reference",
                    kind = kind.label(),
                    id = &r.id,
                    field = field
                ),
            )
            .with_help(help),
        );
    }

    fn terms(&self, s: &Source, field: &str, vocab: &str, terms: &[Term], d: &mut Vec<Diagnostic>) {
        for t in terms {
            self.term(s, field, vocab, t, d);
        }
    }

    fn term(&self, s: &Source, field: &str, vocab: &str, t: &Term, d: &mut Vec<Diagnostic>) {
        let Some(v) = self.vocab.get(vocab) else {
            if self.vocab.unreadable.contains(vocab) {
                return;
            }
            d.push(
                Diagnostic::at(
                    Severity::Error,
                    s,
                    t.span.clone(),
                    msg!("vocabulary-missing", field = field, vocab = vocab),
                )
                .with_help(msg!(
                    "vocabulary-missing-help",
                    vocab = vocab,
                    id = &t.id
                )),
            );
            return;
        };
        if v.label(&t.id).is_some() {
            return;
        }
        let near = nearest(&t.id, v.keys());
        let all: Vec<String> = v.keys().take(12).map(|k| format!("`{k}`")).collect();
        let list: Vec<String> = near.iter().map(|k| format!("`{k}`")).collect();
        // A well-formed key may be a new term: show the line that adds it
        // (`kind = "hwk"` is more often new than a typo of `ihk`).
        let help = match (crate::text::ids::is_valid_id(&t.id), near.is_empty()) {
            (true, true) => msg!(
                "term-add-help",
                id = &t.id,
                vocab = vocab,
                list = all.join(", ")
            ),
            (true, false) => msg!(
                "term-near-or-add-help",
                list = list.join(", "),
                id = &t.id,
                vocab = vocab
            )
            .with_replacement(near[0]),
            (false, true) => msg!("term-allowed", vocab = vocab, list = all.join(", ")),
            (false, false) => msg!("term-did-you-mean", list = list.join(", "), vocab = vocab)
                .with_replacement(near[0]),
        };
        d.push(
            Diagnostic::at(
                Severity::Error,
                s,
                t.span.clone(),
                msg!("unknown-term", id = &t.id, vocab = vocab, field = field),
            )
            .with_help(help),
        );
    }
}
