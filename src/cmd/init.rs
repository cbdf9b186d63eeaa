//! `lotse init DIR`: a small site with every type and the four legal pages,
//! commented, that builds at once.

use anyhow::{Context, bail};
use std::path::Path;

static SCAFFOLD: include_dir::Dir<'static> =
    include_dir::include_dir!("$CARGO_MANIFEST_DIR/src/cmd/scaffold");

pub fn run(dir: &Path) -> anyhow::Result<i32> {
    if dir.exists()
        && std::fs::read_dir(dir)
            .with_context(|| format!("cannot read `{}`", dir.display()))?
            .next()
            .is_some()
    {
        bail!(
            "`{}` is not empty; `lotse init` only writes into a new or empty folder",
            dir.display()
        );
    }
    write_dir(&SCAFFOLD, dir)?;
    println!(
        "Created a new site in {}.\nNext: cd {} && lotse serve",
        dir.display(),
        dir.display()
    );
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
