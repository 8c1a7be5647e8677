"""The verdict model's inputs: a few general features counted from a page's findings.

Each feature is a capped count of findings (or a yes/no), the same in every language: the
lexicons do the language work, the features only count what they found. A feature also
returns the ids of the findings it counted, so that every contribution to a verdict points
to its quotes.

Features read findings only (never the text), so that the site step can judge a page again
with what other pages of its site establish (:func:`with_site_therapy`).

Why these features (``vigipub eval --cv`` measures them, grouped by host):

- an offer is often implicit: a treatment page for a disease (therapy and disease in a
  heading), eligibility, benefits, the provider's voice, a site named after the therapy — with
  few explicit claim phrasings;
- reporting is explicit: attribution, warnings, a study's frame, clinics spoken of in the
  third person, dates and years, quoted speech, a news or science genre.

Features that earned no weight out of fold were dropped (a protocol described, claims naming the
product and a disease together, a question in a heading): their findings stay, as evidence.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from vigipub.evidence.findings import Finding
from vigipub.evidence.vocabulary import COSMETIC_GENRE, NOT_MEDICINES_ALONE, THERAPY_FAMILIES

#: therapy families the features do not count (a PRP page is not a cell therapy page)
WEAK_THERAPIES = NOT_MEDICINES_ALONE
#: claim subkinds that make a strong promise
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
PROVIDER_GENRES = frozenset({"clinic", "broker"})
#: reporting cues counted by features of their own, not by ``reporting``
_FRAME_CUES = frozenset({"about_providers", "research", "quotation"})

Span = tuple[str, int, int]


def _span(f: Finding) -> Span:
    return (f.url, f.start, f.end)


def _inferred(f: Finding) -> bool:
    return f.attributes.get("inferred") == "yes"


def is_question(f: Finding) -> bool:
    """True for a finding whose sentence is a question ("¿Cubre mi seguro las células madre?").

    A first-person question is the reader asking (an insurer's FAQ heading, a forum post), not
    a patient telling an outcome: it is never counted as a testimonial.
    """
    quote = f.quote.strip()
    return quote.endswith("?") or quote.startswith("¿")


@dataclass(frozen=True)
class PageFindings:
    """A page's findings sorted into the groups the features count (computed once)."""

    therapy: list[Finding]
    disease: list[Finding]
    own_claims: list[Finding]
    reported_claims: list[Finding]
    testimonials: list[Finding]
    calls: list[Finding]
    travel: list[Finding]
    offer: list[Finding]
    manipulation: list[Finding]
    reporting: list[Finding]
    genre: list[Finding]

    @classmethod
    def of(cls, findings: Iterable[Finding]) -> PageFindings:
        groups: dict[str, list[Finding]] = {}
        for f in findings:
            groups.setdefault(f.kind, []).append(f)
        claims = [f for f in groups.get("claim", ()) if not _inferred(f)]
        # Quotation marks only mean "reported" on a page that also reports or warns, and never
        # in a testimonial; elsewhere they are patients' words or slogans the page endorses.
        reporting_page = any(f.subkind not in _FRAME_CUES for f in groups.get("reporting_context", ()))
        testimonial_spans = {_span(f) for f in groups.get("testimonial", ())}

        def reported(f: Finding) -> bool:
            return f.attributes.get("reported") == "yes" or (
                reporting_page and f.attributes.get("quoted") == "yes" and _span(f) not in testimonial_spans
            )

        # a question asserts nothing: « Cette prise en charge fonctionne-t-elle vraiment ? »
        claims = [f for f in claims if not is_question(f)]
        return cls(
            # platelet-rich plasma is a blood preparation, not a cell or gene therapy: it never
            # counts as a therapy of interest by itself (it still shows in the findings)
            therapy=[f for f in groups.get("therapy", ()) if f.subkind not in WEAK_THERAPIES],
            disease=groups.get("disease", []),
            own_claims=[f for f in claims if not reported(f)],
            reported_claims=[f for f in claims if reported(f)],
            testimonials=[
                f
                for f in groups.get("testimonial", ())
                if f.attributes.get("reported") != "yes" and not _inferred(f) and not is_question(f)
            ],
            calls=groups.get("call_to_action", []),
            travel=groups.get("travel", []),
            # inferred offers (a verb of administration beside a therapy) are evidence only
            offer=[f for f in groups.get("offer", ()) if not _inferred(f)],
            manipulation=groups.get("manipulation", []),
            reporting=groups.get("reporting_context", []),
            genre=groups.get("genre", []),
        )


def _log_count(findings: Iterable[Finding], cap: int) -> tuple[float, list[str]]:
    """log(1 + distinct sentences), capped: the tenth claim sentence adds less than the second."""
    spans: dict[Span, str] = {}
    for f in findings:
        spans.setdefault(_span(f), f.id)
    return math.log1p(min(len(spans), cap)), list(spans.values())[:cap]


def _counted_reporting(reporting: Iterable[Finding]) -> Iterator[Finding]:
    """The reporting cues counted as sentences: the frame cues have features of their own,
    and an authority's name counts once however often it comes back. A clinic abroad names
    the FDA in every paragraph of its "FDA regulations" section (why it treats offshore);
    a regulator's warning or a news report is told by its other cues (warns, said, approved).
    """
    named = False
    for f in reporting:
        if f.subkind in _FRAME_CUES:
            continue
        if f.subkind == "regulator":
            if named:
                continue
            named = True
        yield f


def _kinds(findings: Iterable[Finding], cap: int) -> tuple[float, list[str]]:
    """Number of distinct subkinds, capped."""
    kinds: dict[str, str] = {}
    for f in findings:
        kinds.setdefault(f.subkind, f.id)
    return float(min(len(kinds), cap)), list(kinds.values())


def _any(findings: Iterable[Finding]) -> tuple[float, list[str]]:
    ids = [f.id for f in findings][:3]
    return (1.0 if ids else 0.0), ids


def _heading(f: Finding) -> bool:
    return f.attributes.get("heading") == "yes"


def genre_scores(genre: Iterable[Finding]) -> dict[str, float]:
    """Summed weights of the genre cues, a repeated cue counted once."""
    scores: dict[str, float] = {}
    seen: set[tuple[str, str]] = set()
    for f in genre:
        cue = f.match.lower() or f.entry_ids[0]
        if (f.subkind, cue) in seen:
            continue
        seen.add((f.subkind, cue))
        scores[f.subkind] = scores.get(f.subkind, 0.0) + float(f.attributes.get("weight", "1"))
    return scores


def is_veterinary(findings: Iterable[Finding]) -> bool:
    """The page's patients are animals: a veterinary practice and an animal's owner addressed.

    Genre ``veterinary`` cues are of two kinds (their ``cue`` attribute): the ``practice``
    (« clinique vétérinaire », "veterinarian", „Tierklinik“) and the ``owner`` addressed
    (« votre chien », "your horse", « nos patients à quatre pattes »). One practice cue and one
    owner cue, or two distinct owner cues, make the page veterinary. A human clinic citing a
    study "in veterinary species", or research in dogs, addresses no owner.
    """
    practice: set[str] = set()
    owner: set[str] = set()
    for f in findings:
        if f.kind == "genre" and f.subkind == "veterinary":
            cue = f.match.lower() or f.entry_ids[0]
            (owner if f.attributes.get("cue") == "owner" else practice).add(cue)
    return bool(practice and owner) or len(owner) >= 2


def says_cosmetic(findings: Iterable[Finding]) -> bool:
    """The page says its product is a cosmetic (« produit cosmétique », an INCI list, plants'
    stem cells or exosomes): a cue of the ``cosmetic`` genre, however weak."""
    return any(f.kind == "genre" and f.subkind == COSMETIC_GENRE for f in findings)


def _dated(f: Finding) -> bool:
    return f.entry_ids[:1] in (["pattern.date"], ["pattern.year"])


def _year(f: Finding) -> bool:
    return f.entry_ids[:1] == ["pattern.year"]


def _genre(genre: list[Finding], wanted: frozenset[str], cap: float) -> tuple[float, list[str]]:
    cues = [f for f in genre if f.subkind in wanted and not _dated(f)]
    scores = genre_scores(cues)
    ids = [f.id for f in cues][:5]
    return min(max(scores.values(), default=0.0), cap), ids


def _treatment_titles(p: PageFindings) -> tuple[float, list[str]]:
    """A heading naming a therapy and a disease: « Cellules souches et autisme »."""
    therapy = {_span(f): f.id for f in p.therapy if _heading(f)}
    ids: list[str] = []
    for f in p.disease:
        if _heading(f) and _span(f) in therapy:
            ids += [therapy[_span(f)], f.id]
    return (1.0 if ids else 0.0), ids[:4]


def _offer(p: PageFindings, subkind: str, cap: int) -> tuple[float, list[str]]:
    return _log_count((f for f in p.offer if f.subkind == subkind), cap)


@dataclass(frozen=True)
class Feature:
    """One input of the verdict model.

    ``scale`` says how to show the value to a reader: ``log`` (log(1 + n sentences): shown as
    n), ``count`` (shown as is), ``flag`` (yes/no: not shown), ``score`` (a weighted sum of cues:
    not shown).
    """

    name: str
    compute: Callable[[PageFindings], tuple[float, list[str]]]
    doc: str
    scale: str = "log"

    def shown(self, value: float) -> int | None:
        """The number a reader sees beside the feature's label (None: nothing to show)."""
        if self.scale == "log":
            return round(math.expm1(value))
        if self.scale == "count":
            return round(value)
        return None


FEATURES: tuple[Feature, ...] = (
    Feature("therapy", lambda p: _log_count(p.therapy, 8), "sentences naming a cell, gene or exosome therapy"),
    Feature("therapy_title", lambda p: _any(f for f in p.therapy if _heading(f)), "a heading names the therapy", "flag"),
    Feature("treatment_title", _treatment_titles, "a heading names the therapy and a disease (a treatment page)", "flag"),
    Feature("site_name", lambda p: _any(f for f in p.offer if f.subkind == "site_name"), "the site's address names the therapy", "flag"),
    Feature("disease", lambda p: _kinds(p.disease, 5), "distinct diseases named", "count"),
    Feature("claims", lambda p: _log_count(p.own_claims, 10), "the page's own claim sentences"),
    Feature(
        "strong_claims",
        lambda p: _kinds((f for f in p.own_claims if f.subkind in STRONG_CLAIMS), 4),
        "kinds of strong claims (cure, figures, safety, superiority, all diseases, guarantee)",
        "count",
    ),
    Feature("testimonials", lambda p: _log_count(p.testimonials, 5), "patients' stories"),
    Feature(
        "calls_to_action",
        lambda p: _kinds(p.calls, 5),
        "kinds of offers to obtain the therapy (price, package, booking, consultation, contact, quote, financing, purchase)",
        "count",
    ),
    Feature("travel", lambda p: _log_count(p.travel, 5), "medical-travel logistics"),
    Feature(
        "provider_voice",
        lambda p: _genre(p.genre, PROVIDER_GENRES, 4.0),
        "the provider speaks (« notre clinique », “we offer”)",
        "score",
    ),
    Feature("eligibility", lambda p: _offer(p, "eligibility", 3), "who can be treated"),
    Feature("benefits", lambda p: _offer(p, "benefits", 5), "benefits, how it works, what it is"),
    Feature("manipulation", lambda p: _any(p.manipulation), "how the cells are prepared", "flag"),
    Feature(
        "reporting",
        lambda p: _log_count(_counted_reporting(p.reporting), 10),
        "reporting or warning sentences",
    ),
    Feature(
        "reporting_kinds",
        lambda p: _kinds((f for f in p.reporting if f.subkind not in _FRAME_CUES), 6),
        "kinds of reporting cues (attribution, warning, refutation, regulator…)",
        "count",
    ),
    Feature(
        "about_providers",
        lambda p: _log_count((f for f in p.reporting if f.subkind == "about_providers"), 5),
        "clinics spoken of in the third person",
    ),
    Feature(
        "research",
        lambda p: _log_count((f for f in p.reporting if f.subkind == "research"), 8),
        "the frame of a study (researchers, trial, published in)",
    ),
    Feature("dated", lambda p: _any(f for f in p.genre if _dated(f) and not _year(f)), "a full date on the page (news, notices)", "flag"),
    Feature("years", lambda p: _log_count((f for f in p.genre if _year(f)), 5), "sentences mentioning a year"),
    Feature(
        "quotations",
        lambda p: _log_count((f for f in p.reporting if f.subkind == "quotation"), 5),
        "quoted speech (who said what)",
    ),
    Feature("reported_claims", lambda p: _log_count(p.reported_claims, 5), "claims the page reports or quotes"),
    Feature(
        "genre_reporting",
        lambda p: _genre(p.genre, NON_PROMOTIONAL_GENRES, 6.0),
        "news, regulator, science, trial, encyclopaedia, authorised medicine or association genre",
        "score",
    ),
)
FEATURE_NAMES: tuple[str, ...] = tuple(f.name for f in FEATURES)
BY_NAME: dict[str, Feature] = {f.name: f for f in FEATURES}


def compute(
    findings: Iterable[Finding], page: PageFindings | None = None
) -> tuple[dict[str, float], dict[str, list[str]]]:
    """(feature values, finding ids behind each feature) for a page.

    ``page`` is ``PageFindings.of(findings)`` when the caller has it already (the verdict
    reads it too): grouping the findings again would cost as much as the features.
    """
    if page is None:
        page = PageFindings.of(findings)
    values: dict[str, float] = {}
    evidence: dict[str, list[str]] = {}
    for feature in FEATURES:
        value, ids = feature.compute(page)
        values[feature.name] = round(value, 6)
        if value:
            evidence[feature.name] = ids
    return values, evidence


def therapy_families(findings: Iterable[Finding]) -> list[str]:
    """The ATMP-candidate or exosome families named, in order of first mention."""
    out: list[str] = []
    for f in findings:
        if f.kind == "therapy" and f.subkind not in out and f.subkind in THERAPY_FAMILIES:
            out.append(f.subkind)
    return out


def with_site_therapy(values: dict[str, float]) -> dict[str, float]:
    """The features of a page that does not name the therapy, as if it named its site's therapy.

    On a clinic's site a results, prices or testimonials page speaks of the therapy the other
    pages name: the page counts one therapy sentence.
    """
    out = dict(values)
    out["therapy"] = max(out.get("therapy", 0.0), math.log1p(1))
    return out
