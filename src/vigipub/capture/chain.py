"""``chain.log``: the append-only chain of the captures of a case.

One JSON line per capture, in canonical form (sorted keys, no spaces, UTF-8)::

    {"entry_sha256": "sha256:…", "evidence": "evidence", "manifest_sha256": "sha256:…",
     "prev": "sha256:<digest of the previous line>" | null, "seed_url": "…", "seq": 1,
     "time": "2026-…Z", "tsr": "timestamps/manifest.tsr" | null, "tsr_sha256": … | null}

``entry_sha256`` is the digest of the line's canonical JSON without that key, and ``prev``
the digest of the previous line's exact bytes (without its newline), so a change of any
byte in any line is detected. A new capture of the same case (a sibling evidence folder,
or ``chain_from``) copies the earlier lines and appends its own.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from vigipub.evidence import sha256_bytes

CHAIN_FILE = "chain.log"


def canonical(entry: dict[str, Any]) -> bytes:
    return json.dumps(entry, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def make_entry(prev_line: bytes | None, seq: int, **fields: Any) -> bytes:
    entry: dict[str, Any] = {
        "prev": sha256_bytes(prev_line) if prev_line is not None else None,
        "seq": seq,
        **fields,
    }
    entry["entry_sha256"] = sha256_bytes(canonical(entry))
    return canonical(entry)


def read_lines(path: Path) -> list[bytes]:
    data = path.read_bytes()
    if data and not data.endswith(b"\n"):
        # the last line was cut: keep it so that check() reports it
        return data.split(b"\n")
    return data.split(b"\n")[:-1] if data else []


def check(lines: list[bytes]) -> tuple[list[dict[str, Any]], list[str]]:
    """Parse and check a chain; return (entries, problems)."""
    entries: list[dict[str, Any]] = []
    problems: list[str] = []
    prev: bytes | None = None
    for number, line in enumerate(lines, start=1):
        try:
            entry = json.loads(line.decode("utf-8"))
            if not isinstance(entry, dict):
                raise ValueError("not an object")
        except (UnicodeDecodeError, ValueError) as exc:
            problems.append(f"line {number}: not a JSON object ({exc})")
            prev = line
            continue
        if canonical(entry) != line:
            problems.append(f"line {number}: not in canonical form (edited)")
        body = {k: v for k, v in entry.items() if k != "entry_sha256"}
        if entry.get("entry_sha256") != sha256_bytes(canonical(body)):
            problems.append(f"line {number}: entry digest does not match its content")
        expected_prev = sha256_bytes(prev) if prev is not None else None
        if entry.get("prev") != expected_prev:
            problems.append(f"line {number}: 'prev' does not match the previous line")
        if entry.get("seq") != number:
            problems.append(f"line {number}: sequence number {entry.get('seq')!r}")
        entries.append(entry)
        prev = line
    return entries, problems


def _site_key(url: object) -> str | None:
    """Registrable domain (or IP literal and port) of a seed URL, to tell cases apart."""
    from urllib.parse import urlsplit

    from vigipub.evidence.sites import registrable_domain

    try:
        parts = urlsplit(str(url))
        host = parts.hostname
        port = parts.port
    except ValueError:
        return None
    if not host:
        return None
    if host.replace(".", "").isdigit() or ":" in host:
        return f"{host}:{port}"  # IP literal: the port tells test servers apart
    return registrable_domain(host)


def _same_case(sibling: Path, lines: list[bytes], seed_url: str | None, case_ref: str | None) -> bool:
    """Whether a sibling evidence folder belongs to the case of the capture being sealed.

    Captures saved side by side in one working folder (``capture A --out a``, ``capture B
    --out b``) used to be chained together whatever their site or case: the chain.log of a
    case then listed the URLs of unrelated investigations (to be disclosed with that case's
    evidence), and redoing one of them made the others fail ``verify``. A sibling is part of
    the case when its manifest has the same case reference or, lacking references on either
    side, when it captured the same site.
    """
    try:
        theirs = json.loads((sibling / "manifest.json").read_bytes()).get("case_ref")
    except (OSError, ValueError, AttributeError):
        return False
    if case_ref or theirs:
        return bool(case_ref) and case_ref == theirs
    if seed_url is None:
        return True
    try:
        last = json.loads(lines[-1])
    except (IndexError, ValueError):
        return False
    ours = _site_key(seed_url)
    return ours is not None and _site_key(last.get("seed_url")) == ours


def find_previous_chain(
    out_dir: Path, chain_from: Path | None, *, seed_url: str | None = None, case_ref: str | None = None
) -> list[bytes]:
    """Lines of the chain this capture continues: ``chain_from``, else the longest chain of a
    sibling evidence folder of the same case (same ``case_ref``, or same site without one)."""
    candidates: list[Path] = []
    if chain_from is not None:
        candidates = [chain_from / CHAIN_FILE]
    else:
        parent = out_dir.resolve().parent
        try:
            for sibling in sorted(parent.iterdir()):
                if (
                    sibling.resolve() != out_dir.resolve()
                    and (sibling / CHAIN_FILE).is_file()
                    and (sibling / "manifest.json").is_file()
                ):
                    candidates.append(sibling / CHAIN_FILE)
        except OSError:
            candidates = []
    best: list[bytes] = []
    for path in candidates:
        try:
            lines = read_lines(path)
        except OSError:
            continue
        entries, problems = check(lines)
        if problems:
            continue  # never continue a broken chain silently; verify will flag the sibling
        if chain_from is None and not _same_case(path.parent, lines, seed_url, case_ref):
            continue
        if len(lines) > len(best):
            best = lines
    return best
