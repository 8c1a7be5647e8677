"""What an inspector reads while an investigation runs, in French: the capture's progress bar
(the capture itself only reports counts) and the pipeline's steps."""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn

if TYPE_CHECKING:  # the capture stage is imported only when a capture runs
    from vigipub.capture import CaptureProgress


#: the case application's French catalogue, which holds every step of the pipeline
#: (``vigipub.web.steps``; read as a file: the command line does not load Django)
_CATALOGUE = Path(__file__).resolve().parents[1] / "web" / "locale" / "fr" / "LC_MESSAGES" / "django.mo"


@lru_cache(maxsize=1)
def _french() -> gettext.NullTranslations:
    try:
        with _CATALOGUE.open("rb") as fh:
            return gettext.GNUTranslations(fh)
    except OSError:  # pragma: no cover - the catalogue ships with the package
        return gettext.NullTranslations()


def step_in_french(message: str) -> str:
    """A pipeline step (``vigipub.pipeline.Step``: an English template and its values) in French;
    any other message as it is."""
    template = getattr(message, "template", None)
    values = getattr(message, "values", None)
    if not isinstance(template, str) or not isinstance(values, dict):
        return str(message)
    return _french().gettext(template).format(**values)


def describe(status: CaptureProgress) -> str:
    """One line: ``12 pages capturées, 30 en attente, 4 écartées, 10 rendues par le navigateur``."""
    rendered = f", {status.rendered} rendues par le navigateur" if status.rendered is not None else ""
    return f"{status.pages} pages capturées, {status.queued} en attente, {status.skipped} écartées{rendered}"


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
