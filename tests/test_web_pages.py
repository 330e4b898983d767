"""The pages people read: timeline, resource pages, graph, exports, VoID, validation.

Flask's test client against an app serving a real store (through the supervised
child process, as ``kb serve`` does) with the design's Ghazni example, another
outlet's report of its bombing (merged with it into one event of two sources),
and a copy of the example whose title, text and labels are full of markup.
"""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser

import pytest
from rdflib import Dataset, Graph, URIRef

from kb.config import Settings
from tests.web_helpers import HOSTILE, clashing_extraction, hostile_extraction, second_ghazni_report, write_store
from tests.conftest import build_ghazni_extraction
from web import create_app

BASE = "https://w3id.org/annals/id/"
TALIBAN = BASE + "actor/taliban"
AFGHAN_ARMY = BASE + "actor/afghan-national-army"
AFGHANISTAN = BASE + "place/1149361"
GHAZNI_PROVINCE = BASE + "place/1141268"
QATAR = BASE + "place/289688"
ARTICLE = BASE + "article/example-ghazni-2019-03-13"
SECOND = BASE + "article/second-ghazni-2019-03-14"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    path = tmp_path_factory.mktemp("pages") / "store"
    write_store(path, [build_ghazni_extraction(), hostile_extraction(), second_ghazni_report()])
    app = create_app(Settings(store=str(path)))
    yield app
    app.extensions["kb_store"].close()


@pytest.fixture(scope="module")
def client(app):
    return app.test_client()


def page(client, url: str, **headers) -> str:
    response = client.get(url, headers=headers)
    assert response.status_code == 200, response.data[:500]
    return response.get_data(as_text=True)


def event_links(html: str) -> list[str]:
    return list(dict.fromkeys(re.findall(r'href="(/id/event/[0-9a-f]+)"', html)))


def event_titles(html: str) -> list[str]:
    return re.findall(r'<h4><a href="/id/event/[0-9a-f]+">([^<]*)</a></h4>', html)


class Tags(HTMLParser):
    """Every start tag with its attributes, to check what a page loads."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags_of(html: str) -> list[tuple[str, dict]]:
    parser = Tags()
    parser.feed(html)
    return parser.tags


# ---------------------------------------------------------------------------
# Timeline


def test_timeline_lists_events_in_time_order_with_dates_at_their_precision(client):
    html = page(client, "/")
    days = re.findall(r'<time datetime="(\d{4}-\d{2}-\d{2})">([^<]+)</time>', html)
    assert ("2019-03-12", "12 March 2019") in days
    assert ("2019-03-18", "week of 18 March 2019") in days
    stamps = [d for d, _ in days]
    assert stamps == sorted(stamps)
    assert "<h2>March 2019</h2>" in html


def test_newest_first_reverses_the_order(client):
    oldest = event_links(page(client, "/"))
    newest = event_links(page(client, "/?order=newest"))
    assert newest == list(reversed(oldest)) or newest[0] != oldest[0]


def test_timeline_shows_status_badge_roles_casualties_and_quoted_sources(client):
    html = page(client, "/?q=doha")
    assert '<span class="status status-planned">Planned</span>' in html
    assert "Participant" in html and f'href="/id/actor/taliban"' in html
    bombing = page(client, f"/?type=Bombing&source={SECOND}")
    assert "<span>7 killed</span><span>12 injured</span>" in bombing  # the lowest figures, not each report
    assert "8 killed" not in bombing and "15 injured" not in bombing
    assert "“A suicide car bomber struck an army base in Ghazni city on Tuesday" in bombing
    assert "“Eight soldiers were killed and 15 wounded when a car bomb exploded" in bombing
    assert 'href="/id/article/example-ghazni-2019-03-13"' in bombing and 'href="/id/article/second-ghazni-2019-03-14"' in bombing


def test_each_real_world_event_is_listed_once_with_its_number_of_sources(client):
    html = page(client, "/")
    assert len(event_titles(html)) == 4  # two bombings and two talks, though the Ghazni bombing is reported twice
    assert event_titles(html).count("Suicide car bombing of an army base in Ghazni") == 1
    assert re.findall(r'class="sources-count"[^>]*>(\d+ sources?)<', html).count("2 sources") == 1
    assert re.findall(r'class="sources-count"[^>]*>(\d+ sources?)<', html).count("1 source") == 3


def test_type_filter_is_repeatable_and_matches_the_family(client):
    assert len(event_titles(page(client, "/?type=Bombing"))) == 2  # one per article
    assert len(event_titles(page(client, "/?type=Bombing&type=Talks"))) == 4
    assert len(event_titles(page(client, "/?type=Attack"))) == 2
    assert len(event_titles(page(client, "/?type=Ceasefire"))) == 0


def test_place_filter_includes_places_inside_it(client):
    in_province = event_titles(page(client, f"/?place={GHAZNI_PROVINCE}"))
    assert in_province and all("bombing" in t.lower() for t in in_province)
    assert len(event_titles(page(client, f"/?place={AFGHANISTAN}"))) == 2
    in_qatar = event_titles(page(client, f"/?place={QATAR}"))
    assert in_qatar and all(t.startswith("Talks") for t in in_qatar)


def test_actor_source_text_and_date_filters_combine(client):
    assert len(event_titles(page(client, f"/?actor={TALIBAN}"))) == 2
    assert len(event_titles(page(client, f"/?actor={AFGHAN_ARMY}"))) == 2
    assert len(event_titles(page(client, f"/?actor={AFGHAN_ARMY}&source={ARTICLE}"))) == 1
    assert len(event_titles(page(client, f"/?actor={TALIBAN}&source={ARTICLE}&type=Talks"))) == 1
    # An article's events are the events derived from it, each under its merged title.
    assert event_titles(page(client, f"/?source={SECOND}")) == ["Suicide car bombing of an army base in Ghazni"]
    # Only the talks (18-24 March) can have begun on or after 15 March.
    after = event_titles(page(client, "/?from=2019-03-15"))
    assert after and all(t.startswith("Talks") for t in after)
    before = event_titles(page(client, "/?to=2019-03-15"))
    assert before and all("bombing" in t.lower() for t in before)
    assert event_titles(page(client, "/?q=SUICIDE")) == event_titles(page(client, "/?type=Bombing"))
    # Words found only in a quoted sentence, not in any title (the hostile copy quotes other words).
    assert event_titles(page(client, "/?q=provincial+officials")) == ["Suicide car bombing of an army base in Ghazni"]


def test_local_id_paths_are_accepted_as_filter_values(client):
    assert event_titles(page(client, "/?actor=/id/actor/taliban")) == event_titles(page(client, f"/?actor={TALIBAN}"))


@pytest.mark.parametrize(
    "query, words",
    [
        ("type=Massacre", "unknown event type"),
        ("from=31-05-2018", "YYYY-MM-DD"),
        ("from=2019-04-01&to=2019-03-01", "is after"),
        ("actor=not%20an%20iri", "not an IRI"),
        ("place=http://x/%3E%20%7D%20DROP", "not an IRI"),
        ("page=zero", "page"),
        ("page=0", "page"),
        ("format=xlsx", "format"),
    ],
)
def test_bad_filter_parameters_answer_400_with_one_clear_message(client, query, words):
    response = client.get(f"/?{query}")
    assert response.status_code == 400
    assert words in response.get_data(as_text=True)
    assert "Traceback" not in response.get_data(as_text=True)


def test_a_page_past_the_end_is_404(client):
    assert client.get("/?page=9").status_code == 404


def test_month_strip_links_each_bar_to_its_month(client):
    html = page(client, "/")
    svg = html[html.index("<svg class=\"strip\""):html.index("</svg>")]
    assert "from=2019-03-01" in svg and "to=2019-03-31" in svg
    assert 'class="bar attack"' in svg and 'class="bar negotiation"' in svg
    month = event_titles(page(client, "/?from=2019-03-01&to=2019-03-31"))
    assert len(month) == 4


def test_timeline_csv_has_acled_like_columns_one_row_per_event(client):
    response = client.get("/?format=csv&type=Bombing")
    assert response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert len(rows) == 2
    row = next(r for r in rows if HOSTILE not in r["title"])
    assert row["event_date"] == "2019-03-12" and row["time_precision"] == "day"
    assert (row["event_type"], row["sub_event_type"]) == ("Attack", "Bombing")
    assert (row["location"], row["admin1"], row["country"]) == ("army base, Ghazni", "Ghazni Province", "Afghanistan")
    assert (row["latitude"], row["longitude"]) == ("33.55391", "68.42096")  # from the enclosing city
    assert row["claimed_by"] == "Taliban" and row["target"] == "Afghan National Army"
    assert (row["fatalities"], row["injured"], row["status"]) == ("7", "12", "Occurred")  # the lowest of 7/8 and 12/15
    assert row["source"] == "Example Wire; Sample Times" and row["source_articles"] == f"{ARTICLE}; {SECOND}"
    assert row["source_count"] == "2"
    assert row["event_iri"].startswith(BASE + "event/")


def test_timeline_json_gives_the_same_events_with_lists(client):
    data = json.loads(client.get("/?format=json&type=Talks").get_data(as_text=True))
    assert len(data["events"]) == 2
    talks = next(e for e in data["events"] if HOSTILE not in e["title"])
    assert talks["time_precision"] == "week" and talks["status"] == "Planned"
    assert {a["label"] for a in talks["actors"]["participant"]} == {"Government of Afghanistan", "Taliban"}
    assert talks["sources"][0]["article"] == ARTICLE and talks["quotes"] and talks["source_count"] == 1


def test_exports_of_the_timeline_are_streamed(client):
    assert client.get("/?format=csv").is_streamed
    assert client.get("/?format=json").is_streamed


# ---------------------------------------------------------------------------
# Resource pages and content negotiation


def first_event(client, query="type=Bombing") -> str:
    return event_links(page(client, f"/?{query}&source={ARTICLE}"))[0]


def mentions_in(client, article: str) -> list[str]:
    """The events as the article reports them: what its page's numbers [n] link to."""
    html = page(client, article.removeprefix(BASE).join(["/id/", ""]))
    return list(dict.fromkeys(re.findall(r'<sup class="ref"><a href="(/id/event/[0-9a-f]+)"', html)))


def test_event_page_shows_everything_about_the_event(client):
    html = page(client, first_event(client))
    assert "<h1>Suicide car bombing of an army base in Ghazni</h1>" in html
    assert '<time datetime="2019-03-12">12 March 2019</time>' in html and "“on Tuesday”" in html
    assert 'href="/id/place/army-base-ghazni"' in html and 'href="/id/place/1141268"' in html
    assert "Claimed by" in html and "7 killed, 12 injured" in html and "the lowest figure any source gives" in html
    assert f'href="/id/article/example-ghazni-2019-03-13#ev-' in html


def test_event_page_puts_every_source_side_by_side_with_its_own_figures_and_quotes(client):
    html = page(client, first_event(client))
    assert "2 sources side by side" in html
    columns = re.findall(r'<section class="source-column" id="source-([0-9a-f]+)">(.*?)</section>', html, re.S)
    assert len(columns) == 2
    (first_id, first), (second_id, second) = columns  # oldest report first
    assert "Example Wire" in first and "2019-03-13" in first and "Car bomb kills seven soldiers in Ghazni" in first
    assert "7 killed (soldiers), at least 12 injured (others)" in first and "“on Tuesday”" in first
    assert "Sample Times" in second and "Eight soldiers killed in Ghazni car bombing" in second
    assert "8 killed (soldiers), 15 injured (soldiers)" in second
    assert ">Bombing</a>" in first and ">Bombing</a>" in second and 'href="/id/place/army-base-ghazni"' in second
    assert f'href="/id/article/example-ghazni-2019-03-13#ev-{first_id}">in the text</a>' in first
    assert f'href="/id/article/second-ghazni-2019-03-14#ev-{second_id}">in the text</a>' in second
    article = page(client, "/id/article/second-ghazni-2019-03-14")
    assert f'id="ev-{second_id}"' in article  # the anchor the quote links to


def test_a_report_links_to_the_event_it_is_part_of(client):
    canonical = first_event(client)
    mention = mentions_in(client, SECOND)[0]
    assert mention != canonical
    html = page(client, mention)
    assert "reported as part of" in html and f'href="{canonical}"' in html and "(2 sources)" in html
    assert "8 killed (soldiers), 15 injured (soldiers)" in html  # what this article said
    assert 'href="/id/article/second-ghazni-2019-03-14#ev-' in html


def test_actor_page_lists_aliases_wikidata_membership_and_events(client):
    html = page(client, "/id/actor/taliban")
    assert "<h1>Taliban</h1>" in html and "the Taliban" in html
    assert 'href="http://www.wikidata.org/entity/Q42418"' in html
    assert len(event_titles(html)) == 2
    assert "Claimed by in 1; Participant in 1" in html  # events, not the three articles' reports of them
    army = page(client, "/id/actor/afghan-national-army")
    assert 'href="/id/actor/government-of-afghanistan"' in army
    government = page(client, "/id/actor/government-of-afghanistan")
    assert "Members" in government and 'href="/id/actor/afghan-national-army"' in government


def test_place_page_has_containment_coordinates_geonames_and_events_inside(client):
    html = page(client, "/id/place/1141268")
    assert "<h1>Ghazni Province</h1>" in html
    assert 'href="/id/place/1149361"' in html and 'href="/id/place/1141269"' in html
    assert 'href="https://sws.geonames.org/1141268/"' in html
    assert len(event_titles(html)) == 2  # the bombings at the army base, two levels down
    city = page(client, "/id/place/1141269")
    assert '<span class="coordinates">33.55391, 68.42096</span>' in city


def test_article_page_highlights_every_evidence_span_and_links_it_to_its_event(client):
    html = page(client, "/id/article/example-ghazni-2019-03-13")
    marks = re.findall(r'<mark class="evidence"><a href="(/id/event/[0-9a-f]+)#source-([0-9a-f]+)"[^>]*>([^<]*)</a></mark>',
                       html)
    assert {text for _, _, text in marks} == {
        "A suicide car bomber struck an army base in Ghazni city on Tuesday, killing seven soldiers and wounding at "
        "least 12 others, provincial officials said.",
        "A government spokesman said talks with Taliban representatives in Doha would resume next week.",
    }
    assert len({href for href, _, _ in marks}) == 2
    assert "The Taliban claimed responsibility for the attack." in html  # unmarked text is kept
    assert first_event(client) in {href for href, _, _ in marks}  # the merged event, at this article's column
    assert set(mentions_in(client, ARTICLE)) == {f"/id/event/{mention}" for _, mention, _ in marks}
    for href, mention, _ in marks:
        assert f'id="ev-{mention}"' in html  # each span's anchor is named after the article's own event
        assert f'id="source-{mention}"' in page(client, href)
    assert "part of" in html and 'class="canonical"' in html


def test_a_resource_without_a_page_of_its_own_lists_its_triples(client):
    html = page(client, mentions_in(client, ARTICLE)[0] + "%23evidence-0")  # the evidence node ...#evidence-0
    assert "<table" in html and "nif-core#anchorOf" in html and "A suicide car bomber struck" in html


def test_unknown_resources_are_404(client):
    assert client.get("/id/event/0000000000000000").status_code == 404
    assert client.get("/id/actor/%3E%20%7D").status_code == 404


@pytest.mark.parametrize(
    "accept, media_type",
    [
        ("text/turtle", "text/turtle"),
        ("application/ld+json", "application/ld+json"),
        ("application/n-triples", "application/n-triples"),
        ("application/rdf+xml", "application/rdf+xml"),
        ("text/turtle;q=0.5, application/rdf+xml", "application/rdf+xml"),
        ("application/ld+json;q=0.9, text/turtle;q=0.95", "text/turtle"),
        ("text/*;q=0.9, text/html;q=0.1", "text/turtle"),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/html"),
        ("*/*", "text/html"),
    ],
)
def test_resources_negotiate_their_format_by_accept_with_q_values(client, accept, media_type):
    response = client.get("/id/actor/taliban", headers={"Accept": accept})
    assert response.status_code == 200
    assert response.mimetype == media_type
    assert "Accept" in response.headers["Vary"]


@pytest.mark.parametrize("fmt, rdflib_format", [("ttl", "turtle"), ("jsonld", "json-ld"), ("nt", "nt"), ("xml", "xml")])
def test_resource_rdf_keeps_canonical_iris_in_every_format(client, fmt, rdflib_format):
    event = mentions_in(client, ARTICLE)[0]
    response = client.get(f"{event}?format={fmt}")
    graph = Graph().parse(data=response.get_data(as_text=True), format=rdflib_format)
    subject = URIRef(BASE + event.removeprefix("/id/"))
    assert (subject, None, None) in graph
    assert any(str(s).startswith(str(subject) + "#evidence-") for s in graph.subjects())
    assert not any("/id/" in str(term) and not str(term).startswith(BASE) for triple in graph for term in triple)


def test_a_merged_event_as_rdf_brings_every_source_s_quote_and_figures(client):
    event = first_event(client)
    graph = Graph().parse(data=client.get(f"{event}?format=nt").get_data(as_text=True), format="nt")
    kb = "https://w3id.org/annals/ns#"
    anchor = URIRef("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#anchorOf")
    quotes = {str(o) for o in graph.objects(None, anchor)}
    assert len(quotes) == 2 and any(q.startswith("Eight soldiers were killed") for q in quotes)
    counts = sorted(int(o) for o in graph.objects(None, URIRef(kb + "count")))
    assert counts == [7, 8, 12, 15]
    assert int(graph.value(URIRef(BASE + event.removeprefix("/id/")), URIRef(kb + "sourceCount"))) == 2


def test_unacceptable_types_get_406_and_unknown_formats_400(client):
    response = client.get("/id/actor/taliban", headers={"Accept": "image/png"})
    assert response.status_code == 406 and "text/turtle" in response.get_data(as_text=True)
    assert client.get("/id/actor/taliban", headers={"Accept": "text/turtle;q=0"}).status_code == 406
    assert client.get("/id/actor/taliban?format=docx").status_code == 400


# ---------------------------------------------------------------------------
# The event graph


def test_graph_page_draws_every_node_as_a_link(client):
    html = page(client, "/graph")
    svg = html[html.index('<svg class="network"'):]
    nodes = re.findall(r'<a href="(/id/(?:event|actor)/[^"]+)"><g class="node (event|actor)', svg)
    kinds = {kind for _, kind in nodes}
    assert kinds == {"event", "actor"}
    assert len([1 for _, kind in nodes if kind == "event"]) == 4


def test_graph_json_has_nodes_and_edges_for_the_same_filters(client):
    data = client.get(f"/graph?format=json&source={ARTICLE}").get_json()
    events = [n for n in data["nodes"] if n["kind"] == "event"]
    actors = {n["id"] for n in data["nodes"] if n["kind"] == "actor"}
    assert len(events) == 2 and TALIBAN in actors
    assert {(e["source"], e["target"], e["role"]) for e in data["edges"] if e["role"] == "claimedBy"}
    ids = {n["id"] for n in data["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in data["edges"])
    assert all(0 <= n["x"] <= 960 and 0 <= n["y"] <= 640 for n in data["nodes"])


# ---------------------------------------------------------------------------
# Linked data


@pytest.mark.parametrize("extension, rdflib_format", [("trig", "trig"), ("nq", "nquads"), ("jsonld", "json-ld")])
def test_dataset_exports_keep_every_named_graph(client, app, extension, rdflib_format):
    response = client.get(f"/export.{extension}")
    assert response.status_code == 200 and response.is_streamed
    dataset = Dataset().parse(data=response.get_data(as_text=True), format=rdflib_format)
    graphs = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert {ARTICLE, BASE + "article/hostile-markup", BASE + "graph/entities"} <= graphs
    rows = app.extensions["kb_store"].select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert len(dataset) == int(rows[0]["n"])


def test_turtle_export_is_the_union_graph(client):
    graph = Graph().parse(data=client.get("/export.ttl").get_data(as_text=True), format="turtle")
    assert (URIRef(TALIBAN), None, None) in graph


def test_unknown_export_is_404(client):
    assert client.get("/export.docx").status_code == 404


def test_void_describes_the_dataset_with_counts_endpoint_and_dumps(client):
    response = client.get("/.well-known/void", headers={"Accept": "text/turtle"})
    assert response.mimetype == "text/turtle"
    graph = Graph().parse(data=response.get_data(as_text=True), format="turtle")
    void = "http://rdfs.org/ns/void#"
    dataset = next(graph.subjects(URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), URIRef(void + "Dataset")))
    assert str(graph.value(dataset, URIRef(void + "sparqlEndpoint"))) == "http://localhost/sparql"
    dumps = {str(o) for o in graph.objects(dataset, URIRef(void + "dataDump"))}
    assert "http://localhost/export.nq" in dumps and "http://localhost/export.trig" in dumps
    assert int(graph.value(dataset, URIRef(void + "triples"))) > 100
    classes = {str(o) for p in graph.objects(dataset, URIRef(void + "classPartition"))
               for o in graph.objects(p, URIRef(void + "class"))}
    assert "http://semanticweb.cs.vu.nl/2009/11/sem/Event" in classes
    vocabularies = {str(o) for o in graph.objects(dataset, URIRef(void + "vocabulary"))}
    assert "https://w3id.org/annals/ns#" in vocabularies
    assert "<pre" in page(client, "/.well-known/void", Accept="text/html")


def test_validation_page_shows_the_shacl_report(client):
    html = page(client, "/validation")
    assert "conforms to the SHACL shapes" in html
    text = client.get("/validation?format=text").get_data(as_text=True)
    assert text.startswith("conforms")


def test_validation_page_lists_violations_escaped(tmp_path):
    path = write_store(tmp_path / "store", [build_ghazni_extraction(), clashing_extraction()], validate=False)
    app = create_app(Settings(store=str(path)))
    try:
        html = page(app.test_client(), "/validation")
    finally:
        app.extensions["kb_store"].close()
    assert "do not conform" in html and "an actor needs exactly one rdfs:label" in html
    assert "<script" not in html and "&lt;script&gt;" in html


# ---------------------------------------------------------------------------
# Safety


HOSTILE_PAGES = [
    "/", "/?q=pwned", "/?format=json", "/graph", "/id/article/hostile-markup", "/id/actor/hostile-group",
    "/id/place/hostile-site", "/id/place/289688", "/?actor=" + BASE + "actor/hostile-group", "/sparql?query=SELECT%20%3Fl%20%7B%3Fs%20%3Chttp%3A%2F%2Fwww.w3.org%2F2000%2F01%2Frdf-schema%23label%3E%20%3Fl%7D",
]


@pytest.mark.parametrize("url", HOSTILE_PAGES)
def test_markup_from_articles_is_escaped_everywhere(client, url):
    headers = {"Accept": "text/html"}
    response = client.get(url, headers=headers)
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    if response.mimetype == "application/json":
        assert any(HOSTILE in event["title"] for event in json.loads(body)["events"])
        return
    assert "<script" not in body.lower()
    assert "<img" not in body.lower()
    assert "onerror=alert" not in body.replace("onerror=alert(1)&gt;", "")
    assert "&lt;script&gt;" in body


def test_event_page_and_graph_svg_escape_labels(client):
    hostile_event = event_links(page(client, "/?source=" + BASE + "article/hostile-markup&type=Talks"))[0]
    html = page(client, hostile_event)
    assert "<script" not in html and "&lt;script&gt;alert(&#34;pwned&#34;)&lt;/script&gt;" in html
    svg = page(client, "/graph?q=pwned")
    assert "<script" not in svg and "&lt;img src=x" in svg


@pytest.mark.parametrize("url", ["/", "/graph", "/sparql", "/id/article/example-ghazni-2019-03-13", "/validation",
                                 "/id/actor/taliban", "/.well-known/void"])
def test_pages_load_nothing_from_the_internet_and_need_no_javascript(client, url):
    for tag, attrs in tags_of(page(client, url, Accept="text/html")):
        assert tag != "script"
        if tag in ("link", "img", "iframe", "embed", "object", "source", "video", "audio"):
            for name in ("href", "src", "data"):
                assert not (attrs.get(name) or "").startswith(("http:", "https:", "//")), (tag, attrs)


def test_errors_are_pages_for_browsers_and_text_for_programs(client):
    browser = client.get("/id/event/nope", headers={"Accept": "text/html"})
    assert browser.status_code == 404 and browser.mimetype == "text/html" and "<h1>" in browser.get_data(as_text=True)
    program = client.get("/id/event/nope", headers={"Accept": "*/*"})
    assert program.mimetype == "text/plain" and program.get_data(as_text=True).startswith("404 Not Found")


def test_a_province_named_after_its_capital_is_called_a_province_in_a_chain():
    from web.places import PlaceInfo

    province = PlaceInfo("p", "Kabul", "Province")
    country = PlaceInfo("c", "Afghanistan", "CountryPlace")
    assert province.name_in_chain("Kabul") == "Kabul province"
    assert province.name_in_chain("Paghman") == "Kabul"
    assert country.name_in_chain("Kabul") == "Afghanistan"


@pytest.mark.parametrize("path", ["event/abc", "place/army-base-ghazni", "actor/ḥaqqānī network", "article/a b%c?d"])
def test_local_links_are_the_urls_flask_would_build(app, path):
    from flask import url_for

    from web.links import local_href

    with app.test_request_context("/", base_url="http://example.org/annals/"):
        assert local_href(BASE + path) == url_for("resources.resource", path=path)
        assert local_href(BASE + path + "#evidence-0") == url_for("resources.resource", path=path) + "#evidence-0"
        assert local_href("https://www.wikidata.org/wiki/Q42418") == "https://www.wikidata.org/wiki/Q42418"
