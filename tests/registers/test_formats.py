"""Validation of register files: real files pass, damaged variants fail with file + line/column."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from vigipub.registers.errors import RegisterEncodingError, RegisterFileError, RegisterLayoutError
from vigipub.registers.formats import EMA_FILE, parse_date, read_bdpm, read_ema
from vigipub.registers.store import SourceFile

CIS, COMPO = "CIS_bdpm.txt", "CIS_COMPO_bdpm.txt"


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def test_real_bdpm_files_parse_with_readme_counts(shipped: dict[str, SourceFile]) -> None:
    cis = read_bdpm(shipped[CIS].data, CIS)
    compo = read_bdpm(shipped[COMPO].data, COMPO)
    assert (cis.encoding, len(cis.rows)) == ("cp1252", 15848)
    assert (compo.encoding, len(compo.rows)) == ("cp1252", 32466)
    kymriah = next(r for r in cis.rows if r[0] == "65647882")
    assert (
        kymriah[9] == "EU/1/18/1297" and kymriah[10] == "NOVARTIS EUROPHARM (IRLANDE)"
    )  # leading space stripped
    assert sum(r[5] == "Procédure centralisée" for r in cis.rows) == 2325


def test_real_ema_file_parses(shipped: dict[str, SourceFile]) -> None:
    ema = read_ema(shipped[EMA_FILE].data)
    assert len(ema.rows) == 2673
    assert ema.generated is not None and ema.generated.isoformat() == "2026-03-14T06:00:00"
    assert sum(r["Advanced therapy"] == "Yes" for r in ema.rows) == 35
    assert "Generic" in ema.header


def test_isolated_date_typo_is_tolerated(shipped: dict[str, SourceFile]) -> None:
    lines = _lines(shipped[CIS].data)
    fields = lines[10].split(b"\t")
    fields[7] = b"29/11/2924"
    lines[10] = b"\t".join(fields)
    parsed = read_bdpm(b"\n".join(lines), CIS)
    assert len(parsed.rows) == 15848
    assert parsed.rows[10][7] == "29/11/2924"  # kept raw
    assert parse_date("29/11/2924") is None and parse_date("07/07/2026") is not None


def test_trailing_tab_and_lf_layouts_are_accepted(shipped: dict[str, SourceFile]) -> None:
    # 2022-2023 copies of CIS_COMPO end every line with a tab; mid-2025 copies were UTF-8 CRLF.
    text = shipped[COMPO].data.decode("cp1252")
    variant = "".join(line + "\t\r\n" for line in text.split("\n")[:-1]).encode("utf-8")
    parsed = read_bdpm(variant, COMPO)
    assert parsed.encoding == "utf-8" and len(parsed.rows) == 32466 and len(parsed.rows[0]) == 8


@pytest.mark.parametrize(
    ("mutate", "error", "message"),
    [
        pytest.param(lambda d: d[: len(d) * 3 // 5].rstrip(b"\n") + b"x", RegisterLayoutError,
                     r"CIS_bdpm\.txt: line \d+: file does not end with a newline", id="truncated-mid-line"),
        pytest.param(lambda d: b"\n".join(d.split(b"\n")[:1000]) + b"\n", RegisterLayoutError,
                     r"CIS_bdpm\.txt: only 1000 rows", id="truncated-at-line"),
        pytest.param(lambda d: d.decode("cp1252").encode("utf-16"), RegisterEncodingError,
                     r"CIS_bdpm\.txt: .*UTF-16", id="utf16"),
        pytest.param(lambda d: d.decode("cp1252").encode("utf-16-le"), RegisterEncodingError,
                     r"CIS_bdpm\.txt: NUL byte at line 1", id="utf16-no-bom"),
        pytest.param(lambda d: d.decode("latin-1").encode("utf-8"), RegisterEncodingError,
                     r"CIS_bdpm\.txt: line \d+, column \d+: a C1 control character", id="cp1252-read-as-latin1"),
        pytest.param(lambda d: d.decode("cp1252").encode("utf-8").decode("latin-1").encode("utf-8"),
                     RegisterEncodingError, r"CIS_bdpm\.txt: line \d+, column \d+: ", id="double-encoded"),
        pytest.param(lambda d: b"\n".join(ln + b"\x81" if i == 99 else ln for i, ln in enumerate(d.split(b"\n"))),
                     RegisterEncodingError, r"CIS_bdpm\.txt: line 100, byte column \d+: byte 0x81", id="stray-byte"),
        pytest.param(lambda d: b"\n".join(_swap(ln, 4, 5) for ln in d.split(b"\n")), RegisterLayoutError,
                     r"CIS_bdpm\.txt: line 1, column 5 \(Statut administratif", id="reordered-columns"),
        pytest.param(lambda d: b"\n".join(_swap(ln, 7, 8) for ln in d.split(b"\n")), RegisterLayoutError,
                     r"CIS_bdpm\.txt: line \d+, column 8 \(Date d'AMM\): \d+ unparsable", id="dates-swapped"),
        pytest.param(lambda d: b"\n".join(ln.replace(b"\t", b" ", 1) if i == 49 else ln
                                          for i, ln in enumerate(d.split(b"\n"))),
                     RegisterLayoutError, r"CIS_bdpm\.txt: line 50: 11 columns, expected 12", id="missing-column"),
        pytest.param(lambda d: b"", RegisterLayoutError, r"CIS_bdpm\.txt: file is empty", id="empty"),
        # QA: a maintenance page served with status 200 was reported as a truncated download
        pytest.param(lambda d: b"<!DOCTYPE html><html><body>Maintenance</body></html>", RegisterLayoutError,
                     r"CIS_bdpm\.txt: file is an HTML page", id="html-error-page"),
        pytest.param(lambda d: b"\n  <html lang=fr><p>Service indisponible</p></html>\n", RegisterLayoutError,
                     r"CIS_bdpm\.txt: file is an HTML page", id="html-with-newline"),
    ],
)  # fmt: skip
def test_damaged_cis_file_is_rejected(
    shipped: dict[str, SourceFile], mutate: object, error: type[Exception], message: str
) -> None:
    data = mutate(shipped[CIS].data)  # type: ignore[operator]
    with pytest.raises(error) as info:
        read_bdpm(data, CIS)
    assert re.search(message, str(info.value)), str(info.value)
    assert "\n" not in str(info.value)


def _swap(line: bytes, i: int, j: int) -> bytes:
    if not line:
        return line
    fields = line.split(b"\t")
    fields[i], fields[j] = fields[j], fields[i]
    return b"\t".join(fields)


def test_unknown_bdpm_file_is_rejected() -> None:
    with pytest.raises(RegisterFileError, match="unknown BDPM file"):
        read_bdpm(b"1\t2\n", "CIS_XYZ_bdpm.txt")


def _rezip(data: bytes, member: str, edit: object) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            payload = source.read(item.filename)
            if item.filename == member:
                payload = edit(payload)  # type: ignore[operator]
            target.writestr(item, payload)
    return out.getvalue()


def ema_variant(data: bytes, old: bytes, new: bytes) -> bytes:
    """The EMA workbook with the first occurrence of a cell text (header cells are inline) replaced."""

    def edit(xml: bytes) -> bytes:
        assert old in xml
        return xml.replace(old, new, 1)

    return _rezip(data, "xl/worksheets/sheet1.xml", edit)


def test_ema_generic_or_hybrid_header_variant_is_accepted(shipped: dict[str, SourceFile]) -> None:
    data = ema_variant(shipped[EMA_FILE].data, b">Generic<", b">Generic or hybrid<")
    parsed = read_ema(data)
    assert "Generic or hybrid" in parsed.header and len(parsed.rows) == 2673


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        pytest.param(lambda d: d[: len(d) // 2], r"not a readable xlsx workbook", id="truncated-zip"),
        pytest.param(lambda d: b"<html><body>Maintenance</body></html>", r"no ZIP signature", id="html-page"),
        pytest.param(lambda d: ema_variant(d, b">Medicine status<", b">Status<"),
                     r"row 9 \(header\): missing column\(s\) 'Medicine status'", id="renamed-header"),
        pytest.param(lambda d: ema_variant(d, b">Category<", b">TMP<"),
                     r"row 9 \(header\): missing column\(s\) 'Category'", id="missing-header"),
        pytest.param(lambda d: ema_variant(ema_variant(ema_variant(d, b">Category<", b">TMP<"),
                                                       b">Name of medicine<", b">Category<"), b">TMP<", b">Name of medicine<"),
                     r"row 10, column B \(Category\): unexpected value", id="reordered-columns"),
    ],
)  # fmt: skip
def test_damaged_ema_file_is_rejected(shipped: dict[str, SourceFile], mutate: object, message: str) -> None:
    with pytest.raises(RegisterLayoutError) as info:
        read_ema(mutate(shipped[EMA_FILE].data))  # type: ignore[operator]
    assert str(info.value).startswith(EMA_FILE + ": ")
    assert re.search(message, str(info.value)), str(info.value)
