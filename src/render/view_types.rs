//! The view structs templates see (the theme contract documented in
//! docs/theme.md): plain data borrowed from the linked site, built by
//! `views::Views`; and the small lookups they share (dates, status keys).

use super::locale;
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
