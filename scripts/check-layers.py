#!/usr/bin/env python3
"""Checks that the data in lotse flows one way: no circle in the import
graph of src/, and no module importing one from a higher layer.

Reads every path that names a module of the crate in src/**/*.rs (`use
crate::…` including nested `{…}` groups, `super::…`, `self::…`, `$crate::…`
and paths written inline such as `crate::url::entity_path(…)`), with
comments and string literals removed first so that prose and test data do
not count. src/main.rs is the binary, a separate crate, and is skipped.

The graph is checked at every level of the module tree: among the top-level
modules (`link` -> `outputs`) and among the children of each module
(`serve::http` -> `serve::reload`). An import anywhere inside a child counts
for that child. A module and its own children are not a circle: a parent
declares its children and a child may use its parent's types.

Unit test modules (`#[cfg(test)] mod …`) are skipped: like the
integration tests they may drive the whole pipeline.

Usage: python3 scripts/check-layers.py [--graph]   (exit 1 on a violation)
       python3 scripts/check-layers.py --self-test  (plants problems, expects them found)
"""

import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src")

# The layers, lowest first. A top-level module may import modules of its own
# layer or of any layer below, never one above; within a layer the circle
# check keeps the direction one way.
LAYERS = [
    # Leaves every stage may use: error values, the output buffer, the six
    # content types with their sections (`section`: load needs the folders,
    # url the URL sections, so the table sits below load), text analysis
    # (slugs, suggestions, search terms), URL rules and Markdown rendering.
    ("leaves", ["diagnostics", "messages", "output", "section", "text", "url", "markdown"]),
    # Files on disk -> parsed documents, and the git history (an input).
    ("load", ["load"]),
    # Parsed documents -> typed entities and vocabularies; site.toml is read
    # with the same reader, so `config` sits here, not among the leaves.
    ("model", ["model", "config"]),
    # References resolved, derived data computed -> the linked `Site` and
    # its per-kind access.
    ("link", ["link"]),
    # Every page and file of the site, by path.
    ("routes", ["routes"]),
    # HTML through the theme, and the machine-readable outputs.
    ("render/outputs", ["render", "outputs"]),
    # Checks over the rendered output.
    ("linkcheck", ["linkcheck"]),
    # The pipeline that runs the stages in order.
    ("build", ["build"]),
    # Writing the site, serving it, the commands and the fuzz entry points.
    ("write/serve/cmd", ["write", "serve", "cmd", "fuzz"]),
]

# Circles allowed for now (none): each entry would name the work that
# removes it.
ALLOWED_CIRCLES = set()

KEYWORDS = {"crate", "$crate", "super", "self"}


def strip(src):
    """Replaces comments, string and char literals by spaces, keeping newlines."""
    out = []
    i, n = 0, len(src)

    def blank(text):
        out.append("".join(c if c == "\n" else " " for c in text))

    while i < n:
        c = src[i]
        if src.startswith("//", i):
            j = src.find("\n", i)
            j = n if j < 0 else j
            blank(src[i:j])
            i = j
        elif src.startswith("/*", i):
            depth, j = 1, i + 2
            while j < n and depth:
                if src.startswith("/*", j):
                    depth, j = depth + 1, j + 2
                elif src.startswith("*/", j):
                    depth, j = depth - 1, j + 2
                else:
                    j += 1
            blank(src[i:j])
            i = j
        elif re.match(r'b?r#*"', src[i:i + 40]) and (i == 0 or not (src[i - 1].isalnum() or src[i - 1] == "_")):
            m = re.match(r'b?r(#*)"', src[i:])
            if m is None:  # b"…": an ordinary byte string
                out.append(src[i])
                i += 1
                continue
            end = '"' + m.group(1)
            j = src.find(end, i + m.end())
            j = n if j < 0 else j + len(end)
            blank(src[i:j])
            i = j
        elif c == '"':
            j = i + 1
            while j < n and src[j] != '"':
                j += 2 if src[j] == "\\" else 1
            blank(src[i:j + 1])
            i = j + 1
        elif c == "'":
            # A char literal ('x', '\n', '\u{..}') or a lifetime ('a).
            m = re.match(r"'(\\(u\{[0-9a-fA-F]+\}|x..|.)|[^\\'])'", src[i:i + 12], re.S)
            if m:
                blank(m.group(0))
                i += m.end()
            else:
                out.append(c)
                i += 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def file_module(rel):
    """src-relative path -> module path as a tuple (() is the crate root)."""
    parts = rel[:-3].split("/")
    if parts[-1] in ("mod", "lib"):
        parts = parts[:-1]
    return tuple(parts)


TOKEN = re.compile(r"\$crate|[A-Za-z_][A-Za-z0-9_]*|::|[{},*;]|\S")


def use_paths(tokens):
    """Expands one use tree (tokens after `use`, up to `;`) into paths."""
    paths = []

    def tree(prefix, pos):
        segs = list(prefix)
        while pos < len(tokens):
            t = tokens[pos]
            if t == "{":
                pos += 1
                while pos < len(tokens) and tokens[pos] != "}":
                    pos = tree(segs, pos)
                    if pos < len(tokens) and tokens[pos] == ",":
                        pos += 1
                return pos + 1
            if t == "*":
                paths.append(segs)
                return pos + 1
            if t == "::":
                pos += 1
                continue
            if t in (",", "}"):
                break
            if t == "as":
                pos += 2
                break
            segs = segs + [t]
            pos += 1
        if segs:
            paths.append(segs)
        return pos

    pos = 0
    while pos < len(tokens):
        pos = tree([], pos)
        if pos < len(tokens) and tokens[pos] == ",":
            pos += 1
    return paths


def occurrences(text, module, children):
    """Yields (line, absolute segments) for every crate path in a file."""
    # The inline module (mod x { … }) a position is in: `super` in a
    # `mod tests` refers to the file's module, not to its parent.
    inline = []  # (depth at which it closes, name)
    depth = 0
    toks = [(m.group(0), m.start()) for m in TOKEN.finditer(text)]

    def line(pos):
        return text.count("\n", 0, pos) + 1

    def here():
        return list(module) + [name for _, name in inline]

    def absolute(segs):
        cur = here()
        head = segs[0]
        if head in ("crate", "$crate"):
            return segs[1:]
        if head in ("super", "self"):
            rest = list(segs)
            while rest and rest[0] in ("super", "self"):
                if rest.pop(0) == "super":
                    cur = cur[:-1]
            return cur + rest
        if not inline and head in children:  # 2018 paths: a child by name
            return cur + segs
        return None

    i = 0
    while i < len(toks):
        t, pos = toks[i]
        if t == "{":
            depth += 1
        elif t == "}":
            depth -= 1
            while inline and inline[-1][0] > depth:
                inline.pop()
        elif t == "mod" and i + 2 < len(toks) and toks[i + 2][0] == "{":
            # Unit tests (`#[cfg(test)] mod tests { … }`) may use the whole
            # crate, as the integration tests do: they are not part of the
            # library's graph and are skipped.
            attrs = text[max(0, pos - 80):pos]
            if re.search(r"#\[cfg\(test\)\]\s*(pub(\([^)]*\))?\s*)?$", attrs):
                close, k = depth, i + 3
                while k < len(toks):
                    if toks[k][0] == "{":
                        close += 1
                    elif toks[k][0] == "}":
                        if close == depth:
                            break
                        close -= 1
                    k += 1
                i = k + 1
                continue
            inline.append((depth + 1, toks[i + 1][0]))
        elif t == "use" and (i == 0 or toks[i - 1][0] != "::"):
            j = i + 1
            while j < len(toks) and toks[j][0] != ";":
                j += 1
            for segs in use_paths([x for x, _ in toks[i + 1:j]]):
                segs = [s for s in segs if s != "*"]
                if segs and segs[-1] == "self":
                    segs = segs[:-1]
                a = absolute(segs) if segs else None
                if a is not None:
                    yield line(pos), a
            i = j
            continue
        elif t in KEYWORDS and i + 1 < len(toks) and toks[i + 1][0] == "::":
            prev = toks[i - 1][0] if i else ""
            if prev != "::" and prev != "in":  # not `pub(in crate::x)`
                segs = [t]
                j = i + 1
                while j + 1 < len(toks) and toks[j][0] == "::" and re.match(r"\w", toks[j + 1][0]):
                    segs.append(toks[j + 1][0])
                    j += 2
                a = absolute(segs)
                if a is not None:
                    yield line(pos), a
                i = j
                continue
        i += 1


def read_sources(root):
    """{src-relative path: text} of every .rs file of the library."""
    files = {}
    for dirpath, _, names in os.walk(root):
        for name in names:
            if name.endswith(".rs"):
                rel = os.path.relpath(os.path.join(dirpath, name), root)
                if rel != "main.rs":
                    with open(os.path.join(root, rel), encoding="utf-8") as f:
                        files[rel.replace(os.sep, "/")] = f.read()
    return files


def collect(sources):
    """Returns modules (set of tuples) and edges {(from, to): [file:line]}."""
    files = {rel: file_module(rel) for rel in sources}
    modules = set(files.values())
    edges = {}
    for rel, module in sorted(files.items()):
        text = strip(sources[rel])
        children = {m[-1] for m in modules if len(m) == len(module) + 1 and m[:-1] == module}
        for ln, segs in occurrences(text, module, children):
            # The longest prefix that is a module of its own file.
            target = None
            for k in range(len(segs), 0, -1):
                if tuple(segs[:k]) in modules:
                    target = tuple(segs[:k])
                    break
            if target is None or target == module:
                continue
            where = edges.setdefault((module, target), [])
            at = "src/%s:%d" % (rel, ln)
            if at not in where:
                where.append(at)
    return modules, edges


def level_graphs(modules, edges):
    """{parent: {(child_a, child_b): [where]}} for every level of the tree."""
    graphs = {}
    for (a, b), where in edges.items():
        # The deepest common ancestor; the edge counts between its children.
        k = 0
        while k < min(len(a), len(b)) and a[k] == b[k]:
            k += 1
        if k == len(a) or k == len(b):
            continue  # a module and its own descendant: containment
        parent = a[:k]
        key = (a[:k + 1], b[:k + 1])
        graphs.setdefault(parent, {}).setdefault(key, []).extend(where)
    return graphs


def circles(graph):
    """Strongly connected components with more than one node (Tarjan)."""
    adj = {}
    for a, b in graph:
        adj.setdefault(a, set()).add(b)
        adj.setdefault(b, set())
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(adj[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(adj):
        if v not in index:
            visit(v)
    return out


def name(m):
    return "::".join(m) if m else "crate"


def check(sources, show_graph=False):
    """The problems of a crate's sources, as messages (empty when none)."""
    modules, edges = collect(sources)
    rank = {}
    for r, (_, mods) in enumerate(LAYERS):
        for m in mods:
            rank[m] = r
    failures = []

    tops = sorted({m[0] for m in modules if m})
    for m in tops:
        if m not in rank:
            failures.append("module `%s` has no layer: add it to LAYERS in scripts/check-layers.py" % m)

    graphs = level_graphs(modules, edges)
    if show_graph:
        for parent in sorted(graphs):
            for (a, b), where in sorted(graphs[parent].items()):
                print("%s -> %s  (%s)" % (name(a), name(b), where[0]))

    for parent in sorted(graphs):
        graph = graphs[parent]
        for comp in circles(graph):
            names = tuple(name(m) for m in comp)
            if names in ALLOWED_CIRCLES:
                print("allowed for now: circle among %s (see ALLOWED_CIRCLES)" % ", ".join(names))
                continue
            lines = ["circle among %s:" % ", ".join(names)]
            for (a, b), where in sorted(graph.items()):
                if a in comp and b in comp:
                    lines.append("  %s -> %s at %s" % (name(a), name(b), ", ".join(where[:3])))
            failures.append("\n".join(lines))

    for (a, b), where in sorted(graphs.get((), {}).items()):
        ra, rb = rank.get(a[0]), rank.get(b[0])
        if ra is not None and rb is not None and rb > ra:
            failures.append(
                "layer: %s (%s) imports %s (%s, a higher layer) at %s"
                % (a[0], LAYERS[ra][0], b[0], LAYERS[rb][0], ", ".join(where[:3]))
            )
    return len(modules), failures


# A made-up crate with one of each problem, so that the check itself is
# tested: a checker that finds nothing would pass any tree.
SELF_TEST = {
    "lib.rs": "pub mod link; pub mod routes; pub mod url; pub mod diagnostics;",
    # link -> routes points up (and closes a circle with routes -> link),
    # through a multi-line group.
    "link/mod.rs": "//! x\nuse crate::{\n    diagnostics::D,\n    routes::{self, Plan},\n};\npub mod a;\npub mod b;",
    "routes.rs": "use crate::link::Site; // crate::url::nothing in a comment\n",
    # link::a <-> link::b, one side through `super::`.
    "link/a.rs": "use super::b::B;\nfn f() { let s = \"crate::url::not_code\"; }",
    "link/b.rs": "pub struct B;\nfn g() { super::a::f(); }",
    # url is a leaf: its unit tests may use anything.
    "url.rs": "#[cfg(test)]\nmod tests {\n    use crate::routes::x;\n}\n",
    "diagnostics.rs": "",
}


def self_test():
    _, failures = check(SELF_TEST)
    text = "\n".join(failures)
    expect = [
        "circle among link, routes:",
        "circle among link::a, link::b:",
        "layer: link (link) imports routes (routes, a higher layer) at src/link/mod.rs:2",
    ]
    missing = [e for e in expect if e not in text]
    extra = [f for f in failures if not any(f.startswith(e) for e in expect)]
    if missing or extra or len(failures) != len(expect):
        print("check-layers self-test failed\nmissing: %s\nunexpected: %s" % (missing, extra))
        return 1
    print("check-layers self-test: finds %d of %d planted problems" % (len(expect), len(expect)))
    return 0


def main():
    if "--self-test" in sys.argv:
        return self_test()
    n, failures = check(read_sources(ROOT), "--graph" in sys.argv)
    for f in failures:
        print(f)
    if failures:
        print("check-layers: %d problem(s)" % len(failures))
        return 1
    print("check-layers: %d modules, no circle, every import points down" % n)
    return 0


if __name__ == "__main__":
    sys.exit(main())
