"""Sentence spans inside the blocks of a document, computed lazily per block.

A quote is the whole sentence containing a match: blocks never span sentences (the
extractor joins them with newlines), sentence ends are ``. ! ? …`` followed by a space and
not preceded by a known abbreviation; very long run-on "sentences" are cut at the nearest
clause boundary so a quote stays readable.
"""

from __future__ import annotations

import bisect
import re

from vigipub.evidence.document import Document

#: A sentence end: ``[.!?…]+["'»”’)\]]*\s+`` (French sets its closing « » » apart by a space:
#: « … incroyables. » stays one sentence, at the end of its block too), or a full-width end ``[。！？]`` with its closing
#: marks (Chinese and Japanese put no space after it), or ``\n+`` or ``\s+[•·|]\s+``. Written to
#: start with one character class, then each branch checks (by a lookbehind) which character it
#: was: the regex engine skips at C speed to the next candidate character instead of trying
#: every branch at every position (the split costs half as much).
_PUNCT_ENDS = (
    r"(?<=[.!?…])[.!?…]*(?:[ \u00a0\u202f]»)?[\"'»”’)\]]*(?:\s+|$)|(?<=[。！？])[。！？!?]*[」』”’)）]*\s*"
)
_END = re.compile(r"[.!?…。！？\s](?:" + _PUNCT_ENDS + r"|(?<=\n)\n*|(?<=\s)\s*[•·|]\s+)")
#: _END without its two branches that start at a space: what it matches in a block holding
#: no line break and no separator (_BREAKS), most of them. Its first character is then one
#: of the sentence ends, and the engine skips at C speed from one to the next, where _END
#: stopped at every space of the block to try its last branches (2.6 % of the pipeline).
_PUNCT_END = re.compile(r"[.!?…。！？](?:" + _PUNCT_ENDS + ")")
_BREAKS = re.compile(r"[\n•·|]")
_ABBREV = frozenset(
    {
        "dr",
        "pr",
        "prof",
        "m",
        "mme",
        "mr",
        "mrs",
        "ms",
        "st",
        "no",
        "n°",
        "vs",
        "etc",
        "ca",
        "z.b",
        "bzw",
        "ggf",
        "u.a",
        "d.h",
        "e.g",
        "i.e",
        "approx",
        "env",
        "p",
        "fig",
        "sr",
        "sra",
        "dott",
        "ing",
        "av",
        "inc",
        "ltd",
        "co",
        "art",
        "al",
        "ph.d",
        "med",
        "nr",
        "ss",
    }
)
#: a month's name after a German date's ordinal day (« 12. März »): no sentence ends there
_MONTH = re.compile(
    r"(?:Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember"
    r"|Jan|Feb|Mär|Apr|Jun|Jul|Aug|Sept?|Okt|Nov|Dez)\b"
)
MAX_SENTENCE = 600
_CLAUSE = re.compile(r"[;:,—–]\s")


class SentenceIndex:
    """Maps an offset of ``doc.text`` to the span of its sentence."""

    def __init__(self, doc: Document) -> None:
        self.text = doc.text
        # Only the starts, for the bisect: a page has hundreds of blocks and its matches sit
        # in a few of them, whose ends are read when they are split.
        self._blocks = doc.blocks
        self.block_starts = [b.start for b in doc.blocks] or [0]
        self._cache: dict[int, list[tuple[int, int]]] = {}
        self._starts: dict[int, list[int]] = {}

    def block_span(self, bi: int) -> tuple[int, int]:
        if self._blocks:
            block = self._blocks[bi]
            return block.start, block.end
        return 0, len(self.text)

    def block_of(self, offset: int) -> int:
        i = bisect.bisect_right(self.block_starts, offset) - 1
        return i if i > 0 else 0

    def _sentences(self, bi: int) -> list[tuple[int, int]]:
        cached = self._cache.get(bi)
        if cached is not None:
            return cached
        start, end = self.block_span(bi)
        text = self.text
        # Offsets of the whole text: the regex scans the block in place (pos/endpos behave
        # as a slice's ends for this pattern, which has no anchor or lookaround).
        out: list[tuple[int, int]] = []
        pos = start
        ends = _END if _BREAKS.search(text, start, end) is not None else _PUNCT_END
        for m in ends.finditer(text, start, end):
            cut = m.end()
            at = m.start()
            if text[at] == ".":
                # Only a full stop can follow an abbreviation or sit inside a number.
                head = text[pos:at].rsplit(None, 1)
                last = head[-1].lower().rstrip(".") if head else ""
                if last in _ABBREV or (len(last) == 1 and last.isalpha()):
                    continue
                if last.isdigit() and cut < end and text[cut].isdigit():
                    continue
                if last.isdigit() and len(last) <= 2 and _MONTH.match(text, cut, end):
                    continue  # a German date's ordinal (« am 12. März 2024 »)
            stop = at + len(m.group().rstrip())
            if text[stop - 1] in "•·|":
                stop -= 1  # a separator ends the sentence before it (« Tarifs | Clinique X »)
            out.append((pos, stop))
            pos = cut
        if pos < end:
            out.append((pos, end))
        result = []
        for s, e in out:
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                result.append((s, e))
        self._cache[bi] = result
        self._starts[bi] = [s for s, _e in result]
        return result

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        """Span of the sentence containing ``text[start:end]``."""
        bi = bisect.bisect_right(self.block_starts, start) - 1
        if bi < 0:
            bi = 0
        sents = self._cache.get(bi)
        if sents is None:
            sents = self._sentences(bi)
        block_start, block_end = self.block_span(bi)
        s, e = block_start, block_end
        # bisect, not a scan: a 2 MB block can hold tens of thousands of sentences
        i = bisect.bisect_right(self._starts[bi], start) - 1
        if i >= 0:
            si, ei = sents[i]
            if start < ei or end <= ei:
                s, e = si, ei
        if e < end:  # a match across a sentence boundary: widen
            e = min(max(end, e), block_end) if end <= block_end else end
        if e - s > MAX_SENTENCE:
            s, e = self._clause(s, e, start, end)
        return s, e

    def _clause(self, s: int, e: int, start: int, end: int) -> tuple[int, int]:
        lo = max(s, start - MAX_SENTENCE // 2)
        hi = min(e, end + MAX_SENTENCE // 2)
        left = self.text[lo:start]
        cuts = [m.end() for m in _CLAUSE.finditer(left)]
        ns = lo + cuts[0] if cuts and lo > s else (s if lo == s else lo)
        right = self.text[end:hi]
        last = None
        for last in _CLAUSE.finditer(right):  # noqa: B007 - we want the last clause boundary
            pass
        ne = end + last.start() + 1 if last and hi < e else hi
        while ns < start and self.text[ns].isspace():
            ns += 1
        return ns, max(ne, end)

    def sentence_at_block(self, bi: int) -> tuple[int, int]:
        sents = self._sentences(bi)
        return sents[0] if sents else self.block_span(bi)
