//! `lotse serve` = `lotse build` after an edit of every field of every type.
//! One server runs on a copy of the `full` fixture; each step changes one
//! field of one content file (top-level fields, the fields of nested tables
//! such as `steering_group` or `goals`, the Markdown body, a vocabulary
//! label), waits until the server says that all pages are current, and
//! compares every file it serves byte for byte with a fresh `lotse build`
//! of the same files (files that went away must answer 404).
//!
//! The dev server re-renders only the pages it believes an edit affects
//! (`routes::Shown`, `Affected`), a list kept by hand beside the views: a
//! field that a page shows but that list misses leaves the page stale, and
//! fails here. The fields are checked against the file `lotse new` writes
//! for each type, so that a new field of the content model fails this test
//! until it has a step of its own.

use crate::harness::{TODAY, fixtures_dir, run_in, tree};
use crate::serve::{Server, Site, get, wait_for};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

pub(crate) type Files = BTreeMap<String, Vec<u8>>;

/// One step: the field it edits (`offer.fields`, `agreement.goals.due`,
/// `region.body`, `vocab.fields`), the file, and what it does to the file:
/// `key = value` sets a top-level field of the front matter (TOML value),
/// `[[table]] n key = value` a field of the n-th (from 0) such table,
/// `[section] key = value` a vocabulary label, `+ text` appends a paragraph.
struct Edit {
    field: &'static str,
    file: &'static str,
    op: &'static str,
}

/// Every step, in order, one a line: field, file, edit. Values are chosen
/// to move things between pages: a new provider, region or partner, a facet
/// term that comes or goes, a member who leaves, an entity that becomes a
/// draft and comes back.
const STEPS: &str = r#"
# Vocabulary labels first, while these terms are in use.
vocab.region_kinds       vocab  [region_kinds] kreisfreie-stadt = "Stadt ohne Kreis"
vocab.partner_kinds      vocab  [partner_kinds] ihk = "Kammer (IHK)"
vocab.target_groups      vocab  [target_groups] schueler = "Jugendliche"
vocab.fields             vocab  [fields] berufsorientierung = "Orientierung"
vocab.quality_standards  vocab  [quality_standards] berufsorientierung = "Standard BO (neu)"
vocab.network_phases     vocab  [network_phases] aufbau = "Phase I: Gründung"

region.title              region  title = "Stadt Beispiel, neu"
region.kind               region  kind = "landkreis"
region.state              region  state = "Niedersachsen"
region.ars                region  ars = "064130000000"
region.ags                region  ags = "06413000"
region.program            region  program = "KAoA"
region.coordination       region  coordination = ["agentur-beispiel"]
region.phase              region  phase = 2
region.decision_rule      region  decision_rule = "Mehrheit"
region.meeting_cadence    region  meeting_cadence = "monatlich"
region.quality_standards  region  quality_standards = ["vermittlung-matching"]
region.partner_regions    region  partner_regions = []
region.summary            region  summary = "Eine neue Zusammenfassung der Region."
region.easy_summary       region  easy_summary = "Die Region in einfachen Worten."
region.updated            region  updated = 2026-04-04
region.checked            region  checked = 2026-04-05
region.aliases            region  aliases = ["/alt/region-neu/"]
region.steering_group.partner  region  [[steering_group]] 1 partner = "hwk-beispiel"
region.steering_group.role     region  [[steering_group]] 0 role = "Sprecherin"
region.steering_group.since    region  [[steering_group]] 0 since = 2011-11-11
region.steering_group.until    region  [[steering_group]] 2 until = 2021-06-30
region.milestones.phase        region  [[milestones]] 0 phase = "umsetzung"
region.milestones.indicator    region  [[milestones]] 0 indicator = "Alle sind benannt."
region.milestones.status       region  [[milestones]] 2 status = "in-progress"
region.milestones.date         region  [[milestones]] 1 date = 2027-03-31
region.milestones.evidence     region  [[milestones]] 1 evidence = "Protokoll"
region.contacts.name           region  [[contacts]] 0 name = "Netzwerkbüro"
region.contacts.role           region  [[contacts]] 0 role = "Koordination"
region.contacts.phone          region  [[contacts]] 0 phone = "+49 30 23125-109"
region.contacts.email          region  [[contacts]] 0 email = "buero@stadt.example"
region.contacts.hours          region  [[contacts]] 0 hours = "Di 14–18 Uhr"
region.body               region  + Ein neuer Absatz über die Region.
region.draft              region  draft = true
region.draft              region  draft = false

partner.title         partner  title = "Agentur, umbenannt"
partner.kind          partner  kind = "fachberatung"
partner.short         partner  short = "AA neu"
partner.website       partner  website = "https://neu.example/agentur"
partner.email         partner  email = "neu@agentur.example"
partner.phone         partner  phone = "0800 1 2345 67"
partner.address       partner  address = "Neue Straße 2, 12345 Beispielstadt"
partner.summary       partner  summary = "Eine neue Zusammenfassung des Partners."
partner.easy_summary  partner  easy_summary = "Der Partner in einfachen Worten."
partner.updated       partner  updated = 2026-05-05
partner.checked       partner  checked = 2026-05-06
partner.aliases       partner  aliases = ["/alt/agentur-neu/"]
# The offer has no contacts of its own: it shows these (and the vCard).
partner.contacts.name   partner  [[contacts]] 0 name = "Team Beratung"
partner.contacts.role   partner  [[contacts]] 1 role = "Ausbildungsstellen"
partner.contacts.phone  partner  [[contacts]] 0 phone = "030 23125-209"
partner.contacts.email  partner  [[contacts]] 1 email = "service@arbeitsagentur.example"
partner.contacts.hours  partner  [[contacts]] 0 hours = "nach Vereinbarung"
partner.body          partner  + Ein neuer Absatz über den Partner.
partner.draft         partner  draft = true
partner.draft         partner  draft = false

offer.title          offer  title = "Bewerbungstraining, neu"
offer.providers      offer  providers = ["schulamt-beispiel"]
offer.regions        offer  regions = ["kreis-beispiel"]
offer.target_groups  offer  target_groups = ["betriebe"]
# `akquise` loses its only offer, and with it its page; the practice
# example then names it (a plain label), and it comes back: the practice
# page must link it again.
offer.fields         offer     fields = ["berufsorientierung"]
practice.fields      practice  fields = ["berufsorientierung", "akquise"]
offer.fields         offer     fields = ["akquise", "elternarbeit"]
offer.grades         offer  grades = [11, 12]
# The end first: an end before the start is an error. The offer ended
# on 2026-09-30, before the build date: a later end moves it from the
# archive (which goes, as it was its only offer) back to the lists, an
# earlier one back again.
offer.end            offer  end = 2026-12-24
offer.start          offer  start = 2026-10-01
offer.end            offer  end = 2026-11-01
offer.end            offer  end = 2026-12-24
offer.months         offer  months = [9, 10]
offer.schedule       offer  schedule = "montags 9–12 Uhr"
offer.cost           offer  cost = "5 Euro"
offer.location       offer  location = "Rathaus, Markt 1"
offer.contact        offer  contact = "Herr Neu, 0800 1 0000 00"
offer.url            offer  url = "https://neu.example/training"
offer.languages      offer  languages = ["Deutsch", "Arabisch"]
offer.accessibility  offer  accessibility = "Aufzug vorhanden"
offer.summary        offer  summary = "Eine neue Zusammenfassung des Angebots."
offer.easy_summary   offer  easy_summary = "Das Angebot in einfachen Worten."
offer.updated        offer  updated = 2026-07-07
offer.checked        offer  checked = 2026-07-08
offer.aliases        offer  aliases = ["/alt/training/"]
# Contacts of its own (inline, as the offer has no [[contacts]] to edit)
# replace its providers' ones on its page.
offer.contacts.name   offer  contacts = [{ name = "Frau Neu" }]
offer.contacts.role   offer  contacts = [{ name = "Frau Neu", role = "Anmeldung" }]
offer.contacts.phone  offer  contacts = [{ name = "Frau Neu", role = "Anmeldung", phone = "030 23125-300" }]
offer.contacts.email  offer  contacts = [{ name = "Frau Neu", role = "Anmeldung", phone = "030 23125-300", email = "neu@example.org" }]
offer.contacts.hours  offer  contacts = [{ name = "Frau Neu", role = "Anmeldung", phone = "030 23125-300", email = "neu@example.org", hours = "Mi 10–12 Uhr" }]
offer.body           offer  + Ein neuer Absatz über das Angebot.
offer.draft          offer  draft = true
offer.draft          offer  draft = false

practice.title         practice  title = "Fahrplan, neu"
practice.regions       practice  regions = ["kreis-beispiel"]
practice.partners      practice  partners = ["ihk-beispiel"]
practice.year          practice  year = 2019
practice.summary       practice  summary = "Eine neue Zusammenfassung des Beispiels."
practice.easy_summary  practice  easy_summary = "Das Beispiel in einfachen Worten."
practice.updated       practice  updated = 2026-08-08
practice.checked       practice  checked = 2026-08-09
practice.aliases       practice  aliases = ["/alt/praxis/"]
practice.body          practice  + Ein neuer Absatz über das Beispiel.
practice.draft         practice  draft = true
practice.draft         practice  draft = false

agreement.title         agreement  title = "Kooperation, umbenannt"
agreement.regions       agreement  regions = ["stadt-beispiel"]
agreement.signed        agreement  signed = 2013-05-01
agreement.in_force      agreement  in_force = 2013-07-01
agreement.term_years    agreement  term_years = 3
agreement.renews_years  agreement  renews_years = 0
agreement.terminated    agreement  terminated = 2015-01-31
agreement.moderator     agreement  moderator = "hwk-beispiel"
agreement.summary       agreement  summary = "Eine neue Zusammenfassung der Vereinbarung."
agreement.easy_summary  agreement  easy_summary = "Die Vereinbarung in einfachen Worten."
agreement.updated       agreement  updated = 2026-09-09
agreement.checked       agreement  checked = 2026-09-10
agreement.aliases       agreement  aliases = ["/alt/vereinbarung/"]
agreement.parties.partner         agreement  [[parties]] 1 partner = "ihk-beispiel"
agreement.parties.represented_by  agreement  [[parties]] 0 represented_by = "Bürgermeister"
agreement.bodies.name     agreement  [[bodies]] 0 name = "Steuerkreis"
agreement.bodies.kind     agreement  [[bodies]] 0 kind = "working"
agreement.bodies.members  agreement  [[bodies]] 1 members = ["ihk-beispiel", "schulamt-beispiel"]
agreement.bodies.chair    agreement  [[bodies]] 0 chair = "stadt-verwaltung"
agreement.bodies.meets    agreement  [[bodies]] 0 meets = "monatlich"
agreement.goals.goal         agreement  [[goals]] 0 goal = "Jede Schule hat einen Plan."
agreement.goals.standard     agreement  [[goals]] 0 standard = "vermittlung-matching"
agreement.goals.responsible  agreement  [[goals]] 1 responsible = ["hwk-beispiel"]
agreement.goals.due          agreement  [[goals]] 1 due = 2028-01-31
agreement.goals.status       agreement  [[goals]] 2 status = "in-progress"
agreement.body          agreement  + Ein neuer Absatz über die Vereinbarung.
agreement.draft         agreement  draft = true
agreement.draft         agreement  draft = false

# A free page, and a legal page (in every footer).
page.title         page   title = "Über das Netzwerk"
page.title         legal  title = "Impressum und Kontakt"
page.summary       page   summary = "Eine neue Zusammenfassung der Seite."
page.easy_summary  page   easy_summary = "Die Seite in einfachen Worten."
page.updated       page   updated = 2026-10-10
page.checked       page   checked = 2026-10-11
page.aliases       page   aliases = ["/wir-neu/"]
page.lang          page   lang = "tr"
page.body          page   + Ein neuer Absatz der Seite.
page.draft         page   draft = true
page.draft         page   draft = false

# The home page's own file.
home.title        home  title = "Willkommen, neu"
home.description  home  description = "Eine neue Beschreibung."
home.body         home  + Ein neuer Absatz der Startseite.
"#;

/// The content file each name of `STEPS` stands for.
fn file(name: &str) -> &'static str {
    match name {
        "region" => "content/regions/stadt-beispiel.md",
        "partner" => "content/partners/agentur-beispiel.md",
        "offer" => "content/offers/bewerbungstraining.md",
        "practice" => "content/practice/berufswahlfahrplan-beispiel.md",
        "agreement" => "content/agreements/kooperation-2013.md",
        "page" => "content/pages/ueber-uns.md",
        "legal" => "content/pages/impressum.md",
        "home" => "content/_index.md",
        "vocab" => VOCAB,
        _ => panic!("STEPS names no file `{name}`"),
    }
}

const VOCAB: &str = "content/vocabularies.toml";

fn edits() -> Vec<Edit> {
    STEPS
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (field, rest) = l.split_once(' ').unwrap();
            let (name, op) = rest.trim_start().split_once(' ').unwrap();
            Edit {
                field,
                file: file(name),
                op: op.trim_start(),
            }
        })
        .collect()
}

/// The file's text after the edit.
fn apply(op: &str, text: &str) -> String {
    if let Some(md) = op.strip_prefix("+ ") {
        return format!("{text}\n{md}\n");
    }
    let (target, value) = op.split_once(" = ").expect("`key = value`");
    let words: Vec<&str> = target.split(' ').collect();
    match words[..] {
        [key] => set_top(text, key, value),
        [table, nth, key] if table.starts_with("[[") => {
            let table = table.trim_start_matches("[[").trim_end_matches("]]");
            set_nested(text, table, nth.parse().unwrap(), key, value)
        }
        [section, key] => set_section_key(text, section.trim_matches(['[', ']']), key, value),
        _ => panic!("cannot read the edit `{op}`"),
    }
}

/// The front matter's lines and the index of its closing `+++`.
fn front(text: &str) -> (Vec<String>, usize) {
    let lines: Vec<String> = text.lines().map(str::to_string).collect();
    assert_eq!(lines[0], "+++", "front matter expected");
    let close = 1 + lines[1..].iter().position(|l| l == "+++").unwrap();
    (lines, close)
}

/// Replaces the `key = …` line (a value may run over several lines) in
/// `lines[from..to]`, or inserts it at `from`.
fn put(lines: &mut Vec<String>, from: usize, to: usize, key: &str, value: &str) {
    let new = format!("{key} = {value}");
    let at = (from..to).find(|&i| {
        let l = &lines[i];
        l.starts_with(key) && l[key.len()..].trim_start().starts_with('=')
    });
    match at {
        Some(i) => {
            let depth = |l: &str| l.matches('[').count() as i32 - l.matches(']').count() as i32;
            let (mut end, mut open) = (i, depth(&lines[i]));
            while open > 0 && end + 1 < to {
                end += 1;
                open += depth(&lines[end]);
            }
            lines.splice(i..=end, [new]);
        }
        None => lines.insert(from, new),
    }
}

fn set_top(text: &str, key: &str, value: &str) -> String {
    let (mut lines, close) = front(text);
    let top_end = (1..close)
        .find(|&i| lines[i].starts_with('['))
        .unwrap_or(close);
    put(&mut lines, 1, top_end, key, value);
    lines.join("\n") + "\n"
}

fn set_nested(text: &str, table: &str, nth: usize, key: &str, value: &str) -> String {
    let (mut lines, close) = front(text);
    let header = format!("[[{table}]]");
    let start = (1..close)
        .filter(|&i| lines[i] == header)
        .nth(nth)
        .unwrap_or_else(|| panic!("no {header} number {nth} in\n{text}"));
    let end = (start + 1..close)
        .find(|&i| lines[i].starts_with('['))
        .unwrap_or(close);
    put(&mut lines, start + 1, end, key, value);
    lines.join("\n") + "\n"
}

fn set_section_key(text: &str, section: &str, key: &str, value: &str) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let header = format!("[{section}]");
    let start = lines
        .iter()
        .position(|l| *l == header)
        .unwrap_or_else(|| panic!("no {header}"));
    let end = (start + 1..lines.len())
        .find(|&i| lines[i].starts_with('['))
        .unwrap_or(lines.len());
    assert!(
        lines[start + 1..end]
            .iter()
            .any(|l| l.starts_with(&format!("{key} ="))),
        "no term `{key}` in {header}"
    );
    put(&mut lines, start + 1, end, key, value);
    lines.join("\n") + "\n"
}

/// The fields `lotse new <kind>` writes (`offer.fields`,
/// `agreement.goals.due`, …), plus each type's body, and one entry per
/// vocabulary of the fixture (`vocab.fields`).
fn every_field() -> BTreeSet<String> {
    let scratch = tempfile::tempdir().unwrap();
    let site = scratch.path().join("site");
    crate::harness::copy_dir(&fixtures_dir().join("full"), &site);
    let mut fields = BTreeSet::new();
    let kinds = [
        ("region", "regions"),
        ("partner", "partners"),
        ("offer", "offers"),
        ("practice", "practice"),
        ("agreement", "agreements"),
        ("page", "pages"),
    ];
    for (kind, dir) in kinds {
        run_in(&site, &["new", kind, "Feldprobe"]).ok();
        let path = site.join(format!("content/{dir}/feldprobe.md"));
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let mut table: Option<String> = None;
        for line in text.lines().skip(1).take_while(|l| *l != "+++") {
            let line = line.trim_start_matches('#').trim();
            if let Some(t) = line.strip_prefix("[[").and_then(|l| l.strip_suffix("]]")) {
                table = Some(t.to_string());
            } else if let Some((key, _)) = line.split_once(" = ") {
                fields.insert(match &table {
                    Some(t) => format!("{kind}.{t}.{}", key.trim()),
                    None => format!("{kind}.{}", key.trim()),
                });
            }
        }
        fields.insert(format!("{kind}.body"));
    }
    let vocab = std::fs::read_to_string(fixtures_dir().join("full").join(VOCAB)).unwrap();
    for line in vocab.lines() {
        if let Some(t) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            fields.insert(format!("vocab.{t}"));
        }
    }
    fields
}

/// `lotse build` of the site into `out`, by path.
pub(crate) fn build(root: &Path, out: &Path, base_url: &str) -> Files {
    let out_arg = out.to_str().unwrap();
    run_in(
        root,
        &[
            "build",
            "--today",
            TODAY,
            "--base-url",
            base_url,
            "-o",
            out_arg,
        ],
    )
    .ok();
    let mut files = tree(out);
    files.remove(".lotse-output");
    files
}

/// The served page without what only `lotse serve` adds (the reload script).
fn without_reload(body: &[u8]) -> Vec<u8> {
    let open = b"<script src=\"/__lotse/";
    let Some(i) = body.windows(open.len()).rposition(|w| w == open) else {
        return body.to_vec();
    };
    let close = b"</script>";
    let j = i
        + body[i..]
            .windows(close.len())
            .position(|w| w == close)
            .expect("the reload script ends")
        + close.len();
    [&body[..i], &body[j..]].concat()
}

/// Lines of the server's output that report finished work: one per change
/// (`… files updated in … ms` or `1 file updated …`, with ` (more pages follow)` when a background
/// job renders the rest) and one when such a job is done.
pub(crate) fn progress(stdout: &str) -> (usize, usize, bool) {
    let (mut changes, mut done, mut more) = (0, 0, false);
    for l in stdout.lines() {
        if l.trim_start().starts_with("all pages current") {
            done += 1;
        } else if l.contains(" updated in ") {
            changes += 1;
            more = l.ends_with("(more pages follow)");
        }
    }
    (changes, done, more)
}

/// The first difference between what the build wrote and what the server
/// serves; `gone` are files of the previous build, which must answer 404.
/// The path of the `full` fixture's `base_url`: `lotse serve` serves the
/// site under it, as it will be published.
pub(crate) const BASE_PATH: &str = "/netz/";

pub(crate) fn difference(port: u16, expected: &Files, gone: &BTreeSet<&String>) -> Option<String> {
    // Four clients at once: the steps spend most of their time here.
    let files: Vec<(&String, &Vec<u8>)> = expected.iter().collect();
    let chunk = files.len().div_ceil(4).max(1);
    let found = std::thread::scope(|s| {
        let workers: Vec<_> = files
            .chunks(chunk)
            .map(|part| s.spawn(move || served_differently(port, part)))
            .collect();
        workers.into_iter().filter_map(|w| w.join().unwrap()).next()
    });
    if found.is_some() {
        return found;
    }
    for path in gone {
        let r = get(port, &format!("{BASE_PATH}{path}"));
        if r.status != 404 {
            return Some(format!(
                "/{path} is gone from the build but answers {}",
                r.status
            ));
        }
    }
    None
}

/// The first of `files` that the server does not serve as built.
fn served_differently(port: u16, files: &[(&String, &Vec<u8>)]) -> Option<String> {
    for &(path, want) in files {
        let r = get(port, &format!("{BASE_PATH}{path}"));
        if r.status != 200 {
            return Some(format!("/{path}: status {} instead of 200", r.status));
        }
        let got = if path.ends_with(".html") {
            without_reload(&r.body)
        } else {
            r.body
        };
        if &got != want {
            let (w, g) = (String::from_utf8_lossy(want), String::from_utf8_lossy(&got));
            let n = w
                .lines()
                .zip(g.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(0);
            let show = |s: &str| {
                s.lines()
                    .nth(n)
                    .unwrap_or("")
                    .chars()
                    .take(300)
                    .collect::<String>()
            };
            return Some(format!(
                "/{path} differs at line {}:\n  lotse build: {}\n  lotse serve: {}",
                n + 1,
                show(&w),
                show(&g)
            ));
        }
    }
    None
}

#[test]
fn serve_equals_build_after_an_edit_of_every_field() {
    let edits = edits();
    let covered: BTreeSet<String> = edits.iter().map(|e| e.field.to_string()).collect();
    let missing: Vec<String> = every_field().difference(&covered).cloned().collect();
    assert!(
        missing.is_empty(),
        "fields without a step here (add one to `edits`): {missing:?}"
    );

    let tmp = tempfile::Builder::new()
        .prefix("lotse-serve-fields-")
        .tempdir()
        .unwrap();
    let root = tmp.path().canonicalize().unwrap().join("site");
    crate::harness::copy_dir(&fixtures_dir().join("full"), &root);
    let out = tmp.path().join("expected");
    let site = Site { tmp, root };
    let srv = Server::start(&site, &[]);
    let base_url = format!("http://127.0.0.1:{}{BASE_PATH}", srv.port);

    let mut previous = build(&site.root, &out, &base_url);
    if let Some(d) = difference(srv.port, &previous, &BTreeSet::new()) {
        panic!("before any edit: {d}");
    }
    let staging = site.tmp.path().join("edit.tmp");
    for (n, edit) in edits.iter().enumerate() {
        let what = format!("step {} ({}, {})", n + 1, edit.field, edit.file);
        let (changes, done, _) = progress(&srv.stdout());
        let errors = srv.stderr().matches("error:").count();
        // Written aside and renamed into place, as editors save: the
        // watcher never sees a half-written file.
        let text = apply(edit.op, &site.read(edit.file));
        std::fs::write(&staging, &text).unwrap();
        std::fs::rename(&staging, site.path(edit.file)).unwrap();

        // The build runs while the server works.
        let expected = std::thread::scope(|s| {
            let built = s.spawn(|| build(&site.root, &out, &base_url));
            wait_for(60, &format!("the server to finish {what}"), || {
                let (c, d, more) = progress(&srv.stdout());
                (c > changes && (!more || d > done)).then_some(())
            });
            built.join().unwrap()
        });
        assert_eq!(
            srv.stderr().matches("error:").count(),
            errors,
            "{what}: the server reports an error\n{}",
            srv.stderr()
        );
        assert!(
            expected != previous,
            "{what}: the edit changes nothing in the built site, so it tests nothing"
        );
        // Every state of the walk is a site of its own: no link of it may
        // lead nowhere (a draft partner, a field without offers, …).
        let broken = crate::harness::broken_links(&out, &base_url);
        assert!(broken.is_empty(), "{what}: {}", broken.join("\n"));
        let gone: BTreeSet<&String> = previous
            .keys()
            .filter(|p| !expected.contains_key(*p))
            .collect();
        if let Some(d) = difference(srv.port, &expected, &gone) {
            panic!(
                "{what}: `lotse serve` ≠ `lotse build`: {d}\n{}",
                srv.stdout()
            );
        }
        previous = expected;
    }
}

#[test]
fn the_field_editors_edit_what_they_name() {
    let text =
        "+++\ntitle = \"A\"\nlist = [\n  \"x\",\n]\n\n[[t]]\nk = 1\n\n[[t]]\nk = 2\n+++\nBody\n";
    assert_eq!(
        set_top(text, "list", "[]"),
        "+++\ntitle = \"A\"\nlist = []\n\n[[t]]\nk = 1\n\n[[t]]\nk = 2\n+++\nBody\n"
    );
    assert_eq!(
        set_top(text, "neu", "1"),
        "+++\nneu = 1\ntitle = \"A\"\nlist = [\n  \"x\",\n]\n\n[[t]]\nk = 1\n\n[[t]]\nk = 2\n+++\nBody\n"
    );
    assert_eq!(
        set_nested(text, "t", 1, "k", "3"),
        "+++\ntitle = \"A\"\nlist = [\n  \"x\",\n]\n\n[[t]]\nk = 1\n\n[[t]]\nk = 3\n+++\nBody\n"
    );
    assert_eq!(
        set_nested(text, "t", 0, "j", "0"),
        "+++\ntitle = \"A\"\nlist = [\n  \"x\",\n]\n\n[[t]]\nj = 0\nk = 1\n\n[[t]]\nk = 2\n+++\nBody\n"
    );
    assert_eq!(
        apply("[[t]] 1 k = 3", text),
        set_nested(text, "t", 1, "k", "3")
    );
    assert_eq!(
        apply("title = \"B\"", text),
        set_top(text, "title", "\"B\"")
    );
    assert_eq!(apply("+ Mehr.", "x\n"), "x\n\nMehr.\n");
    assert_eq!(
        apply(
            "[fields] a = \"Neu\"",
            "[fields]\na = \"Alt\"\n\n[other]\na = \"X\"\n"
        ),
        "[fields]\na = \"Neu\"\n\n[other]\na = \"X\"\n"
    );
    assert_eq!(
        edits().len(),
        STEPS
            .lines()
            .filter(|l| l.contains(" = ") || l.contains(" + "))
            .count()
    );
    assert_eq!(
        without_reload(
            b"<p>x</p><script src=\"/__lotse/reload.js\" data-gen=\"2\"></script></body>"
        ),
        b"<p>x</p></body>"
    );
}
