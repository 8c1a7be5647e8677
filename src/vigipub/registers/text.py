"""Text folding, tokenisation and a bounded edit distance used by the register search.

Register names mix French upper case with accents (``AXICABTAGÈNE CILOLEUCEL``) and English
lower case (``axicabtagene ciloleucel``); users type either, with or without accents and
with typos. Everything indexed or searched goes through :func:`fold` first, so that the
index never depends on SQLite's own (version-dependent) diacritics handling.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import lru_cache

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss", "ø": "o", "Ø": "o"})
_WORD_RE = re.compile(r"[^\W_]+")
_MONTHS_FR = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower-case, accent-free form of ``text`` with punctuation turned into single spaces."""
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
        text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_WORD_RE.findall(text.casefold()))


def tokens(text: str) -> list[str]:
    """Folded words of ``text`` in order (duplicates kept)."""
    return fold(text).split()


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance between ``a`` and ``b``, or ``limit + 1`` if above.

    Transpositions count as one edit (``kymirah`` → ``kymriah``), which is the commonest typo.
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        row_min = i
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            value = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, prev2[j - 2] + 1)
            cur[j] = value
            row_min = min(row_min, value)
        if row_min > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1] if prev[-1] <= limit else limit + 1


def date_fr(value: date) -> str:
    """French long date with the ordinal « 1er »: ``7 juillet 2026``, ``1er mars 2015``."""
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {_MONTHS_FR[value.month - 1]} {value.year}"


_NNBSP = "\u202f"
_HIGH_PUNCT = re.compile(r"[ \u00a0\u202f]*([;:!?])(?=\s|$)")


def typeset_fr(text: str) -> str:
    """French typography for a legal sentence: narrow no-break space before ``; : ! ?`` and
    inside « », typographic apostrophe. Idempotent (the documents stage may apply it again)."""
    text = text.replace("'", "’")
    text = _HIGH_PUNCT.sub(lambda m: _NNBSP + m.group(1), text)
    text = re.sub(r"«[ \u00a0\u202f]*", "«" + _NNBSP, text)
    text = re.sub(r"[ \u00a0\u202f]*»", _NNBSP + "»", text)
    return re.sub(r" {2,}", " ", text)
