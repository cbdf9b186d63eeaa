//! A single-language site in each of the theme's languages: `<html lang
//! dir>`, the theme's strings, dates, numbers and plural forms in the
//! site's language; a language without strings is an error naming the file;
//! a site's own strings override single keys.

use crate::harness::Fixture;

#[test]
fn an_arabic_site_is_right_to_left_with_arabic_words_dates_and_plurals() {
    let fx = Fixture::copy("lang-ar");
    fx.build_ok();
    let home = fx.output("index.html");
    assert!(
        home.starts_with("<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\">\n"),
        "{home}"
    );
    assert!(
        home.contains(">انتقل إلى المحتوى</a>"),
        "skip link in Arabic"
    );
    let agreement = fx.output("vereinbarungen/kooperation-2024/index.html");
    for want in [
        r#"<time datetime="2024-01-15">15 يناير 2024</time>"#,
        "<dd>3 سنوات</dd>",
        "تتجدد تلقائيًا في كل مرة لمدة 2 سنتان ما لم تُلغَ",
        "2 هدفان",
    ] {
        assert!(agreement.contains(want), "agreement lacks `{want}`");
    }
    let region = fx.output("regionen/index.html");
    assert!(
        region.contains("3 أعضاء"),
        "3 members take the plural (3–10)"
    );
}

#[test]
fn an_english_site_has_english_words_dates_and_numbers() {
    let fx = Fixture::copy("lang-en");
    fx.build_ok();
    let home = fx.output("index.html");
    assert!(
        home.starts_with("<!DOCTYPE html>\n<html lang=\"en\">\n"),
        "no dir on a left-to-right page"
    );
    assert!(home.contains(">Skip to content</a>"));
    let agreement = fx.output("vereinbarungen/kooperation-2024/index.html");
    for want in [
        r#"<time datetime="2024-01-15">January 15, 2024</time>"#,
        "<dd>3 years</dd>",
        "renews automatically for 2 years at a time unless it is terminated",
        "2 goals",
    ] {
        assert!(agreement.contains(want), "agreement lacks `{want}`");
    }
    assert!(fx.output("angebote/index.html").contains(">2 offers</h2>"));
    // File sizes with a decimal point.
    let data = fx.output("daten/index.html");
    assert!(data.contains(" kB") && !data.contains(",1 kB") && !data.contains(",5 kB"));
}

#[test]
fn a_language_without_strings_is_an_error_naming_the_file() {
    let fx = Fixture::copy("lang-en");
    fx.replace("site.toml", "language = \"en\"", "language = \"fr\"");
    let run = fx.build();
    run.code(1);
    run.only_error()
        .at("site.toml:6:12")
        .says("no UI strings for the language `fr`: neither the theme `lotse` nor the site has `i18n/fr.toml`")
        .helps_with("create `i18n/fr.toml` beside site.toml");
    // The site's own file is enough; keys it leaves out fall back to German.
    fx.write(
        "themes/lotse/i18n/fr.toml",
        "skip_link = \"Aller au contenu\"\n",
    );
    fx.build_ok();
    let home = fx.output("index.html");
    assert!(home.contains("<html lang=\"fr\">"));
    assert!(home.contains(">Aller au contenu</a>"));
    assert!(
        home.contains("aria-label=\"Hauptnavigation\""),
        "German for the rest"
    );
}

#[test]
fn a_site_overrides_single_keys_of_a_shipped_language() {
    let fx = Fixture::copy("lang-en");
    fx.write(
        "themes/lotse/i18n/en.toml",
        "skip_link = \"Jump to the text\"\n",
    );
    fx.build_ok();
    let home = fx.output("index.html");
    assert!(home.contains(">Jump to the text</a>"));
    assert!(
        home.contains("aria-label=\"Main navigation\""),
        "the theme's English for the rest"
    );
}

#[test]
fn a_ukrainian_site_counts_with_three_forms() {
    let fx = Fixture::copy("lang-en");
    fx.replace("site.toml", "language = \"en\"", "language = \"uk\"");
    fx.build_ok();
    let agreement = fx.output("vereinbarungen/kooperation-2024/index.html");
    for want in [
        "<dd>3 роки</dd>",
        "2 цілі",
        r#"<time datetime="2024-01-15">15 січня 2024</time>"#,
    ] {
        assert!(agreement.contains(want), "agreement lacks `{want}`");
    }
    assert!(fx.output("regionen/index.html").contains("3 учасники"));
    assert!(
        fx.output("angebote/index.html")
            .contains(">2 пропозиції</h2>")
    );
}
