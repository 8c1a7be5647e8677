"""Decode HTML bytes to text: declared charset, meta charset, BOM, then detection.

Servers and pages often lie about their charset (ISO-8859-1 declared, UTF-8 sent), so a
declaration is only trusted when the bytes decode cleanly with it; a Latin-1 family
declaration over bytes that are valid UTF-8 with non-ASCII characters is treated as a lie.
"""

from __future__ import annotations

import codecs
import re

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I)
_LATIN1_FAMILY = {"iso8859-1", "latin-1", "cp1252", "iso8859-15", "ascii"}
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def normalise_charset(name: str | None) -> str | None:
    """Python codec name for a declared charset, or None if unknown."""
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'").lower()).name
    except LookupError:
        return None


def charset_from_content_type(content_type: str | None) -> str | None:
    """The ``charset=`` parameter of a Content-Type header, if any."""
    if not content_type:
        return None
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset":
            return value.strip().strip("\"'") or None
    return None


#: every byte except the C0 controls that never appear in text (NUL…BS, SO…US)
_NOT_CONTROL = bytes(b for b in range(256) if not (b < 9 or 13 < b < 32))


def utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` when NUL bytes sit on every other position (ASCII-heavy
    UTF-16 saved without a byte order mark), else None."""
    head = data[:2048]
    if len(head) < 64:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.3 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.3 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def looks_binary(data: bytes) -> bool:
    """True if the first bytes look like a binary file (NULs, control bytes, known magic)."""
    head = data[:4096]
    if not head:
        return False
    if head.startswith((b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b")):
        return True
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or utf16_without_bom(head):
        return False
    controls = len(head.translate(None, _NOT_CONTROL))
    return controls > len(head) * 0.05


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def declares_utf8(data: bytes, content_type: str | None) -> bool:
    """True when the header (or, without one, the meta tag) declares UTF-8 and no BOM says otherwise."""
    if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) or data.startswith(codecs.BOM_UTF8):
        return False
    declared = normalise_charset(charset_from_content_type(content_type))
    if declared is None:
        match = _META_CHARSET.search(data, 0, 4096)
        declared = normalise_charset(match.group(1).decode("ascii", "replace")) if match else None
    return declared == "utf-8"


def decode(data: bytes, content_type: str | None = None) -> tuple[str, str, list[str]]:
    """Decode ``data``; return (text, charset used, warnings). Never raises."""
    warnings: list[str] = []
    if data.isascii():
        return data.decode("ascii"), "ascii", warnings
    declared = normalise_charset(charset_from_content_type(content_type))
    meta_match = _META_CHARSET.search(data, 0, 4096)
    meta = normalise_charset(meta_match.group(1).decode("ascii", "replace")) if meta_match else None
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = _strict(data, codec)
            if text is not None:
                return text.lstrip("\ufeff"), codec.replace("-sig", ""), warnings
    utf16 = utf16_without_bom(data)
    if utf16 is not None:
        text = _strict(data, utf16)
        if text is not None:
            warnings.append(f"no byte order mark; decoded as {utf16}")
            return text, utf16, warnings
    for candidate in (declared, meta):
        if candidate is None:
            continue
        if candidate in _LATIN1_FAMILY:
            # A Latin-1 declaration decodes any bytes; prefer UTF-8 when the bytes are UTF-8.
            text = _strict(data, "utf-8")
            if text is not None:
                warnings.append(f"charset declared {candidate} but bytes are UTF-8; decoded as UTF-8")
                return text, "utf-8", warnings
        text = _strict(data, candidate)
        if text is not None:
            return text, candidate, warnings
        warnings.append(f"declared charset {candidate} does not match the bytes")
    text = _strict(data, "utf-8")
    if text is not None:
        return text, "utf-8", warnings
    if "utf-8" in (declared, meta):
        # Declared UTF-8 with a few broken bytes (truncated multi-byte characters, a pasted
        # Latin-1 word): keep UTF-8 rather than let a detector re-interpret the whole page.
        text = data.decode("utf-8", errors="replace")
        bad = text.count("\ufffd")
        valid = sum(1 for c in text if c > "\x7f") - bad
        # Mostly valid multi-byte characters: UTF-8 with a few broken bytes. Mostly broken:
        # another charset mislabelled as UTF-8 (the classic Latin-1 page).
        if valid >= 2 * bad:
            warnings.append(f"{bad} invalid UTF-8 byte sequence(s) replaced")
            return text, "utf-8", warnings
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()
    except Exception:  # a detector bug must not lose the page; fall back below
        best = None
    if best is not None and best.encoding:
        codec = normalise_charset(best.encoding) or "utf-8"
        warnings.append(f"charset guessed as {codec}")
        return data.decode(codec, errors="replace"), codec, warnings
    warnings.append("invalid bytes replaced (UTF-8 with replacement characters)")
    return data.decode("utf-8", errors="replace"), "utf-8", warnings
