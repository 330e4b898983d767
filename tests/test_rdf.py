"""The RDF builder writes the design's data model from plain extraction objects."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from rdflib import Literal, URIRef

from kb.ids import Iris, slugify
from kb.model import EventTime
from kb.pipeline import split_graph
from kb.rdf import to_rdf
from kb.vocab import GEO, KB, NIF, OWL, PROV, RDF, SCHEMA, SEM, TIME, WGS, XSD

ID = "https://w3id.org/annals/id/"


def event_node(graph, cls):
    (node,) = graph.subjects(RDF.type, cls)
    return node


def test_every_event_carries_its_full_type_chain(ghazni_extraction):
    graph = to_rdf(ghazni_extraction)
    bombing = event_node(graph, KB.Bombing)
    assert {KB.Bombing, KB.Attack, SEM.Event} <= set(graph.objects(bombing, RDF.type))
    talks = event_node(graph, KB.Talks)
    assert {KB.Talks, KB.Negotiation, SEM.Event} <= set(graph.objects(talks, RDF.type))


def test_dates_bounds_and_precision_are_typed_dates(ghazni_extraction):
    graph = to_rdf(ghazni_extraction)
    talks = event_node(graph, KB.Talks)
    assert graph.value(talks, SEM.hasEarliestBeginTimeStamp) == Literal("2019-03-18", datatype=XSD.date)
    assert graph.value(talks, SEM.hasLatestBeginTimeStamp) == Literal("2019-03-24", datatype=XSD.date)
    assert graph.value(talks, SEM.hasTimeStamp) == Literal("2019-03-18", datatype=XSD.date)
    assert graph.value(talks, KB.timePrecision) == TIME.unitWeek
    assert graph.value(talks, KB.timeExpression) == Literal("next week")
    assert graph.value(talks, KB.status) == KB.Planned


def test_an_undated_event_of_an_undated_article_has_no_time_stamps(ghazni_extraction):
    extraction = ghazni_extraction
    extraction.events[0].time = EventTime("unanchored")
    graph = to_rdf(extraction)
    bombing = event_node(graph, KB.Bombing)
    assert graph.value(bombing, KB.timePrecision) == KB.Unanchored
    assert graph.value(bombing, SEM.hasTimeStamp) is None
    assert graph.value(bombing, SEM.hasEarliestBeginTimeStamp) is None


def test_roles_are_also_asserted_as_sem_has_actor(ghazni_extraction):
    graph = to_rdf(ghazni_extraction)
    bombing = event_node(graph, KB.Bombing)
    taliban = URIRef(ID + "actor/taliban")
    assert (bombing, KB.claimedBy, taliban) in graph
    assert (bombing, SEM.hasActor, taliban) in graph
    assert (bombing, SEM.hasActor, URIRef(ID + "actor/afghan-national-army")) in graph


def test_casualties_are_plain_integers_with_reports(ghazni_extraction):
    graph = to_rdf(ghazni_extraction)
    bombing = event_node(graph, KB.Bombing)
    assert graph.value(bombing, KB.killed) == Literal(7, datatype=XSD.integer)
    assert graph.value(bombing, KB.injured) == Literal(12, datatype=XSD.integer)
    reports = {graph.value(r, KB.outcome): r for r in graph.objects(bombing, KB.casualties)}
    injured = reports[KB.Injured]
    assert graph.value(injured, KB.countQualifier) == KB.AtLeast
    assert graph.value(injured, KB.victimGroup) == Literal("others")
    assert graph.value(injured, PROV.wasDerivedFrom) == URIRef(ID + "article/example-ghazni-2019-03-13")


def test_unknown_casualties_stay_absent(ghazni_extraction):
    graph = to_rdf(ghazni_extraction)
    talks = event_node(graph, KB.Talks)
    assert graph.value(talks, KB.killed) is None
    assert graph.value(talks, KB.casualties) is None


def test_evidence_offsets_point_into_the_stored_text(ghazni_extraction):
    graph = to_rdf(ghazni_extraction)
    article = URIRef(ID + "article/example-ghazni-2019-03-13")
    text = str(graph.value(graph.value(article, KB.context), NIF.isString))
    for event in graph.subjects(RDF.type, SEM.Event):
        assert graph.value(event, PROV.wasDerivedFrom) == article
        for evidence in graph.objects(event, KB.evidence):
            begin = int(graph.value(evidence, NIF.beginIndex))
            end = int(graph.value(evidence, NIF.endIndex))
            assert text[begin:end] == str(graph.value(evidence, NIF.anchorOf))


def test_article_metadata(ghazni_extraction):
    graph = to_rdf(ghazni_extraction)
    article = URIRef(ID + "article/example-ghazni-2019-03-13")
    assert graph.value(article, RDF.type) == SCHEMA.NewsArticle
    assert graph.value(article, SCHEMA.datePublished) == Literal("2019-03-13", datatype=XSD.date)
    assert graph.value(article, SCHEMA.url) == URIRef("https://example.org/2019/03/13/ghazni")
    assert str(graph.value(article, KB.contentHash)).startswith("sha256:")


def test_places_link_to_geonames_with_coordinates_and_containment(ghazni_extraction):
    graph = to_rdf(ghazni_extraction)
    ghazni = URIRef(ID + "place/1141269")
    assert graph.value(ghazni, OWL.sameAs) == URIRef("https://sws.geonames.org/1141269/")
    assert graph.value(ghazni, WGS.lat) == Literal(Decimal("33.55391"), datatype=XSD.decimal)
    assert graph.value(ghazni, KB.placeType) == KB.City
    wkt = graph.value(graph.value(ghazni, GEO.hasGeometry), GEO.asWKT)
    assert str(wkt) == "POINT(68.42096 33.55391)"
    chain = [str(graph.value(URIRef(ID + "place/army-base-ghazni"), SCHEMA.containedInPlace))]
    while (parent := graph.value(URIRef(chain[-1]), SCHEMA.containedInPlace)) is not None:
        chain.append(str(parent))
    assert chain[-1] == ID + "place/1149361"


def test_same_input_gives_the_same_iris_and_triples(ghazni_extraction):
    from tests.conftest import build_ghazni_extraction

    first = to_rdf(ghazni_extraction)
    second = to_rdf(build_ghazni_extraction())
    assert set(first) == set(second)


def test_two_events_of_one_article_get_distinct_iris(ghazni_extraction):
    graph = to_rdf(ghazni_extraction)
    assert len(set(graph.subjects(RDF.type, SEM.Event))) == 2


def test_the_base_iri_is_configurable(ghazni_extraction):
    graph = to_rdf(ghazni_extraction, Iris("http://example.org/kb/"))
    assert all(str(s).startswith("http://example.org/kb/") for s in graph.subjects(RDF.type, SEM.Event))


def test_identifiers_with_unsafe_characters_get_distinct_safe_slugs():
    assert slugify("000_c6dc9904ae642ca3") == "000_c6dc9904ae642ca3"
    a, b = slugify("http://x.org/a b"), slugify("http://x.org/a/b")
    assert a != b
    assert all(c.isalnum() or c in "._~-" for c in a + b)


def test_actor_and_place_descriptions_go_to_the_shared_entities_graph(ghazni_extraction):
    iris = Iris()
    graph = to_rdf(ghazni_extraction, iris)
    write = split_graph(graph, iris.graph(ghazni_extraction.article), iris)
    assert "actor/taliban> <http://www.w3.org/2000/01/rdf-schema#label>" in write.shared[iris.entities_graph]
    assert "actor/taliban> <http://www.w3.org/2000/01/rdf-schema#label>" not in write.triples
    # the event's link to the actor stays with the article
    assert "https://w3id.org/annals/ns#claimedBy> <https://w3id.org/annals/id/actor/taliban>" in write.triples
    assert write.triples == split_graph(to_rdf(ghazni_extraction, iris), write.graph, iris).triples
