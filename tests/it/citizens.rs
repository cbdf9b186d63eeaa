//! The site as a service for pupils and parents (issue 16): what a reader
//! meets in tabs, lists and figures.

use crate::harness::Fixture;

/// A partner and a region with the same name ("Stadt Beispiel") have
/// different `<title>`s: each names its type.
#[test]
fn same_titles_of_different_types_have_distinct_page_titles() {
    let fx = Fixture::copy("full");
    fx.replace(
        "content/partners/agentur-beispiel.md",
        "title = \"Agentur für Arbeit Beispielstadt\"",
        "title = \"Stadt Beispiel\"",
    );
    fx.build_ok();
    let title = |p: &str| {
        let html = fx.output(p);
        let start = html.find("<title>").unwrap() + 7;
        let end = html[start..].find("</title>").unwrap() + start;
        html[start..end].to_string()
    };
    let partner = title("partner/agentur-beispiel/index.html");
    let region = title("regionen/stadt-beispiel/index.html");
    assert_eq!(
        partner,
        "Stadt Beispiel – Partner – Netzwerk Beispielstadt – Übergang Schule–Beruf"
    );
    assert_eq!(
        region,
        "Stadt Beispiel – Region – Netzwerk Beispielstadt – Übergang Schule–Beruf"
    );
    // Free pages keep their plain title.
    assert_eq!(
        title("impressum/index.html"),
        "Impressum – Netzwerk Beispielstadt – Übergang Schule–Beruf"
    );
}
