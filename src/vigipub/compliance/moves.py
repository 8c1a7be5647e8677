"""A move to another domain: the signals, and the leads reported for the new domain.

Signals read from the recheck: the start URL or an old page now redirects to another
domain; a page names another domain as its canonical address (``<link rel=canonical>``,
``og:url``, a meta refresh); a link announces the move in its text (« notre nouveau site »).
The pipeline captures each target (a few pages) so that the lead says whether the same
operator (legal notice) and the same claims are found there.
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass, field
from pathlib import Path

from vigipub.evidence import CapturedPage, Lead, LeadQuote, OperatorIdentity
from vigipub.evidence.compliance import ClaimCheck, ClaimStatus, EvidencePointer, MoveLead

from .inputs import CaptureView, site_key
from .text import normal

#: link texts that announce a move, accents folded by :func:`normal`
MOVE_WORDS = (
    "nouveau site", "nouvelle adresse", "demenag", "déménag", "notre site a change", "new website", "new site",
    "moved to", "we have moved", "new address", "neue website", "neue webseite", "umgezogen", "nuevo sitio",
    "nueva direccion", "nuovo sito", "nieuwe website",
)
_CANONICAL = re.compile(
    rb"""<link\b[^>]*\brel\s*=\s*["']?canonical["']?[^>]*>|<meta\b[^>]*\bproperty\s*=\s*["']og:url["'][^>]*>|"""
    rb"""<meta\b[^>]*http-equiv\s*=\s*["']?refresh["']?[^>]*>""",
    re.I,
)
_ATTR_URL = re.compile(rb"""(?:href|content)\s*=\s*["']([^"']+)["']""", re.I)


@dataclass
class MoveTarget:
    """A domain the site seems to have moved to, and why."""

    url: str
    domain: str
    signals: list[str] = field(default_factory=list)  # redirect | canonical | announced
    evidence: list[EvidencePointer] = field(default_factory=list)


def _read_record_body(warc: Path, offset: int, length: int, limit: int = 300_000) -> bytes:
    """The HTTP body (head of it) of one WARC record, addressed by offset and length."""
    from warcio.archiveiterator import ArchiveIterator  # type: ignore[import-untyped]

    with open(warc, "rb") as fh:
        fh.seek(offset)
        data = fh.read(length)
    try:
        for record in ArchiveIterator(_Bytes(data)):
            return bytes(record.content_stream().read(limit))
    except Exception:  # noqa: BLE001 - an unreadable record gives no signal; verify reports it
        return b""
    return b""


class _Bytes:
    def __init__(self, data: bytes) -> None:
        import io

        self._io = io.BytesIO(data)

    def read(self, n: int = -1) -> bytes:
        return self._io.read(n)


def canonical_urls(view: CaptureView, page: CapturedPage) -> list[str]:
    """``<link rel=canonical>``, ``og:url`` and meta-refresh targets of a captured page."""
    from urllib.parse import urljoin

    ref = page.rendered or page.record
    warc = view.evidence_dir / ref.warc_file
    if not warc.is_file():
        return []
    body = _read_record_body(warc, ref.offset, ref.length)
    if body[:2] == b"\x1f\x8b":
        try:
            body = gzip.decompress(body)
        except OSError:
            return []
    out = []
    for tag in _CANONICAL.findall(body):
        m = _ATTR_URL.search(tag)
        if not m:
            continue
        value = m.group(1).decode("utf-8", "replace").strip()
        if b"refresh" in tag.lower():
            value = value.split("url=", 1)[-1].split("URL=", 1)[-1].strip()
        if value:
            out.append(urljoin(page.final_url, value))
    return out


def move_targets(original: CaptureView, recheck: CaptureView) -> list[MoveTarget]:
    """Domains the recheck points to as the site's new home, strongest signal first."""
    home = original.manifest.scope or site_key(original.manifest.seed_url)
    targets: dict[str, MoveTarget] = {}

    def add(url: str, signal: str, pointer: EvidencePointer) -> None:
        domain = site_key(url)
        if not domain or domain == home:
            return
        target = targets.setdefault(domain, MoveTarget(url=url, domain=domain))
        if signal not in target.signals:
            target.signals.append(signal)
        if len(target.evidence) < 5:
            target.evidence.append(pointer)

    for page in recheck.manifest.pages:
        if site_key(page.url) == home and site_key(page.final_url) != home:
            add(page.final_url, "redirect", recheck.pointer(page))
        location = page.headers.get("location") or page.headers.get("Location")
        if 300 <= page.status < 400 and location and site_key(page.url) == home:
            from urllib.parse import urljoin

            add(urljoin(page.url, location), "redirect", recheck.pointer(page))
        if page.status < 300 and site_key(page.final_url) == home:
            for url in canonical_urls(recheck, page):
                add(url, "canonical", recheck.pointer(page, quote=f"canonical: {url}"))
    linked_before = {site_key(link.url) for d in original.documents for link in d.links}
    for document in recheck.documents:
        if site_key(document.url) != home:
            continue
        of = recheck.page_of(document)
        for link in document.links:
            domain = site_key(link.url)
            if domain == home or domain in linked_before:
                continue
            label = normal(link.text)
            if any(normal(word) in label for word in MOVE_WORDS) and of is not None:
                add(link.url, "announced", recheck.pointer(of, quote=link.text))
    rank = {"redirect": 0, "canonical": 1, "announced": 2}
    return sorted(targets.values(), key=lambda t: min(rank[s] for s in t.signals))


def same_operator(a: OperatorIdentity | None, b: OperatorIdentity | None) -> bool:
    if a is None or b is None:
        return False
    if a.name and b.name and normal(a.name) == normal(b.name):
        return True
    regs = {normal(r) for r in a.registrations} & {normal(r) for r in b.registrations}
    return bool(regs)


def leads(
    targets: list[MoveTarget],
    moved: dict[str, CaptureView],
    errors: dict[str, str],
    claims: list[ClaimCheck],
    original: CaptureView,
) -> list[MoveLead]:
    """One lead per move target: the signals, and what a capture of it found."""
    out = []
    for target in targets:
        view = moved.get(target.domain)
        found = [
            c for c in claims
            if c.status in (ClaimStatus.PRESENT, ClaimStatus.REWORDED) and c.match is not None
            and site_key(c.match.url) == target.domain
        ]
        quotes = [
            LeadQuote(quote=c.match.quote or "", url=c.match.url, kind=c.kind)
            for c in found[:10] if c.match is not None
        ]
        site = view.findings.site if view else None
        operator = same_operator(original.findings.operator, view.findings.operator) if view else False
        score = 0.5 + (0.2 if "redirect" in target.signals else 0.0) + (0.15 if operator else 0.0) + (0.15 if found else 0.0)
        signals = list(target.signals) + (["same_operator"] if operator else []) + (["same_claims"] if found else [])
        france = sorted({
            f.subkind for p in (view.findings.pages if view else []) for f in p.findings if f.kind == "france_targeting"
        })
        lead = Lead(
                url=view.manifest.seed_url if view else target.url,
                domain=target.domain,
                score=min(score, 1.0),
                verdict=site.verdict if site else "uncertain",
                pages_flagged=sum(1 for p in view.findings.pages if p.verdict == "promotion") if view else 0,
                pages_seen=len(view.findings.pages) if view else 0,
                therapies=sorted({
                    f.attributes.get("family") or f.subkind
                    for p in (view.findings.pages if view else []) for f in p.findings if f.kind == "therapy"
                }),
                languages=sorted({p.language for p in (view.findings.pages if view else []) if p.language}),
                france_targeting=bool(france),
                france_signals=france,
                quotes=quotes,
                first_seen=view.manifest.started_at if view else None,
                last_seen=view.manifest.started_at if view else None,
                source="recheck",
        )
        out.append(MoveLead(lead=lead, signals=signals, evidence=target.evidence, capture_error=errors.get(target.domain)))
    return out

