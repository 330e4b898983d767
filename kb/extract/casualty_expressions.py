"""Finding casualty expressions in a sentence: ``find_casualties``.

One job: walk a sentence's parse and find every statement of who was killed, injured or
kidnapped:

* verbs with their victims: "killing six police officers" (object), "six soldiers were killed"
  (passive subject), "two civilians died" (subject), "shot dead two police officers", "left
  three dead and 12 wounded";
* nouns: "the deaths of 12 people", "the death toll rose to 25" (``tolls``), "12 dead";
* explicit zeros: "no one was hurt", "did not cause any injuries".

Counting the victims is ``victims``' job, recording a figure ``casualty_figures``'.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kb.extract.casualty_figures import Figure, add_figure, add_zero_figures
from kb.extract.tolls import number_of_casualties, read_noun_count, read_toll
from kb.extract.victims import accompanying_victims, is_human, subjects_of, verb_victims
from kb.extract.words import word_list


def _words(name: str) -> frozenset[str]:
    return word_list(name, "casualty_words.txt")


def find_casualties(sentence: Span) -> list[Figure]:
    """Every casualty figure stated in ``sentence``."""
    figures: list[Figure] = []
    kill, die, injure, kidnap = _words("kill_verbs"), _words("die_verbs"), _words("injure_verbs"), _words("kidnap_verbs")
    for token in sentence:
        lemma = token.lemma_.lower()
        if token.dep_ == "amod" and token.tag_ in ("VBN", "JJ") and lemma in kill | injure | kidnap:
            # "the murdered Bolivian scientist Noel Kempff", "the wounded soldier"
            outcome = "Killed" if lemma in kill else "Injured" if lemma in injure else "Kidnapped"
            if is_human(token.head) or token.head.ent_type_ == "PERSON" or outcome != "Kidnapped":
                add_figure(figures, token, token.head, outcome, False)
            continue
        if token.pos_ == "NOUN" and lemma in ("murder", "killing", "assassination", "execution", "massacre", "slaying"):
            of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            for obj in (c for c in of.children if c.dep_ == "pobj") if of is not None else ():
                for victim in [obj, *obj.conjuncts]:
                    add_figure(figures, token, victim, "Killed", False)
            continue
        if token.tag_.startswith("VB"):
            outcome = None
            if lemma in kill or (lemma == "shoot" and any(t.lower_ == "dead" for t in token.doc[token.i + 1:token.i + 4])):
                outcome = "Killed"
            elif lemma in _words("to_death_verbs") and _to_death(token):
                outcome = "Killed"  # "four villagers were burnt to death"
            elif lemma in injure:
                outcome = "Injured"
            elif lemma in kidnap or (lemma == "take" and _has_child_word(token, "hostage")):
                outcome = "Kidnapped"
            if lemma == "gun" and not _has_child_word(token, "down"):
                outcome = None
            if outcome is not None:
                negated = any(c.dep_ == "neg" for c in token.children)
                for victim in verb_victims(token, passive_or_object=True) + accompanying_victims(token, sentence):
                    if outcome == "Kidnapped" and lemma in ("seize", "capture") and not is_human(victim):
                        continue  # "seizing government buildings": a takeover, nobody kidnapped
                    add_figure(figures, token, victim, outcome, negated)
                continue
            if lemma in die:
                for victim in subjects_of(token):
                    add_figure(figures, token, victim, "Killed", False)
                continue
            if lemma == "leave":  # "left three dead and 12 wounded"
                _left_figures(token, figures)
                continue
            # "did not cause any casualties", "without causing casualties"
            if lemma in ("cause", "report", "suffer", "result") and (any(c.dep_ == "neg" for c in token.children)
                                                                     or token.head.lower_ == "without"):
                _negated_nouns(token, figures)
                continue
        if lemma == "toll" or (token.lower_ == "toll"):
            read_toll(token, figures)
        elif lemma == "number" and (outcome := number_of_casualties(token)) is not None:
            read_toll(token, figures, outcome)  # "the number of injured had risen to 19"
        elif token.lower_ in ("deaths", "death") and token.dep_ != "compound":
            of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            if of is not None:
                for obj in (c for c in of.children if c.dep_ == "pobj"):
                    for victim in [obj, *obj.conjuncts]:
                        add_figure(figures, token, victim, "Killed", False)
            else:
                read_noun_count(token, "Killed", figures)
        elif token.lower_ in ("dead", "wounded", "injured", "fatalities", "casualties") and token.pos_ in ("NOUN", "ADJ"):
            if token.dep_ in ("oprd",) or any(a.lemma_ == "leave" for a in token.ancestors):
                continue  # "left ... dead": read with the verb
            outcome = "Killed" if token.lower_ in ("dead", "fatalities") else "Injured"
            if token.lower_ == "casualties":
                if any(c.lower_ in ("no", "any") for c in token.children) or _head_negated(token):
                    add_zero_figures(figures, token, ("Killed", "Injured"))
                continue
            read_noun_count(token, outcome, figures)
        elif token.lower_ in ("injuries", "deaths") and _none_of(token):
            add_zero_figures(figures, token, ("Injured",) if token.lower_ == "injuries" else ("Killed",))
    return figures


def _none_of(noun: Token) -> bool:
    """"no injuries", "no damage or injuries were reported": "no" on the noun or on the first of its list."""
    first = noun.head if noun.dep_ == "conj" else noun
    return any(c.lower_ == "no" for c in (*noun.children, *first.children))


def _to_death(verb: Token) -> bool:
    return any(c.dep_ == "prep" and c.lower_ == "to" and any(o.lower_ == "death" for o in c.children) for c in verb.children)


def _has_child_word(token: Token, word: str) -> bool:
    return any(c.lower_ == word for c in token.children)


def _left_figures(verb: Token, figures: list[Figure]) -> None:
    """"left three dead and 12 wounded", "leaving 17 guerrillas and 2 soldiers dead, 6 civilians wounded":
    each victim phrase takes the state word that follows it."""
    states = sorted((t for t in verb.subtree if t.lower_ in _LEFT_STATES and t.i > verb.i), key=lambda t: t.i)
    if not states:
        return
    victims = []
    for child in verb.children:
        if child.dep_ in ("dobj", "oprd", "ccomp", "xcomp", "conj", "nsubj"):
            victims.extend([child, *child.conjuncts])
    seen = set()
    for victim in sorted(victims, key=lambda t: t.i):
        if victim.i in seen or victim.lower_ in _LEFT_STATES:
            if victim.lower_ in _LEFT_STATES:  # "left three dead": the number hangs on the state word
                number = next((c for c in victim.children if c.dep_ == "nummod" or c.like_num), None)
                if number is not None:
                    add_figure(figures, victim, number, _LEFT_STATES[victim.lower_], False)
            continue
        seen.add(victim.i)
        state = next((t for t in states if t.i >= victim.i), None)
        if state is None or not (is_human(victim) or victim.like_num or victim.tag_ == "CD"):
            continue
        add_figure(figures, state, victim, _LEFT_STATES[state.lower_], False)


_LEFT_STATES = {"dead": "Killed", "wounded": "Injured", "injured": "Injured"}


def _negated_nouns(verb: Token, figures: list[Figure]) -> None:
    for child in verb.children:
        if child.dep_ == "dobj" and child.lower_ in _words("zero_nouns"):
            outcomes = ("Killed", "Injured") if child.lower_ in ("casualties", "victims") else (
                ("Killed",) if child.lower_ in ("deaths", "dead", "fatalities") else ("Injured",))
            add_zero_figures(figures, child, outcomes)


def _head_negated(token: Token) -> bool:
    head = token.head
    return any(c.dep_ == "neg" for c in head.children)
