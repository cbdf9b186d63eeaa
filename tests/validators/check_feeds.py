"""Atom feeds through feedparser (as feed readers parse them) and the two
Schematron rules of RFC 4287 that a RELAX NG validator leaves out."""
import xml.etree.ElementTree as ET

import feedparser

ATOM = "{http://www.w3.org/2005/Atom}"


def is_atom(path):
    try:
        for _, el in ET.iterparse(path, events=("start",)):
            return el.tag == ATOM + "feed"
    except ET.ParseError:
        return False
    return False


def check(path):
    out = []
    with open(path, "rb") as f:
        data = f.read()
    parsed = feedparser.parse(data)
    if parsed.bozo:
        out.append(f"feedparser: {parsed.bozo_exception}")
    if parsed.version != "atom10":
        out.append(f"feedparser: read as {parsed.version!r}, not Atom 1.0")
    root = ET.fromstring(data)
    entries = root.findall(ATOM + "entry")
    if root.find(ATOM + "author") is None and any(e.find(ATOM + "author") is None for e in entries):
        out.append("RFC 4287 4.1.1: an entry without atom:author in a feed without one")
    for e in entries:
        links = e.findall(ATOM + "link")
        alternate = any(l.get("rel", "alternate") == "alternate" for l in links)
        if not alternate and e.find(ATOM + "content") is None:
            ident = e.findtext(ATOM + "id")
            out.append(f"RFC 4287 4.1.2: entry {ident} has neither an alternate link nor content")
    return out
