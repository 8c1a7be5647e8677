"""Labelled corpora read once per test session: our corpus/ and the real excerpts of ../shared.

Tests that need ``../shared/corpus-real`` skip with a message naming the missing folder when it
is absent (it is present in CI).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
REAL = ROOT.parent / "shared" / "corpus-real"


def real_corpus() -> Path:
    if not REAL.is_dir() or not any(REAL.glob("*.jsonl")):
        pytest.skip(f"{REAL} is absent: the real labelled corpus is needed")
    return REAL


@pytest.fixture(scope="session")
def labelled() -> tuple[list[Any], list[Any]]:
    """(labelled pages of corpus/ and ../shared/corpus-real, their analyses by the shipped detector)."""
    from vigipub.cli import corpora
    from vigipub.detect import Detector

    real = real_corpus()
    if not (CORPUS / "labels").is_dir():
        pytest.skip(f"{CORPUS / 'labels'} is absent")
    pages = corpora.load(CORPUS) + corpora.load(real)
    detector = Detector.default()
    return pages, [detector.analyze(p.document) for p in pages]


@pytest.fixture(scope="session")
def out_of_fold(labelled: tuple[list[Any], list[Any]]) -> dict[str, Any]:
    """Grouped cross-validation by host over both corpora (the model refitted per fold)."""
    from vigipub.cli.eval import evaluate_pages

    pages, analyses = labelled
    return evaluate_pages(pages, analyses, cv=True)
