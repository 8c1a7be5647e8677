"""Helpers shared by the site generators: file writing, tiny PNG logos, hreflang blocks."""

from __future__ import annotations

import json
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

SITES_DIR = Path(__file__).resolve().parents[1] / "sites"


@dataclass(frozen=True)
class Page:
    """One logical page of a multilingual site: a key and its file name per language."""

    key: str
    slugs: dict[str, str]  # lang -> file name inside /<lang>/ ("index.html" for the home page)

    def url(self, lang: str) -> str:
        slug = self.slugs[lang]
        return f"/{lang}/" if slug == "index.html" else f"/{lang}/{slug}"


def write(site: str, rel: str, content: str | bytes) -> Path:
    """Write one file of a site, creating folders; text is written as UTF-8 with LF."""
    path = SITES_DIR / site / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", newline="\n")
    else:
        path.write_bytes(content)
    return path


def write_config(
    site: str, redirects: dict[str, str] | None = None, disallow: list[str] | None = None
) -> None:
    data = {"redirects": redirects or {}, "disallow": disallow or []}
    write(site, "_site.json", json.dumps(data, indent=2) + "\n")


def png(width: int, height: int, pixel: object) -> bytes:
    """A small RGB PNG built with zlib only; ``pixel(x, y) -> (r, g, b)``."""
    rows = bytearray()
    for y in range(height):
        rows.append(0)  # filter type "None" for each scanline
        for x in range(width):
            rows.extend(pixel(x, y))  # type: ignore[operator]

    def chunk(tag: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(rows), 9))
        + chunk(b"IEND", b"")
    )


def disc_logo(fg: tuple[int, int, int], bg: tuple[int, int, int], size: int = 48) -> bytes:
    """A filled disc on a plain background: enough for a favicon/logo with the right type."""
    r = size / 2

    def pixel(x: int, y: int) -> tuple[int, int, int]:
        return fg if (x - r + 0.5) ** 2 + (y - r + 0.5) ** 2 <= (r - 3) ** 2 else bg

    return png(size, size, pixel)


def hreflang_links(page: Page, default_lang: str) -> str:
    lines = [f'<link rel="alternate" hreflang="{lang}" href="{page.url(lang)}">' for lang in page.slugs]
    lines.append(f'<link rel="alternate" hreflang="x-default" href="{page.url(default_lang)}">')
    return "\n".join(lines)


def escape(text: str) -> str:
    """HTML-escape for text and double-quoted attributes, leaving apostrophes readable."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
