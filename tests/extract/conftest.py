"""WARC fixtures built with warcio at test time (real records, deliberately mixed)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from tests._pdf import one_page_pdf
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HTML_FR = (
    '<html lang="fr"><head><meta charset="utf-8"><title>Clinique</title></head><body>'
    "<h1>Thérapie dendritique</h1><p>Les cellules dendritiques guérissent le cancer. "
    "Sans effets secondaires.</p><a href='/fr/tarifs' hreflang='fr'>Tarifs</a></body></html>"
).encode()
RENDERED = (
    "<html><body><p>Rendered DOM: les cellules souches régénèrent le cartilage.</p></body></html>"
).encode()


def _response(writer: WARCWriter, uri: str, status: str, ctype: str, body: bytes) -> None:
    http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=http)
    )


def _resource(writer: WARCWriter, uri: str, kind: str, ctype: str, body: bytes) -> None:
    headers = {"WARC-Resource-Type": kind}
    record = writer.create_warc_record(
        uri, "resource", payload=io.BytesIO(body), warc_content_type=ctype, warc_headers_dict=headers
    )
    writer.write_record(record)


def write_warc(path: Path) -> Path:
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        _response(writer, "https://clinic.example/fr/", "200 OK", "text/html; charset=utf-8", HTML_FR)
        _response(writer, "https://clinic.example/missing", "404 Not Found", "text/html", b"<p>not found</p>")
        _response(writer, "https://clinic.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n")
        _response(
            writer,
            "https://clinic.example/brochure.pdf",
            "200 OK",
            "application/pdf",
            one_page_pdf("Dendritic cell vaccine cures cancer"),
        )
        _resource(writer, "https://clinic.example/fr/", "rendered-dom", "text/html", RENDERED)
        _resource(writer, "https://clinic.example/fr/", "screenshot", "image/png", b"\x89PNG\r\n\x1a\n")
    return path


@pytest.fixture()
def warc_file(tmp_path: Path) -> Path:
    return write_warc(tmp_path / "capture.warc.gz")
