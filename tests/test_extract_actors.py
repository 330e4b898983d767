"""Actor normalisation: lexicon aliases, members for their group, countries' institutions, persons."""

from __future__ import annotations

from datetime import date

import pytest

from kb.extract import extract
from kb.extract.lexicon import get_lexicon
from kb.model import Article, Event, Extraction

PUBLISHED = date(2018, 5, 31)  # a Thursday


def run(text: str, published: date | None = PUBLISHED, identifier: str = "test") -> Extraction:
    return extract(Article(identifier=identifier, text=text, published=published))


def event_with_trigger(extraction: Extraction, trigger: str) -> Event:
    found = [e for e in extraction.events if e.trigger.text.lower() == trigger.lower()]
    assert found, f"no event triggered by {trigger!r} in {[e.trigger.text for e in extraction.events]}"
    return found[0]


@pytest.mark.parametrize(
    "text, trigger, role, expected",
    [
        ("Taliban commanders attacked a checkpoint in Ghazni.", "attacked", "perpetrator", ["taliban"]),
        ("Leading Taliban officials held talks with Afghan government officials in Doha.", "talks", "participant",
         ["taliban", "government-of-afghanistan"]),
        ("ISIS claimed responsibility for the bombing in Kabul.", "bombing", "claimedBy", ["islamic-state"]),
        ("Daesh claimed the bombing in Kabul.", "bombing", "claimedBy", ["islamic-state"]),
        ("US-backed missile strikes killed 20 fighters in Helmand.", "missile strikes", "perpetrator", ["united-states"]),
        ("Salvadoran troops attacked FMLN positions in Chalatenango.", "attacked", "perpetrator", ["salvadoran-forces"]),
        ("US aircraft carried out airstrikes in Farah on Wednesday.", "airstrikes", "perpetrator", ["united-states"]),
        ("The Saudi-led coalition carried out an air strike in Hajjah province.", "air strike", "perpetrator",
         ["saudi-led-coalition"]),
        ("Suspected Boko Haram fighters attacked a village in Borno state.", "attacked", "allegedPerpetrator",
         ["boko-haram"]),
        ("Police blamed the ELN for the bombing of the pipeline in Arauca.", "bombing", "allegedPerpetrator", ["eln"]),
    ],
)
def test_roles_name_normalised_actors(text, trigger, role, expected):
    event = event_with_trigger(run(text), trigger)
    assert sorted(event.roles.get(role, [])) == sorted(expected)


def test_a_surname_is_the_person_named_before():
    text = ("General John Nicholson said the Taliban and the Afghan government held secret talks in Doha.\n\n"
            "Nicholson said the Taliban offered a ceasefire.")
    extraction = run(text)
    persons = [a for a in extraction.actors.values() if a.kind == "Person"]
    assert all(p.key != "nicholson" for p in persons)


def test_person_with_title_and_affiliation():
    extraction = run("In February, Afghan President Ashraf Ghani suggested peace talks with the Taliban.")
    ghani = extraction.actors["ashraf-ghani"]
    assert (ghani.label, ghani.job_title, ghani.member_of) == ("Ashraf Ghani", "President", "government-of-afghanistan")
    assert "government-of-afghanistan" in extraction.actors


def test_apposition_gives_job_and_group():
    text = ("US strikes killed the number two Taliban leader in Helmand, Abdul Manan, on Monday, "
            "officials said.")
    extraction = run(text)
    manan = extraction.actors.get("abdul-manan")
    assert manan is not None and manan.member_of == "taliban" and "Taliban leader" in manan.job_title


def test_a_spokesman_claims_for_his_group():
    extraction = run("Taliban spokesman Zabihullah Mujahid claimed the bombing in Ghazni on Tuesday.")
    assert event_with_trigger(extraction, "bombing").roles["claimedBy"] == ["taliban"]


def test_descriptions_name_no_actor():
    extraction = run("Gunmen attacked a checkpoint in Ghazni on Tuesday, killing two policemen.")
    assert "perpetrator" not in event_with_trigger(extraction, "attacked").roles


@pytest.mark.parametrize("alias, key", [
    ("IS", "islamic-state"), ("ISIL", "islamic-state"), ("Daesh", "islamic-state"), ("Taleban", "taliban"),
    ("Shining Path", "shining-path"), ("FMLN", "fmln"), ("al-Shabab", "al-shabaab"), ("Houthi rebels", "houthis"),
])
def test_lexicon_aliases(alias, key):
    assert get_lexicon().find(alias).key == key


def test_lexicon_entries_have_known_kinds_and_members():
    from kb.model import ACTOR_KINDS

    lexicon = get_lexicon()
    for entry in lexicon.entries.values():
        assert entry.kind in ACTOR_KINDS
        if entry.member_of:
            assert lexicon.get(entry.member_of) is not None, entry.key


def test_its_troops_are_the_forces_of_the_state_that_speaks_not_of_the_nearest_country_word():
    from datetime import date

    from kb.extract import extract
    from kb.model import Article

    text = "Georgia's defence ministry denied Russian claims that its troops shelled Russian positions on Monday."
    extraction = extract(Article(identifier="test", text=text, published=date(2024, 4, 2)))
    shelling = next(e for e in extraction.events if e.event_class == "Shelling")
    assert shelling.status == "Denied"
    assert shelling.roles["perpetrator"] == ["georgian-forces"]
