"""The detector's fast paths give exactly what the straightforward code gives.

Each fast path (per-language automata, the sentence-end regex, direct Finding construction,
the host-suffix lookup) is checked against a plain reference implementation kept here, on
random text mixing lexicon terms, odd characters and blocks of several languages.
"""

from __future__ import annotations

import bisect
import dataclasses
import random
import re
from typing import Any

import ahocorasick  # type: ignore[import-not-found]
import pytest
from pydantic import ValidationError

from vigipub.detect import Detector, fold, load_lexicon
from vigipub.detect import lexicon as lexicon_mod
from vigipub.detect import sentences as sentences_mod
from vigipub.detect._fast import _OK, make_finding
from vigipub.detect.lexicon import LANGUAGES, Lexicon, needs_boundary
from vigipub.detect.sentences import MAX_SENTENCE, SentenceIndex
from vigipub.evidence.document import Block, Document
from vigipub.evidence.findings import Finding

# -- reference implementations (the code before the fast paths) ---------------------------
_REFERENCE: dict[int, tuple[Lexicon, Any]] = {}


def _reference_automaton(lexicon: Lexicon) -> Any:
    """The original automaton: every term, (length, entry indices); built once per lexicon."""
    kept = _REFERENCE.get(id(lexicon))
    if kept is not None and kept[0] is lexicon:
        return kept[1]
    automaton = ahocorasick.Automaton()
    for key, indices in lexicon.table.items():
        automaton.add_word(key, (len(key), indices))
    automaton.make_automaton()
    _REFERENCE[id(lexicon)] = (lexicon, automaton)
    return automaton


def reference_matches(det: Detector, doc: Document, folded: str) -> list[tuple[int, int, int]]:
    """One automaton over every entry, boundary and language checks per raw match."""
    lexicon = det.lexicon
    automaton = _reference_automaton(lexicon)
    text, n = doc.text, len(folded)
    page_lang = doc.language if doc.language in LANGUAGES else None
    # a long page in a language without a lexicon: its blocks of no supported language
    # accept only language-independent entries (Detector._matches)
    foreign = doc.language == "other" and len(text) >= 400
    starts = [b.start for b in doc.blocks]
    out: list[tuple[int, int, int]] = []
    for end_i, (klen, idxs) in automaton.iter(folded):
        start = end_i - klen + 1
        # a term in a script without spaces (Chinese, Japanese, Thai, Korean) has no boundary
        if start > 0 and needs_boundary(folded[start]) and folded[start - 1].isalnum():
            continue
        end = end_i + 1
        right_word = end >= n or not needs_boundary(folded[end_i]) or not folded[end].isalnum()
        block_lang = None
        if doc.blocks:
            bi = bisect.bisect_right(starts, start) - 1
            block_lang = doc.blocks[bi if bi > 0 else 0].language
        lang = block_lang if block_lang in LANGUAGES else page_lang
        for idx in idxs:
            e = lexicon.entries[idx]
            if not right_word and not e.prefix:
                continue
            if e.case_sensitive and text[start:end] not in e.terms:
                continue
            if not e.any_language and lang is not None and e.language != lang and e.language != page_lang:
                continue
            if foreign and lang is None and not e.any_language:
                continue
            out.append((start, end, idx))
    # `with` entries whose other words are not in the sentence, and `with_kind` entries whose
    # paragraph (or the one before) holds no match of that kind, are dropped before nesting
    sidx = SentenceIndex(doc)

    def block(pos: int) -> int:
        return max(bisect.bisect_right(starts, pos) - 1, 0)

    kept = []
    for start, end, idx in out:
        entry = lexicon.entries[idx]
        if entry.together:
            s, e = sidx.sentence(start, end)
            if not entry.accepts_sentence(folded[s:e]):
                continue
        if entry.with_kind:
            near = {block(start), block(start) - 1}
            if not any(lexicon.entries[i].kind == entry.with_kind and block(a) in near for a, _b, i in out):
                continue
        kept.append((start, end, idx))
    # claim words that name a clinic or a brand go before nesting (the same step as the detector's)
    return det._drop_nested(det._drop_proper_names(kept, text, sidx) if kept else kept)


_REF_END = re.compile(r"[.!?…]+(?:[ \u00a0\u202f]»)?[\"'»”’)\]]*(?:\s+|$)|[。！？][。！？!?]*[」』”’)）]*\s*|\n+|\s+[•·|]\s+")


def reference_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentence split of one block, on a slice, with the plain sentence-end regex."""
    chunk = text[start:end]
    out: list[tuple[int, int]] = []
    pos = 0
    size = len(chunk)
    for m in _REF_END.finditer(chunk):
        cut = m.end()
        at = m.start()
        if chunk[at] == ".":
            head = chunk[pos:at].rsplit(None, 1)
            last = head[-1].lower().rstrip(".") if head else ""
            if last in sentences_mod._ABBREV or (len(last) == 1 and last.isalpha()):
                continue
            if last.isdigit() and cut < size and chunk[cut].isdigit():
                continue
        stop = at + len(m.group().rstrip())
        out.append((pos, stop - 1 if chunk[stop - 1] in "•·|" else stop))
        pos = cut
    if pos < len(chunk):
        out.append((pos, len(chunk)))
    result = []
    for s, e in out:
        while s < e and chunk[s].isspace():
            s += 1
        while e > s and chunk[e - 1].isspace():
            e -= 1
        if e > s:
            result.append((start + s, start + e))
    return result


def reference_sentence(text: str, spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    starts = [s for s, _ in spans]
    bi = max(bisect.bisect_right(starts, start) - 1, 0)
    b_start, b_end = spans[bi]
    sents = reference_sentences(text, b_start, b_end)
    span = (b_start, b_end)
    i = bisect.bisect_right([s for s, _ in sents], start) - 1
    if i >= 0 and (start < sents[i][1] or end <= sents[i][1]):
        span = sents[i]
    s, e = span
    if e < end:
        e = min(max(end, e), b_end) if end <= b_end else end
    if e - s > MAX_SENTENCE:
        return SentenceIndex._clause(_Probe(text), s, e, start, end)  # type: ignore[arg-type]
    return s, e


@dataclasses.dataclass
class _Probe:
    text: str


# -- random pages --------------------------------------------------------------------------
_NOISE = [
    " ",
    "  ",
    "\n",
    ". ",
    "! ",
    "? ",
    "… ",
    "。",
    ".\u00a0",
    '." ',
    "» ",
    " • ",
    " | ",
    " · ",
    ", ",
    "; ",
    "-",
    "'",
    "’",
    "Dr. ",
    "z.B. ",
    "3.5 ",
    "12. ",
    "İ",
    "ß",
    "œ",
    "\u3000",
    "\u2029",
    "Ǣ",
    "🧬",
    "ﬁ",
    "x",
    "ab",
    "E",
]


def _random_page(rng: random.Random, lexicon: Lexicon, terms: list[str]) -> Document:
    parts: list[str] = []
    for _ in range(rng.randint(1, 60)):
        r = rng.random()
        if r < 0.45:
            term = rng.choice(terms)
            parts.append(
                rng.choice([term, term.upper(), term.capitalize(), term[:-1], "x" + term, term + "en"])
            )
        else:
            parts.append(rng.choice(_NOISE))
    text = "".join(parts)
    cuts = sorted({0, len(text), *(rng.randrange(len(text) + 1) for _ in range(rng.randint(0, 6)))})
    block_langs = [*LANGUAGES, None, "other"]
    blocks = [
        Block(start=s, end=e, tag="p", language=rng.choice(block_langs))
        for s, e in zip(cuts, cuts[1:], strict=False)
        if e > s
    ]
    if rng.random() < 0.3:  # one language for the whole page: the exact, unchecked path
        one = rng.choice(block_langs)
        blocks = [b._replace(language=one) for b in blocks]
    if rng.random() < 0.15:
        blocks = []
    return Document(
        url="https://fuzz.example/p",
        text=text,
        blocks=blocks,
        language=rng.choice([*LANGUAGES, None, "other"]),
    )


@pytest.fixture(scope="module")
def detector() -> Detector:
    return Detector.default()


@pytest.fixture(scope="module")
def terms(detector: Detector) -> list[str]:
    return sorted({t for e in detector.entries for t in e.terms})


def test_language_automata_accept_exactly_the_reference_matches(detector: Detector, terms: list[str]) -> None:
    rng = random.Random(20260522)
    for _ in range(400):
        doc = _random_page(rng, detector.lexicon, terms)
        folded = fold(doc.text)
        block_langs = {b.language for b in doc.blocks}
        got = detector._matches(doc, folded, SentenceIndex(doc), block_langs)
        assert got == reference_matches(detector, doc, folded), doc


def test_a_page_of_one_language_scans_a_smaller_automaton() -> None:
    lexicon = load_lexicon()
    full, exact = lexicon.scanner(None)
    assert exact
    german, exact = lexicon.scanner(frozenset({"de"}))
    assert exact and german is not full
    assert len(german) < len(full)
    assert lexicon.scanner(frozenset({"de"}))[0] is german  # kept
    assert lexicon.scanner(frozenset(LANGUAGES))[0] is full


def test_scanner_cache_is_bounded_and_falls_back_to_all_entries(
    terms: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lexicon_mod, "MAX_SUBSET_AUTOMATA", 4)
    lexicon = load_lexicon()
    full, _ = lexicon.scanner(None)
    subsets = [frozenset({a, b}) for a in LANGUAGES for b in LANGUAGES if a < b]
    for subset in subsets:
        lexicon.scanner(subset)
    assert len(lexicon._scanners) == 4
    assert lexicon.scanner(subsets[-1]) == (full, False)
    assert lexicon.scanner(frozenset({"de"}))[0] is full  # not kept: all entries, checked per match
    other = load_lexicon()
    assert other.scanner(frozenset({"de", "en", "fr"})) == (other.scanner(None)[0], False)  # many languages
    det = Detector(lexicon, Detector.default().model)
    rng = random.Random(7)
    for _ in range(200):  # the fallback (full automaton) accepts the same matches
        doc = _random_page(rng, lexicon, terms)
        doc = doc.model_copy(update={"blocks": [b._replace(language="de") for b in doc.blocks]})
        folded = fold(doc.text)
        got = det._matches(doc, folded, SentenceIndex(doc), {b.language for b in doc.blocks})
        assert got == reference_matches(det, doc, folded)


def test_a_language_without_terms_gives_no_matches_and_no_error() -> None:
    lexicon = load_lexicon(languages=("fr",))
    fr_only = dataclasses.replace(lexicon, table={})  # a fresh lexicon: no automaton kept
    assert fr_only.scanner(frozenset({"de"})) == (None, True)
    det = Detector(fr_only, Detector.default().model)
    doc = Document(url="https://x.example/", text="Stammzellen heilen alles.", language="de")
    assert det._matches(doc, fold(doc.text), SentenceIndex(doc), set()) == []
    assert det.analyze(doc).verdict != "promotion"


def test_sentence_end_regex_is_the_plain_one() -> None:
    rng = random.Random(3)
    alphabet = list(".!?…。！？」）\"'»”’)]\n \t\u00a0\u2029\u3000•·|ab1干")
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 16)))
        pos = rng.randint(0, len(text))
        endpos = rng.randint(pos, len(text))
        expected = [m.span() for m in _REF_END.finditer(text, pos, endpos)]
        assert [m.span() for m in sentences_mod._END.finditer(text, pos, endpos)] == expected, text


def test_sentence_spans_are_the_reference_ones(detector: Detector, terms: list[str]) -> None:
    rng = random.Random(11)
    for _ in range(300):
        doc = _random_page(rng, detector.lexicon, terms)
        sidx = SentenceIndex(doc)
        spans = [(b.start, b.end) for b in doc.blocks] or [(0, len(doc.text))]
        for _ in range(10):
            start = rng.randrange(len(doc.text) + 1)
            end = min(len(doc.text), start + rng.randint(0, 30))
            assert sidx.sentence(start, end) == reference_sentence(doc.text, spans, start, end)
        for bi, (s, e) in enumerate(spans):
            assert sidx._sentences(bi) == reference_sentences(doc.text, s, e)


def test_fast_findings_are_the_model_construct_ones() -> None:
    assert _OK, "the fast path should be active with the pinned pydantic"
    values: dict[str, Any] = {
        "id": "k:claim:3-9:e",
        "kind": "claim",
        "subkind": "cure",
        "quote": "Heals.",
        "start": 3,
        "end": 9,
        "match": "Heals",
        "language": None,
        "confidence": 0.4,
        "url": "https://x.example/",
        "record_id": "<urn:uuid:1>",
        "payload_digest": "sha1:X",
        "entry_ids": ["en.claim.cure"],
        "attributes": {"reported": "yes", "weight": "1"},
    }
    fast = make_finding(dict(values))
    ref = Finding.model_construct(**values)
    assert fast == ref
    assert fast.model_dump_json() == ref.model_dump_json()
    assert fast.model_fields_set == ref.model_fields_set
    assert list(fast.__dict__) == list(Finding.model_fields)
    with pytest.raises(ValidationError):  # still frozen
        fast.start = 0  # type: ignore[misc]


def test_detector_findings_keep_the_field_order(detector: Detector) -> None:
    doc = Document(
        url="https://clinic.example/",
        text="Our stem cell therapy cures autism in 90% of children. Call us for the price: 5000 €.",
        language="en",
    )
    analysis = detector.analyze(doc)
    assert analysis.findings
    for f in analysis.findings:
        assert list(f.__dict__) == list(Finding.model_fields)
        assert Finding.model_validate(f.model_dump()) == f


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("a.b.example", "first"),  # both b.example (listed first) and example match
        ("b.example", "first"),
        ("x.example", "second"),
        ("example", "second"),
        ("ab.example", "second"),  # not a suffix at a dot
        ("b.example.org", None),
        ("", None),
    ],
)
def test_genre_host_is_the_first_listed_matching_suffix(
    detector: Detector, host: str, expected: str | None
) -> None:
    hosts = {"b.example": "news", "example": "science", "other.test": "clinic"}
    det = Detector(dataclasses.replace(detector.lexicon, genre_hosts=hosts), detector.model)
    doc = Document(url=f"https://{host}/page" if host else "file:///page", text="Hello there.", language="en")
    genres = [f.entry_ids[0] for f in det.analyze(doc).findings if f.kind == "genre"]
    want = {"first": ["host.news"], "second": ["host.science"], None: []}[expected]
    assert genres == want


@pytest.mark.parametrize("seed", range(20))
def test_signatures_found_by_their_start_are_the_pattern_s_matches(seed: int) -> None:
    """patterns.signatures() looks for a quotation mark or a line break before a dash, then tries
    the signature there: the same matches as the pattern tried at every character."""
    from vigipub.detect import patterns

    rng = random.Random(seed)
    pieces = [
        "« J'ai retrouvé la forme. »", "“I walk again.”", "„Es geht mir besser.“", '"Merci"', "»", "\n", " ",
        "\t", "—", "–", "-", " — Gérard, 71 ans, Lyon", "- Mary K., 54, Ohio", " – Jonas, 8 Jahre",
        "– Autisme", "Marie", ", ", "42 ans", "(Paris)", ".", "anti-CD19", "texte ordinaire",
    ]  # fmt: skip
    for _ in range(50):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        expected = [(m.start(), m.end()) for m in patterns.SIGNATURE.finditer(text)]
        assert [(m.start(), m.end()) for m in patterns.signatures(text)] == expected, repr(text)


def test_percent_search_skipped_only_where_it_cannot_match() -> None:
    from vigipub.detect import patterns

    rng = random.Random(11)
    words = [
        "50 %", "%30", "30%", "percent", "per cent", "POUR CENT", "pourcent", "por ciento", "POR CIENTO",
        "percento", "per cento", "Prozent", "procent", "por cento", "YÜZDE 40", "yüzde40", "cıento", "Kelvin",
        "İ", "ſ", "recent", "centre", "momento", "zentral", "sieben", "zehn", "deux", "une", "guérison",
        "dos", "of", "in", "fünfzig", "9", "99,5", "1.5", " ", "-", "neun", "Σ", "cent", "ENTO",
    ]
    for _ in range(20_000):
        sentence = " ".join(rng.choice(words) for _ in range(rng.randint(0, 6)))
        expected = patterns.PERCENT.search(sentence)
        got = patterns._percent(sentence)
        assert (got and (got.span(), got.group())) == (expected and (expected.span(), expected.group())), sentence
