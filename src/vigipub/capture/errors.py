"""Errors of the capture stage.

Hierarchy::

    VigipubError
     ├── InputError                       (exit code 2)
     │    └── CaptureInputError           a capture cannot start or produced nothing usable
     │         ├── InvalidUrlError        not an absolute http(s) URL, credentials, bad host/port
     │         ├── RefusedAddressError    the seed leads to a private/loopback/metadata address
     │         ├── SeedUnreachableError   DNS failure, connection refused, timeout, TLS error
     │         ├── SeedNotHtmlError       the start URL answers with something that is not HTML
     │         ├── EmptySiteError         the seed produced no HTML page (error status, empty body)
     │         │   └── AntiBotChallengeError  a firewall's anti-bot check instead of the site
     │         └── OutputNotEmptyError    the output folder exists and is not empty
     └── IntegrityError                   (exit code 1)
          ├── EvidenceIntegrityError      ``vigipub verify`` found an artefact that does not match
          ├── UnanchoredEvidenceError     (exit code 3) all matches, but no trusted key signed it
          └── IncompleteEvidenceError     (exit code 4) an interrupted capture or investigation

Failures of individual pages during a crawl are *not* exceptions: they become
:class:`vigipub.evidence.Skipped` entries with a typed reason, and the crawl goes on.
"""

from __future__ import annotations

from vigipub.evidence.errors import InputError, IntegrityError


class CaptureInputError(InputError):
    """A capture cannot start, or its seed produced nothing usable."""


class InvalidUrlError(CaptureInputError):
    """The URL is not an absolute http(s) URL without credentials."""


class RefusedAddressError(CaptureInputError):
    """The seed URL (or its redirect/DNS answer) leads to a non-public address."""


class SeedUnreachableError(CaptureInputError):
    """The seed URL could not be fetched (DNS, connection, timeout, TLS)."""


class SeedNotHtmlError(CaptureInputError):
    """The seed URL answered with a non-HTML document."""


class EmptySiteError(CaptureInputError):
    """The seed URL answered but yielded no HTML page to capture."""


class AntiBotChallengeError(EmptySiteError):
    """The seed URL answered with a firewall's anti-bot challenge instead of the site."""


class OutputNotEmptyError(CaptureInputError):
    """The output folder exists and is not empty; an earlier dossier is never overwritten."""


class EvidenceIntegrityError(IntegrityError):
    """An evidence folder failed verification; the message names the artefacts."""


class UnanchoredEvidenceError(IntegrityError):
    """Every digest and signature matches, but no trusted key signed the seals (exit code 3).

    Whoever can rewrite a folder can recompute its digests and sign with a key of their own:
    only a signature by a key the verifier trusts anchors it.
    """

    exit_code = 3


class IncompleteEvidenceError(IntegrityError):
    """An interrupted capture or investigation: what is there matches, nothing is sealed
    yet (exit code 4); ``vigipub investigate --resume`` finishes it."""

    exit_code = 4
