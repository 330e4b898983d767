"""Later mentions told through the weapon of an incident already told.

"Militants hurled a grenade at a bunker. The grenade missed its target and exploded on the
road": the second sentence tells how the same attack went, not a second bombing. A verb
trigger whose subject is a definite weapon noun ("the grenade", "the bomb", "the device",
``[weapon_anaphors]``) is marked definite, so coreference joins it to the attack before (and,
with nothing before it, the group of definite mentions alone is not an event).
"""

from __future__ import annotations

from kb.extract.mentions import Mention
from kb.extract.words import word_list


def told_through_weapon(mention: Mention) -> bool:
    """Whether a verb trigger's subject is a definite weapon noun ("the grenade exploded")."""
    if not mention.is_verb:
        return False
    weapons = word_list("weapon_anaphors", "event_words.txt")
    verb = mention.head
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects and verb.dep_ == "conj":  # "The grenade missed its target and exploded"
        subjects = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    for subject in subjects:
        if subject.lemma_.lower() in weapons and any(
                d.dep_ == "det" and d.lower_ in ("the", "this", "that") for d in subject.children):
            return True
    return False
