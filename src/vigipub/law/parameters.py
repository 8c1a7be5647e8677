"""Dated parameters (delays, lists, amounts), one YAML file per parameter, openfisca style.

File format::

    description: Observation period offered in the letter of intent
    unit: day                      # day | euro | percent | list | …
    status: INTERP                 # LAW | PRACTICE | INTERP | GAP: the weakest of its values
    values:
      2016-01-01:
        value: 15
        status: INTERP
        reference: "CRPA L. 121-1 and L. 122-1 set no delay; ANSM practice …"

A value applies from its start date until the next start date. ``status`` says how far the
value can be trusted: LAW (read in a retrieved text), PRACTICE (what ANSM did), INTERP (our
choice, the law is silent), GAP (the text was not retrieved: must be verified).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal

import yaml

from .errors import LawDataError

Status = Literal["LAW", "PRACTICE", "INTERP", "GAP"]
_STATUSES = {"LAW", "PRACTICE", "INTERP", "GAP"}


@dataclass(frozen=True)
class ParameterValue:
    start: date
    value: Any
    reference: str
    status: Status


@dataclass(frozen=True)
class Parameter:
    name: str
    description: str
    unit: str
    values: tuple[ParameterValue, ...]  # sorted by start
    path: Path

    def at(self, on: date) -> ParameterValue:
        """The value applicable on ``on``; raises if the parameter starts later."""
        current: ParameterValue | None = None
        for value in self.values:
            if value.start <= on:
                current = value
        if current is None:
            raise LawDataError(f"no value applicable on {on.isoformat()}", where=str(self.path))
        return current

    def value_at(self, on: date) -> Any:
        return self.at(on).value

    @classmethod
    def load(cls, path: Path) -> Parameter:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise LawDataError(f"unreadable parameter: {exc}", where=str(path)) from exc
        if not isinstance(data, dict) or not isinstance(data.get("values"), dict):
            raise LawDataError("a parameter needs a 'values' mapping keyed by date", where=str(path))
        values: list[ParameterValue] = []
        for start, entry in data["values"].items():
            if not isinstance(start, date):
                raise LawDataError(f"value key {start!r} is not a date", where=str(path))
            if not isinstance(entry, dict) or "value" not in entry or "reference" not in entry:
                raise LawDataError(f"value of {start} needs 'value' and 'reference'", where=str(path))
            status = entry.get("status", data.get("status", "LAW"))
            if status not in _STATUSES:
                raise LawDataError(f"status {status!r} not in {sorted(_STATUSES)}", where=str(path))
            values.append(ParameterValue(start, entry["value"], str(entry["reference"]), status))
        values.sort(key=lambda v: v.start)
        return cls(
            name=path.stem,
            description=str(data.get("description", "")),
            unit=str(data.get("unit", "")),
            values=tuple(values),
            path=path,
        )


def load_parameters(*folders: Path) -> dict[str, Parameter]:
    """All ``*.yaml`` parameters of ``folders``; a later folder may not redefine a name, and a
    folder that does not exist is an error (never an empty set of parameters)."""
    found: dict[str, Parameter] = {}
    for folder in folders:
        if not folder.is_dir():
            raise LawDataError("no folder of dated parameters here", where=str(folder))
        for path in sorted(folder.glob("*.yaml")):
            if path.stem in found:
                raise LawDataError(f"parameter {path.stem!r} defined twice", where=str(path))
            found[path.stem] = Parameter.load(path)
    return found
