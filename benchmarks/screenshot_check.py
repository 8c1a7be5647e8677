"""How often a full-page screenshot repeats the page's top instead of showing the rest of it.

Renders the first page of three demo sites concurrently, as the crawler does (three pages in
flight in one Chromium), ROUNDS times, and looks in every PNG for the first 40 rows of pixels
appearing again lower down (the defect of issue 13: the first screenshot of a capture repeated
the header at 813 px and cut the page). Prints the count; the reference printed with it is the
number of screenshots taken.

    .venv/bin/python benchmarks/screenshot_check.py [ROUNDS]
"""

from __future__ import annotations

import asyncio
import io
import sys
import time
import zlib
from typing import Any

import httpx
from PIL import Image

from vigipub.capture.browser import Renderer
from vigipub.demo import serve_demo_sites


def repeated_top(png: bytes, band: int = 40) -> int | None:
    """The height at which the first ``band`` rows of pixels appear again, if they do."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    width, height = image.size
    data = image.tobytes()
    rows = [zlib.crc32(data[y * width * 3 : (y + 1) * width * 3]) for y in range(height)]
    top = rows[5 : 5 + band]
    if len(set(top)) < 4:
        return None  # a uniform band says nothing
    for y in range(band + 5, height - band):
        if rows[y : y + band] == top:
            return y
    return None


async def run(urls: list[str], rounds: int) -> tuple[int, int]:
    bad = total = 0
    async with httpx.AsyncClient() as client:

        async def fetch(url: str, headers: dict[str, str]) -> Any:
            response = await client.get(url, headers=headers)
            result = type("Fetched", (), {})()
            result.status = response.status_code
            result.raw_headers = [
                (k.encode(), v.encode())
                for k, v in response.headers.items()
                if k.lower() not in ("content-encoding", "content-length", "transfer-encoding")
            ]
            result.body = response.content
            result.error_reason = None
            return result

        for _ in range(rounds):
            async with Renderer(fetch, user_agent="vigipub-check", timeout=20, concurrency=3, max_bytes=10**8) as r:
                for url, res in zip(urls, await asyncio.gather(*(r.render(u) for u in urls)), strict=True):
                    total += 1
                    if res.png and (y := repeated_top(res.png)) is not None:
                        bad += 1
                        print(f"repeated top at {y} px: {url}", flush=True)
    return bad, total


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    started = time.monotonic()
    with serve_demo_sites(host="127.0.0.1") as urls:
        pages = [urls["carth-hospital"], urls["stemcell-clinic"], urls["news-report"]]
        bad, total = asyncio.run(run(pages, rounds))
    print(f"{bad} of {total} screenshots repeat the page's top ({time.monotonic() - started:.0f} s)")


if __name__ == "__main__":
    main()
