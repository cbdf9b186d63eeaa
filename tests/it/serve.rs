//! `lotse serve`. First, at library level: after every kind of change, the
//! incremental rebuild yields byte for byte the files of a full build of the
//! same files. Then the real binary over real HTTP on a free port: edits,
//! new and deleted files, errors shown in the page while the last good build
//! is served, traversal attempts, 404, content types, concurrent load,
//! live-reload polls, loopback binding and Ctrl-C.
//!
//! Helpers live in this file (the suite's harness is shared by other areas);
//! `serve_limits` and `serve_load` use them too.

use lotse::build::{self, BuildOptions};
use lotse::output::Output;
use lotse::serve::session::Session;
use lotse::serve::watch::Batch;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const TODAY: &str = "2026-11-22";

// ---------------------------------------------------------------- fixture

fn copy_dir(src: &Path, dest: &Path) {
    std::fs::create_dir_all(dest).unwrap();
    for e in std::fs::read_dir(src).unwrap() {
        let e = e.unwrap();
        let to = dest.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &to);
        } else {
            std::fs::copy(e.path(), &to).unwrap();
        }
    }
}

/// The project's example site copied into `<tmp>/site/`.
pub(crate) struct Site {
    pub(crate) tmp: tempfile::TempDir,
    pub(crate) root: PathBuf,
}

impl Site {
    pub(crate) fn example() -> Site {
        let tmp = tempfile::Builder::new()
            .prefix("lotse-serve-")
            .tempdir()
            .unwrap();
        let root = tmp.path().canonicalize().unwrap().join("site");
        let src = Path::new(env!("CARGO_MANIFEST_DIR"));
        copy_dir(&src.join("content"), &root.join("content"));
        std::fs::copy(src.join("site.toml"), root.join("site.toml")).unwrap();
        Site { tmp, root }
    }

    pub(crate) fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    pub(crate) fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap()
    }

    pub(crate) fn write(&self, rel: &str, text: impl AsRef<[u8]>) {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    fn remove(&self, rel: &str) {
        let p = self.path(rel);
        if p.is_dir() {
            std::fs::remove_dir_all(p).unwrap();
        } else {
            std::fs::remove_file(p).unwrap();
        }
    }

    /// Ids of the published (not draft) files of a content folder, sorted.
    pub(crate) fn ids(&self, dir: &str) -> Vec<String> {
        self.all_ids(dir)
            .into_iter()
            .filter(|id| {
                !self
                    .read(&format!("content/{dir}/{id}.md"))
                    .contains("\ndraft = true")
            })
            .collect()
    }

    /// Offer ids (not drafts) without `start` or `end`: never past, so
    /// always on `/angebote/`, whatever the day the test runs.
    pub(crate) fn undated_offers(&self) -> Vec<String> {
        self.ids("offers")
            .into_iter()
            .filter(|id| {
                let text = self.read(&format!("content/offers/{id}.md"));
                !text.contains("\nstart =") && !text.contains("\nend =")
            })
            .collect()
    }

    /// Ids of a content folder, drafts too, sorted.
    fn all_ids(&self, dir: &str) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(self.path(&format!("content/{dir}")))
            .unwrap()
            .filter_map(|e| {
                let n = e.unwrap().file_name().to_string_lossy().into_owned();
                // `x.en.md` translates `x.md`: a file, not an id (ids have
                // no dot).
                n.strip_suffix(".md")
                    .filter(|id| !id.contains('.'))
                    .map(str::to_string)
            })
            .collect();
        v.sort();
        v
    }

    /// Sets a top-level front-matter field (`value` is TOML).
    fn set(&self, rel: &str, key: &str, value: &str) {
        let text = self.read(rel);
        self.write(rel, set_field(&text, key, value));
    }

    /// Adds TOML at the end of the front matter (e.g. a `[[table]]`).
    fn append_front(&self, rel: &str, toml: &str) {
        let text = self.read(rel);
        let close = text[3..].find("\n+++").unwrap() + 4;
        self.write(rel, format!("{}{toml}\n{}", &text[..close], &text[close..]));
    }

    fn append_body(&self, rel: &str, md: &str) {
        let text = self.read(rel);
        self.write(rel, format!("{text}\n{md}\n"));
    }
}

/// Replaces (or adds) a top-level field of a content file's front matter.
fn set_field(text: &str, key: &str, value: &str) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    assert_eq!(lines[0], "+++", "front matter expected");
    let close = 1 + lines[1..].iter().position(|l| l == "+++").unwrap();
    let top_end = (1..close)
        .find(|&i| lines[i].starts_with('['))
        .unwrap_or(close);
    let new = format!("{key} = {value}");
    let at = (1..top_end).find(|&i| {
        let l = &lines[i];
        l.starts_with(key) && l[key.len()..].trim_start().starts_with('=')
    });
    match at {
        Some(i) => {
            // A value may run over several lines (`[` … `]`).
            let mut end = i;
            let depth = |l: &str| l.matches('[').count() as i32 - l.matches(']').count() as i32;
            let mut open = depth(&lines[i]);
            while open > 0 && end + 1 < top_end {
                end += 1;
                open += depth(&lines[end]);
            }
            lines.splice(i..=end, [new]);
        }
        None => lines.insert(1, new),
    }
    lines.join("\n") + "\n"
}

fn today() -> jiff::civil::Date {
    TODAY.parse().unwrap()
}

fn options() -> BuildOptions {
    BuildOptions {
        drafts: false,
        today: today(),
        base_url: Some("http://127.0.0.1:1111/".into()),
    }
}

// ------------------------------------------- incremental == full build

/// Names the first difference between two outputs.
fn difference(expected: &Output, actual: &Output) -> Option<String> {
    let missing: Vec<&String> = expected
        .files
        .keys()
        .filter(|k| !actual.files.contains_key(*k))
        .collect();
    let extra: Vec<&String> = actual
        .files
        .keys()
        .filter(|k| !expected.files.contains_key(*k))
        .collect();
    if !missing.is_empty() || !extra.is_empty() {
        return Some(format!("missing {missing:?}, extra {extra:?}"));
    }
    for (path, want) in &expected.files {
        let got = &actual.files[path];
        if got != want {
            let (w, g) = (String::from_utf8_lossy(want), String::from_utf8_lossy(got));
            let line = w
                .lines()
                .zip(g.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(0);
            let show = |s: &str| {
                s.lines()
                    .nth(line)
                    .unwrap_or("")
                    .chars()
                    .take(300)
                    .collect::<String>()
            };
            return Some(format!(
                "{path} differs at line {}:\n  full build:  {}\n  incremental: {}",
                line + 1,
                show(&w),
                show(&g)
            ));
        }
    }
    None
}

/// A site with a session, stepped through changes; after each step the
/// session must equal a full build (or, where the full build fails, keep
/// the last good output and report errors).
struct Stepper {
    site: Site,
    session: Session,
    last_good: Output,
    steps: usize,
}

impl Stepper {
    fn new() -> Stepper {
        let site = Site::example();
        let session = Session::new(&site.root, options());
        assert!(
            session.errors().is_none(),
            "{:?}",
            session
                .errors()
                .map(|d| d.render(lotse::messages::Lang::En))
        );
        let built = build::build(&site.root, &options())
            .unwrap_or_else(|d| panic!("{}", d.render(lotse::messages::Lang::En)));
        if let Some(d) = difference(&built.output, &session.output()) {
            panic!("initial session differs from the build: {d}");
        }
        Stepper {
            site,
            session,
            last_good: built.output,
            steps: 0,
        }
    }

    /// Tells the session that `changed` (relative paths) changed, as the
    /// watcher would, lets it finish, and compares.
    fn step(&mut self, what: &str, changed: &[&str]) {
        self.apply(what, changed);
        self.session.render_pending();
        self.compare(what);
    }

    /// Tells the session about changed files (first phase only).
    fn apply(&mut self, what: &str, changed: &[&str]) {
        self.steps += 1;
        let batch = Batch {
            paths: changed.iter().map(|r| self.site.path(r)).collect(),
            ..Default::default()
        };
        let changes = batch.changes(&self.site.root);
        assert!(!changes.is_empty(), "{what}: no change classified");
        self.session.apply(&changes, &[]);
    }

    fn compare(&mut self, what: &str) {
        match build::build(&self.site.root, &options()) {
            Ok(built) => {
                if let Some(e) = self.session.errors() {
                    panic!(
                        "{what}: the full build succeeds, the session reports\n{}",
                        e.render(lotse::messages::Lang::En)
                    );
                }
                if let Some(d) = difference(&built.output, &self.session.output()) {
                    panic!(
                        "step {} ({what}): incremental ≠ full build: {d}",
                        self.steps
                    );
                }
                self.last_good = built.output;
            }
            Err(diags) => {
                let errors = self.session.errors().unwrap_or_else(|| {
                    panic!(
                        "{what}: the full build fails, the session does not:\n{}",
                        diags.render(lotse::messages::Lang::En)
                    )
                });
                let file = &diags.iter().find(|d| d.is_error()).unwrap().file;
                assert!(
                    errors
                        .render(lotse::messages::Lang::En)
                        .contains(file.as_str()),
                    "{what}: {}",
                    errors.render(lotse::messages::Lang::En)
                );
                if let Some(d) = difference(&self.last_good, &self.session.output()) {
                    panic!("{what}: the last good build is not what is served: {d}");
                }
            }
        }
    }
}

#[test]
fn serve_incremental_rebuilds_equal_full_builds() {
    let mut s = Stepper::new();
    let offers = s.site.ids("offers");
    let partners = s.site.ids("partners");
    let regions = s.site.ids("regions");
    let practices = s.site.ids("practice");
    let agreements = s.site.ids("agreements");
    let o = |i: usize| format!("content/offers/{}.md", offers[i]);
    let (o0, o1, o2) = (o(0), o(1), o(2));
    let p0 = format!("content/partners/{}.md", partners[0]);
    let r0 = format!("content/regions/{}.md", regions[0]);
    let pr0 = format!("content/practice/{}.md", practices[0]);
    let a0 = format!("content/agreements/{}.md", agreements[0]);
    let q = |id: &str| format!("[\"{id}\"]");

    s.site
        .append_body(&o0, "Ein neuer Absatz mit **Fettschrift**.");
    s.step("offer body", &[&o0]);
    s.site.set(&o0, "title", "\"Ganz neuer Titel\"");
    s.step("offer title", &[&o0]);
    s.site.set(&o0, "summary", "\"Eine neue Zusammenfassung.\"");
    s.step("offer summary", &[&o0]);
    s.site.set(&o0, "providers", &q(&partners[1]));
    s.step("offer providers", &[&o0]);
    s.site.set(&o0, "target_groups", "[\"eltern\"]");
    s.site.set(&o0, "grades", "[13]");
    s.site.set(&o0, "fields", "[\"fortbildung\"]");
    s.step("offer facets", &[&o0]);
    s.site.set(&o0, "regions", &q(&regions[1]));
    s.step("offer regions", &[&o0]);
    s.site.set(&o0, "aliases", "[\"/alt/angebot/\"]");
    s.step("alias added", &[&o0]);
    s.site.set(&o0, "aliases", "[]");
    s.step("alias removed", &[&o0]);

    s.site.set(&p0, "title", "\"Partner mit neuem Namen\"");
    s.step("partner title", &[&p0]);
    s.site.set(&p0, "short", "\"PNN\"");
    s.step("partner short name", &[&p0]);
    s.site.set(&r0, "summary", "\"Region, neu beschrieben.\"");
    s.step("region summary", &[&r0]);
    s.site.append_front(
        &r0,
        &format!(
            "\n[[steering_group]]\npartner = \"{}\"\nrole = \"Gast\"",
            partners[2]
        ),
    );
    s.step("region steering group", &[&r0]);
    s.site.set(&r0, "partner_regions", &q(&regions[2]));
    s.step("region partner regions", &[&r0]);
    s.site.set(&pr0, "year", "2031");
    s.site.set(&pr0, "partners", &q(&partners[0]));
    s.step("practice", &[&pr0]);
    s.site.set(&a0, "title", "\"Vereinbarung, umbenannt\"");
    s.site
        .set(&a0, "moderator", &format!("\"{}\"", partners[3]));
    s.step("agreement", &[&a0]);
    s.site
        .set("content/pages/impressum.md", "title", "\"Impressum (neu)\"");
    s.step(
        "legal page title (every footer)",
        &["content/pages/impressum.md"],
    );
    s.site
        .append_body("content/_index.md", "Noch ein Satz für die Startseite.");
    s.step("home text", &["content/_index.md"]);

    // New, deleted, draft.
    let text = s.site.read(&o1);
    s.site.write(
        "content/offers/zz-neues-angebot.md",
        set_field(&text, "title", "\"Neu am Ende\""),
    );
    s.step("new offer (last)", &["content/offers/zz-neues-angebot.md"]);
    s.site.write(
        "content/offers/aaa-erstes.md",
        set_field(&text, "title", "\"Neu am Anfang\""),
    );
    s.step("new offer (first)", &["content/offers/aaa-erstes.md"]);
    s.site.remove(&o1);
    s.step("deleted offer", &[&o1]);
    s.site.append_body(
        "content/pages/impressum.md",
        "Siehe [das neue Angebot](@/offers/zz-neues-angebot.md).",
    );
    s.step("@/ link to an offer", &["content/pages/impressum.md"]);
    s.site
        .set("content/offers/zz-neues-angebot.md", "draft", "true");
    s.step(
        "offer becomes a draft",
        &["content/offers/zz-neues-angebot.md"],
    );
    s.site
        .set("content/offers/zz-neues-angebot.md", "draft", "false");
    s.step("draft published", &["content/offers/zz-neues-angebot.md"]);
    let new_partner = set_field(&s.site.read(&p0), "title", "\"Ganz neuer Partner\"");
    s.site
        .write("content/partners/aaa-neuer-partner.md", new_partner);
    s.step("new partner", &["content/partners/aaa-neuer-partner.md"]);
    s.site.set(&o2, "providers", "[\"aaa-neuer-partner\"]");
    s.step("offer names the new partner", &[&o2]);

    // Errors keep the last good build; the fix is a full build again.
    s.site.set(&o2, "providers", "[\"gibt-es-nicht\"]");
    s.step("unknown partner", &[&o2]);
    s.site.set(&o0, "title", "\"Titel während eines Fehlers\"");
    s.step("edit elsewhere while broken", &[&o0]);
    s.site.set(&o2, "providers", "[\"aaa-neuer-partner\"]");
    s.step("fixed", &[&o2]);
    s.site.write(&o2, "+++\ntitle = \"kaputt\n+++\n");
    s.step("TOML syntax error", &[&o2]);
    s.site
        .write(&o2, set_field(&text, "title", "\"Wieder heil\""));
    s.step("syntax fixed", &[&o2]);
    s.site.remove("content/partners/aaa-neuer-partner.md");
    s.step(
        "deleted partner still named",
        &["content/partners/aaa-neuer-partner.md"],
    );
    s.site.set(&o2, "providers", &q(&partners[0]));
    s.step("reference removed", &[&o2]);

    // Static files, templates, configuration.
    s.site.write("static/extra/info.txt", "hallo");
    s.step("static file added", &["static/extra/info.txt"]);
    s.site.write("static/extra/info.txt", "hallo, neu");
    s.step("static file changed", &["static/extra/info.txt"]);
    s.site.write("static/lotse.css", "body{}");
    s.step("static file over a theme file", &["static/lotse.css"]);
    s.site.remove("static");
    s.step("static folder removed", &["static"]);
    let page = lotse::load::DEFAULT_THEME
        .get_file("templates/page.html")
        .unwrap()
        .contents_utf8()
        .unwrap();
    s.site.write(
        "templates/page.html",
        page.replace(
            "{% endblock content %}",
            "<!-- eigene Vorlage -->{% endblock content %}",
        ),
    );
    s.step("template override", &["templates/page.html"]);
    s.site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}{{ nope(1) }}{% endblock content %}",
    );
    s.step("broken template", &["templates/page.html"]);
    s.site.remove("templates");
    s.step("template override removed", &["templates/page.html"]);
    let vocab = s.site.read("content/vocabularies.toml");
    s.site.write(
        "content/vocabularies.toml",
        vocab.replacen("= \"", "= \"Neu: ", 3),
    );
    s.step("vocabulary labels", &["content/vocabularies.toml"]);
    let conf = s.site.read("site.toml");
    s.site
        .write("site.toml", set_title(&conf, "Ein anderer Titel"));
    s.step("site.toml", &["site.toml"]);
}

fn set_title(toml: &str, title: &str) -> String {
    toml.lines()
        .map(|l| {
            if l.starts_with("title") {
                format!("title = \"{title}\"")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// Pages rendered in the background from an older version of the site are
/// not kept when a later change made them stale again.
#[test]
fn serve_background_jobs_never_keep_stale_pages() {
    let mut s = Stepper::new();
    let offers = s.site.undated_offers();
    let (a, b) = (
        format!("content/offers/{}.md", offers[0]),
        format!("content/offers/{}.md", offers[1]),
    );
    s.site.set(&a, "title", "\"Erste Fassung\"");
    s.apply("first edit", &[&a]);
    let old_job = s.session.take_job().expect("pending pages");
    assert!(!old_job.is_empty());
    s.site.set(&a, "title", "\"Zweite Fassung\"");
    s.site.set(&b, "title", "\"Auch geändert\"");
    s.apply("second edit, while the first job runs", &[&a, &b]);
    let newer_job = s.session.take_job().expect("pending pages");
    // The older job finishes last; its pages of the offer list are stale.
    let mut results = Vec::new();
    let never = std::sync::atomic::AtomicBool::new(false);
    newer_job.run(&never, &mut |r| results.push(r));
    old_job.run(&never, &mut |r| results.push(r));
    for r in results {
        s.session.accept(r);
    }
    s.session.render_pending();
    s.compare("jobs finished out of order");
    let list =
        String::from_utf8_lossy(&s.session.output().files["angebote/index.html"]).into_owned();
    assert!(list.contains("Zweite Fassung") && !list.contains("Erste Fassung"));

    // A job stopped half-way gives its pages back.
    s.site.set(&a, "title", "\"Dritte Fassung\"");
    s.apply("third edit", &[&a]);
    let job = s.session.take_job().expect("pending pages");
    let stop = std::sync::atomic::AtomicBool::new(true);
    let mut results = Vec::new();
    job.run(&stop, &mut |r| results.push(r));
    for r in results {
        s.session.accept(r);
    }
    s.session.render_pending();
    s.compare("a stopped job");
}

/// A deterministic random walk of edits that keep the site valid.
#[test]
fn serve_incremental_random_walk_equals_full_builds() {
    let mut s = Stepper::new();
    let mut rng: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |n: usize| {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        (rng % n as u64) as usize
    };
    let partners = s.site.ids("partners");
    let regions = s.site.ids("regions");
    let terms = ["schueler", "eltern", "lehrkraefte", "betriebe"];
    let mut added: Vec<String> = Vec::new();
    for step in 0..24 {
        let kinds = [
            "offers",
            "partners",
            "regions",
            "practice",
            "agreements",
            "pages",
        ];
        let dir = kinds[next(kinds.len())];
        let ids = s.site.ids(dir);
        let rel = format!("content/{dir}/{}.md", ids[next(ids.len())]);
        let what = next(6);
        let desc = format!("{step}: {rel} ({what})");
        match (dir, what) {
            (_, 0) => s.site.set(&rel, "title", &format!("\"Titel {step}\"")),
            (_, 1) => s.site.append_body(&rel, &format!("Absatz {step}.")),
            ("offers", 2) => {
                let p = &partners[next(partners.len())];
                s.site.set(&rel, "providers", &format!("[\"{p}\"]"));
            }
            ("offers", 3) => {
                let t = terms[next(terms.len())];
                s.site.set(&rel, "target_groups", &format!("[\"{t}\"]"));
                s.site.set(&rel, "grades", &format!("[{}]", 5 + next(8)));
            }
            ("offers", 4) => {
                let r = &regions[next(regions.len())];
                s.site.set(&rel, "regions", &format!("[\"{r}\"]"));
            }
            ("practice", 2) => {
                let p = &partners[next(partners.len())];
                s.site.set(&rel, "partners", &format!("[\"{p}\"]"));
            }
            ("regions", 2) => {
                let p = &partners[next(partners.len())];
                s.site.set(&rel, "coordination", &format!("[\"{p}\"]"));
            }
            (_, 5) if !added.is_empty() && next(2) == 0 => {
                let gone = added.remove(next(added.len()));
                s.site.remove(&gone);
                s.step(&format!("{desc} delete {gone}"), &[&gone]);
                continue;
            }
            _ => {
                let src = s
                    .site
                    .read(&format!("content/offers/{}.md", s.site.ids("offers")[0]));
                let new = format!("content/offers/neu-{step}.md");
                s.site
                    .write(&new, set_field(&src, "title", &format!("\"Neu {step}\"")));
                s.step(&format!("{desc} add {new}"), &[&new]);
                added.push(new);
                continue;
            }
        }
        s.step(&desc, &[&rel]);
    }
}

// ------------------------------------------------------ the real server

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Polls `f` until it returns `Some`, for at most `secs` seconds.
pub(crate) fn wait_for<T>(secs: u64, what: &str, mut f: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        if let Some(v) = f() {
            return v;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(25));
    }
}

/// `lotse serve` running on a site; killed when dropped.
pub(crate) struct Server {
    pub(crate) child: Child,
    pub(crate) port: u16,
    out: Arc<Mutex<String>>,
    err: Arc<Mutex<String>>,
}

fn capture(r: impl Read + Send + 'static) -> Arc<Mutex<String>> {
    let buf = Arc::new(Mutex::new(String::new()));
    let b = buf.clone();
    std::thread::spawn(move || {
        for line in BufReader::new(r).lines() {
            let Ok(line) = line else { break };
            let mut b = b.lock().unwrap();
            b.push_str(&line);
            b.push('\n');
        }
    });
    buf
}

impl Server {
    pub(crate) fn start(site: &Site, extra: &[&str]) -> Server {
        Server::start_lang(site, extra, Some("en"))
    }

    /// [`Server::start`] with `LOTSE_LANG` set to `lang`, or unset (the
    /// site's language decides).
    pub(crate) fn start_lang(site: &Site, extra: &[&str], lang: Option<&str>) -> Server {
        let port = free_port();
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_lotse"));
        cmd.env_remove("LOTSE_LANG");
        if let Some(l) = lang {
            cmd.env("LOTSE_LANG", l);
        }
        let mut child = cmd
            .arg("--root")
            .arg(&site.root)
            .args(["serve", "--port", &port.to_string(), "--today", TODAY])
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let out = capture(child.stdout.take().unwrap());
        let err = capture(child.stderr.take().unwrap());
        let s = Server {
            child,
            port,
            out,
            err,
        };
        wait_for(120, "the server to start", || {
            let out = s.stdout();
            (out.contains("Serving") || out.contains("Vorschau von")).then_some(())
        });
        s
    }

    pub(crate) fn stdout(&self) -> String {
        self.out.lock().unwrap().clone()
    }

    pub(crate) fn stderr(&self) -> String {
        self.err.lock().unwrap().clone()
    }

    pub(crate) fn get(&self, path: &str) -> Resp {
        get(self.port, path)
    }

    /// Polls until `path` answers with a body for which `f` holds.
    pub(crate) fn wait_body(&self, path: &str, what: &str, f: impl Fn(&Resp) -> bool) -> Resp {
        wait_for(60, what, || {
            let r = self.get(path);
            f(&r).then_some(r)
        })
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[derive(Debug)]
pub(crate) struct Resp {
    pub(crate) status: u16,
    pub(crate) head: String,
    pub(crate) body: Vec<u8>,
}

impl Resp {
    pub(crate) fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub(crate) fn header(&self, name: &str) -> Option<String> {
        self.head.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
        })
    }
}

/// One request with the exact path bytes given, over a fresh connection.
pub(crate) fn get(port: u16, path: &str) -> Resp {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    parse(&raw)
}

pub(crate) fn parse(raw: &[u8]) -> Resp {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("an HTTP response");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    let mut body = raw[split + 4..].to_vec();
    if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        body = dechunk(&body);
    }
    Resp { status, head, body }
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let eol = b.windows(2).position(|w| w == b"\r\n").unwrap();
        let n = usize::from_str_radix(std::str::from_utf8(&b[..eol]).unwrap().trim(), 16).unwrap();
        if n == 0 {
            return out;
        }
        out.extend_from_slice(&b[eol + 2..eol + 2 + n]);
        b = &b[eol + 4 + n..];
    }
}

fn title_of(site: &Site, rel: &str) -> String {
    let text = site.read(rel);
    let line = text.lines().find(|l| l.starts_with("title")).unwrap();
    line.split_once('"')
        .unwrap()
        .1
        .trim_end_matches('"')
        .to_string()
}

#[test]
fn serve_edit_new_and_deleted_files_over_http() {
    let site = Site::example();
    let srv = Server::start(&site, &[]);
    // An undated offer: a past one is on the archive, not on the list.
    let id = &site.undated_offers()[0];
    let rel = format!("content/offers/{id}.md");
    let url = format!("/angebote/{id}/");
    assert_eq!(srv.get(&url).status, 200);

    site.set(&rel, "title", "\"Frisch bearbeitet 4711\"");
    srv.wait_body(&url, "the edit", |r| {
        r.text().contains("Frisch bearbeitet 4711")
    });
    srv.wait_body("/angebote/", "the list", |r| {
        r.text().contains("Frisch bearbeitet 4711")
    });

    let text = site.read(&rel);
    site.write(
        "content/offers/brandneu.md",
        set_field(&text, "title", "\"Brandneues Angebot\""),
    );
    let r = srv.wait_body("/angebote/brandneu/", "the new page", |r| r.status == 200);
    assert!(r.text().contains("Brandneues Angebot"));

    site.remove("content/offers/brandneu.md");
    srv.wait_body("/angebote/brandneu/", "the deleted page to go", |r| {
        r.status == 404
    });
    srv.wait_body("/angebote/", "the list without it", |r| {
        !r.text().contains("Brandneues Angebot")
    });
    assert!(
        srv.stderr().is_empty() || !srv.stderr().contains("error"),
        "{}",
        srv.stderr()
    );
}

#[test]
fn serve_broken_edit_keeps_the_last_good_page_and_shows_the_error() {
    let site = Site::example();
    let srv = Server::start(&site, &[]);
    let id = &site.ids("offers")[0];
    let rel = format!("content/offers/{id}.md");
    let url = format!("/angebote/{id}/");
    let title = title_of(&site, &rel);
    let good = srv.get(&url);
    assert!(!good.text().contains("lotse-error-overlay"));

    site.set(&rel, "providers", "[\"gibt-es-nicht\"]");
    let r = srv.wait_body(&url, "the overlay", |r| {
        r.text().contains("id=\"lotse-error-overlay\"")
    });
    assert_eq!(r.status, 200);
    let text = r.text();
    assert!(
        text.contains(&format!("error: {rel}:")),
        "the overlay names the file:line: {text}"
    );
    assert!(text.contains("gibt-es-nicht"));
    assert!(
        text.contains(&lotse_escape(&title)),
        "the last good page is still served"
    );
    // Other pages show it too; the terminal prints the same message.
    assert!(srv.get("/").text().contains("lotse-error-overlay"));
    wait_for(30, "the terminal error", || {
        srv.stderr()
            .contains(&format!("error: {rel}:"))
            .then_some(())
    });
    // The poll endpoint reports it to open pages.
    let (boot, generation, err) = page_state(&r);
    assert_ne!(err, "0");
    let p = srv.get(&format!(
        "/__lotse/poll?boot={boot}&gen={generation}&err=0&file=x&path=%2F"
    ));
    assert_eq!(
        p.header("Content-Type").as_deref(),
        Some("application/json")
    );
    assert!(
        p.text()
            .contains(&format!("\"err\":{err},\"error\":\"error: {rel}:")),
        "{}",
        p.text()
    );

    site.set(
        &rel,
        "providers",
        &format!("[\"{}\"]", site.ids("partners")[0]),
    );
    site.set(&rel, "title", "\"Repariert 0815\"");
    let r = srv.wait_body(&url, "the fix", |r| r.text().contains("Repariert 0815"));
    assert!(!r.text().contains("lotse-error-overlay"));
    wait_for(30, "the terminal note", || {
        srv.stdout().contains("Fixed").then_some(())
    });
}

#[test]
fn serve_starts_on_a_broken_site_and_serves_it_once_fixed() {
    let site = Site::example();
    let id = &site.ids("offers")[0];
    let rel = format!("content/offers/{id}.md");
    let good = site.read(&rel);
    site.set(&rel, "regions", "[\"gibt-es-nicht\"]");
    let srv = Server::start(&site, &[]);
    assert!(
        srv.stdout().contains("the site does not build"),
        "{}",
        srv.stdout()
    );
    let r = srv.get("/");
    assert_eq!(r.status, 500);
    assert!(r.text().contains("id=\"lotse-error-overlay\""));
    assert!(r.text().contains(&format!("error: {rel}:")), "{}", r.text());
    assert!(r.text().contains("/__lotse/reload.js"));
    site.write(&rel, good);
    srv.wait_body("/", "the first good build", |r| r.status == 200);
    let r = srv.get(&format!("/angebote/{id}/"));
    assert_eq!(r.status, 200);
    assert!(!r.text().contains("lotse-error-overlay"));
}

/// How the theme writes a title into HTML (`–` and umlauts stay as they are).
fn lotse_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[test]
fn serve_never_serves_a_byte_from_outside_the_site() {
    let site = Site::example();
    let secret = "GEHEIM-c0ffee-4242";
    std::fs::write(site.tmp.path().join("secret.txt"), secret).unwrap();
    std::fs::write(
        site.tmp.path().join("secret.md"),
        format!("+++\ntitle = \"{secret}\"\n+++\n{secret}\n"),
    )
    .unwrap();
    #[cfg(unix)]
    {
        let link = |target: &Path, at: &str| {
            let p = site.path(at);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::os::unix::fs::symlink(target, p).unwrap();
        };
        link(&site.tmp.path().join("secret.txt"), "static/leak.txt");
        link(site.tmp.path(), "static/outside");
        link(&site.tmp.path().join("secret.md"), "content/pages/leak.md");
    }
    let srv = Server::start(&site, &[]);
    let attempts = [
        "/../secret.txt",
        "/../../secret.txt",
        "/angebote/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/secret.txt",
        "/.%2e/secret.txt",
        "/%2e%2e%2fsecret.txt",
        "/..%2fsecret.txt",
        "/..%2Fsecret.txt",
        "/..%5csecret.txt",
        "/..\\secret.txt",
        "/%c0%ae%c0%ae/secret.txt",
        "/%c0%ae%c0%ae%c0%afsecret.txt",
        "/%e0%80%ae%e0%80%ae/secret.txt",
        "/%252e%252e/secret.txt",
        "//secret.txt",
        "//../secret.txt",
        "/static/..//..//secret.txt",
        "/leak.txt",
        "/outside/secret.txt",
        "/outside/site/site.toml",
        "/leak/",
        "/secret.txt%00.html",
        "/../site/site.toml",
        "/site.toml",
        "/content/offers/",
    ];
    for a in attempts {
        let r = srv.get(a);
        assert!(
            matches!(r.status, 400 | 404),
            "{a}: {} {}",
            r.status,
            r.text()
        );
        assert!(!r.text().contains(secret), "{a} leaked the secret");
    }
    // Nothing in any page or message either (a symlinked content file is
    // not read, so its text cannot reach an error overlay).
    assert!(!srv.get("/").text().contains(secret));
    assert!(!srv.stderr().contains(secret), "{}", srv.stderr());
    assert!(!srv.get("/impressum/").text().contains(secret));
}

#[test]
fn serve_not_found_redirects_and_content_types() {
    let site = Site::example();
    site.write("static/doc/plan.pdf", "%PDF-1.4");
    site.write("static/data/x.json", "{}");
    site.write("static/data/x.csv", "a,b\n");
    site.write("static/robots.txt", "User-agent: *\n");
    site.write("static/img/a.png", [0x89, b'P', b'N', b'G']);
    let srv = Server::start(&site, &[]);
    let r = srv.get("/gibt/es/nicht/");
    assert_eq!(r.status, 404);
    assert!(r.text().contains("<html"), "the site's 404.html");
    assert!(r.text().contains("/__lotse/reload.js"));
    assert_eq!(srv.get("/nichts.png").status, 404);

    let r = srv.get("/angebote");
    assert_eq!(r.status, 302);
    assert_eq!(r.header("Location").as_deref(), Some("/angebote/"));
    let r = srv.get("/angebote?x=1");
    assert_eq!(r.header("Location").as_deref(), Some("/angebote/?x=1"));

    for (path, ct) in [
        ("/", "text/html; charset=utf-8"),
        ("/angebote/", "text/html; charset=utf-8"),
        ("/index.html", "text/html; charset=utf-8"),
        ("/lotse.css", "text/css; charset=utf-8"),
        ("/favicon.svg", "image/svg+xml"),
        ("/doc/plan.pdf", "application/pdf"),
        ("/data/x.json", "application/json"),
        ("/data/x.csv", "text/csv; charset=utf-8"),
        ("/robots.txt", "text/plain; charset=utf-8"),
        ("/img/a.png", "image/png"),
        ("/__lotse/reload.js", "text/javascript; charset=utf-8"),
    ] {
        let r = srv.get(path);
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("Content-Type").as_deref(), Some(ct), "{path}");
    }
    assert_eq!(srv.get("/doc/plan.pdf").body, b"%PDF-1.4");
    // Every type of file the site has gets a known type.
    let out = lotse::build::build(&site.root, &options()).unwrap().output;
    for path in out.files.keys() {
        assert_ne!(
            lotse::serve::http::content_type(path),
            "application/octet-stream",
            "{path}"
        );
    }
}

#[test]
fn serve_answers_concurrent_load_also_while_rebuilding() {
    let site = Site::example();
    let srv = Server::start(&site, &[]);
    let port = srv.port;
    // Open tabs: more waiting reload polls than the pool has threads.
    let (_, generation, _) = page_state(&srv.get("/"));
    let polls: Vec<TcpStream> = (0..40)
        .map(|_| {
            let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
            write!(
                s,
                "GET /__lotse/poll?boot=0&gen={generation}&err=0&file=x&path=%2Fx%2F HTTP/1.1\r\nHost: x\r\n\r\n"
            )
            .unwrap();
            s
        })
        .collect();
    let paths: Vec<String> = [
        "/",
        "/angebote/",
        "/partner/",
        "/regionen/",
        "/lotse.css",
        "/impressum/",
    ]
    .into_iter()
    .map(String::from)
    .chain(
        site.ids("offers")
            .iter()
            .map(|id| format!("/angebote/{id}/")),
    )
    .collect();
    let paths = Arc::new(paths);
    // Rebuilds while the load runs: each template edit renders every page.
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let editor = {
        let stop = stop.clone();
        let root = site.root.clone();
        std::thread::spawn(move || {
            let mut n = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                n += 1;
                let p = root.join("templates/404.html");
                std::fs::create_dir_all(p.parent().unwrap()).unwrap();
                let base = lotse::load::DEFAULT_THEME
                    .get_file("templates/404.html")
                    .unwrap()
                    .contents_utf8()
                    .unwrap();
                let t = base.replace(
                    "{% endblock content %}",
                    &format!("<!-- {n} -->{{% endblock content %}}"),
                );
                std::fs::write(&p, t).unwrap();
                std::thread::sleep(Duration::from_millis(150));
            }
            n
        })
    };
    let clients: Vec<_> = (0..32)
        .map(|c| {
            let paths = paths.clone();
            std::thread::spawn(move || {
                let mut codes = Vec::new();
                for i in 0..63 {
                    let p = &paths[(c * 7 + i) % paths.len()];
                    codes.push((p.clone(), get(port, p).status));
                }
                codes
            })
        })
        .collect();
    let mut total = 0;
    for c in clients {
        for (p, code) in c.join().unwrap() {
            assert_eq!(code, 200, "{p}");
            total += 1;
        }
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let edits = editor.join().unwrap();
    assert!(total >= 2000);
    assert!(edits >= 1);
    wait_for(60, "the rebuilds to be served", || {
        srv.get("/nope/")
            .text()
            .contains(&format!("<!-- {edits} -->"))
            .then_some(())
    });
    drop(polls);
}

/// `data-boot`, `data-gen`, `data-err` of the injected script.
fn page_state(r: &Resp) -> (String, String, String) {
    let t = r.text();
    let attr = |name: &str| {
        let k = format!("{name}=\"");
        let i = t.find(&k).unwrap_or_else(|| panic!("no {name} in {t}")) + k.len();
        t[i..i + t[i..].find('"').unwrap()].to_string()
    };
    (attr("data-boot"), attr("data-gen"), attr("data-err"))
}

#[test]
fn serve_reload_poll_answers_when_the_page_changes() {
    let site = Site::example();
    let srv = Server::start(&site, &[]);
    let ids = site.ids("offers");
    let url = format!("/angebote/{}/", ids[0]);
    let (boot, generation, err) = page_state(&srv.get(&url));
    let file = format!("angebote%2F{}%2Findex.html", ids[0]);
    let poll = |file: &str, path: &str| {
        let mut s = TcpStream::connect(("127.0.0.1", srv.port)).unwrap();
        write!(
            s,
            "GET /__lotse/poll?boot={boot}&gen={generation}&err={err}&file={file}&path={path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        s
    };
    let mut mine = poll(&file, &url);
    let mut other = poll("impressum%2Findex.html", "%2Fimpressum%2F");
    site.append_body(&format!("content/offers/{}.md", ids[0]), "Neuer Absatz.");
    mine.set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let mut raw = Vec::new();
    mine.read_to_end(&mut raw).unwrap();
    let r = parse(&raw);
    assert_eq!(r.text(), r#"{"reload":true}"#);
    // The unrelated page is not told to reload (its poll keeps waiting).
    other
        .set_read_timeout(Some(Duration::from_millis(1500)))
        .unwrap();
    let mut buf = [0u8; 64];
    assert!(
        other.read(&mut buf).is_err(),
        "an unchanged page was answered"
    );
    // Another server run (boot) reloads.
    let r = srv.get("/__lotse/poll?boot=1&gen=1&err=0&file=index.html&path=%2F");
    assert_eq!(r.text(), r#"{"reload":true}"#);
    // The script is served only here, never in `lotse build` output.
    let out = lotse::build::build(&site.root, &options()).unwrap().output;
    for (path, bytes) in &out.files {
        assert!(
            !String::from_utf8_lossy(bytes).contains("__lotse"),
            "{path}"
        );
    }
}

#[test]
fn serve_binds_loopback_by_default_and_warns_otherwise() {
    let site = Site::example();
    let srv = Server::start(&site, &[]);
    assert!(
        srv.stdout()
            .contains(&format!("http://127.0.0.1:{}/", srv.port))
    );
    assert!(
        !srv.stderr().contains("warning: serving on"),
        "{}",
        srv.stderr()
    );
    // Not reachable on another address of this machine: 127.0.0.2 (on
    // Linux all of 127/8 is this machine, so the check runs everywhere the
    // tests do) and an outward address where the machine has one.
    let other = std::net::IpAddr::from([127, 0, 0, 2]);
    for ip in [Some(other), outward_ip()].into_iter().flatten() {
        assert!(
            TcpStream::connect((ip, srv.port)).is_err(),
            "reachable on {ip}"
        );
    }
    drop(srv);
    let srv = Server::start(&site, &["--bind", "0.0.0.0"]);
    assert!(
        srv.stderr().contains("warning: serving on 0.0.0.0:"),
        "{}",
        srv.stderr()
    );
    assert_eq!(srv.get("/").status, 200);
    // The check above can fail: bound to every address, it is reachable.
    if cfg!(target_os = "linux") {
        assert!(TcpStream::connect((other, srv.port)).is_ok());
    }
}

/// A non-loopback address of this machine, if it has one.
fn outward_ip() -> Option<std::net::IpAddr> {
    let s = std::net::UdpSocket::bind("0.0.0.0:0").ok()?;
    s.connect("192.0.2.1:9").ok()?;
    let ip = s.local_addr().ok()?.ip();
    (!ip.is_loopback() && !ip.is_unspecified()).then_some(ip)
}

#[cfg(unix)]
#[test]
fn serve_stops_cleanly_on_ctrl_c() {
    let site = Site::example();
    let mut srv = Server::start(&site, &[]);
    let ok = Command::new("kill")
        .args(["-INT", &srv.child.id().to_string()])
        .status()
        .unwrap();
    assert!(ok.success());
    let status = wait_for(30, "the server to stop", || srv.child.try_wait().unwrap());
    assert_eq!(status.code(), Some(0), "{}", srv.stderr());
    wait_for(10, "the goodbye", || {
        srv.stdout().contains("Stopping").then_some(())
    });
    assert!(TcpStream::connect(("127.0.0.1", srv.port)).is_err());
}
