"""French typography for every legal output text.

Rules applied to templates (never to quoted text, which stays verbatim):
- a narrow no-break space (U+202F) before ``; : ! ?``;
- a narrow no-break space (U+202F) inside « guillemets », as the documents set them
  (``documents/typography.py``), so that a quotation reads the same in qualification.json, the
  report and the decision;
- a no-break space (U+00A0) in « L. 5122-1 », « n° 1394/2007 »;
- typographic apostrophe is NOT forced (decisions use both); straight quotes are left alone.
"""

from __future__ import annotations

import re

NBSP = "\u00a0"
NNBSP = "\u202f"

_BEFORE_PUNCT = re.compile(r"[ \u00a0]+([;:!?])(?=\s|$|»|\))")
_ARTICLE = re.compile(r"\b([LRD])\. ?(\d)")
_NUMERO = re.compile(r"n° ?(\d)")
_OPEN = re.compile(r"« ?")
_CLOSE = re.compile(r" ?»")


def fr_typo(template: str) -> str:
    """Normalise the spaces of a French template (see module docstring)."""
    text = _BEFORE_PUNCT.sub(NNBSP + r"\1", template)
    text = _ARTICLE.sub(r"\1." + NBSP + r"\2", text)
    text = _NUMERO.sub("n°" + NBSP + r"\1", text)
    text = _OPEN.sub("«" + NNBSP, text)
    text = _CLOSE.sub(NNBSP + "»", text)
    return text


def render(template: str, /, **values: object) -> str:
    """``fr_typo(template).format(**values)``: typography on the template only, so that the
    values (quotes from the site, names, URLs) are inserted verbatim."""
    return fr_typo(template).format(**values)


def quote(text: str) -> str:
    """A verbatim quotation in French guillemets (quote text untouched, inner spaces trimmed)."""
    # collapse line breaks and runs of ASCII spaces only: no-break spaces are kept
    return "«" + NNBSP + re.sub(r"[ \t\r\n]+", " ", text).strip() + NNBSP + "»"


def quotes(texts: list[str], sep: str = ", ") -> str:
    return sep.join(quote(t) for t in texts)


def join_fr(items: list[str], last: str = "et") -> str:
    """« a, b et c »."""
    from vigipub.evidence.french import french_join

    return french_join(items, last)


def date_fr(value: object) -> str:
    """« 5 novembre 2024 » (« 1er » for the first day of the month)."""
    from datetime import date

    from vigipub.evidence.french import french_date

    return french_date(value) if isinstance(value, date) else str(value)
