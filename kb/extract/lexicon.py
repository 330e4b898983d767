"""The curated actor lexicon (``data/actors.tsv``) and the actors derived from countries.

The lexicon also lists heads of state and government that conflict news quotes most
(kind ``Person``, member of their government), so that "Ghani offered ..." brings the
Government of Afghanistan with the person. A one-word alias of a person is a surname:
it is not matched as a name everywhere (it is part of other people's names), only read
by the resolver where it stands alone (``person_by_surname``).

Countries, their governments, armed forces and police are not listed by hand:
they are built from the gazetteer's country table (``kb/gazetteer/data/countries.tsv``
gives demonyms and Wikidata ids), so "Salvadoran army" and "Afghan government"
work for every country alike. Keys are slugs of the labels and stable:
``government-of-afghanistan``, ``afghan-forces``, ``united-states``. Labels read as English
does: "Government of the United States" (key ``government-of-united-states``), "the Philippines".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kb.extract.words import word_list
from kb.gazetteer import get_gazetteer, name_key, slug
from kb.model import Actor

DATA = Path(__file__).with_name("data")
_EXACT_MAX = 4  # all-capital aliases up to this length match only as written ("IS", "UN")


@dataclass(frozen=True)
class ActorEntry:
    key: str
    label: str
    kind: str
    wikidata: str | None = None
    member_of: str | None = None
    country: str | None = None
    takes_the: bool = False
    aliases: tuple[str, ...] = ()

    def to_actor(self, job_title: str | None = None) -> Actor:
        aliases = tuple(a for a in dict.fromkeys(self.aliases) if a != self.label)
        return Actor(self.key, self.label, self.kind, aliases, self.wikidata, self.member_of, job_title)

    @property
    def title_label(self) -> str:
        """The label as it reads inside a sentence ("the Taliban")."""
        return f"the {self.label}" if self.takes_the else self.label


class ActorLexicon:
    """Alias lookups over the curated lexicon and the country-derived actors."""

    def __init__(self) -> None:
        self.gazetteer = get_gazetteer()
        self.entries: dict[str, ActorEntry] = {}
        self.index: dict[str, str] = {}  # name_key(alias) -> actor key
        self.exact: dict[str, str] = {}  # short all-capital alias -> actor key
        self.lower_starts: set[str] = set()  # first-word keys of aliases written in lower case
        self.surnames: dict[str, str] = {}  # name_key(surname) -> key of a listed person
        for row in _rows("actors.tsv"):
            key, label, kind, wikidata, member_of, country, the, aliases = (row + [""] * 8)[:8]
            entry = ActorEntry(key, label, kind, wikidata or None, member_of or None, country or None,
                               the == "the", tuple(a for a in aliases.split("|") if a))
            self.entries[key] = entry
            for alias in (label, *entry.aliases):
                self._add_alias(alias, key)

    def _add_alias(self, alias: str, key: str) -> None:
        if self.entries[key].kind == "Person" and len(alias.split()) == 1 and alias[:1].isupper():
            # a person's surname alone ("Ghani") is no name to match everywhere ("Abdul Ghani
            # Baradar" is someone else): the resolver reads it only where it stands alone
            self.surnames.setdefault(name_key(alias), key)
            return
        bare = alias.replace(".", "")
        if bare.isupper() and len(bare) <= _EXACT_MAX:
            self.exact.setdefault(bare, key)
            return
        self.index.setdefault(name_key(alias), key)
        if alias[:1].islower():
            self.lower_starts.add(name_key(re.split(r"[\s\-]", alias)[0]))

    # -- lookups -----------------------------------------------------------

    def find(self, text: str) -> ActorEntry | None:
        """The lexicon actor a name stands for, if any ("ISIS" -> Islamic State)."""
        key = self.exact.get(text.replace(".", "").strip()) or self.index.get(name_key(text))
        return self.get(key) if key else None

    def person_by_surname(self, text: str) -> ActorEntry | None:
        """The listed person a surname standing alone names ("Ghani" -> Ashraf Ghani), if any."""
        key = self.surnames.get(name_key(text))
        return self.entries.get(key) if key else None

    def get(self, key: str) -> ActorEntry | None:
        entry = self.entries.get(key)
        if entry is None and key:
            entry = self._derived(key)
        return entry

    # -- actors derived from countries ------------------------------------

    def country(self, code: str) -> ActorEntry | None:
        info = self.gazetteer.country_info.get(code)
        if info is None:
            return None
        demonyms = list(info.demonyms)
        name = _bare_name(info.name)
        return ActorEntry(slug(info.name), name, "Country", info.wikidata, None, code, takes_the(name),
                          tuple(dict.fromkeys([name, *self._country_names(code), *demonyms])))

    def government(self, code: str) -> ActorEntry | None:
        info = self.gazetteer.country_info.get(code)
        if info is None:
            return None
        name = _bare_name(info.name)
        names = [name, *self._country_names(code)]
        aliases = [f"{d} government" for d in info.demonyms] + [f"{n} government" for n in names]
        aliases += [f"government of {n}" for n in names]
        # the key keeps its first spelling (stable ids); the label reads as English does
        label = f"Government of the {name}" if takes_the(name) else f"Government of {name}"
        return ActorEntry(slug(f"Government of {info.name}"), label, "Government",
                          None, None, code, True, tuple(dict.fromkeys(aliases)))

    def forces(self, code: str) -> ActorEntry | None:
        return self._force(code, "forces", ("forces", "security forces", "armed forces", "army", "military", "troops", "soldiers"))

    def police(self, code: str) -> ActorEntry | None:
        return self._force(code, "police", ("police", "police force", "policemen"))

    def _force(self, code: str, noun: str, variants: tuple[str, ...]) -> ActorEntry | None:
        info = self.gazetteer.country_info.get(code)
        if info is None:
            return None
        demonym = info.demonyms[0] if info.demonyms else info.name
        aliases = [f"{d} {v}" for d in (*info.demonyms, info.name) for v in variants]
        return ActorEntry(slug(f"{demonym} {noun}"), f"{demonym} {noun}", "SecurityForce", None,
                          slug(f"Government of {info.name}"), code, False, tuple(dict.fromkeys(aliases)))

    def _country_names(self, code: str) -> list[str]:
        info = self.gazetteer.country_info.get(code)
        return list(info.names) if info else []

    @lru_cache(maxsize=4096)  # noqa: B019 - the lexicon lives as long as the process
    def _derived(self, key: str) -> ActorEntry | None:
        for code in _codes_by_slug().get(key, ()):
            for build in (self.country, self.government, self.forces, self.police):
                entry = build(code)
                if entry is not None and entry.key == key:
                    return entry
        return None


@lru_cache(maxsize=1)
def _codes_by_slug() -> dict[str, tuple[str, ...]]:
    """Derived-actor key -> the country codes it may come from (built once)."""
    gaz = get_gazetteer()
    out: dict[str, list[str]] = {}
    for code, info in gaz.country_info.items():
        demonym = info.demonyms[0] if info.demonyms else info.name
        for key in (slug(info.name), slug(f"Government of {info.name}"), slug(f"{demonym} forces"), slug(f"{demonym} police")):
            out.setdefault(key, []).append(code)
    return {k: tuple(v) for k, v in out.items()}


def takes_the(country_name: str) -> bool:
    """Whether a country's name reads with "the" ("the United States", "the Philippines")."""
    words = set(country_name.lower().split())
    return bool(words & word_list("the_country_words", "actor_words.txt")) or \
        country_name.lower() in word_list("the_countries", "actor_words.txt")


def _bare_name(name: str) -> str:
    """"The Netherlands" -> "Netherlands": the article is added where the name is used."""
    return name[4:] if name.startswith("The ") else name


def _rows(name: str) -> list[list[str]]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def get_lexicon() -> ActorLexicon:
    """The process-wide actor lexicon."""
    return ActorLexicon()
