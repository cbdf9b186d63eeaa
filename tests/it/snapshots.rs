//! Snapshots (insta) of the HTML of one page of each type of the `full`
//! fixture, built with `--today 2026-11-22`, so that any change to what a
//! page shows is seen in review. The snapshots live in
//! `tests/it/snapshots/`; after an intended change, run
//! `INSTA_UPDATE=always cargo test --test it snapshots` and read the diff
//! of the `.snap` files before committing them.

use crate::harness::full_public;

/// A page of the built `full` fixture.
fn html(path: &str) -> String {
    let bytes = full_public()
        .get(path)
        .unwrap_or_else(|| panic!("`{path}` was not built"));
    String::from_utf8(bytes.clone()).expect("HTML is UTF-8")
}

macro_rules! snapshot {
    ($name:ident, $path:expr) => {
        #[test]
        fn $name() {
            insta::assert_snapshot!(stringify!($name), html($path));
        }
    };
}

snapshot!(home, "index.html");
snapshot!(region, "regionen/stadt-beispiel/index.html");
snapshot!(region_minimal, "regionen/kreis-beispiel/index.html");
snapshot!(partner, "partner/agentur-beispiel/index.html");
snapshot!(offer, "angebote/bewerbungstraining/index.html");
snapshot!(
    practice,
    "gute-praxis/berufswahlfahrplan-beispiel/index.html"
);
snapshot!(agreement, "vereinbarungen/kooperation-2013/index.html");
snapshot!(page, "ueber-uns/index.html");
snapshot!(regions, "regionen/index.html");
snapshot!(partners, "partner/index.html");
snapshot!(offers, "angebote/index.html");
snapshot!(offers_by_grade, "angebote/klasse/8/index.html");
snapshot!(practices, "gute-praxis/index.html");
snapshot!(agreements, "vereinbarungen/index.html");
snapshot!(not_found, "404.html");
snapshot!(alias, "alt/stadt-beispiel/index.html");
