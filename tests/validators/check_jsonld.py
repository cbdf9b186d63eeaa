"""JSON-LD blocks of HTML pages, expanded with pyld and held to
schema.org's vocabulary (schemaorg/vocab.json, made from a schema.org
release by schemaorg/make-vocab.py): every type and property exists and is
not superseded, every property is used on a type of its domain
(schema:domainIncludes, superclasses counted), a typed value is of the
property's range, and language codes are BCP 47.

No network: the schema.org context URLs load a context of
`@vocab: https://schema.org/` (what schema.org's context does for every
term); any other remote context is an error."""
import html.parser
import json
import re

from pyld import jsonld

SCHEMA = ("https://schema.org/", "http://schema.org/")
CONTEXTS = {"https://schema.org", "https://schema.org/", "http://schema.org", "http://schema.org/",
            "https://schema.org/docs/jsonldcontext.jsonld"}
# BCP 47 (RFC 5646) in its common shape: language, optional script, region, variants.
BCP47 = re.compile(r"^[a-zA-Z]{2,3}(-[a-zA-Z]{4})?(-([a-zA-Z]{2}|[0-9]{3}))?(-([a-zA-Z0-9]{5,8}|[0-9][a-zA-Z0-9]{3}))*$")
LANGUAGE_PROPERTIES = {"inLanguage", "availableLanguage", "knowsLanguage"}


def loader(url, options=None):
    if url in CONTEXTS:
        return {"contextUrl": None, "documentUrl": url,
                "document": {"@context": {"@vocab": "https://schema.org/"}}}
    raise jsonld.JsonLdError(f"no network: cannot load {url}", "loading document failed")


class _Scripts(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks, self._in = [], False

    def handle_starttag(self, tag, attrs):
        self._in = tag == "script" and dict(attrs).get("type") == "application/ld+json"
        if self._in:
            self.blocks.append("")

    def handle_endtag(self, tag):
        self._in = False

    def handle_data(self, data):
        if self._in:
            self.blocks[-1] += data


def blocks(path):
    p = _Scripts()
    with open(path, encoding="utf-8") as f:
        p.feed(f.read())
    return p.blocks


class Vocabulary:
    def __init__(self, path):
        with open(path, encoding="utf-8") as f:
            v = json.load(f)
        self.classes, self.properties = v["classes"], v["properties"]
        self.members, self.superseded = v["members"], v["superseded"]
        self.source = v["source"]

    def ancestors(self, name):
        seen, todo = set(), [name]
        while todo:
            c = todo.pop()
            if c not in seen:
                seen.add(c)
                todo.extend(self.classes.get(c, []))
        return seen


def local(iri):
    for p in SCHEMA:
        if iri.startswith(p):
            return iri[len(p):]
    return None


def check(text, vocab):
    try:
        doc = json.loads(text)
    except ValueError as e:
        return [f"not JSON: {e}"]
    try:
        expanded = jsonld.expand(doc, {"documentLoader": loader})
    except jsonld.JsonLdError as e:
        return [f"pyld cannot expand it: {e}"]
    out = []
    for node in expanded:
        _node(node, vocab, out, "")
    if not expanded:
        out.append("expands to nothing (no term is in schema.org's context)")
    return out


def _types(node, vocab, out, where):
    names = []
    for t in node.get("@type", []):
        n = local(t)
        if n is None:
            out.append(f"{where}: type <{t}> is not schema.org's")
        elif n not in vocab.classes:
            out.append(f"{where}: schema.org has no type {n}")
        else:
            if n in vocab.superseded:
                out.append(f"{where}: type {n} is superseded by {', '.join(vocab.superseded[n])}")
            names.append(n)
    return names


def _node(node, vocab, out, path):
    types = _types(node, vocab, out, path or "top")
    where = "/".join(x for x in [path, "+".join(types) or "(untyped)"] if x)
    closure = set().union(*(vocab.ancestors(t) for t in types)) if types else set()
    for key, values in node.items():
        if key.startswith("@"):
            continue
        prop = local(key)
        if prop is None:
            out.append(f"{where}: property <{key}> is not schema.org's")
            continue
        spec = vocab.properties.get(prop)
        if spec is None:
            out.append(f"{where}: schema.org has no property {prop}")
            continue
        if prop in vocab.superseded:
            out.append(f"{where}: {prop} is superseded by {', '.join(vocab.superseded[prop])}")
        if types and spec["domain"] and not closure & set(spec["domain"]):
            out.append(f"{where}: {prop} is not a property of {'/'.join(types)} "
                       f"(its domain: {', '.join(spec['domain'])})")
        for v in values:
            if "@value" in v:
                if prop in LANGUAGE_PROPERTIES and isinstance(v["@value"], str) \
                        and not BCP47.match(v["@value"]):
                    out.append(f"{where}: {prop} {v['@value']!r} is not a BCP 47 language code")
            elif "@list" in v:
                for item in v["@list"]:
                    if isinstance(item, dict) and "@value" not in item:
                        _node(item, vocab, out, f"{where}.{prop}")
            else:
                vtypes = [local(t) for t in v.get("@type", [])]
                vtypes = [t for t in vtypes if t in vocab.classes]
                if vtypes and spec["range"]:
                    vclosure = set().union(*(vocab.ancestors(t) for t in vtypes))
                    if not vclosure & set(spec["range"]):
                        out.append(f"{where}: {prop} takes {', '.join(spec['range'])}, "
                                   f"not {'/'.join(vtypes)}")
                if set(v) - {"@id"}:
                    _node(v, vocab, out, f"{where}.{prop}")
    return out
