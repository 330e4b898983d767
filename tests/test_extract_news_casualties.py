"""Casualty figures as reports give them: lists, tallies, rising tolls, competing sources, a lead
that sums up several incidents, and an attack stopped too late."""

from __future__ import annotations

from datetime import date

from kb.extract import extract
from kb.model import Article, Extraction

PUBLISHED = date(2019, 4, 12)  # a Friday


def run(text: str, published: date | None = PUBLISHED) -> Extraction:
    return extract(Article(identifier="test", text=text, published=published))


def attacks(extraction: Extraction):
    return [e for e in extraction.events if e.family == "Attack"]


def test_a_list_the_parser_reads_as_apposition_is_still_counted():
    (event,) = attacks(run("Gunmen killed a teacher, a nurse, and a farmer in Tillaberi on Monday."))
    assert event.killed == 3


def test_a_tally_of_participles_counts_each_outcome_once():
    text = ("Gunmen raided the village of Kadiabo on Sunday. The mayor reported \"9 killed, 14 injured, "
            "and 30 huts burned.\"")
    events = attacks(run(text))
    assert any(e.injured == 14 for e in events)
    assert all(e.injured in (None, 14) for e in events)


def test_a_rising_toll_dated_later_updates_the_attack():
    text = ("A bomb exploded at a market in Maiduguri on Monday, killing 11 people.\n\n"
            "By Wednesday the death toll had risen to 19, hospital officials said.")
    (bombing,) = attacks(run(text))
    assert bombing.killed == 19


def test_a_toll_given_by_an_official_somewhere_else_is_about_the_attack():
    text = ("An air strike hit a market in Saada province on Monday, killing 31 people, local officials said.\n\n"
            "A United Nations official in Sanaa put the death toll at 24.")
    (strike,) = attacks(run(text))
    assert strike.killed == 24  # competing figures: the lowest stands


def test_a_lead_that_sums_up_several_incidents_gives_each_its_victims():
    text = ("Rebels killed a mayor, a soldier, and a shopkeeper in two attacks on Saturday.\n\n"
            "In Uchiza, the mayor Luis Pena was shot at his office by three rebels.\n\n"
            "In Tocache, rebels ambushed a shopkeeper and a soldier on a road outside the town.")
    extraction = run(text)

    def town(key):
        place = extraction.places[key]
        return extraction.places[place.contained_in].label if place.place_type == "Site" else place.label

    by_place = {town(e.place): e for e in attacks(extraction) if e.place}
    assert by_place["Uchiza"].killed == 1
    assert by_place["Tocache"].killed == 2
    assert len(attacks(extraction)) == 2  # the summary is no third attack


def test_a_bomb_that_went_off_while_being_defused_happened():
    text = "A policeman was killed as he tried to defuse a bomb planted by rebels outside a bank in Jolo."
    (bombing,) = attacks(run(text))
    assert bombing.status == "Occurred" and bombing.killed == 1


def test_a_defused_bomb_that_hurt_nobody_was_only_attempted():
    (bombing,) = attacks(run("Police defused a bomb planted outside a bank in Jolo on Monday."))
    assert bombing.status == "Attempted"


def test_a_killing_with_its_own_attackers_is_not_given_to_another_clause_s_attack():
    text = ("Rebels killed two farmers near Puerto Asis on Monday, while police said an attack on a "
            "pipeline was foiled.")
    events = attacks(run(text))
    foiled = [e for e in events if e.status == "Attempted"]
    assert foiled and foiled[0].killed is None
    assert any(e.killed == 2 for e in events)


def test_no_damage_or_injuries_reported_is_zero_injured_and_says_nothing_of_the_dead():
    from datetime import date

    from kb.extract import extract
    from kb.model import Article

    text = "Rebels fired missiles at a ship off Hodeidah on Tuesday; no damage or injuries were reported."
    event = extract(Article(identifier="test", text=text, published=date(2024, 1, 10))).events[0]
    assert [(c.outcome, c.count) for c in event.casualties] == [("Injured", 0)]


def _extract(text: str):
    from datetime import date

    from kb.extract import extract
    from kb.model import Article

    return extract(Article(identifier="test", text=text, published=date(2024, 1, 10)))


def test_a_toll_after_a_complex_attack_belongs_to_its_first_act():
    extraction = _extract("On Friday, a suicide bomber blew himself up at the gate of a hotel in Mogadishu and gunmen "
                          "then stormed its restaurant, police said. At least 30 people were killed and 60 wounded, "
                          "the health ministry said.")
    killed = {e.event_class: [c.count for c in e.casualties if c.outcome == "Killed"] for e in extraction.events}
    assert killed["Bombing"] == [30]


def test_a_toll_after_fighting_that_followed_an_attack_belongs_to_the_attack():
    extraction = _extract("Soldiers were still fighting gunmen inside a hotel in Mogadishu on Saturday, hours after the "
                          "militants blasted their way in with two car bombs. At least 12 people have been killed, "
                          "police said.")
    owners = [e.event_class for e in extraction.events if any(c.outcome == "Killed" for c in e.casualties)]
    assert owners and "ArmedClash" not in owners
