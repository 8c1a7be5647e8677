"""The words of a page, for the verdict's text component.

The lexicon features say what a page does (claims, offers, reporting); the words of its main
text say how it reads. A clinic's treatment page and a science explainer can name the same
therapy, disease and effect, and still differ in hundreds of ordinary words (« nos patients »,
"our clinic", "researchers", "published", « consultation »). The text component is a linear
model over those words:

- the **terms** of a page are the distinct accent- and case-folded words (letters only, two
  or more) and pairs of consecutive words (within a sentence) of its first ``max_chars``
  characters, its menus and footer aside (:class:`Reading`): the title, the first headings and
  paragraphs, where a page says what it is;
- a term is in the model only when it was seen on at least ``min_hosts`` distinct *sites* of
  the training pages (:mod:`vigipub.detect.learn`), so that no site's own vocabulary (its
  name, its doctor, its town) can be learned;
- a page's text score is the sum of the weights of the terms it holds (each counted once),
  so that each term's share of the score is its weight: the verdict lists the terms that
  weighed most, each with its first place in the text (offsets and the words as written).

Only the retained terms and their weights ship, in the model file.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from vigipub.evidence.document import FOOTER_TAG, MENU_TAG, Document

from .fold import fold

#: a word: two letters or more (digits and underscores are not letters)
_WORD = re.compile(r"[^\W\d_]{2,}")
#: a pair of words never straddles a sentence end or a line (a heading and its paragraph)
_SENTENCE_BREAK = re.compile(r"[.!?;:\n\u2026]+")
#: what may separate the two words of a pair: anything but a letter or a sentence end
_GAP = r"(?:[^\w.!?;:\n\u2026]|[\d_])+"
#: characters read by default: real excerpts are the first ~2,000 characters of a page
DEFAULT_CHARS = 3000


def terms_of(text: str, max_chars: int = DEFAULT_CHARS, folded: str | None = None) -> set[str]:
    """The distinct words and pairs of consecutive words of the start of ``text`` (folded).

    ``folded`` is ``fold(text[:max_chars])`` when the caller has it (folding is most of the cost).
    """
    if folded is None:
        folded = fold(text[:max_chars])
    out: set[str] = set()
    for segment in _SENTENCE_BREAK.split(folded):
        words = _WORD.findall(segment)
        if not words:
            continue
        out.update(words)
        if len(words) > 1:
            out.update(map(" ".join, pairwise(words)))
    return out


#: the blocks of a navigation menu and a footer: the site's text, not the page's
_SITE_TAGS = frozenset({MENU_TAG, FOOTER_TAG})


@dataclass(frozen=True)
class Reading:
    """The text the text component reads: a page's text less its navigation menus and footer.

    A menu's entries and a footer's lines are the site's, not the page's: a 200-entry mega-menu
    took the whole reading window (and a newspaper's page read as its menu's « Notre équipe »,
    « Espace patient »), and a short page read its footer's « Alle Rechte vorbehalten ». ``pieces`` gives, for each block kept, where it starts in ``text`` and in the
    page's text, so that a term found here is located in the page.
    """

    text: str
    pieces: tuple[tuple[int, int], ...] = ((0, 0),)

    @classmethod
    def of(cls, doc: Document, max_chars: int = DEFAULT_CHARS) -> Reading:
        blocks = doc.blocks
        if not any(b.tag in _SITE_TAGS for b in blocks):
            return cls(doc.text)
        parts: list[str] = []
        pieces: list[tuple[int, int]] = []
        at = 0
        for b in blocks:
            if b.tag in _SITE_TAGS:
                continue
            pieces.append((at, b.start))
            parts.append(doc.text[b.start : b.end])
            at += b.end - b.start + 1  # the blocks are joined by a line break (a sentence break)
            if at >= max_chars:
                break
        return cls("\n".join(parts), tuple(pieces) or ((0, 0),))

    def in_page(self, offset: int) -> int:
        """Where ``offset`` of the reading is in the page's text."""
        start, origin = self.pieces[bisect_right(self.pieces, (offset, float("inf"))) - 1]
        return origin + offset - start


@dataclass(frozen=True)
class TermHit:
    """Where a term first occurs in a text: ``text[start:end]`` is the term as written."""

    term: str
    start: int
    end: int


def locate(text: str, term: str, max_chars: int = DEFAULT_CHARS, folded: str | None = None) -> TermHit | None:
    """The first occurrence of ``term`` (folded words) in the start of ``text``.

    Only called for the few terms a verdict shows. ``folded`` is ``fold(text[:max_chars])``
    when the caller has it. A term is found as a whole word (or two words separated by
    anything but a letter or a sentence end).
    """
    if folded is None:
        folded = fold(text[:max_chars])
    # the common case: the words separated by one space, found at C speed
    at = folded.find(term)
    while at >= 0:
        end = at + len(term)
        if (at == 0 or not _is_letter(folded[at - 1])) and (end == len(folded) or not _is_letter(folded[end])):
            return TermHit(term, at, end)
        at = folded.find(term, at + 1)
    if " " not in term:
        return None
    m = _pair_pattern(term).search(folded)
    return TermHit(term, m.start(), m.end()) if m is not None else None


def _is_letter(ch: str) -> bool:
    return ch.isalpha()


@lru_cache(maxsize=4096)
def _pair_pattern(term: str) -> re.Pattern[str]:
    """Two words with any gap but a letter or a sentence end (« nos  patients », "clinic, we")."""
    return re.compile(r"(?<![^\W\d_])" + _GAP.join(map(re.escape, term.split(" "))) + r"(?![^\W\d_])")
