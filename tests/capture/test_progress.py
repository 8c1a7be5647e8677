"""Progress is a callback: the capture reports counts, the command line draws them."""

from __future__ import annotations

import ast
import io
from pathlib import Path

import pytest
from rich.console import Console

from vigipub.capture import CaptureOptions, CaptureProgress, capture_site
from vigipub.capture.options import chromium_available
from vigipub.cli.progress import CaptureBar, capture_bar, describe
from vigipub.evidence import CaptureManifest

from .conftest import LocalServer

OPTS = CaptureOptions(allow_private=True, browser=False, max_pages=6)
CAPTURE = Path(__file__).resolve().parents[2] / "src" / "vigipub" / "capture"


def test_the_capture_reports_its_counts_and_ends_with_one_finished_report(
    clinic_server: LocalServer, tmp_path: Path
) -> None:
    reports: list[CaptureProgress] = []
    manifest = capture_site(clinic_server.base + "/", tmp_path / "ev", OPTS, progress=reports.append)
    assert len(reports) >= 2
    last = reports[-1]
    assert last.finished and not any(r.finished for r in reports[:-1])
    # the last report gives the manifest's own numbers
    assert last.pages == len(manifest.pages) == 6
    assert last.skipped == len(manifest.skipped) > 0  # the budget of 6 pages left some out
    assert last.queued == 0 and last.rendered is None  # nothing waits; no browser
    pages = [r.pages for r in reports]
    assert pages == sorted(pages) and pages[0] >= 1  # the seed is in before the crawl reports


def test_an_error_in_the_callback_stops_the_capture_and_keeps_a_valid_unfinished_folder(
    clinic_server: LocalServer, tmp_path: Path
) -> None:
    calls: list[CaptureProgress] = []

    def fail_on_third(status: CaptureProgress) -> None:
        calls.append(status)
        if len(calls) == 3:
            raise RuntimeError("display gone")

    out = tmp_path / "ev"
    with pytest.raises(RuntimeError, match="display gone"):
        capture_site(clinic_server.base + "/", out, OPTS, progress=fail_on_third)
    manifest = CaptureManifest.model_validate_json((out / "manifest.json").read_bytes())
    assert not manifest.complete and manifest.pages
    assert "capture interrupted; this manifest is its last checkpoint" in manifest.notes
    assert not any(c.finished for c in calls)


@pytest.mark.browser
@pytest.mark.skipif(not chromium_available(), reason="needs /usr/bin/chromium")
def test_with_the_browser_the_reports_count_the_rendered_pages(clinic_server: LocalServer, tmp_path: Path) -> None:
    reports: list[CaptureProgress] = []
    options = CaptureOptions(allow_private=True, browser=True, max_pages=3, french_reserve=0)
    manifest = capture_site(clinic_server.base + "/", tmp_path / "ev", options, progress=reports.append)
    last = reports[-1]
    assert last.finished and last.rendered == sum(1 for p in manifest.pages if p.rendered is not None) > 0


def test_the_bar_draws_one_line_per_capture_and_stops_with_the_last_report() -> None:
    out = io.StringIO()
    bar = CaptureBar(Console(file=out, width=120, force_terminal=False))
    bar(CaptureProgress(pages=1, queued=4, skipped=0, rendered=None))
    bar(CaptureProgress(pages=5, queued=0, skipped=2, rendered=None, finished=True))
    bar(CaptureProgress(pages=2, queued=1, skipped=0, rendered=1))  # a second capture: a new bar
    bar.close()
    bar.close()  # closing twice is harmless
    text = out.getvalue()
    assert "5 pages capturées, 0 en attente, 2 écartées" in text
    assert "2 pages capturées, 1 en attente, 0 écartées, 1 rendues par le navigateur" in text
    assert describe(CaptureProgress(3, 0, 1, 2)) == "3 pages capturées, 0 en attente, 1 écartées, 2 rendues par le navigateur"
    with capture_bar(quiet=True) as none:
        assert none is None


def test_the_capture_stage_never_draws() -> None:
    """No module of the capture imports a terminal library: the caller owns the display."""
    for path in CAPTURE.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = (
                [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else []
            )
            assert not any(n.split(".")[0] in {"rich", "click", "tqdm"} for n in names), path.name


def test_the_pipeline_s_steps_are_said_in_french_on_the_command_line() -> None:
    """The command line reads the case application's French catalogue (the same msgids as the
    web's job progress); a message that is no step is printed as it is."""
    from vigipub.cli.progress import step_in_french
    from vigipub.pipeline import Step

    assert step_in_french(Step("capturing {url}", url="https://clinique.example/")) == "capture de https://clinique.example/"
    assert step_in_french(Step("analysing {count} captured documents", count=3)) == "analyse des 3 documents capturés"
    assert step_in_french("une ligne quelconque") == "une ligne quelconque"
