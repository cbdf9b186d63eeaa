//! One test per validation rule (CONTENT-MODEL.md §2, §3, §5). Each test
//! breaks the `full` fixture by a one-line edit (or overlays a bad fixture
//! folder for problems that are easier to express as files) and asserts the
//! exit code, the message, `file:line:col` and the help, and — through
//! [`broken`] — that `check` says the same and that the previous `public/`
//! is byte-for-byte untouched.

use crate::harness::{Fixture, Run, tree};

const REGION: &str = "content/regions/stadt-beispiel.md";
const KREIS: &str = "content/regions/kreis-beispiel.md";
const PARTNER: &str = "content/partners/agentur-beispiel.md";
const OFFER: &str = "content/offers/bewerbungstraining.md";
const PRACTICE: &str = "content/practice/berufswahlfahrplan-beispiel.md";
const AGREEMENT: &str = "content/agreements/kooperation-2013.md";
const PAGE: &str = "content/pages/ueber-uns.md";
const VOCAB: &str = "content/vocabularies.toml";

/// The diagnostics of a run, one printed block each, for comparing runs.
fn blocks(run: &Run) -> Vec<String> {
    run.diags().into_iter().map(|d| d.text).collect()
}

/// Builds `full`, applies `edit`, then runs `check` and `build`: both exit
/// 1 with the same diagnostics, the build says it left the output alone,
/// and the first build's `public/` is byte-for-byte what it was.
#[track_caller]
fn broken(edit: impl FnOnce(&Fixture)) -> (Fixture, Run) {
    let fx = Fixture::full_built();
    let before = tree(&fx.path("public"));
    assert!(!before.is_empty());
    edit(&fx);
    let check = fx.check();
    check.code(1);
    let run = fx.build();
    run.code(1)
        .stderr_has("The build failed; `./public` was left as it was.");
    assert!(!run.stdout.contains("Built "), "{run}");
    assert_eq!(blocks(&check), blocks(&run), "check and build disagree");
    assert!(
        tree(&fx.path("public")) == before,
        "public/ changed after a failed build"
    );
    (fx, run)
}

/// Applies `edit` to `full`: `check` and `build` exit 0 with the same
/// warnings, and the site is built.
#[track_caller]
fn warned(edit: impl FnOnce(&Fixture)) -> (Fixture, Run) {
    let fx = Fixture::copy("full");
    edit(&fx);
    let check = fx.check();
    check.ok();
    let run = fx.build();
    run.ok();
    assert!(!run.warnings().is_empty(), "no warning\n{run}");
    assert_eq!(blocks(&check), blocks(&run), "check and build disagree");
    assert!(fx.has_output("index.html"));
    (fx, run)
}

// ── Files and ids ───────────────────────────────────────────────────────

#[test]
fn a_file_name_that_is_no_id_proposes_the_fixed_name() {
    let (_, run) = broken(|fx| {
        fx.overlay("bad-id");
    });
    run.only_error().is(
        "content/offers/Übergang Büro.md",
        "`Übergang Büro` is not a valid id: ids are lowercase a-z, 0-9 and '-', not starting or ending with '-'",
        Some("rename the file to `uebergang-buero.md`"),
    );
    let (_, run) = broken(|fx| {
        fx.write(
            "content/partners/IHK_Süd-.md",
            fx.read("content/partners/ihk-beispiel.md"),
        );
    });
    run.only_error()
        .at("content/partners/IHK_Süd-.md")
        .helps("rename the file to `ihk-sued.md`");
}

#[test]
fn a_file_without_front_matter() {
    let (_, run) = broken(|fx| {
        fx.overlay("no-front-matter");
    });
    run.only_error().is(
        "content/partners/ohne-kopf.md:1:1",
        "the file does not start with `+++` front matter",
        Some("begin the file with a line `+++`, the TOML fields (at least `title = \"…\"`), and another line `+++`"),
    );
}

#[test]
fn front_matter_that_is_never_closed() {
    let (_, run) = broken(|fx| {
        fx.overlay("unclosed-front-matter");
    });
    run.only_error().is(
        "content/offers/offen.md:1:1",
        "the front matter opened here is never closed",
        Some("add a line with exactly `+++` after the last field"),
    );
}

#[test]
fn a_file_that_is_not_utf8() {
    let (_, run) = broken(|fx| {
        fx.overlay("bad-utf8");
    });
    // Line 5, at the first byte that is not UTF-8 (after "Gr").
    run.only_error().is(
        "content/partners/latin1.md:5:27",
        "the file is not valid UTF-8",
        Some("save the file with the encoding UTF-8"),
    );
}

#[test]
fn toml_syntax_errors_point_into_the_file() {
    let (_, run) = broken(|fx| {
        fx.overlay("toml-syntax");
    });
    let e = run.only_error();
    e.at("content/regions/syntaxfehler.md:3:18");
    assert!(e.message.starts_with("TOML syntax: "), "{}", e.text);
    // In the vocabularies and in site.toml too.
    let (fx, run) = broken(|fx| {
        fx.replace(VOCAB, "eltern = \"Eltern\"", "eltern = Eltern");
    });
    run.only_error().at(&fx.pos(VOCAB, "Eltern\n"));
    let (fx, run) = broken(|fx| {
        fx.replace("site.toml", "language = \"de\"", "language = [\"de\"");
    });
    let e = run.only_error();
    assert!(e.location.starts_with("site.toml:"), "{}", e.text);
    assert!(e.message.starts_with("TOML syntax: "), "{}", e.text);
    drop(fx);
}

#[test]
fn a_reference_to_a_file_with_errors_is_not_reported_again() {
    // The region has an error of its own; the offers, agreements, the
    // other region and the @/ links that name it are fine.
    let (fx, run) = broken(|fx| {
        fx.replace(KREIS, "kind = \"landkreis\"\n", "");
    });
    run.only_error().is(
        &format!("{KREIS}:1:1"),
        "missing required field `kind`",
        Some("add a line `kind = …`"),
    );
    // The same for a file that does not even parse.
    let (_, run) = broken(|fx| {
        fx.replace(
            "content/partners/ihk-beispiel.md",
            "kind = \"ihk\"",
            "kind = \"ihk",
        );
    });
    run.only_error().at("content/partners/ihk-beispiel.md:3:12");
    drop(fx);
}

// ── Required fields ─────────────────────────────────────────────────────

/// Removes the line `line` (with its newline) from `file`.
fn without(fx: &Fixture, file: &str, line: &str) {
    fx.replace(file, &format!("{line}\n"), "");
}

#[test]
fn required_fields_of_every_type() {
    let cases: &[(&str, &str, &str)] = &[
        (REGION, "title = \"Stadt Beispiel\"", "title"),
        (REGION, "kind = \"kreisfreie-stadt\"", "kind"),
        (PARTNER, "kind = \"agentur-fuer-arbeit\"", "kind"),
        (
            PARTNER,
            "title = \"Agentur für Arbeit Beispielstadt\"",
            "title",
        ),
        (
            OFFER,
            "providers = [\"agentur-beispiel\", \"ihk-beispiel\"]",
            "providers",
        ),
        (
            OFFER,
            "regions = [\"stadt-beispiel\", \"kreis-beispiel\"]",
            "regions",
        ),
        (
            OFFER,
            "target_groups = [\"schueler\", \"eltern\"]",
            "target_groups",
        ),
        (PRACTICE, "regions = [\"stadt-beispiel\"]", "regions"),
        (
            PRACTICE,
            "title = \"Gemeinsamer Berufswahlfahrplan\"",
            "title",
        ),
        (
            AGREEMENT,
            "regions = [\"stadt-beispiel\", \"kreis-beispiel\"]",
            "regions",
        ),
        (AGREEMENT, "signed = 2013-05-29", "signed"),
        (PAGE, "title = \"Über uns\"", "title"),
    ];
    for &(file, line, field) in cases {
        let (_, run) = broken(|fx| without(fx, file, line));
        run.only_error().is(
            &format!("{file}:1:1"),
            &format!("missing required field `{field}`"),
            Some(&format!("add a line `{field} = …`")),
        );
    }
}

#[test]
fn required_fields_of_table_rows() {
    // (file, line to remove, header of the row, field as named)
    let cases: &[(&str, &str, &str, &str)] = &[
        (
            REGION,
            "partner = \"agentur-beispiel\"",
            "[[steering_group]]",
            "steering_group[2].partner",
        ),
        (
            REGION,
            "phase = \"umsetzung\"",
            "[[milestones]]",
            "milestones[2].phase",
        ),
        (
            REGION,
            "indicator = \"Die Mitglieder der Steuerungsgruppe sind benannt.\"",
            "[[milestones]]",
            "milestones[1].indicator",
        ),
        (
            REGION,
            "status = \"open\"",
            "[[milestones]]",
            "milestones[3].status",
        ),
        (
            AGREEMENT,
            "partner = \"agentur-beispiel\"",
            "[[parties]]",
            "parties[2].partner",
        ),
        (
            AGREEMENT,
            "name = \"Beirat\"",
            "[[bodies]]",
            "bodies[2].name",
        ),
        (
            AGREEMENT,
            "goal = \"Ein Elternportal.\"",
            "[[goals]]",
            "goals[3].goal",
        ),
        (
            AGREEMENT,
            "status = \"dropped\"",
            "[[goals]]",
            "goals[5].status",
        ),
    ];
    for &(file, line, header, field) in cases {
        let n: usize = field
            .split_once('[')
            .and_then(|(_, r)| r.split_once(']'))
            .map(|(n, _)| n.parse().unwrap())
            .unwrap();
        let (fx, run) = broken(|fx| without(fx, file, line));
        let key = field.rsplit('.').next().unwrap();
        run.only_error().is(
            &fx.pos_nth(file, header, n),
            &format!("missing required field `{field}`"),
            Some(&format!("add a line `{key} = …`")),
        );
    }
}

#[test]
fn required_strings_and_lists_must_not_be_empty() {
    let (fx, run) = broken(|fx| {
        fx.replace(
            PARTNER,
            "title = \"Agentur für Arbeit Beispielstadt\"",
            "title = \"  \"",
        );
    });
    run.only_error().is(
        &fx.pos(PARTNER, "\"  \""),
        "`title` must not be empty",
        None,
    );
    for (file, from, to, field) in [
        (
            OFFER,
            "providers = [\"agentur-beispiel\", \"ihk-beispiel\"]",
            "providers = []",
            "providers",
        ),
        (
            OFFER,
            "target_groups = [\"schueler\", \"eltern\"]",
            "target_groups = []",
            "target_groups",
        ),
        (
            PRACTICE,
            "regions = [\"stadt-beispiel\"]",
            "regions = []",
            "regions",
        ),
        (
            AGREEMENT,
            "regions = [\"stadt-beispiel\", \"kreis-beispiel\"]",
            "regions = []",
            "regions",
        ),
    ] {
        let (fx, run) = broken(|fx| {
            fx.replace(file, from, to);
        });
        run.only_error().is(
            &fx.pos(file, "[]"),
            &format!("`{field}` needs at least one entry"),
            None,
        );
    }
}

// ── Types ───────────────────────────────────────────────────────────────

#[test]
fn values_of_the_wrong_type() {
    // (file, from, to, the value as it appears, message)
    let cases: &[(&str, &str, &str, &str, &str)] = &[
        (
            REGION,
            "title = \"Stadt Beispiel\"",
            "title = 5",
            "5",
            "`title` must be a string, found an integer",
        ),
        (
            REGION,
            "phase = 4",
            "phase = \"4\"",
            "\"4\"",
            "`phase` must be an integer, found a string",
        ),
        (
            REGION,
            "state = \"Hessen\"",
            "state = [\"Hessen\"]",
            "[\"Hessen\"]",
            "`state` must be a string, found a list",
        ),
        (
            REGION,
            "role = \"Mitglied\"",
            "role = true",
            "true",
            "`steering_group[2].role` must be a string, found a boolean",
        ),
        (
            OFFER,
            "providers = [\"agentur-beispiel\", \"ihk-beispiel\"]",
            "providers = \"agentur-beispiel\"",
            "\"agentur-beispiel\"",
            "`providers` must be a list (`[\"…\", \"…\"]`), found a string",
        ),
        (
            OFFER,
            "grades = [10, 8, 9]",
            "grades = [10, \"8\", 9]",
            "\"8\"",
            "`grades` must be an integer, found a string",
        ),
        (
            OFFER,
            "grades = [10, 8, 9]",
            "grades = [10, 8.5, 9]",
            "8.5",
            "`grades` must be an integer, found a float",
        ),
        (
            OFFER,
            "languages = [\"Deutsch\", \"Türkisch\"]",
            "languages = [\"Deutsch\", 2]",
            "2]",
            "`languages` must be a string, found an integer",
        ),
        (
            OFFER,
            "start = 2026-09-01",
            "start = 20260901",
            "20260901",
            "`start` must be a date like 2013-05-29, found an integer",
        ),
        (
            OFFER,
            "aliases = [\"/alt/bewerbung/\", \"bewerbungstraining-alt.html\"]",
            "aliases = \"/alt/bewerbung/\"",
            "\"/alt/bewerbung/\"",
            "`aliases` must be a list (`[\"…\", \"…\"]`), found a string",
        ),
        (
            "content/offers/entwurf-angebot.md",
            "draft = true",
            "draft = \"ja\"",
            "\"ja\"",
            "`draft` must be `true` or `false`, found a string",
        ),
        (
            PRACTICE,
            "year = 2024",
            "year = \"2024\"",
            "\"2024\"",
            "`year` must be an integer, found a string",
        ),
        (
            AGREEMENT,
            "term_years = 5",
            "term_years = 5.0",
            "5.0",
            "`term_years` must be an integer, found a float",
        ),
        (
            AGREEMENT,
            "moderator = \"moderation-beispiel\"",
            "moderator = [\"moderation-beispiel\"]",
            "[\"moderation-beispiel\"]",
            "`moderator` must be a string, found a list",
        ),
        (
            AGREEMENT,
            "members = [\"ihk-beispiel\"]",
            "members = \"ihk-beispiel\"",
            "\"ihk-beispiel\"",
            "`bodies[2].members` must be a list (`[\"…\", \"…\"]`), found a string",
        ),
        (
            PAGE,
            "updated = 2026-02-02",
            "updated = true",
            "true",
            "`updated` must be a date like 2013-05-29, found a boolean",
        ),
    ];
    for &(file, from, to, value, message) in cases {
        let (fx, run) = broken(|fx| {
            fx.replace(file, from, to);
        });
        let at = fx.pos(file, to);
        let col: usize = at.rsplit(':').next().unwrap().parse().unwrap();
        let offset = to.find(value).unwrap();
        let expected = format!(
            "{}:{}",
            at.rsplit_once(':').unwrap().0,
            col + to[..offset].chars().count()
        );
        run.only_error().is(&expected, message, None);
    }
}

#[test]
fn a_table_array_written_as_something_else() {
    let (fx, run) = broken(|fx| {
        fx.replace(
            KREIS,
            "kind = \"landkreis\"",
            "kind = \"landkreis\"\nsteering_group = [\"agentur-beispiel\"]",
        );
    });
    run.only_error().is(
        &fx.pos(KREIS, "\"agentur-beispiel\""),
        "`steering_group` must be a table (`[[…]]`), found a string",
        None,
    );
    let (fx, run) = broken(|fx| {
        fx.replace(
            KREIS,
            "kind = \"landkreis\"",
            "kind = \"landkreis\"\nmilestones = \"keine\"",
        );
    });
    run.only_error().is(
        &fx.pos(KREIS, "\"keine\""),
        "`milestones` must be a list (`[\"…\", \"…\"]`), found a string",
        None,
    );
}

// ── Ranges ──────────────────────────────────────────────────────────────

#[test]
fn phase_is_1_to_5() {
    for (bad, found) in [("0", "0"), ("6", "6"), ("-1", "-1")] {
        let (fx, run) = broken(|fx| {
            fx.replace(REGION, "phase = 4", &format!("phase = {bad}"));
        });
        run.only_error().is(
            &fx.pos(REGION, &format!("{bad}\n")),
            &format!("`phase` must be between 1 and 5, found {found}"),
            None,
        );
    }
    for ok in ["1", "5"] {
        let fx = Fixture::copy("full");
        fx.replace(REGION, "phase = 4", &format!("phase = {ok}"));
        fx.check().ok();
    }
}

#[test]
fn grades_are_1_to_13() {
    for bad in ["0", "14"] {
        let (fx, run) = broken(|fx| {
            fx.replace(
                OFFER,
                "grades = [10, 8, 9]",
                &format!("grades = [10, {bad}, 9]"),
            );
        });
        run.only_error().is(
            &fx.pos(OFFER, &format!("{bad}, 9]")),
            &format!("`grades` must be between 1 and 13, found {bad}"),
            None,
        );
    }
    let fx = Fixture::copy("full");
    fx.replace(OFFER, "grades = [10, 8, 9]", "grades = [1, 13, 13]");
    fx.build_ok();
    assert!(fx.has_output("angebote/klasse/1/index.html"));
    assert!(fx.has_output("angebote/klasse/13/index.html"));
}

#[test]
fn term_and_renewal_years() {
    let (fx, run) = broken(|fx| {
        fx.replace(AGREEMENT, "term_years = 5", "term_years = 0");
    });
    run.only_error().is(
        &fx.pos(AGREEMENT, "0\nrenews"),
        "`term_years` must be between 1 and 1000, found 0",
        None,
    );
    let (fx, run) = broken(|fx| {
        fx.replace(AGREEMENT, "renews_years = 5", "renews_years = -5");
    });
    run.only_error().is(
        &fx.pos(AGREEMENT, "-5"),
        "`renews_years` must be between 0 and 1000, found -5",
        None,
    );
    // 0: no renewal, which is allowed.
    let fx = Fixture::copy("full");
    fx.replace(AGREEMENT, "renews_years = 5", "renews_years = 0");
    fx.check().ok();
}

#[test]
fn a_year_out_of_range() {
    let (fx, run) = broken(|fx| {
        fx.replace(PRACTICE, "year = 2024", "year = 24");
    });
    run.only_error().is(
        &fx.pos(PRACTICE, "24\n"),
        "`year` must be between 1900 and 2200, found 24",
        None,
    );
}

#[test]
fn an_integer_too_large_for_the_parser() {
    let (fx, run) = broken(|fx| {
        fx.replace(REGION, "phase = 4", "phase = 99999999999999999999");
    });
    // Either a syntax error or a range error, but at the value, and one.
    run.only_error().at(&fx.pos(REGION, "99999999999999999999"));
}

// ── Enumerations ────────────────────────────────────────────────────────

#[test]
fn milestone_status() {
    let (fx, run) = broken(|fx| {
        fx.replace(
            REGION,
            "status = \"in-progress\"",
            "status = \"in progress\"",
        );
    });
    run.only_error().is(
        &fx.pos(REGION, "\"in progress\""),
        "`milestones[2].status` must be one of `done` (`erledigt`), `in-progress` (`in-arbeit`), `open` (`offen`), found `in progress`",
        Some("did you mean `in-progress`?"),
    );
}

#[test]
fn goal_status() {
    // The German words are aliases (tests/it/traps.rs); others are not.
    let (fx, run) = broken(|fx| {
        fx.replace(
            AGREEMENT,
            "status = \"postponed\"",
            "status = \"aufgeschoben\"",
        );
    });
    run.only_error()
        .at(&fx.pos(AGREEMENT, "\"aufgeschoben\""))
        .says("`goals[4].status` must be one of `planned` (`geplant`), `in-progress` (`in-arbeit`), `done` (`erledigt`), `postponed` (`verschoben`), `dropped` (`verworfen`), found `aufgeschoben`");
    let (fx, run) = broken(|fx| {
        fx.replace(AGREEMENT, "status = \"planned\"", "status = \"planed\"");
    });
    run.only_error()
        .at(&fx.pos(AGREEMENT, "\"planed\""))
        .helps("did you mean `planned`?");
}

#[test]
fn body_kind() {
    let (fx, run) = broken(|fx| {
        fx.replace(AGREEMENT, "kind = \"advisory\"", "kind = \"advisor\"");
    });
    run.only_error().is(
        &fx.pos(AGREEMENT, "\"advisor\""),
        "`bodies[2].kind` must be one of `decision`, `advisory`, `working`, found `advisor`",
        Some("did you mean `advisory`?"),
    );
}

#[test]
fn raw_html_mode() {
    let (fx, run) = broken(|fx| {
        fx.replace(
            "site.toml",
            "raw_html = \"sanitize\"",
            "raw_html = \"strip\"",
        );
    });
    run.only_error().is(
        &fx.pos("site.toml", "\"strip\""),
        "`markdown.raw_html` must be one of `sanitize`, `allow`, `escape`, found `strip`",
        None,
    );
}

// ── Vocabularies ────────────────────────────────────────────────────────

#[test]
fn every_vocabulary_field_checks_its_terms_and_suggests_the_nearest() {
    // (file, from, to, bad term, vocabulary, field, nearest)
    let cases: &[(&str, &str, &str, &str, &str, &str, &str)] = &[
        (
            REGION,
            "kind = \"kreisfreie-stadt\"",
            "kind = \"kreisfreie_stadt\"",
            "kreisfreie_stadt",
            "region_kinds",
            "kind",
            "kreisfreie-stadt",
        ),
        (
            PARTNER,
            "kind = \"agentur-fuer-arbeit\"",
            "kind = \"agentur-für-arbeit\"",
            "agentur-für-arbeit",
            "partner_kinds",
            "kind",
            "agentur-fuer-arbeit",
        ),
        (
            OFFER,
            "target_groups = [\"schueler\", \"eltern\"]",
            "target_groups = [\"schueler\", \"elten\"]",
            "elten",
            "target_groups",
            "target_groups",
            "eltern",
        ),
        (
            OFFER,
            "fields = [\"berufsorientierung\", \"akquise\"]",
            "fields = [\"berufsorientierung\", \"aquise\"]",
            "aquise",
            "fields",
            "fields",
            "akquise",
        ),
        (
            PRACTICE,
            "fields = [\"berufsorientierung\"]",
            "fields = [\"berufsorientirung\"]",
            "berufsorientirung",
            "fields",
            "fields",
            "berufsorientierung",
        ),
        (
            REGION,
            "quality_standards = [\"berufsorientierung\", \"vermittlung-matching\"]",
            "quality_standards = [\"berufsorientierung\", \"vermittlung\"]",
            "vermittlung",
            "quality_standards",
            "quality_standards",
            "vermittlung-matching",
        ),
        (
            REGION,
            "phase = \"aufbau\"",
            "phase = \"aufbauen\"",
            "aufbauen",
            "network_phases",
            "milestones.phase",
            "aufbau",
        ),
        (
            AGREEMENT,
            "standard = \"vermittlung-matching\"",
            "standard = \"matching\"",
            "matching",
            "quality_standards",
            "goals.standard",
            "vermittlung-matching",
        ),
    ];
    for &(file, from, to, bad, vocab, field, nearest) in cases {
        let (fx, run) = broken(|fx| {
            fx.replace(file, from, to);
        });
        // A well-formed key may be new: the help shows the line to add too.
        let well_formed = bad.bytes().all(|b| b.is_ascii_lowercase() || b == b'-');
        let help = if well_formed {
            format!(
                "did you mean `{nearest}`? If `{bad}` is new, add the line `{bad} = \"…\"` under `[{vocab}]` in content/vocabularies.toml"
            )
        } else {
            format!("did you mean `{nearest}`? (vocabulary `{vocab}` in content/vocabularies.toml)")
        };
        run.only_error().is(
            &fx.pos(file, &format!("\"{bad}\"")),
            &format!("`{bad}` is not in the vocabulary `{vocab}` (field `{field}`)"),
            Some(&help),
        );
    }
}

#[test]
fn a_term_nothing_is_near_lists_the_allowed_ones() {
    let (fx, run) = broken(|fx| {
        fx.replace(REGION, "kind = \"kreisfreie-stadt\"", "kind = \"bezirk\"");
    });
    run.only_error().is(
        &fx.pos(REGION, "\"bezirk\""),
        "`bezirk` is not in the vocabulary `region_kinds` (field `kind`)",
        Some("if `bezirk` is new, add the line `bezirk = \"…\"` under `[region_kinds]` in content/vocabularies.toml (the list has `landkreis`, `kreisfreie-stadt`)"),
    );
}

#[test]
fn a_vocabulary_the_file_does_not_define() {
    let (fx, run) = broken(|fx| {
        fx.edit(VOCAB, |s| {
            let start = s.find("[network_phases]").unwrap();
            s[..start].to_string()
        });
    });
    let errors = run.errors();
    // One error per use: three milestones.
    assert_eq!(errors.len(), 3, "{run}");
    errors[0].is(
        &fx.pos(REGION, "\"aufbau\""),
        "`milestones.phase` uses the vocabulary `network_phases`, which content/vocabularies.toml does not define",
        Some("add a table `[network_phases]` with `aufbau = \"…\"`"),
    );
}

#[test]
fn the_vocabulary_file_itself() {
    // A term that is no id.
    let (fx, run) = broken(|fx| {
        fx.replace(VOCAB, "akquise = \"Akquise\"", "Akquise_Neu = \"Akquise\"");
        fx.replace(OFFER, "\"akquise\"]", "\"berufsorientierung\"]");
    });
    run.only_error().is(
        &fx.pos(VOCAB, "Akquise_Neu"),
        "`Akquise_Neu` is not a valid id",
        Some("ids are lowercase a-z, 0-9 and '-': `akquise-neu`"),
    );
    // A label that is no string.
    let (fx, run) = broken(|fx| {
        fx.replace(VOCAB, "betriebe = \"Betriebe\"", "betriebe = 3");
    });
    run.only_error().is(
        &fx.pos(VOCAB, "3\n"),
        "the label of `target_groups.betriebe` must be a string, found an integer",
        None,
    );
    // A vocabulary that is no table.
    let (fx, run) = broken(|fx| {
        fx.edit(VOCAB, |s| format!("region_kinds = \"x\"\n{}", s.replace("[region_kinds]\nlandkreis = \"Landkreis\"\nkreisfreie-stadt = \"Kreisfreie Stadt\"\n", "")));
    });
    // Its uses are not reported once more.
    run.only_error().is(
        &fx.pos(VOCAB, "\"x\""),
        "vocabulary `region_kinds` must be a table (`[region_kinds]`)",
        None,
    );
    // A missing file: one error, not one per term used.
    let (_, run) = broken(|fx| {
        fx.remove(VOCAB);
    });
    run.only_error().is(
        VOCAB,
        "the site has no `content/vocabularies.toml`",
        Some("it defines region_kinds, partner_kinds, target_groups, fields, quality_standards and network_phases; `lotse init` writes one"),
    );
}

#[test]
fn an_unknown_vocabulary_is_a_warning() {
    let (fx, run) = warned(|fx| {
        fx.edit(VOCAB, |s| format!("{s}\n[target_group]\nx = \"X\"\n"));
    });
    run.only_warning().is(
        &fx.pos(VOCAB, "target_group]"),
        "unknown vocabulary `target_group`",
        Some("did you mean `target_groups`?"),
    );
}

// ── References ──────────────────────────────────────────────────────────

#[test]
fn every_reference_field_checks_its_ids_and_suggests_the_nearest() {
    // (file, from, to, bad id, kind, field, nearest)
    let cases: &[(&str, &str, &str, &str, &str, &str, &str)] = &[
        (
            OFFER,
            "providers = [\"agentur-beispiel\", \"ihk-beispiel\"]",
            "providers = [\"agentur-beispiel\", \"ihk-beispeil\"]",
            "ihk-beispeil",
            "partner",
            "providers",
            "ihk-beispiel",
        ),
        (
            OFFER,
            "regions = [\"stadt-beispiel\", \"kreis-beispiel\"]",
            "regions = [\"stadt-beispiel\", \"kreis-beispel\"]",
            "kreis-beispel",
            "region",
            "regions",
            "kreis-beispiel",
        ),
        (
            PRACTICE,
            "regions = [\"stadt-beispiel\"]",
            "regions = [\"stadt-beipiel\"]",
            "stadt-beipiel",
            "region",
            "regions",
            "stadt-beispiel",
        ),
        (
            PRACTICE,
            "partners = [\"agentur-beispiel\", \"schulamt-beispiel\"]",
            "partners = [\"agentur-beispiel\", \"schulamt\"]",
            "schulamt",
            "partner",
            "partners",
            "schulamt-beispiel",
        ),
        (
            AGREEMENT,
            "regions = [\"stadt-beispiel\", \"kreis-beispiel\"]",
            "regions = [\"stadt-beispiel\", \"kreis\"]",
            "kreis",
            "region",
            "regions",
            "kreis-beispiel",
        ),
        (
            REGION,
            "coordination = [\"schulamt-beispiel\"]",
            "coordination = [\"schulamt-beispil\"]",
            "schulamt-beispil",
            "partner",
            "coordination",
            "schulamt-beispiel",
        ),
        (
            REGION,
            "partner_regions = [\"kreis-beispiel\"]",
            "partner_regions = [\"kries-beispiel\"]",
            "kries-beispiel",
            "region",
            "partner_regions",
            "kreis-beispiel",
        ),
        (
            REGION,
            "partner = \"ehemaliger-partner\"",
            "partner = \"ehemaliger-partne\"",
            "ehemaliger-partne",
            "partner",
            "steering_group.partner",
            "ehemaliger-partner",
        ),
        (
            AGREEMENT,
            "moderator = \"moderation-beispiel\"",
            "moderator = \"moderation\"",
            "moderation",
            "partner",
            "moderator",
            "moderation-beispiel",
        ),
        (
            AGREEMENT,
            "partner = \"stadt-verwaltung\"",
            "partner = \"stadtverwaltung\"",
            "stadtverwaltung",
            "partner",
            "parties.partner",
            "stadt-verwaltung",
        ),
        (
            AGREEMENT,
            "members = [\"ihk-beispiel\"]",
            "members = [\"ihk-beisspiel\"]",
            "ihk-beisspiel",
            "partner",
            "bodies.members",
            "ihk-beispiel",
        ),
        (
            AGREEMENT,
            "chair = \"hwk-beispiel\"",
            "chair = \"hwk-beispiell\"",
            "hwk-beispiell",
            "partner",
            "bodies.chair",
            "hwk-beispiel",
        ),
        (
            AGREEMENT,
            "responsible = [\"schulamt-beispiel\"]",
            "responsible = [\"schulamt-beispiell\"]",
            "schulamt-beispiell",
            "partner",
            "goals.responsible",
            "schulamt-beispiel",
        ),
    ];
    for &(file, from, to, bad, kind, field, nearest) in cases {
        let (fx, run) = broken(|fx| {
            fx.replace(file, from, to);
        });
        run.only_error().is(
            &fx.pos(file, &format!("\"{bad}\"")),
            &format!("unknown {kind} `{bad}` in `{field}`"),
            Some(&format!("did you mean `{nearest}`?")),
        );
    }
}

#[test]
fn a_reference_nothing_is_near() {
    let (fx, run) = broken(|fx| {
        fx.replace(
            OFFER,
            "providers = [\"agentur-beispiel\", \"ihk-beispiel\"]",
            "providers = [\"agentur-beispiel\", \"xyz\"]",
        );
    });
    run.only_error().is(
        &fx.pos(OFFER, "\"xyz\""),
        "unknown partner `xyz` in `providers`",
        Some("no partner has this id; partners are the files in content/partners/"),
    );
}

#[test]
fn a_reference_names_an_id_of_the_right_type() {
    // `kreis-beispiel` is a region, not a partner.
    let (fx, run) = broken(|fx| {
        fx.replace(
            REGION,
            "coordination = [\"schulamt-beispiel\"]",
            "coordination = [\"kreis-beispiel\"]",
        );
    });
    run.only_error()
        .at(&fx.pos(REGION, "\"kreis-beispiel\"]\nphase"))
        .says("unknown partner `kreis-beispiel` in `coordination`");
}

#[test]
fn internal_links_to_missing_files() {
    let (fx, run) = broken(|fx| {
        fx.replace(
            PAGE,
            "(@/regions/stadt-beispiel.md#geschichte)",
            "(@/regions/stadt-beispil.md#geschichte)",
        );
    });
    run.only_error().is(
        &fx.pos(PAGE, "@/regions/stadt-beispil.md#geschichte"),
        "link to `@/regions/stadt-beispil.md`, but there is no content file `content/regions/stadt-beispil.md`",
        Some("an internal link names a file below content/, e.g. `@/partners/ihk-offenbach.md`"),
    );
    // A folder that is no content type, an image, and the home page text.
    let (fx, run) = broken(|fx| {
        fx.replace(
            PAGE,
            "Wir sind ein Netzwerk.",
            "Wir sind ein [Netz](@/angebote/x.md).",
        );
        fx.replace(
            OFFER,
            "~~ausgebucht~~",
            "![Bild](@/offers/bewerbungstraining.png)",
        );
        fx.replace(
            "content/_index.md",
            "(@/regions/kreis-beispiel.md)",
            "(@/regions/kreis.md)",
        );
    });
    let errors = run.errors();
    assert_eq!(errors.len(), 3, "{run}");
    run.error_at(&fx.pos("content/_index.md", "@/regions/kreis.md"));
    run.error_at(&fx.pos(OFFER, "@/offers/bewerbungstraining.png"));
    run.error_at(&fx.pos(PAGE, "@/angebote/x.md"));
}

// ── Dates ───────────────────────────────────────────────────────────────

#[test]
fn end_is_not_before_start() {
    let (fx, run) = broken(|fx| {
        fx.replace(OFFER, "end = \"2026-09-30\"", "end = 2026-08-31");
    });
    run.only_error().is(
        &fx.pos(OFFER, "2026-08-31"),
        "`end` (2026-08-31) is before `start` (2026-09-01)",
        Some("an offer must end on or after the day it starts"),
    );
    // The same day is fine.
    let fx = Fixture::copy("full");
    fx.replace(OFFER, "end = \"2026-09-30\"", "end = 2026-09-01");
    fx.check().ok();
}

#[test]
fn until_is_not_before_since() {
    let (fx, run) = broken(|fx| {
        fx.replace(REGION, "until = 2020-12-31", "until = 2009-12-31");
    });
    run.only_error().is(
        &fx.pos(REGION, "2009-12-31"),
        "`until` is before `since`",
        None,
    );
}

#[test]
fn terminated_is_not_before_signed() {
    let (fx, run) = broken(|fx| {
        fx.replace(
            "content/agreements/vereinbarung-gekuendigt.md",
            "terminated = 2025-12-31",
            "terminated = 2017-12-31",
        );
    });
    run.only_error().is(
        &fx.pos(
            "content/agreements/vereinbarung-gekuendigt.md",
            "2017-12-31",
        ),
        "`terminated` is before `signed`",
        None,
    );
}

#[test]
fn a_toml_date_that_does_not_exist() {
    let (fx, run) = broken(|fx| {
        fx.replace(AGREEMENT, "signed = 2013-05-29", "signed = 2013-02-30");
    });
    run.only_error().is(
        &fx.pos(AGREEMENT, "2013-02-30"),
        "the date `2013-02-30` does not exist",
        Some("write dates as 2026-09-30 (year-month-day); that month has 28 days"),
    );
}

#[test]
fn a_quoted_date_that_does_not_exist() {
    let days = "write dates as 2026-09-30 (year-month-day); that month has 28 days";
    let german = "write dates as 2013-05-29 (year-month-day): `in_force = 2013-05-29`";
    for (bad, file, from, field, message, help) in [
        (
            "\"2013-02-30\"",
            AGREEMENT,
            "in_force = \"2013-06-01\"",
            "in_force",
            "the date `2013-02-30` does not exist",
            days,
        ),
        (
            "\"29.05.2013\"",
            AGREEMENT,
            "in_force = \"2013-06-01\"",
            "in_force",
            "`29.05.2013` is a German date, which lotse cannot read",
            german,
        ),
        (
            "\"2026-9-1\"",
            OFFER,
            "end = \"2026-09-30\"",
            "end",
            "`end` is not a valid date",
            "write a date as YYYY-MM-DD, e.g. 2013-05-29",
        ),
        (
            "\"\"",
            PAGE,
            "updated = 2026-02-02",
            "updated",
            "`updated` must not be empty",
            "write the date as 2026-09-30 (year-month-day), without quotes",
        ),
    ] {
        let (fx, run) = broken(|fx| {
            fx.replace(file, from, &format!("{field} = {bad}"));
        });
        run.only_error().is(&fx.pos(file, bad), message, Some(help));
    }
    // A quoted valid date is accepted (the fixture has two).
    assert!(
        Fixture::copy("full")
            .read(OFFER)
            .contains("end = \"2026-09-30\"")
    );
}

#[test]
fn a_time_is_not_a_date() {
    let (fx, run) = broken(|fx| {
        fx.replace(PAGE, "updated = 2026-02-02", "updated = 10:30:00");
    });
    run.only_error().is(
        &fx.pos(PAGE, "10:30:00"),
        "`updated` is not a valid date",
        Some("write a date as YYYY-MM-DD, e.g. 2013-05-29"),
    );
}

// ── Unknown keys: warnings ──────────────────────────────────────────────

#[test]
fn unknown_keys_are_warnings_naming_the_nearest_known_key() {
    // (file, after this line, insert, key as named, nearest)
    let cases: &[(&str, &str, &str, &str, &str)] = &[
        (REGION, "phase = 4", "phases = 3", "phases", "phase"),
        (
            PARTNER,
            "short = \"AA Beispielstadt\"",
            "webseite = \"x\"",
            "webseite",
            "website",
        ),
        (
            OFFER,
            "cost = \"kostenfrei\"",
            "costs = \"x\"",
            "costs",
            "cost",
        ),
        (PRACTICE, "year = 2024", "yaer = 2024", "yaer", "year"),
        (
            AGREEMENT,
            "term_years = 5",
            "term_year = 5",
            "term_year",
            "term_years",
        ),
        (
            PAGE,
            "title = \"Über uns\"",
            "titel = \"x\"",
            "titel",
            "title",
        ),
        (
            REGION,
            "role = \"Mitglied\"",
            "rolle = \"x\"",
            "steering_group[2].rolle",
            "role",
        ),
        (
            REGION,
            "evidence = \"Liste der Akteure\"",
            "evidenz = \"x\"",
            "milestones[1].evidenz",
            "evidence",
        ),
        (
            AGREEMENT,
            "represented_by = \"Geschäftsführung\"",
            "represented = \"x\"",
            "parties[2].represented",
            "represented_by",
        ),
        (
            AGREEMENT,
            "meets = \"zweimal im Jahr\"",
            "meet = \"x\"",
            "bodies[1].meet",
            "meets",
        ),
        (
            AGREEMENT,
            "due = 2015-07-31",
            "dues = 2015-07-31",
            "goals[1].dues",
            "due",
        ),
        (
            "site.toml",
            "language = \"de\"",
            "publsher = \"Stadt\"",
            "publsher",
            "publisher",
        ),
    ];
    for &(file, after, line, key, nearest) in cases {
        let (fx, run) = warned(|fx| {
            fx.insert_after(file, after, line);
        });
        // The key starts the inserted line.
        assert!(line.starts_with(key.rsplit('.').next().unwrap()));
        run.only_warning().is(
            &format!("{file}:{}:1", line_of(&fx, file, line)),
            &format!("unknown field `{key}`"),
            Some(&format!("did you mean `{nearest}`?")),
        );
    }
}

/// The 1-based line of the first line of `file` that is `line`.
fn line_of(fx: &Fixture, file: &str, line: &str) -> usize {
    fx.read(file).lines().position(|l| l == line).unwrap() + 1
}

#[test]
fn an_unknown_key_nothing_is_near() {
    let (fx, run) = warned(|fx| {
        fx.insert_after(OFFER, "cost = \"kostenfrei\"", "zzzzzz = 1");
    });
    run.only_warning().is(
        &format!("{OFFER}:{}:1", line_of(&fx, OFFER, "zzzzzz = 1")),
        "unknown field `zzzzzz`",
        None,
    );
}

#[test]
fn unknown_folders_and_files_in_content_are_warnings() {
    let (_, run) = warned(|fx| {
        fx.write("content/angebot/x.md", "+++\ntitle = \"x\"\n+++\n");
        fx.write("content/offers/notiz.txt", "x");
        fx.write("content/offers/unter/y.md", "+++\ntitle = \"y\"\n+++\n");
        // Editor droppings are ignored silently.
        fx.write("content/offers/.#bewerbungstraining.md", "x");
        fx.write("content/offers/bewerbungstraining.md~", "x");
    });
    let w = run.warnings();
    assert_eq!(w.len(), 3, "{run}");
    w[0].is(
        "content/angebot",
        "not part of the content model; it is ignored",
        Some("did you mean `offers`?"),
    );
    w[1].is(
        "content/offers/notiz.txt",
        "only `.md` files are content; this one is ignored",
        None,
    );
    w[2].is(
        "content/offers/unter/y.md",
        "content files belong directly in `content/offers/`; this one is ignored",
        None,
    );
}

// ── site.toml and the site's folders ────────────────────────────────────

#[test]
fn a_missing_site_toml() {
    let (_, run) = broken(|fx| {
        fx.remove("site.toml");
    });
    run.only_error().is(
        "site.toml",
        "`.` is not a lotse site: it has no `site.toml`",
        Some("run lotse in the site's folder, pass `--root DIR`, or create a site with `lotse init DIR`"),
    );
}

#[test]
fn site_toml_needs_title_and_base_url() {
    let (_, run) = broken(|fx| {
        fx.edit("site.toml", |s| {
            s.lines()
                .filter(|l| !l.starts_with("base_url"))
                .map(|l| format!("{l}\n"))
                .collect()
        });
    });
    run.only_error().is(
        "site.toml:1:1",
        "missing required field `base_url`",
        Some("add a line `base_url = …`"),
    );
    let (_, run) = broken(|fx| {
        fx.replace(
            "site.toml",
            "title = \"Netzwerk Beispielstadt – Übergang Schule–Beruf\"\n",
            "",
        );
    });
    run.only_error().is(
        "site.toml:1:1",
        "missing required field `title`",
        Some("add a line `title = …`"),
    );
}

#[test]
fn a_base_url_that_is_no_address() {
    for (bad, message) in [
        (
            "example.org/netz/",
            "base_url `example.org/netz/` must start with https:// or http://",
        ),
        (
            "https:///netz/",
            "base_url `https:///netz/` is not a valid site address",
        ),
        (
            "https://example.org/netz?x=1",
            "base_url `https://example.org/netz?x=1` is not a valid site address",
        ),
    ] {
        let (fx, run) = broken(|fx| {
            fx.replace(
                "site.toml",
                "\"https://example.org/netz/\"",
                &format!("\"{bad}\""),
            );
        });
        run.only_error().is(
            &fx.pos("site.toml", &format!("\"{bad}\"")),
            message,
            Some("e.g. base_url = \"https://olov.example.org/\""),
        );
    }
}

#[test]
fn a_theme_that_does_not_exist() {
    let (_, run) = broken(|fx| {
        fx.replace("site.toml", "theme = \"lotse\"", "theme = \"lotsee\"");
    });
    run.only_error().is(
        "site.toml",
        "theme `lotsee` not found: no folder `themes/lotsee/`",
        Some("remove the `theme` line to use the built-in theme `lotse`"),
    );
}

#[test]
fn a_site_without_content() {
    let (_, run) = broken(|fx| {
        fx.remove("content");
    });
    run.only_error().is(
        "content",
        "the site has no `content/` folder",
        Some("run `lotse init DIR` for a new site, or pass `--root` to the site's folder"),
    );
}

// ── Pages and aliases ───────────────────────────────────────────────────

#[test]
fn reserved_page_ids() {
    for id in [
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
        "404",
    ] {
        let (_, run) = broken(|fx| {
            fx.write(
                &format!("content/pages/{id}.md"),
                "+++\ntitle = \"Eine Seite\"\n+++\nText.\n",
            );
        });
        run.only_error().is(
            &format!("content/pages/{id}.md"),
            &format!("the page id `{id}` is taken by a built-in page of the site"),
            Some(&format!("rename the file, e.g. to `{id}-info.md`")),
        );
    }
}

#[test]
fn bad_aliases() {
    for (alias, help) in [
        ("../x", "an alias may not contain `.` or `..` segments"),
        (
            "/a/../../b/",
            "an alias may not contain `.` or `..` segments",
        ),
        (
            "https://example.com/x",
            "an alias is a path on this site, not an address elsewhere",
        ),
        (
            "//example.com/x",
            "an alias is a path on this site, not an address elsewhere",
        ),
        (
            "/a?b=1",
            "an alias may only use letters, digits, '-', '_', '.' and '/'",
        ),
        (
            "C:\\\\x",
            "an alias may only use letters, digits, '-', '_', '.' and '/'",
        ),
        ("/", "an alias must name a path, e.g. \"/alt/pfad/\""),
    ] {
        let (fx, run) = broken(|fx| {
            fx.replace(
                PAGE,
                "aliases = [\"/wir/\"]",
                &format!("aliases = [\"/wir/\", \"{alias}\"]"),
            );
        });
        let shown = alias.replace("\\\\", "\\");
        run.only_error().is(
            &fx.pos(PAGE, &format!("\"{alias}\"")),
            &format!("bad alias `{shown}`"),
            Some(help),
        );
    }
}

// ── Many errors at once ─────────────────────────────────────────────────

#[test]
fn every_error_of_a_build_is_reported_together() {
    let (fx, run) = broken(|fx| {
        fx.replace(REGION, "phase = 4", "phase = 9");
        fx.replace(
            OFFER,
            "target_groups = [\"schueler\", \"eltern\"]",
            "target_groups = [\"schueler\", \"elten\"]",
        );
        fx.overlay("toml-syntax");
    });
    let errors = run.errors();
    assert_eq!(errors.len(), 3, "{run}");
    // Sorted by file, then position.
    let locations: Vec<&str> = errors.iter().map(|e| e.location.as_str()).collect();
    assert_eq!(
        locations,
        [
            fx.pos(OFFER, "\"elten\"").as_str(),
            "content/regions/stadt-beispiel.md:7:9",
            "content/regions/syntaxfehler.md:3:18",
        ]
    );
    assert!(run.stderr.contains("\n3 errors, 0 warnings\n"), "{run}");
    // Errors first, then warnings, with both counted.
    let (_, run) = broken(|fx| {
        fx.insert_after(PAGE, "title = \"Über uns\"", "titel = \"x\"");
        fx.replace(REGION, "phase = 4", "phase = 9");
    });
    let kinds: Vec<String> = run.diags().into_iter().map(|d| d.severity).collect();
    assert_eq!(kinds, ["error", "warning"]);
    assert!(run.stderr.contains("\n1 error, 1 warning\n"), "{run}");
}

#[test]
fn the_caret_underlines_the_value() {
    let (_, run) = broken(|fx| {
        fx.replace(REGION, "phase = 4", "phase = 9");
    });
    let e = run.only_error();
    assert_eq!(
        e.text,
        "error: content/regions/stadt-beispiel.md:7:9: `phase` must be between 1 and 5, found 9\n  |\n7 | phase = 9\n  |         ^\n"
    );
}

#[test]
fn an_alias_may_not_take_an_address_in_use() {
    for (alias, what) in [
        ("/regionen/", "the list of regions"),
        ("/index.html", "the home page"),
        ("404.html", "the 404 page"),
        (
            "/partner/ihk-beispiel/",
            "the page of `content/partners/ihk-beispiel.md`",
        ),
        ("/impressum", "the page of `content/pages/impressum.md`"),
        (
            "/angebote/klasse/8/",
            "the offers page `/angebote/klasse/8/`",
        ),
        (
            "/alt/fahrplan",
            "an alias in `content/practice/berufswahlfahrplan-beispiel.md`",
        ),
    ] {
        let (fx, run) = broken(|fx| {
            fx.replace(
                PAGE,
                "aliases = [\"/wir/\"]",
                &format!("aliases = [\"/wir/\", \"{alias}\"]"),
            );
        });
        run.only_error().is(
            &fx.pos(PAGE, &format!("\"{alias}\"")),
            &format!("the alias `{alias}` is already the address of {what}"),
            Some("an alias names an old address that is no longer in use; remove it"),
        );
    }
    // An old address of a page of another type is fine: that is what
    // aliases are for.
    let fx = Fixture::copy("full");
    fx.replace(
        PAGE,
        "aliases = [\"/wir/\"]",
        "aliases = [\"/wir/\", \"/angebote/ueber-uns/\"]",
    );
    fx.build_ok();
    assert!(fx.has_output("angebote/ueber-uns/index.html"));
}

#[test]
fn the_home_page_front_matter_is_checked_too() {
    let (fx, run) = broken(|fx| {
        fx.replace(
            "content/_index.md",
            "title = \"Willkommen im Netzwerk Beispielstadt\"",
            "title = [\"Willkommen\"]",
        );
    });
    run.only_error().is(
        &fx.pos("content/_index.md", "[\"Willkommen\"]"),
        "`title` must be a string, found a list",
        None,
    );
    let (_, run) = warned(|fx| {
        fx.insert_after("content/_index.md", "+++", "descripton = \"x\"");
    });
    run.only_warning().is(
        "content/_index.md:2:1",
        "unknown field `descripton`",
        Some("did you mean `description`?"),
    );
    // Without front matter, the whole file is the text.
    let fx = Fixture::copy("full");
    fx.write("content/_index.md", "Nur Text, **ohne** Kopf.\n");
    fx.build_ok();
    assert!(fx.output("index.html").contains("<strong>ohne</strong>"));
}

#[test]
fn windows_line_endings_and_a_byte_order_mark() {
    // Files saved by Windows editors: CRLF, and a BOM before the `+++`.
    let fx = Fixture::copy("full");
    fx.edit(OFFER, |s| format!("\u{feff}{}", s.replace('\n', "\r\n")));
    fx.edit(REGION, |s| s.replace('\n', "\r\n"));
    fx.build_ok();
    assert!(
        fx.output("angebote/bewerbungstraining/index.html")
            .contains("Bewerbungstraining")
    );
    // Positions are the same as with LF, and the caret line has no `\r`.
    let (fx, run) = broken(|fx| {
        fx.replace(REGION, "phase = 4", "phase = 9");
        fx.edit(REGION, |s| s.replace('\n', "\r\n"));
    });
    let e = run.only_error();
    e.is(
        &fx.pos(REGION, "9\r\n"),
        "`phase` must be between 1 and 5, found 9",
        None,
    );
    assert!(!e.text.contains('\r'), "{:?}", e.text);
    assert_eq!(e.location, "content/regions/stadt-beispiel.md:7:9");
}

#[test]
fn a_file_too_large_to_be_content() {
    let (_, run) = broken(|fx| {
        let mut text = fx.read("content/pages/impressum.md");
        text.push_str(&"Sehr langer Text. ".repeat(11_000_000 / 18 + 1));
        fx.write("content/pages/impressum.md", text);
    });
    run.only_error().is(
        "content/pages/impressum.md",
        "the file has 11000070 bytes; a content file may have at most 10485760 (10 MiB)",
        None,
    );
}
