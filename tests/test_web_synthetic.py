"""The site on a store of 10,000 synthetic events: pages, paging and every filter.

The events come from ``tests.web_helpers`` (through the real RDF builder), with
other outlets' reports of some of them, and the merged (canonical) events of
``kb.merge``: the timeline lists each of the 10,000 events once. The expected
numbers are computed here from the same plain ``Extraction`` objects, by the
filter rules ``web.events`` documents, not read back from the store, so the
queries behind the timeline are checked against an independent count.
"""

from __future__ import annotations

import re
import time
from datetime import date

import pytest

from kb.config import Settings
from kb.ids import Iris
from kb.pipeline import build_result
from tests.web_helpers import (
    PLACES,
    _nquads_of_articles,
    load_nquads,
    synthetic_article,
    synthetic_corpus,
    synthetic_nquads,
    write_store,
)
from web import create_app

N_EVENTS = 10_000
GENERATOR_VERSION = "2"  # bump when the generator changes, to refresh the cached N-Quads (2: follow-ups, merged events)
BASE = "https://w3id.org/annals/id/"
IRIS = Iris()


@pytest.fixture(scope="module")
def corpus():
    """(article, [other outlets' reports of one of its events]) for every synthetic article."""
    return list(synthetic_corpus(N_EVENTS))


@pytest.fixture(scope="module")
def extractions(corpus):
    """The articles each event first appeared in: one per real-world event."""
    return [original for original, _ in corpus]


@pytest.fixture(scope="module")
def app(request, tmp_path_factory):
    # The N-Quads are cached between runs (about 5 s to make); the store is built fresh.
    name = f"annals-synthetic-{N_EVENTS}-v{GENERATOR_VERSION}"
    cache = getattr(request.config, "cache", None)  # absent under -p no:cacheprovider
    folder = cache.mkdir(name) if cache is not None else tmp_path_factory.mktemp(name)
    nquads = folder / "events.nq"
    started = time.perf_counter()
    if not nquads.exists():
        synthetic_nquads(N_EVENTS, nquads.with_suffix(".part"))
        nquads.with_suffix(".part").rename(nquads)
    made = time.perf_counter()
    path = tmp_path_factory.mktemp("synthetic") / "store"
    load_nquads(path, nquads)
    print(f"\n10,000 synthetic events: N-Quads {made - started:.1f} s (cached if ~0), bulk load "
          f"{time.perf_counter() - made:.1f} s")
    app = create_app(Settings(store=str(path)))
    yield app
    app.extensions["kb_store"].close()


@pytest.fixture(scope="module")
def client(app):
    return app.test_client()


def total_on(html: str) -> int:
    found = re.search(r"of ([\d,]+) events?", html)
    return int(found.group(1).replace(",", "")) if found else 0


def get(client, url):
    started = time.perf_counter()
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return response.get_data(as_text=True), time.perf_counter() - started


def events_of(extractions):
    for extraction in extractions:
        for event in extraction.events:
            yield extraction, event


def first_dated(extraction):
    return next(e for e in extraction.events if e.time.precision == "day")


def place_chain(key):
    while key:
        yield key
        key = PLACES[key].contained_in


def test_synthetic_articles_conform_to_the_shapes():
    for number in (0, 1, 500):
        result = build_result(synthetic_article(number, 10), IRIS, validate=True)
        assert result.problem is None, result.problem


def test_timeline_pages_through_all_ten_thousand_events(client):
    first, seconds = get(client, "/")
    assert total_on(first) == N_EVENTS and "page 1 of 200" in first
    assert len(re.findall(r"<h4><a href=\"/id/event/", first)) == 50
    last, _ = get(client, "/?page=200")
    assert len(re.findall(r"<h4><a href=\"/id/event/", last)) == 50
    assert client.get("/?page=201").status_code == 404
    days = re.findall(r'<h3><time datetime="([\d-]+)"', first + last)
    assert days == sorted(days)
    print(f"\nfirst timeline page at 10,000 events: {seconds * 1000:.0f} ms")


def test_month_strip_counts_every_dated_event(client, extractions):
    html, _ = get(client, "/")
    svg = html[html.index('<svg class="strip"'):html.index("</svg>")]
    counts = [int(n) for n in re.findall(r"(\d+) attacks?, (\d+) negotiation", svg) for n in n]
    assert sum(counts) == N_EVENTS
    months = {e.time.stamp.isoformat()[:7] for _, e in events_of(extractions)}
    assert len(re.findall(r'<g class="month">', svg)) == len(months)


FILTERS = {
    "type=Bombing": lambda x, e: e.event_class == "Bombing",
    "type=Talks&type=Ceasefire": lambda x, e: e.event_class in ("Talks", "Ceasefire"),
    "type=Negotiation": lambda x, e: e.family == "Negotiation",
    f"actor={BASE}actor/northern-front": lambda x, e: "northern-front" in e.actors(),
    f"place={BASE}place/9000": lambda x, e: "9000" in place_chain(e.place),
    f"place={BASE}place/9101": lambda x, e: "9101" in place_chain(e.place),
    "from=2017-01-01&to=2017-03-31": lambda x, e: e.time.latest >= date(2017, 1, 1) and e.time.earliest <= date(2017, 3, 31),
    "q=MARKET": lambda x, e: "market" in e.label.lower() or any("market" in s.text.lower() for s in e.evidence),
    f"source={BASE}article/synthetic-00042": lambda x, e: x.article.identifier == "synthetic-00042",
    # A follow-up's event is the event it reports again, listed once with all its sources.
    f"source={BASE}article/synthetic-00040-follow-up-1":
        lambda x, e: x.article.identifier == "synthetic-00040" and e is first_dated(x),
    f"type=Attack&actor={BASE}actor/river-brigades&place={BASE}place/9001&from=2016-01-01":
        lambda x, e: e.family == "Attack" and "river-brigades" in e.actors() and "9001" in place_chain(e.place)
        and e.time.latest >= date(2016, 1, 1),
}


@pytest.mark.parametrize("query", FILTERS)
def test_each_filter_finds_exactly_the_events_it_describes(client, extractions, query):
    expected = sum(1 for x, e in events_of(extractions) if FILTERS[query](x, e))
    html, seconds = get(client, f"/?{query}")
    assert total_on(html) == expected
    print(f"\n{query}: {expected} events, {seconds * 1000:.0f} ms")


def test_csv_of_a_filtered_timeline_has_one_row_per_event(client, extractions):
    query = f"actor={BASE}actor/envoy-mara-lind&type=PeaceAgreement"
    expected = sum(1 for x, e in events_of(extractions) if e.event_class == "PeaceAgreement"
                   and "envoy-mara-lind" in e.actors())
    body = client.get(f"/?{query}&format=csv").get_data(as_text=True)
    assert len(body.strip().splitlines()) == expected + 1


def test_graph_is_capped_and_says_so(client):
    html, seconds = get(client, "/graph")
    assert "150 of 10,000 events" in html
    data = client.get("/graph?format=json&limit=400").get_json()
    assert data["total_events"] == N_EVENTS and data["shown_events"] <= 400
    assert len(data["nodes"]) < 500
    print(f"\ngraph of 150 events: {seconds * 1000:.0f} ms")


def test_actor_and_place_pages_page_their_events(client, extractions):
    expected = sum(1 for x, e in events_of(extractions) if "9000" in place_chain(e.place))
    html, _ = get(client, "/id/place/9000")
    assert f"({expected:,})" in html and 'rel="next"' in html
    html, _ = get(client, "/id/actor/northern-front?page=2")
    assert "page 2 of" in html


def test_events_reported_by_several_outlets_are_listed_once_with_every_source(client, corpus):
    reports = {len(again) + 1 for _, again in corpus if again}
    assert reports == {2, 3}
    html, _ = get(client, f"/?source={BASE}article/synthetic-00050-follow-up-2")
    assert total_on(html) == 1 and ">3 sources</a>" in html
    for outlet in ("synthetic-00050", "synthetic-00050-follow-up-1", "synthetic-00050-follow-up-2"):
        assert f'href="/id/article/{outlet}"' in html
    event = re.search(r'<h4><a href="(/id/event/[0-9a-f]+)"', html).group(1)
    page, _ = get(client, event)
    assert "3 sources side by side" in page and page.count('class="source-column"') == 3
    merged = sum(1 for _, again in corpus if again)
    counts = "PREFIX kb: <https://w3id.org/annals/ns#> SELECT ?n (COUNT(?e) AS ?events) { ?e kb:sourceCount ?n } GROUP BY ?n"
    answer = client.get("/sparql", query_string={"query": counts}, headers={"Accept": "application/sparql-results+json"})
    found = {int(row["n"]["value"]): int(row["events"]["value"]) for row in answer.get_json()["results"]["bindings"]}
    assert found == {1: N_EVENTS - merged, 2: merged - len(corpus) // 50, 3: len(corpus) // 50}


def test_the_synthetic_merged_events_are_those_kb_merge_makes(tmp_path):
    """The generator writes most merged events directly (merging 10,000 events takes longer than a
    test may): on a sample, they are exactly what kb.merge makes of the same articles, wherever it
    groups the reports as the generator does (it also joins a few random coincidences: two made-up
    events of the same class, place and perpetrator on the same day are one event by its rules)."""
    import io
    from collections import defaultdict

    import pyoxigraph as ox

    from kb.store.embedded import EmbeddedStore

    articles, prefix = 25, f"{BASE}graph/events/"
    link = "https://w3id.org/annals/ns#canonicalEvent"

    def merged_events(nquads: str) -> dict[frozenset, set[str]]:
        """Members of each merged event -> its graph's quads (as text)."""
        members, quads = defaultdict(set), defaultdict(set)
        for quad in ox.parse(nquads.encode("utf-8"), format=ox.RdfFormat.N_QUADS):
            graph = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else ""
            if graph.startswith(prefix):
                quads[graph].add(str(quad))
                if quad.predicate.value == link:
                    members[graph].add(quad.subject.value)
        return {frozenset(m): quads[graph] for graph, m in members.items()}

    generated = merged_events(_nquads_of_articles(range(articles), articles * 10, 10, 7, IRIS.base))
    reports = [x for original, again in synthetic_corpus(articles * 10) for x in (original, *again)]
    with EmbeddedStore(write_store(tmp_path / "store", reports, validate=False)) as store:
        dump = io.BytesIO()
        store.dump(dump, "nq")
    merged = merged_events(dump.getvalue().decode("utf-8"))
    same = generated.keys() & merged.keys()
    assert len(same) >= 0.95 * len(generated)
    assert {m for m in generated if len(m) > 1} <= same  # every event the generator has several outlets report
    assert all(generated[m] == merged[m] for m in same)
