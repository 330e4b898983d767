"""The extractor's word lists, read from ``data/word_lists.txt`` (one section per list)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).with_name("data")


@lru_cache(maxsize=None)
def sections(filename: str = "word_lists.txt") -> dict[str, frozenset[str]]:
    """Every ``[section]`` of a list file as a set of lower-case entries."""
    out: dict[str, set[str]] = {}
    current = None
    for raw in (DATA / filename).read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = out.setdefault(line[1:-1], set())
            continue
        if current is None:
            raise ValueError(f"{filename}: entry {line!r} before any [section]")
        current.add(line.lower())
    return {name: frozenset(words) for name, words in out.items()}


def word_list(name: str, filename: str = "word_lists.txt") -> frozenset[str]:
    return sections(filename)[name]


TITLE_WORDS = frozenset(w.capitalize() for w in word_list("titles")) | frozenset(w.upper() for w in word_list("titles"))
DESIGNATOR_WORDS = word_list("designators")
PROVINCE_WORDS = word_list("province_designators")
CITY_WORDS = word_list("city_designators")
CONNECTOR_WORDS = word_list("connectors")
# A noun after these belongs to a clause about something else: "despite the truce, a bomb killed ..."
BOUNDARY_PREPS = frozenset({"despite", "after", "before", "following", "amid", "since", "during", "until",
                            "because", "behind", "like", "unlike", "besides", "ahead", "than", "over"})
