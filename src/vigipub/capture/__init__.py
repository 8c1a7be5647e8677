"""Capture stage: URL → sealed evidence folder (WARC, screenshots, manifest, chain).

Public API::

    from vigipub.capture import CaptureOptions, capture_site, verify_evidence, VerifyReport

    manifest = capture_site("http://127.0.0.1:8001/", Path("case/evidence"), CaptureOptions(allow_private=True),
                            progress=print)  # called with a CaptureProgress after every page
    report = verify_evidence(Path("case"))  # .outcome, .ok, .problems, .states, .record_state(record_id)
    close_interrupted(Path("case/evidence"))  # seal an interrupted capture as it stands

The folder layout and the WARC conventions are the contract with the extract stage;
they are documented in ``docs/evidence-format.md``; how the capture is built, part by part,
in ``docs/capture.md``.
"""

from __future__ import annotations

from vigipub.evidence import IntegrityState

from .crawler import capture_site
from .errors import (
    AntiBotChallengeError,
    CaptureInputError,
    EmptySiteError,
    EvidenceIntegrityError,
    InvalidUrlError,
    OutputNotEmptyError,
    RefusedAddressError,
    SeedNotHtmlError,
    SeedUnreachableError,
)
from .options import CaptureOptions
from .progress import CaptureProgress, ProgressCallback
from .resume import close_interrupted
from .verify import VerifyReport, verify_evidence

__all__ = [
    "CaptureInputError",
    "CaptureOptions",
    "CaptureProgress",
    "AntiBotChallengeError",
    "EmptySiteError",
    "EvidenceIntegrityError",
    "IntegrityState",
    "InvalidUrlError",
    "OutputNotEmptyError",
    "ProgressCallback",
    "RefusedAddressError",
    "SeedNotHtmlError",
    "SeedUnreachableError",
    "VerifyReport",
    "capture_site",
    "close_interrupted",
    "verify_evidence",
]
