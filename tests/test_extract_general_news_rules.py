"""Rules that hold for news in general: the place of "the town of X" and of the moment's clause,
the town inside a region named beside it, mediators beside the talks, a group telling its own
deed, killings that single a person out, weapons stopped in the air, truces in force, datelines
after a headline or with accents, and an agreement that is the ceasefire itself."""

from __future__ import annotations

from datetime import date

from kb.extract import extract
from kb.extract.document import find_dateline
from kb.model import Article, Event, Extraction

PUBLISHED = date(2021, 3, 8)  # a Monday


def run(text: str, published: date | None = PUBLISHED) -> Extraction:
    return extract(Article(identifier="test", text=text, published=published))


def only(extraction: Extraction, event_class: str | None = None) -> Event:
    events = [e for e in extraction.events if event_class is None or e.event_class == event_class]
    assert len(events) == 1, [(e.event_class, e.label) for e in extraction.events]
    return events[0]


def place_label(extraction: Extraction, event: Event) -> str | None:
    return extraction.places[event.place].label if event.place else None


def town_of(extraction: Extraction, event: Event) -> str | None:
    """The label of the event's place, or of the town that holds its site."""
    place = extraction.places[event.place] if event.place else None
    if place is not None and place.place_type == "Site" and place.contained_in:
        place = extraction.places[place.contained_in]
    return place.label if place else None


# -- places --------------------------------------------------------------------------------------


def test_a_name_after_the_town_of_is_placed_by_the_preposition_before_the_town():
    text = "KABUL (Reuters) - On Sunday night, the police post in the city of Kunduz came under rocket fire."
    extraction = run(text)
    assert place_label(extraction, only(extraction)) == "Kunduz"


def test_a_takeover_of_the_town_of_x_is_placed_in_x():
    text = "KABUL (Reuters) - Officials denied that the Taliban had taken control of the town of Ghazni on Sunday."
    extraction = run(text)
    assert place_label(extraction, only(extraction, "Takeover")) == "Ghazni"


def test_the_centre_of_a_named_town_is_that_town_not_a_site():
    text = "KYIV (Reuters) - Russian artillery shelled the centre of Kharkiv on Sunday, killing two people."
    extraction = run(text)
    assert place_label(extraction, only(extraction)) == "Kharkiv"


def test_the_clause_of_the_moment_gives_the_place_of_a_killing():
    text = ("BAGHDAD, March 8 (Reuters) - A tribal leader was shot dead by gunmen as he left a mosque in the "
            "town of Samarra, about 100 km north of the Iraqi capital, on Sunday evening, police said.")
    extraction = run(text)
    assert "marr" in town_of(extraction, only(extraction))  # GeoNames spells it Sāmarrā’


def test_a_town_named_beside_its_region_is_the_place_not_the_region():
    text = "Police in Tumaco, in Nariño, defused a car bomb hidden in a van on Sunday."
    extraction = run(text)
    assert place_label(extraction, only(extraction)) == "Tumaco"


def test_a_district_that_shares_a_name_with_a_city_abroad_is_not_that_city():
    text = ("ADEN, Yemen (Xinhua) -- A roadside bomb killed two soldiers in al-Mansoura district of Aden on "
            "Sunday. Another bomb exploded near the port of Aden on Saturday.")
    extraction = run(text)
    countries = set()
    for event in extraction.events:
        key = event.place
        while key and extraction.places[key].contained_in:
            key = extraction.places[key].contained_in
        countries.add(extraction.places[key].label if key else None)
    assert "Egypt" not in countries


# -- mediators -----------------------------------------------------------------------------------


def test_talks_under_the_auspices_of_countries_have_them_as_mediators_not_parties():
    text = ("The agreement follows a week of talks between the government and the rebels that began in Doha "
            "under the auspices of Qatar and Turkey.")
    talks = only(run(text), "Talks")
    assert set(talks.roles.get("mediator", [])) == {"qatar", "turkey"}
    assert "qatar" not in talks.roles.get("participant", [])


def test_a_truce_reached_through_a_countrys_mediation_has_it_as_mediator():
    text = "Hamas and Israel agreed to a truce on Sunday through Egyptian mediation."
    truce = only(run(text), "Ceasefire")
    assert truce.roles.get("mediator") == ["egypt"]


def test_mediators_who_report_an_accord_are_its_mediators():
    text = "The army and the rebels signed a ceasefire in Juba on Saturday, Norwegian and Cuban mediators said."
    truce = only(run(text), "Ceasefire")
    assert set(truce.roles.get("mediator", [])) == {"norway", "cuba"}


def test_an_accord_that_ends_mediated_talks_has_the_same_mediator():
    text = ("Delegations of the two camps signed a ceasefire in Geneva on Friday, ending a week of talks hosted "
            "by the United Nations.")
    truce = only(run(text), "Ceasefire")
    assert truce.roles.get("mediator") == ["united-nations"]


# -- claims --------------------------------------------------------------------------------------


def test_a_group_saying_its_fighters_did_it_claims_the_attack_rather_than_being_its_perpetrator():
    text = ("A police chief was shot dead by gunmen in Kismayo on Sunday. The al-Shabaab militant group said "
            "on its radio station that its fighters had carried out the killing.")
    event = only(run(text))
    assert event.roles.get("claimedBy") == ["al-shabaab"]
    assert "perpetrator" not in event.roles


def test_forces_telling_of_their_own_operation_are_its_perpetrator():
    text = "The U.S. Africa Command said it conducted an airstrike near Jilib on Sunday, killing three militants."
    event = only(run(text))
    assert event.roles.get("perpetrator") and "claimedBy" not in event.roles


def test_a_named_group_seizing_a_town_as_its_spokesman_says_is_a_perpetrator():
    text = "The rebels seized the town of Bunia on Sunday, a rebel spokesman said. The M23 seized Goma, M23 spokesman said."
    for event in run(text).events:
        assert "claimedBy" not in event.roles


# -- assassinations ------------------------------------------------------------------------------


def test_shooting_dead_a_person_singled_out_by_rank_is_an_assassination():
    text = "Gunmen on motorcycles shot dead a senior police officer in Quetta on Sunday."
    event = only(run(text))
    assert event.event_class == "Assassination" and "target" not in event.roles


def test_shooting_dead_a_former_member_of_a_group_is_an_assassination_not_an_attack_on_the_group():
    text = "On Sunday, gunmen shot dead a former FARC combatant in Tumaco."
    event = only(run(text))
    assert event.event_class == "Assassination" and "target" not in event.roles


def test_shooting_dead_a_commissioner_is_an_assassination():
    text = "A district commissioner was shot dead by gunmen in Baidoa on Sunday."
    assert only(run(text)).event_class == "Assassination"


def test_shooting_dead_an_ordinary_police_officer_stays_an_attack_on_the_police():
    text = "Gunmen shot dead a police officer in Quetta on Sunday."
    assert only(run(text)).event_class != "Assassination"


# -- weapons stopped in the air ------------------------------------------------------------------


def test_a_rocket_shot_down_is_attempted_shelling_and_no_assault():
    text = "On Sunday, the Iron Dome system shot down a rocket aimed at Ashkelon, the army said."
    event = only(run(text))
    assert (event.event_class, event.status) == ("Shelling", "Attempted")


def test_a_drone_shot_down_is_an_attempted_airstrike():
    text = "A drone carrying explosives was shot down on Sunday as it approached Baghdad airport."
    event = only(run(text))
    assert (event.event_class, event.status) == ("Airstrike", "Attempted")


def test_air_defences_destroying_a_missile_make_it_attempted():
    text = "In Odesa, air defences destroyed a cruise missile over the port late on Sunday."
    event = only(run(text))
    assert (event.event_class, event.status) == ("Airstrike", "Attempted")


def test_an_intercepted_drone_launched_by_a_group_is_its_attempted_airstrike():
    text = "The coalition said it had intercepted an explosive-laden drone launched by the Houthis on Sunday."
    event = only(run(text))
    assert (event.event_class, event.status) == ("Airstrike", "Attempted")
    assert event.roles.get("perpetrator") == ["houthis"]


def test_intercepting_something_that_is_no_weapon_is_no_event():
    text = "Police intercepted a truck carrying fuel near Herat on Sunday."
    assert run(text).events == []


def test_laying_down_weapons_after_a_shooting_is_no_interception():
    text = "On Sunday, gunmen shot dead a man who had laid down his weapons under the peace deal in Tumaco."
    (event,) = [e for e in run(text).events if e.family == "Attack"]
    assert event.status == "Occurred" and event.event_class != "Airstrike"


# -- truces in force -----------------------------------------------------------------------------


def test_a_ceasefire_that_came_into_force_is_ongoing():
    text = "A bilateral ceasefire between the government and the ELN came into force on Thursday."
    assert only(run(text), "Ceasefire").status == "Ongoing"


def test_a_ceasefire_that_held_is_ongoing_even_when_the_parser_reads_a_participle():
    text = "A Qatari-brokered ceasefire between the two militias held on Sunday after a week of fighting."
    assert only(run(text), "Ceasefire").status == "Ongoing"


def test_ceasefires_which_have_largely_held_are_ongoing():
    text = "Both sides declared unilateral ceasefires in January, which have largely held."
    assert only(run(text), "Ceasefire").status == "Ongoing"


def test_a_truce_that_held_for_a_time_and_collapsed_is_not_ongoing():
    text = "The truce took effect on Sunday and collapsed within hours."
    assert only(run(text), "Ceasefire").status != "Ongoing"


# -- datelines -----------------------------------------------------------------------------------


def test_a_dateline_with_an_accented_place_and_a_full_stop_before_the_dash_is_a_dateline():
    dateline = find_dateline("Medellín, Mar 8 (EFE).- Gunmen attacked a police station.")
    assert dateline is not None and dateline.place_text == "Medellín"


def test_a_date_first_dateline_after_a_headline_is_a_dateline():
    text = "Rivals sign truce in Juba\n\nMarch 8, 2021 (JUBA) – The army and the rebels signed a truce."
    dateline = find_dateline(text)
    assert dateline is not None and dateline.place_text == "JUBA"


def test_the_date_of_a_dateline_does_not_date_the_event():
    text = ("Rivals sign truce in Juba\n\nMarch 8, 2021 (JUBA) – The army and the rebels signed an agreement in "
            "Juba late on Saturday for a seven-day ceasefire.")
    event = only(run(text))
    assert event.time.value == "2021-03-06"


def test_an_agreement_for_a_ceasefire_is_the_ceasefire_itself():
    text = "The army and the rebels signed an agreement in Juba on Saturday for a seven-day ceasefire."
    event = only(run(text))
    assert event.event_class == "Ceasefire"


# -- casualties ----------------------------------------------------------------------------------


def test_a_figure_told_in_an_update_replaces_the_first_figure_of_the_event():
    text = ("NIAMEY (AFP) - Jihadists ambushed an army convoy near Tillaberi on Sunday, killing eight soldiers, "
            "the army said. In an update on Monday evening, the army said 15 soldiers had been killed and that "
            "nine others had been wounded.")
    event = only(run(text))
    assert (event.killed, event.injured) == (15, 9)


def test_victims_added_along_with_the_object_are_counted():
    text = ("Air strikes on Sunday killed two rebel commanders in their homes in Idlib, along with at least "
            "six civilians, rescuers said.")
    assert only(run(text)).killed == 8


def test_the_number_of_injured_rising_updates_the_toll():
    text = ("Missiles struck the port of Mykolaiv on Sunday, killing one person and wounding five. "
            "By evening officials said the number of injured had risen to 11.")
    event = only(run(text))
    assert (event.killed, event.injured) == (1, 11)


def test_people_burnt_to_death_are_killed_in_the_arson_not_another_arson():
    text = ("Gunmen set fire to 40 houses in a village in Zamfara on Sunday night, residents said. "
            "A resident said three villagers were burnt to death.")
    event = only(run(text))
    assert (event.event_class, event.killed) == ("Arson", 3)


def test_the_fighting_after_a_denied_report_is_not_the_denied_event():
    text = ("The rebels denied reports that their men had kidnapped two aid workers in Bambari. "
            "The fighting, which erupted in March, has killed more than 500 people.")
    for event in run(text).events:
        if event.status == "Denied":
            assert event.killed is None and event.time.precision == "unanchored"


# -- who did it ----------------------------------------------------------------------------------


def test_craft_of_a_named_force_are_that_forces():
    text = "BAMAKO (Reuters) - Army drones bombed rebel positions near Kidal on Sunday."
    assert only(run(text)).roles.get("perpetrator") == ["malian-forces"]


def test_craft_alone_name_no_owner():
    text = "BAMAKO (Reuters) - Drones bombed rebel positions near Kidal on Sunday."
    assert "malian-forces" not in only(run(text)).roles.get("perpetrator", [])


def test_weapons_that_are_the_subject_of_the_attack_verb_are_one_event_with_their_owner():
    text = "Russian missiles and drones struck an oil depot in Dnipro early on Sunday, killing two people."
    event = only(run(text))
    assert event.roles.get("perpetrator") == ["russia"] and event.killed == 2


# -- accords and talks told in passing -----------------------------------------------------------


def test_an_accord_named_by_its_year_between_parties_is_a_peace_agreement_without_the_sentences_place():
    text = "On Sunday, gunmen shot dead a farmer who had handed in his rifle in Cali under the 2003 accord with the state."
    accord = only(run(text), "PeaceAgreement")
    assert accord.time.value == "2003" and accord.place is None


def test_a_month_named_agreement_between_two_sides_is_a_peace_agreement():
    text = "The talks in Oslo followed a March agreement between the government and the rebels on prisoner swaps."
    assert [e.event_class for e in run(text).events].count("PeaceAgreement") == 1


def test_a_dated_accord_of_trade_is_no_peace_agreement():
    text = "The rebels attacked a convoy in Kidal, weeks after a 2022 trade agreement with Algeria was renewed."
    assert not [e for e in run(text).events if e.event_class == "PeaceAgreement"]


def test_the_signers_in_a_relative_clause_are_the_accords_participants():
    text = "The attacks are a blow to the Algiers accord, which FARC and the Colombian government signed in 2016."
    accord = only(run(text), "PeaceAgreement")
    assert {"farc", "government-of-colombia"} <= set(accord.roles.get("participant", []))


def test_parties_due_to_open_talks_are_their_participants():
    text = "Government and ELN negotiators are due to open a new round of talks in Caracas on March 20."
    talks = only(run(text), "Talks")
    assert talks.status == "Planned" and "eln" in talks.roles.get("participant", [])


def test_countries_acting_as_guarantors_are_mediators():
    text = ("Government and ELN negotiators are due to open a new round of talks in Caracas on March 20, "
            "with Brazil and Chile acting as guarantors.")
    talks = only(run(text), "Talks")
    assert set(talks.roles.get("mediator", [])) == {"brazil", "chile"}


# -- plans and relative days ---------------------------------------------------------------------


def test_someone_due_to_meet_on_a_weekday_plans_a_meeting_on_the_coming_weekday():
    text = "President Erdogan is due to meet Russian President Vladimir Putin in Sochi on Thursday."
    talks = only(run(text), "Talks")  # published on a Monday
    assert talks.status == "Planned" and talks.time.value == "2021-03-11"


def test_a_meeting_on_a_weekday_told_in_the_past_is_the_last_weekday():
    text = "President Erdogan met Russian President Vladimir Putin in Sochi on Thursday."
    assert only(run(text), "Talks").time.value == "2021-03-04"


def test_days_before_a_truce_told_before_count_from_the_truces_day():
    text = ("A ceasefire between the government and the ELN came into force on Friday. "
            "Government negotiators are due to meet ELN leaders in Caracas on March 20. "
            "Two days before the ceasefire began, three soldiers were kidnapped in Arauca.")
    kidnapping = only(run(text), "Kidnapping")
    assert kidnapping.time.value == "2021-03-03" and kidnapping.status == "Occurred"


def test_a_claim_on_a_later_day_does_not_date_the_attack():
    text = ("Gunmen ambushed an army convoy near Menaka on Saturday, killing nine soldiers. "
            "The Islamic State group claimed the ambush on Monday in a statement.")
    event = only(run(text))
    assert event.time.value == "2021-03-06" and event.roles.get("claimedBy")


def test_hours_before_the_signing_counts_from_the_day_of_the_signing():
    text = ("The army and the rebels signed an agreement in Juba late on Saturday. "
            "Hours before the signing, army warplanes bombed rebel positions in Malakal.")
    strike = only(run(text), "Airstrike")
    assert strike.time.value == "2021-03-06"


def test_a_name_describing_the_town_word_is_the_town_named_before():
    text = ("The army and the RSF signed a ceasefire in Jeddah on Saturday. It follows talks between the army "
            "and the RSF that began in the Red Sea city on March 1.")
    extraction = run(text)
    assert place_label(extraction, only(extraction, "Talks")) == "Jeddah"


# -- assaults and claims -------------------------------------------------------------------------


def test_an_attack_by_fighters_is_an_armed_assault():
    text = "Dozens of al-Shabaab fighters attacked a police station in Baidoa on Sunday."
    assert only(run(text)).event_class == "ArmedAssault"


def test_victims_hacked_to_death_in_an_attack_are_its_dead():
    text = ("Suspected rebels hacked 12 farmers to death and burned homes in a night attack on a village "
            "near Beni on Sunday.")
    event = only(run(text), None)
    assert (event.event_class, event.killed) == ("ArmedAssault", 12)


def test_a_claim_paragraph_after_the_toll_claims_the_attack_told_before_and_tells_no_new_one():
    text = ("KABUL (Reuters) - Taliban fighters attacked an army base in Ghazni on Sunday, officials said.\n\n"
            "Eleven soldiers were killed and six were wounded, a spokesman said. Later the toll rose to 13.\n\n"
            "A Taliban spokesman claimed responsibility and said the group's fighters had killed 40 soldiers.")
    event = only(run(text))
    assert event.roles.get("claimedBy") == ["taliban"] and event.roles.get("perpetrator") == ["taliban"]
    assert event.killed == 13


# -- fighting an attack became -------------------------------------------------------------------


def test_fighting_an_attack_triggered_is_that_attack_become_a_clash():
    text = ("Rebels attacked an army base in Kidal on Sunday, triggering fighting that lasted most of the day, "
            "the army said.")
    event = only(run(text))
    assert event.event_class == "ArmedClash"


def test_fighting_still_raging_after_an_offensive_of_the_same_sentence_makes_it_ongoing():
    text = ("The rebels launched an offensive on Sunday to take the city of Goma, and fighting was still raging "
            "on Monday north of the city.")
    clashes = [e for e in run(text).events if e.event_class == "ArmedClash"]
    assert len(clashes) == 1 and clashes[0].status == "Ongoing"


def test_a_site_named_after_an_army_is_that_armys():
    text = "KABUL (Reuters) - Taliban fighters stormed an Afghan army base in Ghazni on Sunday."
    assert only(run(text)).roles.get("target") == ["afghan-forces"]


# -- possible truces and clauses of their own ----------------------------------------------------


def test_a_possible_truce_borrows_no_day_or_place_from_talks_of_its_sentence():
    text = "On Sunday, the army met rebel leaders in Goma, where the rebels said a possible truce in Kivu would need more work."
    truce = only(run(text), "Ceasefire")
    assert truce.status == "Proposed" and truce.time.precision == "unanchored"


def test_a_truce_for_a_region_is_placed_in_that_region():
    text = "The army and the rebels met in Kunming on Sunday and discussed a possible separate truce for Kachin."
    extraction = run(text)
    assert "Kachin" in place_label(extraction, only(extraction, "Ceasefire"))


def test_a_nationwide_truce_is_placed_in_the_country_of_the_story():
    text = ("SANAA (Reuters) - Houthi negotiators met Omani mediators in Muscat last week to discuss a possible "
            "nationwide truce.")
    extraction = run(text)
    assert place_label(extraction, only(extraction, "Ceasefire")) == "Yemen"


def test_talks_in_a_clause_after_the_main_one_do_not_take_its_day():
    text = "The truce took effect at midnight on Sunday after talks in Cairo between the two sides."
    talks = only(run(text), "Talks")
    assert talks.time.precision == "unanchored"


# -- targets -------------------------------------------------------------------------------------


def test_a_town_seized_from_a_group_has_that_group_as_target():
    text = "Government troops seized the town of Kidal from the rebels of the CMA on Sunday."
    takeover = only(run(text), "Takeover")
    assert takeover.roles.get("target")


def test_a_site_used_by_a_group_that_is_struck_has_that_group_as_target():
    text = "Israeli jets struck weapons depots used by Hezbollah near Qusayr on Sunday."
    strike = only(run(text))
    assert strike.roles.get("target") == ["hezbollah"]


def test_an_offer_to_mediate_between_two_sides_is_addressed_to_them():
    text = "Kenyan President William Ruto has offered to mediate between Ethiopia and Eritrea."
    offer = only(run(text), "PeaceProposal")
    assert set(offer.roles.get("addressee", [])) == {"ethiopia", "eritrea"}


def test_a_country_name_two_countries_share_is_the_one_the_story_is_set_in():
    text = ("GOMA, Democratic Republic of the Congo (Reuters) - M23 rebels seized the town of Rutshuru in "
            "North Kivu on Sunday. Angola has offered to mediate between Congo and Rwanda.")
    offer = only(run(text), "PeaceProposal")
    addressees = offer.roles.get("addressee", [])
    assert "republic-of-the-congo" not in addressees and "rwanda" in addressees


# -- not conflict --------------------------------------------------------------------------------


def test_an_attack_in_a_race_is_sport():
    text = "The Kenyan runner launched a decisive attack at the 30-kilometre mark to win the marathon on Sunday."
    assert run(text).events == []


def test_an_attack_with_weapons_beside_a_race_is_still_an_attack():
    text = "Gunmen launched an attack on runners at the finish of the marathon in Nairobi on Sunday."
    assert [e.family for e in run(text).events] == ["Attack"]


def test_an_agreement_signed_on_prices_is_no_peace_agreement():
    text = ("Truck drivers lifted their blockades on Thursday after their leaders signed an agreement with the "
            "ministry on a guaranteed price for maize.")
    assert not [e for e in run(text).events if e.event_class == "PeaceAgreement"]


def test_shells_that_landed_somewhere_are_shelling_and_without_causing_casualties_is_zero():
    text = "Several shells landed near the airport in Tripoli on Friday without causing casualties."
    event = only(run(text))
    assert (event.event_class, event.killed, event.injured) == ("Shelling", 0, 0)


def test_a_single_shell_company_is_no_shelling():
    text = "Investigators traced the money to a shell company registered in Dubai."
    assert run(text).events == []
