"""Defence ids a case file may list under ``defences`` (the company's arguments, T9).

The ids (and their aliases) are those of ``vigipub/law/france/defences.yaml``, the file the
qualification engine reads to rebut them: one vocabulary for both. The table below is the
fallback when that file is absent.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Final

import yaml

LAW_DEFENCES = Path(__file__).resolve().parents[1] / "law" / "france" / "defences.yaml"

_FALLBACK: Final[dict[str, str]] = {
    "medical_tourism_only": "We only do medical tourism / information and put patients in touch.",
    "no_activity_in_france": "No activity, sale or treatment in France.",
    "translation_for_swiss_or_belgian_patients": "The French version is for Swiss or Belgian French speakers.",
    "information_not_advertising": "The content is information, not advertising.",
    "hospital_exemption": "The treatment is lawful where it is given (hospital exemption there).",
    "clinical_trial": "The product is under clinical trial.",
}


@cache
def known_defences(path: Path = LAW_DEFENCES) -> dict[str, str]:
    """Defence id or alias → English label (aliases map to their defence's label)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return dict(_FALLBACK)
    if not isinstance(data, dict):
        return dict(_FALLBACK)
    out: dict[str, str] = {}
    for ident, entry in data.items():
        label = str((entry or {}).get("label", ident)) if isinstance(entry, dict) else str(ident)
        out[str(ident)] = label
        for alias in (entry or {}).get("aliases", {}) if isinstance(entry, dict) else {}:
            out[str(alias)] = f"{label} (alias of {ident})"
    return out


DEFENCES: Final[dict[str, str]] = known_defences()

__all__ = ["DEFENCES", "LAW_DEFENCES", "known_defences"]
