#!/usr/bin/env python3
"""Writes vocab.json, the part of schema.org's vocabulary that
check_jsonld.py needs, from a release file of schema.org
(data/releases/<version>/schemaorg-current-https.jsonld in the schemaorg
repository): each class with its superclasses, each property with its
domain and range, each enumeration member with its type, and the term
that supersedes a retired one. Labels and comments are left out.

    make-vocab.py schemaorg-current-https.jsonld 30.0 > vocab.json
"""
import json
import sys


def names(value):
    """`{"@id": "schema:X"}` or a list of them -> ["X", ...] (schema.org only)."""
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    out = []
    for v in items:
        i = v["@id"] if isinstance(v, dict) else v
        if i.startswith("schema:"):
            out.append(i[len("schema:"):])
    return sorted(out)


def main():
    path, version = sys.argv[1], sys.argv[2]
    graph = json.load(open(path, encoding="utf-8"))["@graph"]
    classes, properties, members, superseded = {}, {}, {}, {}
    for node in graph:
        nid = node["@id"]
        if not nid.startswith("schema:"):
            continue
        name = nid[len("schema:"):]
        types = node["@type"] if isinstance(node["@type"], list) else [node["@type"]]
        if "rdfs:Class" in types:
            classes[name] = names(node.get("rdfs:subClassOf"))
        if "rdf:Property" in types:
            properties[name] = {
                "domain": names(node.get("schema:domainIncludes")),
                "range": names(node.get("schema:rangeIncludes")),
            }
        if not {"rdfs:Class", "rdf:Property"} & set(types):
            members[name] = names(types) or types
        if "schema:supersededBy" in node:
            superseded[name] = names(node["schema:supersededBy"])
    vocab = {
        "source": "schema.org release " + version + ", schemaorg-current-https.jsonld",
        "classes": classes,
        "properties": properties,
        "members": members,
        "superseded": superseded,
    }
    json.dump(vocab, sys.stdout, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    sys.stdout.write("\n")


main()
