"""French typography for legal documents: spaces, quotes, dates and article numbers.

Rules applied (Lexique des règles typographiques en usage à l'Imprimerie nationale, as
simplified by the agency's published decisions):

- a narrow no-break space (U+202F) before ``; : ! ?`` and inside guillemets « … »;
- typographic apostrophe ``’``;
- « L. 5122-1 » with a no-break space (U+00A0) between the code letter and the number, and
  « n° 1394/2007 » likewise;
- dates « 28 novembre 2024 », with « 1er » for the first day of a month, joined by no-break
  spaces (also in running text received from other stages).

Every function is idempotent (``f(f(x)) == f(x)``), so text that already follows the
rules (or was typeset twice) is left unchanged. URLs are never touched: ``https://x.fr/?a=1``
keeps its colon, slashes and question mark.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date

from vigipub.evidence.french import MONTHS_FR, french_date, french_day_month, french_join

NNBSP = "\u202f"  # narrow no-break space (espace fine insécable)
NBSP = "\u00a0"  # no-break space (espace insécable)


# URLs and e-mail addresses are protected from every rewrite below.
_URL_RE = re.compile(r"(?:https?://|www\.)[^\s«»<>\"]+[^\s«»<>\".,;:!?)]|[\w.+-]+@[\w-]+\.[\w.-]+")
_SPACES = f" \t{NBSP}{NNBSP}"
# high punctuation preceded by optional spaces, followed by a space, a closing mark or the end
_HIGH_PUNCT_RE = re.compile(rf"[{_SPACES}]*([;:!?])(?=[\s»)\]]|$)")
_OPEN_GUILLEMET_RE = re.compile(rf"«[{_SPACES}]*")
_CLOSE_GUILLEMET_RE = re.compile(rf"[{_SPACES}]*»")
# « L.5122-1 », « L 5122-1 », « L. 5122-1 », « R.5122-4 », also inside lists « L.5121-8, L.5122-1 »
# (a hyphenated number is required, so that « vitamine D 1000 » is left alone)
_ARTICLE_RE = re.compile(rf"\b([LRD])\.?[{_SPACES}]*(\d{{1,4}}(?:-\d+)+)\b")
_NUMERO_RE = re.compile(rf"\bn°[{_SPACES}]*(?=\d)")
_APOSTROPHE_RE = re.compile(r"(?<=\w)'(?=\w)")
# « 7 novembre », « 1er mars », « novembre 2024 »: a date never breaks across lines, even when
# the text comes from another stage (the qualification's Vu) typed with ordinary spaces
_MONTHS_ALT = "|".join(MONTHS_FR)
_DAY_MONTH_RE = re.compile(rf"\b(1er|\d{{1,2}})[{_SPACES}]+({_MONTHS_ALT})\b")
_MONTH_YEAR_RE = re.compile(rf"\b({_MONTHS_ALT})[{_SPACES}]+(\d{{4}})\b")


def _outside_urls(text: str, fix) -> str:  # type: ignore[no-untyped-def]
    """Apply ``fix`` to the parts of ``text`` that are not URLs or e-mail addresses."""
    out: list[str] = []
    pos = 0
    for m in _URL_RE.finditer(text):
        out.append(fix(text[pos : m.start()]))
        out.append(m.group(0))
        pos = m.end()
    out.append(fix(text[pos:]))
    return "".join(out)


def _fix_plain(part: str) -> str:
    part = _APOSTROPHE_RE.sub("’", part)
    part = _HIGH_PUNCT_RE.sub(lambda m: NNBSP + m.group(1), part)
    part = _ARTICLE_RE.sub(lambda m: f"{m.group(1)}.{NBSP}{m.group(2)}", part)
    part = _NUMERO_RE.sub("n°" + NBSP, part)
    part = _DAY_MONTH_RE.sub(lambda m: f"{m.group(1)}{NBSP}{m.group(2)}", part)
    return _MONTH_YEAR_RE.sub(lambda m: f"{m.group(1)}{NBSP}{m.group(2)}", part)


def _split_quotes(text: str) -> list[tuple[str, bool]]:
    """``(segment, is_quotation)`` pieces; a quotation runs from « to its matching »."""
    pieces: list[tuple[str, bool]] = []
    buf: list[str] = []
    depth = 0
    for ch in text:
        if ch == "«":
            if depth == 0 and buf:
                pieces.append(("".join(buf), False))
                buf = []
            depth += 1
            buf.append(ch)
        elif ch == "»" and depth > 0:
            depth -= 1
            buf.append(ch)
            if depth == 0:
                pieces.append(("".join(buf), True))
                buf = []
        else:
            buf.append(ch)
    if buf:
        pieces.append(("".join(buf), depth > 0))
    return pieces


def fr_text(text: str) -> str:
    """Apply the French typography rules to a piece of running text (not HTML).

    What is quoted between « » is evidence or law text: it is kept verbatim (straight
    apostrophes, its own spacing), only the spaces inside the guillemets are set.
    """
    if not text:
        return text
    out = "".join(
        piece if quoted else _outside_urls(piece, _fix_plain) for piece, quoted in _split_quotes(text)
    )
    out = _OPEN_GUILLEMET_RE.sub("«" + NNBSP, out)
    return _CLOSE_GUILLEMET_RE.sub(NNBSP + "»", out)


def fr_quote(text: str) -> str:
    """``text`` between French guillemets with narrow no-break spaces: « text » (verbatim inside)."""
    return f"«{NNBSP}{' '.join(text.split())}{NNBSP}»"


def fr_article(ref: str) -> str:
    """« L.5122-1 » → « L. 5122-1 » (no-break space); other references pass unchanged."""
    return _ARTICLE_RE.sub(lambda m: f"{m.group(1)}.{NBSP}{m.group(2)}", ref.strip())


def fr_day_month(d: date) -> str:
    """« 1er novembre », « 28 novembre »."""
    return french_day_month(d, NBSP)


def fr_date(d: date) -> str:
    """« 28 novembre 2024 », « 1er mars 2025 » (no-break spaces, so a date never breaks)."""
    return french_date(d, NBSP)


def fr_join(items: Sequence[str], last: str = "et") -> str:
    """« a », « a et b », « a, b et c »."""
    return french_join(items, last)


def fr_date_list(dates: Iterable[date]) -> str:
    """Dates grouped as the agency writes them: « 7 novembre, 19 novembre et 27 novembre 2024 ».

    The year is written once per run of dates of the same year, after the last one:
    « 28 décembre 2024 et 3 janvier 2025 ». Duplicates are dropped, order is chronological.
    """
    ordered = sorted(set(dates))
    parts: list[str] = []
    for i, d in enumerate(ordered):
        last_of_year = i == len(ordered) - 1 or ordered[i + 1].year != d.year
        parts.append(fr_date(d) if last_of_year else fr_day_month(d))
    return fr_join(parts)


def fr_plural(n: int, singular: str, plural: str) -> str:
    return singular if n == 1 else plural


__all__ = [
    "MONTHS_FR",
    "NBSP",
    "NNBSP",
    "fr_article",
    "fr_date",
    "fr_date_list",
    "fr_day_month",
    "fr_join",
    "fr_plural",
    "fr_quote",
    "fr_text",
]
