"""Loading of the stage's data files: families.yaml, icd10.yaml and the shipped snapshot."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from vigipub.evidence.french import search_key
from vigipub.evidence.vocabulary import THERAPY_FAMILIES

from .errors import RegisterFileError

DATA_DIR = Path(__file__).resolve().parent / "data"


def data_path(name: str) -> Path:
    """Path of a file shipped in ``vigipub/registers/data`` (a plain folder, not a package)."""
    return DATA_DIR / name


@dataclass(frozen=True)
class Rule:
    """One family rule: a regex over an entry's folded substance/INN/name text."""

    pattern: re.Pattern[str]
    atc: str | None
    atmp_only: bool
    why: str


@dataclass(frozen=True)
class Family:
    id: str
    label_fr: str
    label_en: str
    atmp_candidate: bool
    terms: tuple[str, ...]  # folded
    rules: tuple[Rule, ...]
    expected: tuple[str, ...]


@dataclass(frozen=True)
class AtmpCategory:
    id: str
    fr: str
    en: str
    terms: tuple[str, ...]
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class Disease:
    code: str
    fr: str
    keywords: tuple[str, ...]  # folded


@dataclass(frozen=True)
class Config:
    families: dict[str, Family]
    categories: dict[str, AtmpCategory]
    atmp_terms: tuple[str, ...]
    atmp_suspect: re.Pattern[str]
    generic_words: frozenset[str]
    diseases: dict[str, Disease]
    digest: str

    def disease(self, code: str) -> Disease | None:
        """Longest-prefix lookup of an ICD-10 code (``F84.0`` → ``F84``)."""
        normalized = code.strip().upper().replace(" ", "")
        for end in range(len(normalized), 2, -1):
            found = self.diseases.get(normalized[:end].rstrip("."))
            if found is not None:
                return found
        return None


def _load_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise RegisterFileError(f"cannot read data file ({exc})", where=str(path)) from None


@lru_cache(maxsize=1)
def load_config() -> Config:
    """Parse families.yaml and icd10.yaml (cached); fail loudly on a malformed file."""
    fam_path, icd_path = data_path("families.yaml"), data_path("icd10.yaml")
    raw = _load_yaml(fam_path)
    icd = _load_yaml(icd_path)
    digest = hashlib.sha256(fam_path.read_bytes() + icd_path.read_bytes()).hexdigest()
    families: dict[str, Family] = {}
    for fid, (label_fr, label_en, atmp) in THERAPY_FAMILIES.items():
        spec = raw["families"].get(fid)
        if spec is None:
            raise RegisterFileError(f"therapy family {fid!r} has no entry", where=str(fam_path))
        rules = tuple(
            Rule(
                re.compile(r["pattern"]), r.get("atc"), bool(r.get("atmp_only", False)), str(r.get("why", ""))
            )
            for r in spec.get("rules", [])
        )
        families[fid] = Family(
            fid, label_fr, label_en, atmp, tuple(search_key(t) for t in spec.get("terms", [])), rules,
            tuple(spec.get("expected", []) or []),
        )  # fmt: skip
    categories = {
        cid: AtmpCategory(
            cid, c["fr"], c["en"], tuple(search_key(t) for t in c.get("terms", [])), re.compile(c["pattern"])
        )
        for cid, c in raw["atmp_categories"].items()
    }
    diseases = {
        code: Disease(code, d["fr"], tuple(search_key(k) for k in d["keywords"]))
        for code, d in icd["codes"].items()
    }
    return Config(
        families=families,
        categories=categories,
        atmp_terms=tuple(search_key(t) for t in raw["atmp_terms"]),
        atmp_suspect=re.compile(raw["atmp_suspect_pattern"]),
        generic_words=frozenset(search_key(w) for w in raw["generic_words"]),
        diseases=diseases,
        digest=digest,
    )


def load_snapshot_manifest(directory: Path | None = None) -> dict[str, Any]:
    """The snapshot.json of the shipped snapshot (or of ``directory``)."""
    path = (directory / "snapshot.json") if directory else data_path("snapshot.json")
    try:
        return dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError) as exc:
        raise RegisterFileError(f"cannot read the snapshot manifest ({exc})", where=str(path)) from None
