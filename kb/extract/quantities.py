"""Numbers in casualty reports: numerals, number words and the qualifier written before them.

One job: turn the text of a count into (value, qualifier). Digits and number words ("six",
"1,200", "twenty-five", "two dozen") are exact; vague plurals are lower bounds read from
``data/numbers.tsv`` ("dozens" = at least 24), so the words stay data, not code. The qualifier
comes from the words just before the number ("at least", "over" -> AtLeast; "up to", "nearly"
-> AtMost; "about", "some" -> Approximately), listed in ``data/casualty_words.txt``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Token

from kb.extract.words import word_list


DATA = Path(__file__).with_name("data")


def _words(name: str) -> frozenset[str]:
    return word_list(name, "casualty_words.txt")


@lru_cache(maxsize=1)
def number_words() -> dict[str, tuple[int, str]]:
    out = {}
    for line in (DATA / "numbers.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, value, *rest = line.split("\t")
        out[word] = (int(value), rest[0] if rest and rest[0] else "Exact")
    return out


def parse_number(text: str) -> tuple[int, str] | None:
    """``"six"`` -> (6, Exact); ``"1,200"`` -> (1200, Exact); ``"dozens"`` -> (24, AtLeast)."""
    cleaned = text.lower().replace(",", "").strip()
    if re.fullmatch(r"\d+(\.\d+)?", cleaned):
        return int(float(cleaned)), "Exact"
    words = number_words()
    if cleaned in words:
        return words[cleaned]
    parts = re.split(r"[\s\-]+", cleaned)
    if len(parts) > 1 and all(p in words for p in parts):
        total, current = 0, 0
        for p in parts:
            value, qualifier = words[p]
            if qualifier != "Exact":
                return None
            if value in (100, 1000):
                current = max(current, 1) * value
                if value == 1000:
                    total, current = total + current, 0
            elif value == 12 and p == "dozen":
                current = max(current, 1) * 12
            else:
                current += value
        return total + current, "Exact"
    return None


def qualifier_before(token: Token) -> str | None:
    """The qualifier written just before a number ("at least 12", "over 50")."""
    doc = token.doc
    before = " ".join(t.lower_ for t in doc[max(0, token.i - 3):token.i])
    for qualifier, section in (("AtLeast", "at_least"), ("AtMost", "at_most"), ("Approximately", "approximately")):
        for phrase in _words(section):
            if before == phrase or before.endswith(" " + phrase):
                return qualifier
    return None
