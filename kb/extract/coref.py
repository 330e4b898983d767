"""Within-article coreference: later mentions of an event enrich it instead of repeating it.

``merge_mentions`` groups mentions in document order. A mention joins the
latest earlier group it is compatible with, when

* it refers back: a definite noun ("the attack", "the talks"), a verb or noun
  with nothing new ("they met in secret"), or a headline/lead restating the
  same event ("Car bomb kills seven in Ghazni" / "A suicide car bomber struck
  ... in Ghazni"): same class and the same place or day;
* and nothing contradicts: same family; the same class, or one of them the
  generic "Attack"/"Talks" word; compatible status (both happened, or the same
  non-factual status); places not different (one may contain the other); dates
  not disjoint; not marked as another event ("another attack", "a second
  bombing", a sentence opening with "Earlier on Sunday," that joins no event of
  the sentences before); not a different claimant.

A definite general word ("the attack", "the incident") may name any attack; a word of
a kind only that kind ("the explosion" a bombing, airstrike or shelling, never the
clashes told before). A recapture is never the seizure it undoes. Only dates of the
mentions' own clauses contradict each other (one borrowed from elsewhere in the
sentence does not), and a definite accord may date another moment of itself ("the
truce, which takes effect at midnight").

An indefinite mention with a place or date of its own ("a pre-dawn attack on a
police station in Logar") is a new event unless the place or day matches.
"""

from __future__ import annotations

from kb.extract.interception import INTERCEPTED
from kb.extract.mentions import Mention
from kb.extract.words import word_list
from kb.model import Place, event_family

_FACTUAL = frozenset({"Occurred", "Ongoing"})
_REFERENCE_REACH = 5  # sentences
_GENERIC_CLASSES = frozenset({"Attack"})


def merge_mentions(mentions: list[Mention], places: dict[str, Place], headline: bool = False) -> list[list[Mention]]:
    """Mentions grouped by event. ``headline``: the first sentence is a headline line."""
    groups: list[list[Mention]] = []
    for mention in mentions:
        if mention.generic:  # an aggregate ("attacks have spiked") is no mention of a particular event
            groups.append([mention])
            continue
        candidates = [g for g in reversed(groups) if not all(m.generic for m in g)
                      and _compatible(g, mention, places, headline)]
        target = None
        if candidates:
            # "the attack": the latest event told by a strong word, before one told by a weak one
            strong = [g for g in candidates if any("weak" not in m.flags and not m.generic for m in g)]
            target = strong[0] if mention.definite and strong else candidates[0]
        if target is None:
            groups.append([mention])
        else:
            target.append(mention)
    return groups


def _compatible(group: list[Mention], mention: Mention, places: dict[str, Place], headline: bool = False) -> bool:
    first = group[0]
    if event_family(first.event_class) != event_family(mention.event_class):
        return False
    if mention.distinct:
        return False
    if mention.told_apart and all(m.sentence_index < mention.sentence_index for m in group):
        return False  # "Earlier on Sunday, ...": not an event told before (its own sentence's may be)
    if mention.nested_in is not None and any(m is mention.nested_in for m in group):
        return False
    if any(m.nested_in is not None and m.nested_in is mention for m in group):
        return False
    if "Takeover" in {m.event_class for m in group} and mention.event_class == "Takeover" and \
            any("recapture" in m.flags for m in group) != ("recapture" in mention.flags) and not (
                mention.definite or (not mention.is_verb and any(c.lower_ == "the" for c in mention.head.children))):
        return False  # a recapture undoes the seizure: two events ("the capture of Mosul" may name either)
    classes = {m.event_class for m in group}
    anaphoric = mention.definite and _names_again(mention, classes)
    if mention.event_class not in classes and not (
        mention.event_class in _GENERIC_CLASSES or classes <= _GENERIC_CLASSES or anaphoric
    ):
        return False
    statuses = {m.status for m in group}
    if mention.definite and statuses == {"Denied"} and mention.status in _FACTUAL and _news(mention):
        return False  # "X denied reports that its men had abducted ... The fighting has killed 800": not that event
    # weapons shot down are part of the barrage told before: "fired a barrage of drones ... warships
    # shot down 18 drones"
    stopped = INTERCEPTED in mention.flags and bool(statuses & _FACTUAL)
    if not mention.definite and not stopped and not (
            mention.status in statuses or (mention.status in _FACTUAL and statuses & _FACTUAL)):
        return False  # a definite mention's clause speaks of something else ("the offer would stand if")
    group_places = [m.place for m in group if m.place]
    if mention.place and group_places and not any(same_place(mention.place, p, places) for p in group_places):
        return False
    group_times = [m.time for m in group if m.time is not None and m.time.precision != "unanchored"]
    # a date only borrowed from elsewhere in the sentence ("bombed ... on Wednesday, hours after a
    # ceasefire expired") contradicts nothing: only dates of the mentions' own clauses do
    own_times = [m.time for m in group if m.time is not None and m.time.precision != "unanchored" and m.time_how == "clause"]
    # "the truce, which takes effect at midnight" after "agreed on Thursday to a ceasefire": a
    # definite mention of an accord may date another moment of it
    lasting = mention.definite and mention.event_class in ("Ceasefire", "PeaceAgreement")
    if mention.time is not None and mention.time.precision != "unanchored" and not lasting:
        compared = own_times if mention.time_how == "clause" else group_times
        if mention.time_how == "clause" and any(not _overlap(mention.time, t) for t in compared):
            return False
        if mention.time_how != "clause" and any(not _overlap(mention.time, t) for t in own_times):
            return False
    for role in ("claimedBy", "proposer", "perpetrator"):
        theirs = {k for m in group for k in m.roles.get(role, [])}
        ours = set(mention.roles.get(role, []))
        if theirs and ours and not theirs & ours and not (mention.definite and role == "perpetrator"):
            return False  # someone else's claim, offer or attack
    # refers back, or restates the same place or day
    if mention.definite or (mention.is_verb and not _news(mention)):
        # a back-reference reaches a few sentences back, not across the article
        return mention.sentence_index - group[-1].sentence_index <= _REFERENCE_REACH
    if mention.place and any(same_place(mention.place, p, places) for p in group_places) and mention.event_class in classes:
        return True
    if mention.time is not None and mention.time.precision == "day" and any(
        t.precision == "day" and t.earliest == mention.time.earliest for t in group_times
    ) and mention.event_class in classes:
        return True
    # one sentence, one phrase: "negotiators met in Istanbul for their first talks"
    if mention.event_class in classes and any(
            m.sentence_index == mention.sentence_index and (
                mention.head.i in {t.i for t in m.head.subtree} or m.head.i in {t.i for t in mention.head.subtree})
            for m in group):
        return True
    # the same kind of event between the same actors ("are in talks with the Afghan government" ...
    # "have held secret talks with Afghan government officials")
    ours = mention.actors_so_far()
    if ours and mention.event_class in classes and ours & {k for m in group for k in m.actors_so_far()}:
        return True
    # a non-factual event mentioned again with nothing new ("a possible ceasefire" ... "a possible cessation")
    if mention.status not in _FACTUAL and mention.status in statuses and not _news(mention) \
            and mention.nested_in is None:  # (what a new call asks for is that call's, not one told before)
        return True
    # the headline told it first: the body's first account of the same kind is the same event
    if headline and group[0].sentence_index == 0 and len({m.sentence_index for m in group}) == 1 and (
        mention.event_class in classes or classes <= _GENERIC_CLASSES or mention.event_class in _GENERIC_CLASSES
    ):
        return True
    # a lead restating what the body says, with no details of its own
    if mention.sentence_index <= 2 and group[0].sentence_index <= 2:
        return not _news(mention) and mention.event_class in classes
    return False


# Classes a definite word of a kind may name again ("the blast" after an airstrike).
_ANAPHOR_CLASSES = {
    "explosive_anaphors": frozenset({"Bombing", "Airstrike", "Shelling", "Attack"}),
    "gunfire_anaphors": frozenset({"ArmedAssault", "Assassination", "ArmedClash", "Attack"}),
}


def _names_again(mention: Mention, classes: set[str]) -> bool:
    """Whether a definite trigger word can name an event of ``classes``: a general word ("the
    attack", "the incident") any attack, a word of a kind ("the explosion") only one of that kind."""
    lemma = mention.head.lemma_.lower()
    if lemma in word_list("anaphoric_nouns", "event_words.txt"):
        return True
    for section, allowed in _ANAPHOR_CLASSES.items():
        if lemma in word_list(section, "event_words.txt"):
            return bool(classes & allowed)
    return False


def _news(mention: Mention) -> bool:
    """Whether the mention brings details of its own (then it is not a mere back-reference)."""
    return bool(mention.casualties or mention.place or (mention.time is not None and mention.time.precision != "unanchored")
                or mention.roles.get("claimedBy"))


def same_place(a: str, b: str, places: dict[str, Place]) -> bool:
    """Whether two place keys name the same place or one lies inside the other."""
    if a == b:
        return True
    return _contains(a, b, places) or _contains(b, a, places)


def _contains(outer: str, inner: str, places: dict[str, Place]) -> bool:
    seen = set()
    place = places.get(inner)
    while place is not None and place.contained_in and place.key not in seen:
        seen.add(place.key)
        if place.contained_in == outer:
            return True
        place = places.get(place.contained_in)
    return False


def _overlap(a, b) -> bool:
    if a.earliest is None or b.earliest is None:
        return True
    return a.earliest <= (b.latest or b.earliest) and b.earliest <= (a.latest or a.earliest)
