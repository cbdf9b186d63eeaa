//! JSON-LD (schema.org) for entity pages, escaped so that it can sit inside
//! `<script type="application/ld+json">` without any content ending it.

use super::{summary, updated};
use crate::link::Site;
use crate::model::{Kind, Ref};
use crate::url::entity_path;
use serde_json::{Map, Value, json};

/// schema.org type of a partner by its kind.
pub fn partner_type(kind: &str) -> &'static str {
    match kind {
        "agentur-fuer-arbeit" | "schulamt" | "kommune" | "jobcenter" | "landesbehoerde" => {
            "GovernmentOrganization"
        }
        "schule" | "hochschule" | "bildungstraeger" => "EducationalOrganization",
        k if k.contains("schul") || k.contains("bildung") => "EducationalOrganization",
        k if k.contains("amt") || k.contains("behoerde") || k.contains("kommun") => {
            "GovernmentOrganization"
        }
        _ => "Organization",
    }
}

/// Serializes JSON for a script element: `<`, `>` and `&` as `\u003c`,
/// `\u003e`, `\u0026`, and the JavaScript line separators escaped, so that
/// no string can close the element or open a comment.
pub fn script_safe(v: &Value) -> String {
    let s = serde_json::to_string(v).unwrap_or_else(|_| "{}".into());
    // Most documents have nothing to escape: memchr looks for the bytes
    // many at a time (a byte-by-byte scan was a fifth of this function).
    let b = s.as_bytes();
    let line_separator = memchr::memchr_iter(0xE2, b)
        .any(|i| b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0xA8 | 0xA9)));
    if memchr::memchr3(b'<', b'>', b'&', b).is_none() && !line_separator {
        return s;
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

fn abs(site: &Site, kind: Kind, id: &str) -> String {
    site.urls.absolute(&entity_path(kind, id))
}

/// A reference to another entity as a small node.
fn node(site: &Site, kind: Kind, r: &Ref) -> Option<Value> {
    let i = site.index.get(kind, &r.id)?;
    let (ty, name) = match kind {
        Kind::Partner => {
            let p = &site.partners[i].data;
            (partner_type(&p.kind.id), &p.common.title)
        }
        Kind::Region => ("AdministrativeArea", &site.regions[i].data.common.title),
        _ => ("Thing", &crate::routes::entity_common(site, kind, i).title),
    };
    Some(json!({"@type": ty, "name": name, "url": abs(site, kind, &r.id)}))
}

fn nodes(site: &Site, kind: Kind, refs: &[Ref]) -> Vec<Value> {
    refs.iter().filter_map(|r| node(site, kind, r)).collect()
}

/// The JSON-LD object of an entity page.
pub fn entity(site: &Site, kind: Kind, i: usize) -> Value {
    let c = crate::routes::entity_common(site, kind, i);
    let mut m = Map::new();
    m.insert("@context".into(), json!("https://schema.org"));
    m.insert("name".into(), json!(c.title));
    m.insert("url".into(), json!(abs(site, kind, &c.id)));
    if let Some(s) = summary(site, kind, i) {
        m.insert("description".into(), json!(s));
    }
    if let Some(d) = updated(site, kind, i) {
        m.insert("dateModified".into(), json!(d.to_string()));
    }
    m.insert("inLanguage".into(), json!(site.config.language));
    let ty = match kind {
        Kind::Region => {
            let r = &site.regions[i].data;
            if let Some(state) = &r.state {
                m.insert(
                    "containedInPlace".into(),
                    json!({"@type": "AdministrativeArea", "name": state}),
                );
            }
            m.insert(
                "additionalType".into(),
                json!(site.vocab.label("region_kinds", &r.kind.id)),
            );
            "AdministrativeArea"
        }
        Kind::Partner => {
            let p = &site.partners[i].data;
            for (key, v) in [
                ("alternateName", &p.short),
                ("email", &p.email),
                ("telephone", &p.phone),
                ("address", &p.address),
                ("sameAs", &p.website),
            ] {
                if let Some(v) = v {
                    m.insert(key.into(), json!(v));
                }
            }
            partner_type(&p.kind.id)
        }
        Kind::Offer => {
            let o = &site.offers[i].data;
            m.insert(
                "provider".into(),
                json!(nodes(site, Kind::Partner, &o.providers)),
            );
            m.insert(
                "areaServed".into(),
                json!(nodes(site, Kind::Region, &o.regions)),
            );
            let audience: Vec<Value> = o
                .target_groups
                .iter()
                .map(|t| {
                    json!({"@type": "Audience", "audienceType": site.vocab.label("target_groups", &t.id)})
                })
                .collect();
            m.insert("audience".into(), json!(audience));
            if !o.fields.is_empty() {
                let about: Vec<&str> = o
                    .fields
                    .iter()
                    .map(|t| site.vocab.label("fields", &t.id))
                    .collect();
                m.insert("about".into(), json!(about));
            }
            if let Some(d) = o.start {
                m.insert("startDate".into(), json!(d.to_string()));
            }
            if let Some(d) = o.end {
                m.insert("endDate".into(), json!(d.to_string()));
            }
            if !o.grades.is_empty() {
                let grades: Vec<String> = o.grades.iter().map(|g| format!("Klasse {g}")).collect();
                m.insert("educationalLevel".into(), json!(grades));
            }
            if !o.languages.is_empty() {
                m.insert("inLanguage".into(), json!(o.languages));
            }
            if let Some(u) = &o.url {
                m.insert("sameAs".into(), json!(u));
            }
            // Further training for professionals is a course; everything
            // else leads towards an occupation.
            let for_professionals = o.fields.iter().any(|f| f.id == "fortbildung")
                || (!o.target_groups.is_empty()
                    && o.target_groups
                        .iter()
                        .all(|t| matches!(t.id.as_str(), "lehrkraefte" | "netzwerkpartner")));
            if for_professionals {
                "Course"
            } else {
                "EducationalOccupationalProgram"
            }
        }
        Kind::Practice => {
            let p = &site.practices[i].data;
            m.insert("headline".into(), json!(c.title));
            m.insert(
                "spatialCoverage".into(),
                json!(nodes(site, Kind::Region, &p.regions)),
            );
            let partners = nodes(site, Kind::Partner, &p.partners);
            if !partners.is_empty() {
                m.insert("contributor".into(), json!(partners));
            }
            if let Some(y) = p.year {
                m.insert("temporalCoverage".into(), json!(y.to_string()));
            }
            "Article"
        }
        Kind::Agreement => {
            let a = &site.agreements[i].data;
            let t = site.terms[i];
            m.insert("dateCreated".into(), json!(a.signed.to_string()));
            m.insert(
                "spatialCoverage".into(),
                json!(nodes(site, Kind::Region, &a.regions)),
            );
            let parties: Vec<Value> = a
                .parties
                .iter()
                .filter_map(|p| node(site, Kind::Partner, &p.partner))
                .collect();
            m.insert("creator".into(), json!(parties));
            m.insert("creativeWorkStatus".into(), json!(t.status.as_str()));
            if let Some(end) = t.current_term_end {
                m.insert("expires".into(), json!(end.to_string()));
            }
            "DigitalDocument"
        }
        Kind::Page => "WebPage",
    };
    m.insert("@type".into(), json!(ty));
    Value::Object(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_can_close_the_script_element() {
        let v = json!({"name": "</script><script>alert(1)</script> & <!--"});
        let s = script_safe(&v);
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'));
        assert!(s.contains("\\u003c/script\\u003e"));
        let back: Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v);
    }

    #[test]
    fn line_separators_are_escaped_and_dashes_kept() {
        let v = json!({"a": "x\u{2028}y\u{2029}z – w"});
        assert_eq!(script_safe(&v), "{\"a\":\"x\\u2028y\\u2029z – w\"}");
        let dash = json!({"a": "Schule–Beruf"});
        assert_eq!(script_safe(&dash), serde_json::to_string(&dash).unwrap());
    }

    #[test]
    fn partner_types_by_kind() {
        assert_eq!(
            partner_type("agentur-fuer-arbeit"),
            "GovernmentOrganization"
        );
        assert_eq!(partner_type("schule"), "EducationalOrganization");
        assert_eq!(partner_type("ihk"), "Organization");
    }
}
