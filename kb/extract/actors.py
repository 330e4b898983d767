"""Actor normalisation: from a noun phrase in the parse to the key of a known actor.

``ActorResolver.resolve(token)`` reads the noun phrase headed by ``token`` and
returns the actor keys it stands for. The rules, in order:

1. a lexicon entity (set by the gazetteer component) is that actor ("ISIS" ->
   ``islamic-state``);
2. a person entity is a person; later mentions of the surname are the same
   person ("General John Nicholson" = "Nicholson"); a title and an affiliation
   before the name or in an apposition make the job title and ``member_of``
   ("the number two Taliban leader in Helmand, Abdul Manan");
3. members stand for their group: a lexicon actor among the modifiers of the head
   is the actor ("Taliban commanders", "FMLN urban guerrillas");
4. a country (name, demonym or "US") with an institution noun is that country's
   government, forces or police ("Afghan government officials" -> Government of
   Afghanistan, "Salvadoran troops" -> Salvadoran forces); with an official noun or
   alone ("US official", "US-backed") it is the country itself;
5. an institution noun alone ("the government", "the army", "police") belongs to
   the country of the sentence (the nearest country named before it), else the
   one country of the armed groups the sentence names ("talks between the
   government and the Houthis"), else the article's;
6. "they", "it", "who" take the nearest actor named as a subject before them.

Heads of state and government listed in the lexicon are persons with their
government (``member_of``): "President Ivan Duque" and a bare "Duterte" bring their
government into a negotiation role. A listed surname counts only where it stands
alone ("Ghani offered", not "Abdul Ghani Baradar"). A capital's name stands for its
government where it speaks, proposes or negotiates (``speaks_for_government``:
"Washington has asked the Taliban", "talks between Kabul and the Taliban"); where
something happens in it, it stays a place.

Also: a counted or partitive head stands for what it counts ("hundreds of Taliban
fighters", "a group of ELN rebels", "dozens of gunmen from al-Shabaab"); a
description followed by a person's name is that person ("his Turkish counterpart
Recep Tayyip Erdogan"); a seat of government is its government ("the Kremlin
said"); an unknown name before a word for an armed group is that group ("the Maute
group"); an unknown name ending in a building word is no actor ("the
Intercontinental Hotel").

Descriptions such as "militants" or "gunmen" stay unnamed: no actor is made up.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from kb.extract.document import Document
from kb.extract.lexicon import ActorEntry, get_lexicon
from kb.extract.words import TITLE_WORDS, word_list
from kb.gazetteer import name_key, slug
from kb.model import Actor

_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss", "npadvmod", "nummod"})
_STATE_KINDS = frozenset({"Country", "Government", "SecurityForce"})  # actors that speak for a state


def _words(name: str) -> frozenset[str]:
    return word_list(name, "actor_words.txt")


@dataclass
class PersonInfo:
    key: str
    name: str
    job_title: str | None = None
    member_of: str | None = None
    aliases: set[str] = field(default_factory=set)
    wikidata: str | None = None


class ActorResolver:
    """Resolves noun phrases of one document to actors and remembers the actors used."""

    def __init__(self, document: Document, country_of_sentence, home_country=None) -> None:
        self.document = document
        self.home_country = home_country  # callable: token -> the country whose forces are "own" there
        self.lexicon = get_lexicon()
        self.gazetteer = self.lexicon.gazetteer
        self.country_of_sentence = country_of_sentence  # callable: token -> country code or None
        self.known: dict[str, Actor] = {}  # every actor resolved so far (events keep the ones they use)
        self.persons: dict[str, PersonInfo] = {}
        self._person_of_token: dict[int, str] = {}
        self._subjects: list[tuple[int, list[str]]] = []  # (token index, actor keys) for pronouns
        self.read_with_the: set[str] = set()  # keys of unknown organisations the text names with "the"
        self._collect_persons()

    # -- persons -------------------------------------------------------------

    def _collect_persons(self) -> None:
        doc = self.document.doc
        by_surname: dict[str, PersonInfo] = {}
        # listed persons first (the gazetteer component tagged their full names): a later bare
        # surname or a shorter name of theirs is the same person
        for ent in doc.ents:
            entry = self.lexicon.get(ent.kb_id_) if ent.label_ == "ORG" and ent.kb_id_ else None
            if entry is not None and entry.kind == "Person":
                info = self._listed_person(entry, by_surname)
                info.aliases.add(ent.text)
                self._learn_title(info, ent)
                for t in ent:
                    self._person_of_token[t.i] = info.key
        spans = [e for e in doc.ents if e.label_ == "PERSON"]
        for ent in sorted(spans, key=lambda e: -len(e)):
            words = [t for t in ent if t.is_alpha and t.text not in TITLE_WORDS]
            if not words:
                continue
            surname = name_key(words[-1].text)
            info = by_surname.get(surname)
            name = " ".join(t.text for t in words)
            if info is None and len(words) == 1 and (listed := self.lexicon.person_by_surname(name)) is not None:
                info = self._listed_person(listed, by_surname)  # "President Erdogan"
            if info is None:
                info = PersonInfo(slug(name), name)
                by_surname[surname] = info
                self.persons[info.key] = info
            info.aliases.add(ent.text)
            self._learn_title(info, ent)
            for t in ent:
                self._person_of_token[t.i] = info.key
        # A bare surname the recogniser labelled otherwise ("Nicholson" as ORG, "Ghani" not at all)
        # is still the person: one named before in the article, else a listed one.
        for token in doc:
            if token.i in self._person_of_token or not token.text[:1].isupper():
                continue
            if token.ent_kb_id_ or token.pos_ not in ("PROPN", "NOUN"):
                continue
            info = by_surname.get(name_key(token.text)) if token.tag_ == "NNP" else None
            # a listed surname whatever the tagger made of it ("Duterte" as a common noun at the start)
            listed = self.lexicon.person_by_surname(token.text) if info is None and _stands_alone(token) else None
            if listed is not None:
                info = self._listed_person(listed, by_surname)
            if info is not None:
                self._person_of_token[token.i] = info.key
                info.aliases.add(token.text)

    def _listed_person(self, entry: ActorEntry, by_surname: dict[str, PersonInfo]) -> PersonInfo:
        info = self.persons.get(entry.key)
        if info is None:
            info = PersonInfo(entry.key, entry.label, member_of=entry.member_of, wikidata=entry.wikidata)
            self.persons[entry.key] = info
            by_surname.setdefault(name_key(entry.label.split()[-1]), info)
        return info

    def _learn_title(self, info: PersonInfo, ent: Span) -> None:
        doc = ent.doc
        title_words, member = [], None
        i = ent.start - 1
        # "Afghan President Ashraf Ghani", "General John Nicholson", "Taliban commander Mullah X"
        while i >= 0 and (doc[i].text[:1].isupper() or doc[i].text in TITLE_WORDS or doc[i].lower_ in _words("official_nouns")):
            token = doc[i]
            if token.text in TITLE_WORDS or token.lower_ in _words("official_nouns"):
                title_words.insert(0, token.text)
            else:
                found = self._group_or_country(token)
                if found:
                    member = found
                break
            if token.is_sent_start:
                break
            i -= 1
        for t in ent:
            if t.text in TITLE_WORDS:
                title_words.append(t.text)
        if title_words and not info.job_title:
            info.job_title = " ".join(title_words)
        if member and not info.member_of:
            info.member_of = member
        # "the number two Taliban leader in Helmand, Abdul Manan": the apposition is the job.
        root = ent.root
        appositive = None
        if root.dep_ == "appos" and root.head.pos_ == "NOUN":
            appositive = root.head
        elif root.dep_ in ("appos", "conj") and root.head.dep_ == "pobj" and root.head.head.head.pos_ == "NOUN" \
                and doc[ent.start - 1].text == ",":
            appositive = root.head.head.head  # "the Taliban leader in Helmand, Abdul Manan": parsed onto the place
        else:
            appositive = next((c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"), None)
        if appositive is not None:
            words = [t for t in appositive.subtree if t.i < ent.start and t.i >= appositive.left_edge.i]
            if words and words[-1].text == ",":
                words = words[:-1]
            words = [t for t in words if not (t.dep_ == "det" and t.head == appositive) and t.dep_ != "punct"]
            if words and not info.job_title:
                info.job_title = doc[words[0].i:words[-1].i + 1].text.strip(" ,")
            if not info.member_of:
                for t in words:
                    found = self._group_or_country(t)
                    if found:
                        info.member_of = found
                        break

    def _group_or_country(self, token: Token) -> str | None:
        """An armed group or a country's government named by one modifier token ("Kremlin
        spokesman": a seat of government is its government)."""
        if token.ent_kb_id_:
            return token.ent_kb_id_
        seat = self.gazetteer.seat(token.text)
        if seat is not None:
            entry = self.lexicon.government(seat[0])
            return entry.key if entry else None
        code = self._country_code(token)
        if code:
            entry = self.lexicon.government(code)
            return entry.key if entry else None
        return None

    # -- resolution ----------------------------------------------------------

    def resolve(self, token: Token, *, remember_subject: bool = False) -> list[str]:
        """Actor keys the noun phrase headed by ``token`` stands for (``[]`` if none)."""
        keys = self._resolve(token)
        if keys and remember_subject:
            self._subjects.append((token.i, keys))
        return keys

    def resolve_with_conjuncts(self, token: Token) -> list[str]:
        """``resolve`` for a head and the heads coordinated with it ("X and Y")."""
        out: list[str] = []
        for t in [token, *_conjuncts(token)]:
            for key in self.resolve(t):
                if key not in out:
                    out.append(key)
        return out

    def _resolve(self, token: Token) -> list[str]:
        if token.i in self._person_of_token:
            return [self._use_person(self._person_of_token[token.i])]
        if token.ent_kb_id_ and token.ent_type_ == "ORG":
            return [self._use(self.lexicon.get(token.ent_kb_id_))]
        code = self.capital_government(token)
        if code:  # "Washington has asked the Taliban ...": the government, not the city
            return [self._use(self.lexicon.government(code))]
        # "his Turkish counterpart Recep Tayyip Erdogan": the person the description names
        named = next((c for c in token.children if c.dep_ == "appos" and c.i in self._person_of_token), None)
        if named is None and token.i + 1 < len(token.doc) and token.i + 1 in self._person_of_token:
            named = token.doc[token.i + 1]  # the parser may hang the name elsewhere
        if named is not None and token.pos_ == "NOUN":
            return [self._use_person(self._person_of_token[named.i])]
        lower = token.lower_
        if lower in _words("pronouns"):
            return self._antecedent(token)
        if token.ent_type_ in ("ORG", "FAC") and not token.ent_kb_id_:
            ent = _entity_of(token)
            entry = self.lexicon.find(ent.text) if ent is not None else None
            if entry is not None:
                return [self._use(entry)]
            seat = self.gazetteer.seat(ent.text) if ent is not None else None
            if seat is not None:  # "the Kremlin said": the government that sits there
                return [self._use(self.lexicon.government(seat[0]))]
        if token.tag_ == "NNP" and not token.ent_type_:
            # "Downing Street said": a seat of government the recogniser left unnamed
            first = min((c.i for c in token.children if c.dep_ == "compound" and c.tag_ == "NNP" and c.i < token.i),
                        default=token.i)
            seat = self.gazetteer.seat(token.doc[first:token.i + 1].text)
            if seat is not None:
                return [self._use(self.lexicon.government(seat[0]))]
        if token.ent_type_ == "ORG" and not token.ent_kb_id_:
            ent = _entity_of(token)
            if ent is not None and ent.root == token and len(ent.text) > 2 and \
                    ent[-1].lower_ not in _words("building_heads"):
                return [self._use_unknown_org(ent)]
        # "the Maute group", "the Ansaru faction": an unknown name with a word for an armed group
        if token.lower_ in _words("group_heads") and token.tag_ == "NN":
            named = [c for c in token.children if c.dep_ == "compound" and not c.ent_kb_id_ and c.tag_ == "NNP"
                     and c.ent_type_ not in ("GPE", "LOC", "PERSON", "DATE")]
            if named:
                start = min(t.i for c in named for t in c.subtree)
                return [self._use_unknown_org(token.doc[start:token.i + 1])]
        # "hundreds of Taliban fighters", "a group of ELN rebels": the counted people are the actor
        counted = _partitive_object(token)
        if counted is not None:
            keys = self._resolve(counted)
            if keys:
                return keys
        # members stand for their group; a country with an institution noun
        modifiers = _modifiers(token)
        # the modifier nearest the head names the actor: "the al Qaeda-linked JNIM coalition" -> JNIM
        for m in sorted(modifiers, key=lambda t: -t.i):
            if m.ent_kb_id_ and m.ent_type_ == "ORG":
                entry = self.lexicon.get(m.ent_kb_id_)
                if entry is not None and entry.kind == "Person" and entry.member_of:
                    entry = self.lexicon.get(entry.member_of)  # "the Trump administration", "Putin's envoy"
                keys = [self._use(entry)]
                # "U.S. and Taliban negotiators": every side joined to it
                for other in [*m.conjuncts, *([m.head] if m.dep_ == "conj" else [])]:
                    if other.i != m.i and other.i < token.i:
                        keys += [k for k in self._modifier_actor(other) if k not in keys]
                return keys
            if m.i in self._person_of_token and m.dep_ == "poss":
                return [self._use_person(self._person_of_token[m.i])]
            if m.dep_ == "poss" and m.lower_ in ("their", "its") and m.head.i == token.i and \
                    token.lower_ in _words("member_nouns") | _words("official_nouns"):
                return self._antecedent(m)  # "their representatives": the group's
        # "guerrillas of the FMLN", "members of the Shining Path"
        members = _words("member_nouns") | _words("unknown_perpetrators")
        if lower in members or token.lemma_.lower() in members or counted is not None:
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ in ("of", "from"):
                    for obj in child.children:
                        if obj.dep_ != "pobj":
                            continue
                        if obj.ent_kb_id_ and obj.ent_type_ == "ORG":
                            return [self._use(self.lexicon.get(obj.ent_kb_id_))]
                        # "terrorists of the Maoist Shining Path group": the group the noun names
                        groups = [k for k in self._resolve(obj)
                                  if self.known.get(k) is not None and self.known[k].kind in ("ArmedGroup", "Organization")]
                        if groups:
                            return groups
        own = _entity_of(token)
        inside = range(own.start, own.end) if own is not None else range(0)
        # a modifier inside the head's own name ("United" of "the United States") is not another country
        code_token = next((m for m in modifiers if m.i not in inside and self._country_code(m)), None)
        code = self._country_code(code_token) if code_token is not None else None
        own_code = self._country_code(token)
        institution = self._institution(token, modifiers)
        if code and institution is None and code_token.ent_type_ == "GPE" and not self.gazetteer.demonym_country(code_token.text) \
                and code_token.dep_ != "poss":
            return []  # "a Yemen wedding", "the Kabul hotel": a place name describing a thing, not an actor
        if code:
            keys = self._country_actor(code, institution, token)
            # "Ukrainian and Russian negotiators": each country joined to the first
            for other in code_token.conjuncts:
                other_code = self._country_code(other)
                if other_code and other.i < token.i:
                    keys += [k for k in self._country_actor(other_code, institution, token) if k not in keys]
            return keys
        if own_code:
            return [self._use(self.lexicon.country(own_code))]
        equipment = lower in _words("equipment_nouns") or token.lemma_.lower() in _words("equipment_nouns")
        # "army warplanes", "military jets": the craft of a force the text names are that force's
        owned = any(m.dep_ in ("compound", "amod") and m.lower_ in _words("force_nouns") - _words("equipment_nouns")
                    for m in modifiers)
        if institution in ("government", "forces", "police") and (not equipment or owned):
            # "Georgia's defence ministry denied claims that its troops shelled ...": the state of the
            # subject before it, not the nearest country word ("Russian claims")
            owner = self._possessor_state(token)
            if owner:
                return self._country_actor(owner, institution, token)
            # "the army", "police": the country's own; "warplanes" alone could be anyone's; a backer
            # named before it ("the Saudi-backed government") is another country
            backers = frozenset(t.i for c in token.children if c.lemma_.lower() in _BACKING for t in c.subtree)
            code = self.country_of_sentence(token, backers, fallback=False) or self._country_of_groups(token) \
                or self.country_of_sentence(token, backers)
            if code:
                return self._country_actor(code, institution, token)
        return []

    def capital_government(self, token: Token) -> str | None:
        """The country whose government a capital's name stands for here, if it does (see
        ``speaks_for_government``)."""
        if token.tag_ not in ("NNP", "NNPS") or token.ent_kb_id_ or \
                token.ent_type_ not in ("GPE", "LOC", "ORG", "PERSON", ""):
            return None
        ent = _entity_of(token)
        name = ent.text if ent is not None else token.text
        code = self.gazetteer.capital_country(name)
        return code if code and speaks_for_government(token) else None

    def _country_of_groups(self, token: Token) -> str | None:
        """"talks between the government and the Houthi movement", "clashes between the army and
        Boko Haram": the one country of the armed groups named in the sentence, if they share one."""
        countries = set()
        for t in self.document.sentence(token):
            if t.ent_type_ == "ORG" and t.ent_kb_id_ and t.ent_iob_ == "B":
                entry = self.lexicon.get(t.ent_kb_id_)
                if entry is not None and entry.kind == "ArmedGroup" and entry.country:
                    countries.add(entry.country)
        return countries.pop() if len(countries) == 1 else None

    def _modifier_actor(self, token: Token) -> list[str]:
        """The actor one modifier word names: a lexicon group or a country."""
        if token.ent_kb_id_ and token.ent_type_ == "ORG":
            return [self._use(self.lexicon.get(token.ent_kb_id_))]
        code = self._country_code(token)
        return [self._use(self.lexicon.country(code))] if code else []

    def _institution(self, token: Token, modifiers: list[Token]) -> str | None:
        words = {token.lemma_.lower(), token.lower_}
        phrase = " ".join(t.lower_ for t in [*modifiers, token] if t.dep_ == "compound" or t == token)
        for kind, section in (("government", "government_nouns"), ("police", "police_nouns"), ("forces", "force_nouns")):
            nouns = _words(section)
            if words & nouns or phrase in nouns:
                return kind
        if any(m.lower_ in _words("government_nouns") for m in modifiers if m.dep_ == "compound"):
            return "government"
        # "a Malian army camp": a site named after the force that holds it
        compounds = {m.lower_ for m in modifiers if m.dep_ == "compound"}
        if compounds & (_words("force_nouns") - _words("equipment_nouns")):
            return "forces"
        if words & _words("official_nouns"):
            return "official"
        return None

    def _country_actor(self, code: str, institution: str | None, token: Token | None = None) -> list[str]:
        home = self.home_country(token) if self.home_country is not None and token is not None else None
        if institution == "forces" and home and code != home:
            institution = None  # foreign militaries are their state: "US aircraft" -> United States
        build = {"government": self.lexicon.government, "forces": self.lexicon.forces,
                 "police": self.lexicon.police}.get(institution or "", self.lexicon.country)
        entry = build(code)
        return [self._use(entry)] if entry else []

    def _country_code(self, token: Token) -> str | None:
        """The country a single token names: "Afghan", "US", "Colombia". A name two countries share
        ("Congo", ``data/actor_words.txt``) is the one the story is set in, when it is one of them."""
        text = token.text
        if token.ent_type_ not in ("GPE", "NORP", "") and not text.isupper():
            return None
        shared = _shared_country_names().get(text.lower())
        if shared and self.home_country is not None and (home := self.home_country(token)) in shared:
            return home
        code = self.gazetteer.demonym_country(text)
        if code:
            return code
        exact = self.gazetteer.lookup_exact(text.replace(".", ""))
        if exact and exact[0].kind == "country":
            return exact[0].country
        if token.ent_type_ in ("GPE", "NORP"):
            ent = _entity_of(token)
            if ent is not None:
                found = [e for e in self.gazetteer.lookup(ent.text) if e.kind == "country"]
                if found:
                    return found[0].country
        return None

    def _possessor_state(self, token: Token) -> str | None:
        """The country of the state actor "its" or "their" on ``token`` stands for, if it stands for one."""
        pronoun = next((c for c in token.children if c.dep_ == "poss" and c.lower_ in ("its", "their")), None)
        if pronoun is None:
            return None
        for key in self._antecedent(pronoun):
            entry = self.lexicon.get(key)
            if entry is not None and entry.country and entry.kind in _STATE_KINDS:
                return entry.country
        return None

    def _antecedent(self, token: Token) -> list[str]:
        if token.lower_ in ("who", "which", "that") and token.head.dep_ == "relcl":
            return self._resolve(token.head.head)
        earlier = [(i, keys) for i, keys in self._subjects if i < token.i]
        window_start = self.document.sentences[max(0, self.document.sentence_index(token) - 2)].start
        personal = token.lower_ in ("he", "she", "him", "her", "his")
        for i, keys in reversed(earlier):
            if i < window_start:
                break
            persons = all(self.known.get(k) is not None and self.known[k].kind == "Person" for k in keys)
            if persons == personal:  # "they" and "it" are groups, "he" and "she" persons
                return keys
        return []

    # -- bookkeeping -------------------------------------------------------------

    def _use(self, entry: ActorEntry | None) -> str:
        if entry is None:
            return ""
        if entry.key not in self.known:
            self.known[entry.key] = entry.to_actor()
            if entry.member_of:
                self._use(self.lexicon.get(entry.member_of))
        return entry.key

    def _use_person(self, key: str) -> str:
        info = self.persons[key]
        if key not in self.known:
            aliases = tuple(sorted(a for a in info.aliases if a != info.name))
            self.known[key] = Actor(key, info.name, "Person", aliases, info.wikidata, info.member_of, info.job_title)
            if info.member_of:
                self._use(self.lexicon.get(info.member_of))
        return key

    def _use_unknown_org(self, ent: Span) -> str:
        label = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
        key = slug(label)
        if key not in self.known:
            self.known[key] = Actor(key, label, "Organization")
        # "the Manuel Rodriguez Patriotic Front": a name the text gives with "the" reads with it
        if ent.text.lower().startswith("the ") or (ent.start > 0 and ent.doc[ent.start - 1].lower_ == "the"):
            self.read_with_the.add(key)
        return key

    def closure(self, keys) -> dict[str, Actor]:
        """The actors ``keys`` name, with the groups they are members of, in first-use order."""
        out: dict[str, Actor] = {}
        pending = list(keys)
        while pending:
            key = pending.pop(0)
            if key in out or key not in self.known:
                continue
            actor = self.known[key]
            out[key] = actor
            if actor.member_of:
                pending.append(actor.member_of)
        return out

    def organisation_of(self, key: str) -> str | None:
        """The government or armed group a person acts for, if known."""
        actor = self.known.get(key)
        if actor is None or actor.kind != "Person" or not actor.member_of:
            return None
        parent = self.known.get(actor.member_of)
        return parent.key if parent and parent.kind in ("Government", "ArmedGroup", "Country") else None


def _shared_country_names() -> dict[str, frozenset[str]]:
    """"congo cg cd" lines: a name and the ISO codes of the countries it may name."""
    out = {}
    for line in _words("shared_country_names"):
        name, *codes = line.split()
        out[name] = frozenset(c.upper() for c in codes)
    return out


def _entity_of(token: Token) -> Span | None:
    """The entity span ``token`` is in, read from the IOB tags (no walk over ``doc.ents``)."""
    if not token.ent_type_:
        return None
    doc = token.doc
    start = token.i
    while doc[start].ent_iob_ == "I" and start > 0:
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=doc[start].ent_type_, kb_id=doc[start].ent_kb_id_)


def _stands_alone(token: Token) -> bool:
    """A one-word name with no other name word beside it ("Ghani offered", "President Ghani"),
    not part of a longer name ("Abdul Ghani Baradar", "Ghani Khel")."""
    doc = token.doc
    for neighbour in (doc[token.i - 1] if token.i > 0 else None, doc[token.i + 1] if token.i + 1 < len(doc) else None):
        if neighbour is None or neighbour.text in TITLE_WORDS or neighbour.text.rstrip(".") in TITLE_WORDS:
            continue
        if neighbour.text[:1].isupper() and neighbour.tag_ in ("NNP", "NNPS") and not neighbour.is_sent_start:
            return False
        if neighbour.text in ("-", "'") and not neighbour.whitespace_ and not token.whitespace_:
            return False  # "al-Assad" is read with its article as a whole
    return True


def speaks_for_government(token: Token) -> bool:
    """Whether a capital's name stands for its government (metonymy) rather than the city: the
    subject of a verb of saying, proposing, negotiating or deciding ("*Washington* has asked the
    Taliban", "*Kabul* rejected the offer"), a side of talks ("talks between *Kabul* and the
    Taliban", "a deal with *Moscow*"), the agent of such a verb ("rejected by *Kabul*") or the
    owner of an offer or an envoy ("*Washington*'s envoy"). In "attacks in Kabul" it is the city."""
    node = token
    while node.dep_ == "conj" and node.head.i != node.i:  # "Washington and Kabul agreed"
        node = node.head
    verbs, nouns = _words("government_voice_verbs"), _words("government_voice_nouns")
    head = node.head
    if node.dep_ == "nsubj":
        return head.lemma_.lower() in verbs
    if node.dep_ == "pobj" and head.lower_ in ("between", "with"):
        return head.head.lemma_.lower() in nouns | verbs
    if node.dep_ == "pobj" and head.dep_ == "agent":
        return head.head.lemma_.lower() in verbs
    if node.dep_ == "poss":
        return head.lemma_.lower() in nouns
    return False


_BACKING = frozenset({"back", "lead", "support", "sponsor", "fund", "arm", "link", "ally", "align", "affiliate"})


def _modifiers(token: Token) -> list[Token]:
    """Tokens modifying a noun head before it ("Leading Taliban commanders"); a backer or ally
    ("Saudi-backed government", "al Qaeda-linked JNIM") is not who the noun is."""
    out = []
    for child in token.children:
        if child.i < token.i and child.dep_ in _MODIFIER_DEPS and child.lemma_.lower() not in _BACKING:
            out.extend(t for t in child.subtree if t.i < token.i)
    return sorted(set(out), key=lambda t: t.i)


def _partitive_object(token: Token) -> Token | None:
    """The noun a quantity or collective head counts: "hundreds *of fighters*", "two *of the
    gunmen*", "a group *of rebels*"; None when the head is no quantity."""
    if not (token.like_num or token.tag_ == "CD" or token.lower_ in _words("quantity_nouns")
            or token.lemma_.lower() in _words("quantity_nouns")):
        return None
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            return next((o for o in child.children if o.dep_ == "pobj"), None)
    return None


def _conjuncts(token: Token) -> list[Token]:
    return [t for t in token.conjuncts if t.i != token.i]
