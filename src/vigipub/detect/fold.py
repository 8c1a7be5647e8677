"""Accent- and case-folding that keeps offsets: ``len(fold(s)) == len(s)``.

Every character maps to exactly one character, so a match at ``folded[i:j]`` is the text
``original[i:j]`` and quotes are exact without an offset table. Ligatures (œ, æ, ß) fold to
one letter; the lexicon compiler adds the matching spelling variants (``coeur``/``cœur``).
"""

from __future__ import annotations

import re
import unicodedata

_SPECIAL = {
    "ß": "s",
    "œ": "o",
    "æ": "a",
    "ø": "o",
    "đ": "d",
    "ð": "d",
    "þ": "t",
    "ł": "l",
    "ı": "i",
    "ħ": "h",
    "ŀ": "l",
    "ĳ": "i",
    "\u2019": "'",
    "\u2018": "'",
    "\u02bc": "'",
    "\u00b4": "'",
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2212": "-",
    "\u00a0": " ",
    "\u202f": " ",
    "\u2009": " ",
    "\u2007": " ",
    "\u200b": " ",
    "«": '"',
    "»": '"',
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
}


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    ranges = [(0x80, 0x250), (0x1E00, 0x1F00), (0x2000, 0x2070)]
    for lo, hi in ranges:
        for cp in range(lo, hi):
            ch = chr(cp)
            if ch in _SPECIAL:
                table[cp] = _SPECIAL[ch]
                continue
            base = unicodedata.normalize("NFKD", ch)
            letters = [c for c in base if not unicodedata.combining(c)]
            if len(letters) == 1 and letters[0] != ch:
                low = letters[0].lower()
                if len(low) == 1:
                    table[cp] = low
    for ch, rep in _SPECIAL.items():
        table[ord(ch)] = rep
    return table


_TABLE = _build_table()


def fold(text: str) -> str:
    """Lower-case ASCII-ish fold of ``text`` with the same length (offsets preserved)."""
    if "İ" in text:  # the only common character whose lower() is two characters
        text = text.replace("İ", "i")
    low = text.lower()
    if len(low) != len(text):  # exotic scripts: fold character by character
        low = "".join(c.lower()[:1] or c for c in text)
    if low.isascii():
        return low
    # A page holds a few dozen distinct non-ASCII characters in hundreds of places: one
    # C-speed str.replace per distinct character beats a per-run callback (and str.translate,
    # which takes its slow per-character path as soon as one character is non-ASCII). The
    # distinct characters come at C speed too: deleting the ASCII bytes from the UTF-8
    # encoding leaves whole multi-byte sequences (a regex scan is ~4x slower).
    chars = set(low.encode("utf-8", "surrogatepass").translate(None, _ASCII).decode("utf-8", "surrogatepass"))
    if chars & _CHAINED:
        return _NON_ASCII.sub(_fold_run, low)
    for ch in chars:
        rep = _CHAR_TABLE.get(ch)
        if rep is not None:
            low = low.replace(ch, rep)
    return low


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_ASCII = bytes(range(128))
#: character -> its different folded character
_CHAR_TABLE: dict[str, str] = {chr(cp): rep for cp, rep in _TABLE.items() if rep != chr(cp)}
#: characters folding to a character that itself folds (Ǣ -> æ -> a): one replace per
#: character would fold them twice, so pages holding one use the one-pass translation.
_CHAINED = frozenset(ch for ch, rep in _CHAR_TABLE.items() if rep in _CHAR_TABLE)


def _fold_run(match: re.Match[str]) -> str:
    return match.group().translate(_TABLE)


#: the ligature spellings of a term, and the languages whose pages write them (None: any). A
#: fold keeps the text's length, so « ß » folds to one « s »: the ß spelling of a term is a
#: variant with one « s » less, which is another word outside German (the Portuguese « IPSS »
#: would match "iPS" cells, « associados » the Spanish « asociados »)
_LIGATURES: tuple[tuple[str, str, frozenset[str] | None], ...] = (
    ("oe", "œ", None),
    ("ae", "æ", None),
    ("ss", "ß", frozenset({"de"})),
)


def term_variants(term: str, language: str | None = None, *, hyphenated: bool = False) -> set[str]:
    """Folded forms of a lexicon term of ``language``, including ligature spellings (the German
    ß only for German terms, or when the language is not given), and with ``hyphenated`` the
    phrase's spelling with hyphens."""
    out = {fold(term)}
    if hyphenated and " " in term.strip() and "-" not in term:
        # a name is written with hyphens too (« Aloe-vera-Exosomen », "cord-blood cells",
        # « cellules-souches »): the same words, one spelling more
        out.add(fold("-".join(term.split())))
    for plain, lig, languages in _LIGATURES:
        if plain in term.lower() and (language is None or languages is None or language in languages):
            out.add(fold(term.lower().replace(plain, lig)))
    return {v for v in out if v.strip()}
