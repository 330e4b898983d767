"""Casualty figures: counts in digits and words, qualifiers, outcomes, victim groups, totals."""

from __future__ import annotations

import pytest

from kb.extract.casualties import Statement, find_casualties, parse_number, totals
from kb.extract.pipeline import get_nlp, prepare_text
from kb.model import CasualtyCount


@pytest.fixture(scope="module")
def nlp():
    return get_nlp()


def figures(nlp, sentence: str) -> list[tuple]:
    doc = nlp(prepare_text(sentence))
    return [(f.count.outcome, f.count.count, f.count.qualifier, f.count.victim_group) for f in find_casualties(doc[:])]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Militants launched an assault, killing a policeman.", [("Killed", 1, "Exact", "policeman")]),
        ("The attack killed six police officers and injured eight civilians.",
         [("Killed", 6, "Exact", "police officers"), ("Injured", 8, "Exact", "civilians")]),
        ("Missile strikes killed over 50 Afghan leaders.", [("Killed", 50, "AtLeast", "Afghan leaders")]),
        ("The blast killed at least 12 people and wounded more than 20 others.",
         [("Killed", 12, "AtLeast", "people"), ("Injured", 20, "AtLeast", "others")]),
        ("Dozens of people were killed.", [("Killed", 24, "AtLeast", "people")]),
        ("Six soldiers were killed and two civilians died.",
         [("Killed", 6, "Exact", "soldiers"), ("Killed", 2, "Exact", "civilians")]),
        ("Twenty-five people were killed.", [("Killed", 25, "Exact", "people")]),
        ("Some 20 people were killed, including three children.", [("Killed", 20, "Approximately", "people")]),
        ("Up to 30 people were wounded.", [("Injured", 30, "AtMost", "people")]),
        ("Gunmen shot dead two police officers.", [("Killed", 2, "Exact", "police officers")]),
        ("The attack left three dead and 12 wounded.", [("Killed", 3, "Exact", None), ("Injured", 12, "Exact", None)]),
        ("The death toll rose to 25.", [("Killed", 25, "Exact", None)]),
        ("Guerrillas kidnapped two engineers.", [("Kidnapped", 2, "Exact", "engineers")]),
        ("No one was hurt in the blast.", [("Killed", 0, "Exact", None), ("Injured", 0, "Exact", None)]),
        ("No one else was hurt.", [("Injured", 0, "Exact", None)]),
        ("There were no casualties.", [("Killed", 0, "Exact", None), ("Injured", 0, "Exact", None)]),
        ("The bomb did not cause any injuries.", [("Injured", 0, "Exact", None)]),
        ("Several people were killed.", []),
        ("The dead were buried on Friday.", []),
    ],
)
def test_casualty_phrases(nlp, sentence, expected):
    assert figures(nlp, sentence) == expected


@pytest.mark.parametrize("text, value", [
    ("six", (6, "Exact")), ("1,200", (1200, "Exact")), ("twenty-five", (25, "Exact")),
    ("two dozen", (24, "Exact")), ("dozens", (24, "AtLeast")), ("hundreds", (200, "AtLeast")), ("many", None),
])
def test_number_words(text, value):
    assert parse_number(text) == value


def statement(key, *counts, update=False):
    return Statement((1, key), tuple(CasualtyCount(o, n) for o, n in counts), update)


def test_victims_of_one_statement_add_up():
    assert totals([statement(1, ("Killed", 9), ("Killed", 9), ("Injured", 4))]) == (18, 4)


def test_competing_figures_keep_the_lowest():
    assert totals([statement(1, ("Killed", 33)), statement(2, ("Killed", 20))]) == (20, None)


def test_an_update_replaces_earlier_figures():
    assert totals([statement(1, ("Killed", 10)), statement(2, ("Killed", 15), update=True), statement(3, ("Killed", 12))]) == (15, None)


def test_unknown_stays_absent():
    assert totals([]) == (None, None)
