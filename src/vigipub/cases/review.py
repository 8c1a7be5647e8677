"""Evidence review: the text of a page cut into highlighted segments, and review decisions
exported as labelled pages in the format of the real-page corpus (``corpus-real/README.md``).

The export lets the detector learn from the inspectors' corrections: one JSON object per
reviewed page with the corpus's fields (``id, url, lang, label, category, therapy,
diseases, claims, targets_france, text, note``); ``claims`` are the verbatim quotes the
reviewers accepted, each a substring of ``text``; ``note`` says who reviewed what.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from vigipub.evidence.casework import ReviewDecision
from vigipub.evidence.vocabulary import THERAPY_FAMILIES

#: kinds whose accepted quotes are the page's claims in the corpus sense
CLAIM_KINDS = frozenset({"claim", "testimonial", "call_to_action", "travel"})
#: the corpus keeps "the beginning of the page as stored, up to about 2,000 characters"
TEXT_CHARS = 2_000
MAX_TEXT_CHARS = 20_000
MAX_CLAIMS = 6


@dataclass(frozen=True)
class Span:
    """A finding's place in the text (``text[start:end]``)."""

    key: str  # what the segment links to (a finding's database id)
    start: int
    end: int
    kind: str
    decision: str = ReviewDecision.PENDING


@dataclass
class Segment:
    """A run of text covered by the same findings (none: plain text)."""

    text: str
    start: int
    spans: list[Span] = field(default_factory=list)

    @property
    def kinds(self) -> list[str]:
        return sorted({s.kind for s in self.spans})

    @property
    def decision(self) -> str:
        """accepted when any covering finding is accepted, else pending, else rejected."""
        decisions = {s.decision for s in self.spans}
        for d in (ReviewDecision.ACCEPTED, ReviewDecision.PENDING, ReviewDecision.REJECTED):
            if d in decisions:
                return str(d)
        return ""


def segments(text: str, spans: Iterable[Span]) -> list[Segment]:
    """Cut ``text`` at every span boundary; each segment lists the spans covering it.

    Spans may overlap or nest (several findings on one sentence); spans outside the text are
    clipped, empty ones ignored.
    """
    valid = [s for s in spans if 0 <= s.start < s.end and s.start < len(text)]
    cuts = {0, len(text)}
    for s in valid:
        cuts.add(s.start)
        cuts.add(min(s.end, len(text)))
    bounds = sorted(cuts)
    out: list[Segment] = []
    by_start = sorted(valid, key=lambda s: s.start)
    active: list[Span] = []
    i = 0
    for a, b in zip(bounds, bounds[1:], strict=False):
        while i < len(by_start) and by_start[i].start <= a:
            active.append(by_start[i])
            i += 1
        active = [s for s in active if s.end > a]
        covering = [s for s in active if s.start <= a and s.end >= b]
        seg = Segment(text[a:b], a, covering)
        if out and not out[-1].spans and not covering:
            out[-1].text += seg.text
        else:
            out.append(seg)
    return out


# --------------------------------------------------------------------------- labelled export


@dataclass(frozen=True)
class ReviewedFinding:
    kind: str
    subkind: str
    quote: str
    start: int
    end: int
    decision: str
    reviewer: str = ""
    comment: str = ""
    attributes: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ReviewedPage:
    """What the export needs of one page and its reviews."""

    id: str  # stable: "<case ref>-p<page id>"
    url: str
    language: str | None
    text: str
    genre: str
    verdict: str  # recomputed from the accepted findings
    findings: Sequence[ReviewedFinding]
    label: str | None = None  # a reviewer's explicit page label, overriding the verdict
    reviewers: Sequence[str] = ()
    reviewed_at: datetime | None = None
    case: str = ""


_CATEGORY = {
    "dendritic_cells": "dendritic_cell_clinic",
    "cancer_vaccine": "dendritic_cell_clinic",
    "exosomes": "exosome_clinic",
    "secretome": "exosome_clinic",
    "gene_therapy": "gene_therapy_company",
}
_STEM = {
    "stem_cells", "mesenchymal_stem_cells", "umbilical_cord_cells", "bone_marrow_cells",
    "adipose_cells", "placental_cells", "embryonic_stem_cells",
}
_GENRE_CATEGORY = {
    "news": "news_report",
    "regulator": "regulator_warning",
    "science": "science_explainer",
    "encyclopedia": "science_explainer",
    "clinical_trial": "clinical_trial",
    "authorised_medicine_info": "authorised_atmp",
    "patient_association": "patient_association",
}


def _families(findings: Iterable[ReviewedFinding]) -> list[str]:
    seen: list[str] = []
    for f in findings:
        if f.kind == "therapy":
            family = f.attributes.get("family") or f.subkind
            if family not in seen:
                seen.append(family)
    return seen


def category(label: str, genre: str, families: Sequence[str]) -> str:
    """The corpus category of a reviewed page (clinic kind, broker, or hard-negative kind)."""
    if label == "promotion":
        if genre == "broker":
            return "medical_tourism_broker"
        if genre not in ("clinic", "unknown"):
            return "promotional_content"
        first = families[0] if families else ""
        if first in _CATEGORY:
            return _CATEGORY[first]
        return "stem_cell_clinic" if first in _STEM else "cell_therapy_clinic"
    return _GENRE_CATEGORY.get(genre, "borderline" if families else "unrelated_medical")


def _text_window(text: str, claims: Sequence[tuple[int, int]]) -> str:
    """The beginning of the page, long enough for every exported claim to be in it."""
    end = max([TEXT_CHARS, *(e for _, e in claims)])
    return text[: min(end, MAX_TEXT_CHARS)]


def labelled_page(page: ReviewedPage) -> dict[str, Any] | None:
    """The corpus record of a reviewed page, or None while nothing on it is reviewed."""
    reviewed = [f for f in page.findings if f.decision != ReviewDecision.PENDING]
    if not reviewed and page.label is None:
        return None
    accepted = [f for f in page.findings if f.decision == ReviewDecision.ACCEPTED]
    rejected = [f for f in page.findings if f.decision == ReviewDecision.REJECTED]
    label = page.label or ("promotion" if page.verdict == "promotion" else "not_promotion")
    families = _families(accepted)
    claim_spans: list[tuple[int, int]] = []
    claims: list[str] = []
    for f in sorted(accepted, key=lambda f: f.start):
        if f.kind in CLAIM_KINDS and f.end <= MAX_TEXT_CHARS and f.quote not in claims:
            if page.text[f.start : f.end] != f.quote:
                continue  # never export a quote that is not verbatim in the text
            claims.append(f.quote)
            claim_spans.append((f.start, f.end))
        if len(claims) == MAX_CLAIMS:
            break
    diseases = sorted(
        {(f.attributes.get("label") or f.subkind).lower() for f in accepted if f.kind == "disease"} - {""}
    )
    when = page.reviewed_at.date().isoformat() if page.reviewed_at else ""
    note = (
        f"vigipub case review {page.case}: {len(accepted)} finding(s) accepted, {len(rejected)} rejected"
        + (f" by {', '.join(sorted(set(page.reviewers)))}" if page.reviewers else "")
        + (f" ({when})" if when else "")
        + ("; page label set by a reviewer" if page.label else f"; label from the reviewed verdict ({page.verdict})")
    )
    return {
        "id": page.id,
        "url": page.url,
        "lang": page.language or "xx",
        "label": label,
        "category": category(label, page.genre, families),
        "therapy": THERAPY_FAMILIES[families[0]][1] if families and families[0] in THERAPY_FAMILIES else "",
        "diseases": diseases,
        "claims": claims,
        "targets_france": (page.language or "") == "fr",
        "text": _text_window(page.text, claim_spans),
        "note": note,
    }


def jsonl(records: Iterable[dict[str, Any]]) -> Iterable[str]:
    for record in records:
        yield json.dumps(record, ensure_ascii=False) + "\n"


__all__ = [
    "CLAIM_KINDS",
    "ReviewedFinding",
    "ReviewedPage",
    "Segment",
    "Span",
    "category",
    "jsonl",
    "labelled_page",
    "segments",
]
