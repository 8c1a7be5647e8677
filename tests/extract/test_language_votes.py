"""Function-word votes: the fast byte-level word cutting must agree with its regex definition."""

from __future__ import annotations

import random

import pytest

from vigipub.extract import build
from vigipub.extract import language as lang

#: characters that take the rare paths: lowered through str.lower (İ, Ⓐ, Ⅰ), cut by the regex
#: (² ½ Ⅰ), capitals whose lower case is a function-word letter (É Ü Ç KELVIN SIGN) or not
#: (Ä Σ), non-ASCII separators, NUL, lone surrogates, other scripts
_TRICKY = [
    "İ", "Σ", "ΣΑΣ", "\u212a", "²", "½", "Ⅰ", "ⅰ", "Ⓐ", "ⓐ", "\xa0", "’", "“", "„", "…", "\x00",
    "\ud800", "日本語", "ß", "ẞ", "ǅ", "ﬁ", "\u0307", "_", "1", "٣", "\x1c", "\x85", "\u2028",
    "É", "Ü", "Ç", "Ä", "ΤΗΕ", "THE", "The", "FÜR", "ÊTRE", "ÉTÉ", "İLE", "İÇİN", "ÇOK", "MÁS",
    "PIÙ", "È", "NÃO", "ОК", "o\u0301",
]  # fmt: skip
_SEPARATORS = [" ", " ", " ", "", "\xa0", "’", ", ", "\x00", "²", "\n", "-"]


def _spec(text: str) -> frozenset[bytes]:
    """The definition: function words among the regex words of the lowered text."""
    return frozenset(w.encode() for w in set(lang._WORD.findall(text.lower())) & lang._ALL_STOPWORDS)


def _random_text(rnd: random.Random) -> str:
    words = sorted(lang._ALL_STOPWORDS)
    out = []
    for _ in range(rnd.randint(0, 40)):
        roll = rnd.random()
        if roll < 0.5:
            word = rnd.choice(words)
        elif roll < 0.75:
            word = rnd.choice(_TRICKY)
        else:
            word = "".join(rnd.choice("abcdefghijklmnopqrstuvwxyzÄÖÜäöüé") for _ in range(rnd.randint(1, 9)))
        if rnd.random() < 0.2:
            word = word.upper()
        out.append(word + rnd.choice(_SEPARATORS))
    return "".join(out)


@pytest.mark.parametrize("text", [*_TRICKY, "l’une est là", "Über die Zellen\xa0und für", "\u212aANN"])
def test_word_cutting_matches_the_regex_on_tricky_characters(text: str) -> None:
    for sample in (text, f"the {text}und für", f"{text}the", f"ÉTÉ{text}ÉTÉ être"):
        assert lang._hits(sample) == _spec(sample), repr(sample)


def test_word_cutting_matches_the_regex_on_random_texts() -> None:
    rnd = random.Random(7)
    for _ in range(1500):
        text = _random_text(rnd)
        assert lang._hits(text) == _spec(text), repr(text)


def test_block_votes_match_their_definition() -> None:
    """vote_blocks == monolingual over all texts, else vote_stopwords per text."""
    rnd = random.Random(11)
    for _ in range(600):
        texts = [_random_text(rnd) for _ in range(rnd.randint(0, 6))]
        mono = lang.monolingual(" ".join(texts)) if texts else None
        votes = (
            [mono] * len(texts)
            if mono is not None
            else [lang.vote_stopwords(t, min_hits=2 if len(t) < 150 else 3) for t in texts]
        )
        assert lang.vote_blocks(texts) == (mono, votes), texts


def test_block_votes_of_mixed_and_monolingual_pages() -> None:
    de = "Die Stammzellen werden in der Klinik mit einer neuen Methode behandelt und sind nicht zugelassen."
    fr = "Les cellules souches sont utilisées dans la clinique avec une méthode qui est nouvelle pour nous."
    assert lang.vote_blocks([de, de.upper(), de]) == ("de", ["de", "de", "de"])
    mono, votes = lang.vote_blocks([de, fr])
    assert mono is None and votes == ["de", "fr"]
    # NUL inside a text (the block separator of the joined pass) falls back to one text at a time
    mono, votes = lang.vote_blocks([de.replace(" ", "\x00"), fr])
    assert mono is None and votes == ["de", "fr"]


def test_assemble_offsets_and_cut() -> None:
    blocks = [("Erster Absatz über Zellen", "p"), ("", "p"), ("Zweiter", "h1"), ("Dritter Absatz", "meta")]
    full, out, _lang, warnings = build._assemble(blocks, page_hint="de")
    assert full == "\n".join(text for text, _tag in blocks) and warnings == []
    assert [(full[b.start : b.end], b.tag) for b in out] == blocks
    full, out, _lang, warnings = build._assemble(blocks, page_hint="de", max_chars=30)
    assert full == "Erster Absatz über Zellen\n\nZwe" and warnings == ["text truncated to 30 characters"]
    assert [full[b.start : b.end] for b in out] == ["Erster Absatz über Zellen", "", "Zwe"]
    assert build._assemble([], page_hint=None) == ("", [], "other", [])


def test_many_distinct_separators_take_the_regex_path() -> None:
    """A page of symbols (one replace pass each) is cut by the regex instead, same words."""
    symbols = " ".join(chr(c) for c in range(0x2190, 0x2190 + 200))
    text = f"the und für l’une {symbols}the{symbols[::-1]}und"
    assert lang._cleaned(text, lang._WORD_TABLE) is None
    assert lang._hits(text) == _spec(text)
    assert lang.vote_blocks([text, "Die Zellen und für die Klinik"]) == (
        lang.monolingual(f"{text} Die Zellen und für die Klinik"),
        [
            lang.vote_stopwords(text, min_hits=3),
            lang.vote_stopwords("Die Zellen und für die Klinik", min_hits=2),
        ],
    )
