"""The variables a template sees: built from a Qualification and a Case, never from the law.

The Vu, the Considérants and Article 1 (the measure) come from the qualification as they are:
every legal sentence is phrased once, by the qualification's wording layer
(``vigipub/qualify/wording/fr.yaml``); this stage lays them out in the agency's form.

Placeholders for facts not known yet (a draft from ``vigipub investigate``) are written
``⟦date du courrier⟧``; the HTML post-processor turns them into ``<mark class="placeholder">``.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from vigipub.evidence import Case, Qualification, Vu
from vigipub.evidence.french import PLACEHOLDER_CLOSE, PLACEHOLDER_OPEN, is_placeholder, placeholder
from vigipub.evidence.french import de as de
from vigipub.evidence.french import with_article as with_article
from vigipub.evidence.vocabulary import THERAPY_FAMILIES, family_article

from .errors import DocumentInputError

DATA = Path(__file__).parent / "data"

#: the same marks as the qualification's gaps (``vigipub.evidence.french``)
PH_OPEN, PH_CLOSE = PLACEHOLDER_OPEN, PLACEHOLDER_CLOSE

#: canonical order of the Vu in ANSM decisions (T12 Vu builder)
VU_KINDS = ("regulation", "code", "other", "website", "letter", "written_observations", "oral_observations")


def vu_kind(vu: Vu | str, vu_id: str = "") -> str:
    """Kind of a Vu: regulation, code, website, letter, written/oral observations, other.

    Decided on the id when it names the kind (VU_LETTER, VU_OBS_ORAL…), else on the wording.
    """
    text = vu if isinstance(vu, str) else vu.text_fr
    ident = (vu_id or ("" if isinstance(vu, str) else vu.id)).upper()
    for key, kind in (
        ("OBS_ORAL", "oral_observations"),
        ("ORAL", "oral_observations"),
        ("OBS_WRITTEN", "written_observations"),
        ("WRITTEN", "written_observations"),
        ("LETTER", "letter"),
        ("COURRIER", "letter"),
        ("SITE", "website"),
        ("REG", "regulation"),
        ("DIR", "regulation"),
        ("CSP", "code"),
        ("CODE", "code"),
    ):
        if key in ident:
            return kind
    low = " ".join(text.lower().split())
    if "observations orales" in low:
        return "oral_observations"
    if "observations" in low:
        return "written_observations"
    if re.match(r"vu (le|les) courriers?", low):
        return "letter"
    if re.match(r"vu (le|les) sites?", low):
        return "website"
    if re.match(r"vu (le|la|les) (règlement|directive)", low):
        return "regulation"
    if re.match(r"vu (le|les) codes?", low):
        return "code"
    return "other"


@cache
def authorities() -> dict[str, dict[str, Any]]:
    data = yaml.safe_load((DATA / "authorities.yaml").read_text(encoding="utf-8"))
    return {str(k): v for k, v in data.items()}


def authority_for(case: Case) -> dict[str, Any]:
    table = authorities()
    if case.authority not in table:
        raise DocumentInputError(
            f"unknown authority '{case.authority}' (known: {', '.join(sorted(table))}); "
            f"add it to {DATA / 'authorities.yaml'}",
            where=case.source_path,
        )
    auth = dict(table[case.authority])
    auth["id"] = case.authority
    if case.authority_head:
        auth["head"] = case.authority_head
    return auth


def product_with_article(case: Case) -> str:
    """The product with the article the case file gives (``product_article``), else the one
    its name starts with, else its family's (a product named by its family's label), else
    the article of its head noun (:func:`vigipub.evidence.french.with_article`): never a guess."""
    article = str(case.product_article) if case.product_article else family_article(case.product)
    return with_article(case.product, article)


def _digest(*parts: str) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(p.encode("utf-8"))
        h.update(b"\0")
    return "sha256:" + h.hexdigest()


def inputs_digest(qualification: Qualification, case: Case | None) -> str:
    """Digest of what the document was drawn from (qualification JSON + case JSON)."""
    # file locations are not content: the same case elsewhere on disk has the same digest
    case_json = case.model_dump_json(exclude={"source_path", "dossier"}) if case else ""
    return _digest(qualification.model_dump_json(), case_json)


@dataclass
class ProcedureFacts:
    letter_dates: list[date]
    written: list[date]
    oral: list[date]


def procedure_facts(case: Case) -> ProcedureFacts:
    letters = [e.date for e in case.events if e.kind == "letter_of_intent"]
    if case.letter_of_intent and case.letter_of_intent.date and case.letter_of_intent.date not in letters:
        letters.append(case.letter_of_intent.date)
    return ProcedureFacts(
        letter_dates=sorted(letters),
        written=sorted(e.date for e in case.events if e.kind == "written_observations"),
        oral=sorted(e.date for e in case.events if e.kind == "oral_observations"),
    )


def authorised_product(qualification: Qualification) -> bool:
    """The registers found the product authorised (T5 « no »): the violation is the advertising
    itself (L. 5122-6, to the public), and no document may call the product unauthorised."""
    return any(t.id == "T5.unauthorised" and t.outcome == "no" for t in qualification.tests)


def claims_for(qualification: Qualification, case: Case) -> list[str]:
    """Claims to quote in letters and public notices: the case file's, then the qualification's."""
    seen: set[str] = set()
    out: list[str] = []
    # only the presentation test (T1) quotes claims; other tests quote therapies, registers…
    quotes = [q for t in qualification.tests if re.match(r"^T1(?:$|[._])", t.id) for q in t.quotes]
    # T1 may also quote the bare therapy mention (« thérapie cellulaire dendritique (TCD) »):
    # the product's own name is not a claim, and the letter listed it under « On peut y lire »
    product = " ".join((case.product or "").split()).strip("«» ").lower()
    if product:
        seen.add(product)
    for c in [*case.claims, *quotes]:
        key = " ".join(c.split()).strip("«» ").lower()
        if key and key not in seen:
            seen.add(key)
            out.append(" ".join(c.split()).strip("«» "))
    return out


def measure_kind(qualification: Qualification, case: Case) -> str:
    """``advertising`` or ``all_activities``, from the qualification's measure, else the case."""
    raw = (qualification.measure.kind if qualification.measure else "") or (
        case.decision.measure if case.decision else "suspension_of_advertising"
    )
    raw = raw.lower()
    if "all" in raw or "activit" in raw:
        return "all_activities"
    if "none" in raw:
        return "none"
    return "advertising"


def therapy_labels(qualification: Qualification) -> list[str]:
    """French labels of the therapy families the qualification's tests mention (for notices)."""
    found = []
    blob = " ".join([t.rule + " " + " ".join(t.evidence) for t in qualification.tests])
    for fam, (label, _en, _atmp) in THERAPY_FAMILIES.items():
        if fam in blob:
            found.append(label)
    return found


__all__ = [
    "PH_CLOSE",
    "PH_OPEN",
    "VU_KINDS",
    "ProcedureFacts",
    "authorities",
    "authority_for",
    "claims_for",
    "de",
    "inputs_digest",
    "is_placeholder",
    "measure_kind",
    "placeholder",
    "procedure_facts",
    "product_with_article",
    "therapy_labels",
    "vu_kind",
    "with_article",
]
