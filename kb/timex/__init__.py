"""Temporal tagging: find time expressions in news text, normalise them to TimeML
TIMEX3 values against the publication date, and turn them into event time bounds.

    >>> from datetime import date
    >>> [(e.text, e.value) for e in tag("On Wednesday, militants launched an assault.", date(2018, 5, 31))]
    [('Wednesday', '2018-05-30')]

``tag`` runs on raw text with regular expressions and surface tense cues (no parser),
so that it costs a small fraction of the spaCy parse. ``event_time`` gives the bounds
and precision an expression lends to the event it dates.

Conventions, following the TimeML TIMEX3 guidelines and the TempEval-3 gold where
they speak, and chosen here where they do not:

* a weekday, a month or a date without a year takes the occurrence the clause's tense
  points to: in a past or present clause the latest one on or before publication, in
  a future clause the first one on or after it (the publication day itself counts
  both ways: "Friday" in a Friday article is that day); with no tense cue, the
  nearest one. "last"/"next" are strict ("last Friday" in a Friday article is a week
  earlier);
* "today" is the publication day (DATE); "tonight", "this morning", "Tuesday
  morning" are TIMEs with a part of the day (``2018-05-29TMO``); a clock time takes
  the day of a date next to it, else the publication day (``2018-05-31T04:00``);
* "this/last/next week" are ISO weeks (``2018-W22``); "the last week" is the previous
  week (DATE) while "the past week", "the next decade", "in three weeks" are lengths
  (DURATION ``P1W``, ``P10Y``, ``P3W``); a decade is ``P10Y``, "two and a half years"
  ``P30M``; "two years from now" is a DURATION and a PRESENT_REF, as in the gold;
* "each year" / "annually" are SET ``P1Y``, "every Friday" ``XXXX-WXX-5``;
* "now", "currently" -> PRESENT_REF; "recently", "the past", "at the time" ->
  PAST_REF; "soon", "the future" -> FUTURE_REF; "previously" is not a time expression;
* fiscal years are written as plain years, ages ("22-year-old") are not tagged;
* seasons are meteorological and northern; a winter is named by the year it begins.
"""

from kb.timex.bounds import event_time
from kb.timex.tagger import tag

__all__ = ["tag", "event_time"]
