"""Within-article coreference, evidence offsets, stable output and the batch API."""

from __future__ import annotations

from datetime import date

from kb.extract import extract, extract_many
from kb.model import Article, Extraction

PUBLISHED = date(2018, 5, 31)  # a Thursday


def run(text: str, published: date | None = PUBLISHED, identifier: str = "test") -> Extraction:
    return extract(Article(identifier=identifier, text=text, published=published))


GHAZNI = (
    "GHAZNI, Afghanistan — A suicide car bomber struck an army base in Ghazni city on Tuesday, "
    "killing seven soldiers and wounding at least 12 others, provincial officials said.\n\n"
    "The Taliban claimed responsibility for the attack.\n\n"
    "A government spokesman said talks with Taliban representatives in Doha would resume next week.\n"
)


def test_later_mentions_enrich_the_first():
    extraction = run(GHAZNI, published=date(2019, 3, 13))
    (bombing,) = [e for e in extraction.events if e.family == "Attack"]
    assert bombing.event_class == "Bombing"
    assert bombing.roles["claimedBy"] == ["taliban"]
    assert (bombing.killed, bombing.injured) == (7, 12)
    assert len(bombing.evidence) == 2
    assert (bombing.time.value, bombing.time.precision) == ("2019-03-12", "day")


def test_planned_talks_at_week_precision():
    extraction = run(GHAZNI, published=date(2019, 3, 13))
    (talks,) = [e for e in extraction.events if e.event_class == "Talks"]
    assert talks.status == "Planned"
    assert (talks.time.value, talks.time.earliest, talks.time.latest) == ("2019-W12", date(2019, 3, 18), date(2019, 3, 24))
    assert extraction.places[talks.place].label == "Doha"


def test_a_headline_and_the_report_are_one_event():
    text = ("Car bomb kills seven soldiers in Ghazni\n\n"
            "A suicide car bomber struck an army base in Ghazni city on Tuesday, killing seven soldiers.")
    assert len(run(text, published=date(2019, 3, 13)).events) == 1


def test_another_attack_is_another_event():
    text = ("Gunmen attacked a checkpoint in Ghazni on Tuesday, killing two policemen.\n\n"
            "In another attack, a roadside bomb killed three soldiers in Kandahar on Wednesday.")
    assert len(run(text).events) == 2


def test_evidence_offsets_point_into_the_article_text():
    text = "Some\u00a0intro line\n\n" + GHAZNI
    extraction = run(text, published=date(2019, 3, 13))
    for event in extraction.events:
        for span in [*event.evidence, event.trigger]:
            assert text[span.start:span.end] == span.text


def test_wrapped_wire_copy_keeps_offsets():
    text = ("San Salvador, 25 Aug 88 (Canal Doce Television) -- [Text] Urban\nguerrillas of the FMLN "
            "attacked a police post in Apopa\nlast night, killing two policemen, according to military\n"
            "reports released today in the capital city.\n\n   The attack lasted an hour.\n")
    extraction = run(text, published=date(1988, 8, 25))
    assert extraction.events
    event = extraction.events[0]
    assert event.roles.get("perpetrator") == ["fmln"] and event.killed == 2
    for span in event.evidence:
        assert text[span.start:span.end] == span.text


def test_same_input_same_output_and_batches_agree():
    articles = [Article(f"a{i}", GHAZNI, published=date(2019, 3, 13)) for i in range(3)]
    one = [extract(a) for a in articles]
    many = list(extract_many(articles, batch_size=2))
    assert [e.events for e in one] == [e.events for e in many]
    assert [list(e.actors) for e in one] == [list(e.actors) for e in many]
    assert extract(articles[0]).events == one[0].events


def test_article_without_date_is_unanchored():
    extraction = run("Gunmen attacked a checkpoint in Ghazni, killing two policemen.", published=None)
    assert extraction.events[0].time.precision == "unanchored"


def test_empty_article_has_no_events():
    assert run("   ").events == []
