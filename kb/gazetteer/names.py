"""How place and actor names are compared: one normal form for the text and the gazetteer.

``name_key`` folds accents and case and drops everything but letters and digits,
so that the spellings news uses meet the gazetteer's: ``Herāt`` = ``Herat``,
``Pul-e ‘Alam`` = ``Pul-e-Alam`` = ``Pule Alam``. The key is computed per token
in the text and concatenated, so the matcher never re-tokenises names.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Words that name the kind of division rather than the division itself
# ("Logar Province", "Departamento de Arauca", "Nineveh Governorate").
DESIGNATOR_WORDS = frozenset({
    "province", "provincia", "department", "departamento", "governorate", "muhafazat",
    "state", "estado", "region", "region", "district", "municipality", "county", "oblast",
    "prefecture", "division", "territory", "capital", "federal", "of", "de", "del", "la", "d.c.", "dc",
})

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
# Letters NFKD does not decompose but news writes as plain Latin letters.
_EXTRA_FOLD = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
                             "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ḩ": "h", "Ḩ": "H"})


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """``text`` without diacritics (Herāt -> Herat), case and punctuation kept."""
    text = text.translate(_EXTRA_FOLD)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """The comparison key of a name: folded, lower case, letters and digits only."""
    return _NON_ALNUM.sub("", fold(text).lower())


def core_name(name: str) -> str:
    """A division's name without designators: ``Departamento de Arauca`` -> ``arauca``."""
    words = [w for w in re.split(r"[\s\-]+", fold(name).lower()) if w]
    kept = [w for w in words if w not in DESIGNATOR_WORDS]
    return " ".join(kept or words)


def is_latin_name(text: str) -> bool:
    """A name written in Latin letters (what an English text can contain)."""
    return all(ord(ch) < 0x250 or unicodedata.combining(ch) or ch in "‘’ʻʼ`" for ch in text)


def slug(text: str) -> str:
    """A stable identifier fragment: ``Government of Afghanistan`` -> ``government-of-afghanistan``."""
    return _NON_ALNUM.sub("-", fold(text).lower()).strip("-")
