"""Attacks stopped in the air: "shot down a rocket", "intercepted a drone", "air defences destroyed
a ballistic missile".

The weapon stopped is the attack (an ``Attempted`` airstrike for a drone or missile, shelling for
a rocket or mortar round); the verb of stopping is no assault of its own, and whoever stopped it
was the one attacked, never its perpetrator. ``mark_interceptions`` runs on the mentions before
statuses and roles: a stopping verb whose object is already a trigger ("shot down a rocket") is
dropped and the object marked; one whose object is a weapon word that is no trigger ("intercepted
a drone") becomes the weapon's event; one whose object is neither ("intercepted a truck of
weapons") is no event. ``settle_interceptions`` then makes the marked mentions Attempted and
moves a stopping verb's subject from perpetrator to target.

Choice where the guidelines are silent: only a stopping verb whose subject (when the parse gives
one) is not itself a weapon counts, and "destroy/neutralise" count only with an air-defence word
in their subject ("air defences destroyed"): "drones destroyed a depot" is an attack that hit.
"""

from __future__ import annotations

from spacy.tokens import Token

from kb.extract.actors import ActorResolver
from kb.extract.mentions import Mention
from kb.extract.words import sections

INTERCEPTED = "intercepted"  # flag: the weapon of this mention was stopped
STOPPER = "stopper"  # flag: this mention's verb is the stopping; its subject defended

_WORDS = "interception_words.txt"


def _words(name: str) -> frozenset[str]:
    return sections(_WORDS)[name]


def weapon_class(token: Token) -> str | None:
    """The attack class a stopped weapon stands for ("drone" -> Airstrike), if it is a weapon."""
    word = token.lemma_.lower()
    if word in _words("air_weapons") or token.lower_ in _words("air_weapons"):
        return "Airstrike"
    if word in _words("artillery_weapons") or token.lower_ in _words("artillery_weapons"):
        return "Shelling"
    return None


def stopping_verb(verb: Token) -> bool:
    """"shot down", "intercepted", "downed"; "destroyed" only with an air-defence subject."""
    lemma = verb.lemma_.lower()
    if lemma in _words("stopping_verbs"):
        return True
    if lemma in _words("stopping_with_particle") and any(c.dep_ == "prt" and c.lower_ == "down" for c in verb.children):
        return True
    if lemma in _words("stopping_by_defences"):
        return any(t.lower_ in _words("air_defence_words") for s in verb.children if s.dep_ in ("nsubj", "agent")
                   for t in s.subtree)
    return False


def _stopped_object(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)


def mark_interceptions(mentions: list[Mention]) -> None:
    """Mark stopped weapons and drop or recast the verbs that stopped them (see the module doc)."""
    by_head = {m.head.i: m for m in mentions}
    for mention in mentions:
        head = mention.head
        if mention.dropped or not head.tag_.startswith("VB") or not stopping_verb(head):
            if not mention.dropped and _stopped_by_verb(head):
                mention.flags = mention.flags | {INTERCEPTED}
            continue
        target = _stopped_object(head)
        if target is None:
            if "intercept" in mention.flags:
                mention.dropped = True  # "the convoy was intercepted": no weapon, no attack
            continue
        weapon = by_head.get(target.i) or by_head.get(target.head.i if target.dep_ == "compound" else -1)
        if weapon is not None and weapon is not mention:
            mention.dropped = True  # the weapon's own mention is the event
            weapon.flags = weapon.flags | {INTERCEPTED}
            continue
        kind = weapon_class(target)
        if kind is None:
            if "intercept" in mention.flags:
                mention.dropped = True
            continue
        mention.event_class = kind
        mention.flags = mention.flags | {INTERCEPTED, STOPPER}


def _stopped_by_verb(head: Token) -> bool:
    """A weapon noun that a stopping verb has as its object: "air defences destroyed a missile"."""
    if head.dep_ not in ("dobj", "nsubjpass") or weapon_class(head) is None:
        return False
    verb = head.head
    return verb.tag_.startswith("VB") and stopping_verb(verb)


def settle_interceptions(mentions: list[Mention], resolver: ActorResolver) -> None:
    """After statuses and roles: a stopped attack is Attempted; who stopped it was its target, who
    launched the weapon ("a drone launched by the Houthis") its perpetrator."""
    for mention in mentions:
        if INTERCEPTED not in mention.flags:
            continue
        if mention.status == "Occurred":
            mention.status = "Attempted"
            mention.prevented = True
        if STOPPER not in mention.flags:
            continue
        for key in mention.roles.pop("perpetrator", []):
            mention.add_role("target", key)
        weapon = _stopped_object(mention.head)
        for clause in (c for c in weapon.children if c.dep_ in ("acl", "relcl")) if weapon is not None else ():
            for agent in (a for a in clause.children if a.dep_ == "agent"):
                for key in (k for o in agent.children if o.dep_ == "pobj" for k in resolver.resolve_with_conjuncts(o)):
                    if key not in mention.roles.get("target", []):
                        mention.add_role("perpetrator", key)
