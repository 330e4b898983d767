"""The temporal tagger: which words are time expressions and what TIMEX3 value they get.

Every sentence here is written for these tests. Publication dates used:
2018-05-31 (a Thursday), 2019-03-13 (a Wednesday), 2013-03-22 (a Friday).
"""

from __future__ import annotations

from datetime import date

import pytest

from kb.model import TimeExpression
from kb.timex import tag

THU = date(2018, 5, 31)
WED = date(2019, 3, 13)
FRI = date(2013, 3, 22)


def find(sentence: str, dct: date | None, words: str) -> TimeExpression:
    found = tag(sentence, dct)
    for expression in found:
        if expression.text == words:
            return expression
    pytest.fail(f"{words!r} not tagged in {sentence!r}; got {[(e.text, e.value) for e in found]}")


# (sentence, publication date, expected words, TIMEX3 type, TIMEX3 value)
CASES = [
    # explicit dates in the usual news forms
    ("The attack took place on May 30, 2018, officials said.", THU, "May 30, 2018", "DATE", "2018-05-30"),
    ("The attack took place on 30 May 2018.", THU, "30 May 2018", "DATE", "2018-05-30"),
    ("The report is dated 2018-05-30.", THU, "2018-05-30", "DATE", "2018-05-30"),
    ("The deadline passed on 5/30/2018.", THU, "5/30/2018", "DATE", "2018-05-30"),
    ("Voting ended on 30/5/2018.", THU, "30/5/2018", "DATE", "2018-05-30"),
    ("The towers fell on Sept. 11, 2001.", THU, "Sept. 11, 2001", "DATE", "2001-09-11"),
    ("The talks opened on Wednesday, May 30, 2018, in Doha.", THU, "Wednesday, May 30, 2018", "DATE", "2018-05-30"),
    ("The attack took place on May 30.", THU, "May 30", "DATE", "2018-05-30"),
    ("Elections will be held on October 20.", THU, "October 20", "DATE", "2018-10-20"),
    ("The truce expired on December 20, the ministry said.", WED, "December 20", "DATE", "2018-12-20"),
    ("Police arrested him on the 28th.", THU, "the 28th", "DATE", "2018-05-28"),
    ("The bombing of 2 June killed 14 people.", WED, "2 June", "DATE", "2018-06-02"),
    # weekdays: the clause's tense gives the direction
    ("On Wednesday, militants launched an assault on the interior ministry.", THU, "Wednesday", "DATE", "2018-05-30"),
    ("Talks will resume on Wednesday.", THU, "Wednesday", "DATE", "2018-06-06"),
    ("A suicide car bomber struck an army base on Tuesday, killing seven soldiers.", WED, "Tuesday", "DATE", "2019-03-12"),
    ("The ministry said on Tuesday that the road had reopened.", WED, "Tuesday", "DATE", "2019-03-12"),
    ("Health officials said Thursday that cholera cases had doubled.", THU, "Thursday", "DATE", "2018-05-31"),
    ("The envoy told reporters on Friday that he was hopeful.", FRI, "Friday", "DATE", "2013-03-22"),
    ("The delegation is due to arrive in Doha on Saturday.", THU, "Saturday", "DATE", "2018-06-02"),
    ("Officials said talks would resume on Friday.", THU, "Friday", "DATE", "2018-06-01"),
    ("The minister said on Monday that talks would resume.", THU, "Monday", "DATE", "2018-05-28"),
    ("The two sides agreed to meet again on Friday.", THU, "Friday", "DATE", "2018-06-01"),
    ("The Taliban have blocked the highway since Tuesday.", THU, "Tuesday", "DATE", "2018-05-29"),
    ("The jirga has been postponed until Saturday.", FRI, "Saturday", "DATE", "2013-03-23"),
    ("The governor on Thursday promised to reopen the schools.", FRI, "Thursday", "DATE", "2013-03-21"),
    ("Gunmen stormed the hotel last Saturday.", date(2018, 1, 27), "last Saturday", "DATE", "2018-01-20"),
    ("The envoy will travel to Kabul next Monday.", THU, "next Monday", "DATE", "2018-06-04"),
    ("Monday's attack was the deadliest this year.", THU, "Monday", "DATE", "2018-05-28"),
    # days relative to publication, parts of the day
    ("The president spoke to reporters today.", THU, "today", "DATE", "2018-05-31"),
    ("Two rockets hit the city yesterday.", THU, "yesterday", "DATE", "2018-05-30"),
    ("The council meets tomorrow to discuss the truce.", THU, "tomorrow", "DATE", "2018-06-01"),
    ("He will address the nation tonight.", THU, "tonight", "TIME", "2018-05-31TNI"),
    ("Fighting broke out this morning near the airport.", THU, "this morning", "TIME", "2018-05-31TMO"),
    ("Explosions were heard across the city last night.", THU, "last night", "TIME", "2018-05-30TNI"),
    ("The blast happened on Tuesday morning.", THU, "Tuesday morning", "TIME", "2018-05-29TMO"),
    ("Shells landed in the market yesterday afternoon.", THU, "yesterday afternoon", "TIME", "2018-05-30TAF"),
    # periods relative to publication
    ("Missile strikes killed over 50 leaders this week.", THU, "this week", "DATE", "2018-W22"),
    ("A government spokesman said talks would resume next week.", WED, "next week", "DATE", "2019-W12"),
    ("Clashes erupted last week in the north.", THU, "last week", "DATE", "2018-W21"),
    ("Police made dozens of arrests in the last week.", THU, "the last week", "DATE", "2018-W21"),
    ("Prices rose this month.", THU, "this month", "DATE", "2018-05"),
    ("The group claimed a bombing last month.", THU, "last month", "DATE", "2018-04"),
    ("Parliament will vote next month.", THU, "next month", "DATE", "2018-06"),
    ("This year has been the deadliest so far.", THU, "This year", "DATE", "2018"),
    ("Casualties rose sharply last year.", THU, "last year", "DATE", "2017"),
    ("Troops will withdraw next year.", THU, "next year", "DATE", "2019"),
    ("The budget for this fiscal year was cut.", THU, "this fiscal year", "DATE", "2018"),
    ("The convoy was ambushed two days ago.", THU, "two days ago", "DATE", "2018-05-29"),
    ("The district fell three weeks ago.", THU, "three weeks ago", "DATE", "2018-W19"),
    ("He was released six months ago.", THU, "six months ago", "DATE", "2017-11"),
    ("The bridge was blown up four years ago.", WED, "four years ago", "DATE", "2015"),
    ("Violence has spiked earlier this month.", THU, "earlier this month", "DATE", "2018-05"),
    ("The governor resigned late last July.", THU, "late last July", "DATE", "2017-07"),
    ("The offensive stalled in early December.", WED, "early December", "DATE", "2018-12"),
    ("A new round of talks is planned for later this year.", THU, "later this year", "DATE", "2018"),
    ("The bases were handed over at the end of last year.", THU, "the end of last year", "DATE", "2017"),
    ("Production resumed in mid-2016.", THU, "mid-2016", "DATE", "2016"),
    ("Protests are planned for this weekend.", THU, "this weekend", "DATE", "2018-W22-WE"),
    ("Fighting flared last weekend.", THU, "last weekend", "DATE", "2018-W21-WE"),
    # months with and without a year
    ("In February, President Ghani suggested peace talks with the Taliban.", THU, "February", "DATE", "2018-02"),
    ("The district chief was dismissed in July.", WED, "July", "DATE", "2018-07"),
    ("The commission will present its findings in May.", WED, "May", "DATE", "2019-05"),
    ("Elections are scheduled for October.", THU, "October", "DATE", "2018-10"),
    ("The transit accord signed in May 2010 has lapsed.", FRI, "May 2010", "DATE", "2010-05"),
    ("The former governor died last June.", WED, "last June", "DATE", "2018-06"),
    ("The ceasefire lapsed in mid-May.", THU, "mid-May", "DATE", "2018-05"),
    # years, decades, centuries
    ("The two sides signed a peace accord in 2016.", THU, "2016", "DATE", "2016"),
    ("The drought of 2011-2012 ruined two harvests.", FRI, "2012", "DATE", "2012"),
    ("The famine of 1971-72 emptied whole valleys.", FRI, "72", "DATE", "1972"),
    ("The constitution of 2004 remains in force.", THU, "2004", "DATE", "2004"),
    ("The movement grew in the 1990s.", THU, "the 1990s", "DATE", "199"),
    ("The band was popular in the '90s.", THU, "the '90s", "DATE", "199"),
    ("Such wars were common in the 20th century.", THU, "the 20th century", "DATE", "19"),
    ("Results for fiscal 2017 disappointed investors.", THU, "fiscal 2017", "DATE", "2017"),
    # seasons and quarters
    ("The old bridge collapsed last summer.", THU, "last summer", "DATE", "2017-SU"),
    ("Fighting usually intensifies this summer, officials warned.", THU, "this summer", "DATE", "2018-SU"),
    ("The offensive began in the spring of 2016.", THU, "the spring of 2016", "DATE", "2016-SP"),
    ("Profits rose in the first quarter.", THU, "the first quarter", "DATE", "2018-Q1"),
    ("Sales fell in Q2 2018.", THU, "Q2 2018", "DATE", "2018-Q2"),
    ("Exports peaked in the fourth quarter of 2017.", THU, "the fourth quarter of 2017", "DATE", "2017-Q4"),
    ("Troops will leave in the second half of next year.", THU, "the second half of next year", "DATE", "2019-H2"),
    # clock times
    ("The attack began at 4 a.m., police said.", THU, "4 a.m.", "TIME", "2018-05-31T04:00"),
    ("The attack began at 4 a.m. on Tuesday.", THU, "4 a.m.", "TIME", "2018-05-29T04:00"),
    ("Polling stations in Ghazni will close at 17:00 GMT Saturday.", FRI, "17:00 GMT Saturday", "TIME", "2013-03-23T17:00"),
    ("The curfew starts at 10:30 pm.", THU, "10:30 pm", "TIME", "2018-05-31T22:30"),
    ("The ultimatum expires at noon on Friday.", THU, "noon", "TIME", "2018-06-01T12:00"),
    # durations
    ("Repairs to the dam took about a month, engineers said.", FRI, "about a month", "DURATION", "P1M"),
    ("It was the deadliest attack on the city in a decade.", FRI, "a decade", "DURATION", "P10Y"),
    ("The siege lasted two hours.", THU, "two hours", "DURATION", "PT2H"),
    ("He spent three years in prison.", THU, "three years", "DURATION", "P3Y"),
    ("Thousands of families have fled Ghazni in the past several months.", FRI, "the past several months", "DURATION", "PXM"),
    ("Fighting has displaced 40,000 people over the past two years.", FRI, "the past two years", "DURATION", "P2Y"),
    ("More trainers will arrive during the next few months.", FRI, "the next few months", "DURATION", "PXM"),
    ("The talks could resume in three weeks.", THU, "three weeks", "DURATION", "P3W"),
    ("Both sides agreed to a 24-hour truce.", THU, "24-hour", "DURATION", "PT24H"),
    ("The Taliban announced a three-day ceasefire.", THU, "three-day", "DURATION", "P3D"),
    ("He served two and a half years in office.", THU, "two and a half years", "DURATION", "P30M"),
    ("The dispute has dragged on for years.", THU, "years", "DURATION", "PXY"),
    ("Attacks have multiplied in recent weeks.", THU, "recent weeks", "DURATION", "PXW"),
    ("Rebuilding the road could take six to nine months.", FRI, "nine months", "DURATION", "P9M"),
    ("Rebuilding the road could take six to nine months.", FRI, "six", "DURATION", "P6M"),
    ("Ghani declared a week-long ceasefire.", THU, "week-long", "DURATION", "P1W"),
    ("The meeting lasted half an hour.", THU, "half an hour", "DURATION", "PT30M"),
    ("The mission will last for the next decade.", THU, "the next decade", "DURATION", "P10Y"),
    ("He governed the province for almost seven years.", THU, "almost seven years", "DURATION", "P7Y"),
    # sets
    ("The market closes every Friday.", THU, "every Friday", "SET", "XXXX-WXX-5"),
    ("The festival is held each year.", THU, "each year", "SET", "P1Y"),
    ("Guards search the trucks every morning.", THU, "every morning", "SET", "XXXX-XX-XXTMO"),
    ("The country imports wheat worth $2 billion annually.", THU, "annually", "SET", "P1Y"),
    ("The council meets twice a week.", THU, "twice a week", "SET", "P1W"),
    ("Convoys leave the base daily.", THU, "daily", "SET", "P1D"),
    ("The market is closed on Fridays.", THU, "Fridays", "SET", "XXXX-WXX-5"),
    # the present, the past, the future
    ("The group now controls the district.", THU, "now", "DATE", "PRESENT_REF"),
    ("The road is currently closed.", THU, "currently", "DATE", "PRESENT_REF"),
    ("The former warlord recently returned from exile.", THU, "recently", "DATE", "PAST_REF"),
    ("In the past, such talks collapsed quickly.", THU, "the past", "DATE", "PAST_REF"),
    ("Talks may resume in the near future.", THU, "the near future", "DATE", "FUTURE_REF"),
    ("A decision is expected soon.", THU, "soon", "DATE", "FUTURE_REF"),
    # holidays
    ("The truce covers the Eid al-Fitr holiday, the Taliban announced on Saturday.", date(2018, 6, 9), "Eid al-Fitr", "DATE", "2018-06-15"),
    ("The soldiers will be home by Christmas.", THU, "Christmas", "DATE", "2018-12-25"),
    ("Pilgrims gathered on Good Friday.", date(2018, 4, 3), "Good Friday", "DATE", "2018-03-30"),
    # more clause shapes
    ("The envoy, who arrived on Tuesday, said the truce, which ends on Sunday, had held.", THU, "Sunday", "DATE", "2018-06-03"),
    ("The offensive, which began in April, has stalled.", THU, "April", "DATE", "2018-04"),
    ("Since March, more than 200 civilians have been killed.", THU, "March", "DATE", "2018-03"),
    ("Parliament approved the budget in January and will review it in July.", THU, "July", "DATE", "2018-07"),
    ("The president is expected to visit Kabul on Tuesday.", THU, "Tuesday", "DATE", "2018-06-05"),
    ("Officials have approved a pilot scheme to last until June.", FRI, "June", "DATE", "2013-06"),
    ("Over the weekend, the Taliban killed 30 soldiers.", THU, "the weekend", "DATE", "2018-W21-WE"),
    ("Prices fell earlier in the year.", THU, "earlier in the year", "DATE", "2018"),
    ("He was arrested in January of last year.", THU, "January of last year", "DATE", "2017-01"),
    ("A decade ago, the province was considered safe.", THU, "A decade ago", "DATE", "2008"),
    ("He served 1 1/2 years in prison.", THU, "1 1/2 years", "DURATION", "P18M"),
    ("The five-year plan was announced.", THU, "five-year", "DURATION", "P5Y"),
    ("The suspects were held for 48 hours.", THU, "48 hours", "DURATION", "PT48H"),
    ("Police said the blast occurred at 0400 GMT.", THU, "0400 GMT", "TIME", "2018-05-31T04:00"),
    # without a publication date: relative values keep X placeholders, absolute ones resolve
    ("On Wednesday, militants launched an assault.", None, "Wednesday", "DATE", "XXXX-WXX-3"),
    ("Talks would resume next week.", None, "next week", "DATE", "XXXX-WXX"),
    ("In February, Ghani offered talks.", None, "February", "DATE", "XXXX-02"),
    ("The attack took place on May 30.", None, "May 30", "DATE", "XXXX-05-30"),
    ("The attack took place on May 30, 2018.", None, "May 30, 2018", "DATE", "2018-05-30"),
    ("The accord was signed in 2016.", None, "2016", "DATE", "2016"),
    ("The convoy was ambushed two days ago.", None, "two days ago", "DATE", "XXXX-XX-XX"),
    ("The attack began at 4 a.m.", None, "4 a.m.", "TIME", "XXXX-XX-XXT04:00"),
    ("The ceasefire lasted three days.", None, "three days", "DURATION", "P3D"),
]


@pytest.mark.parametrize(("sentence", "dct", "words", "type_", "value"), CASES, ids=[c[0][:50] + f"|{c[2]}" for c in CASES])
def test_tags_expression_with_timex3_type_and_value(sentence, dct, words, type_, value):
    expression = find(sentence, dct, words)
    assert (expression.type, expression.value) == (type_, value)


# Words that look like times but are not.
NOT_TIMES = [
    ("Theresa May said the talks were useful.", "May"),
    ("The troops may leave the base.", "may"),
    ("The March organisers said they would return.", "March"),
    ("About 1500 troops were deployed.", "1500"),
    ("The city has 2000 police officers.", "2000"),
    ("A 19-year-old student was among the wounded.", "19-year"),
    ("The fall of Kabul surprised the world.", "fall"),
    ("The Taliban prepared their spring offensive.", "spring"),
    ("The rebels fought on Bloody Sunday.", "Sunday"),
    ("Vaccines are offered to babies 9 months and older.", "9 months"),
    ("They will leave as soon as possible.", "soon"),
    ("The committee met for a second time.", "second"),
    ("The 30th anniversary was marked quietly.", "30th"),
    ("The daily newspaper printed the letter.", "daily"),
    ("The Six-Day War changed the region.", "Six-Day"),
    ("Soldiers of the 1st Battalion were deployed.", "1st"),
    ("The future of the country is at stake.", "future"),
    ("In his forties, he became a commander.", "forties"),
    ("Flight 2018 landed safely.", "2018"),
]


@pytest.mark.parametrize(("sentence", "words"), NOT_TIMES, ids=[w for _, w in NOT_TIMES])
def test_does_not_tag_words_that_are_not_times(sentence, words):
    start = sentence.index(words)
    overlapping = [e for e in tag(sentence, THU) if e.start < start + len(words) and e.end > start]
    assert overlapping == []


def test_offsets_index_the_text_with_unicode_and_newlines():
    text = (
        "Kābul — «Les talibans» ont attaqué 🚀.\n\n"
        "On Wednesday, militants launched an assault;\r\nthe ministry’s spokesman said talks would resume next week.\n"
        "Ğhazni: a three‑day truce began on 30 May 2018\tat 4 a.m."
    )
    found = tag(text, THU)
    assert [e.text for e in found] == ["Wednesday", "next week", "30 May 2018", "4 a.m."]
    for expression in found:
        assert text[expression.start : expression.end] == expression.text


def test_expressions_come_in_text_order_without_overlaps():
    text = "On Tuesday morning, two days after the attack, officials said talks would resume next week or in 2019."
    found = tag(text, WED)
    starts = [e.start for e in found]
    assert starts == sorted(starts)
    for first, second in zip(found, found[1:]):
        assert first.end <= second.start


def test_empty_text_has_no_expressions():
    assert tag("", THU) == []


def test_accepts_a_datetime_as_publication_date():
    from datetime import datetime

    assert find("Talks began on Wednesday.", datetime(2018, 5, 31, 9, 30), "Wednesday").value == "2018-05-30"


def test_rejects_text_that_is_not_a_string():
    with pytest.raises(TypeError, match="text as a str"):
        tag(b"On Wednesday", THU)


def test_rejects_a_publication_date_that_is_not_a_date():
    with pytest.raises(TypeError, match="datetime.date"):
        tag("On Wednesday", "2018-05-31")
