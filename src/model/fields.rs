//! The one table of the fields each content type, `site.toml` and the home
//! page take: key, kind of value, whether it is required, and a short
//! German title and description. The reader warns about keys not in it,
//! `lotse schema` writes JSON Schema from it and `lotse new` its skeleton,
//! so the three cannot drift apart; a unit test reads a document with every
//! field and checks that the reader asks for exactly these keys.

use super::Kind;

/// What a field holds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Ty {
    /// Text; when required, not empty.
    Str,
    /// A web address (`https://…`).
    Url,
    /// A colour `#00508c`.
    Color,
    Bool,
    /// `2026-09-30` (TOML date or a string of that form).
    Date,
    /// An integer within the bounds.
    Int(i64, i64),
    /// A list of integers within the bounds.
    IntList(i64, i64),
    /// A list of texts.
    StrList,
    /// A phone number that normalises to E.164 (`06074 81800`).
    Phone,
    /// An e-mail address.
    Email,
    /// A language code (`de`, `tr`).
    Lang,
    /// A list of language codes.
    LangList,
    /// The id of an entity of that type.
    Ref(Kind),
    /// A list of ids of that type; when required, at least one.
    Refs(Kind),
    /// A key of that vocabulary.
    Term(&'static str),
    /// A list of keys of that vocabulary; when required, at least one.
    Terms(&'static str),
    /// One of the values, each with its German alias (or "").
    OneOf(&'static [(&'static str, &'static str)]),
    /// A sub-table (`[markdown]`).
    Table(&'static [Field]),
    /// An array of tables (`[[milestones]]`).
    Tables(&'static [Field]),
    /// One sub-table per language of the site (`[translations.en]`).
    PerLanguage(&'static [Field]),
}

/// One field of a table.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Field {
    pub key: &'static str,
    pub ty: Ty,
    pub required: bool,
    /// Short German name, shown by editors.
    pub title: &'static str,
    /// One plain German sentence on what goes here.
    pub help: &'static str,
}

const fn f(key: &'static str, ty: Ty, title: &'static str, help: &'static str) -> Field {
    Field {
        key,
        ty,
        required: false,
        title,
        help,
    }
}

const fn req(key: &'static str, ty: Ty, title: &'static str, help: &'static str) -> Field {
    Field {
        key,
        ty,
        required: true,
        title,
        help,
    }
}

/// `status` of a milestone; the German words are accepted as well.
pub const MILESTONE_STATUS: &[(&str, &str)] = &[
    ("done", "erledigt"),
    ("in-progress", "in-arbeit"),
    ("open", "offen"),
];
/// `status` of a goal; the German words are accepted as well.
pub const GOAL_STATUS: &[(&str, &str)] = &[
    ("planned", "geplant"),
    ("in-progress", "in-arbeit"),
    ("done", "erledigt"),
    ("postponed", "verschoben"),
    ("dropped", "verworfen"),
];
/// `kind` of a body of an agreement.
pub const BODY_KINDS: &[(&str, &str)] = &[("decision", ""), ("advisory", ""), ("working", "")];
/// The ADMS publisher types `[open_data.publisher] type` takes, with a
/// German alias.
pub const PUBLISHER_TYPES: &[(&str, &str)] = &[
    ("LocalAuthority", "Kommune"),
    ("RegionalAuthority", "Land"),
    ("NationalAuthority", "Bund"),
    ("PublicBody", "Öffentliche Stelle"),
    ("NonProfitOrganisation", "Gemeinnützige Organisation"),
    ("Company", "Unternehmen"),
];
/// `raw_html` in `[markdown]` of site.toml.
pub const RAW_HTML: &[(&str, &str)] = &[("sanitize", ""), ("allow", ""), ("escape", "")];

/// The fields every content type has (CONTENT-MODEL.md §2).
#[rustfmt::skip]
pub const COMMON: &[Field] = &[
    req("title", Ty::Str, "Titel", "Der Name des Eintrags, wie er auf der Website steht."),
    f("summary", Ty::Str, "Kurzbeschreibung", "Ein bis zwei Sätze für Listen und Suchmaschinen; sonst der erste Absatz."),
    f("easy_summary", Ty::Str, "Kurzbeschreibung in Leichter Sprache", "Dieselbe Kurzbeschreibung in Leichter Sprache."),
    f("draft", Ty::Bool, "Entwurf", "true: wird nur mit --drafts gebaut."),
    f("updated", Ty::Date, "Stand", "Wann der Eintrag zuletzt geändert wurde, z. B. 2026-01-31."),
    f("checked", Ty::Date, "Geprüft am", "Wann die Angaben zuletzt geprüft wurden, z. B. 2026-01-31."),
    f("aliases", Ty::StrList, "Alte Adressen", "Frühere Pfade, die hierher weiterleiten, z. B. \"/alt/pfad/\"."),
    f("description", Ty::Str, "Beschreibung (alter Name)", "Älterer Name für summary."),
];

#[rustfmt::skip]
const STEERING_GROUP: &[Field] = &[
    req("partner", Ty::Ref(Kind::Partner), "Partner", "Die ID des Partners in der Steuerungsgruppe."),
    f("role", Ty::Str, "Rolle", "Zum Beispiel Vorsitz."),
    f("since", Ty::Date, "Seit", "Seit wann der Partner dabei ist."),
    f("until", Ty::Date, "Bis", "Bis wann der Partner dabei war; nicht vor since."),
];

#[rustfmt::skip]
const MILESTONES: &[Field] = &[
    req("phase", Ty::Term("network_phases"), "Phase", "Die Netzwerkphase aus vocabularies.toml."),
    req("indicator", Ty::Str, "Indikator", "Woran man sieht, dass der Meilenstein erreicht ist."),
    req("status", Ty::OneOf(MILESTONE_STATUS), "Stand", "erledigt, in Arbeit oder offen."),
    f("date", Ty::Date, "Datum", "Wann der Meilenstein erreicht wurde oder erreicht werden soll."),
    f("evidence", Ty::Str, "Nachweis", "Zum Beispiel Protokoll der Sitzung."),
];

/// `[[contacts]]` of a region, partner or offer: a person or desk to ask.
#[rustfmt::skip]
pub const CONTACTS: &[Field] = &[
    req("name", Ty::Str, "Name", "Eine Person oder eine Stelle, z. B. Beratungsteam."),
    f("role", Ty::Str, "Aufgabe", "Zum Beispiel Berufsberatung."),
    f("phone", Ty::Phone, "Telefon", "Mit Vorwahl, z. B. 06074 81800 oder +49 6074 8180-0."),
    f("email", Ty::Email, "E-Mail", "Eine öffentliche Adresse, z. B. beratung@example.org."),
    f("hours", Ty::Str, "Sprechzeiten", "Zum Beispiel Mo–Do 9–12 Uhr."),
];

/// Region (`content/regions/`).
#[rustfmt::skip]
pub const REGION: &[Field] = &[
    req("kind", Ty::Term("region_kinds"), "Art der Region", "Ein Schlüssel aus region_kinds in vocabularies.toml."),
    f("state", Ty::Str, "Bundesland", "Zum Beispiel Hessen."),
    f("ars", Ty::Str, "Regionalschlüssel", "12 Ziffern, z. B. \"064380000000\" (Kreis Offenbach); auch der 5-stellige Kreisschlüssel \"06438\"; ars oder ags genügt."),
    f("ags", Ty::Str, "Gemeindeschlüssel", "8 Ziffern, z. B. \"06413000\" (Offenbach am Main); auch der 5-stellige Kreisschlüssel."),
    f("program", Ty::Str, "Landesprogramm", "Zum Beispiel OloV oder KAoA."),
    f("coordination", Ty::Refs(Kind::Partner), "Koordinierung", "IDs der Partner, die das Netzwerk koordinieren."),
    f("phase", Ty::Int(1, 5), "Phase", "1 (Wer koordiniert?) bis 5 (Alltag und Steuerung)."),
    f("decision_rule", Ty::Str, "Entscheidungsregel", "Zum Beispiel Einstimmigkeit."),
    f("meeting_cadence", Ty::Str, "Sitzungsrhythmus", "Zum Beispiel vierteljährlich."),
    f("quality_standards", Ty::Terms("quality_standards"), "Qualitätsstandards", "Schlüssel aus quality_standards in vocabularies.toml."),
    f("partner_regions", Ty::Refs(Kind::Region), "Partnerregionen", "IDs anderer Regionen."),
    f("steering_group", Ty::Tables(STEERING_GROUP), "Steuerungsgruppe", "Je Mitglied ein Block [[steering_group]]."),
    f("milestones", Ty::Tables(MILESTONES), "Meilensteine", "Je Meilenstein ein Block [[milestones]]."),
    f("contacts", Ty::Tables(CONTACTS), "Ansprechpersonen", "Je Ansprechperson oder Stelle ein Block [[contacts]]."),
];

/// Partner (`content/partners/`).
#[rustfmt::skip]
pub const PARTNER: &[Field] = &[
    req("kind", Ty::Term("partner_kinds"), "Art des Partners", "Ein Schlüssel aus partner_kinds in vocabularies.toml."),
    f("short", Ty::Str, "Kurzname", "Zum Beispiel IHK."),
    f("website", Ty::Url, "Website", "Die Adresse mit https://."),
    f("email", Ty::Str, "E-Mail", "Eine öffentliche Kontaktadresse."),
    f("phone", Ty::Str, "Telefon", "Eine öffentliche Telefonnummer."),
    f("address", Ty::Str, "Anschrift", "Straße, Postleitzahl und Ort."),
    f("contacts", Ty::Tables(CONTACTS), "Ansprechpersonen", "Je Ansprechperson oder Stelle ein Block [[contacts]]."),
];

/// Offer (`content/offers/`).
#[rustfmt::skip]
pub const OFFER: &[Field] = &[
    req("providers", Ty::Refs(Kind::Partner), "Anbieter", "IDs der Partner, die das Angebot machen; mindestens einer."),
    req("regions", Ty::Refs(Kind::Region), "Regionen", "IDs der Regionen; mindestens eine."),
    req("target_groups", Ty::Terms("target_groups"), "Zielgruppen", "Schlüssel aus target_groups in vocabularies.toml; mindestens einer."),
    f("fields", Ty::Terms("fields"), "Handlungsfelder", "Schlüssel aus fields in vocabularies.toml."),
    f("grades", Ty::IntList(1, 13), "Klassenstufen", "Zum Beispiel [8, 9, 10]."),
    f("start", Ty::Date, "Beginn", "Erster Tag, z. B. 2026-09-01."),
    f("end", Ty::Date, "Ende", "Letzter Tag, nicht vor dem Beginn."),
    f("months", Ty::IntList(1, 12), "Monate", "Für Angebote, die jedes Jahr wiederkehren: die Monate, z. B. [9, 10] für September und Oktober."),
    f("schedule", Ty::Str, "Termine", "Zum Beispiel dienstags 14–16 Uhr."),
    f("cost", Ty::Str, "Kosten", "Zum Beispiel kostenfrei."),
    f("location", Ty::Str, "Ort", "Wo das Angebot stattfindet."),
    f("contact", Ty::Str, "Kontakt", "Wer Fragen beantwortet."),
    f("url", Ty::Url, "Weitere Informationen", "Eine Adresse mit https://."),
    f("languages", Ty::StrList, "Sprachen", "Zum Beispiel [\"Deutsch\", \"Türkisch\"]."),
    f("accessibility", Ty::Str, "Barrierefreiheit", "Zum Beispiel stufenloser Zugang."),
    f("contacts", Ty::Tables(CONTACTS), "Ansprechpersonen", "Je Ansprechperson oder Stelle ein Block [[contacts]]."),
];

/// Practice example (`content/practice/`).
#[rustfmt::skip]
pub const PRACTICE: &[Field] = &[
    req("regions", Ty::Refs(Kind::Region), "Regionen", "IDs der Regionen; mindestens eine."),
    f("partners", Ty::Refs(Kind::Partner), "Partner", "IDs der beteiligten Partner."),
    f("fields", Ty::Terms("fields"), "Handlungsfelder", "Schlüssel aus fields in vocabularies.toml."),
    f("year", Ty::Int(1900, 2200), "Jahr", "Zum Beispiel 2026."),
];

#[rustfmt::skip]
const PARTIES: &[Field] = &[
    req("partner", Ty::Ref(Kind::Partner), "Partner", "Die ID des Partners, der unterzeichnet."),
    f("represented_by", Ty::Str, "Vertreten durch", "Wer für den Partner unterschreibt."),
];

#[rustfmt::skip]
const BODIES: &[Field] = &[
    req("name", Ty::Str, "Name", "Zum Beispiel Entscheidungsgremium."),
    f("kind", Ty::OneOf(BODY_KINDS), "Art", "decision, advisory oder working."),
    f("members", Ty::Refs(Kind::Partner), "Mitglieder", "IDs der Partner im Gremium."),
    f("chair", Ty::Ref(Kind::Partner), "Vorsitz", "Die ID des Partners, der den Vorsitz hat."),
    f("meets", Ty::Str, "Sitzungen", "Zum Beispiel zweimal im Jahr."),
];

#[rustfmt::skip]
const GOALS: &[Field] = &[
    req("goal", Ty::Str, "Ziel", "Was erreicht werden soll."),
    f("standard", Ty::Term("quality_standards"), "Qualitätsstandard", "Ein Schlüssel aus quality_standards in vocabularies.toml."),
    f("responsible", Ty::Refs(Kind::Partner), "Verantwortlich", "IDs der verantwortlichen Partner."),
    f("due", Ty::Date, "Fällig", "Bis wann, z. B. 2027-07-31."),
    req("status", Ty::OneOf(GOAL_STATUS), "Stand", "geplant, in Arbeit, erledigt, verschoben oder verworfen."),
];

/// Agreement (`content/agreements/`).
#[rustfmt::skip]
pub const AGREEMENT: &[Field] = &[
    req("regions", Ty::Refs(Kind::Region), "Regionen", "IDs der Regionen; mindestens eine."),
    req("signed", Ty::Date, "Unterzeichnet am", "Das Datum der Unterschrift, z. B. 2026-01-31."),
    f("in_force", Ty::Date, "Gültig ab", "Sonst gilt das Datum der Unterschrift."),
    f("term_years", Ty::Int(1, 1000), "Laufzeit in Jahren", "Zum Beispiel 5."),
    f("renews_years", Ty::Int(0, 1000), "Verlängerung in Jahren", "0: keine automatische Verlängerung."),
    f("terminated", Ty::Date, "Beendet am", "Nicht vor dem Datum der Unterschrift."),
    f("moderator", Ty::Ref(Kind::Partner), "Moderation", "Die ID des moderierenden Partners."),
    f("parties", Ty::Tables(PARTIES), "Vertragspartner", "Je Partner ein Block [[parties]]."),
    f("bodies", Ty::Tables(BODIES), "Gremien", "Je Gremium ein Block [[bodies]]."),
    f("goals", Ty::Tables(GOALS), "Ziele", "Je Ziel ein Block [[goals]]."),
];

/// Free page (`content/pages/`): only the common fields and `lang`.
#[rustfmt::skip]
pub const PAGE: &[Field] = &[f(
    "lang",
    Ty::Lang,
    "Sprache",
    "Nur wenn die Seite nicht in der Sprache der Website geschrieben ist, z. B. tr.",
)];

/// `content/_index.md`: the home page's front matter.
#[rustfmt::skip]
pub const HOME: &[Field] = &[
    f("title", Ty::Str, "Titel", "Der Titel der Startseite."),
    f("description", Ty::Str, "Beschreibung", "Die Beschreibung der Startseite für Suchmaschinen."),
];

#[rustfmt::skip]
const MARKDOWN: &[Field] = &[f(
    "raw_html",
    Ty::OneOf(RAW_HTML),
    "HTML im Text",
    "sanitize (Standard): bereinigt; allow: wie geschrieben; escape: als Text gezeigt.",
)];

/// `[history]` in site.toml.
#[rustfmt::skip]
const HISTORY: &[Field] = &[
    f("show", Ty::Bool, "Änderungsverlauf zeigen", "false: Die Seiten zeigen keine Commit-Nachrichten; Standard true."),
];

/// `[brand]` in site.toml.
#[rustfmt::skip]
const BRAND: &[Field] = &[
    f("logo", Ty::Str, "Logo", "Eine Datei unter static/, als Pfad der Website, z. B. \"/media/kreis-logo.svg\"."),
    f("logo_alt", Ty::Str, "Text zum Logo", "Was das Logo zeigt, für Screenreader, z. B. Kreis Coesfeld; sonst der Name der Website."),
    f("color", Ty::Color, "Farbe", "Farbe von Kopfzeile, Links und Akzenten, z. B. \"#00508c\"; Kontrast mit Weiß mindestens 4,5:1."),
];

/// `[menu]` in site.toml.
#[rustfmt::skip]
const MENU: &[Field] = &[
    f("items", Ty::StrList, "Menüpunkte", "Bereiche und Seiten im Menü, in dieser Reihenfolge, z. B. [\"angebote\", \"pages/fuer-eltern\", \"suche\"]; die übrigen Bereiche stehen in der Fußzeile."),
];

/// `[open_data.publisher]` in site.toml.
#[rustfmt::skip]
const PUBLISHER: &[Field] = &[
    f("name", Ty::Str, "Name", "Wer die Daten herausgibt, z. B. Kreis Offenbach; sonst publisher."),
    f("type", Ty::OneOf(PUBLISHER_TYPES), "Art", "LocalAuthority (Kommune), RegionalAuthority (Land), PublicBody (Öffentliche Stelle), NonProfitOrganisation (Gemeinnützige Organisation) …"),
    f("url", Ty::Url, "Website", "Die Website des Herausgebers, mit https://."),
];

/// `[open_data]` in site.toml.
#[rustfmt::skip]
const OPEN_DATA: &[Field] = &[
    f("contributor_id", Ty::Url, "GovData-Kennung", "Die Kennung, die GovData Ihrer Stelle zuteilt, z. B. http://dcat-ap.de/def/contributors/kreisOffenbach."),
    f("publisher", Ty::Table(PUBLISHER), "Herausgeber der Daten", "Name, Art und Website der Stelle, die die Daten herausgibt."),
    f("contact_email", Ty::Email, "Kontakt für die Daten", "Eine E-Mail-Adresse für Fragen zu den Daten; sonst email."),
];

/// `[home]` in site.toml.
#[rustfmt::skip]
const HOME_SITE: &[Field] = &[
    f("audiences", Ty::Terms("target_groups"), "Zielgruppen der Startseite", "Je Zielgruppe eine Kachel auf der Startseite, z. B. [\"schueler\", \"eltern\"]; sonst jede Zielgruppe mit Angeboten."),
];

/// `backend` of `[cms]`: where the browser editor saves.
pub const CMS_BACKENDS: &[(&str, &str)] = &[("gitlab", ""), ("github", ""), ("gitea", "")];

/// `[cms]` in site.toml: the browser editor at /admin/ (docs/cms.md).
#[rustfmt::skip]
const CMS: &[Field] = &[
    req("backend", Ty::OneOf(CMS_BACKENDS), "Ablage", "Wo der Editor speichert: gitlab (GitLab.com, openCode oder eigenes GitLab), github oder gitea."),
    req("repo", Ty::Str, "Repository", "Gruppe und Name des Repositorys, z. B. \"kreis-coesfeld/kaoa-website\"."),
    f("branch", Ty::Str, "Branch", "Der Branch, in den gespeichert wird; Standard main."),
    f("base_url", Ty::Url, "Adresse des Servers", "Nur für ein eigenes GitLab oder Gitea, z. B. https://gitlab.opencode.de."),
    f("app_id", Ty::Str, "OAuth-Anwendung", "Die Anwendungs-ID (Application ID) der OAuth-Anwendung für die Anmeldung (PKCE)."),
];

/// `[translations.<lang>]` in site.toml.
#[rustfmt::skip]
pub const SITE_TEXTS: &[Field] = &[
    f("title", Ty::Str, "Name der Website", "Der Name der Website in dieser Sprache."),
    f("description", Ty::Str, "Beschreibung", "Die Beschreibung der Startseite in dieser Sprache."),
];

/// `site.toml`.
#[rustfmt::skip]
pub const SITE: &[Field] = &[
    req("title", Ty::Str, "Name der Website", "Steht im Kopf jeder Seite."),
    req("base_url", Ty::Url, "Adresse der Website", "Mit https://, auch mit Unterpfad, z. B. https://www.kreis.de/kaoa/."),
    f("language", Ty::Lang, "Sprache", "Die Hauptsprache der Website; Standard de."),
    f("languages", Ty::LangList, "Sprachen", "Alle Sprachen der Website, die Hauptsprache zuerst."),
    f("theme", Ty::Str, "Gestaltung", "Standard lotse."),
    f("description", Ty::Str, "Beschreibung", "Die Beschreibung der Startseite für Suchmaschinen."),
    f("data_license", Ty::Str, "Lizenz der offenen Daten", "Standard CC-BY-4.0."),
    f("publisher", Ty::Str, "Herausgeber", "Wer Website und Daten herausgibt; sonst der Name der Website."),
    f("email", Ty::Str, "E-Mail", "Kontakt für die Daten und für Rückmeldungen zur Barrierefreiheit."),
    f("markdown", Ty::Table(MARKDOWN), "Markdown", "Einstellungen für den Text der Seiten."),
    f("history", Ty::Table(HISTORY), "Änderungsverlauf", "Ob die Seiten den Änderungsverlauf aus Git zeigen."),
    f("translations", Ty::PerLanguage(SITE_TEXTS), "Übersetzungen", "Je weitere Sprache ein Abschnitt [translations.en] mit title und description."),
    f("brand", Ty::Table(BRAND), "Erscheinungsbild", "Logo und Farbe Ihres Kreises."),
    f("menu", Ty::Table(MENU), "Menü", "Welche Bereiche und Seiten das Menü zeigt, in welcher Reihenfolge."),
    f("home", Ty::Table(HOME_SITE), "Startseite", "Die Kacheln der Zielgruppen auf der Startseite."),
    f("open_data", Ty::Table(OPEN_DATA), "Offene Daten (GovData)", "Was GovData braucht, um den Datenkatalog zu übernehmen."),
    f("cms", Ty::Table(CMS), "Bearbeiten im Browser", "Erzeugt den Editor unter /admin/; ohne diesen Abschnitt gibt es keinen."),
];

/// The type's own fields in schema order, without the common ones.
pub fn own(kind: Kind) -> &'static [Field] {
    match kind {
        Kind::Region => REGION,
        Kind::Partner => PARTNER,
        Kind::Offer => OFFER,
        Kind::Practice => PRACTICE,
        Kind::Agreement => AGREEMENT,
        Kind::Page => PAGE,
    }
}

/// Every field of the type: the common ones, then its own.
pub fn all(kind: Kind) -> impl Iterator<Item = &'static Field> + Clone {
    COMMON.iter().chain(own(kind))
}

/// The keys of a table of fields.
pub fn keys(fields: &[Field]) -> Vec<&'static str> {
    fields.iter().map(|f| f.key).collect()
}

/// The field `key` of a list, if there is one.
pub fn get(fields: &'static [Field], key: &str) -> Option<&'static Field> {
    fields.iter().find(|f| f.key == key)
}

/// The sub-fields of an array of tables (`milestones`) of any type.
pub fn rows(fields: &'static [Field], key: &str) -> &'static [Field] {
    match get(fields, key).map(|f| f.ty) {
        Some(Ty::Tables(rows)) | Some(Ty::Table(rows)) => rows,
        _ => &[],
    }
}

/// The English values of a choice, then the German aliases.
pub fn choices(values: &[(&'static str, &'static str)]) -> Vec<&'static str> {
    let mut out: Vec<&str> = values.iter().map(|v| v.0).collect();
    out.extend(values.iter().map(|v| v.1).filter(|a| !a.is_empty()));
    out
}

/// The English value a written choice stands for (`erledigt` → `done`).
pub fn canonical(values: &[(&'static str, &'static str)], written: &str) -> Option<&'static str> {
    values
        .iter()
        .find(|(en, de)| *en == written || (!de.is_empty() && *de == written))
        .map(|v| v.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Source;
    use std::collections::BTreeSet;

    /// A valid TOML value for a field that is not a table.
    fn sample(ty: Ty) -> String {
        match ty {
            Ty::Str => "\"x\"".into(),
            Ty::Url => "\"https://example.org/\"".into(),
            Ty::Color => "\"#00508c\"".into(),
            Ty::Bool => "false".into(),
            Ty::Date => "2026-01-01".into(),
            Ty::Int(min, _) => min.to_string(),
            Ty::IntList(min, _) => format!("[{min}]"),
            Ty::StrList => "[\"x\"]".into(),
            Ty::Phone => "\"06074 81800\"".into(),
            Ty::Email => "\"x@example.org\"".into(),
            Ty::Lang => "\"de\"".into(),
            Ty::LangList => "[\"de\"]".into(),
            Ty::Ref(_) | Ty::Term(_) => "\"x\"".into(),
            Ty::Refs(_) | Ty::Terms(_) => "[\"x\"]".into(),
            Ty::OneOf(v) => format!("\"{}\"", v[0].0),
            Ty::Table(_) | Ty::Tables(_) | Ty::PerLanguage(_) => unreachable!(),
        }
    }

    /// A TOML text with every field of the table, sub-tables last.
    pub(crate) fn every_field<'a>(fields: impl Iterator<Item = &'a Field> + Clone) -> String {
        every_field_in("", fields)
    }

    /// `every_field` for the table `prefix` (`open_data.`): its sub-tables'
    /// headers are dotted below it.
    fn every_field_in<'a>(prefix: &str, fields: impl Iterator<Item = &'a Field> + Clone) -> String {
        let mut s = String::new();
        for f in fields.clone() {
            if !matches!(f.ty, Ty::Table(_) | Ty::Tables(_) | Ty::PerLanguage(_)) {
                // Text fields whose form is checked need a value of that form.
                let value = match f.key {
                    "ars" => "\"064130000000\"".to_string(),
                    "ags" => "\"06413000\"".to_string(),
                    "contributor_id" => "\"http://dcat-ap.de/def/contributors/hessen\"".to_string(),
                    _ => sample(f.ty),
                };
                s += &format!("{} = {value}\n", f.key);
            }
        }
        for f in fields {
            let (head, rows) = match f.ty {
                Ty::Table(rows) => (format!("[{prefix}{}]", f.key), rows),
                Ty::Tables(rows) => (format!("[[{prefix}{}]]", f.key), rows),
                // A language the sample site has not: left out.
                _ => continue,
            };
            let inner = format!("{prefix}{}.", f.key);
            s += &format!("{head}\n{}", every_field_in(&inner, rows.iter()));
        }
        s
    }

    /// The keys of a table as the reader names them (`milestones.phase`).
    fn names(fields: &[Field], prefix: &str, out: &mut BTreeSet<String>) {
        for f in fields {
            out.insert(format!("{prefix}{}", f.key));
            if let Ty::Table(rows) | Ty::Tables(rows) = f.ty {
                names(rows, &format!("{prefix}{}.", f.key), out);
            }
        }
    }

    #[test]
    fn the_reader_asks_for_exactly_the_fields_of_the_table() {
        for kind in Kind::ALL {
            let text = format!("+++\n{}+++\n", every_field(all(kind)));
            let src = Source::new(format!("content/{}/x.md", kind.dir()), text.clone());
            let doc = crate::load::parse_doc(kind, "x".into(), src).unwrap();
            let mut diags = Vec::new();
            let mut asked = BTreeSet::new();
            let entity = crate::model::entities::read_with(&doc, &mut diags, |r| {
                asked = r.asked.borrow().clone();
            });
            assert!(entity.is_some() && diags.is_empty(), "{text}\n{diags:?}");
            // `milestones[1].phase` → `milestones.phase`
            let asked: BTreeSet<String> = asked.into_iter().map(|k| k.replace("[1]", "")).collect();
            let mut table = BTreeSet::new();
            names(&all(kind).copied().collect::<Vec<_>>(), "", &mut table);
            assert_eq!(asked, table, "{}", kind.name());
        }
    }

    #[test]
    fn site_toml_with_every_field_reads_without_a_word() {
        let text = every_field(SITE.iter());
        let src = Source::new("site.toml", text.clone());
        let t = crate::load::node::parse(&src.text, 0).unwrap();
        let mut diags = Vec::new();
        assert!(crate::config::Config::read(&src, &t, &mut diags).is_some());
        assert!(diags.is_empty(), "{text}\n{diags:?}");
    }

    #[test]
    fn german_status_words_stand_for_the_english_values() {
        assert_eq!(canonical(MILESTONE_STATUS, "erledigt"), Some("done"));
        assert_eq!(canonical(GOAL_STATUS, "verworfen"), Some("dropped"));
        assert_eq!(canonical(BODY_KINDS, ""), None);
        assert_eq!(choices(MILESTONE_STATUS).len(), 6);
    }
}
