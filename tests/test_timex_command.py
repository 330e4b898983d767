"""``kb timex --dct DATE``, run as a real subprocess (``python -m kb timex``)."""

from __future__ import annotations

import json
import subprocess
import sys


def run(*args: str, stdin: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kb", "timex", *args],
        input=stdin.encode("utf-8"),
        capture_output=True,
        timeout=120,
    )


def test_prints_json_expressions_with_offsets_into_the_input():
    text = "Kābul — On Wednesday, militants attacked.\nTalks will resume next week."
    done = run("--dct", "2018-05-31", stdin=text)
    assert done.returncode == 0, done.stderr.decode()
    items = json.loads(done.stdout)
    assert [(i["text"], i["type"], i["value"]) for i in items] == [
        ("Wednesday", "DATE", "2018-05-30"),
        ("next week", "DATE", "2018-W23"),
    ]
    for item in items:
        assert text[item["start"] : item["end"]] == item["text"]


def test_a_bad_date_gives_one_clear_message_and_no_traceback():
    done = run("--dct", "31/05/2018", stdin="On Wednesday")
    assert done.returncode != 0
    assert b"--dct" in done.stderr
    assert b"Traceback" not in done.stderr
