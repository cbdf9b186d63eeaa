//! `[[contacts]]` (issue 16): phone numbers as `tel:` links in E.164,
//! e-mail as `mailto:`, a bad number or address as an error at its line,
//! each partner's contacts as a vCard file that a vCard parser (Python's
//! vobject, from Debian's python3-vobject) reads back, and as
//! `contactPoint` in the partner page's JSON-LD; offer pages show their
//! own contacts or their providers'.

use crate::harness::{Fixture, full_public, links};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

const PARTNER: &str = "partner/agentur-beispiel/";
const VCF: &str = "partner/agentur-beispiel/kontakt.vcf";

fn public(rel: &str) -> String {
    let bytes = full_public()
        .get(rel)
        .unwrap_or_else(|| panic!("no `{rel}` in the built `full` fixture"));
    String::from_utf8(bytes.clone()).unwrap()
}

/// Reads every VCARD of `text` with vobject (`validate=True`) and prints
/// one JSON object per card; exits non-zero (a Python traceback) on any
/// malformed line, a missing END, a bad fold.
const PARSE: &str = r#"
import json, sys, vobject
text = sys.stdin.buffer.read().decode("utf-8")
cards = []
for c in vobject.readComponents(text, validate=True):
    card = {}
    for key in ["fn", "org", "role", "tel", "email", "note", "url", "uid", "version"]:
        if key in c.contents:
            v = c.contents[key][0].value
            card[key] = v if isinstance(v, str) else ";".join(v)
    card["tel_params"] = c.contents["tel"][0].params if "tel" in c.contents else {}
    cards.append(card)
print(json.dumps(cards))
"#;

/// A Python that has vobject: the one on PATH or Debian's system one
/// (where `apt-get install python3-vobject` puts it). None is a failure:
/// scripts/test-all.sh installs it.
fn python_with_vobject() -> &'static str {
    for py in ["python3", "/usr/bin/python3"] {
        let ok = Command::new(py)
            .args(["-c", "import vobject"])
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if ok {
            return py;
        }
    }
    panic!("no python3 with vobject: install python3-vobject (scripts/test-all.sh does)");
}

/// The cards vobject reads from `text`, or its error.
fn parse_vcards(text: &str) -> Result<serde_json::Value, String> {
    let mut child = Command::new(python_with_vobject())
        .args(["-c", PARSE])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    Ok(serde_json::from_slice(&out.stdout).unwrap())
}

#[test]
fn the_vcard_parser_rejects_a_malformed_file() {
    // The check below means something only if the parser can say no.
    for bad in [
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN Beratung\r\nEND:VCARD\r\n",
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Beratung\r\n",
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Beratung\r\nUID:x#kont\r\nakt-1\r\nEND:VCARD\r\n",
    ] {
        assert!(parse_vcards(bad).is_err(), "accepted:\n{bad}");
    }
}

#[test]
fn a_partners_contacts_are_a_vcard_file_a_parser_reads_back() {
    let vcf = public(VCF);
    // RFC 6350 §3.2: CRLF line ends, lines folded at 75 octets.
    assert!(vcf.ends_with("END:VCARD\r\n"), "{vcf}");
    assert!(!vcf.replace("\r\n", "").contains('\n'), "CRLF only:\n{vcf}");
    for line in vcf.split("\r\n") {
        assert!(line.len() <= 75, "longer than 75 octets: {line:?}");
    }
    let cards = parse_vcards(&vcf).unwrap_or_else(|e| panic!("vobject: {e}\n{vcf}"));
    let cards = cards.as_array().unwrap();
    assert_eq!(cards.len(), 2, "one VCARD per contact:\n{vcf}");
    let first = &cards[0];
    assert_eq!(first["version"], "4.0");
    assert_eq!(first["fn"], "Beratungsteam");
    assert_eq!(first["org"], "Agentur für Arbeit Beispielstadt");
    assert_eq!(first["role"], "Berufsberatung");
    assert_eq!(first["tel"], "tel:+493023125200");
    assert_eq!(first["email"], "beratung@arbeitsagentur.example");
    // `;` in a text value is escaped in the file and back after parsing.
    assert_eq!(first["note"], "Mo–Do 8–16 Uhr; Fr 8–12 Uhr");
    assert!(
        first["url"]
            .as_str()
            .unwrap()
            .ends_with("/partner/agentur-beispiel/"),
        "{first}"
    );
    let second = &cards[1];
    // A `,` in the name survives escaping.
    assert_eq!(second["fn"], "Arbeitgeber-Service, Ausbildung");
    assert_eq!(second["tel"], "tel:+493023125201");
    assert!(second.get("email").is_none(), "{second}");
    assert_ne!(first["uid"], second["uid"]);
}

#[test]
fn long_values_are_folded_and_unfold_to_the_original() {
    let fx = Fixture::copy("full");
    let long = "Montag bis Donnerstag von 8 bis 16 Uhr, Freitag von 8 bis 12 Uhr, \
                in den Schulferien nur nach Vereinbarung; außerdem jeden ersten Samstag";
    fx.replace(
        "content/partners/agentur-beispiel.md",
        "hours = \"Mo–Do 8–16 Uhr; Fr 8–12 Uhr\"",
        &format!("hours = \"{long}\""),
    );
    fx.build_ok();
    let vcf = fx.output(VCF);
    assert!(vcf.contains("\r\n "), "a long line is folded:\n{vcf}");
    for line in vcf.split("\r\n") {
        assert!(line.len() <= 75, "longer than 75 octets: {line:?}");
    }
    let cards = parse_vcards(&vcf).unwrap_or_else(|e| panic!("vobject: {e}\n{vcf}"));
    assert_eq!(cards[0]["note"], long);
}

#[test]
fn the_partner_page_links_phone_mail_and_vcard_and_names_the_contacts_in_json_ld() {
    let html = public(&format!("{PARTNER}index.html"));
    let hrefs = links(&html);
    for want in [
        "tel:+493023125200",
        "tel:+493023125201",
        "mailto:beratung@arbeitsagentur.example",
        "/netz/partner/agentur-beispiel/kontakt.vcf",
    ] {
        assert!(
            hrefs.iter().any(|h| h == want),
            "no link to {want} in {hrefs:?}"
        );
    }
    // The number as written stays the link's text.
    assert!(html.contains(">+49 30 23125-200</a>"), "{html}");
    assert!(html.contains("Mo–Do 8–16 Uhr; Fr 8–12 Uhr"));
    let start = html.find("application/ld+json").unwrap();
    let json = &html[html[start..].find('>').unwrap() + start + 1..];
    let json: serde_json::Value =
        serde_json::from_str(&json[..json.find("</script>").unwrap()]).unwrap();
    let points = json["contactPoint"].as_array().expect("contactPoint");
    assert_eq!(points.len(), 2);
    assert_eq!(points[0]["@type"], "ContactPoint");
    assert_eq!(points[0]["name"], "Beratungsteam");
    assert_eq!(points[0]["contactType"], "Berufsberatung");
    assert_eq!(points[0]["telephone"], "+493023125200");
    assert_eq!(points[0]["email"], "beratung@arbeitsagentur.example");
}

#[test]
fn an_offer_without_contacts_shows_its_providers_after_text_and_facts() {
    let html = public("angebote/bewerbungstraining/index.html");
    // Summary and description first, then the key facts, then whom to ask.
    let lead = html
        .find("<p class=\"lead\">")
        .expect("the summary as lead");
    let prose = html.find("class=\"prose\"").unwrap();
    let facts = html.find("class=\"facts\"").unwrap();
    let contacts = html.find("class=\"contacts\"").unwrap();
    assert!(lead < prose && prose < facts && facts < contacts, "order");
    assert!(html.contains("Ansprechpersonen beim Anbieter"));
    assert!(html.contains("href=\"tel:+493023125200\""));
    assert!(html.contains(
        "<a href=\"/netz/partner/agentur-beispiel/\">Agentur für Arbeit Beispielstadt</a></span>"
    ));
    // With contacts of its own, only those.
    let fx = Fixture::copy("full");
    fx.insert_after(
        "content/offers/bewerbungstraining.md",
        "cost = \"kostenfrei\"",
        "contacts = [{ name = \"Anmeldung\", phone = \"030 23125-300\", email = \"anmeldung@example.org\" }]",
    );
    fx.build_ok();
    let html = fx.output("angebote/bewerbungstraining/index.html");
    assert!(html.contains("href=\"tel:+493023125300\""));
    assert!(html.contains("href=\"mailto:anmeldung@example.org\""));
    assert!(!html.contains("tel:+493023125200"));
    assert!(!html.contains("Ansprechpersonen beim Anbieter"));
}

#[test]
fn a_region_shows_its_contacts() {
    let html = public("regionen/stadt-beispiel/index.html");
    assert!(html.contains("href=\"tel:+493023125100\""));
    assert!(html.contains("href=\"mailto:netzwerk@stadt.example\""));
    // No vCard for regions: the file is the partner's.
    assert!(!full_public().contains_key("regionen/stadt-beispiel/kontakt.vcf"));
}

#[test]
fn a_partner_without_contacts_has_no_vcard() {
    assert!(!full_public().contains_key("partner/ihk-beispiel/kontakt.vcf"));
    let html = public("partner/ihk-beispiel/index.html");
    assert!(!html.contains("kontakt.vcf"));
}

#[test]
fn a_bad_phone_number_or_e_mail_is_an_error_at_its_line() {
    let fx = Fixture::copy("full");
    fx.overlay("contact-bad");
    let run = fx.check();
    run.code(1);
    assert_eq!(run.errors().len(), 6, "{run}");
    let partner = "content/partners/kontakt-fehler.md";
    run.error_at(&fx.pos(partner, "\"06074 81800 x12\""))
        .says("`06074 81800 x12` in `contacts[1].phone` is not a phone number that can be tapped and dialled")
        .helps("use digits, a leading + and the separators space - / ( ); `x` is not one of them. Write an extension with a hyphen: 06074 8180-12");
    run.error_at(&fx.pos(partner, "\"81800\""))
        .says("`81800` in `contacts[2].phone` is not a phone number that can be tapped and dialled")
        .helps("write the number with its area code, e.g. 06074 81800 or +49 6074 81800");
    run.error_at(&fx.pos(partner, "\"+49 06074 81800\""))
        .helps("after +49 the 0 of the area code is left out: +49 6074 81800, not +49 06074 81800");
    run.error_at(&fx.pos_nth(partner, "[[contacts]]", 4))
        .says("missing required field `contacts[4].name`");
    let offer = "content/offers/kontakt-fehler.md";
    run.error_at(&fx.pos(offer, "\"anmeldung at example.org\""))
        .says("`anmeldung at example.org` in `contacts[1].email` is not an e-mail address")
        .helps(
            "an e-mail address looks like name@example.org, without spaces and without `mailto:`",
        );
    run.error_at(&fx.pos(offer, "\"0800 1234 5678 9012 3\""))
        .helps("a phone number has 7 to 15 digits with its country code (in Germany at most 13 after the 49); this one has 18");
    fx.build().code(1);
    // In German, for the coordinators.
    let de = crate::harness::run_in_env(fx.root(), &["check"], &[("LOTSE_LANG", Path::new("de"))]);
    assert!(
        de.stderr.contains("„81800“ im Feld „contacts[2].phone“ ist keine Telefonnummer, die man antippen und wählen kann"),
        "{}",
        de.stderr
    );
    assert!(de.stderr.contains("Schreiben Sie die Nummer mit Vorwahl"));
    assert!(de.stderr.contains(
        "„anmeldung at example.org“ im Feld „contacts[1].email“ ist keine E-Mail-Adresse"
    ));
}
