//! Hostile content, one attack per test: the `hostile-*` fixtures laid
//! over `full`, and files too large or too strange to keep in git (10 MB,
//! 100 000 levels of nesting, symbolic link loops, names that are not
//! UTF-8) written by the test. Each asserts the exact outcome: the exit
//! code, the error with `file:line:col`, or the escaped output.

use crate::harness::Fixture;

/// `full` with the fixture `hostile-<name>` laid over it.
fn hostile(name: &str) -> Fixture {
    let fx = Fixture::copy("full");
    fx.overlay(&format!("hostile-{name}"));
    fx
}

/// The `href` and `src` values of a page's `<main>`.
fn addresses(html: &str) -> Vec<String> {
    let main = &html[html.find("<main").unwrap()..html.rfind("</main>").unwrap()];
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        for (i, _) in main.match_indices(attr) {
            let v = &main[i + attr.len()..];
            out.push(v[..v.find('"').unwrap()].to_string());
        }
    }
    out
}

#[test]
fn script_in_title_and_summaries_is_escaped_everywhere() {
    let fx = hostile("script-title");
    fx.build_ok();
    let page = fx.output("angriff/index.html");
    assert!(!page.contains("<script>alert("), "{page}");
    assert!(!page.contains("<img src=x"), "{page}");
    assert!(!page.contains("<svg onload"), "{page}");
    assert!(
        page.contains("<title>&lt;&#x2F;title&gt;&lt;script&gt;")
            || page.contains("<title>&lt;/title&gt;&lt;script&gt;"),
        "{page}"
    );
    assert!(page.contains("&lt;svg onload=alert("), "{page}");
    for out in ["sitemap.xml", "feed.xml", "suche/index.html"] {
        if fx.has_output(out) {
            assert!(!fx.output(out).contains("<script>alert('titel')"), "{out}");
        }
    }
}

#[test]
fn script_urls_in_markdown_links_are_removed() {
    let fx = hostile("javascript-link");
    fx.build_ok();
    let page = fx.output("angriff/index.html");
    let main = &page[page.find("<main").unwrap()..];
    let hrefs = addresses(&page);
    for label in ["eins", "zwei", "drei", "vier", "fünf", "sechs", "acht"] {
        assert!(
            main.contains(&format!("<a href=\"#\">{label}</a>")),
            "{label}: {main}"
        );
    }
    for h in &hrefs {
        let l = h.to_ascii_lowercase();
        assert!(!l.contains("script") && !l.contains("alert"), "{h}");
    }
    // The autolink keeps its text, not its target.
    assert!(main.contains(">javascript:alert(7)</a>"), "{main}");
    // A heading keeps its id and class, never an event handler.
    assert!(
        main.contains("<h2 id=\"ok\" class=\"klasse\">Überschrift</h2>"),
        "{main}"
    );
    assert!(!main.contains("onclick"), "{main}");
}

#[test]
fn data_urls_in_images_and_links_are_removed() {
    let fx = hostile("data-image");
    fx.build_ok();
    let page = fx.output("angriff/index.html");
    let main = &page[page.find("<main").unwrap()..page.rfind("</main>").unwrap()];
    assert!(main.contains("<img src=\"#\" alt=\"eins\">"), "{main}");
    assert!(main.contains("<img src=\"#\" alt=\"zwei\">"), "{main}");
    assert!(main.contains("<a href=\"#\">drei</a>"), "{main}");
    // Raw HTML loses the address to the sanitizer, and gets `#` for it
    // (HTML requires a src).
    assert!(main.contains("<img src=\"#\" alt=\"vier\">"), "{main}");
    for a in addresses(&page) {
        assert!(!a.to_ascii_lowercase().contains("data:"), "{a}");
    }
}

#[test]
fn json_ld_cannot_be_broken_out_of() {
    let fx = hostile("jsonld");
    fx.build_ok();
    let page = fx.output("partner/angriff/index.html");
    let start = page.find("<script type=\"application/ld+json\">").unwrap();
    let json = &page[start + "<script type=\"application/ld+json\">".len()..];
    let json = &json[..json.find("</script>").unwrap()];
    // Nothing between the tags that the HTML parser could end the script at.
    let lower = json.to_ascii_lowercase();
    assert!(
        !lower.contains("</script") && !lower.contains("<!--"),
        "{json}"
    );
    let v: serde_json::Value = serde_json::from_str(json).expect("JSON-LD parses");
    assert!(
        v.to_string().contains("</script><script>alert('jsonld')"),
        "{v}"
    );
    assert_eq!(
        page.matches("<script").count(),
        page.matches("</script>").count()
    );
}

#[test]
fn csv_cells_that_look_like_formulas_are_guarded() {
    let fx = hostile("csv");
    fx.build_ok();
    let raw = fx.output("daten/angebote.csv");
    let mut r = csv::Reader::from_reader(raw.as_bytes());
    let header = r.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let row = r
        .records()
        .map(Result::unwrap)
        .find(|row| &row[0] == "angriff")
        .expect("the row of the offer");
    assert_eq!(
        &row[col("title")],
        "'=HYPERLINK(\"https://evil.example/\",\"klick\")"
    );
    assert_eq!(&row[col("cost")], "'+49 kostenlos");
    assert_eq!(&row[col("schedule")], "'-2+3");
    assert_eq!(&row[col("location")], "'@SUM(A1:A9)");
    assert_eq!(&row[col("contact")], "'\tTab");
}

#[test]
fn script_urls_in_url_fields_are_errors() {
    let fx = hostile("url-field");
    let run = fx.build();
    run.code(1);
    assert_eq!(run.errors().len(), 2, "{run}");
    run.error_at(&fx.pos("content/partners/angriff.md", "\" JavaScript"))
        .is(
            &fx.pos("content/partners/angriff.md", "\" JavaScript"),
            "`website` must be a web address; `javascript:` addresses are not allowed",
            Some("write the address with `https://`"),
        );
    run.error_at(&fx.pos("content/offers/angriff.md", "\"data:"))
        .is(
            &fx.pos("content/offers/angriff.md", "\"data:"),
            "`url` must be a web address; `data:` addresses are not allowed",
            Some("write the address with `https://`"),
        );
    assert!(!fx.has_output("index.html"));
}

#[test]
fn control_characters_cannot_reach_the_terminal() {
    let fx = hostile("control-chars");
    let run = fx.build();
    run.code(1);
    assert!(
        !run.stderr.contains('\u{1b}') && !run.stderr.contains('\u{7}'),
        "{:?}",
        run.stderr
    );
    run.stderr_has("\u{fffd}]0;gekapert\u{fffd}\u{fffd}[2J");
}

#[test]
fn a_utf16_file_is_named_in_an_error() {
    let fx = hostile("utf16");
    let run = fx.build();
    run.code(1);
    run.only_error().is(
        "content/pages/utf16.md",
        "the file is UTF-16, not UTF-8",
        Some("save the file with the encoding UTF-8"),
    );
}

#[test]
fn an_oversized_file_is_refused_unread() {
    let fx = Fixture::copy("full");
    let mut text = b"+++\ntitle = \"Gross\"\n+++\n".to_vec();
    text.resize(10 * 1024 * 1024 + 1, b'x');
    fx.write("content/pages/gross.md", &text);
    let run = fx.build();
    run.code(1);
    run.only_error().is(
        "content/pages/gross.md",
        "the file has 10485761 bytes; a content file may have at most 10485760 (10 MiB)",
        None,
    );
}

#[cfg(unix)]
#[test]
fn a_device_or_fifo_is_not_read() {
    let fx = Fixture::copy("full");
    std::os::unix::fs::symlink("/dev/zero", fx.path("content/pages/null.md")).unwrap();
    let run = fx.build();
    run.code(1);
    run.only_error().is(
        "content/pages/null.md",
        "not a regular file; content files must be files",
        None,
    );
}

/// A page whose body is `body`, in `full`.
fn page_with_body(body: &str) -> Fixture {
    let fx = Fixture::copy("full");
    fx.write(
        "content/pages/tief.md",
        format!("+++\ntitle = \"Tief\"\n+++\nEin Absatz.\n\n{body}"),
    );
    fx
}

const DEEP: &str =
    "the text is nested more than 256 levels deep here (quotes, lists or HTML elements)";

#[test]
fn deeply_nested_quotes_are_an_error_not_a_crash() {
    let fx = page_with_body(&format!("{} x\n", ">".repeat(100_000)));
    let run = fx.build();
    run.code(1);
    run.only_error().is(
        "content/pages/tief.md:6:257",
        DEEP,
        Some("no page needs this: close the elements or remove the extra `>`"),
    );
}

#[test]
fn deeply_nested_html_is_an_error_and_fast() {
    let started = std::time::Instant::now();
    let fx = page_with_body(&format!("<b>x</b>\n\n{}x\n", "<div>\n".repeat(100_000)));
    let run = fx.build();
    run.code(1);
    // The 257th `<div>`, on the 257th line of the HTML block.
    run.only_error()
        .at("content/pages/tief.md:264:1")
        .says(DEEP);
    // The sanitizer never sees it: quadratic there, hours for this file.
    assert!(started.elapsed().as_secs() < 60, "{:?}", started.elapsed());
}

#[test]
fn deeply_nested_lists_are_an_error() {
    let fx = page_with_body(&format!("{}x\n", "- ".repeat(100_000)));
    let run = fx.build();
    run.code(1);
    run.only_error().says(DEEP);
    let fx = page_with_body("- a\n  - b\n    > c\n\nNormal.\n");
    fx.build_ok();
}

#[test]
fn deeply_nested_toml_is_a_syntax_error() {
    let fx = Fixture::copy("full");
    let n = 100_000;
    let arrays = format!("{}{}", "[".repeat(n), "]".repeat(n));
    let tables = format!("{}1{}", "{a=".repeat(n), "}".repeat(n));
    fx.write(
        "content/pages/tief.md",
        format!("+++\ntitle = \"Tief\"\nx = {arrays}\n+++\n"),
    );
    fx.write(
        "content/pages/tief2.md",
        format!("+++\ntitle = \"Tief\"\ny = {tables}\n+++\n"),
    );
    let run = fx.build();
    run.code(1);
    let e = run.errors();
    assert_eq!(e.len(), 2, "{run}");
    assert!(
        e[0].location.starts_with("content/pages/tief.md:3:"),
        "{run}"
    );
    assert!(
        e[1].location.starts_with("content/pages/tief2.md:3:"),
        "{run}"
    );
    for e in &e {
        assert!(e.message.starts_with("TOML syntax: "), "{}", e.text);
        // The printed line is cut to a window around the column.
        assert!(e.text.len() < 1000, "{}", e.text);
    }
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_under_content_is_an_error_naming_it() {
    let fx = Fixture::copy("full");
    std::os::unix::fs::symlink("..", fx.path("content/pages/schleife")).unwrap();
    let run = fx.build();
    run.code(1);
    let e = run.errors();
    assert!(!e.is_empty(), "{run}");
    for e in &e {
        assert!(
            e.location.starts_with("content/pages/schleife/"),
            "{}",
            e.text
        );
        assert_eq!(e.message, "a symbolic link loop; it is skipped");
    }
}

#[cfg(unix)]
#[test]
fn a_file_name_that_is_not_utf8_is_named_lossily() {
    use std::os::unix::ffi::OsStrExt;
    let fx = Fixture::copy("full");
    let name = std::ffi::OsStr::from_bytes(b"\xffber.md");
    std::fs::write(
        fx.path("content/pages").join(name),
        "+++\ntitle = \"x\"\n+++\n",
    )
    .unwrap();
    let run = fx.build();
    run.code(1);
    run.only_error().is(
        "content/pages/\u{fffd}ber.md",
        "`\u{fffd}ber` is not a valid id: ids are lowercase a-z, 0-9 and '-', not starting or ending with '-'",
        Some("rename the file to `ber.md`"),
    );
}

#[test]
fn many_ampersands_in_one_text_are_sanitized_in_linear_time() {
    // html5ever's serializer searches the rest of a text node once per
    // `&`: a million of them took hours before text runs were split.
    let started = std::time::Instant::now();
    let fx = page_with_body(&format!("<b>fett</b>\n\n{}\n", "&amp;°".repeat(100_000)));
    fx.build_ok();
    let page = fx.output("tief/index.html");
    assert!(page.contains("&amp;<span></span>°&amp;"), "runs are split");
    let text = page.replace("<span></span>", "");
    assert_eq!(text.matches("&amp;°").count(), 100_000);
    assert!(started.elapsed().as_secs() < 60, "{:?}", started.elapsed());
}

#[test]
fn a_raw_html_line_over_32_kib_is_an_error() {
    let fx = page_with_body(&format!(
        "<abbr title=\"{}\">x</abbr>\n",
        "&amp;".repeat(10_000)
    ));
    let run = fx.build();
    run.code(1);
    run.only_error().is(
        "content/pages/tief.md:6:1",
        "a line or tag of raw HTML longer than 32 KiB",
        Some("break the HTML into lines, or write it as Markdown"),
    );
}
