"""``dossier.sha256``: the digests of the files vigipub derived in a dossier.

The evidence folder is sealed by its own manifest, hash chain and timestamp; the files
derived from it (findings, register answers, qualification, report, decision draft) are
recomputable, but an inspector or a court must still be able to tell whether the ones in
the folder are those vigipub wrote. Every stage that writes them re-seals the dossier; the
list also holds the evidence manifest's digest, which ties the derived files to the evidence
they were derived from. The format is ``sha256sum``'s (``sha256sum -c dossier.sha256``).
"""

from __future__ import annotations

from pathlib import Path

from .core import sha256_file, write_atomic

DOSSIER_SEAL = "dossier.sha256"
#: the RFC 3161 token over the seal, when a time-stamping authority is configured
DOSSIER_TIMESTAMP = "dossier.sha256.tsr"
#: the files ``vigipub investigate`` derives from the evidence (what makes a folder a dossier)
DOSSIER_FILES = ("findings.json", "authorisations.json", "qualification.json", "report.html", "decision.html")
#: written first by ``vigipub investigate`` and removed once the dossier is sealed: a folder
#: holding it says it is an unfinished investigation, how far it got and how to resume it
UNFINISHED_MARKER = "UNFINISHED.json"


def write_seal(dossier: Path, names: list[str]) -> Path:
    """Write ``dossier/dossier.sha256`` for the files ``names`` (relative, those that exist)."""
    lines = []
    for name in names:
        path = dossier / name
        if path.is_file():
            lines.append(f"{sha256_file(path).removeprefix('sha256:')}  {name}\n")
    target = dossier / DOSSIER_SEAL
    write_atomic(target, "".join(lines).encode("utf-8"))
    return target


def read_seal(dossier: Path) -> dict[str, str] | None:
    """``{relative name: "sha256:<hex>"}`` from the dossier's seal, or None if it has none.

    Raises ValueError naming the line when the file is not in ``sha256sum`` format.
    """
    path = dossier / DOSSIER_SEAL
    if not path.is_file():
        return None
    out: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        digest, sep, name = line.partition("  ")
        if not sep or len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest) or not name:
            raise ValueError(f"{DOSSIER_SEAL}:{number}: not a sha256sum line")
        if name.startswith("/") or ".." in Path(name).parts:
            raise ValueError(f"{DOSSIER_SEAL}:{number}: name outside the dossier: {name}")
        out[name] = "sha256:" + digest
    return out
