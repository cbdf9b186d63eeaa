//! JSON-LD (schema.org) for entity pages, escaped so that it can sit inside
//! `<script type="application/ld+json">` without any content ending it.

use super::updated;
use crate::link::Site;
use crate::model::{Kind, Ref};
use crate::section::Labels;
use crate::url::entity_path;
#[cfg(test)]
use serde::Serialize;
use std::collections::BTreeMap;

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
#[cfg(test)]
pub fn script_safe<T: Serialize + ?Sized>(v: &T) -> String {
    let mut out = Vec::with_capacity(1024);
    let mut ser = serde_json::Serializer::with_formatter(&mut out, ScriptSafe);
    if v.serialize(&mut ser).is_err() {
        return "{}".into();
    }
    // serde_json writes only whole characters of valid strings.
    String::from_utf8(out).unwrap_or_else(|_| "{}".into())
}

/// serde_json's compact format with the characters that could end a
/// script element escaped inside strings, in the same pass (keys and
/// values alike; nothing else than strings can hold them).
#[cfg(test)]
struct ScriptSafe;

#[cfg(test)]
impl serde_json::ser::Formatter for ScriptSafe {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        // A byte scan: U+2028 and U+2029 are the only characters to escape
        // that start with 0xE2 (E2 80 A8, E2 80 A9).
        let bytes = fragment.as_bytes();
        // Most strings have nothing to escape: memchr looks many bytes at a time.
        if memchr::memchr3(b'<', b'>', b'&', bytes).is_none()
            && memchr::memchr(0xE2, bytes).is_none()
        {
            return w.write_all(bytes);
        }
        let mut start = 0;
        let mut at = 0;
        while at < bytes.len() {
            let len = match bytes[at] {
                b'<' | b'>' | b'&' => 1,
                0xE2 if matches!(bytes.get(at + 1..at + 3), Some([0x80, 0xA8 | 0xA9])) => 3,
                _ => {
                    at += 1;
                    continue;
                }
            };
            w.write_all(&bytes[start..at])?;
            let c = fragment[at..].chars().next().unwrap_or_default();
            write!(w, "\\u{:04x}", u32::from(c))?;
            at += len;
            start = at;
        }
        w.write_all(&bytes[start..])
    }
}

/// A JSON-LD value that borrows the site's strings rather than copying
/// them into a `serde_json::Value`: pages are many, and their JSON-LD is
/// written once. Objects are sorted by key, as `serde_json::Map` sorts.
enum Ld<'a> {
    Str(&'a str),
    Owned(String),
    List(Vec<Ld<'a>>),
    Obj(Obj<'a>),
}

type Obj<'a> = BTreeMap<&'static str, Ld<'a>>;

impl Ld<'_> {
    /// Writes this value as compact JSON that can sit in a script element:
    /// byte for byte what serde_json writes with `ScriptSafe` (the tests
    /// compare the two), in one pass over each string. Through serde it
    /// was a tenth of an offer page's rendering.
    fn write(&self, out: &mut Vec<u8>) {
        match self {
            Ld::Str(s) => write_str(s, out),
            Ld::Owned(s) => write_str(s, out),
            Ld::List(items) => {
                out.push(b'[');
                for (n, item) in items.iter().enumerate() {
                    if n > 0 {
                        out.push(b',');
                    }
                    item.write(out);
                }
                out.push(b']');
            }
            Ld::Obj(m) => {
                out.push(b'{');
                for (n, (k, v)) in m.iter().enumerate() {
                    if n > 0 {
                        out.push(b',');
                    }
                    write_str(k, out);
                    out.push(b':');
                    v.write(out);
                }
                out.push(b'}');
            }
        }
    }
}

/// A JSON string as serde_json writes it (`\"`, `\\`, `\b \f \n \r \t`,
/// other control characters as `\u00XX`), and, as `ScriptSafe` does, `<`,
/// `>`, `&`, U+2028 and U+2029 as `\uXXXX`.
fn write_str(s: &str, out: &mut Vec<u8>) {
    /// The bytes `write_str` may have to escape (0xE2 starts U+2028/9).
    const SPECIAL: [bool; 256] = super::byte_set(b"\"\\<>&\xe2");
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut start = 0;
    let mut at = 0;
    while at < bytes.len() {
        // Most bytes need nothing: skipped with one table lookup each.
        if !SPECIAL[usize::from(bytes[at])] {
            at += 1;
            continue;
        }
        let b = bytes[at];
        let (len, short): (usize, &[u8]) = match b {
            b'"' => (1, b"\\\""),
            b'\\' => (1, b"\\\\"),
            b'\n' => (1, b"\\n"),
            b'\r' => (1, b"\\r"),
            b'\t' => (1, b"\\t"),
            0x08 => (1, b"\\b"),
            0x0c => (1, b"\\f"),
            0..=0x1f | b'<' | b'>' | b'&' => (1, b""),
            0xe2 if matches!(bytes.get(at + 1..at + 3), Some([0x80, 0xa8 | 0xa9])) => (3, b""),
            _ => {
                at += 1;
                continue;
            }
        };
        out.extend_from_slice(&bytes[start..at]);
        if short.is_empty() {
            // `\u` and the code point in four hex digits.
            let c = u32::from(s[at..].chars().next().unwrap_or_default());
            out.extend_from_slice(b"\\u");
            out.extend((0..4).rev().map(|k| HEX[(c >> (4 * k) & 0xf) as usize]));
        } else {
            out.extend_from_slice(short);
        }
        at += len;
        start = at;
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

#[cfg(test)]
impl Serialize for Ld<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Ld::Str(v) => s.serialize_str(v),
            Ld::Owned(v) => s.serialize_str(v),
            Ld::List(items) => s.collect_seq(items),
            Ld::Obj(m) => s.collect_map(m),
        }
    }
}

fn abs(site: &Site, kind: Kind, id: &str) -> String {
    site.urls.absolute(&entity_path(kind, id))
}

/// A reference to another entity as a small node.
fn node<'a>(site: &'a Site, kind: Kind, r: &Ref) -> Option<Ld<'a>> {
    let i = site.index.get(kind, &r.id)?;
    let (ty, name) = match kind {
        Kind::Partner => {
            let p = &site.partners[i].data;
            (partner_type(&p.kind.id), &p.common.title)
        }
        Kind::Region => ("AdministrativeArea", &site.regions[i].data.common.title),
        _ => ("Thing", &site.common(kind, i).title),
    };
    Some(Ld::Obj(Obj::from([
        ("@type", Ld::Str(ty)),
        ("name", Ld::Str(name)),
        ("url", Ld::Owned(abs(site, kind, &r.id))),
    ])))
}

fn nodes<'a>(site: &'a Site, kind: Kind, refs: &[Ref]) -> Ld<'a> {
    Ld::List(refs.iter().filter_map(|r| node(site, kind, r)).collect())
}

/// `[[contacts]]` as schema.org ContactPoints; the hours are free text,
/// not an OpeningHoursSpecification, so they go into `description`.
fn contact_points(list: &[crate::model::Contact]) -> Ld<'_> {
    Ld::List(
        list.iter()
            .map(|c| {
                let mut o = Obj::from([
                    ("@type", Ld::Str("ContactPoint")),
                    ("name", Ld::Str(&c.name)),
                ]);
                if let Some(role) = &c.role {
                    o.insert("contactType", Ld::Str(role));
                }
                if let Some(phone) = &c.phone {
                    o.insert("telephone", Ld::Str(&phone.e164));
                }
                if let Some(email) = &c.email {
                    o.insert("email", Ld::Str(email));
                }
                if let Some(hours) = &c.hours {
                    o.insert("description", Ld::Str(hours));
                }
                Ld::Obj(o)
            })
            .collect(),
    )
}

/// An offer as a schema.org `Course` (a creative work: `about`,
/// `audience`, `educationalLevel`, `inLanguage` and `provider` are in its
/// domain), its dates as a `CourseInstance` (an event: `startDate`,
/// `endDate`, `location`). docs/content-model.md says why not
/// `EducationalOccupationalProgram` or `EducationEvent`.
fn offer<'a>(site: &'a Site, labels: Labels, i: usize, m: &mut Obj<'a>) {
    let o = &site.offers[i].data;
    m.insert("provider", nodes(site, Kind::Partner, &o.providers));
    let regions = nodes(site, Kind::Region, &o.regions);
    if !matches!(&regions, Ld::List(l) if l.is_empty()) {
        m.insert("spatialCoverage", regions);
    }
    let audience = o
        .target_groups
        .iter()
        .map(|t| {
            Ld::Obj(Obj::from([
                ("@type", Ld::Str("Audience")),
                (
                    "audienceType",
                    Ld::Str(site.vocab.label("target_groups", &t.id)),
                ),
            ]))
        })
        .collect();
    m.insert("audience", Ld::List(audience));
    if !o.fields.is_empty() {
        let about = o
            .fields
            .iter()
            .map(|t| Ld::Str(site.vocab.label("fields", &t.id)))
            .collect();
        m.insert("about", Ld::List(about));
    }
    if !o.grades.is_empty() {
        let grades = o
            .grades
            .iter()
            .map(|g| Ld::Owned(format!("{} {g}", labels.get("grade"))))
            .collect();
        m.insert("educationalLevel", Ld::List(grades));
    }
    // The languages it is offered in, as BCP 47 codes; a name lotse does
    // not know is left out rather than written as a name.
    let codes: Vec<Ld> = o
        .languages
        .iter()
        .filter_map(|l| crate::text::language_names::bcp47(l))
        .map(Ld::Str)
        .collect();
    if !codes.is_empty() {
        m.insert("inLanguage", Ld::List(codes));
    }
    if let Some(u) = &o.url {
        m.insert("sameAs", Ld::Str(u));
    }
    if let Some(start) = o.start {
        let mut run = Obj::from([
            ("@type", Ld::Str("CourseInstance")),
            ("startDate", Ld::Owned(start.to_string())),
        ]);
        if let Some(end) = o.end {
            run.insert("endDate", Ld::Owned(end.to_string()));
        }
        if let Some(place) = &o.location {
            run.insert(
                "location",
                Ld::Obj(Obj::from([
                    ("@type", Ld::Str("Place")),
                    ("name", Ld::Str(place)),
                ])),
            );
        }
        m.insert("hasCourseInstance", Ld::Obj(run));
    }
}

/// The JSON-LD of an entity page, ready for its script element.
pub fn entity_script(site: &Site, labels: Labels, kind: Kind, i: usize) -> String {
    let mut out = Vec::with_capacity(1024);
    entity(site, labels, kind, i).write(&mut out);
    // Only whole strings and ASCII were written.
    String::from_utf8(out).unwrap_or_else(|_| "{}".into())
}

/// The JSON-LD object of an entity page.
fn entity<'a>(site: &'a Site, labels: Labels, kind: Kind, i: usize) -> Ld<'a> {
    let c = site.common(kind, i);
    let mut m = Obj::new();
    m.insert("@context", Ld::Str("https://schema.org"));
    m.insert("name", Ld::Str(&c.title));
    m.insert("url", Ld::Owned(abs(site, kind, &c.id)));
    if let Some(s) = site.summary(kind, i) {
        m.insert("description", Ld::Str(s));
    }
    // `dateModified` and `inLanguage` belong to creative works (offers,
    // practice examples, agreements, pages), not to places and
    // organisations (schema.org's domains).
    if !matches!(kind, Kind::Region | Kind::Partner) {
        if let Some(d) = updated(site, kind, i) {
            m.insert("dateModified", Ld::Owned(d.to_string()));
        }
        m.insert("inLanguage", Ld::Str(&site.config.language));
    }
    let ty = match kind {
        Kind::Region => {
            let r = &site.regions[i].data;
            if let Some(state) = &r.state {
                m.insert(
                    "containedInPlace",
                    Ld::Obj(Obj::from([
                        ("@type", Ld::Str("AdministrativeArea")),
                        ("name", Ld::Str(state)),
                    ])),
                );
            }
            m.insert(
                "additionalType",
                Ld::Str(site.vocab.label("region_kinds", &r.kind.id)),
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
                    m.insert(key, Ld::Str(v));
                }
            }
            if !p.contacts.is_empty() {
                m.insert("contactPoint", contact_points(&p.contacts));
            }
            partner_type(&p.kind.id)
        }
        Kind::Offer => {
            offer(site, labels, i, &mut m);
            "Course"
        }
        Kind::Practice => {
            let p = &site.practices[i].data;
            m.insert("headline", Ld::Str(&c.title));
            m.insert("spatialCoverage", nodes(site, Kind::Region, &p.regions));
            let partners = nodes(site, Kind::Partner, &p.partners);
            if !matches!(&partners, Ld::List(l) if l.is_empty()) {
                m.insert("contributor", partners);
            }
            if let Some(y) = p.year {
                m.insert("temporalCoverage", Ld::Owned(y.to_string()));
            }
            "Article"
        }
        Kind::Agreement => {
            let a = &site.agreements[i].data;
            let t = site.terms[i];
            m.insert("dateCreated", Ld::Owned(a.signed.to_string()));
            m.insert("spatialCoverage", nodes(site, Kind::Region, &a.regions));
            let parties = a
                .parties
                .iter()
                .filter_map(|p| node(site, Kind::Partner, &p.partner))
                .collect();
            m.insert("creator", Ld::List(parties));
            m.insert("creativeWorkStatus", Ld::Str(t.status.as_str()));
            if let Some(end) = t.current_term_end {
                m.insert("expires", Ld::Owned(end.to_string()));
            }
            "DigitalDocument"
        }
        Kind::Page => "WebPage",
    };
    m.insert("@type", Ld::Str(ty));
    Ld::Obj(m)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    #[test]
    fn nothing_can_close_the_script_element() {
        let v =
            json!({"name": "</script><script>alert(1)</script> & <!--", "a\u{2028}<b": "\u{2029}"});
        let s = script_safe(&v);
        assert!(!s.contains(['<', '>', '&', '\u{2028}', '\u{2029}']));
        assert!(s.contains("\\u2028") && s.contains("\\u2029"));
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

    proptest::proptest! {
        /// The one-pass writer writes what serde_json with `ScriptSafe`
        /// writes, for keys and values, in lists and objects.
        #[test]
        fn writer_equals_serde_json_with_script_safe(
            a in text(), b in text(), c in text()
        ) {
            let v = Ld::Obj(Obj::from([
                ("@type", Ld::Str(&a)),
                ("list", Ld::List(vec![Ld::Owned(b.clone()), Ld::Str(&c), Ld::List(vec![])])),
                ("obj", Ld::Obj(Obj::from([("k", Ld::Str(&c))]))),
                ("name", Ld::Obj(Obj::new())),
            ]));
            let mut out = Vec::new();
            v.write(&mut out);
            proptest::prop_assert_eq!(String::from_utf8(out).unwrap(), script_safe(&v));
        }
    }

    /// Texts made mostly of the characters either writer escapes.
    fn text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let tricky = prop::sample::select(vec![
            'a', ' ', '"', '\\', '/', '\n', '\r', '\t', '\u{8}', '\u{c}', '\0', '\u{1f}', '\u{7f}',
            '<', '>', '&', '\u{2028}', '\u{2029}', '\u{2027}', '–', '€', 'ä', 'ß', '\u{85}', '🎓',
        ]);
        let char = prop_oneof![8 => tricky, 1 => any::<char>()];
        prop::collection::vec(char, 0..40).prop_map(|cs| cs.into_iter().collect())
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
