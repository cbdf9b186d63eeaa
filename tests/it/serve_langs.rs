//! `lotse serve` of a multilingual site (issue 15) serves what `lotse build`
//! writes: the default language at the root and each other language below
//! `/<lang>/`. One server runs on a copy of `full` with `multilingual-2`
//! (de, en) laid over it; at the start and after each edit of a
//! translation, of its source, of a translated home page or vocabulary, and
//! after a translation file comes or goes, every file it serves is compared
//! byte for byte with a fresh `lotse build` (files that went away must
//! answer 404).

use crate::harness::{copy_dir, fixtures_dir};
use crate::serve::{Server, Site, wait_for};
use crate::serve_fields::{BASE_PATH, Files, build, difference, progress};
use std::collections::BTreeSet;

/// One step: what it does, and the change to the site's files.
type Step = (&'static str, fn(&Site));

fn steps() -> Vec<Step> {
    vec![
        ("edit a translation's title", |s| {
            let f = "content/offers/elternabend.en.md";
            let t = s.read(f).replace(
                "title = \"Parents' evening: choosing a career\"",
                "title = \"Parents' evening: finding a trade\"",
            );
            s.write(f, t);
        }),
        ("edit the body of its source", |s| {
            let f = "content/offers/elternabend.md";
            let t = s.read(f) + "\nEin neuer Absatz für die Eltern.\n";
            s.write(f, t);
        }),
        ("date the source after its translation", |s| {
            let f = "content/offers/elternabend.md";
            let t = s
                .read(f)
                .replacen("+++\n", "+++\nupdated = 2026-06-01\n", 1);
            s.write(f, t);
        }),
        (
            "edit the body of an untranslated source, shown in every language",
            |s| {
                let f = "content/offers/bewerbungstraining.md";
                let t = s.read(f) + "\nEin Absatz, den es nur auf Deutsch gibt.\n";
                s.write(f, t);
            },
        ),
        ("add a translation", |s| {
            s.write(
                "content/pages/impressum.en.md",
                "+++\ntitle = \"Legal notice\"\nsummary = \"Who publishes this site.\"\nupdated = 2026-02-01\n+++\nPublished by the network.\n",
            );
        }),
        ("delete a translation", |s| {
            std::fs::remove_file(s.path("content/pages/ueber-uns.en.md")).unwrap();
        }),
        ("edit a translated vocabulary", |s| {
            let f = "content/vocabularies.en.toml";
            let t = s
                .read(f)
                .replace("eltern = \"Parents\"", "eltern = \"Mothers and fathers\"");
            s.write(f, t);
        }),
        ("edit the translated home page", |s| {
            let f = "content/_index.en.md";
            let t = s.read(f) + "\nOne more sentence on the home page.\n";
            s.write(f, t);
        }),
    ]
}

#[test]
fn serve_equals_build_for_every_language_of_a_multilingual_site() {
    let tmp = tempfile::Builder::new()
        .prefix("lotse-serve-langs-")
        .tempdir()
        .unwrap();
    let root = tmp.path().canonicalize().unwrap().join("site");
    copy_dir(&fixtures_dir().join("full"), &root);
    copy_dir(&fixtures_dir().join("multilingual-2"), &root);
    let out = tmp.path().join("expected");
    let site = Site { tmp, root };
    let srv = Server::start(&site, &[]);
    let base_url = format!("http://127.0.0.1:{}{BASE_PATH}", srv.port);

    let mut previous: Files = build(&site.root, &out, &base_url);
    assert!(
        previous.contains_key("en/index.html") && previous.contains_key("index.html"),
        "the fixture builds no English version: {:?}",
        previous.keys().take(20).collect::<Vec<_>>()
    );
    if let Some(d) = difference(srv.port, &previous, &BTreeSet::new()) {
        panic!("at the start: {d}\n{}", srv.stdout());
    }
    for (n, (what, edit)) in steps().into_iter().enumerate() {
        let what = format!("step {} ({what})", n + 1);
        let (changes, done, _) = progress(&srv.stdout());
        edit(&site);
        let expected = std::thread::scope(|s| {
            let built = s.spawn(|| build(&site.root, &out, &base_url));
            wait_for(60, &format!("the server to finish {what}"), || {
                let (c, d, more) = progress(&srv.stdout());
                (c > changes && (!more || d > done)).then_some(())
            });
            built.join().unwrap()
        });
        assert!(
            !srv.stderr().contains("error:"),
            "{what}: the server reports an error\n{}",
            srv.stderr()
        );
        assert!(
            expected != previous,
            "{what}: the edit changes nothing in the built site, so it tests nothing"
        );
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
