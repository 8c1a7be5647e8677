"""Verdict: findings -> promotion / not_promotion / uncertain, with what drove it.

The weighing is learned (``vigipub model train``, :mod:`vigipub.detect.learn`): a calibrated
logistic regression over the general features of :mod:`vigipub.detect.features` and the terms
of the page's text (:mod:`vigipub.detect.terms`), shipped as a JSON file of coefficients and
term weights (``model/verdict.json``) and applied here in plain Python:
``p = sigmoid(intercept + sum(coefficient * feature) + sum(weight of each term present))``.
Each part of the sum is one contribution, shown with its French label
(``model/explain_fr.yaml``) and the findings it counted; the terms that weighed most are shown
as written on the page, with their offsets.

A few explicit rules frame the learned score, because a wrong accusation costs more than a miss:

- no therapy of interest on the page (and none established by its site) means no promotion;
- a page in a language we have no lexicon for is never called promotion: language-independent
  signs (a therapy's Latin name, a price, a phone number, the site's name) make it uncertain;
- between the two thresholds the verdict is ``uncertain``: a human reads the page.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from vigipub.evidence.document import Document
from vigipub.evidence.findings import Contribution, Finding, PageAnalysis, Verdict
from vigipub.evidence.vocabulary import (
    ADVERTORIAL_GENRE,
    JOB_POSTING_GENRE,
    SUPPLEMENT_GENRE,
    THERAPY_FAMILIES,
)

from . import features as feats
from .errors import LexiconError
from .fold import fold
from .terms import DEFAULT_CHARS, Reading, locate, terms_of

#: kept for callers of the earlier module
STRONG_CLAIMS = feats.STRONG_CLAIMS
NON_PROMOTIONAL_GENRES = feats.NON_PROMOTIONAL_GENRES
MODEL_FORMAT = "vigipub-verdict-model/2"
#: the language of pages we have no lexicon for (see ``Detector``)
OTHER_LANGUAGE = "other"
#: contributions listed in a reason line, per direction, and the least weight worth a mention
#: (every contribution stays in ``PageAnalysis.contributions``)
_REASON_ITEMS = 4
_REASON_MIN_WEIGHT = 0.1
#: terms kept as contributions of their own, per direction (the others are summed in one)
_TERMS_SHOWN = 6
#: the feature names of the text component's contributions: the whole text, one term, the rest
TEXT_FEATURE = "terms"
TERM_FEATURE = "term"
OTHER_TERMS_FEATURE = "terms_other"
#: the contribution of a text that was not read (the average of the training pages' texts)
UNREAD_TEXT_FEATURE = "terms_unread"


def reads_text(findings: list[Finding], foreign: bool) -> bool:
    """Whether the text component reads a page: a therapy named, in a language we read.

    On any other page the score decides nothing (no therapy: never promotion by itself; a
    language without a lexicon: at most uncertain), so its text is not read (speed). Training,
    evaluation and the detector use this one test, so they judge the same pages alike.
    """
    return not foreign and any(f.kind == "therapy" and f.subkind not in feats.WEAK_THERAPIES for f in findings)


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    ez = math.exp(z)
    return ez / (1.0 + ez)


def _fr_number(x: float, digits: int = 2) -> str:
    return f"{x:.{digits}f}".replace(".", ",")


@dataclass(frozen=True)
class Judgement:
    """What the verdict says of a set of findings, before it becomes a PageAnalysis."""

    verdict: Verdict
    score: float
    genre: str
    reasons: list[str]
    drivers: list[str]
    features: dict[str, float]
    contributions: list[Contribution]


@dataclass(frozen=True)
class TextScore:
    """The text component's share of a page's score: the sum, and the terms that made it.

    ``contributions`` are the terms shown (the largest either way, each with where it first
    occurs in the text) and one contribution summing the other terms: they add up to ``total``.
    """

    total: float
    contributions: tuple[Contribution, ...] = ()
    #: False for a text that was not read (its score is the training pages' average)
    read: bool = True

    @classmethod
    def of_terms(cls, model: VerdictModel, terms: set[str] | frozenset[str]) -> TextScore:
        """The score of a page's terms, without offsets (training and evaluation)."""
        weights = model.terms
        if not weights:
            return cls(0.0)
        return cls(sum(weights.get(t, 0.0) for t in terms))

    @classmethod
    def of_text(cls, model: VerdictModel, text: str | Reading) -> TextScore:
        """The score of a page's text (less its menus: :class:`Reading`), the terms that weighed
        most located in the page."""
        weights = model.terms
        if not weights:
            return cls(0.0)
        reading = text if isinstance(text, Reading) else Reading(text)
        text = reading.text
        folded = fold(text[: model.text_chars])
        present = [(t, w) for t in terms_of(text, model.text_chars, folded) if (w := weights.get(t))]
        if not present:
            return cls(0.0)
        total = sum(w for _t, w in present)
        present.sort(key=lambda tw: (-abs(tw[1]), tw[0]))
        pros = [tw for tw in present if tw[1] > 0][:_TERMS_SHOWN]
        cons = [tw for tw in present if tw[1] < 0][:_TERMS_SHOWN]
        shown = pros + cons
        out: list[Contribution] = []
        for term, weight in sorted(shown, key=lambda tw: -abs(tw[1])):
            hit = locate(text, term, model.text_chars, folded)
            written = text[hit.start : hit.end] if hit is not None else term
            start = reading.in_page(hit.start) if hit is not None else None
            out.append(
                Contribution.model_construct(
                    feature=TERM_FEATURE,
                    label=f"« {' '.join(written.split())} »",
                    value=1.0,
                    weight=round(weight, 4),
                    findings=[],
                    quote=written if hit is not None else None,
                    start=start,
                    end=start + len(written) if start is not None else None,
                )
            )
        rest = len(present) - len(shown)
        if rest:
            others = total - sum(w for _t, w in shown)
            label = str(model.labels.get("features", {}).get(OTHER_TERMS_FEATURE, OTHER_TERMS_FEATURE))
            out.append(
                Contribution.model_construct(
                    feature=OTHER_TERMS_FEATURE,
                    label=_format(label, n=rest),
                    value=float(rest),
                    weight=round(others, 4),
                    findings=[],
                    quote=None,
                    start=None,
                    end=None,
                )
            )
        return cls(total, tuple(out))

    @classmethod
    def unread(cls, model: VerdictModel) -> TextScore:
        """The score of a text that was not read: the training pages' average, said so."""
        label = str(model.labels.get("features", {}).get(UNREAD_TEXT_FEATURE, UNREAD_TEXT_FEATURE))
        return cls(
            model.text_mean,
            (
                Contribution.model_construct(
                    feature=UNREAD_TEXT_FEATURE,
                    label=label,
                    value=0.0,
                    weight=round(model.text_mean, 4),
                    findings=[],
                    quote=None,
                    start=None,
                    end=None,
                ),
            ),
            read=False,
        )

    @classmethod
    def of_analysis(cls, page: PageAnalysis, model: VerdictModel) -> TextScore:
        """The text score a page was judged with (the site step judges it again).

        The text of a page that named no therapy was not read (the score decides nothing on
        such a page): its site's context judges it with the training pages' average text.
        """
        if TEXT_FEATURE not in page.features:
            return cls.unread(model)
        return cls(
            float(page.features[TEXT_FEATURE]),
            tuple(c for c in page.contributions if c.feature in (TERM_FEATURE, OTHER_TERMS_FEATURE)),
        )


def _format(template: str, **values: Any) -> str:
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return template


@dataclass
class VerdictModel:
    """Coefficients, thresholds and French wording of the page verdict."""

    coefficients: dict[str, float]
    intercept: float
    promote_at: float
    clear_below: float
    min_text_chars: int
    genre_min: float
    labels: dict[str, Any]
    digest: str
    info: dict[str, Any] = field(default_factory=dict)
    #: the text component: folded term -> weight (see :mod:`vigipub.detect.terms`)
    terms: dict[str, float] = field(default_factory=dict)
    text_chars: int = DEFAULT_CHARS
    #: the average text score of the training pages the score decides (a text not read)
    text_mean: float = 0.0

    @classmethod
    def neutral(cls, labels: dict[str, Any] | None = None) -> VerdictModel:
        """A model with no weights: what training uses to collect findings (they do not
        depend on the weights), so that a stale or missing model file never blocks training."""
        return cls({}, 0.0, 0.7, 0.5, 200, 1.5, labels or {}, "neutral", {})

    # -- the learned score --------------------------------------------------------------
    def probability(self, values: dict[str, float], text: float = 0.0) -> float:
        z = self.intercept + text + sum(self.coefficients.get(k, 0.0) * v for k, v in values.items())
        return _sigmoid(z)

    def contributions(
        self, values: dict[str, float], evidence: dict[str, list[str]], extra: dict[str, str] | None = None
    ) -> list[Contribution]:
        """Each non-zero term of the score, largest first, with its French label."""
        labels: dict[str, str] = self.labels.get("features", {})
        extra = extra or {}
        out = []
        for name, value in values.items():
            weight = self.coefficients.get(name, 0.0) * value
            if not value or not weight:
                continue
            out.append(
                Contribution.model_construct(
                    feature=name,
                    label=extra.get(name) or labels.get(name, name),
                    value=round(value, 4),
                    weight=round(weight, 4),
                    findings=list(evidence.get(name, [])),
                    quote=None,
                    start=None,
                    end=None,
                )
            )
        out.sort(key=lambda c: -abs(c.weight))
        return out

    def _reason(self, key: str, **values: Any) -> str:
        template: str = self.labels.get("reasons", {}).get(key, key)
        return _format(template, **values)

    def verdict_label(self, verdict: str) -> str:
        return str(self.labels.get("verdicts", {}).get(verdict, verdict))

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
            reasons=[self._reason("empty")],
            drivers=[],
            findings=[],
            record=doc.record,
            text_sha256=_text_digest(doc.text),
            warnings=warnings,
            features={},
            contributions=[],
            page_verdict=None,
        )

    def genre_of(self, findings: list[Finding]) -> tuple[str, dict[str, float]]:
        scores = feats.genre_scores(f for f in findings if f.kind == "genre")
        if not scores:
            return "unknown", scores
        best = max(scores.items(), key=lambda kv: kv[1])
        return (best[0] if best[1] >= self.genre_min else "unknown"), scores

    # -- decision ----------------------------------------------------------------------
    def decide(self, doc: Document, findings: list[Finding], warnings: list[str]) -> PageAnalysis:
        """The verdict on one page."""
        # a page in a language we have no lexicon for, however short: never promotion
        foreign = doc.language == OTHER_LANGUAGE
        # The text component reads the pages the score decides only: a therapy of interest
        # named, in a language we read (a page without is never promotion by itself; its
        # site's context, if any, judges it with the average text: TextScore.of_analysis).
        text = TextScore.of_text(self, Reading.of(doc, self.text_chars)) if reads_text(findings, foreign) else None
        j = self.judge(findings, len(doc.text.strip()), foreign=foreign, language=doc.language, text=text)
        return PageAnalysis.model_construct(
            url=doc.url,
            title=doc.title,
            language=doc.language,
            source=doc.source,
            verdict=j.verdict,
            score=round(j.score, 4),
            genre=j.genre,
            reasons=j.reasons,
            drivers=j.drivers,
            findings=findings,
            record=doc.record,
            text_sha256=_text_digest(doc.text),
            warnings=warnings,
            features=j.features,
            contributions=j.contributions,
            page_verdict=None,
        )

    def judge(
        self,
        findings: list[Finding],
        text_chars: int,
        *,
        foreign: bool = False,
        language: str | None = None,
        site_therapy: tuple[str, list[str]] | None = None,
        text: TextScore | None = None,
    ) -> Judgement:
        """The verdict on a set of findings (and the score of the page's text).

        ``site_therapy`` is (French label of the therapy, ids of the findings naming it) when
        the page's site establishes a therapy the page itself does not name.
        """
        genre, _scores = self.genre_of(findings)
        page = feats.PageFindings.of(findings)
        values, evidence = feats.compute(findings, page)
        # platelet-rich plasma alone is not a cell or gene therapy (rule 1): the therapies that
        # count are the features' (a PRP page is not scored as if it named one)
        therapy = [f for f in findings if f.kind == "therapy" and f.subkind not in feats.WEAK_THERAPIES]
        extra_labels: dict[str, str] = {}
        if site_therapy is not None and not therapy:
            values = feats.with_site_therapy(values)
            evidence["therapy"] = site_therapy[1]
            extra_labels["therapy"] = self.labels.get("features", {}).get("site_therapy", "site_therapy")
        text = text if text is not None else TextScore(0.0, read=False)
        score = self.probability(values, text.total)
        contributions = self.contributions(values, evidence, extra_labels)
        term_contributions = list(text.contributions)
        if text.read:
            values = {**values, TEXT_FEATURE: round(text.total, 6)}
        rules: list[str] = []  # the explicit rules that framed the learned score
        has_therapy = bool(therapy) or site_therapy is not None
        veterinary = feats.is_veterinary(findings)
        verdict: Verdict
        # a short page that names no therapy is left to a human only when it holds something of an
        # offer (a claim, a story, a booking or a price: part of a site's offer, or a page whose
        # text a script draws); a legal notice or a contact page of 127 characters holds none,
        # and a shop's cart that says its product is a cosmetic (« cellules souches végétales »,
        # plant cells: no cell therapy) needs no human either
        if (
            text_chars < self.min_text_chars
            and not has_therapy
            and not feats.says_cosmetic(findings)
            and _offer_bits(page)
        ):
            verdict = "uncertain"
            rules.append(self._reason("too_little_text", n=text_chars))
        elif foreign:
            # never a false accusation in a language we cannot read: at most uncertain
            signals = has_therapy and bool(values.get("calls_to_action") or values.get("site_name"))
            verdict = "uncertain" if signals else "not_promotion"
            score = min(score, self.clear_below) if not signals else min(score, self.promote_at - 0.01)
            rules.append(self._reason("foreign", langue=language or "?"))
            if signals:
                rules.append(self._reason("foreign_signals"))
        elif not has_therapy:
            verdict = "not_promotion"
            score = min(score, 0.1)
            rules.append(self._reason("no_therapy"))
            if genre == SUPPLEMENT_GENRE:
                rules.append(self._reason("food_supplement"))
        elif veterinary:
            # the patients are animals: a veterinary medicine, outside the human-medicine rules
            verdict = "not_promotion"
            score = min(score, self.clear_below)
            rules.append(self._reason("veterinary"))
        elif score >= self.promote_at:
            verdict = "promotion"
        elif score <= self.clear_below:
            verdict = "not_promotion"
            # A therapy offered with a strong claim and a call to action is never cleared on a
            # low score alone (short pages have few features): a human looks.
            strong = any(f.subkind in feats.STRONG_CLAIMS for f in page.own_claims)
            offer = bool(page.testimonials) or bool(page.calls)
            # (a hospital's, a regulator's or a newspaper's page, told by its genre, is cleared)
            if strong and offer and not page.reporting and therapy and genre not in NON_PROMOTIONAL_GENRES:
                verdict = "uncertain"
                rules.append(self._reason("never_cleared"))
        else:
            verdict = "uncertain"
        # stated on a page the score already calls promotion too: a rule an inspector can check
        # is a firmer reason than a probability
        explicit = has_therapy and not foreign and not veterinary and _explicit_offer(page, values)
        if explicit:
            # The real excerpts the score learned from are the first lines of a page's main text:
            # they almost never hold the provider's own offer and its booking or price, so the
            # score cannot weigh an offer it never saw. A clinic that offers the therapy in its
            # own name, for a disease or with a claim, with a way to book or pay, and nothing
            # framing the page as a report, is promoting it (no real excerpt, no page of the
            # bench WARC and no hard negative of our corpus has all of this).
            verdict = "promotion"
            rules.append(self._reason("explicit_offer"))
        declared = _declared_advertorial(page, genre) if has_therapy and not foreign and not veterinary else None
        if declared is not None:
            # The publisher says the page is paid for (an advertorial in a newspaper, a sponsored
            # article, a release on a paid wire): what it says of the therapy is the advertiser's
            # message, quotes of its doctors included. The learned score reads it as the news
            # story it is dressed as.
            verdict = "promotion"
            if declared.attributes.get("where") == "host":
                rules.append(self._reason("paid_release", site=declared.attributes.get("marker", "")))
            else:
                where = self._reason(f"declared_{declared.attributes.get('where')}")
                rules.append(self._reason("advertorial", ou=where, mot=declared.attributes.get("marker", "")))
        job = next((f for f in page.genre if f.subkind == JOB_POSTING_GENRE), None)
        if job is not None and declared is None and not explicit and verdict != "not_promotion":
            # A careers page recruits staff (a technician for the GMP laboratory, a nurse for the
            # infusions): it describes the therapy's making to candidates, not to patients, and
            # the learned score reads its « GMP », « Zellkultur » as a clinic's credentials. Its
            # findings stay in the site's evidence; the pages that address patients are judged
            # on their own.
            verdict = "not_promotion"
            score = min(score, self.clear_below)
            where = self._reason(f"declared_{job.attributes.get('where')}")
            rules.append(self._reason("job_posting", ou=where, mot=job.attributes.get("marker", "")))
        reasons = [
            self._reason(
                "score",
                verdict=self.verdict_label(verdict),
                p=_fr_number(score),
                haut=_fr_number(self.promote_at),
                bas=_fr_number(self.clear_below),
            ),
            *rules,
        ]
        pros = [c for c in contributions if c.weight >= _REASON_MIN_WEIGHT][:_REASON_ITEMS]
        cons = [c for c in contributions if c.weight <= -_REASON_MIN_WEIGHT][:_REASON_ITEMS]
        if pros:
            reasons.append(self._reason("for", liste=" ; ".join(_item(c) for c in pros)))
        if cons:
            reasons.append(self._reason("against", liste=" ; ".join(_item(c) for c in cons)))
        shown_terms = [c for c in term_contributions if c.feature == TERM_FEATURE]
        term_pros = [c for c in shown_terms if c.weight > 0][:_REASON_ITEMS]
        term_cons = [c for c in shown_terms if c.weight < 0][:_REASON_ITEMS]
        if term_pros:
            reasons.append(self._reason("terms_for", liste=" ; ".join(_item(c) for c in term_pros)))
        if term_cons:
            reasons.append(self._reason("terms_against", liste=" ; ".join(_item(c) for c in term_cons)))
        contributions = sorted(contributions + term_contributions, key=lambda c: -abs(c.weight))
        if therapy:
            families = feats.therapy_families(therapy)
            reasons.append(
                self._reason(
                    "therapies",
                    liste=", ".join(THERAPY_FAMILIES[f][0] for f in families) + f" ({len(therapy)} phrase(s))",
                )
            )
        drivers = _drivers(verdict, contributions, findings)
        return Judgement(verdict, score, genre, reasons, drivers, values, contributions)

    def decide_site(self, url: str, analyses: list[PageAnalysis]) -> PageAnalysis:
        """One verdict for a whole site: the most serious page verdict, with its pages.

        Each page was judged with its site's context (:mod:`vigipub.detect.site`), so the site
        is promotion when one of its pages is; the findings keep their page URL and record.
        """
        findings = [f for a in analyses for f in a.findings]
        promotion = [a for a in analyses if a.verdict == "promotion"]
        uncertain = [a for a in analyses if a.verdict == "uncertain"]
        verdict: Verdict = "promotion" if promotion else ("uncertain" if uncertain or not analyses else "not_promotion")
        ranked = promotion or uncertain or list(analyses)
        best = max(ranked, key=lambda a: a.score) if ranked else None
        genre, _ = self.genre_of(findings)
        # pages are counted by URL: a page captured as served and as rendered by the browser is
        # two analyses of one page, and the more serious of its verdicts is the page's
        promotion_urls = list(dict.fromkeys(a.url for a in promotion))
        uncertain_urls = {a.url for a in uncertain} - set(promotion_urls)
        reasons = [
            self._reason(
                "site", n=len({a.url for a in analyses}), promotion=len(promotion_urls), incertain=len(uncertain_urls)
            )
        ]
        if promotion:
            reasons.append(self._reason("site_pages", liste=", ".join(promotion_urls[:10])))
        if best is not None:
            reasons += best.reasons[:4]
        languages = sorted({a.language for a in analyses if a.language})
        return PageAnalysis.model_construct(
            url=url,
            title=next((a.title for a in analyses if a.title), ""),
            language=languages[0] if len(languages) == 1 else None,
            source="site",
            verdict=verdict,
            score=round(max((a.score for a in ranked), default=0.0), 4),
            genre=genre,
            reasons=reasons,
            drivers=[d for a in promotion for d in a.drivers][:20] or (best.drivers if best else []),
            findings=findings,
            record=None,
            text_sha256=None,
            warnings=[w for a in analyses for w in a.warnings][:50],
            features=best.features if best is not None else {},
            contributions=best.contributions if best is not None else [],
            page_verdict=None,
        )


#: classes with authorised products that hospitals offer lawfully (Kymriah, Yescarta,
#: Zolgensma…): a hospital's page offering them with an appointment is not, by itself, an offer
#: of an unauthorised product; the score and the registers decide
_AUTHORISED_CLASSES = frozenset({"car_t", "gene_therapy"})


#: calls to action that book the reader in, and that make the reader pay
BOOKING_CALLS = frozenset({"booking", "consultation", "quote_request"})
_PAYMENT_CALLS = frozenset({"price", "package", "financing", "purchase"})


def _offer_bits(page: feats.PageFindings) -> bool:
    """The page holds something of an offer: its own claim, a story, a booking or a price."""
    return bool(
        page.own_claims
        or page.testimonials
        or any(f.subkind in BOOKING_CALLS or f.subkind in _PAYMENT_CALLS for f in page.calls)
    )


#: genres that a declared advertorial does not overcome: a regulator's, a trial's or an
#: authorised medicine's page (a newspaper's genre is the disguise an advertorial takes)
_NOT_ADVERTISING_GENRES = NON_PROMOTIONAL_GENRES - {"news"}


def _declared_advertorial(page: feats.PageFindings, genre: str) -> Finding | None:
    """The page's advertorial marker (its title or address declares paid content, or it is on a
    paid press-release wire) when the page also names a cell or exosome therapy with claims (its
    own or quoted) or testimonials; else None."""
    marker = next((f for f in page.genre if f.subkind == ADVERTORIAL_GENRE), None)
    if marker is None or genre in _NOT_ADVERTISING_GENRES:
        return None
    if not any(f.subkind not in _AUTHORISED_CLASSES for f in page.therapy):
        return None
    if not (page.own_claims or page.reported_claims or page.testimonials):
        return None
    return marker


#: reporting cues that state a legal status (« pas autorisés en France », "not FDA approved"):
#: spoken by the provider itself, they frame nothing
_STATUS_CUES = frozenset({"unauthorised", "regulator"})


def _framing_reporting(page: feats.PageFindings) -> list[Finding]:
    """The page's reporting cues that frame it as speaking *about* an offer: all of them but a
    legal status stated in a sentence where the provider speaks (« Ces traitements ne sont pas
    autorisés en France : c'est pourquoi nos patients français viennent à Madrid » is the
    clinic's own pitch to French patients). A news story quoting a clinic keeps its other cues
    (« reconnaît le directeur », a date, an attribution), which are never set aside."""
    spoken = {(f.url, f.start, f.end) for f in page.genre if f.subkind in feats.PROVIDER_GENRES}
    return [f for f in page.reporting if f.subkind not in _STATUS_CUES or (f.url, f.start, f.end) not in spoken]


def _explicit_offer(page: feats.PageFindings, values: dict[str, float]) -> bool:
    """The provider offers a cell or exosome therapy itself.

    All of: a cell or exosome therapy named on the page (not only CAR-T cells or a gene therapy,
    classes with authorised products); the provider's own voice (« notre clinique », "our
    clinic"), or the reader invited both to book and to pay (« Réservez votre consultation »
    and « 450 € par séance »: who sells and takes appointments is the provider, even when it
    never says « nous »); no reporting cue or reporting genre (a news story quoting a clinic's
    offer is not the clinic's page), a legal status the provider states in its own voice aside
    (:func:`_framing_reporting`); and either a call to action (booking, price, consultation,
    contact) with a disease, an own claim, a testimonial or a described protocol, or a treatment
    heading (the therapy and a disease in one heading) over the protocol or the preparation of
    the cells the page describes itself (« Le protocole comprend quatre injections… », "the
    cells are cultured in our laboratory").
    """
    calls = {f.subkind for f in page.calls}
    sells = bool(calls & BOOKING_CALLS) and bool(calls & _PAYMENT_CALLS)
    if not (
        any(f.subkind not in _AUTHORISED_CLASSES for f in page.therapy)
        and (values.get("provider_voice", 0.0) > 0 or sells)
        and not _framing_reporting(page)
        and values.get("genre_reporting", 0.0) == 0
    ):
        return False
    if page.calls and (page.disease or page.own_claims or page.testimonials or page.offer):
        return True
    described = [f for f in page.offer if f.attributes.get("inferred") != "yes" and f.subkind != "site_name"]
    return values.get("treatment_title", 0.0) > 0 and bool(described or page.manipulation)


def _item(c: Contribution) -> str:
    feature = feats.BY_NAME.get(c.feature)
    shown = feature.shown(c.value) if feature is not None else None
    value = f" ({shown})" if shown is not None and shown > 1 else ""
    sign = "+" if c.weight > 0 else "−"
    return f"{c.label}{value} {sign}{_fr_number(abs(c.weight))}"


def _drivers(verdict: str, contributions: list[Contribution], findings: list[Finding]) -> list[str]:
    """Ids of the findings behind the contributions pointing the way of the verdict."""
    wanted = [c for c in contributions if (c.weight > 0) == (verdict == "promotion")]
    ids: list[str] = []
    for c in wanted:
        for i in c.findings:
            if i not in ids:
                ids.append(i)
    if verdict != "promotion":
        ids += [f.id for f in findings if f.kind == "therapy" and f.id not in ids][:5]
    return ids[:20]


def _text_digest(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def model_dir() -> Path:
    from importlib import resources

    return Path(str(resources.files("vigipub.detect") / "model"))


def load_verdict_model(path: Path | None = None, labels_path: Path | None = None) -> VerdictModel:
    """Read the model file (defaults to the packaged ``model/verdict.json``) and its wording."""
    path = path or model_dir() / "verdict.json"
    labels_path = labels_path or path.with_name("explain_fr.yaml")
    if not labels_path.is_file():
        labels_path = model_dir() / "explain_fr.yaml"
    try:
        raw = path.read_bytes()
        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data, dict):
            raise ValueError("a model file holds a JSON object")
        if data.get("format") != MODEL_FORMAT:
            raise ValueError(f"format {data.get('format')!r} is not {MODEL_FORMAT!r}")
        labels_raw = labels_path.read_bytes()
        labels = yaml.safe_load(labels_raw.decode("utf-8")) or {}
        unknown = sorted(set(data["coefficients"]) - set(feats.FEATURE_NAMES))
        if unknown:
            raise ValueError(f"unknown feature(s) {unknown} (known: {', '.join(feats.FEATURE_NAMES)})")
        text = data.get("text") or {}
        if not isinstance(text, dict) or not isinstance(text.get("terms", {}), dict):
            raise ValueError("'text' holds an object whose 'terms' map each term to its weight")
        return VerdictModel(
            coefficients={str(k): float(v) for k, v in data["coefficients"].items()},
            intercept=float(data["intercept"]),
            promote_at=float(data["thresholds"]["promotion"]),
            clear_below=float(data["thresholds"]["not_promotion"]),
            min_text_chars=int(data.get("rules", {}).get("min_text_chars", 200)),
            genre_min=float(data.get("rules", {}).get("genre_min", 1.5)),
            labels=labels,
            digest="sha256:" + hashlib.sha256(raw + b"\x00" + labels_raw).hexdigest(),
            info={k: v for k, v in data.items() if k not in ("coefficients", "intercept", "text")}
            | {"text": {k: v for k, v in text.items() if k != "terms"}},
            terms={str(k): float(v) for k, v in text.get("terms", {}).items()},
            text_chars=int(text.get("max_chars", DEFAULT_CHARS)),
            text_mean=float(text.get("mean", 0.0)),
        )
    except (OSError, UnicodeDecodeError, yaml.YAMLError, json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise LexiconError(f"cannot load verdict model: {exc}", where=str(path)) from exc
