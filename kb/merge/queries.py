"""What the web app asks about merged events, as functions over the store.

The timeline lists each real-world event once: restrict its events to the
canonical ones with ``CANONICAL_PATTERN`` (``?e kb:sourceCount ?sources``);
``?sources`` is then the number of articles reporting the event. An event
page shows all its reports side by side with ``event_sources``. A page for an
article-level event can point to the merged event with ``canonical_event``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from kb.merge.fetch import SPARQL_PREFIXES
from kb.merge.terms import CANONICAL_EVENT, SOURCE_COUNT
from kb.store import Store
from kb.vocab import KB

KB_NS = str(KB._NS)
# Add to the graph pattern that binds ?e to list canonical events only (and bind ?sources).
CANONICAL_PATTERN = f"?e <{SOURCE_COUNT}> ?sources ."


@dataclass
class Figure:
    outcome: str  # Killed, Injured, Kidnapped
    count: int
    qualifier: str  # Exact, AtLeast, AtMost, Approximately
    victim_group: str | None = None

    @property
    def text(self) -> str:
        words = {"AtLeast": "at least ", "AtMost": "at most ", "Approximately": "about "}.get(self.qualifier, "")
        group = f" ({self.victim_group})" if self.victim_group else ""
        return f"{words}{self.count} {self.outcome.lower()}{group}"


@dataclass
class Quote:
    text: str
    begin: int | None
    end: int | None


@dataclass
class SourceReport:
    """What one article says about a merged event."""

    article: str
    mention: str  # the article-level event
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    published: str | None = None
    label: str | None = None
    event_class: str | None = None  # the class this article gives
    status: str | None = None
    time_expression: str | None = None
    earliest: str | None = None
    latest: str | None = None
    place: str | None = None  # place IRI
    place_label: str | None = None
    killed: int | None = None
    injured: int | None = None
    figures: list[Figure] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)


def is_canonical(store: Store, event: str) -> bool:
    return store.ask(f"ASK {{ <{event}> <{SOURCE_COUNT}> ?n }}")


def canonical_event(store: Store, event: str) -> str | None:
    """The merged event an article-level event belongs to (itself if it is one)."""
    if is_canonical(store, event):
        return event
    rows = store.select(f"SELECT ?c WHERE {{ <{event}> <{CANONICAL_EVENT}> ?c }} ORDER BY ?c LIMIT 1")
    return rows[0]["c"] if rows else None


def source_counts(store: Store, events: list[str]) -> dict[str, int]:
    """kb:sourceCount of each canonical event among ``events``."""
    if not events:
        return {}
    values = " ".join(f"<{e}>" for e in sorted(set(events)))
    rows = store.select(f"SELECT ?e ?n WHERE {{ VALUES ?e {{ {values} }} ?e <{SOURCE_COUNT}> ?n }}")
    return {row["e"]: int(row["n"]) for row in rows}


def event_sources(store: Store, event: str) -> list[SourceReport]:
    """Each article's report of a canonical event, oldest first: its words, figures and quotes.

    For an article-level event, the reports of its canonical event. Empty when
    the event is unknown.
    """
    canonical = canonical_event(store, event)
    if canonical is None:
        return []
    # Every pattern is joined to the reports found first: a GRAPH group with
    # OPTIONALs inside, or a label OPTIONAL on an optional place, is evaluated
    # by Oxigraph without the bindings found so far, that is over every event
    # and label of the store (12 s a page at 200,000 events, 1 ms this way).
    rows = store.select(SPARQL_PREFIXES + f"""SELECT ?m ?a ?title ?publisher ?url ?published ?label ?class
       ?status ?expr ?earliest ?latest ?place ?placeLabel ?killed ?injured WHERE {{
  ?m <{CANONICAL_EVENT}> <{canonical}> .
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
                status=row["status"].removeprefix(KB_NS), time_expression=row.get("expr"),
                earliest=row.get("earliest"), latest=row.get("latest"), place=row.get("place"),
                place_label=row.get("placeLabel"),
                killed=int(row["killed"]) if "killed" in row else None,
                injured=int(row["injured"]) if "injured" in row else None,
            )
        if "class" in row:
            report.event_class = row["class"].removeprefix(KB_NS)
    _add_figures(store, reports)
    _add_quotes(store, reports)
    return sorted(reports.values(), key=lambda r: (r.published or "", r.article, r.mention))


def _add_figures(store: Store, reports: dict[str, SourceReport]) -> None:
    if not reports:
        return
    values = " ".join(f"<{m}>" for m in sorted(reports))
    rows = store.select(SPARQL_PREFIXES + f"""SELECT ?m ?r ?outcome ?count ?qualifier ?group WHERE {{
  VALUES ?m {{ {values} }}
  GRAPH ?a {{ ?m kb:casualties ?r . ?r kb:outcome ?outcome ; kb:count ?count .
             OPTIONAL {{ ?r kb:countQualifier ?qualifier }} OPTIONAL {{ ?r kb:victimGroup ?group }} }}
}} ORDER BY ?m ?r""")
    for row in rows:
        reports[row["m"]].figures.append(Figure(
            row["outcome"].removeprefix(KB_NS), int(row["count"]),
            row.get("qualifier", KB_NS + "Exact").removeprefix(KB_NS), row.get("group")))


def _add_quotes(store: Store, reports: dict[str, SourceReport]) -> None:
    if not reports:
        return
    values = " ".join(f"<{m}>" for m in sorted(reports))
    rows = store.select(SPARQL_PREFIXES + f"""SELECT ?m ?quote ?begin ?end WHERE {{
  VALUES ?m {{ {values} }}
  GRAPH ?a {{ ?m kb:evidence ?ev . ?ev nif:anchorOf ?quote .
             OPTIONAL {{ ?ev nif:beginIndex ?begin }} OPTIONAL {{ ?ev nif:endIndex ?end }} }}
}}""")
    grouped = defaultdict(list)
    for row in rows:
        grouped[row["m"]].append(Quote(row["quote"], int(row["begin"]) if "begin" in row else None,
                                       int(row["end"]) if "end" in row else None))
    for mention, quotes in grouped.items():
        reports[mention].quotes = sorted(quotes, key=lambda q: (q.begin is None, q.begin or 0, q.text))
