//! Publishing: the files `lotse init` writes for it (`.gitignore`, the
//! GitLab Pages pipeline, the GitHub Pages workflow) parse as YAML, have the
//! structure GitLab and GitHub require, and their shell lines build the
//! site when run (with a stand-in `cargo` that "installs" the lotse under
//! test). GitLab's own CI schema is not available offline: the structure
//! GitLab requires of a Pages job is checked here by hand (a job named
//! `pages`, `public` as its artifact, rules for the default branch and for
//! schedules). The web server examples are run in `webservers`.

use crate::harness::{TODAY, lotse, run_in};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A new site from `lotse init` in a temporary folder.
pub(crate) struct NewSite {
    pub(crate) tmp: tempfile::TempDir,
    pub(crate) root: PathBuf,
}

impl NewSite {
    pub(crate) fn init() -> NewSite {
        let tmp = tempfile::Builder::new()
            .prefix("lotse-publish-")
            .tempdir()
            .unwrap();
        run_in(tmp.path(), &["init", "site"]).ok();
        let root = tmp.path().join("site");
        NewSite { tmp, root }
    }

    pub(crate) fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root.join(rel))
            .unwrap_or_else(|e| panic!("`lotse init` wrote no readable {rel}: {e}"))
    }

    /// Sets `base_url` in site.toml.
    pub(crate) fn set_base_url(&self, url: &str) {
        let toml = self.read("site.toml");
        let line = toml
            .lines()
            .find(|l| l.starts_with("base_url"))
            .expect("site.toml has base_url");
        let toml = toml.replace(line, &format!("base_url = \"{url}\""));
        std::fs::write(self.root.join("site.toml"), toml).unwrap();
    }
}

/// The YAML file as JSON, read by PyYAML (Debian: python3-yaml).
fn yaml(path: &Path) -> Value {
    let out = Command::new("python3")
        .args([
            "-c",
            "import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1], encoding='utf-8'))))",
        ])
        .arg(path)
        .output()
        .unwrap_or_else(|e| {
            panic!("this test needs python3 with PyYAML ({e}); Debian: apt-get install python3-yaml")
        });
    assert!(
        out.status.success(),
        "{} is not valid YAML (or PyYAML is missing; Debian: apt-get install python3-yaml):\n{}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap_or_else(|| panic!("not a list: {v}"))
        .iter()
        .map(|s| {
            s.as_str()
                .unwrap_or_else(|| panic!("not a string: {s}"))
                .to_string()
        })
        .collect()
}

/// A folder with a stand-in `cargo`: `cargo install … --root DIR …` copies
/// the lotse under test to `DIR/bin/lotse` and records its arguments.
fn fake_cargo(dir: &Path) -> PathBuf {
    let bin = dir.join("fake-bin");
    std::fs::create_dir_all(&bin).unwrap();
    let script = format!(
        r#"#!/bin/sh
echo "$@" >> "{log}"
root=""
while [ $# -gt 0 ]; do
  if [ "$1" = "--root" ]; then root="$2"; fi
  shift
done
[ -n "$root" ] || {{ echo "cargo install without --root" >&2; exit 1; }}
mkdir -p "$root/bin" && cp "{lotse}" "$root/bin/lotse"
"#,
        log = dir.join("cargo-args").display(),
        lotse = lotse(),
    );
    let path = bin.join("cargo");
    std::fs::write(&path, script).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    bin
}

/// Runs shell lines in the site root with `vars` set, as a CI runner
/// would; returns (success, stdout + stderr).
fn run_lines(site: &NewSite, lines: &[String], vars: &[(&str, &str)]) -> (bool, String) {
    let bin = fake_cargo(site.tmp.path());
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap());
    let mut script = String::from("set -e\n");
    for l in lines {
        script.push_str(l);
        script.push('\n');
    }
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(script)
        .current_dir(&site.root)
        .env("PATH", path);
    for (k, v) in vars {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

#[test]
fn init_writes_the_publishing_files() {
    let site = NewSite::init();
    let ignore = site.read(".gitignore");
    assert!(ignore.lines().any(|l| l.trim() == "public/"), "{ignore}");
    assert!(ignore.lines().any(|l| l.trim() == ".lotse/"), "{ignore}");
    assert!(
        ignore.lines().any(|l| l.trim() == ".lotse-cache/"),
        "{ignore}"
    );
    for f in [
        ".gitlab-ci.yml",
        ".github/workflows/pages.yml",
        "deploy/apache/.htaccess",
        "deploy/nginx/kaoa.conf",
    ] {
        assert!(!site.read(f).is_empty(), "{f} is empty");
    }
    // The placeholder of the guide, once, as a variable at the top.
    for f in [".gitlab-ci.yml", ".github/workflows/pages.yml"] {
        let text = site.read(f);
        assert_eq!(
            text.matches("LOTSE_REPO: \"ADRESSE-DES-LOTSE-REPOSITORYS\"")
                .count(),
            1,
            "{f}"
        );
    }
    // The guide explains the schedule in GitLab's menu.
    assert!(site.read(".gitlab-ci.yml").contains("Pipeline schedules"));
    // The files next to the content do not disturb the site: the only
    // words of `check` are the reminders to fill in the legal pages.
    let run = run_in(&site.root, &["check", "--today", TODAY]);
    run.ok();
    let diags = run.diags();
    assert!(
        diags.iter().all(|d| d.severity == "warning"
            && d.message.contains("in [square brackets] from `lotse init`")),
        "{run}"
    );
}

#[test]
fn gitlab_pipeline_has_the_pages_job_and_builds_the_site() {
    let site = NewSite::init();
    let ci = yaml(&site.root.join(".gitlab-ci.yml"));
    // Top-level keys are global keywords or jobs; the only job is `pages`.
    let top: Vec<&str> = ci.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(top, ["pages", "variables"], "{ci}");
    let vars = &ci["variables"];
    assert_eq!(vars["GIT_DEPTH"], "0", "the history needs all commits");
    assert_eq!(vars["LOTSE_REPO"], "ADRESSE-DES-LOTSE-REPOSITORYS");
    assert_eq!(vars["LOTSE_BRANCH"], "main");
    assert_eq!(vars["SITE_URL"], "$CI_PAGES_URL");
    let pages = &ci["pages"];
    assert!(pages["image"].as_str().unwrap().starts_with("rust:"));
    // GitLab Pages publishes the artifact folder `public`.
    assert_eq!(strings(&pages["artifacts"]["paths"]), ["public"]);
    assert_eq!(strings(&pages["cache"]["paths"]), [".lotse/"]);
    let rules: Vec<&str> = pages["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["if"].as_str().unwrap())
        .collect();
    assert_eq!(
        rules,
        [
            "$CI_PIPELINE_SOURCE == \"schedule\"",
            "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"
        ]
    );
    let script = strings(&pages["script"]);

    // As in the file: the unchanged placeholder stops with a sentence.
    let placeholder = [
        ("LOTSE_REPO", "ADRESSE-DES-LOTSE-REPOSITORYS"),
        ("LOTSE_BRANCH", "main"),
        ("SITE_URL", ""),
    ];
    let (ok, text) = run_lines(&site, &script, &placeholder);
    assert!(!ok && text.contains("LOTSE_REPO"), "{text}");
    assert!(!site.root.join("public").exists());

    // With the repository filled in and GitLab's address of the site (a
    // sub-path on openCode), the script installs lotse and builds there.
    let repo = "https://gitlab.opencode.de/beispiel/lotse.git";
    let url = "https://beispiel.pages.opencode.de/kaoa";
    let vars = [
        ("LOTSE_REPO", repo),
        ("LOTSE_BRANCH", "main"),
        ("SITE_URL", url),
    ];
    let (ok, text) = run_lines(&site, &script, &vars);
    assert!(ok, "{text}");
    let args = std::fs::read_to_string(site.tmp.path().join("cargo-args")).unwrap();
    assert_eq!(
        args.trim(),
        format!("install --locked --root .lotse --git {repo} --branch main lotse")
    );
    let home = std::fs::read_to_string(site.root.join("public/index.html")).unwrap();
    assert!(home.contains("href=\"/kaoa/angebote/\""), "{home}");
    assert!(home.contains(&format!("{url}/")));

    // An empty SITE_URL: base_url from site.toml.
    let vars = [
        ("LOTSE_REPO", repo),
        ("LOTSE_BRANCH", "main"),
        ("SITE_URL", ""),
    ];
    let (ok, text) = run_lines(&site, &script, &vars);
    assert!(ok, "{text}");
    let home = std::fs::read_to_string(site.root.join("public/index.html")).unwrap();
    assert!(home.contains("href=\"/angebote/\""), "{home}");
}

#[test]
fn github_workflow_has_build_and_deploy_jobs_and_builds_the_site() {
    let site = NewSite::init();
    let wf = yaml(&site.root.join(".github/workflows/pages.yml"));
    // YAML 1.1 (PyYAML) reads the key `on` as true; GitHub reads it as "on".
    let on = &wf["true"];
    assert_eq!(strings(&on["push"]["branches"]), ["main"]);
    let cron = on["schedule"][0]["cron"].as_str().unwrap();
    assert_eq!(cron.split_whitespace().count(), 5, "{cron}");
    assert!(cron.ends_with("* * *"), "daily: {cron}");
    assert!(on.get("workflow_dispatch").is_some(), "{on}");
    let perms = &wf["permissions"];
    assert_eq!(perms["pages"], "write");
    assert_eq!(perms["id-token"], "write");
    assert_eq!(perms["contents"], "read");
    assert_eq!(wf["env"]["LOTSE_REPO"], "ADRESSE-DES-LOTSE-REPOSITORYS");

    let build = &wf["jobs"]["build"];
    let steps = build["steps"].as_array().unwrap();
    let uses = |name: &str| {
        steps
            .iter()
            .find(|s| s["uses"].as_str().is_some_and(|u| u.starts_with(name)))
            .unwrap_or_else(|| panic!("no step uses {name}"))
    };
    assert_eq!(uses("actions/checkout@")["with"]["fetch-depth"], 0);
    assert_eq!(
        uses("actions/upload-pages-artifact@")["with"]["path"],
        "public"
    );
    assert_eq!(uses("actions/cache@")["with"]["path"], ".lotse");
    let pages_id = uses("actions/configure-pages@")["id"].as_str().unwrap();
    let deploy = &wf["jobs"]["deploy"];
    assert_eq!(deploy["needs"], "build");
    assert_eq!(deploy["environment"]["name"], "github-pages");
    let deploy_step = &deploy["steps"][0];
    assert!(
        deploy_step["uses"]
            .as_str()
            .unwrap()
            .starts_with("actions/deploy-pages@")
    );
    assert_eq!(
        deploy["environment"]["url"],
        format!(
            "${{{{ steps.{}.outputs.page_url }}}}",
            deploy_step["id"].as_str().unwrap()
        )
    );

    // The shell steps after the version look-up (which asks the network),
    // with the address GitHub gives the site filled in.
    let url = "https://beispiel.github.io/kaoa";
    let expr = format!("${{{{ steps.{pages_id}.outputs.base_url }}}}");
    let lines: Vec<String> = steps
        .iter()
        .filter(|s| s.get("id").is_none_or(|id| id != "lotse"))
        .filter_map(|s| s["run"].as_str())
        .map(|l| l.replace(&expr, url))
        .collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(!lines.iter().any(|l| l.contains("${{")), "{lines:?}");
    let repo = "https://github.com/beispiel/lotse.git";
    let (ok, text) = run_lines(
        &site,
        &lines,
        &[("LOTSE_REPO", repo), ("LOTSE_BRANCH", "main")],
    );
    assert!(ok, "{text}");
    let home = std::fs::read_to_string(site.root.join("public/index.html")).unwrap();
    assert!(home.contains("href=\"/kaoa/angebote/\""), "{home}");

    // The version look-up stops on the placeholder with a sentence.
    let lookup = steps
        .iter()
        .find(|s| s["id"] == "lotse")
        .and_then(|s| s["run"].as_str())
        .unwrap()
        .to_string();
    let (ok, text) = run_lines(
        &site,
        &[lookup],
        &[
            ("LOTSE_REPO", "ADRESSE-DES-LOTSE-REPOSITORYS"),
            ("GITHUB_OUTPUT", "/dev/null"),
        ],
    );
    assert!(!ok && text.contains("LOTSE_REPO"), "{text}");
}

#[test]
fn build_hints_at_serve_only_at_a_terminal() {
    let site = NewSite::init();
    let plain = run_in(&site.root, &["build", "--today", TODAY]);
    plain.ok();
    assert!(!plain.stdout.contains("lotse serve"), "{plain}");
    // `script` (util-linux, in every Debian) gives the build a terminal.
    let out = Command::new("script")
        .args([
            "-qec",
            &format!("'{}' build --today {TODAY}", lotse()),
            "/dev/null",
        ])
        .current_dir(&site.root)
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("this test needs `script` (Debian: bsdutils): {e}"));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    let hint = text
        .lines()
        .find(|l| l.contains("lotse serve"))
        .unwrap_or_else(|| panic!("no hint at a terminal:\n{text}"));
    assert!(hint.contains("index.html"), "{hint}");
}

/// The CI files pass the schemas their hosts publish: GitLab's CI schema and
/// GitHub's workflow schema, as vendored by `check-jsonschema` (PyPI;
/// scripts/test-all.sh installs it into target/ci-venv and names it in
/// `LOTSE_CHECK_JSONSCHEMA`).
#[test]
fn ci_files_pass_the_gitlab_and_github_schemas() {
    let tool =
        std::env::var("LOTSE_CHECK_JSONSCHEMA").unwrap_or_else(|_| "check-jsonschema".into());
    let site = NewSite::init();
    for (schema, file) in [
        ("vendor.gitlab-ci", ".gitlab-ci.yml"),
        ("vendor.github-workflows", ".github/workflows/pages.yml"),
    ] {
        let out = Command::new(&tool)
            .args(["--builtin-schema", schema])
            .arg(site.root.join(file))
            .output()
            .unwrap_or_else(|e| {
                panic!(
                    "this test needs `{tool}` ({e}); run scripts/test-all.sh, which installs \
                     check-jsonschema from PyPI, or `pip install check-jsonschema`"
                )
            });
        assert!(
            out.status.success(),
            "{file} fails {schema}:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // The check can fail: a job whose `when` GitLab does not know is
    // refused.
    let bad = site.root.join("bad.yml");
    std::fs::write(
        &bad,
        "pages:\n  script: [\"true\"]\n  when: sometimes\n  artifacts:\n    paths: [public]\n",
    )
    .unwrap();
    let out = Command::new(&tool)
        .args(["--builtin-schema", "vendor.gitlab-ci"])
        .arg(&bad)
        .output()
        .unwrap();
    assert!(
        !out.status.success(),
        "the schema check accepts `when: sometimes`"
    );
}
