"""How far a capture has got, told to whoever is watching.

The capture knows nothing about terminals: it calls a :data:`ProgressCallback` with a
:class:`CaptureProgress` after every page and while it waits for the browser, and once
more with ``finished=True`` at the end. The command line turns that into its progress bar
(``vigipub.cli.progress``); a test or a web worker may just record it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class CaptureProgress:
    """Counts of a running capture (the numbers its manifest will give)."""

    #: pages captured (their records are in the WARC)
    pages: int
    #: pages waiting in the frontier (linked pages, and pages only a sitemap lists)
    queued: int
    #: URLs skipped so far, with their reasons (``manifest.skipped``)
    skipped: int
    #: pages rendered in Chromium so far; None when the capture runs without a browser
    rendered: int | None
    #: the last report of the capture: nothing more will be fetched
    finished: bool = False


#: what :func:`vigipub.capture.capture_site` calls with each report
ProgressCallback = Callable[[CaptureProgress], None]
