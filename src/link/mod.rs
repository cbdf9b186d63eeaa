//! Link: turns loaded documents into an indexed, checked `Site`: typed
//! entities, every reference and vocabulary term resolved, `@/` links
//! checked, bodies rendered, back-references and agreement terms derived.

mod access;
pub mod backrefs;
pub mod brand;
mod checks;
mod dates;
pub mod incremental;
pub mod languages;
mod rules;
mod search;
pub mod terms;
mod traps;
pub mod version;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Severity, Source};
use crate::load::Loaded;
use crate::markdown::{self, MdContext};
use crate::messages::Message;
use crate::model::entities;
use crate::model::*;
use crate::msg;
use crate::text::suggest::{did_you_mean, nearest};
use crate::url::Urls;
pub use access::{AnyLinked, ContentType};
use backrefs::Backrefs;
pub(crate) use checks::Checker;
use jiff::civil::Date;
use rayon::prelude::*;
pub use rules::alias_problem;
use rules::{check_legal_pages, check_pages};
pub(crate) use rules::{check_offer_id, check_page_id};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// What the build was asked for.
#[derive(Clone, Debug)]
pub struct LinkOptions {
    pub drafts: bool,
    pub today: Date,
    pub base_url: Option<String>,
}

/// An entity with its rendered body and derived summary.
#[derive(Clone, Debug)]
pub struct Linked<T> {
    pub data: T,
    pub html: String,
    /// `summary` from front matter, else the body's first paragraph.
    pub summary: Option<String>,
    /// Its terms in the search index (from title, summary, body and
    /// labels), computed here, in parallel, and only again when it changes.
    pub terms: crate::text::terms::DocTerms,
}

/// The home page text.
#[derive(Clone, Debug, Default)]
pub struct HomeText {
    pub title: Option<String>,
    pub description: Option<String>,
    pub html: String,
}

/// Ids of each kind → position in the site's lists.
#[derive(Clone, Debug, Default)]
pub struct Index {
    pub maps: HashMap<Kind, HashMap<String, usize>>,
    /// Draft ids left out of this build, so that references to them can be
    /// told apart from typos.
    pub drafts: HashMap<Kind, HashSet<String>>,
    /// Ids of files that exist but have errors of their own: references to
    /// them are not reported a second time.
    pub broken: HashMap<Kind, HashSet<String>>,
}

impl Index {
    fn is_broken(&self, kind: Kind, id: &str) -> bool {
        self.broken.get(&kind).is_some_and(|s| s.contains(id))
    }
}

impl Index {
    pub fn get(&self, kind: Kind, id: &str) -> Option<usize> {
        self.maps.get(&kind).and_then(|m| m.get(id)).copied()
    }
}

/// A whole, checked site: the input of rendering. Entities sit behind
/// `Arc`s so that a copy of the site is cheap (the dev server renders from
/// one copy while it applies the next change to another).
#[derive(Clone, Debug)]
pub struct Site {
    pub config: Config,
    pub urls: Urls,
    pub vocab: Vocabularies,
    pub today: Date,
    pub home: HomeText,
    pub regions: Vec<Arc<Linked<Region>>>,
    pub partners: Vec<Arc<Linked<Partner>>>,
    pub offers: Vec<Arc<Linked<Offer>>>,
    pub practices: Vec<Arc<Linked<Practice>>>,
    pub agreements: Vec<Arc<Linked<Agreement>>>,
    pub pages: Vec<Arc<Linked<Page>>>,
    pub index: Index,
    pub back: Backrefs,
    /// Parallel to `agreements`.
    pub terms: Vec<terms::Term>,
    /// Translations into the site's other languages (empty for a site in
    /// one language).
    pub translations: languages::Translations,
    /// Set on a language version of the site (`version::site_for`).
    pub version: Option<Arc<version::Version>>,
    /// Change history from git, filled by the build before rendering
    /// (empty without git).
    pub history: crate::load::history::History,
}

impl Site {
    pub fn region(&self, id: &str) -> Option<&Linked<Region>> {
        self.index.get(Kind::Region, id).map(|i| &*self.regions[i])
    }
    pub fn partner(&self, id: &str) -> Option<&Linked<Partner>> {
        self.index
            .get(Kind::Partner, id)
            .map(|i| &*self.partners[i])
    }
    pub fn page(&self, id: &str) -> Option<&Linked<Page>> {
        self.index.get(Kind::Page, id).map(|i| &*self.pages[i])
    }
}

/// Paths the site builds itself; a free page may not take them.
pub const RESERVED_PAGE_IDS: &[&str] = &[
    "regionen",
    "partner",
    "angebote",
    "gute-praxis",
    "vereinbarungen",
    "berufswahlfahrplan",
    "netzwerk",
    "zahlen",
    "suche",
    "daten",
    "static",
    "livereload",
    "404",
];

/// Links a loaded site. Returns the site when there were no errors, and
/// every diagnostic either way.
pub fn link(loaded: &Loaded, opts: &LinkOptions) -> (Option<Site>, Vec<Diagnostic>) {
    let read = loaded
        .docs
        .par_iter()
        .with_max_len(crate::PAR_GRAIN)
        .map(read_doc)
        .collect();
    link_read(loaded, read, opts, false)
}

/// `link` for a site that is built once and not linked again (`lotse
/// build`): takes the documents out of `loaded` and frees each one's parsed
/// front matter once it is typed, and each entity's source text once its
/// body is rendered, so that the sources and the rendered site are never
/// held in full at the same time. The returned site's sources are empty:
/// only loading, checking and linking read them (diagnostics keep their
/// own copy).
pub fn link_once(loaded: &mut Loaded, opts: &LinkOptions) -> (Option<Site>, Vec<Diagnostic>) {
    let docs = std::mem::take(&mut loaded.docs);
    let read = docs
        .into_par_iter()
        .with_max_len(crate::PAR_GRAIN)
        .map(|doc| read_doc(&doc))
        .collect();
    link_read(loaded, read, opts, true)
}

/// One document typed as an entity (`None` when it has errors).
struct ReadDoc {
    kind: Kind,
    id: String,
    entity: Option<Entity>,
    diags: Vec<Diagnostic>,
}

fn read_doc(doc: &crate::load::Doc) -> ReadDoc {
    let mut diags = Vec::new();
    let entity = entities::read(doc, &mut diags);
    ReadDoc {
        kind: doc.kind,
        id: doc.id.clone(),
        entity,
        diags,
    }
}

fn link_read(
    loaded: &Loaded,
    read: Vec<ReadDoc>,
    opts: &LinkOptions,
    release: bool,
) -> (Option<Site>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let config = loaded
        .config
        .as_ref()
        .and_then(|(src, t)| Config::read(src, t, &mut diags));
    let config_errors = diags.iter().any(Diagnostic::is_error);
    let config = match (config, &opts.base_url) {
        (Some(c), Some(url)) => match c.with_base_url(url) {
            Ok(c) => Some(c),
            Err(msg) => {
                diags.push(Diagnostic::error("--base-url", msg));
                None
            }
        },
        (c, _) => c,
    };
    let vocab = loaded
        .vocabularies
        .as_ref()
        .map(|(src, t)| Vocabularies::read(src, t, &mut diags))
        .unwrap_or_else(|| Vocabularies {
            // `load` reported why there is none.
            unreadable: crate::model::vocab::Unreadable::All,
            ..Default::default()
        });

    let mut content = Content::default();
    // Each list at its final size at once: an offer is a large struct, and
    // a list grown by doubling was copied into fresh memory again and
    // again (at 10,000 entities, 40 ms on the one thread that links).
    let count = |kind: Kind| read.iter().filter(|r| r.kind == kind).count();
    content.regions.reserve_exact(count(Kind::Region));
    content.partners.reserve_exact(count(Kind::Partner));
    content.offers.reserve_exact(count(Kind::Offer));
    content.practices.reserve_exact(count(Kind::Practice));
    content.agreements.reserve_exact(count(Kind::Agreement));
    content.pages.reserve_exact(count(Kind::Page));
    let mut index = Index::default();
    for (kind, id) in &loaded.failed {
        index.broken.entry(*kind).or_default().insert(id.clone());
    }
    for mut r in read {
        diags.append(&mut r.diags);
        let Some(e) = r.entity else {
            index.broken.entry(r.kind).or_default().insert(r.id);
            continue;
        };
        let kind = e.kind();
        if e.common().draft && !opts.drafts {
            index
                .drafts
                .entry(kind)
                .or_default()
                .insert(e.common().id.clone());
            continue;
        }
        content.push(e);
    }
    content.sort();
    // Without a usable site.toml, keep checking the content (all errors of
    // a build are reported together) and return no site at the end.
    // (load or Config::read has reported why.)
    let config_ok = config.is_some();
    let config = config.unwrap_or_else(Config::fallback);
    let urls = Urls::new(&config.base_url, config.base_path());

    fill_index(&mut index, &content);
    if config_ok {
        languages::check_ui_strings(&config, loaded, &mut diags);
    }
    // A broken site.toml may have lost a language: its translations would
    // each be reported as in a language the site lacks.
    let translations = if config_ok && !config_errors {
        let tables = |kind: Kind, id: &str, key: &str| match (kind, key, index.get(kind, id)) {
            (Kind::Agreement, "goals", Some(i)) => content.agreements[i].goals.len(),
            (Kind::Region, "milestones", Some(i)) => content.regions[i].milestones.len(),
            _ => 0,
        };
        languages::collect(loaded, &config, &index, &vocab, &tables, &mut diags)
    } else {
        Default::default()
    };
    let checker = Checker {
        index: &index,
        vocab: &vocab,
    };
    diags.extend(checker.check_all(&content));
    check_pages(&content, &mut diags);
    check_legal_pages(&content, &index, &mut diags);
    if config_ok {
        brand::check(&config, loaded, &index, &vocab, &mut diags);
    }
    traps::check_placeholders(&content, &mut diags);
    traps::check_duplicate_titles(&content, &mut diags);

    // Bodies, in parallel.
    let resolve = |path: &str| resolve_link(&index, &urls, path);
    let md = MdContext {
        raw_html: config.raw_html,
        base_path: &urls.base_path,
        resolve: &resolve,
    };
    let bodies = Bodies {
        md: &md,
        vocab: &vocab,
        release,
    };
    let (regions, d1) = bodies.render_all(content.regions);
    let (partners, d2) = bodies.render_all(content.partners);
    let (offers, d3) = bodies.render_all(content.offers);
    let (practices, d4) = bodies.render_all(content.practices);
    let (agreements, d5) = bodies.render_all(content.agreements);
    let (pages, d6) = bodies.render_all(content.pages);
    for d in [d1, d2, d3, d4, d5, d6] {
        diags.extend(d);
    }
    let home = home_text(loaded, &md, &mut diags);

    let terms = agreements
        .iter()
        .map(|a| terms::for_agreement(&a.data, opts.today))
        .collect();
    let mut site = Site {
        config,
        urls,
        vocab,
        today: opts.today,
        home,
        regions,
        partners,
        offers,
        practices,
        agreements,
        pages,
        index,
        back: Backrefs::default(),
        terms,
        translations,
        version: None,
        history: Default::default(),
    };
    site.back = Backrefs::compute(&site);
    let ok = config_ok && !diags.iter().any(Diagnostic::is_error);
    (ok.then_some(site), diags)
}

/// Resolves the part after `@/` (`partners/x.md`) of a Markdown link.
pub(crate) fn resolve_link(index: &Index, urls: &Urls, path: &str) -> markdown::Target {
    let Some((kind, id)) = path
        .split_once('/')
        .and_then(|(dir, file)| Some((Kind::from_dir(dir)?, file.strip_suffix(".md")?)))
    else {
        return markdown::Target::Missing;
    };
    if index.get(kind, id).is_some() {
        markdown::Target::Page(urls.entity(kind, id))
    } else if index.drafts.get(&kind).is_some_and(|d| d.contains(id)) {
        markdown::Target::Draft
    } else if index.is_broken(kind, id) {
        markdown::Target::Broken
    } else {
        markdown::Target::Missing
    }
}

/// The home page text from `content/_index.md`.
pub(crate) fn home_text(loaded: &Loaded, md: &MdContext, diags: &mut Vec<Diagnostic>) -> HomeText {
    match &loaded.home {
        Some((src, front, body)) => {
            let r = markdown::render(&src.text[body.clone()], md);
            diags.extend(md_diags(src, body.start, &r.problems));
            // Checked like any front matter: types, unknown keys.
            let cell = std::cell::RefCell::new(Vec::new());
            let reader = crate::model::read::Reader::new(src, front, 0..0, &cell);
            reader.unknown_keys(&crate::model::fields::keys(crate::model::fields::HOME));
            let (title, description) = (reader.str_opt("title"), reader.str_opt("description"));
            diags.append(&mut cell.into_inner());
            HomeText {
                title,
                description,
                html: r.html,
            }
        }
        None => HomeText::default(),
    }
}

fn fill_index(index: &mut Index, c: &Content) {
    fn ids<T: Typed>(index: &mut Index, list: &[T]) {
        let map = list.iter().enumerate();
        let map = map.map(|(i, e)| (e.common().id.clone(), i)).collect();
        index.maps.insert(T::KIND, map);
    }
    ids(index, &c.regions);
    ids(index, &c.partners);
    ids(index, &c.offers);
    ids(index, &c.practices);
    ids(index, &c.agreements);
    ids(index, &c.pages);
}

/// Renders the bodies of the entities of one kind, in parallel.
struct Bodies<'a> {
    md: &'a MdContext<'a>,
    vocab: &'a Vocabularies,
    /// Free each entity's source text once its body is rendered
    /// (`link_once`).
    release: bool,
}

impl Bodies<'_> {
    fn render_all<T: ContentType>(&self, items: Vec<T>) -> (Vec<Arc<Linked<T>>>, Vec<Diagnostic>) {
        let empty: Arc<String> = Arc::default();
        // Each entity goes into its `Arc` on the thread that linked it: done
        // afterwards, on the one linking thread, it was a copy of every
        // entity into fresh memory while the other core waited.
        let (items, diags): (Vec<Arc<Linked<T>>>, Vec<Vec<Diagnostic>>) = items
            .into_par_iter()
            .with_max_len(crate::PAR_GRAIN)
            .map(|data| {
                let (mut linked, d) = link_body(data, self.md, self.vocab);
                if self.release {
                    let c = linked.data.common_mut();
                    c.source.text = empty.clone();
                    c.body = 0..0;
                }
                (Arc::new(linked), d)
            })
            .unzip();
        (items, diags.into_iter().flatten().collect())
    }
}

/// Renders one entity's body and derives its summary and search terms.
pub(crate) fn link_body<T: ContentType>(
    data: T,
    md: &MdContext,
    vocab: &Vocabularies,
) -> (Linked<T>, Vec<Diagnostic>) {
    link_body_in(crate::text::lang::Folding::German, data, md, vocab)
}

/// `link_body` for a text in another language: its search terms are
/// folded the way that language's index folds queries.
pub(crate) fn link_body_in<T: ContentType>(
    folding: crate::text::lang::Folding,
    data: T,
    md: &MdContext,
    vocab: &Vocabularies,
) -> (Linked<T>, Vec<Diagnostic>) {
    let c = data.common();
    let r = markdown::render(c.body_text(), md);
    let d = md_diags(&c.source, c.body.start, &r.problems);
    // A summary taken from the body is in the body's text already: only
    // one from the front matter adds words.
    let terms = crate::text::terms::doc_terms_in(
        folding,
        &c.title,
        c.summary.as_deref(),
        &r.text,
        &data.search_labels(vocab),
    );
    let summary = c.summary.clone().or(r.first_paragraph);
    (
        Linked {
            html: r.html,
            summary,
            terms,
            data,
        },
        d,
    )
}

pub(crate) fn md_diags(
    src: &Source,
    offset: usize,
    problems: &[markdown::MdProblem],
) -> Vec<Diagnostic> {
    problems
        .iter()
        .map(|p| {
            Diagnostic::at(
                if p.warning {
                    Severity::Warning
                } else {
                    Severity::Error
                },
                src,
                p.span.start + offset..p.span.end + offset,
                p.message.clone(),
            )
            .maybe_help(p.help.clone())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::build::{BuildOptions, check};
    use crate::diagnostics::Severity;

    fn site_with_pages(pages: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content/pages")).unwrap();
        std::fs::write(
            root.join("site.toml"),
            "title = \"T\"\nbase_url = \"https://example.org/\"\n",
        )
        .unwrap();
        std::fs::write(root.join("content/vocabularies.toml"), "").unwrap();
        for (id, front) in pages {
            std::fs::write(
                root.join(format!("content/pages/{id}.md")),
                format!("+++\ntitle = \"{id}\"\n{front}+++\nText.\n"),
            )
            .unwrap();
        }
        dir
    }

    fn legal_warnings(dir: &tempfile::TempDir) -> Vec<(String, String)> {
        let (site, diags) = check(dir.path(), &BuildOptions::default());
        assert!(
            site.is_some(),
            "{}",
            diags.render(crate::messages::Lang::En)
        );
        diags
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .map(|d| (d.file.clone(), d.message.text(crate::messages::Lang::En)))
            .collect()
    }

    #[test]
    fn a_warning_for_each_missing_legal_page() {
        let dir = site_with_pages(&[("impressum", ""), ("barrierefreiheit", "draft = true\n")]);
        let w = legal_warnings(&dir);
        let files: Vec<&str> = w.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(
            files,
            [
                "content/pages/barrierefreiheit.md",
                "content/pages/datenschutz.md",
                "content/pages/leichte-sprache.md"
            ],
            "{w:?}"
        );
        assert!(
            w[0].1.contains("is a draft") && w[0].1.contains("§ 12b BGG"),
            "{w:?}"
        );
        assert!(w[1].1.contains("privacy statement"), "{w:?}");
        assert!(w[2].1.contains("Leichte Sprache"), "{w:?}");
    }

    #[test]
    fn no_warning_when_all_legal_pages_exist() {
        let dir = site_with_pages(&[
            ("impressum", ""),
            ("datenschutz", ""),
            ("barrierefreiheit", ""),
            ("leichte-sprache", ""),
        ]);
        assert_eq!(legal_warnings(&dir), []);
    }
}
