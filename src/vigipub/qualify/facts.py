"""The pure facts layer: what the rules reason on, built from pages, register answers and a case.

Every rule reads :class:`SiteFacts`, never the raw evidence files, so a case file with quoted
claims and no dossier can be qualified too (its claims become ``claim`` facts whose source is
« case file »). Each :class:`Fact` keeps the id of the finding (or case item) it comes from, the
exact quote and the digest of the record it was read in: that is the trace a test cites.

Only pages whose verdict is ``promotion`` (or ``uncertain``, marked ``weak``) support
conclusions; findings of ``not_promotion`` pages are kept apart (:attr:`SiteFacts.excluded`)
and never support anything.

What the case file contributes:
- its quotes (claims, what the inspector established on the site, the product's name) are read
  by the *detector* (``vigipub.pipeline.read_case``), the same classifier as for pages; its
  findings arrive as ``case_reading`` (each finding's ``case_item`` attribute says which quote
  it comes from: ``claims[0]``, ``established.preparation[1]``…). A claim is one fact whose
  subkind is the strongest the detector found in it (``unclassified`` when none, or when the
  case was not read);
- ``established`` items are facts by themselves too (the inspector checked them): a French
  version, French testimonials, euro prices, French phones, travel from France, preparation;
  ``established.pages`` overrides the detector's verdict on a page;
- the observations: each event's ``arguments`` (catalogued defences or free arguments with the
  inspector's answer), the legacy note form ``"medical_tourism_only: « quote … »"``, and
  ``Case.defences`` (ids raised in no recorded event: undated);
- a ``compliance_check`` event whose ``verdict`` is ``not_complied`` records that the
  advertising continued (T13); a ``letter_of_intent`` event's ``scope`` says what it announced.
  Notes are free text for the file: no fact is ever read from them (but the documented legacy
  list of defence ids, above).

A disease the sentence denies (« pas de chute de cheveux ») is never a target: it is kept
apart (:attr:`SiteFacts.denied`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Literal

from vigipub.evidence.case import Case, Company, Event, LetterScope
from vigipub.evidence.findings import (
    Finding,
    OperatorIdentity,
    PageAnalysis,
    declared_paid_content,
    speaks_of_no_medicine,
)
from vigipub.evidence.qualification import MeasureKind
from vigipub.evidence.registers import AuthorisationAnswer
from vigipub.evidence.vocabulary import (
    COMBINED_THERAPY_FR,
    GENERIC_FAMILIES,
    INCITATION_SUBKINDS,
    NOT_MEDICINES_ALONE,
    SITE_STATEMENT_OFFERS,
    THERAPY_FAMILIES,
    THERAPY_MATERIALS_FR,
    VESICLE_FAMILIES,
    invites_to_treatment,
)

from .quotes import is_boilerplate

Strength = Literal["strong", "weak", "case_file"]
#: where a fact comes from: a finding of a page, a page's metadata, the inspector, a register
Source = Literal["page", "page metadata", "case file", "register"]

#: findings whose quote is the site's wording (a banner in them is noise, not a fact)
_WORDING_KINDS = frozenset({"claim", "testimonial", "manipulation", "call_to_action", "travel"})
#: what a page says to sell a product: said of a product that is no medicine alone, not the site's
_OFFER_WORDING_KINDS = frozenset({"claim", "testimonial", "call_to_action"})


def _never(_f: Finding) -> bool:
    return False


@dataclass(frozen=True)
class Fact:
    """One fact a rule may use as evidence."""

    id: str
    kind: str  # Finding.kind, or: register, event, defence
    subkind: str
    quote: str
    url: str = ""
    source: Source = "page"
    strength: Strength = "strong"
    language: str | None = None
    attributes: Mapping[str, str] = field(default_factory=dict)
    record_digest: str | None = None
    on: date | None = None  # events and observations
    confidence: float = 1.0  # the detector's confidence in the finding (case file: 1)
    page_score: float | None = None  # the promotion score of the page it was found on
    match: str = ""  # the words of the quote that the detector matched


@dataclass(frozen=True)
class PageInfo:
    url: str
    language: str | None
    verdict: str
    genre: str
    digest: str | None


@dataclass(frozen=True)
class RaisedDefence:
    """One argument of the company: a catalogued defence (``raised_as``) or a free one."""

    raised_as: str  # id or alias, as written in the case; "" for an argument outside the catalogue
    on: date | None  # the observations that raised it; None when no event is recorded for it
    event_kind: str | None
    quote: str  # the company's words, if the case quotes them
    fact_id: str
    summary: str = ""  # the case's summary (completes « la société fait valoir que … »)
    answer: str = ""  # the inspector's answer (a French sentence)
    basis: tuple[str, ...] = ()  # article keys of that answer


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
    measure_requested: MeasureKind | None = None  # Case.decision.measure, if the case fixes it
    letter_scope: LetterScope | None = None  # Case.letter_of_intent.scope
    urgency: str | None = None  # Case.urgency: why the contradictory procedure was skipped
    boilerplate: tuple[Fact, ...] = ()  # cookie/consent/privacy banners, disclaimers: never evidence
    product_article: str | None = None  # Case.product_article: « la » thérapie, « le » vaccin
    denied: tuple[Fact, ...] = ()  # diseases a sentence denies (« pas de chute de cheveux »)
    addresses: tuple[str, ...] = ()  # where the letter of intent was sent (all of them)
    captures: tuple[tuple[str, str], ...] = ()  # (ISO date, digest) of the captures kept
    case_file: bool = False  # a case file was given (else: a draft from the evidence alone)

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
    def product_label(self) -> str | None:
        """The product as the decision names it (case file first, then the therapy family)."""
        if self.product:
            return self.product
        return product_label_of((f.attributes.get("family", ""), f.quote) for f in self.therapies)


# -- builders ------------------------------------------------------------------------------


def product_label_of(therapies: Iterable[tuple[str, str]]) -> str | None:
    """The product a site promotes, named by its therapy families: ``therapies`` are the
    (family, sentence) of the therapies named on its promoting pages, in the order of the site.

    The family the site names most, the first named on a tie: « Praxis für Regenerative Medizin
    – Stammzellen » in a title is a stem-cell site, whose umbrella words (« médecine
    régénérative », « cell therapy ») count half; « PRP et cellules souches »: the blood
    preparation is never the product. Each sentence counts once: a menu entry repeated on every
    page (« Exosomes cheveux et peau ») names the product once, not once per page.
    """
    counts: dict[str, float] = {}
    order: dict[str, int] = {}
    seen: set[tuple[str, str]] = set()
    for fam, sentence in therapies:
        order.setdefault(fam, len(order))
        said = (fam, " ".join(sentence.split()).casefold())
        if fam in THERAPY_FAMILIES and fam not in NOT_MEDICINES_ALONE and said not in seen:
            seen.add(said)
            counts[fam] = counts.get(fam, 0.0) + (0.5 if fam in GENERIC_FAMILIES else 1.0)
    if not counts:
        return None
    # a « vaccin contre le cancer » on a site that names dendritic cells is that dendritic-cell
    # vaccine: its mentions name the dendritic-cell product (Iaso Health's « vaccin » is its TCD)
    if "cancer_vaccine" in counts and "dendritic_cells" in counts:
        counts["dendritic_cells"] += 2 * counts.pop("cancer_vaccine")

    def most_named(families: Iterable[str]) -> str:
        return max(families, key=lambda fam: (counts[fam], -order[fam]))

    best = most_named(counts)
    # a clinic that sells exosomes for the hair and cells for the knee advertises both: the
    # decision names both products (« la thérapie par cellules souches et exosomes ») when
    # neither is a passing mention (a third of the other's mentions at least)
    cells = [f for f in counts if f in THERAPY_MATERIALS_FR and f not in VESICLE_FAMILIES]
    vesicles = [f for f in counts if f in VESICLE_FAMILIES]
    if cells and vesicles:
        cell, vesicle = most_named(cells), most_named(vesicles)
        if min(counts[cell], counts[vesicle]) >= max(2.0, max(counts[cell], counts[vesicle]) / 3):
            return COMBINED_THERAPY_FR.format(cells=THERAPY_MATERIALS_FR[cell], vesicles=THERAPY_MATERIALS_FR[vesicle])
    return THERAPY_FAMILIES[best][0]


#: the established items the inspector records, and what each is by itself (kind, subkind), with
#: the France signal it carries
ESTABLISHED: dict[str, tuple[tuple[str, str], ...]] = {
    "french_testimonials": (("testimonial", "testimonial"), ("france_targeting", "french_patient")),
    "euro_prices": (("call_to_action", "price"), ("france_targeting", "euro_price")),
    "french_phones": (("france_targeting", "french_phone"),),
    "travel_from_france": (("travel", "logistics"), ("france_targeting", "from_france_logistics")),
    "testimonials": (("testimonial", "testimonial"),),
    "preparation": (("manipulation", "unknown"),),
    "calls_to_action": (("call_to_action", "contact"),),
}
#: the claim kinds in the order their strength is judged (the strongest names the claim)
CLAIM_STRENGTH: tuple[str, ...] = (
    "cure", "efficacy_figure", "safety", "superiority", "universality", "guarantee", "treat", "prevent",
    "innovation", "non_invasive",
)  # fmt: skip


def case_items(case: Case) -> list[tuple[str, str]]:
    """The case file's quotes the detector reads, each with where it is (``claims[0]``)."""
    items: list[tuple[str, str]] = [("product", case.product)]
    items += [(f"claims[{i}]", c) for i, c in enumerate(case.claims)]
    for key in ESTABLISHED:
        items += [(f"established.{key}[{i}]", t) for i, t in enumerate(getattr(case.established, key))]
    return [(k, " ".join(t.split())) for k, t in items if t.strip()]


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


def _page_digest(page: PageAnalysis) -> str | None:
    if page.record is not None:
        return page.record.payload_digest
    return page.text_sha256


#: a word that denies what follows it within two words: « pas de chute de cheveux », « sans
#: nausées », « aucune douleur », « no hair loss », « keine Übelkeit », « sin dolor »…
#: (« ne … plus de » is left out: « il n'a plus de crises » says a disease was cured)
_DENIAL = re.compile(
    r"(?:^|[^\w])(?:pas|aucune?|sans|ni|jamais|no|not|without|never|none|kein\w*|ohne|nie|sin|ningun[oa]?"
    r"|ningún|senza|nessun[oa]?|geen|zonder|sem|nenhum[a]?)(?:[\s'’]+[\w-]+){0,2}[\s'’]*$",
    re.IGNORECASE,
)


def denies(quote: str, match: str) -> bool:
    """True when the sentence denies the disease it names (an absence of side effect is not a
    target: « Pas de chute de cheveux » is no claim to treat alopecia)."""
    if not match:
        return False
    at = quote.casefold().find(match.casefold())
    return at >= 0 and bool(_DENIAL.search(quote[:at]))


INCITATIONS = INCITATION_SUBKINDS  # a booking page of a promoting site is an incitation


def build_facts(
    pages: list[PageAnalysis],
    authorisations: list[AuthorisationAnswer] | None = None,
    *,
    case: Case | None = None,
    site_url: str | None = None,
    date_of_facts: date,
    known_defences: Iterable[str] = (),
    operator: OperatorIdentity | None = None,
    case_reading: PageAnalysis | None = None,
) -> SiteFacts:
    """Turn the evidence models into :class:`SiteFacts` (pure; no I/O).

    The company is the case file's; without one, the operator named by the site itself
    (``operator``, read from its legal notice) stands in, so that the draft names it.
    ``case_reading`` is the detector's reading of the case file's quotes (see module doc).
    """
    facts: list[Fact] = []
    excluded: list[Fact] = []
    boilerplate: list[Fact] = []
    denied: list[Fact] = []
    infos: list[PageInfo] = []
    judged = {p.url.rstrip("/"): str(p.verdict) for p in (case.established.pages if case is not None else [])}
    verdicts = [judged.get(p.url.rstrip("/"), p.verdict) for p in pages]
    # a page is read in the context of its site: the booking page of a promoting site invites
    # patients to receive what the other pages promote (an incitation, CSP L. 5122-1)
    site_promotes = "promotion" in verdicts
    # a site whose pages name a product besides PRP: what it says of its PRP alone is set aside
    # (a site that names only PRP is judged on it, as a case file about PRP would be)
    sells_a_medicine = any(f.names_a_medicine for page in pages for f in page.findings)
    for n, page in enumerate(pages):
        digest = _page_digest(page)
        verdict = verdicts[n]
        infos.append(PageInfo(page.url, page.language, verdict, page.genre, digest))
        strength: Strength = "strong" if verdict == "promotion" else "weak"
        target = excluded if verdict == "not_promotion" else facts
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
        inspector_cleared = judged.get(page.url.rstrip("/")) == "not_promotion"
        invites = invites_to_treatment(
            [(f.subkind, f.quote) for f in page.findings if f.kind == "call_to_action"]
        )
        title = " ".join((page.title or "").split())
        other_product = speaks_of_no_medicine(page) if sells_a_medicine else _never
        for finding in page.findings:
            if finding.attributes.get("source") == "yes":
                # the cells that made the exosomes (« exosomes issus de cellules souches ») and how
                # they were grown: not the product, whose family is the exosomes' (no cells: not a
                # cell therapy, no manipulation of cells)
                continue
            if finding.kind == "testimonial" and finding.attributes.get("third_person") == "yes":
                # « 68 % de nos patients … après le traitement »: the provider speaking, which
                # its claims already hold; the decision never calls it a patient's testimonial
                continue
            # a cookie banner (« Nous utilisons des cookies pour améliorer votre expérience… »)
            # or a disclaimer trips the claim lexicon; it is not the site's word on the product
            noise = finding.kind in _WORDING_KINDS and is_boilerplate(finding.quote)
            attributes = dict(finding.attributes)
            if title and finding.start == 0 and " ".join(finding.quote.split()) == title:
                attributes["page_title"] = "yes"  # the <title>: quoted without the site's name
            fact = Fact(
                id=finding.id,
                kind=finding.kind,
                subkind=finding.subkind,
                quote=finding.quote,
                url=finding.url or page.url,
                source="page",
                strength=strength,
                language=finding.language or page.language,
                attributes=attributes,
                record_digest=finding.payload_digest or digest,
                confidence=finding.confidence,
                page_score=page.score,
                match=finding.match,
            )
            home = target
            if noise:
                home = boilerplate
            elif finding.kind in _OFFER_WORDING_KINDS and other_product(finding):
                # « PRP cheveux (protocole 3 séances) 800 € » on an exosome clinic's price list: the
                # price, claim or story of a blood preparation, no incitation to receive the product
                home = excluded
                fact = replace(fact, attributes={**fact.attributes, "other_product": "yes"})
            elif finding.kind == "disease" and denies(finding.quote, finding.match):
                home = denied
            elif (
                target is excluded
                and site_promotes
                and not inspector_cleared
                and (
                    # a page of the site that is no promotion by itself still speaks for the
                    # product its other pages promote: its booking page invites patients to receive
                    # it (an incitation, CSP L. 5122-1); how it says the cells are prepared
                    # (culture, priming…, a « notre laboratoire » page) answers the
                    # substantial-manipulation test; what it says of its provider (« SSF Conseil
                    # Ltd est un intermédiaire… » in the legal notice, « nos cellules CAR-T,
                    # fabriquées sur place ») is the site's own word, whatever page states it
                    (invites and finding.kind == "call_to_action" and finding.subkind in INCITATIONS)
                    or finding.kind == "manipulation"
                    or (finding.kind == "offer" and finding.subkind in SITE_STATEMENT_OFFERS)
                )
            ):
                fact = replace(fact, strength="weak", attributes={**fact.attributes, "context": "site"})
                home = facts
            home.append(fact)
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
                    # "1" when a product the site names was found (not only its family's products)
                    "named": "1" if any(not m.match_field.startswith(("family:", "atmp")) for m in answer.matches) else "",
                    # "1" when an authorised product found is an advanced therapy (T8.public_prescription)
                    "atmp": "1" if any(m.authorised and m.atmp for m in answer.matches) else "",
                },
                record_digest=digests[0] if digests else None,
            )
        )
    product: str | None = None
    events: tuple[Event, ...] = ()
    raised: list[RaisedDefence] = []
    company: Company | None = None
    websites: tuple[str, ...] = ()
    measure: MeasureKind | None = None
    letter_scope: LetterScope | None = None
    urgency: str | None = None
    addresses: tuple[str, ...] = ()
    captures: tuple[tuple[str, str], ...] = ()
    if case is not None:
        company, product, websites = case.company, case.product, tuple(case.websites)
        all_events = list(case.events)
        letter = case.letter_of_intent
        addresses = tuple(
            (letter.addresses if letter and letter.addresses else None) or case.company.addresses
        )
        if letter is not None:
            letter_scope = letter.scope
            if letter.date and not any(e.kind == "letter_of_intent" for e in all_events):
                all_events.append(
                    Event(
                        date=letter.date,
                        kind="letter_of_intent",
                        note=f"scope: {letter.scope}",
                        scope=letter.scope,
                    )
                )
        urgency = case.urgency
        events = tuple(sorted(all_events, key=lambda e: e.date))
        measure = case.decision.measure if case.decision else None
        captures = tuple((c.date.isoformat(), c.sha256) for c in case.captures)
        read = _case_findings(case_reading)
        texts = dict(case_items(case))
        facts.extend(
            _case_fact(f, key, texts.get(key, f.quote))
            for key, found in read.items()
            for f in found
            if key != "product"
        )
        _sort_case_facts(facts, denied)
        product_reading = [f for f in read.get("product", []) if f.kind == "therapy"]
        if product and not any(f.kind == "therapy" and f.source != "case file" for f in facts):
            fam = next(
                (f.attributes.get("family") for f in product_reading if f.attributes.get("family")), None
            )
            fam = fam or family_of_product(product)
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
                facts.append(_case_file_fact(f"case:website{n}", "france_targeting", signal, site, url=site))
        facts.extend(_established_facts(case, read))
        for n, claim in enumerate(case.claims):
            found = [f for f in read.get(f"claims[{n}]", []) if f.kind == "claim"]
            kinds = sorted({f.subkind for f in found}, key=_claim_rank)
            facts.append(
                Fact(
                    id=f"case:claim{n}",
                    kind="claim",
                    subkind=kinds[0] if kinds else "unclassified",
                    quote=claim,
                    url=(websites[0] if websites else site_url) or "",
                    source="case file",
                    strength="case_file",
                    attributes={
                        "classified_by": "vigipub.detect" if case_reading is not None else "none",
                        "subkinds": ",".join(kinds),
                        **(
                            {"inferred": "yes"}
                            if found and all(f.attributes.get("inferred") == "yes" for f in found)
                            else {}
                        ),
                    },
                )
            )
        for n, event in enumerate(events):
            typed = {"scope": event.scope, "verdict": event.verdict}
            facts.append(
                _case_file_fact(
                    f"case:event{n}",
                    "event",
                    event.kind,
                    event.note,
                    on=event.date,
                    attributes={k: str(v) for k, v in typed.items() if v is not None},
                )
            )
        raised = _raised_defences(case, events, set(known_defences))
        for r in raised:
            facts.append(_case_file_fact(r.fact_id, "defence", r.raised_as or "other", r.quote, on=r.on))
    url = site_url or (websites[0] if websites else None) or (pages[0].url if pages else None)
    advertorial = declared_paid_content(p for p, v in zip(pages, verdicts, strict=True) if v == "promotion")
    if company is None and operator is not None and operator.name and not advertorial:
        company = Company(
            name=operator.name,
            addresses=[operator.address] if operator.address else [],
            country=operator.country,
        )
        addresses = tuple(company.addresses)
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
        product_article=str(case.product_article) if case is not None and case.product_article else None,
        denied=tuple(denied),
        addresses=addresses,
        captures=captures,
        case_file=case is not None,
    )


def _claim_rank(subkind: str) -> int:
    return CLAIM_STRENGTH.index(subkind) if subkind in CLAIM_STRENGTH else len(CLAIM_STRENGTH)


def _case_file_fact(
    id_: str,
    kind: str,
    subkind: str,
    quote: str,
    *,
    url: str = "",
    on: date | None = None,
    language: str | None = None,
    attributes: Mapping[str, str] | None = None,
) -> Fact:
    """A fact the case file states (the inspector's, not a page's)."""
    return Fact(
        id=id_,
        kind=kind,
        subkind=subkind,
        quote=quote,
        url=url,
        source="case file",
        strength="case_file",
        language=language,
        attributes=dict(attributes or {}),
        on=on,
    )


def _case_findings(reading: PageAnalysis | None) -> dict[str, list[Finding]]:
    """The detector's findings on the case file's quotes, by quote (``claims[0]``…)."""
    out: dict[str, list[Finding]] = {}
    for f in reading.findings if reading is not None else []:
        key = f.attributes.get("case_item")
        if key and f.kind != "genre":
            out.setdefault(key, []).append(f)
    return out


_FROM_READING = frozenset(
    {"manipulation", "disease", "therapy", "testimonial", "call_to_action", "travel", "france_targeting"}
)


#: what the inspector quotes whole (a preparation, a testimonial): the fact quotes the item as
#: typed, not the one sentence of it the detector matched
_WHOLE_ITEM = frozenset({"manipulation", "testimonial", "call_to_action", "travel"})


def _case_fact(finding: Finding, key: str, item: str) -> Fact:
    return Fact(
        id=f"case:{key}:{finding.kind}:{finding.subkind}:{finding.start}",
        kind=finding.kind if finding.kind in _FROM_READING else "other",
        subkind=finding.subkind,
        quote=item if finding.kind in _WHOLE_ITEM and key.startswith("established.") else finding.quote,
        source="case file",
        strength="case_file",
        language=finding.language,
        attributes={**finding.attributes, "case_item": key},
        match=finding.match,
    )


def _sort_case_facts(facts: list[Fact], denied: list[Fact]) -> None:
    """Claims are made one fact per quote below; a denied disease is no target; the language of
    the quotes says nothing of the site (the inspector may have translated them)."""
    keep = []
    for f in facts:
        if f.source != "case file" or not f.attributes.get("case_item"):
            keep.append(f)
        elif f.kind == "disease" and denies(f.quote, f.match):
            denied.append(f)
        elif f.kind not in ("other",) and not (
            f.kind == "france_targeting" and f.subkind == "french_language"
        ):
            keep.append(f)
    facts[:] = keep


def _established_facts(case: Case, read: Mapping[str, list[Finding]]) -> list[Fact]:
    """What the inspector established: each item is a fact of the kind its list says, whatever
    the detector made of it (which adds what else the words say: the diseases of a testimonial,
    the manipulations of a preparation)."""
    est = case.established
    out: list[Fact] = []
    url = case.websites[0] if case.websites else ""
    if est.french_version:
        where = est.french_version if isinstance(est.french_version, str) else url
        out.append(
            _case_file_fact(
                "case:established.french_version",
                "france_targeting",
                "french_language",
                where,
                url=where,
                language="fr",
            )
        )
    if est.homologous_use is not None:
        out.append(
            _case_file_fact(
                "case:established.homologous_use",
                "use",
                "homologous" if est.homologous_use else "non_homologous",
                "usage homologue" if est.homologous_use else "usage non homologue",
                url=url,
                attributes={"case_item": "established.homologous_use"},
            )
        )
    for key, meanings in ESTABLISHED.items():
        for i, text in enumerate(getattr(est, key)):
            item = f"established.{key}[{i}]"
            found = read.get(item, [])
            for kind, subkind in meanings:
                if any(
                    f.kind == kind and (kind != "france_targeting" or f.subkind == subkind) for f in found
                ):
                    continue  # the detector said which manipulation, call to action… it is
                out.append(
                    _case_file_fact(
                        f"case:{item}:{kind}", kind, subkind, text, url=url, attributes={"case_item": item}
                    )
                )
    return out


def _raised_defences(case: Case, events: tuple[Event, ...], known: set[str]) -> list[RaisedDefence]:
    """Every argument of the company, with the observations that raised it (see module doc)."""
    obs = [e for e in events if e.kind in ("written_observations", "oral_observations")]
    out: list[RaisedDefence] = []
    named: set[str] = set()

    def add(raised_as: str, event: Event | None, quote: str = "", **more: Any) -> None:
        out.append(
            RaisedDefence(
                raised_as,
                event.date if event else None,
                event.kind if event else None,
                quote,
                f"case:defence{len(out)}",
                **more,
            )
        )

    for event in obs:
        for argument in event.arguments:
            if argument.defence:
                named.add(argument.defence)
            add(
                argument.defence or "",
                event,
                argument.quote,
                summary=argument.summary,
                answer=argument.answer,
                basis=tuple(argument.basis),
            )
        m = _NOTE.match(event.note or "")
        if event.arguments or not m:
            continue
        ids = [i.strip() for i in m.group(1).split(",")]
        if not all(i in case.defences or i in known for i in ids):
            continue  # a plain note, not a list of defence ids
        text = (m.group(2) or "").strip()
        q = re.search(r"«\s*(.+?)\s*»", text, re.S)
        for i in ids:
            named.add(i)
            add(i, event, q.group(1) if q else "")
    for defence in case.defences:
        if defence not in named:
            # raised, but the case file does not say in which observations: never dated
            add(defence, None)
    return out
