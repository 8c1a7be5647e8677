"""Sentences of a page and the normal form the comparison scores them in.

The detector quotes whole sentences; the recheck must find those sentences again in pages
that were edited, re-ordered or moved, including sentences the detector no longer flags
(a lexicon blind spot must never turn a kept claim into a removed one). So every sentence of
every page of the recheck is a candidate, with its offsets in the page text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from vigipub.evidence import Document

#: a sentence ends at . ! ? … (optionally closed by a quote or bracket) followed by space
_SENTENCE_END = re.compile(r"(?<=[.!?…])[»\"”')\]]?\s+")
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def normal(text: str) -> str:
    """Lower case, accents kept, punctuation and spacing folded: what the scores compare.

    Accents are kept (« traité » and « traite » differ in French); typography is not:
    no-break spaces, apostrophes and quotes must not make a kept sentence look reworded.
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_NON_WORD.sub(" ", text).split())


@dataclass(frozen=True)
class Sentence:
    """One sentence of a document: ``document.text[start:end]``."""

    start: int
    end: int
    text: str
    norm: str


def sentences(document: Document) -> list[Sentence]:
    """The sentences of ``document``, block by block (a heading or list item is one)."""
    text = document.text
    spans = [(b[0], b[1]) for b in document.blocks] or [(0, len(text))]
    out: list[Sentence] = []
    for block_start, block_end in spans:
        chunk = text[block_start:block_end]
        pos = 0
        for m in _SENTENCE_END.finditer(chunk):
            out.extend(_sentence(text, block_start + pos, block_start + m.start() + len(m.group(0).rstrip())))
            pos = m.end()
        out.extend(_sentence(text, block_start + pos, block_end))
    return out


def _sentence(text: str, start: int, end: int) -> list[Sentence]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start < 3:
        return []
    piece = text[start:end]
    norm = normal(piece)
    return [Sentence(start, end, piece, norm)] if norm else []
