"""WARC gzip members inflated with ISA-L give exactly what zlib gives, and zlib remains a fallback."""

import io
import random

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from vigipub.extract import sources
from vigipub.extract.sources import iter_warc


def _write(path, gzip=True, n=12):
    rng = random.Random(7)
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        for i in range(n):
            # incompressible filler of varied size: members that span several read blocks
            filler = "".join(rng.choice("abcdefghij klmnop") for _ in range(rng.randint(10, 90_000)))
            body = f"<html><body><p>Seite {i}: Stammzellen gegen Autismus.</p><p>{filler}</p></body></html>".encode()
            http = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            writer.write_record(
                writer.create_warc_record(
                    f"http://klinik.example/{i}", "response", payload=io.BytesIO(body), http_headers=http
                )
            )


def _read(path):
    return [
        (d.url, d.text, d.record.payload_digest, d.record.offset, d.record.length) for d in iter_warc(path)
    ]


@pytest.mark.parametrize("gzip", [True, False])
def test_isal_and_zlib_read_the_same_records(tmp_path, monkeypatch, gzip):
    pytest.importorskip("isal")
    path = tmp_path / ("site.warc.gz" if gzip else "site.warc")
    _write(path, gzip=gzip)
    fast = _read(path)
    with open(path, "rb") as fh:
        assert type(sources._archive_iterator(fh).reader).__name__ == "BoundedDecompressingBufferedReader"
    monkeypatch.setattr(sources, "_reader_class", lambda: None)
    with open(path, "rb") as fh:
        assert type(sources._archive_iterator(fh).reader).__name__ == "DecompressingBufferedReader"
    slow = _read(path)
    assert len(fast) == 12 and fast == slow


def test_an_uncompressed_warc_cut_inside_a_record_is_reported(tmp_path):
    path = tmp_path / "site.warc"
    _write(path, gzip=False, n=3)
    path.write_bytes(path.read_bytes()[:-200])
    with pytest.raises(Exception, match="truncated|corrupt|could not be read"):
        _read(path)


def test_without_isal_the_reader_is_warcio_own(tmp_path, monkeypatch):
    path = tmp_path / "site.warc.gz"
    _write(path, n=3)
    monkeypatch.setattr(sources, "_reader_class", lambda: None)
    assert [u for u, *_ in _read(path)] == [f"http://klinik.example/{i}" for i in range(3)]
