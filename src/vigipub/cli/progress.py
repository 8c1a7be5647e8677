"""The capture's progress bar on the terminal (the capture itself only reports counts)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn

if TYPE_CHECKING:  # the capture stage is imported only when a capture runs
    from vigipub.capture import CaptureProgress


def describe(status: CaptureProgress) -> str:
    """One line: ``captured 12 pages, queued 30, skipped 4, rendered 10``."""
    rendered = f", rendered {status.rendered}" if status.rendered is not None else ""
    return f"captured {status.pages} pages, queued {status.queued}, skipped {status.skipped}{rendered}"


class CaptureBar:
    """A :data:`~vigipub.capture.ProgressCallback` drawing one bar per capture on ``console``.

    The bar starts with a capture's first report and stops with its last
    (``finished=True``); an investigation that captures several times (a re-check, its
    moves) draws one bar each.
    """

    def __init__(self, console: Console) -> None:
        self.console = console
        self._progress: Progress | None = None
        self._task: TaskID | None = None

    def __call__(self, status: CaptureProgress) -> None:
        if self._progress is None:
            self._progress = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                BarColumn(),
                TimeElapsedColumn(),
                console=self.console,
                transient=False,
            )
            self._progress.start()
            self._task = self._progress.add_task("capture", total=None)
        assert self._task is not None
        self._progress.update(self._task, description=describe(status))
        if status.finished:
            self.close()

    def close(self) -> None:
        """Stop the bar (its last line stays on the terminal)."""
        if self._progress is not None:
            self._progress.stop()
        self._progress = None
        self._task = None


@contextmanager
def capture_bar(quiet: bool = False) -> Iterator[CaptureBar | None]:
    """A progress bar on stderr for the captures run inside the block (None when ``quiet``);
    an interrupted capture's bar is stopped on the way out."""
    if quiet:
        yield None
        return
    bar = CaptureBar(Console(stderr=True))
    try:
        yield bar
    finally:
        bar.close()
