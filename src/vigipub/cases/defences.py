"""Defence ids a case file may list under ``defences`` (the company's arguments, T9).

The ids (and their aliases) are those of the law package's defence catalogue
(``vigipub/law/france/defences.yaml``), read through :mod:`vigipub.law`'s API: one vocabulary
for the case files and the qualification engine. A missing or broken catalogue is an error
naming the file (:class:`vigipub.law.LawDataError`), never a built-in fallback.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from vigipub.law import Defence, get_jurisdiction

#: the jurisdiction whose law the case domain applies (the agency's)
JURISDICTION = "FR"


def catalogue() -> dict[str, Defence]:
    """The law package's defences, by id."""
    return get_jurisdiction(JURISDICTION).defences


@cache
def known_defences() -> dict[str, str]:
    """Defence id or alias → English label (aliases map to their defence's label)."""
    out: dict[str, str] = {}
    for ident, defence in catalogue().items():
        out[ident] = defence.label
        for alias in defence.aliases:
            out[alias] = f"{defence.label} (alias of {ident})"
    return out


def defences_file() -> Path:
    """Where the catalogue lives (for messages and the web forms)."""
    path = get_jurisdiction(JURISDICTION).defences_file
    assert path is not None, "the jurisdiction of the case domain has a defence catalogue"
    return path


def __getattr__(name: str) -> object:
    # ``DEFENCES`` and ``LAW_DEFENCES`` read the law package when first used, not at import: a
    # broken catalogue is then an input error with its path, not a failed import
    if name == "DEFENCES":
        return known_defences()
    if name == "LAW_DEFENCES":
        return defences_file()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["JURISDICTION", "catalogue", "defences_file", "known_defences"]  # and DEFENCES, LAW_DEFENCES (lazy)
