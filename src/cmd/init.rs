//! `lotse init DIR`: a small site with every type and the four legal pages,
//! commented, that builds at once.

use crate::messages::{Lang, Localized};
use crate::msg;
use anyhow::{Context, bail};
use std::path::Path;

static SCAFFOLD: include_dir::Dir<'static> =
    include_dir::include_dir!("$CARGO_MANIFEST_DIR/src/cmd/scaffold");

pub fn run(dir: &Path, lang: Lang) -> anyhow::Result<i32> {
    if dir.exists()
        && std::fs::read_dir(dir)
            .with_context(|| format!("cannot read `{}`", dir.display()))?
            .next()
            .is_some()
    {
        bail!(Localized(msg!(
            "init-not-empty",
            dir = dir.display().to_string()
        )));
    }
    write_dir(&SCAFFOLD, dir)?;
    let done = msg!("init-created", dir = dir.display().to_string());
    println!("{}", done.text(lang));
    Ok(0)
}

fn write_dir(d: &include_dir::Dir<'static>, dest: &Path) -> anyhow::Result<()> {
    for f in d.files() {
        let path = dest.join(f.path());
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create `{}`", parent.display()))?;
        }
        std::fs::write(&path, f.contents())
            .with_context(|| format!("cannot write `{}`", path.display()))?;
    }
    for sub in d.dirs() {
        write_dir(sub, dest)?;
    }
    Ok(())
}
