#!/usr/bin/env python3
"""Generates a synthetic lotse site for benchmarks (deterministic, no deps).

Usage: benches/gen_site.py DIR [--offers N] [--regions N] [--partners N]
                           [--practices N] [--agreements N] [--seed S]

DIR must not exist or be empty. The site follows CONTENT-MODEL.md: every
reference resolves, every vocabulary term exists, so it builds without
errors. Defaults: 10,000 offers, 20 regions, 300 partners, 60 practice
examples, 12 agreements.
"""

import argparse
import os
import random
import sys

VOCAB = """\
[region_kinds]
landkreis = "Landkreis"
kreisfreie-stadt = "Kreisfreie Stadt"
sonderstatusstadt = "Sonderstatusstadt"

[partner_kinds]
agentur-fuer-arbeit = "Agentur für Arbeit"
ihk = "Industrie- und Handelskammer"
hwk = "Handwerkskammer"
kreishandwerkerschaft = "Kreishandwerkerschaft"
schulamt = "Schulamt / Schulaufsicht"
kommune = "Kommune / Kreisverwaltung"
jobcenter = "Jobcenter"
schule = "Schule"
bildungstraeger = "Bildungsträger"

[target_groups]
schueler = "Schülerinnen und Schüler"
eltern = "Eltern und Erziehungsberechtigte"
lehrkraefte = "Lehrkräfte und Schulleitungen"
betriebe = "Betriebe und Ausbildende"
ausbildungssuchende = "Ausbildungssuchende Jugendliche"
netzwerkpartner = "Fachkräfte und Netzwerkpartner"

[fields]
berufsorientierung = "Berufsorientierung"
ausbildungsvermittlung = "Ausbildungsvermittlung / Matching"
akquise = "Akquise von Ausbildungs- und Praktikumsplätzen"
uebergangsmanagement = "Übergangsmanagement"
fortbildung = "Fortbildung"
elternarbeit = "Elternarbeit"
kommunale-koordinierung = "Kommunale Koordinierung"

[quality_standards]
berufsorientierung = "OloV-Bereich Berufsorientierung"
akquise = "OloV-Bereich Akquise von Ausbildungsplätzen"
vermittlung-matching = "OloV-Bereich Vermittlung / Matching"

[network_phases]
aufbau = "Phase I: Aufbau des Netzwerkes"
umsetzung = "Phase II: Umsetzung der Netzwerkarbeit"
nachhaltigkeit-transfer = "Phase III: Nachhaltigkeit und Transfer"
"""

WORDS = (
    "Berufsorientierung Praktikum Ausbildung Betrieb Schule Eltern Beratung "
    "Bewerbung Messe Werkstatt Projekt Netzwerk Übergang Zukunft Handwerk "
    "Pflege Technik Handel Verwaltung Labor Küche Garten Lager Büro"
).split()

PAGES = {
    "impressum": "Impressum",
    "datenschutz": "Datenschutz",
    "barrierefreiheit": "Barrierefreiheit",
    "leichte-sprache": "Leichte Sprache",
}


def q(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def qlist(xs):
    return "[" + ", ".join(q(x) for x in xs) + "]"


def sentence(rng, n=12):
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def body(rng, paragraphs=2):
    return "\n\n".join(
        " ".join(sentence(rng) for _ in range(3)) for _ in range(paragraphs)
    )


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def offer_text(rng, i, regions, partners, title_suffix=""):
    tgs = ["schueler", "eltern", "lehrkraefte", "betriebe",
           "ausbildungssuchende", "netzwerkpartner"]
    fields = ["berufsorientierung", "ausbildungsvermittlung", "akquise",
              "uebergangsmanagement", "fortbildung", "elternarbeit",
              "kommunale-koordinierung"]
    g0 = rng.randint(5, 11)
    grades = list(range(g0, min(13, g0 + rng.randint(0, 2)) + 1))
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    lines = [
        "+++",
        f"title = {q(f'Angebot {i}: {rng.choice(WORDS)} und {rng.choice(WORDS)}{title_suffix}')}",
        f"providers = {qlist(sorted(set(rng.sample(partners, rng.randint(1, 2)))))}",
        f"regions = {qlist(sorted(set(rng.sample(regions, rng.randint(1, 2)))))}",
        f"target_groups = {qlist(sorted(set(rng.sample(tgs, rng.randint(1, 2)))))}",
        f"fields = {qlist(sorted(set(rng.sample(fields, rng.randint(1, 2)))))}",
        f"grades = [{', '.join(str(g) for g in grades)}]",
        f"start = 2026-{month:02}-{day:02}",
        f"end = 2027-{month:02}-{day:02}",
        f"schedule = {q('dienstags, 14–16 Uhr')}",
        f"cost = {q('kostenfrei')}",
        "+++",
        body(rng),
        "",
    ]
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir")
    ap.add_argument("--offers", type=int, default=10000)
    ap.add_argument("--regions", type=int, default=20)
    ap.add_argument("--partners", type=int, default=300)
    ap.add_argument("--practices", type=int, default=60)
    ap.add_argument("--agreements", type=int, default=12)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()

    if os.path.exists(a.dir) and os.listdir(a.dir):
        sys.exit(f"{a.dir} exists and is not empty")
    rng = random.Random(a.seed)
    root = a.dir
    c = os.path.join(root, "content")

    write(os.path.join(root, "site.toml"),
          'title = "Benchmark-Netzwerk"\n'
          'base_url = "https://bench.example.org/"\n'
          'language = "de"\n'
          'description = "Eine erzeugte Seite für Messungen."\n')
    write(os.path.join(c, "vocabularies.toml"), VOCAB)
    write(os.path.join(c, "_index.md"),
          '+++\ntitle = "Benchmark-Netzwerk"\n+++\n' + body(rng) + "\n")

    kinds = ["agentur-fuer-arbeit", "ihk", "hwk", "kreishandwerkerschaft",
             "schulamt", "kommune", "jobcenter", "schule", "bildungstraeger"]
    partners = [f"partner-{i:04}" for i in range(a.partners)]
    for i, p in enumerate(partners):
        write(os.path.join(c, "partners", p + ".md"),
              f'+++\ntitle = "Partner {i}"\nkind = "{kinds[i % len(kinds)]}"\n'
              f'short = "P{i}"\n+++\n{body(rng, 1)}\n')

    regions = [f"region-{i:03}" for i in range(a.regions)]
    rkinds = ["landkreis", "kreisfreie-stadt", "sonderstatusstadt"]
    for i, r in enumerate(regions):
        members = rng.sample(partners, min(6, len(partners)))
        sg = "".join(
            f'\n[[steering_group]]\npartner = "{m}"\nrole = "Mitglied"\n'
            for m in members
        )
        write(os.path.join(c, "regions", r + ".md"),
              f'+++\ntitle = "Region {i}"\nkind = "{rkinds[i % 3]}"\n'
              f'state = "Hessen"\nprogram = "OloV"\nphase = {1 + i % 5}\n'
              f'coordination = {qlist(members[:1])}\n'
              f'quality_standards = ["berufsorientierung"]\n{sg}+++\n'
              f'{body(rng)}\n')

    for i in range(a.offers):
        write(os.path.join(c, "offers", f"angebot-{i:05}.md"),
              offer_text(rng, i, regions, partners))

    for i in range(a.practices):
        write(os.path.join(c, "practice", f"praxis-{i:03}.md"),
              f'+++\ntitle = "Praxisbeispiel {i}"\n'
              f'regions = {qlist(rng.sample(regions, 1))}\n'
              f'partners = {qlist(sorted(rng.sample(partners, 2)))}\n'
              f'fields = ["berufsorientierung"]\nyear = {2010 + i % 15}\n+++\n'
              f'## Ausgangslage\n\n{body(rng, 1)}\n\n## Umsetzung\n\n{body(rng, 1)}\n')

    for i in range(a.agreements):
        parties = sorted(rng.sample(partners, 4))
        ps = "".join(f'\n[[parties]]\npartner = "{p}"\n' for p in parties)
        write(os.path.join(c, "agreements", f"vereinbarung-{i:03}.md"),
              f'+++\ntitle = "Vereinbarung {i}"\n'
              f'regions = {qlist(rng.sample(regions, 1))}\n'
              f'signed = 20{10 + i % 15:02}-05-29\nterm_years = 3\nrenews_years = 1\n'
              f'{ps}\n[[goals]]\ngoal = "Mehr Praktikumsplätze"\n'
              f'status = "in-progress"\nresponsible = {qlist(parties[:1])}\n+++\n'
              f'{body(rng)}\n')

    for pid, title in PAGES.items():
        write(os.path.join(c, "pages", pid + ".md"),
              f'+++\ntitle = "{title}"\n+++\n{body(rng, 1)}\n')
    print(f"wrote {root}: {a.offers} offers, {a.regions} regions, "
          f"{a.partners} partners, {a.practices} practice examples, "
          f"{a.agreements} agreements")


if __name__ == "__main__":
    main()
