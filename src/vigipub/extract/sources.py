"""Iterate the documents of a dossier, an evidence folder, a WARC or a local file."""

from __future__ import annotations

import hashlib
import json
import re
import stat
from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, BinaryIO

from vigipub.evidence.capture import FETCHED_FOR_HEADER
from vigipub.evidence.core import RecordRef
from vigipub.evidence.document import Document
from vigipub.evidence.jsonl import jsonl_objects

from .build import (
    MAX_HTML_BYTES,
    document_from_excerpt,
    document_from_html,
    document_from_pdf,
    document_from_text,
)
from .errors import ExtractError, ExtractIntegrityError

HTML_TYPES = ("text/html", "application/xhtml+xml")
PDF_TYPES = ("application/pdf",)


class ExtractStats:
    """Counts of what was extracted and of what was skipped, by typed reason."""

    def __init__(self) -> None:
        self.documents = 0
        self.bytes = 0
        self.skipped: Counter[str] = Counter()

    def skip(self, reason: str) -> None:
        self.skipped[reason] += 1

    def as_dict(self) -> dict[str, object]:
        return {"documents": self.documents, "bytes": self.bytes, "skipped": dict(self.skipped)}


def _media_type(content_type: str | None) -> str:
    return (content_type or "").split(";")[0].strip().lower()


def _sniff_kind(data: bytes) -> str:
    head = data[:1024].lstrip().lower()
    if head.startswith(b"%pdf"):
        return "pdf"
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body")) or b"<html" in head:
        return "html"
    return "unknown"


def _read_payload(stream: object, cap: int) -> tuple[bytes, str, bool]:
    """Read up to ``cap`` bytes, hash the whole payload; (bytes, digest, truncated)."""
    h = hashlib.sha256()
    data = stream.read(cap)  # type: ignore[attr-defined]
    h.update(data)
    truncated = False
    while chunk := stream.read(1 << 20):  # type: ignore[attr-defined]
        truncated = True
        h.update(chunk)
    return data, "sha256:" + h.hexdigest(), truncated


#: longest line warcio may read at once (record and HTTP headers): it grows a line by
#: concatenation, so an endless line (a file of zeros named .warc) cost quadratic time
MAX_WARC_LINE = 1 << 20


def _archive_iterator(fh: object) -> object:
    """warcio's record iterator on a reader that bounds line length and inflates with ISA-L.

    Inflating is the largest single cost of reading a WARC (about 0.3 ms of a 140 KB page
    with zlib); ISA-L's inflate (``isal``) gives the same bytes in less than half the time.
    warcio picks its decompressor from the reader's ``DECOMPRESSORS`` table; the reader is
    swapped before the first read, with the same block size. If warcio's reader is not as
    expected, plain warcio is used.
    """
    from warcio.archiveiterator import ArchiveIterator

    iterator = ArchiveIterator(fh)
    reader_class = _reader_class()
    reader = getattr(iterator, "reader", None)
    if reader_class is not None and reader is not None and reader.num_read == 0:
        iterator.reader = reader_class(iterator.fh, block_size=reader.block_size)
    return iterator


@lru_cache(maxsize=1)
def _reader_class() -> type | None:
    try:
        from warcio.bufferedreaders import DecompressingBufferedReader
    except ImportError:
        return None
    decompressors = dict(DecompressingBufferedReader.DECOMPRESSORS)
    try:
        from isal import isal_zlib

        def gzip_decompressor() -> object:
            return isal_zlib.decompressobj(16 + isal_zlib.MAX_WBITS)

        decompressors["gzip"] = gzip_decompressor
    except ImportError:
        pass

    class BoundedDecompressingBufferedReader(DecompressingBufferedReader):  # type: ignore[misc]
        DECOMPRESSORS = decompressors

        def readline(self, length: int | None = None) -> bytes:
            cap = MAX_WARC_LINE if not length or length > MAX_WARC_LINE else length
            return bytes(super().readline(cap))

    return BoundedDecompressingBufferedReader


def iter_warc(
    path: Path, *, warc_name: str | None = None, stats: ExtractStats | None = None
) -> Iterator[Document]:
    """Documents of a WARC file: HTML/PDF ``response`` records and rendered DOMs."""
    from warcio.exceptions import ArchiveLoadFailed

    stats = stats if stats is not None else ExtractStats()
    name = warc_name or str(path.resolve())
    _check_regular(path)
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed in finally, generator lifetime
    except OSError as exc:
        raise ExtractError(f"cannot open WARC: {exc.strerror}", where=str(path)) from exc
    try:
        iterator: Any = _archive_iterator(fh)
        last_end = 0
        last_offset = 0
        try:
            for record in iterator:
                doc = _record_document(record, iterator, name, stats)
                last_offset = iterator.get_record_offset()
                last_end = last_offset + iterator.get_record_length()
                if doc is not None:
                    stats.documents += 1
                    yield doc
        except ArchiveLoadFailed as exc:
            # warcio quotes the first line it could not read: a whole megabyte of it, maybe
            raise ExtractIntegrityError(f"corrupt WARC: {_short(exc)}", where=str(path)) from exc
        except (OSError, EOFError, ValueError) as exc:
            if "gzip" in str(exc).lower() or isinstance(exc, EOFError):
                raise ExtractIntegrityError(f"truncated or corrupt WARC: {_short(exc)}", where=str(path)) from exc
            raise
        # warcio stops silently at a truncated gzip member: bytes left after the last record
        # mean records were lost, which must never pass unnoticed.
        size = path.stat().st_size
        if last_end == size and last_end > 0 and not _last_gzip_member_complete(path, last_offset):
            raise ExtractIntegrityError(
                f"truncated WARC: the file ends inside the record at offset {last_offset} "
                "(earlier records were read)",
                where=str(path),
            )
        if last_end < size and not _only_record_separator(path, last_end, size):
            raise ExtractIntegrityError(
                f"truncated or corrupt WARC: {size - last_end} bytes after offset {last_end} could not be read",
                where=str(path),
            )
    finally:
        fh.close()


def _short(exc: BaseException, limit: int = 200) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= limit else text[:limit] + "…"


def _plain_record_complete(fh: BinaryIO, offset: int, size: int) -> bool:
    """In an uncompressed WARC, does the record at ``offset`` hold all its Content-Length bytes?

    warcio reads a record cut short by the end of the file without complaint.
    """
    fh.seek(offset)
    head = fh.read(64 * 1024)
    end = head.find(b"\r\n\r\n")
    if end < 0:
        return False
    for line in head[:end].split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            try:
                return offset + end + 4 + int(value.strip()) <= size
            except ValueError:
                return False
    return False


def _only_record_separator(path: Path, start: int, size: int) -> bool:
    """True if the bytes after the last record are only its CRLF CRLF separator.

    In an uncompressed WARC warcio leaves the last record's closing separator out of the
    record's length; those four bytes are not lost data.
    """
    if size - start > 4:
        return False
    with open(path, "rb") as fh:
        fh.seek(start)
        return fh.read().strip(b"\r\n") == b""


def _last_gzip_member_complete(path: Path, offset: int) -> bool:
    """True unless the file is gzip and its last member (from ``offset``) is cut short.

    warcio reads a cut gzip member as a shorter record without complaint; the missing gzip
    trailer is the only sign that bytes were lost.
    """
    import zlib

    with open(path, "rb") as fh:
        fh.seek(offset)
        if fh.read(2) != b"\x1f\x8b":
            return _plain_record_complete(fh, offset, path.stat().st_size)
        fh.seek(offset)
        inflater = zlib.decompressobj(wbits=31)
        try:
            while chunk := fh.read(1 << 20):
                inflater.decompress(chunk, 1 << 16)
                while inflater.unconsumed_tail and not inflater.eof:
                    inflater.decompress(inflater.unconsumed_tail, 1 << 16)
                if inflater.eof:
                    return True
        except zlib.error:
            return False
    return inflater.eof


def _record_document(
    record: object, iterator: object, warc_name: str, stats: ExtractStats
) -> Document | None:
    rec_type = record.rec_type  # type: ignore[attr-defined]
    headers = record.rec_headers  # type: ignore[attr-defined]
    uri = headers.get_header("WARC-Target-URI") or ""
    if rec_type == "response":
        fetched_for = headers.get_header(FETCHED_FOR_HEADER)
        if fetched_for:
            # an image, style, script or frame the browser loaded to draw a page, or a sitemap
            # (a soft-404 page at /sitemap.xml): kept as evidence, but not a page of the site
            # (a third-party frame must not speak for it)
            stats.skip(f"fetched_for_{fetched_for}")
            return None
        http = record.http_headers  # type: ignore[attr-defined]
        if http is None:
            stats.skip("no_http_headers")
            return None
        status = http.get_statuscode()
        if status != "200":
            stats.skip(f"status_{status}")
            return None
        content_type = http.get_header("Content-Type")
        source = "http"
    elif rec_type == "resource":
        kind = (headers.get_header("WARC-Resource-Type") or "").lower()
        if kind != "rendered-dom":
            stats.skip(f"resource_{kind or 'untyped'}")
            return None
        content_type = headers.get_header("Content-Type") or "text/html"
        source = "rendered"
    else:
        stats.skip(f"record_{rec_type}")
        return None
    media = _media_type(content_type)
    data, digest, truncated = _read_payload(record.content_stream(), MAX_HTML_BYTES)  # type: ignore[attr-defined]
    kind = "html" if media in HTML_TYPES else "pdf" if media in PDF_TYPES else ""
    if not kind and media in ("", "application/octet-stream", "text/plain"):
        kind = _sniff_kind(data)
    if kind not in ("html", "pdf"):
        stats.skip(f"media_{media or 'unknown'}")
        return None
    captured: datetime | None = None
    date = headers.get_header("WARC-Date")
    if date:
        try:
            captured = datetime.fromisoformat(date.replace("Z", "+00:00"))
        except ValueError:
            captured = None
    ref = RecordRef.model_construct(
        warc_file=warc_name,
        offset=iterator.get_record_offset(),  # type: ignore[attr-defined]
        length=iterator.get_record_length(),  # type: ignore[attr-defined]
        record_id=headers.get_header("WARC-Record-ID") or "",
        record_type=rec_type,
        target_uri=uri,
        payload_digest=digest,
        captured_at=captured,
    )
    stats.bytes += len(data)
    if kind == "pdf":
        doc = document_from_pdf(data, uri, content_type=content_type, record=ref)
        if source == "rendered":
            doc = doc.model_copy(update={"source": "rendered"})
    else:
        doc = document_from_html(data, uri, content_type=content_type, record=ref, source=source)  # type: ignore[arg-type]
    if truncated:
        doc = doc.model_copy(update={"warnings": [*doc.warnings, "payload larger than the extraction cap"]})
    return doc


#: a local HTML, PDF or text file is read whole, up to this size (a WARC is streamed record
#: by record, whatever its size)
MAX_FILE_BYTES = 64 * 1024 * 1024
_FILE_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _check_regular(path: Path) -> int:
    """The size of ``path`` if it is a regular file; ExtractError otherwise.

    Checked before opening: opening a FIFO waits for a writer forever, and ``/dev/zero``
    never ends.
    """
    try:
        st = path.stat()
    except OSError as exc:
        raise ExtractError(f"cannot read file: {exc.strerror}", where=str(path)) from exc
    if not stat.S_ISREG(st.st_mode):
        what = next((label for test, label in _FILE_KINDS if test(st.st_mode)), "not a regular file")
        raise ExtractError(
            f"{what}, not a file: only files, folders and WARCs are read", where=str(path)
        )
    return st.st_size


def _read_file(path: Path) -> bytes | None:
    """A local document's bytes, read with a bound; None for a WARC (streamed instead)."""
    size = _check_regular(path)
    if path.name.lower().endswith((".warc", ".warc.gz")):
        return None
    if size > MAX_FILE_BYTES:
        raise ExtractError(
            f"file of {size / 2**20:,.0f} MB is larger than the {MAX_FILE_BYTES // 2**20} MB a single "
            "document may have (a WARC of any size is read record by record)",
            where=str(path),
        )
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)  # the file may grow while it is read
    except OSError as exc:
        raise ExtractError(f"cannot read file: {exc.strerror}", where=str(path)) from exc
    if len(data) > MAX_FILE_BYTES:
        raise ExtractError(f"file grew beyond {MAX_FILE_BYTES // 2**20} MB while read", where=str(path))
    return data


def _warcs_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name.endswith((".warc", ".warc.gz")) and p.is_file())


def iter_documents(path: Path, *, stats: ExtractStats | None = None) -> Iterator[Document]:
    """Documents found at ``path``: dossier, evidence folder, WARC, HTML, PDF or text file.

    In a dossier or evidence folder, ``RecordRef.warc_file`` is relative to ``evidence/``.
    """
    path = Path(path)
    stats = stats if stats is not None else ExtractStats()
    if not path.exists():
        raise ExtractError("no such file or folder", where=str(path))
    if path.is_dir():
        evidence = path / "evidence" if (path / "evidence").is_dir() else path
        warcs = _warcs_in(evidence)
        if not warcs:
            raise ExtractError(
                "folder holds no WARC file (expected a dossier or evidence folder)", where=str(path)
            )
        for warc in warcs:
            yield from iter_warc(warc, warc_name=warc.name, stats=stats)
        return
    name = path.name.lower()
    data = _read_file(path) if not name.endswith((".warc", ".warc.gz")) else None
    if data is None:
        yield from iter_warc(path, stats=stats)
        return
    url = path.resolve().as_uri()
    stats.bytes += len(data)
    if name.endswith(".jsonl") and _is_excerpts(data):
        for doc in _excerpts(data, path, url):
            stats.documents += 1
            yield doc
        return
    stats.documents += 1
    if name.endswith(".pdf") or data[:5] == b"%PDF-":
        yield document_from_pdf(data, url, source="file")
    elif name.endswith((".html", ".htm", ".xhtml")) or _sniff_kind(data) == "html":
        yield document_from_html(data, url, content_type=None, source="file")
    else:
        yield document_from_text(data, url, source="text")


#: the first non-blank line of a file (matched in place: no copy of a large file)
_FIRST_LINE = re.compile(rb"\s*([^\r\n]*)")


def _is_excerpts(data: bytes) -> bool:
    """A JSON-lines file of page excerpts: its first line is an object with a ``text`` string.

    Anything else with the ``.jsonl`` suffix is read as plain text, as before.
    """
    first = _FIRST_LINE.match(data)
    try:
        item = json.loads(first.group(1) if first else b"")
    except (ValueError, UnicodeDecodeError):
        return False
    return isinstance(item, dict) and isinstance(item.get("text"), str)


def _excerpts(data: bytes, path: Path, url: str) -> Iterator[Document]:
    """One document per line of an excerpts file (the layout of ``../shared/corpus-real``).

    Each line is an object with the excerpt's ``text`` (its lines were the page's blocks) and,
    when known, the page's ``url``; without one the page is ``<file URL>#<id or line number>``.
    A line that is not such an object is an error naming the file and line (the lines before it
    have been yielded).
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ExtractError(f"excerpts file is not UTF-8 (byte {exc.start})", where=str(path)) from exc
    for number, item in jsonl_objects(text, str(path), ExtractError):
        if not isinstance(item.get("text"), str):
            raise ExtractError("an excerpt line must be a JSON object with a \"text\" string", where=f"{path}:{number}")
        page_url = item.get("url")
        if not isinstance(page_url, str) or not page_url.strip():
            page_url = f"{url}#{item.get('id') or number}"
        yield document_from_excerpt(item["text"], page_url.strip())
