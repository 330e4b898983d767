"""Short human titles for events: "Assault on the interior ministry in Kabul",
"Talks between the Taliban and the Government of Afghanistan".

A title names the kind of event, then what the roles and the place allow, in this
order of preference: for an attack its site ("on the interior ministry in
Kabul"), else its place ("in Kabul"), else its target, else its perpetrator; a
takeover leads with who took what ("Taliban takeover of Farah"), a recapture with the place
("Recapture of Farah by Afghan forces"); negotiations
name their parties ("between X and Y"), a proposal its proposer and addressee.
Words come from the data (actor labels, "the" where the lexicon says the name
takes it), never from the sentence, so titles read alike across articles.
"""

from __future__ import annotations

CLASS_NOUNS = {
    "Attack": "Attack", "Bombing": "Bombing", "Airstrike": "Airstrike", "Shelling": "Shelling",
    "ArmedAssault": "Assault", "ArmedClash": "Clashes", "Takeover": "Takeover", "Kidnapping": "Kidnapping",
    "Assassination": "Assassination", "Arson": "Arson attack", "Negotiation": "Negotiations", "Talks": "Talks",
    "PeaceProposal": "Peace proposal", "Ceasefire": "Ceasefire", "PeaceAgreement": "Peace agreement",
}
STATUS_PREFIX = {"Proposed": "Proposed", "Planned": "Planned", "Hypothetical": "Possible", "Attempted": "Attempted",
                 "Denied": "Denied"}
PROPOSED_THINGS = {"Talks": "talks", "Ceasefire": "a ceasefire", "PeaceAgreement": "a peace agreement"}


def event_label(event_class: str, status: str, roles: dict[str, list[str]], names: dict[str, str],
                place: str | None, site: str | None, proposed: str | None = None, recapture: bool = False) -> str:
    """The title of one event. ``names`` maps actor keys to how they read in a sentence.
    ``recapture``: a takeover that gives a place back ("Recapture of Farah by Afghan forces")."""
    noun = CLASS_NOUNS.get(event_class, event_class)
    if event_class in ("Talks", "Ceasefire", "PeaceAgreement", "Negotiation"):
        parties = [names[k] for k in roles.get("participant", []) if k in names]
        text = noun
        if status in STATUS_PREFIX and status != "Denied":
            text = f"{STATUS_PREFIX[status]} {noun[0].lower()}{noun[1:]}"
        if len(parties) >= 2:
            text += f" between {_join(parties[:3])}"
        elif parties:
            text += f" with {parties[0]}" if event_class == "Talks" else f" by {parties[0]}"
        if place:
            text += f" in {place}"
        return text
    if event_class == "PeaceProposal":
        proposers = [names[k] for k in roles.get("proposer", []) if k in names]
        addressees = [names[k] for k in roles.get("addressee", []) if k in names]
        text = f"Offer of {PROPOSED_THINGS[proposed]}" if proposed in PROPOSED_THINGS else noun
        if proposers:
            text += f" by {proposers[0]}"
        if addressees:
            text += f" to {addressees[0]}"
        return text
    perpetrators = [names[k] for k in roles.get("perpetrator", []) + roles.get("claimedBy", []) if k in names]
    targets = [names[k] for k in roles.get("target", []) if k in names]
    if status in ("Attempted", "Planned", "Hypothetical"):
        noun = f"{STATUS_PREFIX[status]} {noun[0].lower()}{noun[1:]}"
    if event_class == "Takeover" and recapture:
        text = noun.replace("Takeover", "Recapture").replace("takeover", "recapture")
        text += f" of {place}" if place else ""
        return text + (f" by {perpetrators[0]}" if perpetrators else "")
    if event_class == "Takeover" and place:
        lead = _bare(perpetrators[0]) if perpetrators else None
        return f"{lead} takeover of {place}" if lead else f"Takeover of {place}"
    if site:
        return f"{noun} on the {site}" + (f" in {place}" if place else "")
    if place:
        return f"{noun} in {place}" + (f" by {perpetrators[0]}" if perpetrators and event_class == "Airstrike" else "")
    if targets:
        return f"{noun} on {targets[0]}"
    if perpetrators:
        return f"{noun} by {perpetrators[0]}"
    return noun


def _join(items: list[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _bare(name: str) -> str:
    return name[4:] if name.startswith("the ") else name
