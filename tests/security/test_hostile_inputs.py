"""No input stops us: pages that hide their size or depth, and files that never end.

The probes of issue 18, kept as tests: an invisible comment holding 20,001 ``<div>`` on
every page of a promotion site once turned it into "uncertain, 0 claims"; nesting that
makes parsers quadratic; ``vigipub analyze`` on ``/dev/zero``, a FIFO and 3 GB files.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from vigipub.cli.main import main as cli_main
from vigipub.detect import Detector
from vigipub.extract import document_from_html

DEMO = Path(__file__).resolve().parents[2] / "src" / "vigipub" / "demo" / "sites" / "dendritic-clinic" / "fr"
HIDDEN = b"<!-- " + b"<div>" * 20_001 + b" -->"


def _site(pages: dict[str, bytes]) -> tuple[str, int, list[str]]:
    detector = Detector.default()
    analyses = [detector.analyze(document_from_html(html, f"https://clinic.example/fr/{name}")) for name, html in pages.items()]
    site = detector.analyze_site(analyses, url="https://clinic.example/")
    claims = sorted(f.quote for a in analyses for f in a.findings if f.kind == "claim")
    return site.verdict, len(claims), claims


def test_an_invisible_comment_never_hides_the_text_of_a_site() -> None:
    pages = {p.name: p.read_bytes() for p in sorted(DEMO.glob("*.html"))}
    evasive = {name: html.replace(b"<body", HIDDEN + b"<body", 1) for name, html in pages.items()}
    assert all(HIDDEN in html for html in evasive.values())
    verdict, count, claims = _site(pages)
    assert verdict == "promotion" and count >= 8
    assert _site(evasive) == (verdict, count, claims)
    doc = document_from_html(evasive["index.html"], "https://clinic.example/fr/")
    assert doc.text == document_from_html(pages["index.html"], "https://clinic.example/fr/").text
    assert any("comments removed" in w for w in doc.warnings)


@pytest.mark.parametrize("tag", ["div", "details", "b", "em"])
def test_nesting_bombs_keep_their_text(tag: str) -> None:
    n = 60_000
    html = b"<html><body><p>Avant.</p>" + f"<{tag}>".encode() * n
    html += "Nos cellules souches guérissent l’autisme.".encode() + f"</{tag}>".encode() * n + b"</body></html>"
    doc = document_from_html(html, "https://deep.example/")
    assert "Nos cellules souches guérissent l’autisme." in doc.text and doc.text.startswith("Avant.")


def test_links_of_a_nesting_bomb_are_still_found() -> None:
    from vigipub.capture.scope import extract_links

    html = b"<html><body>" + b"<div>" * 60_000 + b"<a href='/fr/tarifs.html'>tarifs</a>" + b"</div>" * 60_000
    assert [link.url for link in extract_links(html, "https://clinic.example/").links] == [
        "https://clinic.example/fr/tarifs.html"
    ]


def test_analyze_refuses_what_never_ends(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "page.html"
    os.mkfifo(fifo)
    for target, expected in (("/dev/zero", "character device"), (str(fifo), "FIFO")):
        assert cli_main(["analyze", target]) == 2
        err = capsys.readouterr().err
        assert expected in err and len(err.strip().splitlines()) == 1
    big = tmp_path / "big.html"
    with open(big, "wb") as fh:
        fh.truncate(3 << 30)  # sparse: 3 GB that take no disk
    assert cli_main(["analyze", str(big)]) == 2
    assert "larger than the 64 MB" in capsys.readouterr().err


def _run_measured(args: list[str]) -> tuple[int, str, int]:
    """(exit code, stderr, peak RSS in MiB) of a command. The peak is the process's own
    ``VmHWM``, polled: ``wait4``'s ru_maxrss would include the memory of this pytest process,
    which the child inherits at fork."""
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    status = Path(f"/proc/{proc.pid}/status")
    while proc.poll() is None:
        try:
            line = next(x for x in status.read_text().splitlines() if x.startswith("VmHWM:"))
            peak = max(peak, int(line.split()[1]) // 1024)
        except (OSError, StopIteration, ValueError):
            pass
        time.sleep(0.005)
    return proc.returncode, proc.stderr.read().decode() if proc.stderr else "", peak


def test_analyze_of_a_3_gb_warc_of_zeros_keeps_memory_flat(tmp_path: Path) -> None:
    """A WARC is streamed whatever its size: a 3 GB file of zeros is a one-line error with
    flat memory (the 3 GB HTML file is refused by its size before any read, above)."""
    warc = tmp_path / "zeros.warc"
    with open(warc, "wb") as fh:
        fh.truncate(3 << 30)
    code, err, peak = _run_measured([sys.executable, "-m", "vigipub", "analyze", str(warc)])
    assert code == 1 and "corrupt WARC" in err and len(err.strip().splitlines()) == 1 and len(err) < 400, err[:400]
    assert 0 < peak < 400, f"peak RSS {peak} MiB"
