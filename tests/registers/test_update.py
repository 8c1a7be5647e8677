"""``registry update`` against a local HTTP server: good files replace the snapshot, damaged
ones are refused with a message naming the file and line/column, and the previous snapshot
stays usable (same bytes, same answers)."""

from __future__ import annotations

import hashlib
import http.server
import shutil
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

import pytest

from vigipub.cli.main import main
from vigipub.registers import RegisterDownloadError, Registers, RegistersError
from vigipub.registers.formats import EMA_FILE
from vigipub.registers.store import SourceFile
from vigipub.registers.update import update

from .test_formats import _swap, ema_variant


class _Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (stdlib signature)
        pass

    def do_GET(self) -> None:  # noqa: N802 (stdlib name)
        if self.path.startswith("/lying/"):
            # Announces more bytes than it sends: a cut connection.
            self.send_response(200)
            self.send_header("Content-Length", "999999")
            self.end_headers()
            self.wfile.write(b"61266250\tA\n")
            return
        super().do_GET()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    root = tmp_path_factory.mktemp("www")
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(_Handler, directory=str(root)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", root
    httpd.shutdown()
    httpd.server_close()


def _publish(root: Path, scenario: str, files: dict[str, bytes]) -> tuple[str, str]:
    (root / scenario / "bdpm").mkdir(parents=True)
    (root / scenario / "ema").mkdir()
    for name, data in files.items():
        (root / scenario / ("ema" if name == EMA_FILE else "bdpm") / name).write_bytes(data)
    return f"/{scenario}/bdpm", f"/{scenario}/ema/{EMA_FILE}"


@pytest.fixture()
def current_db(db_path: Path, tmp_path: Path) -> Path:
    """A private copy of the session database: the 'previous snapshot' of each test."""
    path = tmp_path / "registers.sqlite"
    shutil.copyfile(db_path, path)
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_update_from_publishers_replaces_the_snapshot(server: tuple[str, Path], shipped: dict[str, SourceFile],
                                                      current_db: Path) -> None:  # fmt: skip
    base, root = server
    bdpm, ema = _publish(root, "good", {n: f.data for n, f in shipped.items()})
    before = _digest(current_db)
    report = update(current_db, bdpm_base=base + bdpm, ema_url=base + ema)
    assert report.entries == {"BDPM": 15848, "EMA": 2673}
    assert report.seconds_parse > 0 and report.seconds_build > 0  # timings are reported (benchmarks/registers_bench.py measures them)
    assert _digest(current_db) != before
    with Registers.open(current_db) as reg:
        sources = {s.registry: s for s in reg.sources()}
        assert sources["BDPM"].snapshot_date == datetime.now(UTC).date()  # download date
        assert sources["BDPM"].source_url == f"{base}{bdpm}/CIS_bdpm.txt"
        assert str(sources["EMA"].snapshot_date) == "2026-03-14"  # written in the file by EMA
        assert reg.status()["origin"] == "download"
        assert reg.lookup("Kymriah")[0].product == "Kymriah"


def _cis(mutate: Callable[[bytes], bytes]) -> Callable[[dict[str, bytes]], dict[str, bytes]]:
    return lambda files: {**files, "CIS_bdpm.txt": mutate(files["CIS_bdpm.txt"])}


def _compo(mutate: Callable[[bytes], bytes]) -> Callable[[dict[str, bytes]], dict[str, bytes]]:
    return lambda files: {**files, "CIS_COMPO_bdpm.txt": mutate(files["CIS_COMPO_bdpm.txt"])}


def _ema(mutate: Callable[[bytes], bytes]) -> Callable[[dict[str, bytes]], dict[str, bytes]]:
    return lambda files: {**files, EMA_FILE: mutate(files[EMA_FILE])}


def _without(name: str) -> Callable[[dict[str, bytes]], dict[str, bytes]]:
    return lambda files: {n: d for n, d in files.items() if n != name}


BAD_VARIANTS = [
    pytest.param(_cis(lambda d: d[: len(d) // 2].rstrip(b"\n") + b"x"),
                 r"CIS_bdpm\.txt: line \d+: file does not end with a newline", id="cis-truncated"),
    pytest.param(_cis(lambda d: b"\n".join(d.split(b"\n")[:6000]) + b"\n"),
                 r"CIS_bdpm\.txt: 6000 entries against 15848 in the current snapshot", id="cis-row-drop"),
    pytest.param(_cis(lambda d: d.decode("cp1252").encode("utf-16")), r"CIS_bdpm\.txt: .*UTF-16", id="cis-utf16"),
    pytest.param(_cis(lambda d: d.decode("latin-1").encode("utf-8")),
                 r"CIS_bdpm\.txt: line \d+, column \d+: a C1 control character", id="cis-latin1-wrong-bytes"),
    pytest.param(_cis(lambda d: b"\n".join(_swap(line, 5, 6) for line in d.split(b"\n"))),
                 r"CIS_bdpm\.txt: line 1, column 6 \(Type de procédure", id="cis-reordered"),
    pytest.param(_compo(lambda d: b"\n".join(line.replace(b"\t", b"", 1) if i == 41 else line
                                            for i, line in enumerate(d.split(b"\n")))),
                 r"CIS_COMPO_bdpm\.txt: line 42: 7 columns, expected 8", id="compo-bad-line"),
    pytest.param(_ema(lambda d: d[:-5000]), rf"{EMA_FILE}: not a readable xlsx workbook", id="ema-truncated"),
    pytest.param(_ema(lambda d: ema_variant(d, b">Advanced therapy<", b">ATMP<")),
                 rf"{EMA_FILE}: row 9 \(header\): missing column\(s\) 'Advanced therapy'", id="ema-header"),
    pytest.param(_without("CIS_COMPO_bdpm.txt"), r"HTTP 404 for CIS_COMPO_bdpm\.txt", id="http-404"),
]  # fmt: skip


@pytest.mark.parametrize(("variant", "message"), BAD_VARIANTS)
def test_damaged_download_is_refused_and_previous_snapshot_kept(
    server: tuple[str, Path], shipped: dict[str, SourceFile], current_db: Path, variant: Callable, message: str,
    request: pytest.FixtureRequest,
) -> None:  # fmt: skip
    base, root = server
    bdpm, ema = _publish(root, request.node.callspec.id, variant({n: f.data for n, f in shipped.items()}))
    before = _digest(current_db)
    with pytest.raises(RegistersError, match=message) as info:
        update(current_db, bdpm_base=base + bdpm, ema_url=base + ema)
    assert "\n" not in str(info.value)
    assert _digest(current_db) == before
    assert not list(current_db.parent.glob("*.tmp"))  # no leftover temporary database
    with Registers.open(current_db) as reg:
        assert reg.lookup("Kymriah")[0].authorised
        assert str({s.registry: s for s in reg.sources()}["BDPM"].snapshot_date) == "2026-07-07"


def test_cut_connection_is_a_download_error(server: tuple[str, Path], current_db: Path) -> None:
    base, _ = server
    with pytest.raises(RegisterDownloadError, match="CIS_bdpm.txt"):
        update(current_db, bdpm_base=base + "/lying", ema_url=base + "/lying/x.xlsx")


def test_cli_update_failure_is_one_line_with_exit_code_2(
    server: tuple[str, Path],
    shipped: dict[str, SourceFile],
    current_db: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    base, root = server
    files = {n: f.data for n, f in shipped.items()}
    files["CIS_bdpm.txt"] = files["CIS_bdpm.txt"].decode("cp1252").encode("utf-16")
    bdpm, ema = _publish(root, "cli-bad", files)
    code = main(
        ["registry", "update", "--bdpm-url", base + bdpm, "--ema-url", base + ema, "--db", str(current_db)]
    )
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert err[-1].startswith("error: CIS_bdpm.txt: ") and "UTF-16" in err[-1]


def test_update_from_dir_with_operator_date(tmp_path: Path, shipped: dict[str, SourceFile]) -> None:
    folder = tmp_path / "files"
    (folder / "nested").mkdir(parents=True)
    for name, source in shipped.items():
        (folder / "nested" / name).write_bytes(source.data)
    db = tmp_path / "fresh.sqlite"
    code = main(
        ["registry", "update", "--from-dir", str(folder), "--bdpm-date", "2026-07-07", "--db", str(db)]
    )
    assert code == 0
    with Registers.open(db) as reg:
        dates = {s.registry: str(s.snapshot_date) for s in reg.sources()}
        assert dates == {"BDPM": "2026-07-07", "EMA": "2026-03-14"}
        assert reg.status()["origin"].startswith("dir:")


def test_from_dir_with_a_missing_file_keeps_the_snapshot(
    tmp_path: Path, shipped: dict[str, SourceFile], current_db: Path
) -> None:
    folder = tmp_path / "partial"
    folder.mkdir()
    (folder / "CIS_bdpm.txt").write_bytes(shipped["CIS_bdpm.txt"].data)
    (folder / "CIS_COMPO_bdpm.txt").write_bytes(shipped["CIS_COMPO_bdpm.txt"].data)
    before = _digest(current_db)
    with pytest.raises(RegistersError, match=f"register file {EMA_FILE} not found"):
        update(current_db, from_dir=folder)
    assert _digest(current_db) == before


def test_from_dir_with_a_corrupted_gzip_copy(
    tmp_path: Path, shipped: dict[str, SourceFile], current_db: Path
) -> None:
    folder = tmp_path / "gz"
    folder.mkdir()
    for name, source in shipped.items():
        (folder / name).write_bytes(source.data)
    (folder / "CIS_bdpm.txt").unlink()
    (folder / "CIS_bdpm.txt.gz").write_bytes(b"\x1f\x8b\x08\x00broken")
    with pytest.raises(RegistersError, match=r"CIS_bdpm\.txt\.gz: unreadable"):
        update(current_db, from_dir=folder)


def test_update_never_replaces_an_unrelated_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """QA: `registry update --db notes.txt` replaced the file with a SQLite database."""
    notes = tmp_path / "notes.txt"
    notes.write_text("precious", encoding="utf-8")
    code = main(["registry", "update", "--from-dir", str(tmp_path), "--db", str(notes)])
    assert code == 2
    assert "is not a SQLite database: refusing to replace it" in capsys.readouterr().err
    assert notes.read_text(encoding="utf-8") == "precious"
