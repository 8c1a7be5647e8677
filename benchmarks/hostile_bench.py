"""Time and peak memory of the hostile inputs of issue 18, each beside a benign reference
measured in the same run (same process start-up, same machine load).

Every case runs in its own process (``os.wait4`` gives its peak RSS): HTML that hides its
depth or nests 50,000 levels, against an ordinary page of the demo clinic; ``vigipub analyze``
on ``/dev/zero``, a FIFO, 3 GB files and random bytes, against ``analyze`` of that ordinary
page. Usage::

    .venv/bin/python benchmarks/hostile_bench.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "src" / "vigipub" / "demo" / "sites" / "dendritic-clinic" / "fr" / "therapie.html"

EXTRACT = """
import sys
from pathlib import Path
from vigipub.detect import Detector
from vigipub.extract import document_from_html
html = Path(sys.argv[1]).read_bytes()
doc = document_from_html(html, "https://clinic.example/fr/")
analysis = Detector.default().analyze(doc)
print(len(doc.text), sum(1 for f in analysis.findings if f.kind == "claim"), analysis.verdict)
"""


def run(args: list[str]) -> tuple[float, int, int, str]:
    """(wall seconds, peak RSS MiB, exit code, last line of output) of one process."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    out = proc.stdout.read().decode("utf-8", "replace").strip().splitlines() if proc.stdout else []
    return wall, usage.ru_maxrss // 1024, os.waitstatus_to_exitcode(status), (out[-1] if out else "")[:110]


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="vigipub-hostile-"))
    page = PAGE.read_bytes()
    hidden = page.replace(b"<body", b"<!-- " + b"<div>" * 20_001 + b" --><body", 1)
    cases: dict[str, bytes] = {"ordinary page (reference)": page, "hidden comment, 20,001 <div>": hidden}
    for tag in ("div", "details", "b"):
        body = f"<{tag}>".encode() * 50_000 + b"Nos cellules souches guerissent l'autisme." + f"</{tag}>".encode() * 50_000
        at = page.index(b">", page.index(b"<body")) + 1
        cases[f"50,000 nested <{tag}>"] = page[:at] + body + page[at:]
    python = sys.executable
    print(f"{'extraction + detection':40} {'wall s':>7} {'peak MiB':>9} {'exit':>5}  output (text chars, claims, verdict)")
    for name, data in cases.items():
        path = tmp / "page.html"
        path.write_bytes(data)
        wall, rss, code, out = run([python, "-c", EXTRACT, str(path)])
        print(f"{name:40} {wall:7.2f} {rss:9d} {code:5d}  {out}")

    fifo = tmp / "fifo.html"
    os.mkfifo(fifo)
    big_html, zeros_warc, random_warc = tmp / "big.html", tmp / "zeros.warc", tmp / "random.warc.gz"
    for path in (big_html, zeros_warc):
        with open(path, "wb") as fh:
            fh.truncate(3 << 30)  # sparse: 3 GB on no disk
    random_warc.write_bytes(os.urandom(100 << 20))
    (tmp / "ordinary.html").write_bytes(page)
    analyze = [python, "-m", "vigipub", "analyze"]
    print(f"\n{'vigipub analyze':40} {'wall s':>7} {'peak MiB':>9} {'exit':>5}  last line")
    for name, target in (
        ("ordinary page (reference)", tmp / "ordinary.html"),
        ("/dev/zero", Path("/dev/zero")),
        ("a FIFO", fifo),
        ("3 GB HTML file (sparse)", big_html),
        ("3 GB WARC of zeros (sparse)", zeros_warc),
        ("100 MB of random bytes as .warc.gz", random_warc),
    ):
        wall, rss, code, out = run([*analyze, str(target)])
        print(f"{name:40} {wall:7.2f} {rss:9d} {code:5d}  {out}")
    subprocess.run(["uptime"], check=False)


if __name__ == "__main__":
    main()
