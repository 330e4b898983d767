"""MUC-4 benchmark: incident recall and slot accuracy of the extractor on TST4 1-50.

    python bench/muc4.py [--data FILE] [--unwrap] [--limit N]

Reads ``../shared/benchdata/muc4-tst4-0001-0050.jsonl`` beside the repository (or
``--data``); when the file is absent it says so in one line and exits 0. Each
document becomes an ``Article`` (text = dateline + newline + text, published = the
dateline date ``dct``, identifier = ``doc_id``) and goes through
``kb.extract.extract``. Predicted attacks are matched to the answer keys and the
figures are printed; nothing is asserted (targets from issue 4: incident recall
>= 0.75; on matched incidents date >= 0.85, place >= 0.75, killed >= 0.85).

The data file, one JSON object per document: ``doc_id``, ``dateline`` ("Lima, 20 Aug
88 (EFE)"), ``dateline_place``, ``dct`` (ISO date of the dateline), ``text``, ``relevant``
and ``events`` (the answer-key templates), each with ``event_type`` (a list: ATTACK,
BOMBING, KIDNAPPING, ARSON, FORCED WORK STOPPAGE ...), ``stage`` (ACCOMPLISHED,
ATTEMPTED, THREATENED), ``optional``, ``date``, ``place``, ``attackers``, ``victims``,
``targets_physical``, ``instrument``, ``killed``/``injured`` with
``killed_lower_bound_only``/``injured_lower_bound_only``, ``perp_category`` and the
original slots in ``raw_slots``. Quirks met while reading it:

* The text keeps the FBIS layout: hard-wrapped lines inside paragraphs, paragraphs
  indented by three spaces, bracketed editorial notes ("[Text]", "[Excerpt]",
  "[passage omitted]"). It is given to the extractor as is; ``--unwrap`` joins the
  wrapped lines of each paragraph instead, to see how much the layout costs.
* ``date`` is a list of alternatives: a day ``1988-08-24``, an interval
  ``1988-08-24/1988-08-25`` or ``../1988-08-23`` (on or before that day).
* ``place`` is a list of alternatives, each a path ``[country, place, ...]`` in upper
  case with a kind in brackets ("TALCAHUANO (DISTRICT)"); paths may skip levels
  (``[COLOMBIA, BUCARAMANGA (CITY)]``) and one element may name a stretch between two
  places ("MELIPILLA (TOWN) - RAPEL (TOWN)").
* ``attackers`` mixes descriptions and organisations ("INSURGENTS", "FMLN") and holds
  slot debris ("GANG \\", ""), which are dropped.
* ``killed``/``injured`` are derived from the human-target slots: ``null`` = not
  stated; ``*_lower_bound_only`` marks "at least" figures, including ambiguous slots
  ("12 / 15 / - 12 / - 15" became 1, lower bound only, in TST4-0015). Groups nested in
  one another are added up (TST4-0045 says 18 dead but the key sums 9 + 9 + 4 = 22).
* Documents with ``relevant: false`` have no events: every attack predicted there is
  spurious for the precision figure.

Choices made here (the issue leaves them open):

* **Types.** MUC ATTACK covers ArmedAssault, Airstrike, Shelling, ArmedClash,
  Assassination and Takeover; BOMBING is Bombing, KIDNAPPING Kidnapping, ARSON Arson;
  the generic class Attack fits any of them. Other MUC types (FORCED WORK STOPPAGE,
  ROBBERY) have no class in the design and are left out.
* **Which keys count.** Non-optional keys of a mapped type count for recall, except
  THREATENED ones (death threats; the design has no threat event), which like optional
  keys may absorb a prediction without being required.
* **Which predictions count.** Attack-family events whose status says they happened or
  were tried (Occurred, Ongoing, Attempted).
* **Matching.** A prediction and a key can match when their types fit and they do not
  contradict each other on both place and date (a missing value contradicts nothing).
  Pairs are taken best first (right place, right date, compatible place and date,
  perpetrator, then document order), one-to-one.
* **Date right:** the prediction's bounds ``[earliest, latest]`` lie inside one key
  alternative (a day, the interval, or anything up to B for ``../B``); a missing
  bound is open. Compatible: the intervals overlap.
* **Place right:** the predicted place, or any place containing it, has the name
  (label, key or GeoNames alternate name) of any element of any key alternative,
  compared without case, accents or kind words ("TALCAHUANO (DISTRICT)" = "Talcahuano").
  This is the issue's rule, printed as "place (any level)", and it is lenient: the
  right country suffices. The stricter share whose place chain reaches the *most
  specific* element of an alternative is printed as "place (most specific)". Compatible: the chain reaches the most specific element, or the
  predicted place itself is one of the key's elements.
* **Perpetrator right:** a perpetrator, claimedBy or allegedPerpetrator actor whose
  label, key or alias appears as whole words inside a key attacker string, or
  contains one; counted over matched keys that name attackers. Most attacker strings
  are descriptions ("UNIDENTIFIED INDIVIDUALS", "TERRORISTS") that the design does not
  make actors of, so the share over keys whose ``PERP: ORGANIZATION ID`` slot names a
  group (FMLN, ELN, SHINING PATH) is printed too: "perpetrator (named group)".
* **Killed / injured right:** equal to the key's number; for a lower-bound-only key,
  at least that number. Counted over matched keys that give a number.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from kb.evaluate import geonames_alternates, normalise_name, normalise_place
from kb.model import Article, Event, Extraction

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "benchdata" / "muc4-tst4-0001-0050.jsonl"

TYPE_CLASSES = {
    "ATTACK": {"ArmedAssault", "Airstrike", "Shelling", "ArmedClash", "Assassination", "Takeover"},
    "BOMBING": {"Bombing"},
    "KIDNAPPING": {"Kidnapping"},
    "ARSON": {"Arson"},
}
FACTUAL_STATUSES = {"Occurred", "Ongoing", "Attempted"}
PERPETRATOR_ROLES = ("perpetrator", "claimedBy", "allegedPerpetrator")
TARGETS = {"recall": 0.75, "date": 0.85, "place (any level)": 0.75, "killed": 0.85}

Interval = tuple[date | None, date | None]  # None = open on that side


# ---------------------------------------------------------------------------
# Reading the data


@dataclass(frozen=True)
class Key:
    """One answer-key incident."""

    doc_id: str
    types: tuple[str, ...]
    stage: str
    optional: bool
    dates: tuple[Interval, ...]
    date_text: tuple[str, ...]
    places: tuple[tuple[frozenset[str], str], ...]  # per alternative: all element names, the most specific
    place_text: tuple[str, ...]
    attackers: tuple[str, ...]  # normalised
    organisations: tuple[str, ...]  # normalised names from the PERP: ORGANIZATION ID slot
    killed: int | None
    killed_at_least: bool
    injured: int | None
    injured_at_least: bool

    @property
    def classes(self) -> set[str]:
        return set().union(*(TYPE_CLASSES.get(t, set()) for t in self.types))

    @property
    def required(self) -> bool:
        return bool(self.classes) and not self.optional and self.stage != "THREATENED"


@dataclass(frozen=True)
class Document:
    doc_id: str
    article: Article
    keys: tuple[Key, ...]


def parse_key_date(value: str) -> Interval:
    """``1988-08-24``, ``A/B`` or ``../B`` as an interval of days."""
    if "/" in value:
        start, end = value.split("/", 1)
        return (None if start in ("", "..") else date.fromisoformat(start),
                None if end in ("", "..") else date.fromisoformat(end))
    day = date.fromisoformat(value)
    return (day, day)


def place_elements(element: str) -> list[str]:
    """"MELIPILLA (TOWN) - RAPEL (TOWN)" -> the normalised names "melipilla", "rapel"."""
    names = []
    for part in element.split(" - "):
        part = re.sub(r"\([^)]*\)", " ", part)
        if part.strip():
            names.append(normalise_place(part))
    return names


def parse_key(doc_id: str, raw: dict) -> Key:
    places = []
    for path in raw.get("place") or []:
        names = [n for element in path for n in place_elements(element)]
        if names:
            places.append((frozenset(names), names[-1]))
    attackers = tuple(a for a in (normalise_name(x) for x in raw.get("attackers") or []) if a)
    slot = (raw.get("raw_slots") or {}).get("PERP: ORGANIZATION ID") or []
    organisations = tuple(dict.fromkeys(
        n for value in slot for n in (normalise_name(q) for q in re.findall(r'"([^"]+)"', value)) if n))
    return Key(
        doc_id=doc_id,
        types=tuple(raw.get("event_type") or ()),
        stage=raw.get("stage") or "",
        optional=bool(raw.get("optional")),
        dates=tuple(parse_key_date(d) for d in raw.get("date") or []),
        date_text=tuple(raw.get("date") or ()),
        places=tuple(places),
        place_text=tuple(": ".join(p) for p in raw.get("place") or []),
        attackers=attackers,
        organisations=organisations,
        killed=raw.get("killed"),
        killed_at_least=bool(raw.get("killed_lower_bound_only")),
        injured=raw.get("injured"),
        injured_at_least=bool(raw.get("injured_lower_bound_only")),
    )


def unwrap(text: str) -> str:
    """Join the hard-wrapped lines of each paragraph; paragraphs stay apart."""
    paragraphs = re.split(r"\n\s*\n", text)
    return "\n\n".join(" ".join(line.strip() for line in p.splitlines() if line.strip()) for p in paragraphs)


def load_documents(path: Path, unwrap_lines: bool = False) -> list[Document]:
    docs = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
                text = unwrap(raw["text"]) if unwrap_lines else raw["text"]
                source = re.search(r"\(([^()]*)\)\s*$", raw["dateline"])
                article = Article(
                    identifier=raw["doc_id"],
                    text=raw["dateline"] + "\n" + text,
                    published=date.fromisoformat(raw["dct"]),
                    publisher=source.group(1) if source else None,
                )
                keys = tuple(parse_key(raw["doc_id"], e) for e in raw.get("events") or [])
            except (KeyError, ValueError, TypeError) as exc:
                raise SystemExit(f"{path}:{number}: not a MUC-4 record this benchmark understands ({exc!r})") from None
            docs.append(Document(raw["doc_id"], article, keys))
    return docs


# ---------------------------------------------------------------------------
# Comparing one prediction with one key


def place_chain_names(extraction: Extraction, key: str | None) -> tuple[set[str], set[str]]:
    """(names of the predicted place itself, names of it and every place containing it)."""
    own: set[str] = set()
    chain: set[str] = set()
    seen = set()
    place = extraction.places.get(key) if key else None
    first = True
    while place is not None and place.key not in seen:
        seen.add(place.key)
        names = {place.label, place.key}
        if place.geonames_id is not None:
            names.update(geonames_alternates().get(int(place.geonames_id), ()))
        normalised = {n for n in map(normalise_place, names) if n}
        if first or place.place_type == "Site":
            own |= normalised  # a site stands for where it is: its city is "itself" too
        first = False
        chain |= normalised
        place = extraction.places.get(place.contained_in) if place.contained_in else None
    return own, chain


def inside(predicted: Interval, key: Interval) -> bool:
    (p0, p1), (k0, k1) = predicted, key
    if k0 is not None and (p0 is None or p0 < k0):
        return False
    if k1 is not None and (p1 is None or p1 > k1):
        return False
    return True


def overlaps(predicted: Interval, key: Interval) -> bool:
    (p0, p1), (k0, k1) = predicted, key
    return not ((p1 is not None and k0 is not None and p1 < k0) or (p0 is not None and k1 is not None and p0 > k1))


def predicted_interval(event: Event) -> Interval | None:
    t = event.time
    if t is None or (t.earliest is None and t.latest is None):
        return None
    return (t.earliest, t.latest)


def perpetrator_names(extraction: Extraction, event: Event) -> set[str]:
    names = set()
    for role in PERPETRATOR_ROLES:
        for actor_key in event.roles.get(role, []):
            actor = extraction.actors.get(actor_key)
            raw = {actor_key} if actor is None else {actor.label, actor.key, *actor.aliases}
            names |= {n for n in map(normalise_name, raw) if n}
    return names


def _phrase_in(phrase: str, text: str) -> bool:
    return re.search(rf"(?<![a-z0-9]){re.escape(phrase)}(?![a-z0-9])", text) is not None


def count_right(predicted: int | None, expected: int, at_least: bool) -> bool:
    return predicted is not None and (predicted >= expected if at_least else predicted == expected)


@dataclass
class Comparison:
    """How one prediction fares against one key (None = the key gives nothing to judge)."""

    type_fits: bool
    date_right: bool | None
    date_compatible: bool
    place_right: bool | None
    place_specific: bool | None
    place_compatible: bool
    perpetrator_right: bool | None
    organisation_right: bool | None
    killed_right: bool | None
    injured_right: bool | None

    @property
    def admissible(self) -> bool:
        return self.type_fits and (self.date_compatible or self.place_compatible)

    @property
    def rank(self) -> tuple:
        return (bool(self.place_specific), bool(self.date_right), self.place_compatible, self.date_compatible,
                bool(self.perpetrator_right), bool(self.place_right))


def compare(event: Event, extraction: Extraction, key: Key) -> Comparison:
    type_fits = event.event_class == "Attack" or event.event_class in key.classes
    interval = predicted_interval(event)
    if not key.dates:
        date_right, date_compatible = None, True
    elif interval is None:
        date_right, date_compatible = False, True
    else:
        date_right = any(inside(interval, k) for k in key.dates)
        date_compatible = any(overlaps(interval, k) for k in key.dates)
    own, chain = place_chain_names(extraction, event.place)
    if not key.places:
        place_right = place_specific = None
        place_compatible = True
    else:
        place_right = any(chain & names for names, _ in key.places)
        place_specific = any(specific in chain for _, specific in key.places)
        place_compatible = not own or place_specific or any(own & names for names, _ in key.places)
    predicted = perpetrator_names(extraction, event)

    def named(strings: tuple[str, ...]) -> bool | None:
        return any(_phrase_in(p, a) or _phrase_in(a, p) for p in predicted for a in strings) if strings else None

    perpetrator_right = named(key.attackers)
    organisation_right = named(key.organisations)
    killed_right = None if key.killed is None else count_right(event.killed, key.killed, key.killed_at_least)
    injured_right = None if key.injured is None else count_right(event.injured, key.injured, key.injured_at_least)
    return Comparison(type_fits, date_right, date_compatible, place_right, place_specific, place_compatible,
                      perpetrator_right, organisation_right, killed_right, injured_right)


# ---------------------------------------------------------------------------
# Scoring


@dataclass
class Share:
    right: int = 0
    judged: int = 0

    def add(self, value: bool | None) -> None:
        if value is not None:
            self.judged += 1
            self.right += int(value)

    @property
    def value(self) -> float | None:
        return self.right / self.judged if self.judged else None


SLOTS = ("date", "place (any level)", "place (most specific)", "perpetrator", "perpetrator (named group)", "killed", "injured")


@dataclass
class Match:
    key: Key
    event: Event
    comparison: Comparison
    extraction: Extraction


@dataclass
class MucResult:
    documents: int = 0
    required_keys: int = 0
    predicted: int = 0  # factual attack predictions
    matched_required: int = 0
    matched_any: int = 0  # predictions matched to any key, required or not
    slots: dict[str, Share] = field(default_factory=lambda: {s: Share() for s in SLOTS})
    misses: list[Key] = field(default_factory=list)
    matches: list[Match] = field(default_factory=list)
    spurious: list[tuple[str, Event]] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0


def factual_attacks(extraction: Extraction) -> list[Event]:
    return [e for e in extraction.events if e.family == "Attack" and e.status in FACTUAL_STATUSES]


def match_document(keys: Iterable[Key], events: list[Event], extraction: Extraction) -> list[tuple[int, int, Comparison]]:
    """One-to-one (key index, event index, comparison), best pairs first."""
    keys = [k for k in keys if k.classes]
    candidates = []
    for ki, key in enumerate(keys):
        for ei, event in enumerate(events):
            comparison = compare(event, extraction, key)
            if comparison.admissible:
                candidates.append((comparison.rank, key.required, -ki, -ei, ki, ei, comparison))
    candidates.sort(key=lambda c: c[:4], reverse=True)
    used_keys, used_events, pairs = set(), set(), []
    for *_, ki, ei, comparison in candidates:
        if ki not in used_keys and ei not in used_events:
            used_keys.add(ki)
            used_events.add(ei)
            pairs.append((ki, ei, comparison))
    return pairs


def score_documents(docs: Iterable[Document], extract: Callable[[Article], Extraction]) -> MucResult:
    result = MucResult()
    started = time.perf_counter()
    for doc in docs:
        result.documents += 1
        try:
            extraction = extract(doc.article)
        except Exception as exc:  # noqa: BLE001 - one failure must not hide the other documents
            result.failures.append((doc.doc_id, f"{type(exc).__name__}: {exc}"))
            extraction = Extraction(article=doc.article)
        events = factual_attacks(extraction)
        keys = [k for k in doc.keys if k.classes]
        result.required_keys += sum(k.required for k in keys)
        result.predicted += len(events)
        pairs = match_document(keys, events, extraction)
        matched_keys = {ki for ki, _, _ in pairs}
        matched_events = {ei for _, ei, _ in pairs}
        result.matched_any += len(pairs)
        for ki, ei, comparison in pairs:
            key = keys[ki]
            if not key.required:
                continue
            result.matched_required += 1
            result.matches.append(Match(key, events[ei], comparison, extraction))
            for slot, value in zip(SLOTS, (comparison.date_right, comparison.place_right, comparison.place_specific,
                                           comparison.perpetrator_right, comparison.organisation_right,
                                           comparison.killed_right, comparison.injured_right)):
                result.slots[slot].add(value)
        result.misses += [k for i, k in enumerate(keys) if k.required and i not in matched_keys]
        result.spurious += [(doc.doc_id, e) for i, e in enumerate(events) if i not in matched_events]
    result.seconds = time.perf_counter() - started
    return result


# ---------------------------------------------------------------------------
# Report


def _figure(right: int, total: int, target: float | None = None) -> str:
    share = f"{right / total:.3f}" if total else "  -  "
    goal = f"   target >= {target:.2f} {'met' if right / total >= target else 'NOT met'}" if target and total else ""
    return f"{share}  ({right}/{total}){goal}"


def _event_summary(event: Event) -> str:
    t = event.time
    when = (t.value or (t.earliest.isoformat() if t.earliest else "-")) if t else "-"
    return f"{event.event_class} {event.status} on {when} trigger {event.trigger.text!r}"


def format_muc_report(result: MucResult) -> str:
    lines = [f"MUC-4 TST4: {result.documents} documents, {result.required_keys} required key incidents, "
             f"{result.predicted} predicted attacks (Occurred/Ongoing/Attempted); extraction took {result.seconds:.1f} s"]
    lines.append(f"incident recall     {_figure(result.matched_required, result.required_keys, TARGETS['recall'])}")
    lines.append(f"incident precision  {_figure(result.matched_any, result.predicted)}"
                 "   (the keys leave out military combat, so this is a lower bound)")
    lines.append(f"on the {result.matched_required} matched incidents:")
    for slot in SLOTS:
        share = result.slots[slot]
        lines.append(f"  {slot:<27}{_figure(share.right, share.judged, TARGETS.get(slot))}")
    if result.failures:
        lines.append("")
        lines.append("extractor failures:")
        lines += [f"  {doc_id}: {message}" for doc_id, message in result.failures]
    lines.append("")
    lines.append(f"missed incidents ({len(result.misses)}):")
    for key in result.misses:
        lines.append(f"  {key.doc_id} {'/'.join(key.types)} {' | '.join(key.date_text)} "
                     f"at {' | '.join(key.place_text) or '-'} by {', '.join(key.attackers[:3]) or '-'}")
    wrong = [m for m in result.matches if any(
        v is False for v in (m.comparison.date_right, m.comparison.place_specific, m.comparison.perpetrator_right,
                             m.comparison.killed_right, m.comparison.injured_right))]
    lines.append("")
    lines.append(f"matched incidents with a wrong slot ({len(wrong)}):")
    for m in wrong:
        c, k, e = m.comparison, m.key, m.event
        place = m.extraction.places.get(e.place) if e.place else None
        perpetrators = sorted({(m.extraction.actors[a].label if a in m.extraction.actors else a)
                               for r in PERPETRATOR_ROLES for a in e.roles.get(r, [])})
        bad = []
        if c.date_right is False:
            bad.append(f"date {' | '.join(k.date_text)} vs {e.time.earliest}..{e.time.latest}")
        if c.place_specific is False:
            lenient = "" if c.place_right else ", not even the country"
            bad.append(f"place {' | '.join(k.place_text)} vs {place.label if place else '-'}{lenient}")
        if c.perpetrator_right is False:
            bad.append(f"perpetrator {', '.join(k.attackers[:3])} vs {', '.join(perpetrators) or '-'}")
        if c.killed_right is False:
            bad.append(f"killed {'>=' if k.killed_at_least else ''}{k.killed} vs {e.killed}")
        if c.injured_right is False:
            bad.append(f"injured {'>=' if k.injured_at_least else ''}{k.injured} vs {e.injured}")
        lines.append(f"  {k.doc_id} {'/'.join(k.types)} ({_event_summary(e)}): " + "; ".join(bad))
    lines.append("")
    lines.append(f"unmatched predicted attacks: {len(result.spurious)} in "
                 f"{len({d for d, _ in result.spurious})} documents")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the MUC-4 JSONL file")
    parser.add_argument("--unwrap", action="store_true", help="join hard-wrapped lines before extraction")
    parser.add_argument("--limit", type=int, default=None, help="only the first N documents")
    parser.add_argument("--spurious", action="store_true", help="also list the unmatched predicted attacks")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"MUC-4 benchmark skipped: {args.data} not found")
        return 0
    docs = load_documents(args.data, args.unwrap)[: args.limit]
    try:
        from kb.extract import extract
    except ImportError as exc:
        print(f"MUC-4 benchmark skipped: kb.extract.extract cannot be imported ({exc})")
        return 0
    result = score_documents(docs, extract)
    print(format_muc_report(result))
    if args.spurious:
        print("\n".join(f"  {doc_id}: {_event_summary(e)}" for doc_id, e in result.spurious))
    return 0


if __name__ == "__main__":
    sys.exit(main())
