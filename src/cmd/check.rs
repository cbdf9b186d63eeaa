//! `lotse check`: every content error and warning, nothing written; as
//! text for people or, with `--format json`, one JSON object per line for
//! editors, CI annotations and other programs (docs/messages.md).

use super::{BuildArgs, EXIT_CONTENT};
use crate::diagnostics::Diagnostics;
use crate::messages::Lang;
use crate::msg;
use std::path::Path;

/// How `lotse check` reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Like a compiler, for people.
    Human,
    /// One JSON object per line; the last one is the summary.
    Json,
}

/// `lotse check --external` and its settings.
#[derive(Clone, Debug, clap::Args)]
pub struct ExternalArgs {
    /// Also ask every link to another site whether it works (HEAD, else
    /// GET; at most two requests to a host at a time).
    #[arg(long)]
    pub external: bool,
    /// Days a link that worked is not asked again (kept in .lotse-cache/ in
    /// the site's folder); 0 asks every link.
    #[arg(long, value_name = "DAYS", default_value_t = 7)]
    pub cache_days: u32,
    /// Seconds to wait for a server's answer.
    #[arg(long, value_name = "SECONDS", default_value_t = 15)]
    pub timeout: u64,
}

/// The translations of each language but the default, as a table:
/// nothing for a site in one language.
fn language_table(counts: &[crate::link::version::LanguageCount], lang: Lang) -> String {
    if counts.is_empty() {
        return String::new();
    }
    let mut s = format!(
        "{:<10} {:>10} {:>8} {:>9}\n",
        msg!("table-language").text(lang),
        msg!("table-translated").text(lang),
        msg!("table-missing").text(lang),
        msg!("table-outdated").text(lang)
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
pub fn run(
    root: &Path,
    args: &BuildArgs,
    format: Format,
    lang: Lang,
    strict: bool,
    external: &ExternalArgs,
) -> anyhow::Result<i32> {
    let mut count = None;
    let (mut diags, counts) = crate::build::check_site_with(root, &args.options(), |built| {
        if !external.external {
            return Vec::new();
        }
        let (d, n) = check_external(root, built, external);
        count = Some(n);
        d
    });
    if strict {
        for d in &mut diags.0 {
            d.severity = crate::diagnostics::Severity::Error;
        }
    }
    let code = if diags.has_errors() { EXIT_CONTENT } else { 0 };
    match format {
        Format::Human => {
            eprint!("{}", diags.render(lang));
            print!("{}", language_table(&counts, lang));
            if let Some(n) = count {
                let days = external.cache_days;
                let summary = msg!(
                    "external-summary",
                    n = n.links,
                    cached = n.cached,
                    days = days
                );
                println!("{}", summary.text(lang));
            }
            if code == 0 {
                println!("{}", msg!("no-errors").text(lang));
            }
        }
        Format::Json => print!("{}", json_lines(&diags, &counts, lang)),
    }
    Ok(code)
}

/// The external links of the built site, asked over HTTP unless the
/// cache knows them; the cache is written back (a cache that cannot be
/// written costs only time on the next run, so that is not an error).
fn check_external(
    root: &Path,
    built: &crate::build::Built,
    args: &ExternalArgs,
) -> (
    Vec<crate::diagnostics::Diagnostic>,
    crate::linkcheck::report::ExternalCount,
) {
    use crate::linkcheck::{cache::Cache, external::ExternalOptions, report};
    let opts = ExternalOptions {
        timeout: std::time::Duration::from_secs(args.timeout.max(1)),
        ..ExternalOptions::default()
    };
    let now = jiff::Timestamp::now().as_second();
    let mut cache = Cache::load(root);
    let result = report::external_warnings(
        &built.site,
        &built.output,
        &opts,
        &mut cache,
        now,
        args.cache_days,
    );
    if args.cache_days > 0 {
        let _ = cache.save(root, now, args.cache_days);
    }
    result
}

/// One diagnostic in the JSON form; fields in this order (serde keeps the
/// order of a struct, a `json!` object would sort them).
#[derive(serde::Serialize)]
struct JsonDiagnostic<'a> {
    r#type: &'static str,
    severity: crate::diagnostics::Severity,
    code: &'static str,
    name: &'static str,
    message: String,
    file: &'a str,
    line: Option<usize>,
    column: Option<usize>,
    end: Option<Position>,
    hint: Option<String>,
    replacement: Option<&'a str>,
}

#[derive(serde::Serialize)]
struct Position {
    line: usize,
    column: usize,
}

#[derive(serde::Serialize)]
struct JsonSummary {
    r#type: &'static str,
    errors: usize,
    warnings: usize,
    message: String,
    languages: Vec<JsonLanguage>,
}

#[derive(serde::Serialize)]
struct JsonLanguage {
    language: String,
    translated: usize,
    missing: usize,
    outdated: usize,
}

/// The JSON form: a line per diagnostic, then the summary line. The format
/// is docs/schemas/diagnostic.schema.json.
pub fn json_lines(
    diags: &Diagnostics,
    counts: &[crate::link::version::LanguageCount],
    lang: Lang,
) -> String {
    let mut out = String::new();
    for d in diags.iter() {
        let positioned = d.line != 0;
        let j = JsonDiagnostic {
            r#type: "diagnostic",
            severity: d.severity,
            code: d.code(),
            name: d.message.key,
            message: d.message.text(lang),
            file: &d.file,
            line: positioned.then_some(d.line),
            column: positioned.then_some(d.col),
            end: positioned.then_some(Position {
                line: d.end_line,
                column: d.end_col,
            }),
            hint: d.help.as_ref().map(|h| h.text(lang)),
            replacement: d.replacement(),
        };
        out.push_str(&serde_json::to_string(&j).expect("plain data serializes"));
        out.push('\n');
    }
    let summary = JsonSummary {
        r#type: "summary",
        errors: diags.error_count(),
        warnings: diags.warning_count(),
        message: summary_text(diags, lang),
        languages: counts
            .iter()
            .map(|c| JsonLanguage {
                language: c.lang.clone(),
                translated: c.translated,
                missing: c.missing,
                outdated: c.outdated,
            })
            .collect(),
    };
    out.push_str(&serde_json::to_string(&summary).expect("plain data serializes"));
    out.push('\n');
    out
}

/// "No errors." or "2 errors, 1 warning", in `lang`.
fn summary_text(diags: &Diagnostics, lang: Lang) -> String {
    if diags.0.is_empty() {
        return msg!("no-errors").text(lang);
    }
    msg!(
        "summary",
        errors = msg!("summary-errors", n = diags.error_count()),
        warnings = msg!("summary-warnings", n = diags.warning_count())
    )
    .text(lang)
}
