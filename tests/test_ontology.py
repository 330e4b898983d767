"""kb/ontology.ttl declares every term of kb.vocab.KB, with the design's hierarchy and mappings."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kb.model import ATTACK_CLASSES, NEGOTIATION_CLASSES, ROLES
from kb.ontology import ONTOLOGY_GRAPH, load_ontology, ontology_turtle
from kb.validate import validate
from kb.vocab import KB, SEM, TIME, XSD

EVENT_CLASSES = ("Attack", *ATTACK_CLASSES, "Negotiation", *NEGOTIATION_CLASSES)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_ontology()


def test_ontology_parses_as_turtle():
    graph = Graph().parse(data=ontology_turtle(), format="turtle")
    assert len(graph) > 300


def test_ontology_is_in_its_own_named_graph(ontology):
    assert ontology.identifier == URIRef(ONTOLOGY_GRAPH) == URIRef("https://w3id.org/annals/graph/ontology")


def test_each_call_returns_an_independent_copy():
    first = load_ontology()
    first.add((KB.Attack, RDFS.label, Literal("changed")))
    assert (KB.Attack, RDFS.label, Literal("changed")) not in load_ontology()


@pytest.mark.parametrize("term", [KB[name] for name in KB.__annotations__], ids=list(KB.__annotations__))
def test_every_vocabulary_term_has_a_label_and_a_definition(ontology, term):
    labels = list(ontology.objects(term, RDFS.label))
    comments = list(ontology.objects(term, RDFS.comment))
    assert labels, f"{term} has no rdfs:label"
    assert comments and all(len(str(c)) > 20 for c in comments), f"{term} has no real rdfs:comment"
    assert (term, RDF.type, None) in ontology, f"{term} is not declared with a type"


def test_ontology_declares_no_kb_term_missing_from_the_vocabulary(ontology):
    declared = {s for s in ontology.subjects(RDFS.label, None) if str(s).startswith(str(KB._NS))}
    assert declared == {KB[name] for name in KB.__annotations__}


def test_event_classes_form_the_design_hierarchy(ontology):
    assert (KB.Attack, RDFS.subClassOf, SEM.Event) in ontology
    assert (KB.Negotiation, RDFS.subClassOf, SEM.Event) in ontology
    for name in ATTACK_CLASSES:
        assert (KB[name], RDFS.subClassOf, KB.Attack) in ontology
    for name in NEGOTIATION_CLASSES:
        assert (KB[name], RDFS.subClassOf, KB.Negotiation) in ontology


def test_actor_classes_are_actors(ontology):
    for cls in (KB.ArmedGroup, KB.Government, KB.Country, KB.SecurityForce):
        assert (cls, RDFS.subClassOf, SEM.Actor) in ontology


@pytest.mark.parametrize("role", ROLES)
def test_roles_are_sub_properties_of_has_actor_with_actor_range(ontology, role):
    assert (KB[role], RDFS.subPropertyOf, SEM.hasActor) in ontology
    assert (KB[role], RDFS.range, SEM.Actor) in ontology
    family = KB.Attack if role in ("perpetrator", "target", "claimedBy", "allegedPerpetrator") else KB.Negotiation
    assert (KB[role], RDFS.domain, family) in ontology


def test_event_relations_are_sub_properties_of_related_event(ontology):
    assert (KB.inResponseTo, RDFS.subPropertyOf, KB.relatedEvent) in ontology
    assert (KB.partOf, RDFS.subPropertyOf, KB.relatedEvent) in ontology


def test_every_property_has_a_domain_and_a_range(ontology):
    properties = set(ontology.subjects(RDF.type, OWL.ObjectProperty)) | set(ontology.subjects(RDF.type, OWL.DatatypeProperty))
    assert len(properties) == sum(1 for name in KB.__annotations__ if name[0].islower())
    for prop in properties:
        assert ontology.value(prop, RDFS.domain) is not None, prop
        assert ontology.value(prop, RDFS.range) is not None, prop


def test_counts_and_confidence_have_the_design_datatypes(ontology):
    for prop in (KB.killed, KB.injured, KB.count):
        assert (prop, RDFS.range, XSD.integer) in ontology
    assert (KB.confidence, RDFS.range, XSD.decimal) in ontology


@pytest.mark.parametrize("individual, cls", [
    *[(KB[s], KB.Status) for s in ("Occurred", "Ongoing", "Attempted", "Planned", "Proposed", "Hypothetical", "Denied")],
    *[(KB[o], KB.Outcome) for o in ("Killed", "Injured", "Kidnapped")],
    *[(KB[q], KB.CountQualifier) for q in ("Exact", "AtLeast", "AtMost", "Approximately")],
    *[(KB[t], KB.PlaceType) for t in ("CountryPlace", "Province", "City", "District", "Site")],
    (KB.Unanchored, TIME.TemporalUnit),
])
def test_individuals_are_typed(ontology, individual, cls):
    assert (individual, RDF.type, cls) in ontology


@pytest.mark.parametrize("name", EVENT_CLASSES)
def test_every_event_class_maps_to_cameo_plover_and_acled(ontology, name):
    cls = KB[name]
    matches = [str(m) for p in (SKOS.closeMatch, SKOS.relatedMatch) for m in ontology.objects(cls, p)]
    notes = " ".join(str(n) for n in ontology.objects(cls, SKOS.scopeNote))
    for scheme in ("CAMEO", "PLOVER", "ACLED"):
        mapped = any(m.startswith(scheme + " ") for m in matches)
        # A scheme without any equivalent must say so in a mapping note.
        assert mapped or f"{scheme} has no" in notes, f"{name} has no {scheme} mapping"
    assert any(m.startswith("CAMEO ") for m in map(str, ontology.objects(cls, SKOS.closeMatch))) or name == "Arson"


def test_design_examples_of_mappings(ontology):
    def close(cls):
        return {str(m) for m in ontology.objects(cls, SKOS.closeMatch)}

    assert "CAMEO 183 Conduct suicide, car, or other non-military bombing" in close(KB.Bombing)
    assert "ACLED Explosions/Remote violence / Remote explosive/landmine/IED" in close(KB.Bombing)
    assert "ACLED Explosions/Remote violence / Suicide bomb" in close(KB.Bombing)
    assert "CAMEO 195 Employ aerial weapons" in close(KB.Airstrike)
    assert "ACLED Explosions/Remote violence / Air/drone strike" in close(KB.Airstrike)
    assert "ACLED Explosions/Remote violence / Shelling/artillery/missile attack" in close(KB.Shelling)
    assert "ACLED Battles / Armed clash" in close(KB.ArmedClash)
    assert "CAMEO 192 Occupy territory" in close(KB.Takeover)
    assert "CAMEO 0871 Declare truce, ceasefire" in close(KB.Ceasefire)
    assert "CAMEO 057 Sign formal agreement" in close(KB.PeaceAgreement)
    assert "ACLED Strategic developments / Agreement" in close(KB.PeaceAgreement)


def test_ontology_graph_alone_conforms_to_the_shapes(ontology):
    # Loaded into the store beside the articles, it must not trip kb validate.
    assert validate(ontology).conforms
