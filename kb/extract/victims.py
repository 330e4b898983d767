"""Victim phrases: which noun phrases a casualty word names as its victims, and how many each counts.

One job: from a casualty verb or noun to its victim phrases, and from a victim phrase to
(count, qualifier, victim group). A singular phrase ("a policeman", a named person) counts one;
a phrase with no count ("the dead", "them") gives no figure, so unknown stays absent. The
parser's slips are read back: a list taken for appositions ("a professor, a policeman, and a
pedestrian"), a tally of participles ("12 killed, 15 injured"), victims added by "along with".
Victims named after "including" are a part of a total and are not counted again. Numbers
themselves are read by ``quantities``.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kb.extract.quantities import number_words, parse_number, qualifier_before
from kb.extract.words import word_list


VICTIM_DEPS = frozenset({"dobj", "nsubjpass"})


def _words(name: str) -> frozenset[str]:
    return word_list(name, "casualty_words.txt")


def count_phrase(head: Token) -> tuple[int, str, str | None] | None:
    """(count, qualifier, victim group) for a victim noun phrase, or None when uncounted."""
    doc = head.doc
    lower = head.lower_
    if lower in ("one", "no-one") and any(c.lower_ == "no" for c in head.children):
        return 0, "Exact", None
    if lower in ("nobody", "none"):
        return 0, "Exact", None
    if head.ent_type_ == "PERSON":
        return 1, "Exact", None
    number = None
    if head.like_num or head.tag_ == "CD":
        number = head
    else:
        numbers = [c for c in head.children if c.dep_ == "nummod" or (c.dep_ in ("amod", "quantmod") and c.lower_ in number_words())]
        if numbers:
            number = numbers[0]
    group = victim_group(head)
    if number is not None:
        text = doc[number.i:number.i + 1].text
        # "two dozen", "1 200", "twenty five": the number's own compound parts
        parts = [c for c in number.children if c.dep_ in ("compound", "quantmod", "nummod") and (c.like_num or c.lower_ in number_words())]
        if parts:
            first = min([number, *parts], key=lambda t: t.i)
            text = doc[first.i:number.i + 1].text
        parsed = parse_number(text) or parse_number(number.text)
        if parsed is None:
            return None
        value, qualifier = parsed
        written = qualifier_before(doc[min(number.i, *(p.i for p in parts)) if parts else number.i])
        if written and qualifier == "Exact":
            qualifier = written
        if number is head:
            group = None  # "killing 12": a bare number names no group
        return value, qualifier, group
    # "dozens of people", "hundreds of civilians"
    parsed = parse_number(lower)
    if parsed is not None and parsed[1] == "AtLeast":
        of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        inner = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        return parsed[0], parsed[1], victim_group(inner) if inner is not None else None
    # "a policeman", "one soldier", "his bodyguard" (singular)
    if head.tag_ == "NN":
        if any(c.dep_ == "det" and c.lower_ in ("a", "an", "one", "another") for c in head.children):
            return 1, "Exact", group
        if any(c.dep_ == "poss" and c.tag_ == "PRP$" for c in head.children):
            return 1, "Exact", group
        if any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in head.children) and is_human(head):
            return 1, "Exact", group  # "killed the driver"
    return None


def victim_group(head: Token | None) -> str | None:
    """The words naming the victims: the head noun and the modifiers right before it
    ("six *police officers*", "over 50 *Afghan leaders*"), not numbers or casualty words."""
    if head is None or head.pos_ == "PRON":
        return None
    doc = head.doc
    skip = _words("kill_verbs") | _words("injure_verbs") | _words("kidnap_verbs") | {"dead", "least", "more", "other"}
    start = head.i
    i = head.i - 1
    while i >= 0:
        token = doc[i]
        if token.text == "-" or (token.head.i >= start and token.dep_ in ("compound", "amod", "nmod")
                                 and not token.like_num and token.lower_ not in number_words()
                                 and token.lemma_.lower() not in skip and token.lower_ not in skip):
            start = i
            i -= 1
            continue
        break
    while start < head.i and doc[start].text == "-":
        start += 1
    return doc[start:head.i + 1].text.replace(" - ", "-")


def is_human(token: Token) -> bool:
    if is_vessel(token):
        return False  # "the car carrier Galaxy Leader": a ship's name reads like a person's
    return token.ent_type_ == "PERSON" or token.lemma_.lower() in word_list("human_nouns", "event_words.txt") \
        or token.lower_ in word_list("human_nouns", "event_words.txt")


def is_vessel(token: Token) -> bool:
    """A ship, named or not: "the car carrier Galaxy Leader", "an oil tanker" (seized, it is taken, not kidnapped)."""
    words = word_list("vessel_nouns", "event_words.txt")
    return any(t.lemma_.lower() in words or t.lower_ in words
               for t in (token, *(c for c in token.subtree if c.i < token.i and c.dep_ in ("compound", "amod"))))


def says_else(victim: Token) -> bool:
    """"no one else was hurt": the attackers or the dead aside, nobody was injured."""
    return any(c.lower_ == "else" for c in victim.children)


def verb_victims(verb: Token, passive_or_object: bool) -> list[Token]:
    out = []
    # "killed a teacher, a nurse, and a farmer" parsed with "farmer" joined to the verb
    listed = [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "NOUN" and is_human(c)]
    for child in verb.children:
        if child.dep_ in VICTIM_DEPS:
            out.extend([child, *child.conjuncts])
            out.extend(listed_appositions(child, listed=bool(listed)))
            out.extend(listed)
        elif verb.tag_ == "VBN" and verb.dep_ == "conj" and child.dep_ in ("nsubj", "npadvmod") and (child.like_num or child.tag_ == "CD"):
            out.append(child)  # "33 people were killed and 55 wounded"
        elif verb.tag_ == "VBN" and child.dep_ == "nsubj" and (child.like_num or child.tag_ == "CD") and \
                not any(c.dep_ in ("aux", "auxpass") for c in verb.children) and \
                not any(c.dep_ == "acl" and c.tag_ == "VBN" for c in child.children):
            out.append(child)  # a tally: "12 killed, 15 injured and 26 shacks burned" ("12" has its own word)
    if not out and verb.dep_ in ("acl", "relcl") and verb.tag_ == "VBN":
        out.append(verb.head)  # "six soldiers killed in the attack"
    if not out and verb.dep_ == "conj" and verb.tag_ == "VBN":
        # "six soldiers were killed and 12 wounded": the subject of the first verb is shared only if no own
        pass
    return [v for v in out if v.pos_ != "PRON" or v.lower_ in ("one", "nobody", "none")]


def accompanying_victims(verb: Token, sentence: Span) -> list[Token]:
    """"killed three commanders in their homes, along with at least 10 civilians": victims added
    after the object by "along with" / "together with", wherever the parser hung the phrase (up to
    the next casualty word)."""
    casualty_words = _words("kill_verbs") | _words("injure_verbs") | _words("kidnap_verbs") | _words("die_verbs")
    out = []
    for token in sentence[verb.i + 1 - sentence.start:]:
        if token.tag_.startswith("VB") and token.lemma_.lower() in casualty_words:
            break
        if token.lower_ == "with" and token.head.lower_ in ("along", "together") and token.head.i == token.i - 1:
            out += [o for o in token.children if o.dep_ == "pobj" and is_human(o)]
    return out


def listed_appositions(head: Token, listed: bool = False) -> list[Token]:
    """"killed a professor, a policeman, and a pedestrian": the parser may take the second item for
    an apposition of the first; an "apposition" that goes on with "and ..." (or after which the
    list's last item was joined elsewhere: ``listed``) is the rest of a list."""
    out = []
    for child in head.children:
        if child.dep_ == "appos" and (listed and is_human(child) or any(c.dep_ == "conj" for c in child.children) and
                                      any(c.dep_ == "cc" and c.lower_ in ("and", "or") for c in child.children)):
            out.extend([child, *child.conjuncts])
    return out


def subjects_of(verb: Token) -> list[Token]:
    out = []
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            out.extend([child, *child.conjuncts])
    return out


def inside_including(token: Token) -> bool:
    node = token
    for _ in range(3):
        if node.dep_ == "pobj" and node.head.lower_ in ("including", "among"):
            return True
        if node.dep_ == "conj":
            node = node.head
            continue
        break
    return False


def named_victim(head: Token | None) -> Token | None:
    """The victim's name: the phrase itself or its apposition ("the Taliban leader in Helmand, Abdul Manan")."""
    if head is None:
        return None
    if head.ent_type_ == "PERSON":
        return head
    for child in head.children:
        if child.dep_ == "appos" and child.ent_type_ == "PERSON":
            return child
    for child in head.children:  # "the leader in Helmand, Abdul Manan": the apposition may hang on the place
        if child.dep_ == "prep":
            for obj in child.children:
                for sub in obj.children:
                    if sub.dep_ in ("appos", "conj") and sub.ent_type_ == "PERSON":
                        return sub
    return None
