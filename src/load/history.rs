//! Change history from git: one `git log` over the whole history of
//! `content/`, parsed into a map from source path to commits (newest first).
//! Without git, or outside a repository, the history is empty and nothing fails.
//! Beside it, each content file's modification date: the last-change date of
//! content that git does not know (yet).

use jiff::civil::Date;
use std::collections::HashMap;
use std::path::Path;
use std::process::{Command, Stdio};

/// One commit that touched a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Commit {
    pub date: Date,
    pub message: String,
}

/// Source path (relative to the site root, `content/offers/x.md`) → commits,
/// newest first.
#[derive(Clone, Debug, Default)]
pub struct History {
    pub by_path: HashMap<String, Vec<Commit>>,
    /// Source path → the file's modification date (UTC), read once.
    pub mtimes: HashMap<String, Date>,
}

/// Separates commit records in the log output (ASCII record separator).
const RECORD: char = '\u{1e}';
/// Separates date and subject (ASCII unit separator).
const UNIT: char = '\u{1f}';

impl History {
    /// The commits that touched a file, newest first.
    pub fn of(&self, path: &str) -> &[Commit] {
        self.by_path.get(path).map_or(&[], Vec::as_slice)
    }

    /// The date of the newest commit that touched a file.
    pub fn last_date(&self, path: &str) -> Option<Date> {
        self.of(path).first().map(|c| c.date)
    }

    /// The date of the oldest commit that touched a file: when it was
    /// first published.
    pub fn first_date(&self, path: &str) -> Option<Date> {
        self.of(path).last().map(|c| c.date)
    }

    /// The file's modification date, as read when the history was.
    pub fn mtime(&self, path: &str) -> Option<Date> {
        self.mtimes.get(path).copied()
    }

    pub fn is_empty(&self) -> bool {
        self.by_path.is_empty()
    }

    /// Reads the history of `root/content/` with a single `git log`.
    /// Returns an empty history when git is missing, `root` is not inside a
    /// repository, or anything else goes wrong.
    pub fn collect(root: &Path) -> History {
        let mut h = History::log(root);
        h.mtimes = mtimes(root);
        h
    }

    fn log(root: &Path) -> History {
        let out = Command::new("git")
            .arg("-C")
            .arg(root)
            .args([
                "-c",
                "core.quotePath=false",
                "log",
                "--no-merges",
                "--no-color",
                "--relative",
                "--name-only",
                "--format=\u{1e}%cs\u{1f}%s",
                "--",
                "content/",
            ])
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE")
            .env_remove("GIT_INDEX_FILE")
            .stdin(Stdio::null())
            .stderr(Stdio::null())
            .output();
        match out {
            Ok(o) if o.status.success() => parse(&String::from_utf8_lossy(&o.stdout)),
            _ => History::default(),
        }
    }
}

/// The modification date (UTC) of every file under `root/content/`, by
/// source path; a file whose time cannot be read is left out.
pub fn mtimes(root: &Path) -> HashMap<String, Date> {
    let tz = jiff::tz::TimeZone::UTC;
    walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let time = e.metadata().ok()?.modified().ok()?;
            let date = jiff::Timestamp::try_from(time)
                .ok()?
                .to_zoned(tz.clone())
                .date();
            let rel = e.path().strip_prefix(root).ok()?;
            let path = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            Some((path, date))
        })
        .collect()
}

/// Parses the output of `git log --name-only --format=RS%cs US%s`.
pub fn parse(log: &str) -> History {
    let mut h = History::default();
    for record in log.split(RECORD).filter(|r| !r.trim().is_empty()) {
        let mut lines = record.lines();
        let Some(head) = lines.next() else { continue };
        let Some((date, message)) = head.split_once(UNIT) else {
            continue;
        };
        let Ok(date) = date.trim().parse::<Date>() else {
            continue;
        };
        let commit = Commit {
            date,
            message: message.trim().to_string(),
        };
        for path in lines.map(str::trim).filter(|l| !l.is_empty()) {
            h.by_path
                .entry(path.to_string())
                .or_default()
                .push(commit.clone());
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn parses_records_and_paths() {
        let log = "\u{1e}2026-02-01\u{1f}Ziel 3 erreicht\n\ncontent/agreements/a.md\ncontent/offers/b.md\n\
                   \u{1e}2025-12-24\u{1f}Erste Fassung: a; b\n\ncontent/agreements/a.md\n";
        let h = parse(log);
        assert_eq!(
            h.of("content/agreements/a.md"),
            [
                Commit {
                    date: date(2026, 2, 1),
                    message: "Ziel 3 erreicht".into()
                },
                Commit {
                    date: date(2025, 12, 24),
                    message: "Erste Fassung: a; b".into()
                }
            ]
        );
        assert_eq!(h.last_date("content/offers/b.md"), Some(date(2026, 2, 1)));
        assert!(h.of("content/regions/x.md").is_empty());
    }

    #[test]
    fn garbage_and_no_repository_give_empty_history() {
        assert!(parse("not a log\n").is_empty());
        let dir = tempfile::tempdir().unwrap();
        // A folder outside any repository (temp dirs are not inside one).
        assert!(History::collect(dir.path()).is_empty());
    }
}
