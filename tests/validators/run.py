#!/usr/bin/env python3
"""Holds every output of lotse to the validator its consumers use.

Builds the example site (the repository's root), every test fixture that
builds cleanly and a fresh `lotse init` site, then runs on each:

  html     the Nu Html Checker (vnu.jar from npm `vnu-jar`): 0 errors
  atom     jing with the RELAX NG schema of RFC 4287 (schemas/atom.rnc),
           feedparser (bozo 0) and the two Schematron rules of the RFC
  sitemap  xmllint with the sitemaps.org XSD (+ the xhtml:link extension)
  ical     Python `icalendar` and Mozilla's ical.js (check_ical.mjs);
           RFC 5545's required properties, RFC 5546's ORGANIZER with METHOD
  jsonld   every <script type="application/ld+json"> expanded with pyld and
           checked against schema.org's vocabulary (schemaorg/vocab.json):
           types and properties exist, properties on types of their domain,
           typed values of their range, BCP 47 language codes
  shacl    tests/validators/shacl/run.sh <public-dir>, when present

A failure listed in known-failures.txt is reported but does not fail the
run; a listed failure that no longer happens is reported too, so that the
list shrinks. Exit status 1 when anything else fails, 2 when a tool is
missing (never a silent skip).

    run.py --lotse target/debug/lotse [--keep DIR] [--only CHECK,...]
"""
import argparse
import fnmatch
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
TODAY = "2026-11-22"
sys.path.insert(0, HERE)

import check_jsonld  # noqa: E402
import check_feeds  # noqa: E402
import check_ical  # noqa: E402

CHECKS = ["html", "atom", "sitemap", "ical", "jsonld", "shacl"]


class Failure:
    def __init__(self, check, site, file, message):
        self.check, self.site, self.file, self.message = check, site, file, message

    def __str__(self):
        return f"{self.check} {self.site} {self.file}: {self.message}"


def need(tool):
    path = shutil.which(tool)
    if not path:
        print(f"validators: `{tool}` is missing (scripts/test-all.sh installs it)", file=sys.stderr)
        sys.exit(2)
    return path


def build_sites(lotse, work):
    """(name, public dir) of every site that builds cleanly."""
    sites = []

    def build(name, root):
        out = os.path.join(work, name.replace(":", "-"), "public")
        r = subprocess.run(
            [lotse, "build", "--today", TODAY, "--output", out],
            cwd=root, capture_output=True, text=True, env={**os.environ, "LOTSE_LANG": "en"},
        )
        return out if r.returncode == 0 and os.path.isdir(out) else None

    out = build("example", REPO)
    if not out:
        print("validators: the example site does not build", file=sys.stderr)
        sys.exit(1)
    sites.append(("example", out))
    init_root = os.path.join(work, "init-site")
    subprocess.run([lotse, "init", init_root], check=True, capture_output=True)
    out = build("init", init_root)
    if not out:
        print("validators: a `lotse init` site does not build", file=sys.stderr)
        sys.exit(1)
    sites.append(("init", out))
    fixtures = os.path.join(REPO, "tests", "fixtures")
    full = os.path.join(fixtures, "full")
    for name in sorted(os.listdir(fixtures)):
        root = os.path.join(fixtures, name)
        if not os.path.isdir(root):
            continue
        # Built from a copy (a fixture's folder stays as it is): alone when
        # it is a whole site, else as the tests use it, over `full`. A bad
        # fixture does not build and is left out.
        copy = os.path.join(work, "src-" + name)
        out = None
        if os.path.isfile(os.path.join(root, "site.toml")):
            shutil.copytree(root, copy, symlinks=True)
            out = build("fixture:" + name, copy)
        if not out and name != "full":
            shutil.rmtree(copy, ignore_errors=True)
            shutil.copytree(full, copy, symlinks=True)
            shutil.copytree(root, copy, symlinks=True, dirs_exist_ok=True)
            out = build("fixture:" + name, copy)
        if out:
            sites.append(("fixture:" + name, out))
    return sites


def files(public, suffix):
    for d, _, fs in os.walk(public):
        for f in sorted(fs):
            if f.endswith(suffix):
                yield os.path.join(d, f)


def rel(site_dirs, path):
    """(site, path in its output) of a file path."""
    for name, public in site_dirs:
        if path.startswith(public + os.sep):
            return name, os.path.relpath(path, public)
    return "?", path


def check_html(sites):
    jar = subprocess.run(
        ["node", "-e", "process.stdout.write(String(require('vnu-jar')))"],
        cwd=HERE, capture_output=True, text=True,
    ).stdout
    if not jar or not os.path.isfile(jar):
        print("validators: vnu-jar is missing (npm ci in tests/validators)", file=sys.stderr)
        sys.exit(2)
    r = subprocess.run(
        [need("java"), "-jar", jar, "--errors-only", "--format", "json", "--exit-zero-always",
         "--skip-non-html"] + [p for _, p in sites],
        capture_output=True, text=True,
    )
    try:
        messages = json.loads(r.stderr or r.stdout)["messages"]
    except (ValueError, KeyError):
        return [Failure("html", "?", "?", "vnu gave no JSON: " + (r.stderr or r.stdout)[:500])], 0
    out = []
    for m in messages:
        if m.get("type") not in ("error", "non-document-error"):
            continue
        path = m.get("url", "").replace("file:", "", 1)
        site, f = rel(sites, path)
        out.append(Failure("html", site, f, f"line {m.get('lastLine', '?')}: {m.get('message', '')}"))
    return out, sum(1 for _, p in sites for _ in files(p, ".html"))


def check_atom(sites):
    out, n = [], 0
    rnc = os.path.join(HERE, "schemas", "atom.rnc")
    for site, public in sites:
        feeds = [f for f in files(public, ".xml") if check_feeds.is_atom(f)]
        if not feeds:
            continue
        n += len(feeds)
        r = subprocess.run([need("jing"), "-c", rnc] + feeds, capture_output=True, text=True)
        for line in (r.stdout + r.stderr).splitlines():
            m = re.match(r"(.+?):(\d+):(\d+): (?:error|fatal): (.*)", line)
            if m:
                out.append(Failure("atom", site, os.path.relpath(m.group(1), public),
                                   f"line {m.group(2)}: {m.group(4)}"))
            elif line.strip():
                out.append(Failure("atom", site, "?", line))
        for f in feeds:
            for msg in check_feeds.check(f):
                out.append(Failure("atom", site, os.path.relpath(f, public), msg))
    return out, n


def check_sitemap(sites):
    out, n = [], 0
    xsd = os.path.join(HERE, "schemas", "sitemap-with-alternates.xsd")
    for site, public in sites:
        f = os.path.join(public, "sitemap.xml")
        if not os.path.isfile(f):
            out.append(Failure("sitemap", site, "sitemap.xml", "missing"))
            continue
        n += 1
        r = subprocess.run([need("xmllint"), "--noout", "--schema", xsd, f],
                           capture_output=True, text=True)
        if r.returncode != 0:
            for line in r.stderr.splitlines()[:20]:
                if "validates" not in line:
                    out.append(Failure("sitemap", site, "sitemap.xml", line.replace(f, "")))
    return out, n


def check_icalendar(sites):
    out, n = [], 0
    script = os.path.join(HERE, "check_ical.mjs")
    for site, public in sites:
        cals = list(files(public, ".ics"))
        if not cals:
            continue
        n += len(cals)
        for f in cals:
            for msg in check_ical.check(f):
                out.append(Failure("ical", site, os.path.relpath(f, public), "icalendar: " + msg))
        r = subprocess.run([need("node"), script] + cals, cwd=HERE, capture_output=True, text=True)
        for line in (r.stdout + r.stderr).splitlines():
            path, _, msg = line.partition("\t")
            out.append(Failure("ical", site, os.path.relpath(path, public) if msg else "?",
                               "ical.js: " + (msg or line)))
        if r.returncode != 0 and not (r.stdout + r.stderr).strip():
            out.append(Failure("ical", site, "?", f"ical.js exited {r.returncode}"))
    return out, n


def check_jsonld_blocks(sites):
    out, n = [], 0
    vocab = check_jsonld.Vocabulary(os.path.join(HERE, "schemaorg", "vocab.json"))
    for site, public in sites:
        for f in files(public, ".html"):
            for i, block in enumerate(check_jsonld.blocks(f)):
                n += 1
                for msg in check_jsonld.check(block, vocab):
                    out.append(Failure("jsonld", site, os.path.relpath(f, public),
                                       f"block {i + 1}: {msg}"))
    return out, n


def check_shacl(sites):
    script = os.path.join(HERE, "shacl", "run.sh")
    if not os.path.isfile(script):
        print("validators: shacl: tests/validators/shacl/run.sh is not there yet; not run")
        return None, 0
    out = []
    for site, public in sites:
        # GovData's conventions (a contributorID, K12/K13) bind a site that
        # is set up for GovData; every catalogue is held to the 3.0
        # specification.
        ttl = os.path.join(public, "daten", "katalog.ttl")
        govdata = os.path.isfile(ttl) and "contributorID" in open(ttl, encoding="utf-8").read()
        args = [public] if govdata else ["--spec-only", public]
        r = subprocess.run(["bash", script, *args], capture_output=True, text=True)
        if r.returncode != 0:
            tail = (r.stdout + r.stderr).strip().splitlines()[-5:]
            out.append(Failure("shacl", site, "daten/", " | ".join(tail)))
    return out, len(sites)


def self_test(work):
    """Each check on a broken copy of its file must fail: a validator that
    cannot fail proves nothing (a wrong path, a tool that reads nothing)."""
    public = os.path.join(work, "self-test", "public")
    os.makedirs(os.path.join(public, "daten"), exist_ok=True)

    def write(rel, text):
        with open(os.path.join(public, rel), "w", encoding="utf-8", newline="") as f:
            f.write(text)

    write("index.html", '<!DOCTYPE html><html lang="de"><head><title>x</title></head>'
          '<body><img alt="x"><p><div></p>'
          '<script type="application/ld+json">{"@context":"https://schema.org",'
          '"@type":"Course","startDate":"2026-01-01","inLanguage":"Deutsch",'
          '"frobnicate":1,"provider":{"@type":"Kreis"}}</script></body></html>')
    write("feed.xml", '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
          '<title>t</title><updated>2026-13-01</updated><entry><title>e</title></entry></feed>')
    write("sitemap.xml", '<?xml version="1.0" encoding="utf-8"?>'
          '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
          '<url><loc>https://example.org/</loc><lastmod>gestern</lastmod></url></urlset>')
    write("daten/angebote.ics", "BEGIN:VCALENDAR\r\nMETHOD:PUBLISH\r\nBEGIN:VEVENT\r\n"
          "DTSTART:2026011\r\nSUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    sites = [("self-test", public)]
    bad = []
    # Each tool of a check must speak: the words its messages carry.
    expected = [
        (check_html, "html", ["“img”"]),
        (check_atom, "atom", ["missing required element", "RFC 4287 4.1.2"]),
        (check_sitemap, "sitemap", ["lastmod"]),
        (check_icalendar, "ical", ["icalendar: RFC 5545 3.6", "ical.js: "]),
        (check_jsonld_blocks, "jsonld", ["no property frobnicate", "no type Kreis",
                                         "startDate is not a property of Course", "BCP 47"]),
    ]
    for runner, name, words in expected:
        failures, _ = runner(sites)
        text = "\n".join(f.message for f in failures)
        missing = [w for w in words if w not in text]
        if missing:
            bad.append(f"{name} (no {', '.join(missing)})")
    if bad:
        print("validators: self-test: these checks found nothing wrong in broken files: "
              + ", ".join(bad))
        sys.exit(1)
    print("validators: self-test: every check fails on a broken file")


def load_known(path):
    """Lines `check site-glob file-glob [message-glob]`; # starts a comment."""
    known = []
    if not os.path.isfile(path):
        return known
    for line in open(path, encoding="utf-8"):
        line = line.split("#", 1)[0].strip()
        if line:
            parts = line.split(None, 3)
            while len(parts) < 4:
                parts.append("*")
            known.append(parts)
    return known


def is_known(f, entry):
    check, site, file, message = entry
    return (f.check == check and fnmatch.fnmatch(f.site, site)
            and fnmatch.fnmatch(f.file, file) and fnmatch.fnmatch(f.message, message))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lotse", required=True)
    ap.add_argument("--keep", help="build the sites here and keep them")
    ap.add_argument("--only", help="comma-separated checks: " + ",".join(CHECKS))
    ap.add_argument("--known", default=os.path.join(HERE, "known-failures.txt"))
    args = ap.parse_args()
    only = args.only.split(",") if args.only else CHECKS
    for tool in ["java", "jing", "xmllint", "node"]:
        need(tool)
    if args.keep:
        shutil.rmtree(args.keep, ignore_errors=True)
    work = args.keep or tempfile.mkdtemp(prefix="lotse-validators-")
    os.makedirs(work, exist_ok=True)
    try:
        self_test(work)
        sites = build_sites(os.path.abspath(args.lotse), work)
        print(f"validators: {len(sites)} sites: " + ", ".join(s for s, _ in sites))
        runners = {
            "html": check_html, "atom": check_atom, "sitemap": check_sitemap,
            "ical": check_icalendar, "jsonld": check_jsonld_blocks, "shacl": check_shacl,
        }
        known = load_known(args.known)
        used = set()
        passed = failed = 0
        for name in only:
            failures, count = runners[name](sites)
            if failures is None:
                continue  # not run, and not counted as passed
            new = []
            for f in failures:
                hit = [i for i, k in enumerate(known) if is_known(f, k)]
                used.update(hit)
                if not hit:
                    new.append(f)
            print(f"validators: {name}: {count} checked, {len(failures)} failures, "
                  f"{len(failures) - len(new)} of them known")
            for f in new[:200]:
                print("  FAIL " + str(f))
            if len(new) > 200:
                print(f"  … and {len(new) - 200} more")
            if new:
                failed += 1
            else:
                passed += 1
        for i, k in enumerate(known):
            if i not in used and k[0] in only:
                print("validators: known failure no longer seen (remove it from "
                      "known-failures.txt): " + " ".join(k))
        print(f"validators: {passed} passed, {failed} failed")
        return 1 if failed else 0
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
