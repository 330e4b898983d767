"""How mentions relate in the sentence: nesting, reference and the object-dependent classes.

* ``link_nested``: a negotiation inside another one is its content ("talks over a
  possible *ceasefire*", "suggested peace *talks*"), but two verbs joined by "and"
  are two acts side by side ("offered ... and proposed a ceasefire"); an offer or
  call with no negotiation in it ("called for calm") is no peace proposal and is
  dropped, unless it is a particular offer referred to in the sentences after talks,
  a ceasefire or a deal ("... join peace talks. Some leaders were interested in *the
  offer that Ghani made*").
* ``mark_reference``: "the attack" refers back (definite), "another attack"
  is a new one (distinct), "attacks have spiked" / "a number of assaults" is no
  particular event (generic). Not generic: a plural a light verb carries in a
  told past ("US aircraft carried out air strikes"), "clashes between X and Y",
  "clashes erupted". A predicate ("It was the second major attack in a week")
  describes the event its subject refers to; "the murder of Archbishop X" (a name
  after "of") tells an event rather than referring back. A sentence opening with
  "Earlier", "Elsewhere" or "Separately" tells an event other than those before it.
* ``resolve_seizure``: "seized the town" is a takeover, "seized two engineers" a
  kidnapping; neither, no event. "fell to the Taliban" is a takeover only with
  a place as subject and an actor after "to".
"""

from __future__ import annotations

from spacy.tokens import Token

from kb.extract.casualties import claims_responsibility, count_phrase
from kb.extract.mentions import Mention, fired_weapon, lemma_forms
from kb.extract.victims import is_vessel
from kb.extract.words import word_list
from kb.model import event_family

_NEST_DEPS = frozenset({"dobj", "pobj", "prep", "compound", "xcomp", "ccomp", "acl", "pcomp", "nsubjpass", "advcl", "conj"})
_MAX_NEST_STEPS = 4


def _ev(name: str) -> frozenset[str]:
    return word_list(name, "event_words.txt")


def link_nested(mentions: list[Mention]) -> None:
    heads = {m.head.i: m for m in mentions}
    for mention in mentions:
        if event_family(mention.event_class) != "Negotiation":
            continue
        node = mention.head
        for _ in range(_MAX_NEST_STEPS):
            if node.dep_ not in _NEST_DEPS or node.head.i == node.i:
                break
            coordinated = node.dep_ == "conj" and node.i == mention.head.i and mention.is_verb
            node = node.head
            outer = heads.get(node.i)
            if outer is not None and outer is not mention and event_family(outer.event_class) == "Negotiation":
                # "offered to recognise the Taliban and proposed a ceasefire": two verbs joined by "and"
                # tell two acts side by side, neither is the content of the other
                if outer.event_class in ("PeaceProposal", "Talks") and outer.head.i != mention.head.i and not coordinated:
                    mention.nested_in = outer
                break
            if node.tag_.startswith("VB") and node.lemma_.lower() not in word_list("occurrence_verbs", "factuality_cues.txt"):
                # a verb between them ends the search unless it only carries the event ("to hold talks")
                if not (node.dep_ == "xcomp" and heads.get(node.head.i) is not None):
                    break
    for mention in mentions:
        if "proposal" not in mention.flags:
            continue
        inner = [m for m in mentions if m.nested_in is mention]
        if not inner and not _has_complement(mention.head) and not _offer_of_peace_process(mention, mentions):
            mention.dropped = True


def fold_truce_agreements(mentions: list[Mention]) -> None:
    """"signed an agreement for a seven-day ceasefire", "a deal on a truce": the agreement is the
    ceasefire itself, one event; it keeps the agreement's words (its verb gives parties, place and
    day) and the ceasefire's class."""
    heads = {m.head.i: m for m in mentions}
    for mention in mentions:
        if mention.event_class != "PeaceAgreement" or mention.is_verb:
            continue
        holders = [mention.head] + ([mention.head.head] if mention.head.dep_ == "dobj" else [])  # "signed X for Y"
        for prep in (c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in ("for", "on")):
            truce = next((heads[o.i] for o in prep.children if o.dep_ == "pobj" and o.i in heads), None)
            if truce is not None and truce.event_class == "Ceasefire" and not truce.dropped:
                truce.dropped = True
                mention.event_class = "Ceasefire"
                break


def fold_weapon_subjects(mentions: list[Mention]) -> None:
    """"Russian missiles and drones struck grain terminals": a weak weapon noun that is the subject
    of an attack verb of its clause is that attack's weapon, not an event of its own; its actors
    ("Russian" -> Russia) go to the verb's event."""
    heads = {m.head.i: m for m in mentions}
    for mention in mentions:
        if "weak" not in mention.flags or mention.is_verb or event_family(mention.event_class) != "Attack":
            continue
        subject = mention.head
        while subject.dep_ == "conj" and subject.head.i != subject.i:
            subject = subject.head
        verb = heads.get(subject.head.i) if subject.dep_ == "nsubj" else None
        if verb is None or verb is mention or event_family(verb.event_class) != "Attack":
            continue
        mention.dropped = True
        for role, keys in mention.roles.items():
            if not verb.roles.get(role):
                for key in keys:
                    verb.add_role(role, key)


def fold_fighting_into_attack(mentions: list[Mention]) -> None:
    """Fighting told as what an attack became is that attack, now a clash:

    * "rebels attacked an army camp, *triggering fighting* that lasted all day": a clash word that
      a verb of consequence, hanging on the attack verb, has as object;
    * "the rebels launched an offensive on Sunday ..., and *fighting was still raging* on Tuesday":
      fighting going on, told in the sentence of a clash begun before, is that clash still going on.
    Run after statuses (the second needs them)."""
    attacks = [m for m in mentions if event_family(m.event_class) == "Attack" and not m.dropped]
    for fighting in attacks:
        if fighting.event_class != "ArmedClash" or fighting.is_verb or fighting.definite:
            continue
        verb = fighting.head.head if fighting.head.dep_ == "dobj" else None
        if verb is not None and verb.lemma_.lower() in _ev("consequence_verbs") and verb.dep_ in ("advcl", "conj", "xcomp"):
            attack = next((m for m in attacks if m.head.i == verb.head.i and m is not fighting), None)
            if attack is not None:
                fighting.dropped = True
                attack.event_class = "ArmedClash"
                continue
        if fighting.status == "Ongoing" and "weak" in fighting.flags:
            begun = [m for m in attacks if m is not fighting and m.sentence_index == fighting.sentence_index
                     and m.head.i < fighting.head.i and m.event_class == "ArmedClash" and m.status == "Occurred"]
            if begun:
                fighting.dropped = True
                begun[-1].status = "Ongoing"


_CLAIM_REACH = 4  # sentences back to the attack a claim of responsibility speaks of


def drop_claimed_accounts(mentions: list[Mention]) -> None:
    """"A Taliban spokesman claimed responsibility and said the group's fighters had killed 30
    soldiers": a weak word of violence in a claim is the claimant's account of the attack told just
    before, not another attack (its figures then go to that attack)."""
    for mention in mentions:
        if "weak" not in mention.flags or not mention.is_verb or event_family(mention.event_class) != "Attack":
            continue
        if not claims_responsibility(mention.sentence):
            continue
        if any(m is not mention and event_family(m.event_class) == "Attack" and not m.dropped
               and 0 < mention.sentence_index - m.sentence_index <= _CLAIM_REACH for m in mentions):
            mention.dropped = True


_PEACE_CONTEXT_REACH = 2  # sentences before a particular offer that may tell the peace process it belongs to


def _offer_of_peace_process(mention: Mention, mentions: list[Mention]) -> bool:
    """"... urged the Taliban to join peace talks. Some Taliban leaders had shown interest in *the offer
    that Ghani made* in February": a particular offer (definite, someone's, or described by who made
    it) told in the sentences just after talks, a ceasefire or a deal is an offer of peace, though it
    names none. (In the same sentence, "offered to mediate talks ..., a proposal the authorities have
    not answered" restates the offer that names the talks.)"""
    head = mention.head
    if mention.is_verb or head.pos_ not in ("NOUN", "PROPN"):
        return False
    children = list(head.children)
    particular = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in children) \
        or any(c.dep_ == "poss" for c in children) or any(c.dep_ == "relcl" for c in children)
    if not particular:
        return False
    return any(
        m is not mention and event_family(m.event_class) == "Negotiation" and "proposal" not in m.flags
        and 1 <= mention.sentence_index - m.sentence_index <= _PEACE_CONTEXT_REACH
        for m in mentions
    )


def _has_complement(head: Token) -> bool:
    words = _ev("proposal_complements")
    for token in head.subtree:
        if token.i != head.i and (token.lemma_.lower() in words or token.lower_ in words) and abs(token.i - head.i) <= 8:
            return True
    return False


def _given_up(head: Token) -> bool:
    """What a verb of stopping has as its object: "stopped attacking civilians", "renounce attacks"."""
    return (head.tag_ in ("VBG", "NNS")) and head.dep_ in ("xcomp", "dobj", "pcomp") and \
        head.head.lemma_.lower() in _ev("cessation_verbs")


def mark_reference(mention: Mention) -> None:
    head = mention.head
    if _sentence_told_apart(mention):
        mention.told_apart = True  # "Earlier on Sunday, two rockets struck ...": another event of the day
    if _given_up(head):
        mention.generic = True  # "if the ELN stopped attacking civilians": a practice, not an incident
    if mention.is_verb:
        # "the Taliban also attacked a checkpoint": another event
        if any(c.dep_ == "advmod" and c.lower_ in ("also", "separately", "meanwhile") for c in head.children):
            mention.distinct = True
        return
    children = list(head.children)
    # "the Taliban also claimed responsibility for a pre-dawn attack", "also launched an attack": another one;
    # "could also be behind the attack" adds a suspect, not an event
    governor = head.head if head.dep_ in ("dobj", "pobj", "nsubjpass") else None
    if governor is not None and governor.dep_ == "prep":
        governor = governor.head
    if governor is not None and governor.dep_ == "dobj":
        governor = governor.head
    carriers = _ev("agentive_verbs") | _ev("claim_verbs")
    if governor is not None and governor.lemma_.lower() in carriers and governor.lemma_.lower() != "be" and any(
            c.dep_ == "advmod" and c.lower_ in ("also", "separately", "meanwhile") for c in governor.children):
        mention.distinct = True
    if _predicate_of_event(head):
        # "It was the second major attack in the capital in a week": the predicate describes the event
        # its subject refers to (an ordinal here counts events, it does not introduce one)
        mention.definite, mention.distinct = True, False
        return
    determiners = [c for c in children if c.dep_ in ("det", "predet")]
    modifiers = [c.lower_ for c in children if c.dep_ in ("amod", "det", "advmod", "nummod")]
    if any(w in _ev("distinct_words") for w in modifiers):
        mention.distinct = True
    if any(d.lower_ in ("the", "this", "that", "these", "those") for d in determiners) or any(c.dep_ == "poss" and c.pos_ == "PRON" for c in children):
        # "the murder of Archbishop Romero", "the bombing of the Intercontinental Hotel": a name after
        # "of" makes the phrase a description that tells the event, not a reference back
        mention.definite = not (determiners and _named_complement(head))
    plural = head.tag_ == "NNS" and head.lower_ not in ("talks", "negotiations", "consultations")
    if plural:
        counted = any(c.dep_ == "nummod" for c in children)
        if not determiners and not counted and not any(c.dep_ == "poss" for c in children) \
                and not carried_in_told_past(head) and not _told_as_one(head) \
                and not fired_weapon(head):  # "fired a barrage of drones": one attack
            mention.generic = True
        if any(d.lower_ in ("these", "those", "such") for d in determiners):
            mention.generic = True
    if any(d.lower_ == "such" for d in determiners) or any(c.dep_ == "amod" and c.lower_ == "such" for c in children):
        mention.generic = True  # "Such talks have a poor record": talks of a kind, not an event
    if plural and head.dep_ == "dobj" and head.head.lemma_.lower() in _ev("aggregate_verbs"):
        mention.generic = True  # "has stepped up attacks on military bases"
    # "a number of assaults", "a recent spike in bloody attacks"
    if head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.head.lemma_.lower() in _ev("aggregate_words"):
        mention.generic = True


def _sentence_told_apart(mention: Mention) -> bool:
    """A sentence that opens with "Earlier", "Elsewhere" or "Separately" tells another event than
    those before it (its own mentions may still be one event); a definite "the attack" in it
    still refers back ("Earlier, police said the attack had ...")."""
    words = [t for t in mention.sentence[:3] if not t.is_punct]
    if not words or words[0].lower_ not in _ev("apart_openers"):
        return False
    head = mention.head
    if not mention.is_verb and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in head.children):
        return False
    return head.i > words[0].i


def _told_as_one(head: Token) -> bool:
    """"Heavy clashes erupted between the army and the rebels on Saturday": a plural with its two
    sides named, or the subject of a verb of happening in the past, is one episode of fighting."""
    if any(c.dep_ == "prep" and c.lower_ == "between" for c in head.children):
        return True
    verb = head.head
    return head.dep_ == "nsubj" and verb.lemma_.lower() in _ev("happening_verbs") and verb.tag_ in ("VBD", "VBN")


def _named_complement(head: Token) -> bool:
    """Whether the trigger noun has an "of" phrase naming a person, place or organisation."""
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj" and (obj.ent_type_ in ("PERSON", "GPE", "LOC", "FAC", "ORG") or obj.tag_ == "NNP"):
                    return True
    return False


def _predicate_of_event(head: Token) -> bool:
    """A trigger noun that is the predicate of "it/this/that was ..." or of "the attack was ..."."""
    if head.dep_ != "attr" or head.head.lemma_.lower() != "be":
        return False
    subjects = [c for c in head.head.children if c.dep_ == "nsubj"]
    events = _ev("anaphoric_nouns") | _ev("explosive_anaphors") | _ev("gunfire_anaphors")
    return any(s.lower_ in ("it", "this", "that") or s.lemma_.lower() in events for s in subjects)


def light_verb_of(head: Token) -> Token | None:
    """The light verb whose object the trigger noun is ("carried out *air strikes*"), if any."""
    if head.dep_ in ("dobj", "nsubjpass") and any(f in _ev("light_verbs") for f in lemma_forms(head.head)):
        return head.head
    return None


def carried_in_told_past(head: Token) -> bool:
    """"US aircraft carried out air strikes", "strikes were conducted": a light verb in the simple
    past (or a past passive) tells particular operations; "have stepped up attacks" or "carry out
    attacks" in the present tells a habit."""
    verb = light_verb_of(head)
    if verb is None:
        return False
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if verb.tag_ == "VBD" and not auxiliaries:
        return any(c.dep_ == "nsubj" for c in verb.children) or verb.dep_ in ("conj", "advcl", "ccomp")
    if verb.tag_ == "VBN" and any(a.dep_ == "auxpass" and a.lower_ in ("was", "were") for a in auxiliaries):
        return True
    return False


def resolve_seizure(mention: Mention) -> None:
    """Takeover or kidnapping from what was seized; no object of either kind, no event."""
    if "seize" not in mention.flags and "fall" not in mention.flags:
        return
    head = mention.head
    if "fall" in mention.flags:
        to = [c for c in head.children if c.dep_ == "prep" and c.lower_ == "to"]
        subject = [c for c in head.children if c.dep_ == "nsubj"]
        if not to or not subject or not _is_place(subject[0]):
            mention.dropped = True
        return
    objects = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
    # "seized control of the town", "seized parts of Marawi": what is controlled
    parts = {"control", "part", "parts", "much", "most", "half", "area", "areas", "section", "sections", "swathe", "swathes"}
    objects += [o for c in objects if c.lemma_.lower() in parts or c.lower_ in parts
                for p in c.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
    if not mention.is_verb:
        objects += [o for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children if o.dep_ == "pobj"]
    if mention.is_verb and not objects and head.dep_ in ("acl", "relcl") and head.tag_ == "VBN":
        objects = [head.head]
    for obj in objects:
        if _is_place(obj) or is_vessel(obj):
            mention.event_class = "Takeover"
            return
        if _is_person(obj):
            mention.event_class = "Kidnapping"
            return
    mention.dropped = True


def _is_place(token: Token) -> bool:
    words = _ev("place_objects") | word_list("site_nouns", "place_words.txt")
    return token.ent_type_ in ("GPE", "LOC", "FAC") or token.lemma_.lower() in words or token.lower_ in words


def _is_person(token: Token) -> bool:
    if token.ent_type_ == "PERSON":
        return True
    if token.lemma_.lower() in _ev("human_nouns") or token.lower_ in _ev("human_nouns"):
        return True
    counted = count_phrase(token)
    return counted is not None and counted[2] is not None and counted[2].split()[-1].lower() in _ev("human_nouns")
