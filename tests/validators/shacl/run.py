"""Validates a built site's DCAT-AP.de catalogue with pyshacl against
GovData's shapes: the DCAT-AP.de 3.0 specification and the DCAT-AP.de 2.0
specification plus conventions ("Konventionen") profile, as GovData's
validator combines them (see shapes/README.md). Also checks that the
catalogue's three syntaxes (Turtle, RDF/XML, JSON-LD) are one graph.

Usage: run.py [--spec-only] <public-dir>; exit 0 when every shape set
reports 0 violations (warnings and infos are printed, not counted). With
--spec-only, only the 3.0 specification: for a site that is not set up
for GovData (no `contributor_id`), whose catalogue the conventions'
contributorID rule (K12/K13) would fail by design.
"""

import sys
from pathlib import Path

from pyshacl import validate
from rdflib import Graph, Namespace
from rdflib.compare import isomorphic, to_isomorphic, graph_diff

HERE = Path(__file__).resolve().parent
SH = Namespace("http://www.w3.org/ns/shacl#")

# The shape files of each of GovData's validation types, in the order of
# its validator/resources/config.properties (the upstream DCAT-AP shapes
# that GovData loads from the web are vendored beside them).
PROFILES = {
    "DCAT-AP.de 3.0 Spezifikation (v30_de_spec)": [
        "v3.0/dcat-ap-SHACL.ttl",
        "v3.0/dcat-ap-SHACL-DE.ttl",
        "v3.0/dcat-ap-de-deprecated.ttl",
        "v3.0/dcat-ap-spec-german-additions.ttl",
        "v3.0/dcat-ap-de-controlledvocabularies.ttl",
    ],
    "DCAT-AP.de 2.0 Spezifikation + Konventionen (v20_de_spec_implr)": [
        "v2.0/dcat-ap_2.1.1_shacl_shapes.ttl",
        "v2.0/dcat-ap-spec-german-messages.ttl",
        "v2.0/dcat-ap-spec-german-additions.ttl",
        "v2.0/dcat-ap-de-deprecated.ttl",
        "v2.0/dcat-ap-konventionen.ttl",
    ],
}


def load(paths, fmt=None):
    g = Graph()
    for p in paths:
        g.parse(p, format=fmt)
    return g


def main():
    args = sys.argv[1:]
    spec_only = "--spec-only" in args
    args = [a for a in args if a != "--spec-only"]
    if len(args) != 1:
        print("usage: run.sh [--spec-only] <public-dir>", file=sys.stderr)
        return 2
    public = Path(args[0])
    ttl = public / "daten" / "katalog.ttl"
    rdf = public / "daten" / "katalog.rdf"
    jsonld = public / "daten" / "katalog.jsonld"
    for f in (ttl, rdf, jsonld):
        if not f.is_file():
            print(f"shacl: {f} is missing", file=sys.stderr)
            return 1
    data = load([ttl], "turtle")
    failed = False
    for other, fmt in ((rdf, "xml"), (jsonld, "json-ld")):
        g = load([other], fmt)
        if not isomorphic(data, g):
            _, only_ttl, only_other = graph_diff(to_isomorphic(data), to_isomorphic(g))
            print(f"shacl: {other.name} is not the graph of {ttl.name}")
            for t in list(only_ttl)[:10]:
                print(f"  only in {ttl.name}: {t}")
            for t in list(only_other)[:10]:
                print(f"  only in {other.name}: {t}")
            failed = True
    # Offline copies of just the vocabulary entries the catalogue uses
    # (GovData's validator imports the whole lists from the web).
    # Merged into the data graph, as GovData's validator merges its imports.
    vocab = load(sorted((HERE / "vocab").glob("*.ttl")), "turtle")
    checked = data + vocab
    for name, files in PROFILES.items():
        if spec_only and "Konventionen" in name:
            continue
        shapes = load([HERE / "shapes" / f for f in files], "turtle")
        _, report, text = validate(
            checked,
            shacl_graph=shapes,
            inference="none",
            advanced=True,
            allow_warnings=True,
        )
        counts = {}
        for r in report.subjects(predicate=None, object=SH.ValidationResult):
            sev = report.value(r, SH.resultSeverity)
            counts[sev] = counts.get(sev, 0) + 1
        violations = counts.get(SH.Violation, 0)
        print(
            f"shacl: {name}: {violations} violations, "
            f"{counts.get(SH.Warning, 0)} warnings, {counts.get(SH.Info, 0)} infos"
        )
        if counts:
            print(text)
        if violations:
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
