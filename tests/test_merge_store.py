"""Merged events in a real store: one canonical event per incident, kept in step with the
article graphs whatever the order of ingest, re-ingest or deletion."""

from __future__ import annotations

import io
import random

import pytest

from kb.merge import CANONICAL_EVENT, SOURCE_COUNT, rebuild_merged_events, update_merged_events
from kb.merge.queries import CANONICAL_PATTERN, canonical_event, event_sources, is_canonical
from kb.merge.validation import validate_all_canonical
from kb.pipeline import build_result
from kb.store.embedded import EmbeddedStore
from tests.merge_helpers import IRIS, actor_iri, report


def _articles():
    return {
        "ghazni-afp": report("ghazni-afp", "2019-10-15", [
            "A car bomb exploded in a crowded market in Ghazni city on Tuesday, killing nine civilians."],
            [{"cls": "Bombing", "day": "2019-10-15", "place": "market-ghazni", "killed": 9, "injured": 30}]),
        "ghazni-pajhwok": report("ghazni-pajhwok", "2019-10-16", [
            "Eleven people were killed when a car bomb went off in the main bazaar of Ghazni city yesterday."],
            [{"cls": "Bombing", "day": "2019-10-15", "place": "1141269", "killed": 11, "injured": 34, "trigger": "bomb"}]),
        "ghazni-ap": report("ghazni-ap", "2019-10-16", [
            "A car bomb killed 11 people at a market in Ghazni on Tuesday.",
            "Hours later Taliban fighters attacked a police checkpoint in Ghazni, killing four policemen.",
            "The insurgents fled after a gunbattle in Ghazni that lasted an hour."],
            [{"cls": "Bombing", "day": "2019-10-15", "place": "market-ghazni", "killed": 11, "trigger": "bomb"},
             {"cls": "ArmedAssault", "sentence": 1, "day": "2019-10-15", "place": "checkpoint-ghazni",
              "roles": {"perpetrator": ["taliban"]}, "killed": 4, "trigger": "attacked"},
             {"cls": "ArmedClash", "sentence": 2, "day": "2019-10-15", "place": "1141269", "trigger": "gunbattle",
              "related": [("partOf", 1)]}]),
        "ghazni-reuters": report("ghazni-reuters", "2019-10-15", [
            "Taliban insurgents stormed a police checkpoint in Ghazni province on Tuesday, killing four officers."],
            [{"cls": "ArmedAssault", "day": "2019-10-15", "place": "1141268", "roles": {"claimedBy": ["taliban"]},
              "killed": 4, "trigger": "stormed"}]),
        "kabul-tolo": report("kabul-tolo", "2019-10-15", [
            "A bomb exploded near a bus in Kabul on Tuesday, killing two people."],
            [{"cls": "Bombing", "day": "2019-10-15", "place": "1138958", "killed": 2, "trigger": "bomb"}]),
        "nicholson-reuters": report("nicholson-reuters", "2018-03-12", [
            "General John Nicholson urged the Taliban on Monday to join peace talks in Kabul."],
            [{"cls": "PeaceProposal", "day": "2018-03-12", "place": "1138958", "trigger": "urged",
              "roles": {"proposer": ["john-nicholson"], "addressee": ["taliban"]}}]),
        "nicholson-stripes": report("nicholson-stripes", "2018-03-13", [
            "Nicholson urged the Taliban on Monday to join peace talks, speaking in Kabul."],
            [{"cls": "PeaceProposal", "day": "2018-03-12", "place": "1138958", "trigger": "urged",
              "roles": {"proposer": ["nicholson"], "addressee": ["taliban"]}}]),
        "doha-ap": report("doha-ap", "2019-12-08", [
            "U.S. and Taliban negotiators met in Doha on Saturday."],
            [{"cls": "Talks", "day": "2019-12-07", "place": "290030", "trigger": "met",
              "roles": {"participant": ["united-states", "taliban"]}}]),
        "doha-xinhua": report("doha-xinhua", "2019-12-07", [
            "The US government and the Taliban held talks in Doha on Saturday."],
            [{"cls": "Talks", "day": "2019-12-07", "place": "290030", "trigger": "talks",
              "roles": {"participant": ["government-of-united-states", "taliban"]}}]),
    }


ARTICLES = _articles()
WRITES = {name: build_result(extraction, IRIS, validate=False) for name, extraction in ARTICLES.items()}


def graph(name: str) -> str:
    return WRITES[name].graph


def mention(name: str, index: int = 0) -> str:
    extraction = ARTICLES[name]
    return IRIS.event(extraction.article, extraction.events[index])


def ingest(store, names, batch: int = 1) -> None:
    for i in range(0, len(names), batch):
        chunk = names[i:i + batch]
        for name in chunk:
            store.write(WRITES[name].write)
        update_merged_events(store, [graph(n) for n in chunk], IRIS)


def dump(store, *, without_entities: bool = False) -> list[str]:
    buffer = io.BytesIO()
    store.dump(buffer, "nq")
    lines = sorted(line for line in buffer.getvalue().decode("utf-8").splitlines() if line.strip())
    return [line for line in lines if not (without_entities and line.endswith(f"<{IRIS.entities_graph}> ."))]


def canonical(store, name: str, index: int = 0) -> str | None:
    return canonical_event(store, mention(name, index))


@pytest.fixture
def store(tmp_path):
    with EmbeddedStore(tmp_path / "kb") as s:
        yield s


@pytest.fixture
def full(store):
    ingest(store, sorted(ARTICLES))
    return store


def test_each_incident_is_one_canonical_event_with_every_source(full):
    market = canonical(full, "ghazni-afp")
    assert market == canonical(full, "ghazni-pajhwok") == canonical(full, "ghazni-ap", 0)
    assert canonical(full, "ghazni-ap", 1) == canonical(full, "ghazni-reuters")
    assert canonical(full, "ghazni-ap", 1) != market
    assert canonical(full, "kabul-tolo") not in (market, canonical(full, "ghazni-reuters"))
    sources = full.select(f"SELECT ?a WHERE {{ <{market}> <http://www.w3.org/ns/prov#wasDerivedFrom> ?a }}")
    assert sorted(r["a"] for r in sources) == sorted(graph(n) for n in ("ghazni-afp", "ghazni-pajhwok", "ghazni-ap"))
    assert full.select(f"SELECT ?n WHERE {{ <{market}> <{SOURCE_COUNT}> ?n }}")[0]["n"] == "3"


def test_every_reported_event_has_exactly_one_canonical_event(full):
    rows = full.select(f"""SELECT ?e (COUNT(?c) AS ?n) WHERE {{
      GRAPH ?a {{ ?e a <http://semanticweb.cs.vu.nl/2009/11/sem/Event> ; <http://www.w3.org/ns/prov#wasDerivedFrom> ?a }}
      OPTIONAL {{ ?e <{CANONICAL_EVENT}> ?c }} }} GROUP BY ?e""")
    assert len(rows) == sum(len(x.events) for x in ARTICLES.values())
    assert {r["n"] for r in rows} == {"1"}


def test_asking_for_canonical_events_lists_each_incident_once(full):
    rows = full.select(f"PREFIX kb: <https://w3id.org/annals/ns#> SELECT ?e WHERE {{ ?e a kb:Attack . {CANONICAL_PATTERN} }}")
    assert len(rows) == 4  # the market bombing, the checkpoint attack, its gunbattle, the Kabul bombing
    assert all(is_canonical(full, r["e"]) for r in rows)


def test_canonical_event_graphs_conform_to_the_shapes(full):
    checked, failures = validate_all_canonical(full, IRIS)
    assert checked > 0 and failures == []


def test_the_merged_event_keeps_competing_figures_and_the_lowest_as_its_total(full):
    market = canonical(full, "ghazni-afp")
    counts = full.select(f"""PREFIX kb: <https://w3id.org/annals/ns#> SELECT ?count ?source WHERE {{
      <{market}> kb:casualties ?r . ?r kb:outcome kb:Killed ; kb:count ?count ;
      <http://www.w3.org/ns/prov#wasDerivedFrom> ?source }}""")
    assert sorted(int(r["count"]) for r in counts) == [9, 11, 11]
    assert full.select(f"SELECT ?k WHERE {{ <{market}> <https://w3id.org/annals/ns#killed> ?k }}")[0]["k"] == "9"


def test_a_sub_event_is_linked_to_its_merged_event(full):
    gunbattle, checkpoint = canonical(full, "ghazni-ap", 2), canonical(full, "ghazni-ap", 1)
    assert gunbattle != checkpoint
    assert full.ask(f"ASK {{ <{gunbattle}> <https://w3id.org/annals/ns#partOf> <{checkpoint}> }}")


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_ingest_order_does_not_change_the_graph(tmp_path, seed):
    with EmbeddedStore(tmp_path / "reference") as reference:
        for name in sorted(ARTICLES):
            reference.write(WRITES[name].write)
        rebuild_merged_events(reference, IRIS)
        expected = dump(reference)
    names = sorted(ARTICLES)
    random.Random(seed).shuffle(names)
    with EmbeddedStore(tmp_path / "shuffled") as shuffled:
        ingest(shuffled, names, batch=seed)
        assert dump(shuffled) == expected


def test_reingesting_an_article_changes_nothing(full):
    before = dump(full)
    ingest(full, ["ghazni-ap", "nicholson-stripes"])
    assert dump(full) == before


def test_removing_the_last_source_removes_the_event(full):
    kabul = canonical(full, "kabul-tolo")
    full.remove_graph(graph("kabul-tolo"))
    update_merged_events(full, [graph("kabul-tolo")], IRIS)
    assert not full.ask(f"ASK {{ <{kabul}> ?p ?o }}")
    assert not full.ask(f"ASK {{ ?s ?p <{kabul}> }}")


def test_removing_a_source_keeps_the_event_with_the_others(full):
    market = canonical(full, "ghazni-pajhwok")
    full.remove_graph(graph("ghazni-afp"))  # the first report, which named the event
    update_merged_events(full, [graph("ghazni-afp")], IRIS)
    now = canonical(full, "ghazni-pajhwok")
    assert now == canonical(full, "ghazni-ap")
    assert full.select(f"SELECT ?n WHERE {{ <{now}> <{SOURCE_COUNT}> ?n }}")[0]["n"] == "2"
    assert not full.ask(f"ASK {{ <{market}> <{SOURCE_COUNT}> ?n }}") or now == market


def test_removing_the_report_that_joined_two_others_splits_the_event(store):
    # An undated report and a report with no place are each like the bridge, not like each other.
    bridge = report("bridge", "2019-10-15", ["A car bomb exploded at a market in Ghazni on Tuesday, killing nine."],
                    [{"cls": "Bombing", "day": "2019-10-15", "place": "market-ghazni", "killed": 9, "trigger": "bomb"}])
    undated = report("undated", "2019-10-16", ["A bomb went off in Ghazni city."],
                     [{"cls": "Bombing", "place": "1141269", "trigger": "bomb"}])
    placeless = report("placeless", "2019-10-16", ["Nine people died when a car bomb exploded yesterday."],
                       [{"cls": "Bombing", "day": "2019-10-15", "killed": 9, "trigger": "bomb"}])
    writes = [build_result(x, IRIS, validate=False) for x in (bridge, undated, placeless)]
    for w in writes:
        store.write(w.write)
    update_merged_events(store, [w.graph for w in writes], IRIS)
    u, p = (IRIS.event(x.article, x.events[0]) for x in (undated, placeless))
    assert canonical_event(store, u) == canonical_event(store, p)
    store.remove_graph(writes[0].graph)
    update_merged_events(store, [writes[0].graph], IRIS)
    assert canonical_event(store, u) != canonical_event(store, p)
    assert all(canonical_event(store, m) for m in (u, p))


def test_deleting_articles_leaves_what_ingesting_the_rest_gives(tmp_path):
    names = sorted(ARTICLES)
    removed = ["ghazni-ap", "nicholson-reuters", "doha-xinhua"]
    with EmbeddedStore(tmp_path / "a") as store:
        ingest(store, names)
        for name in removed:
            store.remove_graph(graph(name))
            update_merged_events(store, [graph(name)], IRIS)
        after_deletion = dump(store, without_entities=True)
    with EmbeddedStore(tmp_path / "b") as store:
        ingest(store, [n for n in names if n not in removed])
        assert dump(store, without_entities=True) == after_deletion


def test_a_person_named_by_surname_is_the_person_other_articles_name_in_full(full):
    proposal = canonical(full, "nicholson-stripes")
    assert proposal == canonical(full, "nicholson-reuters")
    proposers = full.select(f"SELECT ?x WHERE {{ <{proposal}> <https://w3id.org/annals/ns#proposer> ?x }}")
    assert [r["x"] for r in proposers] == [actor_iri("john-nicholson")]
    assert full.ask(f"ASK {{ <{actor_iri('nicholson')}> <http://www.w3.org/2002/07/owl#sameAs> <{actor_iri('john-nicholson')}> }}")
    assert full.ask(f'ASK {{ <{actor_iri("john-nicholson")}> <http://www.w3.org/2004/02/skos/core#altLabel> "Nicholson" }}')


def test_the_surname_link_goes_when_the_full_name_does(full):
    full.remove_graph(graph("nicholson-reuters"))
    update_merged_events(full, [graph("nicholson-reuters")], IRIS)
    assert not full.ask(f"ASK {{ <{actor_iri('nicholson')}> <http://www.w3.org/2002/07/owl#sameAs> ?x }}")
    proposal = canonical(full, "nicholson-stripes")
    assert full.ask(f"ASK {{ <{proposal}> <https://w3id.org/annals/ns#proposer> <{actor_iri('nicholson')}> }}")


def test_a_country_and_its_government_are_one_actor_in_merged_events(full):
    talks = canonical(full, "doha-ap")
    assert talks == canonical(full, "doha-xinhua")
    parties = {r["x"] for r in full.select(
        f"SELECT ?x WHERE {{ <{talks}> <https://w3id.org/annals/ns#participant> ?x }}")}
    assert parties == {actor_iri("government-of-united-states"), actor_iri("taliban")}
    assert full.ask(f'ASK {{ <{actor_iri("government-of-united-states")}> '
                    f'<http://www.w3.org/2004/02/skos/core#altLabel> "United States" }}')


def test_an_event_page_can_show_every_report_side_by_side(full):
    reports = event_sources(full, mention("ghazni-pajhwok"))
    assert [r.article for r in reports] == [graph("ghazni-afp"), graph("ghazni-ap"), graph("ghazni-pajhwok")]
    by_article = {r.article: r for r in reports}
    assert [f.text for f in by_article[graph("ghazni-afp")].figures] == ["9 killed (people)", "30 injured (people)"]
    assert by_article[graph("ghazni-pajhwok")].quotes[0].text.startswith("Eleven people were killed")
    assert by_article[graph("ghazni-afp")].event_class == "Bombing"


def test_an_ingest_interrupted_before_merging_is_found_and_finished(store):
    ingest(store, ["ghazni-afp", "ghazni-ap"])
    store.write(WRITES["ghazni-pajhwok"].write)  # written, then the process died
    from kb.merge.update import articles_needing_merge

    assert articles_needing_merge(store) == {graph("ghazni-pajhwok")}
    update_merged_events(store, articles_needing_merge(store), IRIS)
    assert articles_needing_merge(store) == set()
    assert canonical(store, "ghazni-pajhwok") == canonical(store, "ghazni-afp")


def test_removing_articles_removes_their_graphs_and_updates_the_events(full):
    from kb.merge.update import remove_articles

    summary = remove_articles(full, [graph("kabul-tolo"), graph("ghazni-reuters")], IRIS)
    assert summary.removed >= 1
    assert not full.ask(f"ASK {{ GRAPH <{graph('kabul-tolo')}> {{ ?s ?p ?o }} }}")
    checkpoint = canonical(full, "ghazni-ap", 1)
    assert full.select(f"SELECT ?n WHERE {{ <{checkpoint}> <{SOURCE_COUNT}> ?n }}")[0]["n"] == "1"
