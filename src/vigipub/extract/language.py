"""Language of a page and of its blocks, restricted to the languages vigipub supports.

The page language comes from py3langid (with ``<html lang>`` as a tie-breaker); block
languages come from a stop-word vote, which is ~100x cheaper than a classifier call and
reliable on the sentences that matter, with py3langid for long blocks the vote leaves open.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

SUPPORTED: tuple[str, ...] = ("fr", "en", "de", "es", "it", "tr", "pt", "nl")
OTHER = "other"

#: Function words: frequent, short, and rarely shared between the supported languages.
_STOPWORDS: dict[str, str] = {
    "fr": "le la les des du une est sont avec pour dans sur par nous vous votre vos qui que "
    "mais aussi cette ces très plus être été leur leurs ou où",
    "en": "the and is are with for this that from your our you we have has been which "
    "their will can not was were they these those into",
    "de": "der die das und ist sind mit für ein eine einen nicht auch sich wir sie ihre "
    "ihr dem den des zu bei von werden wird oder",
    "es": "el los las una es son con para por del como pero más este esta sus nuestro "
    "nuestra usted y muy también hay",
    "it": "il gli della delle dei una sono con per che non anche questo questa nostro "
    "nostra più è ed alla nel",
    "tr": "ve bir bu için ile olan olarak çok daha gibi ama veya sizin bizim tedavi hastalar",
    "pt": "os uma são com para por não mais como também nosso nossa você seu sua ao dos das pelo pela é",
    "nl": "het een van en zijn met voor niet ook wij jullie uw onze deze dit worden "
    "wordt bij naar heeft hebben",
}
_WORD_LANG: dict[str, list[str]] = {}
for _lang, _words in _STOPWORDS.items():
    for _w in _words.split():
        _WORD_LANG.setdefault(_w, []).append(_lang)

_STOPSETS: tuple[tuple[str, frozenset[str]], ...] = tuple(
    (lang, frozenset(words.split())) for lang, words in _STOPWORDS.items()
)
_WORD = re.compile(r"[^\W\d_]+")
_ALL_STOPWORDS: frozenset[str] = frozenset().union(*(stop for _lang, stop in _STOPSETS))


#: ASCII bytes that end a word ([^\W\d_] is a-z and A-Z in ASCII) -> space; other bytes kept
_ASCII_SEPARATORS = bytes(b if b >= 0x80 or chr(b).isalpha() else 0x20 for b in range(256))
_ASCII_BYTES = bytes(range(128))


def _word_set(low: str) -> frozenset[str]:
    """The function words of ``low``: ``set(_WORD.findall(low)) & _ALL_STOPWORDS``, ~4x faster.

    Only intersections with the function-word sets are ever used, so the other words are
    never collected into a set (``intersection`` of an iterable only keeps the hits).

    Every character that cannot be part of a word becomes a space, then ``str.split`` cuts
    the words: ASCII separators in one ``bytes.translate`` pass over the UTF-8 encoding, the
    few distinct non-ASCII separators (’ « » …) with one ``str.replace`` each. A non-ASCII
    character that the regex counts as a letter though ``isalpha`` does not (² ½) sends the
    text to the regex itself.
    """
    raw = low.encode("utf-8", "surrogatepass")
    cleaned = raw.translate(_ASCII_SEPARATORS).decode("utf-8", "surrogatepass")
    if not raw.isascii():
        for ch in set(raw.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")):
            if ch.isalpha():
                continue
            if _WORD.fullmatch(ch) is not None:
                return _ALL_STOPWORDS.intersection(_WORD.findall(low))
            cleaned = cleaned.replace(ch, " ")
    return _ALL_STOPWORDS.intersection(cleaned.split())


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import (  # type: ignore[import-untyped]
        MODEL_DIR,
        MODEL_FILE,
        LanguageIdentifier,
    )

    return LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)


def warm_up() -> None:
    """Load the language model now (a one-off ~0.4 s) rather than on the first long page."""
    _identifier()


def normalise_tag(tag: str | None) -> str | None:
    """``fr-FR`` -> ``fr``; None for empty tags."""
    if not tag:
        return None
    primary = tag.strip().replace("_", "-").split("-")[0].lower()
    return primary or None


def classify(text: str, hint: str | None = None, *, min_chars: int = 40) -> str:
    """Language of ``text``: a supported ISO 639-1 code or ``other``."""
    hint = normalise_tag(hint)
    sample = text[:2000]
    letters = sum(1 for c in sample[:400] if c.isalpha())
    if letters < min_chars // 2 and len(sample) < min_chars:
        return hint if hint in SUPPORTED else OTHER
    # A clear function-word majority settles most pages at ~1/50 of a classifier call.
    strong = vote_stopwords(sample, min_hits=8, dominance=3.0)
    if strong is not None and (hint is None or hint == strong or hint not in SUPPORTED):
        return strong
    lang, prob = _identifier().classify(sample[:1000])
    if lang in SUPPORTED and prob >= 0.6:
        return str(lang)
    vote = vote_stopwords(sample)
    if vote is not None:
        return vote
    if hint in SUPPORTED and (lang == hint or prob < 0.9):
        return str(hint)
    return str(lang) if lang in SUPPORTED and prob >= 0.4 else OTHER


def vote_stopwords(text: str, min_hits: int = 3, dominance: float = 2.0) -> str | None:
    """Supported language whose function words dominate ``text``, or None if unclear.

    Counts distinct function words per language with set intersections (C speed): a block
    costs a few microseconds, so every block of every page can be voted on.
    """
    words = _word_set(text.lower())
    best, hits, runner = None, 0, 0
    for lang, stop in _STOPSETS:
        n = len(words & stop)
        if n > hits:
            best, hits, runner = lang, n, hits
        elif n > runner:
            runner = n
    if best is not None and hits >= min_hits and hits >= dominance * runner:
        return best
    return None


def monolingual(text: str) -> str | None:
    """The language of ``text`` if its function words belong to one language only.

    Strict on purpose (the winner has 6+ distinct function words and no other language more
    than 1, or 12+ and no other more than 3: a stray "con" or "es" in a German page): a page
    with a paragraph in another supported language shows more of its function words.
    """
    words = _word_set(text.lower())
    best, hits, runner = None, 0, 0
    for lang, stop in _STOPSETS:
        n = len(words & stop)
        if n > hits:
            best, hits, runner = lang, n, hits
        elif n > runner:
            runner = n
    return best if (hits >= 6 and runner <= 1) or (hits >= 12 and runner <= 3) else None


def block_language(text: str, page_language: str | None, *, allow_model: bool) -> str | None:
    """Language of one block; None when the block is too short to tell."""
    if len(text) < 80:
        return None
    vote = vote_stopwords(text, min_hits=2 if len(text) < 120 else 3)
    if vote is not None:
        return vote
    if allow_model and len(text) >= 200:
        lang, prob = _identifier().classify(text[:1500])
        if lang in SUPPORTED and prob >= 0.7:
            return str(lang)
        return OTHER if prob >= 0.9 else page_language
    return page_language
