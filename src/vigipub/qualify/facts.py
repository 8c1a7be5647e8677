"""The pure facts layer: what the rules reason on, built from pages, register answers and a case.

Every rule reads :class:`SiteFacts`, never the raw evidence files, so a case file with quoted
claims and no dossier can be qualified too (its claims become ``claim`` facts whose source is
« case file »). Each :class:`Fact` keeps the id of the finding (or case item) it comes from, the
exact quote and the digest of the record it was read in: that is the trace a test cites.

Only pages whose verdict is ``promotion`` (or ``uncertain``, marked ``weak``) support
conclusions; findings of ``not_promotion`` pages are kept apart (:attr:`SiteFacts.excluded`)
and never support anything.

Case conventions (``vigipub.evidence.case.Case`` is shared and not extended here):
- ``Case.defences`` lists the arguments raised (ids or aliases of ``law/france/defences.yaml``);
- an observations event may say which arguments it raised, and quote them, with a note of the
  form ``"medical_tourism_only: « quote … »"`` or ``"no_activity_in_france, translation_for_swiss_patients"``;
  a raised defence no event names is attached to the first written observations;
- a ``compliance_check`` event whose note starts with ``non_compliant`` records that the
  advertising continued (T13).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Literal
from urllib.parse import urlsplit

from vigipub.evidence.case import Case, Company, Event
from vigipub.evidence.findings import OperatorIdentity, PageAnalysis
from vigipub.evidence.registers import AuthorisationAnswer
from vigipub.evidence.vocabulary import THERAPY_FAMILIES

from .quotes import is_boilerplate

Strength = Literal["strong", "weak", "case_file"]

#: findings whose quote is the site's wording (a banner in them is noise, not a fact)
_WORDING_KINDS = frozenset({"claim", "testimonial", "manipulation", "call_to_action", "travel"})


@dataclass(frozen=True)
class Fact:
    """One fact a rule may use as evidence."""

    id: str
    kind: str  # Finding.kind, or: register, event, defence
    subkind: str
    quote: str
    url: str = ""
    source: str = "page"  # page | page metadata | case file | register
    strength: Strength = "strong"
    language: str | None = None
    attributes: Mapping[str, str] = field(default_factory=dict)
    record_digest: str | None = None
    on: date | None = None  # events and observations
    confidence: float = 1.0  # the detector's confidence in the finding (case file: 1)
    page_score: float | None = None  # the promotion score of the page it was found on


@dataclass(frozen=True)
class PageInfo:
    url: str
    language: str | None
    verdict: str
    genre: str
    digest: str | None


@dataclass(frozen=True)
class RaisedDefence:
    raised_as: str  # id or alias, as written in the case
    on: date | None
    event_kind: str | None
    quote: str  # the company's words, if the event note quotes them
    fact_id: str


@dataclass(frozen=True)
class SiteFacts:
    date_of_facts: date
    site_url: str | None
    pages: tuple[PageInfo, ...]
    facts: tuple[Fact, ...]  # supporting facts only
    excluded: tuple[Fact, ...]  # findings of not_promotion pages: never evidence
    company: Company | None = None
    product: str | None = None  # how the decision names the product
    websites: tuple[str, ...] = ()
    events: tuple[Event, ...] = ()
    defences: tuple[RaisedDefence, ...] = ()
    measure_requested: str | None = None  # Case.decision.measure, if the case fixes it
    letter_scope: str | None = None  # Case.letter_of_intent.scope (advertising | all_activities)
    urgency: str | None = None  # Case.urgency: why the contradictory procedure was skipped
    boilerplate: tuple[Fact, ...] = ()  # cookie/consent/privacy banners, disclaimers: never evidence

    # -- queries ---------------------------------------------------------------------------
    def of(self, kind: str, subkinds: Iterable[str] | None = None) -> list[Fact]:
        wanted = set(subkinds) if subkinds is not None else None
        return [f for f in self.facts if f.kind == kind and (wanted is None or f.subkind in wanted)]

    def by_id(self) -> dict[str, Fact]:
        return {f.id: f for f in self.facts}

    @property
    def therapies(self) -> list[Fact]:
        return self.of("therapy")

    @property
    def families(self) -> list[str]:
        seen: list[str] = []
        for f in self.therapies:
            fam = f.attributes.get("family", "")
            if fam and fam not in seen:
                seen.append(fam)
        return seen

    @property
    def french_pages(self) -> list[PageInfo]:
        return [p for p in self.pages if p.language == "fr" and p.verdict != "not_promotion"]

    def events_of(self, *kinds: str) -> list[Event]:
        return sorted((e for e in self.events if e.kind in kinds), key=lambda e: e.date)

    @property
    def product_label(self) -> str:
        """The product as the decision names it (case file first, then the therapy family)."""
        if self.product:
            return self.product
        for fam in self.families:
            if fam in THERAPY_FAMILIES:
                return THERAPY_FAMILIES[fam][0]
        return "le produit"


# -- builders ------------------------------------------------------------------------------

_CLAIM_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # a deterministic, conservative classifier for claims typed in a case file (no dossier):
    # the first matching subkind wins; a claim matching nothing stays "unclassified".
    ("efficacy_figure", (r"\d+\s?%", r"taux de (réussite|succès|guérison)")),
    ("cure", (r"guéri", r"guérison", r"rémission", r"vaincre")),
    ("prevent", (r"prév(enir|ention|ient)",)),
    ("safety", (r"effets? (secondaires?|indésirables?)", r"sans danger", r"naturel")),
    ("universality", (r"tous les (types|cancers)",)),
    ("superiority", (r"éviter la chimio", r"meilleur", r"plus efficace")),
    ("innovation", (r"innovant", r"révolutionnaire")),
    ("treat", (r"trait(e|er|ement)", r"efficace", r"soign")),
)


def classify_claim(text: str) -> str:
    low = text.lower()
    for subkind, patterns in _CLAIM_KEYWORDS:
        if any(re.search(p, low) for p in patterns):
            return subkind
    return "unclassified"


def family_of_product(product: str) -> str | None:
    """The therapy family a case file's product name designates (vocabulary labels only)."""
    low = product.lower()
    if "dendriti" in low:
        return "dendritic_cells"
    best: str | None = None
    for fam, (label_fr, label_en, _atmp) in THERAPY_FAMILIES.items():
        # prefer the most specific (longest) label
        matches = label_fr.lower() in low or label_en.lower() in low
        if matches and (best is None or len(label_fr) > len(THERAPY_FAMILIES[best][0])):
            best = fam
    return best


_NOTE = re.compile(r"^\s*([a-z_]+(?:\s*,\s*[a-z_]+)*)\s*(?::\s*(.*))?$", re.S)


def _url_signal(url: str) -> str | None:
    """A French address is a France signal (QUALIFICATION.md T0): ``.fr`` domain or ``/fr/`` path."""
    m = re.match(r"^[a-z]+://([^/]+)(/.*)?$", url.strip(), re.I)
    if not m:
        return None
    host, path = m.group(1).lower().split(":")[0], (m.group(2) or "").lower()
    if host.endswith(".fr"):
        return "fr_domain"
    if re.search(r"(^|/)fr(-[a-z]{2})?(/|$)", path):
        return "fr_variant"
    return None


def _host(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def _page_digest(page: PageAnalysis) -> str | None:
    if page.record is not None:
        return page.record.payload_digest
    return page.text_sha256


def build_facts(
    pages: list[PageAnalysis],
    authorisations: list[AuthorisationAnswer] | None = None,
    *,
    case: Case | None = None,
    site_url: str | None = None,
    date_of_facts: date,
    known_defences: Iterable[str] = (),
    operator: OperatorIdentity | None = None,
) -> SiteFacts:
    """Turn the evidence models into :class:`SiteFacts` (pure; no I/O).

    The company is the case file's; without one, the operator named by the site itself
    (``operator``, read from its legal notice) stands in, so that the draft names it.
    """
    facts: list[Fact] = []
    excluded: list[Fact] = []
    boilerplate: list[Fact] = []
    infos: list[PageInfo] = []
    # Site context: on a site whose other pages promote the product, how a page of the same
    # site says the cells are prepared (culture, priming…) is the preparation of that product,
    # even on a page that is not itself promotion (a « notre laboratoire » page).
    promoting_sites = {_host(p.url) for p in pages if p.verdict == "promotion"}
    for n, page in enumerate(pages):
        digest = _page_digest(page)
        infos.append(PageInfo(page.url, page.language, page.verdict, page.genre, digest))
        strength: Strength = "strong" if page.verdict == "promotion" else "weak"
        target = excluded if page.verdict == "not_promotion" else facts
        site_context = page.verdict == "not_promotion" and _host(page.url) in promoting_sites
        if page.language == "fr":
            target.append(
                Fact(
                    id=f"page{n}:language",
                    kind="france_targeting",
                    subkind="french_language",
                    quote=page.title or page.url,
                    url=page.url,
                    source="page metadata",
                    strength=strength,
                    language="fr",
                    record_digest=digest,
                )
            )
        for finding in page.findings:
            # a cookie banner (« Nous utilisons des cookies pour améliorer votre expérience… »)
            # or a disclaimer trips the claim lexicon; it is not the site's word on the product
            noise = finding.kind in _WORDING_KINDS and is_boilerplate(finding.quote)
            into = target
            if site_context and finding.kind == "manipulation" and not noise:
                into = facts  # weak: read on a page of the site that is not itself promotion
            (boilerplate if noise else into).append(
                Fact(
                    id=finding.id,
                    kind=finding.kind,
                    subkind=finding.subkind,
                    quote=finding.quote,
                    url=finding.url or page.url,
                    source="page",
                    strength=strength,
                    language=finding.language or page.language,
                    attributes=dict(finding.attributes),
                    record_digest=finding.payload_digest or digest,
                    confidence=finding.confidence,
                    page_score=page.score,
                )
            )
    for n, answer in enumerate(authorisations or []):
        digests = [d for s in answer.sources for d in s.files_sha256.values()]
        facts.append(
            Fact(
                id=f"register{n}:{answer.therapy}",
                kind="register",
                subkind=answer.status,
                quote=answer.text_fr,
                source="register",
                attributes={
                    "therapy": answer.therapy,
                    "procedures": ",".join(
                        sorted(
                            {
                                (m.procedure or "").lower()
                                for m in answer.matches
                                if m.authorised and m.procedure
                            }
                        )
                    ),
                    "registries": ",".join(sorted({m.registry for m in answer.matches})),
                },
                record_digest=digests[0] if digests else None,
            )
        )
    product: str | None = None
    events: tuple[Event, ...] = ()
    raised: list[RaisedDefence] = []
    company: Company | None = None
    websites: tuple[str, ...] = ()
    measure: str | None = None
    letter_scope: str | None = None
    urgency: str | None = None
    if case is not None:
        company, product, websites = case.company, case.product, tuple(case.websites)
        all_events = list(case.events)
        letter = getattr(case, "letter_of_intent", None)  # optional field of newer Case models
        if letter is not None:
            letter_scope = letter.scope
            if letter.date and not any(e.kind == "letter_of_intent" for e in all_events):
                all_events.append(
                    Event(date=letter.date, kind="letter_of_intent", note=f"scope: {letter.scope}")
                )
        urgency = getattr(case, "urgency", None)
        events = tuple(sorted(all_events, key=lambda e: e.date))
        measure = case.decision.measure if case.decision else None
        if product and not any(f.kind == "therapy" for f in facts):
            fam = family_of_product(product)
            facts.append(
                Fact(
                    id="case:product",
                    kind="therapy",
                    subkind=fam or "unknown",
                    quote=product,
                    source="case file",
                    strength="case_file",
                    attributes={"family": fam} if fam else {},
                )
            )
        for n, site in enumerate(websites):
            signal = _url_signal(site)
            if signal:
                facts.append(
                    Fact(
                        id=f"case:website{n}",
                        kind="france_targeting",
                        subkind=signal,
                        quote=site,
                        url=site,
                        source="case file",
                        strength="case_file",
                    )
                )
        for n, claim in enumerate(case.claims):
            facts.append(
                Fact(
                    id=f"case:claim{n}",
                    kind="claim",
                    subkind=classify_claim(claim),
                    quote=claim,
                    url=(websites[0] if websites else site_url) or "",
                    source="case file",
                    strength="case_file",
                    attributes={"classified_by": "vigipub.qualify.facts.classify_claim"},
                )
            )
        for n, event in enumerate(events):
            facts.append(
                Fact(
                    id=f"case:event{n}",
                    kind="event",
                    subkind=event.kind,
                    quote=event.note,
                    source="case file",
                    strength="case_file",
                    on=event.date,
                )
            )
        raised = _raised_defences(case, events, set(known_defences))
        for r in raised:
            facts.append(
                Fact(
                    id=r.fact_id,
                    kind="defence",
                    subkind=r.raised_as,
                    quote=r.quote,
                    source="case file",
                    strength="case_file",
                    on=r.on,
                )
            )
    url = site_url or (websites[0] if websites else None) or (pages[0].url if pages else None)
    if company is None and operator is not None and operator.name:
        company = Company(
            name=operator.name,
            addresses=[operator.address] if operator.address else [],
            country=operator.country,
        )
    return SiteFacts(
        date_of_facts=date_of_facts,
        site_url=url,
        pages=tuple(infos),
        facts=tuple(facts),
        excluded=tuple(excluded),
        company=company,
        product=product,
        websites=websites,
        events=events,
        defences=tuple(raised),
        measure_requested=measure,
        letter_scope=letter_scope,
        urgency=urgency,
        boilerplate=tuple(boilerplate),
    )


def _raised_defences(case: Case, events: tuple[Event, ...], known: set[str]) -> list[RaisedDefence]:
    """Attach each raised defence to the observations event that raised it (see module doc)."""
    obs = [e for e in events if e.kind in ("written_observations", "oral_observations")]
    out: list[RaisedDefence] = []
    named: set[str] = set()
    for event in obs:
        m = _NOTE.match(event.note or "")
        if not m:
            continue
        ids = [i.strip() for i in m.group(1).split(",")]
        if not all(i in case.defences or i in known for i in ids):
            continue  # a plain note, not a list of defence ids
        text = (m.group(2) or "").strip()
        q = re.search(r"«\s*(.+?)\s*»", text, re.S)
        for i in ids:
            named.add(i)
            out.append(
                RaisedDefence(i, event.date, event.kind, q.group(1) if q else "", f"case:defence{len(out)}")
            )
    first = next((e for e in obs if e.kind == "written_observations"), obs[0] if obs else None)
    for raised in case.defences:
        if raised not in named:
            out.append(
                RaisedDefence(
                    raised,
                    first.date if first else None,
                    first.kind if first else None,
                    "",
                    f"case:defence{len(out)}",
                )
            )
    return out
