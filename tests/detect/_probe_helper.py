"""Shared helper for the claim probe tests (sentences written for the tests, not corpus)."""

from __future__ import annotations

import html

from vigipub.detect import Detector
from vigipub.extract import document_from_html

_CONTEXT = {
    "de": "Unsere Klinik bietet Stammzelltherapie an.",
    "it": "La nostra clinica offre la terapia con cellule staminali.",
    "es": "Nuestra clínica ofrece terapia con células madre.",
    "nl": "Onze kliniek biedt stamceltherapie aan.",
    "fr": "Notre clinique propose la thérapie par cellules souches.",
    "en": "Our clinic offers stem cell therapy.",
    "pt": "A nossa clínica oferece terapia com células estaminais.",
}

_DETECTOR = None


def claims(lang: str, sentence: str) -> list[tuple[str, tuple[str, ...], dict[str, str]]]:
    """(subkind, entry ids, attributes) of the non-inferred claim/testimonial findings in ``sentence``."""
    global _DETECTOR
    if _DETECTOR is None:
        _DETECTOR = Detector.default()
    page = (
        f"<!DOCTYPE html><html lang='{lang}'><head><title>Klinik</title></head><body><main>"
        f"<p>{_CONTEXT[lang]}</p><p>{html.escape(sentence)}</p></main></body></html>"
    )
    doc = document_from_html(page.encode(), "https://clinic.example/p", source="file")
    pos = doc.text.find(sentence[:30])
    assert pos >= 0
    out = []
    for f in _DETECTOR.analyze(doc).findings:
        if f.kind not in ("claim", "testimonial") or f.attributes.get("inferred") == "yes":
            continue
        if f.end > pos and f.start < pos + len(sentence):
            out.append((f"{f.kind}.{f.subkind}", tuple(f.entry_ids), dict(f.attributes)))
    return out


def hit(lang: str, sentence: str) -> bool:
    """A claim (or testimonial) that is not marked reported."""
    return any(a.get("reported") != "yes" for _s, _ids, a in claims(lang, sentence))


def claim_hit(lang: str, sentence: str) -> bool:
    """A claim proper (not only a testimonial) not marked reported."""
    return any(s.startswith("claim.") and a.get("reported") != "yes" for s, _ids, a in claims(lang, sentence))
