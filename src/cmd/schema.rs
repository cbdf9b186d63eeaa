//! `lotse schema [TYPE] [--output DIR]`: JSON Schema for a type's front
//! matter, the home page, `site.toml` or `vocabularies.toml`, with this
//! site's vocabulary keys and ids as allowed values.

use crate::model::Vocabularies;
use crate::model::schema::{SiteFacts, TARGETS, schema};
use anyhow::Context;
use std::io::Write;
use std::path::Path;

/// The site's vocabularies and ids, read as `check` reads them; problems
/// are left to `lotse check`.
pub fn facts(root: &Path) -> SiteFacts {
    let (loaded, _) = crate::load::load_site(root);
    let vocabularies = loaded
        .vocabularies
        .as_ref()
        .map(|(src, t)| Vocabularies::read(src, t, &mut Vec::new()))
        .unwrap_or_default();
    let mut facts = SiteFacts {
        vocabularies,
        ..SiteFacts::default()
    };
    let docs = loaded.docs.iter().map(|d| (d.kind, &d.id));
    for (kind, id) in docs.chain(loaded.failed.iter().map(|(k, id)| (*k, id))) {
        facts.ids.entry(kind).or_default().push(id.clone());
    }
    for ids in facts.ids.values_mut() {
        ids.sort();
        ids.dedup();
    }
    facts
}

fn text(target: &str, facts: &SiteFacts) -> String {
    let value = schema(target, facts).expect("a known target");
    serde_json::to_string_pretty(&value).expect("JSON values serialize") + "\n"
}

/// With a type and no folder: that schema on standard output. Otherwise
/// the type's (or every) schema as `<type>.schema.json` in the folder,
/// `schemas/` in the site by default.
pub fn run(
    root: &Path,
    target: Option<&str>,
    output: Option<&Path>,
    lang: crate::messages::Lang,
) -> anyhow::Result<i32> {
    let facts = facts(root);
    // Written, not `print!`ed: `lotse schema offer | head` closes the pipe
    // early, which is no error of ours.
    let mut out = std::io::stdout().lock();
    if let (Some(t), None) = (target, output) {
        let _ = out.write_all(text(t, &facts).as_bytes());
        return Ok(0);
    }
    let dir = output.map_or_else(|| root.join("schemas"), Path::to_path_buf);
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create `{}`", dir.display()))?;
    let targets: Vec<&str> = target.map_or_else(|| TARGETS.to_vec(), |t| vec![t]);
    for t in targets {
        let path = dir.join(format!("{t}.schema.json"));
        std::fs::write(&path, text(t, &facts))
            .with_context(|| format!("cannot write `{}`", path.display()))?;
        let path = path.display().to_string();
        let _ = writeln!(
            out,
            "{}",
            crate::msg!("schema-wrote", path = path).text(lang)
        );
    }
    Ok(0)
}
