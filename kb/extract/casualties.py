"""Casualty figures: who was killed, injured or kidnapped, how many, and in which event.

``find_casualties`` reads every casualty expression of a sentence from the parse:

* verbs with their victims: "killing six police officers" (object), "six soldiers
  were killed" (passive subject), "two civilians died" (subject), "shot dead two
  police officers", "left three dead and 12 wounded";
* nouns: "the deaths of 12 people", "the death toll rose to 25", "12 dead" (a toll
  counts only a number: "the toll from the blast at a wedding hall has risen to 63"
  is 63, not one hall);
* explicit zeros: "no one was hurt", "did not cause any injuries".

Counting a victim phrase: digits and number words ("six", "1,200", "twenty-five",
"two dozen"), one for a singular phrase ("a policeman", a named person), vague
plurals as lower bounds (``data/numbers.tsv``: "dozens" = at least 24), and the
qualifier from the words before the number ("at least", "over" -> AtLeast; "up
to", "nearly" -> AtMost; "about", "some" -> Approximately). Victims named after
"including" are a part of the total and are not counted again. A phrase with no
count ("the dead", "them") gives no figure: unknown stays absent.

Victims listed in a parse that took the list for appositions ("a professor, a
policeman, and a pedestrian") and tallies of participles ("12 killed, 15 injured")
are counted. A lead that sums up several incidents hands its victims to the
accounts that follow (``distribute_summaries``). "The toll rose to 31 by Saturday"
updates the event told before, whatever its own date.

Totals (``totals``): figures of different victims in one statement add up ("six
police officers and two civilians" = 8); figures from different statements of
the same event do not: the largest stands (later reports usually update).
"No one was hurt" = 0 killed and 0 injured; "no injuries" = 0 injured.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Span, Token

from kb.extract.words import word_list
from kb.model import CasualtyCount

DATA = Path(__file__).with_name("data")
_VICTIM_DEPS = frozenset({"dobj", "nsubjpass"})


def _words(name: str) -> frozenset[str]:
    return word_list(name, "casualty_words.txt")


@lru_cache(maxsize=1)
def number_words() -> dict[str, tuple[int, str]]:
    out = {}
    for line in (DATA / "numbers.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, value, *rest = line.split("\t")
        out[word] = (int(value), rest[0] if rest and rest[0] else "Exact")
    return out


@dataclass
class Figure:
    """One casualty figure found in a sentence, with the token it hangs on."""

    count: CasualtyCount
    anchor: Token  # the casualty verb or noun
    victim_head: Token | None
    update: bool = False  # "the toll rose to 15": replaces earlier figures
    additional: bool = False  # "two policemen were also killed": adds to the earlier figure


@dataclass(frozen=True)
class Statement:
    """The figures one sentence gives for one event (they add up)."""

    key: tuple[int, int]  # (mention id, sentence index)
    counts: tuple[CasualtyCount, ...]
    update: bool = False


def parse_number(text: str) -> tuple[int, str] | None:
    """``"six"`` -> (6, Exact); ``"1,200"`` -> (1200, Exact); ``"dozens"`` -> (24, AtLeast)."""
    cleaned = text.lower().replace(",", "").strip()
    if re.fullmatch(r"\d+(\.\d+)?", cleaned):
        return int(float(cleaned)), "Exact"
    words = number_words()
    if cleaned in words:
        return words[cleaned]
    parts = re.split(r"[\s\-]+", cleaned)
    if len(parts) > 1 and all(p in words for p in parts):
        total, current = 0, 0
        for p in parts:
            value, qualifier = words[p]
            if qualifier != "Exact":
                return None
            if value in (100, 1000):
                current = max(current, 1) * value
                if value == 1000:
                    total, current = total + current, 0
            elif value == 12 and p == "dozen":
                current = max(current, 1) * 12
            else:
                current += value
        return total + current, "Exact"
    return None


def _qualifier_before(token: Token) -> str | None:
    """The qualifier written just before a number ("at least 12", "over 50")."""
    doc = token.doc
    before = " ".join(t.lower_ for t in doc[max(0, token.i - 3):token.i])
    for qualifier, section in (("AtLeast", "at_least"), ("AtMost", "at_most"), ("Approximately", "approximately")):
        for phrase in _words(section):
            if before == phrase or before.endswith(" " + phrase):
                return qualifier
    return None


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
    group = _victim_group(head)
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
        written = _qualifier_before(doc[min(number.i, *(p.i for p in parts)) if parts else number.i])
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
        return parsed[0], parsed[1], _victim_group(inner) if inner is not None else None
    # "a policeman", "one soldier", "his bodyguard" (singular)
    if head.tag_ == "NN":
        if any(c.dep_ == "det" and c.lower_ in ("a", "an", "one", "another") for c in head.children):
            return 1, "Exact", group
        if any(c.dep_ == "poss" and c.tag_ == "PRP$" for c in head.children):
            return 1, "Exact", group
        if any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in head.children) and _human(head):
            return 1, "Exact", group  # "killed the driver"
    return None


def _victim_group(head: Token | None) -> str | None:
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


# -- finding figures in a sentence -------------------------------------------------------------


def find_casualties(sentence: Span) -> list[Figure]:
    """Every casualty figure stated in ``sentence``."""
    figures: list[Figure] = []
    kill, die, injure, kidnap = _words("kill_verbs"), _words("die_verbs"), _words("injure_verbs"), _words("kidnap_verbs")
    for token in sentence:
        lemma = token.lemma_.lower()
        if token.dep_ == "amod" and token.tag_ in ("VBN", "JJ") and lemma in kill | injure | kidnap:
            # "the murdered Bolivian scientist Noel Kempff", "the wounded soldier"
            outcome = "Killed" if lemma in kill else "Injured" if lemma in injure else "Kidnapped"
            if _human(token.head) or token.head.ent_type_ == "PERSON" or outcome != "Kidnapped":
                _add(figures, token, token.head, outcome, False)
            continue
        if token.pos_ == "NOUN" and lemma in ("murder", "killing", "assassination", "execution", "massacre", "slaying"):
            of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            for obj in (c for c in of.children if c.dep_ == "pobj") if of is not None else ():
                for victim in [obj, *obj.conjuncts]:
                    _add(figures, token, victim, "Killed", False)
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
                for victim in _victims(token, passive_or_object=True) + _accompanying_victims(token, sentence):
                    if outcome == "Kidnapped" and lemma in ("seize", "capture") and not _human(victim):
                        continue  # "seizing government buildings": a takeover, nobody kidnapped
                    _add(figures, token, victim, outcome, negated)
                continue
            if lemma in die:
                for victim in _subjects(token):
                    _add(figures, token, victim, "Killed", False)
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
            _toll(token, figures)
        elif lemma == "number" and (outcome := _number_of_casualties(token)) is not None:
            _toll(token, figures, outcome)  # "the number of injured had risen to 19"
        elif token.lower_ in ("deaths", "death") and token.dep_ != "compound":
            of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            if of is not None:
                for obj in (c for c in of.children if c.dep_ == "pobj"):
                    for victim in [obj, *obj.conjuncts]:
                        _add(figures, token, victim, "Killed", False)
            else:
                _noun_count(token, "Killed", figures)
        elif token.lower_ in ("dead", "wounded", "injured", "fatalities", "casualties") and token.pos_ in ("NOUN", "ADJ"):
            if token.dep_ in ("oprd",) or any(a.lemma_ == "leave" for a in token.ancestors):
                continue  # "left ... dead": read with the verb
            outcome = "Killed" if token.lower_ in ("dead", "fatalities") else "Injured"
            if token.lower_ == "casualties":
                if any(c.lower_ in ("no", "any") for c in token.children) or _head_negated(token):
                    _add_zero(figures, token, ("Killed", "Injured"))
                continue
            _noun_count(token, outcome, figures)
        elif token.lower_ in ("injuries",) and (any(c.lower_ in ("no",) for c in token.children)):
            _add_zero(figures, token, ("Injured",))
    return figures


def _add(figures: list[Figure], anchor: Token, victim: Token, outcome: str, negated: bool) -> None:
    if any(f.victim_head is not None and f.victim_head.i == victim.i and f.count.outcome == outcome for f in figures):
        return
    if _inside_including(victim):
        return
    counted = count_phrase(victim)
    if counted is None:
        return
    value, qualifier, group = counted
    if negated:
        if value != 0 and victim.lower_ not in ("one", "anyone", "anybody"):
            return
        value = 0
    if value == 0 and outcome == "Injured" and anchor.lemma_.lower() == "hurt" and not _else(victim):
        figures.append(Figure(CasualtyCount("Killed", 0, "Exact"), anchor, victim))
    additional = any(c.lower_ in ("also", "too", "additionally") for c in anchor.children)
    figures.append(Figure(CasualtyCount(outcome, value, qualifier, group), anchor, victim, additional=additional))


def _human(token: Token) -> bool:
    return token.ent_type_ == "PERSON" or token.lemma_.lower() in word_list("human_nouns", "event_words.txt") \
        or token.lower_ in word_list("human_nouns", "event_words.txt")


def _else(victim: Token) -> bool:
    """"no one else was hurt": the attackers or the dead aside, nobody was injured."""
    return any(c.lower_ == "else" for c in victim.children)


def _add_zero(figures: list[Figure], anchor: Token, outcomes: tuple[str, ...]) -> None:
    for outcome in outcomes:
        if not any(f.count.outcome == outcome and f.anchor.i == anchor.i for f in figures):
            figures.append(Figure(CasualtyCount(outcome, 0, "Exact"), anchor, None))


def _victims(verb: Token, passive_or_object: bool) -> list[Token]:
    out = []
    # "killed a teacher, a nurse, and a farmer" parsed with "farmer" joined to the verb
    listed = [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "NOUN" and _human(c)]
    for child in verb.children:
        if child.dep_ in _VICTIM_DEPS:
            out.extend([child, *child.conjuncts])
            out.extend(_listed_appositions(child, listed=bool(listed)))
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


def _to_death(verb: Token) -> bool:
    return any(c.dep_ == "prep" and c.lower_ == "to" and any(o.lower_ == "death" for o in c.children) for c in verb.children)


def _accompanying_victims(verb: Token, sentence: Span) -> list[Token]:
    """"killed three commanders in their homes, along with at least 10 civilians": victims added
    after the object by "along with" / "together with", wherever the parser hung the phrase (up to
    the next casualty word)."""
    casualty_words = _words("kill_verbs") | _words("injure_verbs") | _words("kidnap_verbs") | _words("die_verbs")
    out = []
    for token in sentence[verb.i + 1 - sentence.start:]:
        if token.tag_.startswith("VB") and token.lemma_.lower() in casualty_words:
            break
        if token.lower_ == "with" and token.head.lower_ in ("along", "together") and token.head.i == token.i - 1:
            out += [o for o in token.children if o.dep_ == "pobj" and _human(o)]
    return out


def _listed_appositions(head: Token, listed: bool = False) -> list[Token]:
    """"killed a professor, a policeman, and a pedestrian": the parser may take the second item for
    an apposition of the first; an "apposition" that goes on with "and ..." (or after which the
    list's last item was joined elsewhere: ``listed``) is the rest of a list."""
    out = []
    for child in head.children:
        if child.dep_ == "appos" and (listed and _human(child) or any(c.dep_ == "conj" for c in child.children) and
                                      any(c.dep_ == "cc" and c.lower_ in ("and", "or") for c in child.children)):
            out.extend([child, *child.conjuncts])
    return out


def _subjects(verb: Token) -> list[Token]:
    out = []
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            out.extend([child, *child.conjuncts])
    return out


def _has_child_word(token: Token, word: str) -> bool:
    return any(c.lower_ == word for c in token.children)


def _inside_including(token: Token) -> bool:
    node = token
    for _ in range(3):
        if node.dep_ == "pobj" and node.head.lower_ in ("including", "among"):
            return True
        if node.dep_ == "conj":
            node = node.head
            continue
        break
    return False


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
                    _add(figures, victim, number, _LEFT_STATES[victim.lower_], False)
            continue
        seen.add(victim.i)
        state = next((t for t in states if t.i >= victim.i), None)
        if state is None or not (_human(victim) or victim.like_num or victim.tag_ == "CD"):
            continue
        _add(figures, state, victim, _LEFT_STATES[state.lower_], False)


_LEFT_STATES = {"dead": "Killed", "wounded": "Injured", "injured": "Injured"}


def _negated_nouns(verb: Token, figures: list[Figure]) -> None:
    for child in verb.children:
        if child.dep_ == "dobj" and child.lower_ in _words("zero_nouns"):
            outcomes = ("Killed", "Injured") if child.lower_ in ("casualties", "victims") else (
                ("Killed",) if child.lower_ in ("deaths", "dead", "fatalities") else ("Injured",))
            _add_zero(figures, child, outcomes)


def _head_negated(token: Token) -> bool:
    head = token.head
    return any(c.dep_ == "neg" for c in head.children)


def _number_of_casualties(token: Token) -> str | None:
    """"the number of injured / of dead": the outcome the number counts."""
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
        for obj in (o for o in prep.children if o.dep_ == "pobj"):
            if obj.lower_ in _words("dead_words"):
                return "Killed"
            if obj.lower_ in _words("injured_words"):
                return "Injured"
    return None


def _toll(token: Token, figures: list[Figure], outcome: str | None = None) -> None:
    if outcome is None:
        if not any(c.lower_ == "death" for c in token.children) and token.lower_ != "toll":
            return
        outcome = "Injured" if any(c.lower_ in ("injury", "casualty") for c in token.children) else "Killed"
    # the figure the verb gives first ("the toll ... has risen to 63", "put the death toll at 20"),
    # then the toll's own ("a toll of 12"); "the toll from the blast at a wedding hall" counts no hall
    candidates = []
    if token.dep_ == "dobj":  # "put the death toll at 20"
        candidates += [c for c in token.head.children if c.dep_ == "prep" and c.lower_ in ("at", "to")]
    if token.dep_ in ("nsubj",):
        verb = token.head
        candidates += [c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("to", "at")]
        candidates += [c for c in verb.children if c.dep_ in ("attr", "dobj") and (c.like_num or c.tag_ == "CD")]
    candidates += [c for c in token.children if c.dep_ == "prep" and c.lower_ in ("of", "at")]
    for prep in candidates:
        objects = [prep] if prep.like_num or prep.tag_ == "CD" else [c for c in prep.children if c.dep_ == "pobj"]
        for obj in objects:
            if not _gives_number(obj):
                continue
            counted = count_phrase(obj)
            if counted:
                value, qualifier, group = counted
                rising = token.dep_ == "nsubj" and token.head.lemma_.lower() in _RISING_VERBS
                figures.append(Figure(CasualtyCount(outcome, value, qualifier, group), token, obj, update=rising))
                return


# "the death toll has risen to 63", "climbed to", "reached", "hit": the new figure replaces the earlier ones
_RISING_VERBS = frozenset({"rise", "climb", "increase", "reach", "jump", "grow", "mount", "hit", "soar", "swell"})


def _gives_number(token: Token) -> bool:
    """Whether a phrase after a toll says a number ("63", "at least 20 people", "dozens"), not a
    place or an event ("the toll from the blast at a wedding hall")."""
    if token.like_num or token.tag_ == "CD" or token.lower_ in number_words():
        return True
    return any(t.like_num or t.tag_ == "CD" or t.lower_ in number_words() for t in token.children
               if t.dep_ in ("nummod", "quantmod", "amod"))


def _noun_count(token: Token, outcome: str, figures: list[Figure]) -> None:
    """"12 dead", "at least 20 wounded": a number modifying or governing the casualty word."""
    for child in token.children:
        if child.dep_ in ("nummod", "npadvmod") and (child.like_num or child.lower_ in number_words()):
            parsed = parse_number(child.text)
            if parsed:
                qualifier = _qualifier_before(child) or parsed[1]
                figures.append(Figure(CasualtyCount(outcome, parsed[0], qualifier), token, child))
                return
    head = token.head
    if token.dep_ in ("amod", "acl") and (head.like_num or head.tag_ == "CD"):
        parsed = parse_number(head.text)
        if parsed:
            figures.append(Figure(CasualtyCount(outcome, parsed[0], _qualifier_before(head) or parsed[1]), token, head))


def totals(statements: list[Statement]) -> tuple[int | None, int | None]:
    """(killed, injured) over the statements of one event.

    Within a statement the figures of different victims add up. Across statements,
    an update ("the toll rose to 15") replaces what came before; otherwise the
    figures compete and the lowest stands (the most conservative report, as ACLED
    records them).
    """
    result: dict[str, int] = {}
    updated: set[str] = set()
    for statement in statements:
        summed: dict[str, int] = {}
        for c in statement.counts:
            summed[c.outcome] = summed.get(c.outcome, 0) + c.count
        for outcome, value in summed.items():
            if statement.update:
                result[outcome] = value
                updated.add(outcome)
            elif outcome in updated:
                continue
            else:
                result[outcome] = min(result.get(outcome, value), value)
    return result.get("Killed"), result.get("Injured")


# -- which event a figure belongs to ---------------------------------------------------------------


def attach_figures(document, mentions, resolver, make_mention) -> list:
    """Give each figure of the article to its event; figures of no event may make one.

    Owner, in order: the event the casualty word hangs on in the parse ("launched an
    assault ..., *killing* a policeman", "the blast *killed*", "killed *in the
    attack*"); else the nearest attack of the same sentence; else the latest attack
    of the two sentences before (the report goes on about it); else, for a killing
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
                    owner = before[-1]
            if owner is None:
                owner = make_mention(figure.anchor)
                if owner is not None:
                    created.append(owner)
                    here.append(owner)
                    by_head[owner.head.i] = owner
            if owner is None:
                continue
            count = figure.count
            person = _named_victim(figure.victim_head)
            if person is not None:
                victims = resolver.resolve(person)
                if victims:
                    count = CasualtyCount(count.outcome, count.count, count.qualifier, count.victim_group or person.text, victims[0])
            owner.casualties.append(count)
            owner.casualty_notes.append((_statement_anchor(figure.anchor), figure.update, figure.additional))
            if figure.victim_head is not None:
                owner.victim_tokens.append(figure.victim_head)
    return created


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
        if child.dep_ in _VICTIM_DEPS or (child.dep_ == "prep" and child.lower_ in ("on", "against")):
            phrases = [child] if child.dep_ != "prep" else [o for o in child.children if o.dep_ == "pobj"]
            for phrase in phrases:
                out.extend([phrase, *phrase.conjuncts, *_listed_appositions(phrase)])
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


def statements_of(mentions) -> list[Statement]:
    """The casualty statements of a group of mentions, in text order ("also" figures join the one before)."""
    grouped: dict[tuple[int, int], list[CasualtyCount]] = {}
    updates: dict[tuple[int, int], bool] = {}
    order: list[tuple[int, int]] = []
    for mention in mentions:
        last_key = None
        for count, (sentence, update, additional) in zip(mention.casualties, mention.casualty_notes):
            key = last_key if additional and last_key is not None else (id(mention), sentence)  # sentence = anchor
            if key not in grouped:
                grouped[key] = []
                order.append(key)
            grouped[key].append(count)
            updates[key] = updates.get(key, False) or update
            last_key = key
    order.sort(key=lambda k: k[1])
    return [Statement(k, tuple(grouped[k]), updates[k]) for k in order]


_CLAIM_REACH = 4  # sentences back to the attack a claim of responsibility speaks of (after the toll's updates)


def claims_responsibility(sentence: Span) -> bool:
    """"X claimed responsibility / took credit": the sentence is a claim of an attack told before."""
    verbs = word_list("claim_verbs", "event_words.txt")
    nouns = word_list("claim_nouns", "event_words.txt")
    return any(t.lemma_.lower() in verbs and t.tag_.startswith("VB") and any(c.lemma_.lower() in nouns for c in t.children)
               for t in sentence)


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
                and not _human(token.head.head):  # "a United Nations official in Sanaa put the toll at 20"
            return True
    return False


def _named_victim(head: Token | None) -> Token | None:
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
