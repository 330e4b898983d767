"""From a parsed article to an ``Extraction``: the components, in order, and the events they make.

``extract_document`` runs, per article:

1. ``triggers``: mentions of events from the trigger lexicon, a generic "attack"
   made specific by the weapon words of its clause;
2. ``structure``: nesting (the talks a proposal offers, the ceasefire talks are
   about), reference (definite "the attack", distinct "another attack", generic
   "attacks have spiked"), takeover or kidnapping by what was seized; weapons
   stopped in the air (``interception``: "shot down a rocket" is attempted
   shelling, no assault); "an agreement for a ceasefire" is the ceasefire;
3. ``factuality``: the status of each mention; fighting an attack "triggered",
   or "still raging" after an offensive of its sentence, is that attack;
4. ``roles``: actors from the parse (``actors`` normalises them; ``mediators``
   adds go-betweens told beside the talks); a weak weapon noun that is the subject
   of an attack verb ("Russian missiles struck") gives that verb's event its
   actors; a weak word of violence inside a claim of responsibility is the
   claimant's account of the attack told before;
5. ``casualties``: figures given to their events; a killing with no other
   trigger ("gunmen killed two policemen"), or with attackers of its own beside
   another clause's event, makes an attack of its own; a lead that sums up
   several incidents gives each victim to the later account that names that kind
   of victim; a single victim named or described by office makes it an
   assassination;
6. ``places`` and ``dating``: the place and time expression of each mention,
   then days told relative to the event before ("a day later", "two days after X");
7. a weak verb beside a strong trigger of its sentence ("stormed ..., before they
   were shot dead") is a moment of that event, not an event;
8. ``coref``: mentions of one event become one group;
9. filters: a group of only weak words ("fighting"), only generic plurals, a
   meeting without parties or talks with no conflict actor and no word of war or
   peace is dropped unless something concrete anchors it (casualties, a place or
   a date in its own clause, two sides named);
10. claims and blame said apart from the event ("The Taliban claimed
    responsibility.") go to the latest attack of the paragraph; the actor the
    victims or the site plainly stand for becomes the target ("six police
    officers" -> the police); an event with no place or date of its own takes
    those of the sentence before in its paragraph (the episode; an event told
    apart, "Earlier on Sunday, ...", takes its town but not its site, and
    "Elsewhere, ..." takes nothing); an undated one takes a date given in the next
    sentence that tells no event, else that of an event at the same place in the
    paragraph before;
11. per group, one ``Event``: roles united (a country and its government in one
    negotiation role are one party: the country is kept, as the text names it),
    the most specific place (else the dateline's, for attacks), the most precise
    date from its own clause (else
    another mention's, else unanchored at the article date; an Occurred event
    dated after publication is Planned), casualty totals, the evidence
    sentences, a label and a confidence.

Confidence (documented formula): ``0.6 × trigger strength + 0.08 × support + 0.06``,
capped at 0.98, where support counts (at most 4) the evidence that backs the
event: a role filled, a place found in its clause, a date from its clause, a
casualty figure, a second mention; times 0.85 when the report is hedged
("reportedly", "suspected"); rounded to two decimals. A lone strong trigger
("bombing", 0.95) gets 0.63; with four kinds of support 0.95. Trigger strengths
are in ``data/triggers.tsv``.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from kb.extract.actors import ActorResolver
from kb.extract.aggregates import campaign_killing, habitual, summarising
from kb.extract.backreference import told_through_weapon
from kb.extract.casualties import attach_figures, distribute_summaries, statements_of, totals
from kb.extract.coref import merge_mentions, same_place
from kb.extract.dating import choose_times, event_time, is_calendar, planned_event_time, relative_times, tag_times
from kb.extract.document import Document
from kb.extract.domain import ConflictContext, figurative_use
from kb.extract.factuality import assign_status
from kb.extract.interception import mark_interceptions, settle_interceptions
from kb.extract.labels import event_label
from kb.extract.lexicon import get_lexicon
from kb.extract.mentions import Mention
from kb.extract.places import PlaceResolver
from kb.extract.roles import assign_roles, free_attributions
from kb.extract.structure import (
    drop_claimed_accounts,
    fold_fighting_into_attack,
    fold_truce_agreements,
    fold_weapon_subjects,
    light_verb_of,
    link_nested,
    mark_reference,
    resolve_seizure,
)
from kb.extract.triggers import find_mentions, refine_class
from kb.extract.words import word_list
from kb.model import Article, Event, Extraction, Span, event_family

# Events only offered or supposed: they borrow no day or place from the story told around them.
_UNREAL = frozenset({"Proposed", "Hypothetical"})
_STATUS_RANK = ("Occurred", "Ongoing", "Attempted", "Planned", "Proposed", "Hypothetical", "Denied")
_MAX_SUPPORT = 4
_HEDGE_FACTOR = 0.85


def extract_document(article: Article, doc: Doc) -> Extraction:
    """Everything the extractor finds in one parsed article."""
    dct = article.published_date
    document = Document.build(article, doc, tag_times(article.text, dct))
    places = PlaceResolver(document)
    resolver = ActorResolver(document, places.country_of_sentence, places.home_country)

    context = ConflictContext.of(doc)
    mentions = [m for m in find_mentions(document) if not figurative_use(m, context)]
    for mention in mentions:
        refine_class(mention)
        mark_reference(mention)
        resolve_seizure(mention)
        if event_family(mention.event_class) == "Attack" and (summarising(mention) or habitual(mention)):
            mention.dropped = True  # "both attacks", "shelling is frequent": no incident of its own
        if told_through_weapon(mention):
            mention.definite = True  # "the grenade exploded": how the attack told before went
    mentions = [m for m in mentions if not m.dropped]
    mark_interceptions(mentions)
    fold_truce_agreements(mentions)
    mentions = [m for m in mentions if not m.dropped]
    link_nested(mentions)
    mentions = [m for m in mentions if not m.dropped]
    mentions = _one_event_per_barrage(mentions)
    negotiation_heads = {m.head.i for m in mentions if event_family(m.event_class) == "Negotiation"}
    all_heads = {m.head.i for m in mentions}
    for mention in mentions:
        assign_status(mention, negotiation_heads, all_heads)
        if "proposal" in mention.flags and any(m.nested_in is mention for m in mentions):
            mention.strength = max(mention.strength, 0.8)  # "suggested peace talks": the offer is explicit
    fold_fighting_into_attack(mentions)
    mentions = [m for m in mentions if not m.dropped]
    assign_roles(mentions, resolver)
    settle_interceptions(mentions, resolver)
    fold_weapon_subjects(mentions)
    drop_claimed_accounts(mentions)
    mentions = [m for m in mentions if not m.dropped]
    created = attach_figures(document, mentions, resolver, lambda anchor: _mention_from_casualty(document, anchor, resolver))
    mentions = distribute_summaries(sorted(mentions + created, key=lambda m: m.head.i))
    for mention in mentions:
        mention.place, mention.place_how = places.event_place(mention)
        told_elsewhere = mention.definite or _dated_by_modifier(mention) or mention.status in _UNREAL
        if told_elsewhere and mention.place_how == "sentence":
            # "the attack came as ... in Kabul", "laid down his weapons under the 2016 accord ..., in
            # Tumaco": not its place
            mention.place = mention.place_how = None
        _refine_assassination(mention, resolver)
    choose_times(document, mentions)
    for mention in mentions:
        if mention.status in _UNREAL and mention.time_how == "sentence":
            # "talks in Muscat last week on a potential truce": the week is the talks', not the truce's
            mention.time_expression = mention.time_how = None
        if mention.time_expression is not None:
            planned = mention.status == "Planned" and mention.time_how == "clause"
            mention.time = (planned_event_time if planned else event_time)(mention.time_expression, dct)
    relative_times(document, mentions)

    mentions = [m for m in mentions if not _part_of_sentence_event(m, mentions)]
    groups = merge_mentions(mentions, places.used, document.headline)
    talks_from = _first_conflict_talks(groups, resolver)
    groups = [g for g in groups if _anchored(g, resolver, talks_from) and not _sub_event(g, mentions)]
    free_attributions(document, groups, resolver)
    _parties_of_sides(sorted(groups, key=lambda g: g[0].head.i))
    for group in groups:
        _infer_targets(group, places, resolver)
    _episode_fallbacks(document, groups, mentions, places)
    return _assemble(article, document, groups, places, resolver)


def _one_event_per_barrage(mentions: list[Mention]) -> list[Mention]:
    """"Fired a barrage of drones and missiles": the weapons gathered by one noun are one attack
    (the first weapon word tells it)."""
    seen: set[int] = set()
    out = []
    for mention in mentions:
        phrase = mention.phrase_head
        if phrase.i != mention.head.i and phrase.lemma_.lower() in word_list("weapon_collectives", "event_words.txt"):
            if phrase.i in seen:
                continue
            seen.add(phrase.i)
        out.append(mention)
    return out


_EPISODE_SENTENCES = 2


def _episode_fallbacks(document: Document, groups: list[list[Mention]], mentions: list[Mention],
                       places: PlaceResolver) -> None:
    """An event told without place or date in a sentence that goes on with the story of the one
    before (same paragraph) takes that sentence's place and date: "... a mine placed on La Noria
    Bridge, in San Marcos Lempa. Five civilians were injured by the explosion."."""
    for group in groups:
        first = group[0]
        if any(m.place for m in group) and any(m.time is not None for m in group):
            continue
        earlier = [s for s in range(first.sentence_index - 1, first.sentence_index - 1 - _EPISODE_SENTENCES, -1)
                   if s >= 0 and document.same_paragraph(s, first.sentence_index)]
        apart = any(m.distinct or m.told_apart for m in group)  # "Earlier on Sunday, ...", "In a separate attack, ..."
        elsewhere = document.sentences[first.sentence_index][0].lower_ == "elsewhere"
        # "the 2016 accord": told in passing, not in this story; a possible truce has no place yet
        past = all(_dated_by_modifier(m) for m in group)
        unreal = all(m.status in _UNREAL for m in group)
        for index in earlier:
            before = [m for m in mentions if m.sentence_index == index and m not in group]
            if not any(m.place for m in group) and not elsewhere and not past and not unreal:
                place = next((m.place for m in reversed(before) if m.place and m.place_how == "syntax"), None)
                place = place or places.locative_place(document.sentences[index])
                while apart and place in places.used and places.used[place].place_type == "Site":
                    place = places.used[place].contained_in  # another event: the same town, not the same building
                if place:
                    first.place, first.place_how = place, "episode"
            if not any(m.time is not None for m in group) and first.status != "Denied" and not past:
                # (a denial is told of reports, not of the day of the story around it)
                dated = [m for m in before if m.time is not None and m.time_how in ("clause", "sentence")]
                if dated:
                    first.time, first.time_how = dated[-1].time, "episode"
            if any(m.place for m in group) and any(m.time is not None for m in group):
                break
        if not any(m.place for m in group) and any(_definite_site(m) for m in group):
            # "Islamic State militants blew up the 12th-century mosque": the site told before
            earlier = [g for g in groups if g is not group and g[0].head.i < first.head.i and any(m.place for m in g)
                       and first.sentence_index - max(m.sentence_index for m in g) <= _EPISODE_REACH]
            if earlier:
                first.place, first.place_how = next(m.place for m in earlier[-1] if m.place), "episode"
        if not any(m.time is not None for m in group):
            _date_from_context(document, group, groups, mentions, places)


def _dated_by_modifier(mention: Mention) -> bool:
    """"the 2016 accord", "a February agreement": an event named by its date, told in passing."""
    return not mention.is_verb and any(c.dep_ in ("compound", "nmod", "amod", "nummod") and c.ent_type_ == "DATE"
                                       and c.i < mention.head.i for c in mention.head.children)


_EPISODE_REACH = 3  # sentences back to the event a definite site refers to


def _definite_site(mention: Mention) -> bool:
    """Whether the mention's object is a definite site or place noun ("the mosque", "the town")."""
    nouns = word_list("site_nouns", "place_words.txt") | word_list("place_objects", "event_words.txt")
    candidates = [c for c in mention.head.children if c.dep_ in ("dobj", "nsubjpass")]
    candidates += [o for c in mention.head.children if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj"]
    return any(c.lemma_.lower() in nouns and any(d.dep_ == "det" and d.lower_ in ("the", "this", "that") for d in c.children)
               and not any(d.dep_ == "prep" and d.lower_ == "of" for d in c.children)  # "the centre of X" says where
               for c in candidates)


def _date_from_context(document: Document, group: list[Mention], groups: list[list[Mention]],
                       mentions: list[Mention], places: PlaceResolver) -> None:
    """An undated event takes the day the story gives it nearby:

    * a date in a sentence after it in the same paragraph that tells no event of its own ("A bomb
      destroyed four towers. The blackout occurred on Saturday night, 1 October.");
    * else the date of the event told in the paragraph before, at the same place ("Taliban fighters
      attacked Farah on Tuesday. // US aircraft carried out air strikes on the outskirts of the city.").
    """
    first = group[0]
    told = {m.sentence_index for m in mentions}
    for index in range(first.sentence_index + 1, min(len(document.sentences), first.sentence_index + 1 + _EPISODE_SENTENCES)):
        if not document.same_paragraph(index, first.sentence_index) or index in told:
            break
        sentence = document.sentences[index]
        found = [e for e, span in document.time_tokens if sentence.start <= span.start < sentence.end and is_calendar(e)]
        if found:
            first.time, first.time_how = event_time(found[0], document.dct), "episode"
            return
    place = next((m.place for m in group if m.place), None)
    if place is None and event_family(first.event_class) == "Attack":
        place = places.dateline_place()  # where an attack with no place of its own will be put
    if place is None or first.status not in ("Occurred", "Ongoing"):
        return
    paragraph = document.paragraphs[first.sentence_index]
    previous = max((p for p in document.paragraphs if p < paragraph), default=None)
    before = [g for g in groups if g is not group and g[0].head.i < first.head.i
              and document.paragraphs[g[0].sentence_index] == previous]
    for other in reversed(before):
        dated = [m for m in other if m.time is not None and m.time_how == "clause" and m.time.precision != "unanchored"]
        places_there = [m.place for m in other if m.place]
        if dated and other[0].status in ("Occurred", "Ongoing") and any(same_place(place, p, places.used) for p in places_there):
            first.time, first.time_how = dated[0].time, "episode"
            return


def _refine_assassination(mention: Mention, resolver: ActorResolver) -> None:
    """A killing aimed at one person (named, or described by office) is an assassination."""
    if mention.event_class not in ("Attack", "ArmedAssault") or not mention.victim_tokens:
        return
    killed = [c for c in mention.casualties if c.outcome == "Killed"]
    if not killed or killed[0].count != 1:
        return
    victim = mention.victim_tokens[0]
    offices = word_list("assassination_victims", "event_words.txt")
    # "a senior police officer", "a former FARC combatant": a description that singles a person out
    singled_out = any(c.dep_ == "amod" and c.lower_ in word_list("individual_modifiers", "event_words.txt")
                      for c in victim.children)
    if victim.ent_type_ == "PERSON" or victim.lemma_.lower() in offices or victim.lower_ in offices or singled_out:
        if victim.lower_ in ("officer", "officers") and any(c.lower_ == "police" for c in victim.children) \
                and not singled_out:
            return  # "a police officer": a casualty of an attack on the police
        mention.event_class = "Assassination"
        mention.roles.pop("target", None)  # the victim is a person, not the institution he served


def _infer_targets(group: list[Mention], places: PlaceResolver, resolver: ActorResolver) -> None:
    """The actor the victims or the site plainly stand for ("six police officers" in Afghanistan ->
    Afghan police; "an army base" -> the army), when no target is named."""
    if event_family(group[0].event_class) != "Attack" or any(m.roles.get("target") for m in group):
        return
    if group[0].event_class == "Assassination":
        return  # the victim is a person, not an institution attacked
    actors = {k for m in group for keys in m.roles.values() for k in keys}
    victims = [t for m in group for t in m.victim_tokens]
    sites = []
    for mention in group:
        if mention.site_label:
            words = mention.site_label.lower().split(",")[0].split()
            sites += [t for t in mention.sentence if t.lower_ in words]
    where = _country_of_place(next((m.place for m in group if m.place), None), places)
    for tokens, kinds in ((sites, ("SecurityForce", "Government", "Organization", "ArmedGroup", "Country")),
                          (victims, ("SecurityForce", "Government", "Organization", "ArmedGroup"))):
        for token in tokens:
            for key in resolver.resolve(token) if token.pos_ != "PRON" else []:
                actor = resolver.known.get(key)
                entry = resolver.lexicon.get(key)
                if entry is not None and entry.country and where and entry.country != where and \
                        actor is not None and actor.kind in ("Government", "SecurityForce"):
                    continue  # "the regional administration building" in Mykolaiv is no Turkish office
                if actor is not None and actor.kind in kinds and key not in actors:
                    group[0].add_role("target", key)
                    return


def _country_of_place(key: str | None, places: PlaceResolver) -> str | None:
    """The ISO code of the country a place lies in, if known."""
    seen = set()
    place = places.used.get(key) if key else None
    while place is not None and place.contained_in and place.key not in seen:
        seen.add(place.key)
        place = places.used.get(place.contained_in)
    if place is not None and place.place_type == "CountryPlace" and place.geonames_id:
        return places.gazetteer.country_of_id(place.geonames_id)
    return None


def _part_of_sentence_event(mention: Mention, mentions: list[Mention]) -> bool:
    """A weak verb ("shot", "fought") beside a strong trigger of the same family in its sentence
    tells a moment of that event ("stormed the offices ... before they were shot dead")."""
    if "weak" not in mention.flags or not mention.is_verb:
        return False
    return any(m is not mention and m.sentence_index == mention.sentence_index and "weak" not in m.flags
               and not m.generic and event_family(m.event_class) == event_family(mention.event_class) for m in mentions)


def _sub_event(group: list[Mention], mentions: list[Mention]) -> bool:
    """A weak verb ("fought", "shot") in a sentence whose main event is a strong one is part of it."""
    if any("weak" not in m.flags for m in group):
        return False
    sentences = {m.sentence_index for m in group}
    others = [m for m in mentions if m.sentence_index in sentences and m not in group and "weak" not in m.flags
              and event_family(m.event_class) == event_family(group[0].event_class) and not m.generic]
    return bool(others) and all(m.is_verb for m in group)


# -- mentions made from casualty words --------------------------------------------------------------


def _mention_from_casualty(document: Document, anchor: Token, resolver: ActorResolver) -> Mention | None:
    """An attack told only by its victims: "gunmen killed two policemen", "X was murdered by Y"."""
    if not anchor.tag_.startswith("VB"):
        return None
    lemma = anchor.lemma_.lower()
    if lemma not in word_list("kill_verbs", "casualty_words.txt") and lemma != "shoot":
        return None
    if campaign_killing(anchor):
        return None  # "the conflict has killed more than 3,000 people": a toll of the war
    sentence = document.sentence(anchor)
    agents = [c for c in anchor.children if c.dep_ == "nsubj"]
    # the agent of a passive, also where the parser hung "by ..." further on ("were killed in X by a gang")
    agents += [o for t in sentence if t.i > anchor.i and t.dep_ == "agent" or (t.lower_ == "by" and t.i > anchor.i)
               for o in t.children if o.dep_ == "pobj"]
    violent = any(t.lower_ in word_list("assault_cues", "event_words.txt") | word_list("bombing_cues", "event_words.txt")
                  for t in sentence)
    unknown = word_list("unknown_perpetrators", "actor_words.txt")
    perpetrator_like = any(resolver.resolve(a) or a.lemma_.lower() in unknown or a.lower_ in unknown for a in agents)
    disaster = any(t.lower_ in word_list("disaster_words", "event_words.txt") for t in sentence)
    if disaster or not (perpetrator_like or violent):
        return None
    event_class = "Assassination" if lemma == "assassinate" else "Attack"
    mention = Mention(head=anchor, start=anchor.i, end=anchor.i + 1, event_class=event_class, strength=0.6,
                      flags=frozenset({"casualty"}), sentence=document.sentence(anchor),
                      sentence_index=document.sentence_index(anchor), from_casualty=True)
    from kb.extract.roles import attack_roles
    from kb.extract.triggers import refine_class as refine

    refine(mention)
    assign_status(mention, set())
    attack_roles(mention, resolver, {})
    mention.roles.pop("target", None)  # the object of "killed" is a victim, counted, not a target
    return mention


# -- which groups are events --------------------------------------------------------------------------


def _course_subject(mention: Mention) -> bool:
    """Talks told by their own course: "talks could only resume", "negotiations began"."""
    head = mention.phrase_head
    return head.dep_ in ("nsubj", "nsubjpass") and head.head.lemma_.lower() in word_list("talks_course_verbs", "event_words.txt")


def _first_conflict_talks(groups: list[list[Mention]], resolver: ActorResolver) -> int | None:
    """Where the article first tells of negotiations of a conflict (a token index), if it does."""
    heads = [min(m.head.i for m in g) for g in groups
             if event_family(g[0].event_class) == "Negotiation" and _conflict_talks(g, resolver)]
    return min(heads, default=None)


def _anchored(group: list[Mention], resolver: ActorResolver, talks_from: int | None = None) -> bool:
    """A group of only weak, generic or party-less mentions needs something that anchors it.

    Talks with no party of a conflict are kept when the article told of such negotiations
    before and they have a place or time of their own: "Follow-up talks are due to be held in
    Istanbul on October 25", "further talks would be held in Kunming later this month" go on
    with the story; a lone "the bank held talks with its management" does not, nor the topic
    of a meeting ("to discuss a framework for political negotiations").
    """
    strong = [m for m in group if not m.generic and "weak" not in m.flags and "parties" not in m.flags]
    concrete = any(m.casualties or m.place_how == "syntax" or m.time_how == "clause" or _hits_building(m)
                   or len(m.roles.get("perpetrator", [])) >= 2
                   or (m.roles.get("perpetrator") and light_verb_of(m.phrase_head) is not None)  # "launched an offensive"
                   or _two_sides(m)  # "fighting between Iraqi troops and the militants"
                   for m in group)
    if all(m.generic for m in group):
        return any(m.casualties or (m.time_how == "clause") for m in group)
    if event_family(group[0].event_class) == "Negotiation" and not _conflict_talks(group, resolver):
        follows = talks_from is not None and talks_from < min(m.head.i for m in group)
        # not a topic ("to discuss ... negotiations"): a place or time of their own, or their own course
        # ("talks could only resume if ...")
        own = any(m.place_how == "syntax" or m.time_how == "clause" or _course_subject(m) for m in group)
        if not (follows and own):
            return False
    if all("parties" in m.flags for m in group):
        parties = {k for m in group for k in m.roles.get("participant", [])}
        conflict = any(t.lower_ in word_list("conflict_words", "event_words.txt") for m in group for t in m.sentence)
        sides = any(c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in _SIDES for m in group for c in m.head.children)
        return len(parties) >= 2 or (len(parties) == 1 and conflict) or sides
    if strong:
        return True
    if all(m.definite for m in group):
        return False  # "the fighting" with no event before it: the war in general
    return concrete


def _two_sides(mention: Mention) -> bool:
    """A clash word with both its sides named after "between", known actors or not."""
    return mention.event_class == "ArmedClash" and any(
        c.dep_ == "prep" and c.lower_ == "between" and any(o.dep_ == "pobj" and o.conjuncts for o in c.children)
        for c in mention.head.children)


def _hits_building(mention: Mention) -> bool:
    """"burned the offices", "torched vehicles": the object makes a weak verb an attack."""
    objects = word_list("arson_objects", "event_words.txt") | word_list("site_nouns", "place_words.txt")
    return mention.is_verb and any(c.dep_ in ("dobj", "nsubjpass") and c.lower_ in objects for c in mention.head.children)


# "the two delegations will meet again": the parties of talks already told
_SIDES = frozenset({"delegation", "side", "party", "negotiator", "team"})

_CONFLICT_KINDS = frozenset({"ArmedGroup", "Government", "Country", "SecurityForce", "Organization"})


def _conflict_talks(group: list[Mention], resolver: ActorResolver) -> bool:
    """Talks between a government, an armed group, a state or an international body, or about peace."""
    for mention in group:
        for key in mention.actors_so_far():
            actor = resolver.known.get(key)
            if actor is not None and (actor.kind in _CONFLICT_KINDS or actor.member_of):
                return True
        if mention.nested_in is not None or _sides_subject(mention):
            return True
        if any(t.lower_ in word_list("conflict_words", "event_words.txt") for t in mention.sentence):
            return True
    return False


def _sides_subject(mention: Mention) -> bool:
    subjects = [c for c in mention.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if mention.phrase_head.dep_ in ("nsubj", "nsubjpass"):
        subjects.append(mention.phrase_head)
    return any(s.lemma_.lower() in _SIDES for s in subjects)


def _parties_of_sides(groups: list[list[Mention]]) -> None:
    """"The two delegations will meet again": the parties are those of the talks told before."""
    talks = [g for g in groups if g[0].event_class == "Talks"]
    for index, group in enumerate(talks):
        if any(m.roles.get("participant") for m in group) or not any(_sides_subject(m) for m in group):
            continue
        earlier = [g for g in talks[:index] if any(m.roles.get("participant") for m in g)]
        if earlier:
            for key in (k for m in earlier[-1] for k in m.roles.get("participant", [])):
                group[0].add_role("participant", key)


# -- events ---------------------------------------------------------------------------------------


def _assemble(article: Article, document: Document, groups: list[list[Mention]], places: PlaceResolver,
              resolver: ActorResolver) -> Extraction:
    extraction = Extraction(article=article, times=list(document.times))
    dct = article.published_date
    text = article.text
    lexicon = get_lexicon()
    index_of_group: dict[int, int] = {}
    events: list[Event] = []
    ordered = sorted(groups, key=lambda g: g[0].head.i)
    for group in ordered:
        first = group[0]
        event_class = _group_class(group)
        told = [m for m in group if not m.definite] or group  # "the offer would stand if ...": not the offer's status
        status = min((m.status for m in told), key=_STATUS_RANK.index)
        roles: dict[str, list[str]] = {}
        for mention in group:
            for role, keys in mention.roles.items():
                for key in keys:
                    if key and key not in roles.setdefault(role, []):
                        roles[role].append(key)
        _settle_roles(roles)
        place = _most_specific([m.place for m in group if m.place_how == "syntax"], places) or \
            _most_specific([m.place for m in group if m.place], places)
        site = next((m.site_label for m in group if m.site_label and m.place == place), None)
        if place is None and first.nested_in is not None and first.nested_in.place:
            place = first.nested_in.place
        if place is None and event_family(event_class) == "Attack":
            place = places.dateline_place()
        dated = [m for m in group if m.time is not None and m.time.precision != "unanchored"]
        precise = sorted(dated, key=lambda m: (m.time_how != "clause", _PRECISION_ORDER.index(m.time.precision)))
        time = precise[0].time if precise else None
        if time is None and first.nested_in is not None and first.nested_in.time is not None:
            time = first.nested_in.time
        if time is None:
            time = event_time(None, dct)
        if status == "Occurred" and dct is not None and time.earliest is not None and time.earliest > dct:
            status = "Planned"
        casualties = [c for m in group for c in m.casualties]
        killed, injured = totals(statements_of(group))
        if status == "Attempted" and (killed or injured) and all(m.prevented for m in told if m.status == "Attempted"):
            status = "Occurred"  # "killed as he was trying to defuse a mine": stopping it failed
        evidence = _evidence(group, text)
        trigger = _span(text, first.head.doc[first.start].idx, _end_char(first.head.doc, first.end))
        names = {key: _reading_name(key, resolver, lexicon) for keys in roles.values() for key in keys}
        titled = _parties_for_title(roles, resolver)
        place_label = places.used[place].label if place in places.used else None
        if place in places.used and places.used[place].place_type == "Site":
            parent = places.used.get(places.used[place].contained_in or "")
            place_label = parent.label if parent else None
        proposed = None
        recapture = event_class == "Takeover" and any("recapture" in m.flags for m in group)
        label = event_label(event_class, status, titled, names, place_label, site.split(",")[0] if site else None,
                            proposed, recapture=recapture)
        event = Event(
            event_class=event_class, label=label, trigger=trigger, evidence=evidence, time=time, status=status,
            confidence=_confidence(group, time), roles=roles, place=place, casualties=casualties,
            killed=killed, injured=injured,
        )
        index_of_group[id(group)] = len(events)
        events.append(event)
    # nested events: the proposal or talks they belong to
    group_of = {id(m): g for g in ordered for m in g}
    for group in ordered:
        for mention in group:
            outer = mention.nested_in
            if outer is None or id(outer) not in group_of:
                continue
            inner_index, outer_index = index_of_group[id(group)], index_of_group[id(group_of[id(outer)])]
            if inner_index != outer_index and ("relatedEvent", outer_index) not in events[inner_index].related:
                events[inner_index].related.append(("relatedEvent", outer_index))
                outer_event = events[outer_index]
                if outer_event.event_class == "PeaceProposal" and outer_event.label.startswith("Peace proposal"):
                    outer_event.label = _proposal_label(outer_event, events[inner_index], resolver, lexicon)
    extraction.events = events
    used_keys = [k for e in events for keys in e.roles.values() for k in keys]
    used_keys += [c.victim for e in events for c in e.casualties if c.victim]
    extraction.actors = resolver.closure(used_keys)
    extraction.places = _place_closure([e.place for e in events if e.place], places)
    return extraction


_PRECISION_ORDER = ("day", "week", "month", "year", "unanchored")


def _most_specific(keys: list[str | None], places: PlaceResolver) -> str | None:
    """Of the places the mentions give, the one no other lies inside ("Hajjah province" over "Yemen")."""
    keys = [k for k in dict.fromkeys(keys) if k]
    if not keys:
        return None

    def depth(key: str) -> int:
        n, seen, place = 0, set(), places.used.get(key)
        while place is not None and place.contained_in and place.key not in seen:
            seen.add(place.key)
            n += 1
            place = places.used.get(place.contained_in)
        return n

    return max(keys, key=lambda k: (depth(k), -keys.index(k)))


def _group_class(group: list[Mention]) -> str:
    """The most specific class the mentions give (a generic "attack" yields to "assault")."""
    told = [m for m in group if not m.definite] or group  # "the fighting" does not make an attack a clash
    classes = [m.event_class for m in told]
    specific = [c for c in classes if c != "Attack"]
    return specific[0] if specific else classes[0]


def _settle_roles(roles: dict[str, list[str]]) -> None:
    """An actor who claimed an attack is not also its alleged perpetrator; a certain perpetrator
    is not also alleged; a party is not also a mediator. A perpetrator the report states as fact
    ("Taliban fighters attacked ...") stays one when it also claims the attack (each mention already
    keeps a claimant out of its own perpetrators)."""
    claimed = set(roles.get("claimedBy", []))
    certain = set(roles.get("perpetrator", []))
    if "allegedPerpetrator" in roles:
        roles["allegedPerpetrator"] = [k for k in roles["allegedPerpetrator"] if k not in claimed and k not in certain]
    if "target" in roles:
        actors = certain | claimed | set(roles.get("allegedPerpetrator", []))
        roles["target"] = [k for k in roles["target"] if k not in actors]
    if "participant" in roles and "mediator" in roles:
        roles["participant"] = [k for k in roles["participant"] if k not in roles["mediator"]]
    for role in ("participant", "proposer", "addressee", "mediator"):
        if role in roles:  # "Colombia signs peace deal" + "President Santos signed": one party, named once
            roles[role] = _without_government_beside_country(roles[role])
    for role in [r for r, keys in roles.items() if not keys]:
        del roles[role]


def _without_government_beside_country(keys: list[str]) -> list[str]:
    """A country named as a party of talks or a deal stands for its government ("Colombia signs
    peace deal"): the government beside it (brought by the president who signed) is the same
    party named twice, and the country, as the text names it, is kept."""
    lexicon = get_lexicon()
    countries = {entry.country for key in keys if (entry := lexicon.get(key)) is not None and entry.kind == "Country"}
    out = []
    for key in keys:
        entry = lexicon.get(key)
        if entry is not None and entry.kind == "Government" and entry.country in countries:
            continue
        out.append(key)
    return out


def _evidence(group: list[Mention], text: str) -> list[Span]:
    spans, seen = [], set()
    for mention in group:
        sentence = mention.sentence
        start, end = sentence.start_char, sentence.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if (start, end) in seen or start >= end:
            continue
        seen.add((start, end))
        spans.append(Span(start, end, text[start:end]))
    return spans


def _span(text: str, start: int, end: int) -> Span:
    return Span(start, end, text[start:end])


def _end_char(doc: Doc, end: int) -> int:
    last = doc[end - 1]
    return last.idx + len(last.text)


def _parties_for_title(roles: dict[str, list[str]], resolver: ActorResolver) -> dict[str, list[str]]:
    """The roles as a title names them: a person whose government or group holds the same role
    is left out ("between the Taliban and the Government of the United States", not "... Zalmay
    Khalilzad and ...")."""
    out = {}
    lexicon = resolver.lexicon

    def country_of(key: str | None, kind: str) -> str | None:
        entry = lexicon.get(key) if key else None
        return entry.country if entry is not None and entry.kind == kind else None

    for role, keys in roles.items():
        # "the United States" and "the Government of the United States" side by side: the country says it
        countries = {country_of(k, "Country") for k in keys} - {None}
        kept = [k for k in keys if not (resolver.organisation_of(k) and (
            resolver.organisation_of(k) in keys or country_of(resolver.organisation_of(k), "Government") in countries))]
        out[role] = [k for k in kept if country_of(k, "Government") not in countries]
    return out


def _reading_name(key: str, resolver: ActorResolver, lexicon) -> str:
    actor = resolver.known.get(key)
    if actor is None:
        return key
    entry = lexicon.get(key)
    if (entry is not None and entry.takes_the) or key in resolver.read_with_the:
        return f"the {actor.label}"
    return actor.label


def _proposal_label(proposal: Event, proposed: Event, resolver: ActorResolver, lexicon) -> str:
    names = {k: _reading_name(k, resolver, lexicon) for keys in proposal.roles.values() for k in keys}
    return event_label("PeaceProposal", proposal.status, proposal.roles, names, None, None, proposed.event_class)


def _confidence(group: list[Mention], time) -> float:
    strength = max(m.strength for m in group)
    support = 0
    support += any(any(m.roles.values()) for m in group)
    support += any(m.place_how == "syntax" for m in group)
    support += any(m.time_how == "clause" for m in group)
    support += any(m.casualties for m in group)
    support += len(group) > 1
    value = 0.6 * strength + 0.08 * min(support, _MAX_SUPPORT) + 0.06
    if any(m.hedged for m in group):
        value *= _HEDGE_FACTOR
    return round(min(0.98, value), 2)


def _place_closure(keys: list[str], places: PlaceResolver) -> dict:
    out = {}
    pending = list(dict.fromkeys(keys))
    while pending:
        key = pending.pop(0)
        if key in out or key not in places.used:
            continue
        place = places.used[key]
        out[key] = place
        if place.contained_in:
            pending.append(place.contained_in)
    return out
