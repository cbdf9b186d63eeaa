//! `lotse build --output DIR` refuses folders it must not replace, with a
//! clear message and exit 1, before doing any work, and deletes nothing.

use crate::harness::{Fixture, Run, TODAY, run_in_env, tree};
use std::path::Path;

/// Every file of the site's temporary folder (site and its surroundings).
fn everything(fx: &Fixture) -> std::collections::BTreeMap<String, Vec<u8>> {
    tree(fx.tmp())
}

/// `lotse build --output <dest>` in the site: refused with `message`,
/// exit 1, and not one file of the temporary folder changed.
#[track_caller]
fn refused(fx: &Fixture, dest: &str, message: &str) -> Run {
    let before = everything(fx);
    let run = fx.build_with(&["--output", dest]);
    run.code(1);
    let e = run.only_error();
    assert_eq!(e.message, message, "\n{run}");
    assert!(!run.stdout.contains("Built "), "{run}");
    assert!(everything(fx) == before, "files changed\n{run}");
    run
}

#[test]
fn the_site_root_is_refused() {
    let fx = Fixture::full_built();
    refused(
        &fx,
        ".",
        "refusing to write the site into `.`: it contains the site itself; choose a folder such as `public/`",
    );
    let root = fx.root().to_str().unwrap().to_string();
    refused(
        &fx,
        &root,
        &format!(
            "refusing to write the site into `{root}`: it contains the site itself; choose a folder such as `public/`"
        ),
    );
    // A folder that contains the site.
    refused(
        &fx,
        "..",
        "refusing to write the site into `..`: it contains the site itself; choose a folder such as `public/`",
    );
}

#[test]
fn the_sites_own_folders_are_refused() {
    let fx = Fixture::full_built();
    fx.write("templates/.keep", "");
    fx.write("themes/eigenes/.keep", "");
    for (dest, folder) in [
        ("content", "content"),
        ("content/offers", "content"),
        ("content/neu", "content"),
        ("static", "static"),
        ("static/files", "static"),
        ("templates", "templates"),
        ("themes/eigenes", "themes"),
    ] {
        refused(
            &fx,
            dest,
            &format!(
                "refusing to write the site into `{dest}`: it is inside the site's `{folder}/` folder"
            ),
        );
    }
}

#[test]
fn a_symbolic_link_to_content_is_refused() {
    let fx = Fixture::full_built();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(fx.path("content"), fx.path("ausgabe")).unwrap();
        refused(
            &fx,
            "ausgabe",
            "refusing to write the site into `ausgabe`: it is inside the site's `content/` folder",
        );
    }
}

#[test]
fn the_file_system_root_is_refused() {
    let fx = Fixture::full_built();
    refused(
        &fx,
        "/",
        "refusing to write the site into `/`: that is the file-system root",
    );
}

#[test]
fn the_home_folder_is_refused() {
    let fx = Fixture::full_built();
    let home = fx.tmp().join("zuhause");
    std::fs::create_dir_all(&home).unwrap();
    let before = everything(&fx);
    let home_s = home.to_str().unwrap();
    let run = run_in_env(
        fx.root(),
        &["build", "--today", TODAY, "--output", home_s],
        &[("HOME", home.as_path())],
    );
    run.code(1);
    assert_eq!(
        run.only_error().message,
        format!("refusing to write the site into your home folder `{home_s}`")
    );
    assert!(everything(&fx) == before);
}

#[test]
fn a_foreign_folder_that_is_not_empty_is_refused() {
    let fx = Fixture::full_built();
    fx.write("../fremd/wichtig.txt", "nicht löschen");
    fx.write("../fremd/unter/auch.txt", "auch nicht");
    let dest = fx.tmp().join("fremd");
    let dest = dest.to_str().unwrap();
    refused(
        &fx,
        dest,
        &format!(
            "refusing to replace `{dest}`: it is not empty and was not written by lotse (no `.lotse-output` file in it)"
        ),
    );
    assert_eq!(
        std::fs::read_to_string(fx.tmp().join("fremd/wichtig.txt")).unwrap(),
        "nicht löschen"
    );
    // The same for `public/` itself once someone else's files are in it
    // and the marker is gone.
    fx.remove("public/.lotse-output");
    refused(
        &fx,
        "public",
        "refusing to replace `public`: it is not empty and was not written by lotse (no `.lotse-output` file in it)",
    );
    // Even a single hidden file makes a folder non-empty.
    fx.write("../versteckt/.git", "x");
    let dest = fx.tmp().join("versteckt");
    refused(
        &fx,
        dest.to_str().unwrap(),
        &format!(
            "refusing to replace `{}`: it is not empty and was not written by lotse (no `.lotse-output` file in it)",
            dest.display()
        ),
    );
}

#[test]
fn a_file_is_refused() {
    let fx = Fixture::full_built();
    fx.write("ausgabe.html", "<p>eine Datei</p>");
    refused(
        &fx,
        "ausgabe.html",
        "`ausgabe.html` exists and is not a folder",
    );
}

#[test]
fn an_empty_folder_a_new_one_and_its_own_output_are_accepted() {
    let fx = Fixture::full_built();
    // Empty.
    std::fs::create_dir_all(fx.tmp().join("leer")).unwrap();
    let leer = fx.tmp().join("leer");
    fx.build_with(&["--output", leer.to_str().unwrap()]).ok();
    assert!(leer.join("index.html").is_file());
    assert!(leer.join(".lotse-output").is_file());
    // New, several levels deep.
    let tief = fx.tmp().join("a/b/c");
    fx.build_with(&["--output", tief.to_str().unwrap()]).ok();
    assert!(tief.join("index.html").is_file());
    // Its own output (with the marker) is replaced.
    std::fs::write(leer.join("alt.txt"), "alt").unwrap();
    fx.build_with(&["--output", leer.to_str().unwrap()]).ok();
    assert!(!leer.join("alt.txt").exists());
    // A sibling folder of the site, relative.
    fx.build_with(&["--output", "../daneben"]).ok();
    assert!(fx.tmp().join("daneben/index.html").is_file());
    // A sub-folder of the site that is not one of its own.
    fx.build_with(&["--output", "dist/web"]).ok();
    assert!(fx.path("dist/web/index.html").is_file());
}

#[test]
fn a_refused_output_is_checked_before_the_content() {
    // Even with content errors, the guard speaks first and alone.
    let fx = Fixture::full_built();
    fx.replace(
        "content/regions/stadt-beispiel.md",
        "phase = 4",
        "phase = 9",
    );
    let run = refused(
        &fx,
        "content",
        "refusing to write the site into `content`: it is inside the site's `content/` folder",
    );
    assert!(!run.stderr.contains("phase"), "{run}");
}

#[test]
fn an_interrupted_swap_is_recovered() {
    // A build that died after moving the old output aside leaves
    // `.public.lotse-old`; the next build restores and then replaces it.
    let fx = Fixture::full_built();
    std::fs::rename(fx.path("public"), fx.path(".public.lotse-old")).unwrap();
    fx.write(".public.lotse-new/halb.html", "halb");
    fx.build_ok();
    assert!(fx.has_output("index.html"));
    assert!(!fx.path(".public.lotse-old").exists());
    assert!(!fx.path(".public.lotse-new").exists());
    assert!(!Path::new(&fx.path("public/halb.html")).exists());
}
