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


def shipped_selection() -> Any:
    """The training parameters of the shipped model, its selected text settings fixed.

    The selection of ``min_hosts`` and ``text_scale`` by inner cross-validation multiplies the
    cost of a fit by the size of its grid; the gate refits each fold with the values the
    shipped model chose (``vigipub eval --cv`` runs the whole nested selection: the figures of
    both are in docs/detection.md).
    """
    import json

    from vigipub.detect.learn import TrainParams
    from vigipub.detect.verdict import model_dir

    body = json.loads((model_dir() / "verdict.json").read_text(encoding="utf-8"))
    params = TrainParams.from_dict(body["training"]["params"])
    from dataclasses import replace

    return replace(params, min_hosts=(body["text"]["min_hosts"],), text_scale=(body["text"]["scale"],))


@pytest.fixture(scope="session")
def out_of_fold(labelled: tuple[list[Any], list[Any]]) -> dict[str, Any]:
    """Grouped cross-validation by host over both corpora (the model refitted per fold)."""
    from vigipub.cli.eval import evaluate_pages

    pages, analyses = labelled
    return evaluate_pages(pages, analyses, cv=True, params=shipped_selection())


@pytest.fixture(scope="session")
def out_of_language(labelled: tuple[list[Any], list[Any]]) -> dict[str, Any]:
    """Leave one language out: each language's real pages judged by a model that never read it."""
    from vigipub.cli.eval import evaluate_pages

    pages, analyses = labelled
    return evaluate_pages(pages, analyses, cv=True, by_language=True, params=shipped_selection())
