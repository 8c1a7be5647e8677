"""French sentences of the drafted decision kept as data (``wording/fr.yaml``), keyed by id.

A lawyer changes the wording in the YAML file; the assembler (:mod:`.decision_fr`) fills in the
fields and cites the ``basis`` each entry names. Typography is applied to the template only,
so that quoted words, names and URLs are inserted verbatim (:func:`.typography.render`).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from .errors import QualifyInputError
from .typography import render

WORDING = Path(__file__).parent / "wording" / "fr.yaml"


@cache
def _entries(path: Path = WORDING) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise QualifyInputError(f"unreadable wording file: {exc}", where=str(path)) from exc
    if not isinstance(data, dict):
        raise QualifyInputError("the wording file must map ids to sentences", where=str(path))
    return data


def _entry(key: str) -> Any:
    try:
        return _entries()[key]
    except KeyError:
        raise QualifyInputError(f"no sentence {key!r}", where=str(WORDING)) from None


def sentence(key: str, /, **values: object) -> str:
    """The sentence ``key`` with its fields filled in (French typography on the template)."""
    entry = _entry(key)
    text = entry["text"] if isinstance(entry, dict) else entry
    try:
        return render(str(text), **values)
    except (KeyError, IndexError, ValueError) as exc:
        raise QualifyInputError(
            f"sentence {key!r} has a field the assembler does not fill: {exc}", where=str(WORDING)
        ) from exc


def basis(key: str) -> list[str]:
    """The article keys sentence ``key`` relies on."""
    entry = _entry(key)
    return [str(k) for k in entry.get("basis", [])] if isinstance(entry, dict) else []


def label(table: str, key: str, default: str = "") -> str:
    """An item of a table of labels (``gap_labels``, ``targeting``…)."""
    value = _entry(table)
    return str(value.get(key, default)) if isinstance(value, dict) else default


def text(key: str) -> str:
    """A plain label (no fields)."""
    entry = _entry(key)
    return str(entry["text"] if isinstance(entry, dict) else entry)


__all__ = ["WORDING", "basis", "label", "sentence", "text"]
