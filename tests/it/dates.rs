//! Offers that know their dates and the Berufswahlfahrplan (issue 16): as
//! of the build date (`--today`) a past offer leaves the lists, facets and
//! the plan for `/angebote/archiv/`, current offers list next first, goals
//! due without being done are overdue, each grade has its plan page and
//! each offer its time of year. The fixture `dates` over `full` adds a
//! past one-day offer, a running, a coming and a yearly offer.

use crate::harness::{Fixture, TODAY};

fn site() -> Fixture {
    let fx = Fixture::copy("full");
    fx.overlay("dates");
    fx
}

/// The text of `<main>` of a page, tags removed, spaces collapsed.
fn main_text(html: &str) -> String {
    let start = html.find("<main").expect("page has <main>");
    let end = html.find("</main>").expect("page has </main>");
    let mut out = String::new();
    let mut in_tag = false;
    for c in html[start..end].chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Position of `needle` in `hay`, failing with the page text.
#[track_caller]
fn at(hay: &str, needle: &str) -> usize {
    hay.find(needle)
        .unwrap_or_else(|| panic!("`{needle}` not in:\n{hay}"))
}

#[test]
fn past_offers_leave_the_lists_for_the_archive() {
    let fx = site();
    fx.build_ok();
    assert_eq!(
        TODAY, "2026-11-22",
        "the dates below assume this build date"
    );
    // Past: `messe-vorbei` (one day, 2026-09-19) and `bewerbungstraining`
    // (ends 2026-09-30). Current: the others.
    let list = fx.output("angebote/index.html");
    let archive = fx.output("angebote/archiv/index.html");
    for past in ["messe-vorbei", "bewerbungstraining"] {
        let href = format!("/angebote/{past}/");
        assert!(!list.contains(&href), "{past} is still on /angebote/");
        assert!(archive.contains(&href), "{past} is not in the archive");
        let page = fx.output(&format!("angebote/{past}/index.html"));
        assert!(
            page.contains("Dieses Angebot ist vorbei."),
            "{past}: no notice"
        );
    }
    let notice = main_text(&fx.output("angebote/messe-vorbei/index.html"));
    assert!(
        notice.contains("Dieses Angebot ist vorbei. Termin: 19.09.2026"),
        "{notice}"
    );
    // The archive lists the most recently ended first, and is linked.
    assert!(
        at(&archive, "/angebote/bewerbungstraining/") < at(&archive, "/angebote/messe-vorbei/")
    );
    assert!(list.contains("href=\"/netz/angebote/archiv/\""));
    // Current ones are not in the archive and do not say they are over.
    assert!(!archive.contains("/angebote/kommend/"));
    assert!(
        !fx.output("angebote/kommend/index.html")
            .contains("ist vorbei")
    );
    // Next first (running since October, then March), undated by title.
    let order = [
        "/angebote/praktikum-laufend/",
        "/angebote/kommend/",
        "/angebote/elternabend/",
        "/angebote/jaehrlich/",
    ];
    let pos: Vec<usize> = order.iter().map(|h| at(&list, h)).collect();
    assert!(pos.windows(2).all(|w| w[0] < w[1]), "order {pos:?}");
    // Facet pages, the filter counts and the Fahrplan leave them out too.
    let schueler = fx.output("angebote/zielgruppe/schueler/index.html");
    assert!(!schueler.contains("/angebote/bewerbungstraining/"));
    assert!(schueler.contains("/angebote/kommend/"));
    // The only offer for `betriebe` is past: the page stays (the past
    // offer links it) but lists none, and the filter has no entry.
    let betriebe = main_text(&fx.output("angebote/zielgruppe/betriebe/index.html"));
    assert!(
        betriebe.contains("Zurzeit gibt es hier keine Angebote."),
        "{betriebe}"
    );
    assert!(!list.contains("/angebote/zielgruppe/betriebe/"));
    let plan = fx.output("berufswahlfahrplan/index.html");
    assert!(!plan.contains("/angebote/messe-vorbei/"));
    assert!(!plan.contains("/angebote/bewerbungstraining/"));
    // The calendar keeps every dated offer; open data every offer.
    let ics = fx.output("daten/angebote.ics");
    for title in [
        "Ausbildungsmesse im Herbst",
        "Bewerbungstraining",
        "Praktikumsbörse Winter",
    ] {
        assert!(ics.contains(title), "calendar lacks {title}");
    }
    let data = fx.output("daten/angebote.json");
    assert!(data.contains("\"messe-vorbei\""));
}

#[test]
fn without_past_offers_there_is_no_archive() {
    let fx = site();
    fx.run(&["build", "--today", "2026-09-01"]).ok();
    assert!(!fx.has_output("angebote/archiv/index.html"));
    let list = fx.output("angebote/index.html");
    assert!(!list.contains("/angebote/archiv/"));
    for id in ["messe-vorbei", "bewerbungstraining", "kommend"] {
        assert!(
            list.contains(&format!("/angebote/{id}/")),
            "{id} not listed"
        );
        assert!(
            !fx.output(&format!("angebote/{id}/index.html"))
                .contains("ist vorbei")
        );
    }
    // A later build date moves them: the same site, rebuilt a day after
    // the last one ends.
    fx.run(&["build", "--today", "2027-03-06"]).ok();
    let archive = fx.output("angebote/archiv/index.html");
    assert!(archive.contains("/angebote/kommend/"));
    assert!(archive.contains("/angebote/praktikum-laufend/"));
}

#[test]
fn each_grade_has_a_plan_page_with_the_time_of_year() {
    let fx = site();
    fx.build_ok();
    let plan = fx.output("berufswahlfahrplan/index.html");
    // The chooser links each grade with offers to its page.
    assert!(plan.contains("href=\"/netz/berufswahlfahrplan/klasse-8/\""));
    // Grade 5 has no offers: one line, no page.
    let text = main_text(&plan);
    assert!(
        text.contains("Klasse 5: Für diese Klassenstufe sind noch keine Angebote eingetragen."),
        "{text}"
    );
    assert!(!fx.has_output("berufswahlfahrplan/klasse-5/index.html"));
    assert!(!plan.contains("href=\"/netz/berufswahlfahrplan/klasse-5/\""));
    // Grade 8: the yearly offer by its `months`, the coming one by its dates.
    let grade = main_text(&fx.output("berufswahlfahrplan/klasse-8/index.html"));
    assert!(grade.starts_with("Berufswahlfahrplan: Klasse 8"), "{grade}");
    assert!(
        grade.contains("Potenzialanalyse September–Oktober"),
        "{grade}"
    );
    assert!(
        grade.contains("Berufsfelderkundung Frühjahr März"),
        "{grade}"
    );
    // Grade 9: only past offers and the running one (October to January).
    let nine = main_text(&fx.output("berufswahlfahrplan/klasse-9/index.html"));
    assert!(
        nine.contains("Praktikumsbörse Winter Oktober–Januar"),
        "{nine}"
    );
    assert!(!nine.contains("Ausbildungsmesse"), "{nine}");
    // `months` is read and checked like every field.
    fx.replace(
        "content/offers/jaehrlich.md",
        "months = [9, 10]",
        "months = [9, 13]",
    );
    let run = fx.check();
    run.code(1);
    run.error_at(&fx.pos("content/offers/jaehrlich.md", "13"));
}

#[test]
fn goals_due_and_not_done_are_overdue() {
    let fx = site();
    let rel = "content/agreements/kooperation-2013.md";
    fx.replace(rel, "due = 2027-07-31", "due = 2026-07-31");
    fx.build_ok();
    let page = main_text(&fx.output("vereinbarungen/kooperation-2013/index.html"));
    // The in-progress goal due in July is overdue; the done one of 2015 not.
    assert_eq!(
        page.matches("Überfällig").count(),
        2,
        "summary and row: {page}"
    );
    assert!(page.contains("31.07.2026 Überfällig"), "{page}");
    assert!(!page.contains("31.07.2015 Überfällig"), "{page}");
    let figures = main_text(&fx.output("zahlen/index.html"));
    assert!(figures.contains("1 Überfällige Ziele"), "{figures}");
    // Without an overdue goal neither says so.
    fx.replace(rel, "due = 2026-07-31", "due = 2027-07-31");
    fx.build_ok();
    assert!(
        !fx.output("vereinbarungen/kooperation-2013/index.html")
            .contains("Überfällig")
    );
    assert!(!fx.output("zahlen/index.html").contains("Überfällige Ziele"));
}

#[test]
fn an_offer_may_not_take_the_archive_path() {
    let fx = site();
    fx.write(
        "content/offers/archiv.md",
        fx.read("content/offers/kommend.md"),
    );
    let run = fx.check();
    run.code(1);
    run.only_error()
        .says("the offer id `archiv` is taken by the page of past offers (/angebote/archiv/)");
}
