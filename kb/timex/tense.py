"""Which way a clause looks in time, from its verbs, without a parser.

A weekday, a bare month or a date without a year names a different day depending on
the tense around it: "militants launched an assault on Wednesday" is the Wednesday
before publication, "talks will resume on Wednesday" the one after. The tagger must
stay far cheaper than a spaCy parse, so it reads the tense from surface cues
(``data/tense_cues.tsv`` and the word lists beside it):

* future: will/'ll/shall/would, "is due to", "plans to", "postponed until", "upcoming";
* intentions stated in the past ("agreed to", "was due to") and infinitives ("to last
  until June"): what follows lies after a past moment, on either side of
  publication, so they leave the choice to the nearest occurrence;
* past: irregular past forms, regular "-ed" forms (not after "be": "will be held" is
  passive), perfect "has/have + participle", reporting verbs (said, told: a weaker cue,
  since a reported clause keeps its own tense);
* present: is/are/am, says, a verb in -s right after a pronoun ("which ends").

The cue nearest the expression in the same sentence decides. Distance counts
characters, plus a penalty for each punctuation mark or clause-opening word
("that", "which", "but" ...) in between; cues after the expression count a little
less than cues before it (time adverbials mostly follow their verb or are fronted
before the subject). An intention verb placed after the expression dates it by its
own tense ("on Thursday promised to reopen the schools": past).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from kb.timex.lexicon import lexicon

# Penalties, in characters of distance.
PUNCTUATION_PENALTY = 25  # per , ; : ( ) " or dash between cue and expression
BOUNDARY_PENALTY = 20  # per clause-opening word between them
WEAK_BOUNDARY_PENALTY = 8  # per "and" / "as" / "or"
KIND_PENALTY = {
    "future": 0,
    "intent": 0,
    "intent_past": 0,
    "past": 0,
    "present": 4,
    "report": 15,  # "said": the reported clause may have its own tense
    "infinitive": 10,  # "to" + a word that may be a noun ("returned to work")
}
AFTER_FACTOR = 1.3  # cues after the expression count for a little less

# What each kind of cue says about an expression after it ...
DIRECTION_BEFORE = {
    "future": "future",
    "intent": "future",
    "intent_past": "nearest",  # "agreed to meet on Friday": after a past moment
    "infinitive": "nearest",
    "past": "past",
    "report": "past",
    "present": "present",
}
# ... and before it: "on Thursday promised to reopen the schools" is dated by "agreed".
DIRECTION_AFTER = dict(DIRECTION_BEFORE, intent="present", intent_past="past")

_PUNCTUATION = re.compile(r"[,;:()\"“”«»]|\s[-–—]+\s|—|–")
_WORD = re.compile(r"[a-z]+(?:['’][a-z]+)?")
_INFINITIVE = re.compile(r"(?<![\w'’])to\s+([a-z]+)(?![\w'’-])")
# A present-tense verb is hard to tell from a plural noun without a parser, except
# right after a relative or personal pronoun: "which ends on Sunday", "he says".
_PRESENT_AFTER_PRONOUN = re.compile(
    r"(?<![\w'’])(?:which|that|who|it|he|she)\s+([a-z]+[^s\W]s)(?![\w'’])"
)
_NOT_PRESENT = frozenset("was has is does its his this thus plus yes us always perhaps".split())
_NOT_VERBS = frozenset(
    "the a an his her its their our your my this that these those some any all both each every no "
    "him them us me it you one two three four five six seven eight nine ten be".split()
)
_BE_AUX = frozenset("be been being is are am was were get gets got become became".split())
_HAVE_AUX = frozenset("has have had 've ’ve".split())
_DETERMINERS = frozenset("the a an its their his her our your this these those".split())


def _cue_patterns():
    kinds: dict[str, list[str]] = {}
    for kind, phrase in lexicon().tense_cues:
        kinds.setdefault(kind, []).append(phrase)
    return {
        kind: re.compile(r"(?<![\w'’])(?:" + "|".join(sorted(phrases, key=len, reverse=True)) + r")(?![\w'’])")
        for kind, phrases in kinds.items()
    }


_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s)")
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")


_SPACES = re.compile(r"\s+")
_LAST_TOKEN = re.compile(r"([\w.]+)$")
_INITIALS = re.compile(r"[a-z]|(?:[a-z]\.)+[a-z]")
_OPENERS = "\"'“‘("
# Cues farther than this from the expression (in characters) are not looked at:
# they belong to another clause, and ignoring them keeps long run-on texts linear.
MAX_REACH = 250
# Sentences longer than this (run-on text without full stops) are read in a window
# around each expression instead of whole.
LONG_SENTENCE = 1500


class _Cues:
    """The tense cues of one stretch of text, sorted, with the clause boundaries apart."""

    def __init__(self, cues: list[tuple[int, int, str]]):
        cues.sort()
        self.verbs = [c for c in cues if c[2] not in ("boundary", "weak_boundary")]
        self.verb_starts = [c[0] for c in self.verbs]
        self.boundaries = [c[0] for c in cues if c[2] == "boundary"]
        self.weak_boundaries = [c[0] for c in cues if c[2] == "weak_boundary"]

    def near(self, start: int, end: int):
        low = bisect_left(self.verb_starts, start - MAX_REACH)
        high = bisect_right(self.verb_starts, end + MAX_REACH)
        return self.verbs[low:high]

    def boundary_penalty(self, gap_start: int, gap_end: int) -> int:
        strong = bisect_left(self.boundaries, gap_end) - bisect_left(self.boundaries, gap_start)
        weak = bisect_left(self.weak_boundaries, gap_end) - bisect_left(self.weak_boundaries, gap_start)
        return BOUNDARY_PENALTY * strong + WEAK_BOUNDARY_PENALTY * weak


class TenseReader:
    """Sentence bounds and clause tense for one text (cues computed once per sentence)."""

    def __init__(self, text: str):
        self.text = text
        self.lower = text.lower()
        self._starts = self._sentence_starts()
        self._cues: dict[int | tuple[int, int], _Cues] = {}
        lex = lexicon()
        self._patterns = _cue_patterns()
        self._irregular = lex.irregular_past
        self._not_ed = lex.not_past_ed
        self._not_infinitive = lex.not_infinitive

    # -- sentences ---------------------------------------------------------

    def _sentence_starts(self) -> list[int]:
        text = self.text
        abbreviations = lexicon().abbreviations
        starts = {0}
        for match in _SENTENCE_END.finditer(text):
            if text[match.start()] == ".":
                word = _LAST_TOKEN.search(text, max(0, match.start() - 24), match.start())
                token = word.group(1).lower() if word else ""
                if token in abbreviations or _INITIALS.fullmatch(token):
                    continue  # "Gen.", "U.S.", "Jan.", "J." do not end a sentence
            spaces = _SPACES.match(text, match.end())
            after = spaces.end() if spaces else match.end()
            if after < len(text) and (text[after].isupper() or text[after].isdigit() or text[after] in _OPENERS):
                starts.add(after)
        for match in _BLANK_LINE.finditer(text):
            starts.add(match.end())
        # A single line break ends a sentence when the next line starts like one
        # (headlines, bylines, captions); wrapped lines go on in lower case.
        for match in re.finditer(r"\n[ \t]*(?=[A-Z0-9\"“'‘])", text):
            starts.add(match.end())
        return sorted(starts)

    def sentence(self, position: int) -> tuple[int, int]:
        """Bounds ``[start, end)`` of the sentence holding ``position``."""
        index = bisect_right(self._starts, position) - 1
        start = self._starts[index]
        end = self._starts[index + 1] if index + 1 < len(self._starts) else len(self.text)
        return start, end

    # -- cues ----------------------------------------------------------------

    def _cues_around(self, start: int, end: int) -> _Cues:
        s0, s1 = self.sentence(start)
        if s1 - s0 > LONG_SENTENCE:
            # Read a run-on sentence in blocks, each with a margin of MAX_REACH around it.
            block = start // LONG_SENTENCE
            key = (s0, block)
            if key not in self._cues:
                low = max(s0, block * LONG_SENTENCE - 2 * MAX_REACH)
                high = min(s1, (block + 1) * LONG_SENTENCE + 2 * MAX_REACH)
                self._cues[key] = _Cues(self._find_cues(low, high))
            return self._cues[key]
        if s0 not in self._cues:
            self._cues[s0] = _Cues(self._find_cues(s0, s1))
        return self._cues[s0]

    def _find_cues(self, start: int, end: int) -> list[tuple[int, int, str]]:
        lower = self.lower[start:end]
        cues: list[tuple[int, int, str]] = []
        for kind, pattern in self._patterns.items():
            for match in pattern.finditer(lower):
                cues.append((start + match.start(), start + match.end(), kind))
        for match in _INFINITIVE.finditer(lower):
            verb = match.group(1)
            if verb in _NOT_VERBS or verb in self._not_infinitive or self._looks_past(verb):
                continue
            if verb.endswith("s") and not verb.endswith("ss") or verb.endswith("ing"):
                continue  # "to talks", "to meetings": nouns
            cues.append((start + match.start(), start + match.end(), "infinitive"))
        for match in _PRESENT_AFTER_PRONOUN.finditer(lower):
            if match.group(1) not in _NOT_PRESENT:
                cues.append((start + match.start(1), start + match.end(1), "present"))
        words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(lower)]
        for i, (ws, we, word) in enumerate(words):
            if not self._looks_past(word):
                continue
            previous = words[i - 1][2] if i else ""
            if previous in _HAVE_AUX:  # perfect: "have held" is a past event
                cues.append((start + words[i - 1][0], start + we, "past"))
            elif previous in _BE_AUX or previous in _DETERMINERS:
                continue  # passive ("will be held") or adjective ("the wounded")
            elif word in ("said", "told", "reported", "announced", "added", "stated", "wrote"):
                continue  # already a "report" cue
            else:
                cues.append((start + ws, start + we, "past"))
        return cues

    def _looks_past(self, word: str) -> bool:
        if word in self._irregular:
            return True
        return len(word) >= 4 and word.endswith("ed") and word not in self._not_ed

    def tense(self, start: int, end: int) -> str | None:
        """``"past"``, ``"future"``, ``"present"``, ``"nearest"`` (a cue that leaves both
        sides open) or None (no cue) for the clause around text[start:end]."""
        cues = self._cues_around(start, end)
        best_score, best_direction = None, None
        for cs, ce, kind in cues.near(start, end):
            if ce <= start:
                gap_start, gap_end, factor = ce, start, 1.0
                direction = DIRECTION_BEFORE[kind]
            elif cs >= end:
                gap_start, gap_end, factor = end, cs, AFTER_FACTOR
                direction = DIRECTION_AFTER[kind]
            else:
                continue  # the cue is part of the expression ("next Friday")
            gap = self.text[gap_start:gap_end]
            score = len(gap) + KIND_PENALTY[kind]
            score += PUNCTUATION_PENALTY * len(_PUNCTUATION.findall(gap))
            score += cues.boundary_penalty(gap_start, gap_end)
            score *= factor
            if best_score is None or score < best_score:
                best_score, best_direction = score, direction
        return best_direction
