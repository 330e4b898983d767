"""One IRI per real actor across articles: ``ActorResolver``.

What the extractor already guarantees: named groups, governments, forces and
countries are keyed by lexicon slugs, so "IS", "ISIS", "ISIL" and "Daesh" are
all ``actor/islamic-state`` in every article, and "US", "U.S." and "United
States" all ``actor/united-states``. Two things are left to the cross-article
level, and done here:

* **A state is one actor.** The extractor keeps a country ("US officials",
  "Russia") apart from its government ("the US government"); reports of one
  incident use either. Canonical events name the government
  (``actor/government-of-united-states``) for both, with the country's names as
  its ``skos:altLabel``. Forces and police stay actors of their own
  (``schema:memberOf`` their government).
* **A person is one actor.** Within an article the extractor keys a person by
  the fullest name it saw there ("General John Nicholson" -> ``john-nicholson``),
  so an article that says only "Nicholson" makes ``actor/nicholson``. Across
  the store, persons are grouped by surname: full names agree when one's given
  names are among (or initials of) the other's ("Ashraf Ghani" = "Mohammad
  Ashraf Ghani", not "Jim Nicholson"); each group of agreeing full names is one
  person, named by the form most articles use (then the longest, then the
  smallest IRI). A surname alone is that person when exactly one such group
  bears the surname, or exactly one whose job title or affiliation agrees.
  Otherwise it stays unresolved: two Nicholsons are never guessed between.
  A one-word name the recogniser typed as an organisation ("Nicholson"
  as ORG) is treated as a surname when a person with that surname exists.

The person resolution is a function of the set of persons in the store, never
of ingest order. It is stored per surname in ``{base}graph/persons/{surname}``
(``<alias> owl:sameAs <person>``, ``<person> skos:altLabel "alias"``) and
recomputed for the surnames an update touches.

For merging, ``closure(actor)`` is the actor with everything it belongs to:
its canonical IRI, its groups (``schema:memberOf``, any depth) and its state
(``state:AF``): two perpetrators conflict only when their closures are disjoint,
so al-Shabaab and al-Qaeda, or Afghan forces and the Afghan government, do not.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from kb.gazetteer import name_key
from kb.ids import Iris
from kb.merge.mentions import ActorInfo

STATE_KINDS = ("Country", "Government")


@dataclass
class PersonGroup:
    """The persons of one surname and how they resolve."""

    surname: str  # name_key of the surname
    members: dict[str, tuple[str, str]] = field(default_factory=dict)  # iri -> (label, kind)
    canonical: dict[str, str] = field(default_factory=dict)  # alias iri -> person iri (resolved only)

    def links(self) -> set[tuple[str, str]]:
        return {(alias, person) for alias, person in self.canonical.items() if alias != person}


def surname_of(label: str) -> str:
    words = [w for w in label.replace("-", " ").split() if name_key(w)]
    return name_key(words[-1]) if words else ""


def given_names(label: str) -> list[str]:
    words = [name_key(w) for w in label.replace("-", " ").split() if name_key(w)]
    return words[:-1]


def names_agree(a: str, b: str) -> bool:
    """Two full names of one surname name one person: every given name of the shorter
    is a given name (or the initial of one) of the longer."""
    short, long = sorted((given_names(a), given_names(b)), key=len)
    return all(any(g == h or (len(g) == 1 and h.startswith(g)) or (len(h) == 1 and g.startswith(h)) for h in long)
               for g in short)


def resolve_group(group: PersonGroup, counts: dict[str, int], actors: dict[str, ActorInfo]) -> None:
    """Fill ``group.canonical`` (see the module docstring for the rules)."""
    full = {iri: label for iri, (label, kind) in group.members.items() if kind == "Person" and given_names(label)}
    single = {iri: label for iri, (label, kind) in group.members.items() if iri not in full}
    clusters: list[list[str]] = []
    for iri in sorted(full, key=lambda i: (-len(given_names(full[i])), full[i], i)):
        home = next((c for c in clusters if all(names_agree(full[iri], full[o]) for o in c)), None)
        if home is None:
            clusters.append([iri])
        else:
            home.append(iri)
    group.canonical = {}
    heads = []
    for cluster in clusters:
        head = min(cluster, key=lambda i: (-counts.get(i, 0), -len(given_names(full[i])), i))
        heads.append((head, cluster))
        for iri in cluster:
            group.canonical[iri] = head
    for iri in sorted(single):
        found = [head for head, _ in heads]
        if len(found) > 1:
            found = [head for head, cluster in heads if _agrees(iri, cluster, actors)]
        if len(found) == 1:
            group.canonical[iri] = found[0]


def _agrees(alias: str, cluster: list[str], actors: dict[str, ActorInfo]) -> bool:
    """A surname's job title or affiliation matches one of the full-name persons'."""
    mine = actors.get(alias)
    if mine is None:
        return False
    titles = {name_key(w) for t in mine.job_titles for w in t.split()}
    for iri in cluster:
        other = actors.get(iri)
        if other is None:
            continue
        if titles & {name_key(w) for t in other.job_titles for w in t.split()}:
            return True
        if set(mine.member_of) & set(other.member_of):
            return True
    return False


def group_persons(names: Iterable[tuple[str, str, str]], surnames: Iterable[str] | None = None) -> dict[str, PersonGroup]:
    """Persons (and one-word organisations) by surname; only ``surnames`` when given."""
    wanted = set(surnames) if surnames is not None else None
    groups: dict[str, PersonGroup] = {}
    for iri, label, kind in names:
        key = surname_of(label)
        if not key or (wanted is not None and key not in wanted):
            continue
        groups.setdefault(key, PersonGroup(key)).members[iri] = (label, kind)
    # A one-word organisation is a surname only where a person bears it.
    return {k: g for k, g in groups.items() if any(kind == "Person" for _, kind in g.members.values())}


class ActorResolver:
    """Canonical IRIs and closures of actors, for one merge run."""

    def __init__(self, iris: Iris, actors: dict[str, ActorInfo], persons: dict[str, str] | None = None) -> None:
        self.iris = iris
        self.actors = actors  # what is known of each actor (fetched with its groups)
        self.persons = persons or {}  # alias iri -> person iri
        self._closures: dict[str, frozenset[str]] = {}

    # -- identity ------------------------------------------------------------

    def key(self, iri: str) -> str:
        return iri.removeprefix(f"{self.iris.base}actor/")

    def state(self, iri: str) -> str | None:
        """The country code of a state actor (a country or its government)."""
        info = self.actors.get(iri)
        if info is None or info.kind not in STATE_KINDS:
            return None
        entry = _lexicon().get(self.key(iri))
        return entry.country if entry is not None and entry.kind in STATE_KINDS else None

    def government(self, code: str) -> str | None:
        entry = _lexicon().government(code)
        return self.iris.actor(entry.key) if entry else None

    def canonical(self, iri: str) -> str:
        """The one IRI this actor has in canonical events."""
        if iri in self.persons:
            return self.persons[iri]
        code = self.state(iri)
        if code:
            return self.government(code) or iri
        return iri

    def is_person(self, iri: str) -> bool:
        info = self.actors.get(self.canonical(iri)) or self.actors.get(iri)
        return info is not None and info.kind == "Person"

    # -- closures ------------------------------------------------------------

    def closure(self, iri: str) -> frozenset[str]:
        """The actor's canonical IRI, its groups at any depth and its state ("state:AF")."""
        if iri not in self._closures:
            out: set[str] = set()
            pending = [self.canonical(iri)]
            while pending:
                current = pending.pop()
                if current in out:
                    continue
                out.add(current)
                code = self.state(current)
                if code:
                    out.add(f"state:{code}")
                info = self.actors.get(current)
                if info:
                    pending += [self.canonical(m) for m in info.member_of]
            self._closures[iri] = frozenset(out)
        return self._closures[iri]

    def overlap(self, x: set[str], y: set[str]) -> int:
        """How many actors of ``x`` share their closure with some actor of ``y``."""
        if not x or not y:
            return 0
        cy = set().union(*(self.closure(i) for i in y))
        return sum(1 for i in x if self.closure(i) & cy)


def _lexicon():
    from kb.extract.lexicon import get_lexicon  # the gazetteer's country table behind state actors

    return get_lexicon()


def person_resolution(names: list[tuple[str, str, str]], counts: dict[str, int],
                      actors: dict[str, ActorInfo], surnames: Iterable[str] | None = None) -> dict[str, PersonGroup]:
    """The resolved person groups of the given surnames (all when None)."""
    groups = group_persons(names, surnames)
    for group in groups.values():
        resolve_group(group, counts, actors)
    return groups


def by_surname(actors: dict[str, ActorInfo]) -> dict[str, set[str]]:
    """Surname keys of the persons (and one-word names) among ``actors``."""
    out: dict[str, set[str]] = defaultdict(set)
    for iri, info in actors.items():
        if info.kind == "Person" or (info.kind == "Organization" and " " not in info.label):
            key = surname_of(info.label)
            if key:
                out[key].add(iri)
    return out
