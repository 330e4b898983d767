"""Leads that sum up several incidents: ``distribute_summaries``.

One job: a lead such as "Terrorists killed a professor, a policeman and a pedestrian" followed by
one account per incident would otherwise count every victim twice and leave the accounts without
casualties. Each victim of the summary goes to the later account that names the same kind of
victim ("police" for a policeman or a civil guard, "military" for a soldier, else the noun
itself), and a summary whose every victim went to an account is dropped.
"""

from __future__ import annotations

from spacy.tokens import Token

from kb.extract.victims import VICTIM_DEPS, listed_appositions
from kb.extract.words import word_list


def _words(name: str) -> frozenset[str]:
    return word_list(name, "casualty_words.txt")


def distribute_summaries(mentions: list) -> list:
    """A lead that sums up several incidents ("Terrorists killed a professor, a policeman and a
    pedestrian") gives each victim to the later account of the incident that names the same kind
    of victim ("professor Herminio Parra was shot at the door of his house", "machinegunned a civil
    guard and a pedestrian"), when that account counts no victims of its own. A summary whose every
    victim went to a later account is no event of its own: it is dropped. Returns the mentions kept."""
    from kb.model import event_family

    attacks = [m for m in mentions if event_family(m.event_class) == "Attack" and not m.generic]
    kept = []
    summed_up: set[int] = set()  # sentences whose summary went to the accounts
    for summary in mentions:
        if summary not in attacks or len(summary.victim_tokens) < 2 or len(summary.casualties) != len(summary.victim_tokens):
            kept.append(summary)
            continue
        later = [m for m in attacks if m.sentence_index > summary.sentence_index and m.status in ("Occurred", "Attempted")
                 and not any(c.outcome == "Killed" for c in m.casualties)]
        moves = []
        for index, (count, victim) in enumerate(zip(summary.casualties, summary.victim_tokens)):
            kinds = _victim_kinds([victim])
            account = next((m for m in later if kinds & _victim_kinds(_named_victims(m))), None)
            if account is not None and count.outcome == "Killed":
                moves.append((index, account))
        if not moves or len(moves) < len(summary.casualties):
            kept.append(summary)
            continue
        for index, account in moves:
            account.casualties.append(summary.casualties[index])
            account.casualty_notes.append((summary.head.i, False, False))  # one statement: the summary's
            account.victim_tokens.append(summary.victim_tokens[index])
        # the summary's perpetrator is each account's, where they name none
        for account in {id(a): a for _, a in moves}.values():
            if not account.roles.get("perpetrator"):
                for key in summary.roles.get("perpetrator", []):
                    account.add_role("perpetrator", key)
        summed_up.add(summary.sentence_index)
    # "... in two attacks on Saturday": the count of the incidents told apart is no incident either
    return [m for m in kept if not (m.sentence_index in summed_up and not m.casualties and m.head.tag_ == "NNS"
                                    and any(c.dep_ == "nummod" for c in m.head.children))]


def _named_victims(mention) -> list[Token]:
    """The phrases an attack is done to: objects and passive subjects of a verb trigger, the
    objects of "on/against" after a noun trigger, with their coordinated and listed items."""
    head = mention.head
    out = []
    for child in head.children:
        if child.dep_ in VICTIM_DEPS or (child.dep_ == "prep" and child.lower_ in ("on", "against")):
            phrases = [child] if child.dep_ != "prep" else [o for o in child.children if o.dep_ == "pobj"]
            for phrase in phrases:
                out.extend([phrase, *phrase.conjuncts, *listed_appositions(phrase)])
    return out


def _victim_kinds(heads: list[Token]) -> set[str]:
    """The kinds of victim named by noun phrases: "police" for a policeman or a civil guard,
    "military" for a soldier, else the nouns themselves ("professor", "pedestrian")."""
    kinds = set()
    for head in heads:
        words = [head, *(t for t in head.children if t.dep_ in ("compound", "appos") and t.pos_ in ("NOUN", "PROPN"))]
        for word in words:
            lemma = word.lemma_.lower()
            if lemma in _words("police_victims") or word.lower_ in _words("police_victims"):
                kinds.add("police")
            elif lemma in _words("military_victims") or word.lower_ in _words("military_victims"):
                kinds.add("military")
            elif word.pos_ == "NOUN" and lemma not in ("people", "person", "civilian", "civilians", "man", "woman"):
                kinds.add(lemma)
    return kinds
