//! `lotse check`: every content error and warning, nothing written.

use super::{BuildArgs, EXIT_CONTENT};
use std::path::Path;

pub fn run(root: &Path, args: &BuildArgs) -> anyhow::Result<i32> {
    let diags = crate::build::check_site(root, &args.options());
    eprint!("{}", diags.render());
    if diags.has_errors() {
        Ok(EXIT_CONTENT)
    } else {
        println!("No errors.");
        Ok(0)
    }
}
