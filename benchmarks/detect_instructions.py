"""Extract and detect the first N pages of a WARC, for counting instructions under valgrind.

Wall-clock and CPU time vary by ±15 % on a shared machine; the number of instructions a
change executes does not. Compare two versions of the code with the same pages::

    valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.N .venv/bin/python \\
        benchmarks/detect_instructions.py 300
    valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.0 .venv/bin/python \\
        benchmarks/detect_instructions.py 0

and read ``I refs`` of each: (refs(N) − refs(0)) / N is the instructions per page, start-up
(imports, lexicons, model) subtracted. Another version of the code is measured from its own
checkout, e.g. ``git archive main | tar -x -C /tmp/main`` then ``PYTHONPATH=/tmp/main/src``.
The WARC defaults to the shared benchmark file (as ``vigipub bench``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from vigipub.cli.bench import default_warc
from vigipub.detect import Detector
from vigipub.extract import ExtractStats, iter_warc


def main(argv: list[str]) -> int:
    pages = int(argv[0]) if argv else 300
    warc = Path(argv[1]) if len(argv) > 1 else default_warc()
    detector = Detector.default()
    verdicts: dict[str, int] = {}
    done = 0
    if pages > 0:
        for doc in iter_warc(warc, stats=ExtractStats()):
            verdict = detector.analyze(doc).verdict
            verdicts[verdict] = verdicts.get(verdict, 0) + 1
            done += 1
            if done >= pages:
                break
    print(f"{done} pages: {verdicts}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
