"""Actors as news names them: counted and partitive subjects, seats of government, titles before
names, backers, governments beside armed groups, buildings, and labels that read as English."""

from __future__ import annotations

from datetime import date

import pytest

from kb.extract import extract
from kb.extract.lexicon import get_lexicon
from kb.model import Article, Extraction

PUBLISHED = date(2019, 4, 12)  # a Friday


def run(text: str, published: date | None = PUBLISHED) -> Extraction:
    return extract(Article(identifier="test", text=text, published=published))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Hundreds of Houthi fighters attacked the town of Hays on Monday.", ["houthis"]),
        ("Dozens of gunmen from Boko Haram stormed a school in Dapchi on Monday.", ["boko-haram"]),
        ("A group of ELN rebels attacked an army patrol near Saravena on Monday.", ["eln"]),
        ("Two of the al-Shabaab militants attacked a checkpoint in Afgoye on Monday.", ["al-shabaab"]),
        ("Fighters of the Islamic State group raided a village near Hit on Monday.", ["islamic-state"]),
    ],
)
def test_counted_and_partitive_subjects_name_their_group(text, expected):
    (event,) = run(text).events
    assert event.roles.get("perpetrator") == expected


def resolve_word(text: str, word: str) -> list[str]:
    """The actor keys the noun phrase headed by ``word`` resolves to in ``text``."""
    from kb.extract.actors import ActorResolver
    from kb.extract.document import Document
    from kb.extract.pipeline import get_nlp, prepare_text
    from kb.extract.places import PlaceResolver

    article = Article("test", text, published=PUBLISHED)
    doc = get_nlp()(prepare_text(text))
    document = Document.build(article, doc, [])
    places = PlaceResolver(document)
    resolver = ActorResolver(document, places.country_of_sentence, places.home_country)
    return resolver.resolve(next(t for t in doc if t.text == word))


def test_a_seat_of_government_speaks_for_its_government():
    assert resolve_word("The Kremlin said the strikes on Idlib would go on.", "Kremlin") == ["government-of-russia"]
    assert resolve_word("Downing Street said the talks were useful.", "Street") == ["government-of-united-kingdom"]


def test_a_spokesman_of_a_seat_of_government_acts_for_its_government():
    text = "Kremlin spokesman Dmitry Peskov held talks with Ukrainian officials in Minsk on Monday."
    extraction = run(text)
    assert extraction.actors["dmitry-peskov"].member_of == "government-of-russia"


def test_a_description_followed_by_a_name_is_that_person():
    text = ("Talks between President Emmanuel Macron and his German counterpart Olaf Scholz on a Ukraine "
            "ceasefire were held in Paris on Thursday.")
    talks = [e for e in run(text).events if e.event_class == "Talks"]
    assert talks and set(talks[0].roles["participant"]) >= {"emmanuel-macron", "olaf-scholz"}


def test_a_backer_is_not_the_government_it_backs():
    text = "Talks between the Iranian-backed government and the Houthis resumed in Muscat on Monday."
    (talks,) = [e for e in run(text).events if e.event_class == "Talks"]
    assert "government-of-iran" not in talks.roles["participant"]
    assert set(talks.roles["participant"]) == {"government-of-yemen", "houthis"}


def test_a_hotel_named_as_a_target_is_a_building_not_an_actor():
    (event,) = run("Gunmen stormed the Sahafi Hotel in Mogadishu on Friday.").events
    assert "target" not in event.roles


def test_a_passive_participle_does_not_take_its_subject_as_perpetrator():
    (event,) = run("The Houthis said they would defend themselves if attacked.").events
    assert event.status == "Hypothetical" and "perpetrator" not in event.roles


@pytest.mark.parametrize(
    "code, label, reading",
    [
        ("US", "Government of the United States", "the United States"),
        ("PH", "Government of the Philippines", "the Philippines"),
        ("NL", "Government of the Netherlands", "the Netherlands"),
        ("AF", "Government of Afghanistan", "Afghanistan"),
    ],
)
def test_government_and_country_labels_read_with_the_article_english_uses(code, label, reading):
    lexicon = get_lexicon()
    assert lexicon.government(code).label == label
    country = lexicon.country(code)
    assert country.title_label == reading


def test_government_keys_stay_stable():
    assert get_lexicon().government("US").key == "government-of-united-states"


def test_a_title_names_organisations_not_also_their_envoys():
    text = ("Ethiopia and the TPLF signed an agreement in Pretoria on Wednesday. The deal was signed by "
            "Ethiopian envoy Redwan Hussein and the TPLF's spokesman, Getachew Reda.")
    extraction = run(text, published=date(2022, 11, 3))
    (accord,) = [e for e in extraction.events if e.event_class == "PeaceAgreement"]
    assert "Redwan Hussein" not in accord.label and "Getachew Reda" not in accord.label
    assert "Government of Ethiopia" not in accord.label  # the country already says it


def test_a_country_name_is_not_its_own_modifier():
    assert resolve_word("The United States and Iran held talks in Vienna.", "States") == ["united-states"]
