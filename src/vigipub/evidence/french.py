"""French calendar words shared by the stages that write French (qualify, documents)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

MONTHS_FR = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def french_day_month(d: date, space: str = " ") -> str:
    """« 1er novembre », « 28 novembre » (the first day of a month is « 1er »)."""
    day = "1er" if d.day == 1 else str(d.day)
    return f"{day}{space}{MONTHS_FR[d.month - 1]}"


def french_date(d: date, space: str = " ") -> str:
    """« 28 novembre 2024 »; pass a no-break space as ``space`` so that a date never breaks."""
    return f"{french_day_month(d, space)}{space}{d.year}"


def french_join(items: Sequence[str], last: str = "et") -> str:
    """« a », « a et b », « a, b et c » (empty items are left out)."""
    kept = [i for i in items if i]
    if len(kept) <= 1:
        return "".join(kept)
    return ", ".join(kept[:-1]) + f" {last} " + kept[-1]


#: a fact the inspector must supply, in any French text a stage writes: ``⟦date du courrier⟧``.
#: The documents stage turns it into a highlighted field (HTML <mark>, a DOCX character style).
PLACEHOLDER_OPEN, PLACEHOLDER_CLOSE = "⟦", "⟧"


def placeholder(label: str) -> str:
    """``⟦label⟧``: a gap the draft shows highlighted and lists in its warning."""
    return f"{PLACEHOLDER_OPEN}{label}{PLACEHOLDER_CLOSE}"
