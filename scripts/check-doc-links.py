#!/usr/bin/env python3
"""Checks that the repository's Markdown documentation stays inside the
repository: every relative link in a tracked *.md file must name a file or
folder that exists, and no link may climb out of the repository (such as
`../shared/…`, which a person who clones the repository does not have).

Usage: scripts/check-doc-links.py   (from anywhere; exit 1 on a broken link)

Web addresses (`https://…`, `mailto:`), links inside the page (`#…`) and
lotse's own content links (`@/partners/x.md`, checked by `lotse check`) are
not checked; nor are the test fixtures and fuzz inputs, which are content
made broken on purpose. Code blocks and inline code are skipped: they show paths and
examples, not links. No dependencies beyond Python 3.
"""

import os
import re
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))

# Inline links and images: [text](target "title") / ![alt](target).
INLINE = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
# Reference definitions: [label]: target
REFDEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s.*)?$")
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
FENCE = re.compile(r"^\s{0,3}(```|~~~)")


def markdown_files():
    """The tracked Markdown files (untracked new ones too), without the
    vendored and generated folders."""
    try:
        out = subprocess.run(
            ["git", "ls-files", "--cached", "--others", "--exclude-standard", "*.md"],
            cwd=ROOT, check=True, capture_output=True, text=True,
        ).stdout.split("\n")
        files = [f for f in out if f]
    except (OSError, subprocess.CalledProcessError):
        files = []
        for d, dirs, names in os.walk(ROOT):
            dirs[:] = [x for x in dirs if x not in (".git", "target", "node_modules")]
            files += [os.path.relpath(os.path.join(d, n), ROOT) for n in names if n.endswith(".md")]
    skip = ("target/", "node_modules/", "fuzz/", "tests/fixtures/")
    return sorted(f for f in files if not any(f.startswith(s) or "/" + s in f for s in skip)
                  and os.path.isfile(os.path.join(ROOT, f)))


def links(text):
    """(line number, target) of every link outside code."""
    in_fence = False
    for n, line in enumerate(text.split("\n"), 1):
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        bare = re.sub(r"`+[^`]*`+", "", line)
        for m in INLINE.finditer(bare):
            yield n, m.group(1)
        m = REFDEF.match(bare)
        if m:
            yield n, m.group(1)


def problem(md, target):
    """Why a link target is broken, or None."""
    if target.startswith(("#", "@/", "//")) or SCHEME.match(target):
        return None
    path = target.split("#", 1)[0].split("?", 1)[0]
    if not path:
        return None
    path = re.sub(r"%20", " ", path)
    if path.startswith("/"):
        full = os.path.normpath(os.path.join(ROOT, path.lstrip("/")))
    else:
        full = os.path.normpath(os.path.join(ROOT, os.path.dirname(md), path))
    if os.path.relpath(full, ROOT).startswith(".."):
        return "points outside the repository"
    if not os.path.exists(full):
        return "no such file"
    return None


def main():
    broken = 0
    files = markdown_files()
    for md in files:
        with open(os.path.join(ROOT, md), encoding="utf-8", errors="replace") as f:
            text = f.read()
        for n, target in links(text):
            why = problem(md, target)
            if why:
                print(f"{md}:{n}: broken link `{target}`: {why}")
                broken += 1
        for n, line in enumerate(text.split("\n"), 1):
            if "../shared" in line:
                print(f"{md}:{n}: names `../shared`, which is not part of the repository")
                broken += 1
    if broken:
        print(f"{broken} broken link(s) in {len(files)} Markdown files")
        return 1
    print(f"doc links: {len(files)} Markdown files, every relative link resolves")
    return 0


if __name__ == "__main__":
    sys.exit(main())
