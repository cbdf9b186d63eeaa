//! Multilingual sites (issue 15): `languages` in site.toml, translations
//! beside their sources, and each error of the contract with file and line.
//! The fixtures `multilingual-2` (de, en) and `multilingual-5` (de, en, tr,
//! ar, uk) are laid over `full`; each `ml-bad-*` fixture holds one mistake.

use crate::harness::Fixture;

/// `full` with the given fixtures laid over it.
fn site(overlays: &[&str]) -> Fixture {
    let fx = Fixture::copy("full");
    for o in overlays {
        fx.overlay(o);
    }
    fx
}

#[test]
fn two_and_five_languages_build_and_check_clean() {
    for name in ["multilingual-2", "multilingual-5"] {
        let fx = site(&[name]);
        fx.check().ok();
        fx.build_ok();
        assert!(fx.has_output("index.html"), "{name}");
    }
}

#[test]
fn a_free_page_in_another_language_says_so_in_its_html() {
    let fx = site(&["multilingual-2"]);
    fx.build_ok();
    let page = fx.output("eltern-info/index.html");
    assert!(page.contains("<html lang=\"tr\">"), "{page}");
    let other = fx.output("ueber-uns/index.html");
    assert!(other.contains("<html lang=\"de\">"), "{other}");
}

#[test]
fn a_page_lang_that_is_no_language_tag_is_an_error_at_its_line() {
    let fx = site(&["multilingual-2"]);
    fx.replace(
        "content/pages/eltern-info.md",
        "lang = \"tr\"",
        "lang = \"Türkisch\"",
    );
    let run = fx.build();
    run.code(1);
    run.error_at(&fx.pos("content/pages/eltern-info.md", "\"Türkisch\""))
        .says("`Türkisch` is not a language tag");
}

#[test]
fn a_translation_that_repeats_a_reference_is_an_error_at_its_line() {
    let fx = site(&["multilingual-2", "ml-bad-field"]);
    let file = "content/offers/bewerbungstraining.en.md";
    let run = fx.build();
    run.code(1);
    let d = run.only_error();
    d.at(&fx.pos(file, "regions")).says(
        "`regions` comes from the source `content/offers/bewerbungstraining.md`; a translation holds only text fields",
    );
    assert!(
        d.help.as_deref().unwrap_or("").contains("`schedule`"),
        "{}",
        d.text
    );
    // A date of the source (not `updated`) and a number are refused too.
    let fx = site(&["multilingual-2"]);
    fx.insert_after("content/offers/elternabend.en.md", "+++", "grades = [7]");
    fx.insert_after(
        "content/offers/elternabend.en.md",
        "+++",
        "start = 2026-01-01",
    );
    let run = fx.build();
    run.code(1);
    let f = "content/offers/elternabend.en.md";
    run.error_at(&fx.pos(f, "grades"));
    run.error_at(&fx.pos(f, "start"));
    assert_eq!(run.errors().len(), 2, "{run}");
}

#[test]
fn a_translation_without_a_source_is_an_error_with_file_and_line() {
    let fx = site(&["multilingual-2", "ml-bad-orphan"]);
    let run = fx.build();
    run.code(1);
    run.only_error().is(
        "content/offers/gibt-es-nicht.en.md:1:1",
        "a translation without a source: there is no `content/offers/gibt-es-nicht.md`",
        Some("a translation lives beside the file it translates and has its name with the language before `.md` (`gibt-es-nicht.en.md`)"),
    );
}

#[test]
fn a_translation_into_a_language_the_site_does_not_list_is_an_error() {
    let fx = site(&["multilingual-2", "ml-bad-lang"]);
    let run = fx.build();
    run.code(1);
    run.only_error().is(
        "content/offers/elternabend.fr.md:1:1",
        "a translation into `fr`, which is not one of the site's `languages`",
        Some("site.toml has `languages = [\"de\", \"en\"]`; add `fr` there, or rename the file"),
    );
    // Into the default language: also an error.
    let fx = site(&["multilingual-2"]);
    fx.write(
        "content/offers/elternabend.de.md",
        "+++\ntitle = \"Elternabend\"\n+++\n",
    );
    let run = fx.build();
    run.code(1);
    run.only_error()
        .at("content/offers/elternabend.de.md:1:1")
        .says("a translation into `de`, the site's default language");
}

#[test]
fn a_language_without_ui_strings_names_the_missing_file() {
    let fx = site(&["multilingual-2", "ml-bad-ui"]);
    let run = fx.build();
    run.code(1);
    run.only_error().is(
        &fx.pos("site.toml", "\"fr\""),
        "no UI strings for the language `fr`: neither the theme `lotse` nor the site has `i18n/fr.toml`",
        Some("create `i18n/fr.toml` beside site.toml with the keys of the theme's `i18n/de.toml`, translated"),
    );
    // The site's own file is enough.
    fx.write("i18n/fr.toml", "breadcrumb_home = \"Accueil\"\n");
    fx.build_ok();
}

#[test]
fn languages_must_begin_with_the_default_and_be_tags() {
    let fx = site(&["multilingual-2"]);
    fx.replace(
        "site.toml",
        "languages = [\"de\", \"en\"]",
        "languages = [\"en\", \"de\"]",
    );
    let run = fx.build();
    run.code(1);
    run.only_error()
        .at(&fx.pos("site.toml", "[\"en\""))
        .says("`languages` must begin with the default language `de`");
    let fx = site(&["multilingual-2"]);
    fx.replace(
        "site.toml",
        "languages = [\"de\", \"en\"]",
        "languages = [\"de\", \"English\"]",
    );
    let run = fx.build();
    run.code(1);
    run.only_error()
        .at(&fx.pos("site.toml", "\"English\""))
        .says("`English` is not a language tag");
}

#[test]
fn a_vocabulary_translation_holds_only_the_source_keys() {
    let fx = site(&["multilingual-2", "ml-bad-vocab"]);
    let f = "content/vocabularies.en.toml";
    let run = fx.build();
    run.code(1);
    run.only_error()
        .at(&fx.pos(f, "grosseltern"))
        .says("`target_groups.grosseltern` is not a term of `content/vocabularies.toml`");
}

#[test]
fn an_offers_contact_sentence_translates() {
    let fx = site(&["multilingual-2"]);
    fx.insert_after(
        "content/offers/elternabend.md",
        "+++",
        "contact = \"Fragen Sie Ihre Klassenlehrkraft.\"",
    );
    fx.insert_after(
        "content/offers/elternabend.en.md",
        "+++",
        "contact = \"Ask your class teacher.\"",
    );
    fx.build_ok();
    assert!(
        fx.output("angebote/elternabend/index.html")
            .contains("Fragen Sie Ihre Klassenlehrkraft.")
    );
    assert!(
        fx.output("en/angebote/elternabend/index.html")
            .contains("Ask your class teacher.")
    );
}

#[test]
fn a_translation_of_a_draft_is_no_error() {
    let fx = site(&["multilingual-2"]);
    fx.write(
        "content/offers/entwurf-angebot.en.md",
        "+++\ntitle = \"Draft offer\"\n+++\n",
    );
    fx.build_ok();
}

// ── Output: one version of every page per language ─────────────────────

/// Every HTML page of the default language, as paths below `public/`.
fn default_pages(fx: &Fixture, langs: &[&str]) -> Vec<String> {
    fx.output_files()
        .into_iter()
        .filter(|p| p.ends_with(".html"))
        .filter(|p| !langs.iter().any(|l| p.starts_with(&format!("{l}/"))))
        .collect()
}

#[test]
fn every_page_exists_in_every_language_and_every_link_resolves() {
    let langs = ["en", "tr", "ar", "uk"];
    let fx = site(&["multilingual-2", "multilingual-5"]);
    fx.build_ok();
    let pages = default_pages(&fx, &langs);
    assert!(pages.len() > 50, "{pages:?}");
    for lang in langs {
        for p in &pages {
            assert!(fx.has_output(&format!("{lang}/{p}")), "no {lang}/{p}");
        }
        assert!(fx.has_output(&format!("{lang}/feed.xml")));
        assert!(fx.has_output(&format!("{lang}/suche/index.json")));
    }
    // Open data, sitemap and static files are the site's, once.
    for once in [
        "daten/angebote.json",
        "sitemap.xml",
        "lotse.css",
        "robots.txt",
    ] {
        assert!(fx.has_output(once));
        assert!(!fx.has_output(&format!("tr/{once}")), "tr/{once}");
    }
    let broken = crate::harness::broken_links(&fx.path("public"), "https://example.org/netz/");
    assert!(broken.is_empty(), "{broken:#?}");
}

#[test]
fn pages_say_their_language_and_direction() {
    let fx = site(&["multilingual-2", "multilingual-5"]);
    fx.build_ok();
    let html = |p: &str| fx.output(p);
    assert!(html("angebote/elternabend/index.html").contains("<html lang=\"de\">"));
    assert!(html("tr/angebote/elternabend/index.html").contains("<html lang=\"tr\">"));
    assert!(html("uk/index.html").contains("<html lang=\"uk\">"));
    assert!(html("ar/angebote/elternabend/index.html").contains("<html lang=\"ar\" dir=\"rtl\">"));
    assert!(html("ar/zahlen/index.html").contains("<html lang=\"ar\" dir=\"rtl\">"));
    // The translated title and body.
    let tr = html("tr/angebote/elternabend/index.html");
    assert!(tr.contains("Veli akşamı: meslek seçimi"), "{tr}");
    assert!(tr.contains("Veliler çocuklarına"), "{tr}");
    // Links stay in the language; files are the site's.
    assert!(tr.contains("href=\"/netz/tr/angebote/\""), "{tr}");
    assert!(tr.contains("href=\"/netz/lotse.css\""), "{tr}");
}

#[test]
fn an_untranslated_page_shows_the_original_marked_and_links_it() {
    let fx = site(&["multilingual-2"]);
    fx.build_ok();
    let page = fx.output("en/angebote/bewerbungstraining/index.html");
    assert!(page.contains("<html lang=\"en\">"), "{page}");
    // The page's own words (labels, notice) are English; each German text
    // is marked where it stands, not the whole <main>.
    assert!(
        page.contains("<main id=\"inhalt\" tabindex=\"-1\" class=\"wrap\">"),
        "{page}"
    );
    assert!(
        page.contains("<p class=\"notice notice-translation\">This text has not been translated yet; it is shown in German. <a href=\"/netz/angebote/bewerbungstraining/\" hreflang=\"de\" lang=\"de\">The German original</a></p>"),
        "{page}"
    );
    assert!(
        page.contains("<h1><span lang=\"de\">Bewerbungstraining</span></h1>"),
        "{page}"
    );
    assert!(
        page.contains("<dd><span lang=\"de\">dienstags 14–16 Uhr</span></dd>"),
        "{page}"
    );
    assert!(page.contains("<div class=\"prose\" lang=\"de\">"), "{page}");
    // Names of untranslated entities and untranslated labels, where linked.
    assert!(page.contains("lang=\"de\">IHK Beispielstadt</a>"), "{page}");
    // A translated page and the translated home page have no notice.
    for p in ["en/angebote/elternabend/index.html", "en/index.html"] {
        let html = fx.output(p);
        assert!(!html.contains("notice-translation"), "{p}");
        assert!(!html.contains("<span lang=\"de\">"), "{p}");
        assert!(!html.contains("class=\"prose\" lang"), "{p}");
    }
    // In lists, the titles of untranslated entities are marked, the
    // translated one's is not (Bewerbungstraining is over as of the build
    // date: it is in the archive's list).
    let archive = fx.output("en/angebote/archiv/index.html");
    assert!(
        archive.contains("lang=\"de\">Bewerbungstraining</a>"),
        "{archive}"
    );
    let list = fx.output("en/angebote/index.html");
    assert!(list.contains("/\">Parents&#39; evening"), "{list}");
    assert!(!list.contains("lang=\"de\">Parents"), "{list}");
    assert!(
        fx.output("en/index.html")
            .contains("Welcome to the Beispielstadt network")
    );
    // Vocabulary labels in the language.
    assert!(
        fx.output("en/angebote/elternabend/index.html")
            .contains("Parents")
    );
}

/// A translation that leaves texts out: those show the original, each
/// marked `lang="de"`, and the page says that parts are not translated.
#[test]
fn a_partial_translation_marks_what_it_leaves_out() {
    let fx = site(&["multilingual-2"]);
    fx.build_ok();
    let page = fx.output("en/regionen/stadt-beispiel/index.html");
    assert!(page.contains("<h1>City of Beispiel</h1>"), "{page}");
    assert!(page.contains("<dd>every three months</dd>"), "{page}");
    assert!(
        page.contains("<dd><span lang=\"de\">Einstimmigkeit / Konsens</span></dd>"),
        "{page}"
    );
    assert!(page.contains("<div class=\"prose\" lang=\"de\">"), "{page}");
    assert!(
        page.contains("<p class=\"notice notice-translation\">Parts of this page have not been translated yet; they are shown in German. <a href=\"/netz/regionen/stadt-beispiel/\" hreflang=\"de\" lang=\"de\">"),
        "{page}"
    );
    assert!(
        !page.contains("This text has not been translated yet"),
        "{page}"
    );
    // Texts no translation reaches (a member's role) are marked too.
    assert!(
        page.contains("<span lang=\"de\">Vorsitz und Koordination</span>"),
        "{page}"
    );
    // The German page is as before: nothing marked.
    let de = fx.output("regionen/stadt-beispiel/index.html");
    assert!(!de.contains("<span lang="), "{de}");
    assert!(!de.contains("prose\" lang"), "{de}");
    assert!(!de.contains("notice-translation"), "{de}");
    // In the lists the translated title is not marked.
    let list = fx.output("en/regionen/index.html");
    assert!(list.contains(">City of Beispiel</a>"), "{list}");
    assert!(!list.contains("lang=\"de\">City of Beispiel"), "{list}");
}

#[test]
fn a_site_that_lists_only_its_default_language_builds_as_without_the_list() {
    let plain = Fixture::copy("full");
    plain.build_ok();
    let listed = Fixture::copy("full");
    listed.insert_after("site.toml", "language = \"de\"", "languages = [\"de\"]");
    listed.build_ok();
    assert!(
        crate::harness::tree(&plain.path("public")) == crate::harness::tree(&listed.path("public")),
        "the outputs differ"
    );
}

// ── Alternates, switcher, sitemap ───────────────────────────────────────

const BASE: &str = "https://example.org/netz/";

/// `(hreflang, href)` of each `<link rel="alternate" hreflang>` of a page.
fn alternates(html: &str) -> Vec<(String, String)> {
    html.lines()
        .filter_map(|l| {
            let rest = l
                .trim()
                .strip_prefix("<link rel=\"alternate\" hreflang=\"")?;
            let (lang, rest) = rest.split_once("\" href=\"")?;
            Some((lang.to_string(), rest.strip_suffix("\">")?.to_string()))
        })
        .collect()
}

/// The output file of an absolute page URL of the site.
fn file_of(url: &str) -> String {
    format!("{}index.html", url.strip_prefix(BASE).expect(url))
}

#[test]
fn hreflang_alternates_are_reciprocal_and_only_for_translated_versions() {
    let fx = site(&["multilingual-2", "multilingual-5"]);
    fx.build_ok();
    let mut checked = 0;
    for path in fx
        .output_files()
        .into_iter()
        .filter(|p| p.ends_with("index.html"))
    {
        let html = fx.output(&path);
        let alts = alternates(&html);
        if alts.is_empty() {
            continue;
        }
        let own = format!("{BASE}{}", path.strip_suffix("index.html").unwrap());
        assert!(
            alts.iter().any(|(_, u)| *u == own),
            "{path} does not name itself"
        );
        assert!(
            alts.iter().any(|(l, _)| l == "x-default"),
            "{path}: no x-default"
        );
        for (lang, url) in alts.iter().filter(|(l, _)| l != "x-default") {
            let other = fx.output(&file_of(url));
            assert!(
                other.contains(&format!("<html lang=\"{lang}\"")),
                "{url} is not in {lang}"
            );
            assert_eq!(
                alternates(&other),
                alts,
                "{url} does not point back to {path}"
            );
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} alternates");
    // Translated in all five: five versions and x-default.
    let alts = alternates(&fx.output("tr/angebote/elternabend/index.html"));
    assert_eq!(alts.len(), 6, "{alts:?}");
    // Translated in none: no alternates, and a version names the original
    // as canonical.
    assert!(alternates(&fx.output("angebote/bewerbungstraining/index.html")).is_empty());
    let tr = fx.output("tr/angebote/bewerbungstraining/index.html");
    assert!(alternates(&tr).is_empty());
    assert!(tr.contains(&format!(
        "<link rel=\"canonical\" href=\"{BASE}angebote/bewerbungstraining/\">"
    )));
    // The home page is translated into English only.
    let langs: Vec<String> = alternates(&fx.output("uk/index.html"))
        .into_iter()
        .map(|a| a.0)
        .collect();
    assert!(langs.is_empty(), "{langs:?}");
    let langs: Vec<String> = alternates(&fx.output("en/index.html"))
        .into_iter()
        .map(|a| a.0)
        .collect();
    assert_eq!(langs, ["de", "en", "x-default"]);
}

#[test]
fn every_page_has_a_language_switcher_to_the_same_page() {
    let fx = site(&["multilingual-2", "multilingual-5"]);
    fx.build_ok();
    let names = [
        ("de", "Deutsch"),
        ("en", "English"),
        ("tr", "Türkçe"),
        ("ar", "العربية"),
        ("uk", "Українська"),
    ];
    for path in [
        "regionen/index.html",
        "ar/angebote/bewerbungstraining/index.html",
        "uk/zahlen/index.html",
    ] {
        let html = fx.output(path);
        let rel = ["en/", "tr/", "ar/", "uk/"]
            .iter()
            .find_map(|l| path.strip_prefix(l))
            .unwrap_or(path)
            .strip_suffix("index.html")
            .unwrap();
        for (lang, name) in names {
            let prefix = if lang == "de" {
                String::new()
            } else {
                format!("{lang}/")
            };
            let link =
                format!("<a href=\"/netz/{prefix}{rel}\" hreflang=\"{lang}\" lang=\"{lang}\"");
            assert!(html.contains(&link), "{path} lacks {link}");
            assert!(
                html.contains(&format!(">{name}</a>")),
                "{path} lacks {name}"
            );
        }
    }
    // One language: no switcher, no alternates.
    let one = Fixture::copy("full");
    one.build_ok();
    let html = one.output("index.html");
    assert!(!html.contains("language-switcher") && alternates(&html).is_empty());
}

#[test]
fn the_sitemap_lists_translated_versions_with_alternates() {
    let fx = site(&["multilingual-2", "multilingual-5"]);
    fx.build_ok();
    let map = fx.output("sitemap.xml");
    assert!(map.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""));
    let line = |loc: &str| {
        map.lines()
            .find(|l| l.contains(&format!("<loc>{BASE}{loc}</loc>")))
            .unwrap_or_else(|| panic!("no {loc} in the sitemap"))
            .to_string()
    };
    let tr = line("tr/angebote/elternabend/");
    for l in ["de", "en", "tr", "ar", "uk", "x-default"] {
        assert!(tr.contains(&format!("hreflang=\"{l}\"")), "{tr}");
    }
    // An untranslated version is no entry of its own (it names the original).
    assert!(!map.contains(&format!("<loc>{BASE}tr/angebote/bewerbungstraining/</loc>")));
    assert!(!line("angebote/bewerbungstraining/").contains("xhtml:link"));
    // Pages built from UI strings and data are in every language.
    assert!(line("uk/zahlen/").contains("hreflang=\"ar\""));
}

// ── Outdated translations and the check table ───────────────────────────

#[test]
fn a_translation_older_than_its_source_says_so_and_is_counted() {
    let fx = site(&["multilingual-2"]);
    // ueber-uns.md has `updated = 2026-02-02`, its translation 2026-01-01.
    let run = fx.check();
    run.ok();
    run.stdout_has(
        "language   translated  missing  outdated\nen                  4       20         1\n",
    );
    fx.build_ok();
    let page = fx.output("en/ueber-uns/index.html");
    assert!(
        page.contains("<p class=\"notice notice-translation\">The German text has changed since this translation. <a href=\"/netz/ueber-uns/\" hreflang=\"de\" lang=\"de\">The German original</a></p>"),
        "{page}"
    );
    // Brought up to date: no notice, not counted.
    fx.replace(
        "content/pages/ueber-uns.en.md",
        "updated = 2026-01-01",
        "updated = 2026-02-02",
    );
    fx.check()
        .ok()
        .stdout_has("en                  4       20         0\n");
    fx.build_ok();
    assert!(
        !fx.output("en/ueber-uns/index.html")
            .contains("notice-translation")
    );
    // Neither side dated (and no git): nothing to say.
    assert!(
        !fx.output("en/angebote/elternabend/index.html")
            .contains("notice-translation")
    );
    // A site in one language prints no table.
    let one = Fixture::copy("full");
    let run = one.check();
    assert!(!run.stdout.contains("translated"), "{run}");
}

/// `[translations.<lang>]` in site.toml names the site in that language
/// (header, `<title>`, feed); without it the default's title is shown,
/// marked with its language. A table for a language the site lacks is an
/// error at its line.
#[test]
fn the_site_title_translates_per_language() {
    let fx = site(&["multilingual-2"]);
    fx.build_ok();
    let en = fx.output("en/angebote/index.html");
    assert!(
        en.contains("class=\"site-title\" href=\"/netz/en/\">Beispielstadt network – from school to work</a>"),
        "{en}"
    );
    assert!(
        en.contains("– Beispielstadt network – from school to work</title>"),
        "{en}"
    );
    assert!(
        fx.output("en/feed.xml")
            .contains("<title>Beispielstadt network – from school to work</title>")
    );
    let de = fx.output("angebote/index.html");
    assert!(
        de.contains("class=\"site-title\" href=\"/netz/\">Netzwerk Beispielstadt – Übergang Schule–Beruf</a>"),
        "{de}"
    );
    // Five languages, no [translations]: the German title, marked.
    let fx5 = site(&["multilingual-2", "multilingual-5"]);
    fx5.build_ok();
    let tr = fx5.output("tr/index.html");
    assert!(
        tr.contains("class=\"site-title\" href=\"/netz/tr/\" lang=\"de\">"),
        "{tr}"
    );

    fx.write(
        "site.toml",
        fx.read("site.toml")
            .replace("[translations.en]", "[translations.fr]"),
    );
    let run = fx.build();
    run.code(1);
    run.only_error()
        .at(&fx.pos("site.toml", "fr]"))
        .says("`[translations.fr]`: `fr` is not one of the site's other `languages`");
}

/// An agreement's goals translate as a list, one text per `[[goals]]` in
/// the source's order; a list of another length is an error at its line.
#[test]
fn goal_texts_translate_one_per_goal() {
    let fx = site(&["multilingual-2"]);
    fx.build_ok();
    let page = fx.output("en/vereinbarungen/kooperation-2013/index.html");
    assert!(
        page.contains("<th scope=\"row\">Every school has a careers guidance concept.</th>"),
        "{page}"
    );
    assert!(
        page.contains("<th scope=\"row\">An office building of its own.</th>"),
        "{page}"
    );
    assert!(!page.contains("Bürogebäude"), "{page}");
    // Milestone indicators are not translated in this fixture: marked.
    let region = fx.output("en/regionen/stadt-beispiel/index.html");
    assert!(
        region.contains("<th scope=\"row\"><span lang=\"de\">Die Mitglieder der Steuerungsgruppe sind benannt.</span></th>"),
        "{region}"
    );

    let fx = site(&["multilingual-2", "ml-bad-goals"]);
    let file = "content/agreements/kooperation-2013.en.md";
    let run = fx.build();
    run.code(1);
    run.only_error().at(&fx.pos(file, "goals")).says(
        "`goals` holds 2 texts, but the source `content/agreements/kooperation-2013.md` has 5 `[[goals]]`",
    );
}

/// Without `updated`, each side's date is its file's last git commit: a
/// source committed after its translation makes the translation outdated
/// until the translation is committed again.
#[test]
fn a_translation_is_outdated_when_its_source_was_committed_later() {
    use crate::outputs::{git, require};
    require("git", "git");
    let fx = site(&["multilingual-2"]);
    fx.replace(
        "content/offers/elternabend.en.md",
        "updated = 2026-03-01\n",
        "",
    );
    let root = fx.root();
    let commit = |msg: &str, date: &str| {
        git(root, &["add", "."], date);
        git(root, &["commit", "-q", "-m", msg], date);
    };
    git(
        root,
        &["init", "-q", "-b", "main"],
        "2026-01-20T10:00:00+00:00",
    );
    commit("Erste Fassung", "2026-01-20T10:00:00+00:00");
    let outdated = |fx: &Fixture| {
        fx.build_ok();
        fx.output("en/angebote/elternabend/index.html")
            .contains("The German text has changed since this translation.")
    };
    assert!(!outdated(&fx), "committed together: not outdated");
    fx.check()
        .ok()
        .stdout_has("en                  4       20         1\n");

    fx.replace(
        "content/offers/elternabend.md",
        "Eltern erfahren",
        "Eltern und Erziehungsberechtigte erfahren",
    );
    commit("Elternabend: Text erweitert", "2026-05-04T09:00:00+00:00");
    assert!(outdated(&fx), "source committed later: outdated");
    fx.check()
        .ok()
        .stdout_has("en                  4       20         2\n");

    fx.replace(
        "content/offers/elternabend.en.md",
        "Parents learn",
        "Parents and guardians learn",
    );
    commit(
        "Elternabend: English brought up to date",
        "2026-06-01T09:00:00+00:00",
    );
    assert!(!outdated(&fx), "translation committed later: current again");
}

// ── Feed, calendar, open data and search per language ───────────────────

#[test]
fn feed_calendar_and_search_exist_per_language_and_open_data_once_with_translations() {
    let fx = site(&["multilingual-2", "multilingual-5"]);
    fx.build_ok();
    let feed = fx.output("tr/feed.xml");
    assert!(
        feed.contains("<title>Veli akşamı: meslek seçimi</title>"),
        "{feed}"
    );
    assert!(
        feed.contains(&format!("{BASE}tr/angebote/elternabend/")),
        "{feed}"
    );
    assert!(
        fx.output("uk/daten/angebote.ics")
            .contains("BEGIN:VCALENDAR")
    );
    // The Turkish search index has the Turkish words, the German one not.
    let has = |dir: &str, word: &str| {
        fx.output_files()
            .iter()
            .filter(|p| p.starts_with(dir) && p.ends_with(".json") && !p[dir.len()..].contains('/'))
            .any(|p| fx.output(p).contains(word))
    };
    // ("akşamı" folded by the default folding until ml-search's lands.)
    assert!(has("tr/suche/", "\"aksami\""));
    assert!(!has("suche/", "\"aksami\""));
    // Open data: one set, each row naming its translations.
    let rows: serde_json::Value = serde_json::from_str(&fx.output("daten/angebote.json")).unwrap();
    let row = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "elternabend")
        .unwrap();
    assert_eq!(
        row["translations"]["tr"]["title"],
        "Veli akşamı: meslek seçimi"
    );
    assert_eq!(
        row["translations"]["uk"]["url"],
        format!("{BASE}uk/angebote/elternabend/")
    );
    let other = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "bewerbungstraining")
        .unwrap();
    assert_eq!(other["translations"], serde_json::json!({}));
    // A one-language site's rows have no such field.
    let one = Fixture::copy("full");
    one.build_ok();
    assert!(
        !one.output("daten/angebote.json")
            .contains("\"translations\"")
    );
}

#[test]
fn the_berufswahlfahrplan_marks_untranslated_offer_titles() {
    let fx = site(&["multilingual-2"]);
    // As of June, Bewerbungstraining (September, grades 8–10, not
    // translated) is a coming offer.
    fx.run(&["build", "--today", "2026-06-01"]).ok();
    let marked =
        "<a href=\"/netz/en/angebote/bewerbungstraining/\" lang=\"de\">Bewerbungstraining</a>";
    for p in [
        "en/berufswahlfahrplan/index.html",
        "en/berufswahlfahrplan/klasse-9/index.html",
    ] {
        assert!(fx.output(p).contains(marked), "{p}");
    }
    let translated = "<a href=\"/netz/en/angebote/elternabend/\">";
    assert!(
        fx.output("en/berufswahlfahrplan/index.html")
            .contains(translated)
    );
}
