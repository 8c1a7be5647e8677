"""A WARC recorded in an ordinary browser (the way ArchiveWeb.page or wget write one) becomes a
sealed evidence folder, and the whole chain runs on it (pages written for this test)."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from vigipub.capture import CaptureOptions, verify_evidence
from vigipub.capture.errors import EmptySiteError, OutputNotEmptyError
from vigipub.capture.importer import IMPORTED_FROM_HEADER, import_warc
from vigipub.cli.main import main
from vigipub.evidence import FindingsFile, InputError

HOME = (
    "<!doctype html><html lang='fr'><head><title>Clinique Nova – cellules souches</title></head><body>"
    "<h1>Cellules souches contre l'arthrose du genou</h1>"
    "<p>Nous traitons l'arthrose par des cellules souches mésenchymateuses cultivées dans notre laboratoire.</p>"
    "<p>Les cellules souches régénèrent le cartilage : 90 % de nos patients n'ont plus mal.</p>"
    "<p><a href='/tarifs'>Tarifs</a> · Prenez rendez-vous au +33 1 23 45 67 89</p>"
    "<footer>Clinique Nova SA, Rue du Lac 5, 1201 Genève, Suisse</footer></body></html>"
)
PRICES = (
    "<!doctype html><html lang='fr'><head><title>Tarifs</title></head><body><h1>Tarifs</h1>"
    "<p>Injection de cellules souches dans le genou : 4 900 €.</p></body></html>"
)


def _recorded_warc(path: Path) -> None:
    """What a browser recorder writes: warcinfo, request/response pairs, a gzip-encoded page, an
    image, a page of another site, a page recorded twice."""
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        writer.write_record(writer.create_warcinfo_record("rec.warc.gz", {"software": "ArchiveWeb.page 0.12"}))

        def exchange(url: str, body: bytes, ctype: str, extra: list[tuple[str, str]] | None = None) -> None:
            request = StatusAndHeaders("GET / HTTP/1.1", [("User-Agent", "Mozilla/5.0 (Inspector)")], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", http_headers=request))
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype), *(extra or [])], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
            )

        exchange("https://clinique-nova.example/", HOME.encode(), "text/html; charset=utf-8")
        exchange(
            "https://clinique-nova.example/tarifs",
            gzip.compress(PRICES.encode()),
            "text/html; charset=utf-8",
            [("Content-Encoding", "gzip")],
        )
        exchange("https://clinique-nova.example/logo.png", b"\x89PNG\r\n", "image/png")
        exchange("https://cdn.other.example/widget.html", b"<html><body>chat</body></html>", "text/html")
        exchange("https://clinique-nova.example/", b"<html><body>reloaded</body></html>", "text/html")


def test_a_browser_recorded_warc_becomes_sealed_evidence(tmp_path: Path) -> None:
    source = tmp_path / "recorded.warc.gz"
    _recorded_warc(source)
    out = tmp_path / "evidence"
    manifest = import_warc(source, out, CaptureOptions())
    assert manifest.seed_url == "https://clinique-nova.example/"
    assert [p.url for p in manifest.pages] == ["https://clinique-nova.example/", "https://clinique-nova.example/tarifs"]
    assert manifest.user_agent == "Mozilla/5.0 (Inspector)"
    assert any("ArchiveWeb.page" in n and "recorded outside vigipub" in n for n in manifest.notes)
    assert "1 page(s) of other sites" in manifest.notes[1] and "1 other response(s)" in manifest.notes[1]
    # the recorded file is kept as given, and every digest and signature holds
    assert (out / "source" / "recorded.warc.gz").read_bytes() == source.read_bytes()
    report = verify_evidence(out)
    assert report.ok, report.failures()
    # the gzip-encoded page is stored decoded, with the record it came from
    from vigipub.capture.warc import iter_records

    records = {r.target_uri: r for r in iter_records(out / "capture.warc.gz") if r.record_type == "response"}
    tarifs = records["https://clinique-nova.example/tarifs"]
    assert b"4 900" in tarifs.payload() and tarifs.headers.get(IMPORTED_FROM_HEADER, "").startswith("<urn:uuid:")


def test_the_chain_runs_on_an_imported_recording(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "recorded.warc.gz"
    _recorded_warc(source)
    dossier = tmp_path / "dossier"
    assert main(["investigate", "--import-warc", str(source), "--out", str(dossier)]) == 0
    findings = FindingsFile.model_validate_json((dossier / "findings.json").read_bytes())
    assert findings.site is not None and findings.site.verdict == "promotion"
    assert (dossier / "decision.html").is_file() and (dossier / "report.html").is_file()
    # the report says where the pages come from
    assert "Enregistrement fait hors de vigipub" in (dossier / "report.html").read_text(encoding="utf-8")
    assert main(["verify", str(dossier)]) in (0, 3)  # anchored or signed by an untrusted test key
    assert "clinique-nova.example" in capsys.readouterr().out


def test_a_file_that_is_not_a_recording_of_the_site_is_refused_and_leaves_nothing(tmp_path: Path) -> None:
    junk = tmp_path / "notes.warc.gz"
    junk.write_bytes(b"this is not a WARC file at all\n" * 10)
    with pytest.raises(InputError, match="not a readable WARC"):
        import_warc(junk, tmp_path / "a")
    assert not (tmp_path / "a").exists()
    source = tmp_path / "recorded.warc.gz"
    _recorded_warc(source)
    with pytest.raises(EmptySiteError, match="no HTML or PDF page of the site"):
        import_warc(source, tmp_path / "b", seed_url="https://another-site.example/")
    assert not (tmp_path / "b").exists()
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "keep.txt").write_text("x")
    with pytest.raises(OutputNotEmptyError):
        import_warc(source, tmp_path / "c")
    assert (tmp_path / "c" / "keep.txt").is_file()
