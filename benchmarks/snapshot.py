"""Output snapshot for speed work: a change that should not alter results must not alter them.

Usage::

    .venv/bin/python benchmarks/snapshot.py save    SNAPSHOT.jsonl [--lexicons DIR] [WARC]
    .venv/bin/python benchmarks/snapshot.py compare SNAPSHOT.jsonl [--lexicons DIR] [WARC]

``save`` writes every Document and page analysis of the benchmark WARC and of the labelled
corpus (one JSON line per page); ``compare`` recomputes them and prints the pages whose
document or analysis differs (exit 1 if any). Pages are paired by URL, so pages added to the
corpus since the snapshot are ignored. ``--lexicons`` points at a frozen copy of the lexicon
folder, so that lexicon edits made meanwhile do not show up as differences of a code change.
This is how the extraction and detection speed-ups were checked to change nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from vigipub.cli.bench import default_warc
from vigipub.detect import Detector
from vigipub.evidence.document import Document
from vigipub.extract import ExtractStats, document_from_html, iter_warc

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def _documents(warc: Path) -> Iterator[Document]:
    yield from iter_warc(warc, stats=ExtractStats())
    for page in sorted(CORPUS.glob("pages/*/*.html")):
        yield document_from_html(page.read_bytes(), "file:///corpus/" + page.name, source="file")


def _rows(warc: Path, lexicons: Path | None) -> list[dict[str, Any]]:
    detector = Detector.from_folder(lexicons) if lexicons else Detector.default()
    return [
        {
            "url": doc.url,
            "doc": doc.model_dump(mode="json"),
            "analysis": detector.analyze(doc).model_dump(mode="json"),
        }
        for doc in _documents(warc)
    ]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["save", "compare"])
    parser.add_argument("snapshot", type=Path)
    parser.add_argument("warc", type=Path, nargs="?", default=None)
    parser.add_argument("--lexicons", type=Path, default=None, help="frozen lexicon folder")
    args = parser.parse_args(argv)
    rows = _rows(args.warc or default_warc(), args.lexicons)
    if args.action == "save":
        with open(args.snapshot, "w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row, sort_keys=True, ensure_ascii=False) + "\n")
        print(f"snapshot of {len(rows)} pages written to {args.snapshot}")
        return 0
    now = {row["url"]: row for row in rows}
    # split on "\n" only: str.splitlines() also cuts at U+2028 inside a page's text
    base = [json.loads(line) for line in args.snapshot.read_text(encoding="utf-8").split("\n") if line]
    differing = {"doc": 0, "analysis": 0}
    for old in base:
        new = now.get(old["url"])
        if new is None:
            print(f"MISSING NOW {old['url']}")
            differing["doc"] += 1
            continue
        for part in ("doc", "analysis"):
            if old[part] != new[part]:
                differing[part] += 1
                fields = sorted(
                    k for k in set(old[part]) | set(new[part]) if old[part].get(k) != new[part].get(k)
                )
                print(f"DIFF {part} {old['url']}: {', '.join(fields)}")
    print(
        f"{len(base)} pages compared: {differing['doc']} documents and {differing['analysis']} analyses differ"
    )
    return 1 if any(differing.values()) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
