"""A WARC cut inside its last gzip member: the records before are kept, the loss is an error."""

import io
import subprocess
import sys

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from vigipub.evidence import IntegrityError
from vigipub.extract import iter_documents


def _warc(tmp_path, n=3):
    path = tmp_path / "cut.warc.gz"
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i in range(n):
            body = (f"<html lang='en'><body><p>Page {i} about stem cell therapy for autism.</p>"
                    + "<p>filler text</p>" * 200 + "</body></html>").encode()
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(f"http://clinic.example/{i}", "response",
                                                          payload=io.BytesIO(body), http_headers=http))
    return path


def test_cut_last_member_keeps_earlier_records_and_fails_loudly(tmp_path):
    path = _warc(tmp_path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 40])  # lose the gzip trailer and some deflate data
    seen = []
    with pytest.raises(IntegrityError, match="truncated"):
        for doc in iter_documents(path):
            seen.append(doc.url)
    assert seen[:2] == ["http://clinic.example/0", "http://clinic.example/1"]


def test_analyze_prints_what_was_read_then_exits_non_zero(tmp_path):
    path = _warc(tmp_path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 40])
    result = subprocess.run([sys.executable, "-m", "vigipub", "analyze", str(path), "--format", "json"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "truncated" in result.stderr and "Traceback" not in result.stderr
    assert '"http://clinic.example/0"' in result.stdout


def test_intact_warc_reads_every_record(tmp_path):
    assert [d.url for d in iter_documents(_warc(tmp_path))] == [f"http://clinic.example/{i}" for i in range(3)]
