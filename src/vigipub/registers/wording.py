"""The French words of the register answers, kept as data (``wording_fr.yaml``), keyed by id.

:mod:`.check` decides which statement a therapy gets; this module phrases it. The file is
validated when read: an entry is a phrase or a table of ``labels``; anything else is refused
with the file and the entry named (:class:`~.errors.RegisterFileError`).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from vigipub.evidence.french import render

from .errors import RegisterFileError

WORDING = Path(__file__).parent / "wording_fr.yaml"


@cache
def _entries(path: Path = WORDING) -> dict[str, str | dict[str, str]]:
    try:
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise RegisterFileError(f"unreadable wording file: {exc}", where=str(path)) from exc
    if not isinstance(data, dict):
        raise RegisterFileError("the wording file maps ids to phrases", where=str(path))
    out: dict[str, str | dict[str, str]] = {}
    for key, value in data.items():
        if isinstance(value, str):
            out[str(key)] = value
        elif isinstance(value, dict) and set(value) == {"labels"} and isinstance(value["labels"], dict):
            labels = value["labels"]
            if not all(isinstance(v, str) for v in labels.values()):
                raise RegisterFileError(f"entry {key!r}: labels must be phrases", where=str(path))
            out[str(key)] = {str(k): v for k, v in labels.items()}
        else:
            raise RegisterFileError(f"entry {key!r}: a phrase or a table of labels", where=str(path))
    return out


def _template(key: str, label: str | None = None) -> str:
    entry = _entries().get(key)
    if entry is None:
        raise RegisterFileError(f"no entry {key!r}", where=str(WORDING))
    if label is None:
        if not isinstance(entry, str):
            raise RegisterFileError(f"entry {key!r} is a table: name a label", where=str(WORDING))
        return entry
    if not isinstance(entry, dict):
        raise RegisterFileError(f"entry {key!r} is not a table of labels", where=str(WORDING))
    if label not in entry:
        raise RegisterFileError(f"entry {key!r} has no label {label!r}", where=str(WORDING))
    return entry[label]


def _render(key: str, template: str, values: dict[str, str]) -> str:
    try:
        return render(template, values)
    except KeyError as exc:
        raise RegisterFileError(
            f"entry {key!r} has a field {{{exc.args[0]}}} the answer does not fill", where=str(WORDING)
        ) from exc


def say(key: str, /, **values: str) -> str:
    """Phrase ``key`` with its fields filled in (typography on the phrase, values verbatim)."""
    return _render(key, _template(key), values)


def say_label(table: str, label: str, /, **values: str) -> str:
    """Item ``label`` of the table ``table``."""
    return _render(f"{table}.{label}", _template(table, label), values)


def has_label(table: str, label: str) -> bool:
    entry = _entries().get(table)
    return isinstance(entry, dict) and label in entry


__all__ = ["WORDING", "has_label", "say", "say_label"]
