"""The TempEval-3 scorer of ``bench/timex.py``, on a small TimeML document written here."""

from __future__ import annotations

import importlib.util
import sys
from datetime import date
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench" / "timex.py"

TIMEML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>example</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2018-05-31" functionInDocument="CREATION_TIME">May 31, 2018</TIMEX3></DCT>
<TEXT>
Militants <EVENT eid="e1" class="OCCURRENCE">attacked</EVENT> Kābul on <TIMEX3 tid="t1" type="DATE" value="2018-05-30">Wednesday</TIMEX3> &amp; talks resume <TIMEX3 tid="t2" type="DATE" value="2018-W23">next week</TIMEX3>.
</TEXT>
</TimeML>
"""


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_timex", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.modules.pop(spec.name, None)


@pytest.fixture
def document(bench, tmp_path):
    path = tmp_path / "example.tml"
    path.write_text(TIMEML, encoding="utf-8")
    return bench.read_document(path)


def test_reads_creation_date_plain_text_and_gold_offsets(document):
    assert document.dct == date(2018, 5, 31)
    assert "<" not in document.text and "&amp;" not in document.text
    assert [(g.text, g.type, g.value) for g in document.gold] == [
        ("Wednesday", "DATE", "2018-05-30"),
        ("next week", "DATE", "2018-W23"),
    ]
    for gold in document.gold:
        assert document.text[gold.start : gold.end] == gold.text


def test_relaxed_match_pairs_overlapping_spans_one_to_one(bench):
    Timex = bench.Timex
    gold = [Timex(10, 19, "Wednesday", "DATE", "2018-05-30"), Timex(30, 39, "next week", "DATE", "2018-W23")]
    predicted = [
        Timex(7, 19, "on Wednesday", "DATE", "2018-05-30"),  # overlaps: a span match with the right value
        Timex(35, 39, "week", "DATE", "2018-W22"),  # overlaps: a span match with a wrong value
        Timex(12, 15, "dne", "DATE", "2018-05-30"),  # overlaps an already matched gold: spurious
    ]
    pairs = bench.match(gold, predicted)
    assert [(g.text, p.text) for g, p in pairs] == [("Wednesday", "on Wednesday"), ("next week", "week")]


def test_value_f1_counts_equal_values_over_gold_and_predicted(bench, document):
    Timex = bench.Timex
    predictions = {document.name: [Timex(g.start, g.end, g.text, g.type, g.value) for g in document.gold[:1]]}
    score, errors = bench.evaluate([document], predictions)
    assert score.value() == (1.0, 0.5, pytest.approx(2 / 3))
    assert [(kind, g.text) for _, kind, g, _ in errors] == [("missed", "next week")]
