"""The rules of cross-article merging on plain data: which reports can be one event,
how they are grouped, what the merged event says, and who is who across articles."""

from __future__ import annotations

import itertools
import random
from dataclasses import replace
from datetime import date

import pytest

from kb.merge.actors import PersonGroup, names_agree, person_resolution, resolve_group
from kb.merge.build import build_event, merged_time
from kb.merge.cluster import cluster, pair_of
from kb.merge.compatibility import conflict, mergeable, place_stated, split_in_one_sentence
from kb.merge.terms import canonical_event_iri, canonical_id
from tests.merge_helpers import IRIS, actor_iri, mention, place_iri, resolver, world

W = world()
R = resolver()


def why(a, b, actors=R):
    return conflict(a, b, W, actors)


# -- what can be one event ---------------------------------------------------


def test_reports_of_one_bombing_in_different_words_are_mergeable():
    a = mention("a", "afp", "Bombing", "2019-10-15", place="market-ghazni", killed=9, injured=30)
    b = mention("b", "pajhwok", "Bombing", "2019-10-15", place="1141269", killed=11, injured=34)
    assert why(a, b) is None
    assert mergeable(a, b, W, R) is not None


def test_two_reports_in_one_article_are_never_one_event():
    a = mention("a", "ap", "Bombing", "2019-10-15")
    b = mention("b", "ap", "Bombing", "2019-10-15")
    assert why(a, b) == "same article"


def test_the_same_day_in_another_city_stays_apart():
    a = mention("a", "x", place="1141269")
    b = mention("b", "y", place="1138958")
    assert why(a, b) == "place"


def test_the_same_city_on_another_day_stays_apart():
    a = mention("a", "x", day="2019-10-15")
    b = mention("b", "y", day="2019-10-16")
    assert why(a, b) == "time"


def test_a_city_and_its_province_agree():
    a = mention("a", "x", place="1141269")
    b = mention("b", "y", place="1141268")
    assert why(a, b) is None


def test_a_market_and_a_police_checkpoint_are_two_attacks():
    a = mention("a", "x", "Bombing", place="market-ghazni")
    b = mention("b", "y", "ArmedAssault", place="checkpoint-ghazni")
    assert why(a, b) == "sites"


def test_talks_are_never_a_ceasefire():
    a = mention("a", "x", "Talks", place="290030", roles={"participant": ["taliban"]})
    b = mention("b", "y", "Ceasefire", place="290030", roles={"participant": ["taliban"]})
    assert why(a, b) == "classes"


def test_a_car_bomb_and_a_storming_can_be_one_complex_attack():
    a = mention("a", "x", "Bombing")
    b = mention("b", "y", "ArmedAssault")
    assert why(a, b) is None


def test_an_undated_report_reaches_back_a_few_days_from_its_article():
    # "An explosion tore through a wedding hall" published the day after a Saturday attack
    dated = mention("a", "x", day="2019-08-17", place="1138958")
    undated = mention("b", "y", precision="unanchored", published="2019-08-18", place="1138958")
    later = mention("c", "z", day="2019-08-19", place="1138958")
    assert why(dated, undated) is None
    assert why(undated, later) == "time"


def test_yesterday_and_on_tuesday_in_articles_of_different_days_agree():
    # both resolved to the same Tuesday by the tagger: "yesterday" on Wednesday, "on Tuesday" on Tuesday
    a = mention("a", "x", day="2019-10-15", published="2019-10-15")
    b = mention("b", "y", day="2019-10-15", published="2019-10-16")
    assert mergeable(a, b, W, R) is not None


def test_different_claimants_conflict_but_a_missing_one_does_not():
    taliban = mention("a", "x", roles={"claimedBy": ["taliban"]})
    islamic_state = mention("b", "y", roles={"claimedBy": ["islamic-state"]})
    nobody = mention("c", "z")
    assert why(taliban, islamic_state) == "perpetrators"
    assert why(taliban, nobody) is None


def test_a_group_and_its_parent_are_not_in_conflict():
    a = mention("a", "x", roles={"claimedBy": ["haqqani-network"]})
    b = mention("b", "y", roles={"perpetrator": ["taliban"]})
    assert why(a, b) is None


def test_an_allegation_does_not_conflict_with_a_claim():
    a = mention("a", "x", roles={"allegedPerpetrator": ["taliban"]})
    b = mention("b", "y", roles={"claimedBy": ["islamic-state"]})
    assert why(a, b) is None


def test_a_country_its_government_and_its_forces_are_one_side():
    a = mention("a", "x", roles={"perpetrator": ["afghan-forces"]})
    b = mention("b", "y", roles={"perpetrator": ["government-of-afghanistan"]})
    assert why(a, b) is None


def test_talks_between_different_parties_are_different_talks():
    us = mention("a", "x", "Talks", place="290030", roles={"participant": ["united-states", "taliban"]})
    afghan = mention("b", "y", "Talks", place="290030", roles={"participant": ["government-of-afghanistan", "taliban"]})
    fewer = mention("c", "z", "Talks", place="290030", roles={"participant": ["taliban"]})
    envoy = mention("d", "w", "Talks", place="290030", roles={"participant": ["john-nicholson", "taliban"]})
    assert why(us, afghan) == "parties"
    assert why(us, fewer) is None
    assert why(us, envoy) is None  # a person names no party of his own


def test_no_one_killed_and_a_deadly_attack_are_two_events():
    a = mention("a", "x", killed=0)
    b = mention("b", "y", killed=12)
    assert why(a, b) == "casualties"


def test_a_possible_ceasefire_is_not_the_ceasefire_that_happened():
    proposed = mention("a", "x", "Ceasefire", "2018-06-05", status="Proposed")
    declared = mention("b", "y", "Ceasefire", "2018-06-05", status="Occurred")
    assert why(proposed, declared) == "status"


def test_talks_planned_in_one_report_and_held_in_another_can_be_one_event():
    planned = mention("a", "x", "Talks", "2018-06-05", status="Planned")
    held = mention("b", "y", "Talks", "2018-06-05", status="Occurred")
    assert why(planned, held) is None


def test_a_place_taken_from_the_dateline_does_not_separate_cities_of_one_country():
    stated = mention("a", "x", place="1141268", roles={"claimedBy": ["taliban"]}, killed=4, quote="in Ghazni province")
    dateline = mention("b", "y", "Attack", precision="unanchored", published="2019-10-16", place="1138958",
                       roles={"perpetrator": ["taliban"]}, killed=4, quote="attacked a checkpoint on the outskirts of the city")
    assert not place_stated(W, dateline)
    assert why(stated, dateline) is None


def test_compatibility_alone_is_not_enough_to_merge():
    # an attack somewhere in Afghanistan that week, nothing else shared
    a = mention("a", "x", "Bombing", place="1149361", span=("2019-10-14", "2019-10-20"), precision="week")
    b = mention("b", "y", "Shelling", place="1141269")
    assert why(a, b) is None
    assert mergeable(a, b, W, R) is None


# -- grouping ----------------------------------------------------------------


def _pairs(mentions):
    out = {}
    for a, b in itertools.combinations(mentions, 2):
        score = mergeable(a, b, W, R)
        if score is not None:
            out[pair_of(a.iri, b.iri)] = score
    return out


def _cluster(mentions):
    by_iri = {m.iri: m for m in mentions}
    return cluster(by_iri, _pairs(mentions), lambda a, b: why(a, b) is not None)


def test_an_undated_report_joins_the_event_it_resembles_most():
    market = mention("a", "afp", "Bombing", place="market-ghazni", killed=9)
    checkpoint = mention("b", "reuters", "ArmedAssault", place="checkpoint-ghazni", roles={"claimedBy": ["taliban"]}, killed=4)
    vague = mention("c", "local", "Attack", precision="unanchored", published="2019-10-16", place="1141269",
                    roles={"perpetrator": ["taliban"]}, killed=4)
    groups = _cluster([market, checkpoint, vague])
    assert sorted(groups) == sorted([[market.iri], sorted([checkpoint.iri, vague.iri])])


def test_grouping_never_chains_two_events_through_a_third_report():
    # c fits a (same day) and b (an undated report in reach) but a and b are different days
    a = mention("a", "x", day="2019-08-17", place="1138958", killed=63)
    b = mention("b", "y", day="2019-08-18", place="1138958", killed=63)
    c = mention("c", "z", "Bombing", precision="unanchored", published="2019-08-18", place="1138958", killed=63)
    groups = _cluster([a, b, c])
    assert not any(a.iri in g and b.iri in g for g in groups)
    assert len(groups) == 2


def test_grouping_does_not_depend_on_the_order_of_the_reports():
    reports = [
        mention("a", "r1", day="2019-10-15", place="market-ghazni", killed=9),
        mention("b", "r2", day="2019-10-15", place="1141269", killed=11),
        mention("c", "r3", day="2019-10-15", place="market-ghazni", killed=11),
        mention("d", "r3", "ArmedAssault", day="2019-10-15", place="checkpoint-ghazni", roles={"perpetrator": ["taliban"]}),
        mention("e", "r4", "ArmedAssault", day="2019-10-15", place="1141268", roles={"claimedBy": ["taliban"]}),
        mention("f", "r5", "Bombing", precision="unanchored", published="2019-10-16", place="1141269"),
    ]
    expected = _cluster(reports)
    for seed in range(6):
        shuffled = reports[:]
        random.Random(seed).shuffle(shuffled)
        assert _cluster(shuffled) == expected


# -- the merged event ----------------------------------------------------------


def test_time_is_the_intersection_at_the_finest_precision():
    week = mention("a", "x", span=("2019-01-14", "2019-01-20"), precision="week", published="2019-01-21")
    day = mention("b", "y", day="2019-01-17", published="2019-01-18")
    undated = mention("c", "z", precision="unanchored", published="2019-01-18")
    time = merged_time([week, day, undated])
    assert (time.precision, time.earliest, time.latest, time.stamp) == ("day", date(2019, 1, 17), date(2019, 1, 17), date(2019, 1, 17))


def test_the_merged_event_keeps_the_lowest_figures_and_every_source():
    members = [
        mention("a", "x", killed=63, injured=182, published="2019-08-19", place="1138958"),
        mention("b", "y", killed=40, injured=100, published="2019-08-18", place="1138958"),
        mention("c", "z", killed=None, published="2019-08-18", place="1138958"),
    ]
    event = build_event(members, W, R, IRIS)
    assert (event.killed, event.injured) == (40, 100)
    assert event.articles == sorted(m.article for m in members)


def test_the_merged_event_is_named_after_its_first_report():
    first = mention("b", "early", published="2019-08-18")
    later = mention("a", "late", published="2019-08-19")
    event = build_event([later, first], W, R, IRIS)
    assert event.iri == canonical_event_iri(IRIS, canonical_id(first.iri))


def test_the_status_is_that_of_the_latest_report():
    planned = mention("a", "x", "Talks", "2019-12-07", status="Planned", published="2019-12-01", place="290030")
    held = mention("b", "y", "Talks", "2019-12-07", status="Occurred", published="2019-12-08", place="290030")
    assert build_event([planned, held], W, R, IRIS).status == "Occurred"


def test_the_place_is_the_most_specific_reported():
    event = build_event([mention("a", "x", place="1141268"), mention("b", "y", place="market-ghazni"),
                         mention("c", "z", place="1141269")], W, R, IRIS)
    assert event.place == place_iri("market-ghazni")


def test_the_class_is_the_one_most_reports_give():
    event = build_event([mention("a", "x", "Bombing"), mention("b", "y", "ArmedAssault"),
                         mention("c", "z", "ArmedAssault"), mention("d", "w", "Attack")], W, R, IRIS)
    assert event.event_class == "ArmedAssault"


def test_a_sub_event_is_linked_to_its_event_not_merged():
    assault = mention("a", "x", "ArmedAssault")
    gunfight = mention("b", "x", "ArmedClash", related=(("partOf", "a"),))
    canonical = {assault.iri: "urn:assault", gunfight.iri: "urn:gunfight"}
    event = build_event([gunfight], W, R, IRIS, canonical.get)
    assert event.related == [("partOf", "urn:assault")]


# -- actors --------------------------------------------------------------------


def test_a_country_is_named_by_its_government_in_merged_events():
    assert R.canonical(actor_iri("united-states")) == actor_iri("government-of-united-states")
    assert R.canonical(actor_iri("taliban")) == actor_iri("taliban")


@pytest.mark.parametrize(("a", "b", "same"), [
    ("Ashraf Ghani", "Mohammad Ashraf Ghani", True),
    ("John Nicholson", "J. Nicholson", True),
    ("John Nicholson", "Jim Nicholson", False),
])
def test_full_names_agree_when_given_names_fit(a, b, same):
    assert names_agree(a, b) is same


def _names(*keys):
    from tests.merge_helpers import ACTORS

    return [(actor_iri(k), ACTORS[k].label, ACTORS[k].kind) for k in keys]


def test_a_surname_alone_is_the_one_person_of_that_surname():
    groups = person_resolution(_names("john-nicholson", "nicholson"), {}, R.actors)
    assert groups["nicholson"].links() == {(actor_iri("nicholson"), actor_iri("john-nicholson"))}


def test_two_people_of_one_surname_are_told_apart_by_title_or_not_at_all():
    both = person_resolution(_names("john-nicholson", "jim-nicholson", "nicholson"), {}, R.actors)
    assert both["nicholson"].canonical[actor_iri("nicholson")] == actor_iri("john-nicholson")  # "General"
    from kb.merge.mentions import ActorInfo

    untitled = dict(R.actors)
    untitled[actor_iri("nicholson")] = ActorInfo(actor_iri("nicholson"), "Nicholson", "Person")
    group = PersonGroup("nicholson", {iri: (label, kind) for iri, label, kind in
                                      _names("john-nicholson", "jim-nicholson", "nicholson")})
    resolve_group(group, {}, untitled)
    assert actor_iri("nicholson") not in group.canonical


def test_name_variants_become_the_form_most_articles_use():
    names = _names("ashraf-ghani", "mohammad-ashraf-ghani", "ghani")
    groups = person_resolution(names, {actor_iri("ashraf-ghani"): 5, actor_iri("mohammad-ashraf-ghani"): 1}, R.actors)
    assert groups["ghani"].links() == {
        (actor_iri("mohammad-ashraf-ghani"), actor_iri("ashraf-ghani")),
        (actor_iri("ghani"), actor_iri("ashraf-ghani")),
    }


def test_one_sentence_told_as_two_events_is_one_event():
    # "Al Shabaab militants detonated a car bomb and stormed a beachfront hotel": a bombing and an assault
    sentence = "Militants detonated a car bomb and stormed a hotel in Ghazni on Tuesday."
    bomb = mention("a", "x", "Bombing", quote=sentence)
    storm = mention("b", "x", "ArmedAssault", quote=sentence)
    assert split_in_one_sentence(bomb, storm, W, R)


def test_a_sentence_that_tells_another_event_keeps_them_apart():
    sentence = "Warplanes struck Ghazni again on Tuesday, a day after a market was bombed."
    strike = mention("a", "x", "Airstrike", quote=sentence)
    market = mention("b", "x", "Bombing", quote=sentence)
    linked = mention("c", "y", "ArmedClash", quote="Fighting broke out in Ghazni.", related=(("partOf", "d"),))
    assault = mention("d", "y", "ArmedAssault", quote="Fighting broke out in Ghazni.")
    assert not split_in_one_sentence(strike, market, W, R)
    assert not split_in_one_sentence(linked, assault, W, R)


def test_blocking_compares_a_mention_with_its_own_country_and_unplaced_ones_only():
    from kb.merge.blocking import TimeIndex

    w = world()
    index = TimeIndex(w)
    ghazni = mention("ghazni", "a", place="1141269")
    doha = mention("doha", "b", place="290030")
    unplaced = mention("unplaced", "c", place=None)
    for m in (ghazni, doha, unplaced):
        index.add(m)
    assert index.overlapping(ghazni) == {unplaced.iri}
    assert index.overlapping(doha) == {unplaced.iri}
    assert index.overlapping(unplaced) == {ghazni.iri, doha.iri}
    # the rule blocking relies on: two known, different countries never merge
    assert why(ghazni, doha) == "place"


def test_blocking_keeps_stated_places_of_different_provinces_apart_but_not_guessed_ones():
    from kb.merge.blocking import TimeIndex

    w = world()
    index = TimeIndex(w)
    ghazni = mention("ghazni", "a", place="1141269")
    market = mention("market", "b", place="market-ghazni")
    kabul = mention("kabul", "c", place="1138958")
    country = mention("country", "d", place="1149361")
    # the place came from the dateline: the sentence names no city
    guessed = mention("guessed", "e", place="1138958", quote="Militants stormed a checkpoint on the edge of the city.")
    for m in (ghazni, market, kabul, country, guessed):
        index.add(m)
    assert index.overlapping(ghazni) == {market.iri, country.iri, guessed.iri}
    assert index.overlapping(kabul) == {country.iri, guessed.iri}
    assert index.overlapping(guessed) == {ghazni.iri, market.iri, kabul.iri, country.iri}
    # the rules blocking relies on: stated places of two provinces never merge, a guessed one may
    assert why(ghazni, kabul) == "place"
    assert why(market, kabul) == "place"
    assert why(ghazni, guessed) != "place"


def test_a_year_long_mention_is_compared_with_finer_ones_inside_its_place_only():
    from kb.merge.blocking import TimeIndex
    from kb.merge.compatibility import wide_reaches

    w = world()
    index = TimeIndex(w)
    year = dict(precision="year", span=("2019-01-01", "2019-12-31"), published="2019-12-31")
    in_ghazni = mention("year-ghazni", "a", "Attack", place="1141269", **year)
    in_country = mention("year-country", "b", "Attack", place="1149361", **year)
    market = mention("market", "c", place="market-ghazni")
    kabul = mention("kabul", "d", place="1138958")
    for m in (in_ghazni, in_country, market, kabul):
        index.add(m)
    assert index.overlapping(in_ghazni) == {market.iri, in_country.iri}
    assert index.overlapping(in_country) == {in_ghazni.iri}
    assert index.overlapping(market) == {in_ghazni.iri}
    assert index.overlapping(kabul) == set()
    # the rule the index relies on
    assert wide_reaches(in_ghazni, market, w) and not wide_reaches(in_ghazni, kabul, w)
    assert not wide_reaches(in_country, market, w)


def test_an_unknown_town_kept_in_its_country_meets_every_province_of_it():
    from kb.merge.blocking import blocks_meet
    from kb.merge.compatibility import block_of
    from kb.merge.mentions import PlaceInfo

    w = world()
    country, province = place_iri("1149361"), place_iri("1141268")
    w.places[place_iri("sangar-1149361")] = PlaceInfo(place_iri("sangar-1149361"), "Sangar", "City", country, None)
    w.places[place_iri("sangar-1141268")] = PlaceInfo(place_iri("sangar-1141268"), "Sangar", "City", province, None)
    unplaced = mention("sangar", "a", place=None, quote="A bomb went off in Sangar.")
    loose = replace(unplaced, place=place_iri("sangar-1149361"))
    placed = replace(unplaced, place=place_iri("sangar-1141268"))
    kabul = mention("kabul", "c", place="1138958")
    assert block_of(w, loose) == (country, None)
    assert block_of(w, placed) == (country, province)
    assert blocks_meet(block_of(w, loose), block_of(w, kabul))
    assert not blocks_meet(block_of(w, placed), block_of(w, kabul))


def test_an_unknown_town_named_alike_in_a_country_and_in_its_province_is_one_place():
    from kb.merge.compatibility import places_agree
    from kb.merge.mentions import PlaceInfo

    w = world()
    province, country = place_iri("1141268"), place_iri("1149361")
    for key, container in (("sangar-1141268", province), ("sangar-1149361", country), ("sangar-289688", place_iri("289688"))):
        w.places[place_iri(key)] = PlaceInfo(place_iri(key), "Sangar", "City", container, None)
    w.places[place_iri("other-1141268")] = PlaceInfo(place_iri("other-1141268"), "Other", "City", province, None)
    assert places_agree(w, place_iri("sangar-1141268"), place_iri("sangar-1149361"))
    assert not places_agree(w, place_iri("sangar-1141268"), place_iri("sangar-289688"))  # Qatar, not Afghanistan
    assert not places_agree(w, place_iri("sangar-1141268"), place_iri("other-1141268"))


def _random_mention(rng: random.Random, i: int):
    cls = rng.choice(["Bombing", "ArmedAssault", "Attack", "Talks", "Ceasefire", "PeaceAgreement"])
    negotiation = cls in ("Talks", "Ceasefire", "PeaceAgreement")
    roles = (["participant", "proposer", "mediator"] if negotiation
             else ["perpetrator", "claimedBy", "allegedPerpetrator", "target"])
    picked = {role: rng.sample(["taliban", "haqqani-network", "islamic-state", "afghan-forces", "united-states"],
                               rng.randint(1, 2))
              for role in roles if rng.random() < 0.3}
    precision = rng.choice(["day", "day", "week", "month", "unanchored"])
    span = {"week": ("2019-10-14", "2019-10-20"), "month": ("2019-10-01", "2019-10-31")}.get(precision)
    return mention(f"m{i}", f"r{i}", cls, day=rng.choice(["2019-10-15", "2019-10-16"]), precision=precision,
                   span=span, place=rng.choice([None, "1149361", "1141268", "1141269", "market-ghazni",
                                                "checkpoint-ghazni", "1138958"]),
                   roles=picked, killed=rng.choice([None, 0, 4, 5, 40]), injured=rng.choice([None, 3, 60]))


def test_no_pair_is_more_alike_than_the_ceiling_of_its_parts():
    from kb.merge.compatibility import similarity, similarity_caps, similarity_ceiling

    rng = random.Random(11)
    mentions = [_random_mention(rng, i) for i in range(120)]
    caps = {m.iri: similarity_caps(m, W) for m in mentions}
    compared = 0
    for a, b in itertools.combinations(mentions, 2):
        if a.family != b.family:
            continue
        compared += 1
        ceiling = similarity_ceiling(caps[a.iri], caps[b.iri])
        assert similarity(a, b, W, R) <= ceiling + 1e-9, (a, b)
        assert similarity(b, a, W, R) <= ceiling + 1e-9, (a, b)
    assert compared > 1000


def test_talks_with_no_place_actors_or_date_can_merge_with_nothing():
    from kb.merge.compatibility import MERGE_THRESHOLD, similarity_caps

    bare = mention("bare", "a", "Talks", precision="unanchored", place=None, quote="We are ready for talks.")
    twin = mention("twin", "b", "Talks", precision="unanchored", place=None, quote="We are ready for talks.")
    placed = mention("placed", "c", "Talks", day="2019-10-15", place="290030",
                     roles={"participant": ["taliban", "united-states"]})
    assert sum(similarity_caps(bare, W)) < MERGE_THRESHOLD
    assert mergeable(bare, twin, W, R) is None
    assert sum(similarity_caps(placed, W)) >= MERGE_THRESHOLD
