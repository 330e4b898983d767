"""Words of war used of something else, aggregates and background, and back-references through a
weapon: none of these is a new incident (domain.py, aggregates.py, backreference.py)."""

from __future__ import annotations

from datetime import date

from kb.extract import extract
from kb.model import Article, Extraction

PUBLISHED = date(2021, 3, 8)  # a Monday


def run(text: str) -> Extraction:
    return extract(Article(identifier="test", text=text, published=PUBLISHED))


def classes(extraction: Extraction) -> list[str]:
    return [e.event_class for e in extraction.events]


# -- sport, trade and labour ---------------------------------------------------------------------


def test_a_football_report_with_words_of_war_tells_no_event():
    text = ("ACCRA - The Black Stars stormed back from two goals down to beat Togo 3-2 in a tense qualifier "
            "at the national stadium on Sunday.\n\n"
            "Late in the match, players from both benches clashed near the touchline before the referee "
            "stepped in.\n\n"
            "The win ends an uneasy truce at the top of the group standings.")
    assert classes(run(text)) == []


def test_trade_delegations_that_clashed_over_tariffs_fought_no_battle():
    text = ("NAIROBI - Trade negotiators from the two countries clashed over tariffs on dairy imports on "
            "Friday, and the visiting side proposed a truce on new tariffs while the talks go on.")
    assert classes(run(text)) == []


def test_an_article_about_trade_talks_drops_figurative_words_without_cues_of_their_own():
    text = ("NAIROBI - Negotiators ended a round of talks on a free trade agreement on Thursday without a deal "
            "on farm tariffs and exports.\n\n"
            "\"Our team fought hard and we will keep up the attack,\" the trade minister said.")
    assert "ArmedClash" not in classes(run(text)) and "Attack" not in classes(run(text))


def test_players_reaching_an_agreement_over_unpaid_bonuses_is_no_peace_deal():
    text = ("The football federation and the players reached an agreement on Friday to end a dispute over "
            "unpaid bonuses.")
    assert classes(run(text)) == []


def test_an_attack_at_a_stadium_by_gunmen_is_still_an_attack():
    text = ("KANO, Nigeria (Reuters) - Gunmen attacked fans outside a football stadium in Kano on Sunday, "
            "killing four people, police said.")
    assert len(run(text).events) == 1


def test_a_car_bomb_near_a_stadium_is_a_bombing_whatever_the_sentence_is_about():
    text = ("MOGADISHU (Reuters) - A car bomb exploded outside the stadium during a league match on Friday, "
            "killing three people.")
    assert "Bombing" in classes(run(text))


def test_a_truce_in_a_wage_dispute_with_talks_and_a_past_peace_deal_tells_no_event():
    text = ("TORONTO - Dock workers and the port company agreed on Friday to a two-week truce in their pay "
            "dispute, ending a walkout that had stopped production at three terminals.\n\n"
            "Talks between management and the workers' union will resume on Monday. The company's last offer "
            "was called an attack on every worker's family by the union leader.\n\n"
            "Both sides promised not to escalate hostilities while negotiations continue. A 2017 walkout at the port ended in a peace deal "
            "after output fell by half and customers moved to other companies.")
    assert classes(run(text)) == []


def test_a_cyber_attack_on_a_bank_is_no_armed_attack():
    text = ("LAGOS - Hackers knocked the online banking services of a Lagos lender offline on Sunday. A group "
            "calling itself Red Byte claimed responsibility for the attack, saying it had flooded the bank's "
            "servers.\n\n\"Our engineers repelled the assault,\" the bank said, adding that no customer data "
            "was lost. Shares in the bank fell 2%.")
    assert classes(run(text)) == []


def test_a_ceasefire_on_the_chessboard_is_no_ceasefire():
    text = ("TBILISI - The top seed launched a fierce attack on the queenside to beat his opponent in the fifth "
            "round of the chess open on Sunday.\n\n"
            "\"It was a massacre on board one and a ceasefire everywhere else,\" the tournament director said "
            "after three quick draws.")
    assert classes(run(text)) == []


def test_a_car_bomb_in_a_business_story_is_still_a_bombing():
    text = ("KARACHI - Shares in the country's largest retailer fell 4% on Monday as investors weighed weak "
            "earnings, rising prices and slow exports.\n\n"
            "Trading was briefly halted after a car bomb exploded outside the exchange, killing two guards, "
            "police said. Customers and bankers were evacuated.")
    assert "Bombing" in classes(run(text))


def test_an_attack_on_a_company_condemned_by_its_management_is_still_an_attack():
    text = "The management of the national airline condemned Sunday's attack on its offices in Lima."
    assert classes(run(text)) == ["Attack"]


# -- aggregates and background -------------------------------------------------------------------


def test_a_war_that_has_killed_thousands_is_a_toll_not_an_incident():
    text = "Over five years the war in the north has killed more than 2,000 people and displaced thousands."
    assert classes(run(text)) == []


def test_both_attacks_sums_up_incidents_told_before():
    text = ("KABUL (Reuters) - A roadside bomb killed two soldiers in Ghazni on Monday. On Tuesday, gunmen "
            "shot dead a district governor in Logar.\n\n"
            "Officials blamed both attacks on the Taliban.")
    assert sorted(classes(run(text))) == ["Assassination", "Bombing"]


def test_a_group_that_multiplied_massacres_since_january_commits_no_new_one():
    text = ("NIAMEY (AFP) - Gunmen on motorbikes raided two villages near the border on Saturday, killing 30 "
            "people.\n\n"
            "The raids have not been claimed, but the region is often targeted by the group, which has "
            "multiplied the massacres of villagers since the start of the year.")
    assert classes(run(text)) == ["ArmedAssault"]


def test_shelling_said_to_be_frequent_is_background():
    text = ("BEIRUT (Reuters) - The truce has largely held in the region since March, although shelling "
            "along the front lines is frequent.")
    assert "Shelling" not in classes(run(text))


# -- back-references -----------------------------------------------------------------------------


def test_the_grenade_that_exploded_is_the_grenade_attack_told_before():
    text = ("SRINAGAR, India (Reuters) - Militants hurled a grenade towards a police post in Srinagar on "
            "Tuesday evening. The grenade missed its target and exploded on the road, injuring a "
            "policeman and two civilians.")
    assert classes(run(text)) == ["Bombing"]


# -- accords told by their names -----------------------------------------------------------------


def test_a_named_accord_concluded_by_the_parties_is_a_peace_agreement():
    text = ("ADEN - The envoy said the Stockholm Agreement, concluded by the government and the Houthis in "
            "December 2018, had saved lives in Hodeidah.")
    assert classes(run(text)) == ["PeaceAgreement"]


def test_a_year_and_a_capitalised_name_make_an_accord_in_a_story_of_rebels():
    text = "MANILA - The rebels say the government has honoured the 2014 Comprehensive Agreement on the Bangsamoro."
    assert classes(run(text)) == ["PeaceAgreement"]


def test_a_named_climate_or_trade_accord_is_no_peace_agreement():
    assert classes(run("The two countries signed the Paris Agreement on climate in 2016.")) == []
    assert classes(run("The rebels oppose the 2018 Continental Free Trade Agreement.")) == []
