"""Compliance stage: an original capture and its recheck → ``compliance.json`` / ``.html``.

Public API::

    from vigipub.compliance import CaptureView, compare, move_targets, unreachable, write_outputs

    targets = move_targets(original, recheck)          # domains the site seems to have moved to
    report = compare(original, recheck, qualification=q, second=exit2, targets=targets, moved={...})
    report, json_path, html_path = write_outputs(dossier, report, original, recheck)

Like every stage it imports only ``vigipub.evidence``; ``vigipub.pipeline.recheck`` captures,
extracts and detects, then calls it. The claim matching is explained in ``claims.py``, the
verdict rules in ``verdict.py``.
"""

from __future__ import annotations

from .compare import compare, producer, unreachable
from .inputs import CaptureView, site_key
from .moves import MoveTarget, move_targets
from .write import FILES_DIR, copied_files, write_outputs

__all__ = [
    "FILES_DIR", "CaptureView", "MoveTarget", "compare", "copied_files", "move_targets", "producer",
    "site_key", "unreachable", "write_outputs",
]
