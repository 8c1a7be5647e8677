"""Benchmark: extraction + detection speed against a naive pipeline, in the same run.

Usage::

    .venv/bin/python benchmarks/detect_bench.py [WARC] [--limit N] [--naive-limit M] [--format json]

Same code as ``vigipub bench`` (see ``vigipub.cli.bench``): vigipub's pipeline (selectolax
text + block map, one Aho-Corasick pass over all languages) next to trafilatura + Python
``re`` over the same lexicons (one regex per entry, and one alternation per language), with
pages/s and MB/s per CPU-second, the speed-up, and peak RSS along the run.
"""

from __future__ import annotations

import sys

from vigipub.cli.main import main

if __name__ == "__main__":
    sys.exit(main(["bench", *sys.argv[1:]]))
