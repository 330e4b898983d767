"""Roles from the dependency parse: who did it, to whom, who claimed it, who talked.

Attack roles (``attack_roles``):

* perpetrator: the subject of a verb trigger ("guerrillas *attacked*"), the agent
  of a passive ("was attacked *by* X"), the subject of a verb whose object the
  trigger noun is ("militants *launched* an assault"), a modifier of the trigger
  noun ("a *Taliban* takeover", "*US-backed* missile strikes");
* target: the object of a verb trigger or of "on/against" after a trigger noun,
  when it is an actor ("attacked *Afghan forces*", "an attack *on the army*");
* claimedBy: the subject of "claimed (responsibility for)" the trigger, or an
  armed group saying its own men did it ("al-Shabaab said its fighters had carried
  out the killing": the deed's subject points back to the speaker);
* allegedPerpetrator: who "could be behind" the trigger, who is "blamed for" or
  "accused of" it, or a "suspected" perpetrator — blame by someone else or a
  hedge makes the perpetrator alleged, never certain.

Negotiation roles (``negotiation_roles``): participants are the subjects of the
verb that holds the talks or signs the accord, with "with"/"between" objects and
actor modifiers ("Taliban–government talks"); mediators come from "mediated /
brokered / hosted by"; a proposal's proposer is the subject of "offered /
suggested / called for", its addressee the object of "urged / invited / called
on" or the other side named with the proposed talks ("talks *with the
Taliban*"); a second verb sharing its subject ("Ghani offered ... and *proposed* a
ceasefire") and a clause saying who made an offer ("the offer *that Ghani made*")
give the proposer too. A ceasefire one side "declared / announced" has that side as participant and
proposer and the side "with" it as addressee. A person in a negotiation role brings the government or group he
acts for (Ashraf Ghani -> also the Government of Afghanistan).
"""

from __future__ import annotations

from spacy.tokens import Token

from kb.extract.actors import ActorResolver
from kb.extract.factuality import continuing, phrasal_other_sense
from kb.extract.mediators import add_mediators
from kb.extract.mentions import Mention, lemma_forms
from kb.extract.words import BOUNDARY_PREPS, word_list
from kb.model import event_family


def _ev(name: str) -> frozenset[str]:
    return word_list(name, "event_words.txt")


def _hedge_words() -> frozenset[str]:
    return word_list("hedges", "factuality_cues.txt")


def _modals() -> frozenset[str]:
    return word_list("hypothetical_modals", "factuality_cues.txt")


def assign_roles(mentions: list[Mention], resolver: ActorResolver) -> None:
    """Fill the roles of every mention (in document order, so pronouns find their antecedents)."""
    heads = {m.head.i: m for m in mentions}
    for mention in mentions:
        _remember_subjects_before(mention, resolver)
        if event_family(mention.event_class) == "Attack":
            attack_roles(mention, resolver, heads)
        else:
            negotiation_roles(mention, resolver, heads)
    add_mediators(mentions, resolver)
    for mention in mentions:  # a nested event with no parties of its own takes its parent's
        parent = mention.nested_in
        if parent is None or event_family(mention.event_class) != "Negotiation":
            continue
        # what is proposed or discussed is between the same parties: "suggested peace talks with the Taliban"
        for role in ("participant", "proposer", "addressee"):
            for key in parent.roles.get(role, []):
                actor = resolver.known.get(key)
                if actor is not None and actor.kind == "Person" and resolver.organisation_of(key):
                    continue  # the person's government stands for him as a party
                mention.add_role("participant", key)


def _remember_subjects_before(mention: Mention, resolver: ActorResolver) -> None:
    """Subjects of the sentence so far are antecedents for "they" and "it"."""
    for token in mention.sentence:
        if token.i >= mention.head.i:
            break
        if token.dep_ in ("nsubj", "nsubjpass") and token.pos_ != "PRON":
            resolver.resolve(token, remember_subject=True)


def _actors(token: Token, resolver: ActorResolver, heads: dict[int, Mention]) -> list[str]:
    if token.i in heads:
        return []  # an event, not an actor ("the blast killed")
    return resolver.resolve_with_conjuncts(token)


# -- attacks ------------------------------------------------------------------------------------


def attack_roles(mention: Mention, resolver: ActorResolver, heads: dict[int, Mention]) -> None:
    head = mention.head
    perpetrators: list[str] = []
    targets: list[str] = []
    # a bare past participle is passive: the subject it shares is who suffered ("defend themselves if attacked")
    passive_participle = head.tag_ == "VBN" and not any(c.dep_ == "aux" and c.lemma_ == "have" for c in head.children)
    if mention.is_verb:
        if not any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children) and head.dep_ == "xcomp" \
                and not passive_participle:
            perpetrators += [k for s in _subjects(head) for k in _actors(s, resolver, heads)]
        for child in head.children:
            if child.dep_ == "nsubj":
                perpetrators += _actors(child, resolver, heads)
            elif child.dep_ == "agent":
                perpetrators += [k for obj in child.children if obj.dep_ == "pobj" for k in _actors(obj, resolver, heads)]
            elif child.dep_ in ("dobj", "nsubjpass"):
                if not _people(child):  # "kidnapped three Chinese nationals": victims, not the Chinese state
                    targets += _actors(child, resolver, heads)
            elif child.dep_ == "prep" and child.lower_ in _ev("target_preps"):
                targets += [k for obj in child.children if obj.dep_ == "pobj" for k in _actors(obj, resolver, heads)]
            elif child.dep_ == "prep" and child.lower_ == "with" and mention.event_class == "ArmedClash":
                perpetrators += [k for obj in child.children if obj.dep_ == "pobj" for k in _actors(obj, resolver, heads)]
            elif child.dep_ == "prep" and child.lower_ == "from" and mention.event_class == "Takeover":
                # "seized the town of Tal Abyad from the SDF": who held it was attacked
                targets += [k for obj in child.children if obj.dep_ == "pobj" for k in _actors(obj, resolver, heads)]
            if child.dep_ in ("dobj", "nsubjpass") or (child.dep_ == "prep" and child.lower_ in _ev("target_preps")):
                targets += _holders(child, resolver, heads)
        if head.dep_ in ("conj", "advcl", "xcomp") and not perpetrators and not passive_participle and \
                not any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children):
            # "guerrillas attacked the post and burned ..." : a shared subject
            governor = head.head
            perpetrators += [k for c in governor.children if c.dep_ == "nsubj" for k in _actors(c, resolver, heads)]
    else:
        perpetrators += _noun_modifier_actors(head, resolver)
        sides = [c for c in head.children if c.dep_ == "prep" and c.lower_ in ("between", "among")]
        if not sides and head.dep_ == "nsubj":  # "Fighting between X and Y continues": the parser may hang it on the verb
            sides = [c for c in head.head.children if c.dep_ == "prep" and c.lower_ == "between"]
        for child in sides:
            # "clashes between Afghan forces and Taliban militants": both sides fought
            perpetrators += [k for obj in child.children if obj.dep_ == "pobj" for k in _actors(obj, resolver, heads)]
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == "by":
                perpetrators += [k for obj in child.children if obj.dep_ == "pobj" for k in _actors(obj, resolver, heads)]
            elif child.dep_ in ("acl", "relcl") and child.tag_ == "VBN":
                # "a mine placed by the insurgents", "a bomb planted by FARC rebels"
                perpetrators += [k for agent in child.children if agent.dep_ == "agent"
                                 for obj in agent.children if obj.dep_ == "pobj" for k in _actors(obj, resolver, heads)]
            elif child.dep_ == "prep" and child.lower_ in _ev("target_preps") and not _blamed_object(head, child):
                targets += [k for obj in child.children if obj.dep_ == "pobj" for k in _actors(obj, resolver, heads)]
        phrase = mention.phrase_head
        governor = _governor(phrase)
        carried = phrase.dep_ == "dobj" and any(f in _ev("agentive_verbs") for f in lemma_forms(governor)) \
            if governor is not None else False
        # "Israeli forces pressed on with a raid": who goes on with it does it
        carried = carried or (governor is not None and phrase.dep_ == "pobj" and phrase.head.lower_ == "with"
                              and continuing(governor))
        if carried:
            perpetrators += [k for c in governor.children if c.dep_ == "nsubj" for k in _actors(c, resolver, heads)]
            if governor.dep_ in ("acl", "relcl") and not any(c.dep_ == "nsubj" for c in governor.children):
                perpetrators += _actors(governor.head, resolver, heads)  # "US aircraft carried out airstrikes"
        if governor is not None and phrase.dep_ == "nsubjpass":
            perpetrators += [k for c in governor.children if c.dep_ == "agent"
                             for obj in c.children if obj.dep_ == "pobj" for k in _actors(obj, resolver, heads)]
    claimed = _with_organisations_only(_claimers(head, resolver, heads), resolver)
    # "al-Shabaab said its fighters had carried out the killing": a group telling its own deed claims it
    speakers = _self_reporters(head, resolver, heads)
    claimed += [k for k in perpetrators if k in speakers and k not in claimed and _armed_group(k, resolver)]
    alleged = _alleged(head, resolver, heads)
    hedged_perpetrators = _hedged_subject(head, perpetrators)
    for key in claimed:
        mention.add_role("claimedBy", key)
    for key in perpetrators:
        if key in claimed:
            continue
        mention.add_role("allegedPerpetrator" if hedged_perpetrators or key in alleged else "perpetrator", key)
    for key in alleged:
        if key not in mention.roles.get("perpetrator", []) and key not in claimed:
            mention.add_role("allegedPerpetrator", key)
    for key in targets:
        if key not in mention.actors_so_far():
            mention.add_role("target", key)


def _holders(noun: Token, resolver: ActorResolver, heads: dict[int, Mention]) -> list[str]:
    """"struck weapons depots used by Kataib Hezbollah", "a base belonging to the army": who held
    the site hit (the noun itself, or the object of a preposition)."""
    nouns = [noun] if noun.dep_ != "prep" else [o for o in noun.children if o.dep_ == "pobj"]
    out = []
    for site in nouns:
        for clause in (c for c in site.children if c.dep_ in ("acl", "relcl") and c.lemma_.lower() in _ev("holding_verbs")):
            out += [k for a in clause.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"
                    for k in _actors(o, resolver, heads)]
            out += [k for p in clause.children if p.dep_ == "prep" and p.lower_ == "to" and clause.lemma_.lower() == "belong"
                    for o in p.children if o.dep_ == "pobj" for k in _actors(o, resolver, heads)]
    return out


def _people(token: Token) -> bool:
    words = word_list("human_nouns", "event_words.txt")
    return token.lemma_.lower() in words or token.lower_ in words


def _noun_modifier_actors(head: Token, resolver: ActorResolver) -> list[str]:
    """"Taliban takeover", "US-backed missile strikes", "the group's attack"."""
    out: list[str] = []
    for child in head.children:
        if child.i > head.i or child.dep_ not in ("compound", "amod", "poss", "nmod", "npadvmod"):
            continue
        if child.ent_type_ in ("GPE", "LOC") and child.ent_kb_id_ == "" and not resolver._country_code(child):
            continue  # "the Kabul attack": a place, not an actor
        if child.ent_type_ == "ORG" and not child.ent_kb_id_ and child.dep_ == "compound":
            continue  # "the El Tomate attack": an unknown name before an event is mostly its place
        if child.lemma_.lower() in ("back", "lead", "support", "sponsor", "fund", "arm"):
            # "US-backed": the backer; "-led": the leader
            for sub in child.children:
                out += resolver.resolve(sub)
            continue
        if child.lower_ in ("-",):
            continue
        out += resolver.resolve(child)
        # "US-backed" split as US / - / backed under the head
    for child in head.children:
        if child.dep_ == "amod" and child.lower_ == "backed":
            for sub in child.subtree:
                if sub.i < child.i:
                    out += resolver.resolve(sub)
    return list(dict.fromkeys(k for k in out if k))


def _subjects(verb: Token) -> list[Token]:
    """The subjects of a verb, or of the verb it is the infinitive of ("X tried to storm"), also through
    an adjective ("X are due / set / ready to sign")."""
    node = verb
    for _ in range(3):
        found = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
        if found:
            return found
        if node.dep_ in ("xcomp", "conj", "acomp") and node.head.i != node.i:
            node = node.head
            continue
        break
    return []


def _governor(head: Token) -> Token | None:
    if head.dep_ in ("dobj", "nsubjpass", "nsubj", "attr") and head.head.tag_.startswith("VB"):
        return head.head
    if head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.head.tag_.startswith("VB"):
        return head.head.head
    return None


def _claimers(head: Token, resolver: ActorResolver, heads: dict[int, Mention]) -> list[str]:
    """Who "claimed responsibility for" / "claimed" the event."""
    node = head
    for _ in range(4):
        parent = node.head
        if parent.i == node.i:
            return []
        lemma = parent.lemma_.lower()
        if parent.tag_.startswith("VB") and lemma in _ev("claim_verbs") and (
            node.lemma_.lower() in _ev("claim_nouns") or (node.i == head.i and lemma == "claim")
        ):
            return [k for c in parent.children if c.dep_ == "nsubj" for k in _actors(c, resolver, heads)]
        if node.dep_ not in ("pobj", "prep", "dobj", "compound"):
            return []
        node = parent
    return []


def _points_back(subject: Token) -> bool:
    """"they", "it", "its fighters", "by its men": a doer named by a pronoun."""
    if subject.dep_ == "agent":
        return any(_points_back(o) for o in subject.children if o.dep_ == "pobj")
    return subject.pos_ == "PRON" or any(c.dep_ == "poss" and c.pos_ == "PRON" for c in subject.children)


def _armed_group(key: str, resolver: ActorResolver) -> bool:
    """Only a non-state group claims: a state's forces telling of their operation did it ("the army
    said it killed 20 militants")."""
    actor = resolver.known.get(key)
    return actor is not None and actor.kind == "ArmedGroup"


def _self_reporters(head: Token, resolver: ActorResolver, heads: dict[int, Mention]) -> set[str]:
    """The actors (and the groups their spokesmen speak for) whose statement the event's clause
    is: "X said (that) ... attacked", "X claimed responsibility and said ... killed"."""
    node = head
    doer_told_back = False
    for _ in range(6):
        parent = node.head
        if parent.i == node.i or node.dep_ in ("nsubj", "nsubjpass", "advcl"):
            return set()  # the speaker itself, or a clause of its own ("after X said ...")
        # the deed's subject points back to the speaker ("its fighters", "they"): "The SDF seized the
        # stadium, an SDF spokesman said" reports an operation, it claims nothing
        doer_told_back = doer_told_back or any(_points_back(c) for c in node.children if c.dep_ in ("nsubj", "agent"))
        if parent.tag_.startswith("VB") and parent.lemma_.lower() in _ev("self_report_verbs"):
            if not doer_told_back:
                return set()
            keys = {k for c in _subjects(parent) for k in _actors(c, resolver, heads)}
            return keys | {o for k in keys if (o := resolver.organisation_of(k))}
        node = parent
    return set()


def _alleged(head: Token, resolver: ActorResolver, heads: dict[int, Mention]) -> list[str]:
    """Who is said to be behind it, blamed or accused for it."""
    out: list[str] = []
    # "an air strike blamed on Syrian government forces", "a bombing attributed to the ELN"
    for child in head.children:
        if child.dep_ in ("acl", "relcl") and child.lemma_.lower() in _ev("blame_verbs"):
            out += _blamed_on(child, resolver, heads)
    node = head
    for _ in range(4):
        parent = node.head
        if parent.i == node.i:
            break
        lemma = parent.lemma_.lower()
        # "the Taliban could be behind the attack"
        if node.dep_ == "pobj" and parent.lower_ == "behind":
            verb = parent.head
            subjects = [k for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for k in _actors(c, resolver, heads)]
            hedged = any(c.dep_ == "aux" and c.lower_ in _modals() for c in verb.children) or _reported_by_other(verb)
            if hedged or any(c.lower_ in _hedge_words() for c in verb.children):
                out += subjects
            return out
        # "blamed the Taliban for the attack", "accused X of the attack"; "blamed the attack on X"
        if parent.tag_.startswith("VB") and lemma in _ev("blame_verbs"):
            for c in parent.children:
                if c.dep_ in ("dobj", "nsubjpass") and c.i != head.i:
                    out += _actors(c, resolver, heads)
            if node.i == head.i and node.dep_ in ("dobj", "nsubjpass"):
                out += _blamed_on(parent, resolver, heads)
                # "blamed the bombing on the ELN": the parser may hang "on" on the object
                out += [k for c in node.children if _blamed_object(node, c)
                        for o in c.children if o.dep_ == "pobj" for k in _actors(o, resolver, heads)]
            return out
        if node.dep_ not in ("pobj", "prep", "pcomp", "dobj", "xcomp"):
            break
        node = parent
    return out


def _blamed_object(noun: Token, prep: Token) -> bool:
    """"blamed the bombing *on* the ELN": "on" after the object of a blaming verb names the blamed."""
    return prep.dep_ == "prep" and prep.lower_ in ("on", "upon") and noun.dep_ == "dobj" and \
        noun.head.lemma_.lower() in ("blame", "pin")


def _blamed_on(verb: Token, resolver: ActorResolver, heads: dict[int, Mention]) -> list[str]:
    """The actors after "on/to" of a blaming verb: "blamed ... on X", "attributed ... to X"."""
    return [k for c in verb.children if c.dep_ in ("prep", "dative") and c.lower_ in ("on", "to", "upon")
            for o in c.children if o.dep_ == "pobj" for k in _actors(o, resolver, heads)]


def _reported_by_other(verb: Token) -> bool:
    """A clause under "X said" whose subject is not X: an attribution, not a fact."""
    parent = verb.head
    return parent.i != verb.i and parent.lemma_.lower() in word_list("reporting_verbs", "factuality_cues.txt")


def _hedged_subject(head: Token, perpetrators: list[str]) -> bool:
    """"suspected Taliban militants attacked": the perpetrator is only alleged."""
    if not perpetrators:
        return False
    subjects = [c for c in head.children if c.dep_ in ("nsubj", "agent")] if head.tag_.startswith("VB") else []
    for subject in subjects:
        if any(t.lower_ in ("suspected", "alleged", "presumed", "purported") for t in subject.subtree):
            return True
    return False


# -- negotiations -------------------------------------------------------------------------------


def negotiation_roles(mention: Mention, resolver: ActorResolver, heads: dict[int, Mention]) -> None:
    head = mention.head
    if mention.event_class == "PeaceProposal":
        _proposal_roles(mention, resolver, heads)
        return
    if mention.event_class == "Ceasefire" and _declared_ceasefire(mention, resolver, heads):
        return
    parties: list[str] = []
    parties += _noun_modifier_actors(head, resolver) if not mention.is_verb else []
    for child in head.children:
        if mention.is_verb and child.dep_ in ("nsubj", "dobj"):
            parties += _actors(child, resolver, heads)
    # "talks between X and Y", "the agreement signed in Algiers between X and Y", "agreed ... by X, Y and Z"
    preps = _phrase_preps(head, heads)
    if mention.phrase_head.i != head.i:
        preps += _phrase_preps(mention.phrase_head, heads)  # "six hours of talks ... between X and Y"
    for prep in preps:
        for obj in (o for o in prep.children if o.dep_ == "pobj"):
            parties += _actors(obj, resolver, heads)
            if prep.lower_ == "between":  # "between the government of President X and the Houthis"
                for inner in obj.subtree:
                    if inner.dep_ == "conj" and inner.head.i != obj.i and inner.head.i in {t.i for t in obj.subtree}:
                        parties += resolver.resolve(inner)
    # "the Algiers accord, which the CMA and Bamako signed in 2015": who signed it in a relative clause
    for clause in (c for c in head.children if c.dep_ == "relcl" and c.lemma_.lower() in _ev("signing_verbs")):
        parties += [k for s in clause.children if s.dep_ == "nsubj" and s.lower_ not in ("which", "that", "who")
                    for k in _actors(s, resolver, heads)]
    governor = _governor(mention.phrase_head)
    if governor is not None and governor.dep_ != "prep" and head.dep_ == "pobj" and head.head.lower_ in BOUNDARY_PREPS:
        governor = None
    if governor is not None:
        lemma = governor.lemma_.lower()
        # "X and Y ended a first round of talks", "Petro suspended talks with the ELN": who does it talks
        if lemma in _ev("agentive_verbs") or lemma in _ev("talks_course_verbs") or lemma in ("be", "engage", "participate", "attend"):
            for c in _subjects(governor):
                if c.i != head.i:
                    parties += _actors(c, resolver, heads)
            for c in governor.children:
                if (c.dep_ == "prep" and c.lower_ in _ev("participant_preps")) or c.dep_ == "agent":
                    parties += [k for obj in c.children if obj.dep_ == "pobj" for k in _actors(obj, resolver, heads)]
                if c.dep_ == "dobj" and head.dep_ == "nsubj" and lemma in ("include", "involve"):
                    parties += _actors(c, resolver, heads)
        if lemma in _ev("mediation_verbs") and head.dep_ in ("dobj", "nsubjpass"):
            for c in governor.children:
                if c.dep_ == "nsubj" or c.dep_ == "agent":
                    for key in (_actors(c, resolver, heads) if c.dep_ == "nsubj"
                                else [k for o in c.children for k in _actors(o, resolver, heads)]):
                        mention.add_role("mediator", key)
    for child in head.children:  # "talks mediated by Qatar", "Qatar-brokered talks"
        if child.dep_ in ("acl", "amod") and child.lemma_.lower() in _ev("mediation_verbs"):
            for sub in child.subtree:
                if sub.dep_ == "pobj" and sub.head.lower_ == "by" or (sub.i < child.i and sub.dep_ in ("npadvmod", "compound")):
                    for key in resolver.resolve_with_conjuncts(sub):
                        mention.add_role("mediator", key)
    for key in _with_organisations(parties, resolver):
        if key not in mention.roles.get("mediator", []):
            mention.add_role("participant", key)


def _declared_ceasefire(mention: Mention, resolver: ActorResolver, heads: dict[int, Mention]) -> bool:
    """"The Taliban announced a three-day ceasefire with Afghan forces", "President X declared a
    week-long ceasefire with the Taliban": one side declares a truce. The declaring side (a person
    with the government or group he acts for) is its participant and proposer, the side after
    "with" its addressee. A joint declaration ("X and Y announced a bilateral truce") names two
    participants and no proposer. False when no declaring side is named (then the general rules apply)."""
    phrase = mention.phrase_head
    governor = _governor(phrase)
    if governor is None or phrase.dep_ != "dobj" or governor.lemma_.lower() not in _ev("declaration_verbs"):
        return False
    declarers = [k for s in _subjects(governor) for k in _actors(s, resolver, heads)]
    if not declarers:
        return False
    sides = {resolver.organisation_of(k) or k for k in declarers}
    joint = len(sides) > 1 or any(c.lower_ in _ev("joint_modifiers") for c in phrase.children)
    joint = joint or phrasal_other_sense(governor)  # "the TTP called off a ceasefire with the government": both kept it
    declarers = _with_organisations(declarers, resolver)
    addressees = [k for c in phrase.children if c.dep_ == "prep" and c.lower_ == "with"
                  for o in c.children if o.dep_ == "pobj" for k in _actors(o, resolver, heads)]
    for key in declarers:
        mention.add_role("participant", key)
        if not joint:
            mention.add_role("proposer", key)
    for key in addressees:
        if key not in declarers:
            mention.add_role("participant" if joint else "addressee", key)
    return True


def _phrase_preps(head: Token, heads: dict[int, Mention]) -> list[Token]:
    """"between/with/among" phrases of the trigger's own phrase, also inside a participle that
    describes it ("the agreement signed in Algiers between ..."), and "by" agents of that participle."""
    out: list[Token] = []
    pending = [head]
    seen = set()
    while pending:
        node = pending.pop()
        if node.i in seen:
            continue
        seen.add(node.i)
        for child in node.children:
            if child.i in heads and child.i != head.i:
                continue  # another event's phrase
            if child.dep_ == "prep" and child.lower_ in _ev("participant_preps"):
                out.append(child)
            elif child.dep_ == "agent" and node.i != head.i:
                out.append(child)
            elif child.dep_ in ("acl", "relcl") and node.i == head.i:
                pending.append(child)
            elif child.dep_ == "prep" and child.lower_ in ("in", "at") and node.i != head.i:
                pending.extend(o for o in child.children if o.dep_ == "pobj")  # "signed in Algiers between"
    return out


def _proposal_roles(mention: Mention, resolver: ActorResolver, heads: dict[int, Mention]) -> None:
    head = mention.head
    proposers: list[str] = []
    addressees: list[str] = []
    if head.pos_ == "ADJ" and head.dep_ in ("acomp", "amod"):
        # "Pakistan said it was ready to host talks": the one who is ready proposes
        holder = head.head
        proposers += [k for c in holder.children if c.dep_ == "nsubj" for k in _actors(c, resolver, heads)]
    elif mention.is_verb:
        if not any(c.dep_ == "nsubj" for c in head.children) and head.dep_ in ("conj", "xcomp"):
            # "Ghani offered to recognise the Taliban ... and proposed a ceasefire": the shared subject
            proposers += [k for c in _subjects(head) if c.dep_ == "nsubj" for k in _actors(c, resolver, heads)]
        for child in head.children:
            if child.dep_ == "nsubj":
                proposers += _actors(child, resolver, heads)
            elif child.dep_ == "dobj" and head.lemma_.lower() in ("urge", "invite", "ask", "press", "encourage", "call"):
                addressees += _actors(child, resolver, heads)
            elif child.dep_ == "prep" and child.lower_ in ("on", "to", "upon"):
                addressees += [k for obj in child.children if obj.dep_ == "pobj" for k in _actors(obj, resolver, heads)]
            elif child.dep_ == "xcomp" and child.lemma_.lower() in _ev("mediation_verbs"):
                # "offered to mediate between Congo and Rwanda": the sides are those the offer is made to
                addressees += [k for p in child.children if p.dep_ == "prep" and p.lower_ in ("between", "with")
                               for obj in p.children if obj.dep_ == "pobj" for k in _actors(obj, resolver, heads)]
    else:
        for child in head.children:
            if child.dep_ == "poss" or (child.dep_ == "compound" and child.i < head.i):
                proposers += resolver.resolve(child)
            elif child.dep_ == "prep" and child.lower_ in ("to", "on"):
                addressees += [k for obj in child.children if obj.dep_ == "pobj" for k in _actors(obj, resolver, heads)]
            elif child.dep_ == "prep" and child.lower_ == "by":
                proposers += [k for obj in child.children if obj.dep_ == "pobj" for k in _actors(obj, resolver, heads)]
        governor = _governor(head)
        if governor is not None and governor.lemma_.lower() in _ev("agentive_verbs"):
            proposers += [k for c in governor.children if c.dep_ == "nsubj" for k in _actors(c, resolver, heads)]
        # "the offer that Ghani made in February", "the proposal Kabul put forward": who made it
        for clause in (c for c in head.children if c.dep_ == "relcl" and c.lemma_.lower() in _ev("agentive_verbs")):
            if not any(c.dep_ == "dobj" and c.lower_ not in ("that", "which") for c in clause.children):
                proposers += [k for c in clause.children if c.dep_ == "nsubj" for k in _actors(c, resolver, heads)]
    # the other side named with what is proposed: "suggested peace talks with the Taliban"
    for token in head.subtree:
        if token.i == head.i or token.i not in heads:
            continue
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in ("with", "between"):
                addressees += [k for obj in child.children if obj.dep_ == "pobj" for k in _actors(obj, resolver, heads)]
    proposers = _with_organisations(proposers, resolver)
    for key in proposers:
        mention.add_role("proposer", key)
    for key in dict.fromkeys(addressees):
        if key not in proposers:
            mention.add_role("addressee", key)


def _with_organisations_only(keys: list[str], resolver: ActorResolver) -> list[str]:
    """A spokesman claims for his group: "Taliban spokesman Zabihullah Mujahid claimed" -> the Taliban."""
    out: list[str] = []
    for key in keys:
        key = resolver.organisation_of(key) or key
        if key not in out:
            out.append(key)
    return out


def _with_organisations(keys: list[str], resolver: ActorResolver) -> list[str]:
    out: list[str] = []
    for key in keys:
        if key and key not in out:
            out.append(key)
        organisation = resolver.organisation_of(key) if key else None
        if organisation and organisation not in out:
            out.append(organisation)
    return out


# -- claims and blame said apart from the event ---------------------------------------------------


_CLAIM_REACH = 4


def free_attributions(document, groups: list[list[Mention]], resolver: ActorResolver) -> None:
    """"The Taliban claimed responsibility." / "Officials blamed the Taliban." / "Authorities
    suspect FARC dissidents.": a claim or blame naming no event is about the latest attack told
    in this or the two sentences before (in the same paragraph if one is there), when that attack
    has no such role."""
    attacks = [g for g in groups if event_family(g[0].event_class) == "Attack"]
    if not attacks:
        return
    heads = {m.head.i for g in groups for m in g}
    for number, sentence in enumerate(document.sentences):
        for token in sentence:
            if not token.tag_.startswith("VB"):
                continue
            lemma = token.lemma_.lower()
            role, actors = None, []
            if lemma == "bear" and any(c.lemma_.lower() == "hallmark" for c in token.subtree):
                role = "allegedPerpetrator"  # "the attack bore the hallmarks of al-Shabaab"
                actors = [k for t in token.subtree if t.dep_ == "pobj" and t.head.lower_ == "of"
                          for k in resolver.resolve_with_conjuncts(t)]
            elif lemma in _ev("claim_verbs"):
                objects = [c for c in token.children if c.dep_ == "dobj"]
                if objects and objects[0].lemma_.lower() in _ev("claim_nouns") and not _names_event(objects[0], heads):
                    role = "claimedBy"
                    actors = [k for s in _subjects(token) for k in resolver.resolve_with_conjuncts(s)]
            elif lemma in ("blame", "accuse", "suspect") and not _names_event(token, heads):
                role = "allegedPerpetrator"
                targets = [c for c in token.children if c.dep_ == "dobj"]
                if token.tag_ == "VBN" and not targets:
                    targets = [c for c in token.children if c.dep_ == "nsubjpass"]
                actors = [k for t in targets for k in resolver.resolve_with_conjuncts(t)]
            actors = [resolver.organisation_of(k) or k for k in actors if k]
            if not role or not actors:
                continue
            # a claim of responsibility may come after a paragraph on the toll: it reaches further back
            reach = _CLAIM_REACH if role == "claimedBy" else 2
            window = [g for g in attacks if any(number - reach <= m.sentence_index <= number for m in g)]
            # the paragraph's own attack first; else the one told just before (a claim often has a
            # paragraph of its own: "Police said they suspected members of X of planting the device.")
            recent = [g for g in window if any(number - 2 <= m.sentence_index <= number
                                               and document.same_paragraph(m.sentence_index, number) for m in g)]
            recent = recent or window
            if not recent:
                continue
            group = max(recent, key=lambda g: max(m.head.i for m in g if m.sentence_index <= number))
            if any(group[0].roles.get(r) for r in (role, "perpetrator")) and role == "allegedPerpetrator":
                continue
            if group[0].roles.get(role):
                continue
            for key in actors:
                group[0].add_role(role, key)


def _names_event(token: Token, heads: set[int]) -> bool:
    """Whether a claim or blame names its event in its own phrase ("responsibility for the attack")."""
    return any(t.i in heads for t in token.subtree)
