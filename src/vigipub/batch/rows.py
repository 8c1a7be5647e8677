"""The per-record function of triage: one raw WARC record -> one row of the result.

Both engines (the local process pool and Spark) run :meth:`Triager.rows` on each WARC file, so
they give the same rows. A record goes through two tiers: the raw-byte pre-filter
(:mod:`vigipub.batch.prefilter`), then, if it holds a term of the vocabulary (or is a PDF),
the same extraction and detection as any page (``vigipub.pipeline.analyze_payload``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any
from urllib.parse import urlsplit

import pyarrow as pa  # type: ignore[import-untyped]

from vigipub.evidence import PageAnalysis, RecordRef
from vigipub.evidence.sites import registrable_domain

from .prefilter import Prefilter, VocabularyTerm
from .records import RawRecord, RecordStats, iter_records

#: pre-filter vocabularies: which lexicon kinds a page must name to be analysed
PREFILTER_KINDS: dict[str, tuple[str, ...]] = {
    "therapy": ("therapy",),
    "therapy-or-disease": ("therapy", "disease"),
}
#: claims (with their quotes) kept per page, strongest first
TOP_CLAIMS = 3
#: characters of a quote kept in a row
QUOTE_CHARS = 400
FLAGGED = ("promotion", "uncertain")

CLAIM = pa.struct([("kind", pa.string()), ("subkind", pa.string()), ("quote", pa.string())])
#: one row per HTML or PDF response of the inputs
PAGES_SCHEMA = pa.schema(
    [
        ("url", pa.string()),
        ("host", pa.string()),
        ("domain", pa.string()),  # registrable domain (public suffix + 1)
        ("capture_date", pa.timestamp("us", tz="UTC")),
        ("warc_file", pa.string()),  # the input as given (path or URL)
        ("offset", pa.int64()),
        ("length", pa.int64()),
        ("record_id", pa.string()),
        ("content_type", pa.string()),
        ("payload_bytes", pa.int64()),
        ("tier", pa.string()),  # prefilter: discarded on its raw bytes | detection: analysed
        ("prefilter_term", pa.string()),  # the lexicon term that sent it to detection
        ("language", pa.string()),
        ("verdict", pa.string()),  # promotion | uncertain | not_promotion (null: not analysed)
        ("score", pa.float64()),
        ("genre", pa.string()),
        ("title", pa.string()),
        ("france_targeting", pa.bool_()),
        ("france_signals", pa.list_(pa.string())),
        ("therapies", pa.list_(pa.string())),  # therapy family ids
        ("diseases", pa.list_(pa.string())),  # disease ids of the lexicon
        ("claims", pa.list_(CLAIM)),
    ]
)
COLUMNS = tuple(PAGES_SCHEMA.names)


def _split(url: str) -> tuple[str, str]:
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        host = ""
    return host, registrable_domain(host)


def _clean_quote(text: str) -> str:
    quote = " ".join(text.split())
    return quote if len(quote) <= QUOTE_CHARS else quote[: QUOTE_CHARS - 1] + "…"


def top_claims(analysis: PageAnalysis, limit: int = TOP_CLAIMS) -> list[dict[str, str]]:
    """The page's strongest claims, testimonials and calls to action, with their quotes:
    its own voice before reported or inferred ones, then by confidence and position."""
    order = {"claim": 0, "testimonial": 1, "call_to_action": 2}
    findings = sorted(
        (f for f in analysis.findings if f.kind in order and f.quote.strip()),
        key=lambda f: (
            f.attributes.get("reported") == "yes" or f.attributes.get("inferred") == "yes",
            order[f.kind],
            -f.confidence,
            f.start,
        ),
    )
    out: list[dict[str, str]] = []
    seen: set[str] = set()
    for f in findings:
        quote = _clean_quote(f.quote)
        if quote in seen:
            continue
        seen.add(quote)
        out.append({"kind": f.kind, "subkind": f.subkind, "quote": quote})
        if len(out) >= limit:
            break
    return out


class Triager:
    """The pre-filter and the detection of one process, built once and reused."""

    def __init__(self, prefilter: str = "therapy", engine: str = "auto") -> None:
        from vigipub import pipeline

        if prefilter not in PREFILTER_KINDS and prefilter != "off":
            raise ValueError(f"unknown pre-filter {prefilter!r}")
        self.prefilter_name = prefilter
        self.engine = engine
        self.producer = pipeline.warm_up_detection()
        self.prefilter: Prefilter | None = None
        if prefilter != "off":
            terms = [VocabularyTerm(*row) for row in pipeline.triage_vocabulary(PREFILTER_KINDS[prefilter])]
            self.prefilter = Prefilter(terms, pipeline.fold_text, engine=engine)
        self._analyze = pipeline.analyze_payload

    def row(self, record: RawRecord, warc_file: str) -> dict[str, Any]:
        """The row of one record: the per-record function both engines run."""
        if record.kind != "pdf" and self.prefilter is not None:
            hit = self.prefilter.match(record.payload)
            if hit is None:
                return record_row(record, warc_file)
            row, _analysis = self.judged(record, warc_file)
            row["prefilter_term"] = hit.term
            return row
        return self.judged(record, warc_file)[0]

    def judged(self, record: RawRecord, warc_file: str) -> tuple[dict[str, Any], PageAnalysis]:
        """The row of a record that passed the pre-filter (or of every record, without one),
        with the analysis it was filled from (``vigipub bench`` counts its findings)."""
        analysis = self.analyse(record, warc_file)
        row = record_row(record, warc_file)
        row.update(analysis_fields(analysis), tier="detection")
        return row, analysis

    def analyse(self, record: RawRecord, warc_file: str) -> PageAnalysis:
        """The full extraction and detection of one record (no pre-filter)."""
        return analyse_raw(record, warc_file, self._analyze)

    def rows(self, stream: IO[bytes], warc_file: str, stats: RecordStats) -> Iterator[dict[str, Any]]:
        """Rows of every HTML/PDF response of one WARC stream (raises CorruptInput at damage)."""
        for record in iter_records(stream, warc_file, stats):
            yield self.row(record, warc_file)


def record_row(record: RawRecord, warc_file: str) -> dict[str, Any]:
    """A record's row before any analysis: its address and what its WARC headers say."""
    host, domain = _split(record.url)
    return {
        "url": record.url,
        "host": host,
        "domain": domain,
        "capture_date": record.captured_at,
        "warc_file": warc_file,
        "offset": record.offset,
        "length": record.length,
        "record_id": record.record_id,
        "content_type": record.content_type,
        "payload_bytes": record.payload_size,
        "tier": "prefilter",
        "prefilter_term": None,
        "language": None,
        "verdict": None,
        "score": None,
        "genre": None,
        "title": None,
        "france_targeting": None,
        "france_signals": [],
        "therapies": [],
        "diseases": [],
        "claims": [],
    }


def analyse_raw(record: RawRecord, warc_file: str, analyze: Any = None) -> PageAnalysis:
    """Extraction and detection of one raw record, with its address as the evidence reference."""
    if analyze is None:
        from vigipub import pipeline

        analyze = pipeline.analyze_payload
    ref = RecordRef.model_construct(
        warc_file=warc_file,
        offset=record.offset,
        length=record.length,
        record_id=record.record_id,
        record_type="response",
        target_uri=record.url,
        payload_digest="",
        captured_at=record.captured_at,
    )
    result: PageAnalysis = analyze(
        record.payload, record.url, content_type=record.content_type, record=ref, pdf=record.kind == "pdf"
    )
    return result


def analysis_fields(analysis: PageAnalysis) -> dict[str, Any]:
    """What a row says of a page's analysis: verdict, score, therapies, top claims…"""
    france = sorted({f.subkind for f in analysis.findings if f.kind == "france_targeting"})
    return {
        "language": analysis.language,
        "verdict": analysis.verdict,
        "score": float(analysis.score),
        "genre": analysis.genre,
        "title": (analysis.title or "")[:300] or None,
        "france_targeting": bool(france),
        "france_signals": france,
        "therapies": sorted({f.subkind for f in analysis.findings if f.names_a_product}),
        "diseases": sorted({f.subkind for f in analysis.findings if f.kind == "disease"}),
        "claims": top_claims(analysis),
    }


def rows_to_table(rows: list[dict[str, Any]]) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=PAGES_SCHEMA)
