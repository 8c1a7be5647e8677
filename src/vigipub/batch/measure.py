"""What the pre-filter loses: every page through the full detection and through the pre-filter.

For each source (a WARC file, a folder of labelled pages), every HTML page is analysed by the
full detection and tested by the pre-filter. Reported per source and grouped by host (pages of
one site are not independent):

- pages discarded by the pre-filter (its share is the work it saves);
- flagged pages lost: the detection calls them promotion or uncertain, the pre-filter
  discarded them (what the pre-filter must never do; pages the detection calls uncertain only
  because they hold too little text, without a therapy, are counted apart);
- term pages missed: the detection finds a term of the pre-filter's vocabulary on them
  (a therapy, or a disease with ``therapy-or-disease``), the pre-filter discarded them.

Real pages of ``../shared/corpus-real/`` are excerpts of text: each is wrapped as an HTML page
(its paragraphs escaped) with its language and URL, as a crawler would store it.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .errors import TriageInputError
from .records import RecordStats, iter_records
from .rows import FLAGGED, PREFILTER_KINDS, Triager


@dataclass(frozen=True)
class Page:
    source: str
    url: str
    payload: bytes
    content_type: str | None = "text/html; charset=utf-8"


@dataclass
class SourceLoss:
    source: str
    pages: int = 0
    discarded: int = 0
    flagged: int = 0
    flagged_lost: int = 0
    flagged_lost_without_therapy: int = 0
    term_pages: int = 0
    term_missed: int = 0
    hosts: set[str] = field(default_factory=set)
    hosts_with_loss: set[str] = field(default_factory=set)
    examples: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "pages": self.pages,
            "hosts": len(self.hosts),
            "discarded": self.discarded,
            "discarded_share": round(self.discarded / self.pages, 4) if self.pages else 0.0,
            "flagged": self.flagged,
            "flagged_lost": self.flagged_lost,
            "flagged_lost_without_therapy": self.flagged_lost_without_therapy,
            "term_pages": self.term_pages,
            "term_missed": self.term_missed,
            "hosts_with_loss": sorted(self.hosts_with_loss),
            "examples": self.examples[:10],
        }


def warc_pages(path: Path) -> Iterator[Page]:
    with open(path, "rb") as fh:
        for record in iter_records(fh, str(path), RecordStats()):
            if record.kind == "html":
                yield Page(path.name, record.url, record.payload, record.content_type)


def corpus_real_pages(folder: Path) -> Iterator[Page]:
    """Each excerpt of ``corpus-real/*.jsonl`` wrapped as an HTML page (in place, never copied)."""
    files = sorted(folder.glob("*.jsonl"))
    if not files:
        raise TriageInputError("no *.jsonl file (expected ../shared/corpus-real)", where=str(folder))
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            item = json.loads(line)
            paragraphs = "".join(f"<p>{html.escape(p)}</p>\n" for p in item["text"].split("\n") if p.strip())
            page = (
                f'<!doctype html><html lang="{html.escape(item.get("lang", ""))}"><head><meta charset="utf-8">'
                f"<title></title></head><body>\n{paragraphs}</body></html>"
            )
            yield Page(
                "corpus-real", item.get("url") or f"https://corpus-real.invalid/{item['id']}", page.encode()
            )


def repo_corpus_pages(folder: Path) -> Iterator[Page]:
    """The project's own labelled pages (``corpus/pages/<lang>/*.html``)."""
    for path in sorted(folder.glob("pages/*/*.html")):
        yield Page("corpus", f"https://{path.stem}.corpus.invalid/", path.read_bytes())


def measure(pages: Iterable[Page], prefilter: str = "therapy", engine: str = "auto") -> list[SourceLoss]:
    """The loss of the pre-filter ``prefilter`` against the full detection, per source."""
    from vigipub import pipeline

    triager = Triager(prefilter, engine)
    assert triager.prefilter is not None
    kinds = set(PREFILTER_KINDS[prefilter])
    out: dict[str, SourceLoss] = {}
    for page in pages:
        loss = out.setdefault(page.source, SourceLoss(page.source))
        host = (urlsplit(page.url).hostname or "").lower()
        analysis = pipeline.analyze_payload(
            page.payload, page.url, content_type=page.content_type, record=None
        )
        kept = triager.prefilter.match(page.payload) is not None
        flagged = analysis.verdict in FLAGGED
        therapy = any(f.kind == "therapy" for f in analysis.findings)
        term = any(f.kind in kinds for f in analysis.findings)
        loss.pages += 1
        loss.hosts.add(host)
        loss.discarded += not kept
        loss.flagged += flagged
        loss.term_pages += term
        if kept:
            continue
        if term:
            loss.term_missed += 1
            loss.hosts_with_loss.add(host)
        if flagged:
            loss.flagged_lost += 1
            loss.flagged_lost_without_therapy += not therapy
            if therapy:
                loss.hosts_with_loss.add(host)
        if term or (flagged and therapy):
            terms = sorted({f.match or f.quote[:40] for f in analysis.findings if f.kind in kinds})[:5]
            loss.examples.append({"url": page.url, "verdict": analysis.verdict, "terms": terms})
    return list(out.values())
