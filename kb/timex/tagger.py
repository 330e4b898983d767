"""Find and normalise every time expression of a text: :func:`tag`.

Steps: run every grammar rule over the raw text; keep, among overlapping matches, the
longest (then the rule listed first); widen dates by the modifiers before them ("late
last July", "earlier this month", "mid-2016") and durations by their approximators
("almost seven years"); give each clock time its day (an adjacent date, else the
publication date) and merge "17:00 GMT Saturday" into one TIME.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from datetime import date, datetime

from kb.model import TimeExpression
from kb.timex.grammar import Context, Found, rules, trigger_index

# Words before a date that TimeML keeps inside the expression (as its "mod").
_DATE_MODIFIER = re.compile(
    r"(?i:(?:the\s+)?(?:very\s+)?(?:early|earlier|late|later|mid)[\s-]+"
    r"|(?:the\s+)?(?:start|beginning|end|middle|close|turn|rest|remainder)\s+of\s+"
    r"|mid-)$"
)
# Words before a duration that qualify its length ("almost seven years").
_APPROXIMATOR = re.compile(
    r"(?i:\b(?:about|around|almost|nearly|roughly|approximately|some|more\s+than|less\s+than|fewer\s+than"
    r"|at\s+least|at\s+most|up\s+to)\s+)$"
)
_NOT_A_PERIOD = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")
# The date part of a value that names one day: "2018-05-30", "XXXX-WXX-3", "2018-05-29TMO".
_DAY_VALUE = re.compile(r"((?:\d{4}|XXXX)-(?:\d{2}|XX)-(?:\d{2}|XX)|(?:\d{4}|XXXX)-W(?:\d{2}|XX)-[1-7])(?:T.*)?")
_CLOCK_GAP = re.compile(r"[\s,]*(?:(?:on|at|of)\s+)?(?:the\s+)?", re.IGNORECASE)


def tag(text: str, dct: date | None) -> list[TimeExpression]:
    """Every time expression in ``text``, resolved against the publication date ``dct``.

    Offsets index ``text`` (``text[e.start:e.end] == e.text``). With ``dct`` None,
    relative expressions keep TIMEX3 placeholders ("XXXX-WXX-3" for "Wednesday").
    """
    if not isinstance(text, str):
        raise TypeError(f"tag() needs the text as a str, not {type(text).__name__}")
    if isinstance(dct, datetime):
        dct = dct.date()
    if dct is not None and not isinstance(dct, date):
        raise TypeError(f"tag() needs the publication date as a datetime.date or None, not {type(dct).__name__}")
    if not text:
        return []
    context = Context(text, dct)
    candidates = _match_all(text, context)
    chosen = _without_overlaps(candidates)
    chosen = _with_modifiers(text, chosen)
    chosen = _with_clock_days(text, chosen, context)
    return [TimeExpression(f.start, f.end, text[f.start : f.end], f.type, f.value) for f in chosen]


def _match_all(text: str, context: Context) -> list[Found]:
    """Run each rule only in windows around the words every one of its matches
    contains (its triggers, see ``grammar.base.rule``): one pass over the tokens
    instead of one regex pass per rule over the whole text."""
    found: list[Found] = []
    all_rules = rules()
    for position, windows in _rule_windows(text).items():
        rule = all_rules[position]
        for window_start, window_end in windows:
            for match in rule.pattern.finditer(text, window_start, window_end):
                result = rule.handle(match, context)
                if result is None:
                    continue
                for item in result if isinstance(result, list) else [result]:
                    if item.end > item.start:
                        found.append(replace(item, priority=rule.priority))
    return found


_TOKEN = re.compile(r"\w+")
_FOUR_DIGITS = re.compile(r"(?<!\d)\d{4}(?!\d)")
# A match reaches at most this far from the trigger word it contains.
_REACH = 64


def _rule_windows(text: str) -> dict[int, list[tuple[int, int]]]:
    """For each rule woken up by some token: the merged stretches of text around them."""
    index = trigger_index()
    spans: dict[int, list[tuple[int, int]]] = {}
    for token in _TOKEN.finditer(text.lower()):
        word = token.group()
        keys = [word]
        if not word.isalpha():
            keys.append("#num")
            if _FOUR_DIGITS.search(word):
                keys.append("#year")
        for key in keys:
            for position in index.get(key, ()):
                spans.setdefault(position, []).append(token.span())
    windows: dict[int, list[tuple[int, int]]] = {}
    length = len(text)
    for position, found in spans.items():
        merged: list[tuple[int, int]] = []
        for start, end in found:
            start, end = max(0, start - _REACH), min(length, end + _REACH)
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        windows[position] = merged
    return windows


def _without_overlaps(found: list[Found]) -> list[Found]:
    """Longest first, then the rule listed first; a match overlapping a kept one is dropped."""
    kept: list[Found] = []  # sorted by start, never overlapping
    starts: list[int] = []
    for item in sorted(found, key=lambda f: (-(f.end - f.start), f.priority, f.start)):
        i = bisect_right(starts, item.start)
        if i > 0 and kept[i - 1].end > item.start:
            continue
        if i < len(kept) and kept[i].start < item.end:
            continue
        kept.insert(i, item)
        starts.insert(i, item.start)
    return kept


def _with_modifiers(text: str, chosen: list[Found]) -> list[Found]:
    out: list[Found] = []
    for item in chosen:
        limit = out[-1].end if out else 0
        window_start = max(limit, item.start - 40)
        before = text[window_start : item.start]
        pattern = None
        if item.type in ("DATE", "TIME") and item.value not in _NOT_A_PERIOD and not item.clock:
            pattern = _DATE_MODIFIER
        elif item.type == "DURATION":
            pattern = _APPROXIMATOR
        match = pattern.search(before) if pattern else None
        if match:
            item = replace(item, start=window_start + match.start())
        out.append(item)
    return out


def _with_clock_days(text: str, chosen: list[Found], context: Context) -> list[Found]:
    """A clock time takes the day of a date right next to it, else the publication day;
    with nothing but a space or comma between them the two become one TIME
    ("17:00 GMT Saturday"). A day with its part of the day ("Tuesday night at 9 PM")
    stays a separate expression, as TimeML annotates it."""
    result: list[Found] = []
    merged_into_previous = False
    for i, item in enumerate(chosen):
        if merged_into_previous:
            merged_into_previous = False
            continue
        if not item.clock:
            result.append(item)
            continue
        before = result[-1] if result else None
        after = chosen[i + 1] if i + 1 < len(chosen) else None
        candidates = []
        if before is not None and _names_a_day(before):
            candidates.append((text[before.end : item.start], before, "before"))
        if after is not None and _names_a_day(after):
            candidates.append((text[item.end : after.start], after, "after"))
        candidates = [c for c in candidates if len(c[0]) <= 12 and _CLOCK_GAP.fullmatch(c[0])]
        if not candidates:
            day = context.dct.isoformat() if context.dct else "XXXX-XX-XX"
            result.append(replace(item, value=day + item.clock, clock=None))
            continue
        gap, neighbour, side = min(candidates, key=lambda c: len(c[0]))
        day = _DAY_VALUE.fullmatch(neighbour.value).group(1)
        timed = replace(item, value=day + item.clock, clock=None)
        if gap.strip(" \t,") or "T" in neighbour.value:
            result.append(timed)
        elif side == "before":
            result[-1] = replace(timed, start=neighbour.start)
        else:
            result.append(replace(timed, end=neighbour.end))
            merged_into_previous = True
    return result


def _names_a_day(found: Found) -> bool:
    """A date or part of a day ("Tuesday", "Tuesday night"), not another clock time."""
    if found.clock or found.type not in ("DATE", "TIME") or re.search(r"T\d", found.value):
        return False
    return bool(_DAY_VALUE.fullmatch(found.value))
