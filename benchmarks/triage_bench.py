"""Benchmark of batch triage, next to its floor and a naive pipeline, in the same run.

Usage::

    .venv/bin/python benchmarks/triage_bench.py [WARC] [--repeat 3] [--naive-limit 150]
        [--prefilter therapy|therapy-or-disease] [--no-memory] [--format json]

On the same archive (default: ../shared/bench/data/real-pages.warc.gz), one process each:

- floor: FastWARC decompression and iteration, reading every response payload;
- vigipub triage: the per-record function both engines run (records, pre-filter, extraction
  and detection of the survivors, the row), on every record;
- naive: warcio + trafilatura + one Python regex per language over the lexicons' therapy and
  disease terms, on the first ``--naive-limit`` records (it is ~100× slower);
- memory: peak RSS of the per-record function in a fresh process over 1× and 4× the archive
  (the file repeated: gzip WARCs concatenate).

Speeds are per CPU-second of the process (per core), the fastest of ``--repeat`` passes after
a warm-up, so that other load on the machine distorts them less; every pass is printed, with
the machine's load average. Targets (issue 16): within 3× of the floor, ≥ 20× the naive
pipeline, memory flat in the size of the archive.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

#: pages of a Common Crawl monthly crawl (order of magnitude of recent crawls: 2.5–3.5 billion)
MONTHLY_CRAWL_PAGES = 3.0e9


def default_warc() -> Path:
    from vigipub.cli.bench import default_warc as bench_default

    return bench_default()


def _timed(fn: Any, repeat: int) -> tuple[dict[str, Any], list[float]]:
    passes = []
    result: dict[str, Any] = {}
    for _ in range(repeat):
        gc.collect()
        cpu0 = time.process_time()
        result = fn()
        passes.append(time.process_time() - cpu0)
    return result, passes


def floor_pass(path: Path) -> dict[str, Any]:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    records = 0
    size = 0
    with open(path, "rb") as fh:
        for record in ArchiveIterator(fh, record_types=WarcRecordType.response, parse_http=True):
            size += len(record.reader.read())
            records += 1
    return {"records": records, "bytes": size}


def triage_pass(path: Path, triager: Any) -> dict[str, Any]:
    from vigipub.batch.records import RecordStats

    stats = RecordStats()
    rows = 0
    size = 0
    analysed = 0
    flagged = 0
    with open(path, "rb") as fh:
        for row in triager.rows(fh, str(path), stats):
            rows += 1
            size += row["payload_bytes"]
            analysed += row["tier"] == "detection"
            flagged += row["verdict"] in ("promotion", "uncertain")
    return {"records": rows, "bytes": size, "analysed": analysed, "flagged": flagged}


def naive_patterns() -> list[re.Pattern[str]]:
    from vigipub.detect import load_lexicon

    groups: dict[str, list[str]] = {}
    for entry in load_lexicon().entries:
        if entry.kind in ("therapy", "disease"):
            groups.setdefault(entry.language, []).extend(entry.terms)
    return [
        re.compile(
            r"\b(?:" + "|".join(re.escape(t) for t in sorted(set(ts), key=len, reverse=True)) + r")\b", re.I
        )
        for ts in groups.values()
    ]


def naive_pass(path: Path, limit: int, patterns: list[re.Pattern[str]]) -> dict[str, Any]:
    """warcio reads, trafilatura extracts, one regex per language finds the terms."""
    import trafilatura
    from warcio.archiveiterator import ArchiveIterator

    records = 0
    size = 0
    hits = 0
    with open(path, "rb") as fh:
        for record in ArchiveIterator(fh):
            if record.rec_type != "response":
                continue
            payload = record.content_stream().read()
            text = trafilatura.extract(payload) or ""
            hits += sum(1 for p in patterns for _ in p.finditer(text))
            records += 1
            size += len(payload)
            if records >= limit:
                break
    return {"records": records, "bytes": size, "hits": hits}


_RSS_PROBE = """
import resource, sys
from vigipub.batch.rows import Triager
from vigipub.batch.records import RecordStats
triager = Triager(sys.argv[2])
rows = 0
with open(sys.argv[1], "rb") as fh:
    for row in triager.rows(fh, sys.argv[1], RecordStats()):
        rows += 1
print(rows, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def peak_rss(path: Path, prefilter: str) -> tuple[int, float]:
    """(records, peak RSS in MB) of the per-record function over ``path``, in a fresh process."""
    out = subprocess.run(
        [sys.executable, "-c", _RSS_PROBE, str(path), prefilter], capture_output=True, text=True, check=True
    ).stdout.split()
    return int(out[0]), int(out[1]) / 1024


def run(path: Path, repeat: int, naive_limit: int, prefilter: str, memory: bool) -> dict[str, Any]:
    from vigipub.batch.rows import Triager

    if not path.is_file():
        raise SystemExit(f"error: {path}: benchmark WARC not found (set VIGIPUB_BENCH_WARC)")
    load_before = os.getloadavg()
    triager = Triager(prefilter)
    triage_pass(path, triager)  # warm-up: per-language automata, caches
    gc.freeze()
    floor, floor_passes = _timed(lambda: floor_pass(path), repeat)
    ours, our_passes = _timed(lambda: triage_pass(path, triager), repeat)
    patterns = naive_patterns()
    naive, naive_passes = _timed(lambda: naive_pass(path, naive_limit, patterns), 1)
    result: dict[str, Any] = {
        "warc": str(path),
        "prefilter": prefilter,
        "scanner": triager.prefilter.engine if triager.prefilter else "off",
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
    }
    for name, data, passes in (
        ("floor", floor, floor_passes),
        ("triage", ours, our_passes),
        ("naive", naive, naive_passes),
    ):
        best = min(passes)
        result[name] = {
            **data,
            "cpu_s_best": round(best, 4),
            "cpu_s_all": [round(p, 4) for p in passes],
            "records_per_s": round(data["records"] / best, 1),
            "mb_per_s": round(data["bytes"] / 1e6 / best, 1),
        }
    triage = result["triage"]
    triage["core_hours_per_million_pages"] = round(1e6 / triage["records_per_s"] / 3600, 3)
    triage["core_hours_monthly_crawl"] = round(MONTHLY_CRAWL_PAGES / triage["records_per_s"] / 3600)
    triage["analysed_share"] = round(triage["analysed"] / max(1, triage["records"]), 4)
    result["triage_vs_floor"] = round(result["floor"]["records_per_s"] / triage["records_per_s"], 2)
    result["triage_vs_naive"] = round(triage["records_per_s"] / result["naive"]["records_per_s"], 1)
    if memory:
        with tempfile.TemporaryDirectory() as tmp:
            four = Path(tmp) / "four.warc.gz"
            with open(four, "wb") as out:
                for _ in range(4):
                    out.write(path.read_bytes())
            one_rows, one_rss = peak_rss(path, prefilter)
            four_rows, four_rss = peak_rss(four, prefilter)
        result["memory"] = {
            "records_1x": one_rows,
            "peak_rss_mb_1x": round(one_rss, 1),
            "records_4x": four_rows,
            "peak_rss_mb_4x": round(four_rss, 1),
        }
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("warc", nargs="?", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--naive-limit", type=int, default=150)
    parser.add_argument("--prefilter", choices=["therapy", "therapy-or-disease", "off"], default="therapy")
    parser.add_argument("--no-memory", action="store_true")
    parser.add_argument("--format", choices=["table", "json"], default="table")
    args = parser.parse_args(argv)
    result = run(
        args.warc or default_warc(), max(1, args.repeat), args.naive_limit, args.prefilter, not args.no_memory
    )
    if args.format == "json":
        print(json.dumps(result, indent=2))
        return 0
    f, t, n = result["floor"], result["triage"], result["naive"]
    print(f"triage benchmark — {result['warc']} — pre-filter {result['prefilter']} ({result['scanner']})")
    print(
        f"load average before/after: {result['load_average_before']} / {result['load_average_after']} (2 cores)"
    )
    print(f"{'pipeline':<58}{'records':>8}{'CPU s':>8}{'rec/s':>9}{'MB/s':>8}  passes (CPU s)")
    for name, row in (
        ("floor: FastWARC decompression + iteration", f),
        ("vigipub triage (pre-filter, extract+detect survivors, row)", t),
        ("naive: warcio + trafilatura + regex per language", n),
    ):
        print(
            f"{name:<58}{row['records']:>8}{row['cpu_s_best']:>8.3f}{row['records_per_s']:>9.0f}"
            f"{row['mb_per_s']:>8.1f}  {row['cpu_s_all']}"
        )
    print(
        f"triage: {t['analysed']} of {t['records']} records analysed after the pre-filter "
        f"({100 * t['analysed_share']:.1f} %), {t['flagged']} flagged"
    )
    print(
        f"floor / triage = {result['triage_vs_floor']}× (target ≤ 3×); "
        f"triage / naive = {result['triage_vs_naive']}× (target ≥ 20×)"
    )
    print(
        f"core-hours per million pages: {t['core_hours_per_million_pages']}; "
        f"a monthly crawl of {MONTHLY_CRAWL_PAGES:.1e} pages: ~{t['core_hours_monthly_crawl']} core-hours"
    )
    if "memory" in result:
        m = result["memory"]
        print(
            f"peak RSS: {m['peak_rss_mb_1x']} MB over {m['records_1x']} records (1×), "
            f"{m['peak_rss_mb_4x']} MB over {m['records_4x']} records (4×)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
