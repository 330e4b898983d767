"""Which mentions are one event: predicates, counts, recaptures, kinds of anaphor, named
descriptions, plural clashes, one-sided ceasefires; and who is blamed for an attack."""

from __future__ import annotations

from datetime import date

import pytest

from kb.extract import extract
from kb.model import Article, Extraction

PUBLISHED = date(2019, 4, 12)  # a Friday


def run(text: str, published: date | None = PUBLISHED) -> Extraction:
    return extract(Article(identifier="test", text=text, published=published))


def test_a_predicate_noun_describes_the_event_it_follows():
    text = ("A car bomb exploded outside a police station in Quetta on Thursday, killing nine people.\n\n"
            "It was the deadliest attack in the city this year, days after gunmen raided a bank in Chaman.")
    extraction = run(text)
    classes = sorted(e.event_class for e in extraction.events)
    assert classes == ["ArmedAssault", "Bombing"]
    (bombing,) = [e for e in extraction.events if e.event_class == "Bombing"]
    assert len(bombing.evidence) == 2


def test_a_seizure_and_the_recapture_that_undoes_it_are_two_takeovers():
    text = ("Militants seized several villages in Cabo Delgado province on Tuesday before Mozambican troops "
            "recaptured them on Wednesday.")
    takeovers = [e for e in run(text).events if e.event_class == "Takeover"]
    assert len(takeovers) == 2
    recapture = [e for e in takeovers if e.label.startswith("Recapture")]
    assert len(recapture) == 1 and recapture[0].roles.get("perpetrator") == ["mozambican-forces"]


def test_the_capture_named_again_is_the_recapture():
    text = ("Iraqi troops retook the Grand Mosque in Samarra on Sunday.\n\n"
            "The prime minister said the capture of the mosque was a turning point.")
    assert len([e for e in run(text).events if e.event_class == "Takeover"]) == 1


def test_the_explosion_after_clashes_is_a_bombing_of_its_own():
    text = ("Two soldiers were killed in clashes between the army and the ELN near Tame on Sunday.\n\n"
            "Later a lieutenant was wounded by the explosion of a mine planted on a bridge near Arauquita.")
    classes = sorted(e.event_class for e in run(text).events)
    assert classes == ["ArmedClash", "Bombing"]


def test_the_blast_after_an_airstrike_is_the_airstrike():
    text = ("A Saudi-led coalition air strike hit a bus in Dahyan on Thursday.\n\n"
            "The blast killed 40 children, health officials said.")
    (strike,) = run(text).events
    assert strike.event_class == "Airstrike" and strike.killed == 40


def test_the_murder_of_a_named_person_is_told_not_referred_to():
    text = "Investigators linked two former officers to the murder of journalist Javier Valdez in Culiacan."
    (event,) = run(text).events
    assert event.killed == 1 and event.event_class in ("Assassination", "Attack")


def test_plural_clashes_between_two_sides_are_one_clash_with_its_toll():
    text = ("Fierce clashes broke out between Somali troops and al-Shabaab near Afgoye on Sunday.\n\n"
            "Twelve militants and three soldiers were killed in the fighting, an officer said.")
    (clash,) = run(text).events
    assert clash.event_class == "ArmedClash" and clash.killed == 15


def test_one_sided_ceasefires_by_each_side_are_two_events():
    text = ("The ELN on Friday announced a five-day ceasefire with the Colombian army over the Easter holiday.\n\n"
            "The announcement came a day after President Gustavo Petro declared a ceasefire with the rebels.")
    ceasefires = [e for e in run(text).events if e.event_class == "Ceasefire"]
    assert len(ceasefires) == 2
    eln = [e for e in ceasefires if e.roles.get("proposer") == ["eln"]]
    assert len(eln) == 1 and eln[0].roles["participant"] == ["eln"] and eln[0].roles["addressee"] == ["colombian-forces"]
    assert eln[0].time.value == "2019-04-12"
    (petro,) = [e for e in ceasefires if e is not eln[0]]
    assert "gustavo-petro" in petro.roles["proposer"] and petro.time.value == "2019-04-11"


def test_a_joint_ceasefire_has_parties_and_no_proposer():
    text = "The government and the NPA announced a bilateral ceasefire on Monday."
    (truce,) = run(text).events
    assert "proposer" not in truce.roles and len(truce.roles["participant"]) == 2


@pytest.mark.parametrize(
    "text, alleged",
    [
        ("A bombing blamed on the PKK killed four soldiers in Hakkari on Monday.", ["pkk"]),
        ("Officials blamed the ambush near Diffa on Boko Haram.", ["boko-haram"]),
        ("Police attributed the raid on the bank in Gao to JNIM.", ["jnim"]),
        ("The army accused the FARC of kidnapping three engineers near Tumaco on Monday.", ["farc"]),
        ("A suicide bomber killed 11 people in Maiduguri on Monday. The attack bore the hallmarks of Boko Haram.",
         ["boko-haram"]),
        ("A bomb exploded at a bus stop in Cali on Monday, killing two people.\n\n"
         "Police said they suspected members of the ELN of planting the device.", ["eln"]),
    ],
)
def test_blame_makes_an_alleged_perpetrator(text, alleged):
    attacks = [e for e in run(text).events if e.family == "Attack"]
    assert attacks and attacks[0].roles.get("allegedPerpetrator") == alleged
    assert "perpetrator" not in attacks[0].roles


def test_fighting_between_two_named_sides_is_an_event_with_its_toll():
    text = ("Rebels seized parts of Kidal on Tuesday.\n\n"
            "Fighting between government troops and the rebels continued on Thursday. "
            "The army said 9 rebels and 4 soldiers had been killed since Tuesday.")
    extraction = run(text)
    (clash,) = [e for e in extraction.events if e.event_class == "ArmedClash"]
    assert clash.status == "Ongoing" and clash.killed == 13
    assert clash.roles.get("perpetrator") == ["malian-forces"]
    assert [e.event_class for e in extraction.events if e.event_class == "Takeover"] == ["Takeover"]


def test_a_purpose_is_intended_not_done():
    text = "Troops launched a raid on Monday to capture the town of Damboa."
    takeovers = [e for e in run(text).events if e.event_class == "Takeover"]
    assert takeovers and takeovers[0].status == "Planned"


def test_an_unknown_name_with_a_word_for_an_armed_group_is_that_group():
    (event,) = run("Fighters from the Ansarul Islam group attacked a police post in Djibo on Monday.").events
    assert event.roles.get("perpetrator") == ["ansarul-islam-group"]
