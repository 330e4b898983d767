"""The SHACL shapes in shapes/ and the report kb.validate makes of them.

Each family of shapes gets a conforming graph and, for every important rule,
a graph that breaks just that rule; the tests assert the exact constraint
component and path pyshacl reports. The base graph restates the Ghazni
example of the design (a bombing with casualty figures and planned talks),
once with IRIs for evidence and casualty reports (as kb.rdf writes them) and
once with blank nodes (as the design's example does).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from rdflib import BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.paths import InvPath, SequencePath

from kb.validate import ValidationReport, shape_files, shapes_graph, validate
from kb.vocab import DCTERMS, GEO, KB, NIF, OWL, PREFIXES, PROV, RDF, RDFS, SCHEMA, SEM, SKOS, TIME, WGS, XSD

ID = Namespace("https://w3id.org/annals/id/")
SH = Namespace("http://www.w3.org/ns/shacl#")
ARTICLE = ID["article/example-ghazni-2019-03-13"]
CONTEXT = URIRef(f"{ARTICLE}#context")
BOMBING = ID["event/7f3a9c"]
TALKS = ID["event/c41d02"]
BOMBING_EVIDENCE = URIRef(f"{BOMBING}#evidence-0")
KILLED_REPORT = URIRef(f"{BOMBING}#casualties-0")
TALIBAN = ID["actor/taliban"]
ARMY = ID["actor/afghan-national-army"]
GHAZNI = ID["place/1141269"]
BASE = ID["place/army-base-ghazni"]

def undeclared(local_name: str) -> URIRef:
    """A kb: IRI that the ontology does not declare (KB.x would fail at attribute access)."""
    return URIRef(f"{KB._NS}{local_name}")


HEADER = "".join(f"@prefix {prefix}: <{namespace}> .\n" for prefix, namespace in PREFIXES.items())
HEADER += "@prefix id: <https://w3id.org/annals/id/> .\n"

TEXT = (
    "GHAZNI, Afghanistan — A suicide car bomber struck an army base in Ghazni city on Tuesday, killing seven "
    "soldiers and wounding at least 12 others, provincial officials said.\n\nThe Taliban claimed responsibility "
    "for the attack.\n\nA government spokesman said talks with Taliban representatives in Doha would resume "
    "next week."
)

# The Ghazni report of the design (shared/examples/ghazni-report.trig), restated.
GHAZNI_REPORT = HEADER + '''
<https://w3id.org/annals/id/article/example-ghazni-2019-03-13> a schema:NewsArticle ;
    dcterms:title "Car bomb kills seven soldiers in Ghazni; talks to resume next week" ;
    schema:datePublished "2019-03-13"^^xsd:date ;
    schema:url <https://example.org/2019/03/13/ghazni> ;
    schema:publisher "Example Wire" ;
    schema:identifier "example-ghazni-2019-03-13" ;
    kb:contentHash "sha256:8ecea9954aa344fbcd9bbdcee517c0d6c849ef141d8e05c231b6e9ac0c62713d" ;
    kb:context <https://w3id.org/annals/id/article/example-ghazni-2019-03-13#context> .

<https://w3id.org/annals/id/article/example-ghazni-2019-03-13#context> a nif:Context ;
    nif:isString """%s""" .

id:event\\/7f3a9c a kb:Bombing, kb:Attack, sem:Event ;
    rdfs:label "Suicide car bombing of an army base in Ghazni" ;
    sem:hasTimeStamp "2019-03-12"^^xsd:date ;
    sem:hasEarliestBeginTimeStamp "2019-03-12"^^xsd:date ;
    sem:hasLatestBeginTimeStamp "2019-03-12"^^xsd:date ;
    kb:timePrecision time:unitDay ;
    kb:timeExpression "on Tuesday" ;
    sem:hasPlace id:place\\/army-base-ghazni ;
    kb:claimedBy id:actor\\/taliban ;
    sem:hasActor id:actor\\/taliban, id:actor\\/afghan-national-army ;
    kb:target id:actor\\/afghan-national-army ;
    kb:killed 7 ;
    kb:injured 12 ;
    kb:casualties <https://w3id.org/annals/id/event/7f3a9c#casualties-0>, <https://w3id.org/annals/id/event/7f3a9c#casualties-1> ;
    kb:status kb:Occurred ;
    kb:confidence 0.9 ;
    prov:wasDerivedFrom <https://w3id.org/annals/id/article/example-ghazni-2019-03-13> ;
    kb:evidence <https://w3id.org/annals/id/event/7f3a9c#evidence-0> .

<https://w3id.org/annals/id/event/7f3a9c#casualties-0> a kb:CasualtyReport ;
    kb:outcome kb:Killed ; kb:count 7 ; kb:countQualifier kb:Exact ; kb:victimGroup "soldiers" ;
    kb:victim id:actor\\/afghan-national-army ;
    prov:wasDerivedFrom <https://w3id.org/annals/id/article/example-ghazni-2019-03-13> .
<https://w3id.org/annals/id/event/7f3a9c#casualties-1> a kb:CasualtyReport ;
    kb:outcome kb:Injured ; kb:count 12 ; kb:countQualifier kb:AtLeast ; kb:victimGroup "others" ;
    prov:wasDerivedFrom <https://w3id.org/annals/id/article/example-ghazni-2019-03-13> .

<https://w3id.org/annals/id/event/7f3a9c#evidence-0> a nif:String ;
    nif:anchorOf "A suicide car bomber struck an army base in Ghazni city on Tuesday, killing seven soldiers and wounding at least 12 others, provincial officials said." ;
    nif:beginIndex 22 ; nif:endIndex 172 ;
    nif:referenceContext <https://w3id.org/annals/id/article/example-ghazni-2019-03-13#context> .

id:event\\/c41d02 a kb:Talks, kb:Negotiation, sem:Event ;
    rdfs:label "Talks between the Afghan government and the Taliban in Doha" ;
    sem:hasTimeStamp "2019-03-18"^^xsd:date ;
    sem:hasEarliestBeginTimeStamp "2019-03-18"^^xsd:date ;
    sem:hasLatestBeginTimeStamp "2019-03-24"^^xsd:date ;
    kb:timePrecision time:unitWeek ;
    kb:timeExpression "next week" ;
    sem:hasPlace id:place\\/290030 ;
    kb:participant id:actor\\/government-of-afghanistan, id:actor\\/taliban ;
    sem:hasActor id:actor\\/government-of-afghanistan, id:actor\\/taliban ;
    kb:status kb:Planned ;
    kb:confidence 0.7 ;
    prov:wasDerivedFrom <https://w3id.org/annals/id/article/example-ghazni-2019-03-13> ;
    kb:evidence <https://w3id.org/annals/id/event/c41d02#evidence-0> .

<https://w3id.org/annals/id/event/c41d02#evidence-0> a nif:String ;
    nif:anchorOf "A government spokesman said talks with Taliban representatives in Doha would resume next week." ;
    nif:beginIndex "226"^^xsd:nonNegativeInteger ; nif:endIndex "320"^^xsd:nonNegativeInteger ;
    nif:referenceContext <https://w3id.org/annals/id/article/example-ghazni-2019-03-13#context> .

id:actor\\/taliban a sem:Actor, kb:ArmedGroup ;
    rdfs:label "Taliban" ; skos:altLabel "the Taliban" ;
    owl:sameAs <http://www.wikidata.org/entity/Q42418> .
id:actor\\/government-of-afghanistan a sem:Actor, kb:Government ;
    rdfs:label "Government of Afghanistan" ; skos:altLabel "Afghan government" .
id:actor\\/afghan-national-army a sem:Actor, kb:SecurityForce ;
    rdfs:label "Afghan National Army" ; schema:memberOf id:actor\\/government-of-afghanistan .

id:place\\/army-base-ghazni a sem:Place, schema:Place ;
    rdfs:label "army base, Ghazni" ; kb:placeType kb:Site ;
    schema:containedInPlace id:place\\/1141269 .
id:place\\/1141269 a sem:Place, schema:Place ;
    rdfs:label "Ghazni" ; kb:placeType kb:City ;
    wgs:lat 33.55391 ; wgs:long 68.42096 ;
    geo:hasGeometry <https://w3id.org/annals/id/place/1141269#geometry> ;
    owl:sameAs <https://sws.geonames.org/1141269/> ;
    schema:containedInPlace id:place\\/1141268 .
<https://w3id.org/annals/id/place/1141269#geometry> geo:asWKT "POINT(68.42096 33.55391)"^^geo:wktLiteral .
id:place\\/1141268 a sem:Place, schema:Place ;
    rdfs:label "Ghazni Province" ; kb:placeType kb:Province ;
    owl:sameAs <https://sws.geonames.org/1141268/> ;
    schema:containedInPlace id:place\\/1149361 .
id:place\\/1149361 a sem:Place, schema:Place ;
    rdfs:label "Afghanistan" ; kb:placeType kb:CountryPlace ;
    owl:sameAs <https://sws.geonames.org/1149361/> .
id:place\\/290030 a sem:Place, schema:Place ;
    rdfs:label "Doha" ; kb:placeType kb:City ;
    wgs:lat 25.28545 ; wgs:long 51.53096 ;
    owl:sameAs <https://sws.geonames.org/290030/> ;
    schema:containedInPlace id:place\\/289688 .
id:place\\/289688 a sem:Place, schema:Place ;
    rdfs:label "Qatar" ; kb:placeType kb:CountryPlace ;
    owl:sameAs <https://sws.geonames.org/289688/> .
''' % TEXT


def ghazni() -> Graph:
    return Graph().parse(data=GHAZNI_REPORT, format="turtle")


def with_blank_nodes(graph: Graph) -> Graph:
    """The same graph with evidence and casualty reports as blank nodes, as in the design's example."""
    renamed: dict[URIRef, BNode] = {}

    def rename(node):
        if isinstance(node, URIRef) and ("#evidence-" in node or "#casualties-" in node):
            return renamed.setdefault(node, BNode())
        return node

    result = Graph()
    for s, p, o in graph:
        result.add((rename(s), p, rename(o)))
    return result


def found(report: ValidationReport, component: str, path=None, focus=None) -> list:
    return [
        v for v in report.results
        if v.component == component
        and (path is None or v.path == path)
        and (focus is None or v.focus_node == focus)
    ]


def assert_reported(graph: Graph, component: str, path=None, focus=None) -> ValidationReport:
    report = validate(graph)
    assert not report.conforms
    assert found(report, component, path, focus), (
        f"expected {component} on {path} for {focus}; got:\n{report.text}"
    )
    return report


def assert_only(graph: Graph, component: str, path=None, focus=None) -> ValidationReport:
    """The graph breaks exactly this one rule, once."""
    report = assert_reported(graph, component, path, focus)
    assert len(report.results) == 1, report.text
    return report


# ---------------------------------------------------------------------------
# Conforming graphs


def test_ghazni_report_with_iri_nodes_conforms():
    report = validate(ghazni())
    assert report.conforms, report.text
    assert report.results == []


def test_ghazni_report_with_blank_nodes_conforms():
    graph = with_blank_nodes(ghazni())
    assert any(isinstance(s, BNode) for s in graph.subjects(RDF.type, KB.CasualtyReport))
    report = validate(graph)
    assert report.conforms, report.text


def test_graph_built_by_kb_rdf_conforms():
    from kb.ids import Iris
    from kb.model import Actor, Article, CasualtyCount, Event, EventTime, Extraction, Place, Span
    from kb.rdf import to_rdf

    article = Article(identifier="ghazni", text=TEXT, title="Car bomb in Ghazni", published=date(2019, 3, 13),
                      url="https://example.org/ghazni", publisher="Example Wire")
    sentence = Span(22, 172, TEXT[22:172])
    bombing = Event(
        "Bombing", "Suicide car bombing in Ghazni", Span(32, 42, "car bomber"), [sentence],
        EventTime("day", date(2019, 3, 12), date(2019, 3, 12), date(2019, 3, 12), "on Tuesday", "2019-03-12"),
        confidence=0.9, roles={"target": ["ana"]}, place="1141269",
        casualties=[CasualtyCount("Killed", 7, "Exact", "soldiers", "ana")], killed=7,
    )
    extraction = Extraction(
        article, [bombing],
        actors={"ana": Actor("ana", "Afghan National Army", "SecurityForce")},
        places={
            "1141269": Place("1141269", "Ghazni", "City", 1141269, 33.55391, 68.42096, "1149361"),
            "1149361": Place("1149361", "Afghanistan", "CountryPlace", 1149361),
        },
    )
    report = validate(to_rdf(extraction, Iris()))
    assert report.conforms, report.text


def test_event_without_any_date_conforms_when_unanchored():
    # An article without a publication date: no time in the text, no bounds at all.
    graph = ghazni()
    for p in (SEM.hasTimeStamp, SEM.hasEarliestBeginTimeStamp, SEM.hasLatestBeginTimeStamp, KB.timeExpression):
        graph.remove((BOMBING, p, None))
    graph.set((BOMBING, KB.timePrecision, KB.Unanchored))
    graph.remove((ARTICLE, SCHEMA.datePublished, None))
    assert validate(graph).conforms


def test_article_with_only_its_required_metadata_conforms():
    graph = ghazni()
    for p in (DCTERMS.title, SCHEMA.datePublished, SCHEMA.url, SCHEMA.publisher):
        graph.remove((ARTICLE, p, None))
    assert validate(graph).conforms


def test_publication_date_may_be_a_date_time():
    graph = ghazni()
    graph.set((ARTICLE, SCHEMA.datePublished, Literal("2019-03-13T08:30:00", datatype=XSD.dateTime)))
    assert validate(graph).conforms


# ---------------------------------------------------------------------------
# Events


def test_negative_killed_is_reported_on_kb_killed():
    graph = ghazni()
    graph.set((BOMBING, KB.killed, Literal(-3)))
    assert_only(graph, "MinInclusiveConstraintComponent", KB.killed, BOMBING)


def test_killed_as_a_decimal_is_reported_as_wrong_datatype():
    graph = ghazni()
    graph.set((BOMBING, KB.killed, Literal(Decimal("7.0"))))
    assert_only(graph, "DatatypeConstraintComponent", KB.killed, BOMBING)


def test_two_killed_totals_are_reported():
    graph = ghazni()
    graph.add((BOMBING, KB.killed, Literal(9)))
    assert_only(graph, "MaxCountConstraintComponent", KB.killed, BOMBING)


def test_negative_injured_is_reported_on_kb_injured():
    graph = ghazni()
    graph.set((BOMBING, KB.injured, Literal(-1)))
    assert_only(graph, "MinInclusiveConstraintComponent", KB.injured, BOMBING)


def test_earliest_after_latest_is_reported_with_both_dates():
    graph = ghazni()
    graph.set((TALKS, SEM.hasEarliestBeginTimeStamp, Literal(date(2019, 3, 25))))
    report = assert_reported(graph, "LessThanOrEqualsConstraintComponent", SEM.hasEarliestBeginTimeStamp, TALKS)
    line = found(report, "LessThanOrEqualsConstraintComponent", SEM.hasEarliestBeginTimeStamp)[0].line
    assert line.startswith(f"event <{TALKS}>: sem:hasEarliestBeginTimeStamp: ")
    assert "2019-03-25 > sem:hasLatestBeginTimeStamp 2019-03-24" in line


def test_ordering_date_after_latest_begin_is_reported():
    graph = ghazni()
    graph.set((TALKS, SEM.hasTimeStamp, Literal(date(2019, 3, 30))))
    assert_only(graph, "LessThanOrEqualsConstraintComponent", SEM.hasTimeStamp, TALKS)


def test_time_stamp_as_date_time_is_reported_as_wrong_datatype():
    graph = ghazni()
    graph.set((BOMBING, SEM.hasLatestBeginTimeStamp, Literal("2019-03-12T10:00:00", datatype=XSD.dateTime)))
    assert_reported(graph, "DatatypeConstraintComponent", SEM.hasLatestBeginTimeStamp, BOMBING)


def test_dated_precision_without_time_stamps_is_reported():
    graph = ghazni()
    for p in (SEM.hasTimeStamp, SEM.hasEarliestBeginTimeStamp, SEM.hasLatestBeginTimeStamp):
        graph.remove((BOMBING, p, None))
    assert_only(graph, "OrConstraintComponent", None, BOMBING)


def test_half_dated_event_is_reported_even_when_unanchored():
    graph = ghazni()
    graph.set((BOMBING, KB.timePrecision, KB.Unanchored))
    graph.remove((BOMBING, SEM.hasTimeStamp, None))
    graph.remove((BOMBING, SEM.hasLatestBeginTimeStamp, None))
    report = assert_reported(graph, "MinCountConstraintComponent", SEM.hasTimeStamp, BOMBING)
    assert found(report, "MinCountConstraintComponent", SEM.hasLatestBeginTimeStamp, BOMBING)


def test_unknown_time_precision_is_reported():
    graph = ghazni()
    graph.set((BOMBING, KB.timePrecision, TIME.unitHour))
    assert_only(graph, "InConstraintComponent", KB.timePrecision, BOMBING)


def test_missing_provenance_is_reported_on_prov_was_derived_from():
    graph = ghazni()
    graph.remove((BOMBING, PROV.wasDerivedFrom, None))
    report = assert_only(graph, "MinCountConstraintComponent", PROV.wasDerivedFrom, BOMBING)
    assert "(missing)" in report.text


def test_provenance_pointing_to_something_else_than_an_article_is_reported():
    graph = ghazni()
    graph.set((BOMBING, PROV.wasDerivedFrom, URIRef("https://example.org/2019/03/13/ghazni")))
    assert_only(graph, "ClassConstraintComponent", PROV.wasDerivedFrom, BOMBING)


def test_unknown_status_is_reported():
    graph = ghazni()
    graph.set((BOMBING, KB.status, undeclared("Maybe")))
    report = assert_only(graph, "InConstraintComponent", KB.status, BOMBING)
    assert "kb:Maybe is not one of the allowed values" in report.text


def test_missing_status_is_reported():
    graph = ghazni()
    graph.remove((TALKS, KB.status, None))
    assert_only(graph, "MinCountConstraintComponent", KB.status, TALKS)


def test_confidence_above_one_is_reported():
    graph = ghazni()
    graph.set((BOMBING, KB.confidence, Literal(Decimal("1.5"))))
    assert_only(graph, "MaxInclusiveConstraintComponent", KB.confidence, BOMBING)


def test_confidence_as_a_python_float_is_reported_as_double():
    graph = ghazni()
    graph.set((BOMBING, KB.confidence, Literal(0.9)))  # rdflib makes this an xsd:double
    report = assert_only(graph, "DatatypeConstraintComponent", KB.confidence, BOMBING)
    assert "xsd:double" in report.text and "xsd:decimal" in report.text


def test_missing_evidence_is_reported():
    graph = ghazni()
    graph.remove((TALKS, KB.evidence, None))
    assert_reported(graph, "MinCountConstraintComponent", KB.evidence, TALKS)


def test_missing_label_is_reported():
    graph = ghazni()
    graph.remove((BOMBING, RDFS.label, None))
    assert_only(graph, "MinCountConstraintComponent", RDFS.label, BOMBING)


def test_role_filled_by_something_else_than_an_actor_is_reported_on_that_role():
    graph = ghazni()
    graph.add((BOMBING, KB.perpetrator, ID["actor/nobody-described"]))
    report = assert_only(graph, "ClassConstraintComponent", KB.perpetrator, BOMBING)
    assert f"event <{BOMBING}>: kb:perpetrator: " in report.text


def test_place_that_is_not_described_is_reported():
    graph = ghazni()
    graph.set((BOMBING, SEM.hasPlace, ID["place/nowhere"]))
    assert_only(graph, "ClassConstraintComponent", SEM.hasPlace, BOMBING)


def test_specific_class_without_its_family_is_reported():
    graph = ghazni()
    graph.remove((BOMBING, RDF.type, KB.Attack))
    report = assert_reported(graph, "ClassConstraintComponent", None, BOMBING)
    assert "kb:Attack" in report.text


def test_event_in_both_families_is_reported():
    graph = ghazni()
    graph.remove((BOMBING, RDF.type, KB.Bombing))
    graph.add((BOMBING, RDF.type, KB.Negotiation))
    report = assert_reported(graph, "InConstraintComponent", RDF.type, BOMBING)
    assert all(v.component == "InConstraintComponent" for v in report.results)


def test_event_with_two_specific_classes_is_reported():
    graph = ghazni()
    graph.add((BOMBING, RDF.type, KB.Shelling))
    assert_only(graph, "MaxCountConstraintComponent", RDF.type, BOMBING)


def test_event_typed_only_sem_event_is_reported():
    graph = ghazni()
    graph.remove((TALKS, RDF.type, KB.Talks))
    graph.remove((TALKS, RDF.type, KB.Negotiation))
    assert_only(graph, "MinCountConstraintComponent", RDF.type, TALKS)


def test_family_without_sem_event_is_reported():
    graph = ghazni()
    graph.remove((TALKS, RDF.type, SEM.Event))
    assert_only(graph, "HasValueConstraintComponent", RDF.type, TALKS)


def test_event_named_by_a_blank_node_is_reported():
    graph = ghazni()
    blank = BNode()
    for p, o in list(graph.predicate_objects(TALKS)):
        graph.add((blank, p, o))
    graph.remove((TALKS, None, None))
    assert_only(graph, "NodeKindConstraintComponent", None, blank)


def test_related_event_that_is_not_an_event_is_reported():
    graph = ghazni()
    graph.add((TALKS, KB.inResponseTo, ARTICLE))
    assert_only(graph, "ClassConstraintComponent", KB.inResponseTo, TALKS)


def test_related_events_in_the_same_graph_conform():
    graph = ghazni()
    graph.add((TALKS, KB.inResponseTo, BOMBING))
    assert validate(graph).conforms


# ---------------------------------------------------------------------------
# Casualty reports


def test_negative_count_is_reported_on_kb_count():
    graph = ghazni()
    graph.set((KILLED_REPORT, KB.count, Literal(-7)))
    assert_only(graph, "MinInclusiveConstraintComponent", KB.count, KILLED_REPORT)


def test_missing_count_is_reported():
    graph = ghazni()
    graph.remove((KILLED_REPORT, KB.count, None))
    assert_only(graph, "MinCountConstraintComponent", KB.count, KILLED_REPORT)


def test_unknown_outcome_is_reported():
    graph = ghazni()
    graph.set((KILLED_REPORT, KB.outcome, undeclared("Maimed")))
    assert_only(graph, "InConstraintComponent", KB.outcome, KILLED_REPORT)


def test_unknown_count_qualifier_is_reported():
    graph = ghazni()
    graph.set((KILLED_REPORT, KB.countQualifier, undeclared("Roughly")))
    assert_only(graph, "InConstraintComponent", KB.countQualifier, KILLED_REPORT)


def test_casualty_report_without_source_is_reported():
    graph = ghazni()
    graph.remove((KILLED_REPORT, PROV.wasDerivedFrom, None))
    assert_only(graph, "MinCountConstraintComponent", PROV.wasDerivedFrom, KILLED_REPORT)


def test_casualty_report_of_no_event_is_reported():
    graph = ghazni()
    graph.remove((BOMBING, KB.casualties, KILLED_REPORT))
    assert_only(graph, "MinCountConstraintComponent", InvPath(KB.casualties), KILLED_REPORT)


def test_casualties_link_to_an_untyped_node_is_reported():
    graph = ghazni()
    graph.remove((KILLED_REPORT, RDF.type, KB.CasualtyReport))
    assert_only(graph, "ClassConstraintComponent", KB.casualties, BOMBING)


def test_blank_node_casualty_report_is_named_by_its_event_in_the_text():
    graph = with_blank_nodes(ghazni())
    report_node = next(o for o in graph.objects(BOMBING, KB.casualties) if (o, KB.outcome, KB.Killed) in graph)
    graph.set((report_node, KB.count, Literal(-7)))
    report = assert_only(graph, "MinInclusiveConstraintComponent", KB.count, report_node)
    assert f"casualty report [kb:casualties of event <{BOMBING}>]: kb:count: " in report.text
    assert "(-7 < 0)" in report.text


# ---------------------------------------------------------------------------
# Evidence


def test_begin_not_before_end_is_reported():
    graph = ghazni()
    graph.set((BOMBING_EVIDENCE, NIF.beginIndex, Literal(172)))
    report = assert_only(graph, "LessThanConstraintComponent", NIF.beginIndex, BOMBING_EVIDENCE)
    assert "172 >= nif:endIndex 172" in report.text


def test_negative_offset_is_reported():
    graph = ghazni()
    graph.set((BOMBING_EVIDENCE, NIF.beginIndex, Literal(-1)))
    assert_reported(graph, "MinInclusiveConstraintComponent", NIF.beginIndex, BOMBING_EVIDENCE)


def test_offset_as_a_string_is_reported():
    graph = ghazni()
    graph.set((BOMBING_EVIDENCE, NIF.endIndex, Literal("172")))
    assert_reported(graph, "MinInclusiveConstraintComponent", NIF.endIndex, BOMBING_EVIDENCE)


def test_fractional_offset_is_reported():
    graph = ghazni()
    graph.set((BOMBING_EVIDENCE, NIF.endIndex, Literal(Decimal("172.5"))))
    assert_only(graph, "PatternConstraintComponent", NIF.endIndex, BOMBING_EVIDENCE)


def test_evidence_without_reference_context_is_reported():
    graph = ghazni()
    graph.remove((BOMBING_EVIDENCE, NIF.referenceContext, None))
    assert_only(graph, "MinCountConstraintComponent", NIF.referenceContext, BOMBING_EVIDENCE)


def test_evidence_pointing_to_an_untyped_context_is_reported():
    graph = ghazni()
    graph.set((BOMBING_EVIDENCE, NIF.referenceContext, ID["article/other#context"]))
    assert_only(graph, "ClassConstraintComponent", NIF.referenceContext, BOMBING_EVIDENCE)


def test_empty_quote_is_reported():
    graph = ghazni()
    graph.set((BOMBING_EVIDENCE, NIF.anchorOf, Literal("")))
    assert_only(graph, "MinLengthConstraintComponent", NIF.anchorOf, BOMBING_EVIDENCE)


def test_event_evidence_that_is_not_a_nif_string_is_reported():
    graph = ghazni()
    graph.remove((BOMBING_EVIDENCE, RDF.type, NIF.String))
    assert_only(graph, "ClassConstraintComponent", KB.evidence, BOMBING)


# ---------------------------------------------------------------------------
# Articles and their text


def test_missing_identifier_is_reported():
    graph = ghazni()
    graph.remove((ARTICLE, SCHEMA.identifier, None))
    assert_only(graph, "MinCountConstraintComponent", SCHEMA.identifier, ARTICLE)


def test_malformed_content_hash_is_reported():
    graph = ghazni()
    graph.set((ARTICLE, KB.contentHash, Literal("sha256:…")))
    assert_only(graph, "PatternConstraintComponent", KB.contentHash, ARTICLE)


def test_publication_date_as_free_text_is_reported():
    graph = ghazni()
    graph.set((ARTICLE, SCHEMA.datePublished, Literal("13 March 2019")))
    assert_only(graph, "OrConstraintComponent", SCHEMA.datePublished, ARTICLE)


def test_url_as_a_string_is_reported():
    graph = ghazni()
    graph.set((ARTICLE, SCHEMA.url, Literal("https://example.org/2019/03/13/ghazni")))
    assert_only(graph, "NodeKindConstraintComponent", SCHEMA.url, ARTICLE)


def test_article_without_text_node_is_reported():
    graph = ghazni()
    graph.remove((ARTICLE, KB.context, None))
    report = assert_reported(graph, "MinCountConstraintComponent", KB.context, ARTICLE)
    # The orphaned text is reported too.
    assert found(report, "MinCountConstraintComponent", InvPath(KB.context), CONTEXT)


def test_text_node_without_text_is_reported():
    graph = ghazni()
    graph.remove((CONTEXT, NIF.isString, None))
    assert_only(graph, "MinCountConstraintComponent", NIF.isString, CONTEXT)


def test_article_named_by_a_blank_node_is_reported():
    graph = Graph().parse(data=HEADER + """
        [] a schema:NewsArticle ; schema:identifier "x" ;
           kb:contentHash "sha256:0000000000000000000000000000000000000000000000000000000000000000" ;
           kb:context <urn:x#context> .
        <urn:x#context> a nif:Context ; nif:isString "text" .
    """, format="turtle")
    assert_only(graph, "NodeKindConstraintComponent", None)


# ---------------------------------------------------------------------------
# Actors


def test_actor_without_kind_is_reported():
    graph = ghazni()
    graph.remove((TALIBAN, RDF.type, KB.ArmedGroup))
    assert_only(graph, "MinCountConstraintComponent", RDF.type, TALIBAN)


def test_actor_with_two_kinds_is_reported():
    graph = ghazni()
    graph.add((TALIBAN, RDF.type, SCHEMA.Organization))
    assert_only(graph, "MaxCountConstraintComponent", RDF.type, TALIBAN)


def test_actor_of_an_unknown_kind_is_reported():
    graph = ghazni()
    graph.set((TALIBAN, RDF.type, SEM.Actor))
    graph.remove((TALIBAN, RDF.type, KB.ArmedGroup))
    graph.add((TALIBAN, RDF.type, SCHEMA.Event))
    assert_reported(graph, "InConstraintComponent", RDF.type, TALIBAN)


def test_armed_group_not_typed_as_actor_is_reported():
    graph = ghazni()
    graph.remove((TALIBAN, RDF.type, SEM.Actor))
    report = assert_reported(graph, "ClassConstraintComponent", None, TALIBAN)
    assert "sem:Actor" in report.text


def test_actor_without_label_is_reported():
    graph = ghazni()
    graph.remove((ARMY, RDFS.label, None))
    assert_only(graph, "MinCountConstraintComponent", RDFS.label, ARMY)


def test_same_as_given_as_a_string_is_reported():
    graph = ghazni()
    graph.set((TALIBAN, OWL.sameAs, Literal("Q42418")))
    assert_only(graph, "NodeKindConstraintComponent", OWL.sameAs, TALIBAN)


def test_membership_in_something_else_than_an_actor_is_reported():
    graph = ghazni()
    graph.set((ARMY, SCHEMA.memberOf, GHAZNI))
    assert_only(graph, "ClassConstraintComponent", SCHEMA.memberOf, ARMY)


def test_actor_named_by_a_blank_node_is_reported():
    graph = ghazni()
    graph.add((BNode(), RDF.type, SEM.Actor))
    report = validate(graph)
    assert found(report, "NodeKindConstraintComponent", None)


def test_alias_given_with_a_language_tag_is_reported():
    graph = ghazni()
    graph.add((TALIBAN, SKOS.altLabel, Literal("Taliban", lang="en")))
    assert_only(graph, "DatatypeConstraintComponent", SKOS.altLabel, TALIBAN)


# ---------------------------------------------------------------------------
# Places


def test_latitude_out_of_range_is_reported():
    graph = ghazni()
    graph.set((GHAZNI, WGS.lat, Literal(Decimal("95.1"))))
    assert_only(graph, "MaxInclusiveConstraintComponent", WGS.lat, GHAZNI)


def test_longitude_out_of_range_is_reported():
    graph = ghazni()
    graph.set((GHAZNI, WGS.long, Literal(Decimal("-200"))))
    assert_only(graph, "MinInclusiveConstraintComponent", WGS.long, GHAZNI)


def test_latitude_as_a_python_float_is_reported_as_double():
    graph = ghazni()
    graph.set((GHAZNI, WGS.lat, Literal(33.55391)))
    assert_only(graph, "DatatypeConstraintComponent", WGS.lat, GHAZNI)


def test_latitude_without_longitude_is_reported():
    graph = ghazni()
    graph.remove((GHAZNI, WGS.long, None))
    assert_only(graph, "MinCountConstraintComponent", WGS.long, GHAZNI)


def test_unknown_place_type_is_reported():
    graph = ghazni()
    graph.set((GHAZNI, KB.placeType, undeclared("Village")))
    assert_only(graph, "InConstraintComponent", KB.placeType, GHAZNI)


def test_place_not_typed_schema_place_is_reported():
    graph = ghazni()
    graph.remove((GHAZNI, RDF.type, SCHEMA.Place))
    assert_only(graph, "ClassConstraintComponent", None, GHAZNI)


def test_place_inside_two_places_is_reported():
    graph = ghazni()
    graph.add((BASE, SCHEMA.containedInPlace, ID["place/1149361"]))
    assert_only(graph, "MaxCountConstraintComponent", SCHEMA.containedInPlace, BASE)


def test_geometry_as_a_plain_string_is_reported():
    graph = ghazni()
    geometry = URIRef(f"{GHAZNI}#geometry")
    graph.set((geometry, GEO.asWKT, Literal("POINT(68.42096 33.55391)")))
    assert_only(graph, "DatatypeConstraintComponent", SequencePath(GEO.hasGeometry, GEO.asWKT), GHAZNI)


# ---------------------------------------------------------------------------
# The report and the validator


def test_every_result_names_focus_shape_message_and_severity():
    graph = ghazni()
    graph.set((BOMBING, KB.killed, Literal(-3)))
    graph.remove((TALKS, PROV.wasDerivedFrom, None))
    report = validate(graph)
    assert len(report.results) == 2
    for violation in report.results:
        assert violation.severity == "Violation"
        assert violation.message and violation.message in violation.line
        assert str(violation.source_shape).startswith("https://w3id.org/annals/shapes#")
        assert violation.line in report.text
    assert report.text.splitlines()[0] == "Does not conform: 2 violations."


def test_dataset_is_validated_as_the_union_of_its_graphs():
    # Actors and places in a shared graph, the article in its own: together they conform.
    graph = ghazni()
    dataset = Dataset()
    entities = dataset.graph(ID["graph/entities"])
    article = dataset.graph(ARTICLE)
    for triple in graph:
        subject = str(triple[0])
        (entities if "/actor/" in subject or "/place/" in subject else article).add(triple)
    assert validate(dataset).conforms
    assert dataset.default_union is False  # the caller's dataset is left as it was


def test_dataset_results_name_the_graph_of_the_focus_node():
    dataset = Dataset()
    article = dataset.graph(ARTICLE)
    for triple in ghazni():
        article.add(triple)
    article.set((BOMBING, KB.killed, Literal(-3)))
    report = validate(dataset)
    assert not report.conforms
    assert report.results[0].graphs == (str(ARTICLE),)
    assert f"[in graph <{ARTICLE}>]" in report.text


def test_validate_refuses_something_else_than_a_graph():
    with pytest.raises(TypeError, match="rdflib Graph or Dataset"):
        validate(GHAZNI_REPORT)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------
# The shapes themselves


def test_shapes_are_found_in_the_installed_package():
    names = {path.name for path in shape_files()}
    assert {"events.ttl", "actors.ttl", "places.ttl", "articles.ttl", "casualties.ttl", "evidence.ttl"} <= names


def test_every_shape_that_can_report_has_a_message():
    shapes = shapes_graph()
    constraint_parameters = {
        SH.minCount, SH.maxCount, SH.datatype, SH["class"], SH["in"], SH.hasValue, SH.nodeKind, SH.pattern,
        SH.minLength, SH.minInclusive, SH.maxInclusive, SH.lessThan, SH.lessThanOrEquals, SH["or"], SH.node,
    }
    silent = []
    for shape in set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(RDF.type, SH.PropertyShape)):
        if any(p in constraint_parameters for p in shapes.predicates(shape)) and not shapes.value(shape, SH.message):
            silent.append(shape)
    assert silent == []


def test_shapes_use_no_sparql_constraints():
    shapes = shapes_graph()
    assert not any(shapes.triples((None, SH.sparql, None)))
    assert not any(shapes.triples((None, SH.target, None)))
