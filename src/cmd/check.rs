//! `lotse check`: every content error and warning, nothing written.

use super::{BuildArgs, EXIT_CONTENT};
use std::path::Path;

/// The translations of each language but the default, as a table:
/// nothing for a site in one language.
fn language_table(counts: &[crate::link::version::LanguageCount]) -> String {
    if counts.is_empty() {
        return String::new();
    }
    let mut s = format!(
        "{:<10} {:>10} {:>8} {:>9}\n",
        "language", "translated", "missing", "outdated"
    );
    for c in counts {
        s.push_str(&format!(
            "{:<10} {:>10} {:>8} {:>9}\n",
            c.lang, c.translated, c.missing, c.outdated
        ));
    }
    s
}

/// `strict`: every warning counts as an error.
pub fn run(root: &Path, args: &BuildArgs, strict: bool) -> anyhow::Result<i32> {
    let (mut diags, counts) = crate::build::check_site_counted(root, &args.options());
    if strict {
        for d in &mut diags.0 {
            d.severity = crate::diagnostics::Severity::Error;
        }
    }
    eprint!("{}", diags.render());
    print!("{}", language_table(&counts));
    if diags.has_errors() {
        Ok(EXIT_CONTENT)
    } else {
        println!("No errors.");
        Ok(0)
    }
}
