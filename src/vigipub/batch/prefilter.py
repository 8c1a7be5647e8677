"""Tier one of triage: does a raw payload hold a therapy (or disease) term at all?

Runs on the decompressed payload bytes, before any HTML parsing, at close to decompression
speed, and must not discard a page on which the full detection would find a term of its
vocabulary. The vocabulary is not written here: it is the therapy (and disease) entries of
the detection lexicons (:func:`vigipub.pipeline.triage_vocabulary`), so the filter follows
every lexicon change.

How a page is tested:

1. One multi-literal scan (Hyperscan, C speed, ASCII case-insensitive) looks for *anchors*:
   for each term, the one word of it that is cheapest to find, in every spelling a page may
   use for it — UTF-8, Windows-1252/1254, HTML entities, upper case, without its accents,
   the ligatures « œ æ ß » for « oe ae ss ». A short word (4 bytes or less) carries its
   word boundaries in its pattern, so that it does not fire inside longer words.
2. At an anchor hit, the rest of the term is checked around it: word boundaries, and for a
   term of several words a regular expression over a window of the lower-cased payload that
   allows markup and entities between its words and any accent on its accented letters.
   Case-sensitive terms (acronyms) are checked on the original bytes.
3. The hit must stand where the extraction reads text: not inside a tag (except ``<meta>``,
   whose description is read), not inside ``<script>``, ``<style>``, ``<svg>``… Invisible
   characters that the extraction drops inside words (soft hyphens, zero-width spaces,
   ``<wbr>``) are stripped and the page scanned again when one is present.

Conservative where the raw bytes are ambiguous (a comment, a tag the page forgot to close):
the page is kept. Known limits: a page that puts an accent where the lexicon's spelling has
none (« exosómes » for « exosomes ») is not recognised by its anchor, although the detection
(which folds accents) would match; so is a term cut by a tag inside a word. The loss is
measured on real pages by ``vigipub triage prefilter`` and ``benchmarks/triage_bench.py``.

PDF payloads are compressed: callers never pre-filter them.
"""

from __future__ import annotations

import contextlib
import html.entities
import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

#: spellings of one word expanded at most as a full product (beyond, encoding-consistent ones)
MAX_WORD_FORMS = 256
#: an anchor of at most this many bytes carries its word boundaries in its pattern
SHORT_ANCHOR = 4
#: bytes examined on each side of an anchor hit to find the rest of its term
WINDOW = 600
#: bytes looked back from a hit for the ``<`` of a tag that would hold it
TAG_LOOKBACK = 4096
#: elements whose content the extraction never reads as text (see extract/html.py) and where
#: lexicon words are common (code, data, style sheets); hits in the others (svg, noscript…)
#: keep their page, which costs a detection but loses nothing
SKIP_ELEMENTS = (b"script", b"style")


class VocabularyTerm(NamedTuple):
    """One lexicon term the pre-filter must find."""

    entry_id: str
    kind: str  # therapy | disease
    term: str
    case_sensitive: bool = False
    prefix: bool = False  # may be the start of a longer word (German compounds)


@dataclass(frozen=True)
class PrefilterHit:
    """Why a page was kept: the first term found, and the payload offset where it ends."""

    entry_id: str
    kind: str
    term: str
    offset: int


# --------------------------------------------------------------------------- spellings

_ENTITIES: dict[str, list[str]] = {}
for _name, _value in html.entities.html5.items():
    if _name.endswith(";") and len(_value) == 1:
        _ENTITIES.setdefault(_value, []).append(_name)
_LIGATURES = {"oe": "œ", "ae": "æ", "ss": "ß"}


def _encodings(c: str, fold: Callable[[str], str]) -> dict[str, set[bytes]]:
    """The bytes that spell the letter ``c`` in a page, by encoding scheme."""
    schemes: dict[str, set[bytes]] = {}
    folded = fold(c)
    if folded.isascii() and folded.isalnum():
        schemes["ascii"] = {folded.encode("ascii")}
    for case, variant in (("lower", c.lower()), ("upper", c.upper())):
        if len(variant) != 1:
            continue
        # every scheme by case: a page spells a word in one case (lower, upper, capitalised)
        schemes.setdefault(f"utf-8-{case}", set()).add(variant.encode("utf-8"))
        for codec in ("cp1252", "cp1254"):
            with contextlib.suppress(UnicodeEncodeError):
                schemes.setdefault(f"{codec}-{case}", set()).add(variant.encode(codec))
        names = _ENTITIES.get(variant, [])
        if names:
            schemes.setdefault(f"named-{case}", set()).update(f"&{n}".lower().encode("ascii") for n in names)
        schemes.setdefault(f"decimal-{case}", set()).add(f"&#{ord(variant)};".encode("ascii"))
        schemes.setdefault(f"hex-{case}", set()).add(f"&#x{ord(variant):x};".encode("ascii"))
    return schemes


#: the cases a page writes a whole word in: lower, upper, capitalised (first letter, rest)
_CASINGS = (("lower", "lower"), ("upper", "upper"), ("upper", "lower"))


def _spelling(part: dict[str, set[bytes]], base: str, case: str) -> set[bytes]:
    """A letter's bytes in one scheme and case (UTF-8 where the scheme cannot spell it)."""
    found = part.get(base) or part.get(f"{base}-{case}") or part.get(f"utf-8-{case}")
    found = found or part.get("utf-8-lower") or part.get("utf-8-upper") or set()
    # a ligature pair is always also the plain pair (« ss » beside « ö » in one word)
    return found | (part["ascii"] if "ligature" in part else set())


def _word_parts(word: str, fold: Callable[[str], str]) -> list[dict[str, set[bytes]] | bytes]:
    parts: list[dict[str, set[bytes]] | bytes] = []
    i = 0
    while i < len(word):
        pair = word[i : i + 2]
        if pair in _LIGATURES:
            lig = _encodings(_LIGATURES[pair], fold)
            lig.setdefault("ascii", set()).add(pair.encode("ascii"))
            lig["ligature"] = set()  # a marker: this part is « oe », « ae » or « ss »
            parts.append(lig)
            i += 2
            continue
        c = word[i]
        parts.append(c.encode("ascii") if c.isascii() else _encodings(c, fold))
        i += 1
    return parts


def word_forms(word: str, fold: Callable[[str], str]) -> set[bytes]:
    """Byte spellings of a lower-case word, for a case-insensitive (ASCII) scan.

    Every combination when there are few; otherwise those that spell every letter in one
    scheme (a page writes all its accents in one encoding), plus the plain ASCII folding.
    """
    parts = _word_parts(word, fold)
    choices = [{p} if isinstance(p, bytes) else set().union(*p.values()) for p in parts]
    count = 1
    for c in choices:
        count *= len(c)
    if count <= MAX_WORD_FORMS:
        return {b"".join(p) for p in itertools.product(*choices)}
    # too many: each scheme alone, in each case a word is written in (a word of a script with
    # cases, Cyrillic or Greek, would otherwise give 2^letters forms)
    bases = {
        s.rsplit("-", 1)[0] if s.endswith(("-lower", "-upper")) else s
        for p in parts
        if not isinstance(p, bytes)
        for s in p
    }
    forms: set[bytes] = set()
    for base in bases - {"ligature"}:
        for first, rest in _CASINGS:
            per_char = [
                {p} if isinstance(p, bytes) else _spelling(p, base, first if i == 0 else rest)
                for i, p in enumerate(parts)
            ]
            if all(per_char):
                forms.update(b"".join(x) for x in itertools.product(*per_char))
    return forms


# --------------------------------------------------------------------------- anchors


@dataclass
class _Anchor:
    forms: set[bytes]
    left: bool  # starts where the term has a word boundary
    right: bool  # ends where the term has a word boundary
    whole_word: bool  # the forms spell a whole word of the term
    start: int = 0  # index in the term's text where the anchor starts

    @property
    def core(self) -> int:
        return min(map(len, self.forms))

    def rank(self) -> tuple[float, int, int]:
        # A longer anchor fires less often; a short one carries its word boundaries in its
        # pattern (see Prefilter), which is worth a bit more than its length. (Boundaries on
        # every pattern would cost Hyperscan a hundred times longer to compile.)
        core = self.core
        bonus = 0.5 * (self.left + self.right) if core <= SHORT_ANCHOR else 0.0
        return (min(core, 8) + bonus, core, -len(self.forms))


def choose_anchor(term: VocabularyTerm, fold: Callable[[str], str]) -> _Anchor:
    """The word (or ASCII part of a word) of ``term`` cheapest to find."""
    cs = term.case_sensitive
    text = term.term if cs else term.term.lower()
    candidates: list[_Anchor] = []
    for m in re.finditer(r"[^\W_]+", text):
        word = m.group()
        # A word of a term starts at the term's start or after a separator: the detection
        # wants a word boundary there; it ends likewise, except at the end of a prefix term.
        right = m.end() < len(text) or not term.prefix
        forms = {word.encode("utf-8")} if cs else word_forms(word, fold)
        if forms:
            candidates.append(_Anchor(forms, True, right, True, m.start()))
        for piece in re.finditer(r"[A-Za-z0-9]+", word):
            for ps, pe in _without_ligature_pairs(piece.start(), piece.end(), word, cs):
                whole = ps == 0 and pe == len(word)
                piece_forms = {word[ps:pe].encode("ascii")}
                candidates.append(
                    _Anchor(piece_forms, ps == 0, right and pe == len(word), whole, m.start() + ps)
                )
    if not candidates:
        raise ValueError(f"term {term.term!r} of {term.entry_id} has no letter or digit")
    return max(candidates, key=_Anchor.rank)


def _without_ligature_pairs(start: int, end: int, word: str, case_sensitive: bool) -> list[tuple[int, int]]:
    """Split an ASCII run where a page may write a ligature instead (« oe » → « œ »)."""
    if case_sensitive:
        return [(start, end)]
    pieces: list[tuple[int, int]] = []
    cut = start
    for lig in re.finditer(r"oe|ae|ss", word[start:end]):
        pieces.append((cut, start + lig.start()))
        cut = start + lig.end()
    pieces.append((cut, end))
    return [(s, e) for s, e in pieces if e > s]


# --------------------------------------------------------------------------- verification

# Pieces of a term's regular expression, forward and reversed (the part of a term before its
# anchor is matched backwards from the anchor, on the reversed bytes: both matches are then
# anchored at a known offset instead of searched for in a window).
#: a non-ASCII letter: any non-ASCII character, an entity, or its ASCII folding (``{}``)
_LETTER = (rb"(?:{}[\x80-\xff]{1,4}|&#?[a-z0-9]{1,10};)", rb"(?:{}[\x80-\xff]{1,4}|;[a-z0-9]{1,10}#?&)")
_GAP = (
    rb"(?:[^a-z0-9<&]|<[^<>]{0,500}>|&#?[a-z0-9]{1,10};|[<&]){1,60}",
    rb"(?:[^a-z0-9>;]|>[^<>]{0,500}<|;[a-z0-9]{1,10}#?&|[>;]){1,60}",
)


def _tokens(text: str, case_sensitive: bool, fold: Callable[[str], str]) -> list[tuple[int, str, str]]:
    """(start index in ``text``, kind, value) of the pieces of a term: ``lit`` (an ASCII
    letter or digit), ``lig`` (« oe ae ss », which a page may write as one letter),
    ``letter`` (any other letter, any accent or encoding; value: its ASCII folding if it has
    one) and ``gap`` (separators)."""
    out: list[tuple[int, str, str]] = []
    i = 0
    while i < len(text):
        pair = text[i : i + 2]
        if not case_sensitive and pair in _LIGATURES:
            out.append((i, "lig", pair))
            i += 2
            continue
        c = text[i]
        if c.isascii() and c.isalnum():
            out.append((i, "lit", c))
        elif c.isalnum():
            folded = fold(c).lower()
            out.append((i, "letter", folded if folded.isascii() and folded.isalnum() else ""))
        elif not out or out[-1][1] != "gap":
            out.append((i, "gap", c))
        i += 1
    return out


def _piece(kind: str, value: str, reverse: bool, case_sensitive: bool) -> bytes:
    side = 1 if reverse else 0
    letter = _LETTER[side]
    if case_sensitive:
        letter = letter.replace(b"a-z0-9", b"A-Za-z0-9")
    if kind == "lit":
        return re.escape(value.encode("ascii"))
    if kind == "lig":  # « oe » or « œ » in any encoding (any other letter, conservatively)
        pair = value[::-1] if reverse else value
        return b"(?:" + pair.encode("ascii") + b"|" + letter.replace(b"{}", b"") + b")"
    if kind == "letter":
        plain = (
            b"[" + value.encode("ascii") + (value.upper().encode("ascii") if case_sensitive else b"") + b"]|"
        )
        return letter.replace(b"{}", plain if value else b"")
    gap = _GAP[side]
    return gap.replace(b"a-z0-9", b"A-Za-z0-9") if case_sensitive else gap


def term_patterns(term: VocabularyTerm, split: int, fold: Callable[[str], str]) -> tuple[bytes, bytes]:
    """Regex sources for the term around its anchor, which starts at character ``split``:
    the part before it reversed (to match backwards from the anchor), and the rest (from the
    anchor on, with the word boundary at its end). Over the lower-cased payload, or the
    original bytes for a case-sensitive term; markup and entities may sit between words."""
    cs = term.case_sensitive
    tokens = _tokens(term.term if cs else term.term.lower(), cs, fold)
    before = [t for t in tokens if t[0] < split]
    after = [t for t in tokens if t[0] >= split]
    backward = b"".join(_piece(kind, value, True, cs) for _i, kind, value in reversed(before))
    forward = b"".join(_piece(kind, value, False, cs) for _i, kind, value in after)
    if term.term[-1].isalnum() and not term.prefix:
        forward += rb"(?![A-Za-z0-9])"
    return backward, forward


def _is_alnum_byte(b: int) -> bool:
    return 48 <= b <= 57 or 65 <= b <= 90 or 97 <= b <= 122


@dataclass(frozen=True)
class _Check:
    """How an anchor hit proves one term: ``scan`` (the scan pattern is the term, boundaries
    included), ``edges`` (a whole one-word term: check the bytes around it), ``regex`` (the
    term around the anchor, matched forwards from it, then backwards)."""

    term: VocabularyTerm
    how: str
    split: int = 0  # regex: index in the term's text where the anchor starts


class _Rule:
    """Every term one scan pattern may prove, verified together at each of its hits.

    Terms sharing the anchor share its forward part ("stem cells", "NK cells": « cells »),
    so the rule runs one forward match per distinct forward part, then one backward match
    over the alternatives of the words before the anchor (boundary included).
    """

    __slots__ = ("form_length", "checks", "fold", "_groups")

    def __init__(self, form_length: int, fold: Callable[[str], str]) -> None:
        self.form_length = form_length
        self.checks: list[_Check] = []
        self.fold = fold
        self._groups: (
            list[tuple[bool, re.Pattern[bytes], re.Pattern[bytes] | None, list[VocabularyTerm]]] | None
        ) = None

    def _compile(
        self,
    ) -> list[tuple[bool, re.Pattern[bytes], re.Pattern[bytes] | None, list[VocabularyTerm]]]:
        by_forward: dict[tuple[bool, bytes], list[tuple[bytes, VocabularyTerm]]] = {}
        for check in self.checks:
            if check.how != "regex":
                continue
            term = check.term
            backward, forward = term_patterns(term, check.split, self.fold)
            if term.term[0].isalnum():
                # the word boundary before the term, read backwards: the next byte is not a
                # letter or digit (the end of the window counts as a boundary)
                backward += rb"(?![A-Za-z0-9])"
            by_forward.setdefault((term.case_sensitive, forward), []).append((backward, term))
        groups: list[tuple[bool, re.Pattern[bytes], re.Pattern[bytes] | None, list[VocabularyTerm]]] = []
        for (case_sensitive, forward), alternatives in by_forward.items():
            # one alternative per distinct backward part; its group number tells the term
            unique: dict[bytes, VocabularyTerm] = {}
            for backward, term in alternatives:
                unique.setdefault(backward, term)
            sources = list(unique)
            backward_re = re.compile(b"|".join(b"(" + src + b")" for src in sources))
            groups.append(
                (case_sensitive, re.compile(forward), backward_re, [unique[src] for src in sources])
            )
        return groups

    def prove(self, payload: bytes, end: int) -> VocabularyTerm | None:
        """The first term this hit proves (before the markup check), or None."""
        start = end - self.form_length
        for check in self.checks:
            if check.how == "scan":
                return check.term
            if check.how == "edges":
                if start > 0 and _is_alnum_byte(payload[start - 1]):
                    continue
                if check.term.prefix or end >= len(payload) or not _is_alnum_byte(payload[end]):
                    return check.term
        if self._groups is None:
            self._groups = self._compile()
        if not self._groups:
            return None
        # windows around the hit, lower-cased unless the terms are case-sensitive (a rule's
        # terms all are, or none: the case is part of the scan pattern)
        case_sensitive = self._groups[0][0]
        ahead = payload[start : end + WINDOW]
        behind = payload[max(0, start - WINDOW) : start][::-1]
        if not case_sensitive:
            ahead, behind = ahead.lower(), behind.lower()
        for _cs, forward_re, backward_re, terms in self._groups:
            if forward_re.match(ahead) is None:
                continue
            m = backward_re.match(behind) if backward_re is not None else None
            if m is not None:
                return terms[(m.lastindex or 1) - 1]
        return None


def _check_for(term: VocabularyTerm, anchor: _Anchor) -> _Check:
    words = re.findall(r"[^\W_]+", term.term)
    if len(words) == 1 and anchor.whole_word and anchor.left and (anchor.right or term.prefix):
        # a one-word term: a short anchor's pattern holds its boundaries (the hit is the
        # term); a longer one's are checked on the bytes around the hit
        return _Check(term, "scan" if anchor.core <= SHORT_ANCHOR else "edges")
    return _Check(term, "regex", anchor.start)


# --------------------------------------------------------------------------- markup context


def _in_tag(payload: bytes, pos: int) -> bool:
    """Whether ``pos`` lies inside a tag whose attributes the extraction does not read as
    text: every tag but a ``<meta>`` description (name="description", og:description)."""
    lt = payload.rfind(b"<", max(0, pos - TAG_LOOKBACK), pos)
    if lt < 0 or payload.rfind(b">", lt, pos) >= 0:
        return False
    name = payload[lt + 1 : lt + 6].lower()
    if not name[:1].isalpha():
        return False  # « a < b » in text, a comment, a doctype
    if name.startswith(b"meta") and not name[4:5].isalnum():
        gt = payload.find(b">", pos)
        return b"description" not in payload[lt : gt if gt >= 0 else len(payload)].lower()
    return True


class _Page:
    """One payload, and whether a position lies in its text (not in a tag, script or style)."""

    __slots__ = ("payload",)

    def __init__(self, payload: bytes) -> None:
        self.payload = payload

    def in_text(self, pos: int) -> bool:
        """Whether ``pos`` lies where the extraction may read text."""
        payload = self.payload
        if _in_tag(payload, pos):
            return False
        for name in SKIP_ELEMENTS:
            for tag in (name, name.upper()):  # a mixed-case tag is missed: the page is kept
                opening = payload.rfind(b"<" + tag, 0, pos)
                if opening < 0:
                    continue
                after = payload[opening + len(tag) + 1 : opening + len(tag) + 2]
                if after.isalnum() or after in (b"-", b"_", b":"):
                    continue  # <scripts>, <style-x>: another element (rare: then kept as text)
                if payload.find(b"</" + tag, opening, pos) < 0:
                    return False  # inside an element whose content is code or style
        return True


# --------------------------------------------------------------------------- invisible characters

#: what the extraction drops inside words (extract/html.py: _INVISIBLE, <wbr>), as raw bytes;
#: the scan finds them, and a page without a term is scanned again without them
_INVISIBLE_BYTES = (b"\xc2\xad", b"\xe2\x80\x8b", b"\xe2\x80\x8c", b"\xe2\x80\x8d", b"\xe2\x81\xa0")
_INVISIBLE_ENTITIES = (
    b"&shy;", b"&#173;", b"&#xad;", b"&#8203;", b"&#x200b;", b"&#8204;", b"&#x200c;",
    b"&#8205;", b"&#x200d;", b"&#8288;", b"&#x2060;", b"<wbr",
)  # fmt: skip
_WBR = re.compile(rb"<wbr\s*/?>", re.IGNORECASE)


def _strip_invisible(payload: bytes, seen: set[bytes]) -> bytes:
    for marker in seen:
        if marker == b"<wbr":
            payload = _WBR.sub(b"", payload)
            continue
        for variant in {marker, marker.upper(), marker.replace(b"&#x", b"&#X")}:
            payload = payload.replace(variant, b"")
    return payload


# --------------------------------------------------------------------------- scanners


def _literal_regex(form: bytes) -> bytes:
    return b"".join(bytes([b]) if _is_alnum_byte(b) else b"\\x%02x" % b for b in form)


#: a scan pattern: (literal bytes, boundary before, boundary after, case-sensitive, once per page)
Pattern = tuple[bytes, bool, bool, bool, bool]


class _HyperscanScanner:
    """All patterns in one Hyperscan database; matches come in order of end offset."""

    name = "hyperscan"

    def __init__(self, patterns: list[Pattern]) -> None:
        import hyperscan

        self._hs = hyperscan
        expressions: list[bytes] = []
        flags: list[int] = []
        for form, left, right, case_sensitive, single in patterns:
            expr = _literal_regex(form)
            if left:
                expr = rb"(?:^|[^A-Za-z0-9])" + expr
            if right:
                expr = expr + rb"(?:[^A-Za-z0-9]|$)"
            expressions.append(expr)
            flag = 0 if case_sensitive else hyperscan.HS_FLAG_CASELESS
            if single:
                flag |= hyperscan.HS_FLAG_SINGLEMATCH
            flags.append(flag)
        self._database = hyperscan.Database()
        self._database.compile(
            expressions=expressions, ids=list(range(len(expressions))), elements=len(expressions), flags=flags
        )
        self._right = [p[2] for p in patterns]

    def scan(self, payload: bytes, on_match: Callable[[int, int], bool]) -> None:
        """Call ``on_match(pattern, end)`` per match, in order, until it returns True.

        ``end`` is the offset just after the pattern's last byte (boundary excluded).
        """
        right = self._right
        size = len(payload)

        def handler(pattern: int, _from: int, to: int, _flags: int, _ctx: Any) -> bool:
            end = to - 1 if right[pattern] and (to < size or not _is_alnum_byte(payload[to - 1])) else to
            return on_match(pattern, end)

        with contextlib.suppress(self._hs.ScanTerminated):
            self._database.scan(payload, match_event_handler=handler)


class _AhoCorasickScanner:
    """The same matches with pyahocorasick, where Hyperscan is not available (slower)."""

    name = "pyahocorasick"

    def __init__(self, patterns: list[Pattern]) -> None:
        import ahocorasick  # type: ignore[import-not-found]

        table: dict[str, list[tuple[int, int, bool, bool, bool, bytes]]] = {}
        for index, (form, left, right, case_sensitive, _single) in enumerate(patterns):
            key = form.lower().decode("latin-1")
            table.setdefault(key, []).append((index, len(form), left, right, case_sensitive, form))
        self._automaton = ahocorasick.Automaton()
        for key, entries in table.items():
            self._automaton.add_word(key, tuple(entries))
        self._automaton.make_automaton()

    def scan(self, payload: bytes, on_match: Callable[[int, int], bool]) -> None:
        size = len(payload)
        view = payload.lower().decode("latin-1")
        for last, entries in self._automaton.iter(view):
            end = last + 1
            for index, length, left, right, case_sensitive, form in entries:
                start = end - length
                if left and start > 0 and _is_alnum_byte(payload[start - 1]):
                    continue
                if right and end < size and _is_alnum_byte(payload[end]):
                    continue
                if case_sensitive and payload[start:end] != form:
                    continue
                if on_match(index, end):
                    return


# --------------------------------------------------------------------------- the filter


class Prefilter:
    """The compiled vocabulary: ``match(payload)`` gives the first term found, or None.

    Build it once per process (a fraction of a second for the whole lexicon) and reuse it.
    ``engine`` is ``"auto"`` (Hyperscan when it loads, else pyahocorasick), ``"hyperscan"``
    or ``"pyahocorasick"``; both give the same decisions.
    """

    def __init__(
        self, terms: Iterable[VocabularyTerm], fold: Callable[[str], str], engine: str = "auto"
    ) -> None:
        self.terms = tuple(terms)
        if not self.terms:
            raise ValueError("the pre-filter needs at least one term")
        patterns: list[Pattern] = []
        index: dict[Pattern, int] = {}
        rules: list[_Rule] = []

        def pattern_id(key: Pattern) -> int:
            if key not in index:
                index[key] = len(patterns)
                patterns.append(key)
                rules.append(_Rule(len(key[0]), fold))
            return index[key]

        for term in self.terms:
            anchor = choose_anchor(term, fold)
            check = _check_for(term, anchor)
            bounded = anchor.core <= SHORT_ANCHOR
            for form in sorted(anchor.forms):
                # a short anchor's word boundaries are part of its scan pattern
                key = (form, bounded and anchor.left, bounded and anchor.right, term.case_sensitive, False)
                rule = rules[pattern_id(key)]
                if check not in rule.checks:
                    rule.checks.append(check)
        for rule in rules:  # the cheap proofs first
            rule.checks.sort(key=lambda c: ("scan", "edges", "regex").index(c.how))
        self._rules = rules
        # markers of invisible characters: once per page is enough
        self._markers: dict[int, bytes] = {}
        for marker in (*_INVISIBLE_BYTES, *_INVISIBLE_ENTITIES):
            self._markers[pattern_id((marker, False, False, False, True))] = marker
        self.patterns = len(patterns)
        self._scanner = self._make_scanner(patterns, engine)
        self.engine = self._scanner.name

    @staticmethod
    def _make_scanner(patterns: list[Pattern], engine: str) -> _HyperscanScanner | _AhoCorasickScanner:
        if engine not in ("auto", "hyperscan", "pyahocorasick"):
            raise ValueError(f"unknown pre-filter engine {engine!r}")
        if engine in ("auto", "hyperscan"):
            try:
                return _HyperscanScanner(patterns)
            except ImportError:
                if engine == "hyperscan":
                    raise
        return _AhoCorasickScanner(patterns)

    def match(self, payload: bytes) -> PrefilterHit | None:
        """The first vocabulary term ``payload`` holds as text, or None (the page can be skipped)."""
        if payload.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16_without_bom(payload):
            payload = _to_utf8(payload)
        invisible: set[bytes] = set()
        hit = self._match(payload, invisible)
        if hit is None and invisible:
            hit = self._match(_strip_invisible(payload, invisible), set())
        return hit

    def _match(self, payload: bytes, invisible: set[bytes]) -> PrefilterHit | None:
        found: list[PrefilterHit] = []
        rules = self._rules
        markers = self._markers
        first_marker = len(rules) - len(markers)
        page = _Page(payload)

        def on_match(pattern: int, end: int) -> bool:
            if pattern >= first_marker:
                invisible.add(markers[pattern])
                return False
            term = rules[pattern].prove(payload, end)
            if term is not None and page.in_text(end - 1):
                found.append(PrefilterHit(term.entry_id, term.kind, term.term, end))
                return True
            return False

        self._scanner.scan(payload, on_match)
        return found[0] if found else None


def _utf16_without_bom(data: bytes) -> bool:
    """NUL bytes on every other position: ASCII-heavy UTF-16 saved without a byte order mark."""
    head = data[:2048]
    if len(head) < 64 or b"\x00" not in head:
        return False
    even, odd = head[0::2], head[1::2]
    return (odd.count(0) > 0.3 * len(odd) and even.count(0) < 0.05 * len(even)) or (
        even.count(0) > 0.3 * len(even) and odd.count(0) < 0.05 * len(odd)
    )


def _to_utf8(data: bytes) -> bytes:
    """UTF-16 pages (rare) are re-encoded so that the byte scan sees their letters."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        codec = "utf-16"
    else:
        head = data[:2048]
        codec = "utf-16-le" if head[1::2].count(0) > head[0::2].count(0) else "utf-16-be"
    return data.decode(codec, errors="replace").encode("utf-8")
