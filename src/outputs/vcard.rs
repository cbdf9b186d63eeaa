//! The contacts of a partner as vCards (RFC 6350, version 4.0):
//! `/partner/<id>/kontakt.vcf`, one VCARD per `[[contacts]]` row, so that a
//! phone adds each person or desk as its own address-book entry, each with
//! the partner as `ORG`. Text is escaped and lines are folded at 75 octets
//! with CRLF ends, as in iCalendar (the same rules, RFC 6350 §3.2, §3.4).

use super::ics::{escape, fold};
use crate::link::Site;
use crate::model::Kind;
use crate::url::entity_path;

/// The vCard file of partner `i`; empty when it has no contacts (then no
/// route asks for it).
pub fn partner(site: &Site, i: usize) -> Vec<u8> {
    let p = &site.partners[i].data;
    let url = site
        .urls
        .absolute(&entity_path(Kind::Partner, &p.common.id));
    let mut out = String::new();
    for (n, c) in p.contacts.iter().enumerate() {
        fold("BEGIN:VCARD", &mut out);
        fold("VERSION:4.0", &mut out);
        fold(&format!("FN:{}", escape(&c.name)), &mut out);
        // ORG is a structured value: only `;` separates its parts, so the
        // name's own `;` and `,` are escaped like any text.
        fold(&format!("ORG:{}", escape(&p.common.title)), &mut out);
        if let Some(role) = &c.role {
            fold(&format!("ROLE:{}", escape(role)), &mut out);
        }
        if let Some(phone) = &c.phone {
            fold(
                &format!("TEL;VALUE=uri;TYPE=work,voice:tel:{}", phone.e164),
                &mut out,
            );
        }
        if let Some(email) = &c.email {
            fold(&format!("EMAIL;TYPE=work:{}", escape(email)), &mut out);
        }
        if let Some(hours) = &c.hours {
            fold(&format!("NOTE:{}", escape(hours)), &mut out);
        }
        fold(&format!("URL:{url}"), &mut out);
        // Stable across builds: a re-import updates the entry instead of
        // adding a second one.
        fold(&format!("UID:{url}#kontakt-{}", n + 1), &mut out);
        fold("END:VCARD", &mut out);
    }
    out.into_bytes()
}
