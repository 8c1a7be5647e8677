"""What the comparison reads of one capture: manifest, findings and documents, indexed."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from vigipub.evidence import CapturedPage, CaptureManifest, Document, Finding, FindingsFile, PageAnalysis
from vigipub.evidence.compliance import CaptureLink, EvidencePointer, Side
from vigipub.evidence.document import MENU_TAG
from vigipub.evidence.findings import speaks_of_no_medicine
from vigipub.evidence.sites import registrable_domain

CLAIM_KINDS = ("claim", "testimonial")


@dataclass
class CaptureView:
    """One capture of the comparison (original, recheck, second exit or moved domain).

    ``documents`` are the extracted pages (HTTP bodies and rendered DOMs); ``evidence_dir``
    is where the manifest's relative paths (screenshots) point.
    """

    side: Side
    link: CaptureLink
    manifest: CaptureManifest
    findings: FindingsFile
    documents: list[Document]
    evidence_dir: Path
    _by_record: dict[str, PageAnalysis] = field(default_factory=dict, init=False, repr=False)
    _page_of_record: dict[str, CapturedPage] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        for analysis in self.findings.pages:
            if analysis.record is not None:
                self._by_record[analysis.record.record_id] = analysis
        for page in self.manifest.pages:
            self._page_of_record[page.record.record_id] = page
            if page.rendered is not None:
                self._page_of_record[page.rendered.record_id] = page

    def analysis(self, document: Document) -> PageAnalysis | None:
        return self._by_record.get(document.record.record_id) if document.record else None

    def page_of(self, document: Document) -> CapturedPage | None:
        return self._page_of_record.get(document.record.record_id) if document.record else None

    def documents_of(self, page: CapturedPage) -> list[Document]:
        """The documents of a captured page: rendered DOM first (what a visitor sees)."""
        ids = {page.record.record_id} | ({page.rendered.record_id} if page.rendered else set())
        docs = [d for d in self.documents if d.record is not None and d.record.record_id in ids]
        return sorted(docs, key=lambda d: d.source != "rendered")

    def claim_findings(self, document: Document) -> list[Finding]:
        analysis = self.analysis(document)
        if analysis is None:
            return []
        # a heading or a menu entry « Témoignages de patients » is the label of the stories, not
        # one: the decision never quotes it (qualify.quotes.substantive), nor does the comparison
        starts = [b.start for b in document.blocks]  # once per document, for every testimonial
        # what a page says of a product that is no medicine (its PRP, its hair transplants) is
        # none of the decision's business, before or after (the qualification set it aside)
        other_product = speaks_of_no_medicine(analysis)
        # an inferred claim (« à reconstituer avec 5 mL » read as a mechanism verb beside the
        # product), a menu entry or the provider's outcome told as a story is evidence for the
        # inspector, never a claim the decision quoted nor one the site still makes
        return [
            f
            for f in analysis.findings
            if f.kind in CLAIM_KINDS
            and "yes" not in (f.attributes.get("inferred"), f.attributes.get("menu"), f.attributes.get("third_person"))
            and not (f.kind == "testimonial" and _is_label(document, starts, f))
            and not other_product(f)
        ]

    def pointer(self, page: CapturedPage, quote: str | None = None) -> EvidencePointer:
        return EvidencePointer(
            side=self.side,
            url=page.final_url,
            record_id=page.record.record_id,
            payload_digest=page.record.payload_digest,
            status=page.status,
            quote=quote,
        )

    def in_scope(self, url: str) -> bool:
        return site_key(url) == self.manifest.scope


_LABEL_TAGS = frozenset({"title", "h1", "h2", "h3", "h4", "h5", "h6", "button", MENU_TAG})


def _is_label(document: Document, starts: list[int], finding: Finding) -> bool:
    """A finding of two words or fewer, or one in a heading, a button or a menu (``starts``: the
    document's block starts)."""
    if len(finding.quote.split()) <= 2:
        return True
    i = bisect_right(starts, finding.start) - 1
    return i >= 0 and document.blocks[i].tag in _LABEL_TAGS and document.blocks[i].end >= finding.end


def host_of(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def site_key(url: str) -> str:
    """The capture's scope value for a URL: registrable domain, or scheme://host:port for an
    IP address or a single-label host (as ``vigipub.capture`` computes it)."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return ""
    host = (parts.hostname or "").lower()
    if not host:
        return ""
    if "." not in host or host.replace(".", "").isdigit() or ":" in host:
        return f"{parts.scheme}://{host}:{port or (443 if parts.scheme == 'https' else 80)}"
    return registrable_domain(host)
