"""Casualty figures: who was killed, injured or kidnapped, how many, and in which event.

This module is the front of the casualty stage: it names the public functions the rest of the
extractor and the tests use; the modules below hold one job each.

* ``quantities``: numbers and their qualifiers ("six", "1,200", "two dozen", "at least 12",
  "dozens" = at least 24 from ``data/numbers.tsv``).
* ``victims``: the victim phrases of a casualty word and what each counts (``count_phrase``):
  one for a singular phrase ("a policeman", a named person), nothing for a phrase with no count
  ("the dead", "them": unknown stays absent), victims after "including" not counted again,
  lists the parser took for appositions ("a professor, a policeman, and a pedestrian") and
  tallies of participles ("12 killed, 15 injured") read back.
* ``casualty_figures``: the ``Figure`` record and how a victim phrase becomes one.
* ``casualty_expressions``: ``find_casualties``, every casualty expression of a sentence
  (verbs with their victims, nouns such as "the deaths of 12 people", explicit zeros such as
  "no one was hurt").
* ``tolls``: "the death toll rose to 25", "12 dead" (a toll counts only a number: "the toll
  from the blast at a wedding hall has risen to 63" is 63, not one hall).
* ``figure_owners``: ``attach_figures``, which event each figure belongs to; "the toll rose to
  31 by Saturday" updates the event told before, whatever its own date.
* ``claims``: ``claims_responsibility``, a sentence claiming an attack told before.
* ``incident_summaries``: ``distribute_summaries``, a lead that sums up several incidents hands
  its victims to the accounts that follow.
* ``casualty_totals``: ``statements_of`` and ``totals``: figures of different victims in one
  statement add up ("six police officers and two civilians" = 8); across statements of the same
  event an update replaces what came before, otherwise the lowest stands. "No one was hurt" = 0
  killed and 0 injured; "no injuries" = 0 injured.
"""

from __future__ import annotations

from kb.extract.casualty_expressions import find_casualties
from kb.extract.casualty_figures import Figure
from kb.extract.casualty_totals import Statement, statements_of, totals
from kb.extract.claims import claims_responsibility
from kb.extract.figure_owners import attach_figures
from kb.extract.incident_summaries import distribute_summaries
from kb.extract.quantities import DATA, number_words, parse_number
from kb.extract.victims import count_phrase

__all__ = [
    "DATA",
    "Figure",
    "Statement",
    "attach_figures",
    "claims_responsibility",
    "count_phrase",
    "distribute_summaries",
    "find_casualties",
    "number_words",
    "parse_number",
    "statements_of",
    "totals",
]
