"""Which event a casualty figure belongs to: ``attach_figures``.

One job: give each figure of an article to its event, or make an event for it. The parse is
trusted first (the event the casualty word hangs on), then closeness (the nearest attack of the
sentence, the attack told just before). A revised figure ("in an update", "the toll rose to 31
by Saturday") and a claim's figures belong to the event told before, whatever their own date; a
figure with its own date or place stands alone; a killing with its own perpetrator ("gunmen
killed two policemen") is its own event. A victim who is a named person is kept as the victim
actor.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kb.extract.casualty_expressions import find_casualties
from kb.extract.casualty_figures import Figure
from kb.extract.claims import claims_responsibility
from kb.extract.victims import is_human, named_victim
from kb.extract.words import word_list
from kb.model import CasualtyCount


def _words(name: str) -> frozenset[str]:
    return word_list(name, "casualty_words.txt")


def attach_figures(document, mentions, resolver, make_mention) -> list:
    """Give each figure of the article to its event; figures of no event may make one.

    Owner, in order: the event the casualty word hangs on in the parse ("launched an
    assault ..., *killing* a policeman", "the blast *killed*", "killed *in the
    attack*"); else the nearest attack of the same sentence; else the attack of the
    two sentences before that the report goes on about (``_told_just_before``); else, for a killing
    or kidnapping by someone ("gunmen *killed* two policemen"), a new attack made
    by ``make_mention``. A victim who is a named person is kept as the victim actor.
    """
    from kb.model import event_family

    attacks = [m for m in mentions if event_family(m.event_class) == "Attack" and not m.dropped]
    created = []
    by_head = {m.head.i: m for m in attacks}
    for number, sentence in enumerate(document.sentences):
        figures = find_casualties(sentence)
        if not figures:
            continue
        here = [m for m in attacks + created if m.sentence_index == number]
        revised = _told_as_update(sentence)
        claim = claims_responsibility(sentence)
        for figure in figures:
            if revised and not figure.update:
                # "In an update on Tuesday, the army said 23 people had been killed": a revised
                # figure replaces the earlier ones of the event told before, whatever the date given
                figure = Figure(figure.count, figure.anchor, figure.victim_head, update=True, additional=figure.additional)
            owner = _syntactic_owner(figure.anchor, by_head)
            if owner is None and claim and not here:
                # "A Taliban spokesman claimed responsibility and said its fighters had killed 30": the
                # claim's own account of the attack told before, not another attack
                before = [m for m in attacks + created
                          if number - _CLAIM_REACH <= m.sentence_index < number and not m.generic]
                owner = before[-1] if before else None
            if owner is None and _killed_by_own_agent(figure.anchor, resolver):
                # "Terrorists killed a professor ..., while police reported that an attack on the
                # embassy was foiled": a killing with its own perpetrator is its own event
                owner = make_mention(figure.anchor)
                if owner is not None:
                    created.append(owner)
                    here.append(owner)
                    by_head[owner.head.i] = owner
            if owner is None and here:
                owner = min(here, key=lambda m: (abs(m.head.i - figure.anchor.i), m.head.i > figure.anchor.i))
            # "the toll rose to 31 by Saturday": an update is about the event told before, whatever its date
            if owner is None and (figure.update or not _stands_alone(figure.anchor, document)):
                before = [m for m in attacks + created if number - 2 <= m.sentence_index < number and not m.generic]
                if before:
                    owner = _told_just_before(before)
            if owner is None:
                owner = make_mention(figure.anchor)
                if owner is not None:
                    created.append(owner)
                    here.append(owner)
                    by_head[owner.head.i] = owner
            if owner is None:
                continue
            count = figure.count
            person = named_victim(figure.victim_head)
            if person is not None:
                victims = resolver.resolve(person)
                if victims:
                    count = CasualtyCount(count.outcome, count.count, count.qualifier, count.victim_group or person.text, victims[0])
            owner.casualties.append(count)
            owner.casualty_notes.append((_statement_anchor(figure.anchor), figure.update, figure.additional))
            if figure.victim_head is not None:
                owner.victim_tokens.append(figure.victim_head)
    return created


def _told_just_before(before: list) -> object:
    """The attack a toll after it speaks of: of the latest sentence's attacks, the first act in
    time, since acts told in one sentence are one complex attack coded by its first ("a suicide
    bomber blew himself up at the gate and gunmen then stormed the hotel. At least 32 people were
    killed"): the one told in an "after" clause ("were still fighting gunmen ... hours after the
    militants blasted their way in"), else the first told; the last told when a word sets the
    later ones apart ("a second blast")."""
    latest = max(m.sentence_index for m in before)
    acts = sorted((m for m in before if m.sentence_index == latest), key=lambda m: m.head.i)
    if any(m.distinct or m.told_apart for m in acts[1:]):
        return acts[-1]
    earlier = [m for m in acts if _in_after_clause(m.head)]
    return earlier[0] if earlier else acts[0]


def _in_after_clause(token: Token) -> bool:
    """Whether a trigger stands in a clause or phrase introduced by "after" (told as earlier)."""
    for node in (token, *token.ancestors):
        if node.dep_ in ("advcl", "pcomp", "pobj") and any(
                c.dep_ in ("mark", "prep", "advmod") and c.lower_ == "after" for c in node.children):
            return True
        if node.dep_ in ("pobj", "pcomp") and node.head.lower_ == "after":
            return True
    return False


def _killed_by_own_agent(anchor: Token, resolver) -> bool:
    """A killing verb whose subject is an attacker (a known actor or "gunmen", "terrorists")."""
    if not anchor.tag_.startswith("VB") or anchor.lemma_.lower() not in _words("kill_verbs"):
        return False
    unknown = word_list("unknown_perpetrators", "actor_words.txt")
    for subject in (c for c in anchor.children if c.dep_ == "nsubj" and c.pos_ != "PRON"):
        if subject.lemma_.lower() in unknown or subject.lower_ in unknown or resolver.resolve(subject):
            return True
    return False


def _statement_anchor(anchor: Token) -> int:
    """Coordinated casualty words make one statement ("killing six ... and injuring eight"):
    the first word of the coordination stands for it."""
    node = anchor
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    return node.i


_CLAIM_REACH = 4  # sentences back to the attack a claim of responsibility speaks of (after the toll's updates)


def _told_as_update(sentence: Span) -> bool:
    """A sentence that says its figures revise earlier ones ("in an update", "a revised toll")."""
    words = word_list("update_words", "casualty_words.txt")
    return any(t.lemma_.lower() in words or t.lower_ in words for t in sentence)


def _stands_alone(anchor: Token, document) -> bool:
    """A figure with its own date or place ("150 leaders have been killed in Colombia so far this
    year") is a statement of its own, not more about the event told before."""
    sentence = document.sentence(anchor)
    for expression, span in document.time_tokens:
        if sentence.start <= span.start < sentence.end and not (
                span.root.dep_ == "pobj" and span.root.head.lower_ in ("since", "until", "till")):
            return True  # "killed since Tuesday" counts the story's dead, it dates no new event
    for token in sentence:
        if token.ent_type_ in ("GPE", "LOC") and token.dep_ == "pobj" and token.head.lower_ in ("in", "at", "near") \
                and not is_human(token.head.head):  # "a United Nations official in Sanaa put the toll at 20"
            return True
    return False


def _syntactic_owner(anchor: Token, by_head: dict) -> object | None:
    # the anchor's own subject or "in/during" object is the event: "the blast killed", "killed in the attack"
    for child in anchor.children:
        if child.dep_ in ("nsubj",) and child.i in by_head:
            return by_head[child.i]
        if child.dep_ == "prep" and child.lower_ in ("in", "during", "by", "after", "from"):
            for obj in child.children:
                if obj.i in by_head:
                    return by_head[obj.i]
    # "hacked 20 villagers to death and burned homes in an overnight attack": the attack the verbs
    # joined to it were done in
    joined = [c for c in anchor.children if c.dep_ == "conj" and c.tag_.startswith("VB")]
    if anchor.dep_ == "conj" and anchor.head.tag_.startswith("VB"):
        joined.append(anchor.head)
    for verb in joined:
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in ("in", "during"):
                for obj in child.children:
                    if obj.i in by_head:
                        return by_head[obj.i]
    node = anchor
    for _ in range(4):
        if node.i in by_head:
            return by_head[node.i]
        for child in node.children:
            if child.dep_ in ("dobj", "nsubj", "nsubjpass") and child.i in by_head and node.i != anchor.i:
                return by_head[child.i]
        if node.head.i == node.i:
            break
        node = node.head
    return None
