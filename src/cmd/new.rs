//! `lotse new <type> "Title"`: a new content file with every field, commented.

use crate::model::Kind;
use crate::text::ids::slugify;
use anyhow::{Context, bail};
use std::path::Path;

/// The fields every type takes (CONTENT-MODEL §2), commented.
const COMMON: &str = r#"# summary = "…"                     # default: the first paragraph of the text
# easy_summary = "…"                # the same in Leichte Sprache
# updated = 2026-01-31              # shown as "Stand"
# checked = 2026-01-31              # the date the facts were last verified
# aliases = ["/alt/pfad/"]          # old addresses that redirect here
# draft = true                      # not built without --drafts
"#;

/// The front matter skeleton of each type below the title line: its own
/// fields, then (before any `[[table]]`, where TOML keys would belong to
/// the table) its tables.
fn skeleton(kind: Kind) -> (&'static str, &'static str) {
    match kind {
        Kind::Region => (
            r#"kind = "landkreis"                 # vocab(region_kinds), required
# state = "Hessen"                  # Bundesland
# program = "OloV"                  # OloV, KAoA, JOBSTARTER, …
# coordination = ["partner-id"]     # who coordinates ("Kümmerer")
# phase = 1                         # 1 Wer koordiniert? … 5 Alltag/Steuerung
# decision_rule = "Einstimmigkeit / Konsens"
# meeting_cadence = "vierteljährlich"
# quality_standards = []            # vocab(quality_standards)
# partner_regions = []              # region ids
"#,
            r#"
# [[steering_group]]
# partner = "partner-id"            # required
# role = "Vorsitz"
# since = 2020-01-01
# until = 2024-12-31

# [[milestones]]
# phase = "aufbau"                  # vocab(network_phases), required
# indicator = "…"                   # required
# status = "open"                   # done | in-progress | open, required
# date = 2026-01-31
# evidence = "Protokoll"
"#,
        ),
        Kind::Partner => (
            r#"kind = "schule"                    # vocab(partner_kinds), required
# short = "…"                       # short name
# website = "https://…"
# email = "…"
# phone = "…"
# address = "…"
"#,
            "",
        ),
        Kind::Offer => (
            r#"providers = ["partner-id"]          # partner ids, at least one
regions = ["region-id"]             # region ids, at least one
target_groups = ["schueler"]        # vocab(target_groups), at least one
# fields = []                       # vocab(fields)
# grades = [8, 9]                   # school grades 1..13
# start = 2026-09-01
# end = 2026-09-30                  # on or after start
# schedule = "dienstags 14–16 Uhr"
# cost = "kostenfrei"
# location = "…"
# contact = "…"
# url = "https://…"
# languages = ["Deutsch"]
# accessibility = "stufenloser Zugang"
"#,
            "",
        ),
        Kind::Practice => (
            r#"regions = ["region-id"]             # region ids, at least one
# partners = []                     # partner ids
# fields = []                       # vocab(fields)
# year = 2026
"#,
            "",
        ),
        Kind::Agreement => (
            r#"regions = ["region-id"]             # region ids, at least one
signed = 2026-01-31                 # required
# in_force = 2026-02-01             # default: signed
# term_years = 5
# renews_years = 5                  # 0: no automatic renewal
# terminated = 2030-01-31
# moderator = "partner-id"
"#,
            r#"
# [[parties]]
# partner = "partner-id"            # required
# represented_by = "…"

# [[bodies]]
# name = "Entscheidungsgremium"     # required
# kind = "decision"                 # decision | advisory | working
# members = ["partner-id"]
# chair = "partner-id"
# meets = "zweimal im Jahr"

# [[goals]]
# goal = "…"                        # required
# standard = "berufsorientierung"   # vocab(quality_standards)
# responsible = ["partner-id"]
# due = 2027-07-31
# status = "planned"                # planned | in-progress | done | postponed | dropped, required
"#,
        ),
        Kind::Page => ("", ""),
    }
}

/// The text of a new file.
pub fn file_text(kind: Kind, title: &str) -> String {
    let title = title.replace('\\', "\\\\").replace('"', "\\\"");
    let (fields, tables) = skeleton(kind);
    format!(
        "+++\ntitle = \"{title}\"\n{fields}{COMMON}{tables}+++\n\nBeschreiben Sie hier in wenigen Absätzen, worum es geht.\n"
    )
}

pub fn run(root: &Path, kind: &str, title: &str) -> anyhow::Result<i32> {
    let kind = Kind::from_name(kind).context("unknown type")?;
    let content = root.join("content");
    if !content.is_dir() {
        bail!(
            "`{}` has no `content/` folder: run `lotse new` in a site's folder or pass `--root`",
            root.display()
        );
    }
    let id = slugify(title);
    if id.is_empty() {
        bail!("the title `{title}` gives no usable file name; use letters or digits");
    }
    let dir = content.join(kind.dir());
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create `{}`", dir.display()))?;
    let path = dir.join(format!("{id}.md"));
    if path.exists() {
        bail!("`{}` exists already; choose another title", path.display());
    }
    std::fs::write(&path, file_text(kind, title))
        .with_context(|| format!("cannot write `{}`", path.display()))?;
    println!("Created {}", path.display());
    Ok(0)
}
