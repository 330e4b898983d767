"""The timeline index (kb.index): the same answers as SPARQL, kept in step with every write, self-healing.

One store of synthetic events (tests.web_helpers, through the real RDF
builder) plus a few hand-made articles for the edge cases (undated events, a
window of two and a half years, non-ASCII text), written through
``IndexedStore`` as ``kb ingest`` writes them: the article graphs, then the
merged (canonical) events of ``kb.merge``, the only events the timeline lists. Every question of
``web.events`` is asked twice on that one store, once through the index and
once with SPARQL on the bare store, and the answers must be equal: counts,
month strips and menus exactly; pages as the same events in the same date
order (events with equal dates may be ordered differently: neither way
promises an order among them).
"""

from __future__ import annotations

import io
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from kb.config import Settings
from kb.ids import Iris
from kb.index import IndexedStore, index_location, index_of, open_index, with_index
from kb.merge import update_merged_events
from kb.merge.update import remove_articles
from kb.model import EventTime, Place
from kb.pipeline import build_result
from kb.store import GraphWrite
from kb.store.embedded import EmbeddedStore
from tests.web_helpers import follow_up, synthetic_article
from web.events import (
    EventFilter,
    actor_choices,
    count_events,
    find_event_iris,
    find_events,
    month_counts,
    place_choices,
)

IRIS = Iris()
BASE = IRIS.base
ARTICLES = 100  # of 10 events each
SEM_STAMP = "http://semanticweb.cs.vu.nl/2009/11/sem/hasTimeStamp"


def undated_article(number: int):
    """A synthetic article without a publication date: its events have no time at all."""
    extraction = synthetic_article(number, 3)
    article = replace(extraction.article, identifier=f"undated-{number}", published=None)
    events = [replace(event, time=EventTime("unanchored")) for event in extraction.events]
    return replace(extraction, article=article, events=events)


def long_window_article():
    """One event that began somewhere in two and a half years, with a non-ASCII label."""
    extraction = synthetic_article(900, 1)
    event = replace(
        extraction.events[0],
        label="Kidnapping near Ürümqi ΣΊΣΥΦΟΣ",
        time=EventTime("year", date(2014, 1, 1), date(2016, 6, 30), date(2014, 1, 1)),
    )
    return replace(extraction, article=replace(extraction.article, identifier="long-window"), events=[event])


def write_article(store, extraction, *, merge: bool = True) -> str:
    """Write one article as ``kb ingest`` does: its graph, then its merged events (unless ``merge`` is off)."""
    result = build_result(extraction, IRIS, validate=False)
    store.write(result.write)
    if merge:
        update_merged_events(store, [result.graph], IRIS)
    return result.graph


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    """(indexed, plain): one embedded store, with and without its index."""
    folder = tmp_path_factory.mktemp("timeline-index")
    settings = Settings(store=str(folder / "store"))
    plain = EmbeddedStore(folder / "store")
    indexed = with_index(plain, settings, show_progress=False)
    written = [write_article(indexed, synthetic_article(number, 10), merge=False) for number in range(ARTICLES)]
    written += [write_article(indexed, undated_article(number), merge=False) for number in range(3)]
    written.append(write_article(indexed, long_window_article(), merge=False))
    update_merged_events(indexed, written, IRIS)  # once for the run, as kb ingest does
    yield indexed, plain
    indexed.close()


def stamps(store, iris: list[str]) -> list[str]:
    """The time stamp of each event ("" for none), read from the store."""
    if not iris:
        return []
    values = " ".join(f"<{iri}>" for iri in iris)
    rows = store.select(f"SELECT ?e ?s WHERE {{ VALUES ?e {{ {values} }} OPTIONAL {{ ?e <{SEM_STAMP}> ?s }} }}")
    found = {row["e"]: row.get("s", "") for row in rows}
    return [found[iri] for iri in iris]


FILTERS = {
    "everything": EventFilter(),
    "a class": EventFilter(types=("Bombing",)),
    "two classes": EventFilter(types=("Talks", "Ceasefire")),
    "a family": EventFilter(types=("Negotiation",)),
    "an actor": EventFilter(actor=f"{BASE}actor/northern-front"),
    "an unknown actor": EventFilter(actor=f"{BASE}actor/nobody"),
    "a country": EventFilter(place=f"{BASE}place/9000"),
    "a province": EventFilter(place=f"{BASE}place/9101"),
    "a city": EventFilter(place=f"{BASE}place/92000"),
    "a site": EventFilter(place=f"{BASE}place/market-site"),
    "a quarter": EventFilter(start=date(2017, 1, 1), end=date(2017, 3, 31)),
    "a month": EventFilter(start=date(2016, 2, 1), end=date(2016, 2, 29)),
    "from a day on": EventFilter(start=date(2018, 6, 1)),
    "up to a day": EventFilter(end=date(2015, 6, 1)),
    "inside the long window": EventFilter(start=date(2015, 3, 1), end=date(2015, 3, 31)),
    "words in any case": EventFilter(text="MARKET"),
    "non-ASCII words": EventFilter(text="ürümqi σίσυφος"),
    "two letters": EventFilter(text="ür"),
    "a source": EventFilter(source=f"{BASE}article/synthetic-00042"),
    "all at once": EventFilter(
        types=("Attack",), actor=f"{BASE}actor/river-brigades", place=f"{BASE}place/9001", start=date(2016, 1, 1)
    ),
    "actor and text": EventFilter(actor=f"{BASE}actor/gov-arland", text="arland city 2"),
    "place and dates": EventFilter(place=f"{BASE}place/9002", end=date(2017, 12, 31)),
}


@pytest.mark.parametrize("name", FILTERS)
def test_index_counts_and_month_strip_equal_sparql(stores, name):
    indexed, plain = stores
    flt = FILTERS[name]
    assert count_events(indexed, flt) == count_events(plain, flt)
    assert month_counts(indexed, flt) == month_counts(plain, flt)


@pytest.mark.parametrize("name", FILTERS)
@pytest.mark.parametrize("newest_first", [False, True])
def test_index_pages_hold_the_events_sparql_finds_in_the_same_date_order(stores, name, newest_first):
    indexed, plain = stores
    flt = FILTERS[name]
    total = count_events(plain, flt)
    every_page_indexed, every_page_sparql = [], []
    for offset in range(0, max(total, 1), 120):
        from_index = find_event_iris(indexed, flt, limit=120, offset=offset, newest_first=newest_first)
        from_sparql = find_event_iris(plain, flt, limit=120, offset=offset, newest_first=newest_first)
        assert stamps(plain, from_index) == stamps(plain, from_sparql)
        every_page_indexed += from_index
        every_page_sparql += from_sparql
    assert len(every_page_indexed) == len(set(every_page_indexed)) == total
    assert set(every_page_indexed) == set(every_page_sparql)


def test_undated_events_come_first_oldest_first_and_last_newest_first(stores):
    indexed, plain = stores
    oldest = find_event_iris(indexed, EventFilter(), limit=9)
    newest = find_event_iris(indexed, EventFilter(), limit=9, offset=count_events(indexed, EventFilter()) - 9,
                             newest_first=True)
    assert stamps(plain, oldest) == [""] * 9
    assert stamps(plain, newest) == [""] * 9


def test_a_page_of_events_comes_with_its_details_from_the_store(stores):
    indexed, plain = stores
    flt = FILTERS["an actor"]
    events, total = find_events(indexed, flt, limit=20, offset=40)
    assert total == count_events(plain, flt)
    assert len(events) == 20 and all(event.label and event.sources for event in events)


def test_menus_equal_sparql(stores):
    indexed, plain = stores
    assert actor_choices(indexed, 1000) == actor_choices(plain, 1000)
    assert place_choices(indexed, 1000) == place_choices(plain, 1000)
    top = actor_choices(indexed, 3)
    assert len(top) == 3 and {c.count for c in top} <= {c.count for c in actor_choices(plain, 1000)}


# -- kept in step with writes ------------------------------------------------------------------


def agree(indexed, plain, *filters: EventFilter) -> None:
    for flt in filters or (EventFilter(),):
        assert count_events(indexed, flt) == count_events(plain, flt), flt
        assert month_counts(indexed, flt) == month_counts(plain, flt), flt
        assert set(find_event_iris(indexed, flt, limit=10_000)) == set(find_event_iris(plain, flt, limit=10_000)), flt


@pytest.fixture
def small(tmp_path):
    """A fresh store with 5 articles, written through its index."""
    settings = Settings(store=str(tmp_path / "store"))
    plain = EmbeddedStore(tmp_path / "store")
    indexed = with_index(plain, settings, show_progress=False)
    for number in range(5):
        write_article(indexed, synthetic_article(number, 4))
    yield indexed, plain, settings
    indexed.close()


def test_ingest_replace_and_remove_update_the_index(small):
    indexed, plain, _ = small
    index = index_of(indexed)
    assert index.event_count() == 20
    graph = write_article(indexed, synthetic_article(7, 6))
    assert index.event_count() == 26
    agree(indexed, plain, EventFilter(), FILTERS["an actor"], FILTERS["a country"])
    write_article(indexed, synthetic_article(7, 2))  # the same article, changed: its graph is replaced
    assert index.event_count() == 22
    agree(indexed, plain, EventFilter(), FILTERS["an actor"], FILTERS["a country"])
    remove_articles(indexed, [graph], IRIS)  # kb remove: the article, then its merged events
    assert index.event_count() == 20
    assert count_events(indexed, EventFilter(source=graph)) == 0
    agree(indexed, plain, EventFilter(), FILTERS["an actor"], FILTERS["a country"], FILTERS["words in any case"])


def merged_event_of(store, article: str) -> tuple[str, int]:
    """(IRI, source count) of the one merged event derived from ``article``."""
    rows = store.select(f"SELECT ?e ?n WHERE {{ ?e <{BASE.replace('/id/', '/ns#')}sourceCount> ?n ;"
                        f" <http://www.w3.org/ns/prov#wasDerivedFrom> <{article}> }}")
    assert len(rows) == 1, rows
    return rows[0]["e"], int(rows[0]["n"])


def test_a_report_joining_an_event_updates_it_in_place_with_its_source_and_quotes(small):
    indexed, plain, _ = small
    index = index_of(indexed)
    report = follow_up(synthetic_article(3, 4), 1)
    quote_words = report.events[0].evidence[0].text.split(",")[0].lower()  # "officials confirmed the ... on monday"
    graph = write_article(indexed, report)
    event, sources = merged_event_of(plain, graph)
    assert sources == 2 and index.event_count() == 20  # no new event: the existing one has a second source
    assert find_event_iris(indexed, EventFilter(source=graph)) == [event]
    assert find_event_iris(indexed, EventFilter(text=quote_words)) == [event]  # the new source's quote
    assert index.canonical_graphs()[f"{BASE}graph/events/{event.rsplit('/', 1)[1]}"] == 2
    agree(indexed, plain, EventFilter(source=graph), EventFilter(text=quote_words), FILTERS["an actor"])


def test_an_event_graph_changed_behind_the_index_s_back_is_read_again_on_open(small):
    indexed, plain, settings = small
    index_of(indexed).close()
    # No article of the index changes: only an event gains a source (the new article is new to it).
    report = follow_up(synthetic_article(3, 4), 1)
    graph = write_article(plain, report)
    reopened = with_index(plain, settings, show_progress=False)
    event, _ = merged_event_of(plain, graph)
    assert find_event_iris(reopened, EventFilter(source=graph)) == [event]
    agree(reopened, plain, EventFilter(), EventFilter(source=graph),
          EventFilter(text=report.events[0].evidence[0].text.split(",")[0].lower()))
    # And back: the report removed behind its back, the event loses that source.
    index_of(reopened).close()
    remove_articles(plain, [graph], IRIS)
    again = with_index(plain, settings, show_progress=False)
    assert count_events(again, EventFilter(source=graph)) == 0 and index_of(again).event_count() == 20
    agree(again, plain, EventFilter(), FILTERS["an actor"])
    index_of(again).close()


def test_a_store_never_merged_says_how_to_fill_its_timeline(tmp_path):
    from kb.index.sync import heal

    plain = EmbeddedStore(tmp_path / "store")
    write_article(plain, synthetic_article(1, 3), merge=False)
    index = open_index(tmp_path / "index.sqlite")
    report = heal(index, plain, show_progress=False)
    assert report.events == 0 and report.unmerged == 1
    assert "kb merge --rebuild" in report.summary(index.path)
    index.close()
    plain.close()


def test_a_place_found_inside_another_later_moves_its_events_with_it(small):
    indexed, plain, _ = small
    hamlet = replace(synthetic_article(20, 2), places={})
    events = [replace(event, place="hamlet") for event in hamlet.events]
    hamlet = replace(hamlet, events=events, places={"hamlet": Place("hamlet", "A hamlet", "Site")})
    write_article(indexed, hamlet)
    province = f"{BASE}place/9101"
    before = count_events(indexed, EventFilter(place=province))
    containment = f"<{BASE}place/hamlet> <https://schema.org/containedInPlace> <{province}> .\n"
    indexed.write(GraphWrite(f"{BASE}graph/gazetteer", "", {f"{BASE}graph/gazetteer": containment}))
    assert count_events(indexed, EventFilter(place=province)) == before + 2
    agree(indexed, plain, EventFilter(place=province), EventFilter(place=f"{BASE}place/9001"))
    indexed.remove_graph(f"{BASE}graph/gazetteer")  # its statement goes with it
    assert count_events(indexed, EventFilter(place=province)) == before
    agree(indexed, plain, EventFilter(place=province))


def test_bulk_load_updates_the_index(small):
    indexed, plain, _ = small
    result = build_result(synthetic_article(30, 3), IRIS, validate=False)
    indexed.load(io.BytesIO(result.nquads().encode("utf-8")), "application/n-quads")
    assert index_of(indexed).event_count() == 20  # an article's own events are not timeline rows ...
    update_merged_events(indexed, [result.graph], IRIS)  # ... its merged events are (kb load merges after loading)
    assert index_of(indexed).event_count() == 23
    agree(indexed, plain, EventFilter(), EventFilter(source=result.graph), FILTERS["a country"])


# -- healing and rebuilding ----------------------------------------------------------------------


class CrashesAfterEachStoreCommit(IndexedStore):
    """What IndexedStore does, stopped after each of the store's commits: the index never hears
    of the writes, only their pending notes stay (as after a crash at that moment)."""

    def _apply_write(self, write) -> None:
        pass

    def remove_graph(self, graph: str) -> None:
        self._note([graph])
        self.inner.remove_graph(graph)


def test_a_crash_between_the_store_commit_and_the_index_update_is_repaired_on_open(small):
    indexed, plain, settings = small
    index = index_of(indexed)
    crashing = CrashesAfterEachStoreCommit(plain, index)
    # An article added, one replaced by a shorter version: article graphs and merged events alike.
    added = write_article(crashing, synthetic_article(8, 3))
    write_article(crashing, synthetic_article(0, 1))
    assert count_events(indexed, EventFilter()) == 20
    assert any("/graph/events/" in graph for graph in index.pending_graphs())
    index.close()
    reopened = with_index(plain, settings, show_progress=False)
    assert index_of(reopened).pending_graphs() == []
    assert count_events(reopened, EventFilter()) == 20 + 3 - 3
    agree(reopened, plain, EventFilter(), EventFilter(source=added), FILTERS["an actor"], FILTERS["words in any case"])
    index_of(reopened).close()


def test_writes_by_another_tool_are_found_and_read_on_open(small):
    indexed, plain, settings = small
    index_of(indexed).close()
    # Behind the index's back: one article added, one changed, one removed, and their merged events.
    write_article(plain, synthetic_article(11, 5))
    write_article(plain, synthetic_article(1, 2))
    remove_articles(plain, [f"{BASE}article/synthetic-00002"], IRIS)
    reopened = with_index(plain, settings, show_progress=False)
    assert index_of(reopened).event_count() == 20 + 5 - 2 - 4
    agree(reopened, plain, EventFilter(), FILTERS["an actor"], FILTERS["a province"], FILTERS["words in any case"])
    index_of(reopened).close()


def test_a_deleted_index_is_rebuilt_with_the_same_pages(small):
    indexed, plain, settings = small
    flt = FILTERS["a country"]
    before = find_event_iris(indexed, flt, limit=1000)
    path = index_of(indexed).path
    index_of(indexed).close()
    path.unlink()
    rebuilt = with_index(plain, settings, show_progress=False)
    assert index_of(rebuilt).meta("built") is not None
    assert find_event_iris(rebuilt, flt, limit=1000) == before  # equal dates too: ids are hashes of IRIs
    agree(rebuilt, plain, EventFilter(), flt, FILTERS["an actor"], FILTERS["a quarter"])
    index_of(rebuilt).close()


def test_an_index_of_another_store_is_rebuilt(small, tmp_path):
    indexed, plain, settings = small
    index_of(indexed).close()
    other = tmp_path / "other"
    with EmbeddedStore(other) as second:
        write_article(second, synthetic_article(50, 2))
    shutil.copy(index_location(settings), tmp_path / "copied.sqlite")
    copied = with_index(EmbeddedStore(other), Settings(store=str(other)), path=tmp_path / "copied.sqlite",
                        show_progress=False)
    assert index_of(copied).event_count() == 2
    copied.close()


# -- a remote store ------------------------------------------------------------------------------------


@pytest.fixture
def oxigraph_server(tmp_path):
    """``oxigraph serve`` on a free loopback port: (query URL, update URL, GSP URL)."""
    binary = Path(sys.executable).with_name("oxigraph")
    if not binary.exists():
        binary = shutil.which("oxigraph")
        if binary is None:
            pytest.skip("the oxigraph server is not installed (pip install -e '.[test]' brings it)")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    process = subprocess.Popen([str(binary), "serve", "--location", str(tmp_path / "oxigraph"), "--bind",
                                f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    while True:
        try:
            urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=1).close()
            break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                pytest.fail("oxigraph serve did not start")
            time.sleep(0.1)
    yield f"{base}/query?union-default-graph", f"{base}/update", f"{base}/store"
    process.kill()
    process.wait()


def test_a_remote_store_is_indexed_over_sparql_and_refreshed_when_others_write(oxigraph_server, tmp_path):
    from kb.store.remote import RemoteStore

    query_url, update_url, gsp_url = oxigraph_server
    store = RemoteStore(query_url, update_url=update_url, gsp_url=gsp_url)
    for number in range(4):
        write_article(store, synthetic_article(number, 5))
    indexed = with_index(store, Settings(store=query_url), path=tmp_path / "remote.sqlite", show_progress=False)
    agree(indexed, store, EventFilter(), FILTERS["an actor"], FILTERS["a country"], FILTERS["words in any case"])
    write_article(indexed, synthetic_article(4, 3))  # through the index: in it at once
    assert index_of(indexed).event_count() == 23
    other_machine = RemoteStore(query_url, update_url=update_url)
    write_article(other_machine, synthetic_article(5, 6))
    remove_articles(other_machine, [f"{BASE}article/synthetic-00000"], IRIS)
    indexed.refresh_every(0.2)
    deadline = time.monotonic() + 20
    while index_of(indexed).event_count() != 23 + 6 - 5 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert index_of(indexed).event_count() == 23 + 6 - 5
    agree(indexed, store, EventFilter(), FILTERS["an actor"], FILTERS["a province"])
    indexed.close()


# -- where the index lives, and the web app ----------------------------------------------------------


def test_index_location_follows_the_settings(tmp_path):
    assert index_location(Settings(store="data/kb")) == Path("data/kb.index.sqlite")
    remote = index_location(Settings(store="http://example.org/sparql", cache_dir=str(tmp_path)))
    assert remote.parent == tmp_path / "annals" and remote.suffix == ".sqlite"
    assert index_location(Settings(store="data/kb", index=str(tmp_path / "here.sqlite"))) == tmp_path / "here.sqlite"
    assert index_location(Settings(store="data/kb", index="off")) is None


def test_index_settings_come_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("KB_INDEX", str(tmp_path / "here.sqlite"))
    monkeypatch.setenv("KB_INDEX_REFRESH", "5")
    settings = Settings.from_env()
    assert index_location(settings) == tmp_path / "here.sqlite" and settings.index_refresh == 5.0
    monkeypatch.setenv("KB_INDEX", "off")
    monkeypatch.setenv("KB_INDEX_REFRESH", "soon")  # not a number: the default, not a crash
    settings = Settings.from_env()
    assert index_location(settings) is None and settings.index_refresh == 60.0


def test_a_store_whose_index_is_turned_off_is_served_without_one(tmp_path):
    plain = EmbeddedStore(tmp_path / "store")
    assert with_index(plain, Settings(store=str(tmp_path / "store"), index="off")) is plain
    plain.close()


def test_the_timeline_page_is_the_same_with_and_without_the_index(stores):
    from web import create_app

    indexed, plain = stores
    settings = Settings(store=indexed.location)
    with_index_app = create_app(settings, store=indexed).test_client()
    without_app = create_app(settings, store=plain).test_client()
    for url in ["/", f"/?place={BASE}place/9000&page=2", "/?type=Talks&order=newest", "/?from=2017-01-01&to=2017-03-31"]:
        first, second = with_index_app.get(url), without_app.get(url)
        assert first.status_code == second.status_code == 200
        total = first.get_data(as_text=True).split(" events")[0][-40:]
        assert total == second.get_data(as_text=True).split(" events")[0][-40:]
    assert isinstance(indexed, IndexedStore)


def test_writing_commands_keep_an_existing_index_in_step_and_leave_a_missing_one_to_serve(small, tmp_path):
    indexed, plain, settings = small
    index_of(indexed).close()
    writer = with_index(plain, settings, check=False)  # what kb ingest and kb load open
    write_article(writer, synthetic_article(40, 2))
    assert index_of(writer).event_count() == 22
    index_of(writer).close()
    elsewhere = Settings(store=str(tmp_path / "fresh"))
    fresh = EmbeddedStore(tmp_path / "fresh")
    assert with_index(fresh, elsewhere, check=False) is fresh
    assert not index_location(elsewhere).exists()
    fresh.close()


def test_kb_index_command_checks_and_rebuilds(small, capsys):
    import argparse

    from kb.index.command import run

    indexed, plain, settings = small
    index_of(indexed).close()
    assert run(argparse.Namespace(rebuild=False, path=None, quiet=True), settings, plain) == 0
    assert "up to date, 20 events" in capsys.readouterr().err
    assert run(argparse.Namespace(rebuild=True, path=None, quiet=True), settings, plain) == 0
    assert "rebuilt (asked for): 20 events" in capsys.readouterr().err


def test_a_new_index_file_of_another_schema_is_started_afresh(tmp_path):
    import sqlite3

    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        conn.execute("INSERT INTO meta VALUES ('schema', 'ancient')")
    index = open_index(path)
    assert index.meta("schema") != "ancient" and index.event_count() == 0
    index.close()
