"""The grammar of English time expressions: one regular expression per form, each
with the function that turns a match into a TIMEX3 type and value.

Every rule is written for news in general. Rules may match overlapping text; the
tagger keeps the longest match (then the rule registered first). A rule that matches
but sees that the words are not a time here ("Theresa May", "the 30th anniversary",
"1,500 troops") returns None.

Extents follow TimeML: determiners and modifiers belong to the expression ("the past
several months", "late last July"), prepositions do not ("on Wednesday" ->
"Wednesday"); the possessive "'s" is left out ("this year's").

The rules live in four modules, registered in this order (which breaks ties between
matches of equal length): ``dates`` (calendar dates, years, seasons, quarters,
holidays), ``relative`` (weekdays, today, last week, two days ago, now/recently/soon),
``lengths`` (durations and sets), ``clock`` (clock times).
"""

from __future__ import annotations

import re
from functools import cache

# Importing the rule modules registers their rules; the order is their priority.
from kb.timex.grammar import dates  # noqa: F401
from kb.timex.grammar import relative  # noqa: F401
from kb.timex.grammar import lengths  # noqa: F401
from kb.timex.grammar import clock  # noqa: F401
from kb.timex.grammar.base import _RULE_SOURCES, Context, Found, Rule, blocks, trigger_words

__all__ = ["Context", "Found", "Rule", "rules", "trigger_index"]


@cache
def rules() -> tuple[Rule, ...]:
    """Every rule, compiled, in registration order (its index is its priority)."""
    parts = blocks()
    return tuple(
        Rule(name, re.compile(source % parts), handler, priority, trigger_words(triggers))
        for priority, (name, source, handler, triggers) in enumerate(_RULE_SOURCES)
    )


@cache
def trigger_index() -> dict[str, tuple[int, ...]]:
    """Token -> the rules (by position in :func:`rules`) it wakes up."""
    index: dict[str, list[int]] = {}
    for position, found in enumerate(rules()):
        for word in found.triggers:
            index.setdefault(word, []).append(position)
    return {word: tuple(positions) for word, positions in index.items()}
