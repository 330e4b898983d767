"""Shared fixtures: a hand-built extraction, temporary stores, the seeded store."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kb.config import Settings
from kb.model import (
    Actor,
    Article,
    CasualtyCount,
    Event,
    EventTime,
    Extraction,
    Place,
    Span,
)

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"

GHAZNI_TEXT = (
    "GHAZNI, Afghanistan — A suicide car bomber struck an army base in Ghazni city on Tuesday, "
    "killing seven soldiers and wounding at least 12 others, provincial officials said.\n\n"
    "The Taliban claimed responsibility for the attack.\n\n"
    "A government spokesman said talks with Taliban representatives in Doha would resume next week.\n"
)


def span_of(text: str, part: str) -> Span:
    start = text.index(part)
    return Span(start, start + len(part), part)


def build_ghazni_extraction(text: str = GHAZNI_TEXT, identifier: str = "example-ghazni-2019-03-13") -> Extraction:
    """The design's Ghazni example as plain dataclasses (what an extractor returns)."""
    article = Article(
        identifier=identifier,
        text=text,
        title="Car bomb kills seven soldiers in Ghazni; talks to resume next week",
        published=date(2019, 3, 13),
        url="https://example.org/2019/03/13/ghazni",
        publisher="Example Wire",
    )
    bombing = Event(
        event_class="Bombing",
        label="Suicide car bombing of an army base in Ghazni",
        trigger=span_of(text, "bomber"),
        evidence=[span_of(text, text.split("\n")[0][22:])],
        time=EventTime("day", date(2019, 3, 12), date(2019, 3, 12), date(2019, 3, 12), "on Tuesday", "2019-03-12"),
        status="Occurred",
        confidence=0.9,
        roles={"claimedBy": ["taliban"], "target": ["afghan-national-army"]},
        place="army-base-ghazni",
        casualties=[
            CasualtyCount("Killed", 7, "Exact", "soldiers"),
            CasualtyCount("Injured", 12, "AtLeast", "others"),
        ],
        killed=7,
        injured=12,
    )
    talks = Event(
        event_class="Talks",
        label="Talks between the Government of Afghanistan and the Taliban in Doha",
        trigger=span_of(text, "talks"),
        evidence=[span_of(text, "A government spokesman said talks with Taliban representatives in Doha would resume next week.")],
        time=EventTime("week", date(2019, 3, 18), date(2019, 3, 24), date(2019, 3, 18), "next week", "2019-W12"),
        status="Planned",
        confidence=0.7,
        roles={"participant": ["government-of-afghanistan", "taliban"]},
        place="290030",
    )
    actors = {
        "taliban": Actor("taliban", "Taliban", "ArmedGroup", ("the Taliban",), "Q42418"),
        "government-of-afghanistan": Actor(
            "government-of-afghanistan", "Government of Afghanistan", "Government", ("Afghan government",)
        ),
        "afghan-national-army": Actor(
            "afghan-national-army", "Afghan National Army", "SecurityForce", member_of="government-of-afghanistan"
        ),
    }
    places = {
        "army-base-ghazni": Place("army-base-ghazni", "army base, Ghazni", "Site", contained_in="1141269"),
        "1141269": Place("1141269", "Ghazni", "City", 1141269, 33.55391, 68.42096, "1141268"),
        "1141268": Place("1141268", "Ghazni Province", "Province", 1141268, contained_in="1149361"),
        "1149361": Place("1149361", "Afghanistan", "CountryPlace", 1149361),
        "290030": Place("290030", "Doha", "City", 290030, 25.28545, 51.53096, "289688"),
        "289688": Place("289688", "Qatar", "CountryPlace", 289688),
    }
    return Extraction(article, [bombing, talks], actors, places)


@pytest.fixture
def ghazni_extraction() -> Extraction:
    return build_ghazni_extraction()


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(store=str(tmp_path / "store"))


@pytest.fixture(scope="session")
def seeded_store_path(tmp_path_factory) -> Path:
    """A store with the bundled seeds ingested once for the whole session (read-mostly)."""
    from kb.ingest import ingest
    from kb.store import open_store

    path = tmp_path_factory.mktemp("seeded") / "store"
    settings = Settings(store=str(path))
    with open_store(str(path)) as store:
        summary = ingest([SEEDS], store, settings, show_progress=False)
    assert summary.ok, summary.problems
    return path


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory):
    """A real ``oxigraph serve`` on loopback for the whole session (each test clears it first)."""
    from tests.servers import OxigraphServer

    server = OxigraphServer(tmp_path_factory.mktemp("oxigraph") / "db")
    yield server
    server.stop()
