"""The seed article (The New Arab, 31 May 2018) yields the events issue 4 lists."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kb.extract import extract
from kb.model import Extraction

SEED = Path(__file__).resolve().parents[1] / "seeds" / "taliban-ceasefire-talks.md"


@pytest.fixture(scope="module")
def seed() -> Extraction:
    from kb.readers import read_source

    articles, problems = read_source(SEED)
    assert not problems and len(articles) == 1
    return extract(articles[0])


def events_of(extraction: Extraction, event_class: str):
    return [e for e in extraction.events if e.event_class == event_class]


def place_chain(extraction: Extraction, key: str | None) -> list[str]:
    labels = []
    while key:
        place = extraction.places[key]
        labels.append(place.label)
        key = place.contained_in
    return labels


def test_secret_talks_between_taliban_and_government_happened(seed):
    talks = [e for e in events_of(seed, "Talks") if e.status == "Occurred"]
    assert len(talks) == 1
    assert set(talks[0].roles["participant"]) == {"taliban", "government-of-afghanistan"}
    assert any("have held secret talks" in span.text for span in talks[0].evidence)


def test_us_strikes_killed_at_least_fifty_this_week(seed):
    (strike,) = events_of(seed, "Airstrike")
    assert strike.roles["perpetrator"] == ["united-states"]
    assert strike.killed == 50
    assert [(c.outcome, c.count, c.qualifier) for c in strike.casualties] == [("Killed", 50, "AtLeast")]
    assert (strike.time.precision, strike.time.value) == ("week", "2018-W22")
    assert (strike.time.earliest, strike.time.latest) == (date(2018, 5, 28), date(2018, 6, 3))


def test_taliban_takeover_of_farah_city(seed):
    (takeover,) = events_of(seed, "Takeover")
    assert takeover.roles["perpetrator"] == ["taliban"]
    farah = seed.places[takeover.place]
    assert (farah.label, farah.place_type, farah.geonames_id) == ("Farah", "City", 1142264)
    assert place_chain(seed, takeover.place) == ["Farah", "Farah", "Afghanistan"]


def test_ghani_february_offer_of_talks(seed):
    (offer,) = events_of(seed, "PeaceProposal")
    assert offer.status == "Occurred"
    assert "ashraf-ghani" in offer.roles["proposer"] and "government-of-afghanistan" in offer.roles["proposer"]
    assert offer.roles["addressee"] == ["taliban"]
    assert (offer.time.precision, offer.time.value) == ("month", "2018-02")
    ghani = seed.actors["ashraf-ghani"]
    assert (ghani.kind, ghani.job_title, ghani.member_of) == ("Person", "President", "government-of-afghanistan")


def test_proposed_talks_are_related_to_the_offer(seed):
    offer_index = seed.events.index(events_of(seed, "PeaceProposal")[0])
    proposed = [e for e in events_of(seed, "Talks") if e.status == "Proposed"]
    assert len(proposed) == 1 and ("relatedEvent", offer_index) in proposed[0].related


def test_kabul_interior_ministry_assault(seed):
    (assault,) = events_of(seed, "ArmedAssault")
    assert (assault.time.precision, assault.time.value, assault.time.earliest) == ("day", "2018-05-30", date(2018, 5, 30))
    assert assault.killed == 1
    assert assault.roles["claimedBy"] == ["islamic-state"]
    assert assault.roles["allegedPerpetrator"] == ["taliban"]
    site = seed.places[assault.place]
    assert site.place_type == "Site" and "interior ministry" in site.label
    assert place_chain(seed, assault.place)[1:] == ["Kabul", "Kabul", "Afghanistan"]
    assert assault.label == "Assault on the interior ministry in Kabul"
    assert len(assault.evidence) == 3  # the claim and the US suspicion enrich the same event


def test_logar_police_station_attack(seed):
    logar = [e for e in seed.events if e.family == "Attack" and e.killed == 6]
    assert len(logar) == 1
    attack = logar[0]
    assert (attack.killed, attack.injured) == (6, 8)
    assert attack.roles["claimedBy"] == ["taliban"]
    assert "perpetrator" not in attack.roles  # a claim alone does not make the perpetrator
    assert place_chain(seed, attack.place)[1:] == ["Pul-e Alam", "Logar", "Afghanistan"]


def test_farc_peace_accord_in_2016(seed):
    accords = [e for e in events_of(seed, "PeaceAgreement") if e.status == "Occurred"]
    assert len(accords) == 1
    accord = accords[0]
    assert set(accord.roles["participant"]) == {"farc", "government-of-colombia"}
    assert (accord.time.precision, accord.time.value) == ("year", "2016")
    assert seed.places[accord.place].label == "Colombia"


def test_no_ceasefire_happened(seed):
    ceasefires = events_of(seed, "Ceasefire")
    assert ceasefires and all(e.status in ("Proposed", "Hypothetical") for e in ceasefires)
    assert all(e.status != "Occurred" for e in events_of(seed, "PeaceAgreement") if "peace deal" in e.trigger.text)


def test_gazetteer_wins_over_the_recogniser(seed):
    from kb.extract.pipeline import get_nlp, prepare_text

    doc = get_nlp()(prepare_text(seed.article.text))
    labels = {e.text: e.label_ for e in doc.ents}
    assert labels["Farah"] == labels["Uruzgan"] == labels["Herat"] == "GPE"


def test_actors_carry_wikidata_ids(seed):
    assert seed.actors["taliban"].wikidata == "Q42418"
    assert seed.actors["islamic-state"].wikidata == "Q2429253"
    assert seed.actors["united-states"].kind == "Country"
