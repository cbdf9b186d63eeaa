//! The command line: parsing and dispatch; one file per subcommand.

pub mod build;
pub mod check;
pub mod init;
pub mod new;
pub mod schema;
pub mod serve;

use crate::messages::Lang;
use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};

/// Exit code for content and build errors (usage errors exit 2 via clap).
pub const EXIT_CONTENT: i32 = 1;
pub const EXIT_USAGE: i32 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "lotse",
    version,
    about = "Static sites for regional school-to-work cooperation networks"
)]
pub struct Cli {
    /// The site's folder (default: the current folder).
    #[arg(long, global = true, value_name = "DIR")]
    pub root: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

/// Options shared by commands that build.
#[derive(clap::Args, Debug, Clone)]
pub struct BuildArgs {
    /// Build drafts too.
    #[arg(long)]
    pub drafts: bool,
    /// The date agreement status is computed for (YYYY-MM-DD; default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub today: Option<jiff::civil::Date>,
}

fn parse_date(s: &str) -> Result<jiff::civil::Date, String> {
    crate::model::read::parse_date(s).ok_or_else(|| format!("`{s}` is not a date like 2026-11-22"))
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Build the site into a folder (default: public/).
    Build {
        /// Where to write the site.
        #[arg(long, short, value_name = "DIR")]
        output: Option<PathBuf>,
        /// Override base_url from site.toml.
        #[arg(long, value_name = "URL", value_parser = crate::config::normalize_base_url)]
        base_url: Option<String>,
        /// Print how long each stage took.
        #[arg(long)]
        timings: bool,
        #[command(flatten)]
        args: BuildArgs,
    },
    /// Preview the site at http://127.0.0.1:PORT/, rebuilt as its files change.
    Serve {
        /// The port to listen on.
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The address to listen on; anything but loopback is reachable from
        /// other machines.
        #[arg(long, default_value = "127.0.0.1", value_parser = serve::parse_bind)]
        bind: std::net::IpAddr,
        #[command(flatten)]
        args: BuildArgs,
    },
    /// Report every content error and warning and broken link; write nothing.
    Check {
        /// Count warnings as errors (exit 1): for a site about to go
        /// public, e.g. placeholders left in the legal pages.
        #[arg(long)]
        strict: bool,
        #[command(flatten)]
        args: BuildArgs,
        /// `human` (the default) or `json`: one JSON object per line for
        /// each diagnostic and a closing summary (docs/messages.md).
        #[arg(long, value_enum, default_value_t = check::Format::Human)]
        format: check::Format,
        #[command(flatten)]
        external: check::ExternalArgs,
    },
    /// Create a new site that builds at once.
    Init {
        /// Folder for the new site (created; must be empty).
        dir: PathBuf,
    },
    /// Create a new content file with every field, commented.
    New {
        /// region, partner, offer, practice, agreement or page.
        #[arg(value_parser = ["region", "partner", "offer", "practice", "agreement", "page"])]
        kind: String,
        /// The title; the file name is made from it.
        title: String,
        /// Fill a field: `--set kind=ihk`, `--set grades=8,9,10` (repeatable;
        /// checked before anything is written).
        #[arg(long = "set", value_name = "KEY=VALUE")]
        set: Vec<String>,
    },
    /// Write JSON Schema for a type's front matter, site.toml or
    /// vocabularies.toml (for editors); with TYPE alone, print it.
    Schema {
        /// region, partner, offer, practice, agreement, page, home, site,
        /// vocabularies or <type>-translation (default: all, written to
        /// schemas/).
        #[arg(value_parser = crate::model::schema::TARGETS)]
        target: Option<String>,
        /// Folder to write `<type>.schema.json` into (default: schemas/).
        #[arg(long, short, value_name = "DIR")]
        output: Option<PathBuf>,
    },
}

impl BuildArgs {
    pub fn options(&self) -> crate::build::BuildOptions {
        crate::build::BuildOptions {
            drafts: self.drafts,
            // Today's date only when none is given: it reads the time zone
            // database (5 ms).
            today: self.today.unwrap_or_else(|| jiff::Zoned::now().date()),
            base_url: None,
        }
    }
}

/// The language of messages for the site at `root`: `LOTSE_LANG` (`de`
/// or `en`) when set, else the site's `language` (German for `de`, English
/// for any other), else German — the coordinators lotse is made for.
pub fn message_lang(root: &Path) -> Lang {
    if let Some(lang) = Lang::from_env_value(std::env::var("LOTSE_LANG").ok().as_deref()) {
        return lang;
    }
    let language = std::fs::read_to_string(root.join("site.toml"))
        .ok()
        .and_then(|text| text.parse::<toml::Table>().ok())
        .and_then(|t| t.get("language")?.as_str().map(str::to_string));
    language.map_or(Lang::De, |l| Lang::for_site_language(&l))
}

/// Runs the command line; returns the process exit code.
pub fn run(cli: Cli) -> i32 {
    let root = cli.root.clone().unwrap_or_else(|| PathBuf::from("."));
    let lang = match &cli.command {
        Command::Init { dir } => message_lang(dir),
        _ => message_lang(&root),
    };
    let result = match cli.command {
        Command::Build {
            output,
            base_url,
            timings,
            args,
        } => build::run(&root, output, base_url, timings, &args, lang),
        Command::Serve { port, bind, args } => serve::run(&root, port, bind, &args, lang),
        Command::Check {
            strict,
            args,
            format,
            external,
        } => check::run(&root, &args, format, lang, strict, &external),
        Command::Init { dir } => init::run(&dir, lang),
        Command::New { kind, title, set } => new::run(&root, &kind, &title, &set, lang),
        Command::Schema { target, output } => {
            schema::run(&root, target.as_deref(), output.as_deref(), lang)
        }
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!(
                "{}: {}",
                crate::msg!("label-error").text(lang),
                crate::messages::error_text(&e, lang)
            );
            EXIT_CONTENT
        }
    }
}
