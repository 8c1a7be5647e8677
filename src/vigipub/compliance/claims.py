"""Match every claim of the original dossier against the recheck.

A claim sentence of the original capture is looked for in every sentence of every page the
recheck reached (and of the second exit and moved-domain captures), wherever it now is:

* ``present``: the same sentence, give or take typography, case, punctuation or a few
  words (rapidfuzz ``ratio`` ≥ :data:`PRESENT`), or the sentence merged into a longer one
  (``partial_ratio``);
* ``reworded``: a sentence the detector still reads as a claim of the same kind (same
  subkind, lexicon entry, disease or therapy on the page) and that shares enough words in
  any order (``token_sort_ratio`` plus those agreements ≥ :data:`REWORDED`), or any
  sentence close enough on words alone (≥ :data:`REWORDED_TEXT`), claim or not;
* ``gone``: nothing of the kind; ``unverified`` when its page could not be fetched again.

Using the detector's own findings (kinds, subkinds, lexicon entries, diseases, therapies)
rather than a raw text diff is what makes re-ordering and rewording visible; using every
sentence, not only detected ones, is what keeps a lexicon blind spot from hiding a claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from vigipub.evidence import Document, Finding, Qualification
from vigipub.evidence.compliance import ClaimCheck, ClaimStatus, EvidencePointer, NewClaim, Side
from vigipub.evidence.french import compare_key

from .inputs import CLAIM_KINDS, CaptureView
from .text import Sentence, sentences

#: rapidfuzz scores (0-100) of the decisions; recorded in compliance.json's parameters
PRESENT = 90.0
PRESENT_PARTIAL = 96.0
REWORDED = 72.0
REWORDED_TEXT = 80.0
#: agreement bonuses added to token_sort_ratio for a sentence detected as a claim
BONUS_SUBKIND = 10.0
BONUS_ENTRY = 10.0
BONUS_CONTEXT = 8.0
BONUS_SAME_PAGE = 4.0


def parameters() -> dict[str, float | int | str | bool]:
    return {
        "present_ratio": PRESENT,
        "present_partial_ratio": PRESENT_PARTIAL,
        "reworded_score": REWORDED,
        "reworded_text_score": REWORDED_TEXT,
        "bonus_subkind": BONUS_SUBKIND,
        "bonus_entry": BONUS_ENTRY,
        "bonus_context": BONUS_CONTEXT,
        "bonus_same_page": BONUS_SAME_PAGE,
    }


class _ClaimFindings:
    """What a sentence's claim findings say: their subkinds and lexicon entries."""

    findings: list[Finding]

    @property
    def subkinds(self) -> set[str]:
        return {f.subkind for f in self.findings}

    @property
    def entries(self) -> set[str]:
        return {e for f in self.findings for e in f.entry_ids}


@dataclass
class Candidate(_ClaimFindings):
    """A sentence served by one capture, with the claim findings that overlap it."""

    view: CaptureView
    document: Document
    sentence: Sentence
    findings: list[Finding]
    context: frozenset[str]

    def pointer(self) -> EvidencePointer:
        record = self.document.record
        page = self.view.page_of(self.document)
        return EvidencePointer(
            side=self.view.side,
            url=self.document.url,
            record_id=record.record_id if record else None,
            payload_digest=record.payload_digest if record else None,
            status=page.status if page else None,
            quote=self.sentence.text,
        )


@dataclass
class OriginalClaim(_ClaimFindings):
    """One distinct claim sentence of the original dossier (its findings grouped)."""

    quote: str
    norm: str
    url: str
    language: str | None
    kind: str
    findings: list[Finding] = field(default_factory=list)
    context: frozenset[str] = frozenset()
    in_decision: bool = False


def page_context(view: CaptureView, document: Document) -> frozenset[str]:
    """Diseases (ICD-10) and therapy families named on the page: what a claim is about."""
    analysis = view.analysis(document)
    if analysis is None:
        return frozenset()
    out = set()
    for f in analysis.findings:
        if f.kind == "disease":
            out.add("disease:" + (f.attributes.get("icd10") or f.subkind))
        elif f.kind == "therapy":
            out.add("therapy:" + (f.attributes.get("family") or f.subkind))
    return frozenset(out)


def decision_quotes(qualification: Qualification | None, decision_text: str = "") -> list[str]:
    """Normalised « quotes » of the decision's Considérants (and of the decision draft)."""
    texts = [c.text_fr for c in qualification.considerants] if qualification else []
    texts.append(decision_text)
    quotes = []
    for text in texts:
        quotes += [compare_key(q) for q in re.findall(r"«([^»]{12,})»", text)]
    return [q for q in quotes if len(q) >= 12]


def original_claims(view: CaptureView, quoted: list[str]) -> list[OriginalClaim]:
    """Distinct claim sentences of the original capture, quoted-in-decision first."""
    by_norm: dict[str, OriginalClaim] = {}
    for document in view.documents:
        context = page_context(view, document)
        analysis = view.analysis(document)
        for finding in view.claim_findings(document):
            norm = compare_key(finding.quote)
            if not norm:
                continue
            claim = by_norm.get(norm)
            if claim is None:
                claim = by_norm[norm] = OriginalClaim(
                    quote=" ".join(finding.quote.split()),
                    norm=norm,
                    url=finding.url,
                    language=finding.language or (analysis.language if analysis else None),
                    kind=finding.kind,
                    context=context,
                )
            if finding.id not in {f.id for f in claim.findings}:
                claim.findings.append(finding)
            if finding.kind == "claim":
                claim.kind = "claim"
    for claim in by_norm.values():
        claim.in_decision = any(_quoted(claim.norm, q) for q in quoted)
    return sorted(by_norm.values(), key=lambda c: (not c.in_decision, c.url, c.findings[0].start))


def _quoted(norm: str, quote: str) -> bool:
    if norm in quote or quote in norm:
        return True
    short, long_ = sorted((norm, quote), key=len)
    return len(short) >= 30 and fuzz.partial_ratio(short, long_) >= PRESENT_PARTIAL


#: characters a claim finding and a sentence must share for the sentence to hold the claim
_MIN_OVERLAP = 5


def candidates(views: list[CaptureView]) -> list[Candidate]:
    """Every sentence of every page of ``views`` (and every claim quote, as the detector cut it)."""
    out: list[Candidate] = []
    for view in views:
        for document in view.documents:
            claim_findings = view.claim_findings(document)
            context = page_context(view, document)
            spans: dict[tuple[int, int], Sentence] = {(s.start, s.end): s for s in sentences(document)}
            for f in claim_findings:
                if (f.start, f.end) not in spans and document.text[f.start : f.end] == f.quote:
                    spans[(f.start, f.end)] = Sentence(f.start, f.end, f.quote, compare_key(f.quote))
            for sentence in spans.values():
                # a finding's closing quotation mark spilling into the next sentence (« …100 %. »
                # then « — Julien, 34 ans ») is no overlap: a few characters at least
                overlapping = [
                    f for f in claim_findings if min(f.end, sentence.end) - max(f.start, sentence.start) >= _MIN_OVERLAP
                ]
                out.append(Candidate(view, document, sentence, overlapping, context))
    return out


@dataclass
class _Match:
    candidate: Candidate
    score: float
    present: bool


def _score(claim: OriginalClaim, cand: Candidate) -> _Match | None:
    a, b = claim.norm, cand.sentence.norm
    ratio = fuzz.ratio(a, b)
    if ratio >= PRESENT:
        return _Match(cand, ratio, True)
    short, long_ = sorted((a, b), key=len)
    if len(short) >= 0.6 * len(long_) or len(short) >= 40:
        partial = fuzz.partial_ratio(short, long_)
        if partial >= PRESENT_PARTIAL and short == a:  # the claim, whole, inside a longer sentence
            return _Match(cand, partial, True)
    words = max(ratio, fuzz.token_sort_ratio(a, b))
    score = words
    same_language = not claim.language or not cand.document.language or claim.language == cand.document.language
    if cand.findings and same_language:  # a translation is another claim, not a rewording
        if claim.subkinds & cand.subkinds:
            score += BONUS_SUBKIND
        if claim.entries & cand.entries:
            score += BONUS_ENTRY
        if claim.context & cand.context:
            score += BONUS_CONTEXT
        if cand.document.url == claim.url:
            score += BONUS_SAME_PAGE
        if score >= REWORDED:
            return _Match(cand, min(score, 99.0), False)
    if words >= REWORDED_TEXT:
        return _Match(cand, words, False)
    return None


_SIDE_ORDER = {Side.RECHECK: 0, Side.SECOND_EXIT: 1, Side.MOVED: 2, Side.ORIGINAL: 3}


def match_claims(
    claims: list[OriginalClaim], pool: list[Candidate], unverifiable_urls: set[str]
) -> tuple[list[ClaimCheck], set[str]]:
    """One :class:`ClaimCheck` per original claim; returns them and the candidates used.

    A present sentence may answer several claims (a sentence repeated on two pages); a
    reworded sentence answers one claim only, the best-scoring pairs being taken first.
    """
    best_present: dict[int, _Match] = {}
    reworded_pairs: list[tuple[float, int, int, _Match]] = []
    for ci, claim in enumerate(claims):
        for pi, cand in enumerate(pool):
            m = _score(claim, cand)
            if m is None:
                continue
            if m.present:
                old = best_present.get(ci)
                if old is None or _better(m, old, claim):
                    best_present[ci] = m
            else:
                reworded_pairs.append((m.score, ci, pi, m))
    chosen: dict[int, _Match] = dict(best_present)
    taken: set[int] = set()
    for _, ci, pi, m in sorted(reworded_pairs, key=lambda t: (-t[0], _SIDE_ORDER[t[3].candidate.view.side], t[1])):
        if ci in chosen or pi in taken:
            continue
        chosen[ci] = m
        taken.add(pi)
    # by text: the same sentence is served twice (HTTP body and rendered DOM) and by both exits
    used = {m.candidate.sentence.norm for m in chosen.values()}
    checks = []
    for ci, claim in enumerate(claims):
        checks.append(_check(f"C{ci + 1}", claim, chosen.get(ci), unverifiable_urls))
    return checks, used


def _better(new: _Match, old: _Match, claim: OriginalClaim) -> bool:
    """Prefer the recheck over other exits, then the same page, then the higher score."""
    def rank(m: _Match) -> tuple[int, int, float]:
        return (_SIDE_ORDER[m.candidate.view.side], m.candidate.document.url != claim.url, -m.score)

    return rank(new) < rank(old)


def _check(cid: str, claim: OriginalClaim, m: _Match | None, unverifiable_urls: set[str]) -> ClaimCheck:
    first = claim.findings[0]
    base = dict(
        id=cid,
        in_decision=claim.in_decision,
        kind=claim.kind,
        subkinds=sorted(claim.subkinds),
        finding_ids=[f.id for f in claim.findings],
        quote=claim.quote,
        url=claim.url,
        language=claim.language,
        record_id=first.record_id,
        payload_digest=first.payload_digest,
    )
    if m is None:
        if claim.url in unverifiable_urls:
            return ClaimCheck(
                **base, status=ClaimStatus.UNVERIFIED,
                note="its page could not be fetched again; not found on the pages that were",
            )
        return ClaimCheck(**base, status=ClaimStatus.GONE)
    cand = m.candidate
    still = bool(cand.findings)
    return ClaimCheck(
        **base,
        status=ClaimStatus.PRESENT if m.present else ClaimStatus.REWORDED,
        similarity=round(m.score, 1),
        still_a_claim=still,
        moved=cand.document.url != claim.url,
        match=cand.pointer(),
        match_finding_id=cand.findings[0].id if cand.findings else None,
        note="" if still or m.present else "similar sentence no longer detected as a claim: to be reviewed",
    )


def new_claims(pool: list[Candidate], used: set[str], claims: list[OriginalClaim]) -> list[NewClaim]:
    """Claim findings of the recheck that answer no claim of the original dossier."""
    out: list[NewClaim] = []
    seen: set[str] = set()
    for cand in pool:
        if not cand.findings or cand.sentence.norm in used or cand.view.side == Side.ORIGINAL:
            continue
        norm = cand.sentence.norm
        if norm in seen or any(fuzz.ratio(norm, c.norm) >= PRESENT for c in claims):
            continue
        seen.add(norm)
        analysis = cand.view.analysis(cand.document)
        finding = cand.findings[0]
        out.append(
            NewClaim(
                finding_id=finding.id,
                kind=finding.kind,
                subkind=finding.subkind,
                quote=cand.sentence.text,
                page_verdict=analysis.verdict if analysis else "uncertain",
                evidence=cand.pointer(),
            )
        )
    return out


__all__ = [
    "CLAIM_KINDS", "Candidate", "OriginalClaim", "candidates", "decision_quotes", "match_claims",
    "new_claims", "original_claims", "page_context", "parameters",
]
