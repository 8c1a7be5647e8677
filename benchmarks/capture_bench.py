"""Capture speed on a 200-page site served on 127.0.0.1 (no browser).

Reference measured in the same run: a naive sequential download of the same 200 URLs with
``httpx.Client`` (no WARC, no robots, no checks). Usage::

    .venv/bin/python benchmarks/capture_bench.py [--pages 200] [--repeat 3]
"""

from __future__ import annotations

import argparse
import http.server
import statistics
import tempfile
import threading
import time
from pathlib import Path

import httpx

from vigipub.capture import CaptureOptions, capture_site, verify_evidence

KEYWORDS = ["traitement", "temoignages", "prix", "contact", "about", "news", "blog", "page"]


def page(n: int, total: int) -> bytes:
    links = "".join(
        f'<li><a href="/{KEYWORDS[(n + k) % len(KEYWORDS)]}/{(n * 13 + k) % total}.html">lien {k}</a></li>'
        for k in range(1, 9)
    )
    text = "<p>Thérapie par cellules souches : résultats, témoignages et tarifs. </p>" * 40
    return (
        f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Page {n}</title></head>'
        f"<body><h1>Page {n}</h1>{text}<ul>{links}</ul></body></html>"
    ).encode()


class Site(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, total: int) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.pages = {0: page(0, total)} | {n: page(n, total) for n in range(total)}


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body are two writes: avoid 40 ms delayed-ACK stalls
    server: Site  # type: ignore[assignment]

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def do_GET(self) -> None:  # noqa: N802
        path = self.path.rstrip("/")
        try:
            n = int(path.rsplit("/", 1)[-1].split(".")[0]) if path else 0
            body = self.server.pages[n]
            status = 200
        except (ValueError, KeyError):
            body, status = b"not found", 404
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def naive(base: str, urls: list[str]) -> float:
    t0 = time.perf_counter()
    with httpx.Client() as client:
        for url in urls:
            client.get(base + url)
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--browser-pages", type=int, default=0, help="also time a capture with Chromium")
    args = parser.parse_args()
    site = Site(args.pages)
    threading.Thread(target=site.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{site.server_address[1]}"
    times: list[float] = []
    counts: list[int] = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.repeat):
            out = Path(tmp) / f"ev{i}"
            t0 = time.perf_counter()
            manifest = capture_site(
                base + "/",
                out,
                CaptureOptions(allow_private=True, browser=False, max_pages=args.pages, max_depth=100),
            )
            times.append(time.perf_counter() - t0)
            counts.append(len(manifest.pages))
        urls = [p.final_url.removeprefix(base) for p in manifest.pages]
        t_verify = time.perf_counter()
        assert verify_evidence(Path(tmp) / "ev0").ok
        t_verify = time.perf_counter() - t_verify
        warc_size = (Path(tmp) / "ev0" / "capture.warc.gz").stat().st_size
    ref = [naive(base, urls) for _ in range(args.repeat)]
    best, ref_best = min(times), min(ref)
    print(f"site: {args.pages} pages on 127.0.0.1, no browser, {args.repeat} runs")
    print(
        f"vigipub capture: {counts[0]} pages in {best:.2f} s (median {statistics.median(times):.2f} s) = {counts[0] / best:.0f} pages/s"
    )
    print(
        f"reference (sequential httpx GET, no WARC): {len(urls)} pages in {ref_best:.2f} s = {len(urls) / ref_best:.0f} pages/s"
    )
    print(f"WARC: {warc_size / 1e6:.2f} MB; verify: {t_verify:.2f} s")
    if args.browser_pages:
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            manifest = capture_site(
                base + "/",
                Path(tmp) / "evb",
                CaptureOptions(allow_private=True, browser=True, max_pages=args.browser_pages, max_depth=100),
            )
            elapsed = time.perf_counter() - t0
        rendered = sum(1 for p in manifest.pages if p.rendered is not None)
        print(
            f"with Chromium (2 renders at a time): {rendered} pages rendered in {elapsed:.1f} s = {rendered / elapsed:.1f} pages/s"
        )
    site.shutdown()


if __name__ == "__main__":
    main()
