"""Inputs: folders, globs, list files, http(s) on 127.0.0.1 (SSRF guard) and an S3-compatible
server on 127.0.0.1 read through boto3."""

from __future__ import annotations

import re
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape

import pytest

from vigipub.batch import triage
from vigipub.batch.errors import TriageInputError
from vigipub.batch.inputs import open_input, read_range, resolve_inputs
from vigipub.batch.local import TriageSettings, read_marker
from vigipub.batch.records import iter_records
from vigipub.batch.summary import read_pages


def test_folders_globs_and_lists(warcs, tmp_path) -> None:
    folder = warcs["clinic"].parent
    everything = resolve_inputs([str(folder)])
    assert {Path(p).name for p in everything} == {w.name for w in warcs.values()}
    assert resolve_inputs([str(folder / "c*.warc.gz")]) == [str(warcs["clinic"]), str(warcs["corrupt"])]
    listing = tmp_path / "warc.paths"
    listing.write_text(f"# collection of March\n{warcs['other']}\n\nclinic.warc.gz\n", encoding="utf-8")
    # relative lines: against --base, else against the list's folder
    assert resolve_inputs([str(listing)], base=str(folder)) == [str(warcs["other"]), str(warcs["clinic"])]
    assert resolve_inputs([str(listing)], base="s3://commoncrawl/") == [
        str(warcs["other"]),
        "s3://commoncrawl/clinic.warc.gz",
    ]
    import gzip

    packed = tmp_path / "warc.paths.gz"
    packed.write_bytes(gzip.compress(b"crawl-data/CC-MAIN-2026-10/one.warc.gz\n"))
    assert resolve_inputs([str(packed)], base="https://data.commoncrawl.org/") == [
        "https://data.commoncrawl.org/crawl-data/CC-MAIN-2026-10/one.warc.gz"
    ]
    for bad in (str(tmp_path / "none.warc.gz"), str(tmp_path / "*.nothing")):
        with pytest.raises(TriageInputError):
            resolve_inputs([bad])


class _FileServer(BaseHTTPRequestHandler):
    """Serves files of ``root`` with Range support; S3's GetObject and ListObjectsV2 too."""

    root: Path

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802
        parts = urlsplit(self.path)
        query = parse_qs(parts.query)
        if "list-type" in query:  # S3 ListObjectsV2 on a "bucket" folder
            bucket = self.root / parts.path.strip("/")
            prefix = query.get("prefix", [""])[0]
            keys = sorted(p.name for p in bucket.iterdir() if p.name.startswith(prefix))
            items = "".join(
                f"<Contents><Key>{escape(k)}</Key><Size>{(bucket / k).stat().st_size}</Size></Contents>"
                for k in keys
            )
            body = (
                '<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">'
                f"<Name>{bucket.name}</Name><Prefix>{escape(prefix)}</Prefix><KeyCount>{len(keys)}</KeyCount>"
                f"<IsTruncated>false</IsTruncated>{items}</ListBucketResult>"
            ).encode()
            self._send(200, body, "application/xml")
            return
        path = self.root / parts.path.lstrip("/")
        if not path.is_file():
            self._send(404, b"<Error><Code>NoSuchKey</Code></Error>", "application/xml")
            return
        data = path.read_bytes()
        wanted = re.fullmatch(r"bytes=(\d+)-(\d+)", self.headers.get("Range", ""))
        if wanted:
            start, end = int(wanted[1]), int(wanted[2])
            self._send(206, data[start : end + 1], "application/octet-stream")
        else:
            self._send(200, data, "application/octet-stream")

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server(warcs) -> Iterator[str]:
    handler = type("Handler", (_FileServer,), {"root": warcs["clinic"].parent.parent})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_http_inputs_stream_and_re_read(server, warcs, tmp_path) -> None:
    url = f"{server}/{warcs['clinic'].parent.name}/{warcs['clinic'].name}"
    with open_input(url, allow_private=True) as (stream, size):
        records = list(iter_records(stream, url))
    assert size == warcs["clinic"].stat().st_size
    with open(warcs["clinic"], "rb") as fh:
        assert [(r.url, r.offset, r.length) for r in records] == [
            (r.url, r.offset, r.length) for r in iter_records(fh, "x")
        ]
    first = records[0]
    assert (
        read_range(url, first.offset, first.length, allow_private=True)
        == warcs["clinic"].read_bytes()[first.offset : first.offset + first.length]
    )
    run = triage([url], tmp_path / "r", settings=TriageSettings(allow_private=True), progress=False)
    assert run.ok and {r["url"] for r in read_pages(tmp_path / "r").to_pylist()} == {r.url for r in records}


def test_private_addresses_are_refused_without_allow_private(server, warcs, tmp_path) -> None:
    url = f"{server}/{warcs['clinic'].parent.name}/{warcs['clinic'].name}"
    run = triage([url], tmp_path / "r", settings=TriageSettings(), progress=False)
    assert not run.ok
    error = read_marker(tmp_path / "r", url)["error"]
    assert "refused" in error and "127.0.0.1" in error


def test_names_are_resolved_and_checked_before_connecting(server, warcs, monkeypatch) -> None:
    """A name is resolved by the guard (the capture's rules): its checked address is the one
    connected to; a private answer is refused, a metadata one even with --allow-private."""
    real = socket.getaddrinfo
    answers = {"archives.test": "127.0.0.1", "meta.test": "169.254.169.254"}

    def fake_getaddrinfo(host, port, *args, **kwargs):  # type: ignore[no-untyped-def]
        if host in answers:
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (answers[host], port))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", fake_getaddrinfo)
    path = f"/{warcs['clinic'].parent.name}/{warcs['clinic'].name}"
    named = server.replace("127.0.0.1", "archives.test") + path
    with open_input(named, allow_private=True) as (stream, size):
        assert stream.read(-1) == warcs["clinic"].read_bytes() and size == warcs["clinic"].stat().st_size
    with pytest.raises(TriageInputError) as refused, open_input(named):
        pass
    assert "archives.test resolves to 127.0.0.1 (loopback); refused (--allow-private lifts this)" in str(refused.value)
    with pytest.raises(TriageInputError) as metadata, open_input("http://meta.test/x.warc.gz", allow_private=True):
        pass
    assert "(cloud metadata); refused" in str(metadata.value) and "lifts" not in str(metadata.value)


def test_s3_inputs_through_boto3(server, warcs, tmp_path, monkeypatch) -> None:
    config = tmp_path / "aws-config"
    config.write_text("[default]\nregion = eu-west-3\ns3 =\n    addressing_style = path\n", encoding="utf-8")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config))
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "test")
    monkeypatch.setenv("AWS_ENDPOINT_URL", server)
    bucket = warcs["clinic"].parent.name
    listed = resolve_inputs([f"s3://{bucket}/cl"])  # an exact key…
    assert listed == [f"s3://{bucket}/cl"]
    listed = resolve_inputs([f"s3://{bucket}/"])  # …or every WARC under a prefix
    assert sorted(listed) == sorted(f"s3://{bucket}/{w.name}" for w in warcs.values())
    location = f"s3://{bucket}/{warcs['clinic'].name}"
    with open_input(location) as (stream, size):
        records = list(iter_records(stream, location))
    assert size == warcs["clinic"].stat().st_size and records
    assert read_range(location, records[0].offset, records[0].length)[:2] == b"\x1f\x8b"
    with pytest.raises(TriageInputError), open_input(f"s3://{bucket}/missing.warc.gz"):
        pass
