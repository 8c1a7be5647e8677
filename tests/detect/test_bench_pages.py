"""The 1,078 real pages of the benchmark WARC (mostly news and blogs) carry no false accusation.

Read in place from ``../shared/bench/data/real-pages.warc.gz`` (skipped, naming the file, when
it is absent). Measured on 2026-12: 0 promotion, 1 uncertain, 1,077 not promotion, alone and
with site context.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

WARC = Path(__file__).resolve().parents[2].parent / "shared" / "bench" / "data" / "real-pages.warc.gz"
MAX_UNCERTAIN = 5


@pytest.fixture(scope="module")
def analyses() -> list:
    if not WARC.is_file():
        pytest.skip(f"{WARC} is absent")
    from vigipub.pipeline import analyze_paths

    return list(analyze_paths([WARC]))


def test_no_real_page_of_the_bench_is_called_promotion(analyses: list) -> None:
    verdicts = Counter(a.verdict for a in analyses)
    assert sum(verdicts.values()) >= 1000
    assert verdicts["promotion"] == 0, [a.url for a in analyses if a.verdict == "promotion"]
    assert verdicts["uncertain"] <= MAX_UNCERTAIN, [a.url for a in analyses if a.verdict == "uncertain"]


def test_site_context_raises_no_page_of_the_bench(analyses: list) -> None:
    from vigipub.pipeline import judge_in_sites

    judged = judge_in_sites(analyses)
    assert not [a.url for a in judged if a.verdict == "promotion"]
    assert sum(a.verdict == "uncertain" for a in judged) <= MAX_UNCERTAIN
