"""Verdict: findings + genre -> promotion / not_promotion / uncertain, with reasons.

A transparent linear score: each feature (a capped count of findings) has a weight in
``lexicons/verdict.yaml``; ``score = sigmoid(bias + sum(weight * feature))``. Hard rules
come first and are explicit: no therapy means no promotion of a therapy; a page that is
mostly reporting or belongs to a non-promotional genre needs much stronger evidence. A
wrong accusation costs more than a miss, so the band between the two thresholds is
``uncertain``.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml  # type: ignore[import-untyped]

from vigipub.evidence.document import Document
from vigipub.evidence.findings import Finding, PageAnalysis, Verdict
from vigipub.evidence.vocabulary import THERAPY_FAMILIES

from .errors import LexiconError

#: claim subkinds that, with a seller's voice, keep a page from being cleared automatically
STRONG_CLAIMS = frozenset({"cure", "efficacy_figure", "safety", "superiority", "universality", "guarantee"})

NON_PROMOTIONAL_GENRES = frozenset(
    {
        "news",
        "regulator",
        "science",
        "clinical_trial",
        "encyclopedia",
        "authorised_medicine_info",
        "patient_association",
    }
)
STRONG_CLAIMS = frozenset({"cure", "efficacy_figure", "safety", "superiority", "universality", "guarantee"})


@dataclass
class VerdictModel:
    """Weights and thresholds loaded from ``verdict.yaml``."""

    bias: float
    weights: dict[str, float]
    caps: dict[str, float]
    promote_at: float
    clear_below: float
    min_text_chars: int
    genre_min: float
    digest: str

    # -- helpers -----------------------------------------------------------------------
    def empty(self, doc: Document, warnings: list[str]) -> PageAnalysis:
        return PageAnalysis.model_construct(
            url=doc.url,
            title=doc.title,
            language=doc.language,
            source=doc.source,
            verdict="uncertain",
            score=0.0,
            genre="unknown",
            reasons=["no visible text: nothing can be said about this page"],
            drivers=[],
            findings=[],
            record=doc.record,
            text_sha256=_text_digest(doc.text),
            warnings=warnings,
        )

    def genre_of(self, findings: list[Finding]) -> tuple[str, dict[str, float]]:
        scores: dict[str, float] = {}
        seen: set[tuple[str, str]] = set()
        for f in findings:
            if f.kind == "genre":
                cue = f.match.lower() or f.entry_ids[0]
                if (f.subkind, cue) in seen:  # a repeated cue counts once
                    continue
                seen.add((f.subkind, cue))
                scores[f.subkind] = scores.get(f.subkind, 0.0) + float(f.attributes.get("weight", "1"))
        if not scores:
            return "unknown", scores
        best = max(scores.items(), key=lambda kv: kv[1])
        return (best[0] if best[1] >= self.genre_min else "unknown"), scores

    # -- decision ----------------------------------------------------------------------
    def features(
        self, findings: list[Finding], genre: str, genre_scores: dict[str, float]
    ) -> dict[str, float]:
        def distinct(kind: str, pred: Any = None) -> int:
            return len(
                {(f.url, f.start, f.end) for f in findings if f.kind == kind and (pred is None or pred(f))}
            )

        # Quotation marks only mean "reported" on a page that also reports or warns, and never
        # in a testimonial; elsewhere they are patients' words or slogans the page endorses.
        testimonial_spans = {(f.url, f.start, f.end) for f in findings if f.kind == "testimonial"}
        reporting_page = any(f.kind == "reporting_context" for f in findings)

        def is_quoted(f: Finding) -> bool:
            return (
                reporting_page
                and f.attributes.get("quoted") == "yes"
                and (f.url, f.start, f.end) not in testimonial_spans
            )

        own_claims = [
            f
            for f in findings
            if f.kind == "claim"
            and f.attributes.get("reported") != "yes"
            and f.attributes.get("inferred") != "yes"
            and not is_quoted(f)
        ]
        therapy_spans = {(f.url, f.start, f.end) for f in findings if f.kind == "therapy"}
        disease_spans = {(f.url, f.start, f.end) for f in findings if f.kind == "disease"}
        # Inferred claims (no lexicon verb) help the investigator but never move the score.
        lexical = [f for f in findings if f.kind == "claim" and f.attributes.get("inferred") != "yes"]
        quoted = [f for f in lexical if is_quoted(f)]
        reported = [f for f in lexical if f.attributes.get("reported") == "yes"]
        therapy_atmp = distinct(
            "therapy", lambda f: THERAPY_FAMILIES[f.subkind][2] or f.subkind in ("exosomes", "secretome")
        )
        features = {
            "therapy_atmp": therapy_atmp,
            "therapy_other": distinct("therapy") - therapy_atmp,
            "therapy_families": len({f.subkind for f in findings if f.kind == "therapy"}),
            "claim_sentences": len({(f.url, f.start, f.end) for f in own_claims}),
            "claim_strong_kinds": len({f.subkind for f in own_claims if f.subkind in STRONG_CLAIMS}),
            "claim_reported": len({(f.url, f.start, f.end) for f in reported}),
            "claim_quoted": len({(f.url, f.start, f.end) for f in quoted}),
            "claim_near_therapy": len({(f.url, f.start, f.end) for f in own_claims if f.confidence >= 0.9}),
            # "X cures/treats Y": product, effect and disease in one sentence, in the page's
            # own voice; the single strongest sign of presentation as a medicine.
            "therapy_disease_claim": len(
                {
                    (f.url, f.start, f.end)
                    for f in own_claims
                    if f.subkind in ("cure", "treat", "efficacy_figure", "prevent")
                    and (f.url, f.start, f.end) in therapy_spans
                    and (f.url, f.start, f.end) in disease_spans
                }
            ),
            "disease": len({f.subkind for f in findings if f.kind == "disease"}),
            "manipulation": distinct("manipulation"),
            "testimonial": distinct(
                "testimonial",
                lambda f: f.attributes.get("reported") != "yes"
                and f.attributes.get("inferred") != "yes"
                and not _is_question(f),
            ),
            "call_to_action": len({f.subkind for f in findings if f.kind == "call_to_action"}),
            "travel": distinct("travel"),
            "reporting": len({(f.url, f.start, f.end) for f in findings if f.kind == "reporting_context"}),
            "reporting_kinds": len({f.entry_ids[0] for f in findings if f.kind == "reporting_context"}),
            "genre_promotional": max(genre_scores.get("clinic", 0.0), genre_scores.get("broker", 0.0)),
            "genre_non_promotional": max(
                (genre_scores.get(g, 0.0) for g in NON_PROMOTIONAL_GENRES), default=0.0
            ),
        }
        return {k: min(float(v), self.caps.get(k, 1e9)) for k, v in features.items()}

    def decide(self, doc: Document, findings: list[Finding], warnings: list[str]) -> PageAnalysis:
        """The verdict on one page."""
        verdict, score, genre, reasons, drivers = self.judge(findings, len(doc.text.strip()))
        return PageAnalysis.model_construct(
            url=doc.url,
            title=doc.title,
            language=doc.language,
            source=doc.source,
            verdict=verdict,
            score=round(score, 4),
            genre=genre,
            reasons=reasons,
            drivers=drivers,
            findings=findings,
            record=doc.record,
            text_sha256=_text_digest(doc.text),
            warnings=warnings,
        )

    def decide_site(self, url: str, analyses: list[PageAnalysis]) -> PageAnalysis:
        """One verdict for a whole site (a dossier): the pages' findings judged together.

        Clinics spread promotion over pages (claims on "treatments", prices on "rates",
        stories on "testimonials"); a site-level verdict sees them together. The findings
        keep their page URL and record, so every driver still points to its page.
        """
        findings = [f for a in analyses for f in a.findings]
        text_chars = self.min_text_chars if any(a.findings for a in analyses) else 0
        verdict, score, genre, reasons, drivers = self.judge(findings, text_chars)
        pages = {a.url for a in analyses}
        reasons.insert(0, f"site verdict over {len(pages)} page(s)")
        languages = sorted({a.language for a in analyses if a.language})
        return PageAnalysis.model_construct(
            url=url,
            title=next((a.title for a in analyses if a.title), ""),
            language=languages[0] if len(languages) == 1 else None,
            source="site",
            verdict=verdict,
            score=round(score, 4),
            genre=genre,
            reasons=reasons,
            drivers=drivers,
            findings=findings,
            record=None,
            text_sha256=None,
            warnings=[w for a in analyses for w in a.warnings][:50],
        )

    def judge(
        self, findings: list[Finding], text_chars: int
    ) -> tuple[Verdict, float, str, list[str], list[str]]:
        """(verdict, score, genre, reasons, drivers) for a set of findings."""
        genre, genre_scores = self.genre_of(findings)
        x = self.features(findings, genre, genre_scores)
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in x.items())
        score = 1.0 / (1.0 + math.exp(-z))
        reasons: list[str] = []
        drivers: list[str] = []
        therapy = [f for f in findings if f.kind == "therapy"]
        claims = [
            f
            for f in findings
            if f.kind == "claim"
            and f.attributes.get("reported") != "yes"
            and f.attributes.get("inferred") != "yes"
        ]
        reporting = [f for f in findings if f.kind == "reporting_context"]
        contributions = sorted(
            ((self.weights.get(k, 0.0) * v, k, v) for k, v in x.items() if v), key=lambda t: -abs(t[0])
        )
        detail = ", ".join(f"{k}={v:g} ({c:+.2f})" for c, k, v in contributions[:8])
        if text_chars < self.min_text_chars and not therapy:
            verdict: Verdict = "uncertain"
            reasons.append(f"too little text ({text_chars} characters) to judge the page")
        elif not therapy:
            verdict = "not_promotion"
            score = min(score, 0.1)
            reasons.append("no therapy of interest (cell, gene or exosome therapy…) is mentioned")
        else:
            families = sorted({f.subkind for f in therapy})
            reasons.append(
                "therapies mentioned: "
                + ", ".join(THERAPY_FAMILIES[f][1] for f in families)
                + f" ({len(therapy)} sentence(s))"
            )
            if claims:
                kinds = sorted({f.subkind for f in claims})
                reasons.append(
                    f"{len({(f.url, f.start, f.end) for f in claims})} claim sentence(s): " + ", ".join(kinds)
                )
            if reporting:
                reasons.append(f"{len(reporting)} reporting or warning cue(s) lower the score")
            if genre != "unknown":
                reasons.append(f"page genre: {genre}")
            # Seller's voice: promotion addresses a customer (price, booking, package, travel,
            # testimonials, "our clinic"). Without any of it, a page that only describes a
            # therapy and its effects is never called promotion: at most uncertain.
            voice = any(
                (
                    f.kind in ("call_to_action", "testimonial", "travel")
                    and f.attributes.get("inferred") != "yes"
                    and not (f.kind == "testimonial" and _is_question(f))
                )
                or (f.kind == "genre" and f.subkind in ("clinic", "broker"))
                for f in findings
            )
            if score >= self.promote_at and not voice:
                verdict = "uncertain"
                reasons.append(
                    "no call to action, testimonial, travel offer or clinic voice: not called promotion"
                )
            elif score >= self.promote_at:
                verdict = "promotion"
            elif score <= self.clear_below and voice and not reporting and any(
                f.subkind in STRONG_CLAIMS for f in claims
            ):
                # A therapy offered in a seller's voice with a strong therapeutic claim is never
                # cleared on a low score alone (short pages have few features): a human looks.
                verdict = "uncertain"
                reasons.append("strong claim about a therapy, in a seller's voice: not cleared automatically")
            elif score <= self.clear_below:
                verdict = "not_promotion"
            else:
                verdict = "uncertain"
        reasons.append(
            f"score {score:.2f} (promotion at ≥ {self.promote_at:g}, cleared at ≤ {self.clear_below:g}); "
            f"features: {detail or 'none'}"
        )
        if verdict == "promotion":
            ranked = sorted(
                (
                    f
                    for f in findings
                    if f.kind in ("claim", "therapy", "testimonial", "call_to_action", "travel", "disease")
                ),
                key=lambda f: (
                    f.kind != "claim",
                    f.attributes.get("inferred") == "yes",
                    -f.confidence,
                    f.start,
                ),
            )
        else:
            ranked = sorted(
                (f for f in findings if f.kind in ("reporting_context", "genre")), key=lambda f: f.start
            )
            ranked += [f for f in findings if f.kind == "therapy"]
        drivers = [f.id for f in ranked[:20]]
        return verdict, score, genre, reasons, drivers


def _is_question(f: Finding) -> bool:
    """True for a finding whose sentence is a question ("¿Cubre mi seguro las células madre?").

    Why: a first-person question is the reader asking (an insurer's or clinic's FAQ heading, a
    forum post), not a patient telling an outcome; counted as a testimonial it gave insurer
    FAQs and patient forums a "seller's voice". A testimonial is a statement, so a question is
    never counted as one (it stays listed as a finding for the investigator).
    """
    quote = f.quote.strip()
    return quote.endswith("?") or quote.startswith("¿")


def _text_digest(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def load_verdict_model(path: Path | None = None) -> VerdictModel:
    """Read the weights file (defaults to the packaged ``lexicons/verdict.yaml``)."""
    from .lexicon import lexicon_dir

    path = path or lexicon_dir() / "verdict.yaml"
    try:
        raw = path.read_bytes()
        data = yaml.safe_load(raw.decode("utf-8"))
        return VerdictModel(
            bias=float(data["bias"]),
            weights={str(k): float(v) for k, v in data["weights"].items()},
            caps={str(k): float(v) for k, v in (data.get("caps") or {}).items()},
            promote_at=float(data["thresholds"]["promotion"]),
            clear_below=float(data["thresholds"]["not_promotion"]),
            min_text_chars=int(data.get("min_text_chars", 200)),
            genre_min=float(data.get("genre_min", 1.5)),
            digest="sha256:" + hashlib.sha256(raw).hexdigest(),
        )
    except (OSError, UnicodeDecodeError, yaml.YAMLError, KeyError, TypeError, ValueError) as exc:
        raise LexiconError(f"cannot load verdict model: {exc}", where=str(path)) from exc
