"""The reports of one real-world event, side by side: what each source said.

A canonical event (``kb.merge``) stands for every article reporting the same
incident. Its page shows one column per report (``kb.merge.queries.event_sources``):
the source, the class, time, place and figures that article gives, and its
quotes, each linked to the passage in the article's text. This module adds
to each report what a page needs to link it: the anchors of its quotes on the
article page and the id of its column.

Anchors: the article page (``web.views.resources``) marks the start of every
evidence span with ``ev-{mention}`` for an event's first span in the text,
``ev-{mention}-2`` for its second, and so on, in order of position. A quote
without offsets has no anchor and links to the top of the article.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kb.merge import queries
from kb.merge.queries import Figure, Quote, SourceReport
from kb.store import Store
from web.formatting import local_name


def span_anchor(mention: str, occurrence: int) -> str:
    """The id of a mention's ``occurrence``-th evidence span (from 1) on its article's page."""
    return f"ev-{local_name(mention)}" + (f"-{occurrence}" if occurrence > 1 else "")


def column_id(mention: str) -> str:
    """The id of a report's column on its canonical event's page."""
    return f"source-{local_name(mention)}"


@dataclass
class AnchoredQuote:
    text: str
    anchor: str | None  # id on the article page, None when the quote has no offsets


@dataclass
class SourceColumn:
    """One source's report of an event, ready to show."""

    report: SourceReport
    quotes: list[AnchoredQuote] = field(default_factory=list)

    @property
    def id(self) -> str:
        return column_id(self.report.mention)

    @property
    def figures(self) -> list[str]:
        """Its casualty reports ("at least 12 injured (others)"), else its totals."""
        if self.report.figures:
            return [figure.text for figure in sorted(self.report.figures, key=_figure_order)]
        parts = []
        if self.report.killed is not None:
            parts.append(f"{self.report.killed} killed")
        if self.report.injured is not None:
            parts.append(f"{self.report.injured} injured")
        return parts


_OUTCOMES = ("Killed", "Injured", "Kidnapped")


def _figure_order(figure: Figure) -> tuple:
    rank = _OUTCOMES.index(figure.outcome) if figure.outcome in _OUTCOMES else len(_OUTCOMES)
    return rank, figure.victim_group or "", figure.count


def anchored(quotes: list[Quote], mention: str) -> list[AnchoredQuote]:
    """The quotes with their anchors: spans numbered in order of (begin, end), as the article page numbers them."""
    placed = sorted((q for q in quotes if q.begin is not None and q.end is not None), key=lambda q: (q.begin, q.end))
    numbers = {id(q): i for i, q in enumerate(placed, start=1)}
    return [AnchoredQuote(q.text, span_anchor(mention, numbers[id(q)]) if id(q) in numbers else None) for q in quotes]


def source_columns(store: Store, event: str) -> list[SourceColumn]:
    """Each source's report of ``event`` (a canonical event, or the one a mention is part of), oldest first."""
    return [SourceColumn(report, anchored(report.quotes, report.mention)) for report in queries.event_sources(store, event)]
