#!/usr/bin/env python3
"""Generates a synthetic lotse site of N entities (and, with --hugo, the same
Markdown as a Hugo site) for benchmarks.

Mix: ~1% regions, ~10% partners, ~5% practice examples, 1 agreement per
region, the rest offers. Bodies have 400-600 words of Markdown with headings,
lists and links. Deterministic for a given N and seed.

With --languages de,en,tr the site lists those languages (the first is the
default) and every third entity gets a translation file in each other
language (title and a body of the same length from its own random stream),
plus translated vocabularies, home text and the language's `language_name`
in the site's i18n/. The default-language content is byte for byte the one
of the one-language site with the same N and seed, so the two builds compare.

usage: generate.py N OUT_DIR [--hugo HUGO_DIR] [--seed S] [--languages de,en,tr]
"""
import argparse
import os
import random

WORDS = (
    "Schule Beruf Ausbildung Praktikum Betrieb Jugendliche Eltern Lehrkräfte Übergang "
    "Beratung Orientierung Kooperation Netzwerk Region Kammer Agentur Steuerung Ziel "
    "Vereinbarung Angebot Bewerbung Berufswahl Zukunft Handwerk Industrie Pflege Technik "
    "Sprache Förderung Begleitung Qualität Standard Messe Woche Tag Termin Gespräch "
    "Unterstützung Chancen Fachkräfte Digitalisierung Kompetenz Potenzial Analyse"
).split()
TARGETS = ["schueler", "eltern", "lehrkraefte", "betriebe"]
FIELDS = ["berufsorientierung", "ausbildungsvermittlung", "akquise", "uebergangsmanagement", "fortbildung"]
PARTNER_KINDS = ["agentur-fuer-arbeit", "ihk", "hwk", "schulamt", "kommune", "jobcenter", "schule", "bildungstraeger"]


def sentence(rng, n=None):
    n = n or rng.randint(8, 16)
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def body(rng, links):
    """~400-600 words: headings, paragraphs, a list, internal links."""
    parts = []
    words = 0
    section = 0
    while words < rng.randint(400, 600):
        section += 1
        parts.append(f"## Abschnitt {section}\n")
        for _ in range(rng.randint(2, 3)):
            para = " ".join(sentence(rng) for _ in range(rng.randint(3, 5)))
            if links and rng.random() < 0.5:
                kind, target = rng.choice(links)
                para += f" Mehr bei [{target}](@/{kind}/{target}.md)."
            parts.append(para + "\n")
            words += len(para.split())
        items = [f"- {sentence(rng, 5)}" for _ in range(rng.randint(3, 5))]
        parts.append("\n".join(items) + "\n")
        words += 25
    return "\n".join(parts)


def hugo_links(text):
    """`(@/partners/x.md)` → `(/partners/x/)`: the same links in Hugo."""
    return text.replace("(@/", "(/").replace(".md)", "/)")


def front(fields):
    lines = ["+++"]
    for k, v in fields:
        lines.append(f"{k} = {v}")
    lines.append("+++")
    return "\n".join(lines) + "\n"


def q(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def qlist(xs):
    return "[" + ", ".join(q(x) for x in xs) + "]"


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--hugo")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--languages", default="")
    a = ap.parse_args()
    langs = [x for x in a.languages.split(",") if x]
    others = langs[1:]
    # translations draw from their own stream: the default language stays
    # identical to the one-language site
    trng = random.Random(a.seed + 1)
    rng = random.Random(a.seed)
    n = a.n
    n_regions = max(1, n // 100)
    n_partners = max(2, n // 10)
    n_practice = max(1, n // 20)
    n_agreements = n_regions
    n_offers = max(1, n - n_regions - n_partners - n_practice - n_agreements)
    out = a.out
    site = 'title = "Benchmark"\nbase_url = "https://bench.example.org/"\n'
    if langs:
        site += f'language = "{langs[0]}"\nlanguages = {qlist(langs)}\n'
    write(f"{out}/site.toml", site)
    voc = ["[region_kinds]", 'landkreis = "Landkreis"', 'kreisfreie-stadt = "Kreisfreie Stadt"', "[partner_kinds]"]
    voc += [f'{k} = "{k.title()}"' for k in PARTNER_KINDS]
    voc += ["[target_groups]"] + [f'{k} = "{k.title()}"' for k in TARGETS]
    voc += ["[fields]"] + [f'{k} = "{k.title()}"' for k in FIELDS]
    voc += ["[quality_standards]"] + [f'{k} = "{k.title()}"' for k in FIELDS]
    voc += ["[network_phases]", 'aufbau = "Aufbau"', 'umsetzung = "Umsetzung"']
    write(f"{out}/content/vocabularies.toml", "\n".join(voc) + "\n")
    write(f"{out}/content/_index.md", "+++\ntitle = \"Benchmark\"\n+++\nEin erzeugter Testauftritt.\n")
    for lang in others:
        write(f"{out}/i18n/{lang}.toml", f'language_name = "{lang.upper()}"\n')
        tvoc = [l if l.startswith("[") else l[:-1] + f' ({lang})"' for l in voc]
        write(f"{out}/content/vocabularies.{lang}.toml", "\n".join(tvoc) + "\n")
        write(f"{out}/content/_index.{lang}.md", f"+++\ntitle = \"Benchmark ({lang})\"\n+++\nA generated test site.\n")
    count = [0]

    def translate(kind, ident, title):
        """Every third entity: one translation per other language."""
        count[0] += 1
        if count[0] % 3 != 1:
            return
        for lang in others:
            write(f"{out}/content/{kind}/{ident}.{lang}.md",
                  f"+++\ntitle = {q(title + ' (' + lang + ')')}\n+++\n\n" + body(trng, links))

    regions = [f"region-{i}" for i in range(n_regions)]
    partners = [f"partner-{i}" for i in range(n_partners)]
    links = [("regions", r) for r in regions] + [("partners", p) for p in partners[:200]]
    hugo = []

    def emit(kind, ident, fields, text):
        write(f"{out}/content/{kind}/{ident}.md", front(fields) + "\n" + text)
        translate(kind, ident, dict(fields)["title"].strip('"'))
        if a.hugo:
            title = dict(fields)["title"]
            tags = dict(fields).get("target_groups", "[]")
            hugo.append((kind, ident, f"+++\ntitle = {title}\ntags = {tags}\n+++\n\n" + hugo_links(text)))

    for i, r in enumerate(regions):
        members = rng.sample(partners, min(8, len(partners)))
        f = [("title", q(f"Region {i}")), ("kind", q(rng.choice(["landkreis", "kreisfreie-stadt"]))),
             ("program", q(rng.choice(["OloV", "KAoA", "JOBSTARTER"]))), ("coordination", qlist(members[:1])),
             ("phase", str(rng.randint(1, 5)))]
        sg = "".join(f"\n[[steering_group]]\npartner = {q(m)}\nrole = \"Mitglied\"\n" for m in members)
        text = body(rng, links)
        write(f"{out}/content/regions/{r}.md", front(f)[:-4] + sg + "+++\n\n" + text)
        translate("regions", r, f"Region {i}")
        if a.hugo:
            hugo.append(("regions", r, f"+++\ntitle = \"Region {i}\"\n+++\n\n" + hugo_links(text)))
    for i, p in enumerate(partners):
        emit("partners", p, [("title", q(f"Partner {i}")), ("kind", q(rng.choice(PARTNER_KINDS))),
                             ("website", q(f"https://partner{i}.example.org/"))], body(rng, links))
    for i in range(n_offers):
        s = rng.randint(1, 28)
        m = rng.randint(1, 12)
        emit("offers", f"offer-{i}", [
            ("title", q(f"Angebot {i}: {sentence(rng, 3)[:-1]}")),
            ("providers", qlist(rng.sample(partners, 1 + (i % 2)))),
            ("regions", qlist(rng.sample(regions, 1))),
            ("target_groups", qlist(rng.sample(TARGETS, rng.randint(1, 2)))),
            ("fields", qlist(rng.sample(FIELDS, rng.randint(1, 2)))),
            ("grades", str(sorted(rng.sample(range(5, 14), rng.randint(1, 3))))),
            ("start", f"2026-{m:02d}-{s:02d}"), ("end", f"2027-{m:02d}-{s:02d}"),
            ("updated", f"2026-{m:02d}-{s:02d}"),
        ], body(rng, links))
    for i in range(n_practice):
        emit("practice", f"practice-{i}", [("title", q(f"Praxis {i}")), ("regions", qlist(rng.sample(regions, 1))),
                                           ("partners", qlist(rng.sample(partners, 2))), ("year", str(2015 + i % 10))],
             body(rng, links))
    for i, r in enumerate(regions):
        ps = rng.sample(partners, min(4, len(partners)))
        f = [("title", q(f"Vereinbarung {i}")), ("regions", qlist([r])), ("signed", "2019-05-01"),
             ("term_years", "5"), ("renews_years", "5")]
        tables = "".join(f"\n[[parties]]\npartner = {q(p)}\n" for p in ps)
        tables += "".join(f"\n[[goals]]\ngoal = {q(sentence(rng))}\nstatus = \"planned\"\nresponsible = {qlist(ps[:1])}\n" for _ in range(3))
        text = body(rng, links)
        write(f"{out}/content/agreements/agreement-{i}.md", front(f)[:-4] + tables + "+++\n\n" + text)
        translate("agreements", f"agreement-{i}", f"Vereinbarung {i}")
        if a.hugo:
            hugo.append(("agreements", f"agreement-{i}", f"+++\ntitle = \"Vereinbarung {i}\"\n+++\n\n" + hugo_links(text)))

    if a.hugo:
        h = a.hugo
        write(f"{h}/hugo.toml", 'baseURL = "https://bench.example.org/"\ntitle = "Benchmark"\n'
              'disableKinds = ["RSS"]\n[taxonomies]\ntag = "tags"\n')
        layouts = {
            "layouts/_default/baseof.html": "<!DOCTYPE html><html><head><title>{{ .Title }}</title></head><body>{{ block \"main\" . }}{{ end }}</body></html>",
            "layouts/_default/single.html": "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}",
            "layouts/_default/list.html": "{{ define \"main\" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}",
            "layouts/index.html": "{{ define \"main\" }}<h1>{{ .Site.Title }}</h1>{{ end }}",
        }
        for p, t in layouts.items():
            write(f"{h}/{p}", t)
        for kind, ident, text in hugo:
            write(f"{h}/content/{kind}/{ident}.md", text)


if __name__ == "__main__":
    main()
