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


#: Function words as UTF-8 bytes: the votes split and compare bytes, never decoding them.
_STOP_BYTES: frozenset[bytes] = frozenset(w.encode() for w in _ALL_STOPWORDS)
_BYTE_STOPSETS: tuple[tuple[str, frozenset[bytes]], ...] = tuple(
    (lang, frozenset(w.encode() for w in stop)) for lang, stop in _STOPSETS
)


def _word_table(keep_nul: bool) -> bytes:
    r"""``bytes.translate`` table: A-Z lowered, other ASCII bytes that end a word ([^\W\d_]
    is a-z and A-Z in ASCII) -> space, non-ASCII bytes kept; NUL kept if ``keep_nul``."""
    table = bytearray(b if b >= 0x80 or chr(b).isalpha() else 0x20 for b in range(256))
    table[ord("A") : ord("Z") + 1] = bytes(range(ord("a"), ord("z") + 1))
    if keep_nul:
        table[0] = 0
    return bytes(table)


_WORD_TABLE = _word_table(keep_nul=False)
#: for texts joined with NUL: the separator survives cleaning, so one pass serves every block
_BLOCK_TABLE = _word_table(keep_nul=True)
_ASCII_BYTES = bytes(range(128))
#: letters of the function words. Every function word must be its own lower case: then no
#: capital is one of these letters, and ``_cleaned`` may leave the other capitals alone.
_STOP_LETTERS: frozenset[str] = frozenset("".join(_ALL_STOPWORDS))
assert all(w == w.lower() for w in _ALL_STOPWORDS)
#: distinct non-ASCII separators replaced one by one; past this many (a page of symbols),
#: the regex cuts the words in one linear pass instead
_MAX_SEPARATORS = 16


def _cleaned(text: str, table: bytes, *, lowered: bool = False) -> bytes | None:
    """UTF-8 bytes whose ``.split()`` has the same function words as the words of
    ``_WORD.findall(text.lower())`` (encoded); None when only the regex can cut the words.

    One ``bytes.translate`` pass lowers ASCII and turns ASCII non-letters into spaces. The
    few distinct non-ASCII characters are then handled with one ``bytes.replace`` each
    (UTF-8 is self-synchronising: an encoded character only matches at a character
    boundary): non-letters become spaces, and a capital letter becomes its lower case only
    when that is a letter of some function word (É -> é for "été"). Other capitals (Ä, Σ)
    are left alone, since a word holding one is not a function word in either case; this
    spares ``str.lower`` over the whole text. A character whose lower case is not a single
    character of the same kind (İ -> i + combining dot) sends the text through
    ``str.lower`` first. A non-ASCII character that the regex counts as a letter though
    ``isalpha`` does not (² ½), or more than ``_MAX_SEPARATORS`` distinct non-ASCII
    separators (each costs a pass over the text), return None.
    """
    raw = text.encode("utf-8", "surrogatepass")
    cleaned = raw.translate(table)
    if raw.isascii():
        return cleaned
    separators = 0
    for ch in set(raw.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")):
        if ch.isalpha():
            if lowered:
                continue
            low = ch.lower()
            if low == ch:
                continue
            if len(low) != 1 or not low.isalpha():
                return _cleaned(text.lower(), table, lowered=True)
            if low in _STOP_LETTERS:  # KELVIN SIGN -> k: through the table like any ASCII
                cleaned = cleaned.replace(
                    ch.encode("utf-8", "surrogatepass"), low.encode("utf-8", "surrogatepass").translate(table)
                )
            continue
        if not lowered and ch.lower() != ch:  # circled or Roman-numeral capitals
            return _cleaned(text.lower(), table, lowered=True)
        separators += 1
        if separators > _MAX_SEPARATORS or _WORD.fullmatch(ch) is not None:
            return None
        encoded = ch.encode("utf-8", "surrogatepass")
        # as many spaces as bytes: a same-length replace is one pass, about twice as fast
        cleaned = cleaned.replace(encoded, b" " * len(encoded))
    return cleaned


def _hits(text: str) -> frozenset[bytes]:
    """The function words of ``text`` (encoded): ``set(_WORD.findall(text.lower())) &
    _ALL_STOPWORDS``, without a regex, a ``str.lower`` or a decode over the whole text.

    Only intersections with the function-word sets are ever used, so the other words are
    never collected into a set (``intersection`` of an iterable only keeps the hits).
    """
    cleaned = _cleaned(text, _WORD_TABLE)
    if cleaned is None:
        return frozenset(w.encode() for w in _ALL_STOPWORDS.intersection(_WORD.findall(text.lower())))
    return _STOP_BYTES.intersection(cleaned.split())


def _tally(words: frozenset[bytes]) -> tuple[str | None, int, int]:
    """(language with the most distinct function words in ``words``, its count, runner-up count)."""
    best, hits, runner = None, 0, 0
    for lang, stop in _BYTE_STOPSETS:
        n = len(words & stop)
        if n > hits:
            best, hits, runner = lang, n, hits
        elif n > runner:
            runner = n
    return best, hits, runner


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
    words = _hits(sample)
    strong = _vote(words, min_hits=8, dominance=3.0)
    if strong is not None and (hint is None or hint == strong or hint not in SUPPORTED):
        return strong
    lang, prob = _identifier().classify(sample[:1000])
    if lang in SUPPORTED and prob >= 0.6:
        return str(lang)
    vote = _vote(words, min_hits=3, dominance=2.0)
    if vote is not None:
        return vote
    if hint in SUPPORTED and (lang == hint or prob < 0.9):
        return str(hint)
    return str(lang) if lang in SUPPORTED and prob >= 0.4 else OTHER


def _vote(words: frozenset[bytes], min_hits: int, dominance: float) -> str | None:
    best, hits, runner = _tally(words)
    if best is not None and hits >= min_hits and hits >= dominance * runner:
        return best
    return None


def vote_stopwords(text: str, min_hits: int = 3, dominance: float = 2.0) -> str | None:
    """Supported language whose function words dominate ``text``, or None if unclear.

    Counts distinct function words per language with set intersections (C speed): a block
    costs a few microseconds, so every block of every page can be voted on.
    """
    return _vote(_hits(text), min_hits, dominance)


def _is_monolingual(words: frozenset[bytes]) -> str | None:
    best, hits, runner = _tally(words)
    return best if (hits >= 6 and runner <= 1) or (hits >= 12 and runner <= 3) else None


def monolingual(text: str) -> str | None:
    """The language of ``text`` if its function words belong to one language only.

    Strict on purpose (the winner has 6+ distinct function words and no other language more
    than 1, or 12+ and no other more than 3: a stray "con" or "es" in a German page): a page
    with a paragraph in another supported language shows more of its function words.
    """
    return _is_monolingual(_hits(text))


def _block_min_hits(text: str) -> int:
    return 2 if len(text) < 150 else 3


def vote_blocks(texts: list[str]) -> tuple[str | None, list[str | None]]:
    """(``monolingual(" ".join(texts))``, the vote of each text).

    When the texts are monolingual every vote is that language; otherwise each text gets
    ``vote_stopwords(text, min_hits=2 if len(text) < 150 else 3)``. The texts are lowered,
    encoded and cleaned in one pass, joined with NUL (which the cleaning keeps and no word
    or case rule crosses), so that the per-text votes of mixed pages reuse that work.
    """
    if not texts:
        return None, []
    cleaned = _cleaned("\0".join(texts), _BLOCK_TABLE)
    if cleaned is None:  # the regex must cut the words: the plain, slower way
        mono = monolingual(" ".join(texts))
        if mono is not None:
            return mono, [mono] * len(texts)
        return None, [vote_stopwords(t, min_hits=_block_min_hits(t)) for t in texts]
    parts = cleaned.split(b"\0")
    if len(parts) != len(texts):  # a text holds NUL itself: vote on each text alone
        mono = _is_monolingual(_STOP_BYTES.intersection(cleaned.replace(b"\0", b" ").split()))
        if mono is not None:
            return mono, [mono] * len(texts)
        return None, [vote_stopwords(t, min_hits=_block_min_hits(t)) for t in texts]
    # The words of each text, whose union is the words of them all: the monolingual test
    # and, on mixed pages, the per-text votes share one split.
    words = list(map(_STOP_BYTES.intersection, map(bytes.split, parts)))
    mono = _is_monolingual(frozenset().union(*words))
    if mono is not None:
        return mono, [mono] * len(texts)
    return None, [_vote(w, _block_min_hits(t), 2.0) for t, w in zip(texts, words, strict=True)]


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
