"""Small WARC files written for the batch tests (some deliberately corrupt or truncated)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pytest
from tests._pdf import one_page_pdf
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from . import pages as P


@dataclass(frozen=True)
class Resp:
    url: str
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: str = "200 OK"
    date: str = "2026-03-01T10:00:00Z"


def write_warc(path: Path, responses: list[Resp], gzip: bool = True) -> Path:
    """A WARC like a crawler's: warcinfo, then request + response for each page."""
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "vigipub tests"}))
        for r in responses:
            request = StatusAndHeaders(
                "GET / HTTP/1.1", [("Host", r.url.split("/")[2])], is_http_request=True
            )
            writer.write_record(
                writer.create_warc_record(
                    r.url, "request", http_headers=request, warc_headers_dict={"WARC-Date": r.date}
                )
            )
            http = StatusAndHeaders(r.status, [("Content-Type", r.content_type)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    r.url, "response", payload=io.BytesIO(r.body), http_headers=http,
                    warc_headers_dict={"WARC-Date": r.date},
                )
            )  # fmt: skip
    return path


def clinic_responses() -> list[Resp]:
    return [
        Resp("https://www.espoir-cellulaire.fr/autisme", P.CLINIC_FR.encode(), date="2026-02-10T08:00:00Z"),
        Resp(
            "https://rdv.espoir-cellulaire.fr/tarifs",
            P.CLINIC_FR_PRICES.encode(),
            date="2026-02-12T08:00:00Z",
        ),
        Resp("https://www.espoir-cellulaire.fr/logo.png", b"\x89PNG\r\n\x1a\nnot really", "image/png"),
        Resp("https://www.espoir-cellulaire.fr/old", b"", "text/html", "301 Moved Permanently"),
        Resp("https://news.gazette-locale.example.com/bus", P.NEWS_NO_THERAPY.encode()),
        Resp("https://centre-regeneration.ch/", P.CLINIC_ENTITIES.encode(), date="2026-01-05T08:00:00Z"),
    ]


def other_responses() -> list[Resp]:
    return [
        Resp("https://renewal-exosomes.com/parkinson", P.EXOSOME_EN.encode(), date="2026-02-20T09:00:00Z"),
        Resp("https://www.health-news.example.org/warning", P.NEWS_REPORTING.encode()),
        Resp("https://recipes.example.net/weekend", P.MARKUP_ONLY.encode()),
        Resp("https://cellules-geneve.ch/", P.CP1252_FR.encode("cp1252"), "text/html; charset=windows-1252"),
        Resp(
            "https://www.espoir-cellulaire.fr/brochure.pdf",
            one_page_pdf("Nos cellules souches guerissent le diabete. Prenez rendez-vous."),
            "application/pdf",
        ),
    ]


@pytest.fixture(scope="session")
def warcs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Two good WARCs (gzip and plain), a corrupt one and a truncated one."""
    folder = tmp_path_factory.mktemp("warcs")
    clinic = write_warc(folder / "clinic.warc.gz", clinic_responses())
    other = write_warc(folder / "other.warc", other_responses(), gzip=False)
    data = clinic.read_bytes()
    truncated = folder / "truncated.warc.gz"
    truncated.write_bytes(data[: len(data) - 200])
    corrupt = folder / "corrupt.warc.gz"
    middle = len(data) // 2
    corrupt.write_bytes(data[:middle] + b"\x00garbage in the middle\x00" * 20 + data[middle:])
    return {"clinic": clinic, "other": other, "truncated": truncated, "corrupt": corrupt}


@pytest.fixture(scope="session")
def triager():
    from vigipub.batch.rows import Triager

    return Triager("therapy")
