"""Factuality: did the event happen, is it going on, planned, proposed, hypothetical or denied?

``assign_status`` reads cues from the trigger outwards, nearest first, and the
first cue found decides (the cue lists are ``data/factuality_cues.txt``):

1. words on the trigger itself: "a *possible* ceasefire", "*failed* attack" ->
   Proposed / Attempted; "*planned* talks" -> Planned; "*no* talks" -> Denied;
2. up the parse from the trigger to the verb that reports it (never beyond a
   reporting verb such as "said"), on each verb passed:
   * a condition: "*if* they accepted a ceasefire" -> Hypothetical;
   * a purpose: "a raid *to capture* the rebel leader" -> Planned (intended, not told as done);
   * a modal: "*will* resume" -> Planned, "*could* attack" -> Hypothetical, but
     "said talks *would* resume" (a future reported in the past) -> Planned;
   * a negation of the trigger verb or of a verb whose object the trigger is
     ("did *not* attack", "did *not* hold talks") -> Denied;
   * a verb that puts the event in its object: proposals and wishes ("*suggested*
     peace talks", "*hopes* to pressure the Taliban into a peace deal") -> Proposed;
     plans reached through an infinitive ("*agreed to* hold talks") -> Planned;
     attempts ("*tried to* storm") -> Attempted (a negotiation: Proposed);
     threats -> Hypothetical; denials ("*denied* that talks took place") -> Denied;
   * the topic of talks or of a proposal ("talks *over* a possible ceasefire",
     "ceasefire talks") -> Proposed;
   * a present progressive or "be in" ("talks *are taking place*", "*are in*
     talks"), a lasting verb with "still" ("fighting *was still raging*") -> Ongoing;
   * "be due / set to" ("he *is due to* meet Putin") -> Planned;
3. (checked between 1 and 2) a ceasefire told as in force and not as ended
   ("came into force", "took effect", "held on Sunday", "which have largely
   held") -> Ongoing;
4. otherwise Occurred (news reports past events; a headline's present tense is
   the historical present). ``events.py`` later makes an Occurred event whose
   date lies after the publication date Planned.

Choices where the brief is silent: a proposal itself is an event that happened
(Ghani's offer: PeaceProposal, Occurred); what it proposes is a separate event,
Proposed, related to it ("peace talks" in "suggested peace talks"). A modal of
attribution ("the Taliban *could be behind* the attack") hedges who did it, not
whether it happened: the hedge is read in ``roles.py``.
"""

from __future__ import annotations

from spacy.tokens import Token

from kb.extract.mentions import Mention, lemma_forms
from kb.extract.words import word_list
from kb.model import event_family

_MAX_STEPS = 8
_TOPIC_PREPS = frozenset({"on", "about", "over", "for", "toward", "towards", "of"})
# A clause behind these prepositions is another event's or an attribution: "despite the Taliban
# launching attacks", "could be behind the attack", "claimed responsibility for the attack".
_BOUNDARY_PREPS = frozenset({"despite", "after", "before", "following", "amid", "since", "during", "until",
                             "because", "behind", "like", "unlike", "besides"})
_ATTRIBUTION_NOUNS = frozenset({"responsibility", "credit", "blame", "involvement", "role"})
_PATH_DEPS = frozenset({"dobj", "pobj", "prep", "xcomp", "ccomp", "advcl", "conj", "nsubj", "nsubjpass",
                        "attr", "pcomp", "acl", "relcl", "oprd", "compound", "appos", "dep", "npadvmod", "acomp"})


def _cues(name: str) -> frozenset[str]:
    return word_list(name, "factuality_cues.txt")


def assign_status(mention: Mention, negotiation_heads: set[int], other_heads: set[int] = frozenset()) -> None:
    """Set ``mention.status`` (and ``hedged``) from the cues around its trigger.

    ``negotiation_heads`` are the triggers a negotiation may be the topic of;
    ``other_heads`` all triggers: the climb stops at another event.
    """
    family = event_family(mention.event_class)
    head = mention.head
    status = _modifier_status(head, family)
    if status is None and mention.event_class == "Ceasefire" and _in_force(mention.phrase_head):
        status = "Ongoing"
    if status is None:
        status = _path_status(mention, head, family, negotiation_heads, other_heads)
    mention.status = status or "Occurred"
    mention.prevented = status == "Attempted" and _prevented(head)
    mention.hedged = mention.hedged or _hedged(head)


def _in_force(phrase: Token) -> bool:
    """"The ceasefire came into force / took effect / held on Sunday", "ceasefires ..., which have
    largely held": a truce told as having started (or holding) and not as ended is in course at
    publication. A truce that "held for two weeks" or "until" a date, or that also "collapsed", is not."""
    verb = phrase.head if phrase.dep_ in ("nsubj", "nsubjpass") else None
    if phrase.dep_ == "ROOT":
        # "A ceasefire ... held on Sunday" read as a noun with a participle: the participle is the verb
        # (the sentence has no verb; the parser may hang the participle on the last noun before it)
        verb = next((c for c in phrase.subtree if c.dep_ == "acl" and c.tag_ == "VBN" and c.i > phrase.i
                     and not any(a.dep_ == "agent" for a in c.children)), None)
    if verb is None and phrase.dep_ in ("dobj", "pobj"):
        # "declared ceasefires in August, which have largely held": the parser hangs the clause on the date
        clause = phrase.head if phrase.dep_ == "dobj" else phrase.head.head
        verb = next((r for t in clause.subtree if t.dep_ == "relcl" and t.i > phrase.i
                     and any(c.lower_ == "which" for c in t.children) for r in (t,)), None)
        if verb is None or verb.lemma_.lower() != "hold" or not _present_or_perfect(verb):
            return False
        return True
    if verb is None or verb.tag_ not in ("VBD", "VBN", "VBZ", "VBP"):
        return False
    if any(c.dep_ == "aux" and c.lower_ in _cues("future_modals") | _cues("hypothetical_modals") for c in verb.children):
        return False
    if any(c.dep_ == "prep" and c.lower_ in ("until", "till", "for") for c in verb.children):
        return False
    if any(c.dep_ == "conj" and c.lemma_.lower() in _cues("ending_verbs") for c in verb.children):
        return False
    lemma = verb.lemma_.lower()
    if lemma == "hold":
        return True
    objects = {o.lemma_.lower() for c in verb.children if c.dep_ in ("dobj", "prep")
               for o in ([c] if c.dep_ == "dobj" else [x for x in c.children if x.dep_ == "pobj"])}
    return lemma in ("take", "come", "go", "enter") and bool(objects & {"effect", "force"})


def _prevented(head: Token) -> bool:
    """Whether a verb of stopping ("defuse", "foil") governs the trigger."""
    node = head
    for _ in range(_MAX_STEPS):
        if node.lemma_.lower() in _cues("prevention_verbs"):
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _modifier_status(head: Token, family: str) -> str | None:
    for child in head.children:
        word = child.lower_
        if child.dep_ in ("amod", "compound", "advmod", "nmod", "acomp"):
            if word in _cues("attempted_modifiers"):
                return "Attempted" if family == "Attack" else "Proposed"
            if word in _cues("proposed_modifiers"):
                return "Proposed"
            if word in _cues("planned_modifiers") and not child.tag_.startswith("VB"):
                return "Planned"
        if child.dep_ == "det" and word == "no":
            return "Denied"
    return None


def _path_status(mention: Mention, head: Token, family: str, negotiation_heads: set[int],
                 other_heads: set[int] = frozenset()) -> str | None:
    if family == "Negotiation" and head.i + 1 < len(head.doc) and head.i + 1 in negotiation_heads and head.dep_ != "nsubj":
        return "Proposed"  # "ceasefire talks" misparsed ("Taliban in ceasefire talks with ..."): the talks' topic
    node = head
    via = None  # the dependency by which we reached ``node`` from below
    below: Token | None = None  # the token we came from
    for _ in range(_MAX_STEPS):
        if node.tag_.startswith("VB") or node.pos_ in ("VERB", "AUX"):
            if via == "prep" and below is not None and below.lower_ == "with" and continuing(node):
                return "Ongoing"  # "Israeli forces pressed on with a large-scale raid"
            found = _verb_status(node, node.i == head.i, via, family, below)
            if found is not None:
                return found
            if node.i != head.i and node.lemma_.lower() in _cues("reporting_verbs"):
                return None
        parent = node.head
        if parent.i == node.i or node.dep_ not in _PATH_DEPS:
            return None
        if node.dep_ == "pobj" and (parent.lower_ in _BOUNDARY_PREPS or (
                parent.lower_ == "for" and parent.head.lemma_.lower() in _ATTRIBUTION_NOUNS)):
            return None
        if family == "Attack" and parent.i in other_heads and parent.i != head.i:
            return None  # "assaults ... and missile strikes": the other event's words are not ours
        # the topic of talks or of a proposal: "talks over a possible ceasefire", "ceasefire talks"
        if family == "Negotiation" and node.i == head.i and node.dep_ == "compound" and parent.i in negotiation_heads:
            return "Proposed"
        if family == "Negotiation" and node.dep_ == "pobj" and parent.dep_ == "prep" and parent.lower_ in _TOPIC_PREPS \
                and parent.head.i in negotiation_heads and parent.head.i != head.i:
            return "Proposed"
        via = node.dep_
        below = node
        node = parent
    return None


def phrasal_other_sense(verb: Token) -> bool:
    """A verb whose particle gives it another sense: "called off a ceasefire" ended it, asked for nothing."""
    return any(c.dep_ == "prt" and f"{verb.lemma_.lower()} {c.lower_}" in word_list("phrasal_non_triggers", "event_words.txt")
               for c in verb.children)


def continuing(verb: Token) -> bool:
    """A verb that goes on with what its "with" names: "pressed on / ahead with", "carried on with",
    "continued with"."""
    lemma = verb.lemma_.lower()
    if lemma in ("continue", "proceed"):
        return True
    return lemma in _cues("continuation_verbs") and any(
        c.dep_ in ("prt", "advmod", "prep") and c.lower_ in ("on", "ahead", "forward") for c in verb.children)


def _verb_status(verb: Token, is_trigger: bool, via: str | None, family: str, below: Token | None = None) -> str | None:
    lemma = verb.lemma_.lower()
    children = list(verb.children)
    if verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _cues("conditional_marks") for c in children):
        return "Hypothetical"
    if is_trigger and verb.dep_ in ("acl", "advcl") and verb.tag_ == "VB" and \
            any(c.dep_ == "aux" and c.lower_ == "to" for c in children):
        return "Planned"  # a purpose: "a raid to capture the rebel leader", "troops moved in to retake the town"
    occurrence = is_trigger or lemma in _cues("occurrence_verbs")
    if occurrence and any(c.dep_ == "neg" for c in children):
        return "Denied"
    for child in children:
        if child.dep_ != "aux":
            continue
        word = child.lower_
        if word in _cues("future_modals"):
            return "Planned"
        if word in _cues("hypothetical_modals"):
            if word == "would" and _reported(verb):
                return "Planned"
            if occurrence:
                return "Hypothetical"
    if not is_trigger:
        infinitive = via == "xcomp" or (via == "ccomp" and lemma in ("agree", "decide", "plan"))
        if lemma in _cues("denial_verbs"):
            return "Denied"
        if lemma in _cues("attempt_verbs") and via in ("xcomp", "dobj", "nsubjpass"):  # "the attack was foiled"
            return "Attempted" if family == "Attack" else "Proposed"
        if lemma in _cues("planned_verbs") and infinitive:
            return "Planned"
        with_object = via == "prep" and below is not None and below.lower_ == "with"  # "pressed with a raid"
        if lemma in _cues("proposal_verbs") and via in ("dobj", "xcomp", "prep", "ccomp", "nsubjpass", "pobj") \
                and not with_object and not phrasal_other_sense(verb):
            return "Proposed" if family == "Negotiation" else "Hypothetical"
        if lemma in _cues("hypothetical_verbs") and via in ("xcomp", "dobj", "ccomp"):
            return "Hypothetical"
    if via == "acomp" and lemma == "be":
        adjective = next((c for c in children if c.dep_ == "acomp"), None)
        if adjective is not None and adjective.lower_ in _cues("planned_verbs") | _cues("planned_modifiers") \
                and any(x.dep_ == "xcomp" for x in adjective.children):
            return "Planned"  # "he is due to meet Putin", "the sides are set to sign"
    if via in ("nsubj", "nsubjpass") and lemma == "be" and any(
            c.dep_ in ("acomp", "attr") and c.lower_ in _cues("planned_verbs") | _cues("planned_modifiers")
            and any(x.dep_ == "xcomp" for x in c.children) for c in children):
        return "Planned"  # "talks are due to resume next week", "the truce is set to take effect"
    if occurrence and _progressive_present(verb):
        return "Ongoing"
    if via in ("nsubj", "nsubjpass") and _ongoing(verb, family):
        return "Ongoing"  # "the truce ... has largely held", "fighting continues"
    if via in ("nsubj", "nsubjpass") and _durative(verb, family) and any(c.lower_ == "still" for c in children):
        return "Ongoing"  # "fighting was still raging on Tuesday": going on when the report was written
    if not is_trigger and via in ("nsubj", "nsubjpass") and lemma in _cues("planned_verbs") and \
            any(c.dep_ == "xcomp" for c in children):
        return "Planned"  # "negotiations are expected to start in March"
    if lemma == "be" and via == "prep" and verb.tag_ in ("VBZ", "VBP"):
        return "Ongoing"  # "are in talks"
    if lemma in _cues("ongoing_verbs") and verb.tag_ in ("VBZ", "VBP", "VBG") and not is_trigger:
        return "Ongoing" if _present(verb) else None
    return None


# Verbs that say a lasting event is still in course when their subject is the event (present or
# present perfect): "the truce has largely held", "fighting continues", "the talks have made little progress".
_DURATIVE_VERBS = {
    "Negotiation": frozenset({"hold", "continue", "last", "go", "remain", "drag", "stall", "proceed", "run", "make", "be"}),
    "Attack": frozenset({"continue", "rage", "last", "go", "drag", "persist"}),
}


def _durative(verb: Token, family: str) -> bool:
    # (the lemmatizer misreads some forms, "raging" -> "rag": the plain stems are tried too)
    return bool(set(lemma_forms(verb)) & _DURATIVE_VERBS.get(family, frozenset()))


def _ongoing(verb: Token, family: str) -> bool:
    """A lasting verb in the present or present perfect, on the verb or a verb joined to it
    ("began last Saturday and has largely held")."""
    verbs = [verb, *[c for c in verb.children if c.dep_ == "conj" and c.tag_.startswith("VB")]]
    if any(_durative(v, family) and _present_or_perfect(v) for v in verbs):
        return True
    # "fighting continued on Thursday" in Friday's paper: still going on, unless it went on "until" an end
    return verb.tag_ == "VBD" and verb.lemma_.lower() in ("continue", "rage", "persist") and not any(
        c.dep_ == "prep" and c.lower_ in ("until", "till", "through") for c in verb.children)


def _present_or_perfect(verb: Token) -> bool:
    for v in (verb,):
        if v.tag_ in ("VBZ", "VBP"):
            return True
        if v.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in ("has", "have") for c in v.children):
            return True
        if v.tag_ == "VBG" and any(c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP") for c in v.children):
            return True
    return False


def _progressive_present(verb: Token) -> bool:
    """"are holding talks", and the present perfect "have been holding talks since last year"."""
    if verb.tag_ != "VBG":
        return False
    auxiliaries = [c for c in verb.children if c.dep_ == "aux"]
    if any(c.lemma_ == "be" and c.tag_ in ("VBZ", "VBP") for c in auxiliaries):
        return True
    return any(c.lower_ == "been" for c in auxiliaries) and any(
        c.lemma_ == "have" and c.tag_ in ("VBZ", "VBP") for c in auxiliaries)


def _present(verb: Token) -> bool:
    if verb.tag_ in ("VBZ", "VBP"):
        return True
    return _progressive_present(verb)


def _reported(verb: Token) -> bool:
    node = verb
    for _ in range(3):
        if node.head.i == node.i:
            return False
        node = node.head
        if node.lemma_.lower() in _cues("reporting_verbs"):
            return True
    return False


def _hedged(head: Token) -> bool:
    hedges = _cues("hedges")
    node = head
    for _ in range(4):
        if any(c.lower_ in hedges for c in node.children):
            return True
        if node.head.i == node.i:
            break
        node = node.head
    return False
