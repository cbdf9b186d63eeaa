//! `lotse build`: build the site and write it atomically.

use super::{BuildArgs, EXIT_CONTENT};
use std::path::{Path, PathBuf};
use std::time::Instant;

pub fn run(
    root: &Path,
    output: Option<PathBuf>,
    base_url: Option<String>,
    timings: bool,
    args: &BuildArgs,
) -> anyhow::Result<i32> {
    let start = Instant::now();
    let mut opts = args.options();
    opts.base_url = base_url;
    let dest = output.unwrap_or_else(|| root.join("public"));
    // Refuse a bad target before doing any work.
    crate::write::guard(&dest, root)?;
    match crate::build::build(root, &opts) {
        Ok(built) => {
            eprint!("{}", built.warnings.render());
            let write_start = Instant::now();
            crate::write::write(&built.output, &dest, root)?;
            if timings {
                for (stage, t) in &built.timings {
                    eprintln!("{stage:>8}: {:7.1} ms", t.as_secs_f64() * 1000.0);
                }
                eprintln!(
                    "{:>8}: {:7.1} ms",
                    "write",
                    write_start.elapsed().as_secs_f64() * 1000.0
                );
            }
            println!(
                "Built {} pages ({} files) in {:.2} s into {}",
                built.output.page_count(),
                built.output.len(),
                start.elapsed().as_secs_f64(),
                dest.display()
            );
            // The process ends here: freeing the site and its pages one
            // allocation at a time would only delay the exit (~5% of a
            // large build).
            std::mem::forget(built);
            Ok(0)
        }
        Err(diags) => {
            eprint!("{}", diags.render());
            eprintln!("The build failed; `{}` was left as it was.", dest.display());
            Ok(EXIT_CONTENT)
        }
    }
}
