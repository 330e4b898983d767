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
    return [SourceColumn(report, anchored(report.quotes, report.mention)) for report in event_reports(store, event)]


def event_reports(store: Store, event: str) -> list[SourceReport]:
    """``kb.merge.queries.event_sources``, with its first query written so that Oxigraph answers it
    from the event's reports alone.

    There, the reports' facts are read in a ``GRAPH ?a { ... OPTIONAL ... }``
    group and the place's label in an ``OPTIONAL`` on a place that is itself
    optional: Oxigraph evaluates both without the bindings already found, that
    is over every event and every label of the store (12 s a page at 200,000
    events). Here every pattern is joined to the reports found first (1 ms);
    the figures and quotes are read as there. (The same change belongs in
    ``kb.merge.queries``; this function can then call it.)
    """
    canonical = queries.canonical_event(store, event)
    if canonical is None:
        return []
    rows = store.select(queries.SPARQL_PREFIXES + f"""SELECT ?m ?a ?title ?publisher ?url ?published ?label ?class
       ?status ?expr ?earliest ?latest ?place ?placeLabel ?killed ?injured WHERE {{
  ?m <{queries.CANONICAL_EVENT}> <{canonical}> .
  GRAPH ?a {{ ?m prov:wasDerivedFrom ?a ; rdfs:label ?label ; kb:status ?status }}
  OPTIONAL {{ ?m a ?class FILTER(?class NOT IN (sem:Event, kb:Attack, kb:Negotiation)) }}
  OPTIONAL {{ ?m kb:timeExpression ?expr }}
  OPTIONAL {{ ?m sem:hasEarliestBeginTimeStamp ?earliest }}
  OPTIONAL {{ ?m sem:hasLatestBeginTimeStamp ?latest }}
  OPTIONAL {{ ?m sem:hasPlace ?place }}
  OPTIONAL {{ ?m sem:hasPlace ?labelled . ?labelled rdfs:label ?placeLabel }}
  OPTIONAL {{ ?m kb:killed ?killed }}
  OPTIONAL {{ ?m kb:injured ?injured }}
  OPTIONAL {{ ?a dcterms:title ?title }}
  OPTIONAL {{ ?a schema:publisher ?publisher }}
  OPTIONAL {{ ?a schema:url ?url }}
  OPTIONAL {{ ?a schema:datePublished ?published }}
}}""")
    reports: dict[str, SourceReport] = {}
    for row in rows:
        report = reports.get(row["m"])
        if report is None:
            report = reports[row["m"]] = SourceReport(
                article=row["a"], mention=row["m"], title=row.get("title"), publisher=row.get("publisher"),
                url=row.get("url"), published=row.get("published"), label=row.get("label"),
                status=row["status"].removeprefix(queries.KB_NS), time_expression=row.get("expr"),
                earliest=row.get("earliest"), latest=row.get("latest"), place=row.get("place"),
                place_label=row.get("placeLabel"),
                killed=int(row["killed"]) if "killed" in row else None,
                injured=int(row["injured"]) if "injured" in row else None,
            )
        if "class" in row:
            report.event_class = row["class"].removeprefix(queries.KB_NS)
    queries._add_figures(store, reports)
    queries._add_quotes(store, reports)
    return sorted(reports.values(), key=lambda r: (r.published or "", r.article, r.mention))
