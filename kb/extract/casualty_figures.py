"""One casualty figure found in a sentence, and the rules for recording one.

One job: the ``Figure`` record (a count with the casualty word it hangs on and its victim
phrase) and how a victim phrase becomes a figure: a victim already counted for the same outcome
or named after "including" adds nothing; a negated verb ("did not kill anyone") gives zero;
"no one (else) was hurt" also says nobody was killed. Kept apart from the readers of verbs and
tolls so that both record figures the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from kb.extract.victims import count_phrase, inside_including, says_else
from kb.model import CasualtyCount


@dataclass
class Figure:
    """One casualty figure found in a sentence, with the token it hangs on."""

    count: CasualtyCount
    anchor: Token  # the casualty verb or noun
    victim_head: Token | None
    update: bool = False  # "the toll rose to 15": replaces earlier figures
    additional: bool = False  # "two policemen were also killed": adds to the earlier figure


def add_figure(figures: list[Figure], anchor: Token, victim: Token, outcome: str, negated: bool) -> None:
    if any(f.victim_head is not None and f.victim_head.i == victim.i and f.count.outcome == outcome for f in figures):
        return
    if inside_including(victim):
        return
    counted = count_phrase(victim)
    if counted is None:
        return
    value, qualifier, group = counted
    if negated:
        if value != 0 and victim.lower_ not in ("one", "anyone", "anybody"):
            return
        value = 0
    if value == 0 and outcome == "Injured" and anchor.lemma_.lower() == "hurt" and not says_else(victim):
        figures.append(Figure(CasualtyCount("Killed", 0, "Exact"), anchor, victim))
    additional = any(c.lower_ in ("also", "too", "additionally") for c in anchor.children)
    figures.append(Figure(CasualtyCount(outcome, value, qualifier, group), anchor, victim, additional=additional))


def add_zero_figures(figures: list[Figure], anchor: Token, outcomes: tuple[str, ...]) -> None:
    for outcome in outcomes:
        if not any(f.count.outcome == outcome and f.anchor.i == anchor.i for f in figures):
            figures.append(Figure(CasualtyCount(outcome, 0, "Exact"), anchor, None))
